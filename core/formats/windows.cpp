// SPDX-License-Identifier: Apache-2.0
// Windows event logs in four layouts: HELK/OTRF flattened records, Microsoft Sentinel rows,
// Winlogbeat documents and SigmaHQ's regression JSON. Each layout only finds its header (time,
// host, channel, event id) and wraps its event data in a WinFields accessor; one mapping turns
// event ids into ECS fields, so a Sysmon 1 reads the same whichever tool shipped it.
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <charconv>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Vigie::Formats {

namespace {

// "-" is Windows' "no value"; Sentinel writes "N/A" in UserName when there is no user.
bool isPlaceholder(std::string_view v)
{
    return v.empty() || v == "-" || v == "N/A";
}

char lowerChar(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool iequals(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lowerChar(a[i]) != lowerChar(b[i]))
            return false;
    }
    return true;
}

bool icontains(std::string_view hay, std::string_view needle)
{
    if (needle.size() > hay.size())
        return false;
    for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
        if (iequals(hay.substr(i, needle.size()), needle))
            return true;
    }
    return false;
}

// The event data of one record, whatever the layout stores it as.
class WinFields
{
public:
    virtual ~WinFields() = default;
    // Assigns the text of event-data field `name` to `out` and returns true when the field is there
    // with a usable value; leaves `out` untouched otherwise, so callers can chain fallbacks.
    virtual bool text(std::string_view name, std::string &out) const = 0;
};

// A scalar of `o` as text; numbers are written in decimal (SigmaHQ's JSON keeps ints as ints).
bool scalarText(const object &o, std::string_view key, std::string &out)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return false;
    switch (e.type()) {
    case simdjson::dom::element_type::STRING: {
        const std::string_view v(e);
        if (isPlaceholder(v))
            return false;
        out.assign(v);
        return true;
    }
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
    case simdjson::dom::element_type::BOOL:
        assignScalar(out, e);
        return true;
    default:
        return false;
    }
}

// Event data held in one JSON object: HELK's whole record, SigmaHQ's Event.EventData, Winlogbeat's
// winlog.event_data.
class ObjectFields : public WinFields
{
public:
    explicit ObjectFields(std::optional<object> data)
        : m_data(data)
    {}
    bool text(std::string_view name, std::string &out) const override
    {
        return m_data && scalarText(*m_data, name, out);
    }

private:
    std::optional<object> m_data;
};

// Winlogbeat nests event data under winlog.event_data, but documents read back from Elasticsearch
// with flattened keys ("winlog.event_data.Image") exist too.
class WinlogbeatFields : public WinFields
{
public:
    WinlogbeatFields(const object &root, std::optional<object> data)
        : m_root(root)
        , m_data(data)
    {}
    bool text(std::string_view name, std::string &out) const override
    {
        if (m_data)
            return scalarText(*m_data, name, out);
        thread_local std::string key;
        key.assign("winlog.event_data.");
        key.append(name);
        const auto e = pathElement(m_root, key);
        if (!e)
            return false;
        std::string_view v;
        if (e->get(v) == simdjson::SUCCESS) {
            if (isPlaceholder(v))
                return false;
            out.assign(v);
            return true;
        }
        if (e->is_number() || e->is_bool()) {
            assignScalar(out, *e);
            return true;
        }
        return false;
    }

private:
    object m_root;
    std::optional<object> m_data;
};

// Decodes the five XML entities and numeric character references.
void appendXmlText(std::string &out, std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const char c = s[i];
        if (c != '&') {
            out.push_back(c);
            ++i;
            continue;
        }
        const auto semi = s.find(';', i);
        if (semi == std::string_view::npos || semi - i > 10) {
            out.push_back(c);
            ++i;
            continue;
        }
        const std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "lt")
            out.push_back('<');
        else if (ent == "gt")
            out.push_back('>');
        else if (ent == "amp")
            out.push_back('&');
        else if (ent == "quot")
            out.push_back('"');
        else if (ent == "apos")
            out.push_back('\'');
        else if (!ent.empty() && ent[0] == '#') {
            std::uint32_t cp = 0;
            const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
            const std::string_view num = ent.substr(hex ? 2 : 1);
            const auto r = std::from_chars(num.data(), num.data() + num.size(), cp, hex ? 16 : 10);
            if (r.ec != std::errc() || r.ptr != num.data() + num.size() || cp > 0x10FFFF) {
                out.append(s.substr(i, semi - i + 1));
            } else if (cp < 0x80) {
                out.push_back(static_cast<char>(cp));
            } else if (cp < 0x800) {
                out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
                out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            } else if (cp < 0x10000) {
                out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
                out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            } else {
                out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
                out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
                out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
                out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
            }
        } else {
            out.append(s.substr(i, semi - i + 1));
        }
        i = semi + 1;
    }
}

// Reads <Data Name="X">v</Data> elements; unnamed <Data> elements are positional and carry no field
// name, so they are skipped.
void parseXmlEventData(std::string_view xml, std::vector<std::pair<std::string, std::string>> &out)
{
    std::size_t pos = 0;
    while ((pos = xml.find("<Data", pos)) != std::string_view::npos) {
        pos += 5;
        if (pos >= xml.size())
            break;
        const char next = xml[pos];
        if (next != ' ' && next != '\t' && next != '\n' && next != '\r')
            continue; // <Data> without attributes, or <DataItem>
        const auto tagEnd = xml.find('>', pos);
        if (tagEnd == std::string_view::npos)
            break;
        const std::string_view attrs = xml.substr(pos, tagEnd - pos);
        pos = tagEnd + 1;
        const auto n = attrs.find("Name=");
        if (n == std::string_view::npos || n + 5 >= attrs.size())
            continue;
        const char quote = attrs[n + 5];
        if (quote != '"' && quote != '\'')
            continue;
        const auto nameEnd = attrs.find(quote, n + 6);
        if (nameEnd == std::string_view::npos)
            continue;
        std::pair<std::string, std::string> item;
        item.first.assign(attrs.substr(n + 6, nameEnd - n - 6));
        if (!attrs.ends_with('/')) {
            const auto close = xml.find("</Data>", pos);
            if (close == std::string_view::npos)
                break;
            appendXmlText(item.second, xml.substr(pos, close - pos));
            pos = close + 7;
        }
        out.push_back(std::move(item));
    }
}

// Nested JSON in Sentinel's EventData column outlives one call only: one parser per thread
// suffices.
simdjson::dom::parser &nestedParser()
{
    thread_local simdjson::dom::parser parser;
    return parser;
}

// A Sentinel row: fields at top level, maybe suffixed by the export ("ProcessId_string",
// "ProcessId_dynamic" when a column's type differed between tables), or inside EventData held as a
// JSON object, a JSON string or an XML string.
class SentinelFields : public WinFields
{
public:
    explicit SentinelFields(const object &row)
        : m_row(row)
    {
        for (std::string_view key : {"EventData", "EventData_string", "EventData_dynamic"}) {
            element ed;
            if (row.at_key(key).get(ed) != simdjson::SUCCESS)
                continue;
            object obj;
            if (ed.get(obj) == simdjson::SUCCESS) {
                m_data = obj;
                return;
            }
            std::string_view s;
            if (ed.get(s) != simdjson::SUCCESS)
                continue;
            while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r'))
                s.remove_prefix(1);
            if (s.starts_with('{')) {
                element parsed;
                if (nestedParser().parse(s.data(), s.size()).get(parsed) == simdjson::SUCCESS
                    && parsed.get(obj) == simdjson::SUCCESS) {
                    m_data = obj;
                    return;
                }
            } else if (s.starts_with('<')) {
                parseXmlEventData(s, m_xml);
                if (!m_xml.empty())
                    return;
            }
            // A JSON array (positional values without names) tells us nothing: try the next key.
        }
    }

    bool text(std::string_view name, std::string &out) const override
    {
        if (scalarText(m_row, name, out))
            return true;
        char key[96];
        if (name.size() + 9 <= sizeof key) {
            std::memcpy(key, name.data(), name.size());
            for (std::string_view suffix :
                 {std::string_view("_string"), std::string_view("_dynamic")}) {
                std::memcpy(key + name.size(), suffix.data(), suffix.size());
                if (scalarText(m_row, std::string_view(key, name.size() + suffix.size()), out))
                    return true;
            }
        }
        if (m_data && scalarText(*m_data, name, out))
            return true;
        for (const auto &[k, v] : m_xml) {
            if (k == name) {
                if (isPlaceholder(v))
                    return false;
                out = v;
                return true;
            }
        }
        return false;
    }

private:
    object m_row;
    std::optional<object> m_data;
    std::vector<std::pair<std::string, std::string>> m_xml;
};

enum class Log { Sysmon, Security, System, PowerShell, Other };

Log logOf(std::string_view channel)
{
    if (icontains(channel, "sysmon"))
        return Log::Sysmon;
    if (iequals(channel, "Security"))
        return Log::Security;
    if (iequals(channel, "System"))
        return Log::System;
    if (icontains(channel, "powershell"))
        return Log::PowerShell;
    return Log::Other;
}

// The channel a provider writes to, for rows that name only the provider.
std::string_view channelFromProvider(std::string_view provider)
{
    if (icontains(provider, "sysmon"))
        return "Microsoft-Windows-Sysmon/Operational";
    if (iequals(provider, "Microsoft-Windows-Security-Auditing")
        || iequals(provider, "Microsoft Windows security auditing."))
        return "Security";
    if (iequals(provider, "Service Control Manager"))
        return "System";
    if (icontains(provider, "powershell"))
        return "Microsoft-Windows-PowerShell/Operational";
    return {};
}

void setDataset(Event &e, Log log, std::string_view channel)
{
    switch (log) {
    case Log::Sysmon:
        e.dataset = "windows.sysmon_operational";
        return;
    case Log::Security:
        e.dataset = "windows.security";
        return;
    case Log::System:
        e.dataset = "windows.system";
        return;
    case Log::PowerShell:
        e.dataset = "windows.powershell";
        return;
    case Log::Other:
        break;
    }
    if (channel.empty()) {
        e.dataset = "windows";
        return;
    }
    // Spaces and slashes would make a dataset awkward to type in a filter.
    e.dataset = "windows.";
    for (char c : channel)
        e.dataset.push_back(c == ' ' || c == '/' ? '_' : lowerChar(c));
}

void classify(Event &e, std::string_view category, std::string_view type, std::string_view action)
{
    e.category.assign(category);
    e.type.assign(type);
    e.action.assign(action);
}

// "DOMAIN\name" into userDomain and userName; a bare name or a UPN stays whole in userName.
void setUser(Event &e, std::string_view account)
{
    if (isPlaceholder(account))
        return;
    const auto slash = account.find('\\');
    if (slash == std::string_view::npos) {
        e.userName.assign(account);
        e.userDomain.clear();
        return;
    }
    const std::string_view name = account.substr(slash + 1);
    if (isPlaceholder(name))
        return;
    e.userName.assign(name);
    const std::string_view domain = account.substr(0, slash);
    if (isPlaceholder(domain))
        e.userDomain.clear();
    else
        e.userDomain.assign(domain);
}

bool userFrom(const WinFields &f, std::string_view nameKey, std::string_view domainKey, Event &e)
{
    if (!f.text(nameKey, e.userName))
        return false;
    if (!f.text(domainKey, e.userDomain))
        e.userDomain.clear();
    return true;
}

// The account a logon concerns is the target; events without one (4672) name the subject.
void authUser(const WinFields &f, Event &e)
{
    if (!userFrom(f, "TargetUserName", "TargetDomainName", e))
        userFrom(f, "SubjectUserName", "SubjectDomainName", e);
}

// Process ids: decimal (Sysmon) or 0x-hexadecimal (Security). 0 is how Security says "none".
bool readPid(const WinFields &f, std::string_view key, std::int64_t &out, std::string &tmp)
{
    if (!f.text(key, tmp))
        return false;
    const auto v = toInteger(tmp);
    if (!v || *v <= 0)
        return false;
    out = *v;
    return true;
}

bool readPort(const WinFields &f, std::string_view key, int &out, std::string &tmp)
{
    if (!f.text(key, tmp))
        return false;
    const int before = out;
    setPort(out, toInteger(tmp));
    return out != before;
}

// Security writes IPv4 clients of a dual-stack listener as ::ffff:a.b.c.d; the plain form matches
// the address the other sensors log.
void setIp(std::string &out, std::string_view ip)
{
    if (ip.size() > 7 && iequals(ip.substr(0, 7), "::ffff:")
        && ip.find('.') != std::string_view::npos)
        ip.remove_prefix(7);
    out.assign(ip);
}

void setTransport(Event &e, std::string_view proto)
{
    // The Windows Filtering Platform (5156) gives IANA protocol numbers.
    if (proto == "6")
        e.networkTransport = "tcp";
    else if (proto == "17")
        e.networkTransport = "udp";
    else if (proto == "1")
        e.networkTransport = "icmp";
    else if (proto == "58")
        e.networkTransport = "ipv6-icmp";
    else
        e.networkTransport = toLower(proto);
}

// Sysmon's Hashes: "SHA1=…,MD5=…,SHA256=…,IMPHASH=…" (the algorithms depend on its configuration).
// Stored lower-case, as Defender and Elastic write them, so one hash matches across sensors.
void setSha256(Event &e, std::string_view hashes)
{
    std::size_t pos = 0;
    while (pos < hashes.size()) {
        const auto comma = hashes.find(',', pos);
        const std::string_view item = hashes.substr(
            pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        if (item.size() > 7 && iequals(item.substr(0, 7), "SHA256=")) {
            e.fileHashSha256 = toLower(item.substr(7));
            return;
        }
        if (comma == std::string_view::npos)
            break;
        pos = comma + 1;
    }
}

void mapSysmon(int id, const WinFields &f, Event &e, std::string &tmp)
{
    switch (id) {
    case 1:
        classify(e, "process", "start", "process-created");
        break;
    case 2:
        classify(e, "file", "change", "file-creation-time-changed");
        break;
    case 3:
        classify(e, "network", "connection", "network-connection");
        break;
    case 4:
    case 16:
        classify(e, "configuration", "change", "sysmon-configuration-changed");
        break;
    case 5:
        classify(e, "process", "end", "process-terminated");
        break;
    case 6:
        classify(e, "driver", "start", "driver-loaded");
        f.text("ImageLoaded", e.filePath);
        break;
    case 7:
        classify(e, "library", "start", "image-loaded");
        f.text("ImageLoaded", e.filePath);
        break;
    case 8:
    case 10:
        // The acting process is the source; the process it opened or injected into is the target.
        // Sysmon spells the GUID field SourceProcessGUID in event 10, SourceProcessGuid in event 8.
        if (id == 8)
            classify(e, "process", "change", "remote-thread-created");
        else
            classify(e, "process", "access", "process-accessed");
        f.text("SourceProcessGUID", e.processEntityId)
            || f.text("SourceProcessGuid", e.processEntityId);
        readPid(f, "SourceProcessId", e.processPid, tmp);
        f.text("SourceImage", e.processExecutable);
        f.text("TargetProcessGUID", e.targetEntityId)
            || f.text("TargetProcessGuid", e.targetEntityId);
        f.text("TargetImage", e.targetExecutable);
        break;
    case 11:
        classify(e, "file", "creation", "file-created");
        break;
    case 12:
        if (f.text("EventType", tmp) && icontains(tmp, "delete"))
            classify(e, "registry", "deletion", "registry-deleted");
        else
            classify(e, "registry", "creation", "registry-key-created");
        break;
    case 13:
        classify(e, "registry", "change", "registry-value-set");
        break;
    case 14:
        classify(e, "registry", "change", "registry-renamed");
        f.text("NewName", e.registryData);
        break;
    case 15:
        classify(e, "file", "creation", "file-stream-created");
        break;
    case 17:
        classify(e, "file", "creation", "pipe-created");
        f.text("PipeName", e.filePath);
        break;
    case 18:
        classify(e, "file", "access", "pipe-connected");
        f.text("PipeName", e.filePath);
        break;
    case 22:
        classify(e, "network", "protocol", "dns-query");
        break;
    case 23:
        classify(e, "file", "deletion", "file-deleted");
        break;
    case 25:
        classify(e, "process", "change", "process-tampering");
        break;
    case 26:
        classify(e, "file", "deletion", "file-deletion-detected");
        break;
    case 27:
    case 28:
        classify(
            e, "file", "denied", id == 27 ? "file-executable-blocked" : "file-shredding-blocked");
        break;
    case 29:
        classify(e, "file", "creation", "file-executable-detected");
        break;
    default:
        break;
    }
}

// Returns false when the generic process fields must not be read (4688's ProcessId is the parent).
bool mapSecurity(int id, const WinFields &f, Event &e, std::string &tmp)
{
    switch (id) {
    case 4624:
        classify(e, "authentication", "start", "logged-in");
        e.outcome = "success";
        authUser(f, e);
        return true;
    case 4625:
        classify(e, "authentication", "start", "logon-failed");
        e.outcome = "failure";
        authUser(f, e);
        return true;
    case 4634:
    case 4647:
        classify(e, "authentication", "end", "logged-out");
        authUser(f, e);
        return true;
    case 4648:
        classify(e, "authentication", "start", "logged-in-explicit");
        authUser(f, e);
        return true;
    case 4672:
        classify(e, "authentication", "admin", "logged-in-special");
        authUser(f, e);
        return true;
    case 4768:
    case 4769:
    case 4771:
    case 4776:
        classify(e,
                 "authentication",
                 "start",
                 id == 4768   ? "kerberos-tgt-requested"
                 : id == 4769 ? "kerberos-service-ticket-requested"
                 : id == 4771 ? "kerberos-preauth-failed"
                              : "credentials-validated");
        authUser(f, e);
        if (f.text("Status", tmp))
            e.outcome = (toInteger(tmp).value_or(-1) == 0) ? "success" : "failure";
        return true;
    case 4688:
        classify(e, "process", "start", "process-created");
        readPid(f, "NewProcessId", e.processPid, tmp);
        f.text("NewProcessName", e.processExecutable);
        f.text("CommandLine", e.processCommandLine);
        readPid(f, "ProcessId", e.parentPid, tmp);
        f.text("ParentProcessName", e.parentExecutable);
        // The account the new process runs as; "-" (same as the creator) falls back to the subject.
        authUser(f, e);
        return false;
    case 4689:
        classify(e, "process", "end", "process-exited");
        return true;
    case 4697:
        classify(e, "configuration", "creation", "service-installed");
        f.text("ServiceFileName", e.filePath);
        f.text("ServiceFileName", e.processCommandLine);
        return true;
    case 4698:
    case 4699:
    case 4700:
    case 4701:
    case 4702:
        classify(e,
                 "configuration",
                 id == 4698   ? "creation"
                 : id == 4699 ? "deletion"
                              : "change",
                 id == 4698   ? "scheduled-task-created"
                 : id == 4699 ? "scheduled-task-deleted"
                 : id == 4700 ? "scheduled-task-enabled"
                 : id == 4701 ? "scheduled-task-disabled"
                              : "scheduled-task-updated");
        // The task's path in the scheduler's namespace: searchable like a file path.
        f.text("TaskName", e.filePath);
        return true;
    case 5140:
    case 5145: {
        classify(e, "file", "access", id == 5140 ? "share-accessed" : "share-object-checked");
        if (f.text("ShareName", e.filePath) && f.text("RelativeTargetName", tmp) && tmp != "\\") {
            if (!e.filePath.ends_with('\\') && !tmp.starts_with('\\'))
                e.filePath.push_back('\\');
            e.filePath.append(tmp);
        }
        return true;
    }
    case 5156:
    case 5157:
        classify(
            e, "network", "connection", id == 5156 ? "connection-allowed" : "connection-blocked");
        e.outcome = id == 5156 ? "success" : "failure";
        f.text("Application", e.processExecutable);
        return true;
    default:
        break;
    }
    if (id >= 4720 && id <= 4799) {
        // Account management: the user is the account that acted (Event keeps no target user).
        std::string_view action;
        std::string_view type = "change";
        switch (id) {
        case 4720:
            action = "user-created";
            type = "creation";
            break;
        case 4722:
            action = "user-enabled";
            break;
        case 4723:
            action = "password-changed";
            break;
        case 4724:
            action = "password-reset";
            break;
        case 4725:
            action = "user-disabled";
            break;
        case 4726:
            action = "user-deleted";
            type = "deletion";
            break;
        case 4728:
        case 4732:
        case 4756:
            action = "group-member-added";
            break;
        case 4729:
        case 4733:
        case 4757:
            action = "group-member-removed";
            break;
        case 4738:
            action = "user-changed";
            break;
        case 4740:
            action = "user-locked-out";
            break;
        case 4767:
            action = "user-unlocked";
            break;
        case 4781:
            action = "user-renamed";
            break;
        default:
            break;
        }
        classify(e, "iam", type, action);
    }
    return true;
}

void mapSystem(int id, const WinFields &f, Event &e)
{
    switch (id) {
    case 7045:
        classify(e, "configuration", "creation", "service-installed");
        f.text("ImagePath", e.filePath);
        f.text("ImagePath", e.processCommandLine);
        break;
    case 7036:
        classify(e, "configuration", "change", "service-state-changed");
        break;
    case 7040:
        classify(e, "configuration", "change", "service-start-type-changed");
        break;
    default:
        break;
    }
}

void mapPowerShell(int id, const WinFields &f, Event &e)
{
    switch (id) {
    case 4104:
        // The script text goes into the command line so that full-text search over command lines
        // (where analysts look for -enc, IEX, DownloadString) also finds script blocks.
        classify(e, "process", "info", "script-block-logged");
        f.text("ScriptBlockText", e.processCommandLine);
        f.text("Path", e.filePath);
        break;
    case 4103:
        classify(e, "process", "info", "pipeline-executed");
        f.text("Payload", e.processCommandLine);
        break;
    default:
        break;
    }
}

// Whatever the specific mapping left empty, from the field names Windows uses everywhere.
void fillCommon(const WinFields &f, Event &e, std::string &tmp, bool processFields)
{
    if (processFields) {
        if (e.processEntityId.empty())
            f.text("ProcessGuid", e.processEntityId);
        if (e.processPid < 0)
            readPid(f, "ProcessId", e.processPid, tmp)
                || readPid(f, "ProcessID", e.processPid, tmp);
        if (e.processExecutable.empty())
            f.text("Image", e.processExecutable) || f.text("ProcessName", e.processExecutable);
        if (e.processCommandLine.empty())
            f.text("CommandLine", e.processCommandLine);
        if (e.parentEntityId.empty())
            f.text("ParentProcessGuid", e.parentEntityId);
        if (e.parentPid < 0)
            readPid(f, "ParentProcessId", e.parentPid, tmp);
        if (e.parentExecutable.empty())
            f.text("ParentImage", e.parentExecutable)
                || f.text("ParentProcessName", e.parentExecutable);
        if (e.parentCommandLine.empty())
            f.text("ParentCommandLine", e.parentCommandLine);
    }
    if (e.userName.empty()) {
        if (f.text("User", tmp))
            setUser(e, tmp);
        else
            userFrom(f, "SubjectUserName", "SubjectDomainName", e);
    }
    if (e.fileHashSha256.empty() && (f.text("Hashes", tmp) || f.text("Hash", tmp)))
        setSha256(e, tmp);

    if (e.sourceIp.empty()) {
        if (f.text("SourceIp", tmp) || f.text("SourceAddress", tmp)) {
            setIp(e.sourceIp, tmp);
            readPort(f, "SourcePort", e.sourcePort, tmp);
        } else if (f.text("IpAddress", tmp)) {
            setIp(e.sourceIp, tmp);
            readPort(f, "IpPort", e.sourcePort, tmp);
        }
    }
    if (e.destinationIp.empty() && (f.text("DestinationIp", tmp) || f.text("DestAddress", tmp))) {
        setIp(e.destinationIp, tmp);
        readPort(f, "DestinationPort", e.destinationPort, tmp)
            || readPort(f, "DestPort", e.destinationPort, tmp);
    }
    if (e.networkTransport.empty() && f.text("Protocol", tmp))
        setTransport(e, tmp);

    if (e.filePath.empty())
        f.text("TargetFilename", e.filePath);
    if (e.registryPath.empty())
        f.text("TargetObject", e.registryPath);
    if (e.registryData.empty() && !e.registryPath.empty())
        f.text("Details", e.registryData);
    if (e.dnsQuestionName.empty())
        f.text("QueryName", e.dnsQuestionName);
    if (e.processName.empty())
        e.processName.assign(baseName(e.processExecutable));
}

// The one Windows mapping: event ids of the usual channels to ECS categories, then the common
// fields.
void mapWindowsEvent(std::string_view channel, int eventId, const WinFields &f, Event &e)
{
    e.code = eventId;
    const Log log = logOf(channel);
    setDataset(e, log, channel);
    std::string tmp;
    bool processFields = true;
    switch (log) {
    case Log::Sysmon:
        mapSysmon(eventId, f, e, tmp);
        break;
    case Log::Security:
        processFields = mapSecurity(eventId, f, e, tmp);
        break;
    case Log::System:
        mapSystem(eventId, f, e);
        break;
    case Log::PowerShell:
        mapPowerShell(eventId, f, e);
        break;
    case Log::Other:
        break;
    }
    fillCommon(f, e, tmp, processFields);
}

// Event ids are 16-bit; anything else is a damaged record.
bool readEventId(std::optional<element> id, int &out, std::string &error)
{
    if (!id) {
        error = "no EventID";
        return false;
    }
    std::optional<std::int64_t> v = toInteger(*id);
    if (!v) {
        // Some EVTX-to-JSON converters keep the Qualifiers attribute: {"#text": 4624, ...}.
        object o;
        if (id->get(o) == simdjson::SUCCESS) {
            if (const auto t = field(o, "#text"))
                v = toInteger(*t);
            else if (const auto t2 = field(o, "Value"))
                v = toInteger(*t2);
        }
    }
    if (!v || *v < 0 || *v > 65535) {
        error = "EventID is not a number";
        return false;
    }
    out = static_cast<int>(*v);
    return true;
}

bool isSysmonChannel(std::string_view channel)
{
    return logOf(channel) == Log::Sysmon;
}

// Sensors that log the account of the event record itself (nxlog's AccountName/Domain, Winlogbeat's
// winlog.user) name the account that caused it, except for Sysmon, which always records its own
// service account there: Sysmon's user comes only from its User field.
void fallbackAccount(Event &e,
                     std::string_view channel,
                     std::string_view name,
                     std::string_view domain)
{
    if (!e.userName.empty() || isSysmonChannel(channel) || isPlaceholder(name))
        return;
    e.userName.assign(name);
    if (isPlaceholder(domain))
        e.userDomain.clear();
    else
        e.userDomain.assign(domain);
}

} // namespace

bool normaliseWindowsHelk(const object &o, Event &e, std::string &error)
{
    e.format = Format::WindowsHelk;
    int id = -1;
    if (!readEventId(field(o, "EventID"), id, error))
        return false;
    // Sysmon's UtcTime is the event's own clock; @timestamp is when the pipeline saw it.
    auto ts = parseTimestampUs(str(o, "UtcTime"));
    if (!ts)
        ts = parseTimestampUs(str(o, "@timestamp"));
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    std::string_view channel = str(o, "Channel");
    if (channel.empty())
        channel = channelFromProvider(str(o, "SourceName"));
    const ObjectFields fields(o);
    mapWindowsEvent(channel, id, fields, e);
    e.timestampUs = *ts;
    setIf(e.hostName, str(o, "Hostname"));
    fallbackAccount(e, channel, str(o, "AccountName"), str(o, "Domain"));
    return true;
}

bool normaliseSentinelWindows(const object &o, Event &e, std::string &error)
{
    e.format = Format::SentinelWindows;
    int id = -1;
    if (!readEventId(field(o, "EventID"), id, error))
        return false;
    const SentinelFields fields(o);
    std::string tmp;
    std::optional<std::int64_t> ts;
    if (fields.text("UtcTime", tmp))
        ts = parseTimestampUs(tmp);
    if (!ts)
        ts = parseTimestampUs(str(o, "TimeGenerated"));
    if (!ts)
        ts = parseTimestampUs(str(o, "TimeCreated"));
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    // SecurityEvent rows have Channel; the Event table has EventLog; some exports lose both and
    // keep only the provider, or nothing but the event id.
    std::string_view channel = str(o, "Channel");
    if (channel.empty())
        channel = str(o, "EventLog");
    if (channel.empty())
        channel = channelFromProvider(str(o, "EventSourceName"));
    if (channel.empty())
        channel = channelFromProvider(str(o, "Source"));
    if (channel.empty() && str(o, "Type") == "SecurityEvent")
        channel = "Security";
    if (channel.empty() && id >= 4608 && id <= 6424)
        channel = "Security"; // the Microsoft-Windows-Security-Auditing id range
    mapWindowsEvent(channel, id, fields, e);
    e.timestampUs = *ts;
    setIf(e.hostName, str(o, "Computer"));
    // Columns that Sentinel (or the query that exported the rows) derived from the event: the
    // account, the Event table's user, AD FS claims, a SQL audit's login.
    if (e.userName.empty() && !isSysmonChannel(channel)) {
        for (std::string_view key :
             {"Account", "UserName", "ClaimsName", "server_principal_name"}) {
            if (fields.text(key, tmp)) {
                setUser(e, tmp);
                break;
            }
        }
    }
    return true;
}

bool normaliseWinlogbeat(const object &o, Event &e, std::string &error)
{
    e.format = Format::Winlogbeat;
    int id = -1;
    auto idElement = pathElement(o, "winlog.event_id");
    if (!idElement)
        idElement = pathElement(o, "event.code");
    if (!readEventId(idElement, id, error))
        return false;
    std::optional<object> data;
    if (const auto d = pathElement(o, "winlog.event_data")) {
        object obj;
        if (d->get(obj) == simdjson::SUCCESS)
            data = obj;
    }
    const WinlogbeatFields fields(o, data);
    std::string tmp;
    std::optional<std::int64_t> ts;
    if (fields.text("UtcTime", tmp))
        ts = parseTimestampUs(tmp);
    if (!ts)
        ts = parseTimestampUs(pathStr(o, "@timestamp"));
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    std::string_view channel = pathStr(o, "winlog.channel");
    if (channel.empty())
        channel = channelFromProvider(pathStr(o, "winlog.provider_name"));
    mapWindowsEvent(channel, id, fields, e);
    e.timestampUs = *ts;
    // With Windows Event Forwarding, host.name is the collector; computer_name is where it
    // happened.
    setIf(e.hostName, pathStr(o, "winlog.computer_name"));
    if (e.hostName.empty())
        setIf(e.hostName, pathStr(o, "host.name"));
    fallbackAccount(e, channel, pathStr(o, "winlog.user.name"), pathStr(o, "winlog.user.domain"));
    return true;
}

namespace {

// SigmaHQ's Event.EventData; some providers (Task Scheduler, AppLocker) write
// UserData/<Element>/fields instead.
std::optional<object> sigmaEventData(const object &ev)
{
    if (auto data = child(ev, "EventData"))
        return data;
    if (const auto user = child(ev, "UserData")) {
        for (const auto &kv : *user) {
            object inner;
            if (kv.value.get(inner) == simdjson::SUCCESS)
                return inner;
        }
    }
    return std::nullopt;
}

} // namespace

bool normaliseSigmaRegression(const object &o, Event &e, std::string &error)
{
    e.format = Format::SigmaRegression;
    const auto ev = child(o, "Event");
    const auto sys = ev ? child(*ev, "System") : std::nullopt;
    if (!sys) {
        error = "no Event.System";
        return false;
    }
    int id = -1;
    if (!readEventId(field(*sys, "EventID"), id, error))
        return false;
    const std::optional<object> data = sigmaEventData(*ev);
    const ObjectFields fields(data);
    std::string tmp;
    std::optional<std::int64_t> ts;
    if (fields.text("UtcTime", tmp))
        ts = parseTimestampUs(tmp);
    if (!ts)
        ts = parseTimestampUs(pathStr(*sys, "TimeCreated.#attributes.SystemTime"));
    if (!ts) {
        error = "no usable timestamp";
        return false;
    }
    std::string_view channel = str(*sys, "Channel");
    if (channel.empty())
        channel = channelFromProvider(pathStr(*sys, "Provider.#attributes.Name"));
    mapWindowsEvent(channel, id, fields, e);
    e.timestampUs = *ts;
    setIf(e.hostName, str(*sys, "Computer"));
    return true;
}

namespace {

// One reader per record: the layout's event data, and the header.
class RecordFields : public WindowsRecordFields
{
public:
    explicit RecordFields(std::unique_ptr<WinFields> data)
        : m_data(std::move(data))
    {}
    bool text(std::string_view name, std::string &out) const override
    {
        if (name == "EventID") {
            if (eventId < 0)
                return false;
            out = std::to_string(eventId);
            return true;
        }
        if (name == "Channel") {
            out = channel;
            return !out.empty();
        }
        if (name == "Provider_Name") {
            out = provider;
            return !out.empty();
        }
        if (name == "Computer" && !computer.empty()) {
            out = computer;
            return true;
        }
        return m_data->text(name, out);
    }
    std::string computer;

private:
    std::unique_ptr<WinFields> m_data;
};

int eventIdOf(std::optional<element> e)
{
    int id = -1;
    std::string ignored;
    return readEventId(e, id, ignored) ? id : -1;
}

} // namespace

std::unique_ptr<WindowsRecordFields> WindowsRecordFields::open(Format f, const object &o)
{
    std::unique_ptr<RecordFields> r;
    switch (f) {
    case Format::WindowsHelk:
        r = std::make_unique<RecordFields>(std::make_unique<ObjectFields>(o));
        r->data = o;
        r->eventId = eventIdOf(field(o, "EventID"));
        r->channel = str(o, "Channel");
        r->provider = str(o, "SourceName");
        if (r->channel.empty())
            r->channel = channelFromProvider(r->provider);
        r->computer = str(o, "Hostname");
        break;
    case Format::SentinelWindows:
        r = std::make_unique<RecordFields>(std::make_unique<SentinelFields>(o));
        r->eventId = eventIdOf(field(o, "EventID"));
        r->channel = str(o, "Channel");
        if (r->channel.empty())
            r->channel = str(o, "EventLog");
        for (std::string_view key : {"Provider", "EventSourceName", "Source"}) {
            if (r->provider.empty())
                r->provider = str(o, key);
        }
        if (r->channel.empty())
            r->channel = channelFromProvider(r->provider);
        if (r->channel.empty()
            && (str(o, "Type") == "SecurityEvent" || (r->eventId >= 4608 && r->eventId <= 6424)))
            r->channel = "Security";
        r->computer = str(o, "Computer");
        break;
    case Format::Winlogbeat: {
        std::optional<object> data;
        if (const auto d = pathElement(o, "winlog.event_data")) {
            object obj;
            if (d->get(obj) == simdjson::SUCCESS)
                data = obj;
        }
        r = std::make_unique<RecordFields>(std::make_unique<WinlogbeatFields>(o, data));
        r->data = data;
        auto id = pathElement(o, "winlog.event_id");
        if (!id)
            id = pathElement(o, "event.code");
        r->eventId = eventIdOf(id);
        r->channel = pathStr(o, "winlog.channel");
        r->provider = pathStr(o, "winlog.provider_name");
        if (r->channel.empty())
            r->channel = channelFromProvider(r->provider);
        r->computer = pathStr(o, "winlog.computer_name");
        break;
    }
    case Format::SigmaRegression: {
        const auto ev = child(o, "Event");
        const auto sys = ev ? child(*ev, "System") : std::nullopt;
        if (!sys)
            return nullptr;
        const std::optional<object> data = sigmaEventData(*ev);
        r = std::make_unique<RecordFields>(std::make_unique<ObjectFields>(data));
        r->data = data;
        r->eventId = eventIdOf(field(*sys, "EventID"));
        r->channel = str(*sys, "Channel");
        r->provider = pathStr(*sys, "Provider.#attributes.Name");
        if (r->channel.empty())
            r->channel = channelFromProvider(r->provider);
        r->computer = str(*sys, "Computer");
        break;
    }
    default:
        return nullptr;
    }
    return r;
}

} // namespace Vigie::Formats
