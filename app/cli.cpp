// SPDX-License-Identifier: Apache-2.0
#include "cli.h"
#include "cliutil.h"

#include "core/analysis/correlation.h"
#include "core/detection/detector.h"
#include "core/detection/hunt.h"
#include "core/events/timestamp.h"
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QStandardPaths>
#include <csignal>

#include <cstdio>
#include <unistd.h>

namespace Vigie::Cli {

void printOut(const QString &s)
{
    const QByteArray b = s.toUtf8();
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stdout);
}

void printErr(const QString &s)
{
    const QByteArray b = s.toUtf8();
    std::fwrite(b.constData(), 1, static_cast<std::size_t>(b.size()), stderr);
}

int fail(const QString &message, int code)
{
    printErr(QStringLiteral("vigie: %1\n").arg(message));
    return code;
}

qint64 analyseAndCorrelate(Store &store, std::int64_t afterId)
{
    qint64 raised = 0;
    Detection::HuntOptions analytics;
    analytics.sigma = false;
    analytics.afterId = afterId;
    if (auto r = Detection::hunt(store, nullptr, analytics); r) {
        raised = r->newAlerts;
        (void)store.analyticsDone();
    } else {
        printErr(QCoreApplication::translate("Cli", "analytics: %1\n").arg(r.error()));
    }
    if (auto r = Analysis::correlate(store); !r)
        printErr(QCoreApplication::translate("Cli", "correlation: %1\n").arg(r.error()));
    return raised;
}

QString withSeparators(qint64 n)
{
    QString s = QString::number(n);
    for (int i = int(s.size()) - 3; i > 0 && s.at(i - 1) != QLatin1Char('-'); i -= 3)
        s.insert(i, QLatin1Char(','));
    return s;
}

namespace {
std::atomic<bool> g_interrupted{false};
void onSignal(int)
{
    g_interrupted = true;
}
} // namespace

void catchSignals()
{
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

std::atomic<bool> &interrupted()
{
    return g_interrupted;
}

qint64 incidentArgument(const QString &text)
{
    QString which = text.trimmed();
    if (which.startsWith(QLatin1Char('#')))
        which.remove(0, 1);
    bool ok = false;
    const qint64 id = which.toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

Result<Report::ReportTemplate> reportTemplateFrom(const QCommandLineParser &p)
{
    if (!p.isSet(QStringLiteral("template")))
        return Report::defaultTemplate();
    return Report::loadTemplate(p.value(QStringLiteral("template")));
}

void addDbOption(QCommandLineParser &p)
{
    p.addOption(
        {QStringLiteral("db"),
         QCoreApplication::translate("Cli", "The store (default: %1).").arg(defaultDatabasePath()),
         QStringLiteral("PATH")});
    p.addOption({QStringLiteral("json"), QCoreApplication::translate("Cli", "Print JSON.")});
}

QString dbPathFrom(const QCommandLineParser &p)
{
    return p.isSet(QStringLiteral("db")) ? p.value(QStringLiteral("db")) : defaultDatabasePath();
}

// Parses the subcommand's own arguments; on --help or an error prints and returns false.
bool parse(QCommandLineParser &p, const QStringList &args, int &exitCode)
{
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("Cli", "Show this help."));
    p.addOption(help);
    QStringList full = args;
    full.prepend(QStringLiteral("vigie"));
    if (!p.parse(full)) {
        exitCode = fail(p.errorText(), 1);
        return false;
    }
    if (p.isSet(help)) {
        printOut(p.helpText());
        exitCode = 0;
        return false;
    }
    return true;
}

void addAlertFilterOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("status"),
                 QCoreApplication::translate("Cli", "new, in_progress or closed."),
                 QStringLiteral("S")});
    p.addOption(
        {QStringLiteral("min-severity"),
         QCoreApplication::translate("Cli", "Only alerts of at least this severity (0–100)."),
         QStringLiteral("N")});
    p.addOption({QStringLiteral("severity"),
                 QCoreApplication::translate("Cli", "Same as --min-severity."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("host"),
                 QCoreApplication::translate("Cli", "Only alerts of this host name or IP."),
                 QStringLiteral("H")});
    p.addOption({QStringLiteral("search"),
                 QCoreApplication::translate(
                     "Cli", "Full-text search in rule names, command lines, paths and URLs."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("query"),
                 QCoreApplication::translate(
                     "Cli",
                     "The workbench's filter language: host:, user:, src:, dst:, rule:, "
                     "technique:, source:, assignee:, tag:, incident:, status:, severity:, since:, "
                     "until: and free text."),
                 QStringLiteral("TEXT")});
}

int openStore(const QCommandLineParser &p, std::unique_ptr<Store> &out)
{
    const QString db = dbPathFrom(p);
    if (!QFileInfo::exists(db))
        return fail(
            QCoreApplication::translate("Cli", "no store at %1 (run vigie import first)").arg(db),
            2);
    auto store = Store::open(db);
    if (!store)
        return fail(store.error(), 2);
    out = std::move(*store);
    return 0;
}

void addRuleOptions(QCommandLineParser &p)
{
    p.addOption({QStringLiteral("sigma"),
                 QCoreApplication::translate(
                     "Cli", "Sigma rules to run instead of the bundled ones (a folder)."),
                 QStringLiteral("DIR")});
    p.addOption({QStringLiteral("min-level"),
                 QCoreApplication::translate(
                     "Cli",
                     "Only rules of this level and above: informational, low, medium, high, "
                     "critical."),
                 QStringLiteral("LEVEL")});
    p.addOption({QStringLiteral("skip-status"),
                 QCoreApplication::translate(
                     "Cli",
                     "Leave out rules of these statuses (comma-separated: experimental, "
                     "test, deprecated, unsupported)."),
                 QStringLiteral("STATUS")});
}

Result<std::shared_ptr<const Detection::RuleSet>> rulesFrom(const QCommandLineParser &p,
                                                            Detection::RuleSet::LoadReport &report)
{
    std::shared_ptr<const Detection::RuleSet> base;
    if (p.isSet(QStringLiteral("sigma"))) {
        auto own = std::make_shared<Detection::RuleSet>();
        report = own->loadDirectory(p.value(QStringLiteral("sigma")));
        base = own;
    } else {
        base = Detection::RuleSet::bundled(&report);
    }
    if (!p.isSet(QStringLiteral("min-level")) && !p.isSet(QStringLiteral("skip-status")))
        return base;
    const QString level = p.value(QStringLiteral("min-level")).toLower();
    static const QStringList levels{QStringLiteral("informational"),
                                    QStringLiteral("low"),
                                    QStringLiteral("medium"),
                                    QStringLiteral("high"),
                                    QStringLiteral("critical")};
    if (!level.isEmpty() && !levels.contains(level))
        return Error(QCoreApplication::translate("Cli", "--min-level: one of %1")
                         .arg(levels.join(QStringLiteral(", "))));
    std::vector<std::string> statuses;
    for (const QString &st :
         p.value(QStringLiteral("skip-status")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        statuses.push_back(st.trimmed().toLower().toStdString());
    auto filtered = std::make_shared<Detection::RuleSet>();
    filtered->addAll(*base);
    filtered->filter(level.isEmpty() ? std::string("informational") : level.toStdString(),
                     statuses);
    return std::shared_ptr<const Detection::RuleSet>(filtered);
}

Result<AlertQuery> alertFilterFrom(const QCommandLineParser &p, const QString &command)
{
    AlertQuery q;
    if (p.isSet(QStringLiteral("query"))) {
        auto parsed = AlertQuery::parse(p.value(QStringLiteral("query")),
                                        QDateTime::currentMSecsSinceEpoch() * 1000);
        if (!parsed)
            return Error(
                QCoreApplication::translate("Cli", "%1: --query: %2").arg(command, parsed.error()));
        q = *parsed;
    }
    if (p.isSet(QStringLiteral("status"))) {
        q.status = alertStatusFromName(p.value(QStringLiteral("status")));
        if (!q.status)
            return Error(QCoreApplication::translate(
                             "Cli", "%1: unknown status '%2' (new, in_progress, closed)")
                             .arg(command, p.value(QStringLiteral("status"))));
    }
    for (const char *name : {"min-severity", "severity"}) {
        const QString opt = QString::fromLatin1(name);
        if (p.isSet(opt)) {
            bool ok = false;
            q.minSeverity = p.value(opt).toInt(&ok);
            if (!ok || q.minSeverity < 0 || q.minSeverity > 100)
                return Error(
                    QCoreApplication::translate("Cli", "%1: --%2 takes a number from 0 to 100")
                        .arg(command, opt));
        }
    }
    if (p.isSet(QStringLiteral("host")))
        q.host = p.value(QStringLiteral("host"));
    if (p.isSet(QStringLiteral("search")))
        q.search
            = QString(q.search + QLatin1Char(' ') + p.value(QStringLiteral("search"))).trimmed();
    return q;
}

namespace {

int runImport(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Detect the format of each file and import its events into the store."));
    addDbOption(p);
    p.addOption({QStringLiteral("format"),
                 QCoreApplication::translate("Cli", "The layout of the files (default: auto)."),
                 QStringLiteral("auto|suricata-eve|zeek-json|zeek-tsv|wazuh|windows-helk|…"),
                 QStringLiteral("auto")});
    p.addOption({QStringLiteral("no-detect"),
                 QCoreApplication::translate(
                     "Cli", "Do not run the detection rules on the events (default: run them).")});
    addRuleOptions(p);
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QCoreApplication::translate("Cli", "Files to import."),
                            QStringLiteral("FILE…"));
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    const QStringList files = p.positionalArguments();
    if (files.isEmpty())
        return fail(QCoreApplication::translate("Cli", "import: name at least one file"));
    ImportOptions options;
    // Detection runs on ingest: raw Sysmon or Zeek logs become alerts without another step.
    if (!p.isSet(QStringLiteral("no-detect"))) {
        Detection::RuleSet::LoadReport load;
        auto rules = rulesFrom(p, load);
        if (!rules)
            return fail(QStringLiteral("import: ") + rules.error());
        if (p.isSet(QStringLiteral("sigma")))
            for (const auto &e : load.errors)
                printErr(
                    QCoreApplication::translate("Cli", "sigma: %1: %2\n")
                        .arg(QString::fromStdString(e.file), QString::fromStdString(e.reason)));
        options.rules = *rules;
    }
    const bool json = p.isSet(QStringLiteral("json"));
    const QString dbPath = dbPathFrom(p);
    auto store = Store::open(dbPath);
    if (!store)
        return fail(store.error(), 2);

    const bool tty = isatty(STDERR_FILENO);
    QElapsedTimer sinceDraw;
    sinceDraw.start();
    QElapsedTimer sinceStart;
    sinceStart.start();
    if (tty) {
        options.progress = [&](const ImportProgress &pr) {
            if (sinceDraw.elapsed() < 100 && pr.bytesDone < pr.bytesTotal)
                return;
            sinceDraw.restart();
            const int pct = pr.bytesTotal ? int(pr.bytesDone * 100 / pr.bytesTotal) : 100;
            printErr(QStringLiteral("\r\033[K%1  %2%  %3 events")
                         .arg(QFileInfo(pr.path).fileName())
                         .arg(pct)
                         .arg(withSeparators(pr.accepted)));
        };
    }

    // The analytics run after the import, over what it added (they need event sequences), and
    // over what an import stopped before its end added.
    const bool detect = !p.isSet(QStringLiteral("no-detect"));
    std::int64_t lastBefore = 0;
    if (auto last = detect ? (*store)->analyticsStart() : (*store)->maxEventId())
        lastBefore = *last;
    else
        return fail(last.error(), 2);
    Importer importer(**store);
    if (auto r = importer.begin(); !r)
        return fail(r.error(), 2);
    std::vector<ImportFileReport> reports;
    for (const QString &f : files)
        reports.push_back(importer.importFile(f, options));
    if (tty)
        printErr(QStringLiteral("\r\033[K"));
    QElapsedTimer finishing;
    finishing.start();
    if (auto r = importer.finish(); !r)
        return fail(r.error(), 2);
    qint64 analyticAlerts = 0;
    if (detect) {
        analyticAlerts = analyseAndCorrelate(**store, lastBefore);
    } else if (auto r = Analysis::correlate(**store); !r) { // the alerts, old and new
        printErr(QCoreApplication::translate("Cli", "correlation: %1\n").arg(r.error()));
    }
    for (const auto &r : reports) {
        if (qEnvironmentVariableIsSet("VIGIE_TIMING"))
            printErr(QStringLiteral("timing: %1: reader busy %2 s, writer busy %3 s\n")
                         .arg(r.path)
                         .arg(r.readerSeconds, 0, 'f', 2)
                         .arg(r.writerSeconds, 0, 'f', 2));
    }
    if (qEnvironmentVariableIsSet("VIGIE_TIMING"))
        printErr(QStringLiteral("timing: import %1 ms, indexes %2 ms\n")
                     .arg(sinceStart.elapsed() - finishing.elapsed())
                     .arg(finishing.elapsed()));

    qint64 accepted = 0, duplicates = 0, rejected = 0, detections = 0;
    bool anyError = false;
    QJsonArray jfiles;
    for (const auto &r : reports) {
        accepted += r.accepted;
        detections += r.detections;
        duplicates += r.duplicates;
        rejected += r.rejectedCount;
        anyError |= !r.error.isEmpty();
        if (json) {
            QJsonArray rej;
            if (!r.error.isEmpty())
                rej.append(
                    QJsonObject{{QStringLiteral("line"), 0}, {QStringLiteral("reason"), r.error}});
            for (const auto &x : r.rejected)
                rej.append(QJsonObject{{QStringLiteral("line"), qint64(x.line)},
                                       {QStringLiteral("reason"), x.reason}});
            QJsonObject o{{QStringLiteral("path"), r.path},
                          {QStringLiteral("format"), r.format},
                          {QStringLiteral("accepted"), qint64(r.accepted)},
                          {QStringLiteral("duplicates"), qint64(r.duplicates)},
                          {QStringLiteral("detections"), qint64(r.detections)},
                          {QStringLiteral("rejected"), rej},
                          {QStringLiteral("rejected_total"), qint64(r.rejectedCount)}};
            if (!r.error.isEmpty())
                o.insert(QStringLiteral("error"), r.error);
            if (r.cancelled)
                o.insert(QStringLiteral("cancelled"), true);
            jfiles.append(o);
        } else {
            if (!r.error.isEmpty() && r.accepted == 0 && r.duplicates == 0) {
                printOut(QCoreApplication::translate("Cli", "%1: not imported: %2\n")
                             .arg(r.path, r.error));
            } else {
                printOut(QCoreApplication::translate(
                             "Cli", "%1: %2, %3 accepted, %4 duplicates, %5 rejected\n")
                             .arg(r.path,
                                  // Unknown when the file stopped before its format was recorded.
                                  r.format.isEmpty() ? QStringLiteral("?") : r.format,
                                  withSeparators(r.accepted),
                                  withSeparators(r.duplicates),
                                  withSeparators(r.rejectedCount)));
                if (r.detections > 0)
                    printOut(QCoreApplication::translate("Cli", "  %1 alerts raised by detection\n")
                                 .arg(withSeparators(r.detections)));
                if (!r.error.isEmpty())
                    printOut(QCoreApplication::translate("Cli", "  %1: %2\n").arg(r.path, r.error));
            }
            for (const auto &x : r.rejected)
                printOut(QStringLiteral("  %1:%2: %3\n").arg(r.path).arg(x.line).arg(x.reason));
            if (r.rejectedCount > qint64(r.rejected.size()))
                printOut(QCoreApplication::translate("Cli", "  … and %1 more rejected lines\n")
                             .arg(r.rejectedCount - qint64(r.rejected.size())));
        }
    }
    if (json) {
        const QJsonObject o{{QStringLiteral("files"), jfiles},
                            {QStringLiteral("total_accepted"), accepted},
                            {QStringLiteral("total_duplicates"), duplicates},
                            {QStringLiteral("total_rejected"), rejected},
                            {QStringLiteral("total_detections"), detections},
                            {QStringLiteral("analytics_alerts"), analyticAlerts},
                            {QStringLiteral("db"), dbPath}};
        printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented)));
    } else {
        if (reports.size() > 1)
            printOut(QCoreApplication::translate("Cli",
                                                 "total: %1 accepted, %2 duplicates, %3 rejected\n")
                         .arg(withSeparators(accepted),
                              withSeparators(duplicates),
                              withSeparators(rejected)));
        if (analyticAlerts > 0)
            printOut(QCoreApplication::translate("Cli", "%1 alerts raised by the analytics\n")
                         .arg(withSeparators(analyticAlerts)));
    }
    // 0: everything imported; 3: some lines or files rejected; 2: nothing could be imported.
    if (accepted + duplicates == 0 && (rejected > 0 || anyError))
        return 2;
    if (rejected > 0 || anyError)
        return 3;
    return 0;
}

QString severityBand(int s)
{
    if (s >= 99)
        return QStringLiteral("critical");
    if (s >= 73)
        return QStringLiteral("high");
    if (s >= 47)
        return QStringLiteral("medium");
    return QStringLiteral("low");
}

int runAlerts(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate("Cli", "List alerts, newest first."));
    addDbOption(p);
    addAlertFilterOptions(p);
    p.addOption({QStringLiteral("limit"),
                 QCoreApplication::translate("Cli", "At most N alerts (default 100; 0 for all)."),
                 QStringLiteral("N"),
                 QStringLiteral("100")});
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    auto filter = alertFilterFrom(p, QStringLiteral("alerts"));
    if (!filter)
        return fail(filter.error());
    AlertQuery q = *filter;
    bool ok = false;
    q.limit = p.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || q.limit < 0)
        return fail(QCoreApplication::translate("Cli", "alerts: --limit takes a whole number"));
    const QString dbPath = dbPathFrom(p);
    if (!QFileInfo::exists(dbPath))
        return fail(QCoreApplication::translate("Cli", "no store at %1 (run vigie import first)")
                        .arg(dbPath),
                    2);
    auto store = Store::open(dbPath, Store::Mode::ReadOnly);
    if (!store)
        return fail(store.error(), 2);
    auto rows = (*store)->alerts(q);
    if (!rows)
        return fail(rows.error(), 2);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray arr;
        for (const auto &r : *rows) {
            QJsonObject o{
                {QStringLiteral("id"), qint64(r.id)},
                {QStringLiteral("timestamp"),
                 QString::fromStdString(formatTimestampUs(r.timestampUs))},
                {QStringLiteral("severity"), r.severity},
                {QStringLiteral("severity_label"), severityBand(r.severity)},
                {QStringLiteral("rule"),
                 QJsonObject{{QStringLiteral("id"), r.ruleId},
                             {QStringLiteral("name"), r.ruleName}}},
                {QStringLiteral("host"), QJsonObject{{QStringLiteral("name"), r.hostName}}},
                {QStringLiteral("dataset"), r.dataset},
                {QStringLiteral("format"),
                 QString::fromLatin1(formatName(r.format).data(),
                                     qsizetype(formatName(r.format).size()))},
                {QStringLiteral("status"), alertStatusName(r.status)}};
            QJsonObject src{{QStringLiteral("ip"), r.sourceIp}};
            if (r.sourcePort >= 0)
                src.insert(QStringLiteral("port"), r.sourcePort);
            QJsonObject dst{{QStringLiteral("ip"), r.destinationIp}};
            if (r.destinationPort >= 0)
                dst.insert(QStringLiteral("port"), r.destinationPort);
            o.insert(QStringLiteral("source"), src);
            o.insert(QStringLiteral("destination"), dst);
            if (!r.assignee.isEmpty())
                o.insert(QStringLiteral("assignee"), r.assignee);
            if (!r.disposition.isEmpty())
                o.insert(QStringLiteral("disposition"), r.disposition);
            if (!r.tags.isEmpty())
                o.insert(QStringLiteral("tags"), QJsonArray::fromStringList(r.tags));
            if (!r.techniqueIds.isEmpty())
                o.insert(QStringLiteral("threat"),
                         QJsonObject{{QStringLiteral("technique"),
                                      QJsonObject{{QStringLiteral("id"),
                                                   QJsonArray::fromStringList(
                                                       r.techniqueIds.split(QLatin1Char(',')))}}}});
            arr.append(o);
        }
        printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("alerts"), arr},
                                                             {QStringLiteral("count"), arr.size()}})
                                       .toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const auto &r : *rows) {
        const QString who = !r.hostName.isEmpty() ? r.hostName : r.sourceIp;
        printOut(QStringLiteral("%1  %2 %3  %4  %5 → %6  %7\n")
                     .arg(QString::fromStdString(formatTimestampUs(r.timestampUs))
                              .left(19)
                              .replace(QLatin1Char('T'), QLatin1Char(' ')))
                     .arg(r.severity, 3)
                     .arg(severityBand(r.severity), -8)
                     .arg(who, -24)
                     .arg(r.sourceIp, r.destinationIp, r.ruleName));
    }
    if (rows->empty())
        printOut(QCoreApplication::translate("Cli", "no alerts match\n"));
    return 0;
}

} // namespace

QString defaultDatabasePath()
{
    // The data directory chosen in the settings, else the user's application data folder.
    if (const QString chosen = QSettings().value(QStringLiteral("dataDirectory")).toString();
        !chosen.trimmed().isEmpty())
        return QDir(chosen.trimmed()).filePath(QStringLiteral("vigie.db"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(dir.isEmpty() ? QDir::homePath() + QStringLiteral("/.local/share/vigie") : dir)
        .filePath(QStringLiteral("vigie.db"));
}

bool isSubcommand(const QString &name)
{
    return name == QLatin1String("import") || name == QLatin1String("alerts")
           || name == QLatin1String("sensor") || name == QLatin1String("connector")
           || name == QLatin1String("triage") || name == QLatin1String("hunt")
           || name == QLatin1String("incidents") || name == QLatin1String("rca")
           || name == QLatin1String("report");
}

int run(const QStringList &args)
{
    const QString cmd = args.value(0);
    if (cmd == QLatin1String("import"))
        return runImport(args);
    if (cmd == QLatin1String("alerts"))
        return runAlerts(args);
    if (cmd == QLatin1String("sensor"))
        return runSensor(args);
    if (cmd == QLatin1String("connector"))
        return runConnector(args);
    if (cmd == QLatin1String("triage"))
        return runTriage(args);
    if (cmd == QLatin1String("hunt"))
        return runHunt(args);
    if (cmd == QLatin1String("incidents"))
        return runIncidents(args);
    if (cmd == QLatin1String("rca"))
        return runRca(args);
    if (cmd == QLatin1String("report"))
        return runReport(args);
    return fail(QCoreApplication::translate("Cli", "unknown command '%1'").arg(cmd));
}

} // namespace Vigie::Cli
