// SPDX-License-Identifier: Apache-2.0
// Root-cause analysis: how each OTRF attack got in and the chain from there (a script the user
// ran, a service installed from another host, DCOM from another host, a UAC bypass through a
// hijacked handler), the entry-vector rules on hand-made process trees, and an attack among noise.
#include "core/analysis/correlation.h"
#include "core/analysis/rca.h"
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace Vigie;
using namespace Vigie::Detection;
using Analysis::RcaResult;
using Analysis::RcaStep;

namespace {

const QString kWs5 = QStringLiteral("WORKSTATION5.theshire.local");
const QString kWs6 = QStringLiteral("WORKSTATION6.theshire.local");

// The first step from `from` on that matches, or -1.
int find(const RcaResult &r, const std::function<bool(const RcaStep &)> &match, int from = 0)
{
    for (int i = std::max(from, 0); i < int(r.chain.size()); ++i)
        if (match(r.chain[std::size_t(i)]))
            return i;
    return -1;
}

bool runs(const RcaStep &s, const char *program)
{
    return s.executable.endsWith(QLatin1String(program), Qt::CaseInsensitive);
}

QString describe(const RcaResult &r)
{
    QStringList lines{QString(r.entryKind + QLatin1Char(' ') + r.explanation)};
    for (const RcaStep &s : r.chain)
        lines << QStringLiteral("%1 %2 %3 %4 %5 -> %6")
                     .arg(s.ts)
                     .arg(s.host, s.action, s.executable, s.commandLine.left(60), s.target);
    return lines.join(QLatin1Char('\n'));
}

// A process start as Sysmon reports it.
IncidentEvent started(std::int64_t id,
                      std::int64_t ts,
                      const QString &entity,
                      const QString &parent,
                      const QString &image,
                      const QString &parentImage,
                      const QString &commandLine,
                      bool alert = false)
{
    IncidentEvent e;
    e.id = id;
    e.ts = ts;
    e.alert = alert;
    e.inIncident = alert;
    e.code = 1;
    e.dataset = QStringLiteral("windows.sysmon_operational");
    e.category = QStringLiteral("process");
    e.action = QStringLiteral("process-created");
    e.hostName = QStringLiteral("HOST1");
    e.userName = QStringLiteral("alice");
    e.processEntity = entity;
    e.parentEntity = parent;
    e.processExecutable = image;
    e.processName = image.section(QLatin1Char('\\'), -1);
    e.parentName = parentImage;
    e.commandLine = commandLine;
    return e;
}

} // namespace

class TestRca : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    // Imports an OTRF dataset with the bundled rules, correlates, and analyses the incident with
    // the highest score.
    RcaResult analyse(const char *file)
    {
        auto store = Store::open(m_dir.filePath(QLatin1String(file) + QStringLiteral(".db")));
        if (!store) {
            qWarning() << store.error();
            return {};
        }
        Importer importer(**store);
        ImportOptions options;
        options.rules = RuleSet::bundled();
        if (!importer.begin().ok())
            return {};
        importer.importFile(QStringLiteral(VIGIE_DEMO_DATA "/endpoint/") + QLatin1String(file),
                            options);
        if (!importer.finish().ok() || !Analysis::correlate(**store).ok())
            return {};
        const auto incidents = (*store)->incidents();
        if (!incidents || incidents->empty())
            return {};
        const IncidentSummary &top
            = *std::max_element(incidents->begin(),
                                incidents->end(),
                                [](const auto &a, const auto &b) { return a.score < b.score; });
        QElapsedTimer timer;
        timer.start();
        auto rca = Analysis::analyseRootCause(**store, top.id);
        if (!rca) {
            qWarning() << rca.error();
            return {};
        }
        qInfo("%s: %lld ms", file, static_cast<long long>(timer.elapsed()));
        return *rca;
    }

private Q_SLOTS:
    // The user double-clicked launcher.vbs on the desktop: wscript, the encoded PowerShell stager,
    // its connection to the command-and-control server.
    void launcherVbsIsUserExecution()
    {
        const RcaResult r = analyse("otrf_empire_launcher_vbs.ndjson");
        QVERIFY2(!r.chain.empty(), qPrintable(r.explanation));
        QCOMPARE(r.entryKind, QStringLiteral("user_execution"));
        QCOMPARE(r.entryTechnique, QStringLiteral("T1204"));
        QVERIFY2(runs(r.root, "wscript.exe"), qPrintable(describe(r)));
        QVERIFY(r.root.commandLine.contains(QLatin1String("launcher.vbs")));
        QCOMPARE(r.root.action, QStringLiteral("spawned"));
        QVERIFY(r.root.why.contains(QLatin1String("explorer.exe"), Qt::CaseInsensitive));
        QCOMPARE(r.root.host, kWs5);
        QVERIFY(!r.entryEvidence.empty());
        const int stager = find(r, [](const RcaStep &s) {
            return runs(s, "powershell.exe") && s.action == QLatin1String("spawned")
                   && s.commandLine.contains(QLatin1String("-enc"));
        });
        QVERIFY2(stager > 0, qPrintable(describe(r)));
        const int c2 = find(
            r,
            [](const RcaStep &s) {
                return s.action == QLatin1String("connected") && runs(s, "powershell.exe")
                       && s.target.startsWith(QLatin1String("10.10.10.5"));
            },
            stager);
        QVERIFY2(c2 > stager, qPrintable(describe(r)));
        QVERIFY(r.ips.contains(QStringLiteral("10.10.10.5")));
        QVERIFY(!r.ips.contains(QStringLiteral("172.18.39.5"))); // the host's own
        QVERIFY(r.users.contains(QStringLiteral("pgustavo")));
        // WMI's provider host started meanwhile, and the console host: not the attacker's steps.
        QCOMPARE(find(r, [](const RcaStep &s) { return runs(s, "wmiprvse.exe"); }), -1);
        QCOMPARE(find(r, [](const RcaStep &s) { return runs(s, "conhost.exe"); }), -1);
        // One host, one clock: the chain runs in time order.
        QVERIFY(std::is_sorted(r.chain.begin(), r.chain.end(), [](const auto &a, const auto &b) {
            return a.ts < b.ts;
        }));
        QVERIFY(r.explanation.contains(QLatin1String("launcher.vbs")));
        QVERIFY(r.explanation.contains(QString::number(r.root.evidence.front())));
        QVERIFY(r.confidence >= 0.7 && r.confidence <= 1.0);
    }

    // PsExec-style: the Empire agent on WORKSTATION5 installs the service Updater on WORKSTATION6,
    // whose service control manager runs the stager.
    void psexecEntersThroughRemoteService()
    {
        const RcaResult r = analyse("otrf_empire_psexec_lateral.ndjson");
        QVERIFY2(!r.chain.empty(), qPrintable(r.explanation));
        QCOMPARE(r.entryKind, QStringLiteral("remote_service"));
        QCOMPARE(r.entryTechnique, QStringLiteral("T1021"));
        const int lateral = find(r, [](const RcaStep &s) {
            return s.action == QLatin1String("lateral_movement") && s.host == kWs5
                   && s.target == kWs6;
        });
        const int service = find(r, [](const RcaStep &s) {
            return s.action == QLatin1String("created_service") && s.host == kWs6
                   && s.target == QLatin1String("Updater");
        });
        const int ran = find(r, [](const RcaStep &s) {
            return s.action == QLatin1String("service_ran") && s.host == kWs6 && runs(s, "cmd.exe");
        });
        QVERIFY2(lateral >= 0 && service > lateral && ran > service, qPrintable(describe(r)));
        QVERIFY(runs(r.chain[std::size_t(lateral)], "powershell.exe"));
        // The agent on WORKSTATION5 predates the events: it is the root, of unknown origin.
        QCOMPARE(r.root.host, kWs5);
        QVERIFY(runs(r.root, "powershell.exe"));
        // The stager's PowerShell and what it ran follow the service.
        QVERIFY(find(
                    r, [](const RcaStep &s) { return runs(s, "whoami.exe"); }, ran)
                > ran);
        QVERIFY(r.hosts.contains(kWs5) && r.hosts.contains(kWs6));
        QVERIFY(!r.ips.contains(QStringLiteral("172.18.39.5")));
        QVERIFY(!r.ips.contains(QStringLiteral("172.18.39.6")));
        QVERIFY(!r.entryEvidence.empty());
        QVERIFY(r.explanation.contains(QLatin1String("Updater")));
    }

    // Covenant's grunt on WORKSTATION5 runs MoveExcel4, which starts Excel on WORKSTATION6 through
    // DCOM with a network logon of pgustavo.
    void dcomExcelLinkedToTheGrunt()
    {
        const RcaResult r = analyse("otrf_covenant_dcom_excel4_lateral.ndjson");
        QVERIFY2(!r.chain.empty(), qPrintable(r.explanation));
        QCOMPARE(r.entryKind, QStringLiteral("remote_service"));
        const int grunt
            = find(r, [](const RcaStep &s) { return s.host == kWs5 && runs(s, "GruntHTTP.exe"); });
        const int lateral = find(r, [](const RcaStep &s) {
            return s.action == QLatin1String("lateral_movement") && s.host == kWs5
                   && s.target == kWs6;
        });
        const int logon = find(r, [](const RcaStep &s) {
            return s.action == QLatin1String("logged_on") && s.host == kWs6
                   && s.target == QLatin1String("172.18.39.5")
                   && s.user.compare(QLatin1String("pgustavo"), Qt::CaseInsensitive) == 0;
        });
        const int excel = find(r, [](const RcaStep &s) {
            return s.host == kWs6 && runs(s, "EXCEL.EXE") && s.action == QLatin1String("spawned")
                   && s.commandLine.contains(QLatin1String("/automation"));
        });
        QVERIFY2(grunt >= 0 && lateral > grunt && logon > lateral && excel > logon,
                 qPrintable(describe(r)));
        QVERIFY(runs(r.chain[std::size_t(lateral)], "MoveExcel4.exe"));
        QVERIFY(r.chain[std::size_t(lateral)].technique.startsWith(QLatin1String("T1021")));
        QVERIFY(runs(r.root, "GruntHTTP.exe"));
        // Office's own helpers and another user's OneDrive set-up are not the attack.
        QCOMPARE(find(r, [](const RcaStep &s) { return runs(s, "AppVDllSurrogate64.exe"); }), -1);
        QCOMPARE(find(r, [](const RcaStep &s) { return s.user == QLatin1String("sbeavers"); }), -1);
        QVERIFY(r.explanation.contains(QLatin1String("DCOM")));
    }

    // Empire's fodhelper UAC bypass: the agent starts fodhelper.exe, whose hijacked ms-settings
    // handler starts a High-integrity PowerShell.
    void fodhelperHijackSitsBetween()
    {
        const RcaResult r = analyse("otrf_empire_fodhelper_uac_bypass.ndjson");
        QVERIFY2(!r.chain.empty(), qPrintable(r.explanation));
        const int hijack = find(
            r, [](const RcaStep &s) { return s.action == QLatin1String("registry_hijack"); });
        QVERIFY2(hijack > 0, qPrintable(describe(r)));
        const RcaStep &h = r.chain[std::size_t(hijack)];
        QVERIFY(runs(h, "fodhelper.exe"));
        QCOMPARE(h.technique, QStringLiteral("T1548.002"));
        QVERIFY(h.target.contains(QLatin1String("ms-settings"), Qt::CaseInsensitive));
        QVERIFY(!h.evidence.empty());
        const int agent = find(r, [](const RcaStep &s) { return runs(s, "powershell.exe"); });
        QVERIFY(agent >= 0 && agent < hijack);
        const int elevated = find(
            r,
            [&h](const RcaStep &s) {
                return s.action == QLatin1String("spawned") && runs(s, "powershell.exe")
                       && s.parentEntityId == h.entityId;
            },
            hijack);
        QVERIFY2(elevated > hijack, qPrintable(describe(r)));
        // Its encoded second stage: the elevated PowerShell itself, or one after it.
        QVERIFY2(find(
                     r,
                     [](const RcaStep &s) {
                         return runs(s, "powershell.exe")
                                && s.commandLine.contains(QLatin1String("-enc"));
                     },
                     elevated)
                     >= elevated,
                 qPrintable(describe(r)));
        QVERIFY(r.explanation.contains(QLatin1String("User Account Control")));
    }

    // The entry-vector rules, on a parent (already running) that starts an alerted child.
    void entryVectors_data()
    {
        QTest::addColumn<QString>("parentImage");
        QTest::addColumn<QString>("parentCommandLine");
        QTest::addColumn<QString>("image");
        QTest::addColumn<QString>("commandLine");
        QTest::addColumn<QString>("kind");
        QTest::newRow("web shell") << "C:\\Windows\\System32\\inetsrv\\w3wp.exe"
                                   << "w3wp.exe -ap DefaultAppPool"
                                   << "C:\\Windows\\System32\\cmd.exe"
                                   << "cmd.exe /c whoami"
                                   << "exploit_public_facing";
        QTest::newRow("macro") << "C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE"
                               << "WINWORD.EXE /n invoice.docm"
                               << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
                               << "powershell.exe -nop -w hidden -enc SQBFAFgA"
                               << "malicious_document";
        QTest::newRow("script from downloads")
            << "C:\\Windows\\explorer.exe"
            << "C:\\Windows\\Explorer.EXE"
            << "C:\\Windows\\System32\\wscript.exe"
            << "\"C:\\Windows\\System32\\WScript.exe\" \"C:\\Users\\alice\\Downloads\\invoice.js\""
            << "user_execution";
        QTest::newRow("usb drive") << "C:\\Windows\\explorer.exe"
                                   << "C:\\Windows\\Explorer.EXE"
                                   << "E:\\setup.exe"
                                   << "\"E:\\setup.exe\""
                                   << "removable_media";
        QTest::newRow("scheduled task")
            << "C:\\Windows\\System32\\svchost.exe"
            << "svchost.exe -k netsvcs -p -s Schedule"
            << "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"
            << "powershell.exe -file C:\\ProgramData\\u.ps1"
            << "scheduled_task";
        QTest::newRow("running before the events") << "C:\\Tools\\agent.exe"
                                                   << "agent.exe"
                                                   << "C:\\Windows\\System32\\cmd.exe"
                                                   << "cmd.exe /c net user"
                                                   << "unknown";
    }

    void entryVectors()
    {
        QFETCH(QString, parentImage);
        QFETCH(QString, parentCommandLine);
        QFETCH(QString, image);
        QFETCH(QString, commandLine);
        QFETCH(QString, kind);
        const std::int64_t t0 = 1'700'000'000'000'000LL;
        std::vector<IncidentEvent> events;
        IncidentEvent child
            = started(1, t0, "{child}", "{parent}", image, parentImage, commandLine, true);
        child.parentCommandLine = parentCommandLine;
        events.push_back(child);
        events.push_back(started(2,
                                 t0 + 1'000'000,
                                 "{grandchild}",
                                 "{child}",
                                 "C:\\Windows\\System32\\whoami.exe",
                                 image,
                                 "whoami /all",
                                 true));
        const RcaResult r = Analysis::rootCause(7, events, {{"host1", "10.0.0.1"}});
        QCOMPARE(r.incident, std::int64_t(7));
        QVERIFY2(!r.chain.empty(), qPrintable(r.explanation));
        QCOMPARE(r.entryKind, kind);
        QCOMPARE(r.chain.back().executable, QStringLiteral("C:\\Windows\\System32\\whoami.exe"));
        if (kind == QLatin1String("unknown")) {
            QCOMPARE(r.root.action, QStringLiteral("started"));
            QVERIFY(r.entryTechnique.isEmpty());
        } else {
            QCOMPARE(r.root.executable, image);
            QVERIFY(r.root.evidence == std::vector<std::int64_t>{1});
            QVERIFY(!r.entryTechnique.isEmpty());
        }
        QCOMPARE(r.alerts, 2);
        QCOMPARE(r.explained, 2);
        QVERIFY(!r.explanation.isEmpty());
        QVERIFY(!Analysis::entryKindName(r.entryKind).isEmpty());
    }

    // A small attack among 200,000 events of routine activity on the same host: found, alone.
    void findsTheAttackAmongNoise()
    {
        const std::int64_t t0 = 1'700'000'000'000'000LL;
        const QString explorer = QStringLiteral("C:\\Windows\\explorer.exe");
        const QString app = QStringLiteral("C:\\Program Files\\App\\app.exe");
        std::vector<IncidentEvent> events;
        const int processes = 40'000;
        events.reserve(std::size_t(processes) * 5 + 4);
        std::int64_t id = 0;
        for (int p = 0; p < processes; ++p) {
            const std::int64_t ts = t0 + std::int64_t(p) * 1000;
            const QString entity = QStringLiteral("{p-%1}").arg(p);
            events.push_back(started(++id, ts, entity, "{explorer}", app, explorer, app));
            IncidentEvent net = events.back();
            net.id = ++id;
            net.code = 3;
            net.category = QStringLiteral("network");
            net.action = QStringLiteral("network-connection");
            net.sourceIp = QStringLiteral("10.0.0.1");
            net.destinationIp = QStringLiteral("10.0.%1.%2").arg(p % 200).arg(p % 250 + 1);
            net.destinationPort = 443;
            events.push_back(net);
            IncidentEvent file = events.back();
            file.id = ++id;
            file.code = 11;
            file.category = QStringLiteral("file");
            file.action = QStringLiteral("file-created");
            file.destinationIp.clear();
            file.filePath = QStringLiteral("C:\\Users\\alice\\AppData\\Local\\App\\%1.tmp").arg(p);
            events.push_back(file);
            IncidentEvent child = started(++id,
                                          ts + 10,
                                          entity + QLatin1String("-c"),
                                          entity,
                                          QStringLiteral("C:\\Windows\\System32\\conhost.exe"),
                                          app,
                                          QStringLiteral("conhost.exe 0xffffffff"));
            events.push_back(child);
            IncidentEvent registry = events.back();
            registry.id = ++id;
            registry.code = 13;
            registry.category = QStringLiteral("registry");
            registry.action = QStringLiteral("registry-value-set");
            registry.registryPath = QStringLiteral("HKCU\\Software\\App\\Last");
            events.push_back(registry);
        }
        const std::int64_t late = t0 + std::int64_t(processes) * 1000 + 1'000'000;
        events.push_back(started(++id,
                                 late,
                                 "{wscript}",
                                 "{explorer}",
                                 "C:\\Windows\\System32\\wscript.exe",
                                 explorer,
                                 "wscript.exe C:\\Users\\alice\\Desktop\\launcher.vbs",
                                 true));
        events.push_back(started(++id,
                                 late + 500'000,
                                 "{stager}",
                                 "{wscript}",
                                 "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                                 "C:\\Windows\\System32\\wscript.exe",
                                 "powershell.exe -noP -sta -w 1 -enc SQBmACgA",
                                 true));
        IncidentEvent c2 = events.back();
        c2.id = ++id;
        c2.ts = late + 2'000'000;
        c2.code = 3;
        c2.category = QStringLiteral("network");
        c2.action = QStringLiteral("network-connection");
        c2.sourceIp = QStringLiteral("10.0.0.1");
        c2.destinationIp = QStringLiteral("203.0.113.7");
        c2.destinationPort = 443;
        events.push_back(c2);

        QElapsedTimer timer;
        timer.start();
        const RcaResult r = Analysis::rootCause(1, events, {{"host1", "10.0.0.1"}});
        const qint64 ms = timer.elapsed();
        qInfo("%zu events: %lld ms", events.size(), static_cast<long long>(ms));
        QCOMPARE(r.entryKind, QStringLiteral("user_execution"));
        QVERIFY(r.root.commandLine.contains(QLatin1String("launcher.vbs")));
        QCOMPARE(r.chain.size(), std::size_t(3));
        QCOMPARE(r.ips, QStringList{QStringLiteral("203.0.113.7")});
        // (How fast is bench_rca's business, not a test's: see docs/PERFORMANCE.md.)
    }
};

QTEST_GUILESS_MAIN(TestRca)
#include "tst_rca.moc"
