// SPDX-License-Identifier: Apache-2.0
// Suricata EVE JSON: one record per line, `event_type` says which (alert, flow, dns, http, tls,
// fileinfo, anomaly, …); `flow_id` ties the records of one flow together.
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <charconv>

namespace Vigie::Formats {

namespace {

// Suricata's alert.severity: 1 is the most severe, 3 (or more) the least.
int suricataSeverity(std::int64_t s)
{
    if (s <= 1)
        return Severity::High;
    if (s == 2)
        return Severity::Medium;
    return Severity::Low;
}

void lowerInto(std::string &out, std::string_view v)
{
    out.assign(v);
    for (char &c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
}

} // namespace

bool normaliseSuricata(const object &o, Event &e, std::string &error)
{
    const auto ts = parseTimestampUs(str(o, "timestamp"));
    if (!ts) {
        error = "timestamp missing or not a date";
        return false;
    }
    e.timestampUs = *ts;
    const std::string_view type = str(o, "event_type");
    // A flow record is written when the flow ends (often all at once, when a capture is read):
    // its time is when the connection began.
    if (type == "flow" || type == "netflow")
        if (const auto flow = child(o, type == "flow" ? "flow" : "netflow"))
            if (const auto start = parseTimestampUs(str(*flow, "start")))
                e.timestampUs = *start;
    e.dataset = "suricata.eve";
    e.type = type;
    setIf(e.hostName, str(o, "host"));
    setIf(e.sourceIp, str(o, "src_ip"));
    setPort(e.sourcePort, integer(o, "src_port"));
    setIf(e.destinationIp, str(o, "dest_ip"));
    setPort(e.destinationPort, integer(o, "dest_port"));
    lowerInto(e.networkTransport, str(o, "proto"));
    if (const auto fid = field(o, "flow_id"))
        assignScalar(e.flowId, *fid);

    if (type == "alert") {
        e.kind = EventKind::Alert;
        e.category = "intrusion_detection";
        const auto alert = child(o, "alert");
        if (!alert) {
            error = "alert record without an \"alert\" object";
            return false;
        }
        if (const auto sid = field(*alert, "signature_id"))
            assignScalar(e.ruleId, *sid);
        e.ruleName = str(*alert, "signature");
        e.action = str(*alert, "action");
        const auto sev = integer(*alert, "severity");
        e.severity = suricataSeverity(sev.value_or(3));
        // ET rules carry ATT&CK ids in their metadata (mitre_technique_id, mitre_tactic_id).
        if (const auto meta = child(*alert, "metadata")) {
            array ids;
            if ((*meta)["mitre_technique_id"].get(ids) == simdjson::SUCCESS) {
                for (element id : ids)
                    appendListItem(e.techniqueIds, str(id));
            }
            if ((*meta)["mitre_tactic_id"].get(ids) == simdjson::SUCCESS) {
                for (element id : ids)
                    appendListItem(e.tacticIds, str(id));
            }
        }
    } else if (type == "dns") {
        e.category = "network";
        if (const auto dns = child(o, "dns")) {
            std::string_view name = str(*dns, "rrname");
            if (name.empty()) {
                // EVE v2 answers put the query in dns.queries[0].rrname.
                array queries;
                if ((*dns)["queries"].get(queries) == simdjson::SUCCESS) {
                    for (element q : queries) {
                        object qo;
                        if (q.get(qo) == simdjson::SUCCESS) {
                            name = str(qo, "rrname");
                            break;
                        }
                    }
                }
            }
            e.dnsQuestionName = name;
            e.action = str(*dns, "type");
        }
    } else if (type == "http") {
        e.category = "network";
        if (const auto http = child(o, "http")) {
            const std::string_view host = str(*http, "hostname");
            const std::string_view url = str(*http, "url");
            if (!host.empty()) {
                e.urlFull.assign("http://");
                e.urlFull.append(host);
                if (const auto port = integer(*http, "http_port"); port && *port != 80) {
                    char buf[8];
                    const auto r = std::to_chars(buf, buf + sizeof buf, *port);
                    e.urlFull.push_back(':');
                    e.urlFull.append(buf, r.ptr);
                }
                e.urlFull.append(url);
            } else {
                e.urlFull.assign(url);
            }
            e.action = str(*http, "http_method");
        }
    } else if (type == "tls") {
        e.category = "network";
        if (const auto tls = child(o, "tls"))
            e.dnsQuestionName = str(*tls, "sni");
    } else if (type == "fileinfo") {
        e.category = "file";
        if (const auto fi = child(o, "fileinfo")) {
            e.filePath = str(*fi, "filename");
            e.fileHashSha256 = str(*fi, "sha256");
        }
    } else if (type == "anomaly") {
        e.category = "network";
        if (const auto an = child(o, "anomaly"))
            e.action = str(*an, "event");
    } else {
        e.category = "network";
    }
    return true;
}

} // namespace Vigie::Formats
