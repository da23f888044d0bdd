// SPDX-License-Identifier: Apache-2.0
#include "core/store/rawblock.h"
#include "core/store/store.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace Vigie;

namespace {
Event alert(std::int64_t ts, int severity, const char *host, const char *rule)
{
    Event e;
    e.timestampUs = ts;
    e.kind = EventKind::Alert;
    e.format = Format::SuricataEve;
    e.severity = severity;
    e.hostName = host;
    e.ruleName = rule;
    e.sourceIp = "10.0.0.1";
    return e;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void createsSchemaWithWal()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.db"));
        auto s = Store::open(path);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE((*s)->schemaVersion(), Store::SchemaVersion);
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2((*s)->handle(), "PRAGMA journal_mode", -1, &st, nullptr);
        QCOMPARE(sqlite3_step(st), SQLITE_ROW);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))),
                 QByteArray("wal"));
        sqlite3_finalize(st);
    }
    void rejectsForeignFiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("notadb.db"));
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QByteArray(8192, 'x'));
        f.close();
        auto s = Store::open(path);
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(QLatin1String("not a Vigie store")));
    }
    void rejectsNewerSchema()
    {
        const QString path = m_dir.filePath(QStringLiteral("newer.db"));
        {
            auto s = Store::open(path);
            sqlite3_exec((*s)->handle(), "PRAGMA user_version=99", nullptr, nullptr, nullptr);
        }
        auto s = Store::open(path);
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(QLatin1String("newer than this Vigie")));
    }
    void writeQueryAndPage()
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("b.db")));
        Store &store = **s;
        IngestBatch b;
        RawBlockBuilder blk;
        b.blocks.emplace_back();
        for (int i = 0; i < 50; ++i) {
            b.events.push_back(alert(1000000 + i,
                                     i * 2,
                                     i % 2 ? "web01" : "DC01",
                                     i % 5 ? "ET SCAN nmap" : "Mimikatz credential dump"));
            b.identities.push_back(1000 + i);
            const std::string raw = "{\"n\":" + std::to_string(i) + "}";
            b.raw.push_back({0, blk.add(raw)});
        }
        blk.finish(b.blocks[0]);
        std::vector<bool> inserted;
        auto w = store.writeBatch(b, &inserted);
        QVERIFY2(w.ok(), qPrintable(w.error()));
        QCOMPARE(*w, 50);
        // Same identities again: nothing new.
        QCOMPARE(*store.writeBatch(b), 0);

        AlertQuery q;
        q.limit = 20;
        auto page1 = store.alerts(q);
        QCOMPARE(page1->size(), std::size_t(20));
        QCOMPARE(page1->front().timestampUs, 1000049);
        q.beforeTs = page1->back().timestampUs;
        q.beforeId = page1->back().id;
        auto page2 = store.alerts(q);
        QCOMPARE(page2->size(), std::size_t(20));
        QCOMPARE(page2->front().timestampUs, 1000029);

        AlertQuery f;
        f.limit = 0;
        f.minSeverity = 80;
        QCOMPARE(store.alerts(f)->size(), std::size_t(10)); // severities 80..98
        f.minSeverity = -1;
        f.host = QStringLiteral("dc01");
        QCOMPARE(store.alerts(f)->size(), std::size_t(25));
        f.host.clear();
        f.search = QStringLiteral("mimikatz");
        QCOMPARE(store.alerts(f)->size(), std::size_t(10));
        f.search = QStringLiteral("\"unbalanced OR (");
        QVERIFY(store.alerts(f).ok()); // user text is quoted, never parsed as FTS syntax

        const auto id = page1->front().id;
        QCOMPARE(QString::fromStdString(*store.rawDocument(id)), QStringLiteral("{\"n\":49}"));
        QVERIFY(store.setAlertStatus(id, AlertStatus::InProgress, QStringLiteral("alice")).ok());
        AlertQuery st;
        st.status = AlertStatus::InProgress;
        const auto mine = store.alerts(st);
        QCOMPARE(mine->size(), std::size_t(1));
        QCOMPARE(mine->front().assignee, QStringLiteral("alice"));
        // The immutable event is untouched by triage.
        QCOMPARE(QString::fromStdString(store.event(id)->ruleName), QStringLiteral("ET SCAN nmap"));
    }
    // Bulk triage by filter (no cap) and by ids, recorded in the history, undone exactly.
    void triageAndUndo()
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("triage.db")));
        QVERIFY(s);
        Store &store = **s;
        IngestBatch b;
        for (int i = 0; i < 1000; ++i) {
            b.events.push_back(alert(2000000 + i,
                                     47,
                                     i % 4 ? "web01" : "DC01",
                                     i % 10 ? "ET SCAN Suspicious inbound to MSSQL port 1433"
                                            : "Mimikatz credential dump"));
            b.identities.push_back(50000 + i);
        }
        QVERIFY(store.writeBatch(b));
        AlertQuery scans;
        scans.search = QStringLiteral("MSSQL");
        QCOMPARE(*store.countAlerts(scans), 900);
        // Grouped by rule: 1,000 alerts are two rows; each group's filter selects its alerts.
        const auto groups = store.alertGroups(AlertQuery(), AlertGrouping::Rule);
        QVERIFY2(groups, qPrintable(groups.error()));
        QCOMPARE(groups->size(), std::size_t(2));
        QCOMPARE(groups->front().count, 900);
        QCOMPARE(groups->front().open, 900);
        QCOMPARE(*store.countAlerts(groups->front().filter(AlertQuery(), AlertGrouping::Rule)),
                 900);
        const auto hosts = store.alertGroups(scans, AlertGrouping::Host);
        QCOMPARE(hosts->size(), std::size_t(2));
        QCOMPARE(hosts->front().count + hosts->back().count, 900);
        const auto flows = store.alertGroups(AlertQuery(), AlertGrouping::Flow);
        QCOMPARE(flows->size(), std::size_t(1)); // one source, no destination

        TriageChange close;
        close.action = QStringLiteral("close");
        close.status = AlertStatus::Closed;
        close.disposition = QStringLiteral("false_positive");
        close.reason = QStringLiteral("vulnerability scanner of the customer");
        close.addTags = {QStringLiteral("scanner")};
        close.note = QStringLiteral("Known Qualys appliance");
        auto entry = store.triage(QStringLiteral("alice"), close, scans);
        QVERIFY2(entry, qPrintable(entry.error()));
        AlertQuery closed;
        closed.status = AlertStatus::Closed;
        QCOMPARE(*store.countAlerts(closed), 900);
        AlertQuery one = closed;
        one.limit = 1;
        const AlertRow row = store.alerts(one)->front();
        QCOMPARE(row.disposition, QStringLiteral("false_positive"));
        QCOMPARE(row.tags, QStringList{QStringLiteral("scanner")});
        QCOMPARE(store.notes(row.id)->size(), std::size_t(1));
        QCOMPARE(store.notes(row.id)->front().actor, QStringLiteral("alice"));

        // By ids: assign two Mimikatz alerts, tag one more tag, remove the other.
        AlertQuery mimi;
        mimi.search = QStringLiteral("Mimikatz");
        mimi.limit = 2;
        const auto two = store.alerts(mimi);
        TriageChange assign;
        assign.action = QStringLiteral("assign");
        assign.status = AlertStatus::InProgress;
        assign.assignee = QStringLiteral("bob");
        assign.severity = 99;
        auto second = store.triage(QStringLiteral("alice"), assign, {two->at(0).id, two->at(1).id});
        QVERIFY(second);
        AlertQuery bobs;
        bobs.status = AlertStatus::InProgress;
        QCOMPARE(*store.countAlerts(bobs), 2);
        const auto hist = store.history();
        QCOMPARE(hist->size(), std::size_t(2));
        QCOMPARE(hist->front().action, QStringLiteral("assign"));
        QCOMPARE(hist->front().count, 2);
        QCOMPARE(hist->back().count, 900);

        // Undo the close: statuses, dispositions, tags and notes are as before.
        auto undone = store.undoTriage(*entry, QStringLiteral("alice"));
        QVERIFY2(undone, qPrintable(undone.error()));
        QCOMPARE(*undone, 900);
        QCOMPARE(*store.countAlerts(closed), 0);
        QVERIFY(store.alerts(one)->empty());
        AlertQuery again = scans;
        again.limit = 1;
        const AlertRow back = store.alerts(again)->front();
        QVERIFY(back.disposition.isEmpty());
        QVERIFY(back.tags.isEmpty());
        QVERIFY(store.notes(back.id)->empty());
        QCOMPARE(*store.countAlerts(bobs), 2);                       // the later action stays
        QVERIFY(!store.undoTriage(*entry, QStringLiteral("alice"))); // twice: refused
        QCOMPARE(store.history()->front().action, QStringLiteral("undo"));

        TriageChange bad;
        bad.disposition = QStringLiteral("maybe");
        QVERIFY(!store.triage(QStringLiteral("alice"), bad, scans));
    }

    void bulkLoadRebuildsIndexes()
    {
        const QString path = m_dir.filePath(QStringLiteral("c.db"));
        {
            auto s = Store::open(path);
            QVERIFY((*s)->beginBulkLoad().ok());
            // A crash here leaves the store without its indexes...
        }
        auto s = Store::open(path); // ...and the next open rebuilds them.
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(
            (*s)->handle(),
            "SELECT count(*) FROM sqlite_schema WHERE type='index' AND name LIKE 'alerts_%'",
            -1,
            &st,
            nullptr);
        sqlite3_step(st);
        // ts, severity, status, rule (covering), host (covering), source IP, source→destination.
        QCOMPARE(sqlite3_column_int(st, 0), 7);
        sqlite3_finalize(st);
    }
    void rawBlockDamage()
    {
        RawBlockBuilder b;
        b.add("one");
        b.add("two");
        std::string z;
        b.finish(z);
        std::string out;
        QVERIFY(rawBlockRecord(z, 1, out));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("two"));
        QVERIFY(!rawBlockRecord(z, 2, out));
        z[z.size() / 2] ^= 0x55;
        QVERIFY(!rawBlockRecord(z.substr(0, z.size() - 3), 0, out));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
