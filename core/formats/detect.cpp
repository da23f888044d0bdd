// SPDX-License-Identifier: Apache-2.0
#include "normaliser.h"

namespace Vigie::Formats {

namespace {

bool isSuricata(const object &o)
{
    return has(o, "event_type") && has(o, "timestamp");
}
bool isZeekJson(const object &o)
{
    if (has(o, "@stream") || has(o, "_path"))
        return has(o, "ts");
    return has(o, "ts") && (has(o, "uid") || has(o, "fuid"))
           && (has(o, "id.orig_h") || has(o, "id_orig_h") || has(o, "id") || has(o, "fuid"));
}
bool isWazuh(const object &o)
{
    const auto rule = child(o, "rule");
    return rule && has(*rule, "level") && has(o, "timestamp")
           && (has(o, "agent") || has(o, "manager") || has(o, "decoder"));
}
bool isSigmaRegression(const object &o)
{
    const auto ev = child(o, "Event");
    return ev && has(*ev, "System");
}
bool isWinlogbeat(const object &o)
{
    return child(o, "winlog").has_value();
}
bool isSentinelWindows(const object &o)
{
    return has(o, "EventID") && has(o, "TimeGenerated") && has(o, "Computer");
}
bool isWindowsHelk(const object &o)
{
    return has(o, "EventID") && (has(o, "Hostname") || has(o, "Channel") || has(o, "SourceName"))
           && !has(o, "TimeGenerated");
}
bool isAzureAdAudit(const object &o)
{
    const auto type = str(o, "Type");
    return type == "AuditLogs" || (has(o, "OperationName") && has(o, "ActivityDateTime"));
}
bool isOfficeActivity(const object &o)
{
    return str(o, "Type") == "OfficeActivity" || has(o, "OfficeWorkload");
}
bool isDefender(const object &o)
{
    return has(o, "Timestamp") && has(o, "DeviceName") && has(o, "ActionType");
}
bool isElasticEcs(const object &o)
{
    if (!has(o, "@timestamp"))
        return false;
    if (has(o, "ecs") || has(o, "event") || has(o, "kibana.alert.rule.name") || has(o, "kibana")
        || has(o, "ecs.version") || has(o, "event.kind"))
        return true;
    return false;
}

bool isTheHiveAlert(const object &o)
{
    return str(o, "_type") == "Alert" && has(o, "title")
           && (has(o, "date") || has(o, "_createdAt"));
}

} // namespace

bool looksLike(Format f, const object &o)
{
    switch (f) {
    case Format::SuricataEve:
        return isSuricata(o);
    case Format::ZeekJson:
        return isZeekJson(o);
    case Format::Wazuh:
        return isWazuh(o);
    case Format::WindowsHelk:
        return isWindowsHelk(o);
    case Format::SentinelWindows:
        return isSentinelWindows(o);
    case Format::Defender365:
        return isDefender(o);
    case Format::AzureAdAudit:
        return isAzureAdAudit(o);
    case Format::OfficeActivity:
        return isOfficeActivity(o);
    case Format::Winlogbeat:
        return isWinlogbeat(o);
    case Format::SigmaRegression:
        return isSigmaRegression(o);
    case Format::ElasticEcs:
        return isElasticEcs(o);
    case Format::TheHiveAlert:
        return isTheHiveAlert(o);
    case Format::ZeekTsv:
    case Format::Unknown:
        return false;
    }
    return false;
}

Format detectJson(const object &o)
{
    // Most specific first: Winlogbeat and Elastic security alerts both carry @timestamp and ECS
    // keys.
    static constexpr Format order[] = {Format::SuricataEve,
                                       Format::ZeekJson,
                                       Format::Wazuh,
                                       Format::SigmaRegression,
                                       Format::Winlogbeat,
                                       Format::SentinelWindows,
                                       Format::WindowsHelk,
                                       Format::AzureAdAudit,
                                       Format::OfficeActivity,
                                       Format::Defender365,
                                       Format::TheHiveAlert,
                                       Format::ElasticEcs};
    for (Format f : order) {
        if (looksLike(f, o))
            return f;
    }
    return Format::Unknown;
}

bool normaliseJson(Format f, const object &o, Event &out, std::string &error)
{
    out.clear();
    bool ok = false;
    switch (f) {
    case Format::SuricataEve:
        ok = normaliseSuricata(o, out, error);
        break;
    case Format::ZeekJson:
        ok = normaliseZeekJson(o, out, error);
        break;
    case Format::Wazuh:
        ok = normaliseWazuh(o, out, error);
        break;
    case Format::WindowsHelk:
        ok = normaliseWindowsHelk(o, out, error);
        break;
    case Format::SentinelWindows:
        ok = normaliseSentinelWindows(o, out, error);
        break;
    case Format::Defender365:
        ok = normaliseDefender365(o, out, error);
        break;
    case Format::AzureAdAudit:
        ok = normaliseAzureAdAudit(o, out, error);
        break;
    case Format::OfficeActivity:
        ok = normaliseOfficeActivity(o, out, error);
        break;
    case Format::Winlogbeat:
        ok = normaliseWinlogbeat(o, out, error);
        break;
    case Format::SigmaRegression:
        ok = normaliseSigmaRegression(o, out, error);
        break;
    case Format::ElasticEcs:
        ok = normaliseElasticEcs(o, out, error);
        break;
    case Format::TheHiveAlert:
        ok = normaliseTheHiveAlert(o, out, error);
        break;
    case Format::ZeekTsv:
    case Format::Unknown:
        error = "unknown layout";
        return false;
    }
    out.format = f;
    return ok;
}

} // namespace Vigie::Formats
