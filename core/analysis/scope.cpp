// SPDX-License-Identifier: Apache-2.0
#include "core/analysis/scope.h"

#include "core/detection/processes.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>
#include <set>

namespace Vigie::Analysis {

namespace {

bool isPrivateAddress(const QString &ip)
{
    if (ip.startsWith(QLatin1String("10.")) || ip.startsWith(QLatin1String("192.168."))
        || ip.startsWith(QLatin1String("127.")) || ip.startsWith(QLatin1String("169.254."))
        || ip.startsWith(QLatin1String("fe80:")) || ip.startsWith(QLatin1String("fd"))
        || ip.startsWith(QLatin1String("ff0")) || ip == QLatin1String("::1")
        || ip.startsWith(QLatin1String("224.")) || ip.startsWith(QLatin1String("239."))
        || ip == QLatin1String("255.255.255.255") || ip == QLatin1String("0.0.0.0"))
        return true;
    if (ip.startsWith(QLatin1String("172."))) {
        const int second = ip.section(QLatin1Char('.'), 1, 1).toInt();
        return second >= 16 && second <= 31;
    }
    return false;
}

QString baseName(const QString &path)
{
    return Detection::fileNameOf(path);
}

// Accounts that are the system itself, not a person or an attacker's foothold.
bool isServiceAccount(const QString &user)
{
    const QString u = user.section(QLatin1Char('\\'), -1).toUpper();
    return u.isEmpty() || u.endsWith(QLatin1Char('$')) || u == QLatin1String("SYSTEM")
           || u == QLatin1String("LOCAL SERVICE") || u == QLatin1String("NETWORK SERVICE")
           || u.startsWith(QLatin1String("DWM-")) || u.startsWith(QLatin1String("UMFD-"))
           || u == QLatin1String("ANONYMOUS LOGON") || u == QLatin1String("-");
}

bool isLogon(const IncidentEvent &e)
{
    if (e.code >= 0) // Windows: by its event id
        return e.code == 4624 || e.code == 4648;
    return e.action.contains(QLatin1String("logged-in"))
           || e.action.contains(QLatin1String("logon"), Qt::CaseInsensitive);
}

bool isConnection(const IncidentEvent &e)
{
    return (e.code == 3 && e.dataset.contains(QLatin1String("sysmon"), Qt::CaseInsensitive))
           || e.code == 5156 || e.category.contains(QLatin1String("network"));
}

bool isFileWrite(const IncidentEvent &e)
{
    if (e.filePath.isEmpty())
        return false;
    // Sysmon: file created, stream created, file deleted (archived); not pipes or image loads.
    if (e.dataset.contains(QLatin1String("sysmon"), Qt::CaseInsensitive))
        return e.code == 11 || e.code == 15 || e.code == 23 || e.code == 26;
    return e.category.contains(QLatin1String("file"));
}

bool isNetworkSensor(const IncidentEvent &e)
{
    return e.dataset.startsWith(QLatin1String("suricata"))
           || e.dataset.startsWith(QLatin1String("zeek"));
}

} // namespace

int ScopeGraph::find(ScopeNode::Kind kind, const QString &label, const QString &host) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].kind == kind && nodes[i].label.compare(label, Qt::CaseInsensitive) == 0
            && (host.isEmpty() || nodes[i].host.compare(host, Qt::CaseInsensitive) == 0))
            return int(i);
    return -1;
}

const char *ScopeGraph::kindName(ScopeNode::Kind kind)
{
    static const char *const names[]
        = {"host", "account", "process", "file", "remote_address", "domain"};
    return names[kind];
}

const char *ScopeGraph::relationName(ScopeEdge::Relation r)
{
    static const char *const names[] = {
        "logged_on", "spawned", "ran", "wrote", "connected_to", "resolved", "moved_laterally_to"};
    return names[r];
}

ScopeGraph buildScope(const std::vector<IncidentEvent> &events,
                      const std::vector<std::pair<QString, QString>> &hostAddresses,
                      const ScopeOptions &options)
{
    // Candidates first (with counts), the busiest kept at the end.
    std::map<std::pair<int, QString>, ScopeNode> nodes; // (kind, key) -> node
    struct EdgeKey
    {
        int relation;
        std::pair<int, QString> from, to;
        bool operator<(const EdgeKey &o) const
        {
            return std::tie(relation, from, to) < std::tie(o.relation, o.from, o.to);
        }
    };
    std::map<EdgeKey, std::int64_t> edges;
    auto see = [&](ScopeNode::Kind kind,
                   const QString &label,
                   const QString &host,
                   const IncidentEvent &e,
                   const QString &detail = {},
                   ScopeNode *known = nullptr) -> std::pair<int, QString> {
        const QString key = known ? QString() : host.toLower() + QLatin1Char('|') + label.toLower();
        ScopeNode &n = known ? *known : nodes[{int(kind), key}];
        if (n.count == 0) {
            n.kind = kind;
            n.label = label;
            n.host = host;
            n.firstUs = e.ts;
        }
        if (n.detail.isEmpty())
            n.detail = detail;
        n.firstUs = std::min(n.firstUs, e.ts);
        n.lastUs = std::max(n.lastUs, e.ts);
        ++n.count;
        if (e.inIncident)
            ++n.alerts;
        n.inAlert = n.inAlert || e.inIncident;
        return {int(kind), key};
    };
    auto relate = [&](ScopeEdge::Relation r,
                      const std::pair<int, QString> &from,
                      const std::pair<int, QString> &to) {
        ++edges[{int(r), from, to}];
    };

    QHash<QString, QString> hostOf; // address -> host name (lower-case)
    QSet<QString> own;
    for (const auto &[host, ip] : hostAddresses) {
        hostOf.insert(ip, host);
        own.insert(ip);
    }
    // The hosts, as the events spell them.
    QHash<QString, QString> spelling;
    QSet<QString> named;
    for (const IncidentEvent &e : events)
        if (!e.hostName.isEmpty() && !named.contains(e.hostName) && !isNetworkSensor(e)) {
            named.insert(e.hostName);
            spelling.insert(e.hostName.toLower(), e.hostName);
        }
    auto hostName = [&](const QString &lower) {
        return spelling.value(lower, lower);
    };
    // Processes of interest: those the incident's alerts name, and what they started. (Entity
    // ids are compared as the source writes them: one source spells a GUID one way.)
    QSet<QString> interesting;
    for (const IncidentEvent &e : events)
        if (e.inIncident && !e.processEntity.isEmpty())
            interesting.insert(e.processEntity);
    for (const IncidentEvent &e : events)
        if (!e.parentEntity.isEmpty() && !e.processEntity.isEmpty()
            && interesting.contains(e.parentEntity))
            interesting.insert(e.processEntity);
    // The names of the parents an event does not name itself, for spawned edges.
    QHash<QString, QString> processName;
    for (const IncidentEvent &e : events)
        if (e.parentName.isEmpty() && !e.parentEntity.isEmpty()
            && interesting.contains(e.processEntity))
            processName.insert(e.parentEntity, QString());
    if (!processName.isEmpty())
        for (const IncidentEvent &e : events)
            if (!e.processName.isEmpty())
                if (const auto it = processName.find(e.processEntity); it != processName.end())
                    *it = e.processName;
    // Every event names its host: one lookup by the name as written, not a new key each time.
    QHash<QString, std::pair<std::pair<int, QString>, ScopeNode *>> hostKeys;

    for (const IncidentEvent &e : events) {
        const bool network = isNetworkSensor(e);
        const QString host = network ? QString() : e.hostName;
        std::pair<int, QString> hostKey;
        if (!host.isEmpty()) {
            auto cached = hostKeys.find(host);
            if (cached == hostKeys.end()) {
                const auto key = see(ScopeNode::Host, hostName(host.toLower()), QString(), e);
                cached = hostKeys.insert(host, {key, &nodes[key]});
            } else {
                see(ScopeNode::Host, QString(), QString(), e, {}, cached->second);
            }
            hostKey = cached->first;
        }
        // A network sensor names itself, not the host: its alerts are about the inside address
        // (a host of the store by that address, or the address itself).
        if (network && e.inIncident) {
            std::pair<int, QString> inside;
            for (const QString &ip : {e.sourceIp, e.destinationIp})
                if (!ip.isEmpty() && (own.contains(ip) || isPrivateAddress(ip))
                    && inside.second.isEmpty())
                    inside = see(ScopeNode::Host,
                                 own.contains(ip) ? hostName(hostOf.value(ip)) : ip,
                                 QString(),
                                 e,
                                 ip);
            for (const QString &ip : {e.sourceIp, e.destinationIp})
                if (!ip.isEmpty() && !own.contains(ip) && !isPrivateAddress(ip)) {
                    const auto remote = see(ScopeNode::RemoteAddress, ip, QString(), e);
                    if (!inside.second.isEmpty())
                        relate(ScopeEdge::ConnectedTo, inside, remote);
                }
            if (!e.dnsName.isEmpty() && !inside.second.isEmpty())
                relate(
                    ScopeEdge::Resolved, inside, see(ScopeNode::Domain, e.dnsName, QString(), e));
            continue;
        }
        // Accounts: those the alerts name, and logons onto the incident's hosts.
        const bool logon = isLogon(e);
        if ((e.inIncident || logon) && !e.userName.isEmpty() && !host.isEmpty()
            && !isServiceAccount(e.userName))
            relate(ScopeEdge::LoggedOn, see(ScopeNode::Account, e.userName, QString(), e), hostKey);
        // A logon from another host of the store: lateral movement.
        if (logon && !host.isEmpty() && !e.sourceIp.isEmpty()) {
            const QString from = hostOf.value(e.sourceIp);
            if (!from.isEmpty() && from != host.toLower())
                relate(ScopeEdge::MovedLaterallyTo,
                       see(ScopeNode::Host, hostName(from), QString(), e, e.sourceIp),
                       hostKey);
        }
        // Processes of interest, what started them and what they wrote.
        const bool ofInterest = !e.processEntity.isEmpty() && interesting.contains(e.processEntity);
        std::pair<int, QString> processKey;
        if (ofInterest && !e.processName.isEmpty() && !host.isEmpty()) {
            processKey = see(ScopeNode::Process, e.processName, host, e, e.commandLine.left(200));
            relate(ScopeEdge::Ran, hostKey, processKey);
            const QString parent = e.parentName.isEmpty() ? processName.value(e.parentEntity)
                                                          : baseName(e.parentName);
            if (!parent.isEmpty() && e.code == 1)
                relate(ScopeEdge::Spawned,
                       see(ScopeNode::Process, parent, host, e, e.parentName),
                       processKey);
        }
        if (isFileWrite(e) && (ofInterest || e.inIncident) && !host.isEmpty()) {
            const auto file = see(ScopeNode::File, baseName(e.filePath), host, e, e.filePath);
            relate(ScopeEdge::Wrote, processKey.second.isEmpty() ? hostKey : processKey, file);
        }
        // An alert about a connection between two hosts of the store: the attacker moving from
        // one to the other (an alert on the target names the source, or the other way round).
        if (e.inIncident && !host.isEmpty()) {
            const QString from = hostOf.value(e.sourceIp), to = hostOf.value(e.destinationIp);
            if (!to.isEmpty() && to != host.toLower())
                relate(ScopeEdge::MovedLaterallyTo,
                       hostKey,
                       see(ScopeNode::Host, hostName(to), QString(), e, e.destinationIp));
            else if (!from.isEmpty() && from != host.toLower())
                relate(ScopeEdge::MovedLaterallyTo,
                       see(ScopeNode::Host, hostName(from), QString(), e, e.sourceIp),
                       hostKey);
        }
        // Remote addresses: connections from the incident's hosts to outside, or any address
        // the alerts name that is no host of the store.
        for (const QString &ip : {e.destinationIp, e.sourceIp}) {
            if (ip.isEmpty() || own.contains(ip))
                continue;
            const bool outside = !isPrivateAddress(ip);
            if (!(e.inIncident || (outside && isConnection(e) && !host.isEmpty())))
                continue;
            const auto remote = see(ScopeNode::RemoteAddress, ip, QString(), e);
            if (!host.isEmpty())
                relate(ScopeEdge::ConnectedTo,
                       processKey.second.isEmpty() ? hostKey : processKey,
                       remote);
        }
        if (!e.dnsName.isEmpty() && (ofInterest || e.inIncident))
            relate(ScopeEdge::Resolved,
                   processKey.second.isEmpty() ? hostKey : processKey,
                   see(ScopeNode::Domain, e.dnsName, QString(), e));
    }

    // Keep, per kind, what the alerts name and the busiest of the rest.
    std::map<std::pair<int, QString>, int> index;
    ScopeGraph graph;
    for (int kind = ScopeNode::Host; kind <= ScopeNode::Domain; ++kind) {
        std::vector<const std::pair<const std::pair<int, QString>, ScopeNode> *> of;
        for (const auto &entry : nodes)
            if (entry.first.first == kind)
                of.push_back(&entry);
        std::stable_sort(of.begin(), of.end(), [](const auto *a, const auto *b) {
            if (a->second.inAlert != b->second.inAlert)
                return a->second.inAlert;
            return a->second.count > b->second.count;
        });
        int kept = 0;
        for (const auto *entry : of) {
            if (kind != ScopeNode::Host && !entry->second.inAlert && kept >= options.maxPerKind)
                break;
            index[entry->first] = int(graph.nodes.size());
            ScopeNode n = entry->second;
            if (n.kind == ScopeNode::Host && n.detail.isEmpty())
                for (const auto &[h, ip] : hostAddresses)
                    if (h == n.label.toLower())
                        n.detail = ip;
            graph.nodes.push_back(n);
            ++kept;
        }
    }
    // A process drawn with the process that started it needs no "ran" edge from its host.
    std::set<std::pair<int, QString>> started;
    for (const auto &[key, count] : edges)
        if (key.relation == ScopeEdge::Spawned && index.count(key.from))
            started.insert(key.to);
    for (const auto &[key, count] : edges) {
        const auto from = index.find(key.from), to = index.find(key.to);
        if (from == index.end() || to == index.end() || from->second == to->second)
            continue;
        if (key.relation == ScopeEdge::Ran && started.count(key.to))
            continue;
        graph.edges.push_back({from->second, to->second, ScopeEdge::Relation(key.relation), count});
    }
    return graph;
}

} // namespace Vigie::Analysis
