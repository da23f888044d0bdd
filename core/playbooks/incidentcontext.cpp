// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/incidentcontext.h"

#include "core/analysis/rca.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Vigie::Playbooks {

namespace {

void addUnique(QStringList &list, const QString &value)
{
    const QString v = value.trimmed();
    if (!v.isEmpty() && !list.contains(v, Qt::CaseInsensitive))
        list << v;
}

QString shortName(const QString &host)
{
    return host.section(QLatin1Char('.'), 0, 0).toLower();
}

} // namespace

QStringList hashesIn(const QString &field)
{
    static const QRegularExpression hex(
        QStringLiteral("(?<![0-9A-Fa-f])([0-9A-Fa-f]{64}|[0-9A-Fa-f]"
                       "{40}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])"));
    QStringList out;
    for (auto it = hex.globalMatch(field); it.hasNext();)
        addUnique(out, it.next().captured(1).toLower());
    return out;
}

Result<IncidentContext> incidentContext(const Store &store, qint64 incident)
{
    auto found = store.incident(incident);
    if (!found)
        return Error(found.error());
    IncidentContext c;
    c.incident = incident;
    c.title = found->title;
    c.hosts = found->hosts;
    for (int i = 0; i < c.hosts.size(); ++i)
        c.hostAddresses << found->hostIps.value(i);
    for (const QString &ip : found->ips)
        if (!found->hostIps.contains(ip))
            addUnique(c.remoteAddresses, ip);
    c.users = found->users;
    // Root-cause analysis finds what the alerts alone do not name: the command-and-control
    // address the attacker's processes reached, the hosts and accounts along the chain.
    if (auto rca = Analysis::analyseRootCause(store, incident)) {
        for (const QString &h : rca->hosts)
            if (!c.hosts.contains(h, Qt::CaseInsensitive)) {
                c.hosts << h;
                c.hostAddresses << QString();
            }
        for (const QString &u : rca->users)
            addUnique(c.users, u);
        for (const QString &ip : rca->ips)
            if (!found->hostIps.contains(ip))
                addUnique(c.remoteAddresses, ip);
    }

    auto alerts = store.incidentAlerts(incident);
    if (!alerts)
        return Error(alerts.error());
    for (const IncidentAlert &a : *alerts)
        c.alertIds << QString::number(a.id);

    // The alerts' own events: which processes to kill, which hashes and domains to hunt for.
    IncidentEventWindow window;
    window.marginUs = 0;
    window.limit = 200000;
    auto events = store.incidentEvents(incident, window);
    if (!events)
        return Error(events.error());
    QSet<QString> seenProcess;
    for (const IncidentEvent &e : events->first) { // (second: cut at the limit)
        if (!e.inIncident)
            continue;
        for (const QString &h : hashesIn(e.hash))
            addUnique(c.hashes, h);
        if (!e.dnsName.isEmpty() && e.dnsName.contains(QLatin1Char('.')))
            addUnique(c.domains, e.dnsName.toLower());
        if (e.processPid > 4 && !e.hostName.isEmpty()) {
            const QString key
                = e.hostName.toLower() + QLatin1Char(':') + QString::number(e.processPid);
            if (!seenProcess.contains(key)) {
                seenProcess.insert(key);
                c.processIds << QString::number(e.processPid);
                c.processHosts << e.hostName;
            }
        }
    }

    // The ids the sensors' managers know the hosts by (Elastic endpoint ids, Wazuh agent ids).
    if (auto assets = store.assets()) {
        for (const QString &host : std::as_const(c.hosts)) {
            // The exact name; else the short name, only when one side has no domain and a single
            // asset answers to it (web01.prod must never get web01.lab's id: the wrong machine
            // would be isolated).
            const AssetRecord *exact = nullptr, *byShort = nullptr;
            int shortMatches = 0;
            for (const AssetRecord &a : *assets) {
                if (a.agentId.isEmpty())
                    continue;
                if (a.hostName.compare(host, Qt::CaseInsensitive) == 0)
                    exact = &a;
                else if (shortName(a.hostName) == shortName(host)
                         && (!a.hostName.contains(QLatin1Char('.'))
                             || !host.contains(QLatin1Char('.')))) {
                    byShort = &a;
                    ++shortMatches;
                }
            }
            if (exact)
                c.agentIds.emplace(host, exact->agentId);
            else if (byShort && shortMatches == 1)
                c.agentIds.emplace(host, byShort->agentId);
        }
    }
    return c;
}

} // namespace Vigie::Playbooks
