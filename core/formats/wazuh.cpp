// SPDX-License-Identifier: Apache-2.0
// Wazuh / OSSEC alerts.json: every line is an alert of a rule with a level from 0 to 15.
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <algorithm>
#include <array>

namespace Vigie::Formats {

namespace {

// Wazuh levels 0–15 onto the ECS 0–100 scale, linearly, so that ordering by level is kept and
// level 11 lands on "high" (73).
int wazuhSeverity(std::int64_t level)
{
    level = std::clamp<std::int64_t>(level, 0, 15);
    return static_cast<int>((level * 100 + 7) / 15);
}

struct TacticName
{
    std::string_view name;
    std::string_view id;
};
// Wazuh names tactics; ATT&CK ids are what the rest of Vigie keys on.
constexpr std::array<TacticName, 14> kTactics = {{{"Reconnaissance", "TA0043"},
                                                  {"Resource Development", "TA0042"},
                                                  {"Initial Access", "TA0001"},
                                                  {"Execution", "TA0002"},
                                                  {"Persistence", "TA0003"},
                                                  {"Privilege Escalation", "TA0004"},
                                                  {"Defense Evasion", "TA0005"},
                                                  {"Credential Access", "TA0006"},
                                                  {"Discovery", "TA0007"},
                                                  {"Lateral Movement", "TA0008"},
                                                  {"Collection", "TA0009"},
                                                  {"Command and Control", "TA0011"},
                                                  {"Exfiltration", "TA0010"},
                                                  {"Impact", "TA0040"}}};

// "192.168.10.21:80" → ip and port; IPv6 addresses (more than one ':') are left whole.
void splitHostPort(std::string_view v, std::string &ip, int &port)
{
    const auto colon = v.rfind(':');
    if (colon != std::string_view::npos && v.find(':') == colon) {
        ip.assign(v.substr(0, colon));
        setPort(port, toInteger(v.substr(colon + 1)));
    } else {
        ip.assign(v);
    }
}

} // namespace

bool normaliseWazuh(const object &o, Event &e, std::string &error)
{
    const auto ts = parseTimestampUs(str(o, "timestamp"));
    if (!ts) {
        error = "timestamp missing or not a date";
        return false;
    }
    e.timestampUs = *ts;
    e.kind = EventKind::Alert;
    e.dataset = "wazuh.alerts";
    e.category = "intrusion_detection";
    const auto rule = child(o, "rule");
    if (!rule) {
        error = "no \"rule\" object";
        return false;
    }
    const auto level = integer(*rule, "level");
    if (!level) {
        error = "rule.level is not a number";
        return false;
    }
    e.severity = wazuhSeverity(*level);
    if (const auto id = field(*rule, "id"))
        assignScalar(e.ruleId, *id);
    e.ruleName = str(*rule, "description");
    if (const auto mitre = child(*rule, "mitre")) {
        array a;
        if ((*mitre)["id"].get(a) == simdjson::SUCCESS) {
            for (element id : a)
                appendListItem(e.techniqueIds, str(id));
        }
        if ((*mitre)["tactic"].get(a) == simdjson::SUCCESS) {
            for (element t : a) {
                const std::string_view name = str(t);
                for (const auto &tn : kTactics) {
                    if (tn.name == name)
                        appendListItem(e.tacticIds, tn.id);
                }
            }
        }
    }
    if (const auto agent = child(o, "agent")) {
        setIf(e.hostName, str(*agent, "name"));
        setIf(e.hostId, str(*agent, "id"));
        setIf(e.hostIp, str(*agent, "ip"));
    }
    if (const auto decoder = child(o, "decoder"))
        e.type = str(*decoder, "name");
    if (const auto data = child(o, "data")) {
        // OSSEC decoders name them srcip/dstip; alerts that wrap an EVE record use src_ip/dest_ip.
        std::string_view src = str(*data, "srcip");
        if (src.empty())
            src = str(*data, "src_ip");
        if (!src.empty())
            splitHostPort(src, e.sourceIp, e.sourcePort);
        std::string_view dst = str(*data, "dstip");
        if (dst.empty())
            dst = str(*data, "dest_ip");
        if (!dst.empty())
            splitHostPort(dst, e.destinationIp, e.destinationPort);
        setPort(e.sourcePort, integer(*data, "srcport"));
        setPort(e.sourcePort, integer(*data, "src_port"));
        setPort(e.destinationPort, integer(*data, "dstport"));
        setPort(e.destinationPort, integer(*data, "dest_port"));
        std::string_view user = str(*data, "dstuser");
        if (user.empty())
            user = str(*data, "srcuser");
        setIf(e.userName, user);
        if (const auto proto = str(*data, "protocol"); !proto.empty())
            e.networkTransport = toLower(proto);
        else if (const auto p = str(*data, "proto"); !p.empty())
            e.networkTransport = toLower(p);
        setIf(e.urlFull, str(*data, "url"));
        if (const auto http = child(*data, "http")) {
            const auto host = str(*http, "hostname");
            const auto url = str(*http, "url");
            if (!host.empty()) {
                e.urlFull = "http://";
                e.urlFull.append(host).append(url);
            }
        }
    }
    if (const auto syscheck = child(o, "syscheck")) {
        setIf(e.filePath, str(*syscheck, "path"));
        setIf(e.fileHashSha256, str(*syscheck, "sha256_after"));
    }
    return true;
}

} // namespace Vigie::Formats
