// SPDX-License-Identifier: Apache-2.0
// The SQLite store: one file in WAL mode holding immutable normalised events, their original
// documents (compressed blocks), the alerts' triage state and a full-text index. One Store object
// is one connection: the writer owns one, readers (models, workers) open their own.
#pragma once

#include "core/events/event.h"
#include "core/events/result.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QJsonObject;

struct sqlite3;
struct sqlite3_stmt;

namespace Vigie {

// A batch ready for the store: normalised events, their identities and the compressed blocks
// holding their original documents. Built off the writer thread so the writer only writes.
struct IngestBatch
{
    struct RawRef
    {
        int block = -1; // index into blocks
        int index = -1; // record index inside the block
        // Or a block already in the store (an alert raised later on a stored event).
        std::int64_t storedBlock = -1;
    };
    std::vector<Event> events;
    std::vector<std::uint64_t> identities;
    std::vector<RawRef> raw;
    std::vector<std::string> blocks;
    std::int64_t sourceId = 0;
    // A connector's resume position after this batch: stored in the batch's transaction, so the
    // cursor never runs ahead of (or behind) the events it covers.
    std::optional<std::string> cursor;

    std::size_t size() const { return events.size(); }
    void clear()
    {
        events.clear();
        identities.clear();
        raw.clear();
        blocks.clear();
        cursor.reset();
    }
};

enum class AlertStatus : int { New = 0, InProgress = 1, Closed = 2 };
QString alertStatusName(AlertStatus s); // untranslated identifier: new, in_progress, closed
std::optional<AlertStatus> alertStatusFromName(const QString &name);

struct AlertRow;

// The columns the queue sorts by.
enum class AlertSort { Time, Severity, Status, Host, User, Source, Rule, Technique, Assignee };

// Where the previous page ended, for keyset paging: the sort key of its last row (a number for
// severity and status, else text), its time and its id.
struct AlertKeyset
{
    QString text;
    std::int64_t number = 0;
    std::int64_t ts = 0;
    std::int64_t id = 0;
};

struct AlertQuery
{
    std::optional<AlertStatus> status;
    int minSeverity = -1;
    QString host;              // host name, or an IP seen as host, source or destination
    QString search;            // FTS5 query over rule names, command lines, file paths and URLs
    QString rule;              // exact rule name
    QString ruleId;            // exact rule id (a Sigma rule UUID, vigie:…, ioc:…)
    QString sourceIp;          // exact
    QString destinationIp;     // exact
    QString user;              // exact user name, case-insensitive
    QString technique;         // ATT&CK id; T1059 also matches its sub-techniques T1059.001…
    QString dataset;           // the alert's source (dataset), exact
    QString assignee;          // exact; "-" for unassigned
    QString tag;               // exact tag
    std::int64_t incident = 0; // alerts of this incident
    QString process;           // alerts about this process (entity id / ProcessGuid)
    std::optional<std::int64_t> sinceUs; // time ≥ since
    std::optional<std::int64_t> untilUs; // time < until
    int limit = 100;
    AlertSort sort = AlertSort::Time;
    bool ascending = false; // newest (or largest) first by default; ties go by time, then id
    // Keyset paging: rows strictly after this one in the sort order.
    std::optional<AlertKeyset> after;
    // Live insertion: only alerts stored after this id, in id order (sort and keyset ignored).
    std::int64_t newerThanId = -1;
    // A snapshot: only alerts with an id up to this one (the queue's view of the store while new
    // alerts arrive, so that positions stay exact). -1: every alert.
    std::int64_t maxId = -1;
    // Skips this many rows of the sorted result (a jump far into the queue, with no keyset).
    std::int64_t offset = 0;

    static AlertKeyset keysetOf(const AlertRow &row, AlertSort sort);
    // The filter part of a query typed by an analyst: `key:value` terms (host:, user:, src:,
    // dst:, ip:, rule:, technique:, source:, assignee:, tag:, incident:, process:, ruleid:,
    // status:, severity:, since:, until:; quote values with spaces) and free text for the full-text
    // search. Relative times (15m, 24h, 7d) count back from `nowUs`. Unknown keys are searched as
    // text; bad values are reported.
    static Result<AlertQuery> parse(const QString &text, std::int64_t nowUs);
    // True when no filter is set (paging and sort aside).
    bool isUnfiltered() const;
};

// Alerts grouped by a key, so that 745 alerts of one scan are one row.
enum class AlertGrouping { Rule, Host, Flow };
struct AlertGroup
{
    QString rule;          // Rule
    QString host;          // Host
    QString sourceIp;      // Flow
    QString destinationIp; // Flow
    std::int64_t count = 0;
    std::int64_t open = 0; // not closed
    int maxSeverity = -1;
    std::int64_t newestUs = 0;
    // The filter that selects exactly this group's alerts within `base`.
    AlertQuery filter(AlertQuery base, AlertGrouping by) const;
};

struct AlertRow
{
    std::int64_t id = 0;
    std::int64_t timestampUs = 0;
    int severity = -1;
    QString ruleId;
    QString ruleName;
    QString hostName;
    QString sourceIp;
    int sourcePort = -1;
    QString destinationIp;
    int destinationPort = -1;
    QString dataset;
    QString userName;
    QString processEntityId;
    Format format = Format::Unknown;
    AlertStatus status = AlertStatus::New;
    QString assignee;
    QString techniqueIds;
    QString disposition; // true_positive, false_positive, benign, or empty
    QStringList tags;
};

// One triage action on a set of alerts. Fields left unset are not touched.
struct TriageChange
{
    QString action; // what the analyst did, for the history: acknowledge, assign, close, …
    std::optional<AlertStatus> status;
    std::optional<QString> assignee;    // empty: unassign
    std::optional<int> severity;        // 0–100
    std::optional<QString> disposition; // true_positive, false_positive, benign; empty: clear
    std::optional<QString> reason;      // why it was closed
    QStringList addTags;
    QStringList removeTags;
    QString note;                         // added to every alert
    std::optional<std::int64_t> incident; // adds the alerts to this incident
    QString newIncident; // or to a new incident with this title, created in the same transaction
};

// An incident as the incidents list shows it.
struct IncidentSummary
{
    std::int64_t id = 0;
    int score = 0;
    std::int64_t eventCount = 0;
    QStringList users;
    QStringList ips; // remote addresses involved
    QStringList tactics;
    QStringList hostIps; // the hosts' own addresses, in the order of hosts
    QString title;
    int status = 0; // AlertStatus values
    int severity = 0;
    QString assignee;
    std::int64_t createdAt = 0; // seconds since the Unix epoch
    QString createdBy;
    std::int64_t alertCount = 0;
    std::int64_t firstSeenUs = 0;
    std::int64_t lastSeenUs = 0;
    QStringList hosts;
    QStringList techniques;
    QString origin;           // analyst or correlation
    bool titleSet = false;    // the analyst named it: correlation keeps the title
    bool severitySet = false; // the analyst set its severity
};
bool isDisposition(const QString &d);

// An entry of the triage history: who did what to how many alerts, and whether it was undone.
struct AuditEntry
{
    std::int64_t id = 0;
    std::int64_t at = 0; // seconds since the Unix epoch
    QString actor;
    QString action;
    QString detail; // the change, as JSON
    std::int64_t count = 0;
    bool undone = false;
};

struct AlertNote
{
    std::int64_t at = 0;
    QString actor;
    QString text;
};

// A configured connector. `config` is the connector's JSON settings (never a secret: secrets live
// in the OS keyring or where the configuration points); `cursor` is where it resumes.
struct ConnectorRecord
{
    std::int64_t id = 0;
    QString name;
    QString kind;
    QByteArray config;
    bool enabled = true;
    std::int64_t sourceId = 0;
    std::string cursor;
};

// A host a sensor manager knows about (a Wazuh agent, an Elastic endpoint), to enrich host names.
struct AssetRecord
{
    QString agentId;
    QString hostName;
    QString ip;
    QString os;
    QString status;
    std::int64_t lastSeenUs = 0;
    std::int64_t sourceId = 0;
};

// One stored event as a scan hands it over: its row, its normalised fields and its original.
struct StoredEvent
{
    std::int64_t id = 0;
    std::uint64_t identity = 0;
    std::int64_t rawBlock = -1;
    int rawIndex = -1;
    Event event;
    std::string_view raw; // empty when the original is not stored
};

struct EventScan
{
    std::int64_t afterId = 0;            // events with a larger id
    std::optional<std::int64_t> sinceUs; // and at least this recent
    bool skipAlerts = true;              // only telemetry, not alerts
    int limit = 4096;                    // events per call
};

// An alert with what correlation needs of its event.
struct CorrelationRow
{
    std::int64_t id = 0;
    std::int64_t ts = 0;
    int severity = 0;
    QString ruleName, ruleId, hostName, userName, sourceIp, destinationIp, techniques, tactics;
    QString processId, parentId, hostIp, dnsName, hash, dataset;
    std::int64_t source = 0; // the file or connector it came from
};

// An alert of an incident, with why it is there.
struct IncidentAlert
{
    std::int64_t id = 0;
    std::int64_t ts = 0;
    int severity = 0;
    QString hostName, userName, ruleName, techniques, tactics, sourceIp, destinationIp;
    QString link, evidence;
};

// An incident correlation made, and why each alert joined.
struct CorrelatedIncident
{
    QString title;
    int severity = 0;
    int score = 0;
    struct Member
    {
        std::int64_t alert = 0;
        QString link;     // same_host, lineage, indicator, lateral, flow
        QString evidence; // the value that links it
    };
    std::vector<Member> members;
};

// An event around an incident (on its hosts, during its span), as the timeline and the scope
// read it.
struct IncidentEvent
{
    std::int64_t id = 0;
    std::int64_t ts = 0;
    bool alert = false;
    bool inIncident = false; // an alert of this incident
    int code = -1;
    int severity = 0;
    QString hostName, userName, category, action, dataset, ruleName, tactics;
    QString processEntity, parentEntity, processName, parentName, commandLine;
    QString sourceIp, destinationIp, dnsName, filePath, hash;
    int destinationPort = 0;
    // What root-cause analysis follows: full image paths, process ids (Security events carry no
    // entity id), the parent's command line, registry writes, the target of an injection and the
    // source port that ties both ends of a connection together.
    QString processExecutable, parentCommandLine, registryPath, registryData;
    QString targetEntity, targetExecutable;
    std::int64_t processPid = -1, parentPid = -1;
    int sourcePort = 0;
};

struct IncidentEventWindow
{
    std::int64_t marginUs = 3600LL * 1000000; // before the first and after the last alert
    std::int64_t limit = 2000000;             // events at most (the alerts always come)
    const std::atomic<bool> *cancel = nullptr;
};

// The store's events counted in equal spans of time, oldest first.
struct EventHistogram
{
    std::int64_t fromUs = 0;
    std::int64_t bucketUs = 1;
    std::vector<std::int64_t> counts;
};

// What correlation computed for an incident as it now stands.
struct IncidentUpdate
{
    std::int64_t id = 0;
    QString title;
    int severity = 0;
    int score = 0;
};

// One entry of the response audit log: a playbook run, a step, an HTTP request and its response
// code, an approval, a manual check, a toolkit. Entries are only ever appended; each carries the
// hash of the one before, so a modified or deleted entry breaks the chain (verifyResponseAudit).
// `detail` is a JSON object. Callers mask secrets before they get here (the request as the dry run
// shows it); the store also masks Authorization and API-key header values it recognises, because a
// secret written here could never be removed.
struct ResponseAuditEntry
{
    std::int64_t id = 0;   // set by the store
    std::int64_t atUs = 0; // microseconds since the Unix epoch; 0: now
    QString actor;         // empty: "analyst"
    QString kind; // run_started, step_started, request, response, approval, manual, step_finished,
                  // run_finished, toolkit, … (lower case, digits and _)
    std::optional<std::int64_t> incident;
    QString runId;    // empty: none
    QString step;     // empty: none
    QString detail;   // a JSON object; empty: {}. Read back: compact, keys sorted, masked
    QString prevHash; // set by the store: the previous entry's hash (64 zeros for the first)
    QString hash;     // set by the store: SHA-256 (hex) of responseAuditHashInput()
};

// What verifyResponseAudit() found: ok, or the first entry where the chain breaks and why.
struct AuditVerification
{
    bool ok = true;
    qint64 rows = 0;       // entries in the log
    qint64 firstBadId = 0; // the first entry modified, missing or out of place (0 when ok)
    QString reason;        // a sentence naming that entry
    qint64 headId = 0;     // the last entry and its hash: write them down elsewhere to notice a
    QString headHash;      // log truncated or rewritten whole later
};

// The exact bytes an entry's hash covers, so other tools can check a log: the tag
// "vigie.response_audit.v1\n", then id, at_us, actor, kind, incident, run_id, step, detail and
// prev_hash in that order, each written as "-\n" when NULL, else as its UTF-8 byte length in
// decimal, ':', the bytes and '\n' (integers in decimal). The hash is the SHA-256 of it, lower-case
// hex.
QByteArray responseAuditHashInput(std::int64_t id,
                                  std::int64_t atUs,
                                  const QByteArray &actor,
                                  const QByteArray &kind,
                                  std::optional<std::int64_t> incident,
                                  const std::optional<QByteArray> &runId,
                                  const std::optional<QByteArray> &step,
                                  const QByteArray &detail,
                                  const QByteArray &prevHash);

struct StoreCounts
{
    std::int64_t events = 0;
    std::int64_t alerts = 0;
};

class Store
{
public:
    static constexpr int SchemaVersion = 7;

    enum class Mode { ReadWrite, ReadOnly };
    static Result<std::unique_ptr<Store>> open(const QString &path, Mode mode = Mode::ReadWrite);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const QString &path() const { return m_path; }
    int schemaVersion() const;

    // --- writing (the writer thread only) ---
    // Registers (or finds) an ingest source, such as a file path or a connector name.
    Result<std::int64_t> ensureSource(const QString &kind, const QString &name);
    // Loads every stored identity, for de-duplication before compression.
    Result<void> loadIdentities(std::vector<std::uint64_t> &out) const;
    // A bulk load into an empty store drops the secondary indexes and builds them once at the end:
    // building an index after the load is several times cheaper than maintaining it.
    Result<void> beginBulkLoad();
    // `identities`, when given, are those of every event the bulk load stored (they are sorted
    // here); without them they are read back from the events.
    Result<void> endBulkLoad(std::vector<std::int64_t> *identities = nullptr);
    bool inBulkLoad() const { return m_bulk; }
    // Writes a batch in one transaction. `inserted[i]` tells whether event i was new (an identity
    // already stored is skipped). Returns the number of new events.
    Result<std::int64_t> writeBatch(const IngestBatch &batch,
                                    std::vector<bool> *inserted = nullptr);
    // Creates any index that is missing (after a crash in the middle of a bulk load).
    Result<void> ensureIndexes();

    // --- connectors ---
    // Adds or updates (by name) a connector; returns its id.
    Result<std::int64_t> saveConnector(const ConnectorRecord &c);
    Result<std::vector<ConnectorRecord>> connectors() const;
    Result<ConnectorRecord> connector(const QString &name) const;
    // Removes the configuration; the events it brought stay. False when there was none.
    Result<bool> removeConnector(const QString &name);
    Result<void> setSourceCursor(std::int64_t sourceId, const std::string &cursor);
    Result<std::int64_t> countEventsFromSource(std::int64_t sourceId) const;
    Result<void> saveAssets(std::int64_t sourceId, const std::vector<AssetRecord> &assets);
    Result<std::vector<AssetRecord>> assets() const;

    // --- reading ---
    Result<StoreCounts> counts() const;
    Result<std::vector<AlertRow>> alerts(const AlertQuery &q) const;
    // The original document of an event, as the sensor sent it.
    Result<std::string> rawDocument(std::int64_t eventId) const;
    Result<Event> event(std::int64_t eventId) const;

    // --- triage ---
    Result<void> setAlertStatus(std::int64_t eventId, AlertStatus status, const QString &assignee);
    // Applies `change` to the listed alerts, or to every alert matching `filter` (no cap; its
    // limit and keyset are ignored), in one transaction recorded in the history with each alert's
    // state before. Returns the history entry's id.
    Result<std::int64_t> triage(const QString &actor,
                                const TriageChange &change,
                                const std::vector<std::int64_t> &alertIds);
    Result<std::int64_t>
    triage(const QString &actor, const TriageChange &change, const AlertQuery &filter);
    // Puts the alerts of a history entry back as they were before it (notes it added go too).
    // Returns how many alerts were restored.
    Result<std::int64_t> undoTriage(std::int64_t auditId, const QString &actor);
    Result<std::vector<AuditEntry>> history(int limit = 100) const;
    Result<std::vector<AlertNote>> notes(std::int64_t eventId) const;
    Result<std::int64_t> countAlerts(const AlertQuery &filter) const;
    // An empty incident; alerts join it with a triage change carrying its id (so joining is
    // recorded and can be undone like any other action).
    Result<std::int64_t> createIncident(const QString &title, const QString &actor);
    Result<std::vector<IncidentSummary>> incidents(int limit = 0) const;
    // One incident (merged ones included while they exist); an error naming it when there is none.
    Result<IncidentSummary> incident(std::int64_t id) const;
    // The alerts of one incident, oldest first.
    Result<std::vector<IncidentAlert>> incidentAlerts(std::int64_t incident) const;
    // The events on the incident's hosts during its span (± the margin), oldest first, and the
    // incident's own alerts wherever they are. Returns false in the second member when the limit
    // cut the list short.
    Result<std::pair<std::vector<IncidentEvent>, bool>>
    incidentEvents(std::int64_t incident, const IncidentEventWindow &window = {}) const;
    // What root-cause analysis needs around an incident, found through the indexes rather than
    // by reading every event of its hosts: its alerts; the processes they name, with every event of
    // those processes, their ancestors and their descendants; connections from other hosts to the
    // incident's hosts' addresses (and those processes' ancestry on their own host); and, in the
    // span (± the margin), the incident's hosts' logons, service and task installations, process
    // starts without an entity id, writes to registry keys that hijack a program, and the writing
    // of programs that were later run. Oldest first.
    Result<std::vector<IncidentEvent>> causalEvents(std::int64_t incident,
                                                    const IncidentEventWindow &window) const;
    // Every stored event counted in `buckets` spans from the oldest to the newest.
    Result<EventHistogram> eventHistogram(int buckets) const;
    // The incident the last triage change with `newIncident` created.
    std::int64_t lastCreatedIncident() const { return m_lastIncident; }
    // Hands over up to `scan.limit` events in id order with their originals (each block
    // decompressed once); returns the last id visited (scan.afterId when there were none left).
    Result<std::int64_t> scanEvents(const EventScan &scan,
                                    const std::function<void(const StoredEvent &)> &visit) const;
    // Every alert with its event's correlation fields, oldest first.
    Result<std::vector<CorrelationRow>> correlationRows() const;
    // Each host's own addresses, as its network events show them (the address that appears in
    // most of its Sysmon connections, or the one its events name).
    Result<std::vector<std::pair<QString, QString>>> hostAddresses() const;
    // Files correlation's groups into incidents, keeping what the analyst decided: each group
    // goes to the incident that already holds most of its alerts (its id stays the same as alerts
    // arrive), or to a new one; alerts the analyst placed stay where they are, and alerts taken
    // out of an incident are not put back. Correlation's incidents left empty go.
    Result<void> applyCorrelation(const std::vector<CorrelatedIncident> &groups);
    // The alerts of every incident (merged ones aside).
    Result<std::vector<std::pair<std::int64_t, std::vector<std::int64_t>>>> incidentMembers() const;
    // New titles, severities and scores; a title or severity the analyst set stays.
    Result<void> updateIncidents(const std::vector<IncidentUpdate> &updates,
                                 const QString &correlationStamp);
    // What the alerts looked like when correlation last ran (empty after an analyst's change).
    QString correlationStamp() const;
    // The same for the store as it is now: when it equals correlationStamp(), nothing changed.
    QString currentCorrelationStamp() const;
    // The analyst's changes to incidents, each recorded in the history.
    Result<void> renameIncident(std::int64_t id, const QString &title, const QString &actor);
    Result<void> setIncidentSeverity(std::int64_t id, int severity, const QString &actor);
    // Records in the history that a report of the incident was written, with its digest, so a
    // report handed over can be matched to what the store held.
    Result<void> recordReport(std::int64_t incident,
                              const QString &path,
                              const QByteArray &sha256hex,
                              const QString &actor);
    // Moves the alerts of `from` into `into`; the merged incidents disappear from the list.
    Result<void>
    mergeIncidents(std::int64_t into, const std::vector<std::int64_t> &from, const QString &actor);
    // Moves these alerts of `from` into a new incident with this title; returns its id.
    Result<std::int64_t> splitIncident(std::int64_t from,
                                       const std::vector<std::int64_t> &alerts,
                                       const QString &title,
                                       const QString &actor);
    // Takes these alerts out of the incident (undoing the link that brought them); correlation
    // will not put them back into it.
    Result<std::int64_t> removeFromIncident(std::int64_t id,
                                            const std::vector<std::int64_t> &alerts,
                                            const QString &actor);
    // --- response audit (append-only, hash-chained) ---
    // Appends an entry and returns its id. The previous hash is read and the entry written in one
    // write transaction (or in the caller's, when one is open), so concurrent writers queue up
    // instead of forking the chain.
    Result<std::int64_t> appendResponseAudit(const ResponseAuditEntry &entry);
    // Entries, newest first; only those of `incident` when given. limit <= 0: every entry.
    Result<std::vector<ResponseAuditEntry>> responseAudit(std::optional<qint64> incident = {},
                                                          int limit = 100) const;
    // Recomputes every hash and follows the chain from the first entry to the head the store
    // recorded. Tampering is reported in the result, not as an error. The format being public, a
    // log rewritten from some entry on with every later hash recomputed (and the head with it)
    // verifies: only a head noted outside the store shows that.
    Result<AuditVerification> verifyResponseAudit() const;
    // The id of the newest stored event (0 when there is none).
    Result<std::int64_t> maxEventId() const;
    // The analytics of an import run over the events it added, after it ends. An import stopped
    // before (killed, cancelled, a full disk) would leave its events without them for ever, so the
    // range is recorded before the import starts: analyticsStart() returns the id after which the
    // next analytics must look (the recorded one when an earlier import never finished, else the
    // last event now, which it records), and analyticsDone() clears it once they have run.
    Result<std::int64_t> analyticsStart();
    Result<void> analyticsDone();
    // The id of the newest stored alert (0 when there is none).
    Result<std::int64_t> maxAlertId() const;
    // The groups of the alerts matching `filter`, largest first.
    Result<std::vector<AlertGroup>>
    alertGroups(const AlertQuery &filter, AlertGrouping by, int limit = 1000) const;

    sqlite3 *handle() const { return m_db; }
    // A long statement (a bulk triage, a count over millions) stops soon after `*flag` becomes
    // true, failing with "cancelled"; a write is rolled back whole. nullptr: never cancelled.
    void setCancelFlag(std::shared_ptr<std::atomic<bool>> flag);

private:
    Store() = default;
    Result<void> exec(const char *sql) const;
    Result<void> migrate();
    Result<void> repairAfterBulkLoad();
    Result<void> inTransaction(const std::function<Result<void>()> &body);
    Result<void> recordIncidentChange(const QString &actor,
                                      const QString &action,
                                      const QJsonObject &detail,
                                      std::int64_t count);
    Result<void> checkIncident(std::int64_t id) const;
    Result<std::int64_t> applyTriage(const QString &actor,
                                     const TriageChange &change,
                                     const std::string &selectSql,
                                     const std::function<void(sqlite3_stmt *)> &bind);
    bool bulkLoadInterrupted() const;
    QString lastError() const;

    sqlite3 *m_db = nullptr;
    QString m_path;
    bool m_readOnly = false;
    bool m_bulk = false;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::int64_t m_lastIncident = 0;
    // hostAddresses() scans every connection: kept until an event arrives.
    mutable std::optional<std::pair<std::int64_t, std::vector<std::pair<QString, QString>>>>
        m_addresses;
    struct Statements;
    std::unique_ptr<Statements> m_stmts;
};

} // namespace Vigie
