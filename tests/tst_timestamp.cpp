// SPDX-License-Identifier: Apache-2.0
#include "core/events/timestamp.h"

#include <QTest>

using namespace Vigie;

class TestTimestamp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("us");
        // 2021-06-06T13:59:46.457984Z = 1622987986.457984
        QTest::newRow("eve +0200") << "2021-06-06T15:59:46.457984+0200" << qint64(1622987986457984);
        QTest::newRow("zulu") << "2021-06-06T13:59:46.457984Z" << qint64(1622987986457984);
        QTest::newRow("colon offset")
            << "2021-06-06T08:59:46.457984-05:00" << qint64(1622987986457984);
        QTest::newRow("sysmon UtcTime") << "2020-09-04 20:09:38.962" << qint64(1599250178962000);
        QTest::newRow("7 digits") << "2021-08-02T13:11:39.7724491Z" << qint64(1627909899772449);
        QTest::newRow("no fraction") << "2020-03-04T13:55:05+0000" << qint64(1583330105000000);
        QTest::newRow("zeek epoch") << "1588205199.82437" << qint64(1588205199824370);
        QTest::newRow("date only") << "2020-01-01" << qint64(1577836800000000);
        QTest::newRow("before 1970") << "1969-12-31T23:59:59Z" << qint64(-1000000);
        QTest::newRow("last second") << "253402300799" << qint64(253402300799000000);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(qint64, us);
        const auto r = parseTimestampUs(text.toStdString());
        QVERIFY(r.has_value());
        QCOMPARE(*r, us);
    }
    void rejects_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "";
        QTest::newRow("words") << "yesterday";
        QTest::newRow("month 13") << "2020-13-01T00:00:00Z";
        QTest::newRow("trailing junk") << "2020-01-01T00:00:00Zjunk";
        QTest::newRow("bad hour") << "2020-01-01T25:00:00Z";
        // Outside years 0000–9999 (found by fuzz_timestamp: they formatted as text that did not
        // parse back).
        QTest::newRow("epoch before year 0") << "-097750015347";
        QTest::newRow("epoch after 9999") << "253402300800";
        QTest::newRow("offset past 9999") << "9999-12-31T23:59:59-05:00";
    }
    void rejects()
    {
        QFETCH(QString, text);
        QVERIFY(!parseTimestampUs(text.toStdString()).has_value());
    }
    void format()
    {
        QCOMPARE(QString::fromStdString(formatTimestampUs(1622987986457984)),
                 QStringLiteral("2021-06-06T13:59:46.457984Z"));
        QCOMPARE(QString::fromStdString(formatTimestampUs(-1000000)),
                 QStringLiteral("1969-12-31T23:59:59.000000Z"));
    }
};

QTEST_GUILESS_MAIN(TestTimestamp)
#include "tst_timestamp.moc"
