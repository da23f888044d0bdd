// SPDX-License-Identifier: Apache-2.0
// `vigie incidents [--db PATH] [--json]`: alerts correlated into incidents, by score.
#include "cliutil.h"

#include "core/analysis/correlation.h"
#include "core/events/timestamp.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Vigie::Cli {

int runIncidents(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Correlate the alerts into incidents and list them by score."));
    addDbOption(p);
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    if (auto r = Analysis::correlate(*store); !r)
        return fail(r.error(), 2);
    auto list = store->incidents();
    if (!list)
        return fail(list.error(), 2);
    auto iso = [](std::int64_t us) {
        return QString::fromStdString(formatTimestampUs(us));
    };
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray incidents;
        for (const IncidentSummary &i : *list) {
            QJsonArray hosts;
            for (int h = 0; h < i.hosts.size(); ++h)
                hosts.append(QJsonObject{{QStringLiteral("name"), i.hosts[h]},
                                         {QStringLiteral("ip"), i.hostIps.value(h)}});
            incidents.append(QJsonObject{
                {QStringLiteral("id"), qint64(i.id)},
                {QStringLiteral("title"), i.title},
                {QStringLiteral("status"), alertStatusName(AlertStatus(i.status))},
                {QStringLiteral("score"), i.score},
                {QStringLiteral("severity"), i.severity},
                {QStringLiteral("first_seen"), i.alertCount ? iso(i.firstSeenUs) : QString()},
                {QStringLiteral("last_seen"), i.alertCount ? iso(i.lastSeenUs) : QString()},
                {QStringLiteral("hosts"), hosts},
                {QStringLiteral("users"), QJsonArray::fromStringList(i.users)},
                {QStringLiteral("ips"), QJsonArray::fromStringList(i.ips)},
                {QStringLiteral("techniques"), QJsonArray::fromStringList(i.techniques)},
                {QStringLiteral("tactics"), QJsonArray::fromStringList(i.tactics)},
                {QStringLiteral("alert_count"), qint64(i.alertCount)},
                {QStringLiteral("event_count"), qint64(i.eventCount)}});
        }
        printOut(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("incidents"), incidents}})
                                  .toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const IncidentSummary &i : *list)
        printOut(QStringLiteral("#%1  score %2  %3 alerts  %4  %5\n")
                     .arg(i.id)
                     .arg(i.score, 3)
                     .arg(withSeparators(i.alertCount), 6)
                     .arg(i.hosts.join(QStringLiteral(",")), -30)
                     .arg(i.title));
    return 0;
}

} // namespace Vigie::Cli
