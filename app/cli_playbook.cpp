// SPDX-License-Identifier: Apache-2.0
// `vigie playbook list|show|validate|run` and `vigie toolkit`: CACAO 2.0 response playbooks run
// from an incident through the configured connectors, every run, step, request, answer and
// approval in the hash-chained response audit log; and the incident's toolkit (a zip of indicators,
// blocklists, hunting rules, containment scripts and the report).
#include "cliutil.h"

#include "connectors/connectoractions.h"
#include "connectors/net.h"
#include "core/playbooks/cacao.h"
#include "core/playbooks/engine.h"
#include "core/playbooks/incidentcontext.h"
#include "core/playbooks/library.h"
#include "core/playbooks/runaudit.h"
#include "core/report/reporttemplate.h"
#include "reports/toolkitexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QUuid>

#include <map>
#include <memory>

#include <unistd.h>

namespace Vigie::Cli {

namespace {

using namespace Vigie::Playbooks;

QString actor()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}

using Named = LibraryEntry;

// The built-in playbooks and the imported ones (library.h).
std::vector<Named> builtins()
{
    return playbookLibrary();
}

// A playbook named on the command line: a file, else a built-in by short name, id or name.
Result<Playbook> findPlaybook(const QString &which, const std::vector<Named> &all)
{
    if (QFileInfo(which).isFile()) {
        QFile f(which);
        if (!f.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("%1: %2").arg(which, f.errorString()));
        std::vector<ValidationError> findings;
        auto p = loadPlaybook(f.readAll(), &findings);
        if (!p)
            return Error(QStringLiteral("%1: %2").arg(which, p.error()));
        return p;
    }
    for (const Named &n : all)
        if (n.name == which || n.playbook.id == which
            || n.playbook.name.compare(which, Qt::CaseInsensitive) == 0)
            return n.playbook;
    QStringList names;
    for (const Named &n : all)
        names << n.name;
    return Error(
        QCoreApplication::translate("Cli", "no playbook is named %1 (built-in: %2; or give a file)")
            .arg(which, names.join(QStringLiteral(", "))));
}

// The steps in the order a run meets them (breadth first from workflow_start), then the rest.
std::vector<const WorkflowStep *> stepsInOrder(const Playbook &p)
{
    std::vector<const WorkflowStep *> out;
    QSet<QString> seen;
    QStringList queue{p.workflowStart};
    while (!queue.isEmpty()) {
        const QString id = queue.takeFirst();
        if (seen.contains(id))
            continue;
        seen.insert(id);
        const WorkflowStep *s = p.step(id);
        if (!s)
            continue;
        out.push_back(s);
        for (const StepLink &l : s->links())
            queue << l.target;
    }
    for (const auto &[id, step] : p.workflow)
        if (!seen.contains(id))
            out.push_back(&step);
    return out;
}

int playbookList(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "List the built-in response playbooks (CACAO 2.0)."));
    addDbOption(p); // accepted like every subcommand's (the built-ins need no store); --json
    int code = 0;
    if (!parse(p, args, code))
        return code;
    const auto all = builtins();
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Named &n : all) {
            bool destructive = false;
            for (const auto &[id, step] : n.playbook.workflow)
                destructive = destructive || isDestructive(n.playbook, step);
            list.append(QJsonObject{{QStringLiteral("name"), n.name},
                                    {QStringLiteral("builtin"), n.builtin},
                                    {QStringLiteral("id"), n.playbook.id},
                                    {QStringLiteral("title"), n.playbook.name},
                                    {QStringLiteral("description"), n.playbook.description},
                                    {QStringLiteral("steps"), qint64(n.playbook.workflow.size())},
                                    {QStringLiteral("destructive"), destructive}});
        }
        printOut(QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Indented)));
        return 0;
    }
    for (const Named &n : all)
        printOut(QStringLiteral("%1  %2%3\n    %4\n")
                     .arg(n.name.leftJustified(22),
                          n.playbook.name,
                          n.builtin ? QString() : QCoreApplication::translate("Cli", " (imported)"),
                          n.playbook.description));
    return 0;
}

int playbookShow(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Show a playbook's steps, commands and variables."));
    p.addPositionalArgument(QStringLiteral("playbook"),
                            QCoreApplication::translate(
                                "Cli", "A built-in's name (see vigie playbook list) or a file."));
    addDbOption(p); // accepted like every subcommand's (the built-ins need no store); --json
    int code = 0;
    if (!parse(p, args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return fail(
            QCoreApplication::translate("Cli", "usage: vigie playbook show NAME|FILE [--json]"));
    const auto all = builtins();
    auto pb = findPlaybook(p.positionalArguments().front(), all);
    if (!pb)
        return fail(pb.error(), 3);
    if (p.isSet(QStringLiteral("json"))) {
        printOut(QString::fromUtf8(exportPlaybook(*pb)));
        return 0;
    }
    printOut(QStringLiteral("%1\n%2\n%3\n\n").arg(pb->name, pb->id, pb->description));
    printOut(QCoreApplication::translate("Cli", "Variables:\n"));
    for (const auto &[name, v] : pb->playbookVariables)
        printOut(QStringLiteral("  %1 (%2)%3  %4\n")
                     .arg(name,
                          v.type,
                          v.external
                              ? QCoreApplication::translate("Cli", ", from the incident or --var")
                              : QString(),
                          v.description));
    printOut(QCoreApplication::translate("Cli", "\nSteps:\n"));
    for (const WorkflowStep *s : stepsInOrder(*pb)) {
        printOut(QStringLiteral("  %1 %2 — %3\n")
                     .arg(isDestructive(*pb, *s) ? QStringLiteral("!") : QStringLiteral(" "),
                          s->type,
                          s->name.isEmpty() ? s->id : s->name));
        for (const Command &c : s->commands)
            printOut(QStringLiteral("      [%1] %2\n")
                         .arg(c.type, commandText(c).section(QLatin1Char('\n'), 0, 0).left(120)));
    }
    printOut(
        QCoreApplication::translate("Cli", "\n! needs the analyst's approval (destructive)\n"));
    return 0;
}

int playbookValidate(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Check CACAO 2.0 playbooks against the OASIS schemas and the rules a schema cannot "
        "express. Exit 0 when every file is valid, 3 when one is not."));
    p.addPositionalArgument(QStringLiteral("files"),
                            QCoreApplication::translate("Cli", "Playbook files."),
                            QStringLiteral("FILE…"));
    addDbOption(p); // accepted like every subcommand's (the built-ins need no store); --json
    int code = 0;
    if (!parse(p, args, code))
        return code;
    if (p.positionalArguments().isEmpty())
        return fail(
            QCoreApplication::translate("Cli", "usage: vigie playbook validate FILE… [--json]"));
    bool allValid = true;
    QJsonArray report;
    for (const QString &file : p.positionalArguments()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("%1: %2").arg(file, f.errorString()), 2);
        std::vector<ValidationError> findings;
        auto pb = loadPlaybook(f.readAll(), &findings);
        QJsonArray errors, warnings;
        QString syntax;
        if (!pb && findings.empty())
            syntax = pb.error();
        for (const ValidationError &e : findings)
            (e.isError() ? errors : warnings)
                .append(QJsonObject{{QStringLiteral("path"), e.path},
                                    {QStringLiteral("message"), e.message}});
        const bool valid = pb.ok();
        allValid = allValid && valid;
        report.append(QJsonObject{{QStringLiteral("file"), file},
                                  {QStringLiteral("valid"), valid},
                                  {QStringLiteral("error"), syntax},
                                  {QStringLiteral("errors"), errors},
                                  {QStringLiteral("warnings"), warnings}});
        if (p.isSet(QStringLiteral("json")))
            continue;
        if (valid)
            printOut(QCoreApplication::translate("Cli", "%1: valid CACAO 2.0 (%2)\n")
                         .arg(file, pb->name));
        else if (!syntax.isEmpty())
            printOut(QCoreApplication::translate("Cli", "%1: invalid: %2\n").arg(file, syntax));
        else
            printOut(QCoreApplication::translate("Cli", "%1: invalid, %2 error(s):\n")
                         .arg(file)
                         .arg(errors.size()));
        for (const ValidationError &e : findings)
            printOut(QStringLiteral("  %1 %2: %3\n")
                         .arg(e.isError() ? QCoreApplication::translate("Cli", "error")
                                          : QCoreApplication::translate("Cli", "warning"),
                              e.path.isEmpty() ? QStringLiteral("/") : e.path,
                              e.message));
    }
    if (p.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Indented)));
    return allValid ? 0 : 3;
}

// Asks the analyst at the terminal, sends through the store's connectors and prints the run as it
// goes; the audit trail is AuditedRun's.
class CliRunner final : public Connectors::ConnectorActionRunner, public RunObserver
{
public:
    CliRunner(const Store &store, std::map<QString, QString> connectorFor, bool json)
        : ConnectorActionRunner(store, std::move(connectorFor))
        , m_json(json)
    {}
    void setTrail(AuditedRun *trail) { m_trail = trail; }

    bool approve(const ApprovalRequest &request, CancelToken) override
    {
        if (!::isatty(0)) {
            m_trail->approval(
                request, false, QStringLiteral("no analyst at the terminal and no --approve-all"));
            return false;
        }
        QStringList what;
        for (const PlannedRequest &r : request.requests)
            what << r.toText();
        what << request.manual << request.scripts;
        printErr(QCoreApplication::translate(
                     "Cli", "\nStep “%1” needs your approval:\n%2\nApprove? [y/N] ")
                     .arg(request.stepName, what.join(QLatin1Char('\n'))));
        QTextStream in(stdin);
        const QString answer = in.readLine().trimmed().toLower();
        const bool yes = answer == QLatin1String("y") || answer == QLatin1String("yes")
                         || answer == QLatin1String("o") || answer == QLatin1String("oui");
        m_trail->approval(request, yes);
        return yes;
    }

    ManualOutcome manual(const ManualTask &task, CancelToken) override
    {
        ManualOutcome outcome;
        if (::isatty(0)) {
            printErr(QCoreApplication::translate("Cli", "\nManual step “%1”:\n%2\nDone? [y/N] ")
                         .arg(task.stepName, task.text));
            QTextStream in(stdin);
            const QString answer = in.readLine().trimmed().toLower();
            outcome.done
                = answer.startsWith(QLatin1Char('y')) || answer.startsWith(QLatin1Char('o'));
            printErr(QCoreApplication::translate("Cli", "Note (optional): "));
            outcome.note = in.readLine().trimmed();
        } else {
            outcome.note
                = QCoreApplication::translate("Cli", "no analyst at the terminal: left to do");
        }
        m_trail->manualOutcome(task, outcome);
        return outcome;
    }

    void stepChanged(const StepRecord &s) override
    {
        if (m_json || s.state == StepState::Pending)
            return;
        printErr(QStringLiteral("%1[%2] %3%4\n")
                     .arg(QString(s.depth * 2, QLatin1Char(' ')),
                          stepStateName(s.state),
                          s.name.isEmpty() ? s.stepId : s.name,
                          s.message.isEmpty() ? QString() : QStringLiteral(" — ") + s.message));
    }
    void requestPlanned(const PlannedRequest &masked, bool dryRun) override
    {
        if (!m_json && dryRun)
            printOut(masked.toText() + QStringLiteral("\n\n"));
    }
    void requestFinished(const PlannedRequest &masked, const ActionResult &r) override
    {
        if (!m_json)
            printErr(
                QStringLiteral("    %1 %2 → %3\n")
                    .arg(QString::fromLatin1(masked.method),
                         masked.path,
                         r.error.isEmpty() ? QStringLiteral("HTTP %1").arg(r.status) : r.error));
    }
    void scriptRendered(const StepRecord &s, const QString &type, const QString &text) override
    {
        if (!m_json)
            printOut(
                QCoreApplication::translate(
                    "Cli", "--- %1 script for “%2” (not run: it goes into the toolkit) ---\n%3\n")
                    .arg(type, s.name, text));
    }
    void message(const QString &text) override
    {
        if (!m_json)
            printErr(text + QLatin1Char('\n'));
    }

private:
    bool m_json;
    AuditedRun *m_trail = nullptr;
};

int playbookRun(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Run a response playbook for an incident: its HTTP actions go through the configured "
        "connectors, destructive steps wait for approval, scripts are only rendered. Every run, "
        "step, request, answer and approval goes into the response audit log. Exit 0 when the "
        "run succeeded, 3 when a step failed, 5 when it was cancelled."));
    p.addPositionalArgument(QStringLiteral("playbook"),
                            QCoreApplication::translate(
                                "Cli", "A built-in's name (see vigie playbook list) or a file."));
    p.addOption({QStringLiteral("incident"),
                 QCoreApplication::translate("Cli", "The incident it acts on."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("dry-run"),
                 QCoreApplication::translate(
                     "Cli",
                     "Send nothing: print each request exactly as it would be sent (secrets "
                     "masked).")});
    p.addOption(
        {QStringLiteral("approve-all"),
         QCoreApplication::translate(
             "Cli",
             "Approve every destructive step without asking (manual steps are still asked at the "
             "terminal, and left to do without one: nothing is recorded as done that was not).")});
    p.addOption({QStringLiteral("var"),
                 QCoreApplication::translate(
                     "Cli", "Set a playbook variable, NAME=VALUE (lists comma-separated; repeat)."),
                 QStringLiteral("NAME=VALUE")});
    p.addOption({QStringLiteral("connector"),
                 QCoreApplication::translate(
                     "Cli",
                     "Send a kind of request (elastic, wazuh, thehive, webhook) through this "
                     "connector, KIND=NAME (repeat)."),
                 QStringLiteral("KIND=NAME")});
    addDbOption(p); // and --json
    int code = 0;
    if (!parse(p, args, code))
        return code;
    const qint64 incident = incidentArgument(p.value(QStringLiteral("incident")));
    if (p.positionalArguments().size() != 1 || incident <= 0)
        return fail(QCoreApplication::translate(
            "Cli",
            "usage: vigie playbook run NAME|FILE --incident ID [--dry-run] "
            "[--approve-all] [--var NAME=VALUE]… [--connector KIND=NAME]… [--db PATH]"));
    const auto all = builtins();
    auto pb = findPlaybook(p.positionalArguments().front(), all);
    if (!pb)
        return fail(pb.error(), 3);
    RunOptions options;
    options.dryRun = p.isSet(QStringLiteral("dry-run"));
    options.approveAll = p.isSet(QStringLiteral("approve-all"));
    for (const QString &v : p.values(QStringLiteral("var"))) {
        auto parsed = parseOverride(v);
        if (!parsed)
            return fail(parsed.error());
        options.variables[parsed->first] = parsed->second;
    }
    std::map<QString, QString> connectorFor;
    for (const QString &c : p.values(QStringLiteral("connector"))) {
        const qsizetype eq = c.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return fail(
                QCoreApplication::translate("Cli", "--connector takes KIND=NAME, not %1").arg(c));
        connectorFor[c.left(eq)] = c.mid(eq + 1);
    }
    std::vector<Playbook> lookupSet;
    for (const Named &n : all)
        lookupSet.push_back(n.playbook);
    lookupSet.push_back(*pb);
    options.playbooks = lookupIn(lookupSet);
    // Ctrl+C stops the run at its next step (exit 5), its end recorded in the audit log.
    catchSignals();
    options.cancel = &interrupted();

    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto context = incidentContext(*store, incident);
    if (!context)
        return fail(context.error(), 3);
    const bool json = p.isSet(QStringLiteral("json"));
    const QString runId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    CliRunner runner(*store, connectorFor, json);
    AuditedRun trail(*store, incident, runId, actor(), &runner);
    runner.setTrail(&trail);
    trail.runStarted(*pb, options);
    const RunResult result = runPlaybook(*pb, *context, options, runner, &trail);
    trail.runFinished(*pb, result);
    const QString status = runStatusName(result.status);
    if (!trail.auditError().isEmpty())
        printErr(
            QCoreApplication::translate("Cli", "warning: the audit log could not be written: %1\n")
                .arg(trail.auditError()));
    if (json) {
        QJsonArray steps, requests;
        for (const StepRecord &s : result.steps)
            steps.append(QJsonObject{{QStringLiteral("step"), s.stepId},
                                     {QStringLiteral("playbook"), s.playbookId},
                                     {QStringLiteral("name"), s.name},
                                     {QStringLiteral("type"), s.type},
                                     {QStringLiteral("state"), stepStateName(s.state)},
                                     {QStringLiteral("message"), s.message}});
        for (const PlannedRequest &r : result.requests())
            requests.append(r.masked().toJson());
        printOut(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("run"), runId},
                                                        {QStringLiteral("playbook"), pb->id},
                                                        {QStringLiteral("incident"), incident},
                                                        {QStringLiteral("dryRun"), options.dryRun},
                                                        {QStringLiteral("status"), status},
                                                        {QStringLiteral("error"), result.error},
                                                        {QStringLiteral("steps"), steps},
                                                        {QStringLiteral("requests"), requests}})
                                  .toJson(QJsonDocument::Indented)));
    } else {
        printOut(QCoreApplication::translate("Cli", "%1: %2%3 (run %4)\n")
                     .arg(pb->name,
                          status,
                          result.error.isEmpty() ? QString() : QStringLiteral(": ") + result.error,
                          runId));
    }
    return result.status == RunStatus::Succeeded ? 0 : result.status == RunStatus::Failed ? 3 : 5;
}

int playbookImport(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Import CACAO 2.0 playbooks: each file is validated and kept under its file's name in "
        "Vigie's playbook folder, where vigie playbook list|show|run and the Response tab find "
        "it. Exit 0 when every file was imported, 3 when one is not valid."));
    p.addPositionalArgument(QStringLiteral("files"),
                            QCoreApplication::translate("Cli", "Playbook files."),
                            QStringLiteral("FILE…"));
    addDbOption(p);
    int code = 0;
    if (!parse(p, args, code))
        return code;
    if (p.positionalArguments().isEmpty())
        return fail(QCoreApplication::translate("Cli", "usage: vigie playbook import FILE…"));
    int refused = 0;
    for (const QString &file : p.positionalArguments()) {
        auto entry = importPlaybookFile(file);
        if (!entry) {
            ++refused;
            printErr(entry.error() + QLatin1Char('\n'));
            continue;
        }
        printOut(QCoreApplication::translate("Cli", "%1: imported as %2 (%3)\n")
                     .arg(file, entry->name, entry->playbook.name));
    }
    return refused ? 3 : 0;
}

int playbookUndo(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Undo a run's actions where the API has an undo (release an isolation): each action the "
        "sensor accepted, latest first, recorded in the response audit log. Exit 0 when every "
        "undo succeeded, 3 when one failed."));
    p.addPositionalArgument(QStringLiteral("run"),
                            QCoreApplication::translate("Cli", "The run's id (vigie audit list)."),
                            QStringLiteral("RUN"));
    p.addOption({QStringLiteral("dry-run"),
                 QCoreApplication::translate("Cli", "Print the undo requests; send nothing.")});
    addDbOption(p);
    int code = 0;
    if (!parse(p, args, code))
        return code;
    if (p.positionalArguments().size() != 1)
        return fail(QCoreApplication::translate("Cli",
                                                "usage: vigie playbook undo RUN [--dry-run] [--db "
                                                "PATH]"));
    const QString runId = p.positionalArguments().front();
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto undo = undoRequests(*store, runId);
    if (!undo)
        return fail(undo.error(), 3);
    if (undo->empty()) {
        printOut(QCoreApplication::translate("Cli", "Run %1 has nothing to undo.\n").arg(runId));
        return 0;
    }
    if (p.isSet(QStringLiteral("dry-run"))) {
        for (const PlannedRequest &r : *undo)
            printOut(r.toText() + QStringLiteral("\n\n"));
        return 0;
    }
    auto outcome = Connectors::undoRun(*store, runId, actor());
    if (!outcome)
        return fail(outcome.error(), 2);
    for (const QString &line : outcome->lines)
        printOut(line + QLatin1Char('\n'));
    return outcome->failed ? 3 : 0;
}

} // namespace

int runPlaybook(const QStringList &args)
{
    const QString sub = args.value(1);
    const QStringList rest = args.mid(2); // after "playbook" and the subcommand
    if (sub == QLatin1String("list"))
        return playbookList(rest);
    if (sub == QLatin1String("show"))
        return playbookShow(rest);
    if (sub == QLatin1String("validate"))
        return playbookValidate(rest);
    if (sub == QLatin1String("run"))
        return playbookRun(rest);
    if (sub == QLatin1String("undo"))
        return playbookUndo(rest);
    if (sub == QLatin1String("import"))
        return playbookImport(rest);
    return fail(QCoreApplication::translate("Cli",
                                            "usage: vigie playbook list | show NAME | validate "
                                            "FILE… | import FILE… | undo RUN | run NAME "
                                            "--incident "
                                            "ID [--dry-run] [--approve-all]"));
}

int runToolkit(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Write an incident's response toolkit: a zip with its indicators (STIX 2.1 and CSV), "
        "perimeter blocklists (nftables, iptables, Windows Firewall), Sigma hunting rules, "
        "the built-in playbooks' containment scripts with the incident's values quoted, the "
        "PDF report and a README. Its SHA-256 goes into the response audit log."));
    p.addPositionalArgument(QStringLiteral("incident"),
                            QCoreApplication::translate("Cli", "The incident."),
                            QStringLiteral("ID"));
    p.addOption({QStringLiteral("out"),
                 QCoreApplication::translate("Cli", "The zip to write."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("lang"),
         QCoreApplication::translate("Cli", "The language of the README and the report: en or fr."),
         QStringLiteral("LANG"),
         QStringLiteral("en")});
    p.addOption({QStringLiteral("template"),
                 QCoreApplication::translate("Cli", "A report template."),
                 QStringLiteral("FILE")});
    addDbOption(p); // and --json
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    const qint64 incident = incidentArgument(p.positionalArguments().value(0));
    const bool ok = incident > 0;
    const QString out = p.value(QStringLiteral("out"));
    const QString lang = p.value(QStringLiteral("lang"));
    if (!ok || incident <= 0 || out.isEmpty()
        || (lang != QLatin1String("en") && lang != QLatin1String("fr")))
        return fail(QCoreApplication::translate(
            "Cli",
            "usage: vigie toolkit INCIDENT --out FILE.zip [--lang en|fr] [--template "
            "FILE] [--db PATH]"));
    auto style = reportTemplateFrom(p);
    if (!style)
        return fail(style.error(), 2);
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto written = Report::writeIncidentToolkit(*store, incident, lang, *style, out, actor());
    if (!written)
        return fail(written.error(),
                    written.error().startsWith(QLatin1String("there is no")) ? 3 : 2);
    if (p.isSet(QStringLiteral("json"))) {
        printOut(QString::fromUtf8(
            QJsonDocument(
                QJsonObject{{QStringLiteral("incident"), incident},
                            {QStringLiteral("path"), written->path},
                            {QStringLiteral("sha256"), written->sha256},
                            {QStringLiteral("files"), QJsonArray::fromStringList(written->files)}})
                .toJson(QJsonDocument::Indented)));
        return 0;
    }
    printOut(QCoreApplication::translate("Cli", "Wrote %1 (%2 files, SHA-256 %3)\n")
                 .arg(written->path)
                 .arg(written->files.size())
                 .arg(written->sha256));
    for (const QString &f : written->files)
        printOut(QStringLiteral("  %1\n").arg(f));
    return 0;
}

} // namespace Vigie::Cli
