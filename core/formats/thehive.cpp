// SPDX-License-Identifier: Apache-2.0
// TheHive 5 alerts, as POST /api/v1/query (listAlert) returns them: a title, a severity from 1
// (low) to 4 (critical), dates in epoch milliseconds, tags, and sometimes observables.
#include "normaliser.h"

#include <algorithm>

namespace Vigie::Formats {

bool normaliseTheHiveAlert(const object &o, Event &e, std::string &error)
{
    auto ms = integer(o, "date");
    if (!ms)
        ms = integer(o, "_createdAt");
    if (!ms) {
        error = "TheHive alert without date or _createdAt";
        return false;
    }
    e.timestampUs = *ms * 1000;
    e.kind = EventKind::Alert;
    e.category = "intrusion_detection";
    e.dataset = "thehive.alert";
    e.ruleName.assign(str(o, "title"));
    e.ruleId.assign(str(o, "sourceRef"));
    static constexpr int bands[]
        = {Severity::Low, Severity::Medium, Severity::High, Severity::Critical};
    if (const auto sev = integer(o, "severity"))
        e.severity = bands[std::clamp<std::int64_t>(*sev, 1, 4) - 1];
    e.action.assign(str(o, "type"));
    if (const auto obs = field(o, "observables")) {
        array list;
        if (obs->get(list) == simdjson::SUCCESS) {
            for (const element item : list) {
                object ob;
                if (item.get(ob) != simdjson::SUCCESS)
                    continue;
                const auto type = str(ob, "dataType");
                const auto data = str(ob, "data");
                if (data.empty())
                    continue;
                if (type == "ip") {
                    if (e.sourceIp.empty())
                        e.sourceIp.assign(data);
                    else if (e.destinationIp.empty())
                        e.destinationIp.assign(data);
                } else if (type == "hostname" || type == "fqdn") {
                    if (e.hostName.empty())
                        e.hostName.assign(data);
                } else if (type == "domain") {
                    if (e.dnsQuestionName.empty())
                        e.dnsQuestionName.assign(data);
                } else if (type == "url") {
                    if (e.urlFull.empty())
                        e.urlFull.assign(data);
                } else if (type == "hash" && data.size() == 64) {
                    if (e.fileHashSha256.empty())
                        e.fileHashSha256.assign(data);
                } else if (type == "filename") {
                    if (e.filePath.empty())
                        e.filePath.assign(data);
                }
            }
        }
    }
    if (const auto tags = field(o, "tags")) {
        array list;
        if (tags->get(list) == simdjson::SUCCESS) {
            for (const element t : list) {
                const auto tag = str(t);
                // ATT&CK technique ids appear as tags ("T1059.001", "attack.t1059").
                std::string_view id = tag;
                if (id.substr(0, 7) == "attack.")
                    id.remove_prefix(7);
                if (id.size() >= 5 && (id[0] == 'T' || id[0] == 't')
                    && std::all_of(id.begin() + 1, id.begin() + 5, [](char c) {
                           return c >= '0' && c <= '9';
                       })) {
                    std::string upper(id);
                    upper[0] = 'T';
                    appendListItem(e.techniqueIds, upper);
                }
            }
        }
    }
    return true;
}

} // namespace Vigie::Formats
