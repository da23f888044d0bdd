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
#include <QMap>

#include <optional>

namespace Vigie::Cli {

namespace {

QString actorOf(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("actor")))
        return p.value(QStringLiteral("actor"));
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}

// An incident or alert id as the analyst writes it: 12 or #12.
std::optional<std::int64_t> idFrom(QString text)
{
    if (text.startsWith(QLatin1Char('#')))
        text.remove(0, 1);
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return std::nullopt;
    return id;
}

Result<std::vector<std::int64_t>> idsFrom(const QStringList &texts)
{
    std::vector<std::int64_t> out;
    for (const QString &t : texts)
        for (const QString &part : t.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto id = idFrom(part.trimmed());
            if (!id)
                return Error(QCoreApplication::translate("Cli", "not an id: %1").arg(part));
            out.push_back(*id);
        }
    return out;
}

// `vigie incidents show|rename|severity|merge|split|remove …`: the analyst's changes.
int runIncidentCommand(const QString &command, const QStringList &args)
{
    QCommandLineParser p;
    struct Usage
    {
        const char *syntax;
        const char *what;
    };
    static const QMap<QString, Usage> usages{
        {QStringLiteral("show"),
         {"INCIDENT",
          QT_TRANSLATE_NOOP("Cli", "Show an incident's alerts and why each is in it.")}},
        {QStringLiteral("rename"),
         {"INCIDENT TITLE",
          QT_TRANSLATE_NOOP("Cli", "Rename an incident (correlation keeps it).")}},
        {QStringLiteral("severity"),
         {"INCIDENT 0-100",
          QT_TRANSLATE_NOOP("Cli", "Set an incident's severity (correlation keeps it).")}},
        {QStringLiteral("merge"),
         {"INTO FROM…", QT_TRANSLATE_NOOP("Cli", "Merge incidents into the first one.")}},
        {QStringLiteral("split"),
         {"INCIDENT ALERT…",
          QT_TRANSLATE_NOOP("Cli", "Move these alerts into a new incident (--title).")}},
        {QStringLiteral("remove"),
         {"INCIDENT ALERT…",
          QT_TRANSLATE_NOOP("Cli",
                            "Take these alerts out of an incident; correlation will not put them "
                            "back.")}}};
    const Usage usage = usages.value(command);
    p.setApplicationDescription(QCoreApplication::translate("Cli", usage.what));
    p.addPositionalArgument(QStringLiteral("args"), QString(), QString::fromLatin1(usage.syntax));
    addDbOption(p);
    p.addOption({QStringLiteral("actor"),
                 QCoreApplication::translate("Cli", "Who makes the change (default: $USER)."),
                 QStringLiteral("NAME")});
    if (command == QLatin1String("split"))
        p.addOption({QStringLiteral("title"),
                     QCoreApplication::translate("Cli", "The new incident's title."),
                     QStringLiteral("TITLE")});
    int code = 0;
    if (!parse(p, args, code))
        return code;
    const QStringList pos = p.positionalArguments();
    const int needed = command == QLatin1String("show") ? 1 : 2;
    if (pos.size() < needed)
        return fail(QCoreApplication::translate("Cli", "usage: vigie incidents %1 %2")
                        .arg(command, QString::fromLatin1(usage.syntax)));
    const auto incident = idFrom(pos.first());
    if (!incident)
        return fail(QCoreApplication::translate("Cli", "not an incident id: %1").arg(pos.first()));
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    const QString actor = actorOf(p);
    if (command == QLatin1String("show")) {
        auto alerts = store->incidentAlerts(*incident);
        if (!alerts)
            return fail(alerts.error(), 2);
        QJsonArray out;
        for (const IncidentAlert &a : *alerts) {
            const QString ts = QString::fromStdString(formatTimestampUs(a.ts));
            if (p.isSet(QStringLiteral("json")))
                out.append(QJsonObject{{QStringLiteral("id"), qint64(a.id)},
                                       {QStringLiteral("timestamp"), ts},
                                       {QStringLiteral("host"), a.hostName},
                                       {QStringLiteral("user"), a.userName},
                                       {QStringLiteral("rule"), a.ruleName},
                                       {QStringLiteral("severity"), a.severity},
                                       {QStringLiteral("link"), a.link},
                                       {QStringLiteral("evidence"), a.evidence}});
            else
                printOut(
                    QStringLiteral("%1  %2  %3  %4  [%5%6]\n")
                        .arg(a.id, 8)
                        .arg(ts, a.hostName, a.ruleName, a.link)
                        .arg(a.evidence.isEmpty() ? QString() : QStringLiteral(": ") + a.evidence));
        }
        if (p.isSet(QStringLiteral("json")))
            printOut(QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("incident"), qint64(*incident)},
                                          {QStringLiteral("alerts"), out}})
                    .toJson(QJsonDocument::Indented)));
        return 0;
    }
    Result<void> done;
    QString said;
    if (command == QLatin1String("rename")) {
        done = store->renameIncident(*incident, pos.mid(1).join(QLatin1Char(' ')), actor);
        said = QCoreApplication::translate("Cli", "Incident #%1 renamed.\n").arg(*incident);
    } else if (command == QLatin1String("severity")) {
        bool ok = false;
        const int severity = pos.at(1).toInt(&ok);
        if (!ok)
            return fail(QCoreApplication::translate("Cli", "not a severity: %1").arg(pos.at(1)));
        done = store->setIncidentSeverity(*incident, severity, actor);
        said = QCoreApplication::translate("Cli", "Incident #%1 now has severity %2.\n")
                   .arg(*incident)
                   .arg(severity);
    } else {
        auto ids = idsFrom(pos.mid(1));
        if (!ids)
            return fail(ids.error());
        if (command == QLatin1String("merge")) {
            done = store->mergeIncidents(*incident, *ids, actor);
            said = QCoreApplication::translate(
                       "Cli", "Merged %n incident(s) into #%1.\n", nullptr, int(ids->size()))
                       .arg(*incident);
        } else if (command == QLatin1String("split")) {
            const QString title
                = p.isSet(QStringLiteral("title"))
                      ? p.value(QStringLiteral("title"))
                      : QCoreApplication::translate("Cli", "Split from incident #%1")
                            .arg(*incident);
            auto created = store->splitIncident(*incident, *ids, title, actor);
            if (!created)
                return fail(created.error(), 2);
            said = QCoreApplication::translate("Cli", "New incident #%1.\n").arg(*created);
        } else {
            auto removed = store->removeFromIncident(*incident, *ids, actor);
            if (!removed)
                return fail(removed.error(), 2);
            said = QCoreApplication::translate(
                       "Cli", "Took %n alert(s) out of incident #%1.\n", nullptr, int(*removed))
                       .arg(*incident);
        }
    }
    if (!done)
        return fail(done.error(), 2);
    // The scores follow the change.
    if (auto r = Analysis::correlate(*store); !r)
        return fail(r.error(), 2);
    printOut(said);
    return 0;
}

} // namespace

int runIncidents(const QStringList &args)
{
    static const QStringList commands{QStringLiteral("show"),
                                      QStringLiteral("rename"),
                                      QStringLiteral("severity"),
                                      QStringLiteral("merge"),
                                      QStringLiteral("split"),
                                      QStringLiteral("remove")};
    if (args.size() > 1 && commands.contains(args.at(1)))
        return runIncidentCommand(args.at(1), args.mid(2));
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Correlate the alerts into incidents and list them by score.\n"
        "Also: vigie incidents show|rename|severity|merge|split|remove … (--help on each)."));
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
