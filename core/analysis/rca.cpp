// SPDX-License-Identifier: Apache-2.0
#include "core/analysis/rca.h"

#include "core/detection/processes.h"
#include "core/events/language.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <numeric>
#include <queue>

namespace Vigie::Analysis {

namespace {

constexpr std::int64_t kSecond = 1000000;
constexpr std::int64_t kMinute = 60 * kSecond;
constexpr std::int64_t kDay = 24 * 60 * kMinute;
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
// Security and System logs keep their own clocks, seconds apart from Sysmon's: matching an event
// of one with an event of the other allows this much.
constexpr std::int64_t kSkew = kMinute;
constexpr std::size_t kMaxChain = 400;
constexpr std::size_t kMaxReach = 20000; // steps a forward walk visits at most
constexpr std::size_t kMaxEvidence = 32;

bool oneOf(const QString &s, std::initializer_list<const char *> list)
{
    for (const char *x : list)
        if (s == QLatin1String(x))
            return true;
    return false;
}

QString fileName(const QString &path)
{
    return Detection::fileNameOf(path);
}

QString lowerName(const QString &path)
{
    return fileName(path).toLower();
}

// --- what programs are ---

// The system's own plumbing, which starts programs on someone else's behalf: a chain traced back
// to it continues with whoever asked (a remote host, a service installer) or stops there.
bool isSystem(const QString &n)
{
    return oneOf(n,
                 {"system",
                  "registry",
                  "smss.exe",
                  "csrss.exe",
                  "wininit.exe",
                  "winlogon.exe",
                  "services.exe",
                  "lsass.exe",
                  "svchost.exe",
                  "explorer.exe",
                  "userinit.exe",
                  "taskeng.exe",
                  "taskhostw.exe",
                  "taskhost.exe",
                  "wmiprvse.exe",
                  "dllhost.exe",
                  "runtimebroker.exe",
                  "sihost.exe",
                  "dwm.exe",
                  "spoolsv.exe",
                  "searchindexer.exe",
                  "msmpeng.exe",
                  "init",
                  "systemd",
                  "launchd",
                  "sshd",
                  "cron",
                  "crond"});
}

bool isServer(const QString &n)
{
    return oneOf(n,
                 {"w3wp.exe",
                  "httpd.exe",
                  "httpd",
                  "nginx.exe",
                  "nginx",
                  "apache.exe",
                  "apache2",
                  "java.exe",
                  "javaw.exe",
                  "java",
                  "sqlservr.exe",
                  "php-cgi.exe",
                  "php-fpm",
                  "php.exe",
                  "umworkerprocess.exe",
                  "iisexpress.exe",
                  "node.exe",
                  "node"})
           || n.startsWith(QLatin1String("tomcat"));
}

bool isOffice(const QString &n)
{
    return Detection::isDocumentReader(n);
}

bool isBrowser(const QString &n)
{
    return oneOf(n,
                 {"chrome.exe",
                  "msedge.exe",
                  "firefox.exe",
                  "iexplore.exe",
                  "opera.exe",
                  "brave.exe",
                  "thunderbird.exe"});
}

// What consoles and Office start for themselves: never the attacker's own step.
bool isHelper(const QString &n)
{
    return oneOf(n,
                 {"conhost.exe",
                  "werfault.exe",
                  "wermgr.exe",
                  "dw20.exe",
                  "splwow64.exe",
                  "msoia.exe",
                  "officeclicktorun.exe",
                  "msosync.exe"})
           || n.startsWith(QLatin1String("appvdllsurrogate"));
}

// Shells, interpreters and the system programs that run code for them.
bool isShell(const QString &n)
{
    return oneOf(n, {"cmd.exe",       "powershell.exe",
                     "pwsh.exe",      "powershell_ise.exe",
                     "wscript.exe",   "cscript.exe",
                     "mshta.exe",     "rundll32.exe",
                     "regsvr32.exe",  "certutil.exe",
                     "bitsadmin.exe", "wmic.exe",
                     "msbuild.exe",   "installutil.exe",
                     "cmstp.exe",     "python.exe",
                     "pythonw.exe",   "perl.exe",
                     "bash.exe",      "sh",
                     "bash",          "dash",
                     "zsh",           "python",
                     "python3",       "perl",
                     "ruby",          "nc",
                     "ncat"});
}

bool isScriptHost(const QString &n)
{
    return oneOf(n, {"wscript.exe", "cscript.exe", "mshta.exe"});
}

// Programs Windows elevates without asking, and that read a handler from the user's registry
// hive: what UAC bypasses hijack.
bool isAutoElevate(const QString &n)
{
    return oneOf(n,
                 {"fodhelper.exe",
                  "computerdefaults.exe",
                  "eventvwr.exe",
                  "sdclt.exe",
                  "slui.exe",
                  "wsreset.exe",
                  "compmgmtlauncher.exe",
                  "changepk.exe"});
}

// The handler an auto-elevating program reads, for when the write itself was not recorded.
QString usualHijackKey(const QString &n)
{
    if (n == QLatin1String("fodhelper.exe") || n == QLatin1String("computerdefaults.exe"))
        return QStringLiteral("HKCU\\Software\\Classes\\ms-settings\\shell\\open\\command");
    if (n == QLatin1String("eventvwr.exe") || n == QLatin1String("compmgmtlauncher.exe"))
        return QStringLiteral("HKCU\\Software\\Classes\\mscfile\\shell\\open\\command");
    if (n == QLatin1String("sdclt.exe"))
        return QStringLiteral("HKCU\\Software\\Classes\\Folder\\shell\\open\\command");
    if (n == QLatin1String("wsreset.exe"))
        return QStringLiteral(
            "HKCU\\Software\\Classes\\AppX82a6gwre4fdg3bt635tn5ctqjf8msdd2\\Shell\\open\\command");
    return QStringLiteral("HKCU\\Software\\Classes\\exefile\\shell\\open\\command");
}

// COM servers that lateral movement tools start on the other host.
bool isDcomTarget(const QString &n)
{
    return oneOf(n,
                 {"excel.exe",
                  "winword.exe",
                  "powerpnt.exe",
                  "outlook.exe",
                  "visio.exe",
                  "mmc.exe",
                  "msaccess.exe"});
}

bool isHijackKey(const QString &path)
{
    const QString p = path.toLower();
    for (const char *k : {"\\ms-settings\\shell\\open\\command",
                          "\\mscfile\\shell\\open\\command",
                          "\\exefile\\shell\\",
                          "\\folder\\shell\\open\\command",
                          "\\launcher.systemsettings\\shell\\open\\command",
                          "\\appx82a6gwre4fdg3bt635tn5ctqjf8msdd2\\shell\\open\\command"})
        if (p.contains(QLatin1String(k)))
            return true;
    if (p.contains(QLatin1String("\\image file execution options\\")))
        return p.endsWith(QLatin1String("\\debugger"));
    return p.contains(QLatin1String("\\silentprocessexit\\"))
           && p.endsWith(QLatin1String("\\monitorprocess"));
}

bool isMachineAccount(const QString &user)
{
    const QString u = user.section(QLatin1Char('\\'), -1).toUpper();
    return u.isEmpty() || u.endsWith(QLatin1Char('$')) || u == QLatin1String("SYSTEM")
           || u == QLatin1String("LOCAL SERVICE") || u == QLatin1String("NETWORK SERVICE")
           || u == QLatin1String("ANONYMOUS LOGON") || u == QLatin1String("-")
           || u.startsWith(QLatin1String("DWM-")) || u.startsWith(QLatin1String("UMFD-"));
}

// Addresses that name no other machine: loopback, link-local, multicast, unspecified.
bool isLocalAddress(const QString &ip)
{
    if (ip.isEmpty() || ip == QLatin1String("-") || ip == QLatin1String("::1")
        || ip == QLatin1String("0:0:0:0:0:0:0:1") || ip == QLatin1String("0.0.0.0")
        || ip == QLatin1String("::") || ip == QLatin1String("255.255.255.255")
        || ip.startsWith(QLatin1String("127.")) || ip.startsWith(QLatin1String("169.254."))
        || ip.startsWith(QLatin1String("fe80:")) || ip.startsWith(QLatin1String("ff0")))
        return true;
    const int first = ip.section(QLatin1Char('.'), 0, 0).toInt();
    return ip.contains(QLatin1Char('.')) && first >= 224 && first <= 239;
}

bool isRemoteAdminPort(int port)
{
    return port == 135 || port == 139 || port == 445 || port == 5985 || port == 5986 || port == 3389
           || port == 22 || port >= 49152;
}

// --- what events are ---

bool isSysmon(const IncidentEvent &e)
{
    return e.dataset.contains(QLatin1String("sysmon"), Qt::CaseInsensitive);
}

bool isNetworkSensor(const IncidentEvent &e)
{
    return e.dataset.startsWith(QLatin1String("suricata"))
           || e.dataset.startsWith(QLatin1String("zeek"));
}

bool isProcessStart(const IncidentEvent &e)
{
    if (e.code == 4688 || (e.code == 1 && isSysmon(e)))
        return true;
    return e.category.contains(QLatin1String("process"))
           && (e.action == QLatin1String("process-created") || e.action == QLatin1String("start")
               || e.action == QLatin1String("exec") || e.action == QLatin1String("ProcessCreated"));
}

bool isConnection(const IncidentEvent &e)
{
    if (e.destinationIp.isEmpty())
        return false;
    return (e.code == 3 && isSysmon(e)) || e.code == 5156
           || e.category.contains(QLatin1String("network"));
}

bool isFileWrite(const IncidentEvent &e)
{
    if (e.filePath.isEmpty())
        return false;
    if (isSysmon(e))
        return e.code == 11 || e.code == 15;
    return e.category.contains(QLatin1String("file"))
           && e.action.contains(QLatin1String("creat"), Qt::CaseInsensitive);
}

bool isRegistryWrite(const IncidentEvent &e)
{
    if (e.registryPath.isEmpty() || e.action.contains(QLatin1String("delet")))
        return false;
    return isSysmon(e) ? (e.code == 12 || e.code == 13 || e.code == 14)
                       : e.category.contains(QLatin1String("registry"));
}

bool isServiceInstall(const IncidentEvent &e)
{
    return e.code == 7045 || e.code == 4697;
}

bool isLogon(const IncidentEvent &e)
{
    return e.code == 4648 || e.action == QLatin1String("logged-in");
}

// --- command lines ---

// A command line or image path as services and the registry write it, comparable with what a
// process reports: lower-case, no quotes, no environment variables, single spaces.
QString normalised(QString s)
{
    s = s.toLower();
    s.remove(QLatin1Char('"'));
    s.replace(QLatin1String("%comspec%"), QLatin1String("c:\\windows\\system32\\cmd.exe"));
    s.replace(QLatin1String("%systemroot%"), QLatin1String("c:\\windows"));
    s.replace(QLatin1String("%windir%"), QLatin1String("c:\\windows"));
    if (s.startsWith(QLatin1String("\\??\\")))
        s.remove(0, 4);
    if (s.startsWith(QLatin1String("\\systemroot\\")))
        s.replace(0, 12, QLatin1String("c:\\windows\\"));
    return s.simplified();
}

// A normalised command line's program (file name) and arguments.
std::pair<QString, QString> splitCommand(const QString &s)
{
    qsizetype end = s.indexOf(QLatin1String(".exe"));
    end = end >= 0 ? end + 4 : s.indexOf(QLatin1Char(' '));
    if (end < 0)
        end = s.size();
    return {lowerName(s.left(end)), s.mid(end).trimmed()};
}

bool namesScript(const QString &commandLine)
{
    static const QRegularExpression script(QStringLiteral("\\.(vbs|vbe|js|jse|wsf|wsh|hta|sct)\\b"),
                                           QRegularExpression::CaseInsensitiveOption);
    return script.match(commandLine).hasMatch();
}

// Where a user's downloads, mail attachments and unpacked archives land.
bool isUserWritable(const QString &path)
{
    const QString p = path.toLower();
    for (const char *d : {"\\downloads\\",
                          "\\desktop\\",
                          "\\temp\\",
                          "\\users\\public\\",
                          "\\inetcache\\",
                          "\\content.outlook\\",
                          "\\appdata\\"})
        if (p.contains(QLatin1String(d)))
            return true;
    return false;
}

bool isRemovable(const QString &path)
{
    static const QRegularExpression drive(QStringLiteral("^\"?[d-zD-Z]:\\\\"));
    return drive.match(path).hasMatch();
}

// Files worth a step of their own: what can run, or carry what runs.
bool isInterestingFile(const QString &path)
{
    const QString p = path.toLower();
    if (p.contains(QLatin1String("__psscriptpolicytest_"))
        || p.contains(QLatin1String("\\windows\\prefetch\\")))
        return false;
    static const QRegularExpression ext(QStringLiteral(
        "\\.(exe|dll|sys|scr|cpl|ps1|psm1|vbs|vbe|js|jse|wsf|hta|sct|bat|cmd|lnk|jar|msi|iso|"
        "img|zip|7z|rar|docm|xlsm|dotm|xll|bin)$"));
    return ext.match(p).hasMatch();
}

QString techniqueOfProgram(const QString &name, const QString &commandLine)
{
    if (name == QLatin1String("powershell.exe") || name == QLatin1String("pwsh.exe"))
        return QStringLiteral("T1059.001");
    if (name == QLatin1String("cmd.exe"))
        return QStringLiteral("T1059.003");
    if (name == QLatin1String("wscript.exe") || name == QLatin1String("cscript.exe"))
        return commandLine.contains(QLatin1String(".js"), Qt::CaseInsensitive)
                   ? QStringLiteral("T1059.007")
                   : QStringLiteral("T1059.005");
    if (name == QLatin1String("mshta.exe"))
        return QStringLiteral("T1218.005");
    if (name == QLatin1String("rundll32.exe"))
        return QStringLiteral("T1218.011");
    if (name == QLatin1String("regsvr32.exe"))
        return QStringLiteral("T1218.010");
    if (name == QLatin1String("whoami.exe"))
        return QStringLiteral("T1033");
    return {};
}

QString when(std::int64_t ts)
{
    return QDateTime::fromMSecsSinceEpoch(ts / 1000, Qt::UTC).toString(Qt::ISODate);
}

QString idList(const std::vector<std::int64_t> &ids, std::size_t most = 4)
{
    QStringList out;
    for (std::size_t i = 0; i < ids.size() && i < most; ++i)
        out << QString::number(ids[i]);
    return out.join(QLatin1String(", "));
}

QString shortened(const QString &s, int most = 120)
{
    return s.size() <= most ? s : s.left(most) + QChar(0x2026);
}

// --- the graph ---

enum class Act {
    Spawned,
    Started,
    Executed,
    Wrote,
    Connected,
    LoggedOn,
    CreatedService,
    ServiceRan,
    RegistryHijack,
    Injected,
    LateralMovement
};

const char *actName(Act a)
{
    static const char *const names[] = {"spawned",
                                        "started",
                                        "executed",
                                        "wrote",
                                        "connected",
                                        "logged_on",
                                        "created_service",
                                        "service_ran",
                                        "registry_hijack",
                                        "injected",
                                        "lateral_movement"};
    return names[int(a)];
}

enum class Via { Service, Dcom, Wmi, Task };

// A process instance: a ProcessGuid, or a host's pid from its start on (Security events).
struct Proc
{
    int host = -1;
    QString entity;
    std::int64_t pid = -1;
    std::int64_t start = -1; // -1: running before the events begin
    std::int64_t firstSeen = kNever;
    QString exe, name, cmd, user;
    int parent = -1;
    std::vector<std::int64_t> creation; // the events recording its start
    std::vector<int> children;
    std::vector<int> events; // its network, file, registry and injection events
    bool seed = false;       // an alert of the incident is about it
    bool downloaded = false; // its program was written by a browser or Office
    int step = -1;
};

struct Step
{
    Act act = Act::Spawned;
    int proc = -1;   // the process it is about
    int other = -1;  // the parent, the hijacked program's child, the injected process
    int host = -1;   // -1: an address outside the store's hosts (`note`)
    int toHost = -1; // lateral movement: the host reached
    std::int64_t ts = 0;
    QString target, note, user, technique;
    Via via = Via::Service;
    bool inferred = false; // a hijack whose registry write was not recorded
    std::vector<std::int64_t> evidence;
    std::vector<int> causes, effects;
};

// Where a remote action came from, and what shows it.
struct Origin
{
    QString ip;
    std::vector<int> logons, inbound, flagged;
    QSet<int> ports; // the source ports on the other side, to find its end of the connections
};

class CauseGraph
{
public:
    CauseGraph(const std::vector<IncidentEvent> &events,
               const std::vector<std::pair<QString, QString>> &addresses,
               const QHash<std::int64_t, QString> &serviceNames);
    RcaResult run(std::int64_t incident);

private:
    void indexHosts();
    void indexProcesses();
    void indexActivity();
    int hostIndex(const QString &spelled);
    int procByEntity(int host, const QString &entity);
    int newProc(int host, const QString &entity, std::int64_t pid);
    void describe(int p, std::int64_t pid, const QString &exe, std::int64_t ts);
    void adopt(int parent, int child);
    int findCreated(int host, std::int64_t pid, std::int64_t ts, const QString &name) const;
    int findRunning(int host, std::int64_t pid, std::int64_t ts, const QString &name) const;
    QString pidKey(int host, std::int64_t pid) const;
    std::pair<std::vector<int>::const_iterator, std::vector<int>::const_iterator>
    span(const std::vector<int> &v, std::int64_t from, std::int64_t to) const;
    bool isOwn(int host, const QString &ip) const;
    bool isRemote(int host, const QString &ip) const;
    bool isBoundary(int parent, int child) const;

    int addStep(Step s);
    void addCause(int step, int cause);
    void addEvidence(int step, std::int64_t id);
    int startStep(int p);
    void explainStart(int p, int step);
    int procCause(int p, std::int64_t ts);
    int injectionBefore(int p, std::int64_t ts);
    int injectionStep(int i);
    int serviceStep(int p);
    int installStep(int i);
    int hijackStep(int elevated, int child);
    int registryStep(int i);
    int wroteStep(int i);
    int connectedStep(int i);
    int activityStep(int i);
    int seedStep(int i);
    Origin origin(int host,
                  std::int64_t from,
                  std::int64_t to,
                  const std::vector<int> &trigger,
                  int targetProc) const;
    int remoteStep(const Origin &o, Via via, int host, std::int64_t ts);
    int lateralSource(int from, int to, std::int64_t ts, const QSet<int> &ports, int lateral);

    std::vector<int> chainFrom(int root, const std::vector<int> &explainedSeeds);
    RcaStep output(int s) const;
    QString why(const Step &s) const;
    QString display(int p) const;
    QString hostLabel(int host) const;
    void classify(RcaResult &r, const std::vector<int> &chain) const;
    void explain(RcaResult &r, const std::vector<int> &chain) const;

    const std::vector<IncidentEvent> &ev;
    const std::vector<std::pair<QString, QString>> &m_addresses;
    const QHash<std::int64_t, QString> &m_serviceNames;
    std::vector<int> order;      // event indices by time
    std::vector<int> hostOf;     // per event: host index, -1 none
    std::vector<int> eventProc;  // per event: process, -1 none
    QHash<QString, int> hostIds; // as spelled
    std::vector<QString> hostLower, hostSpelled;
    std::vector<QStringList> ownIps; // per host
    QHash<QString, int> ipOwner;     // address -> host index (hosts the events never name too)
    std::vector<Proc> procs;
    QHash<QString, int> byEntity;
    QHash<QString, std::vector<int>> byPid;
    std::vector<std::vector<int>> startedOn; // per host: processes by start time
    // Per host (index): events by time.
    QHash<int, std::vector<int>> inbound, services, logons, hijacks, tasks;
    QHash<QString, std::vector<int>> outbound;   // "host|destination" -> events by time
    QHash<QString, int> written;                 // "host|path" -> first write
    QHash<QString, int> hijackData;              // "host|command" -> registry write
    QHash<int, std::vector<int>> injectionsInto; // process -> Sysmon 8 events by time

    std::vector<Step> steps;
    QHash<QString, int> memo;   // steps that several events or processes share, by key
    QHash<int, int> evidenceOf; // an event that shows a lateral step or logon -> the step
    QSet<int> executedWrites;   // file writes whose file later ran
};

CauseGraph::CauseGraph(const std::vector<IncidentEvent> &events,
                       const std::vector<std::pair<QString, QString>> &addresses,
                       const QHash<std::int64_t, QString> &serviceNames)
    : ev(events)
    , m_addresses(addresses)
    , m_serviceNames(serviceNames)
{
    order.resize(ev.size());
    std::iota(order.begin(), order.end(), 0);
    const auto earlier = [this](int a, int b) {
        return ev[std::size_t(a)].ts != ev[std::size_t(b)].ts
                   ? ev[std::size_t(a)].ts < ev[std::size_t(b)].ts
                   : ev[std::size_t(a)].id < ev[std::size_t(b)].id;
    };
    if (!std::is_sorted(order.begin(), order.end(), earlier))
        std::sort(order.begin(), order.end(), earlier);
    hostOf.assign(ev.size(), -1);
    eventProc.assign(ev.size(), -1);
    indexHosts();
    indexProcesses();
    indexActivity();
}

int CauseGraph::hostIndex(const QString &spelled)
{
    if (const auto it = hostIds.constFind(spelled); it != hostIds.constEnd())
        return *it;
    const QString lower = spelled.toLower();
    // Two spellings of one host are one host.
    for (std::size_t h = 0; h < hostLower.size(); ++h)
        if (hostLower[h] == lower) {
            hostIds.insert(spelled, int(h));
            return int(h);
        }
    const int h = int(hostLower.size());
    hostLower.push_back(lower);
    hostSpelled.push_back(spelled);
    ownIps.emplace_back();
    startedOn.emplace_back();
    hostIds.insert(spelled, h);
    return h;
}

void CauseGraph::indexHosts()
{
    for (const int i : order) {
        const IncidentEvent &e = ev[std::size_t(i)];
        if (!e.hostName.isEmpty() && !isNetworkSensor(e))
            hostOf[std::size_t(i)] = hostIndex(e.hostName);
    }
    for (const auto &[host, ip] : m_addresses) {
        int h = -1;
        for (std::size_t k = 0; k < hostLower.size(); ++k)
            if (hostLower[k] == host)
                h = int(k);
        if (h < 0)
            h = hostIndex(host);
        ownIps[std::size_t(h)] << ip;
        ipOwner.insert(ip, h);
    }
}

bool CauseGraph::isOwn(int host, const QString &ip) const
{
    return host >= 0 && ownIps[std::size_t(host)].contains(ip);
}

bool CauseGraph::isRemote(int host, const QString &ip) const
{
    return !isLocalAddress(ip) && !isOwn(host, ip);
}

QString CauseGraph::pidKey(int host, std::int64_t pid) const
{
    return QString::number(host) + QLatin1Char('|') + QString::number(pid);
}

int CauseGraph::newProc(int host, const QString &entity, std::int64_t pid)
{
    Proc p;
    p.host = host;
    p.entity = entity;
    procs.push_back(std::move(p));
    const int id = int(procs.size()) - 1;
    if (!entity.isEmpty())
        byEntity.insert(entity.toLower(), id);
    if (pid >= 0) {
        procs.back().pid = pid;
        byPid[pidKey(host, pid)].push_back(id);
    }
    return id;
}

int CauseGraph::procByEntity(int host, const QString &entity)
{
    if (const auto it = byEntity.constFind(entity.toLower()); it != byEntity.constEnd())
        return *it;
    return newProc(host, entity, -1);
}

void CauseGraph::describe(int p, std::int64_t pid, const QString &exe, std::int64_t ts)
{
    Proc &P = procs[std::size_t(p)];
    if (pid >= 0 && P.pid < 0) {
        P.pid = pid;
        byPid[pidKey(P.host, pid)].push_back(p);
    }
    if (P.exe.isEmpty() && !exe.isEmpty()) {
        P.exe = exe;
        P.name = lowerName(exe);
    }
    P.firstSeen = std::min(P.firstSeen, ts);
}

void CauseGraph::adopt(int parent, int child)
{
    if (parent == child || procs[std::size_t(child)].parent >= 0)
        return;
    procs[std::size_t(child)].parent = parent;
    procs[std::size_t(parent)].children.push_back(child);
}

// The process a Security event's start is about: one Sysmon saw start at the same moment, or one
// only known so far as the parent of others.
int CauseGraph::findCreated(int host, std::int64_t pid, std::int64_t ts, const QString &name) const
{
    const auto it = byPid.constFind(pidKey(host, pid));
    if (it == byPid.constEnd())
        return -1;
    int best = -1;
    std::int64_t gap = kNever;
    for (const int p : *it) {
        const Proc &P = procs[std::size_t(p)];
        if (!name.isEmpty() && !P.name.isEmpty() && P.name != name)
            continue;
        const std::int64_t g = P.start >= 0
                                   ? std::llabs(P.start - ts)
                                   : (P.firstSeen >= ts - kSkew ? P.firstSeen - ts : kNever);
        if (g <= kSkew && std::llabs(g) < gap) {
            gap = std::llabs(g);
            best = p;
        }
    }
    return best;
}

// The process a pid names at a time: the latest one started by then.
int CauseGraph::findRunning(int host, std::int64_t pid, std::int64_t ts, const QString &name) const
{
    const auto it = byPid.constFind(pidKey(host, pid));
    if (it == byPid.constEnd())
        return -1;
    int best = -1;
    std::int64_t latest = std::numeric_limits<std::int64_t>::min();
    for (const int p : *it) {
        const Proc &P = procs[std::size_t(p)];
        if (!name.isEmpty() && !P.name.isEmpty() && P.name != name)
            continue;
        if (P.start > ts + kSkew)
            continue;
        if (P.start > latest || best < 0) {
            latest = P.start;
            best = p;
        }
    }
    return best;
}

void CauseGraph::indexProcesses()
{
    // Sysmon and EDR events first: they name processes by entity id.
    for (const int i : order) {
        const IncidentEvent &e = ev[std::size_t(i)];
        const int h = hostOf[std::size_t(i)];
        if (h < 0 || e.processEntity.isEmpty())
            continue;
        const int p = procByEntity(h, e.processEntity);
        describe(p,
                 e.processPid,
                 e.processExecutable.isEmpty() ? e.processName : e.processExecutable,
                 e.ts);
        eventProc[std::size_t(i)] = p;
        if (!isProcessStart(e))
            continue;
        {
            Proc &P = procs[std::size_t(p)];
            if (P.start < 0 || e.ts < P.start)
                P.start = e.ts;
            if (P.cmd.isEmpty())
                P.cmd = e.commandLine;
            if (P.user.isEmpty())
                P.user = e.userName;
            P.creation.push_back(e.id);
        }
        if (!e.parentEntity.isEmpty()) {
            const int q = procByEntity(h, e.parentEntity);
            describe(q, e.parentPid, e.parentName, e.ts);
            if (procs[std::size_t(q)].cmd.isEmpty())
                procs[std::size_t(q)].cmd = e.parentCommandLine;
            adopt(q, p);
        }
    }
    // Security events name them by pid, which the system reuses: the process that pid meant then.
    for (const int i : order) {
        const IncidentEvent &e = ev[std::size_t(i)];
        const int h = hostOf[std::size_t(i)];
        if (h < 0 || !e.processEntity.isEmpty() || e.processPid < 0)
            continue;
        const QString exe = e.processExecutable.isEmpty() ? e.processName : e.processExecutable;
        const QString name = lowerName(exe);
        if (!isProcessStart(e)) {
            eventProc[std::size_t(i)] = findRunning(h, e.processPid, e.ts, name);
            continue;
        }
        int p = findCreated(h, e.processPid, e.ts, name);
        if (p < 0)
            p = newProc(h, QString(), e.processPid);
        describe(p, e.processPid, exe, e.ts);
        {
            Proc &P = procs[std::size_t(p)];
            if (P.start < 0)
                P.start = e.ts;
            if (P.cmd.isEmpty())
                P.cmd = e.commandLine;
            if (P.user.isEmpty())
                P.user = e.userName;
            P.creation.push_back(e.id);
        }
        if (e.parentPid >= 0 && procs[std::size_t(p)].parent < 0) {
            int q = findRunning(h, e.parentPid, e.ts, lowerName(e.parentName));
            if (q < 0) {
                q = newProc(h, QString(), e.parentPid);
                describe(q, e.parentPid, e.parentName, e.ts);
                procs[std::size_t(q)].cmd = e.parentCommandLine;
            }
            adopt(q, p);
        }
        eventProc[std::size_t(i)] = p;
    }
    for (std::size_t p = 0; p < procs.size(); ++p)
        if (procs[p].start >= 0 && procs[p].host >= 0)
            startedOn[std::size_t(procs[p].host)].push_back(int(p));
    for (auto &list : startedOn)
        std::sort(list.begin(), list.end(), [this](int a, int b) {
            return procs[std::size_t(a)].start < procs[std::size_t(b)].start;
        });
}

void CauseGraph::indexActivity()
{
    for (const int i : order) {
        const IncidentEvent &e = ev[std::size_t(i)];
        const int h = hostOf[std::size_t(i)];
        if (h < 0)
            continue;
        const int p = eventProc[std::size_t(i)];
        if (e.inIncident && p >= 0)
            procs[std::size_t(p)].seed = true;
        if (isConnection(e)) {
            if (isOwn(h, e.destinationIp) && !isOwn(h, e.sourceIp)) {
                inbound[h].push_back(i);
            } else if (!isLocalAddress(e.destinationIp)) {
                outbound[QString::number(h) + QLatin1Char('|') + e.destinationIp].push_back(i);
                if (p >= 0)
                    procs[std::size_t(p)].events.push_back(i);
            }
        } else if (isFileWrite(e)) {
            const QString key = QString::number(h) + QLatin1Char('|') + e.filePath.toLower();
            if (!written.contains(key))
                written.insert(key, i);
            if (p >= 0)
                procs[std::size_t(p)].events.push_back(i);
        } else if (isRegistryWrite(e)) {
            if (!isHijackKey(e.registryPath))
                continue;
            hijacks[h].push_back(i);
            if (!e.registryData.isEmpty())
                hijackData.insert(
                    QString::number(h) + QLatin1Char('|') + normalised(e.registryData), i);
            if (p >= 0)
                procs[std::size_t(p)].events.push_back(i);
        } else if (e.code == 8 && isSysmon(e) && p >= 0 && !e.targetEntity.isEmpty()) {
            // A thread started in another process: that process works for the attacker from then
            // on (the system's own injections are routine).
            if (isSystem(procs[std::size_t(p)].name))
                continue;
            const int target = procByEntity(h, e.targetEntity);
            describe(target, -1, e.targetExecutable, e.ts);
            injectionsInto[target].push_back(i);
            procs[std::size_t(p)].events.push_back(i);
        } else if (isServiceInstall(e)) {
            services[h].push_back(i);
        } else if (e.code == 4698) {
            tasks[h].push_back(i);
        } else if (isLogon(e) && isRemote(h, e.sourceIp) && !isMachineAccount(e.userName)) {
            logons[h].push_back(i);
        }
    }
}

std::pair<std::vector<int>::const_iterator, std::vector<int>::const_iterator>
CauseGraph::span(const std::vector<int> &v, std::int64_t from, std::int64_t to) const
{
    const auto lo = std::lower_bound(v.begin(), v.end(), from, [this](int i, std::int64_t t) {
        return ev[std::size_t(i)].ts < t;
    });
    const auto hi = std::upper_bound(
        lo, v.end(), to, [this](std::int64_t t, int i) { return t < ev[std::size_t(i)].ts; });
    return {lo, hi};
}

// Whether walking back from `child` stops at `parent`: the system starting programs for others,
// a server starting a shell (the exploit), Office starting anything but its helpers (the
// document). The child is where the attack shows; the parent says how it got in.
bool CauseGraph::isBoundary(int parent, int child) const
{
    const QString &pn = procs[std::size_t(parent)].name;
    const QString &cn = procs[std::size_t(child)].name;
    return isSystem(pn) || (isServer(pn) && isShell(cn)) || (isOffice(pn) && !isHelper(cn))
           || isBrowser(pn);
}

int CauseGraph::addStep(Step s)
{
    if (s.evidence.size() > kMaxEvidence)
        s.evidence.resize(kMaxEvidence);
    steps.push_back(std::move(s));
    return int(steps.size()) - 1;
}

void CauseGraph::addCause(int step, int cause)
{
    if (cause < 0 || cause == step)
        return;
    auto &causes = steps[std::size_t(step)].causes;
    if (std::find(causes.begin(), causes.end(), cause) != causes.end())
        return;
    causes.push_back(cause);
    steps[std::size_t(cause)].effects.push_back(step);
}

void CauseGraph::addEvidence(int step, std::int64_t id)
{
    auto &v = steps[std::size_t(step)].evidence;
    if (v.size() < kMaxEvidence && std::find(v.begin(), v.end(), id) == v.end())
        v.push_back(id);
}

int CauseGraph::startStep(int p)
{
    if (procs[std::size_t(p)].step >= 0)
        return procs[std::size_t(p)].step;
    const Proc &P = procs[std::size_t(p)];
    Step s;
    s.proc = p;
    s.host = P.host;
    s.user = P.user;
    s.act = P.start >= 0 ? Act::Spawned : Act::Started;
    s.ts = P.start >= 0 ? P.start : P.firstSeen;
    s.other = P.parent;
    s.evidence = P.creation;
    s.technique = techniqueOfProgram(P.name, P.cmd);
    const int id = addStep(std::move(s));
    procs[std::size_t(p)].step = id; // before the causes: a loop in bad data ends here
    if (procs[std::size_t(p)].start >= 0)
        explainStart(p, id);
    return id;
}

void CauseGraph::explainStart(int p, int id)
{
    const Proc &P = procs[std::size_t(p)];
    const int q = P.parent;
    const QString pn = q >= 0 ? procs[std::size_t(q)].name : QString();
    const QString pcmd = q >= 0 ? procs[std::size_t(q)].cmd.toLower() : QString();
    const QString cmd = P.cmd.toLower();
    bool hijacked = false;
    // An auto-elevating program starting anything but its helpers ran a hijacked handler.
    if (q >= 0 && isAutoElevate(pn) && !isHelper(P.name)) {
        addCause(id, hijackStep(q, p));
        hijacked = true;
    }
    if (pn == QLatin1String("services.exe")) {
        if (const int s = serviceStep(p); s >= 0) {
            steps[std::size_t(id)].act = Act::ServiceRan;
            steps[std::size_t(id)].technique = QStringLiteral("T1569.002");
            addCause(id, s);
        }
    } else if (q >= 0 && pn == QLatin1String("svchost.exe")
               && (cmd.contains(QLatin1String("-embedding"))
                   || cmd.contains(QLatin1String("/automation")))
               && (isDcomTarget(P.name) || P.seed)) {
        // A COM server started for a caller: another host's, when a logon or an RPC connection
        // from it comes with the start.
        const Origin o = origin(P.host, P.start - 30 * kSecond, P.start + 30 * kSecond, {}, p);
        if (!o.ip.isEmpty() && (!o.logons.empty() || !o.inbound.empty()))
            addCause(id, remoteStep(o, Via::Dcom, P.host, P.start));
    } else if (pn == QLatin1String("wmiprvse.exe")) {
        const Origin o = origin(P.host, P.start - 30 * kSecond, P.start + 30 * kSecond, {}, -1);
        if (!o.ip.isEmpty() && (!o.logons.empty() || !o.inbound.empty()))
            addCause(id, remoteStep(o, Via::Wmi, P.host, P.start));
    } else if (pn == QLatin1String("taskeng.exe")
               || (pn == QLatin1String("svchost.exe")
                   && pcmd.contains(QLatin1String("schedule")))) {
        // A task registered by an account logged on from another host at the time (the latest
        // few registrations of the day before it ran).
        const std::vector<int> registered = tasks.value(P.host);
        const auto [lo, hi] = span(registered, P.start - kDay, P.start);
        int tried = 0;
        for (auto t = hi; t != lo && tried < 8; ++tried) {
            --t;
            const IncidentEvent &task = ev[std::size_t(*t)];
            const Origin o = origin(P.host, task.ts - 2 * kMinute, task.ts + 2 * kMinute, {}, -1);
            const bool author = std::any_of(o.logons.begin(), o.logons.end(), [&](int i) {
                return ev[std::size_t(i)].userName.compare(task.userName, Qt::CaseInsensitive) == 0;
            });
            if (!o.ip.isEmpty() && author) {
                addCause(id, remoteStep(o, Via::Task, P.host, task.ts));
                break;
            }
        }
    }
    // A program written during the events, then run.
    const QString image = QString::number(P.host) + QLatin1Char('|') + P.exe.toLower();
    if (const auto w = written.constFind(image);
        w != written.constEnd() && ev[std::size_t(*w)].ts <= P.start + kSkew) {
        const int writer = eventProc[std::size_t(*w)];
        if (writer >= 0 && writer != p) {
            const QString &wn = procs[std::size_t(writer)].name;
            if (isBrowser(wn) || isOffice(wn) || isSystem(wn)) {
                procs[std::size_t(p)].downloaded = true;
            } else {
                executedWrites.insert(*w);
                addCause(id, wroteStep(*w));
                if (writer != q && steps[std::size_t(id)].act == Act::Spawned)
                    steps[std::size_t(id)].act = Act::Executed;
            }
        }
    }
    // A handler or debugger set in the registry, found by the command it names.
    for (const QString &command : {P.cmd, P.exe}) {
        if (hijackData.isEmpty())
            break;
        const auto h = hijackData.constFind(QString::number(P.host) + QLatin1Char('|')
                                            + normalised(command));
        if (!command.isEmpty() && h != hijackData.constEnd()
            && ev[std::size_t(*h)].ts <= P.start + kSkew) {
            addCause(id, registryStep(*h));
            hijacked = true;
            break;
        }
    }
    if (q < 0 || hijacked)
        return;
    if (const int injected = injectionBefore(q, P.start); injected >= 0)
        addCause(id, injected);
    else if (!isBoundary(q, p))
        addCause(id, startStep(q));
}

// What stands for process `p` acting at `ts`: the injection that took it over by then, else its
// start.
int CauseGraph::procCause(int p, std::int64_t ts)
{
    if (p < 0)
        return -1;
    const int injected = injectionBefore(p, ts);
    return injected >= 0 ? injected : startStep(p);
}

int CauseGraph::injectionBefore(int p, std::int64_t ts)
{
    const auto it = injectionsInto.constFind(p);
    if (it == injectionsInto.constEnd())
        return -1;
    int latest = -1;
    for (const int i : *it)
        if (ev[std::size_t(i)].ts <= ts)
            latest = i;
    return latest >= 0 ? injectionStep(latest) : -1;
}

int CauseGraph::injectionStep(int i)
{
    const QString key = QStringLiteral("inject|") + QString::number(i);
    if (const auto it = memo.constFind(key); it != memo.constEnd())
        return *it;
    const IncidentEvent &e = ev[std::size_t(i)];
    Step s;
    s.act = Act::Injected;
    s.proc = eventProc[std::size_t(i)];
    s.host = hostOf[std::size_t(i)];
    s.ts = e.ts;
    s.other = byEntity.value(e.targetEntity.toLower(), -1);
    s.target = e.targetExecutable;
    s.technique = QStringLiteral("T1055");
    s.evidence = {e.id};
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    addCause(id, procCause(steps[std::size_t(id)].proc, e.ts));
    return id;
}

bool serviceMatches(const QString &imagePath, const Proc &P)
{
    const auto [sExe, sArgs] = splitCommand(normalised(imagePath));
    const auto [pExe, pArgs] = splitCommand(normalised(P.cmd.isEmpty() ? P.exe : P.cmd));
    if (sExe.isEmpty() || (sExe != P.name && sExe != pExe))
        return false;
    // Long encoded arguments are cut differently by each log: their start is enough.
    return sArgs.isEmpty() || pArgs.left(48) == sArgs.left(48);
}

// The installation of the service that started `p`, if one was recorded.
int CauseGraph::serviceStep(int p)
{
    const Proc &P = procs[std::size_t(p)];
    const auto it = services.constFind(P.host);
    if (it == services.constEnd())
        return -1;
    const auto [lo, hi] = span(*it, P.start - 5 * kMinute, P.start + 5 * kMinute);
    int match = -1;
    std::int64_t gap = kNever;
    for (auto i = lo; i != hi; ++i) {
        const IncidentEvent &e = ev[std::size_t(*i)];
        if (serviceMatches(e.commandLine.isEmpty() ? e.filePath : e.commandLine, P)
            && std::llabs(e.ts - P.start) < gap) {
            gap = std::llabs(e.ts - P.start);
            match = *i;
        }
    }
    return match >= 0 ? installStep(match) : -1;
}

int CauseGraph::installStep(int i)
{
    const IncidentEvent &e = ev[std::size_t(i)];
    const int h = hostOf[std::size_t(i)];
    const QString path = e.commandLine.isEmpty() ? e.filePath : e.commandLine;
    const QString key = QStringLiteral("service|") + QString::number(h) + QLatin1Char('|')
                        + QString::number(e.ts / kSecond) + QLatin1Char('|')
                        + normalised(path).left(200);
    if (const auto it = memo.constFind(key); it != memo.constEnd()) {
        addEvidence(*it, e.id);
        return *it;
    }
    Step s;
    s.act = Act::CreatedService;
    s.host = h;
    s.ts = e.ts;
    s.user = e.userName;
    s.note = path;
    s.technique = QStringLiteral("T1543.003");
    // The same installation as other rows (an alert's copy, the Security log's 4697).
    std::vector<int> group;
    const std::vector<int> installs = services.value(h);
    const auto [lo, hi] = span(installs, e.ts - kSecond, e.ts + kSecond);
    for (auto j = lo; j != hi; ++j) {
        const IncidentEvent &o = ev[std::size_t(*j)];
        if (normalised(o.commandLine.isEmpty() ? o.filePath : o.commandLine).left(200)
            == normalised(path).left(200)) {
            group.push_back(*j);
            s.evidence.push_back(o.id);
            if (s.target.isEmpty())
                s.target = m_serviceNames.value(o.id);
        }
    }
    if (s.target.isEmpty())
        s.target = fileName(splitCommand(normalised(path)).first);
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    const Origin o = origin(h, e.ts - 2 * kMinute, e.ts + 2 * kMinute, group, -1);
    if (!o.ip.isEmpty())
        addCause(id, remoteStep(o, Via::Service, h, e.ts));
    return id;
}

// The address most of the signs around a remote action point to: the trigger's own source
// address (an alert found it), logons of people from elsewhere, connections to remote
// administration ports, connections into the process started.
Origin CauseGraph::origin(int host,
                          std::int64_t from,
                          std::int64_t to,
                          const std::vector<int> &trigger,
                          int targetProc) const
{
    QHash<QString, int> weight;
    for (const int i : trigger)
        if (isRemote(host, ev[std::size_t(i)].sourceIp))
            weight[ev[std::size_t(i)].sourceIp] += 3;
    const std::vector<int> noEvents;
    const auto logonList = logons.constFind(host);
    const auto inboundList = inbound.constFind(host);
    const std::vector<int> &logonEvents = logonList == logons.constEnd() ? noEvents : *logonList;
    const std::vector<int> &inboundEvents
        = inboundList == inbound.constEnd() ? noEvents : *inboundList;
    const auto [lo, hi] = span(logonEvents, from, to);
    for (auto i = lo; i != hi; ++i)
        weight[ev[std::size_t(*i)].sourceIp] += 3;
    const auto [inLo, inHi] = span(inboundEvents, from, to);
    for (auto i = inLo; i != inHi; ++i)
        if (isRemoteAdminPort(ev[std::size_t(*i)].destinationPort)
            && !isLocalAddress(ev[std::size_t(*i)].sourceIp))
            weight[ev[std::size_t(*i)].sourceIp] += 1;
    std::int64_t targetStart = 0;
    if (targetProc >= 0) {
        targetStart = procs[std::size_t(targetProc)].start;
        const auto [tLo, tHi] = span(inboundEvents, targetStart, targetStart + kMinute);
        for (auto i = tLo; i != tHi; ++i)
            if (eventProc[std::size_t(*i)] == targetProc)
                weight[ev[std::size_t(*i)].sourceIp] += 2;
    }
    Origin o;
    int best = 0;
    for (auto it = weight.constBegin(); it != weight.constEnd(); ++it) {
        const bool known = ipOwner.contains(it.key());
        if (it.value() > best || (it.value() == best && known && !ipOwner.contains(o.ip))) {
            best = it.value();
            o.ip = it.key();
        }
    }
    if (o.ip.isEmpty())
        return o;
    for (const int i : trigger)
        if (ev[std::size_t(i)].sourceIp == o.ip)
            o.flagged.push_back(i);
    for (auto i = lo; i != hi; ++i)
        if (ev[std::size_t(*i)].sourceIp == o.ip) {
            o.logons.push_back(*i);
            if (ev[std::size_t(*i)].sourcePort > 0)
                o.ports.insert(ev[std::size_t(*i)].sourcePort);
        }
    for (auto i = inLo; i != inHi; ++i)
        if (ev[std::size_t(*i)].sourceIp == o.ip
            && isRemoteAdminPort(ev[std::size_t(*i)].destinationPort)) {
            o.inbound.push_back(*i);
            o.ports.insert(ev[std::size_t(*i)].sourcePort);
        }
    if (targetProc >= 0) {
        const auto [tLo, tHi] = span(inboundEvents, targetStart, targetStart + kMinute);
        for (auto i = tLo; i != tHi; ++i)
            if (eventProc[std::size_t(*i)] == targetProc && ev[std::size_t(*i)].sourceIp == o.ip) {
                if (std::find(o.inbound.begin(), o.inbound.end(), *i) == o.inbound.end())
                    o.inbound.push_back(*i);
                o.ports.insert(ev[std::size_t(*i)].sourcePort);
            }
    }
    return o;
}

// The movement from another machine onto `host`, and the logon it came with: returns the step
// the remote action on `host` follows from (the logon when there was one).
int CauseGraph::remoteStep(const Origin &o, Via via, int host, std::int64_t ts)
{
    std::vector<int> shown = o.flagged;
    shown.insert(shown.end(), o.logons.begin(), o.logons.end());
    shown.insert(shown.end(), o.inbound.begin(), o.inbound.end());
    const int anchor = shown.empty() ? -1 : *std::min_element(shown.begin(), shown.end());
    const QString key = QStringLiteral("lateral|") + QString::number(host) + QLatin1Char('|') + o.ip
                        + QLatin1Char('|') + QString::number(int(via)) + QLatin1Char('|')
                        + QString::number(anchor >= 0 ? ev[std::size_t(anchor)].id : ts);
    if (const auto it = memo.constFind(key); it != memo.constEnd())
        return *it;
    const int from = ipOwner.value(o.ip, -1);
    Step l;
    l.act = Act::LateralMovement;
    l.via = via;
    l.host = from;
    l.toHost = host;
    l.note = o.ip;
    l.ts = ts;
    for (const int i : shown) {
        l.ts = std::min(l.ts, ev[std::size_t(i)].ts);
        if (std::find(l.evidence.begin(), l.evidence.end(), ev[std::size_t(i)].id)
            == l.evidence.end())
            l.evidence.push_back(ev[std::size_t(i)].id);
    }
    l.technique = via == Via::Service ? QStringLiteral("T1021.002")
                  : via == Via::Dcom  ? QStringLiteral("T1021.003")
                  : via == Via::Wmi   ? QStringLiteral("T1047")
                                      : QStringLiteral("T1053.005");
    const int lateral = addStep(std::move(l));
    for (const int i : o.flagged)
        evidenceOf.insert(i, lateral);
    int out = lateral;
    if (!o.logons.empty()) {
        const IncidentEvent &first = ev[std::size_t(o.logons.front())];
        Step g;
        g.act = Act::LoggedOn;
        g.host = host;
        g.ts = first.ts;
        g.user = first.userName;
        g.target = o.ip;
        g.technique = QStringLiteral("T1078");
        for (const int i : o.logons)
            g.evidence.push_back(ev[std::size_t(i)].id);
        out = addStep(std::move(g));
        addCause(out, lateral);
        for (const int i : o.logons)
            evidenceOf.insert(i, out);
    }
    memo.insert(key, out);
    if (from >= 0 && from != host) {
        const int source = lateralSource(from, host, ts, o.ports, lateral);
        if (source >= 0) {
            steps[std::size_t(lateral)].proc = source;
            addCause(lateral, procCause(source, steps[std::size_t(lateral)].ts));
        }
    }
    return out;
}

// The process on `from` that reached `to`: its connection's source port is one `to` saw, it is no
// part of the system, it named `to` on its command line, it connected to a remote administration
// port; the closest in time among equals.
int CauseGraph::lateralSource(
    int from, int to, std::int64_t ts, const QSet<int> &ports, int lateral)
{
    int best = -1, bestScore = 0;
    std::int64_t bestGap = kNever;
    const auto consider = [&](int p, int score, std::int64_t at) {
        const std::int64_t gap = std::llabs(at - ts);
        if (score > bestScore || (score == bestScore && gap < bestGap)) {
            best = p;
            bestScore = score;
            bestGap = gap;
        }
    };
    std::vector<int> connections;
    for (const QString &ip : ownIps[std::size_t(to)]) {
        const auto it = outbound.constFind(QString::number(from) + QLatin1Char('|') + ip);
        if (it == outbound.constEnd())
            continue;
        const auto [lo, hi] = span(*it, ts - 5 * kMinute, ts + 5 * kMinute);
        for (auto i = lo; i != hi; ++i) {
            const IncidentEvent &e = ev[std::size_t(*i)];
            const int p = eventProc[std::size_t(*i)];
            if (p < 0)
                continue;
            connections.push_back(*i);
            int score = 1;
            if (ports.contains(e.sourcePort))
                score += 4;
            if (!isSystem(procs[std::size_t(p)].name))
                score += 3;
            if (isRemoteAdminPort(e.destinationPort))
                score += 1;
            consider(p, score, e.ts);
        }
    }
    // A tool told where to go: the other host's address or name on its command line.
    QStringList names = ownIps[std::size_t(to)];
    const QString shortName = hostLower[std::size_t(to)].section(QLatin1Char('.'), 0, 0);
    if (shortName.size() >= 3)
        names << shortName;
    const auto &started = startedOn[std::size_t(from)];
    const auto lo = std::lower_bound(
        started.begin(), started.end(), ts - 10 * kMinute, [this](int p, std::int64_t t) {
            return procs[std::size_t(p)].start < t;
        });
    for (auto p = lo; p != started.end() && procs[std::size_t(*p)].start <= ts + kMinute; ++p) {
        const QString cmd = procs[std::size_t(*p)].cmd.toLower();
        for (const QString &n : std::as_const(names))
            if (cmd.contains(n)) {
                consider(*p,
                         3 + (isSystem(procs[std::size_t(*p)].name) ? 0 : 3),
                         procs[std::size_t(*p)].start);
                break;
            }
    }
    // The system's RPC client stands in for the real caller: no source rather than a wrong one.
    if (best < 0 || isSystem(procs[std::size_t(best)].name))
        return -1;
    for (const int i : connections)
        if (eventProc[std::size_t(i)] == best) {
            addEvidence(lateral, ev[std::size_t(i)].id);
            evidenceOf.insert(i, lateral);
        }
    return best;
}

int CauseGraph::hijackStep(int elevated, int child)
{
    const QString key = QStringLiteral("hijack|") + QString::number(elevated);
    if (const auto it = memo.constFind(key); it != memo.constEnd()) {
        for (const std::int64_t id : procs[std::size_t(child)].creation)
            addEvidence(*it, id);
        return *it;
    }
    const Proc &E = procs[std::size_t(elevated)];
    const Proc &C = procs[std::size_t(child)];
    Step s;
    s.act = Act::RegistryHijack;
    s.proc = elevated;
    s.other = child;
    s.host = E.host;
    s.ts = C.start;
    s.technique = QStringLiteral("T1548.002");
    s.evidence = C.creation;
    std::vector<int> writes;
    const std::vector<int> candidates = hijacks.value(E.host);
    const auto [lo, hi]
        = span(candidates, (E.start >= 0 ? E.start : C.start) - 10 * kMinute, C.start + kSkew);
    for (auto i = lo; i != hi; ++i) {
        writes.push_back(*i);
        s.evidence.push_back(ev[std::size_t(*i)].id);
        if (s.target.isEmpty()) {
            s.target = ev[std::size_t(*i)].registryPath;
            s.note = ev[std::size_t(*i)].registryData;
        }
    }
    if (s.target.isEmpty()) {
        s.target = usualHijackKey(E.name);
        s.inferred = true;
    }
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    addCause(id, procCause(elevated, C.start));
    for (const int w : writes) {
        memo.insert(QStringLiteral("registry|") + QString::number(w), id);
        const int writer = eventProc[std::size_t(w)];
        if (writer >= 0 && writer != elevated)
            addCause(id, procCause(writer, ev[std::size_t(w)].ts));
    }
    return id;
}

int CauseGraph::registryStep(int i)
{
    const QString key = QStringLiteral("registry|") + QString::number(i);
    if (const auto it = memo.constFind(key); it != memo.constEnd())
        return *it;
    const IncidentEvent &e = ev[std::size_t(i)];
    Step s;
    s.act = Act::RegistryHijack;
    s.proc = eventProc[std::size_t(i)];
    s.host = hostOf[std::size_t(i)];
    s.ts = e.ts;
    s.target = e.registryPath;
    s.note = e.registryData;
    s.technique = e.registryPath.contains(QLatin1String("Image File Execution Options"),
                                          Qt::CaseInsensitive)
                      ? QStringLiteral("T1546.012")
                      : QStringLiteral("T1548.002");
    s.evidence = {e.id};
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    addCause(id, procCause(steps[std::size_t(id)].proc, e.ts));
    return id;
}

int CauseGraph::wroteStep(int i)
{
    const IncidentEvent &e = ev[std::size_t(i)];
    const int p = eventProc[std::size_t(i)];
    const QString key
        = QStringLiteral("file|") + QString::number(p) + QLatin1Char('|') + e.filePath.toLower();
    if (const auto it = memo.constFind(key); it != memo.constEnd()) {
        addEvidence(*it, e.id);
        return *it;
    }
    Step s;
    s.act = Act::Wrote;
    s.proc = p;
    s.host = hostOf[std::size_t(i)];
    s.ts = e.ts;
    s.target = e.filePath;
    s.evidence = {e.id};
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    addCause(id, procCause(p, e.ts));
    return id;
}

int CauseGraph::connectedStep(int i)
{
    const IncidentEvent &e = ev[std::size_t(i)];
    const int p = eventProc[std::size_t(i)];
    const QString to = e.destinationPort > 0
                           ? e.destinationIp + QLatin1Char(':') + QString::number(e.destinationPort)
                           : e.destinationIp;
    const QString key = QStringLiteral("net|") + QString::number(p) + QLatin1Char('|') + to;
    if (const auto it = memo.constFind(key); it != memo.constEnd()) {
        addEvidence(*it, e.id);
        return *it;
    }
    Step s;
    s.act = Act::Connected;
    s.proc = p;
    s.host = hostOf[std::size_t(i)];
    s.ts = e.ts;
    s.target = to;
    s.note = e.destinationIp;
    s.user = e.userName;
    if (!ipOwner.contains(e.destinationIp))
        s.technique = QStringLiteral("T1071");
    s.evidence = {e.id};
    const int id = addStep(std::move(s));
    memo.insert(key, id);
    addCause(id, procCause(p, e.ts));
    return id;
}

// The step an event of an attacker's process adds, or -1 when it adds none worth showing.
int CauseGraph::activityStep(int i)
{
    if (const auto it = evidenceOf.constFind(i); it != evidenceOf.constEnd())
        return *it;
    const IncidentEvent &e = ev[std::size_t(i)];
    const int h = hostOf[std::size_t(i)];
    if (eventProc[std::size_t(i)] < 0)
        return -1;
    if (isConnection(e)) {
        if ((isOwn(h, e.destinationIp) && !isOwn(h, e.sourceIp)) || isLocalAddress(e.destinationIp))
            return -1;
        return connectedStep(i);
    }
    if (isFileWrite(e))
        return isInterestingFile(e.filePath) || e.inIncident || executedWrites.contains(i)
                   ? wroteStep(i)
                   : -1;
    if (isRegistryWrite(e))
        return isHijackKey(e.registryPath) ? registryStep(i) : -1;
    if (e.code == 8 && isSysmon(e) && memo.contains(QStringLiteral("inject|") + QString::number(i)))
        return injectionStep(i);
    return -1;
}

int CauseGraph::seedStep(int i)
{
    const IncidentEvent &e = ev[std::size_t(i)];
    if (isServiceInstall(e) && hostOf[std::size_t(i)] >= 0)
        return installStep(i);
    const int p = eventProc[std::size_t(i)];
    if (p < 0)
        return evidenceOf.value(i, -1);
    if (isProcessStart(e))
        return startStep(p);
    if (const int a = activityStep(i); a >= 0)
        return a;
    return procCause(p, e.ts);
}

// The chain: every step from the root to the alerts it explains, then what else the attacker's
// processes did, earliest first, ordered so that a cause always comes before what it caused.
std::vector<int> CauseGraph::chainFrom(int root, const std::vector<int> &explainedSeeds)
{
    // Forward from the root: what it caused, what its processes started and did.
    std::vector<int> reached{root};
    QHash<int, int> via; // step -> the step it was reached from
    via.insert(root, -1);
    // Consoles and Office helpers started by the attacker's processes are theirs, not steps.
    const auto helper = [this](int s) {
        const Step &x = steps[std::size_t(s)];
        return x.act == Act::Spawned && x.proc >= 0 && isHelper(procs[std::size_t(x.proc)].name)
               && !procs[std::size_t(x.proc)].seed;
    };
    const auto reach = [&](int s, int from) {
        if (s >= 0 && !via.contains(s) && reached.size() < kMaxReach && !helper(s)) {
            via.insert(s, from);
            reached.push_back(s);
        }
    };
    for (std::size_t k = 0; k < reached.size(); ++k) {
        const int s = reached[k];
        const std::vector<int> effects = steps[std::size_t(s)].effects;
        for (const int e : effects)
            reach(e, s);
        const Step &step = steps[std::size_t(s)];
        const bool acting = step.act == Act::Spawned || step.act == Act::Started
                            || step.act == Act::Executed || step.act == Act::ServiceRan
                            || step.act == Act::Injected;
        if (!acting)
            continue;
        const int p = step.act == Act::Injected ? step.other : step.proc;
        if (p < 0)
            continue;
        const std::int64_t since
            = step.act == Act::Injected ? step.ts : std::numeric_limits<std::int64_t>::min();
        const std::vector<int> children = procs[std::size_t(p)].children;
        for (const int c : children)
            if (procs[std::size_t(c)].start >= since)
                reach(startStep(c), s);
        const std::vector<int> events = procs[std::size_t(p)].events;
        for (const int i : events)
            if (ev[std::size_t(i)].ts >= since)
                reach(activityStep(i), s);
    }
    // Keep the paths to the alerts first, then the earliest of the rest.
    QSet<int> onPath;
    for (const int seed : explainedSeeds) {
        std::vector<int> stack{seed};
        while (!stack.empty()) {
            const int s = stack.back();
            stack.pop_back();
            if (!via.contains(s) || onPath.contains(s))
                continue;
            onPath.insert(s);
            for (const int c : steps[std::size_t(s)].causes)
                stack.push_back(c);
        }
    }
    std::vector<int> kept(onPath.begin(), onPath.end());
    if (kept.size() < kMaxChain) {
        std::vector<int> rest;
        for (const int s : reached)
            if (!onPath.contains(s))
                rest.push_back(s);
        std::sort(rest.begin(), rest.end(), [this](int a, int b) {
            return steps[std::size_t(a)].ts < steps[std::size_t(b)].ts;
        });
        for (std::size_t k = 0; k < rest.size() && kept.size() < kMaxChain; ++k)
            kept.push_back(rest[k]);
    }
    // Causes first; among steps free to go, the earliest.
    QSet<int> in(kept.begin(), kept.end());
    QHash<int, std::vector<int>> next;
    QHash<int, int> pending;
    for (const int s : kept) {
        QSet<int> before;
        for (const int c : steps[std::size_t(s)].causes)
            if (in.contains(c))
                before.insert(c);
        if (const int from = via.value(s, -1); from >= 0 && in.contains(from))
            before.insert(from);
        pending.insert(s, int(before.size()));
        for (const int c : std::as_const(before))
            next[c].push_back(s);
    }
    const auto later = [this](int a, int b) {
        const Step &x = steps[std::size_t(a)], &y = steps[std::size_t(b)];
        return x.ts != y.ts ? x.ts > y.ts : a > b;
    };
    std::priority_queue<int, std::vector<int>, decltype(later)> ready(later);
    for (const int s : kept)
        if (pending.value(s) == 0)
            ready.push(s);
    std::vector<int> out;
    QSet<int> done;
    while (!ready.empty()) {
        const int s = ready.top();
        ready.pop();
        out.push_back(s);
        done.insert(s);
        for (const int n : next.value(s))
            if (--pending[n] == 0)
                ready.push(n);
    }
    // Whatever a loop in the data held back, by time.
    std::vector<int> left;
    for (const int s : kept)
        if (!done.contains(s))
            left.push_back(s);
    std::sort(left.begin(), left.end(), [&later](int a, int b) { return later(b, a); });
    out.insert(out.end(), left.begin(), left.end());
    // The root leads.
    if (const auto r = std::find(out.begin(), out.end(), root); r != out.end() && r != out.begin())
        std::rotate(out.begin(), r, r + 1);
    return out;
}

QString CauseGraph::display(int p) const
{
    if (p < 0)
        return Language::translate("Rca", "an unknown process");
    const Proc &P = procs[std::size_t(p)];
    if (!P.exe.isEmpty())
        return fileName(P.exe);
    return P.pid >= 0 ? Language::translate("Rca", "process %1").arg(P.pid)
                      : Language::translate("Rca", "an unknown process");
}

QString CauseGraph::hostLabel(int host) const
{
    return host >= 0 ? hostSpelled[std::size_t(host)] : QString();
}

QString CauseGraph::why(const Step &s) const
{
    const QString program = display(s.proc);
    const QString host = hostLabel(s.host);
    switch (s.act) {
    case Act::Spawned:
        if (s.other < 0)
            return Language::translate("Rca", "%1 started on %2.").arg(program, host);
        return Language::translate("Rca", "%1 started %2.").arg(display(s.other), program);
    case Act::Started:
        return Language::translate("Rca",
                                   "%1 was already running on %2 when the events begin: how "
                                   "it started is not recorded.")
            .arg(program, host);
    case Act::Executed:
        return Language::translate("Rca",
                                   "%1, a file written during the attack, was started by %2.")
            .arg(program, display(s.other));
    case Act::Wrote:
        return Language::translate("Rca", "%1 wrote %2.").arg(program, s.target);
    case Act::Connected:
        return Language::translate("Rca", "%1 connected to %2.").arg(program, s.target);
    case Act::LoggedOn:
        return Language::translate("Rca", "%1 logged on to %2 over the network from %3.")
            .arg(s.user, host, s.target);
    case Act::CreatedService:
        return Language::translate("Rca", "The service %1 was installed on %2 to run %3.")
            .arg(s.target, host, shortened(s.note));
    case Act::ServiceRan:
        return Language::translate("Rca", "The service control manager started %1 as a service.")
            .arg(program);
    case Act::RegistryHijack:
        if (s.proc >= 0 && isAutoElevate(procs[std::size_t(s.proc)].name) && s.other >= 0) {
            if (s.inferred)
                return Language::translate(
                           "Rca",
                           "%1, which Windows runs elevated without asking, started %2: the "
                           "handler it reads (%3) had been hijacked, though the write itself is "
                           "not in the events.")
                    .arg(program, display(s.other), s.target);
            return Language::translate("Rca",
                                       "%1, which Windows runs elevated without asking, "
                                       "started %2 through the hijacked handler %3.")
                .arg(program, display(s.other), s.target);
        }
        return Language::translate("Rca", "%1 set %2 to %3, so that Windows runs it.")
            .arg(program, s.target, shortened(s.note));
    case Act::Injected:
        return Language::translate("Rca", "%1 started a thread in %2.")
            .arg(program, fileName(s.target));
    case Act::LateralMovement: {
        const QString from
            = s.host >= 0
                  ? Language::translate("Rca", "%1 on %2")
                        .arg(s.proc >= 0 ? program : Language::translate("Rca", "a process"), host)
                  : s.note;
        const QString to = hostLabel(s.toHost);
        switch (s.via) {
        case Via::Service:
            return Language::translate("Rca", "%1 reached %2 through its service control manager.")
                .arg(from, to);
        case Via::Dcom:
            return Language::translate("Rca", "%1 reached %2 through DCOM.").arg(from, to);
        case Via::Wmi:
            return Language::translate("Rca", "%1 reached %2 through WMI.").arg(from, to);
        case Via::Task:
            return Language::translate("Rca", "%1 reached %2 through its task scheduler.")
                .arg(from, to);
        }
        break;
    }
    }
    return {};
}

RcaStep CauseGraph::output(int index) const
{
    const Step &s = steps[std::size_t(index)];
    RcaStep out;
    out.ts = s.ts;
    out.host = s.host >= 0 ? hostLabel(s.host) : s.note;
    out.action = QLatin1String(actName(s.act));
    out.target = s.act == Act::LateralMovement ? hostLabel(s.toHost) : s.target;
    out.technique = s.technique;
    out.user = s.user;
    out.evidence = s.evidence;
    std::sort(out.evidence.begin(), out.evidence.end());
    out.evidence.erase(std::unique(out.evidence.begin(), out.evidence.end()), out.evidence.end());
    const auto idOf = [this](int p) -> QString {
        if (p < 0)
            return {};
        const Proc &P = procs[std::size_t(p)];
        if (!P.entity.isEmpty())
            return P.entity;
        return hostLabel(P.host) + QLatin1Char(':') + QString::number(P.pid);
    };
    if (s.proc >= 0) {
        const Proc &P = procs[std::size_t(s.proc)];
        out.entityId = idOf(s.proc);
        out.executable = P.exe;
        out.commandLine = P.cmd;
        if (out.user.isEmpty())
            out.user = P.user;
    }
    switch (s.act) {
    case Act::Spawned:
    case Act::Executed:
    case Act::ServiceRan:
        out.parentEntityId = idOf(s.other);
        break;
    case Act::RegistryHijack: {
        // Who asked for it: the writer of the key, else whoever started the elevated program.
        int asker = -1;
        for (const int c : s.causes)
            if (steps[std::size_t(c)].proc >= 0 && steps[std::size_t(c)].proc != s.proc)
                asker = steps[std::size_t(c)].proc;
        if (asker < 0 && s.proc >= 0)
            asker = procs[std::size_t(s.proc)].parent;
        out.parentEntityId = idOf(asker);
        break;
    }
    default:
        break;
    }
    out.why = why(s);
    return out;
}

void CauseGraph::classify(RcaResult &r, const std::vector<int> &chain) const
{
    const Step &root = steps[std::size_t(chain.front())];
    const auto set = [&r](const char *kind, const char *technique, double confidence) {
        r.entryKind = QLatin1String(kind);
        r.entryTechnique = QLatin1String(technique);
        r.confidence = confidence;
    };
    // Evidence of the entry: the root, or the movement and what it started on the other side.
    const auto remoteEntry = [&](int lateral) {
        const Step &l = steps[std::size_t(lateral)];
        set("remote_service", "T1021", l.proc >= 0 ? 0.85 : (l.host >= 0 ? 0.75 : 0.65));
        std::vector<int> entry{lateral};
        for (std::size_t k = 0; k < entry.size() && k < 8; ++k)
            for (const int e : steps[std::size_t(entry[k])].effects) {
                const Act a = steps[std::size_t(e)].act;
                if (std::find(chain.begin(), chain.end(), e) == chain.end()
                    || std::find(entry.begin(), entry.end(), e) != entry.end())
                    continue;
                if (a == Act::LoggedOn || a == Act::CreatedService || a == Act::ServiceRan
                    || a == Act::Spawned)
                    entry.push_back(e);
            }
        for (const int s : entry)
            r.entryEvidence.insert(r.entryEvidence.end(),
                                   steps[std::size_t(s)].evidence.begin(),
                                   steps[std::size_t(s)].evidence.end());
    };
    r.entryEvidence = root.evidence;
    if (root.act == Act::LateralMovement) {
        r.entryEvidence.clear();
        remoteEntry(chain.front());
        return;
    }
    if (root.act == Act::LoggedOn) {
        set("valid_accounts", "T1078", 0.6);
        return;
    }
    if (root.proc >= 0 && root.act != Act::Started) {
        const Proc &P = procs[std::size_t(root.proc)];
        const int q = P.parent;
        const QString pn = q >= 0 ? procs[std::size_t(q)].name : QString();
        const QString pcmd = q >= 0 ? procs[std::size_t(q)].cmd.toLower() : QString();
        if (isServer(pn) && isShell(P.name))
            return set("exploit_public_facing", "T1190", 0.85);
        if (isOffice(pn))
            return set("malicious_document", "T1566", isShell(P.name) ? 0.85 : 0.7);
        if (pn == QLatin1String("taskeng.exe")
            || (pn == QLatin1String("svchost.exe") && pcmd.contains(QLatin1String("schedule"))))
            return set("scheduled_task", "T1053", 0.7);
        if (pn == QLatin1String("explorer.exe") || pn == QLatin1String("userinit.exe")
            || isBrowser(pn)) {
            if (isRemovable(P.exe))
                return set("removable_media", "T1091", 0.6);
            if ((isScriptHost(P.name) && namesScript(P.cmd)) || isUserWritable(P.exe)
                || P.downloaded || isBrowser(pn))
                return set("user_execution", "T1204", 0.85);
        }
        if (P.downloaded)
            return set("user_execution", "T1204", 0.7);
        // Someone at the keyboard of an account that logged on from elsewhere.
        if (pn == QLatin1String("explorer.exe") || pn == QLatin1String("sshd")
            || pn == QLatin1String("winlogon.exe") || pn == QLatin1String("userinit.exe")) {
            const auto it = logons.constFind(P.host);
            if (it != logons.constEnd()) {
                const auto [lo, hi] = span(*it, P.start - kDay, P.start);
                for (auto i = lo; i != hi; ++i)
                    if (ev[std::size_t(*i)].userName.compare(P.user, Qt::CaseInsensitive) == 0) {
                        r.entryEvidence.push_back(ev[std::size_t(*i)].id);
                        return set("valid_accounts", "T1078", 0.6);
                    }
            }
        }
    }
    // The root itself says nothing: the first way in along the chain (a host reached from another).
    for (const int s : chain)
        if (steps[std::size_t(s)].act == Act::LateralMovement) {
            r.entryEvidence.clear();
            remoteEntry(s);
            r.confidence -= 0.05; // what started the other side is unknown
            return;
        }
    set("unknown", "", root.act == Act::Started ? 0.3 : 0.4);
}

void CauseGraph::explain(RcaResult &r, const std::vector<int> &chain) const
{
    const Step &root = steps[std::size_t(chain.front())];
    QStringList text;
    const QString rootHost = hostLabel(root.host);
    const QString rootProgram = root.proc >= 0 ? display(root.proc) : QString();
    const QString parent
        = root.proc >= 0 ? display(procs[std::size_t(root.proc)].parent) : QString();
    const QString command
        = root.proc >= 0 ? shortened(procs[std::size_t(root.proc)].cmd) : QString();
    const QString events = idList(r.entryEvidence.empty() ? root.evidence : r.entryEvidence);
    const QString kind = r.entryKind;
    if (kind == QLatin1String("remote_service")) {
        const auto lateral = std::find_if(chain.begin(), chain.end(), [this](int s) {
            return steps[std::size_t(s)].act == Act::LateralMovement;
        });
        const Step &l = steps[std::size_t(*lateral)];
        const QString from
            = l.host >= 0 ? Language::translate("Rca", "%1 (%2)").arg(hostLabel(l.host), l.note)
                          : l.note;
        // What it started on the other side: the first process step after the movement.
        QString started;
        for (auto s = lateral; s != chain.end(); ++s) {
            const Step &x = steps[std::size_t(*s)];
            if (x.host == l.toHost && x.proc >= 0
                && (x.act == Act::Spawned || x.act == Act::ServiceRan)) {
                started = shortened(procs[std::size_t(x.proc)].cmd.isEmpty()
                                        ? display(x.proc)
                                        : procs[std::size_t(x.proc)].cmd);
                break;
            }
        }
        QString service;
        for (const int s : chain)
            if (steps[std::size_t(s)].act == Act::CreatedService)
                service = steps[std::size_t(s)].target;
        switch (l.via) {
        case Via::Service:
            text << Language::translate("Rca",
                                        "%1 was entered from %2 at %3 through a service "
                                        "installed remotely, %4, which ran %5 (events %6).")
                        .arg(hostLabel(l.toHost), from, when(l.ts), service, started, events);
            break;
        case Via::Dcom:
            text << Language::translate("Rca",
                                        "%1 was entered from %2 at %3 through DCOM, which "
                                        "started %4 (events %5).")
                        .arg(hostLabel(l.toHost), from, when(l.ts), started, events);
            break;
        case Via::Wmi:
            text << Language::translate("Rca",
                                        "%1 was entered from %2 at %3 through WMI, which "
                                        "started %4 (events %5).")
                        .arg(hostLabel(l.toHost), from, when(l.ts), started, events);
            break;
        case Via::Task:
            text << Language::translate("Rca",
                                        "%1 was entered from %2 at %3 through a scheduled "
                                        "task, which started %4 (events %5).")
                        .arg(hostLabel(l.toHost), from, when(l.ts), started, events);
            break;
        }
        for (const int s : chain)
            if (steps[std::size_t(s)].act == Act::LoggedOn) {
                text << Language::translate("Rca",
                                            "It came with a network logon of %1 (events %2).")
                            .arg(steps[std::size_t(s)].user,
                                 idList(steps[std::size_t(s)].evidence));
                break;
            }
        if (l.proc >= 0 && procs[std::size_t(l.proc)].cmd.isEmpty())
            text << Language::translate("Rca", "On %1 the move was made by %2.")
                        .arg(hostLabel(l.host), display(l.proc));
        else if (l.proc >= 0)
            text << Language::translate("Rca", "On %1 the move was made by %2 (%3).")
                        .arg(hostLabel(l.host),
                             display(l.proc),
                             shortened(procs[std::size_t(l.proc)].cmd));
    } else if (kind == QLatin1String("user_execution")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2, when the user ran %3 "
                                    "from %4 (events %5).")
                    .arg(rootHost, when(root.ts), command, parent, events);
    } else if (kind == QLatin1String("exploit_public_facing")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2, when the server process "
                                    "%3 started %4 (events %5): the application it serves "
                                    "was exploited.")
                    .arg(rootHost, when(root.ts), parent, command, events);
    } else if (kind == QLatin1String("malicious_document")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2, when %3 started %4 "
                                    "(events %5): a document ran code.")
                    .arg(rootHost, when(root.ts), parent, command, events);
    } else if (kind == QLatin1String("scheduled_task")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2, when the task scheduler "
                                    "started %3 (events %4).")
                    .arg(rootHost, when(root.ts), command, events);
    } else if (kind == QLatin1String("removable_media")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2, when %3 was run from "
                                    "removable media (events %4).")
                    .arg(rootHost, when(root.ts), command, events);
    } else if (kind == QLatin1String("valid_accounts")) {
        text << Language::translate("Rca",
                                    "The attack began on %1 at %2 with an account that "
                                    "logged on from elsewhere: %3 ran %4 (events %5).")
                    .arg(rootHost,
                         when(root.ts),
                         root.user,
                         command.isEmpty() ? rootProgram : command,
                         events);
    } else {
        text << Language::translate("Rca", "How the attack began is not in the events.");
    }
    if (root.act == Act::Started)
        text << Language::translate("Rca",
                                    "The earliest attacker activity found is %1 on %2, "
                                    "already running when the events begin (first seen "
                                    "at %3; %4).")
                    .arg(rootProgram,
                         rootHost,
                         when(root.ts),
                         command.isEmpty() ? rootProgram : command);
    for (const int s : chain) {
        const Step &h = steps[std::size_t(s)];
        if (h.act == Act::RegistryHijack && h.proc >= 0 && h.other >= 0
            && isAutoElevate(procs[std::size_t(h.proc)].name)) {
            text << Language::translate("Rca",
                                        "It bypassed User Account Control at %1: %2 started "
                                        "%3 through a hijacked handler (events %4).")
                        .arg(when(h.ts), display(h.proc), display(h.other), idList(h.evidence));
            break;
        }
    }
    QStringList contacted;
    for (const int s : chain) {
        const Step &c = steps[std::size_t(s)];
        if (c.act == Act::Connected && !ipOwner.contains(c.note) && contacted.size() < 3)
            contacted << Language::translate("Rca", "%1 (event %2)")
                             .arg(c.target, QString::number(c.evidence.front()));
    }
    if (!contacted.isEmpty())
        text << Language::translate("Rca", "Attacker processes connected to %1.")
                    .arg(contacted.join(QLatin1String(", ")));
    const Step &last = steps[std::size_t(chain.back())];
    text << Language::translate(
                "Rca", "The chain has %n step(s); the last, at %1: %2", nullptr, int(chain.size()))
                .arg(when(last.ts), why(last));
    if (r.alerts > 0)
        text << Language::translate("Rca", "It explains %1 of the incident's %2 alerted actions.")
                    .arg(r.explained)
                    .arg(r.alerts);
    r.explanation = text.join(QLatin1Char(' '));
}

RcaResult CauseGraph::run(std::int64_t incident)
{
    RcaResult r;
    r.incident = incident;
    // Every process's start and how it came about; injections as they happened.
    for (std::size_t p = 0; p < procs.size(); ++p)
        startStep(int(p));
    for (auto it = injectionsInto.constBegin(); it != injectionsInto.constEnd(); ++it)
        for (const int i : it.value())
            injectionStep(i);
    // The incident's alerts, as steps.
    std::vector<int> seeds;
    QSet<int> seen;
    for (const int i : order)
        if (ev[std::size_t(i)].inIncident) {
            const int s = seedStep(i);
            if (s >= 0 && !seen.contains(s)) {
                seen.insert(s);
                seeds.push_back(s);
            }
        }
    r.alerts = int(seeds.size());
    if (seeds.empty()) {
        r.explanation = Language::translate("Rca",
                                            "No alert of this incident names a process or "
                                            "a service: there is nothing to trace back.");
        r.confidence = 0;
        return r;
    }
    // Back from each alert to where its causes run out.
    std::vector<int> stamp(steps.size(), -1);
    QHash<int, std::vector<int>> seedsOf; // source -> the seeds that lead to it
    for (std::size_t k = 0; k < seeds.size(); ++k) {
        std::vector<int> stack{seeds[k]};
        while (!stack.empty()) {
            const int s = stack.back();
            stack.pop_back();
            if (std::size_t(s) >= stamp.size())
                stamp.resize(steps.size(), -1);
            if (stamp[std::size_t(s)] == int(k))
                continue;
            stamp[std::size_t(s)] = int(k);
            const Step &step = steps[std::size_t(s)];
            if (step.causes.empty())
                seedsOf[s].push_back(seeds[k]);
            for (const int c : step.causes)
                stack.push_back(c);
        }
    }
    // The root: the source most alerts lead to (never the system's own processes), earliest
    // among equals.
    int root = -1;
    std::size_t most = 0;
    for (auto it = seedsOf.constBegin(); it != seedsOf.constEnd(); ++it) {
        const Step &s = steps[std::size_t(it.key())];
        if (s.proc >= 0 && (s.act == Act::Started || s.act == Act::Spawned)
            && isSystem(procs[std::size_t(s.proc)].name))
            continue;
        const std::size_t n = it.value().size();
        if (n > most || (n == most && root >= 0 && s.ts < steps[std::size_t(root)].ts)) {
            most = n;
            root = it.key();
        }
    }
    if (root < 0) {
        r.explanation = Language::translate("Rca",
                                            "The incident's alerts lead only to the system's own "
                                            "processes: no attacker activity to trace back.");
        return r;
    }
    const std::vector<int> explained = seedsOf.value(root);
    r.explained = int(explained.size());
    const std::vector<int> chain = chainFrom(root, explained);
    for (const int s : chain)
        r.chain.push_back(output(s));
    r.root = r.chain.front();
    classify(r, chain);
    std::sort(r.entryEvidence.begin(), r.entryEvidence.end());
    r.entryEvidence.erase(std::unique(r.entryEvidence.begin(), r.entryEvidence.end()),
                          r.entryEvidence.end());
    // Less sure when many alerts stay unexplained.
    r.confidence *= 0.6 + 0.4 * double(r.explained) / double(r.alerts);
    r.confidence = std::round(std::clamp(r.confidence, 0.0, 1.0) * 100) / 100;
    // The scope of the chain.
    const auto add = [](QStringList &list, const QString &v) {
        if (!v.isEmpty() && !list.contains(v, Qt::CaseInsensitive))
            list << v;
    };
    for (const int s : chain) {
        const Step &x = steps[std::size_t(s)];
        add(r.hosts, hostLabel(x.host));
        add(r.hosts, hostLabel(x.toHost));
        const QString user
            = x.user.isEmpty() && x.proc >= 0 ? procs[std::size_t(x.proc)].user : x.user;
        if (!isMachineAccount(user))
            add(r.users, user.section(QLatin1Char('\\'), -1));
        const bool remote
            = x.act == Act::Connected || x.act == Act::LateralMovement || x.act == Act::LoggedOn;
        const QString ip = x.act == Act::LoggedOn ? x.target : x.note;
        if (remote && !ip.isEmpty() && !ipOwner.contains(ip) && !isLocalAddress(ip))
            add(r.ips, ip);
    }
    explain(r, chain);
    return r;
}

// --- loading ---

// A value named `key` anywhere in a document: an object's member, or Windows' XML-as-JSON form
// {"Name": key, "#text": value}.
QString findValue(const QJsonValue &v, QLatin1String key, int depth = 0)
{
    if (depth > 6)
        return {};
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key().compare(key, Qt::CaseInsensitive) == 0 && it.value().isString())
                return it.value().toString();
        for (const char *name : {"@Name", "Name"})
            if (o.value(QLatin1String(name)).toString() == key)
                for (const char *text : {"#text", "text", "Value", "value"})
                    if (o.value(QLatin1String(text)).isString())
                        return o.value(QLatin1String(text)).toString();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.value().isObject() || it.value().isArray())
                if (QString found = findValue(it.value(), key, depth + 1); !found.isEmpty())
                    return found;
    } else if (v.isArray()) {
        for (const QJsonValue &item : v.toArray())
            if (QString found = findValue(item, key, depth + 1); !found.isEmpty())
                return found;
    }
    return {};
}

// The names of the services installed during the events, from the original documents.
QHash<std::int64_t, QString> serviceNames(const Store &store,
                                          const std::vector<IncidentEvent> &events)
{
    QHash<QString, QString> byInstall; // host|ts -> name
    QHash<std::int64_t, QString> out;
    int read = 0;
    for (const IncidentEvent &e : events) {
        if (!isServiceInstall(e))
            continue;
        const QString key = e.hostName.toLower() + QLatin1Char('|') + QString::number(e.ts);
        if (!byInstall.contains(key) && read < 64) {
            ++read;
            QString name;
            if (auto raw = store.rawDocument(e.id); raw.ok() && !raw->empty())
                name = findValue(QJsonDocument::fromJson(QByteArray::fromStdString(*raw)).object(),
                                 QLatin1String("ServiceName"));
            if (!name.isEmpty())
                byInstall.insert(key, name);
        }
        if (const QString name = byInstall.value(key); !name.isEmpty())
            out.insert(e.id, name);
    }
    return out;
}

} // namespace

RcaResult rootCause(std::int64_t incident,
                    const std::vector<IncidentEvent> &events,
                    const std::vector<std::pair<QString, QString>> &hostAddresses,
                    const QHash<std::int64_t, QString> &serviceNames)
{
    CauseGraph graph(events, hostAddresses, serviceNames);
    return graph.run(incident);
}

Result<RcaResult>
analyseRootCause(const Store &store, std::int64_t incident, const std::atomic<bool> *cancel)
{
    // A day before the first alert: how the attacker got in often comes well before the noise.
    IncidentEventWindow window;
    window.marginUs = kDay;
    window.cancel = cancel;
    auto loaded = store.causalEvents(incident, window);
    if (!loaded)
        return Error(loaded.error());
    auto addresses = store.hostAddresses();
    if (!addresses)
        return Error(addresses.error());
    std::vector<IncidentEvent> events = std::move(*loaded);
    if (events.empty())
        return Error(Language::translate("Rca", "Incident %1 has no events.").arg(incident));
    return rootCause(incident, events, *addresses, serviceNames(store, events));
}

QString entryKindName(const QString &kind)
{
    if (kind == QLatin1String("exploit_public_facing"))
        return Language::translate("Rca", "Exploit of a public-facing application");
    if (kind == QLatin1String("user_execution"))
        return Language::translate("Rca", "User execution");
    if (kind == QLatin1String("malicious_document"))
        return Language::translate("Rca", "Malicious document");
    if (kind == QLatin1String("remote_service"))
        return Language::translate("Rca", "Remote service from another host");
    if (kind == QLatin1String("valid_accounts"))
        return Language::translate("Rca", "Valid account logon");
    if (kind == QLatin1String("scheduled_task"))
        return Language::translate("Rca", "Scheduled task");
    if (kind == QLatin1String("removable_media"))
        return Language::translate("Rca", "Removable media");
    return Language::translate("Rca", "Unknown");
}

} // namespace Vigie::Analysis
