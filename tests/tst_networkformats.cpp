// SPDX-License-Identifier: Apache-2.0
// Suricata EVE, Zeek (JSON and TSV) and Wazuh normalisers on real records from tests/data.
#include "core/events/timestamp.h"
#include "core/formats/normaliser.h"
#include "core/formats/recordreader.h"

#include <QFile>
#include <QTest>

#include <simdjson.h>

using namespace Vigie;
using namespace Vigie::Formats;

namespace {

QString data(const char *rel)
{
    return QStringLiteral(VIGIE_TEST_DATA "/") + QString::fromLatin1(rel);
}

// Line `n` (1-based) of a fixture.
std::string line(const QString &path, int n)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (int i = 1; !f.atEnd(); ++i) {
        const QByteArray l = f.readLine();
        if (i == n)
            return l.trimmed().toStdString();
    }
    return {};
}

bool normaliseLine(const std::string &text, Format expected, Event &e, std::string &error)
{
    simdjson::dom::parser p;
    simdjson::dom::element doc;
    if (p.parse(text).get(doc) != simdjson::SUCCESS)
        return false;
    simdjson::dom::object o;
    if (doc.get(o) != simdjson::SUCCESS)
        return false;
    if (detectJson(o) != expected)
        return false;
    return normaliseJson(expected, o, e, error);
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestNetworkFormats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eveAlert()
    {
        Event e;
        std::string err;
        QVERIFY(
            normaliseLine(line(data("network/eve_sample.json"), 1), Format::SuricataEve, e, err));
        QCOMPARE(e.kind, EventKind::Alert);
        QCOMPARE(q(formatTimestampUs(e.timestampUs)),
                 QStringLiteral("2021-06-06T13:59:46.457984Z"));
        QCOMPARE(q(e.sourceIp), QStringLiteral("78.36.196.213"));
        QCOMPARE(e.sourcePort, 51698);
        QCOMPARE(q(e.destinationIp), QStringLiteral("192.168.1.129"));
        QCOMPARE(e.destinationPort, 445);
        QCOMPARE(q(e.networkTransport), QStringLiteral("tcp"));
        QCOMPARE(q(e.ruleId), QStringLiteral("2403388"));
        QCOMPARE(q(e.ruleName),
                 QStringLiteral("ET CINS Active Threat Intelligence Poor Reputation IP group 89"));
        QCOMPARE(e.severity, Severity::Medium); // Suricata severity 2
        QCOMPARE(q(e.hostName), QStringLiteral("stratosphere.org"));
        QCOMPARE(q(e.flowId), QStringLiteral("1374195536821504"));
        QCOMPARE(q(e.dataset), QStringLiteral("suricata.eve"));
    }
    void eveTypes_data()
    {
        QTest::addColumn<int>("lineNo");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("category");
        for (int i = 1; i <= 13; ++i) {
            const std::string l = line(data("network/eve_sample.json"), i);
            const auto p = l.find("\"event_type\":\"");
            const std::string t = l.substr(p + 14, l.find('"', p + 14) - p - 14);
            const QString cat = t == "alert"      ? QStringLiteral("intrusion_detection")
                                : t == "fileinfo" ? QStringLiteral("file")
                                                  : QStringLiteral("network");
            QTest::addRow("line %d %s", i, t.c_str()) << i << q(t) << cat;
        }
    }
    void eveTypes()
    {
        QFETCH(int, lineNo);
        QFETCH(QString, type);
        QFETCH(QString, category);
        Event e;
        std::string err;
        QVERIFY2(normaliseLine(
                     line(data("network/eve_sample.json"), lineNo), Format::SuricataEve, e, err),
                 err.c_str());
        QCOMPARE(q(e.type), type);
        QCOMPARE(q(e.category), category);
        QVERIFY(e.timestampUs > 1622930000000000);
        QCOMPARE(e.isAlert(), type == QLatin1String("alert"));
        if (type == QLatin1String("dns"))
            QVERIFY(!e.dnsQuestionName.empty());
        if (type == QLatin1String("http"))
            QVERIFY(q(e.urlFull).startsWith(QLatin1String("http://")));
    }
    void eveHttpUrl()
    {
        // The first http record: hostname 147.32.82.197, url "/".
        for (int i = 1; i <= 13; ++i) {
            const std::string l = line(data("network/eve_sample.json"), i);
            if (l.find("\"event_type\":\"http\"") == std::string::npos)
                continue;
            Event e;
            std::string err;
            QVERIFY(normaliseLine(l, Format::SuricataEve, e, err));
            QCOMPARE(q(e.urlFull), QStringLiteral("http://147.32.82.197/"));
            QCOMPARE(q(e.action), QStringLiteral("GET"));
            return;
        }
        QFAIL("no http record in the fixture");
    }
    void zeekJson_data()
    {
        QTest::addColumn<int>("lineNo");
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("sourceIp");
        QTest::addColumn<int>("destinationPort");
        QTest::addColumn<bool>("alert");
        QTest::newRow("conn") << 1 << "zeek.conn"
                              << "10.0.1.6" << 53 << false;
        QTest::newRow("notice") << 6 << "zeek.notice"
                                << "10.0.1.6" << 8443 << true;
    }
    void zeekJson()
    {
        QFETCH(int, lineNo);
        QFETCH(QString, dataset);
        QFETCH(QString, sourceIp);
        QFETCH(int, destinationPort);
        QFETCH(bool, alert);
        Event e;
        std::string err;
        QVERIFY2(normaliseLine(
                     line(data("network/zeek_sample.ndjson"), lineNo), Format::ZeekJson, e, err),
                 err.c_str());
        QCOMPARE(q(e.dataset), dataset);
        QCOMPARE(q(e.sourceIp), sourceIp);
        QCOMPARE(e.destinationPort, destinationPort);
        QCOMPARE(e.isAlert(), alert);
        QCOMPARE(q(e.hostName), QStringLiteral("bobs.bigwheel.local"));
        if (alert) {
            QCOMPARE(q(e.ruleId), QStringLiteral("SSL::Invalid_Server_Cert"));
            QCOMPARE(
                q(e.ruleName),
                QStringLiteral("SSL certificate validation failed with (self signed certificate)"));
        }
    }
    void zeekConnFirstRecord()
    {
        Event e;
        std::string err;
        QVERIFY(
            normaliseLine(line(data("network/zeek_sample.ndjson"), 1), Format::ZeekJson, e, err));
        QCOMPARE(e.timestampUs, qint64(1588205199824370));
        QCOMPARE(q(e.flowId), QStringLiteral("Cvf4XX17hSAgXDdGEd"));
        QCOMPARE(q(e.destinationIp), QStringLiteral("10.0.0.4"));
        QCOMPARE(q(e.networkTransport), QStringLiteral("udp"));
    }
    void zeekTsv()
    {
        RecordReader r;
        QString error;
        QVERIFY(r.open(data("network/zeek_conn.log"), error));
        QCOMPARE(r.layout(), RecordReader::Layout::ZeekTsv);
        RecordReader::Item item;
        std::vector<Event> events;
        while (r.next(item)) {
            QCOMPARE(item.kind, RecordReader::Item::Record);
            Event e;
            std::string err;
            QVERIFY2(normaliseZeekTsv(r.zeekHeader(), item.text, e, err), err.c_str());
            events.push_back(e);
        }
        QCOMPARE(events.size(), std::size_t(5));
        // The same connection as the first JSON conn record.
        QCOMPARE(events[0].timestampUs, qint64(1588205199824370));
        QCOMPARE(q(events[0].sourceIp), QStringLiteral("10.0.1.6"));
        QCOMPARE(events[0].sourcePort, 54243);
        QCOMPARE(q(events[0].destinationIp), QStringLiteral("10.0.0.4"));
        QCOMPARE(events[0].destinationPort, 53);
        QCOMPARE(q(events[0].dataset), QStringLiteral("zeek.conn"));
        QCOMPARE(events[0].format, Format::ZeekTsv);
    }
    void zeekTsvBadColumns()
    {
        ZeekTsvHeader h;
        QVERIFY(h.readHeaderLine("#separator \\x09"));
        QVERIFY(h.readHeaderLine("#fields\tts\tuid"));
        Event e;
        std::string err;
        QVERIFY(!normaliseZeekTsv(h, "1588205199.8\tC1\textra", e, err));
        QCOMPARE(q(err), QStringLiteral("expected 2 columns, found 3"));
    }
    void wazuh()
    {
        Event e;
        std::string err;
        QVERIFY(
            normaliseLine(line(data("alerts/wazuh_insect_head.json"), 1), Format::Wazuh, e, err));
        QCOMPARE(e.kind, EventKind::Alert);
        QCOMPARE(q(e.ruleId), QStringLiteral("20100"));
        QCOMPARE(q(e.ruleName), QStringLiteral("First time this IDS alert is generated."));
        QCOMPARE(e.severity, 53); // level 8 of 15
        QCOMPARE(q(e.hostName), QStringLiteral("user-0"));
        QCOMPARE(q(e.hostId), QStringLiteral("000"));
        QCOMPARE(q(e.sourceIp), QStringLiteral("192.168.10.18"));
        QCOMPARE(q(e.destinationIp), QStringLiteral("192.168.10.21")); // "192.168.10.21:80" split
        QCOMPARE(e.destinationPort, 80);
        QCOMPARE(q(formatTimestampUs(e.timestampUs)),
                 QStringLiteral("2020-03-04T13:55:05.224939Z"));
    }
    void wazuhAuthFailure()
    {
        Event e;
        std::string err;
        QVERIFY(
            normaliseLine(line(data("alerts/wazuh_spiral_auth.json"), 1), Format::Wazuh, e, err));
        QCOMPARE(q(e.ruleName), QStringLiteral("PAM: User login failed."));
        QCOMPARE(e.severity, 33); // level 5
        QCOMPARE(q(e.userName), QStringLiteral("giovanni"));
    }
    void wazuhWholeFixture()
    {
        RecordReader r;
        QString error;
        QVERIFY(r.open(data("alerts/wazuh_insect_head.json"), error));
        RecordReader::Item item;
        simdjson::dom::parser p;
        int n = 0;
        while (r.next(item)) {
            simdjson::dom::element doc;
            QCOMPARE(p.parse(item.text.data(), item.text.size(), false).get(doc),
                     simdjson::SUCCESS);
            simdjson::dom::object o = doc;
            QCOMPARE(detectJson(o), Format::Wazuh);
            Event e;
            std::string err;
            QVERIFY2(normaliseJson(Format::Wazuh, o, e, err), err.c_str());
            QVERIFY(e.severity >= 0 && e.severity <= 100);
            ++n;
        }
        QCOMPARE(n, 20);
    }
    void missingTimestamp()
    {
        Event e;
        std::string err;
        QVERIFY(!normaliseLine(R"({"timestamp":"soon","event_type":"flow","src_ip":"1.2.3.4"})",
                               Format::SuricataEve,
                               e,
                               err));
        QCOMPARE(q(err), QStringLiteral("timestamp missing or not a date"));
    }
    void unknownLayout()
    {
        simdjson::dom::parser p;
        simdjson::dom::element doc;
        QCOMPARE(p.parse(std::string(R"({"hello":"world","n":1})")).get(doc), simdjson::SUCCESS);
        simdjson::dom::object o = doc;
        QCOMPARE(detectJson(o), Format::Unknown);
    }
};

QTEST_GUILESS_MAIN(TestNetworkFormats)
#include "tst_networkformats.moc"
