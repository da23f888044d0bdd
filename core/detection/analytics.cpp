// SPDX-License-Identifier: Apache-2.0
#include "core/detection/analytics.h"

#include "core/detection/processes.h"

#include "core/events/timestamp.h"
#include "core/ingest/importer.h"
#include "core/knowledge/attack.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace Vigie::Detection {

namespace {

constexpr std::int64_t kSecond = 1000000;

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string baseName(std::string_view path)
{
    const std::size_t slash = path.find_last_of("\\/");
    return lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool oneOf(const std::string &v, std::initializer_list<const char *> set)
{
    return std::any_of(set.begin(), set.end(), [&](const char *s) { return v == s; });
}

bool isSysmon(const Event &e)
{
    return e.dataset.find("sysmon") != std::string::npos;
}

bool isProcessStart(const Event &e)
{
    if (e.processExecutable.empty() && e.processCommandLine.empty())
        return false;
    if (e.code == 4688 || (e.code == 1 && isSysmon(e)))
        return true;
    return e.format == Format::ElasticEcs && e.category.find("process") != std::string::npos
           && e.type.find("start") != std::string::npos;
}

bool isLocalAddress(const std::string &ip)
{
    return ip.empty() || ip == "-" || ip == "127.0.0.1" || ip == "::1" || ip.starts_with("fe80:")
           || ip == "0.0.0.0" || ip == "::";
}

std::string field(const AnalyticEvent &e, const char *name)
{
    std::string out;
    if (e.fields)
        e.fields->field(name, out);
    return out;
}

std::string decodeCommand(const std::string &b64)
{
    // -EncodedCommand is base64 of UTF-16LE.
    const QByteArray bytes = QByteArray::fromBase64(QByteArray::fromStdString(b64));
    QString text = QString::fromUtf16(reinterpret_cast<const char16_t *>(bytes.constData()),
                                      bytes.size() / 2);
    text = text.simplified();
    if (text.size() > 120)
        text = text.left(117) + QStringLiteral("...");
    return text.toStdString();
}

AnalyticHit hitOn(const AnalyticEvent &e,
                  const char *id,
                  const std::string &title,
                  const std::string &evidence,
                  std::vector<std::string> techniques,
                  std::vector<std::string> tactics,
                  int severity)
{
    AnalyticHit h;
    h.id = std::string("vigie:") + id;
    h.title = title;
    h.evidence = evidence;
    h.techniques = std::move(techniques);
    h.tactics = std::move(tactics);
    h.severity = severity;
    h.anchor = *e.event;
    h.identity = e.identity;
    h.rawBlock = e.rawBlock;
    h.rawIndex = e.rawIndex;
    return h;
}

struct Remote
{
    std::int64_t ts = 0;
    std::string ip;
    std::string what; // "logon of alice", "connection to services.exe"
};

struct Pending
{
    std::int64_t ts = 0;
    AnalyticHit hit; // completed with evidence when its remote side shows up
};

struct Flow
{
    std::vector<std::int64_t> times;
    std::int64_t bytes = 0;    // sent by the source, when the record says
    std::int64_t received = 0; // sent back by the destination
    // The last connection: the alert stands on it.
    Event anchor;
    std::uint64_t identity = 0;
    std::int64_t rawBlock = -1;
    int rawIndex = -1;
};

} // namespace

struct Analytics::State
{
    std::unordered_map<std::string, std::deque<Remote>> remote; // by host
    std::unordered_map<std::string, std::deque<Pending>> services;
    std::unordered_map<std::string, std::deque<Pending>> dcom;
    std::unordered_map<std::string, std::deque<std::int64_t>> failures; // by source
    std::unordered_map<std::string, std::int64_t> burstUntil;
    std::unordered_map<std::string, Flow> flows;
    std::unordered_map<std::string, std::string> parentOf; // process GUID -> its parent's
    std::unordered_map<std::string, Flow> uploads;         // HTTP PUT/POST bodies, by src>dst
};

Analytics::Analytics()
    : m_state(std::make_unique<State>())
{}

Analytics::~Analytics() = default;

Event AnalyticHit::alert() const
{
    Event a = anchor;
    a.kind = EventKind::Alert;
    a.ruleId = id;
    a.ruleName = title;
    if (!evidence.empty())
        a.ruleName += ": " + evidence;
    a.severity = severity;
    a.techniqueIds.clear();
    for (const std::string &t : techniques)
        appendListItem(a.techniqueIds, t);
    a.tacticIds.clear();
    for (const std::string &t : tactics)
        appendListItem(a.tacticIds, t);
    return a;
}

std::uint64_t AnalyticHit::alertIdentity() const
{
    return Importer::identityOf("analytic:" + id + ':' + std::to_string(identity));
}

bool Analytics::wantsFields(const Event &e)
{
    return e.code == 10 || e.code == 8 || e.code == 17 || e.code == 18 || e.code == 7045
           || e.code == 4697 || e.code == 4624 || e.code == 3 || e.code == 4625
           || e.format == Format::Wazuh || e.format == Format::ZeekJson
           || (e.format == Format::SuricataEve && e.type == "flow");
}

void Analytics::feed(const AnalyticEvent &ae, std::vector<AnalyticHit> &hits)
{
    const Event &e = *ae.event;
    State &s = *m_state;
    const std::string host = lower(e.hostName);
    const bool ours = e.ruleId.starts_with("vigie:") || e.ruleId.starts_with("ioc:");
    if (ours)
        return;
    const bool derived = e.kind == EventKind::Alert && e.format != Format::Wazuh
                         && e.format != Format::SuricataEve && e.format != Format::ElasticEcs
                         && e.format != Format::TheHiveAlert;
    if (derived)
        return; // an alert Vigie raised on an event the analytics already saw

    // Encoded PowerShell.
    if (isProcessStart(e)) {
        const std::string image = baseName(e.processExecutable);
        static const QRegularExpression enc(
            QStringLiteral(
                "(?:^|\\s)[-/"
                "](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc|encodedco|encodedcom|"
                "encodedcomm|encodedcomma|encodedcomman|encodedcommand)\\s+[\"']?([A-Za-z0-9+/"
                "=]{40,})"),
            QRegularExpression::CaseInsensitiveOption);
        if (image == "powershell.exe" || image == "pwsh.exe"
            || lower(e.processCommandLine).find("powershell") != std::string::npos) {
            const auto m = enc.match(QString::fromStdString(e.processCommandLine));
            if (m.hasMatch()) {
                hits.push_back(hitOn(ae,
                                     "encoded_powershell",
                                     "Encoded PowerShell command",
                                     "runs \"" + decodeCommand(m.captured(1).toStdString()) + "\"",
                                     {"T1059.001", "T1027"},
                                     {"TA0002", "TA0005"},
                                     73));
            }
        }
        // An Office application or a server starting a shell or a script host.
        const std::string parent = baseName(e.parentExecutable);
        const bool shell = oneOf(image,
                                 {"cmd.exe",
                                  "powershell.exe",
                                  "pwsh.exe",
                                  "wscript.exe",
                                  "cscript.exe",
                                  "mshta.exe",
                                  "rundll32.exe",
                                  "regsvr32.exe",
                                  "bash.exe",
                                  "sh",
                                  "bash",
                                  "certutil.exe",
                                  "bitsadmin.exe"});
        if (shell) {
            if (isDocumentReader(parent))
                hits.push_back(hitOn(ae,
                                     "office_spawns_shell",
                                     "Office application starts a shell",
                                     parent + " started " + image,
                                     {"T1204.002", "T1566.001"},
                                     {"TA0002", "TA0001"},
                                     73));
            else if (oneOf(parent,
                           {"w3wp.exe",
                            "httpd.exe",
                            "nginx.exe",
                            "php-cgi.exe",
                            "tomcat.exe",
                            "tomcat9.exe",
                            "sqlservr.exe",
                            "httpd",
                            "nginx",
                            "apache2",
                            "java.exe",
                            "umworkerprocess.exe"}))
                hits.push_back(hitOn(ae,
                                     "server_spawns_shell",
                                     "Server process starts a shell",
                                     parent + " started " + image,
                                     {"T1190", "T1505.003"},
                                     {"TA0001", "TA0003"},
                                     99));
        }
        // Office started by DCOM: lateral movement when a remote host logged on just before.
        if (oneOf(image, {"excel.exe", "winword.exe", "powerpnt.exe", "outlook.exe", "mmc.exe"})
            && parent == "svchost.exe"
            && lower(e.processCommandLine).find("embedding") != std::string::npos) {
            Pending p;
            p.ts = e.timestampUs;
            p.hit = hitOn(ae,
                          "dcom_lateral_movement",
                          "Lateral movement through DCOM",
                          image + " started through DCOM",
                          {"T1021.003"},
                          {"TA0008"},
                          99);
            s.dcom[host].push_back(std::move(p));
        }
    }

    // Who started whom: a parent holds full access to the child it starts, which is no injection.
    if (isSysmon(e) && e.code == 1 && !e.processEntityId.empty()) {
        if (s.parentOf.size() > 1000000)
            s.parentOf.clear();
        s.parentOf[lower(e.processEntityId)] = lower(e.parentEntityId);
    }
    // LSASS memory read, and writing into another process.
    if (isSysmon(e) && e.code == 10) {
        const std::string target = baseName(field(ae, "TargetImage"));
        const std::string source = baseName(e.processExecutable);
        const std::string accessText = field(ae, "GrantedAccess");
        const unsigned long access = std::strtoul(accessText.c_str(), nullptr, 0);
        const bool system = oneOf(source,
                                  {"wininit.exe",
                                   "csrss.exe",
                                   "lsass.exe",
                                   "services.exe",
                                   "msmpeng.exe",
                                   "mrt.exe",
                                   "svchost.exe",
                                   "wmiprvse.exe",
                                   "vmtoolsd.exe",
                                   "lsm.exe",
                                   "smss.exe",
                                   "sensecncproxy.exe",
                                   "mssense.exe"});
        if (target == "lsass.exe" && (access & 0x10) && !system)
            hits.push_back(hitOn(ae,
                                 "lsass_access",
                                 "LSASS memory read",
                                 source + " opened lsass.exe with access " + accessText,
                                 {"T1003.001"},
                                 {"TA0006"},
                                 99));
        else if (target != source && (access & 0x20) && (access & 0x8) && !system
                 && target != "lsass.exe" && source != "conhost.exe"
                 && s.parentOf[lower(field(ae, "TargetProcessGUID"))]
                        != lower(field(ae, "SourceProcessGUID")))
            hits.push_back(hitOn(ae,
                                 "process_injection",
                                 "Process memory written by another",
                                 source + " opened " + target + " for writing (" + accessText + ")",
                                 {"T1055"},
                                 {"TA0005", "TA0004"},
                                 73));
    }
    if (isSysmon(e) && e.code == 8) {
        const std::string source = baseName(e.processExecutable);
        const std::string target = baseName(field(ae, "TargetImage"));
        if (source != target
            && !oneOf(source,
                      {"csrss.exe", "wininit.exe", "services.exe", "lsass.exe", "smss.exe"}))
            hits.push_back(hitOn(ae,
                                 "process_injection",
                                 "Thread started in another process",
                                 source + " started a thread in " + target,
                                 {"T1055"},
                                 {"TA0005", "TA0004"},
                                 73));
    }

    // AD FS's configuration database (token-signing keys inside) read by another program than
    // AD FS itself: how ADFSDump and AADInternals take what a Golden SAML needs.
    if (isSysmon(e) && (e.code == 17 || e.code == 18)) {
        const std::string pipe = lower(field(ae, "PipeName"));
        const std::string image = baseName(e.processExecutable);
        if (pipe.find("microsoft##wid\\tsql\\query") != std::string::npos
            && !oneOf(image,
                      {"microsoft.identityserver.servicehost.exe",
                       "sqlservr.exe",
                       "microsoft.identityserver.configwizard.exe"}))
            hits.push_back(hitOn(ae,
                                 "adfs_key_theft",
                                 "AD FS database read by another program",
                                 image + " connected to the AD FS configuration database",
                                 {"T1552.004", "T1606.002"},
                                 {"TA0006"},
                                 99));
    }

    // What a remote host did on this one: a network logon, a connection to the service manager.
    const auto remember = [&](const std::string &ip, std::string what) {
        auto &q = s.remote[host];
        q.push_back({e.timestampUs, ip, std::move(what)});
        while (q.size() > 64 || (!q.empty() && e.timestampUs - q.front().ts > 600 * kSecond))
            q.pop_front();
    };
    if (e.code == 4624) {
        const std::string type = field(ae, "LogonType");
        const std::string ip = field(ae, "IpAddress");
        if (type == "3" && !isLocalAddress(ip))
            remember(ip, "network logon of " + field(ae, "TargetUserName") + " from " + ip);
    }
    if (isSysmon(e) && e.code == 3) {
        const std::string initiated = lower(field(ae, "Initiated"));
        const std::string image = baseName(e.processExecutable);
        if (initiated == "false" && !isLocalAddress(e.sourceIp) && e.sourceIp != e.hostIp
            && (image == "services.exe" || e.destinationPort == 445 || e.destinationPort == 135))
            remember(e.sourceIp, "connection from " + e.sourceIp + " to " + image);
    }
    if (e.code == 7045 || e.code == 4697) {
        Pending p;
        p.ts = e.timestampUs;
        const std::string name = field(ae, "ServiceName");
        const std::string path = field(ae, e.code == 7045 ? "ImagePath" : "ServiceFileName");
        p.hit = hitOn(ae,
                      "remote_service_install",
                      "Service installed from another host",
                      "service " + name + " (" + path.substr(0, 100) + ")",
                      {"T1569.002", "T1021.002"},
                      {"TA0002", "TA0008"},
                      99);
        s.services[host].push_back(std::move(p));
    }
    // Pending service installs and DCOM starts meet their remote side within two minutes, in
    // either order (the service log and Sysmon do not share a clock to the millisecond).
    for (auto *pending : {&s.services, &s.dcom}) {
        auto it = pending->find(host);
        if (it == pending->end())
            continue;
        auto &q = it->second;
        for (auto p = q.begin(); p != q.end();) {
            const auto remote = s.remote.find(host);
            const Remote *match = nullptr;
            if (remote != s.remote.end())
                for (const Remote &r : remote->second)
                    if (std::llabs(r.ts - p->ts) <= 120 * kSecond)
                        match = &r;
            if (match) {
                p->hit.evidence += ", with a " + match->what;
                // The other host's address, where correlation looks for lateral movement.
                if (p->hit.anchor.sourceIp.empty())
                    p->hit.anchor.sourceIp = match->ip;
                hits.push_back(std::move(p->hit));
                p = q.erase(p);
            } else if (e.timestampUs - p->ts > 120 * kSecond) {
                p = q.erase(p); // nothing remote around it
            } else {
                ++p;
            }
        }
    }

    // Authentication failures from one source: ten within five minutes.
    std::string failedFrom;
    if (e.code == 4625 && e.kind != EventKind::Alert)
        failedFrom = field(ae, "IpAddress");
    if (e.format == Format::Wazuh) {
        std::string groups;
        if (ae.fields)
            ae.fields->field("rule.groups", groups);
        if (groups.find("authentication_fail") != std::string::npos)
            failedFrom = e.sourceIp.empty() ? field(ae, "data.srcip") : e.sourceIp;
    }
    if (!failedFrom.empty() && failedFrom != "-") {
        auto &q = s.failures[failedFrom];
        q.push_back(e.timestampUs);
        while (!q.empty() && e.timestampUs - q.front() > 300 * kSecond)
            q.pop_front();
        auto &until = s.burstUntil[failedFrom];
        if (q.size() >= 10 && e.timestampUs >= until) {
            hits.push_back(hitOn(ae,
                                 "auth_failure_burst",
                                 "Burst of authentication failures",
                                 std::to_string(q.size()) + " failures from " + failedFrom
                                     + " within five minutes",
                                 {"T1110"},
                                 {"TA0006"},
                                 73));
            until = e.timestampUs + 300 * kSecond; // one alert per burst
        }
    }

    // HTTP uploads (PUT, POST; WebDAV's PUT is how APT29 took its archive out).
    if (e.format == Format::ZeekJson && e.type == "http") {
        const std::string method = field(ae, "method");
        if (method == "PUT" || method == "POST") {
            Flow &f = s.uploads[e.sourceIp + '>' + e.destinationIp];
            f.times.push_back(e.timestampUs);
            f.bytes += std::atoll(field(ae, "request_body_len").c_str());
            f.received += std::atoll(field(ae, "response_body_len").c_str());
            f.anchor = e;
            f.identity = ae.identity;
            f.rawBlock = ae.rawBlock;
            f.rawIndex = ae.rawIndex;
        }
    }

    // Connections, for beaconing.
    const bool connection
        = ((e.format == Format::ZeekJson || e.format == Format::ZeekTsv) && e.type == "conn")
          || (e.format == Format::SuricataEve && e.type == "flow");
    if (connection && !e.sourceIp.empty() && !e.destinationIp.empty() && e.destinationPort >= 0) {
        const std::string key
            = e.sourceIp + '>' + e.destinationIp + ':' + std::to_string(e.destinationPort);
        Flow &f = s.flows[key];
        // (Suricata's flows carry their start as their time: see the EVE normaliser.)
        const std::int64_t at = e.timestampUs;
        f.times.push_back(at);
        const bool zeek = e.format != Format::SuricataEve;
        f.bytes += std::atoll(field(ae, zeek ? "orig_bytes" : "flow.bytes_toserver").c_str());
        f.received += std::atoll(field(ae, zeek ? "resp_bytes" : "flow.bytes_toclient").c_str());
        f.anchor = e;
        f.identity = ae.identity;
        f.rawBlock = ae.rawBlock;
        f.rawIndex = ae.rawIndex;
    }
}

void Analytics::finish(std::vector<AnalyticHit> &hits)
{
    // Ports of the directory, name and file services every Windows network talks to all day.
    const auto infrastructure = [](int port) {
        static const int ports[] = {53,
                                    67,
                                    68,
                                    88,
                                    123,
                                    135,
                                    137,
                                    138,
                                    139,
                                    389,
                                    445,
                                    464,
                                    636,
                                    3268,
                                    3269,
                                    5355,
                                    5353,
                                    1900};
        return std::find(std::begin(ports), std::end(ports), port) != std::end(ports);
    };
    const auto hitOnFlow = [](const Flow &f,
                              const char *id,
                              const char *title,
                              std::string evidence,
                              std::vector<std::string> techniques,
                              std::vector<std::string> tactics,
                              int severity) {
        AnalyticHit h;
        h.id = std::string("vigie:") + id;
        h.title = title;
        h.evidence = std::move(evidence);
        h.techniques = std::move(techniques);
        h.tactics = std::move(tactics);
        h.severity = severity;
        h.anchor = f.anchor;
        h.identity = f.identity;
        h.rawBlock = f.rawBlock;
        h.rawIndex = f.rawIndex;
        return h;
    };
    for (auto &[key, f] : m_state->uploads) {
        if (f.bytes < 1000000 || f.bytes < 4 * f.received)
            continue;
        char text[320];
        std::snprintf(text,
                      sizeof text,
                      "%s uploaded %.1f MB to %s over HTTP %s (%zu requests)",
                      f.anchor.sourceIp.c_str(),
                      f.bytes / 1e6,
                      f.anchor.destinationIp.c_str(),
                      f.anchor.urlFull.empty() ? "" : f.anchor.urlFull.c_str(),
                      f.times.size());
        hits.push_back(hitOnFlow(f,
                                 "exfiltration_http",
                                 "Large upload over HTTP",
                                 text,
                                 {"T1048.003", "T1567"},
                                 {"TA0010"},
                                 73));
    }
    m_state->uploads.clear();
    for (auto &[key, f] : m_state->flows) {
        const std::string &src = f.anchor.sourceIp;
        const std::string &dst = f.anchor.destinationIp;
        const int port = f.anchor.destinationPort;
        if (dst.ends_with(".255") || dst.starts_with("224.") || dst.starts_with("239.")
            || dst.starts_with("ff02:"))
            continue; // broadcast and multicast chatter
        char text[320];
        // Exfiltration: much sent, little back, over a port that is not file sharing.
        if (f.bytes >= 1000000 && f.bytes >= 4 * f.received && !infrastructure(port)) {
            std::snprintf(text,
                          sizeof text,
                          "%s sent %.1f MB to %s:%d in %zu connections (%.1f MB back)",
                          src.c_str(),
                          f.bytes / 1e6,
                          dst.c_str(),
                          port,
                          f.times.size(),
                          f.received / 1e6);
            hits.push_back(hitOnFlow(f,
                                     "exfiltration",
                                     "Large upload to one destination",
                                     text,
                                     {"T1041", "T1048"},
                                     {"TA0010"},
                                     73));
        }
        if (f.times.size() < 8 || infrastructure(port))
            continue;
        std::sort(f.times.begin(), f.times.end());
        std::vector<double> gaps;
        for (std::size_t i = 1; i < f.times.size(); ++i)
            gaps.push_back(double(f.times[i] - f.times[i - 1]) / kSecond);
        std::vector<double> sorted = gaps;
        std::sort(sorted.begin(), sorted.end());
        const double median = sorted[sorted.size() / 2];
        // Beaconing: regular intervals (most gaps within 20% of the median), not a burst, from
        // a host of the network (a scanner or a monitor polling from outside is not a beacon).
        // A beacon that missed a turn (the host asleep, a packet lost) shows a gap of two or
        // three periods: still regular.
        const auto regular = std::count_if(gaps.begin(), gaps.end(), [&](double g) {
            const double turns = std::round(g / median);
            return turns >= 1 && turns <= 4 && std::fabs(g - turns * median) <= 0.2 * median;
        });
        const double share = double(regular) / double(gaps.size());
        const auto internal = [](const std::string &ip) {
            if (ip.starts_with("10.") || ip.starts_with("192.168.") || ip.starts_with("fd")
                || ip.starts_with("fc"))
                return true;
            if (ip.starts_with("172.")) {
                const int second = std::atoi(ip.c_str() + 4);
                return second >= 16 && second <= 31;
            }
            return false;
        };
        if (median >= 5 && share >= 0.7 && internal(src)) {
            std::snprintf(text,
                          sizeof text,
                          "%s made %zu connections to %s:%d every %.0f s (%.0f%% regular)",
                          src.c_str(),
                          f.times.size(),
                          dst.c_str(),
                          port,
                          median,
                          share * 100);
            hits.push_back(hitOnFlow(
                f, "beaconing", "Periodic beaconing", text, {"T1071", "T1573"}, {"TA0011"}, 73));
            continue;
        }
        // A command channel: one host talking to one endpoint hundreds of times, a little each
        // time, over a port no directory service uses.
        const double perConnection = double(f.bytes + f.received) / double(f.times.size());
        if (f.times.size() >= 100 && perConnection < 20000 && internal(src)) {
            std::snprintf(text,
                          sizeof text,
                          "%s made %zu short connections to %s:%d (%.0f bytes each on average)",
                          src.c_str(),
                          f.times.size(),
                          dst.c_str(),
                          port,
                          perConnection);
            std::vector<std::string> techniques{"T1071.001"};
            if (port != 80 && port != 443)
                techniques.push_back("T1571");
            hits.push_back(hitOnFlow(f,
                                     "command_channel",
                                     "Sustained command channel",
                                     text,
                                     techniques,
                                     {"TA0011"},
                                     73));
        }
    }
    m_state->flows.clear();
}

} // namespace Vigie::Detection
