// SPDX-License-Identifier: Apache-2.0
#include "core/store/rawblock.h"
#include "core/store/store.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
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

// Runs SQL on the file as anyone holding it could, around the Store API; returns the error.
QByteArray sqlError(sqlite3 *db, const char *sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
    const QByteArray msg = rc == SQLITE_OK ? QByteArray() : QByteArray(err ? err : "failed");
    sqlite3_free(err);
    return msg;
}

constexpr std::int64_t kAuditStartUs = 1700000000000000;

// A store whose response audit log holds five entries of one run on incident 7 (the fourth on
// no incident).
std::unique_ptr<Store> auditStore(const QString &path)
{
    auto s = Store::open(path);
    if (!s)
        return nullptr;
    for (int i = 1; i <= 5; ++i) {
        ResponseAuditEntry e;
        e.atUs = kAuditStartUs + (i - 1) * 1000000LL;
        e.actor = QStringLiteral("alice");
        e.kind = i == 1   ? QStringLiteral("run_started")
                 : i == 5 ? QStringLiteral("run_finished")
                          : QStringLiteral("request");
        if (i != 4)
            e.incident = 7;
        e.runId = QStringLiteral("run-1");
        if (i != 1 && i != 5)
            e.step = QStringLiteral("step-%1").arg(i);
        e.detail = i == 1 ? QStringLiteral("{ \"playbook\" : \"contain-host\", \"a\": 1 }")
                          : QStringLiteral("{\"status\":%1}").arg(200 + i);
        if (!(*s)->appendResponseAudit(e))
            return nullptr;
    }
    return std::move(*s);
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
        QVERIFY(s.error().contains(QLatin1String("written by a newer Vigie")));
    }
    // A file that is not a Vigie store — another program's SQLite database, a newer Vigie's store,
    // a corrupted or truncated store, plain text — is refused with a message naming it, and its
    // bytes are left exactly as they were.
    void refusesForeignFilesWithoutTouchingThem()
    {
        auto sha = [](const QString &path) {
            QFile f(path);
            f.open(QIODevice::ReadOnly);
            return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
        };
        const QString foreign = m_dir.filePath(QStringLiteral("foreign.sqlite"));
        {
            sqlite3 *db = nullptr;
            QCOMPARE(sqlite3_open(foreign.toUtf8().constData(), &db), SQLITE_OK);
            sqlite3_exec(db,
                         "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT);"
                         "INSERT INTO moz_places(url) VALUES('https://example.org/');",
                         nullptr,
                         nullptr,
                         nullptr);
            sqlite3_close(db);
        }
        const QString newer = m_dir.filePath(QStringLiteral("newer-untouched.db"));
        {
            auto st = Store::open(newer);
            QVERIFY(st.ok());
            sqlite3_exec((*st)->handle(), "PRAGMA user_version=999", nullptr, nullptr, nullptr);
        }
        const QString corrupt = m_dir.filePath(QStringLiteral("corrupt.db"));
        {
            auto st = Store::open(corrupt);
            QVERIFY(st.ok());
        }
        {
            QFile f(corrupt);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray bytes = f.readAll();
            QVERIFY(bytes.size() > 4096);
            // The header and the start of the schema overwritten. (Damage deep inside a page is
            // found when a query reads it, not at open: checking every page would cost seconds on
            // a large store.)
            for (qsizetype i = 0; i < 200; ++i)
                bytes[i] = char(0xA5);
            f.seek(0);
            f.write(bytes);
        }
        const QString truncated = m_dir.filePath(QStringLiteral("truncated.db"));
        QVERIFY(QFile::copy(corrupt, truncated));
        QVERIFY(QFile::resize(truncated, 1000));
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("not a database at all\n");
        }
        for (const QString &path : QStringList{foreign, newer, corrupt, truncated, text}) {
            const QByteArray before = sha(path);
            const qint64 size = QFileInfo(path).size();
            for (const auto mode : {Store::Mode::ReadWrite, Store::Mode::ReadOnly}) {
                auto st = Store::open(path, mode);
                QVERIFY2(!st.ok(), qPrintable(path));
                QVERIFY2(st.error().contains(path), qPrintable(st.error()));
            }
            QCOMPARE(QFileInfo(path).size(), size);
            QVERIFY2(sha(path) == before, qPrintable(path + QStringLiteral(" was modified")));
            QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))
                    || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
        }
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

    void analyticsOwedAfterAnInterruptedImport()
    {
        // An import killed before its analytics ran (found by the reliability check: after kill -9
        // and a resumed import, 9 analytics alerts of 149,453 were missing, because the resumed
        // import's analytics only looked at what it added itself).
        const QString path = m_dir.filePath(QStringLiteral("analytics.db"));
        IngestBatch b;
        RawBlockBuilder blk;
        b.blocks.emplace_back();
        for (int i = 0; i < 3; ++i) {
            b.events.push_back(alert(1000000 + i, i, "web01", "ET SCAN nmap"));
            b.identities.push_back(7000 + i);
            b.raw.push_back({0, blk.add("{\"n\":" + std::to_string(i) + "}")});
        }
        blk.finish(b.blocks[0]);
        {
            auto s = Store::open(path);
            QCOMPARE(*(*s)->analyticsStart(), 0); // an empty store: from the start
            QVERIFY((*s)->writeBatch(b).ok());
            // killed here, before the analytics
        }
        auto s = Store::open(path);
        QCOMPARE(*(*s)->analyticsStart(), 0); // the next import still looks from the start
        QVERIFY((*s)->analyticsDone().ok());
        QCOMPARE(*(*s)->analyticsStart(), *(*s)->maxEventId()); // caught up: only what comes next
        QVERIFY(*(*s)->maxEventId() >= 3);
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
    void responseAuditChain()
    {
        const QString path = m_dir.filePath(QStringLiteral("audit-chain.db"));
        auto store = auditStore(path);
        QVERIFY(store);
        auto v = store->verifyResponseAudit();
        QVERIFY2(v.ok(), qPrintable(v.error()));
        QVERIFY2(v->ok, qPrintable(v->reason));
        QCOMPARE(v->rows, qint64(5));
        QCOMPARE(v->firstBadId, qint64(0));
        QCOMPARE(v->headId, qint64(5));

        auto all = store->responseAudit(std::nullopt, 0);
        QVERIFY2(all.ok(), qPrintable(all.error()));
        QCOMPARE(all->size(), std::size_t(5));
        QCOMPARE(all->front().id, 5); // newest first
        QCOMPARE(v->headHash, all->front().hash);
        const ResponseAuditEntry first = all->back();
        QCOMPARE(first.id, 1);
        QCOMPARE(first.atUs, kAuditStartUs);
        QCOMPARE(first.kind, QStringLiteral("run_started"));
        QCOMPARE(first.incident.value_or(0), 7);
        QCOMPARE(first.runId, QStringLiteral("run-1"));
        QVERIFY(first.step.isEmpty());
        // Stored as compact JSON with sorted keys.
        QCOMPARE(first.detail, QStringLiteral("{\"a\":1,\"playbook\":\"contain-host\"}"));
        QCOMPARE(first.prevHash, QString(64, QLatin1Char('0')));
        QCOMPARE((*all)[3].prevHash, first.hash);
        QCOMPARE((*all)[0].prevHash, (*all)[1].hash);
        QVERIFY(!(*all)[1].incident);

        // The documented serialisation, written out by hand, and its digest pinned: a tool that
        // checks an exported log depends on both.
        auto field = [](const QByteArray &value) -> QByteArray {
            return QByteArray::number(value.size()) + ':' + value + '\n';
        };
        const QByteArray input
            = QByteArray("vigie.response_audit.v1\n") + field("1") + field("1700000000000000")
              + field("alice") + field("run_started") + field("7") + field("run-1") + "-\n"
              + field("{\"a\":1,\"playbook\":\"contain-host\"}") + field(QByteArray(64, '0'));
        QCOMPARE(responseAuditHashInput(1,
                                        kAuditStartUs,
                                        "alice",
                                        "run_started",
                                        7,
                                        QByteArray("run-1"),
                                        std::nullopt,
                                        first.detail.toUtf8(),
                                        QByteArray(64, '0')),
                 input);
        QCOMPARE(QCryptographicHash::hash(input, QCryptographicHash::Sha256).toHex(),
                 first.hash.toLatin1());
        QCOMPARE(
            first.hash,
            QStringLiteral("d92c8a5c0412067f596c9c7dd317e11b5f158b0addd88bfedd1b58d83ba18650"));

        // One incident's entries, newest first, and the limit.
        auto seven = store->responseAudit(7, 0);
        QCOMPARE(seven->size(), std::size_t(4));
        auto two = store->responseAudit(7, 2);
        QCOMPARE(two->size(), std::size_t(2));
        QCOMPARE((*two)[0].id, 5);
        QCOMPARE((*two)[1].id, 3);
        QVERIFY(store->responseAudit(8, 0)->empty());

        // The triggers refuse plain changes.
        QVERIFY(sqlError(store->handle(), "UPDATE response_audit SET detail = '{}' WHERE id = 2")
                    .contains("append-only"));
        QVERIFY(sqlError(store->handle(), "DELETE FROM response_audit WHERE id = 2")
                    .contains("append-only"));
        QCOMPARE(store->responseAudit(std::nullopt, 0)->size(), std::size_t(5));

        // Credentials that slip into a detail are masked before they are written (and hashed).
        ResponseAuditEntry request;
        request.kind = QStringLiteral("request");
        request.incident = 7;
        request.detail = QStringLiteral(
            R"({"method":"POST","headers":{"Authorization":["ApiKey c2VjcmV0OmtleQ=="],)"
            R"("Content-Type":"application/json"},)"
            R"("raw":"POST /api/endpoint/action/isolate HTTP/1.1\r\nX-Api-Key: abc123secret\r\n",)"
            R"("pairs":[{"name":"Cookie","value":"sid=42xyz"}],"password":"hunter2"})");
        auto id = store->appendResponseAudit(request);
        QVERIFY2(id.ok(), qPrintable(id.error()));
        QCOMPARE(*id, 6);
        const QString stored = store->responseAudit(std::nullopt, 1)->front().detail;
        for (const char *secret : {"c2VjcmV0OmtleQ", "abc123secret", "sid=42xyz", "hunter2"})
            QVERIFY2(!stored.contains(QLatin1String(secret)), qPrintable(stored));
        QVERIFY2(stored.contains(QLatin1String("ApiKey ***")), qPrintable(stored));
        QVERIFY2(stored.contains(QLatin1String("application/json")), qPrintable(stored));
        QCOMPARE(store->responseAudit(std::nullopt, 1)->front().actor, QStringLiteral("analyst"));

        // What the log cannot hold.
        ResponseAuditEntry bad;
        bad.kind = QStringLiteral("Run Started");
        QVERIFY(!store->appendResponseAudit(bad));
        bad.kind = QStringLiteral("manual");
        bad.detail = QStringLiteral("[1, 2]");
        QVERIFY(!store->appendResponseAudit(bad));
        QVERIFY(store->verifyResponseAudit()->ok);

        // A reader checks and lists, and cannot write.
        auto ro = Store::open(path, Store::Mode::ReadOnly);
        QVERIFY2(ro.ok(), qPrintable(ro.error()));
        auto rv = (*ro)->verifyResponseAudit();
        QVERIFY2(rv.ok() && rv->ok, qPrintable(rv.ok() ? rv->reason : rv.error()));
        QCOMPARE(rv->rows, qint64(6));
        QCOMPARE((*ro)->responseAudit(std::nullopt, 0)->size(), std::size_t(6));
        QVERIFY(!(*ro)->appendResponseAudit(request));
    }
    void responseAuditTampering()
    {
        // A detail changed by someone who dropped the triggers first.
        {
            auto store = auditStore(m_dir.filePath(QStringLiteral("audit-modified.db")));
            QVERIFY(store);
            QCOMPARE(sqlError(store->handle(),
                              "DROP TRIGGER response_audit_no_update; UPDATE response_audit SET "
                              "detail = '{\"status\":500}' WHERE id = 3"),
                     QByteArray());
            auto v = store->verifyResponseAudit();
            QVERIFY2(v.ok(), qPrintable(v.error()));
            QVERIFY(!v->ok);
            QCOMPARE(v->firstBadId, qint64(3));
            QCOMPARE(v->rows, qint64(5));
            QCOMPARE(v->reason,
                     QStringLiteral("entry 3 was modified (its hash does not match its content)"));
        }
        // An entry in the middle deleted.
        {
            auto store = auditStore(m_dir.filePath(QStringLiteral("audit-deleted.db")));
            QVERIFY(store);
            QCOMPARE(sqlError(store->handle(),
                              "DROP TRIGGER response_audit_no_delete; DELETE FROM response_audit "
                              "WHERE id = 3"),
                     QByteArray());
            auto v = store->verifyResponseAudit();
            QVERIFY(!v->ok);
            QCOMPARE(v->firstBadId, qint64(3));
            QCOMPARE(v->rows, qint64(4));
            QCOMPARE(v->reason,
                     QStringLiteral("entry 3 is missing (entry 4's previous hash does not match "
                                    "entry 2's hash)"));
        }
        // An entry rewritten with its hash recomputed: the next entry no longer links to it.
        {
            auto store = auditStore(m_dir.filePath(QStringLiteral("audit-rewritten.db")));
            QVERIFY(store);
            const auto entries = *store->responseAudit(std::nullopt, 0);
            const ResponseAuditEntry &third = entries[2];
            QCOMPARE(third.id, 3);
            const QByteArray detail = "{\"status\":200}";
            const QByteArray hash
                = QCryptographicHash::hash(responseAuditHashInput(third.id,
                                                                  third.atUs,
                                                                  third.actor.toUtf8(),
                                                                  third.kind.toUtf8(),
                                                                  third.incident,
                                                                  third.runId.toUtf8(),
                                                                  third.step.toUtf8(),
                                                                  detail,
                                                                  third.prevHash.toUtf8()),
                                           QCryptographicHash::Sha256)
                      .toHex();
            const QByteArray sql = "DROP TRIGGER response_audit_no_update; UPDATE response_audit "
                                   "SET detail = '"
                                   + detail + "', hash = '" + hash + "' WHERE id = 3";
            QCOMPARE(sqlError(store->handle(), sql.constData()), QByteArray());
            auto v = store->verifyResponseAudit();
            QVERIFY(!v->ok);
            QCOMPARE(v->firstBadId, qint64(4));
            QVERIFY2(v->reason.contains(QLatin1String("chain breaks at entry 4")),
                     qPrintable(v->reason));
        }
        // The last entry deleted: no gap in the ids, but the store recorded the head. The next
        // entry keeps the gap visible.
        {
            auto store = auditStore(m_dir.filePath(QStringLiteral("audit-truncated.db")));
            QVERIFY(store);
            QCOMPARE(sqlError(store->handle(),
                              "DROP TRIGGER response_audit_no_delete; DELETE FROM response_audit "
                              "WHERE id = 5"),
                     QByteArray());
            auto v = store->verifyResponseAudit();
            QVERIFY(!v->ok);
            QCOMPARE(v->firstBadId, qint64(5));
            QVERIFY2(v->reason.startsWith(QLatin1String("entry 5 is missing")),
                     qPrintable(v->reason));
            ResponseAuditEntry next;
            next.kind = QStringLiteral("manual");
            QCOMPARE(*store->appendResponseAudit(next), 6);
            v = store->verifyResponseAudit();
            QVERIFY(!v->ok);
            QCOMPARE(v->firstBadId, qint64(5));
            QCOMPARE(v->reason,
                     QStringLiteral("entry 5 is missing (entry 6's previous hash does not match "
                                    "entry 4's hash)"));
        }
        // The whole table dropped.
        {
            auto store = auditStore(m_dir.filePath(QStringLiteral("audit-dropped.db")));
            QVERIFY(store);
            QCOMPARE(sqlError(store->handle(), "DROP TABLE response_audit"), QByteArray());
            auto v = store->verifyResponseAudit();
            QVERIFY2(v.ok(), qPrintable(v.error()));
            QVERIFY(!v->ok);
        }
    }
    void responseAuditMigratesFromV6()
    {
        const QString path = m_dir.filePath(QStringLiteral("audit-v6.db"));
        {
            // A version 6 store: everything but the response audit log.
            auto s = Store::open(path);
            QVERIFY(s.ok());
            QCOMPARE(sqlError((*s)->handle(), "DROP TABLE response_audit; PRAGMA user_version=6"),
                     QByteArray());
        }
        {
            auto s = Store::open(path);
            QVERIFY2(s.ok(), qPrintable(s.error()));
            QCOMPARE((*s)->schemaVersion(), 7);
            QVERIFY((*s)->verifyResponseAudit()->ok);
            ResponseAuditEntry e;
            e.kind = QStringLiteral("toolkit");
            e.incident = 3;
            QCOMPARE(*(*s)->appendResponseAudit(e), 1);
            QVERIFY((*s)->verifyResponseAudit()->ok);
            QVERIFY(sqlError((*s)->handle(), "DELETE FROM response_audit").contains("append-only"));
        }
        {
            auto ro = Store::open(path, Store::Mode::ReadOnly);
            QVERIFY2(ro.ok(), qPrintable(ro.error()));
            QCOMPARE((*ro)->responseAudit(3, 0)->size(), std::size_t(1));
        }
        {
            // A store from a newer Vigie is still refused.
            auto s = Store::open(path);
            QCOMPARE(sqlError((*s)->handle(), "PRAGMA user_version=8"), QByteArray());
        }
        auto s = Store::open(path);
        QVERIFY(!s.ok());
        QVERIFY(s.error().contains(QLatin1String("written by a newer Vigie")));
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
