// SPDX-License-Identifier: Apache-2.0
// The normalised event: one record per sensor document, with ECS field names, that every format and
// connector maps into. Strings are UTF-8 (std::string) because ingest is the hot path: converting a
// million records to QString would cost more than parsing them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace Vigie {

enum class EventKind : std::uint8_t { Event = 0, Alert = 1 };

// The layouts Vigie reads. Stored as an integer in the store: never renumber, only append.
enum class Format : std::uint8_t {
    Unknown = 0,
    SuricataEve = 1,
    ZeekJson = 2,
    ZeekTsv = 3,
    Wazuh = 4,
    WindowsHelk = 5,      // HELK/OTRF flattened Windows events
    SentinelWindows = 6,  // Microsoft Sentinel SecurityEvent / WindowsEvent rows
    Defender365 = 7,      // Microsoft 365 Defender advanced-hunting rows
    AzureAdAudit = 8,     // Azure AD audit rows (Sentinel AuditLogs)
    OfficeActivity = 9,   // Office 365 activity rows (Sentinel OfficeActivity)
    Winlogbeat = 10,      // Winlogbeat / ECS with winlog.event_data
    SigmaRegression = 11, // Event.System / Event.EventData (SigmaHQ regression data)
    ElasticEcs = 12,      // Elastic ECS documents, including security alerts
    TheHiveAlert = 13,    // TheHive 5 alerts (API v1)
};

// Stable, untranslated identifier of a format, as used on the command line (--format) and in JSON.
std::string_view formatName(Format f);
Format formatFromName(std::string_view name);

// Severity on the ECS 0–100 scale; the usual bands (Elastic's): low 21, medium 47, high 73,
// critical 99.
namespace Severity {
constexpr int Unknown = -1;
constexpr int Low = 21;
constexpr int Medium = 47;
constexpr int High = 73;
constexpr int Critical = 99;
} // namespace Severity

struct Event
{
    std::int64_t timestampUs = 0; // @timestamp, microseconds since the Unix epoch, UTC
    EventKind kind = EventKind::Event;
    Format format = Format::Unknown;
    int code = -1; // event.code (Windows event id), -1 when none
    int severity = Severity::Unknown;

    std::string category;         // event.category
    std::string type;             // event.type
    std::string action;           // event.action
    std::string outcome;          // event.outcome
    std::string dataset;          // event.dataset
    std::string ruleId;           // rule.id
    std::string ruleName;         // rule.name
    std::string hostName;         // host.name
    std::string hostId;           // host.id
    std::string hostIp;           // host.ip
    std::string userName;         // user.name
    std::string userDomain;       // user.domain
    std::string processEntityId;  // process.entity_id
    std::int64_t processPid = -1; // process.pid
    std::string processExecutable;
    std::string processName;
    std::string processCommandLine;
    std::string parentEntityId; // process.parent.entity_id
    std::int64_t parentPid = -1;
    std::string parentExecutable;
    std::string parentCommandLine;
    std::string targetEntityId;   // Target.process.entity_id (process access, remote threads)
    std::string targetExecutable; // Target.process.executable
    std::string sourceIp;
    int sourcePort = -1;
    std::string destinationIp;
    int destinationPort = -1;
    std::string networkTransport;
    std::string dnsQuestionName;
    std::string urlFull;
    std::string filePath;
    std::string fileHashSha256;
    std::string registryPath;
    std::string registryData;
    std::string techniqueIds; // threat.technique.id[], comma-separated (T1059.001,T1021)
    std::string tacticIds;    // threat.tactic.id[], comma-separated (TA0002,TA0008)
    std::string flowId;       // network.community_id / flow id tying records of one flow

    // Resets every field but keeps string capacity: normalisers reuse one Event per thread.
    void clear();
    bool isAlert() const { return kind == EventKind::Alert; }
};

// Appends `id` to a comma-separated list unless it is already there.
void appendListItem(std::string &list, std::string_view id);

} // namespace Vigie
