// SPDX-License-Identifier: Apache-2.0
#include "store.h"

#include "sqlutil.h"

#include "rawblock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

Q_LOGGING_CATEGORY(lcStore, "vigie.store")

namespace Vigie {

namespace {

// Schema v1. Events are immutable; alerts hold the triage state and copies of the few fields the
// triage queue filters and sorts on, so its indexes cover ~15% of the rows instead of all of them.
constexpr const char *kSchemaV1 = R"SQL(
CREATE TABLE sources(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL DEFAULT (unixepoch()),
    cursor TEXT,
    UNIQUE(kind, name));
CREATE TABLE raw_blocks(
    id INTEGER PRIMARY KEY,
    data BLOB NOT NULL);
CREATE TABLE events(
    id INTEGER PRIMARY KEY,
    identity INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    format INTEGER NOT NULL,
    source_id INTEGER,
    raw_block INTEGER,
    raw_index INTEGER,
    code INTEGER,
    severity INTEGER,
    category TEXT, type TEXT, action TEXT, outcome TEXT, dataset TEXT,
    rule_id TEXT, rule_name TEXT,
    host_name TEXT, host_id TEXT, host_ip TEXT,
    user_name TEXT, user_domain TEXT,
    process_entity_id TEXT, process_pid INTEGER, process_executable TEXT, process_name TEXT,
    process_command_line TEXT,
    parent_entity_id TEXT, parent_pid INTEGER, parent_executable TEXT, parent_command_line TEXT,
    target_entity_id TEXT, target_executable TEXT,
    source_ip TEXT, source_port INTEGER, destination_ip TEXT, destination_port INTEGER,
    network_transport TEXT, dns_question_name TEXT, url_full TEXT,
    file_path TEXT, file_hash_sha256 TEXT, registry_path TEXT, registry_data TEXT,
    technique_ids TEXT, tactic_ids TEXT, flow_id TEXT);
CREATE TABLE alerts(
    event_id INTEGER PRIMARY KEY,
    ts INTEGER NOT NULL,
    severity INTEGER NOT NULL,
    rule_id TEXT, rule_name TEXT, host_name TEXT, source_ip TEXT, destination_ip TEXT,
    status INTEGER NOT NULL DEFAULT 0,
    assignee TEXT,
    disposition TEXT,
    tags TEXT,
    updated_at INTEGER);
CREATE VIRTUAL TABLE event_text USING fts5(rule_name, command_line, file_path, url, content='');
-- The identities already stored, for de-duplication. A table of its own rather than an index on
-- events: after a bulk load it is filled in key order, which costs a fraction of an index build.
CREATE TABLE identities(identity INTEGER PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;
)SQL";

// Schema v2: configured connectors and the hosts sensor managers report.
constexpr const char *kSchemaV2 = R"SQL(
CREATE TABLE connectors(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    updated_at INTEGER NOT NULL DEFAULT (unixepoch()));
CREATE TABLE assets(
    source_id INTEGER NOT NULL,
    agent_id TEXT NOT NULL,
    host_name TEXT, ip TEXT, os TEXT, status TEXT, last_seen INTEGER,
    PRIMARY KEY(source_id, agent_id)) WITHOUT ROWID;
)SQL";

// Schema v3: the triage history (each action with the alerts' state before it, for undo) and notes.
constexpr const char *kSchemaV3 = R"SQL(
ALTER TABLE alerts ADD COLUMN reason TEXT;
CREATE TABLE audit(
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT,
    count INTEGER NOT NULL DEFAULT 0,
    undone_at INTEGER,
    undone_by TEXT);
CREATE TABLE audit_alerts(
    audit_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    before TEXT NOT NULL,
    PRIMARY KEY(audit_id, event_id)) WITHOUT ROWID;
CREATE TABLE alert_notes(
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL,
    audit_id INTEGER,
    at INTEGER NOT NULL,
    actor TEXT,
    text TEXT NOT NULL);
CREATE INDEX alert_notes_event ON alert_notes(event_id);
)SQL";

// Schema v4: the queue sorts by any column, so the alert copies of user, technique and dataset join
// the others, and text columns hold '' rather than NULL (keyset paging compares row values, and a
// NULL compares as neither less nor greater). Incidents: alerts an analyst (or, later, correlation)
// gathered, each with why it joined.
constexpr const char *kSchemaV4 = R"SQL(
ALTER TABLE alerts ADD COLUMN user_name TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN technique_ids TEXT NOT NULL DEFAULT '';
ALTER TABLE alerts ADD COLUMN dataset TEXT NOT NULL DEFAULT '';
UPDATE alerts SET user_name = ifnull(e.user_name, ''), technique_ids = ifnull(e.technique_ids, ''),
    dataset = ifnull(e.dataset, '') FROM events e WHERE e.id = alerts.event_id;
UPDATE alerts SET rule_id = ifnull(rule_id, ''), rule_name = ifnull(rule_name, ''),
    host_name = ifnull(host_name, ''), source_ip = ifnull(source_ip, ''),
    destination_ip = ifnull(destination_ip, ''), assignee = ifnull(assignee, '');
CREATE TABLE incidents(
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    status INTEGER NOT NULL DEFAULT 0,
    severity INTEGER NOT NULL DEFAULT 0,
    assignee TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    updated_at INTEGER);
CREATE TABLE incident_alerts(
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    event_id INTEGER NOT NULL,
    link TEXT NOT NULL,
    evidence TEXT,
    added_at INTEGER NOT NULL,
    added_by TEXT NOT NULL DEFAULT '',
    audit_id INTEGER,
    PRIMARY KEY(incident_id, event_id)) WITHOUT ROWID;
CREATE INDEX incident_alerts_event ON incident_alerts(event_id);
)SQL";

// Schema v5: incidents Vigie's correlation made (rebuilt as alerts arrive) and their score.
constexpr const char *kSchemaV5 = R"SQL(
ALTER TABLE incidents ADD COLUMN score INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN origin TEXT NOT NULL DEFAULT 'analyst';
)SQL";

// Schema v6: the analyst's choices about incidents, which correlation keeps when alerts arrive: a
// title or a severity they set, incidents merged into another, alerts taken out of an incident.
// (An alert the analyst placed — added, merged or split — has added_by <> 'vigie' and stays put.)
constexpr const char *kSchemaV6 = R"SQL(
ALTER TABLE incidents ADD COLUMN title_set INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN severity_set INTEGER NOT NULL DEFAULT 0;
ALTER TABLE incidents ADD COLUMN merged_into INTEGER;
UPDATE incidents SET title_set = 1 WHERE origin = 'analyst';
CREATE TABLE incident_exclusions(
    incident_id INTEGER NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY(incident_id, event_id)) WITHOUT ROWID;
)SQL";

// Schema v7: the response audit log. Append-only: the triggers refuse changes made through SQL,
// and since anyone holding the file can drop them, each entry also carries the hash of the one
// before (see responseAuditHashInput) so that verifyResponseAudit notices what they did.
constexpr const char *kSchemaV7 = R"SQL(
CREATE TABLE response_audit(
    id INTEGER PRIMARY KEY,
    at_us INTEGER NOT NULL,
    actor TEXT NOT NULL,
    kind TEXT NOT NULL,
    incident INTEGER,
    run_id TEXT,
    step TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL);
CREATE INDEX response_audit_incident ON response_audit(incident, id) WHERE incident IS NOT NULL;
CREATE TRIGGER response_audit_no_update BEFORE UPDATE ON response_audit
BEGIN
    SELECT RAISE(ABORT, 'the response audit log is append-only');
END;
CREATE TRIGGER response_audit_no_delete BEFORE DELETE ON response_audit
BEGIN
    SELECT RAISE(ABORT, 'the response audit log is append-only');
END;
)SQL";

struct IndexDef
{
    const char *name;
    const char *sql;
};
// Secondary indexes, dropped during a bulk load into an empty store and built at its end.
constexpr std::array<IndexDef, 16> kIndexes = {{
    {"events_ts", "CREATE INDEX IF NOT EXISTS events_ts ON events(ts)"},
    {"events_process",
     "CREATE INDEX IF NOT EXISTS events_process ON events(process_entity_id) "
     "WHERE process_entity_id IS NOT NULL"},
    {"events_parent",
     "CREATE INDEX IF NOT EXISTS events_parent ON events(parent_entity_id) "
     "WHERE parent_entity_id IS NOT NULL"},
    {"alerts_ts", "CREATE INDEX IF NOT EXISTS alerts_ts ON alerts(ts)"},
    {"alerts_severity", "CREATE INDEX IF NOT EXISTS alerts_severity ON alerts(severity, ts)"},
    {"alerts_status", "CREATE INDEX IF NOT EXISTS alerts_status ON alerts(status, ts)"},
    // The id right after the time: sorting the queue by host walks this index in order too.
    {"alerts_host_sort",
     "CREATE INDEX IF NOT EXISTS alerts_host_sort ON alerts(host_name, ts, event_id, severity, "
     "status)"},
    {"alerts_flow",
     "CREATE INDEX IF NOT EXISTS alerts_flow ON alerts(source_ip, destination_ip, ts, severity, "
     "status)"},
    // Covering (status and severity included): grouping by rule or host is an index scan.
    {"alerts_rule_sort",
     "CREATE INDEX IF NOT EXISTS alerts_rule_sort ON alerts(rule_name, ts, event_id, severity, "
     "status)"},
    {"alerts_source_ip", "CREATE INDEX IF NOT EXISTS alerts_source_ip ON alerts(source_ip, ts)"},
    // Sorting the queue by these columns walks their index.
    {"alerts_user", "CREATE INDEX IF NOT EXISTS alerts_user ON alerts(user_name, ts)"},
    {"alerts_technique",
     "CREATE INDEX IF NOT EXISTS alerts_technique ON alerts(technique_ids, ts)"},
    {"alerts_dataset", "CREATE INDEX IF NOT EXISTS alerts_dataset ON alerts(dataset, ts)"},
    {"alerts_assignee", "CREATE INDEX IF NOT EXISTS alerts_assignee ON alerts(assignee, ts)"},
    // The host filter (a name in any case, or an address on either side) is an OR over these
    // three: SQLite unions the index lookups instead of scanning the queue in time order.
    {"alerts_host_nocase",
     "CREATE INDEX IF NOT EXISTS alerts_host_nocase ON alerts(host_name COLLATE NOCASE)"},
    {"alerts_destination_ip",
     "CREATE INDEX IF NOT EXISTS alerts_destination_ip ON alerts(destination_ip)"},
}};

constexpr const char *kInsertEvent = R"SQL(
INSERT INTO events(identity, ts, kind, format, source_id, raw_block, raw_index, code,
    severity, category, type, action, outcome, dataset, rule_id, rule_name, host_name, host_id,
    host_ip, user_name, user_domain, process_entity_id, process_pid, process_executable,
    process_name, process_command_line, parent_entity_id, parent_pid, parent_executable,
    parent_command_line, target_entity_id, target_executable, source_ip, source_port,
    destination_ip, destination_port, network_transport, dns_question_name, url_full, file_path,
    file_hash_sha256, registry_path, registry_data, technique_ids, tactic_ids, flow_id)
VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))SQL";

constexpr const char *kSelectEventColumns
    = "ts, kind, format, code, severity, category, type, action, outcome, dataset, rule_id, "
      "rule_name, host_name, host_id, host_ip, user_name, user_domain, process_entity_id, "
      "process_pid, process_executable, process_name, process_command_line, parent_entity_id, "
      "parent_pid, parent_executable, parent_command_line, target_entity_id, target_executable, "
      "source_ip, source_port, destination_ip, destination_port, network_transport, "
      "dns_question_name, url_full, file_path, file_hash_sha256, registry_path, registry_data, "
      "technique_ids, tactic_ids, flow_id";

} // namespace

struct Store::Statements
{
    explicit Statements(sqlite3 *db)
        : insertIdentity(db, "INSERT OR IGNORE INTO identities(identity) VALUES(?)")
        , insertBlock(db, "INSERT INTO raw_blocks(data) VALUES(?)")
        , updateCursor(db, "UPDATE sources SET cursor = ? WHERE id = ?")
        , insertEvent(db, kInsertEvent)
        , insertAlert(db,
                      "INSERT OR IGNORE INTO alerts(event_id, ts, severity, rule_id, rule_name, "
                      "host_name, source_ip, destination_ip, user_name, technique_ids, dataset, "
                      "assignee) VALUES(?,?,?,?,?,?,?,?,?,?,?,'')")
        , insertText(db,
                     "INSERT INTO event_text(rowid, rule_name, command_line, file_path, url) "
                     "VALUES(?,?,?,?,?)")
    {}
    bool ok() const
    {
        return insertIdentity && insertBlock && insertEvent && insertAlert && insertText
               && updateCursor;
    }
    Stmt insertIdentity;
    Stmt insertBlock;
    Stmt updateCursor;
    Stmt insertEvent;
    Stmt insertAlert;
    Stmt insertText;
};

QString alertStatusName(AlertStatus s)
{
    switch (s) {
    case AlertStatus::New:
        return QStringLiteral("new");
    case AlertStatus::InProgress:
        return QStringLiteral("in_progress");
    case AlertStatus::Closed:
        return QStringLiteral("closed");
    }
    return QStringLiteral("new");
}

std::optional<AlertStatus> alertStatusFromName(const QString &name)
{
    for (AlertStatus s : {AlertStatus::New, AlertStatus::InProgress, AlertStatus::Closed}) {
        if (alertStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

Result<std::unique_ptr<Store>> Store::open(const QString &path, Mode mode)
{
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;
    store->m_readOnly = mode == Mode::ReadOnly;
    if (mode == Mode::ReadWrite) {
        const QFileInfo fi(path);
        if (!QDir().mkpath(fi.absolutePath()))
            return Error(QStringLiteral("cannot create the folder %1").arg(fi.absolutePath()));
    }
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
                      | SQLITE_OPEN_NOMUTEX;
    const QByteArray p = QFile::encodeName(path);
    if (sqlite3_open_v2(p.constData(), &store->m_db, flags, nullptr) != SQLITE_OK) {
        const QString msg = store->m_db ? QString::fromUtf8(sqlite3_errmsg(store->m_db))
                                        : QStringLiteral("out of memory");
        return Error(QStringLiteral("cannot open the store %1: %2").arg(path, msg));
    }
    sqlite3_busy_timeout(store->m_db, 10000);
    store->exec(
        "PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;");
    // A file that is not a SQLite database fails here, on the first read.
    if (auto r = store->exec("SELECT count(*) FROM sqlite_schema"); !r)
        return Error(QStringLiteral("%1 is not a Vigie store: %2").arg(path, r.error()));
    // Before anything writes (even switching the journal to WAL rewrites the header): a store
    // from a newer Vigie, or another program's SQLite database, is refused and left as it is.
    const int version = store->schemaVersion();
    if (version > SchemaVersion)
        return Error(QStringLiteral("%1 was written by a newer Vigie (schema version %2; this one "
                                    "reads up to %3): it is left as it is")
                         .arg(path)
                         .arg(version)
                         .arg(SchemaVersion));
    if (version == 0) {
        QStringList tables;
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(store->m_db,
                               "SELECT name FROM sqlite_schema WHERE type = 'table' LIMIT 4",
                               -1,
                               &st,
                               nullptr)
            == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                tables << QString::fromUtf8(
                    reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
        if (!tables.isEmpty())
            return Error(QStringLiteral("%1 is an SQLite database of another program (tables %2), "
                                        "not a Vigie store: it is left as it is")
                             .arg(path, tables.join(QStringLiteral(", "))));
    }
    if (mode == Mode::ReadWrite) {
        if (auto r = store->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"); !r)
            return Error(QStringLiteral("%1: %2").arg(path, r.error()));
    }
    if (mode == Mode::ReadWrite) {
        if (auto r = store->migrate(); !r)
            return Error(QStringLiteral("%1: %2").arg(path, r.error()));
        if (auto r = store->ensureIndexes(); !r)
            return Error(QStringLiteral("%1: %2").arg(path, r.error()));
        if (store->bulkLoadInterrupted()) {
            if (auto r = store->repairAfterBulkLoad(); !r)
                return Error(QStringLiteral("%1: %2").arg(path, r.error()));
        }
    } else if (store->schemaVersion() != SchemaVersion) {
        return Error(QStringLiteral("%1 has schema version %2; this Vigie reads version %3")
                         .arg(path)
                         .arg(store->schemaVersion())
                         .arg(SchemaVersion));
    }
    return store;
}

Store::~Store()
{
    m_stmts.reset();
    if (m_db)
        sqlite3_close_v2(m_db);
}

QString Store::lastError() const
{
    if (sqlite3_errcode(m_db) == SQLITE_INTERRUPT && m_cancel && m_cancel->load())
        return QStringLiteral("cancelled");
    return QString::fromUtf8(sqlite3_errmsg(m_db));
}

Result<void> Store::exec(const char *sql) const
{
    static const bool timing = qEnvironmentVariableIsSet("VIGIE_TIMING");
    QElapsedTimer t;
    t.start();
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (timing && t.elapsed() > 50)
        qCInfo(lcStore, "%lld ms: %.60s", static_cast<long long>(t.elapsed()), sql);
    if (rc != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : "unknown error");
        sqlite3_free(err);
        return Error(msg);
    }
    return {};
}

// Runs `body` in one write transaction: committed when it succeeds, rolled back otherwise.
Result<void> Store::inTransaction(const std::function<Result<void>()> &body)
{
    if (auto r = exec("BEGIN IMMEDIATE"); !r)
        return r;
    auto r = body();
    if (r)
        r = exec("COMMIT");
    if (!r)
        exec("ROLLBACK");
    return r;
}

int Store::schemaVersion() const
{
    sqlite3_stmt *s = nullptr;
    int v = -1;
    if (sqlite3_prepare_v2(m_db, "PRAGMA user_version", -1, &s, nullptr) == SQLITE_OK
        && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

Result<void> Store::migrate()
{
    const int v = schemaVersion();
    if (v > SchemaVersion)
        return Error(QStringLiteral("the store has schema version %1, newer than this Vigie (%2)")
                         .arg(v)
                         .arg(SchemaVersion));
    if (v == SchemaVersion)
        return {};
    // Each step moves the schema one version up, inside one transaction.
    if (v == 0) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV1); !r)
                return r;
            return exec("PRAGMA user_version=1");
        });
        if (!r)
            return Error(QStringLiteral("creating the schema failed: %1").arg(r.error()));
    }
    if (v <= 1) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV2); !r)
                return r;
            return exec("PRAGMA user_version=2");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 2 failed: %1").arg(r.error()));
    }
    if (v <= 2) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV3); !r)
                return r;
            return exec("PRAGMA user_version=3");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 3 failed: %1").arg(r.error()));
    }
    if (v <= 3) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV4); !r)
                return r;
            return exec("PRAGMA user_version=4");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 4 failed: %1").arg(r.error()));
    }
    if (v <= 4) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV5); !r)
                return r;
            return exec("PRAGMA user_version=5");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 5 failed: %1").arg(r.error()));
    }
    if (v <= 5) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV6); !r)
                return r;
            return exec("PRAGMA user_version=6");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 6 failed: %1").arg(r.error()));
    }
    if (v <= 6) {
        auto r = inTransaction([this]() -> Result<void> {
            if (auto r = exec(kSchemaV7); !r)
                return r;
            return exec("PRAGMA user_version=7");
        });
        if (!r)
            return Error(
                QStringLiteral("upgrading the schema to version 7 failed: %1").arg(r.error()));
    }
    return {};
}

Result<void> Store::ensureIndexes()
{
    // Superseded by their covering versions.
    exec("DROP INDEX IF EXISTS alerts_rule; DROP INDEX IF EXISTS alerts_host; DROP INDEX IF EXISTS "
         "alerts_rule_cover; DROP INDEX IF EXISTS alerts_host_cover;");
    for (const auto &ix : kIndexes) {
        if (auto r = exec(ix.sql); !r)
            return Error(QStringLiteral("creating index %1 failed: %2")
                             .arg(QString::fromLatin1(ix.name), r.error()));
    }
    return {};
}

Result<void> Store::beginBulkLoad()
{
    // Marked in the file, so that a crash in the middle is repaired on the next open.
    if (auto r = exec("INSERT OR REPLACE INTO meta(key, value) VALUES('bulk_load', 1)"); !r)
        return r;
    // The store was empty: a power cut during the load can only lose this load, which a re-run
    // redoes, so skip the fsync of every checkpoint until it ends.
    exec("PRAGMA synchronous=OFF; PRAGMA wal_autocheckpoint=16384");
    for (const auto &ix : kIndexes) {
        const std::string sql = std::string("DROP INDEX IF EXISTS ") + ix.name;
        if (auto r = exec(sql.c_str()); !r)
            return r;
    }
    m_bulk = true;
    return {};
}

Result<void> Store::endBulkLoad(std::vector<std::int64_t> *identities)
{
    m_bulk = false;
    exec("PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=1000");
    if (!identities)
        return repairAfterBulkLoad();
    // The loader knows every identity it stored: sorted, they append to the table's b-tree,
    // several times faster than reading them back from the events.
    std::sort(identities->begin(), identities->end());
    auto r = inTransaction([this, identities]() -> Result<void> {
        Stmt s(m_db, "INSERT OR IGNORE INTO identities(identity) VALUES(?)");
        for (const std::int64_t id : *identities) {
            sqlite3_bind_int64(s.get(), 1, id);
            const int rc = sqlite3_step(s.get());
            sqlite3_reset(s.get());
            if (rc != SQLITE_DONE)
                return Error(lastError());
        }
        return exec("DELETE FROM meta WHERE key = 'bulk_load'");
    });
    if (!r)
        return Error(QStringLiteral("recording identities failed: %1").arg(r.error()));
    return ensureIndexes();
}

// During a bulk load the identities table is not written: fill it from the events, in key order,
// then build the indexes.
Result<void> Store::repairAfterBulkLoad()
{
    auto r = inTransaction([this]() -> Result<void> {
        if (auto r = exec("INSERT OR IGNORE INTO identities(identity) "
                          "SELECT identity FROM events ORDER BY identity");
            !r)
            return r;
        return exec("DELETE FROM meta WHERE key = 'bulk_load'");
    });
    if (!r)
        return Error(QStringLiteral("recording identities failed: %1").arg(r.error()));
    return ensureIndexes();
}

bool Store::bulkLoadInterrupted() const
{
    Stmt s(m_db, "SELECT 1 FROM meta WHERE key = 'bulk_load'");
    return s && sqlite3_step(s.get()) == SQLITE_ROW;
}

Result<std::int64_t> Store::ensureSource(const QString &kind, const QString &name)
{
    sqlite3_stmt *s = nullptr;
    sqlite3_prepare_v2(m_db,
                       "INSERT INTO sources(kind, name) VALUES(?, ?) "
                       "ON CONFLICT(kind, name) DO UPDATE SET kind=excluded.kind RETURNING id",
                       -1,
                       &s,
                       nullptr);
    bindQString(s, 1, kind);
    bindQString(s, 2, name);
    std::int64_t id = -1;
    if (sqlite3_step(s) == SQLITE_ROW)
        id = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (id < 0)
        return Error(QStringLiteral("cannot register source %1: %2").arg(name, lastError()));
    return id;
}

Result<void> Store::loadIdentities(std::vector<std::uint64_t> &out) const
{
    Stmt s(m_db, "SELECT identity FROM identities");
    if (!s)
        return Error(lastError());
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        out.push_back(static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 0)));
    if (rc != SQLITE_DONE)
        return Error(lastError());
    return {};
}

Result<std::int64_t> Store::writeBatch(const IngestBatch &batch, std::vector<bool> *inserted)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (!m_stmts) {
        m_stmts = std::make_unique<Statements>(m_db);
        if (!m_stmts->ok()) {
            const QString msg = lastError();
            m_stmts.reset();
            return Error(QStringLiteral("preparing statements failed: %1").arg(msg));
        }
    }
    auto &st = *m_stmts;
    if (auto r = exec("BEGIN IMMEDIATE"); !r)
        return Error(QStringLiteral("cannot start a transaction: %1").arg(r.error()));
    auto fail = [this](const QString &what) -> Result<std::int64_t> {
        // A full disk is the analyst's to fix, and nothing is lost: say so.
        const QString msg
            = sqlite3_extended_errcode(m_db) == SQLITE_FULL || sqlite3_errcode(m_db) == SQLITE_FULL
                  ? QStringLiteral(
                        "%1: the disk holding the store %2 is full (%3); what was stored "
                        "before is kept: free some space and run the same import "
                        "again, nothing will be stored twice")
                        .arg(what, m_path, lastError())
                  : QStringLiteral("%1: %2").arg(what, lastError());
        exec("ROLLBACK");
        return Error(msg);
    };

    std::vector<std::int64_t> blockIds(batch.blocks.size(), -1);
    sqlite3_stmt *s = st.insertBlock.get();
    for (std::size_t i = 0; i < batch.blocks.size(); ++i) {
        sqlite3_bind_blob(s, 1, batch.blocks[i].data(), int(batch.blocks[i].size()), SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) {
            sqlite3_reset(s);
            return fail(QStringLiteral("storing original documents failed"));
        }
        sqlite3_reset(s);
        blockIds[i] = sqlite3_last_insert_rowid(m_db);
    }

    if (inserted)
        inserted->assign(batch.events.size(), false);
    std::int64_t added = 0;
    sqlite3_stmt *idst = st.insertIdentity.get();
    sqlite3_stmt *ev = st.insertEvent.get();
    sqlite3_stmt *al = st.insertAlert.get();
    sqlite3_stmt *tx = st.insertText.get();
    for (std::size_t i = 0; i < batch.events.size(); ++i) {
        const Event &e = batch.events[i];
        if (!m_bulk) {
            // A bulk load into an empty store was de-duplicated before it got here.
            sqlite3_bind_int64(idst, 1, static_cast<std::int64_t>(batch.identities[i]));
            const int rc = sqlite3_step(idst);
            sqlite3_reset(idst);
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("recording an identity failed"));
            if (sqlite3_changes(m_db) == 0)
                continue; // identity already stored
        }
        int c = 1;
        sqlite3_bind_int64(ev, c++, static_cast<std::int64_t>(batch.identities[i]));
        sqlite3_bind_int64(ev, c++, e.timestampUs);
        sqlite3_bind_int(ev, c++, static_cast<int>(e.kind));
        sqlite3_bind_int(ev, c++, static_cast<int>(e.format));
        bindInt(ev, c++, batch.sourceId > 0 ? batch.sourceId : -1);
        const auto &ref = i < batch.raw.size() ? batch.raw[i] : IngestBatch::RawRef{};
        if (ref.storedBlock >= 0) {
            bindInt(ev, c++, ref.storedBlock);
            bindInt(ev, c++, ref.index);
        } else {
            bindInt(ev, c++, ref.block >= 0 ? blockIds[ref.block] : -1);
            bindInt(ev, c++, ref.block >= 0 ? ref.index : -1);
        }
        bindInt(ev, c++, e.code);
        bindInt(ev, c++, e.severity);
        bindText(ev, c++, e.category);
        bindText(ev, c++, e.type);
        bindText(ev, c++, e.action);
        bindText(ev, c++, e.outcome);
        bindText(ev, c++, e.dataset);
        bindText(ev, c++, e.ruleId);
        bindText(ev, c++, e.ruleName);
        bindText(ev, c++, e.hostName);
        bindText(ev, c++, e.hostId);
        bindText(ev, c++, e.hostIp);
        bindText(ev, c++, e.userName);
        bindText(ev, c++, e.userDomain);
        bindText(ev, c++, e.processEntityId);
        bindInt(ev, c++, e.processPid);
        bindText(ev, c++, e.processExecutable);
        bindText(ev, c++, e.processName);
        bindText(ev, c++, e.processCommandLine);
        bindText(ev, c++, e.parentEntityId);
        bindInt(ev, c++, e.parentPid);
        bindText(ev, c++, e.parentExecutable);
        bindText(ev, c++, e.parentCommandLine);
        bindText(ev, c++, e.targetEntityId);
        bindText(ev, c++, e.targetExecutable);
        bindText(ev, c++, e.sourceIp);
        bindInt(ev, c++, e.sourcePort);
        bindText(ev, c++, e.destinationIp);
        bindInt(ev, c++, e.destinationPort);
        bindText(ev, c++, e.networkTransport);
        bindText(ev, c++, e.dnsQuestionName);
        bindText(ev, c++, e.urlFull);
        bindText(ev, c++, e.filePath);
        bindText(ev, c++, e.fileHashSha256);
        bindText(ev, c++, e.registryPath);
        bindText(ev, c++, e.registryData);
        bindText(ev, c++, e.techniqueIds);
        bindText(ev, c++, e.tacticIds);
        bindText(ev, c++, e.flowId);
        if (sqlite3_step(ev) != SQLITE_DONE) {
            sqlite3_reset(ev);
            return fail(QStringLiteral("storing an event failed"));
        }
        sqlite3_reset(ev);
        const std::int64_t id = sqlite3_last_insert_rowid(m_db);
        ++added;
        if (inserted)
            (*inserted)[i] = true;
        if (e.isAlert()) {
            sqlite3_bind_int64(al, 1, id);
            sqlite3_bind_int64(al, 2, e.timestampUs);
            sqlite3_bind_int(al, 3, e.severity < 0 ? 0 : e.severity);
            // '' rather than NULL: see schema v4.
            int k = 4;
            for (const std::string *v : {&e.ruleId,
                                         &e.ruleName,
                                         &e.hostName,
                                         &e.sourceIp,
                                         &e.destinationIp,
                                         &e.userName,
                                         &e.techniqueIds,
                                         &e.dataset})
                sqlite3_bind_text(al, k++, v->data(), static_cast<int>(v->size()), SQLITE_STATIC);
            const int rc = sqlite3_step(al);
            sqlite3_reset(al);
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("storing an alert failed"));
        }
        if (!e.ruleName.empty() || !e.processCommandLine.empty() || !e.filePath.empty()
            || !e.urlFull.empty()) {
            sqlite3_bind_int64(tx, 1, id);
            bindText(tx, 2, e.ruleName);
            bindText(tx, 3, e.processCommandLine);
            bindText(tx, 4, e.filePath);
            bindText(tx, 5, e.urlFull);
            const int rc = sqlite3_step(tx);
            sqlite3_reset(tx);
            if (rc != SQLITE_DONE)
                return fail(QStringLiteral("indexing event text failed"));
        }
    }
    if (batch.cursor && batch.sourceId > 0) {
        sqlite3_stmt *cu = st.updateCursor.get();
        sqlite3_bind_text(
            cu, 1, batch.cursor->data(), static_cast<int>(batch.cursor->size()), SQLITE_STATIC);
        sqlite3_bind_int64(cu, 2, batch.sourceId);
        const int rc = sqlite3_step(cu);
        sqlite3_reset(cu);
        if (rc != SQLITE_DONE)
            return fail(QStringLiteral("saving the resume cursor failed"));
    }
    if (auto r = exec("COMMIT"); !r)
        return fail(QStringLiteral("commit failed"));
    return added;
}

Result<StoreCounts> Store::counts() const
{
    StoreCounts c;
    Stmt s(m_db, "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM alerts)");
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(lastError());
    c.events = sqlite3_column_int64(s.get(), 0);
    c.alerts = sqlite3_column_int64(s.get(), 1);
    return c;
}

namespace {

// The WHERE conditions of an alert filter over `alerts a` (without the keyset bounds).
void appendAlertFilter(std::string &sql, const AlertQuery &q)
{
    if (q.status)
        sql += " AND a.status = :status";
    if (q.minSeverity >= 0)
        sql += " AND a.severity >= :sev";
    if (!q.host.isEmpty())
        sql += " AND (a.host_name = :host COLLATE NOCASE OR a.source_ip = :host OR "
               "a.destination_ip = :host)";
    if (!q.search.isEmpty())
        // '+' keeps SQLite from driving the query by the matches (fetch 100,000 rows, then sort
        // them): it walks the sort index and tests each row against the match set instead, which
        // stops after one page. 236 ms -> 22 ms at 1M alerts; 44 ms when nothing matches.
        sql += " AND +a.event_id IN (SELECT rowid FROM event_text WHERE event_text MATCH "
               ":search)";
    if (!q.rule.isEmpty())
        sql += " AND a.rule_name = :rule";
    if (!q.ruleId.isEmpty())
        sql += " AND a.rule_id = :ruleid";
    if (!q.sourceIp.isEmpty())
        sql += " AND a.source_ip = :src";
    if (!q.destinationIp.isEmpty())
        sql += " AND a.destination_ip = :dst";
    if (!q.user.isEmpty())
        sql += " AND a.user_name = :user COLLATE NOCASE";
    if (!q.technique.isEmpty())
        // A technique matches itself and its sub-techniques in the comma-separated list.
        sql += " AND (',' || a.technique_ids || ',') LIKE :tech ESCAPE '\\'";
    if (!q.dataset.isEmpty())
        sql += " AND a.dataset = :dataset";
    if (!q.assignee.isEmpty())
        sql += " AND a.assignee = :assignee";
    if (!q.tag.isEmpty())
        sql += " AND EXISTS (SELECT 1 FROM json_each(a.tags) WHERE value = :tag)";
    if (!q.process.isEmpty())
        sql += " AND a.event_id IN (SELECT id FROM events WHERE process_entity_id = :proc)";
    if (q.maxId >= 0)
        sql += " AND a.event_id <= :maxid";
    if (q.incident > 0)
        sql += " AND a.event_id IN (SELECT event_id FROM incident_alerts WHERE incident_id = "
               ":incident)";
    if (q.sinceUs)
        sql += " AND a.ts >= :since";
    if (q.untilUs)
        sql += " AND a.ts < :until";
}

QString likeEscaped(QString v)
{
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    v.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return v;
}

void bindAlertFilter(sqlite3_stmt *s, const AlertQuery &q)
{
    auto idx = [&](const char *name) {
        return sqlite3_bind_parameter_index(s, name);
    };
    if (q.status)
        sqlite3_bind_int(s, idx(":status"), static_cast<int>(*q.status));
    if (q.minSeverity >= 0)
        sqlite3_bind_int(s, idx(":sev"), q.minSeverity);
    if (!q.host.isEmpty())
        bindQString(s, idx(":host"), q.host);
    if (!q.rule.isEmpty())
        bindQString(s, idx(":rule"), q.rule);
    if (!q.ruleId.isEmpty())
        bindQString(s, idx(":ruleid"), q.ruleId);
    if (!q.sourceIp.isEmpty())
        bindQString(s, idx(":src"), q.sourceIp);
    if (!q.destinationIp.isEmpty())
        bindQString(s, idx(":dst"), q.destinationIp);
    if (!q.user.isEmpty())
        bindQString(s, idx(":user"), q.user);
    if (!q.technique.isEmpty())
        bindQString(s,
                    idx(":tech"),
                    QStringLiteral("%,") + likeEscaped(q.technique.toUpper())
                        + QStringLiteral("%"));
    if (!q.dataset.isEmpty())
        bindQString(s, idx(":dataset"), q.dataset);
    if (!q.assignee.isEmpty()) {
        const QByteArray a = q.assignee == QLatin1String("-") ? QByteArray() : q.assignee.toUtf8();
        sqlite3_bind_text(s, idx(":assignee"), a.constData(), int(a.size()), SQLITE_TRANSIENT);
    }
    if (!q.tag.isEmpty())
        bindQString(s, idx(":tag"), q.tag);
    if (q.incident > 0)
        sqlite3_bind_int64(s, idx(":incident"), q.incident);
    if (!q.process.isEmpty())
        bindQString(s, idx(":proc"), q.process);
    if (q.maxId >= 0)
        sqlite3_bind_int64(s, idx(":maxid"), q.maxId);
    if (q.sinceUs)
        sqlite3_bind_int64(s, idx(":since"), *q.sinceUs);
    if (q.untilUs)
        sqlite3_bind_int64(s, idx(":until"), *q.untilUs);
    if (!q.search.isEmpty()) {
        // Quote each word so that FTS5 operators in user input are searched for, not interpreted.
        QString fts;
        for (const QString &w : q.search.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
            QString word = w;
            word.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            if (!fts.isEmpty())
                fts += QLatin1Char(' ');
            fts += QLatin1Char('"') + word + QLatin1Char('"');
        }
        bindQString(s, idx(":search"), fts);
    }
}

QStringList tagsFromJson(const std::string &json)
{
    QStringList out;
    if (json.empty())
        return out;
    const QJsonArray a = QJsonDocument::fromJson(QByteArray::fromStdString(json)).array();
    for (const QJsonValue &v : a)
        out << v.toString();
    return out;
}

} // namespace

namespace {

// The alerts column a sort walks; its index is (column, ts).
const char *sortColumn(AlertSort sort)
{
    switch (sort) {
    case AlertSort::Time:
        return nullptr;
    case AlertSort::Severity:
        return "a.severity";
    case AlertSort::Status:
        return "a.status";
    case AlertSort::Host:
        return "a.host_name";
    case AlertSort::User:
        return "a.user_name";
    case AlertSort::Source:
        return "a.dataset";
    case AlertSort::Rule:
        return "a.rule_name";
    case AlertSort::Technique:
        return "a.technique_ids";
    case AlertSort::Assignee:
        return "a.assignee";
    }
    return nullptr;
}

bool numericSort(AlertSort sort)
{
    return sort == AlertSort::Severity || sort == AlertSort::Status;
}

} // namespace

Result<std::vector<AlertRow>> Store::alerts(const AlertQuery &q) const
{
    const char *columns
        = "SELECT a.event_id, a.ts, a.severity, a.rule_id, a.rule_name, a.host_name, a.source_ip, "
          "e.source_port, a.destination_ip, e.destination_port, a.dataset, e.format, a.status, "
          "a.assignee, a.technique_ids, a.disposition, a.tags, a.user_name, e.process_entity_id ";
    const bool live = q.newerThanId >= 0;
    const char *col = live ? nullptr : sortColumn(q.sort);
    const char *cmp = q.ascending ? " > " : " < ";
    const char *dir = q.ascending ? " ASC" : " DESC";
    std::string where = " WHERE 1";
    appendAlertFilter(where, q);
    std::string order;
    if (live) {
        where += " AND a.event_id > :newer";
        order = " ORDER BY a.event_id";
    } else {
        // Row values: SQLite seeks the (column, ts) index to the keyset instead of scanning to it.
        if (q.after) {
            if (col)
                where += std::string(" AND (") + col + ", a.ts, a.event_id)" + cmp
                         + "(:bkey, :bts, :bid)";
            else
                where += std::string(" AND (a.ts, a.event_id)") + cmp + "(:bts, :bid)";
        }
        order = " ORDER BY ";
        if (col)
            order += std::string(col) + dir + ", ";
        order += std::string("a.ts") + dir + ", a.event_id" + dir;
    }
    std::string sql;
    if (q.offset > 0 && !live) {
        // Skipping walks the sort index alone; only the page's rows are joined to their events.
        sql = std::string(columns) + "FROM (SELECT a.event_id AS sid FROM alerts a" + where + order
              + " LIMIT :limit OFFSET :offset) s JOIN alerts a ON a.event_id = s.sid JOIN events e "
                "ON e.id = a.event_id"
              + order;
    } else {
        sql = std::string(columns) + "FROM alerts a JOIN events e ON e.id = a.event_id" + where
              + order + " LIMIT :limit";
    }
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(QStringLiteral("alert query failed: %1").arg(lastError()));
    auto idx = [&](const char *name) {
        return sqlite3_bind_parameter_index(s.get(), name);
    };
    bindAlertFilter(s.get(), q);
    if (live)
        sqlite3_bind_int64(s.get(), idx(":newer"), q.newerThanId);
    if (q.offset > 0 && !live)
        sqlite3_bind_int64(s.get(), idx(":offset"), q.offset);
    if (q.after && !live) {
        if (col) {
            if (numericSort(q.sort)) {
                sqlite3_bind_int64(s.get(), idx(":bkey"), q.after->number);
            } else {
                const QByteArray k = q.after->text.toUtf8();
                sqlite3_bind_text(
                    s.get(), idx(":bkey"), k.constData(), int(k.size()), SQLITE_TRANSIENT);
            }
        }
        sqlite3_bind_int64(s.get(), idx(":bts"), q.after->ts);
        sqlite3_bind_int64(s.get(), idx(":bid"), q.after->id);
    }
    sqlite3_bind_int(s.get(), idx(":limit"), q.limit > 0 ? q.limit : -1);
    std::vector<AlertRow> rows;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        AlertRow r;
        r.id = sqlite3_column_int64(s.get(), 0);
        r.timestampUs = sqlite3_column_int64(s.get(), 1);
        r.severity = sqlite3_column_int(s.get(), 2);
        r.ruleId = colQString(s.get(), 3);
        r.ruleName = colQString(s.get(), 4);
        r.hostName = colQString(s.get(), 5);
        r.sourceIp = colQString(s.get(), 6);
        r.sourcePort = static_cast<int>(colInt(s.get(), 7));
        r.destinationIp = colQString(s.get(), 8);
        r.destinationPort = static_cast<int>(colInt(s.get(), 9));
        r.dataset = colQString(s.get(), 10);
        r.format = static_cast<Format>(sqlite3_column_int(s.get(), 11));
        r.status = static_cast<AlertStatus>(sqlite3_column_int(s.get(), 12));
        r.assignee = colQString(s.get(), 13);
        r.techniqueIds = colQString(s.get(), 14);
        r.disposition = colQString(s.get(), 15);
        r.tags = tagsFromJson(colString(s.get(), 16));
        r.userName = colQString(s.get(), 17);
        r.processEntityId = colQString(s.get(), 18);
        rows.push_back(std::move(r));
    }
    if (rc != SQLITE_DONE)
        return Error(QStringLiteral("alert query failed: %1").arg(lastError()));
    return rows;
}

Result<std::string> Store::rawDocument(std::int64_t eventId) const
{
    Stmt s(m_db,
           "SELECT b.data, e.raw_index FROM events e JOIN raw_blocks b ON b.id = e.raw_block "
           "WHERE e.id = ?");
    sqlite3_bind_int64(s.get(), 1, eventId);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(QStringLiteral("event %1 has no stored original").arg(eventId));
    const std::string_view blob(static_cast<const char *>(sqlite3_column_blob(s.get(), 0)),
                                static_cast<std::size_t>(sqlite3_column_bytes(s.get(), 0)));
    std::string out;
    if (!rawBlockRecord(blob, sqlite3_column_int(s.get(), 1), out))
        return Error(QStringLiteral("the original of event %1 is damaged").arg(eventId));
    return out;
}

namespace {

// The columns of kSelectEventColumns, from column `c` of `q`, into `e`.
void readEventRow(sqlite3_stmt *q, int c, Event &e)
{
    e.timestampUs = sqlite3_column_int64(q, c++);
    e.kind = static_cast<EventKind>(sqlite3_column_int(q, c++));
    e.format = static_cast<Format>(sqlite3_column_int(q, c++));
    e.code = static_cast<int>(colInt(q, c++));
    e.severity = static_cast<int>(colInt(q, c++));
    for (std::string *f : {&e.category,
                           &e.type,
                           &e.action,
                           &e.outcome,
                           &e.dataset,
                           &e.ruleId,
                           &e.ruleName,
                           &e.hostName,
                           &e.hostId,
                           &e.hostIp,
                           &e.userName,
                           &e.userDomain,
                           &e.processEntityId})
        *f = colString(q, c++);
    e.processPid = colInt(q, c++);
    for (std::string *f :
         {&e.processExecutable, &e.processName, &e.processCommandLine, &e.parentEntityId})
        *f = colString(q, c++);
    e.parentPid = colInt(q, c++);
    for (std::string *f : {&e.parentExecutable,
                           &e.parentCommandLine,
                           &e.targetEntityId,
                           &e.targetExecutable,
                           &e.sourceIp})
        *f = colString(q, c++);
    e.sourcePort = static_cast<int>(colInt(q, c++));
    e.destinationIp = colString(q, c++);
    e.destinationPort = static_cast<int>(colInt(q, c++));
    for (std::string *f : {&e.networkTransport,
                           &e.dnsQuestionName,
                           &e.urlFull,
                           &e.filePath,
                           &e.fileHashSha256,
                           &e.registryPath,
                           &e.registryData,
                           &e.techniqueIds,
                           &e.tacticIds,
                           &e.flowId})
        *f = colString(q, c++);
}

} // namespace

Result<Event> Store::event(std::int64_t eventId) const
{
    const std::string sql
        = std::string("SELECT ") + kSelectEventColumns + " FROM events WHERE id = ?";
    Stmt s(m_db, sql.c_str());
    sqlite3_bind_int64(s.get(), 1, eventId);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(QStringLiteral("no event %1").arg(eventId));
    Event e;
    readEventRow(s.get(), 0, e);
    return e;
}

Result<std::int64_t> Store::scanEvents(const EventScan &scan,
                                       const std::function<void(const StoredEvent &)> &visit) const
{
    std::string sql = std::string("SELECT e.id, e.identity, e.raw_block, e.raw_index, ")
                      + kSelectEventColumns + " FROM events e WHERE e.id > ?1";
    if (scan.skipAlerts)
        sql += " AND e.kind != " + std::to_string(int(EventKind::Alert));
    if (scan.sinceUs)
        sql += " AND e.ts >= ?3";
    sql += " ORDER BY e.id LIMIT ?2";
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(QStringLiteral("reading events failed: %1").arg(lastError()));
    sqlite3_bind_int64(s.get(), 1, scan.afterId);
    sqlite3_bind_int(s.get(), 2, scan.limit > 0 ? scan.limit : -1);
    if (scan.sinceUs)
        sqlite3_bind_int64(s.get(), 3, *scan.sinceUs);
    Stmt blockQuery(m_db, "SELECT data FROM raw_blocks WHERE id = ?");
    std::int64_t last = scan.afterId;
    std::int64_t loadedBlock = -1;
    std::string plain;
    std::vector<std::string_view> records;
    StoredEvent row;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        row.id = sqlite3_column_int64(s.get(), 0);
        row.identity = static_cast<std::uint64_t>(sqlite3_column_int64(s.get(), 1));
        row.rawBlock = colInt(s.get(), 2);
        row.rawIndex = static_cast<int>(colInt(s.get(), 3));
        row.event = Event();
        readEventRow(s.get(), 4, row.event);
        row.raw = {};
        if (row.rawBlock >= 0) {
            if (row.rawBlock != loadedBlock) {
                // Consecutive events share blocks: each is decompressed once.
                records.clear();
                loadedBlock = row.rawBlock;
                sqlite3_bind_int64(blockQuery.get(), 1, row.rawBlock);
                if (sqlite3_step(blockQuery.get()) == SQLITE_ROW) {
                    const std::string_view blob(
                        static_cast<const char *>(sqlite3_column_blob(blockQuery.get(), 0)),
                        static_cast<std::size_t>(sqlite3_column_bytes(blockQuery.get(), 0)));
                    if (!rawBlockRecords(blob, plain, records))
                        records.clear();
                }
                sqlite3_reset(blockQuery.get());
            }
            if (row.rawIndex >= 0 && std::size_t(row.rawIndex) < records.size())
                row.raw = records[std::size_t(row.rawIndex)];
        }
        visit(row);
        last = row.id;
    }
    if (rc != SQLITE_DONE)
        return Error(QStringLiteral("reading events failed: %1").arg(lastError()));
    return last;
}

Result<void>
Store::setAlertStatus(std::int64_t eventId, AlertStatus status, const QString &assignee)
{
    Stmt s(m_db,
           "UPDATE alerts SET status = ?, assignee = ifnull(?, ''), updated_at = unixepoch() "
           "WHERE event_id = ?");
    sqlite3_bind_int(s.get(), 1, static_cast<int>(status));
    bindQString(s.get(), 2, assignee);
    sqlite3_bind_int64(s.get(), 3, eventId);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(lastError());
    if (sqlite3_changes(m_db) == 0)
        return Error(QStringLiteral("no alert %1").arg(eventId));
    return {};
}

} // namespace Vigie

namespace Vigie {

Result<std::int64_t> Store::saveConnector(const ConnectorRecord &c)
{
    if (c.name.trimmed().isEmpty())
        return Error(QStringLiteral("a connector needs a name"));
    auto source = ensureSource(QStringLiteral("connector"), c.name);
    if (!source)
        return Error(source.error());
    std::int64_t id = -1;
    auto r = inTransaction([&]() -> Result<void> {
        Stmt s(m_db,
               "INSERT INTO connectors(name, kind, config, enabled, source_id) "
               "VALUES(?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, "
               "config = excluded.config, enabled = excluded.enabled, "
               "updated_at = unixepoch() RETURNING id");
        if (!s)
            return Error(lastError());
        bindQString(s.get(), 1, c.name);
        bindQString(s.get(), 2, c.kind);
        sqlite3_bind_text(s.get(), 3, c.config.constData(), int(c.config.size()), SQLITE_STATIC);
        sqlite3_bind_int(s.get(), 4, c.enabled ? 1 : 0);
        sqlite3_bind_int64(s.get(), 5, *source);
        if (sqlite3_step(s.get()) != SQLITE_ROW)
            return Error(lastError());
        id = sqlite3_column_int64(s.get(), 0);
        return {};
    });
    if (!r)
        return Error(QStringLiteral("saving connector %1 failed: %2").arg(c.name, r.error()));
    return id;
}

namespace {
constexpr const char *kSelectConnector
    = "SELECT c.id, c.name, c.kind, c.config, c.enabled, c.source_id, s.cursor "
      "FROM connectors c JOIN sources s ON s.id = c.source_id";

ConnectorRecord readConnector(sqlite3_stmt *s)
{
    ConnectorRecord c;
    c.id = sqlite3_column_int64(s, 0);
    c.name = colQString(s, 1);
    c.kind = colQString(s, 2);
    const std::string config = colString(s, 3);
    c.config = QByteArray(config.data(), qsizetype(config.size()));
    c.enabled = sqlite3_column_int(s, 4) != 0;
    c.sourceId = sqlite3_column_int64(s, 5);
    c.cursor = colString(s, 6);
    return c;
}
} // namespace

Result<std::vector<ConnectorRecord>> Store::connectors() const
{
    const std::string sql = std::string(kSelectConnector) + " ORDER BY c.name";
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(lastError());
    std::vector<ConnectorRecord> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW)
        out.push_back(readConnector(s.get()));
    if (rc != SQLITE_DONE)
        return Error(lastError());
    return out;
}

Result<ConnectorRecord> Store::connector(const QString &name) const
{
    const std::string sql = std::string(kSelectConnector) + " WHERE c.name = ?";
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(lastError());
    bindQString(s.get(), 1, name);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(QStringLiteral("no connector is named %1").arg(name));
    return readConnector(s.get());
}

Result<bool> Store::removeConnector(const QString &name)
{
    Stmt s(m_db, "DELETE FROM connectors WHERE name = ?");
    if (!s)
        return Error(lastError());
    bindQString(s.get(), 1, name);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(lastError());
    return sqlite3_changes(m_db) > 0;
}

Result<void> Store::setSourceCursor(std::int64_t sourceId, const std::string &cursor)
{
    Stmt s(m_db, "UPDATE sources SET cursor = ? WHERE id = ?");
    if (!s)
        return Error(lastError());
    bindText(s.get(), 1, cursor);
    sqlite3_bind_int64(s.get(), 2, sourceId);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(lastError());
    return {};
}

Result<std::int64_t> Store::countEventsFromSource(std::int64_t sourceId) const
{
    Stmt s(m_db, "SELECT count(*) FROM events WHERE source_id = ?");
    if (!s)
        return Error(lastError());
    sqlite3_bind_int64(s.get(), 1, sourceId);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(lastError());
    return sqlite3_column_int64(s.get(), 0);
}

Result<void> Store::saveAssets(std::int64_t sourceId, const std::vector<AssetRecord> &assets)
{
    return inTransaction([&]() -> Result<void> {
        Stmt s(m_db,
               "INSERT OR REPLACE INTO assets(source_id, agent_id, host_name, ip, os, status, "
               "last_seen) VALUES(?, ?, ?, ?, ?, ?, ?)");
        if (!s)
            return Error(lastError());
        for (const auto &a : assets) {
            sqlite3_bind_int64(s.get(), 1, sourceId);
            bindQString(s.get(), 2, a.agentId);
            bindQString(s.get(), 3, a.hostName);
            bindQString(s.get(), 4, a.ip);
            bindQString(s.get(), 5, a.os);
            bindQString(s.get(), 6, a.status);
            bindInt(s.get(), 7, a.lastSeenUs);
            const int rc = sqlite3_step(s.get());
            sqlite3_reset(s.get());
            if (rc != SQLITE_DONE)
                return Error(lastError());
        }
        return {};
    });
}

Result<std::vector<AssetRecord>> Store::assets() const
{
    Stmt s(m_db,
           "SELECT agent_id, host_name, ip, os, status, last_seen, source_id FROM assets "
           "ORDER BY host_name, agent_id");
    if (!s)
        return Error(lastError());
    std::vector<AssetRecord> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        AssetRecord a;
        a.agentId = colQString(s.get(), 0);
        a.hostName = colQString(s.get(), 1);
        a.ip = colQString(s.get(), 2);
        a.os = colQString(s.get(), 3);
        a.status = colQString(s.get(), 4);
        a.lastSeenUs = colInt(s.get(), 5, 0);
        a.sourceId = sqlite3_column_int64(s.get(), 6);
        out.push_back(a);
    }
    if (rc != SQLITE_DONE)
        return Error(lastError());
    return out;
}

} // namespace Vigie

namespace Vigie {

bool isDisposition(const QString &d)
{
    return d == QLatin1String("true_positive") || d == QLatin1String("false_positive")
           || d == QLatin1String("benign");
}

namespace {

QJsonObject changeJson(const TriageChange &c)
{
    QJsonObject o;
    if (c.status)
        o.insert(QStringLiteral("status"), alertStatusName(*c.status));
    if (c.assignee)
        o.insert(QStringLiteral("assignee"), *c.assignee);
    if (c.severity)
        o.insert(QStringLiteral("severity"), *c.severity);
    if (c.disposition)
        o.insert(QStringLiteral("disposition"), *c.disposition);
    if (c.reason)
        o.insert(QStringLiteral("reason"), *c.reason);
    if (!c.addTags.isEmpty())
        o.insert(QStringLiteral("addTags"), QJsonArray::fromStringList(c.addTags));
    if (!c.removeTags.isEmpty())
        o.insert(QStringLiteral("removeTags"), QJsonArray::fromStringList(c.removeTags));
    if (!c.note.isEmpty())
        o.insert(QStringLiteral("note"), c.note);
    if (c.incident)
        o.insert(QStringLiteral("incident"), qint64(*c.incident));
    if (!c.newIncident.isEmpty())
        o.insert(QStringLiteral("newIncident"), c.newIncident);
    return o;
}

} // namespace

Result<std::int64_t> Store::triage(const QString &actor,
                                   const TriageChange &change,
                                   const std::vector<std::int64_t> &alertIds)
{
    QJsonArray ids;
    for (const std::int64_t id : alertIds)
        ids.append(qint64(id));
    const QByteArray idsJson = QJsonDocument(ids).toJson(QJsonDocument::Compact);
    return applyTriage(
        actor, change, "a.event_id IN (SELECT value FROM json_each(:ids))", [&](sqlite3_stmt *s) {
            sqlite3_bind_text(s,
                              sqlite3_bind_parameter_index(s, ":ids"),
                              idsJson.constData(),
                              int(idsJson.size()),
                              SQLITE_STATIC);
        });
}

Result<std::int64_t>
Store::triage(const QString &actor, const TriageChange &change, const AlertQuery &filter)
{
    std::string where = "1";
    appendAlertFilter(where, filter);
    return applyTriage(actor, change, where, [&](sqlite3_stmt *s) { bindAlertFilter(s, filter); });
}

Result<std::int64_t> Store::applyTriage(const QString &actor,
                                        const TriageChange &change,
                                        const std::string &where,
                                        const std::function<void(sqlite3_stmt *)> &bind)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (change.disposition && !change.disposition->isEmpty() && !isDisposition(*change.disposition))
        return Error(QStringLiteral("unknown disposition \"%1\" (true_positive, false_positive, "
                                    "benign)")
                         .arg(*change.disposition));
    if (change.severity && (*change.severity < 0 || *change.severity > 100))
        return Error(QStringLiteral("a severity is from 0 to 100"));
    std::int64_t auditId = 0;
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    auto r = inTransaction([&]() -> Result<void> {
        {
            Stmt s(m_db, "INSERT INTO audit(at, actor, action, detail) VALUES(?, ?, ?, ?)");
            sqlite3_bind_int64(s.get(), 1, now);
            bindQString(s.get(), 2, actor.isEmpty() ? QStringLiteral("analyst") : actor);
            bindQString(
                s.get(), 3, change.action.isEmpty() ? QStringLiteral("update") : change.action);
            bindQString(s.get(),
                        4,
                        QString::fromUtf8(
                            QJsonDocument(changeJson(change)).toJson(QJsonDocument::Compact)));
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
            auditId = sqlite3_last_insert_rowid(m_db);
        }
        {
            // The state before, of every alert concerned: what undo puts back.
            const std::string sql
                = "INSERT INTO audit_alerts(audit_id, event_id, before) SELECT :audit, a.event_id, "
                  "json_object('status', a.status, 'assignee', a.assignee, 'severity', a.severity, "
                  "'disposition', a.disposition, 'reason', a.reason, 'tags', a.tags) FROM alerts a "
                  "WHERE "
                  + where;
            Stmt s(m_db, sql.c_str());
            if (!s)
                return Error(lastError());
            sqlite3_bind_int64(s.get(), sqlite3_bind_parameter_index(s.get(), ":audit"), auditId);
            bind(s.get());
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
        }
        std::string set;
        if (change.status)
            set += ", status = :status";
        if (change.assignee)
            set += ", assignee = :assignee";
        if (change.severity)
            set += ", severity = :severity";
        if (change.disposition)
            set += ", disposition = :disposition";
        if (change.reason)
            set += ", reason = :reason";
        if (!change.addTags.isEmpty() || !change.removeTags.isEmpty())
            set += ", tags = (SELECT json_group_array(value) FROM (SELECT value FROM "
                   "json_each(coalesce(alerts.tags, '[]')) WHERE value NOT IN (SELECT value FROM "
                   "json_each(:remove)) UNION SELECT value FROM json_each(:add) ORDER BY 1))";
        if (!set.empty()) {
            const std::string sql = "UPDATE alerts SET updated_at = unixepoch()" + set
                                    + " WHERE event_id IN (SELECT event_id FROM audit_alerts "
                                      "WHERE audit_id = :audit)";
            Stmt s(m_db, sql.c_str());
            if (!s)
                return Error(lastError());
            auto idx = [&](const char *n) {
                return sqlite3_bind_parameter_index(s.get(), n);
            };
            sqlite3_bind_int64(s.get(), idx(":audit"), auditId);
            if (change.status)
                sqlite3_bind_int(s.get(), idx(":status"), static_cast<int>(*change.status));
            if (change.assignee) {
                const QByteArray a = change.assignee->toUtf8(); // '' when unassigning
                sqlite3_bind_text(
                    s.get(), idx(":assignee"), a.constData(), int(a.size()), SQLITE_TRANSIENT);
            }
            if (change.severity)
                sqlite3_bind_int(s.get(), idx(":severity"), *change.severity);
            if (change.disposition)
                bindQString(s.get(), idx(":disposition"), *change.disposition);
            if (change.reason)
                bindQString(s.get(), idx(":reason"), *change.reason);
            if (idx(":add") > 0) {
                bindQString(
                    s.get(),
                    idx(":add"),
                    QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(change.addTags))
                                          .toJson(QJsonDocument::Compact)));
                bindQString(
                    s.get(),
                    idx(":remove"),
                    QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(change.removeTags))
                                          .toJson(QJsonDocument::Compact)));
            }
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
        }
        std::optional<std::int64_t> incident = change.incident;
        if (!change.newIncident.trimmed().isEmpty()) {
            auto created = createIncident(change.newIncident, actor);
            if (!created)
                return Error(created.error());
            incident = *created;
            m_lastIncident = *created;
        }
        if (incident) {
            // The analyst's own link: undo removes exactly the alerts this action added.
            Stmt s(m_db,
                   "INSERT OR IGNORE INTO incident_alerts(incident_id, event_id, link, evidence, "
                   "added_at, added_by, audit_id) SELECT ?2, event_id, 'analyst', NULL, ?3, ?4, ?1 "
                   "FROM audit_alerts WHERE audit_id = ?1");
            sqlite3_bind_int64(s.get(), 1, auditId);
            sqlite3_bind_int64(s.get(), 2, *incident);
            sqlite3_bind_int64(s.get(), 3, now);
            bindQString(s.get(), 4, actor);
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
            // An alert is in one incident: the one correlation chose gives it up.
            Stmt d(m_db,
                   "DELETE FROM incident_alerts WHERE added_by = 'vigie' AND incident_id <> ?2 AND "
                   "event_id IN (SELECT event_id FROM audit_alerts WHERE audit_id = ?1)");
            sqlite3_bind_int64(d.get(), 1, auditId);
            sqlite3_bind_int64(d.get(), 2, *incident);
            if (sqlite3_step(d.get()) != SQLITE_DONE)
                return Error(lastError());
            exec("DELETE FROM meta WHERE key = 'correlated'");
            Stmt u(m_db, "UPDATE incidents SET updated_at = ? WHERE id = ?");
            sqlite3_bind_int64(u.get(), 1, now);
            sqlite3_bind_int64(u.get(), 2, *incident);
            if (sqlite3_step(u.get()) != SQLITE_DONE)
                return Error(lastError());
        }
        if (!change.note.isEmpty()) {
            Stmt s(m_db,
                   "INSERT INTO alert_notes(event_id, audit_id, at, actor, text) SELECT event_id, "
                   "?1, ?2, ?3, ?4 FROM audit_alerts WHERE audit_id = ?1");
            sqlite3_bind_int64(s.get(), 1, auditId);
            sqlite3_bind_int64(s.get(), 2, now);
            bindQString(s.get(), 3, actor);
            bindQString(s.get(), 4, change.note);
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
        }
        Stmt c(m_db,
               "UPDATE audit SET count = (SELECT count(*) FROM audit_alerts WHERE audit_id = ?1) "
               "WHERE id = ?1");
        sqlite3_bind_int64(c.get(), 1, auditId);
        if (sqlite3_step(c.get()) != SQLITE_DONE)
            return Error(lastError());
        return {};
    });
    if (!r)
        return Error(QStringLiteral("the triage action failed: %1").arg(r.error()));
    return auditId;
}

Result<std::int64_t> Store::undoTriage(std::int64_t auditId, const QString &actor)
{
    std::int64_t restored = 0;
    auto r = inTransaction([&]() -> Result<void> {
        {
            Stmt s(m_db, "SELECT undone_at IS NOT NULL, action FROM audit WHERE id = ?");
            sqlite3_bind_int64(s.get(), 1, auditId);
            if (sqlite3_step(s.get()) != SQLITE_ROW)
                return Error(QStringLiteral("there is no history entry %1").arg(auditId));
            if (sqlite3_column_int(s.get(), 0))
                return Error(QStringLiteral("history entry %1 was already undone").arg(auditId));
            if (colString(s.get(), 1) == "undo")
                return Error(QStringLiteral("an undo cannot be undone; redo the action instead"));
        }
        {
            Stmt s(m_db,
                   "UPDATE alerts SET status = json_extract(b.before, '$.status'), assignee = "
                   "ifnull(json_extract(b.before, '$.assignee'), ''), severity = "
                   "json_extract(b.before, "
                   "'$.severity'), disposition = json_extract(b.before, '$.disposition'), reason "
                   "= json_extract(b.before, '$.reason'), tags = json_extract(b.before, '$.tags'), "
                   "updated_at = unixepoch() FROM audit_alerts b WHERE b.audit_id = ? AND "
                   "alerts.event_id = b.event_id");
            sqlite3_bind_int64(s.get(), 1, auditId);
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
            restored = sqlite3_changes(m_db);
        }
        Stmt n(m_db, "DELETE FROM alert_notes WHERE audit_id = ?");
        sqlite3_bind_int64(n.get(), 1, auditId);
        if (sqlite3_step(n.get()) != SQLITE_DONE)
            return Error(lastError());
        Stmt i(m_db, "DELETE FROM incident_alerts WHERE audit_id = ?");
        sqlite3_bind_int64(i.get(), 1, auditId);
        if (sqlite3_step(i.get()) != SQLITE_DONE)
            return Error(lastError());
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        Stmt u(m_db, "UPDATE audit SET undone_at = ?, undone_by = ? WHERE id = ?");
        sqlite3_bind_int64(u.get(), 1, now);
        bindQString(u.get(), 2, actor);
        sqlite3_bind_int64(u.get(), 3, auditId);
        if (sqlite3_step(u.get()) != SQLITE_DONE)
            return Error(lastError());
        Stmt a(m_db,
               "INSERT INTO audit(at, actor, action, detail, count) VALUES(?, ?, 'undo', "
               "json_object('undid', ?), ?)");
        sqlite3_bind_int64(a.get(), 1, now);
        bindQString(a.get(), 2, actor);
        sqlite3_bind_int64(a.get(), 3, auditId);
        sqlite3_bind_int64(a.get(), 4, restored);
        if (sqlite3_step(a.get()) != SQLITE_DONE)
            return Error(lastError());
        return {};
    });
    if (!r)
        return Error(r.error());
    return restored;
}

Result<std::vector<AuditEntry>> Store::history(int limit) const
{
    Stmt s(m_db,
           "SELECT id, at, actor, action, detail, count, undone_at IS NOT NULL FROM audit ORDER BY "
           "id DESC LIMIT ?");
    if (!s)
        return Error(lastError());
    sqlite3_bind_int(s.get(), 1, limit > 0 ? limit : -1);
    std::vector<AuditEntry> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        AuditEntry e;
        e.id = sqlite3_column_int64(s.get(), 0);
        e.at = sqlite3_column_int64(s.get(), 1);
        e.actor = colQString(s.get(), 2);
        e.action = colQString(s.get(), 3);
        e.detail = colQString(s.get(), 4);
        e.count = sqlite3_column_int64(s.get(), 5);
        e.undone = sqlite3_column_int(s.get(), 6) != 0;
        out.push_back(e);
    }
    if (rc != SQLITE_DONE)
        return Error(lastError());
    return out;
}

Result<std::vector<AlertNote>> Store::notes(std::int64_t eventId) const
{
    Stmt s(m_db, "SELECT at, actor, text FROM alert_notes WHERE event_id = ? ORDER BY id");
    if (!s)
        return Error(lastError());
    sqlite3_bind_int64(s.get(), 1, eventId);
    std::vector<AlertNote> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW)
        out.push_back(
            {sqlite3_column_int64(s.get(), 0), colQString(s.get(), 1), colQString(s.get(), 2)});
    return out;
}

void Store::setCancelFlag(std::shared_ptr<std::atomic<bool>> flag)
{
    m_cancel = std::move(flag);
    if (!m_cancel) {
        sqlite3_progress_handler(m_db, 0, nullptr, nullptr);
        return;
    }
    // Every few thousand virtual-machine steps: cheap, and a cancel is felt within milliseconds.
    sqlite3_progress_handler(
        m_db,
        4000,
        [](void *p) -> int { return static_cast<std::atomic<bool> *>(p)->load() ? 1 : 0; },
        m_cancel.get());
}

Result<std::int64_t> Store::createIncident(const QString &title, const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (title.trimmed().isEmpty())
        return Error(QStringLiteral("an incident needs a title"));
    Stmt s(m_db,
           "INSERT INTO incidents(title, created_at, created_by, updated_at, title_set) VALUES(?, "
           "?2, ?3, ?2, 1)");
    bindQString(s.get(), 1, title.trimmed());
    sqlite3_bind_int64(s.get(), 2, QDateTime::currentSecsSinceEpoch());
    bindQString(s.get(), 3, actor);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(QStringLiteral("creating the incident failed: %1").arg(lastError()));
    return sqlite3_last_insert_rowid(m_db);
}

Result<IncidentSummary> Store::incident(std::int64_t id) const
{
    auto all = incidents();
    if (!all)
        return Error(all.error());
    for (IncidentSummary &i : *all)
        if (i.id == id)
            return std::move(i);
    return Error(QStringLiteral("there is no incident #%1").arg(id));
}

Result<std::vector<IncidentSummary>> Store::incidents(int limit) const
{
    Stmt s(m_db,
           "SELECT id, title, status, severity, score, assignee, created_at, created_by, origin, "
           "title_set, severity_set FROM incidents WHERE merged_into IS NULL ORDER BY score DESC, "
           "updated_at DESC, id DESC LIMIT ?");
    if (!s)
        return Error(QStringLiteral("reading incidents failed: %1").arg(lastError()));
    sqlite3_bind_int(s.get(), 1, limit > 0 ? limit : -1);
    std::vector<IncidentSummary> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        IncidentSummary i;
        i.id = sqlite3_column_int64(s.get(), 0);
        i.title = colQString(s.get(), 1);
        i.status = sqlite3_column_int(s.get(), 2);
        i.severity = sqlite3_column_int(s.get(), 3);
        i.score = sqlite3_column_int(s.get(), 4);
        i.assignee = colQString(s.get(), 5);
        i.createdAt = sqlite3_column_int64(s.get(), 6);
        i.createdBy = colQString(s.get(), 7);
        i.origin = colQString(s.get(), 8);
        i.titleSet = sqlite3_column_int(s.get(), 9) != 0;
        i.severitySet = sqlite3_column_int(s.get(), 10) != 0;
        out.push_back(std::move(i));
    }
    // The hosts' own addresses: what is left of the alerts' addresses is remote. Names as the
    // alerts spell them.
    QHash<QString, QString> spelled;
    {
        Stmt names(m_db, "SELECT DISTINCT host_name FROM alerts WHERE host_name <> ''");
        while (names && sqlite3_step(names.get()) == SQLITE_ROW) {
            const QString name = colQString(names.get(), 0);
            spelled.insert(name.toLower(), name);
        }
    }
    QHash<QString, QString> ownerOf;
    if (auto addresses = hostAddresses())
        for (const auto &[host, ip] : *addresses) {
            // A host no alert names: as its events spell it.
            if (!spelled.contains(host)) {
                Stmt e(m_db, "SELECT host_name FROM events WHERE lower(host_name) = ? LIMIT 1");
                bindQString(e.get(), 1, host);
                spelled.insert(
                    host, e && sqlite3_step(e.get()) == SQLITE_ROW ? colQString(e.get(), 0) : host);
            }
            ownerOf.insert(ip, spelled.value(host));
        }
    Stmt m(
        m_db,
        "SELECT a.ts, a.host_name, a.user_name, a.source_ip, a.destination_ip, a.technique_ids, "
        "e.tactic_ids, a.severity, a.status FROM incident_alerts l JOIN alerts a ON a.event_id = "
        "l.event_id JOIN events e ON e.id = a.event_id WHERE l.incident_id = ? ORDER BY a.ts");
    if (!m)
        return Error(lastError());
    for (IncidentSummary &i : out) {
        sqlite3_bind_int64(m.get(), 1, i.id);
        auto addUnique = [](QStringList &list, const QString &v) {
            if (!v.isEmpty() && !list.contains(v, Qt::CaseInsensitive))
                list << v;
        };
        int closed = 0, touched = 0;
        while (sqlite3_step(m.get()) == SQLITE_ROW) {
            const int alertStatus = sqlite3_column_int(m.get(), 8);
            closed += alertStatus == int(AlertStatus::Closed);
            touched += alertStatus != int(AlertStatus::New);
            const std::int64_t ts = sqlite3_column_int64(m.get(), 0);
            if (i.alertCount == 0 || ts < i.firstSeenUs)
                i.firstSeenUs = ts;
            i.lastSeenUs = std::max(i.lastSeenUs, ts);
            ++i.alertCount;
            const QString host = colQString(m.get(), 1);
            addUnique(i.hosts, host);
            addUnique(i.users, colQString(m.get(), 2));
            for (const QString &ip : {colQString(m.get(), 3), colQString(m.get(), 4)}) {
                if (ip.isEmpty())
                    continue;
                if (!ownerOf.contains(ip))
                    addUnique(i.ips, ip);
                else
                    addUnique(i.hosts, ownerOf.value(ip));
            }
            for (const QString &t :
                 colQString(m.get(), 5).split(QLatin1Char(','), Qt::SkipEmptyParts))
                addUnique(i.techniques, t);
            for (const QString &t :
                 colQString(m.get(), 6).split(QLatin1Char(','), Qt::SkipEmptyParts))
                addUnique(i.tactics, t);
            if (!i.severitySet)
                i.severity = std::max(i.severity, sqlite3_column_int(m.get(), 7));
        }
        sqlite3_reset(m.get());
        // The incident's status follows its alerts': closed when every one is, in progress as
        // soon as one is being worked on.
        if (i.alertCount > 0 && closed == i.alertCount)
            i.status = int(AlertStatus::Closed);
        else if (touched > 0 && i.status == int(AlertStatus::New))
            i.status = int(AlertStatus::InProgress);
        i.eventCount = i.alertCount;
        // The hosts' addresses, in the order of the hosts.
        for (const QString &h : std::as_const(i.hosts)) {
            QString ip;
            for (auto it = ownerOf.cbegin(); it != ownerOf.cend(); ++it)
                if (it.value().compare(h, Qt::CaseInsensitive) == 0)
                    ip = it.key();
            i.hostIps << ip;
        }
    }
    return out;
}

Result<std::vector<IncidentAlert>> Store::incidentAlerts(std::int64_t incident) const
{
    Stmt s(m_db,
           "SELECT a.event_id, a.ts, a.severity, a.host_name, a.user_name, a.rule_name, "
           "a.technique_ids, e.tactic_ids, a.source_ip, a.destination_ip, l.link, l.evidence FROM "
           "incident_alerts l JOIN alerts a ON a.event_id = l.event_id JOIN events e ON e.id = "
           "a.event_id WHERE l.incident_id = ? ORDER BY a.ts, a.event_id");
    if (!s)
        return Error(lastError());
    sqlite3_bind_int64(s.get(), 1, incident);
    std::vector<IncidentAlert> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        IncidentAlert a;
        a.id = sqlite3_column_int64(s.get(), 0);
        a.ts = sqlite3_column_int64(s.get(), 1);
        a.severity = sqlite3_column_int(s.get(), 2);
        int c = 3;
        for (QString *f : {&a.hostName,
                           &a.userName,
                           &a.ruleName,
                           &a.techniques,
                           &a.tactics,
                           &a.sourceIp,
                           &a.destinationIp,
                           &a.link,
                           &a.evidence})
            *f = colQString(s.get(), c++);
        out.push_back(std::move(a));
    }
    return out;
}

namespace {

// The columns of an IncidentEvent, in the order IncidentEventReader reads them (`l` is the
// incident's incident_alerts row, when the event is one of its alerts).
constexpr const char *kIncidentEventColumns
    = "e.id, e.ts, e.kind, ifnull(e.code, -1), ifnull(e.severity, 0), e.host_name, "
      "e.user_name, e.category, e.action, e.dataset, e.rule_name, e.tactic_ids, "
      "e.process_entity_id, e.parent_entity_id, e.process_name, e.parent_executable, "
      "e.process_command_line, e.source_ip, e.destination_ip, e.dns_question_name, "
      "e.file_path, e.file_hash_sha256, ifnull(e.destination_port, 0), l.incident_id IS NOT "
      "NULL, e.process_executable, e.parent_command_line, e.registry_path, e.registry_data, "
      "e.target_entity_id, e.target_executable, ifnull(e.process_pid, -1), "
      "ifnull(e.parent_pid, -1), ifnull(e.source_port, 0)";

// Host names, accounts, actions, datasets and the like repeat over a million rows: each distinct
// value is converted once and shared (a quarter of the memory, half the time).
class IncidentEventReader
{
public:
    IncidentEvent operator()(sqlite3_stmt *q)
    {
        IncidentEvent e;
        e.id = sqlite3_column_int64(q, 0);
        e.ts = sqlite3_column_int64(q, 1);
        e.alert = sqlite3_column_int(q, 2) == int(EventKind::Alert);
        e.code = sqlite3_column_int(q, 3);
        e.severity = sqlite3_column_int(q, 4);
        int c = 5;
        for (QString *f : {&e.hostName,
                           &e.userName,
                           &e.category,
                           &e.action,
                           &e.dataset,
                           &e.ruleName,
                           &e.tactics,
                           &e.processEntity,
                           &e.parentEntity,
                           &e.processName,
                           &e.parentName,
                           &e.commandLine,
                           &e.sourceIp,
                           &e.destinationIp,
                           &e.dnsName,
                           &e.filePath,
                           &e.hash}) {
            *f = text(q, c, c - 5);
            ++c;
        }
        e.destinationPort = sqlite3_column_int(q, c++);
        e.inIncident = sqlite3_column_int(q, c++) != 0;
        for (QString *f : {&e.processExecutable,
                           &e.parentCommandLine,
                           &e.registryPath,
                           &e.registryData,
                           &e.targetEntity,
                           &e.targetExecutable})
            *f = colQString(q, c++);
        e.processPid = sqlite3_column_int64(q, c++);
        e.parentPid = sqlite3_column_int64(q, c++);
        e.sourcePort = sqlite3_column_int(q, c);
        return e;
    }

private:
    QString text(sqlite3_stmt *q, int column, int slot)
    {
        const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(q, column));
        if (!p)
            return {};
        const int n = sqlite3_column_bytes(q, column);
        QHash<QByteArray, QString> &cache = m_seen[std::size_t(slot)];
        const QByteArray key = QByteArray::fromRawData(p, n);
        if (const auto it = cache.constFind(key); it != cache.constEnd())
            return *it;
        QString v = QString::fromUtf8(p, n);
        if (cache.size() < 4096)
            cache.insert(QByteArray(p, n), v);
        return v;
    }
    std::array<QHash<QByteArray, QString>, 17> m_seen;
};

} // namespace

Result<std::pair<std::vector<IncidentEvent>, bool>>
Store::incidentEvents(std::int64_t incident, const IncidentEventWindow &window) const
{
    // The span and the hosts (lateral sources by their address too).
    std::int64_t first = 0, last = 0;
    {
        Stmt s(m_db,
               "SELECT min(a.ts), max(a.ts) FROM incident_alerts l JOIN alerts a ON a.event_id = "
               "l.event_id WHERE l.incident_id = ?");
        sqlite3_bind_int64(s.get(), 1, incident);
        if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
            return Error(lastError());
        if (sqlite3_column_type(s.get(), 0) == SQLITE_NULL)
            return std::pair<std::vector<IncidentEvent>, bool>{{}, true};
        first = sqlite3_column_int64(s.get(), 0);
        last = sqlite3_column_int64(s.get(), 1);
    }
    const std::string columns = kIncidentEventColumns;
    // Network sensors name themselves, not the hosts they watch: their events come in by the
    // addresses of the incident's alerts instead.
    const std::string sql
        = "WITH hosts AS (SELECT DISTINCT a.host_name h FROM incident_alerts l JOIN alerts a ON "
          "a.event_id = l.event_id WHERE l.incident_id = ?1 AND a.host_name <> '' AND a.dataset "
          "NOT LIKE 'suricata%' AND a.dataset NOT LIKE 'zeek%'), addrs AS (SELECT source_ip ip "
          "FROM incident_alerts l JOIN alerts a ON a.event_id = l.event_id WHERE l.incident_id = "
          "?1 AND a.source_ip <> '' UNION SELECT destination_ip FROM incident_alerts l JOIN "
          "alerts a ON a.event_id = l.event_id WHERE l.incident_id = ?1 AND a.destination_ip <> "
          "'') SELECT "
          + columns
          + " FROM events e LEFT JOIN incident_alerts l ON l.event_id = e.id AND l.incident_id = "
            "?1 WHERE e.ts BETWEEN ?2 AND ?3 AND (e.host_name IN (SELECT h FROM hosts) OR "
            "l.incident_id IS NOT NULL OR ((e.dataset LIKE 'suricata%' OR e.dataset LIKE "
            "'zeek%') AND (e.source_ip IN (SELECT ip FROM addrs) AND e.destination_ip IN (SELECT "
            "ip FROM addrs)))) ORDER BY e.ts, e.id LIMIT ?4";
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(lastError());
    sqlite3_bind_int64(s.get(), 1, incident);
    sqlite3_bind_int64(s.get(), 2, first - window.marginUs);
    sqlite3_bind_int64(s.get(), 3, last + window.marginUs);
    sqlite3_bind_int64(s.get(), 4, window.limit + 1);
    std::vector<IncidentEvent> out;
    bool complete = true;
    IncidentEventReader read;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        if (window.cancel && window.cancel->load())
            return Error(QStringLiteral("cancelled"));
        if (std::int64_t(out.size()) >= window.limit) {
            complete = false;
            break;
        }
        out.push_back(read(s.get()));
    }
    return std::pair<std::vector<IncidentEvent>, bool>{std::move(out), complete};
}

Result<std::vector<IncidentEvent>> Store::causalEvents(std::int64_t incident,
                                                       const IncidentEventWindow &window) const
{
    std::int64_t first = 0, last = 0;
    QStringList hosts;
    {
        Stmt s(m_db,
               "SELECT min(a.ts), max(a.ts) FROM incident_alerts l JOIN alerts a ON a.event_id = "
               "l.event_id WHERE l.incident_id = ?");
        sqlite3_bind_int64(s.get(), 1, incident);
        if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
            return Error(lastError());
        if (sqlite3_column_type(s.get(), 0) == SQLITE_NULL)
            return std::vector<IncidentEvent>();
        first = sqlite3_column_int64(s.get(), 0) - window.marginUs;
        last = sqlite3_column_int64(s.get(), 1) + window.marginUs;
        Stmt h(m_db,
               "SELECT DISTINCT a.host_name FROM incident_alerts l JOIN alerts a ON a.event_id = "
               "l.event_id WHERE l.incident_id = ? AND a.host_name <> '' AND a.dataset NOT LIKE "
               "'suricata%' AND a.dataset NOT LIKE 'zeek%'");
        sqlite3_bind_int64(h.get(), 1, incident);
        while (h && sqlite3_step(h.get()) == SQLITE_ROW)
            hosts << colQString(h.get(), 0);
    }
    std::vector<IncidentEvent> out;
    QSet<std::int64_t> have;
    IncidentEventReader read;
    // Runs `SELECT <columns> … WHERE where` with :incident, :from and :to bound and the `?`s bound
    // to `values`; adds the events not read yet. Returns the index of the first one added.
    auto fetch = [&](const std::string &where, const QStringList &values) -> Result<std::size_t> {
        const std::size_t before = out.size();
        const std::string sql = std::string("SELECT ") + kIncidentEventColumns
                                + " FROM events e LEFT JOIN incident_alerts l ON l.event_id = "
                                  "e.id AND l.incident_id = :incident WHERE "
                                + where;
        Stmt st(m_db, sql.c_str());
        if (!st)
            return Error(lastError());
        for (const auto &[name, value] :
             {std::pair<const char *, std::int64_t>{":incident", incident},
              {":from", first},
              {":to", last}})
            if (const int i = sqlite3_bind_parameter_index(st.get(), name); i > 0)
                sqlite3_bind_int64(st.get(), i, value);
        int next = 1;
        for (const QString &v : values) {
            while (sqlite3_bind_parameter_name(st.get(), next))
                ++next; // a named one
            bindQString(st.get(), next++, v);
        }
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            if (window.cancel && window.cancel->load())
                return Error(QStringLiteral("cancelled"));
            const std::int64_t id = sqlite3_column_int64(st.get(), 0);
            if (have.contains(id))
                continue;
            if (std::int64_t(out.size()) >= window.limit)
                break;
            have.insert(id);
            out.push_back(read(st.get()));
        }
        return before;
    };
    auto marks = [](qsizetype n) {
        std::string m;
        for (qsizetype i = 0; i < n; ++i)
            m += i ? ", ?" : "?";
        return m;
    };
    // In chunks: a statement binds a few thousand values at most.
    auto fetchIn = [&](const char *column, const QStringList &values) -> Result<std::size_t> {
        const std::size_t start = out.size();
        for (qsizetype at = 0; at < values.size(); at += 400) {
            const QStringList chunk = values.mid(at, 400);
            if (auto r
                = fetch(std::string("e.") + column + " IN (" + marks(chunk.size()) + ")", chunk);
                !r)
                return r;
        }
        return start;
    };

    // The alerts.
    if (auto r = fetch("e.id IN (SELECT event_id FROM incident_alerts WHERE incident_id = "
                       ":incident)",
                       {});
        !r)
        return Error(r.error());
    // Their processes up to their ancestors and down to their descendants, each with all of its
    // events, through the process and parent indexes.
    QSet<QString> known;
    auto walk = [&](QStringList up, QStringList down) -> Result<void> {
        for (int round = 0; round < 32 && (!up.isEmpty() || !down.isEmpty()); ++round) {
            QStringList fresh;
            for (const QString &e : up + down)
                if (!e.isEmpty() && !known.contains(e)) {
                    known.insert(e);
                    fresh << e;
                }
            const QSet<QString> goingDown(down.begin(), down.end());
            auto from = fetchIn("process_entity_id", fresh);
            if (!from)
                return Error(from.error());
            QStringList nextUp, nextDown;
            for (std::size_t i = *from; i < out.size(); ++i)
                if ((out[i].code == 1 || out[i].code == 4688) && !out[i].parentEntity.isEmpty())
                    nextUp << out[i].parentEntity;
            // Children only of the processes walked down from: an ancestor's (a shell's) children
            // are the whole session.
            down.removeAll(QString());
            auto children = fetchIn("parent_entity_id", down);
            if (!children)
                return Error(children.error());
            for (std::size_t i = *children; i < out.size(); ++i)
                if (!out[i].processEntity.isEmpty() && !known.contains(out[i].processEntity))
                    nextDown << out[i].processEntity;
            nextUp.removeDuplicates();
            nextDown.removeDuplicates();
            up = nextUp;
            down = nextDown;
            if (std::int64_t(out.size()) >= window.limit)
                break;
        }
        return {};
    };
    {
        QStringList up, down;
        for (const IncidentEvent &e : out) {
            up << e.parentEntity;
            down << e.processEntity << e.targetEntity; // an injected or opened process too
        }
        up.removeDuplicates();
        down.removeDuplicates();
        if (auto r = walk(up, down); !r)
            return Error(r.error());
    }
    if (hosts.isEmpty())
        return out;
    // One pass over the span for what links hosts and programs: on the incident's hosts, logons,
    // service and task installations, process starts without an entity id, writes to registry keys
    // that hijack a program, the writing of the programs that ran; from any other host, a
    // connection to the incident's hosts. When the span is most of the store a plain scan is
    // several times faster than following the time index row by row.
    QStringList own;
    if (auto addresses = hostAddresses())
        for (const auto &[host, ip] : *addresses)
            for (const QString &h : std::as_const(hosts))
                if (h.compare(host, Qt::CaseInsensitive) == 0)
                    own << ip;
    own.removeDuplicates();
    QStringList programs;
    for (const IncidentEvent &e : out)
        if (!e.processExecutable.isEmpty())
            programs << e.processExecutable;
    programs.removeDuplicates();
    programs = programs.mid(0, 300);
    bool scan = true;
    {
        Stmt range(m_db, "SELECT min(ts), max(ts) FROM events");
        if (range && sqlite3_step(range.get()) == SQLITE_ROW) {
            const std::int64_t whole
                = sqlite3_column_int64(range.get(), 1) - sqlite3_column_int64(range.get(), 0);
            scan = whole <= 0 || (last - first) * 4 > whole;
        }
    }
    const std::string inHosts = "e.host_name IN (" + marks(hosts.size()) + ")";
    std::string where = std::string(scan ? "+e.ts" : "e.ts") + " BETWEEN :from AND :to AND (("
                        + inHosts
                        + " AND (e.code IN (4624, 4648, 4688, 7045, 4697, 4698) OR (e.code IN (12, "
                          "13, 14) AND (e.registry_path LIKE '%\\shell\\open\\command%' OR "
                          "e.registry_path LIKE '%\\exefile\\shell\\%' OR e.registry_path LIKE "
                          "'%Image File Execution Options%' OR e.registry_path LIKE "
                          "'%\\SilentProcessExit\\%'))";
    QStringList values = hosts;
    if (!programs.isEmpty()) {
        where += " OR (e.code IN (11, 15) AND e.file_path IN (" + marks(programs.size()) + "))";
        values += programs;
    }
    where += "))";
    if (!own.isEmpty()) {
        where += " OR (e.code = 3 AND e.destination_ip IN (" + marks(own.size())
                 + ") AND e.host_name NOT IN (" + marks(hosts.size()) + ")))";
        values += own;
        values += hosts;
    } else {
        where += ")";
    }
    auto linked = fetch(where, values);
    if (!linked)
        return Error(linked.error());
    // The processes of other hosts that reached these ones, with their ancestry on their host.
    QStringList reaching;
    for (std::size_t i = *linked; i < out.size(); ++i)
        if (out[i].code == 3 && !hosts.contains(out[i].hostName))
            reaching << out[i].processEntity;
    reaching.removeDuplicates();
    if (auto r = walk(reaching, {}); !r)
        return Error(r.error());
    std::sort(out.begin(), out.end(), [](const IncidentEvent &a, const IncidentEvent &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.id < b.id;
    });
    return out;
}

Result<EventHistogram> Store::eventHistogram(int buckets) const
{
    EventHistogram h;
    Stmt range(m_db, "SELECT min(ts), max(ts) FROM events");
    if (!range || sqlite3_step(range.get()) != SQLITE_ROW)
        return Error(lastError());
    if (sqlite3_column_type(range.get(), 0) == SQLITE_NULL || buckets <= 0)
        return h;
    h.fromUs = sqlite3_column_int64(range.get(), 0);
    const std::int64_t to = sqlite3_column_int64(range.get(), 1);
    h.bucketUs = std::max<std::int64_t>(1, (to - h.fromUs) / buckets + 1);
    h.counts.assign(std::size_t(buckets), 0);
    Stmt s(m_db, "SELECT (ts - ?1) / ?2, count(*) FROM events GROUP BY 1");
    sqlite3_bind_int64(s.get(), 1, h.fromUs);
    sqlite3_bind_int64(s.get(), 2, h.bucketUs);
    while (s && sqlite3_step(s.get()) == SQLITE_ROW) {
        const std::int64_t b = sqlite3_column_int64(s.get(), 0);
        if (b >= 0 && b < buckets)
            h.counts[std::size_t(b)] += sqlite3_column_int64(s.get(), 1);
    }
    return h;
}

Result<std::vector<CorrelationRow>> Store::correlationRows() const
{
    Stmt s(m_db,
           "SELECT a.event_id, a.ts, a.severity, a.rule_name, a.rule_id, a.host_name, a.user_name, "
           "a.source_ip, a.destination_ip, a.technique_ids, e.tactic_ids, e.process_entity_id, "
           "e.parent_entity_id, e.host_ip, e.dns_question_name, e.file_hash_sha256, a.dataset, "
           "ifnull(e.source_id, 0) FROM alerts a JOIN events e ON e.id = a.event_id ORDER BY a.ts, "
           "a.event_id");
    if (!s)
        return Error(lastError());
    std::vector<CorrelationRow> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        CorrelationRow r;
        sqlite3_stmt *q = s.get();
        r.id = sqlite3_column_int64(q, 0);
        r.ts = sqlite3_column_int64(q, 1);
        r.severity = sqlite3_column_int(q, 2);
        int c = 3;
        for (QString *f : {&r.ruleName,
                           &r.ruleId,
                           &r.hostName,
                           &r.userName,
                           &r.sourceIp,
                           &r.destinationIp,
                           &r.techniques,
                           &r.tactics,
                           &r.processId,
                           &r.parentId,
                           &r.hostIp,
                           &r.dnsName,
                           &r.hash,
                           &r.dataset})
            *f = colQString(q, c++);
        r.source = sqlite3_column_int64(q, c);
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::vector<std::pair<QString, QString>>> Store::hostAddresses() const
{
    const auto newest = maxEventId();
    if (newest && m_addresses && m_addresses->first == *newest)
        return m_addresses->second;
    // A host's own address is in nearly every connection it logs, on one side or the other: the
    // most frequent one, when it is in half of them at least (a host it talks to a lot is in many
    // of them too, but fewer).
    Stmt s(m_db,
           "WITH c AS (SELECT lower(host_name) h, source_ip ip FROM events WHERE code = 3 AND "
           "dataset LIKE '%sysmon%' AND host_name IS NOT NULL UNION ALL SELECT lower(host_name), "
           "destination_ip FROM events WHERE code = 3 AND dataset LIKE '%sysmon%' AND host_name IS "
           "NOT NULL), n AS (SELECT h, count(*) / 2 total FROM c GROUP BY h), a AS (SELECT c.h, "
           "c.ip, count(*) k, n.total FROM c JOIN n ON n.h = c.h WHERE c.ip IS NOT NULL GROUP BY "
           "c.h, c.ip), r AS (SELECT h, ip, k, total, row_number() OVER (PARTITION BY h ORDER BY k "
           "DESC) rank FROM a) SELECT h, ip FROM r WHERE rank = 1 AND k * 2 >= total AND k >= 2 "
           "UNION SELECT DISTINCT lower(host_name), host_ip FROM events WHERE host_ip IS NOT NULL "
           "AND host_name IS NOT NULL");
    if (!s)
        return Error(lastError());
    std::vector<std::pair<QString, QString>> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW)
        out.emplace_back(colQString(s.get(), 0), colQString(s.get(), 1));
    if (newest)
        m_addresses.emplace(*newest, out);
    return out;
}

Result<void> Store::applyCorrelation(const std::vector<CorrelatedIncident> &groups)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    return inTransaction([&]() -> Result<void> {
        // Where each alert is now.
        struct Place
        {
            std::int64_t incident = 0;
            bool pinned = false; // the analyst put it there
            QString link, evidence;
        };
        QHash<std::int64_t, Place> where;
        QSet<std::int64_t> withPinned;
        {
            Stmt s(m_db,
                   "SELECT event_id, incident_id, added_by <> 'vigie', link, ifnull(evidence, '') "
                   "FROM incident_alerts ORDER BY added_by <> 'vigie'");
            if (!s)
                return Error(lastError());
            while (sqlite3_step(s.get()) == SQLITE_ROW) {
                Place p{sqlite3_column_int64(s.get(), 1),
                        sqlite3_column_int(s.get(), 2) != 0,
                        colQString(s.get(), 3),
                        colQString(s.get(), 4)};
                if (p.pinned)
                    withPinned.insert(p.incident);
                where.insert(sqlite3_column_int64(s.get(), 0), p); // pinned rows come last, win
            }
        }
        QSet<std::pair<std::int64_t, std::int64_t>> excluded;
        {
            Stmt s(m_db, "SELECT incident_id, event_id FROM incident_exclusions");
            while (s && sqlite3_step(s.get()) == SQLITE_ROW)
                excluded.insert(
                    {sqlite3_column_int64(s.get(), 0), sqlite3_column_int64(s.get(), 1)});
        }
        QHash<std::int64_t, bool> live; // incident -> the analyst made it (it takes any group)
        {
            Stmt s(m_db, "SELECT id, origin = 'analyst' FROM incidents WHERE merged_into IS NULL");
            while (s && sqlite3_step(s.get()) == SQLITE_ROW)
                live.insert(sqlite3_column_int64(s.get(), 0), sqlite3_column_int(s.get(), 1) != 0);
        }
        const std::int64_t now = QDateTime::currentSecsSinceEpoch();
        Stmt add(m_db,
                 "INSERT INTO incidents(title, severity, score, origin, created_at, created_by, "
                 "updated_at) VALUES(?, ?, ?, 'correlation', ?4, 'vigie', ?4)");
        Stmt drop(m_db, "DELETE FROM incident_alerts WHERE incident_id = ? AND event_id = ?");
        Stmt put(m_db,
                 "INSERT OR REPLACE INTO incident_alerts(incident_id, event_id, link, evidence, "
                 "added_at, added_by) VALUES(?, ?, ?, ?, ?, 'vigie')");
        if (!add || !drop || !put)
            return Error(lastError());
        auto step = [this](Stmt &st) -> Result<void> {
            const int rc = sqlite3_step(st.get());
            sqlite3_reset(st.get());
            if (rc != SQLITE_DONE)
                return Error(lastError());
            return {};
        };
        // The largest groups choose first: an incident that correlation now sees as two keeps its
        // id for the larger part.
        std::vector<std::size_t> order(groups.size());
        std::iota(order.begin(), order.end(), std::size_t(0));
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return groups[a].members.size() > groups[b].members.size();
        });
        QSet<std::int64_t> claimed;
        for (const std::size_t g : order) {
            const CorrelatedIncident &group = groups[g];
            QHash<std::int64_t, int> votes;
            for (const auto &m : group.members)
                if (const auto it = where.constFind(m.alert); it != where.constEnd())
                    if (live.contains(it->incident))
                        ++votes[it->incident];
            std::vector<std::pair<int, std::int64_t>> ranked;
            for (auto it = votes.cbegin(); it != votes.cend(); ++it)
                ranked.emplace_back(-it.value(), it.key());
            std::sort(ranked.begin(), ranked.end());
            std::int64_t target = 0;
            for (const auto &[negVotes, id] : ranked) {
                // An incident the analyst shaped takes every group most of which it holds.
                if (!claimed.contains(id) || live.value(id) || withPinned.contains(id)) {
                    target = id;
                    break;
                }
            }
            if (target == 0) {
                bindQString(add.get(), 1, group.title);
                sqlite3_bind_int(add.get(), 2, group.severity);
                sqlite3_bind_int(add.get(), 3, group.score);
                sqlite3_bind_int64(add.get(), 4, now);
                if (auto r = step(add); !r)
                    return r;
                target = sqlite3_last_insert_rowid(m_db);
                live.insert(target, false);
            }
            claimed.insert(target);
            for (const auto &m : group.members) {
                const auto it = where.constFind(m.alert);
                const bool placed = it != where.constEnd();
                if (placed && it->pinned)
                    continue;
                if (excluded.contains({target, m.alert}))
                    continue;
                if (placed && it->incident == target && it->link == m.link
                    && it->evidence == m.evidence)
                    continue;
                if (placed && it->incident != target) {
                    sqlite3_bind_int64(drop.get(), 1, it->incident);
                    sqlite3_bind_int64(drop.get(), 2, m.alert);
                    if (auto r = step(drop); !r)
                        return r;
                }
                sqlite3_bind_int64(put.get(), 1, target);
                sqlite3_bind_int64(put.get(), 2, m.alert);
                bindQString(put.get(), 3, m.link);
                bindQString(put.get(), 4, m.evidence);
                sqlite3_bind_int64(put.get(), 5, now);
                if (auto r = step(put); !r)
                    return r;
            }
        }
        // Correlation's incidents that nothing holds any more, and that no analyst touched.
        return exec(
            "DELETE FROM incidents WHERE origin = 'correlation' AND merged_into IS NULL AND "
            "title_set = 0 AND severity_set = 0 AND status = 0 AND assignee = '' AND NOT "
            "EXISTS (SELECT 1 FROM incident_alerts l WHERE l.incident_id = incidents.id)");
    });
}

Result<std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>>>
Store::incidentMembers() const
{
    Stmt s(m_db,
           "SELECT i.id, l.event_id FROM incidents i LEFT JOIN incident_alerts l ON l.incident_id "
           "= i.id WHERE i.merged_into IS NULL ORDER BY i.id, l.event_id");
    if (!s)
        return Error(lastError());
    std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>> out;
    while (sqlite3_step(s.get()) == SQLITE_ROW) {
        const std::int64_t id = sqlite3_column_int64(s.get(), 0);
        if (out.empty() || out.back().first != id)
            out.emplace_back(id, std::vector<std::int64_t>());
        if (sqlite3_column_type(s.get(), 1) != SQLITE_NULL)
            out.back().second.push_back(sqlite3_column_int64(s.get(), 1));
    }
    return out;
}

Result<void> Store::updateIncidents(const std::vector<IncidentUpdate> &updates,
                                    const QString &correlationStamp)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    return inTransaction([&]() -> Result<void> {
        Stmt s(m_db,
               "UPDATE incidents SET title = CASE WHEN title_set THEN title ELSE ?2 END, severity "
               "= CASE WHEN severity_set THEN severity ELSE ?3 END, score = ?4 WHERE id = ?1 AND "
               "(score <> ?4 OR (NOT title_set AND title <> ?2) OR (NOT severity_set AND "
               "severity <> ?3))");
        if (!s)
            return Error(lastError());
        for (const IncidentUpdate &u : updates) {
            sqlite3_bind_int64(s.get(), 1, u.id);
            bindQString(s.get(), 2, u.title);
            sqlite3_bind_int(s.get(), 3, u.severity);
            sqlite3_bind_int(s.get(), 4, u.score);
            const int rc = sqlite3_step(s.get());
            sqlite3_reset(s.get());
            if (rc != SQLITE_DONE)
                return Error(lastError());
        }
        Stmt m(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES('correlated', ?)");
        bindQString(m.get(), 1, correlationStamp);
        if (sqlite3_step(m.get()) != SQLITE_DONE)
            return Error(lastError());
        return {};
    });
}

QString Store::correlationStamp() const
{
    Stmt s(m_db, "SELECT value FROM meta WHERE key = 'correlated'");
    if (s && sqlite3_step(s.get()) == SQLITE_ROW)
        return colQString(s.get(), 0);
    return {};
}

QString Store::currentCorrelationStamp() const
{
    Stmt s(m_db, "SELECT ifnull(max(event_id), 0), count(*) FROM alerts");
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
        return {};
    return QStringLiteral("%1:%2")
        .arg(sqlite3_column_int64(s.get(), 0))
        .arg(sqlite3_column_int64(s.get(), 1));
}

Result<void> Store::checkIncident(std::int64_t id) const
{
    Stmt s(m_db, "SELECT merged_into FROM incidents WHERE id = ?");
    sqlite3_bind_int64(s.get(), 1, id);
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(QStringLiteral("there is no incident #%1").arg(id));
    if (sqlite3_column_type(s.get(), 0) != SQLITE_NULL)
        return Error(QStringLiteral("incident #%1 was merged into #%2")
                         .arg(id)
                         .arg(sqlite3_column_int64(s.get(), 0)));
    return {};
}

Result<void> Store::recordIncidentChange(const QString &actor,
                                         const QString &action,
                                         const QJsonObject &detail,
                                         std::int64_t count)
{
    Stmt s(m_db, "INSERT INTO audit(at, actor, action, detail, count) VALUES(?, ?, ?, ?, ?)");
    sqlite3_bind_int64(s.get(), 1, QDateTime::currentSecsSinceEpoch());
    bindQString(s.get(), 2, actor.isEmpty() ? QStringLiteral("analyst") : actor);
    bindQString(s.get(), 3, action);
    bindQString(
        s.get(), 4, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)));
    sqlite3_bind_int64(s.get(), 5, count);
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(lastError());
    // The scores follow on the next correlation.
    return exec("DELETE FROM meta WHERE key = 'correlated'");
}

Result<void> Store::renameIncident(std::int64_t id, const QString &title, const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (title.trimmed().isEmpty())
        return Error(QStringLiteral("an incident needs a title"));
    if (auto r = checkIncident(id); !r)
        return r;
    return inTransaction([&]() -> Result<void> {
        Stmt s(m_db, "UPDATE incidents SET title = ?, title_set = 1, updated_at = ? WHERE id = ?");
        bindQString(s.get(), 1, title.trimmed());
        sqlite3_bind_int64(s.get(), 2, QDateTime::currentSecsSinceEpoch());
        sqlite3_bind_int64(s.get(), 3, id);
        if (sqlite3_step(s.get()) != SQLITE_DONE)
            return Error(lastError());
        return recordIncidentChange(
            actor,
            QStringLiteral("rename_incident"),
            {{QStringLiteral("incident"), qint64(id)}, {QStringLiteral("title"), title.trimmed()}},
            0);
    });
}

Result<void> Store::recordReport(std::int64_t incident,
                                 const QString &path,
                                 const QByteArray &sha256hex,
                                 const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (auto r = checkIncident(incident); !r)
        return r;
    // Not recordIncidentChange(): a report changes nothing, so correlation need not run again.
    Stmt s(m_db,
           "INSERT INTO audit(at, actor, action, detail, count) VALUES(?, ?, 'report', ?, 0)");
    sqlite3_bind_int64(s.get(), 1, QDateTime::currentSecsSinceEpoch());
    bindQString(s.get(), 2, actor.isEmpty() ? QStringLiteral("analyst") : actor);
    const QJsonObject detail{{QStringLiteral("incident"), qint64(incident)},
                             {QStringLiteral("path"), path},
                             {QStringLiteral("sha256"), QString::fromLatin1(sha256hex)}};
    bindQString(
        s.get(), 3, QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact)));
    if (sqlite3_step(s.get()) != SQLITE_DONE)
        return Error(lastError());
    return {};
}

Result<void> Store::setIncidentSeverity(std::int64_t id, int severity, const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (severity < 0 || severity > 100)
        return Error(QStringLiteral("a severity is from 0 to 100"));
    if (auto r = checkIncident(id); !r)
        return r;
    return inTransaction([&]() -> Result<void> {
        Stmt s(m_db,
               "UPDATE incidents SET severity = ?, severity_set = 1, updated_at = ? WHERE id = ?");
        sqlite3_bind_int(s.get(), 1, severity);
        sqlite3_bind_int64(s.get(), 2, QDateTime::currentSecsSinceEpoch());
        sqlite3_bind_int64(s.get(), 3, id);
        if (sqlite3_step(s.get()) != SQLITE_DONE)
            return Error(lastError());
        return recordIncidentChange(
            actor,
            QStringLiteral("set_incident_severity"),
            {{QStringLiteral("incident"), qint64(id)}, {QStringLiteral("severity"), severity}},
            0);
    });
}

Result<void> Store::mergeIncidents(std::int64_t into,
                                   const std::vector<std::int64_t> &from,
                                   const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (auto r = checkIncident(into); !r)
        return r;
    for (const std::int64_t f : from) {
        if (f == into)
            return Error(QStringLiteral("incident #%1 cannot be merged into itself").arg(f));
        if (auto r = checkIncident(f); !r)
            return r;
    }
    const std::int64_t now = QDateTime::currentSecsSinceEpoch();
    return inTransaction([&]() -> Result<void> {
        // The alerts move and become the analyst's: correlation leaves them where they are now.
        Stmt move(m_db,
                  "INSERT OR REPLACE INTO incident_alerts(incident_id, event_id, link, evidence, "
                  "added_at, added_by) SELECT ?1, event_id, link, evidence, ?3, ?4 FROM "
                  "incident_alerts WHERE incident_id = ?2");
        Stmt clear(m_db, "DELETE FROM incident_alerts WHERE incident_id = ?");
        Stmt mark(m_db, "UPDATE incidents SET merged_into = ?, updated_at = ? WHERE id = ?");
        Stmt pin(m_db,
                 "UPDATE incident_alerts SET added_by = ?2, added_at = ?3 WHERE incident_id = ?1 "
                 "AND added_by = 'vigie'");
        if (!move || !clear || !mark || !pin)
            return Error(lastError());
        std::int64_t moved = 0;
        QJsonArray merged;
        for (const std::int64_t f : from) {
            sqlite3_bind_int64(move.get(), 1, into);
            sqlite3_bind_int64(move.get(), 2, f);
            sqlite3_bind_int64(move.get(), 3, now);
            bindQString(move.get(), 4, actor.isEmpty() ? QStringLiteral("analyst") : actor);
            if (sqlite3_step(move.get()) != SQLITE_DONE)
                return Error(lastError());
            moved += sqlite3_changes(m_db);
            sqlite3_reset(move.get());
            sqlite3_bind_int64(clear.get(), 1, f);
            if (sqlite3_step(clear.get()) != SQLITE_DONE)
                return Error(lastError());
            sqlite3_reset(clear.get());
            sqlite3_bind_int64(mark.get(), 1, into);
            sqlite3_bind_int64(mark.get(), 2, now);
            sqlite3_bind_int64(mark.get(), 3, f);
            if (sqlite3_step(mark.get()) != SQLITE_DONE)
                return Error(lastError());
            sqlite3_reset(mark.get());
            merged.append(qint64(f));
        }
        // The incident's own alerts too: the merged whole is the analyst's.
        sqlite3_bind_int64(pin.get(), 1, into);
        bindQString(pin.get(), 2, actor.isEmpty() ? QStringLiteral("analyst") : actor);
        sqlite3_bind_int64(pin.get(), 3, now);
        if (sqlite3_step(pin.get()) != SQLITE_DONE)
            return Error(lastError());
        Stmt u(m_db, "UPDATE incidents SET updated_at = ? WHERE id = ?");
        sqlite3_bind_int64(u.get(), 1, now);
        sqlite3_bind_int64(u.get(), 2, into);
        if (sqlite3_step(u.get()) != SQLITE_DONE)
            return Error(lastError());
        return recordIncidentChange(
            actor,
            QStringLiteral("merge_incidents"),
            {{QStringLiteral("incident"), qint64(into)}, {QStringLiteral("merged"), merged}},
            moved);
    });
}

Result<std::int64_t> Store::splitIncident(std::int64_t from,
                                          const std::vector<std::int64_t> &alerts,
                                          const QString &title,
                                          const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (alerts.empty())
        return Error(QStringLiteral("no alert to split off"));
    if (auto r = checkIncident(from); !r)
        return Error(r.error());
    std::int64_t created = 0;
    auto r = inTransaction([&]() -> Result<void> {
        auto id = createIncident(title, actor);
        if (!id)
            return Error(id.error());
        created = *id;
        Stmt s(m_db,
               "UPDATE incident_alerts SET incident_id = ?1, added_by = ?4, added_at = ?5 WHERE "
               "incident_id = ?2 AND event_id = ?3");
        if (!s)
            return Error(lastError());
        std::int64_t moved = 0;
        QJsonArray ids;
        for (const std::int64_t a : alerts) {
            sqlite3_bind_int64(s.get(), 1, created);
            sqlite3_bind_int64(s.get(), 2, from);
            sqlite3_bind_int64(s.get(), 3, a);
            bindQString(s.get(), 4, actor.isEmpty() ? QStringLiteral("analyst") : actor);
            sqlite3_bind_int64(s.get(), 5, QDateTime::currentSecsSinceEpoch());
            if (sqlite3_step(s.get()) != SQLITE_DONE)
                return Error(lastError());
            moved += sqlite3_changes(m_db);
            sqlite3_reset(s.get());
            ids.append(qint64(a));
        }
        if (moved == 0)
            return Error(QStringLiteral("none of these alerts is in incident #%1").arg(from));
        return recordIncidentChange(actor,
                                    QStringLiteral("split_incident"),
                                    {{QStringLiteral("incident"), qint64(from)},
                                     {QStringLiteral("into"), qint64(created)},
                                     {QStringLiteral("alerts"), ids}},
                                    moved);
    });
    if (!r)
        return Error(r.error());
    return created;
}

Result<std::int64_t> Store::removeFromIncident(std::int64_t id,
                                               const std::vector<std::int64_t> &alerts,
                                               const QString &actor)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    if (auto r = checkIncident(id); !r)
        return Error(r.error());
    std::int64_t removed = 0;
    auto r = inTransaction([&]() -> Result<void> {
        Stmt del(m_db, "DELETE FROM incident_alerts WHERE incident_id = ? AND event_id = ?");
        Stmt keep(m_db,
                  "INSERT OR IGNORE INTO incident_exclusions(incident_id, event_id) VALUES(?, ?)");
        if (!del || !keep)
            return Error(lastError());
        QJsonArray ids;
        for (const std::int64_t a : alerts) {
            for (Stmt *st : {&del, &keep}) {
                sqlite3_bind_int64(st->get(), 1, id);
                sqlite3_bind_int64(st->get(), 2, a);
                if (sqlite3_step(st->get()) != SQLITE_DONE)
                    return Error(lastError());
                if (st == &del)
                    removed += sqlite3_changes(m_db);
                sqlite3_reset(st->get());
            }
            ids.append(qint64(a));
        }
        return recordIncidentChange(
            actor,
            QStringLiteral("remove_from_incident"),
            {{QStringLiteral("incident"), qint64(id)}, {QStringLiteral("alerts"), ids}},
            removed);
    });
    if (!r)
        return Error(r.error());
    return removed;
}

Result<std::int64_t> Store::maxEventId() const
{
    Stmt s(m_db, "SELECT ifnull(max(id), 0) FROM events");
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(lastError());
    return sqlite3_column_int64(s.get(), 0);
}

Result<std::int64_t> Store::analyticsStart()
{
    {
        Stmt s(m_db, "SELECT value FROM meta WHERE key = 'analytics_after'");
        if (s && sqlite3_step(s.get()) == SQLITE_ROW)
            return sqlite3_column_int64(s.get(), 0);
    }
    auto last = maxEventId();
    if (!last)
        return last;
    Stmt m(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES('analytics_after', ?)");
    sqlite3_bind_int64(m.get(), 1, *last);
    if (!m || sqlite3_step(m.get()) != SQLITE_DONE)
        return Error(lastError());
    return *last;
}

Result<void> Store::analyticsDone()
{
    return exec("DELETE FROM meta WHERE key = 'analytics_after'");
}

Result<std::int64_t> Store::maxAlertId() const
{
    Stmt s(m_db, "SELECT ifnull(max(event_id), 0) FROM alerts");
    if (!s || sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(lastError());
    return sqlite3_column_int64(s.get(), 0);
}

Result<std::int64_t> Store::countAlerts(const AlertQuery &filter) const
{
    std::string sql = "SELECT count(*) FROM alerts a WHERE 1";
    appendAlertFilter(sql, filter);
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(lastError());
    bindAlertFilter(s.get(), filter);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return Error(lastError());
    return sqlite3_column_int64(s.get(), 0);
}

} // namespace Vigie

namespace Vigie {

AlertQuery AlertGroup::filter(AlertQuery base, AlertGrouping by) const
{
    switch (by) {
    case AlertGrouping::Rule:
        base.rule = rule;
        break;
    case AlertGrouping::Host:
        base.host = host;
        break;
    case AlertGrouping::Flow:
        base.sourceIp = sourceIp;
        base.destinationIp = destinationIp;
        break;
    }
    return base;
}

Result<std::vector<AlertGroup>>
Store::alertGroups(const AlertQuery &filter, AlertGrouping by, int limit) const
{
    const char *key = by == AlertGrouping::Rule   ? "a.rule_name, NULL, NULL, NULL"
                      : by == AlertGrouping::Host ? "NULL, a.host_name, NULL, NULL"
                                                  : "NULL, NULL, a.source_ip, a.destination_ip";
    const char *groupBy = by == AlertGrouping::Rule   ? "a.rule_name"
                          : by == AlertGrouping::Host ? "a.host_name"
                                                      : "a.source_ip, a.destination_ip";
    std::string sql = std::string("SELECT ") + key
                      + ", count(*), sum(a.status != 2), max(a.severity), max(a.ts) FROM alerts a "
                        "WHERE 1";
    appendAlertFilter(sql, filter);
    sql += std::string(" GROUP BY ") + groupBy + " ORDER BY count(*) DESC, max(a.ts) DESC LIMIT ?";
    Stmt s(m_db, sql.c_str());
    if (!s)
        return Error(QStringLiteral("grouping alerts failed: %1").arg(lastError()));
    bindAlertFilter(s.get(), filter);
    sqlite3_bind_int(s.get(), sqlite3_bind_parameter_count(s.get()), limit > 0 ? limit : -1);
    std::vector<AlertGroup> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        AlertGroup g;
        g.rule = colQString(s.get(), 0);
        g.host = colQString(s.get(), 1);
        g.sourceIp = colQString(s.get(), 2);
        g.destinationIp = colQString(s.get(), 3);
        g.count = sqlite3_column_int64(s.get(), 4);
        g.open = sqlite3_column_int64(s.get(), 5);
        g.maxSeverity = sqlite3_column_int(s.get(), 6);
        g.newestUs = sqlite3_column_int64(s.get(), 7);
        out.push_back(g);
    }
    if (rc != SQLITE_DONE)
        return Error(QStringLiteral("grouping alerts failed: %1").arg(lastError()));
    return out;
}

// --- response audit ---

namespace {

constexpr const char *kZeroHash
    = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr const char *kAuditHeadKey = "response_audit_head";
const QString kMasked = QStringLiteral("***");

// Keys whose values are credentials (HTTP headers as CACAO and the connectors name them, and the
// usual JSON fields), compared case-insensitively.
bool isSecretKey(const QString &key)
{
    static const QRegularExpression re(
        QStringLiteral("^(?:(?:proxy-)?authorization|(?:x-)?api[-_]?key|x-auth-token|x-vault-token|"
                       "(?:set-)?cookie|password|passwd|secret|client_secret|access_token|"
                       "refresh_token)$"),
        QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

// Keeps the scheme of an Authorization value ("Basic ***"): the log still tells how a request
// authenticated, without the credential.
QString maskedValue(const QString &value)
{
    static const QRegularExpression scheme(
        QStringLiteral("^\\s*(basic|bearer|apikey|digest|negotiate|ntlm|token)\\s+\\S"),
        QRegularExpression::CaseInsensitiveOption);
    if (const auto m = scheme.match(value); m.hasMatch())
        return m.captured(1) + QLatin1Char(' ') + kMasked;
    return kMasked;
}

QJsonValue maskedJson(const QJsonValue &v)
{
    if (v.isString())
        return maskedValue(v.toString());
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(maskedJson(item));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out = v.toObject();
        for (auto it = out.begin(); it != out.end(); ++it)
            it.value() = maskedJson(it.value());
        return out;
    }
    return v; // numbers, booleans, null: nothing to hide that a mask would not lose
}

// A header written out inside a text (a raw request, a curl line, a JSON string in a string).
QString scrubText(QString text)
{
    static const QRegularExpression header(
        QStringLiteral("\\b((?:proxy-)?authorization|(?:x-)?api[-_]?key|x-auth-token|"
                       "x-vault-token|cookie)([\"']?[ \\t]*[:=][ \\t]*[\"']?)([^\\r\\n\"'&]+)"),
        QRegularExpression::CaseInsensitiveOption);
    qsizetype from = 0;
    for (auto m = header.match(text, from); m.hasMatch(); m = header.match(text, from)) {
        const QString masked = maskedValue(m.captured(3));
        text.replace(m.capturedStart(3), m.capturedLength(3), masked);
        from = m.capturedStart(3) + masked.size();
    }
    return text;
}

QJsonValue scrubJson(const QJsonValue &v);

QJsonObject scrubObject(const QJsonObject &o)
{
    QJsonObject out;
    // Headers as a list of {"name": "Authorization", "value": "…"}.
    const QString named = o.value(QStringLiteral("name")).toString();
    const bool namedSecret = !named.isEmpty() && isSecretKey(named);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (isSecretKey(it.key()) || (namedSecret && it.key() == QLatin1String("value")))
            out.insert(it.key(), maskedJson(it.value()));
        else
            out.insert(it.key(), scrubJson(it.value()));
    }
    return out;
}

QJsonValue scrubJson(const QJsonValue &v)
{
    if (v.isString())
        return scrubText(v.toString());
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(scrubJson(item));
        return out;
    }
    if (v.isObject())
        return scrubObject(v.toObject());
    return v;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray colBytes(sqlite3_stmt *s, int i)
{
    const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(s, i));
    return t ? QByteArray(t, sqlite3_column_bytes(s, i)) : QByteArray();
}

void bindBytes(sqlite3_stmt *s, int i, const std::optional<QByteArray> &v)
{
    if (v)
        sqlite3_bind_text(s, i, v->constData(), int(v->size()), SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(s, i);
}

// The last entry the store wrote, as recorded next to the log: a deleted tail leaves no gap in
// the ids, so without it a truncated log would verify.
struct AuditHead
{
    std::int64_t id = 0;
    QByteArray hash;
};

std::optional<AuditHead> readAuditHead(sqlite3 *db)
{
    Stmt s(db, "SELECT value FROM meta WHERE key = ?");
    if (!s)
        return std::nullopt;
    sqlite3_bind_text(s.get(), 1, kAuditHeadKey, -1, SQLITE_STATIC);
    if (sqlite3_step(s.get()) != SQLITE_ROW)
        return std::nullopt;
    const QByteArray value = colBytes(s.get(), 0);
    const qsizetype colon = value.indexOf(':');
    bool ok = false;
    const std::int64_t id = colon > 0 ? value.left(colon).toLongLong(&ok) : 0;
    if (!ok || id <= 0)
        return AuditHead{-1, {}}; // there but unreadable
    return AuditHead{id, value.mid(colon + 1)};
}

} // namespace

QByteArray responseAuditHashInput(std::int64_t id,
                                  std::int64_t atUs,
                                  const QByteArray &actor,
                                  const QByteArray &kind,
                                  std::optional<std::int64_t> incident,
                                  const std::optional<QByteArray> &runId,
                                  const std::optional<QByteArray> &step,
                                  const QByteArray &detail,
                                  const QByteArray &prevHash)
{
    // Length-prefixed fields: no value can end early or run into the next, and "-" (which no
    // length starts with) keeps NULL apart from an empty text.
    QByteArray out("vigie.response_audit.v1\n");
    auto field = [&out](const QByteArray &v) {
        out += QByteArray::number(v.size());
        out += ':';
        out += v;
        out += '\n';
    };
    auto optional = [&out, &field](const std::optional<QByteArray> &v) {
        if (v)
            field(*v);
        else
            out += "-\n";
    };
    field(QByteArray::number(qint64(id)));
    field(QByteArray::number(qint64(atUs)));
    field(actor);
    field(kind);
    optional(incident ? std::optional<QByteArray>(QByteArray::number(qint64(*incident)))
                      : std::nullopt);
    optional(runId);
    optional(step);
    field(detail);
    field(prevHash);
    return out;
}

Result<std::int64_t> Store::appendResponseAudit(const ResponseAuditEntry &entry)
{
    if (m_readOnly)
        return Error(QStringLiteral("the store is open read-only"));
    static const QRegularExpression kindPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!kindPattern.match(entry.kind).hasMatch())
        return Error(QStringLiteral("an audit entry's kind is a lower-case identifier, not '%1'")
                         .arg(entry.kind));
    QJsonObject detail;
    if (!entry.detail.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(entry.detail.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return Error(QStringLiteral("the detail of an audit entry must be a JSON object"));
        detail = doc.object();
    }
    const QByteArray detailBytes
        = QJsonDocument(scrubObject(detail)).toJson(QJsonDocument::Compact);
    const QByteArray actor
        = (entry.actor.isEmpty() ? QStringLiteral("analyst") : entry.actor).toUtf8();
    const QByteArray kind = entry.kind.toUtf8();
    auto optionalText = [](const QString &v) {
        return v.isEmpty() ? std::nullopt : std::optional<QByteArray>(v.toUtf8());
    };
    const std::optional<QByteArray> runId = optionalText(entry.runId);
    const std::optional<QByteArray> step = optionalText(entry.step);
    const std::int64_t at
        = entry.atUs > 0 ? entry.atUs : QDateTime::currentMSecsSinceEpoch() * 1000;
    std::int64_t id = 0;
    auto append = [&]() -> Result<void> {
        // Read inside the write transaction: no other writer can append between this read and the
        // insert, and the explicit id would collide if one did.
        Stmt last(m_db, "SELECT id, hash FROM response_audit ORDER BY id DESC LIMIT 1");
        if (!last)
            return Error(lastError());
        std::int64_t lastId = 0;
        QByteArray prev(kZeroHash);
        if (const int rc = sqlite3_step(last.get()); rc == SQLITE_ROW) {
            lastId = sqlite3_column_int64(last.get(), 0);
            prev = colBytes(last.get(), 1);
        } else if (rc != SQLITE_DONE) {
            return Error(lastError());
        }
        // When the tail was deleted, chain onto the last entry written rather than the last one
        // left: the next entry keeps the gap visible instead of papering over it.
        if (const auto head = readAuditHead(m_db); head && head->id > lastId) {
            lastId = head->id;
            prev = head->hash;
        }
        id = lastId + 1;
        const QByteArray hash = sha256Hex(responseAuditHashInput(
            id, at, actor, kind, entry.incident, runId, step, detailBytes, prev));
        Stmt ins(
            m_db,
            "INSERT INTO response_audit(id, at_us, actor, kind, incident, run_id, step, detail, "
            "prev_hash, hash) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!ins)
            return Error(lastError());
        sqlite3_bind_int64(ins.get(), 1, id);
        sqlite3_bind_int64(ins.get(), 2, at);
        bindBytes(ins.get(), 3, actor);
        bindBytes(ins.get(), 4, kind);
        if (entry.incident)
            sqlite3_bind_int64(ins.get(), 5, *entry.incident);
        else
            sqlite3_bind_null(ins.get(), 5);
        bindBytes(ins.get(), 6, runId);
        bindBytes(ins.get(), 7, step);
        bindBytes(ins.get(), 8, detailBytes);
        bindBytes(ins.get(), 9, prev);
        bindBytes(ins.get(), 10, hash);
        if (sqlite3_step(ins.get()) != SQLITE_DONE)
            return Error(lastError());
        Stmt head(m_db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
        sqlite3_bind_text(head.get(), 1, kAuditHeadKey, -1, SQLITE_STATIC);
        bindBytes(head.get(), 2, QByteArray::number(qint64(id)) + ':' + hash);
        if (sqlite3_step(head.get()) != SQLITE_DONE)
            return Error(lastError());
        return {};
    };
    // Inside a caller's transaction the entry commits (or rolls back) with the action it records.
    const Result<void> r = sqlite3_get_autocommit(m_db) ? inTransaction(append) : append();
    if (!r)
        return Error(QStringLiteral("recording a response audit entry failed: %1").arg(r.error()));
    return id;
}

Result<std::vector<ResponseAuditEntry>> Store::responseAudit(std::optional<qint64> incident,
                                                             int limit) const
{
    Stmt s(m_db,
           incident ? "SELECT id, at_us, actor, kind, incident, run_id, step, detail, prev_hash, "
                      "hash FROM response_audit WHERE incident = ? ORDER BY id DESC LIMIT ?"
                    : "SELECT id, at_us, actor, kind, incident, run_id, step, detail, prev_hash, "
                      "hash FROM response_audit ORDER BY id DESC LIMIT ?");
    if (!s)
        return Error(QStringLiteral("reading the response audit log failed: %1").arg(lastError()));
    int p = 1;
    if (incident)
        sqlite3_bind_int64(s.get(), p++, *incident);
    sqlite3_bind_int(s.get(), p, limit > 0 ? limit : -1);
    std::vector<ResponseAuditEntry> out;
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        ResponseAuditEntry e;
        e.id = sqlite3_column_int64(s.get(), 0);
        e.atUs = sqlite3_column_int64(s.get(), 1);
        e.actor = colQString(s.get(), 2);
        e.kind = colQString(s.get(), 3);
        if (sqlite3_column_type(s.get(), 4) != SQLITE_NULL)
            e.incident = sqlite3_column_int64(s.get(), 4);
        e.runId = colQString(s.get(), 5);
        e.step = colQString(s.get(), 6);
        e.detail = colQString(s.get(), 7);
        e.prevHash = colQString(s.get(), 8);
        e.hash = colQString(s.get(), 9);
        out.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE)
        return Error(QStringLiteral("reading the response audit log failed: %1").arg(lastError()));
    return out;
}

Result<AuditVerification> Store::verifyResponseAudit() const
{
    AuditVerification v;
    auto broken = [&v](std::int64_t id, const QString &reason) {
        v.ok = false;
        v.firstBadId = id;
        v.reason = reason;
    };
    {
        Stmt t(m_db,
               "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'response_audit'");
        if (!t)
            return Error(lastError());
        if (sqlite3_step(t.get()) != SQLITE_ROW) {
            broken(0, QStringLiteral("the response audit table is missing"));
            return v;
        }
    }
    // Reads the stored bytes as they are (no round trip through QString, which would repair
    // invalid UTF-8), and the types too: a number rewritten as text is a change.
    Stmt s(m_db,
           "SELECT id, at_us, actor, kind, incident, run_id, step, detail, prev_hash, hash FROM "
           "response_audit ORDER BY id");
    if (!s)
        return Error(QStringLiteral("reading the response audit log failed: %1").arg(lastError()));
    std::int64_t prevId = 0;
    QByteArray expectedPrev(kZeroHash);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
        ++v.rows;
        if (!v.ok)
            continue; // the count still covers every entry
        sqlite3_stmt *row = s.get();
        auto type = [row](int i) {
            return sqlite3_column_type(row, i);
        };
        auto textOrNull = [&](int i) -> std::optional<QByteArray> {
            if (type(i) == SQLITE_NULL)
                return std::nullopt;
            return colBytes(row, i);
        };
        const std::int64_t id = sqlite3_column_int64(row, 0);
        const bool typesOk
            = type(0) == SQLITE_INTEGER && type(1) == SQLITE_INTEGER && type(2) == SQLITE_TEXT
              && type(3) == SQLITE_TEXT && (type(4) == SQLITE_NULL || type(4) == SQLITE_INTEGER)
              && (type(5) == SQLITE_NULL || type(5) == SQLITE_TEXT)
              && (type(6) == SQLITE_NULL || type(6) == SQLITE_TEXT) && type(7) == SQLITE_TEXT
              && type(8) == SQLITE_TEXT && type(9) == SQLITE_TEXT;
        const QByteArray prevHash = colBytes(row, 8);
        const QByteArray hash = colBytes(row, 9);
        const std::optional<std::int64_t> incident
            = type(4) == SQLITE_NULL ? std::nullopt
                                     : std::optional<std::int64_t>(sqlite3_column_int64(row, 4));
        const QByteArray computed = sha256Hex(responseAuditHashInput(id,
                                                                     sqlite3_column_int64(row, 1),
                                                                     colBytes(row, 2),
                                                                     colBytes(row, 3),
                                                                     incident,
                                                                     textOrNull(5),
                                                                     textOrNull(6),
                                                                     colBytes(row, 7),
                                                                     prevHash));
        if (!typesOk || computed != hash) {
            broken(id,
                   QStringLiteral("entry %1 was modified (its hash does not match its content)")
                       .arg(id));
            continue;
        }
        if (id != prevId + 1) {
            if (prevId == 0 && prevHash == expectedPrev)
                broken(id, QStringLiteral("the log starts at entry %1 instead of 1").arg(id));
            else if (prevId == 0)
                broken(1,
                       (id == 2 ? QStringLiteral("entry 1 is missing")
                                : QStringLiteral("entries 1 to %1 are missing").arg(id - 1))
                           + QStringLiteral(
                                 " (entry %1's previous hash is not the start of the chain)")
                                 .arg(id));
            else if (prevHash == expectedPrev)
                broken(id, QStringLiteral("ids jump from %1 to %2").arg(prevId).arg(id));
            else
                broken(prevId + 1,
                       (id == prevId + 2 ? QStringLiteral("entry %1 is missing").arg(prevId + 1)
                                         : QStringLiteral("entries %1 to %2 are missing")
                                               .arg(prevId + 1)
                                               .arg(id - 1))
                           + QStringLiteral(
                                 " (entry %1's previous hash does not match entry %2's hash)")
                                 .arg(id)
                                 .arg(prevId));
            continue;
        }
        if (prevHash != expectedPrev) {
            // Both entries match their own hashes: one was rewritten with its hash recomputed.
            broken(
                id,
                prevId == 0
                    ? QStringLiteral("entry 1 does not start the chain (its previous hash is not "
                                     "64 zeros)")
                    : QStringLiteral("the chain breaks at entry %1: its previous hash does not "
                                     "match entry %2's hash (one of them was rewritten)")
                          .arg(id)
                          .arg(prevId));
            continue;
        }
        prevId = id;
        expectedPrev = hash;
    }
    if (rc != SQLITE_DONE)
        return Error(QStringLiteral("reading the response audit log failed: %1").arg(lastError()));
    if (!v.ok)
        return v;
    const auto head = readAuditHead(m_db);
    if (head && head->id < 0) {
        broken(prevId, QStringLiteral("the store's record of the last entry is unreadable"));
    } else if (!head) {
        if (v.rows > 0)
            broken(prevId,
                   QStringLiteral("the store's record of the last entry is missing (the log ends "
                                  "at entry %1)")
                       .arg(prevId));
    } else if (head->id > prevId) {
        broken(
            prevId + 1,
            (head->id == prevId + 1
                 ? QStringLiteral("entry %1 is missing").arg(head->id)
                 : QStringLiteral("entries %1 to %2 are missing").arg(prevId + 1).arg(head->id))
                + (prevId == 0
                       ? QStringLiteral(" (the log is empty; the store recorded entry %1 as the "
                                        "last)")
                             .arg(head->id)
                       : QStringLiteral(" (the log ends at entry %1; the store recorded entry %2 "
                                        "as the last)")
                             .arg(prevId)
                             .arg(head->id)));
    } else if (head->id < prevId) {
        broken(head->id + 1,
               QStringLiteral("entry %1 was not written by Vigie (the store recorded entry %2 as "
                              "the last)")
                   .arg(head->id + 1)
                   .arg(head->id));
    } else if (head->hash != expectedPrev) {
        broken(prevId,
               QStringLiteral("entry %1 was modified (its hash differs from the one recorded when "
                              "it was written)")
                   .arg(prevId));
    }
    if (v.ok) {
        v.headId = prevId;
        v.headHash = QString::fromLatin1(expectedPrev);
    }
    return v;
}

} // namespace Vigie
