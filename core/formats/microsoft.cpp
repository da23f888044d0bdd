// SPDX-License-Identifier: Apache-2.0
// Microsoft cloud telemetry as Sentinel and the advanced-hunting API export it: Microsoft 365
// Defender tables, Azure AD audit logs and Office 365 activity. Columns are flat; empty strings
// mean "not set" (a table's unused columns are exported as "").
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <initializer_list>
#include <optional>
#include <string>

namespace Vigie::Formats {

namespace {

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool istartsWith(std::string_view s, std::string_view prefix)
{
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool iendsWith(std::string_view s, std::string_view suffix)
{
    return s.size() >= suffix.size() && iequals(s.substr(s.size() - suffix.size()), suffix);
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// A UPN keeps its whole form in userName (it is what Azure AD, Office and Defender all log, so one
// search finds the account everywhere); the domain part also goes to userDomain.
void setUpn(Event &e, std::string_view upn)
{
    if (upn.empty() || upn == "-")
        return;
    e.userName.assign(upn);
    const auto at = upn.rfind('@');
    if (at != std::string_view::npos && at + 1 < upn.size())
        e.userDomain.assign(upn.substr(at + 1));
}

// Client addresses come as "1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443" or a bare IPv6 address.
void setClientIp(std::string &out, std::string_view ip)
{
    ip = trimmed(ip);
    if (ip.empty())
        return;
    if (ip.front() == '[') {
        const auto close = ip.find(']');
        if (close != std::string_view::npos)
            ip = ip.substr(1, close - 1);
    } else if (const auto colon = ip.find(':');
               colon != std::string_view::npos
               && ip.find(':', colon + 1) == std::string_view::npos) {
        ip = ip.substr(0, colon);
    }
    setIf(out, ip);
}

// "FolderPath" is the full path in most tables but only the folder in some: add the file name when
// it is not already its last component.
void setJoinedPath(std::string &out, std::string_view folder, std::string_view file)
{
    if (folder.empty()) {
        setIf(out, file);
        return;
    }
    out.assign(folder);
    if (!file.empty() && !iendsWith(folder, file)) {
        if (out.back() != '\\' && out.back() != '/')
            out.push_back(folder.find('/') != std::string_view::npos ? '/' : '\\');
        out.append(file);
    }
}

void setPid(std::int64_t &out, std::optional<std::int64_t> v)
{
    if (v && *v > 0)
        out = *v;
}

std::optional<std::int64_t> timestampOf(const object &o,
                                        std::initializer_list<std::string_view> keys)
{
    for (std::string_view key : keys) {
        if (const auto ts = parseTimestampUs(str(o, key)))
            return ts;
    }
    return std::nullopt;
}

// Exports carry every column of every table they union: a column counts only when it holds
// something (not null, "", [] or {}).
bool present(const object &o, std::string_view key)
{
    const auto e = field(o, key);
    if (!e)
        return false;
    switch (e->type()) {
    case simdjson::dom::element_type::NULL_VALUE:
        return false;
    case simdjson::dom::element_type::STRING:
        return !std::string_view(*e).empty();
    case simdjson::dom::element_type::ARRAY:
        return array(*e).size() > 0;
    case simdjson::dom::element_type::OBJECT:
        return object(*e).size() > 0;
    default:
        return true;
    }
}

// Advanced-hunting exports rarely name their table; the columns and ActionType tell it apart.
std::string defenderTable(const object &o)
{
    for (std::string_view key : {"Type", "$table", "TableName", "Table"}) {
        const std::string_view t = str(o, key);
        if (!t.empty())
            return toLower(t);
    }
    const std::string_view action = str(o, "ActionType");
    if (!str(o, "InitiatingProcessFileName").empty() || !str(o, "DeviceId").empty()) {
        if (iequals(action, "ProcessCreated"))
            return "deviceprocessevents";
        if (istartsWith(action, "Connection") || iequals(action, "InboundConnectionAccepted")
            || iequals(action, "ListeningConnectionCreated"))
            return "devicenetworkevents";
        if (iequals(action, "FileCreated") || iequals(action, "FileModified")
            || iequals(action, "FileDeleted") || iequals(action, "FileRenamed"))
            return "devicefileevents";
        if (istartsWith(action, "Registry"))
            return "deviceregistryevents";
        if (istartsWith(action, "Logon"))
            return "devicelogonevents";
        if (iequals(action, "ImageLoaded"))
            return "deviceimageloadevents";
        return "deviceevents";
    }
    if (present(o, "ActivityObjects") || present(o, "ActivityType"))
        return "cloudappevents";
    if (!str(o, "Application").empty() || !str(o, "DestinationDeviceName").empty()) {
        if (istartsWith(action, "Logon"))
            return "identitylogonevents";
        return "identitydirectoryevents";
    }
    return "event";
}

void defenderCategory(Event &e, std::string_view table)
{
    const std::string_view action = e.action;
    auto set = [&e](std::string_view category, std::string_view type) {
        e.category.assign(category);
        e.type.assign(type);
    };
    if (table == "deviceprocessevents")
        set("process", "start");
    else if (table == "devicenetworkevents")
        set("network", "connection");
    else if (table == "devicefileevents")
        set("file",
            iequals(action, "FileCreated")   ? "creation"
            : iequals(action, "FileDeleted") ? "deletion"
                                             : "change");
    else if (table == "deviceregistryevents")
        set("registry", "change");
    else if (table == "devicelogonevents" || table == "identitylogonevents")
        set("authentication", "start");
    else if (table == "deviceimageloadevents")
        set("library", "start");
    else if (table == "identitydirectoryevents")
        set("iam", "change");
    else if (table == "cloudappevents")
        set("web", "access");
    else
        e.type = "info";
}

void setDefenderTransport(Event &e, std::string_view proto)
{
    // Identity tables put application protocols here (Kerberos, Drsr): only transports count.
    for (std::string_view t : {"tcp", "udp", "icmp"}) {
        if (istartsWith(proto, t)) {
            e.networkTransport.assign(t);
            return;
        }
    }
}

// A JSON object that Sentinel may have kept as a string column (InitiatedBy, TargetResources).
std::optional<object> nestedObject(const object &o, std::string_view key)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return std::nullopt;
    object obj;
    if (e.get(obj) == simdjson::SUCCESS)
        return obj;
    std::string_view s;
    if (e.get(s) != simdjson::SUCCESS || s.empty() || s.front() != '{')
        return std::nullopt;
    // Valid until the next call on this thread, which is longer than one normalise call needs.
    thread_local simdjson::dom::parser parser;
    element parsed;
    if (parser.parse(s.data(), s.size()).get(parsed) != simdjson::SUCCESS
        || parsed.get(obj) != simdjson::SUCCESS)
        return std::nullopt;
    return obj;
}

void setOutcome(Event &e, std::string_view result)
{
    if (iequals(result, "success") || iequals(result, "succeeded"))
        e.outcome = "success";
    else if (iequals(result, "failure") || iequals(result, "failed"))
        e.outcome = "failure";
    else if (!result.empty())
        e.outcome = "unknown";
}

} // namespace

bool normaliseDefender365(const object &o, Event &e, std::string &error)
{
    e.format = Format::Defender365;
    const auto ts = timestampOf(o, {"Timestamp", "TimeGenerated"});
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    e.timestampUs = *ts;
    setIf(e.hostName, str(o, "DeviceName"));
    setIf(e.hostId, str(o, "DeviceId"));
    setIf(e.action, str(o, "ActionType"));
    const std::string table = defenderTable(o);
    e.dataset = "m365_defender." + table;
    defenderCategory(e, table);

    if (table == "deviceprocessevents") {
        // The created process is the row's subject; the initiating process is its parent.
        setJoinedPath(e.processExecutable, str(o, "FolderPath"), str(o, "FileName"));
        setIf(e.processName, str(o, "FileName"));
        setPid(e.processPid, integer(o, "ProcessId"));
        setIf(e.processCommandLine, str(o, "ProcessCommandLine"));
        setJoinedPath(e.parentExecutable,
                      str(o, "InitiatingProcessFolderPath"),
                      str(o, "InitiatingProcessFileName"));
        setPid(e.parentPid, integer(o, "InitiatingProcessId"));
        setIf(e.parentCommandLine, str(o, "InitiatingProcessCommandLine"));
    } else {
        setJoinedPath(e.processExecutable,
                      str(o, "InitiatingProcessFolderPath"),
                      str(o, "InitiatingProcessFileName"));
        setIf(e.processName, str(o, "InitiatingProcessFileName"));
        setPid(e.processPid, integer(o, "InitiatingProcessId"));
        setIf(e.processCommandLine, str(o, "InitiatingProcessCommandLine"));
        setIf(e.parentExecutable, str(o, "InitiatingProcessParentFileName"));
        setPid(e.parentPid, integer(o, "InitiatingProcessParentId"));
        setJoinedPath(e.filePath, str(o, "FolderPath"), str(o, "FileName"));
    }
    if (e.processName.empty())
        e.processName.assign(baseName(e.processExecutable));

    // Logon tables: the account that logged on, not the process (often lsass as SYSTEM) reporting
    // it.
    const bool logon = table == "devicelogonevents" || table == "identitylogonevents";
    auto accountUser = [&]() {
        if (!str(o, "AccountName").empty()) {
            setIf(e.userName, str(o, "AccountName"));
            setIf(e.userDomain, str(o, "AccountDomain"));
            return true;
        }
        return false;
    };
    if (!logon || !accountUser()) {
        if (!str(o, "InitiatingProcessAccountName").empty()) {
            setIf(e.userName, str(o, "InitiatingProcessAccountName"));
            setIf(e.userDomain, str(o, "InitiatingProcessAccountDomain"));
        } else if (!accountUser()) {
            std::string_view upn = str(o, "AccountUpn");
            if (upn.empty())
                upn = str(o, "UserId");
            if (!upn.empty())
                setUpn(e, upn);
            else
                setIf(e.userName, str(o, "AccountDisplayName"));
        }
    }

    // SHA256 is the file's (or the created process's); without one, the acting process's.
    std::string_view sha = str(o, "SHA256");
    if (sha.empty())
        sha = str(o, "InitiatingProcessSHA256");
    if (!sha.empty())
        e.fileHashSha256 = toLower(sha);

    setIf(e.sourceIp, str(o, "LocalIP"));
    setPort(e.sourcePort, integer(o, "LocalPort"));
    if (e.sourceIp.empty()) {
        setIf(e.sourceIp, str(o, "IPAddress"));
        setPort(e.sourcePort, integer(o, "Port"));
    }
    setIf(e.destinationIp, str(o, "RemoteIP"));
    setPort(e.destinationPort, integer(o, "RemotePort"));
    if (e.destinationIp.empty()) {
        setIf(e.destinationIp, str(o, "DestinationIPAddress"));
        setPort(e.destinationPort, integer(o, "DestinationPort"));
    }
    setDefenderTransport(e, str(o, "Protocol"));
    setIf(e.urlFull, str(o, "RemoteUrl"));

    const std::string_view key = str(o, "RegistryKey");
    if (!key.empty()) {
        e.registryPath.assign(key);
        const std::string_view value = str(o, "RegistryValueName");
        if (!value.empty()) {
            e.registryPath.push_back('\\');
            e.registryPath.append(value);
        }
        setIf(e.registryData, str(o, "RegistryValueData"));
    }

    if (iendsWith(e.action, "Success") || iendsWith(e.action, "Succeeded"))
        e.outcome = "success";
    else if (iendsWith(e.action, "Failed") || iendsWith(e.action, "Failure")
             || iendsWith(e.action, "Blocked"))
        e.outcome = "failure";
    return true;
}

bool normaliseAzureAdAudit(const object &o, Event &e, std::string &error)
{
    e.format = Format::AzureAdAudit;
    // ActivityDateTime is when Azure AD did it; TimeGenerated is when Log Analytics stored it.
    const auto ts = timestampOf(o, {"ActivityDateTime", "TimeGenerated", "activityDateTime"});
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    e.timestampUs = *ts;
    e.dataset = "azure.auditlogs";
    e.category = "iam";
    std::string_view op = trimmed(str(o, "OperationName"));
    if (op.empty())
        op = trimmed(str(o, "ActivityDisplayName"));
    setIf(e.action, op);

    const std::string_view opType = str(o, "AADOperationType");
    if (iequals(opType, "Add") || iequals(opType, "Create"))
        e.type = "creation";
    else if (iequals(opType, "Delete"))
        e.type = "deletion";
    else if (iequals(opType, "Update") || iequals(opType, "Assign") || iequals(opType, "Unassign"))
        e.type = "change";
    else
        e.type = "info";

    setOutcome(e, str(o, "Result"));

    // InitiatedBy: {"user": {"userPrincipalName", "ipAddress"}} or {"app": {"displayName", …}}.
    if (const auto by = nestedObject(o, "InitiatedBy")) {
        if (const auto user = child(*by, "user")) {
            setUpn(e, str(*user, "userPrincipalName"));
            setIf(e.sourceIp, str(*user, "ipAddress"));
        } else if (const auto app = child(*by, "app")) {
            std::string_view name = str(*app, "displayName");
            if (name.empty())
                name = str(*app, "servicePrincipalName");
            if (name.empty())
                name = str(*app, "appId");
            setIf(e.userName, name);
        }
    }
    if (e.userName.empty()) {
        for (std::string_view key : {"InitiatingUserOrApp", "InitiatingUser", "Identity"}) {
            const std::string_view v = str(o, key);
            if (!v.empty()) {
                if (v.find('@') != std::string_view::npos)
                    setUpn(e, v);
                else
                    setIf(e.userName, v);
                break;
            }
        }
    }
    return true;
}

bool normaliseOfficeActivity(const object &o, Event &e, std::string &error)
{
    e.format = Format::OfficeActivity;
    const auto ts = timestampOf(o, {"TimeGenerated", "CreationTime"});
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    e.timestampUs = *ts;
    e.dataset = "o365.audit";
    setIf(e.action, str(o, "Operation"));
    setUpn(e, str(o, "UserId"));
    for (std::string_view key :
         {"ClientIP", "Client_IPAddress", "ClientIPAddress", "ActorIpAddress"}) {
        setClientIp(e.sourceIp, str(o, key));
        if (!e.sourceIp.empty())
            break;
    }
    setOutcome(e, str(o, "ResultStatus"));

    // Event has no event.provider: the workload shows as the category that matches it.
    std::string_view workload = str(o, "OfficeWorkload");
    if (workload.empty())
        workload = str(o, "Workload");
    if (iequals(workload, "Exchange"))
        e.category = "email";
    else if (iequals(workload, "SharePoint") || iequals(workload, "OneDrive"))
        e.category = "file";
    else if (iequals(workload, "AzureActiveDirectory"))
        e.category = e.action.find("Login") != std::string::npos ? "authentication" : "iam";
    else if (!workload.empty())
        e.category = "web";
    e.type = "info";
    return true;
}

} // namespace Vigie::Formats
