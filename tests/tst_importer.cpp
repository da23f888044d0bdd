// SPDX-License-Identifier: Apache-2.0
// The import path end to end in-process: real fixtures into a real SQLite file, duplicates, and
// every kind of bad input from the foundation issue.
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigie;

class TestImporter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    int m_n = 0;

    QString write(const char *name, const QByteArray &content)
    {
        const QString p = m_dir.filePath(QString::fromLatin1(name));
        QFile f(p);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return p;
    }
    std::unique_ptr<Store> freshStore()
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("s%1.db").arg(++m_n)));
        return s ? std::move(*s) : nullptr;
    }
    static QString fixture(const char *rel)
    {
        return QStringLiteral(VIGIE_TEST_DATA "/") + QString::fromLatin1(rel);
    }
    static QByteArray fixtureBytes(const char *rel)
    {
        QFile f(fixture(rel));
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }

private Q_SLOTS:
    void importsAndDeduplicates()
    {
        auto store = freshStore();
        QVERIFY(store);
        {
            Importer imp(*store);
            QVERIFY(imp.begin().ok());
            const auto r = imp.importFile(fixture("network/eve_sample.json"));
            QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
            QCOMPARE(r.format, QStringLiteral("suricata-eve"));
            QCOMPARE(r.accepted, 13);
            QCOMPARE(r.rejectedCount, 0);
            const auto z = imp.importFile(fixture("network/zeek_conn.log"));
            QCOMPARE(z.format, QStringLiteral("zeek-tsv"));
            QCOMPARE(z.accepted, 5);
            QVERIFY(imp.finish().ok());
        }
        auto c = store->counts();
        QCOMPARE(c->events, 18);
        QCOMPARE(c->alerts, 2);
        // Again, into the now non-empty store: nothing new.
        Importer again(*store);
        QVERIFY(again.begin().ok());
        const auto r2 = again.importFile(fixture("network/eve_sample.json"));
        QCOMPARE(r2.accepted, 0);
        QCOMPARE(r2.duplicates, 13);
        QVERIFY(again.finish().ok());
        QCOMPARE(store->counts()->events, 18);
    }
    void rawKeptVerbatim()
    {
        auto store = freshStore();
        Importer imp(*store);
        imp.importFile(fixture("alerts/wazuh_insect_head.json"));
        imp.finish();
        const QList<QByteArray> lines = fixtureBytes("alerts/wazuh_insect_head.json").split('\n');
        AlertQuery q;
        q.limit = 0;
        const auto alerts = store->alerts(q);
        QCOMPARE(alerts->size(), std::size_t(20));
        for (const auto &a : *alerts) {
            const auto raw = store->rawDocument(a.id);
            QVERIFY(raw.ok());
            QVERIFY(lines.contains(QByteArray::fromStdString(*raw)));
        }
    }
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<qint64>("accepted");
        QTest::addColumn<QList<qint64>>("rejectedLines");
        QTest::addColumn<QString>("reason");
        const QByteArray eve = fixtureBytes("network/eve_sample.json");
        const QList<QByteArray> lines = eve.split('\n');
        const QByteArray two = lines[0] + '\n' + lines[1] + '\n';
        QTest::newRow("truncated last line") << two + lines[2].left(60) << qint64(2)
                                             << QList<qint64>{3} << "malformed or truncated JSON";
        QByteArray bad = lines[1];
        bad.replace("ET ", "E\xff\xfe ");
        QTest::newRow("invalid UTF-8") << lines[0] + '\n' + bad + '\n' + lines[2] + '\n'
                                       << qint64(2) << QList<qint64>{2} << "invalid UTF-8";
        QTest::newRow("JSON array")
            << "[" + lines[0] + ",\n" + lines[1] + "]" << qint64(2) << QList<qint64>{} << "";
        QTest::newRow("unknown layout line")
            << lines[0] + "\n{\"hello\":\"world\"}\n"
            << qint64(1) << QList<qint64>{2}
            << "unknown layout: no format Vigie reads has these fields";
        QTest::newRow("not JSON") << lines[0] + "\nMar  4 18:23:45 mail auth: failure\n"
                                  << qint64(1) << QList<qint64>{2} << "";
        QTest::newRow("scalar line")
            << lines[0] + "\n42\n"
            << qint64(1) << QList<qint64>{2} << "a JSON value that is not an object";
    }
    void badInput()
    {
        QFETCH(QByteArray, content);
        QFETCH(qint64, accepted);
        QFETCH(QList<qint64>, rejectedLines);
        QFETCH(QString, reason);
        auto store = freshStore();
        Importer imp(*store);
        const auto r = imp.importFile(write("bad.json", content));
        imp.finish();
        QCOMPARE(r.accepted, accepted);
        QCOMPARE(r.rejectedCount, qint64(rejectedLines.size()));
        for (int i = 0; i < rejectedLines.size(); ++i) {
            QCOMPARE(r.rejected.at(i).line, rejectedLines.at(i));
            if (!reason.isEmpty())
                QCOMPARE(r.rejected.at(i).reason, reason);
            else
                QVERIFY(!r.rejected.at(i).reason.isEmpty());
        }
        QCOMPARE(store->counts()->events, accepted);
    }
    void hugeLine()
    {
        // A 50 MB single line among good ones: rejected with its line number, the rest imported.
        const QList<QByteArray> lines = fixtureBytes("network/eve_sample.json").split('\n');
        QByteArray content = lines[0] + '\n';
        content += "{\"timestamp\":\"2021-06-06T15:59:46+0200\",\"event_type\":\"flow\",\"x\":\"";
        content += QByteArray(50 * 1000 * 1000, 'A');
        content += "\"}\n" + lines[1] + '\n';
        auto store = freshStore();
        Importer imp(*store);
        const auto r = imp.importFile(write("huge.json", content));
        imp.finish();
        QCOMPARE(r.accepted, 2);
        QCOMPARE(r.rejectedCount, 1);
        QCOMPARE(r.rejected.front().line, 2);
        QVERIFY(r.rejected.front().reason.contains(QLatin1String("limit")));
    }
    void fileLevelErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("error");
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("binary") << QByteArray("PK\x03\x04\0\0\0\0", 8)
                                << "binary file (NUL bytes in the first 64 KiB), not text";
    }
    void fileLevelErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        auto store = freshStore();
        Importer imp(*store);
        const auto r = imp.importFile(write("f.bin", content));
        QCOMPARE(r.error, error);
        QCOMPARE(r.accepted, 0);
    }
    void missingFile()
    {
        auto store = freshStore();
        Importer imp(*store);
        const auto r = imp.importFile(m_dir.filePath(QStringLiteral("absent.json")));
        QCOMPARE(r.error, QStringLiteral("no such file"));
    }
    void unknownLayoutGivesUp()
    {
        QByteArray content;
        for (int i = 0; i < 50; ++i)
            content += "{\"k\":" + QByteArray::number(i) + "}\n";
        auto store = freshStore();
        Importer imp(*store);
        ImportOptions o;
        o.giveUpAfter = 10;
        const auto r = imp.importFile(write("unknown.json", content), o);
        QCOMPARE(r.accepted, 0);
        QCOMPARE(r.rejectedCount, 10);
        QVERIFY(r.error.contains(QLatin1String("not a layout Vigie reads")));
    }
    void badInputLosesNothingStored()
    {
        auto store = freshStore();
        {
            Importer imp(*store);
            QCOMPARE(imp.importFile(fixture("network/eve_sample.json")).accepted, 13);
            imp.finish();
        }
        AlertQuery q;
        q.limit = 0;
        const auto before = store->alerts(q);
        Importer imp(*store);
        QVERIFY(imp.begin().ok());
        imp.importFile(write("junk.json", "garbage\n{\"broken\":\n"));
        imp.importFile(write("empty.json", ""));
        imp.importFile(m_dir.filePath(QStringLiteral("missing.json")));
        imp.finish();
        QCOMPARE(store->counts()->events, 13);
        const auto after = store->alerts(q);
        QCOMPARE(after->size(), before->size());
        for (std::size_t i = 0; i < after->size(); ++i) {
            QCOMPARE((*after)[i].id, (*before)[i].id);
            QCOMPARE((*after)[i].ruleName, (*before)[i].ruleName);
        }
    }
    void cancel()
    {
        QByteArray content;
        const QList<QByteArray> lines = fixtureBytes("network/eve_sample.json").split('\n');
        for (int i = 0; i < 5000; ++i) {
            QByteArray l = lines[i % 13];
            content += l.replace(QByteArray("\"flow_id\":"),
                                 QByteArray("\"flow_id\":" + QByteArray::number(i + 1)))
                       + '\n';
        }
        auto store = freshStore();
        Importer imp(*store);
        std::atomic<bool> cancel{true};
        ImportOptions o;
        o.cancel = &cancel;
        const auto r = imp.importFile(write("big.json", content), o);
        imp.finish();
        QVERIFY(r.cancelled);
        QVERIFY(r.accepted < 5000);
        QCOMPARE(store->counts()->events, r.accepted);
    }
};

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
