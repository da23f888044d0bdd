// SPDX-License-Identifier: Apache-2.0
// Root-cause analysis: from an incident's alerts back along what caused what (a process started by
// another, a file written then run, a service installed then started, a hijacked registry handler,
// a logon or a DCOM call from another host) to where the attack began, how it got in, and the
// chain of attacker actions from there. Activity on the same hosts that nothing links to the
// attack (agents, administrators, telemetry) stays out.
#pragma once

#include "core/events/result.h"
#include "core/store/store.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <utility>
#include <vector>

namespace Vigie::Analysis {

// One attacker action, or what the attacker made the system do.
struct RcaStep
{
    std::int64_t ts = 0;
    QString host;
    // spawned, started (already running when the events begin), executed (a file written earlier),
    // wrote, connected, logged_on, created_service, service_ran, registry_hijack, injected,
    // lateral_movement. Identifiers, not translated.
    QString action;
    QString entityId;       // the process the step is about (its ProcessGuid, or host:pid)
    QString parentEntityId; // the process that started it, or asked for it (a hijack's writer)
    QString executable, commandLine, user;
    QString target;    // the file, address:port, service, registry key or host acted on
    QString technique; // ATT&CK id, when the step is one
    std::vector<std::int64_t> evidence; // event ids
    QString why;                        // one translated sentence
};

struct RcaResult
{
    std::int64_t incident = 0;
    // exploit_public_facing, user_execution, malicious_document, remote_service, valid_accounts,
    // scheduled_task, removable_media, unknown (identifiers, not translated)
    QString entryKind = QStringLiteral("unknown");
    QString entryTechnique; // T1190, T1204, T1566, T1021, T1078, T1053, T1091; empty if unknown
    QString explanation;    // a translated paragraph citing events, programs and times
    std::vector<std::int64_t> entryEvidence;
    RcaStep root;
    std::vector<RcaStep> chain; // from the root (chain.front()) to the last attacker action
    QStringList hosts, users;
    QStringList ips;       // remote addresses: none of the store's hosts' own
    double confidence = 0; // 0–1
    int alerts = 0;        // distinct alerted actions with a process or service behind them
    int explained = 0;     // of which the chain explains
};

// Loads what the incident's causes can be made of (Store::causalEvents: its processes' ancestry
// and descendants, what links hosts and programs a day either side of its alerts, the hosts that
// reached its hosts), then runs rootCause() over them.
Result<RcaResult> analyseRootCause(const Store &store,
                                   std::int64_t incident,
                                   const std::atomic<bool> *cancel = nullptr);

// The analysis itself, pure. `hostAddresses`: each host's own addresses (lower-case name,
// address). `serviceNames`: the service an installation event (7045, 4697) names, by event id,
// from its original document (the store keeps no column for it).
RcaResult rootCause(std::int64_t incident,
                    const std::vector<IncidentEvent> &events,
                    const std::vector<std::pair<QString, QString>> &hostAddresses,
                    const QHash<std::int64_t, QString> &serviceNames = {});

// How an entry kind reads in the interface ("User execution").
QString entryKindName(const QString &kind);

} // namespace Vigie::Analysis
