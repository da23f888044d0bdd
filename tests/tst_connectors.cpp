// SPDX-License-Identifier: Apache-2.0
// Connectors against the replay sensor on loopback over TLS, with its fault switches: after each
// fault the connector recovers (or stops with a clear state) and the store holds every event
// exactly once — the set of event identities equals that of a file import of the same data.
#include "connectors/connectormanager.h"
#include "connectors/replaysensor.h"
#include "core/ingest/importer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace Vigie;
using namespace Vigie::Connectors;

namespace {

std::set<qint64> identities(const QString &db)
{
    std::set<qint64> out;
    auto store = Store::open(db, Store::Mode::ReadOnly);
    if (!store)
        return out;
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2((*store)->handle(), "SELECT identity FROM events", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
        out.insert(sqlite3_column_int64(s, 0));
    sqlite3_finalize(s);
    return out;
}

qint64 eventCount(const QString &db)
{
    auto store = Store::open(db, Store::Mode::ReadOnly);
    if (!store)
        return -1;
    auto c = (*store)->counts();
    return c ? c->events : -1;
}

} // namespace

class TestConnectors : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    const QString m_eve = QStringLiteral(VIGIE_DEMO_DATA "/network/suricata_eve.json");
    std::set<qint64> m_reference;
    int m_serial = 0;

    QString freshDb() { return m_dir.filePath(QStringLiteral("s%1.db").arg(++m_serial)); }

    std::unique_ptr<ReplaySensor> serve(const SensorFaults &faults = {},
                                        SensorOptions::Pace pace = SensorOptions::Pace::Max,
                                        double rate = 0,
                                        int port = 0,
                                        const QString &auth = QString(),
                                        int jwtTtl = 900,
                                        bool gzip = false)
    {
        SensorOptions o;
        o.data = {m_eve};
        o.port = port;
        o.certFile = m_dir.filePath(QStringLiteral("sensor.pem"));
        o.keyFile = m_dir.filePath(QStringLiteral("sensor.key"));
        o.faults = faults;
        o.pace = pace;
        o.rate = rate;
        o.auth = auth;
        o.jwtTtlSeconds = jwtTtl;
        o.wsBatch = 50;
        o.gzip = gzip;
        auto s = ReplaySensor::start(o);
        if (!s) {
            qWarning() << s.error();
            return nullptr;
        }
        return std::move(*s);
    }

    // Saves a connector for `sensor` with short timeouts, in store `db`.
    void configure(const QString &db,
                   const QString &name,
                   const QString &kind,
                   const ReplaySensor &sensor,
                   QJsonObject cfg)
    {
        const bool ws = kind == QLatin1String("websocket");
        if (!cfg.contains(QLatin1String("url")))
            cfg.insert(QStringLiteral("url"),
                       ws ? sensor.baseUrl(QStringLiteral("wss")) + QStringLiteral("/stream")
                          : sensor.baseUrl());
        cfg.insert(QStringLiteral("pin"), sensor.certificatePin());
        if (!cfg.contains(QLatin1String("readTimeoutMs")))
            cfg.insert(QStringLiteral("readTimeoutMs"), 1500);
        cfg.insert(QStringLiteral("connectTimeoutMs"), 2000);
        auto store = Store::open(db);
        QVERIFY2(store, qPrintable(store.error()));
        ConnectorRecord rec;
        rec.name = name;
        rec.kind = kind;
        rec.config = QJsonDocument(cfg).toJson(QJsonDocument::Compact);
        auto r = (*store)->saveConnector(rec);
        QVERIFY2(r, qPrintable(r.error()));
    }

    ConnectorStatus pull(const QString &db, const QString &name, int timeoutMs = 60000)
    {
        ConnectorManager manager(db);
        manager.setBackoff(50, 400);
        manager.setMaxAuthFailures(2);
        manager.setMaxPullFailures(8);
        auto r = manager.open();
        if (!r) {
            qWarning() << r.error();
            return {};
        }
        QSignalSpy finished(&manager, &ConnectorManager::finished);
        manager.start(name, false);
        if (finished.isEmpty())
            finished.wait(timeoutMs);
        QCoreApplication::processEvents();
        return manager.status(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(m_eve), qPrintable(m_eve));
        // One self-signed certificate for every sensor, so that a restarted sensor keeps its pin.
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"),
                {"req",
                 "-x509",
                 "-newkey",
                 "ec",
                 "-pkeyopt",
                 "ec_paramgen_curve:P-256",
                 "-nodes",
                 "-keyout",
                 "sensor.key",
                 "-out",
                 "sensor.pem",
                 "-days",
                 "2",
                 "-subj",
                 "/CN=vigie test sensor",
                 "-addext",
                 "subjectAltName=IP:127.0.0.1"});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        // The reference: the same file, imported.
        const QString ref = m_dir.filePath(QStringLiteral("reference.db"));
        auto store = Store::open(ref);
        QVERIFY(store);
        Importer importer(**store);
        const auto report = importer.importFile(m_eve);
        QVERIFY(importer.finish());
        QCOMPARE(report.accepted, 5000);
        store->reset();
        m_reference = identities(ref);
        QCOMPARE(m_reference.size(), std::size_t(5000));
    }

    void elasticExactlyOnce_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("no fault") << QString();
        QTest::newRow("connection dropped") << "drop-after=1234";
        QTest::newRow("sensor stalls") << "stall-after=2100:4000";
        QTest::newRow("malformed document") << "malformed-at=1700";
        QTest::newRow("oversize response") << "oversize-at=2600:3000000";
        QTest::newRow("429 too many requests") << "status=429:2";
        QTest::newRow("500 server error") << "status=500:3";
    }
    void elasticExactlyOnce()
    {
        QFETCH(QString, fault);
        SensorFaults f;
        QString error;
        if (!fault.isEmpty())
            QVERIFY2(parseFault(fault, f, error), qPrintable(error));
        auto sensor = serve(f);
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(db,
                  QStringLiteral("es"),
                  QStringLiteral("elastic"),
                  *sensor,
                  {{"index", "*"}, {"pageSize", 500}, {"maxResponseBytes", 2000000}});
        const auto st = pull(db, QStringLiteral("es"));
        QVERIFY2(st.health == Health::Stopped && st.caughtUp,
                 qPrintable(healthName(st.health) + QStringLiteral(": ") + st.lastError));
        QCOMPARE(identities(db), m_reference);
        // A second pull resumes from the stored cursor and brings nothing twice.
        const auto again = pull(db, QStringLiteral("es"));
        QVERIFY(again.caughtUp);
        QCOMPARE(again.accepted, 0);
        QCOMPARE(eventCount(db), 5000);
    }

    void gzipResponses()
    {
        auto sensor = serve({}, SensorOptions::Pace::Max, 0, 0, QString(), 900, true);
        QVERIFY(sensor);
        const QString db = freshDb();
        // The size limit applies after decompression: 2,000-hit pages (1.1 MB) are over it, so
        // the page shrinks and the pull still completes.
        configure(db,
                  QStringLiteral("es"),
                  QStringLiteral("elastic"),
                  *sensor,
                  {{"index", "*"}, {"pageSize", 2000}, {"maxResponseBytes", 1000000}});
        const auto st = pull(db, QStringLiteral("es"));
        QVERIFY2(st.caughtUp, qPrintable(st.lastError));
        QCOMPARE(identities(db), m_reference);
    }

    void webSocketExactlyOnce_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("rejected");
        QTest::newRow("no fault") << QString() << 0;
        QTest::newRow("connection dropped") << "drop-after=1234" << 0;
        QTest::newRow("sensor stalls") << "stall-after=2100:4000" << 0;
        QTest::newRow("malformed message") << "malformed-at=1700" << 1;
        QTest::newRow("oversize message") << "oversize-at=2600:3000000" << 0;
    }
    void webSocketExactlyOnce()
    {
        QFETCH(QString, fault);
        QFETCH(int, rejected);
        SensorFaults f;
        QString error;
        if (!fault.isEmpty())
            QVERIFY2(parseFault(fault, f, error), qPrintable(error));
        auto sensor = serve(f);
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(db,
                  QStringLiteral("ws"),
                  QStringLiteral("websocket"),
                  *sensor,
                  {{"idleSeconds", 2.5}, {"maxMessageBytes", 1000000}});
        const auto st = pull(db, QStringLiteral("ws"));
        QVERIFY2(st.health == Health::Stopped && st.caughtUp,
                 qPrintable(healthName(st.health) + QStringLiteral(": ") + st.lastError));
        QCOMPARE(st.rejected, rejected);
        QCOMPARE(identities(db), m_reference);
    }

    void sensorKilledMidStream()
    {
        auto first = serve({}, SensorOptions::Pace::Rate, 4000);
        QVERIFY(first);
        const int port = first->port();
        const QString db = freshDb();
        configure(db, QStringLiteral("ws"), QStringLiteral("websocket"), *first, {});
        ConnectorManager manager(db);
        manager.setBackoff(100, 400);
        QVERIFY(manager.open());
        manager.start(QStringLiteral("ws"), true);
        QTRY_VERIFY_WITH_TIMEOUT(manager.status(QStringLiteral("ws")).accepted > 1000, 20000);
        first.reset(); // the sensor dies mid-stream
        QTRY_COMPARE_WITH_TIMEOUT(
            manager.status(QStringLiteral("ws")).health, Health::BackingOff, 10000);
        QVERIFY(!manager.status(QStringLiteral("ws")).lastError.isEmpty());
        auto second = serve({}, SensorOptions::Pace::Max, 0, port);
        QVERIFY(second);
        QTRY_COMPARE_WITH_TIMEOUT(manager.status(QStringLiteral("ws")).accepted, 5000, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(
            manager.status(QStringLiteral("ws")).health, Health::Connected, 10000);
        manager.stopAll();
        QCOMPARE(identities(db), m_reference);
    }

    void resumesFromTheStoredCursor()
    {
        // The sensor releases 2,500 events per second: a first pull gets part of the data, a
        // second (another process, as far as the store knows) the rest, nothing twice.
        auto sensor = serve({}, SensorOptions::Pace::Rate, 2500);
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(db,
                  QStringLiteral("es"),
                  QStringLiteral("elastic"),
                  *sensor,
                  {{"index", "*"}, {"pageSize", 300}});
        const auto first = pull(db, QStringLiteral("es"));
        QVERIFY(first.caughtUp);
        QVERIFY2(first.accepted > 0 && first.accepted < 5000,
                 qPrintable(QString::number(first.accepted)));
        QTest::qWait(2200);
        const auto second = pull(db, QStringLiteral("es"));
        QVERIFY(second.caughtUp);
        QCOMPARE(first.accepted + second.accepted, 5000);
        QCOMPARE(identities(db), m_reference);
    }

    void authFailureStopsWithAClearState()
    {
        auto sensor
            = serve({}, SensorOptions::Pace::Max, 0, 0, QStringLiteral("basic:analyst:s3cret"));
        QVERIFY(sensor);
        const QString db = freshDb();
        qputenv("VIGIE_TEST_SECRET", "wrong");
        configure(db,
                  QStringLiteral("es"),
                  QStringLiteral("elastic"),
                  *sensor,
                  {{"index", "*"},
                   {"auth", "basic"},
                   {"user", "analyst"},
                   {"secret", "env:VIGIE_TEST_SECRET"}});
        const auto refused = pull(db, QStringLiteral("es"));
        QCOMPARE(refused.health, Health::AuthFailed);
        QVERIFY2(refused.lastError.contains(QLatin1String("HTTP 401")),
                 qPrintable(refused.lastError));
        QVERIFY(!refused.lastError.contains(QLatin1String("wrong"))); // never the secret
        qputenv("VIGIE_TEST_SECRET", "s3cret");
        const auto ok = pull(db, QStringLiteral("es"));
        QVERIFY2(ok.caughtUp, qPrintable(ok.lastError));
        QCOMPARE(ok.accepted, 5000);
        // A missing variable is an authentication failure that says which variable.
        qunsetenv("VIGIE_TEST_SECRET");
        const auto missing = pull(db, QStringLiteral("es"));
        QCOMPARE(missing.health, Health::AuthFailed);
        QVERIFY(missing.lastError.contains(QLatin1String("VIGIE_TEST_SECRET")));
    }

    void rejectedAuthSwitch()
    {
        SensorFaults f;
        f.rejectAuth = true;
        auto sensor = serve(f);
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(db, QStringLiteral("ws"), QStringLiteral("websocket"), *sensor, {});
        const auto st = pull(db, QStringLiteral("ws"));
        QVERIFY(st.health != Health::Stopped);
        QVERIFY2(st.lastError.contains(QLatin1String("401")), qPrintable(st.lastError));
        QCOMPARE(eventCount(db), 0);
    }

    void theHiveAlerts()
    {
        auto sensor = serve();
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(
            db, QStringLiteral("hive"), QStringLiteral("thehive"), *sensor, {{"pageSize", 100}});
        const auto st = pull(db, QStringLiteral("hive"));
        QVERIFY2(st.caughtUp, qPrintable(st.lastError));
        QCOMPARE(st.accepted, sensor->alertCount());
        QVERIFY(sensor->alertCount() > 100);
        auto store = Store::open(db, Store::Mode::ReadOnly);
        QCOMPARE((*store)->counts()->alerts, sensor->alertCount());
        AlertQuery q;
        q.limit = 1;
        const auto rows = (*store)->alerts(q);
        QVERIFY(rows && !rows->empty());
        QCOMPARE(rows->front().format, Format::TheHiveAlert);
        QVERIFY(!rows->front().ruleName.isEmpty());
        QCOMPARE(pull(db, QStringLiteral("hive")).accepted, 0);
    }

    void genericRest()
    {
        auto sensor = serve();
        QVERIFY(sensor);
        const QString db = freshDb();
        configure(db,
                  QStringLiteral("rest"),
                  QStringLiteral("rest"),
                  *sensor,
                  {{"url", QString(sensor->baseUrl() + QStringLiteral("/_search"))},
                   {"method", "POST"},
                   {"firstBody", "{\"size\":400}"},
                   {"body", "{\"size\":400,\"search_after\":{{cursor}}}"},
                   {"recordsPointer", "/hits/hits"},
                   {"recordPointer", "/_source"},
                   {"cursorPointer", "/sort"}});
        const auto st = pull(db, QStringLiteral("rest"));
        QVERIFY2(st.caughtUp, qPrintable(st.lastError));
        QCOMPARE(st.accepted, 5000);
    }

    void wazuhAgentsAndTokenRefresh()
    {
        auto sensor
            = serve({}, SensorOptions::Pace::Max, 0, 0, QStringLiteral("basic:wazuh-wui:pw"), 1);
        QVERIFY(sensor);
        const QString db = freshDb();
        qputenv("VIGIE_TEST_WAZUH", "pw");
        configure(
            db,
            QStringLiteral("wazuh"),
            QStringLiteral("wazuh"),
            *sensor,
            {{"user", "wazuh-wui"}, {"secret", "env:VIGIE_TEST_WAZUH"}, {"pollSeconds", 1.3}});
        ConnectorManager manager(db);
        manager.setBackoff(50, 200);
        QVERIFY(manager.open());
        manager.start(QStringLiteral("wazuh"), true);
        // The token lives one second; the second listing needs a new login.
        QTRY_VERIFY_WITH_TIMEOUT(manager.status(QStringLiteral("wazuh")).delivered >= 2, 10000);
        QTest::qWait(1500);
        const auto st = manager.status(QStringLiteral("wazuh"));
        QVERIFY2(st.health == Health::Connected || st.health == Health::CatchingUp,
                 qPrintable(healthName(st.health) + QStringLiteral(": ") + st.lastError));
        manager.stopAll();
        auto store = Store::open(db, Store::Mode::ReadOnly);
        const auto assets = (*store)->assets();
        QVERIFY(assets && !assets->empty());
        QCOMPARE(assets->front().status, QStringLiteral("active"));
        QCOMPARE(eventCount(db), 0);
    }

    void eveFileFollowsRotationAndTruncation()
    {
        QFile src(m_eve);
        QVERIFY(src.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = src.readAll().split('\n');
        while (!lines.isEmpty() && lines.last().isEmpty())
            lines.removeLast();
        QCOMPARE(lines.size(), 5000);
        const QString path = m_dir.filePath(QStringLiteral("follow/eve.json"));
        QDir().mkpath(QFileInfo(path).path());
        QFile eve(path);
        QVERIFY(eve.open(QIODevice::WriteOnly | QIODevice::Append));
        auto write = [&](QFile &f, int from, int to) {
            for (int i = from; i < to; ++i)
                f.write(lines[i] + '\n');
            f.flush();
        };
        write(eve, 0, 2000);
        eve.write(lines[2000].left(100)); // a line the writer has not finished
        eve.flush();
        const QString db = freshDb();
        auto store = Store::open(db);
        ConnectorRecord rec;
        rec.name = QStringLiteral("eve");
        rec.kind = QStringLiteral("eve-file");
        rec.config = QJsonDocument(QJsonObject{{"path", path}, {"pollMs", 50}}).toJson();
        QVERIFY((*store)->saveConnector(rec));
        store->reset();
        ConnectorManager manager(db);
        QVERIFY(manager.open());
        manager.start(QStringLiteral("eve"), true);
        QTRY_COMPARE_WITH_TIMEOUT(eventCount(db), 2000, 10000);
        QCOMPARE(manager.status(QStringLiteral("eve")).rejected, 0); // the partial line waits
        eve.write(lines[2000].mid(100) + '\n');
        write(eve, 2001, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(eventCount(db), 3000, 10000);
        // Rotation: the writer renames the file, finishes its last lines, then opens a new one.
        QVERIFY(QFile::rename(path, path + QStringLiteral(".1")));
        write(eve, 3000, 3100);
        eve.close();
        QFile fresh(path);
        QVERIFY(fresh.open(QIODevice::WriteOnly));
        write(fresh, 3100, 3600);
        QTRY_COMPARE_WITH_TIMEOUT(eventCount(db), 3600, 10000);
        // copytruncate: the same file emptied and written again from the start.
        QVERIFY(fresh.resize(0));
        fresh.seek(0);
        write(fresh, 3600, 3650);
        QTRY_COMPARE_WITH_TIMEOUT(eventCount(db), 3650, 10000);
        QCOMPARE(manager.status(QStringLiteral("eve")).health, Health::Connected);
        manager.stopAll();
        QCOMPARE(manager.status(QStringLiteral("eve")).rejected, 0);
    }

    void responseActionsAreRecorded()
    {
        auto sensor = serve();
        QVERIFY(sensor);
        Net::NetworkThread net;
        Net::Endpoint ep;
        ep.url = QUrl(sensor->baseUrl());
        ep.tls.pinSha256 = sensor->certificatePin();
        Net::HttpClient http(net, ep);
        Net::HttpResponse res;
        QVERIFY(!http.request({"POST",
                               "/api/endpoint/action/isolate",
                               {{"Content-Type", "application/json"}},
                               R"({"endpoint_ids":["a1b2"],"comment":"contain"})"},
                              res));
        QCOMPARE(res.status, 200);
        QCOMPARE(
            QJsonDocument::fromJson(res.body).object()["data"].toObject()["command"].toString(),
            QStringLiteral("isolate"));
        QVERIFY(!http.request(
            {"POST", "/api/endpoint/action/isolate", {}, R"({"endpoint_ids":[]})"}, res));
        QCOMPARE(res.status, 400);
        // No body at all (found by fuzz_replay_sensor: the sensor read a JSON document it had
        // not parsed): refused like an empty list.
        QVERIFY(!http.request({"POST", "/api/endpoint/action/isolate", {}, {}}, res));
        QCOMPARE(res.status, 400);
        const auto actions = sensor->actions();
        QCOMPARE(actions.size(), std::size_t(1));
        QCOMPARE(actions.front().command, QStringLiteral("isolate"));
        // The same requests answered without the network (the fuzz target's way in) give the same
        // answers, pipelined, and stop at bytes that are not a request.
        const QByteArray answers
            = sensor->answerRaw("GET / HTTP/1.1\r\nHost: s\r\n\r\n"
                                "POST /api/endpoint/action/isolate HTTP/1.1\r\nHost: s\r\n\r\n"
                                "NOT A REQUEST\r\n\r\n");
        QCOMPARE(answers.count("HTTP/1.1 "), 2);
        QVERIFY(answers.startsWith("HTTP/1.1 200 "));
        QVERIFY(answers.contains("HTTP/1.1 400 "));
    }

    // A response whose body ends with the connection (no Content-Length, not chunked) is not
    // followed by a second request on that dead connection: found by fuzz_http_client, where such
    // a peer half-closes and the next request waited out the whole read timeout.
    void bodyEndedByTheConnectionIsNotReused()
    {
        const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(listener >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
        QVERIFY(::listen(listener, 8) == 0);
        socklen_t len = sizeof a;
        ::getsockname(listener, reinterpret_cast<sockaddr *>(&a), &len);
        std::vector<int>
            held; // half-closed, never closed by the peer: only the client may end them
        std::thread peer([&] {
            for (int i = 0; i < 2; ++i) {
                const int fd = ::accept(listener, nullptr, nullptr);
                if (fd < 0)
                    return;
                char buf[4096];
                std::string request;
                while (request.find("\r\n\r\n") == std::string::npos) {
                    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
                    if (n <= 0)
                        break;
                    request.append(buf, std::size_t(n));
                }
                const std::string answer = "HTTP/1.1 200 OK\r\n\r\nanswer " + std::to_string(i);
                (void)::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
                ::shutdown(fd, SHUT_WR);
                held.push_back(fd);
            }
        });
        Net::NetworkThread net;
        Net::Endpoint ep;
        ep.url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(ntohs(a.sin_port)));
        ep.timeouts.readMs = 5000;
        Net::HttpClient http(net, ep);
        Net::HttpResponse res;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!http.request({"GET", "/one", {}, {}}, res));
        QCOMPARE(res.body, QByteArray("answer 0"));
        QVERIFY(!http.request({"GET", "/two", {}, {}}, res));
        QCOMPARE(res.body, QByteArray("answer 1"));
        QVERIFY2(timer.elapsed() < 2500, qPrintable(QString::number(timer.elapsed())));
        peer.join();
        for (const int fd : held)
            ::close(fd);
        ::close(listener);
    }

    void badConfigurationsAreRefused()
    {
        QString error;
        QVERIFY(!Connector::create(QStringLiteral("elastic"), {{"url", "https://x:9200"}}, error));
        QVERIFY(error.contains(QLatin1String("index")));
        QVERIFY(!Connector::create(QStringLiteral("nope"), {}, error));
        QVERIFY(error.contains(QLatin1String("unknown connector kind")));
        QVERIFY(!Connector::create(QStringLiteral("websocket"), {{"url", "not a url"}}, error));
        // Credentials never travel in clear text unless the analyst says so.
        QVERIFY(!Connector::create(
            QStringLiteral("elastic"),
            {{"url", "http://siem.lab:9200"}, {"index", "*"}, {"auth", "basic"}, {"user", "u"}},
            error));
        QVERIFY2(error.contains(QLatin1String("plain http")), qPrintable(error));
        QVERIFY(Connector::create(QStringLiteral("elastic"),
                                  {{"url", "http://siem.lab:9200"},
                                   {"index", "*"},
                                   {"auth", "basic"},
                                   {"user", "u"},
                                   {"allowPlaintextAuth", true}},
                                  error));
    }
};

QTEST_GUILESS_MAIN(TestConnectors)
#include "tst_connectors.moc"
