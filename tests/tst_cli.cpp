// SPDX-License-Identifier: Apache-2.0
// End-to-end: drives the real `vigie` executable on fixtures and reads its JSON contracts.
#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    };
    Run vigie(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(VIGIE_BINARY), args);
        p.waitForFinished(120000);
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    static QString fixture(const char *rel)
    {
        return QStringLiteral(VIGIE_TEST_DATA "/") + QString::fromLatin1(rel);
    }
    QString write(const char *name, const QByteArray &content)
    {
        const QString p = m_dir.filePath(QString::fromLatin1(name));
        QFile f(p);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return p;
    }

private Q_SLOTS:
    // The replay sensor as a process, and connectors configured and pulled from the command line.
    void sensorAndConnectors()
    {
        QProcess sensor;
        sensor.setProcessChannelMode(QProcess::SeparateChannels);
        sensor.start(QStringLiteral(VIGIE_BINARY),
                     {"sensor",
                      "serve",
                      "--data",
                      fixture("network/eve_sample.json"),
                      "--listen",
                      "127.0.0.1:0",
                      "--self-signed"});
        QVERIFY(sensor.waitForStarted());
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += sensor.readAllStandardOutput()).contains("key pin"),
                                 20000);
        const QString text = QString::fromUtf8(banner);
        const auto url = QRegularExpression(QStringLiteral("(https://127\\.0\\.0\\.1:\\d+)"))
                             .match(text)
                             .captured(1);
        const auto pin
            = QRegularExpression(QStringLiteral("(sha256/\\S+)")).match(text).captured(1);
        QVERIFY2(!url.isEmpty() && !pin.isEmpty(), banner.constData());
        const QString db = m_dir.filePath(QStringLiteral("connectors.db"));

        // Without the pin, TLS refuses the self-signed certificate: exit 2, the reason in words.
        QCOMPARE(vigie({"connector",
                        "add",
                        "lab",
                        "--db",
                        db,
                        "--kind",
                        "elastic",
                        "--url",
                        url,
                        "--index",
                        "*"})
                     .exitCode,
                 0);
        Run refused = vigie({"connector", "pull", "lab", "--db", db, "--json"});
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(refused.json().value("health").toString(), QStringLiteral("tls-failed"));
        QVERIFY(
            refused.json().value("lastError").toString().contains(QLatin1String("self-signed")));

        // Pinned: every record arrives, once.
        QCOMPARE(vigie({"connector",
                        "add",
                        "lab",
                        "--db",
                        db,
                        "--kind",
                        "elastic",
                        "--url",
                        url,
                        "--index",
                        "*",
                        "--pin",
                        pin})
                     .exitCode,
                 0);
        Run pulled = vigie({"connector", "pull", "lab", "--db", db, "--json"});
        QCOMPARE(pulled.exitCode, 0);
        QCOMPARE(pulled.json().value("accepted").toInt(), 13);
        QCOMPARE(pulled.json().value("caughtUp").toBool(), true);
        // As after an import, the pull's alerts are correlated into incidents.
        Run incidents = vigie({"incidents", "--db", db, "--json"});
        QCOMPARE(incidents.exitCode, 0);
        QVERIFY2(!incidents.json().value("incidents").toArray().isEmpty(), incidents.out);
        QCOMPARE(vigie({"connector", "pull", "lab", "--db", db, "--json"})
                     .json()
                     .value("accepted")
                     .toInt(),
                 0);
        QCOMPARE(vigie({"connector",
                        "add",
                        "stream",
                        "--db",
                        db,
                        "--kind",
                        "websocket",
                        "--url",
                        QString(url).replace(QLatin1String("https"), QLatin1String("wss"))
                            + QStringLiteral("/stream"),
                        "--pin",
                        pin,
                        "--set",
                        "idleSeconds=1"})
                     .exitCode,
                 0);
        QCOMPARE(vigie({"connector", "pull", "stream", "--db", db, "--json"})
                     .json()
                     .value("accepted")
                     .toInt(),
                 0);

        Run list = vigie({"connector", "list", "--db", db, "--json"});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray connectors = QJsonDocument::fromJson(list.out).array();
        QCOMPARE(connectors.size(), 2);
        QCOMPARE(connectors.at(0).toObject().value("events").toInt(), 13);
        QVERIFY(!connectors.at(0).toObject().value("cursor").toString().isEmpty());

        // Bad input is refused before anything is stored.
        QCOMPARE(vigie({"connector", "add", "x", "--db", db, "--kind", "elastic", "--url", url})
                     .exitCode,
                 1);
        QCOMPARE(vigie({"connector",
                        "add",
                        "x",
                        "--db",
                        db,
                        "--kind",
                        "elastic",
                        "--url",
                        url,
                        "--index",
                        "*",
                        "--auth",
                        "basic",
                        "--secret-from",
                        "password123"})
                     .exitCode,
                 1);
        QCOMPARE(vigie({"connector", "pull", "nope", "--db", db}).exitCode, 3);
        QCOMPARE(vigie({"connector", "remove", "stream", "--db", db}).exitCode, 0);
        QCOMPARE(vigie({"connector", "remove", "stream", "--db", db}).exitCode, 3);
        QCOMPARE(vigie({"sensor", "serve", "--data", fixture("network/eve_sample.json")}).exitCode,
                 1);
        sensor.terminate();
        QVERIFY(sensor.waitForFinished(10000));
    }

    // Triage from the command line: close every alert a search matches, see it, undo it.
    void triageCloseAndUndo()
    {
        const QString db = m_dir.filePath(QStringLiteral("triage.db"));
        QCOMPARE(vigie({"import", "--db", db, fixture("network/eve_sample.json")}).exitCode, 0);
        const int total
            = QJsonDocument::fromJson(vigie({"alerts", "--db", db, "--json", "--limit", "0"}).out)
                  .object()
                  .value("alerts")
                  .toArray()
                  .size();
        QVERIFY(total > 0);
        QCOMPARE(vigie({"triage", "close", "--db", db}).exitCode, 1); // no selection: refused
        QCOMPARE(vigie({"triage", "close", "--db", db, "--all"}).exitCode, 1); // no disposition
        Run closed = vigie({"triage",
                            "close",
                            "--db",
                            db,
                            "--all",
                            "--disposition",
                            "benign",
                            "--reason",
                            "lab traffic",
                            "--tag",
                            "lab",
                            "--actor",
                            "alice",
                            "--json"});
        QCOMPARE(closed.exitCode, 0);
        QCOMPARE(closed.json().value("alerts").toInt(), total);
        const QJsonArray rows
            = QJsonDocument::fromJson(
                  vigie({"alerts", "--db", db, "--status", "closed", "--json", "--limit", "0"}).out)
                  .object()
                  .value("alerts")
                  .toArray();
        QCOMPARE(rows.size(), total);
        QCOMPARE(rows.at(0).toObject().value("disposition").toString(), QStringLiteral("benign"));
        QCOMPARE(rows.at(0).toObject().value("tags").toArray().at(0).toString(),
                 QStringLiteral("lab"));
        const int entry = closed.json().value("history_id").toInt();
        Run undo = vigie({"triage", "undo", QString::number(entry), "--db", db, "--json"});
        QCOMPARE(undo.exitCode, 0);
        QCOMPARE(undo.json().value("alerts").toInt(), total);
        QCOMPARE(vigie({"triage", "undo", QString::number(entry), "--db", db}).exitCode, 2);
        const QJsonArray history
            = QJsonDocument::fromJson(vigie({"triage", "history", "--db", db, "--json"}).out)
                  .array();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(1).toObject().value("actor").toString(), QStringLiteral("alice"));
        QCOMPARE(history.at(1).toObject().value("undone").toBool(), true);
    }

    void importThenAlerts()
    {
        const QString db = m_dir.filePath(QStringLiteral("e2e.db"));
        const QStringList files{fixture("network/eve_sample.json"),
                                fixture("network/zeek_sample.ndjson"),
                                fixture("network/zeek_conn.log"),
                                fixture("alerts/wazuh_insect_head.json")};
        Run r = vigie(
            QStringList{
                QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json")}
            + files);
        QCOMPARE(r.exitCode, 0);
        QJsonObject o = r.json();
        QCOMPARE(o.value(QStringLiteral("total_accepted")).toInt(), 13 + 8 + 5 + 20);
        const QJsonArray fs = o.value(QStringLiteral("files")).toArray();
        QCOMPARE(fs.size(), 4);
        QCOMPARE(fs.at(0).toObject().value(QStringLiteral("format")).toString(),
                 QStringLiteral("suricata-eve"));
        QCOMPARE(fs.at(2).toObject().value(QStringLiteral("format")).toString(),
                 QStringLiteral("zeek-tsv"));
        QCOMPARE(fs.at(3).toObject().value(QStringLiteral("format")).toString(),
                 QStringLiteral("wazuh"));
        QVERIFY(fs.at(0).toObject().value(QStringLiteral("rejected")).toArray().isEmpty());

        r = vigie(
            QStringList{
                QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--json")}
            + files);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value(QStringLiteral("total_accepted")).toInt(), 0);
        QCOMPARE(r.json().value(QStringLiteral("total_duplicates")).toInt(), 46);

        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--json"),
                   QStringLiteral("--limit"),
                   QStringLiteral("0")});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray alerts = r.json().value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2 + 1 + 20); // EVE alerts, the Zeek notice, Wazuh
        const QJsonObject newest = alerts.first().toObject();
        QVERIFY(newest.contains(QStringLiteral("severity")));
        QVERIFY(!newest.value(QStringLiteral("rule"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString()
                     .isEmpty());
        QVERIFY(!newest.value(QStringLiteral("timestamp")).toString().isEmpty());

        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--json"),
                   QStringLiteral("--host"),
                   QStringLiteral("78.36.196.213")});
        QCOMPARE(r.json().value(QStringLiteral("alerts")).toArray().size(), 1);
        // The workbench's filter language works here too; a bad term is named.
        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--json"),
                   QStringLiteral("--query"),
                   QStringLiteral("ip:78.36.196.213 severity:0")});
        QCOMPARE(r.json().value(QStringLiteral("alerts")).toArray().size(), 1);
        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--query"),
                   QStringLiteral("since:yesterday")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("since:yesterday"), r.err.constData());
        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--json"),
                   QStringLiteral("--min-severity"),
                   QStringLiteral("50"),
                   QStringLiteral("--limit"),
                   QStringLiteral("0")});
        for (const auto &a : r.json().value(QStringLiteral("alerts")).toArray())
            QVERIFY(a.toObject().value(QStringLiteral("severity")).toInt() >= 50);
        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--search"),
                   QStringLiteral("ColdFusion")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("ColdFusion"));
    }
    // Raw Windows events imported without detection, then hunted from the command line: the
    // rules from a level, indicator lists with their bad lines named, the analytics.
    void huntFromTheCommandLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("hunt.db"));
        const QString file
            = QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_fodhelper_uac_bypass.ndjson");
        auto r = vigie({"import", "--db", db, "--no-detect", "--json", file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value("total_detections").toInt(), 0);
        r = vigie({"hunt",
                   "--db",
                   db,
                   "--json",
                   "--min-level",
                   "high",
                   "--ioc",
                   fixture("ioc/indicators.txt")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QVERIFY(o.value("new_alerts").toInt() > 0);
        QStringList titles;
        for (const auto &v : o.value("by_rule").toArray()) {
            titles << v.toObject().value("title").toString();
            QVERIFY(v.toObject().value("level").toString() == "high"
                    || v.toObject().value("level").toString() == "critical");
        }
        QVERIFY2(titles.contains("Bypass UAC via Fodhelper.exe"), qPrintable(titles.join('|')));
        QCOMPARE(o.value("indicator_errors").toArray().size(), 2);
        QVERIFY(o.value("by_analytic").toArray().size() > 0);
        // Again: nothing new.
        r = vigie({"hunt", "--db", db, "--json", "--min-level", "high"});
        QCOMPARE(r.json().value("new_alerts").toInt(), 0);
        r = vigie({"hunt", "--db", db, "--min-level", "severe"});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("--min-level"));
    }

    // Correlation from the command line: lateral movement joins two hosts in one incident; scan
    // noise on a honeypot collapses into a few low-score incidents.
    void incidentsFromTheCommandLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("incidents.db"));
        auto r = vigie(
            {"import",
             "--db",
             db,
             QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson")});
        QCOMPARE(r.exitCode, 0);
        r = vigie({"incidents", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray incidents = r.json().value("incidents").toArray();
        QVERIFY(!incidents.isEmpty());
        bool spans = false;
        for (const auto &v : incidents) {
            const QJsonObject o = v.toObject();
            QStringList hosts;
            for (const auto &h : o.value("hosts").toArray())
                hosts << h.toObject().value("name").toString().toLower();
            if (hosts.join(' ').contains("workstation5")
                && hosts.join(' ').contains("workstation6")) {
                spans = true;
                QVERIFY(o.value("score").toInt() >= 60);
                QVERIFY(o.value("tactics").toArray().contains(QJsonValue("TA0008")));
                QVERIFY(o.value("first_seen").toString().endsWith("Z"));
                QVERIFY(o.value("alert_count").toInt() > 5);
            }
        }
        QVERIFY2(spans, r.out.constData());
        // Sorted by score.
        for (int i = 1; i < incidents.size(); ++i)
            QVERIFY(incidents[i - 1].toObject().value("score").toInt()
                    >= incidents[i].toObject().value("score").toInt());

        const QString eve = m_dir.filePath(QStringLiteral("noise.db"));
        r = vigie(
            {"import", "--db", eve, QStringLiteral(VIGIE_DEMO_DATA "/network/suricata_eve.json")});
        r = vigie({"incidents", "--db", eve, "--json"});
        const QJsonArray noise = r.json().value("incidents").toArray();
        QVERIFY(noise.size() >= 1 && noise.size() <= 20);
        for (const auto &v : noise)
            if (v.toObject().value("title").toString().startsWith("Scanning"))
                QVERIFY(v.toObject().value("score").toInt() < 40);
    }

    // Root-cause analysis from the command line: the launcher VBS incident began with the user
    // running the script from explorer.
    void rootCauseFromTheCommandLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("rca.db"));
        auto r
            = vigie({"import",
                     "--db",
                     db,
                     QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_launcher_vbs.ndjson")});
        QCOMPARE(r.exitCode, 0);
        r = vigie({"incidents", "--db", db, "--json"});
        const qint64 top
            = r.json().value("incidents").toArray().first().toObject().value("id").toInteger();
        r = vigie({"rca", QString::number(top), "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = r.json();
        QCOMPARE(o.value("incident").toInteger(), top);
        const QJsonObject entry = o.value("entry_vector").toObject();
        QCOMPARE(entry.value("kind").toString(), QStringLiteral("user_execution"));
        QVERIFY(entry.value("technique").toString().startsWith("T1204"));
        QVERIFY(!entry.value("explanation").toString().isEmpty());
        QVERIFY(!entry.value("evidence").toArray().isEmpty());
        const QJsonObject root = o.value("root").toObject();
        QVERIFY2(root.value("executable").toString().contains("wscript", Qt::CaseInsensitive),
                 r.out.constData());
        QVERIFY(root.value("command_line").toString().contains("launcher.vbs"));
        QVERIFY(root.value("timestamp").toString().endsWith("Z"));
        const QJsonArray chain = o.value("chain").toArray();
        QVERIFY(chain.size() >= 3);
        for (int i = 1; i < chain.size(); ++i)
            QVERIFY(chain[i - 1].toObject().value("timestamp").toString()
                    <= chain[i].toObject().value("timestamp").toString());
        QVERIFY(!chain.first().toObject().value("evidence").toArray().isEmpty());
        const QJsonArray ips = o.value("scope").toObject().value("ips").toArray();
        QVERIFY(!ips.contains(QJsonValue("172.18.39.5")));
        QVERIFY(o.value("confidence").toDouble() > 0.5);
        // Plain text, and clear errors.
        r = vigie({"rca", QString::number(top), "--db", db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("launcher.vbs"));
        r = vigie({"rca", "nope", "--db", db});
        QCOMPARE(r.exitCode, 1);
        r = vigie({"rca", "99999", "--db", db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    // The PDF report from the command line, in English and French, its digest in the history.
    void reportFromTheCommandLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("report.db"));
        auto r = vigie(
            {"import",
             "--db",
             db,
             QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson")});
        QCOMPARE(r.exitCode, 0);
        r = vigie({"incidents", "--db", db, "--json"});
        const qint64 top
            = r.json().value("incidents").toArray().first().toObject().value("id").toInteger();
        QVERIFY(top > 0);
        for (const char *lang : {"en", "fr"}) {
            const QString out = m_dir.filePath(QStringLiteral("report_%1.pdf").arg(lang));
            r = vigie({"report",
                       QString::number(top),
                       "--db",
                       db,
                       "--out",
                       out,
                       "--lang",
                       QString::fromLatin1(lang),
                       "--json"});
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QFile f(out);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.read(4) == "%PDF");
            QCOMPARE(r.json().value("sha256").toString().size(), 64);
        }
        r = vigie({"triage", "history", "--db", db, "--json"});
        QVERIFY2(r.out.contains("report"), r.out.left(2000).constData());
        r = vigie({"report",
                   QString::number(top),
                   "--db",
                   db,
                   "--out",
                   m_dir.filePath(QStringLiteral("r.md")),
                   "--lang",
                   "de"});
        QCOMPARE(r.exitCode, 1);
        r = vigie(
            {"report", "99999", "--db", db, "--out", m_dir.filePath(QStringLiteral("x.pdf"))});
        QCOMPARE(r.exitCode, 2);
    }

    void exitCodes()
    {
        const QString db = m_dir.filePath(QStringLiteral("codes.db"));
        QFile eve(fixture("network/eve_sample.json"));
        eve.open(QIODevice::ReadOnly);
        const QByteArray good = eve.readLine();
        // Some lines rejected: 3, with file:line in the text output.
        Run r = vigie({QStringLiteral("import"),
                       QStringLiteral("--db"),
                       db,
                       write("mixed.json", good + "{oops\n")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.out.contains("mixed.json:2: malformed or truncated JSON"), r.out.constData());
        // Nothing importable: 2.
        r = vigie({QStringLiteral("import"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--json"),
                   write("empty.json", "")});
        QCOMPARE(r.exitCode, 2);
        const QJsonObject f = r.json().value(QStringLiteral("files")).toArray().first().toObject();
        QCOMPARE(f.value(QStringLiteral("error")).toString(), QStringLiteral("empty file"));
        r = vigie({QStringLiteral("import"),
                   QStringLiteral("--db"),
                   db,
                   m_dir.filePath(QStringLiteral("missing.json"))});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.contains("missing.json: not imported: no such file"));
        // Bad arguments: 1 with a one-line error.
        r = vigie({QStringLiteral("alerts"),
                   QStringLiteral("--db"),
                   db,
                   QStringLiteral("--status"),
                   QStringLiteral("maybe")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.startsWith("vigie: alerts: unknown status"));
    }

    // The response audit log from the command line: a fresh store verifies; a chain written
    // around Vigie (as the documented format allows) verifies too, until one entry is changed.
    void auditFromTheCommandLine()
    {
        const QString db = m_dir.filePath(QStringLiteral("audit.db"));
        QFile eve(fixture("network/eve_sample.json"));
        QVERIFY(eve.open(QIODevice::ReadOnly));
        QCOMPARE(vigie({"import", "--db", db, write("audit-eve.json", eve.readLine())}).exitCode,
                 0);
        Run r = vigie({"audit", "verify", "--db", db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("0 entries, chain intact"), r.out.constData());
        r = vigie({"audit", "verify", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json().value("ok").toBool(), true);
        QCOMPARE(r.json().value("entries").toInt(), 0);
        r = vigie({"audit", "list", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.json().value("entries").toArray().isEmpty());
        QCOMPARE(vigie({"audit", "frobnicate", "--db", db}).exitCode, 1);
        QCOMPARE(vigie({"audit", "verify", "--db", m_dir.filePath("no-such.db")}).exitCode, 2);

        const QString tool = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
        if (tool.isEmpty())
            QSKIP("the sqlite3 tool is not installed: cannot write around vigie");
        auto sqlite = [&](const QByteArray &sql) {
            QProcess p;
            p.start(tool, {"-bail", db});
            p.write(sql);
            p.closeWriteChannel();
            p.waitForFinished(30000);
            return p.exitCode();
        };
        // Three entries chained as store.h documents it, and the head the store records.
        auto field = [](const QByteArray &v) -> QByteArray {
            return QByteArray::number(v.size()) + ':' + v + '\n';
        };
        QByteArray sql;
        QByteArray prev(64, '0');
        for (int id = 1; id <= 3; ++id) {
            const QByteArray at = QByteArray::number(1700000000000000LL + id * 1000000LL);
            const QByteArray kind = id == 1 ? "run_started" : "request";
            const QByteArray detail = "{\"status\":" + QByteArray::number(200 + id) + '}';
            const QByteArray input = QByteArray("vigie.response_audit.v1\n")
                                     + field(QByteArray::number(id)) + field(at) + field("alice")
                                     + field(kind) + field("42") + field("run-1") + "-\n"
                                     + field(detail) + field(prev);
            const QByteArray hash
                = QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex();
            sql += "INSERT INTO response_audit VALUES(" + QByteArray::number(id) + ", " + at
                   + ", 'alice', '" + kind + "', 42, 'run-1', NULL, '" + detail + "', '" + prev
                   + "', '" + hash + "');\n";
            prev = hash;
        }
        sql += "INSERT OR REPLACE INTO meta(key, value) VALUES('response_audit_head', '3:" + prev
               + "');\n";
        QCOMPARE(sqlite(sql), 0);
        r = vigie({"audit", "verify", "--db", db});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("3 entries, chain intact"), r.out.constData());
        QVERIFY2(r.out.contains(prev), r.out.constData()); // the head, to note elsewhere
        r = vigie({"audit", "list", "--db", db, "--incident", "42"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("run_started") && r.out.contains("#42")
                     && r.out.contains("2023-11-14 22:13:21"),
                 r.out.constData());
        r = vigie({"audit", "list", "--db", db, "--json", "--limit", "1"});
        const QJsonArray entries = r.json().value("entries").toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries[0].toObject().value("id").toInt(), 3);
        QCOMPARE(entries[0].toObject().value("detail").toObject().value("status").toInt(), 203);

        // The triggers refuse a plain change; dropped, they no longer stand in the way, but
        // verify names the entry.
        QVERIFY(sqlite("UPDATE response_audit SET detail = '{}' WHERE id = 2;\n") != 0);
        QCOMPARE(sqlite("DROP TRIGGER response_audit_no_update;\n"
                        "UPDATE response_audit SET detail = '{\"status\":500}' WHERE id = 2;\n"),
                 0);
        r = vigie({"audit", "verify", "--db", db});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains("entry 2 was modified"), r.out.constData());
        r = vigie({"audit", "verify", "--db", db, "--json"});
        QCOMPARE(r.exitCode, 4);
        QCOMPARE(r.json().value("ok").toBool(), false);
        QCOMPARE(r.json().value("first_bad_id").toInt(), 2);
        QCOMPARE(r.json().value("entries").toInt(), 3);
    }
    // Issue 9's acceptance: the containment playbook for the PsExec lateral movement, against the
    // replay sensor over TLS (pinned): what the sensor records is exactly what the dry run showed;
    // a sensor answering 500 makes the isolation fail and the run follow on_failure; the audit
    // log holds it all and verifies; the toolkit has the indicators, blocklists and report.
    void playbookAgainstTheSensor()
    {
        auto startSensor = [&](QProcess &sensor, const QString &log, const QStringList &extra) {
            sensor.setProcessChannelMode(QProcess::SeparateChannels);
            sensor.start(QStringLiteral(VIGIE_BINARY),
                         QStringList{"sensor",
                                     "serve",
                                     "--data",
                                     fixture("network/eve_sample.json"),
                                     "--listen",
                                     "127.0.0.1:0",
                                     "--self-signed",
                                     "--actions-log",
                                     log}
                             + extra);
            QByteArray banner;
            for (int i = 0; i < 200 && !banner.contains("key pin"); ++i) {
                sensor.waitForReadyRead(100);
                banner += sensor.readAllStandardOutput();
            }
            const QString text = QString::fromUtf8(banner);
            return std::pair{
                QRegularExpression(QStringLiteral("(https://127\\.0\\.0\\.1:\\d+)"))
                    .match(text)
                    .captured(1),
                QRegularExpression(QStringLiteral("(sha256/\\S+)")).match(text).captured(1)};
        };
        const QString db = m_dir.filePath(QStringLiteral("playbook.db"));
        auto r = vigie(
            {"import",
             "--db",
             db,
             QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson")});
        QCOMPARE(r.exitCode, 0);
        r = vigie({"incidents", "--db", db, "--json"});
        const QString incident = QString::number(
            r.json().value("incidents").toArray().first().toObject().value("id").toInteger());
        QVERIFY(incident.toInt() > 0);

        const QString log = m_dir.filePath(QStringLiteral("actions.jsonl"));
        QProcess sensor;
        const auto [url, pin] = startSensor(sensor, log, {});
        QVERIFY2(!url.isEmpty() && !pin.isEmpty(), "the sensor did not start");
        qputenv("VIGIE_TEST_WAZUH_SECRET", "wazuh-test-secret");
        QCOMPARE(vigie({"connector",
                        "add",
                        "edr",
                        "--db",
                        db,
                        "--kind",
                        "elastic",
                        "--url",
                        url,
                        "--index",
                        "*",
                        "--pin",
                        pin})
                     .exitCode,
                 0);
        QCOMPARE(vigie({"connector",
                        "add",
                        "manager",
                        "--db",
                        db,
                        "--kind",
                        "wazuh",
                        "--url",
                        url,
                        "--pin",
                        pin,
                        "--user",
                        "wazuh",
                        "--secret-from",
                        "env:VIGIE_TEST_WAZUH_SECRET"})
                     .exitCode,
                 0);

        // The dry run sends nothing and lists each request.
        Run dry = vigie({"playbook",
                         "run",
                         "contain-host",
                         "--incident",
                         incident,
                         "--db",
                         db,
                         "--dry-run",
                         "--json"});
        QCOMPARE(dry.exitCode, 0);
        QCOMPARE(dry.json().value("status").toString(), QStringLiteral("succeeded"));
        const QJsonArray planned = dry.json().value("requests").toArray();
        QVERIFY(!QFile::exists(log) || QFile(log).size() == 0);
        int isolates = 0, blocks = 0;
        for (const QJsonValue &v : planned) {
            const QString path = v.toObject().value("path").toString();
            isolates += path == QLatin1String("/api/endpoint/action/isolate");
            blocks += path.startsWith(QLatin1String("/active-response"));
        }
        QCOMPARE(isolates, 2);                      // WORKSTATION5 and WORKSTATION6
        QVERIFY2(blocks >= 1, dry.out.constData()); // the C2, 10.10.10.5
        QVERIFY(dry.out.contains("10.10.10.5"));

        // For real: the sensor receives exactly the dry run's requests, in the same order.
        Run real = vigie({"playbook",
                          "run",
                          "contain-host",
                          "--incident",
                          incident,
                          "--db",
                          db,
                          "--approve-all",
                          "--json"});
        QVERIFY2(real.exitCode == 0, real.out.constData());
        QFile f(log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> received = f.readAll().trimmed().split('\n');
        QCOMPARE(received.size(), planned.size());
        for (int i = 0; i < planned.size(); ++i) {
            const QJsonObject want = planned[i].toObject();
            const QJsonObject got = QJsonDocument::fromJson(received[i]).object();
            QCOMPARE(got.value("target").toString(),
                     want.value("method").toString() + QLatin1Char(' ')
                         + want.value("path").toString());
            QCOMPARE(got.value("request").toString().toUtf8(),
                     want.value("body").toString().toUtf8());
        }
        // Undo: the isolations are released (the C2 block has no undo in Wazuh's API).
        const QString runId = real.json().value("run").toString();
        QVERIFY(!runId.isEmpty());
        Run undo = vigie({"playbook", "undo", runId, "--db", db});
        QVERIFY2(undo.exitCode == 0, undo.out.constData());
        QVERIFY(f.seek(0));
        received = f.readAll().trimmed().split('\n');
        QCOMPARE(received.size(), planned.size() + 2);
        for (int i = int(planned.size()); i < received.size(); ++i)
            QCOMPARE(QJsonDocument::fromJson(received[i]).object().value("target").toString(),
                     QStringLiteral("POST /api/endpoint/action/unisolate"));
        // The secret went nowhere near the audit log.
        r = vigie({"audit", "list", "--db", db, "--limit", "0", "--json"});
        QVERIFY(!r.out.contains("wazuh-test-secret"));
        QVERIFY(r.out.contains("run_started") && r.out.contains("\"response\""));
        QCOMPARE(vigie({"audit", "verify", "--db", db}).exitCode, 0);
        sensor.terminate();
        QVERIFY(sensor.waitForFinished(10000));

        // A sensor that answers 500: the isolation fails and the run takes on_failure.
        const QString log500 = m_dir.filePath(QStringLiteral("actions500.jsonl"));
        QProcess failing;
        const auto [url500, pin500] = startSensor(failing, log500, {"--fault", "status=500:20"});
        QVERIFY(!url500.isEmpty());
        QCOMPARE(vigie({"connector",
                        "add",
                        "edr",
                        "--db",
                        db,
                        "--kind",
                        "elastic",
                        "--url",
                        url500,
                        "--index",
                        "*",
                        "--pin",
                        pin500})
                     .exitCode,
                 0);
        Run failed = vigie({"playbook",
                            "run",
                            "contain-host",
                            "--incident",
                            incident,
                            "--db",
                            db,
                            "--approve-all",
                            "--json",
                            "--var",
                            "__remote_ips__="});
        bool sawFailure = false;
        for (const QJsonValue &v : failed.json().value("steps").toArray())
            sawFailure = sawFailure || v.toObject().value("state").toString() == "failed";
        QVERIFY2(sawFailure, failed.out.constData());
        r = vigie({"audit", "list", "--db", db, "--limit", "0", "--json"});
        QVERIFY2(r.out.contains("\"status\":500") || r.out.contains("\"status\": 500"),
                 r.out.left(4000).constData());
        QCOMPARE(vigie({"audit", "verify", "--db", db}).exitCode, 0);
        failing.terminate();
        QVERIFY(failing.waitForFinished(10000));

        // The toolkit.
        const QString zip = m_dir.filePath(QStringLiteral("toolkit.zip"));
        Run kit = vigie({"toolkit", incident, "--db", db, "--out", zip, "--json"});
        QVERIFY2(kit.exitCode == 0, kit.err.constData());
        const QStringList files = [&] {
            QStringList out;
            for (const QJsonValue &v : kit.json().value("files").toArray())
                out << v.toString();
            return out;
        }();
        for (const char *want : {"iocs/indicators.stix.json",
                                 "iocs/indicators.csv",
                                 "blocklists/nftables.nft",
                                 "blocklists/iptables.sh",
                                 "README.md"})
            QVERIFY2(files.contains(QLatin1String(want)), qPrintable(files.join(' ')));
        QVERIFY(std::any_of(files.begin(), files.end(), [](const QString &f) {
            return f.endsWith(QLatin1String(".pdf"));
        }));
        QVERIFY(std::any_of(files.begin(), files.end(), [](const QString &f) {
            return f.startsWith(QLatin1String("scripts/"));
        }));
        // The connector's secret is in no file Vigie wrote: the store (and its WAL), the actions
        // the sensor received, the toolkit.
        for (const QString &file : QStringList{db, db + QStringLiteral("-wal"), log, log500, zip}) {
            QFile written(file);
            if (!written.open(QIODevice::ReadOnly))
                continue;
            QVERIFY2(!written.readAll().contains("wazuh-test-secret"), qPrintable(file));
        }
        // Validation from the command line.
        QCOMPARE(
            vigie({"playbook", "validate", fixture("playbooks/oasis-tcs_basic-example-1.json")})
                .exitCode,
            0);
        Run invalid = vigie(
            {"playbook",
             "validate",
             fixture("playbooks/oasis-tcs_playbook--aa1898b6-5251-49b4-aeb7-fd5e912583ff.json")});
        QCOMPARE(invalid.exitCode, 3);
        QVERIFY(invalid.out.contains("required property"));

        // Importing keeps a validated copy where list, show and run find it; an invalid file is
        // refused with its errors; a built-in's name cannot be taken.
        const QByteArray dataHome = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", m_dir.filePath(QStringLiteral("data-home")).toUtf8());
        Run imported
            = vigie({"playbook", "import", fixture("playbooks/oasis-tcs_basic-example-1.json")});
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        Run listed = vigie({"playbook", "list", "--json"});
        bool found = false;
        for (const QJsonValue &v : QJsonDocument::fromJson(listed.out).array())
            found = found
                    || (v.toObject().value("name").toString() == "oasis-tcs-basic-example-1"
                        && !v.toObject().value("builtin").toBool());
        QVERIFY2(found, listed.out.constData());
        QCOMPARE(vigie({"playbook", "show", "oasis-tcs-basic-example-1"}).exitCode, 0);
        Run refusedImport = vigie(
            {"playbook",
             "import",
             fixture("playbooks/oasis-tcs_playbook--aa1898b6-5251-49b4-aeb7-fd5e912583ff.json")});
        QCOMPARE(refusedImport.exitCode, 3);
        QVERIFY(refusedImport.err.contains("required property"));
        QFile::copy(fixture("playbooks/oasis-tcs_basic-example-1.json"),
                    m_dir.filePath(QStringLiteral("contain-host.json")));
        QCOMPARE(vigie({"playbook", "import", m_dir.filePath(QStringLiteral("contain-host.json"))})
                     .exitCode,
                 3);
        if (dataHome.isEmpty())
            qunsetenv("XDG_DATA_HOME");
        else
            qputenv("XDG_DATA_HOME", dataHome);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
