// SPDX-License-Identifier: Apache-2.0
#include "core/formats/recordreader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigie::Formats;

class TestRecordReader : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString write(const char *name, const QByteArray &content)
    {
        const QString p = m_dir.filePath(QString::fromLatin1(name));
        QFile f(p);
        f.open(QIODevice::WriteOnly);
        f.write(content);
        return p;
    }
    struct Got
    {
        QStringList records;
        QList<qint64> lines;
        QStringList rejected;
    };
    Got readAll(const QString &path)
    {
        Got g;
        RecordReader r;
        QString error;
        if (!r.open(path, error))
            return g;
        RecordReader::Item item;
        while (r.next(item)) {
            if (item.kind == RecordReader::Item::Record) {
                g.records << QString::fromUtf8(item.text.data(), qsizetype(item.text.size()));
                g.lines << item.line;
            } else {
                g.rejected << QStringLiteral("%1:%2").arg(item.line).arg(
                    QString::fromStdString(item.reason));
            }
        }
        return g;
    }

private Q_SLOTS:
    void lines()
    {
        const Got g = readAll(write("a.ndjson", "{\"a\":1}\r\n\n  {\"b\":2}  \n{\"c\":3}"));
        QCOMPARE(g.records, QStringList({"{\"a\":1}", "{\"b\":2}", "{\"c\":3}"}));
        QCOMPARE(g.lines, QList<qint64>({1, 3, 4}));
    }
    void array()
    {
        const Got g = readAll(write("arr.json", "[\n {\"a\":1},\n {\"b\":\"x]\"}\n]\n"));
        QCOMPARE(g.records, QStringList({"{\"a\":1}", "{\"b\":\"x]\"}"}));
        QCOMPARE(g.lines, QList<qint64>({2, 3}));
        QVERIFY(g.rejected.isEmpty());
    }
    void prettyDocuments()
    {
        const Got g = readAll(
            write("pretty.json", "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n{\n  \"c\": 2\n}\n"));
        QCOMPARE(g.records.size(), 2);
        QCOMPARE(g.lines, QList<qint64>({1, 6}));
    }
    void truncatedArray()
    {
        const Got g = readAll(write("trunc.json", "[{\"a\":1},\n{\"b\":"));
        QCOMPARE(g.records, QStringList({"{\"a\":1}"}));
        QCOMPARE(g.rejected.size(), 1);
        QVERIFY(g.rejected.first().startsWith(QLatin1String("2:truncated")));
    }
    void arrayWithScalar()
    {
        const Got g = readAll(write("scalar.json", "[{\"a\":1}, 42, {\"b\":2}]"));
        QCOMPARE(g.records.size(), 2);
        QCOMPARE(g.rejected.size(), 1);
        QVERIFY(g.rejected.first().contains(QLatin1String("expected a JSON object")));
    }
    void straySeparatorsBetweenDocuments()
    {
        // A ']' or ',' outside any array (found by fuzz_records: the reader stood still on it and
        // reported it for ever, so an import never ended). Each is one rejection, then reading goes
        // on.
        const Got g = readAll(write("stray.json", "{\n  \"a\": 1\n}\n]\n,\n{\n  \"b\": 2\n}\n]"));
        QCOMPARE(g.records.size(), 2);
        QCOMPARE(g.rejected.size(), 3);
        QVERIFY(
            g.rejected.first().startsWith(QLatin1String("4:expected a JSON object, found ']'")));
    }
    void longLineIsSkippedNotBuffered()
    {
        QByteArray big = "{\"a\":\"";
        big += QByteArray(3 * 1024 * 1024, 'x');
        big += "\"}\n{\"ok\":1}\n";
        const QString p = write("long.ndjson", "{\"first\":1}\n" + big);
        RecordReader r;
        r.setMaxRecordBytes(1 << 20);
        QString error;
        QVERIFY(r.open(p, error));
        RecordReader::Item item;
        QVERIFY(r.next(item));
        QCOMPARE(item.kind, RecordReader::Item::Record);
        QVERIFY(r.next(item));
        QCOMPARE(item.kind, RecordReader::Item::Rejected);
        QCOMPARE(item.line, 2);
        QVERIFY(QString::fromStdString(item.reason).contains(QLatin1String("MiB limit")));
        QVERIFY(r.next(item));
        QCOMPARE(item.kind, RecordReader::Item::Record);
        QCOMPARE(item.line, 3);
        QCOMPARE(QByteArray(item.text.data(), qsizetype(item.text.size())),
                 QByteArray("{\"ok\":1}"));
        QVERIFY(!r.next(item));
    }
    void chunkBoundaries()
    {
        // More than one 8 MiB chunk: every line must come back whole and in order.
        QByteArray content;
        for (int i = 0; i < 300000; ++i)
            content
                += "{\"n\":" + QByteArray::number(i) + ",\"pad\":\"abcdefghijklmnopqrstuvwxyz\"}\n";
        QVERIFY(content.size() > 9 * 1024 * 1024);
        const Got g = readAll(write("many.ndjson", content));
        QCOMPARE(g.records.size(), 300000);
        QCOMPARE(g.records.at(123456),
                 QStringLiteral("{\"n\":123456,\"pad\":\"abcdefghijklmnopqrstuvwxyz\"}"));
        QCOMPARE(g.lines.last(), 300000);
    }
    void fileErrors_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("blank") << QByteArray("\n  \n") << "empty file (only white space)";
        QTest::newRow("binary") << QByteArray("\x7f"
                                              "ELF\x02\x01\x01\0\0\0",
                                              10)
                                << "binary file (NUL bytes in the first 64 KiB), not text";
    }
    void fileErrors()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        RecordReader r;
        QString error;
        QVERIFY(!r.open(write("bad", content), error));
        QCOMPARE(error, message);
    }
    void missing()
    {
        RecordReader r;
        QString error;
        QVERIFY(!r.open(m_dir.filePath(QStringLiteral("nope.json")), error));
        QCOMPARE(error, QStringLiteral("no such file"));
    }
};

QTEST_GUILESS_MAIN(TestRecordReader)
#include "tst_recordreader.moc"
