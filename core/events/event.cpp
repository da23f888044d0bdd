// SPDX-License-Identifier: Apache-2.0
#include "event.h"

#include <array>

namespace Vigie {

namespace {
constexpr std::array<std::string_view, 14> kFormatNames = {
    "unknown",
    "suricata-eve",
    "zeek-json",
    "zeek-tsv",
    "wazuh",
    "windows-helk",
    "sentinel-windows",
    "m365-defender",
    "azure-ad-audit",
    "office-activity",
    "winlogbeat",
    "sigma-regression",
    "elastic-ecs",
    "thehive-alert",
};
} // namespace

std::string_view formatName(Format f)
{
    const auto i = static_cast<std::size_t>(f);
    return i < kFormatNames.size() ? kFormatNames[i] : kFormatNames[0];
}

Format formatFromName(std::string_view name)
{
    for (std::size_t i = 0; i < kFormatNames.size(); ++i) {
        if (kFormatNames[i] == name)
            return static_cast<Format>(i);
    }
    return Format::Unknown;
}

void Event::clear()
{
    timestampUs = 0;
    kind = EventKind::Event;
    format = Format::Unknown;
    code = -1;
    severity = Severity::Unknown;
    for (std::string *s : {&category,
                           &type,
                           &action,
                           &outcome,
                           &dataset,
                           &ruleId,
                           &ruleName,
                           &hostName,
                           &hostId,
                           &hostIp,
                           &userName,
                           &userDomain,
                           &processEntityId,
                           &processExecutable,
                           &processName,
                           &processCommandLine,
                           &parentEntityId,
                           &parentExecutable,
                           &parentCommandLine,
                           &targetEntityId,
                           &targetExecutable,
                           &sourceIp,
                           &destinationIp,
                           &networkTransport,
                           &dnsQuestionName,
                           &urlFull,
                           &filePath,
                           &fileHashSha256,
                           &registryPath,
                           &registryData,
                           &techniqueIds,
                           &tacticIds,
                           &flowId})
        s->clear();
    processPid = -1;
    parentPid = -1;
    sourcePort = -1;
    destinationPort = -1;
}

void appendListItem(std::string &list, std::string_view id)
{
    if (id.empty())
        return;
    std::string_view rest = list;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (rest.substr(0, comma) == id)
            return;
        if (comma == std::string_view::npos)
            break;
        rest.remove_prefix(comma + 1);
    }
    if (!list.empty())
        list.push_back(',');
    list.append(id);
}

} // namespace Vigie
