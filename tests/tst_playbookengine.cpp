// SPDX-License-Identifier: Apache-2.0
// The playbook engine: the built-in playbooks are valid CACAO 2.0; the containment playbook plans
// exactly the isolations and the block the incident calls for, and a real run sends exactly what
// the dry run showed; failures follow on_failure, refusals skip, loops are bounded, conditions and
// switches branch, runs cancel; hostile values stay inert in scripts (bash -n, and running a
// harmless script) and intact in JSON bodies; secrets never reach what is shown.
#include "core/playbooks/cacao.h"
#include "core/playbooks/conditions.h"
#include "core/playbooks/engine.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <functional>

using namespace Vigie::Playbooks;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(VIGIE_TEST_DATA "/playbooks/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

// The incident of the acceptance test: lateral movement between two hosts, one C2 address.
IncidentContext lateral()
{
    IncidentContext c;
    c.incident = 42;
    c.title = "Lateral movement from web-01";
    c.hosts = {"web-01", "db-02"};
    c.hostAddresses = {"10.0.0.5", "10.0.0.9"};
    c.remoteAddresses = {"203.0.113.7"};
    c.users = {"svc-backup"};
    c.alertIds = {"a-1", "a-2"};
    c.agentIds = {{"web-01", "ed518850-681a-4d60-bb98-e22640cae2a8"}};
    return c;
}

const QByteArray kComment = "Vigie incident #42: Lateral movement from web-01";

// Expected bodies and contents (outside the test class: moc misreads some raw strings in one).
const QString kIsolateBody
    = R"({"comment":"Vigie incident #42: Lateral movement from web-01","endpoint_ids":["%1"]})";
const QByteArray kBlockBody
    = R"({"alert":{"data":{"srcip":"203.0.113.7"}},"arguments":[],"command":"!firewall-drop"})";
const QString kRulesLoop = R"(for ip in "${__c2_ips__[@]}"; do)";
const QByteArray kKillBody
    = R"({"comment":"Vigie incident #42: Lateral movement from web-01",)"
      R"("endpoint_ids":["ed518850-681a-4d60-bb98-e22640cae2a8"],"parameters":{"pid":4242}})";
const QByteArray kMaskedBody = R"({"text":"Lateral movement from web-01","token":"********"})";
const QString kUnknownContent = R"({"a":"__nope__:value"})";
const QString kBadContent = R"({"a":)";

class FakeRunner : public ActionRunner
{
public:
    std::vector<PlannedRequest> sent;
    std::vector<qint64> timeouts;
    std::vector<ApprovalRequest> approvals;
    std::vector<ManualTask> tasks;
    std::vector<qint64> sleeps;
    int status = 200;
    bool timeout = false;
    unsigned long takesMs = 0;
    bool approveAnswer = true;
    std::function<void()> onRun;
    std::function<void()> onApprove;
    std::function<ManualOutcome(const ManualTask &)> manualAnswer;

    ActionResult run(const PlannedRequest &request, qint64 timeoutMs, CancelToken) override
    {
        sent.push_back(request);
        timeouts.push_back(timeoutMs);
        if (onRun)
            onRun();
        if (takesMs)
            QThread::msleep(takesMs);
        ActionResult r;
        if (timeout) {
            r.timedOut = true;
            r.error = "no answer";
            return r;
        }
        r.status = status;
        r.body = status == 200 ? "{}" : R"({"error":"replayed failure"})";
        return r;
    }
    bool approve(const ApprovalRequest &request, CancelToken) override
    {
        approvals.push_back(request);
        if (onApprove)
            onApprove();
        return approveAnswer;
    }
    ManualOutcome manual(const ManualTask &task, CancelToken) override
    {
        tasks.push_back(task);
        if (manualAnswer)
            return manualAnswer(task);
        return {true, "done", {}};
    }
    bool sleep(qint64 ms, CancelToken cancel) override
    {
        sleeps.push_back(ms);
        return !cancel.isCancelled();
    }
};

class Recorder : public RunObserver
{
public:
    std::vector<std::pair<QString, StepState>> states;
    std::vector<PlannedRequest> planned;
    QStringList scripts;
    void stepChanged(const StepRecord &r) override { states.emplace_back(r.stepId, r.state); }
    void requestPlanned(const PlannedRequest &r, bool) override { planned.push_back(r); }
    void scriptRendered(const StepRecord &, const QString &, const QString &s) override
    {
        scripts << s;
    }
};

// --- synthetic playbooks ---------------------------------------------------------------------

QString sid(const char *kind, int n)
{
    return QString("%1--00000000-0000-4000-8000-%2").arg(kind).arg(n, 12, 10, QLatin1Char('0'));
}

const QString kAnalyst = sid("individual", 901);
const QString kWebhook = sid("http-api", 902);

QJsonObject with(QJsonObject o, const QJsonObject &extra)
{
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), *it);
    if (extra.contains("on_success") || extra.contains("on_failure"))
        o.remove("on_completion");
    return o;
}

QJsonObject manualStep(const QString &text, const QString &next, const QJsonObject &extra = {})
{
    return with(
        QJsonObject{{"type", "action"},
                    {"name", text},
                    {"agent", kAnalyst},
                    {"commands", QJsonArray{QJsonObject{{"type", "manual"}, {"command", text}}}},
                    {"on_completion", next}},
        extra);
}

QJsonObject httpStep(const QString &startLine,
                     const QJsonObject &content,
                     const QString &next,
                     const QJsonObject &extra = {},
                     const QJsonObject &headers = {})
{
    QJsonObject command{
        {"type", "http-api"},
        {"command", startLine},
        {"content", QString::fromUtf8(QJsonDocument(content).toJson(QJsonDocument::Compact))}};
    if (!headers.isEmpty())
        command.insert("headers", headers);
    return with(QJsonObject{{"type", "action"},
                            {"name", "request"},
                            {"agent", kWebhook},
                            {"commands", QJsonArray{command}},
                            {"on_completion", next}},
                extra);
}

QJsonObject endStep()
{
    return {{"type", "end"}};
}

QJsonObject synthetic(const QJsonObject &workflow,
                      const QString &start,
                      const QJsonObject &variables = {},
                      const QString &id = sid("playbook", 999))
{
    QJsonObject p{
        {"type", "playbook"},
        {"spec_version", "cacao-2.0"},
        {"id", id},
        {"name", "synthetic"},
        {"created_by", sid("identity", 900)},
        {"created", "2025-01-01T00:00:00.000Z"},
        {"modified", "2025-01-01T00:00:00.000Z"},
        {"workflow_start", start},
        {"workflow", workflow},
        {"agent_definitions",
         QJsonObject{
             {kAnalyst, QJsonObject{{"type", "individual"}, {"name", "analyst"}}},
             {kWebhook,
              QJsonObject{
                  {"type", "http-api"},
                  {"name", "webhook"},
                  {"address", QJsonObject{{"url", QJsonArray{"https://hooks.example.org"}}}}}}}}};
    if (!variables.isEmpty())
        p.insert("playbook_variables", variables);
    return p;
}

#define LOAD(var, json)                                                                            \
    const auto var##Loaded = loadPlaybook(QJsonDocument(json).toJson());                           \
    QVERIFY2(var##Loaded.ok(), qPrintable(var##Loaded.error()));                                   \
    const Playbook &var = *var##Loaded

QString stepNamed(const Playbook &p, const QString &name)
{
    for (const auto &[id, s] : p.workflow)
        if (s.name == name)
            return id;
    qFatal("no step %s in %s", qPrintable(name), qPrintable(p.name));
}

QJsonObject bodyOf(const PlannedRequest &r)
{
    QJsonParseError e;
    const QJsonDocument doc = QJsonDocument::fromJson(r.body, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject())
        return {};
    return doc.object();
}

bool hasBash()
{
    return !QStandardPaths::findExecutable("bash").isEmpty();
}

// bash -n over a script: "" when bash accepts it, else what bash said.
QString bashSyntax(const QString &script)
{
    QTemporaryDir dir;
    QFile f(dir.filePath("script.sh"));
    if (!f.open(QIODevice::WriteOnly))
        return "cannot write the script";
    f.write(script.toUtf8());
    f.close();
    QProcess p;
    p.start("bash", {"-n", f.fileName()});
    if (!p.waitForFinished(10000))
        return "bash -n did not finish";
    return p.exitCode() == 0 ? QString()
                             : QString::fromLocal8Bit(p.readAllStandardError()) + "\n" + script;
}

Command bash(const QString &text)
{
    Command c;
    c.type = "bash";
    c.command = text;
    return c;
}

} // namespace

class TestPlaybookEngine : public QObject
{
    Q_OBJECT

    std::vector<Playbook> m_builtins;

    const Playbook &builtin(const QString &name) const
    {
        for (const Playbook &p : m_builtins)
            if (p.name == name)
                return p;
        qFatal("no built-in playbook %s", qPrintable(name));
    }
    const Playbook &contain() const { return builtin("Contain the incident's hosts"); }
    const Playbook &blockIp() const { return builtin("Block an IP at the perimeter"); }

    RunOptions options(bool dryRun) const
    {
        RunOptions o;
        o.dryRun = dryRun;
        o.playbooks = lookupIn(m_builtins);
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStringList errors;
        m_builtins = builtinPlaybooks(&errors);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join('\n')));
        QCOMPARE(int(m_builtins.size()), 7);
    }

    void builtinsAreValid_data()
    {
        QTest::addColumn<QString>("file");
        QDirIterator it(":/vigie/playbooks", {"*.json"}, QDir::Files);
        QStringList files;
        while (it.hasNext())
            files << it.next();
        files.sort();
        QCOMPARE(files.size(), 7);
        for (const QString &f : files)
            QTest::newRow(qPrintable(f.section('/', -1))) << f;
    }

    void builtinsAreValid()
    {
        QFETCH(QString, file);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::vector<ValidationError> findings;
        const auto p = loadPlaybook(f.readAll(), &findings);
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QStringList all;
        for (const ValidationError &e : findings)
            all << e.toString();
        // Neither errors nor warnings: a built-in is a model of a good playbook.
        QVERIFY2(findings.empty(), qPrintable(all.join('\n')));
        QVERIFY(!p->name.isEmpty());
        QVERIFY(p->description.size() > 40);
        QVERIFY(!p->playbookTypes.isEmpty());
        QVERIFY(!p->playbookActivities.isEmpty());
        QVERIFY(p->createdBy.startsWith("identity--"));
        QVERIFY(p->created.isValid());
        QVERIFY(p->modified >= p->created);
        for (const auto &[name, v] : p->playbookVariables)
            QVERIFY2(!v.description.isEmpty(), qPrintable(name));
        for (const auto &[id, s] : p->workflow) {
            if (s.type == "playbook-action")
                QVERIFY2(lookupIn(m_builtins)(s.playbookId), qPrintable(s.playbookId));
            for (const Command &c : s.commands)
                QVERIFY2(QStringList({"http-api", "manual", "bash", "powershell"}).contains(c.type),
                         qPrintable(c.type));
        }
        for (const auto &[id, d] : p->extensionDefinitions) {
            if (d.name == forEachExtensionName)
                QCOMPARE(id, QString(forEachExtensionId));
            else if (d.name == responseExtensionName)
                QCOMPARE(id, QString(responseExtensionId));
            else
                QFAIL(qPrintable(d.name));
        }
    }

    // Acceptance: the containment playbook for 2 hosts and 1 C2 address plans 2 isolations and 1
    // block, bodies exact, without asking or sending anything.
    void containmentDryRun()
    {
        FakeRunner runner;
        Recorder recorder;
        const RunResult r = runPlaybook(contain(), lateral(), options(true), runner, &recorder);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QVERIFY(r.dryRun);
        QVERIFY(runner.sent.empty());
        QVERIFY(runner.approvals.empty());
        QVERIFY(runner.tasks.empty());
        const std::vector<PlannedRequest> requests = r.requests();
        QCOMPARE(int(requests.size()), 3);

        const Headers kibana{{"Content-Type", "application/json"}, {"kbn-xsrf", "true"}};
        const QByteArray endpoints[] = {"ed518850-681a-4d60-bb98-e22640cae2a8", "db-02"};
        for (int i = 0; i < 2; ++i) {
            const PlannedRequest &isolate = requests[std::size_t(i)];
            QCOMPARE(isolate.connectorKind, QString("elastic"));
            QCOMPARE(isolate.method, QByteArray("POST"));
            QCOMPARE(isolate.path, QString("/api/endpoint/action/isolate"));
            QCOMPARE(isolate.headers, kibana);
            const QByteArray expected = kIsolateBody.arg(QString(endpoints[i])).toUtf8();
            QCOMPARE(isolate.body, expected);
            QVERIFY(isolate.destructive);
            QCOMPARE(isolate.undo, QString("unisolate"));
            QVERIFY(isolate.undoRequest);
            QCOMPARE(isolate.undoRequest->path, QString("/api/endpoint/action/unisolate"));
            QCOMPARE(isolate.undoRequest->body, isolate.body);
            QCOMPARE(isolate.alertIds, QStringList({"a-1", "a-2"}));
            QCOMPARE(isolate.incident, qint64(42));
            QCOMPARE(isolate.item, lateral().hosts.at(i));
            QCOMPARE(isolate.playbookId, contain().id);
        }
        const PlannedRequest &block = requests[2];
        QCOMPARE(block.connectorKind, QString("wazuh"));
        QCOMPARE(block.method, QByteArray("PUT"));
        // No agent list given: the parameter is left out and Wazuh applies it to every agent.
        QCOMPARE(block.path, QString("/active-response"));
        QCOMPARE(block.body, kBlockBody);
        QVERIFY(block.destructive);
        QCOMPARE(block.playbookId, blockIp().id);

        // The observer saw the same requests; the perimeter script was rendered.
        QCOMPARE(recorder.planned, requests);
        const StepRecord *rules
            = r.last(stepNamed(blockIp(), "Perimeter firewall rules"), blockIp().id);
        QVERIFY(rules);
        QCOMPARE(rules->depth, 1);
        QCOMPARE(rules->scripts.size(), 1);
        QVERIFY(rules->scripts.first().startsWith("__c2_ips__=('203.0.113.7')\n"));
        QVERIFY(rules->scripts.first().contains(kRulesLoop));
        if (hasBash())
            QCOMPARE(bashSyntax(rules->scripts.first()), QString());
        // The fallback was not needed: never reached, still pending.
        QCOMPARE(r.stateOf(stepNamed(contain(), "Isolate the hosts by hand")), StepState::Pending);
        QCOMPARE(r.stateOf(stepNamed(contain(), "Isolate each host")), StepState::Done);
    }

    // What the sensor receives is exactly what the dry run showed.
    void realRunSendsTheDryRun()
    {
        FakeRunner dry;
        const RunResult planned = runPlaybook(contain(), lateral(), options(true), dry);
        FakeRunner runner;
        RunOptions o = options(false);
        o.approveAll = true;
        const RunResult r = runPlaybook(contain(), lateral(), o, runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QCOMPARE(runner.sent, planned.requests());
        QCOMPARE(r.requests(), planned.requests());
        QVERIFY(runner.approvals.empty());
        const StepRecord *isolate = r.last(stepNamed(contain(), "Isolate each host"));
        QVERIFY(isolate);
        QCOMPARE(int(isolate->results.size()), 2);
        QCOMPARE(isolate->items, QStringList({"web-01", "db-02"}));
    }

    // Without approveAll each destructive step asks once, with all it will send.
    void approvalAndStates()
    {
        FakeRunner runner;
        Recorder recorder;
        const RunResult r = runPlaybook(contain(), lateral(), options(false), runner, &recorder);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QCOMPARE(int(runner.approvals.size()), 2);
        const ApprovalRequest &ask = runner.approvals.front();
        QCOMPARE(ask.stepName, QString("Isolate each host"));
        QCOMPARE(ask.items, QStringList({"web-01", "db-02"}));
        QCOMPARE(int(ask.requests.size()), 2);
        QCOMPARE(ask.incident, qint64(42));
        QCOMPARE(runner.approvals.back().stepName, QString("Drop each address with Wazuh"));
        QCOMPARE(int(runner.sent.size()), 3);

        const QString isolate = stepNamed(contain(), "Isolate each host");
        std::vector<StepState> seen;
        for (const auto &[step, state] : recorder.states)
            if (step == isolate)
                seen.push_back(state);
        QVERIFY(seen.size() >= 4);
        QCOMPARE(seen.front(), StepState::Running);
        QCOMPARE(seen.back(), StepState::Done);
        const auto waiting = std::find(seen.begin(), seen.end(), StepState::WaitingApproval);
        QVERIFY(waiting != seen.end());
        QCOMPARE(*(waiting + 1), StepState::Running);
        QCOMPARE(stepStateName(StepState::WaitingApproval), QString("waiting-approval"));
    }

    void refusedApprovalSkips()
    {
        FakeRunner runner;
        runner.approveAnswer = false;
        const RunResult r = runPlaybook(contain(), lateral(), options(false), runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QVERIFY(runner.sent.empty());
        QVERIFY(runner.tasks.empty()); // a refusal is no failure: no fallback
        QCOMPARE(int(runner.approvals.size()), 2);
        const StepRecord *isolate = r.last(stepNamed(contain(), "Isolate each host"));
        QVERIFY(isolate);
        QCOMPARE(isolate->state, StepState::Skipped);
        QCOMPARE(isolate->message, QString("not approved"));
        QCOMPARE(r.stateOf(stepNamed(blockIp(), "Drop each address with Wazuh"), blockIp().id),
                 StepState::Skipped);
        // What is not destructive still runs.
        QCOMPARE(r.stateOf(stepNamed(blockIp(), "Perimeter firewall rules"), blockIp().id),
                 StepState::Done);

        FakeRunner notify;
        notify.approveAnswer = false;
        const RunResult n
            = runPlaybook(builtin("Notify the customer"), lateral(), options(false), notify);
        QVERIFY2(n.status == RunStatus::Succeeded, qPrintable(n.error));
        QVERIFY(notify.approvals.empty());
        QCOMPARE(int(notify.sent.size()), 1);
        QCOMPARE(notify.sent.front().connectorKind, QString("thehive"));
        QCOMPARE(notify.sent.front().path, QString("/api/v1/case"));
        QCOMPARE(bodyOf(notify.sent.front()).value("title").toString(), QString(kComment));
        QCOMPARE(int(notify.tasks.size()), 1);
        QVERIFY(notify.tasks.front().text.contains("incident 42 (Lateral movement from web-01)"));
    }

    void failureFollowsOnFailure_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("timeout");
        QTest::addColumn<QString>("reason");
        QTest::newRow("HTTP 500") << 500 << false << "HTTP 500";
        QTest::newRow("no answer") << 0 << true << "no answer in time";
    }

    void failureFollowsOnFailure()
    {
        QFETCH(int, status);
        QFETCH(bool, timeout);
        QFETCH(QString, reason);
        FakeRunner runner;
        runner.status = status;
        runner.timeout = timeout;
        RunOptions o = options(false);
        o.approveAll = true;
        const RunResult r = runPlaybook(contain(), lateral(), o, runner);
        QCOMPARE(r.status, RunStatus::Failed);
        const StepRecord *isolate = r.last(stepNamed(contain(), "Isolate each host"));
        QVERIFY(isolate);
        QCOMPARE(isolate->state, StepState::Failed);
        QVERIFY2(isolate->message.contains(reason), qPrintable(isolate->message));
        QVERIFY(isolate->message.contains("/api/endpoint/action/isolate"));
        QCOMPARE(int(isolate->results.size()), 1); // the step stops at its first failure
        // on_failure: the analyst isolates both hosts by hand.
        QCOMPARE(r.stateOf(stepNamed(contain(), "Isolate the hosts by hand")), StepState::Done);
        QCOMPARE(int(runner.tasks.size()), 2);
        QVERIFY(runner.tasks.front().text.contains("isolate web-01"));
        QVERIFY2(r.error.contains("Isolate each host"), qPrintable(r.error));
    }

    void stepTimeout()
    {
        const QString start = sid("start", 1), call = sid("action", 2), end = sid("end", 3);
        LOAD(p,
             synthetic(
                 {{start, QJsonObject{{"type", "start"}, {"on_completion", call}}},
                  {call, httpStep("POST /hooks/slow HTTP/1.1", {{"a", 1}}, end, {{"timeout", 50}})},
                  {end, endStep()}},
                 start));
        FakeRunner runner;
        runner.takesMs = 150;
        const RunResult r = runPlaybook(p, lateral(), options(false), runner);
        QCOMPARE(r.status, RunStatus::Failed);
        QCOMPARE(r.stateOf(call), StepState::Failed);
        QCOMPARE(r.last(call)->message, QString("timed out after 50 ms"));
        QCOMPARE(int(runner.timeouts.size()), 1);
        QVERIFY(runner.timeouts.front() > 0 && runner.timeouts.front() <= 50);
    }

    void whileBound_data()
    {
        QTest::addColumn<int>("maxIterations");
        QTest::addColumn<int>("stopAfter");
        QTest::addColumn<int>("passes");
        QTest::addColumn<bool>("ok");
        QTest::newRow("bound 5") << 5 << -1 << 5 << false;
        QTest::newRow("default bound") << 0 << -1 << 100 << false;
        QTest::newRow("ends after 3") << 0 << 3 << 3 << true;
    }

    void whileBound()
    {
        QFETCH(int, maxIterations);
        QFETCH(int, stopAfter);
        QFETCH(int, passes);
        QFETCH(bool, ok);
        const QString start = sid("start", 1), loop = sid("while-condition", 2),
                      body = sid("action", 3), bodyEnd = sid("end", 4), end = sid("end", 5);
        LOAD(
            p,
            synthetic(
                {{start, QJsonObject{{"type", "start"}, {"on_completion", loop}}},
                 {loop,
                  QJsonObject{{"type", "while-condition"},
                              {"condition", "__go__:value = 'yes'"},
                              {"on_true", body},
                              {"on_completion", end}}},
                 {body, manualStep("one more pass", bodyEnd, {{"out_args", QJsonArray{"__go__"}}})},
                 {bodyEnd, endStep()},
                 {end, endStep()}},
                start,
                {{"__go__", QJsonObject{{"type", "string"}, {"value", "yes"}}}}));
        FakeRunner runner;
        runner.manualAnswer = [&](const ManualTask &) {
            ManualOutcome o{true, {}, {}};
            if (int(runner.tasks.size()) == stopAfter)
                o.outputs = {{"__go__", "no"}};
            return o;
        };
        RunOptions o = options(false);
        if (maxIterations)
            o.maxIterations = maxIterations;
        const RunResult r = runPlaybook(p, lateral(), o, runner);
        QCOMPARE(int(runner.tasks.size()), passes);
        QCOMPARE(r.status, ok ? RunStatus::Succeeded : RunStatus::Failed);
        QCOMPARE(r.stateOf(loop), ok ? StepState::Done : StepState::Failed);
        if (!ok)
            QVERIFY2(r.last(loop)->message.contains(QString("after %1 passes").arg(passes)),
                     qPrintable(r.last(loop)->message));
        QCOMPARE(r.last(body)->iteration, passes);
        QCOMPARE(r.variables.at("__go__").text(), ok ? QString("no") : QString("yes"));

        // A dry run shows one pass.
        FakeRunner dry;
        const RunResult d = runPlaybook(p, lateral(), options(true), dry);
        QCOMPARE(d.status, RunStatus::Succeeded);
        int bodies = 0;
        for (const StepRecord &s : d.steps)
            bodies += s.stepId == body;
        QCOMPARE(bodies, 1);
    }

    void switchAndIf_data()
    {
        QTest::addColumn<QString>("severity");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QStringList>("tasks");
        QTest::newRow("playbook's value")
            << QString() << QStringList{"web-01"} << QStringList{"low", "hosts web-01"};
        QTest::newRow("override") << "high" << QStringList{"web-01", "db-02"}
                                  << QStringList{"high", "hosts web-01, db-02"};
        QTest::newRow("default case, no hosts")
            << "medium" << QStringList() << QStringList{"other", "no hosts"};
    }

    void switchAndIf()
    {
        QFETCH(QString, severity);
        QFETCH(QStringList, hosts);
        QFETCH(QStringList, tasks);
        QJsonObject w{
            {sid("start", 1),
             QJsonObject{{"type", "start"}, {"on_completion", sid("switch-condition", 2)}}},
            {sid("switch-condition", 2),
             QJsonObject{{"type", "switch-condition"},
                         {"switch", "__severity__:value"},
                         {"cases",
                          QJsonObject{{"high", sid("action", 3)},
                                      {"low", sid("action", 4)},
                                      {"default", sid("action", 5)}}},
                         {"on_completion", sid("if-condition", 6)}}},
            {sid("action", 3), manualStep("high", sid("end", 7))},
            {sid("action", 4), manualStep("low", sid("end", 8))},
            {sid("action", 5), manualStep("other", sid("end", 9))},
            {sid("if-condition", 6),
             QJsonObject{{"type", "if-condition"},
                         {"condition", "[__hosts__:value != '']"},
                         {"on_true", sid("action", 10)},
                         {"on_false", sid("action", 12)},
                         {"on_completion", sid("end", 14)}}},
            {sid("action", 10), manualStep("hosts __hosts__:value", sid("end", 11))},
            {sid("action", 12), manualStep("no hosts", sid("end", 13))}};
        for (int n : {7, 8, 9, 11, 13, 14})
            w.insert(sid("end", n), endStep());
        LOAD(p,
             synthetic(w,
                       sid("start", 1),
                       {{"__severity__", QJsonObject{{"type", "string"}, {"value", "low"}}}}));
        IncidentContext c = lateral();
        c.hosts = hosts;
        RunOptions o = options(false);
        if (!severity.isEmpty())
            o.variables = {{"severity", severity}};
        FakeRunner runner;
        const RunResult r = runPlaybook(p, c, o, runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QStringList texts;
        for (const ManualTask &t : runner.tasks)
            texts << t.text;
        QCOMPARE(texts, tasks);
        QCOMPARE(r.last(sid("if-condition", 6))->message,
                 hosts.isEmpty() ? QString("false") : QString("true"));
    }

    void conditions_data()
    {
        QTest::addColumn<QString>("condition");
        QTest::addColumn<bool>("expected");
        QTest::addColumn<QString>("error");
        const auto yes = [](const char *c) {
            QTest::newRow(c) << QString(c) << true << QString();
        };
        const auto no = [](const char *c) {
            QTest::newRow(c) << QString(c) << false << QString();
        };
        const auto bad = [](const char *c, const char *error) {
            QTest::newRow(*c ? c : "(empty)") << QString(c) << false << QString(error);
        };
        yes("__a__:value = 'alpha'");
        yes("[__a__:value = 'alpha']");
        no("__a__:value != 'alpha'");
        yes("__n__:value > 9");
        yes("__s__:value > '10'"); // text: "9" sorts after "10"
        no("__s__:value > 10 AND __s__:value = '10'");
        yes("__n__:value >= 10 AND __a__:value = 'alpha'");
        yes("__n__:value < 5 OR __a__:value LIKE 'al%'");
        no("__a__:value LIKE 'al_'");
        yes("__a__:value NOT = 'beta'");
        yes("__a__:value in ('x', 'alpha')");
        yes("__a__:value NOT IN ('x')");
        yes("'web-01' IN (__hosts__:value)");
        yes("__hosts__:value = 'web-01,db-02'");
        yes("__empty__:value = ''");
        yes("__null__:value = ''");
        yes("__a__:value MATCHES '^al.+a$'");
        yes("__ip__:value ISSUBSET '10.0.0.0/8'");
        yes("'10.0.0.0/8' ISSUPERSET __ip__:value");
        no("__ip__:value ISSUBSET '192.168.0.0/16'");
        yes("'2001:db8::1' ISSUBSET '2001:db8::/32'");
        yes("__q__:value = 'it\\'s'");
        yes("(__a__:value = 'x' OR __a__:value = 'alpha') AND [__n__:value = 10.0]");
        yes("__flag__:value");
        yes("true");
        no("false");
        bad("__nope__:value = 'x'", "unknown variable __nope__");
        bad("ipv4-addr:value = '1.2.3.4'", "STIX object path");
        bad("[__a__:value = 'a'] FOLLOWEDBY [__a__:value = 'b']", "observation operators");
        bad("__a__:value = 'a' WITHIN 5 SECONDS", "observation operators");
        bad("__a__ = 'x'", "referenced as __a__:value");
        bad("__a__:value = 'open", "not closed");
        bad("__a__:value =", "ends too early");
        bad("__a__:value", "neither true nor false");
        bad("", "empty");
        bad("__a__:value MATCHES '('", "not a valid regular expression");
        bad("h'ff' = __a__:value", "typed literals");
        bad("__a__:value = alpha", "strings are quoted");
        bad("(__a__:value = 'alpha'", "\")\" expected");
        bad("__ip__:value ISSUBSET 'nowhere'", "IP addresses or CIDR blocks");
    }

    void conditions()
    {
        QFETCH(QString, condition);
        QFETCH(bool, expected);
        QFETCH(QString, error);
        Bindings b{{"__a__", Binding::scalar("alpha")},
                   {"__n__", Binding::scalar("10", "integer")},
                   {"__s__", Binding::scalar("9")},
                   {"__hosts__", Binding::listOf({"web-01", "db-02"})},
                   {"__empty__", Binding::listOf({})},
                   {"__null__", Binding::null()},
                   {"__ip__", Binding::scalar("10.1.2.3", "ipv4-addr")},
                   {"__q__", Binding::scalar("it's")},
                   {"__flag__", Binding::scalar("true", "bool")}};
        const auto r = evaluateCondition(condition, b);
        if (!error.isEmpty()) {
            QVERIFY(!r.ok());
            QVERIFY2(r.error().contains(error), qPrintable(r.error()));
            return;
        }
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(*r, expected);
    }

    void conditionErrorFailsTheStep()
    {
        const QString start = sid("start", 1), check = sid("if-condition", 2), end = sid("end", 3);
        LOAD(p,
             synthetic({{start, QJsonObject{{"type", "start"}, {"on_completion", check}}},
                        {check,
                         QJsonObject{{"type", "if-condition"},
                                     {"condition", "ipv4-addr:value = '1.2.3.4'"},
                                     {"on_true", end},
                                     {"on_completion", end}}},
                        {end, endStep()}},
                       start));
        FakeRunner runner;
        const RunResult r = runPlaybook(p, lateral(), options(false), runner);
        QCOMPARE(r.status, RunStatus::Failed);
        QCOMPARE(r.stateOf(check), StepState::Failed);
        QVERIFY2(r.error.contains("STIX object path"), qPrintable(r.error));
    }

    void cancellation()
    {
        FakeRunner runner;
        RunOptions o = options(false);
        o.approveAll = true;
        PlaybookRun run(contain(), lateral(), o, runner);
        runner.onRun = [&] {
            run.cancel();
        };
        const RunResult r = run.run();
        QCOMPARE(r.status, RunStatus::Cancelled);
        QCOMPARE(int(runner.sent.size()), 1);
        QCOMPARE(r.stateOf(stepNamed(contain(), "Isolate each host")), StepState::Failed);
        QCOMPARE(r.last(stepNamed(contain(), "Isolate each host"))->message, QString("cancelled"));
        QVERIFY(!r.last(stepNamed(blockIp(), "Drop each address with Wazuh"), blockIp().id));

        // The caller's flag, raised while the analyst is asked.
        std::atomic<bool> flag{false};
        FakeRunner asked;
        asked.onApprove = [&] {
            flag = true;
        };
        RunOptions withFlag = options(false);
        withFlag.cancel = &flag;
        const RunResult c = runPlaybook(contain(), lateral(), withFlag, asked);
        QCOMPARE(c.status, RunStatus::Cancelled);
        QVERIFY(asked.sent.empty());
    }

    void delays()
    {
        const QString start = sid("start", 1), wait = sid("action", 2), end = sid("end", 3);
        LOAD(p,
             synthetic({{start, QJsonObject{{"type", "start"}, {"on_completion", wait}}},
                        {wait, manualStep("after a while", end, {{"delay", 250}})},
                        {end, endStep()}},
                       start));
        FakeRunner runner;
        QCOMPARE(runPlaybook(p, lateral(), options(false), runner).status, RunStatus::Succeeded);
        QCOMPARE(runner.sleeps, std::vector<qint64>{250});
        FakeRunner dry;
        QCOMPARE(runPlaybook(p, lateral(), options(true), dry).status, RunStatus::Succeeded);
        QVERIFY(dry.sleeps.empty());
    }

    void subPlaybooks()
    {
        // Without the playbooks it calls, a playbook-action fails with a reason.
        FakeRunner runner;
        RunOptions o = options(true);
        o.playbooks = {};
        const RunResult r = runPlaybook(contain(), lateral(), o, runner);
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY2(r.error.contains("is not available"), qPrintable(r.error));

        // A playbook that calls itself stops at the depth bound.
        const QString self = sid("playbook", 555);
        const QString start = sid("start", 1), call = sid("playbook-action", 2),
                      end = sid("end", 3);
        LOAD(p,
             synthetic(
                 {{start, QJsonObject{{"type", "start"}, {"on_completion", call}}},
                  {call,
                   QJsonObject{
                       {"type", "playbook-action"}, {"playbook_id", self}, {"on_completion", end}}},
                  {end, endStep()}},
                 start,
                 {},
                 self));
        RunOptions recursive = options(true);
        recursive.playbooks = [&](const QString &id) -> const Playbook * {
            return id == self ? &p : nullptr;
        };
        const RunResult deep = runPlaybook(p, lateral(), recursive, runner);
        QCOMPARE(deep.status, RunStatus::Failed);
        QVERIFY2(deep.error.contains("more than 8 deep"), qPrintable(deep.error));
    }

    // The whole first hour, through every sub-playbook.
    void ransomwareDryRun()
    {
        IncidentContext c = lateral();
        c.processIds = {"4242"};
        c.processHosts = {"web-01"};
        FakeRunner runner;
        const RunResult r
            = runPlaybook(builtin("Ransomware: the first hour"), c, options(true), runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        QStringList calls;
        for (const PlannedRequest &req : r.requests())
            calls << req.connectorKind + ' ' + req.path;
        QCOMPARE(calls,
                 QStringList({"elastic /api/endpoint/action/isolate",
                              "elastic /api/endpoint/action/isolate",
                              "wazuh /active-response",
                              "elastic /api/endpoint/action/kill_process",
                              "thehive /api/v1/case"}));
        const PlannedRequest kill = r.requests().at(3);
        const QByteArray expected = kKillBody;
        QCOMPARE(kill.body, expected);
        int nested = 0;
        for (const StepRecord &s : r.steps)
            nested += s.depth == 1;
        QVERIFY(nested > 10);
        const Playbook &disable = builtin("Disable a user account");
        const StepRecord *disabled = r.last(stepNamed(disable, "Disable each account"), disable.id);
        QVERIFY(disabled);
        QCOMPARE(disabled->scripts.size(), 1);
        QVERIFY(disabled->scripts.first().startsWith("${__user__} = 'svc-backup'\n"));
        QVERIFY(disabled->scripts.first().contains("Disable-ADAccount -Identity ${__user__}\n"));

        // A process id that is not a number cannot become the "pid" Elastic wants.
        c.processIds = {"abc"};
        const RunResult bad = runPlaybook(builtin("Kill a process"), c, options(true), runner);
        const StepRecord *k = bad.last(stepNamed(builtin("Kill a process"), "Kill each process"));
        QVERIFY(k);
        QCOMPARE(k->state, StepState::Failed);
        QVERIFY2(k->message.contains("is an integer"), qPrintable(k->message));
    }

    void overrides_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::newRow("short") << "hosts=a,b"
                               << "__hosts__"
                               << "a,b";
        QTest::newRow("full") << "__c2_ip__=1.2.3.4"
                              << "__c2_ip__"
                              << "1.2.3.4";
        QTest::newRow("= in value") << "comment=a=b"
                                    << "__comment__"
                                    << "a=b";
        QTest::newRow("empty value") << "firewall_agents="
                                     << "__firewall_agents__"
                                     << "";
        QTest::newRow("no =") << "hosts" << QString() << QString();
        QTest::newRow("bad name") << "a b=c" << QString() << QString();
    }

    void overrides()
    {
        QFETCH(QString, text);
        QFETCH(QString, name);
        QFETCH(QString, value);
        const auto parsed = parseOverride(text);
        QCOMPARE(parsed.ok(), !name.isEmpty());
        if (parsed.ok()) {
            QCOMPARE(parsed->first, name);
            QCOMPARE(parsed->second, value);
        }
    }

    void overridesInARun()
    {
        // An overridden list drives the per-host values that derive from it.
        FakeRunner runner;
        RunOptions o = options(true);
        o.variables
            = {{"hosts", "srv-9"}, {"c2_ip", "198.51.100.1"}, {"firewall_agents", "001,002"}};
        const RunResult r = runPlaybook(contain(), lateral(), o, runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        const auto requests = r.requests();
        QCOMPARE(int(requests.size()), 2);
        QCOMPARE(bodyOf(requests[0]).value("endpoint_ids").toArray(), QJsonArray{"srv-9"});
        QCOMPARE(requests[1].path, QString("/active-response?agents_list=001,002"));
        const QJsonObject block = bodyOf(requests[1]);
        QCOMPARE(block["alert"]["data"]["srcip"].toString(), QString("198.51.100.1"));

        // A constant cannot be overridden.
        const QString start = sid("start", 1), step = sid("action", 2), end = sid("end", 3);
        LOAD(p,
             synthetic(
                 {{start, QJsonObject{{"type", "start"}, {"on_completion", step}}},
                  {step, manualStep("k is __k__:value", end)},
                  {end, endStep()}},
                 start,
                 {{"__k__", QJsonObject{{"type", "string"}, {"value", "a"}, {"constant", true}}}}));
        RunOptions constant = options(false);
        constant.variables = {{"k", "b"}};
        const RunResult c = runPlaybook(p, lateral(), constant, runner);
        QCOMPARE(c.status, RunStatus::Failed);
        QVERIFY2(c.error.contains("constant"), qPrintable(c.error));
        QVERIFY(c.steps.empty());
    }

    void hostileJson()
    {
        IncidentContext c = lateral();
        c.incident = 7;
        c.title = "Quote \" backslash \\ newline\n tab\t and </script>";
        c.hosts = {"web-01\"; rm -rf /", "$(id)\n'x'", "é\u202Eevil"};
        c.agentIds.clear();
        c.remoteAddresses = {"203.0.113.7\"},\"command\":\"!rm"};
        FakeRunner runner;
        RunOptions o = options(true);
        o.variables = {{"firewall_agents", "001&x=1#y"}};
        const RunResult r = runPlaybook(contain(), c, o, runner);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        const auto requests = r.requests();
        QCOMPARE(int(requests.size()), 4);
        for (int i = 0; i < 3; ++i) {
            QJsonParseError e;
            const QJsonDocument doc = QJsonDocument::fromJson(requests[std::size_t(i)].body, &e);
            QCOMPARE(e.error, QJsonParseError::NoError);
            QCOMPARE(doc.object().value("endpoint_ids").toArray(), QJsonArray{c.hosts.at(i)});
            QCOMPARE(doc.object().value("comment").toString(),
                     QString("Vigie incident #7: " + c.title));
            QCOMPARE(doc.object().size(), 2);
        }
        const QJsonObject block = bodyOf(requests[3]);
        QCOMPARE(block["alert"]["data"]["srcip"].toString(), c.remoteAddresses.first());
        QCOMPARE(block["command"].toString(), QString("!firewall-drop"));
        QCOMPARE(requests[3].path, QString("/active-response?agents_list=001%26x%3D1%23y"));
    }

    void hostileBash_data()
    {
        QTest::addColumn<QString>("value");
        const QStringList values = {"; rm -rf /",
                                    "$(id)",
                                    "`id`",
                                    "'single'",
                                    "\"double\"",
                                    "a'b\"c",
                                    "line1\nline2",
                                    "back\\slash\\",
                                    "$HOME ${PATH}",
                                    "*",
                                    "x; echo pwned #",
                                    "' ; touch pwned ; '",
                                    "\" ; touch pwned ; \"",
                                    "$(touch pwned)",
                                    "`touch pwned`",
                                    "\ntouch pwned\n",
                                    "'\"'\"$(touch pwned)\"'\"'",
                                    "it\u2019s",
                                    "tab\there",
                                    ""};
        for (int i = 0; i < values.size(); ++i)
            QTest::newRow(qPrintable(QString::number(i))) << values.at(i);
    }

    void hostileBash()
    {
        QFETCH(QString, value);
        Bindings b = incidentBindings(lateral());
        b["__host__"] = Binding::scalar(value);
        b["__users__"] = Binding::listOf({value, "second"});
        QStringList problems;
        const QString script
            = renderScript(bash("echo __host__:value\n"
                                "echo \"host: __host__:value\"\n"
                                "echo 'host: __host__:value'\n"
                                "echo $'ansi __host__:value'\n"
                                "# comment __host__:value\n"
                                "v=$(printf '%s' __host__:value)\n"
                                "for u in __users__:value; do echo \"$u\"; done\n"),
                           b,
                           &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        // The values appear once each, quoted, in the assignments at the top; the script uses
        // them as variables only.
        QString quoted = value;
        quoted.replace("'", "'\\''");
        const QString header = "__host__='" + quoted + "'\n__users__=('" + quoted + "' 'second')\n";
        QCOMPARE(script,
                 header
                     + "echo \"${__host__}\"\n"
                       "echo \"host: ${__host__}\"\n"
                       "echo 'host: '\"${__host__}\"''\n"
                       "echo $'ansi '\"${__host__}\"$''\n"
                       "# comment ${__host__}\n"
                       "v=$(printf '%s' \"${__host__}\")\n"
                       "for u in \"${__users__[@]}\"; do echo \"$u\"; done\n");
        if (!hasBash())
            QSKIP("bash is not installed");
        QCOMPARE(bashSyntax(script), QString());

        // Running a harmless script proves it: the value comes out unchanged and nothing in it
        // ran (its would-be commands only create a file).
        const QString printing = renderScript(bash("printf '%s\\n' __host__:value\n"
                                                   "printf '%s\\n' \"__host__:value\"\n"
                                                   "printf '%s\\n' 'x__host__:value'\n"
                                                   "# __host__:value\n"),
                                              b);
        QTemporaryDir dir;
        QProcess p;
        p.setWorkingDirectory(dir.path());
        p.start("bash", {"-c", printing});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()),
                 QString(value + "\n" + value + "\nx" + value + "\n"));
        QVERIFY(!QFile::exists(dir.filePath("pwned")));
    }

    // Every script the built-in playbooks render stays valid bash with hostile values.
    void builtinScriptsWithHostileValues()
    {
        IncidentContext c = lateral();
        c.hosts = {"web'01; rm -rf /", "$(reboot)"};
        c.users = {"o'brien\u2019s \"admin\"", "`id`"};
        c.remoteAddresses = {"1.2.3.4; rm -rf /"};
        const Bindings b = incidentBindings(c);
        int bashScripts = 0;
        int powershellScripts = 0;
        for (const Playbook &p : m_builtins) {
            for (const auto &[id, s] : p.workflow) {
                for (const Command &command : s.commands) {
                    if (command.type != "bash" && command.type != "powershell")
                        continue;
                    QStringList problems;
                    const QString script = renderScript(command, b, &problems);
                    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
                    QVERIFY(!script.contains("__:value"));
                    if (command.type == "powershell") {
                        ++powershellScripts;
                        if (script.contains("${__user__}"))
                            QVERIFY(script.startsWith(
                                "${__user__} = 'o''brien\u2019\u2019s \"admin\"'\n"));
                        if (script.contains("${__host__}"))
                            QVERIFY(script.startsWith("${__host__} = 'web''01; rm -rf /'\n"));
                        continue;
                    }
                    ++bashScripts;
                    if (hasBash())
                        QCOMPARE(bashSyntax(script), QString());
                }
            }
        }
        QCOMPARE(bashScripts, 2);
        QCOMPARE(powershellScripts, 2);
    }

    void powershellQuoting()
    {
        Bindings b{{"__user__", Binding::scalar("O'Brien \u2018x\u2019 $(whoami) `n \"q\"")},
                   {"__ids__", Binding::listOf({"1", "2'"})}};
        Command c;
        c.type = "powershell";
        c.command = "Disable-ADAccount -Identity __user__:value\n"
                    "Write-Output \"user: __user__:value\"\n"
                    "foreach ($i in __ids__:value) { $i }\n";
        QStringList problems;
        const QString script = renderScript(c, b, &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QCOMPARE(script,
                 QString("${__user__} = 'O''Brien \u2018\u2018x\u2019\u2019 $(whoami) `n \"q\"'\n"
                         "${__ids__} = @('1', '2''')\n"
                         "Disable-ADAccount -Identity ${__user__}\n"
                         "Write-Output \"user: ${__user__}\"\n"
                         "foreach ($i in ${__ids__}) { $i }\n"));

        // Inside '…' PowerShell expands nothing: left inert, and said.
        c.command = "Write-Output 'user: __user__:value'";
        renderScript(c, b, &problems);
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().contains("single-quoted"));

        // Unknown and null variables are named.
        problems.clear();
        c.command = "Write-Output __nope__:value __null__:value";
        b["__null__"] = Binding::null();
        renderScript(c, b, &problems);
        QCOMPARE(problems.size(), 2);
    }

    void secretsAreMasked()
    {
        const QString start = sid("start", 1), call = sid("action", 2), end = sid("end", 3);
        LOAD(p,
             synthetic({{start, QJsonObject{{"type", "start"}, {"on_completion", call}}},
                        {call,
                         httpStep("POST /hooks/vigie?api_key=k3y&x=1 HTTP/1.1",
                                  {{"token", "abc"}, {"text", "__incident_title__:value"}},
                                  end,
                                  {},
                                  {{"Authorization", QJsonArray{"Bearer s3cret"}},
                                   {"X-Trace", QJsonArray{"1"}}})},
                        {end, endStep()}},
                       start));
        FakeRunner runner;
        Recorder recorder;
        const RunResult r = runPlaybook(p, lateral(), options(true), runner, &recorder);
        QVERIFY2(r.status == RunStatus::Succeeded, qPrintable(r.error));
        const PlannedRequest shown = r.requests().at(0);
        QCOMPARE(shown.connectorKind, QString("webhook"));
        QCOMPARE(shown.path, QString("/hooks/vigie?api_key=********&x=1"));
        QCOMPARE(shown.headers,
                 Headers({{"Authorization", "********"},
                          {"X-Trace", "1"},
                          {"Content-Type", "application/json"}}));
        QCOMPARE(shown.body, kMaskedBody);
        QVERIFY(shown.destructive); // a webhook may do anything: the analyst approves it
        QCOMPARE(recorder.planned.at(0), shown);
        QVERIFY(!shown.toText().contains("s3cret"));
        QVERIFY(shown.toText().startsWith("POST /hooks/vigie?api_key=********&x=1 HTTP/1.1\n"));
        QVERIFY(!QJsonDocument(shown.toJson()).toJson().contains("k3y"));

        // The connector gets the request as written; the run's record keeps it masked.
        FakeRunner real;
        const RunResult sent = runPlaybook(p, lateral(), options(false), real);
        QCOMPARE(int(real.sent.size()), 1);
        QCOMPARE(real.sent[0].path, QString("/hooks/vigie?api_key=k3y&x=1"));
        QCOMPARE(sent.requests().at(0), shown);
    }

    void refusedRequests_data()
    {
        QTest::addColumn<QString>("startLine");
        QTest::addColumn<QString>("agentName");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("absolute URL") << "POST https://evil.example.org/x HTTP/1.1"
                                      << "webhook"
                                      << "{}"
                                      << "must be a path";
        QTest::newRow("not a start line") << "POST"
                                          << "webhook"
                                          << "{}"
                                          << "not an HTTP start line";
        QTest::newRow("no connector") << "POST /x HTTP/1.1"
                                      << "Splunk"
                                      << "{}"
                                      << "names no connector";
        QTest::newRow("unknown variable")
            << "POST /x HTTP/1.1"
            << "webhook" << kUnknownContent << "unknown variable __nope__";
        QTest::newRow("bad JSON") << "POST /x HTTP/1.1"
                                  << "webhook" << kBadContent << "not valid JSON";
        QTest::newRow("null in text") << "POST /x/__user__:value HTTP/1.1"
                                      << "webhook"
                                      << "{}"
                                      << "__user__ has no value";
    }

    void refusedRequests()
    {
        QFETCH(QString, startLine);
        QFETCH(QString, agentName);
        QFETCH(QString, content);
        QFETCH(QString, error);
        Playbook p;
        p.id = sid("playbook", 1);
        AgentTarget agent;
        agent.id = kWebhook;
        agent.type = "http-api";
        agent.name = agentName;
        p.agentDefinitions[kWebhook] = agent;
        WorkflowStep s;
        s.id = sid("action", 2);
        s.agent = kWebhook;
        Command c;
        c.type = "http-api";
        c.command = startLine;
        c.content = content;
        IncidentContext incident = lateral();
        incident.users.clear();
        const auto planned = planRequest(p, s, c, incidentBindings(incident), incident);
        QVERIFY(!planned.ok());
        QVERIFY2(planned.error().contains(error), qPrintable(planned.error()));
    }

    void incidentVariables()
    {
        IncidentContext c = lateral();
        c.hosts << "web-01"
                << ""; // duplicates and blanks go
        c.processIds = {"10", "10", "11"};
        c.processHosts = {"web-01", "db-02", "web-01"};
        const Bindings b = incidentBindings(c);
        QCOMPARE(b.at("__hosts__").values, QStringList({"web-01", "db-02"}));
        QVERIFY(b.at("__hosts__").list);
        QCOMPARE(b.at("__host__").text(), QString("web-01"));
        QCOMPARE(b.at("__host_agent_ids__").values,
                 QStringList({"ed518850-681a-4d60-bb98-e22640cae2a8", "db-02"}));
        QCOMPARE(b.at("__c2_ips__").values, QStringList({"203.0.113.7"}));
        QCOMPARE(b.at("__remote_ip__").text(), QString("203.0.113.7"));
        QCOMPARE(b.at("__incident_id__").text(), QString("42"));
        QCOMPARE(b.at("__comment__").text(), QString(kComment));
        QCOMPARE(b.at("__process_ids__").values, QStringList({"10", "10", "11"}));
        QCOMPARE(b.at("__process_agent_ids__").values,
                 QStringList({"ed518850-681a-4d60-bb98-e22640cae2a8",
                              "db-02",
                              "ed518850-681a-4d60-bb98-e22640cae2a8"}));
        QVERIFY(!b.at("__hash__").defined); // no hashes: unknown, not ""
        QCOMPARE(renderText("isolate __hosts__:value, keep __hash__:value", b),
                 QString("isolate web-01, db-02, keep __hash__:value"));
    }

    // Playbooks from elsewhere: what Vigie does not run is refused with a reason.
    void fixtures()
    {
        const auto misp = loadPlaybook(fixture("misp_malware_triage_cacao.json"));
        QVERIFY2(misp.ok(), qPrintable(misp.error()));
        FakeRunner runner;
        const RunResult r = runPlaybook(*misp, lateral(), options(true), runner);
        QCOMPARE(r.status, RunStatus::Failed);
        QVERIFY2(r.error.contains("command type \"jupyter\" is not run by Vigie"),
                 qPrintable(r.error));
        int manual = 0;
        for (const StepRecord &s : r.steps)
            manual += int(s.manual.size());
        QCOMPARE(manual, 25);

        const auto spec = loadPlaybook(fixture("oasis-tcs_spec-3.1-example.json"));
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        const RunResult d = runPlaybook(*spec, lateral(), options(true), runner);
        QVERIFY2(d.status == RunStatus::Succeeded, qPrintable(d.error));
        QCOMPARE(d.steps.at(1).manual.at(0).text, QString("Look up IP 1.2.3.4 in SIEM"));
        RunOptions o = options(false);
        o.variables = {{"data_exfil_site", "5.6.7.8"}};
        QCOMPARE(runPlaybook(*spec, lateral(), o, runner).status, RunStatus::Succeeded);
        QCOMPARE(runner.tasks.back().text, QString("Look up IP 5.6.7.8 in SIEM"));
    }
};

QTEST_GUILESS_MAIN(TestPlaybookEngine)
#include "tst_playbookengine.moc"
