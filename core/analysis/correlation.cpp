// SPDX-License-Identifier: Apache-2.0
#include "core/analysis/correlation.h"

#include "core/analysis/timeline.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Vigie::Analysis {

namespace {

constexpr std::int64_t kHour = 3600LL * 1000000;

struct UnionFind
{
    explicit UnionFind(std::size_t n)
        : parent(n)
    {
        std::iota(parent.begin(), parent.end(), 0);
    }
    std::size_t find(std::size_t x)
    {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }
    void join(std::size_t a, std::size_t b)
    {
        a = find(a);
        b = find(b);
        if (a != b)
            parent[std::max(a, b)] = std::min(a, b);
    }
    std::vector<std::size_t> parent;
};

bool isPrivate(const QString &ip)
{
    if (ip.startsWith(QLatin1String("10.")) || ip.startsWith(QLatin1String("192.168."))
        || ip.startsWith(QLatin1String("127.")) || ip.startsWith(QLatin1String("fe80:"))
        || ip.startsWith(QLatin1String("fd")) || ip == QLatin1String("::1"))
        return true;
    if (ip.startsWith(QLatin1String("172."))) {
        const int second = ip.section(QLatin1Char('.'), 1, 1).toInt();
        return second >= 16 && second <= 31;
    }
    return false;
}

bool isNetwork(const CorrelationRow &r)
{
    return r.dataset.startsWith(QLatin1String("suricata"))
           || r.dataset.startsWith(QLatin1String("zeek"));
}

// ATT&CK's kill chain, in order: an incident climbing it is worse than one staying put.
int stageOf(const QString &tactic)
{
    return tacticStage(tactic);
}

} // namespace

int scoreOf(
    int maxSeverity, int tacticStages, int hosts, int users, std::int64_t alerts, bool noise)
{
    double score = 0.45 * maxSeverity;                  // up to 45
    score += 5.0 * std::min(tacticStages, 6);           // up to 30: the attack progresses
    score += 5.0 * std::min(std::max(hosts - 1, 0), 2); // up to 10: it spread
    score += 2.5 * std::min(std::max(users - 1, 0), 2); // up to 5
    score += std::min(10.0, 2.5 * std::log2(double(std::max<std::int64_t>(alerts, 1)))); // up to 10
    if (noise)
        score *= 0.4; // the same scan seen again and again is context, not an attack
    return int(std::clamp(score, 0.0, 100.0));
}

std::vector<CorrelatedIncident>
correlateRows(const std::vector<CorrelationRow> &rows,
              const std::vector<std::pair<QString, QString>> &hostAddresses)
{
    const std::size_t n = rows.size();
    UnionFind uf(n);
    std::vector<CorrelatedIncident::Member> why(n);
    for (std::size_t i = 0; i < n; ++i)
        why[i] = {rows[i].id, QStringLiteral("first"), QString()};
    // A host is its name where the name says enough: one name with several addresses is several
    // hosts (two WORKSTATION5s in two networks), and a name no address vouches for is one host per
    // source (two Wazuh managers both called "user-0").
    QHash<QString, QSet<QString>> addressesOf; // host (lower-case) -> its addresses
    for (const auto &[host, ip] : hostAddresses)
        addressesOf[host].insert(ip);
    QHash<QString, QString> hostOf; // address -> host identity
    for (const auto &[host, ip] : hostAddresses)
        hostOf.insert(ip,
                      addressesOf.value(host).size() == 1 ? host : host + QLatin1Char('@') + ip);
    auto identity = [&](const CorrelationRow &r) -> QString {
        if (r.hostName.isEmpty())
            return {};
        const QString name = r.hostName.toLower();
        const auto known = addressesOf.constFind(name);
        if (known != addressesOf.constEnd() && known->size() == 1)
            return name;
        if (known != addressesOf.constEnd() && !r.hostIp.isEmpty() && known->contains(r.hostIp))
            return name + QLatin1Char('@') + r.hostIp;
        return name + QLatin1Char('#') + QString::number(r.source);
    };
    QHash<QString, QString> spelled; // lower-case -> as a source writes it
    for (const CorrelationRow &r : rows)
        if (!r.hostName.isEmpty())
            spelled.insert(r.hostName.toLower(), r.hostName);
    auto spell = [&](const QString &key) {
        const QString name = key.section(QLatin1Char('@'), 0, 0).section(QLatin1Char('#'), 0, 0);
        return spelled.value(name, name);
    };
    std::vector<QString> hostKey(n);
    for (std::size_t i = 0; i < n; ++i)
        hostKey[i] = identity(rows[i]);
    // Windows that adapt to the data: a host whose alerts come hours apart (a quiet server, a
    // slow intrusion) keeps a session open longer — twenty times its usual gap, from two hours
    // up to eight.
    QHash<QString, std::int64_t> sessionGap;
    {
        QHash<QString, std::vector<std::int64_t>> gaps;
        QHash<QString, std::int64_t> previous;
        for (std::size_t i = 0; i < n; ++i) {
            if (hostKey[i].isEmpty())
                continue;
            if (const auto p = previous.constFind(hostKey[i]); p != previous.constEnd())
                gaps[hostKey[i]].push_back(rows[i].ts - *p);
            previous.insert(hostKey[i], rows[i].ts);
        }
        for (auto it = gaps.begin(); it != gaps.end(); ++it) {
            auto &g = it.value();
            std::nth_element(g.begin(), g.begin() + std::ptrdiff_t(g.size() / 2), g.end());
            sessionGap.insert(it.key(),
                              std::clamp<std::int64_t>(20 * g[g.size() / 2], 2 * kHour, 8 * kHour));
        }
    }

    // Same host, within a session; network alerts by the internal address they concern.
    QHash<QString, std::pair<std::size_t, std::int64_t>> session; // key -> (anchor, last ts)
    QHash<QString, std::size_t> process;                          // entity id -> row
    QHash<QString, std::size_t> indicator;                        // value -> first row
    QHash<QString, int> indicatorCount;
    for (const CorrelationRow &r : rows)
        for (const QString &v : {r.destinationIp, r.dnsName, r.hash})
            if (!v.isEmpty())
                ++indicatorCount[v];
    QHash<QString, std::size_t> lastOnHost; // host -> its latest row
    auto link = [&](std::size_t i, std::size_t j, const char *how, const QString &evidence) {
        if (uf.find(i) == uf.find(j))
            return;
        uf.join(i, j);
        if (why[i].link == QLatin1String("first"))
            why[i] = {rows[i].id, QString::fromLatin1(how), evidence};
    };
    for (std::size_t i = 0; i < n; ++i) {
        const CorrelationRow &r = rows[i];
        QString key;
        std::int64_t gap = 2 * kHour;
        const char *how = "same_host";
        if (isNetwork(r)) {
            // The sensor's name says nothing of the victim: the internal address does.
            const QString inside = isPrivate(r.destinationIp) ? r.destinationIp
                                   : isPrivate(r.sourceIp)    ? r.sourceIp
                                                              : r.destinationIp;
            key = QStringLiteral("net:") + inside;
            gap = 24 * kHour;
            how = "network";
        } else if (!hostKey[i].isEmpty()) {
            key = QStringLiteral("host:") + hostKey[i];
            gap = sessionGap.value(hostKey[i], 2 * kHour);
        }
        if (!key.isEmpty()) {
            auto it = session.find(key);
            if (it != session.end() && r.ts - it->second <= gap) {
                link(i, it->first, how, isNetwork(r) ? key.mid(4) : r.hostName);
                it->second = r.ts;
            } else {
                session.insert(key, {i, r.ts});
            }
        }
        // Lineage: this alert's process was started by another alert's process.
        // (Within a day: lab machines restored from one snapshot reuse their process GUIDs.)
        if (!r.parentId.isEmpty())
            if (const auto p = process.constFind(r.parentId.toLower());
                p != process.constEnd() && r.ts - rows[*p].ts <= 24 * kHour)
                link(i, *p, "lineage", r.parentId);
        if (!r.processId.isEmpty())
            process.insert(r.processId.toLower(), i);
        // Lateral movement: the source of this alert is another host of the store.
        if (!r.sourceIp.isEmpty() && !hostKey[i].isEmpty()) {
            const QString from = hostOf.value(r.sourceIp);
            // Only when that host was active around the same time: a movement, not a
            // coincidence of addresses across weeks.
            if (!from.isEmpty() && from != hostKey[i])
                if (const auto a = lastOnHost.constFind(from);
                    a != lastOnHost.constEnd() && r.ts - rows[*a].ts <= 2 * kHour)
                    link(i,
                         *a,
                         "lateral",
                         spell(from) + QStringLiteral(" (") + r.sourceIp + QLatin1Char(')'));
        }
        // And the other way: an alert on this host about a connection to another host of the
        // store that was active around the same time (the attacker's side of the movement).
        if (!r.destinationIp.isEmpty() && !hostKey[i].isEmpty()) {
            const QString to = hostOf.value(r.destinationIp);
            if (!to.isEmpty() && to != hostKey[i])
                if (const auto b = lastOnHost.constFind(to);
                    b != lastOnHost.constEnd() && r.ts - rows[*b].ts <= 2 * kHour)
                    link(i,
                         *b,
                         "lateral",
                         spell(to) + QStringLiteral(" (") + r.destinationIp + QLatin1Char(')'));
        }
        // Shared indicators: an external address, a domain or a hash (not the ones everybody
        // talks to: those would glue everything together).
        for (const QString &v : {r.destinationIp, r.dnsName, r.hash}) {
            if (v.isEmpty() || isPrivate(v) || indicatorCount.value(v) > 200)
                continue;
            // The same indicator within a day links; after that it starts over.
            if (const auto f = indicator.constFind(v);
                f != indicator.constEnd() && r.ts - rows[*f].ts <= 24 * kHour)
                link(i, *f, "indicator", v);
            indicator.insert(v, i);
        }
        if (!hostKey[i].isEmpty())
            lastOnHost.insert(hostKey[i], i);
    }

    // Components become incidents.
    QHash<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < n; ++i)
        groups[uf.find(i)].push_back(i);
    std::vector<CorrelatedIncident> out;
    for (const auto &members : std::as_const(groups)) {
        CorrelatedIncident inc = describe(rows, members);
        for (const std::size_t i : members)
            inc.members.push_back(why[i]);
        out.push_back(std::move(inc));
    }
    std::sort(
        out.begin(), out.end(), [](const auto &a, const auto &b) { return a.score > b.score; });
    return out;
}

CorrelatedIncident describe(const std::vector<CorrelationRow> &rows,
                            const std::vector<std::size_t> &members)
{
    CorrelatedIncident inc;
    QSet<QString> hosts, users, rules, stages, sources;
    QHash<QString, QString> spelling; // a host's name as its source writes it
    const CorrelationRow *worst = nullptr;
    bool allNetwork = true;
    for (const std::size_t i : members) {
        const CorrelationRow &r = rows[i];
        if (!worst || r.severity > worst->severity)
            worst = &r;
        if (!r.hostName.isEmpty() && !isNetwork(r)) {
            hosts.insert(r.hostName.toLower());
            spelling.insert(r.hostName.toLower(), r.hostName);
        }
        if (!r.userName.isEmpty())
            users.insert(r.userName.toLower());
        rules.insert(r.ruleName);
        for (const QString &t : r.tactics.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (stageOf(t) >= 0)
                stages.insert(t.toUpper());
        allNetwork = allNetwork && isNetwork(r);
        if (!isPrivate(r.sourceIp))
            sources.insert(r.sourceIp);
    }
    // Noise: network alerts from many outside sources, none of them climbing the chain.
    const bool noise = allNetwork && sources.size() >= 3 && stages.size() <= 1;
    inc.severity = worst ? worst->severity : 0;
    inc.score = scoreOf(inc.severity,
                        int(stages.size()),
                        std::max<int>(1, int(hosts.size())),
                        std::max<int>(1, int(users.size())),
                        std::int64_t(members.size()),
                        noise);
    QStringList hostList;
    for (const QString &h : std::as_const(hosts))
        hostList << spelling.value(h, h);
    hostList.sort(Qt::CaseInsensitive);
    QString where = hostList.size() > 3 ? QStringLiteral("%1 hosts").arg(hostList.size())
                                        : hostList.join(QStringLiteral(", "));
    if (allNetwork && worst) {
        const QString inside
            = isPrivate(worst->destinationIp) ? worst->destinationIp : worst->sourceIp;
        where = inside;
    }
    QString what = worst ? worst->ruleName.left(90) : QString();
    if (noise)
        what = QStringLiteral("Scanning and reputation alerts (%1 rules, %2 sources)")
                   .arg(rules.size())
                   .arg(sources.size());
    else if (rules.size() > 1)
        what += QStringLiteral(" and %1 more").arg(rules.size() - 1);
    inc.title = where.isEmpty() ? what : what + QStringLiteral(" — ") + where;
    return inc;
}

Result<CorrelationReport> correlate(Store &store, bool force)
{
    CorrelationReport report;
    // Nothing arrived and nobody changed an incident since the last run: nothing to do.
    const QString stamp = store.currentCorrelationStamp();
    if (!force && !stamp.isEmpty() && stamp == store.correlationStamp()) {
        report.unchanged = true;
        return report;
    }
    auto rows = store.correlationRows();
    if (!rows)
        return Error(rows.error());
    auto addresses = store.hostAddresses();
    if (!addresses)
        return Error(addresses.error());
    const auto groups = correlateRows(*rows, *addresses);
    if (auto r = store.applyCorrelation(groups); !r)
        return Error(r.error());
    // Each incident described as it now stands: correlation's groups, and what the analyst
    // merged, split or placed.
    auto members = store.incidentMembers();
    if (!members)
        return Error(members.error());
    QHash<std::int64_t, std::size_t> rowOf;
    rowOf.reserve(qsizetype(rows->size()));
    for (std::size_t i = 0; i < rows->size(); ++i)
        rowOf.insert((*rows)[i].id, i);
    std::vector<IncidentUpdate> updates;
    for (const auto &[id, alerts] : *members) {
        std::vector<std::size_t> idx;
        for (const std::int64_t a : alerts)
            if (const auto it = rowOf.constFind(a); it != rowOf.constEnd())
                idx.push_back(*it);
        if (idx.empty())
            continue;
        const CorrelatedIncident d = describe(*rows, idx);
        updates.push_back({id, d.title, d.severity, d.score});
    }
    if (auto r = store.updateIncidents(updates, stamp); !r)
        return Error(r.error());
    report.incidents = int(updates.size());
    report.alerts = std::int64_t(rows->size());
    return report;
}

} // namespace Vigie::Analysis
