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
        q.after = AlertQuery::keysetOf(page1->back(), q.sort);
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
    // Every column sorts both ways; keyset pages put together equal the whole ordered result, with
    // ties (and empty values) broken by time and id, never repeated nor skipped.
    void sortsByEveryColumnWithKeyset()
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("sort.db")));
        Store &store = **s;
        IngestBatch b;
        const char *hosts[] = {"web01", "", "DC01", "ws-été", "web01"};
        const char *users[] = {"alice", "bob", "", "Zoë"};
        const char *techs[] = {"T1046", "", "T1059.001,T1105", "T1003"};
        for (int i = 0; i < 61; ++i) {
            Event e = alert(2000000 + (i % 17) * 10,
                            (i * 37) % 101,
                            hosts[i % 5],
                            i % 3 ? "ET SCAN" : "Mimikatz");
            e.userName = users[i % 4];
            e.techniqueIds = techs[i % 4];
            e.dataset = i % 2 ? "suricata.eve" : "wazuh";
            b.events.push_back(e);
            b.identities.push_back(50000 + i);
        }
        QCOMPARE(*store.writeBatch(b), 61);
        TriageChange assign;
        assign.action = QStringLiteral("assign");
        assign.status = AlertStatus::InProgress;
        assign.assignee = QStringLiteral("carol");
        QVERIFY(
            store.triage(QStringLiteral("t"), assign, std::vector<std::int64_t>{1, 5, 9, 13}).ok());
        for (AlertSort sort : {AlertSort::Time,
                               AlertSort::Severity,
                               AlertSort::Status,
                               AlertSort::Host,
                               AlertSort::User,
                               AlertSort::Source,
                               AlertSort::Rule,
                               AlertSort::Technique,
                               AlertSort::Assignee}) {
            for (bool asc : {false, true}) {
                AlertQuery all;
                all.sort = sort;
                all.ascending = asc;
                all.limit = 0;
                const auto whole = store.alerts(all);
                QVERIFY2(whole.ok(), qPrintable(whole.error()));
                QCOMPARE(whole->size(), std::size_t(61));
                std::vector<std::int64_t> paged;
                AlertQuery q = all;
                q.limit = 7;
                for (int guard = 0; guard < 20; ++guard) {
                    const auto page = store.alerts(q);
                    QVERIFY(page.ok());
                    for (const AlertRow &r : *page)
                        paged.push_back(r.id);
                    if (page->size() < 7)
                        break;
                    q.after = AlertQuery::keysetOf(page->back(), sort);
                }
                std::vector<std::int64_t> expected;
                for (const AlertRow &r : *whole)
                    expected.push_back(r.id);
                QCOMPARE(paged, expected);
                // A jump (offset) lands on the same rows as paging there.
                AlertQuery jump = all;
                jump.offset = 13;
                jump.limit = 7;
                std::vector<std::int64_t> jumped;
                const auto landed = store.alerts(jump);
                for (const AlertRow &r : *landed)
                    jumped.push_back(r.id);
                QCOMPARE(jumped,
                         std::vector<std::int64_t>(expected.begin() + 13, expected.begin() + 20));
                // A snapshot leaves out what came after it.
                AlertQuery snap = all;
                snap.maxId = 40;
                QCOMPARE(store.alerts(snap)->size(), std::size_t(40));
                // And the order is the column's.
                for (std::size_t i = 1; i < whole->size(); ++i) {
                    const AlertKeyset a = AlertQuery::keysetOf((*whole)[i - 1], sort);
                    const AlertKeyset c = AlertQuery::keysetOf((*whole)[i], sort);
                    const auto ka = std::tuple(a.number, a.text.toUtf8(), a.ts, a.id);
                    const auto kc = std::tuple(c.number, c.text.toUtf8(), c.ts, c.id);
                    QVERIFY(asc ? ka < kc : ka > kc);
                }
            }
        }
    }
    // The filter language of the search box, and the filters it sets.
    void parsesAndAppliesFilters()
    {
        const std::int64_t now = 1'700'000'000'000'000;
        auto q = AlertQuery::parse(
            QStringLiteral(
                "host:DC01 user:\"ACME admin\" technique:t1059 source:wazuh since:24h "
                "until:2023-11-14 mimikatz \"C:\\Windows\\x.exe\" status:closed severity:high "
                "tag:apt assignee:- src:10.0.0.1 dst:8.8.8.8 rule:\"ET SCAN\""),
            now);
        QVERIFY2(q.ok(), qPrintable(q.error()));
        QCOMPARE(q->host, QStringLiteral("DC01"));
        QCOMPARE(q->user, QStringLiteral("ACME admin"));
        QCOMPARE(q->technique, QStringLiteral("T1059"));
        QCOMPARE(q->dataset, QStringLiteral("wazuh"));
        QCOMPARE(*q->sinceUs, now - 24LL * 3600 * 1000000);
        QCOMPARE(*q->untilUs, 1699920000LL * 1000000);
        QCOMPARE(q->search, QStringLiteral("mimikatz C:\\Windows\\x.exe"));
        QCOMPARE(*q->status, AlertStatus::Closed);
        QCOMPARE(q->minSeverity, 73);
        QCOMPARE(q->tag, QStringLiteral("apt"));
        QCOMPARE(q->assignee, QStringLiteral("-"));
        QCOMPARE(q->rule, QStringLiteral("ET SCAN"));
        QCOMPARE(q->sourceIp, QStringLiteral("10.0.0.1"));
        QCOMPARE(q->destinationIp, QStringLiteral("8.8.8.8"));
        for (const char *badText :
             {"technique:mimikatz", "since:yesterday", "status:done", "severity:200"}) {
            const auto bad = AlertQuery::parse(QString::fromLatin1(badText), now);
            QVERIFY(!bad.ok());
            QVERIFY2(bad.error().startsWith(QString::fromLatin1(badText)), qPrintable(bad.error()));
        }
        QVERIFY(AlertQuery::parse(QStringLiteral("host:"), now)->isUnfiltered());

        auto s = Store::open(m_dir.filePath(QStringLiteral("sort.db")));
        Store &store = **s;
        auto count = [&](const QString &text) {
            auto f = AlertQuery::parse(text, now);
            f->limit = 0;
            return int(store.alerts(*f)->size());
        };
        QCOMPARE(count(QString()), 61);
        QCOMPARE(count(QStringLiteral("user:ALICE")), 16);
        QCOMPARE(count(QStringLiteral("technique:T1059")), 15); // T1059.001 counts as T1059
        QCOMPARE(count(QStringLiteral("technique:T1105")), 15);
        QCOMPARE(count(QStringLiteral("technique:T1059.001 user:alice")), 0);
        QCOMPARE(count(QStringLiteral("source:wazuh")), 31);
        QCOMPARE(count(QStringLiteral("assignee:carol")), 4);
        QCOMPARE(count(QStringLiteral("assignee:-")), 57);
        AlertQuery t;
        t.limit = 0;
        t.sinceUs = 2000050;
        t.untilUs = 2000100;
        // times 2000000 + k*10 for k = i % 17: k 5..9 → 5 slots of 61 rows
        int expected = 0;
        for (int i = 0; i < 61; ++i)
            expected += (i % 17) >= 5 && (i % 17) < 10;
        QCOMPARE(int(store.alerts(t)->size()), expected);
        QCOMPARE(*store.countAlerts(t), std::int64_t(expected));
        // New alerts since a watermark come in id order.
        AlertQuery live;
        live.newerThanId = 58;
        live.limit = 10;
        const auto fresh = store.alerts(live);
        QCOMPARE(fresh->size(), std::size_t(3));
        QCOMPARE(fresh->front().id, 59);
        QCOMPARE(*store.maxAlertId(), 61);
    }
    // Alerts join an incident through a triage change: recorded, filterable, undone exactly.
    void incidentsFromSelection()
    {
        auto s = Store::open(m_dir.filePath(QStringLiteral("sort.db")));
        Store &store = **s;
        QVERIFY(!store.createIncident(QStringLiteral("  "), QStringLiteral("t")).ok());
        const auto id
            = store.createIncident(QStringLiteral("Mimikatz on DC01"), QStringLiteral("t"));
        QVERIFY2(id.ok(), qPrintable(id.error()));
        TriageChange join;
        join.action = QStringLiteral("add_to_incident");
        join.incident = *id;
        const auto first = store.triage(QStringLiteral("t"), join, std::vector<std::int64_t>{3, 6});
        QVERIFY(first.ok());
        AlertQuery mimikatz;
        mimikatz.rule = QStringLiteral("Mimikatz");
        const auto second = store.triage(QStringLiteral("t"), join, mimikatz);
        QVERIFY(second.ok());
        auto list = store.incidents();
        QCOMPARE(list->size(), std::size_t(1));
        const IncidentSummary &inc = list->front();
        QCOMPARE(inc.title, QStringLiteral("Mimikatz on DC01"));
        QCOMPARE(inc.alertCount, std::int64_t(21 + 2)); // 21 Mimikatz (i % 3 == 0), ids 3 and 6
        QVERIFY(inc.firstSeenUs > 0 && inc.lastSeenUs >= inc.firstSeenUs);
        QVERIFY(inc.hosts.contains(QStringLiteral("DC01")));
        QVERIFY(inc.techniques.contains(QStringLiteral("T1003")));
        AlertQuery of;
        of.incident = *id;
        QCOMPARE(*store.countAlerts(of), std::int64_t(23));
        QCOMPARE(AlertQuery::parse(QStringLiteral("incident:%1").arg(*id), 0)->incident, *id);
        QVERIFY(store.undoTriage(*second, QStringLiteral("t")).ok());
        QCOMPARE(*store.countAlerts(of), std::int64_t(2));

        // A new incident in the same transaction as its alerts.
        TriageChange fresh;
        fresh.action = QStringLiteral("new_incident");
        fresh.newIncident = QStringLiteral("Scan from 10.0.0.1");
        QVERIFY(store.triage(QStringLiteral("t"), fresh, std::vector<std::int64_t>{10, 11}).ok());
        AlertQuery second2;
        second2.incident = store.lastCreatedIncident();
        QVERIFY(second2.incident > *id);
        QCOMPARE(*store.countAlerts(second2), std::int64_t(2));

        // A cancelled bulk action changes nothing.
        auto cancel = std::make_shared<std::atomic<bool>>(true);
        store.setCancelFlag(cancel);
        TriageChange close;
        close.action = QStringLiteral("close");
        close.status = AlertStatus::Closed;
        const auto cancelled = store.triage(QStringLiteral("t"), close, AlertQuery{});
        QVERIFY(!cancelled.ok());
        QVERIFY2(cancelled.error().contains(QLatin1String("cancelled")),
                 qPrintable(cancelled.error()));
        store.setCancelFlag(nullptr);
        AlertQuery closed;
        closed.status = AlertStatus::Closed;
        QCOMPARE(*store.countAlerts(closed), std::int64_t(0));
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
        // ts, severity, status, rule (covering), host (covering), source IP, source→destination,
        // the sort indexes: user, technique, dataset, assignee; host (any case) and destination.
        QCOMPARE(sqlite3_column_int(st, 0), 13);
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
