// SPDX-License-Identifier: Apache-2.0
// `vigie hunt [--sigma DIR] [--since T] [--json]`: the detection rules run again over the store.
#include "cliutil.h"

#include "core/detection/hunt.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <unistd.h>

namespace Vigie::Cli {

int runHunt(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Run the detection rules over the events already in the store; hits become alerts (a hit "
        "already raised is not raised again)."));
    addDbOption(p);
    addRuleOptions(p);
    p.addOption({QStringLiteral("since"),
                 QCoreApplication::translate(
                     "Cli", "Only events at least this recent: 24h, 7d, or a UTC date."),
                 QStringLiteral("T")});
    p.addOption({QStringLiteral("ioc"),
                 QCoreApplication::translate(
                     "Cli",
                     "Also sweep for the indicators of this list: text (one per line), CSV or a "
                     "STIX 2.1 bundle. Repeatable."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("no-sigma"),
                 QCoreApplication::translate("Cli", "Do not run the Sigma rules (only --ioc).")});
    p.addOption({QStringLiteral("no-analytics"),
                 QCoreApplication::translate("Cli", "Do not run the built-in analytics.")});
    p.addOption({QStringLiteral("errors"),
                 QCoreApplication::translate("Cli", "List every rule left out, with the reason.")});
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    const bool json = p.isSet(QStringLiteral("json"));
    Detection::HuntOptions options;
    if (p.isSet(QStringLiteral("since"))) {
        auto q = AlertQuery::parse(QStringLiteral("since:") + p.value(QStringLiteral("since")),
                                   QDateTime::currentMSecsSinceEpoch() * 1000);
        if (!q || !q->sinceUs)
            return fail(QCoreApplication::translate("Cli", "hunt: --since: %1")
                            .arg(q ? p.value(QStringLiteral("since")) : q.error()));
        options.sinceUs = q->sinceUs;
    }
    std::vector<Detection::IocLoadError> iocErrors;
    if (p.isSet(QStringLiteral("ioc"))) {
        auto iocs = std::make_shared<Detection::IocSet>();
        for (const QString &file : p.values(QStringLiteral("ioc")))
            iocs->loadFile(file, iocErrors);
        for (const auto &e : iocErrors)
            printErr(e.line > 0
                         ? QStringLiteral("%1:%2: %3\n").arg(e.file).arg(e.line).arg(e.reason)
                         : QStringLiteral("%1: %2\n").arg(e.file, e.reason));
        if (iocs->size() == 0)
            return fail(
                QCoreApplication::translate("Cli", "hunt: no usable indicator in the lists"), 2);
        options.iocs = iocs;
    }
    options.sigma = !p.isSet(QStringLiteral("no-sigma"));
    options.analytics = !p.isSet(QStringLiteral("no-analytics"));
    if (!options.sigma && !options.iocs && !options.analytics)
        return fail(QCoreApplication::translate("Cli", "hunt: nothing to run"));
    Detection::RuleSet::LoadReport load;
    std::shared_ptr<const Detection::RuleSet> rules;
    if (!options.sigma) {
        rules = std::make_shared<Detection::RuleSet>();
    } else {
        auto chosen = rulesFrom(p, load);
        if (!chosen)
            return fail(QStringLiteral("hunt: ") + chosen.error());
        rules = *chosen;
    }
    if (options.sigma && rules->size() == 0)
        return fail(QCoreApplication::translate("Cli", "hunt: no usable Sigma rule (%1 left out)")
                        .arg(load.errors.size()),
                    2);
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    if (isatty(STDERR_FILENO) && !json) {
        options.progress = [](std::int64_t done, std::int64_t total) {
            printErr(QStringLiteral("\r\033[K%1 / %2 events")
                         .arg(withSeparators(done), withSeparators(total)));
        };
    }
    auto report = Detection::hunt(*store, rules, options);
    if (options.progress)
        printErr(QStringLiteral("\r\033[K"));
    if (!report)
        return fail(report.error(), 2);
    std::vector<std::pair<const Detection::SigmaRule *, std::int64_t>> byRule(
        report->byRule.begin(), report->byRule.end());
    std::sort(byRule.begin(), byRule.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first->title < b.first->title;
    });
    std::vector<std::pair<const Detection::Indicator *, std::int64_t>> byIndicator(
        report->byIndicator.begin(), report->byIndicator.end());
    std::sort(byIndicator.begin(), byIndicator.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first->value < b.first->value;
    });
    if (json) {
        QJsonArray indicators;
        for (const auto &[ind, n] : byIndicator)
            indicators.append(QJsonObject{
                {QStringLiteral("kind"),
                 QString::fromLatin1(Detection::indicatorKindName(ind->kind))},
                {QStringLiteral("value"), QString::fromStdString(ind->value)},
                {QStringLiteral("source"), QString::fromStdString(ind->source)},
                {QStringLiteral("description"), QString::fromStdString(ind->description)},
                {QStringLiteral("count"), qint64(n)}});
        QJsonArray badLines;
        for (const auto &e : iocErrors)
            badLines.append(QJsonObject{{QStringLiteral("file"), e.file},
                                        {QStringLiteral("line"), qint64(e.line)},
                                        {QStringLiteral("reason"), e.reason}});
        QJsonArray analytics;
        for (const auto &[key, n] : report->byAnalytic) {
            const QString k = QString::fromStdString(key);
            analytics.append(QJsonObject{{QStringLiteral("id"), k.section(QLatin1Char('\t'), 0, 0)},
                                         {QStringLiteral("title"), k.section(QLatin1Char('\t'), 1)},
                                         {QStringLiteral("count"), qint64(n)}});
        }
        QJsonArray hits;
        for (const auto &[rule, n] : byRule)
            hits.append(QJsonObject{{QStringLiteral("id"), QString::fromStdString(rule->id)},
                                    {QStringLiteral("title"), QString::fromStdString(rule->title)},
                                    {QStringLiteral("level"), QString::fromStdString(rule->level)},
                                    {QStringLiteral("count"), qint64(n)}});
        QJsonArray errors;
        for (const auto &e : load.errors)
            errors.append(
                QJsonObject{{QStringLiteral("file"), QString::fromStdString(e.file)},
                            {QStringLiteral("reason"), QString::fromStdString(e.reason)}});
        const QJsonObject o{
            {QStringLiteral("rules"), qint64(rules->size())},
            {QStringLiteral("rules_left_out"), errors},
            {QStringLiteral("events_scanned"), qint64(report->scanned)},
            {QStringLiteral("hits"), qint64(report->hits)},
            {QStringLiteral("new_alerts"), qint64(report->newAlerts)},
            {QStringLiteral("seconds"), report->seconds},
            {QStringLiteral("by_rule"), hits},
            {QStringLiteral("indicators"), qint64(options.iocs ? options.iocs->size() : 0)},
            {QStringLiteral("indicator_errors"), badLines},
            {QStringLiteral("by_indicator"), indicators},
            {QStringLiteral("by_analytic"), analytics}};
        printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
        return 0;
    }
    printOut(QCoreApplication::translate(
                 "Cli", "%1 rules (%2 left out) over %3 events in %4 s: %5 hits, %6 new alerts\n")
                 .arg(withSeparators(qint64(rules->size())),
                      withSeparators(qint64(load.errors.size())),
                      withSeparators(report->scanned))
                 .arg(report->seconds, 0, 'f', 1)
                 .arg(withSeparators(report->hits), withSeparators(report->newAlerts)));
    for (const auto &[rule, n] : byRule)
        printOut(QStringLiteral("%1  %2  %3\n")
                     .arg(withSeparators(n), 8)
                     .arg(QString::fromStdString(rule->level), -13)
                     .arg(QString::fromStdString(rule->title)));
    for (const auto &[key, n] : report->byAnalytic)
        printOut(QStringLiteral("%1  %2  %3\n")
                     .arg(withSeparators(n), 8)
                     .arg(QStringLiteral("analytic"), -13)
                     .arg(QString::fromStdString(key).section(QLatin1Char('\t'), 1)));
    for (const auto &[ind, n] : byIndicator)
        printOut(QStringLiteral("%1  IOC %2 %3%4\n")
                     .arg(withSeparators(n), 8)
                     .arg(QString::fromLatin1(Detection::indicatorKindName(ind->kind)))
                     .arg(QString::fromStdString(ind->value))
                     .arg(ind->source.empty()
                              ? QString()
                              : QStringLiteral(" (%1)").arg(QString::fromStdString(ind->source))));
    if (p.isSet(QStringLiteral("errors")))
        for (const auto &e : load.errors)
            printOut(QStringLiteral("left out: %1: %2\n")
                         .arg(QString::fromStdString(e.file), QString::fromStdString(e.reason)));
    return 0;
}

} // namespace Vigie::Cli
