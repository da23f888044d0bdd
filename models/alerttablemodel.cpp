// SPDX-License-Identifier: Apache-2.0
#include "models/alerttablemodel.h"
#include "models/inerttext.h"

#include "core/detection/detector.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QPointer>
#include <QThread>
#include <QTimeZone>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <iterator>
#include <utility>

namespace Vigie::Models {

namespace {

Q_LOGGING_CATEGORY(lcAlertModel, "vigie.models.alerts")

std::atomic<bool> g_localTime{false};

// "2021-06-06T13:59:46.457984Z" -> "2021-06-06 13:59:46" (UTC, to the second), or the same in
// the local time zone when the analyst chose it.
QString displayTime(std::int64_t us)
{
    if (g_localTime.load(std::memory_order_relaxed))
        return QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::systemTimeZone())
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    const std::string iso = formatTimestampUs(us);
    const std::size_t t = iso.find('T');
    const std::size_t end = iso.find_first_of(".Z", t == std::string::npos ? 0 : t);
    QString text = QString::fromLatin1(
        iso.data(), static_cast<qsizetype>(end == std::string::npos ? iso.size() : end));
    if (t != std::string::npos)
        text[static_cast<qsizetype>(t)] = QLatin1Char(' ');
    return text;
}

// The original document as the analyst reads it: indented when it is JSON, verbatim otherwise
// (Zeek TSV lines, anything a parser could not read).
QString documentText(const std::string &raw)
{
    const QByteArray bytes = QByteArray::fromStdString(raw);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && !doc.isNull())
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(bytes);
}

} // namespace

// State shared with the worker thread. `store` is opened, used and closed on the pool's single
// thread only; `generation` lets queued queries that a reset made useless skip their work.
struct AlertTableModel::Worker
{
    explicit Worker(QString databasePath)
        : path(std::move(databasePath))
    {}

    Result<Store *> connection()
    {
        if (store && thread != QThread::currentThread()) {
            // The pool's thread never expires, so this should not happen; recover by reopening.
            qCWarning(lcAlertModel) << "store connection used from a second thread; reopening";
            store.reset();
        }
        if (!store) {
            auto opened = Store::open(path, Store::Mode::ReadOnly);
            if (!opened)
                return Error(opened.error());
            store = std::move(opened.value());
            thread = QThread::currentThread();
        }
        return store.get();
    }

    const QString path;
    std::atomic<quint64> generation{0};
    std::unique_ptr<Store> store;
    QThread *thread = nullptr;
};

AlertTableModel::AlertTableModel(const QString &databasePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_path(databasePath)
    , m_worker(std::make_shared<Worker>(databasePath))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    m_filter.limit = m_pageSize;
    reload();
}

AlertTableModel::~AlertTableModel()
{
    // Queued queries see the new generation and return at once; the connection is closed on the
    // thread that opened it; then the worker is joined before any member goes away.
    m_worker->generation.store(~quint64(0));
    auto close = QtConcurrent::run(&m_pool, [worker = m_worker] { worker->store.reset(); });
    Q_UNUSED(close)
    m_pool.waitForDone();
}

void AlertTableModel::setFilter(const AlertQuery &filter)
{
    const AlertSort sort = m_filter.sort;
    const bool ascending = m_filter.ascending;
    m_filter = filter;
    m_filter.host = filter.host.trimmed();
    m_filter.search = filter.search.trimmed();
    m_filter.sort = sort;
    m_filter.ascending = ascending;
    m_filter.after.reset();
    m_filter.newerThanId = -1;
    reload();
}

AlertSort AlertTableModel::sortFor(int column)
{
    switch (column) {
    case SeverityColumn:
        return AlertSort::Severity;
    case StatusColumn:
        return AlertSort::Status;
    case HostColumn:
        return AlertSort::Host;
    case UserColumn:
        return AlertSort::User;
    case SourceColumn:
        return AlertSort::Source;
    case RuleColumn:
        return AlertSort::Rule;
    case TechniqueColumn:
        return AlertSort::Technique;
    case AssigneeColumn:
        return AlertSort::Assignee;
    default:
        return AlertSort::Time;
    }
}

void AlertTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        column = TimeColumn;
    const bool ascending = order == Qt::AscendingOrder;
    if (column == m_sortColumn && ascending == m_filter.ascending)
        return;
    m_sortColumn = column;
    m_filter.sort = sortFor(column);
    m_filter.ascending = ascending;
    reload();
}

void AlertTableModel::setLocalTime(bool local)
{
    g_localTime.store(local);
}

bool AlertTableModel::localTime()
{
    return g_localTime.load();
}

int AlertTableModel::rowOf(qint64 eventId) const
{
    for (const auto &[start, seg] : m_segments)
        for (std::size_t i = 0; i < seg.rows.size(); ++i)
            if (seg.rows[i].id == eventId)
                return start + static_cast<int>(i);
    return -1;
}

const AlertTableModel::Segment *AlertTableModel::segmentOf(int row, int *offset) const
{
    auto it = m_segments.upper_bound(row);
    if (it == m_segments.begin())
        return nullptr;
    --it;
    const int at = row - it->first;
    if (at < 0 || at >= static_cast<int>(it->second.rows.size()))
        return nullptr;
    *offset = at;
    return &it->second;
}

const AlertRow *AlertTableModel::alertAt(int row) const
{
    if (row < 0 || row >= m_total)
        return nullptr;
    int at = 0;
    if (const Segment *seg = segmentOf(row, &at)) {
        seg->lastUse = ++m_clock;
        return &seg->rows[static_cast<std::size_t>(at)];
    }
    // Not loaded: queue it; the loads of one paint are gathered into as few queries as possible.
    m_wanted.insert(row);
    if (!m_loadScheduled) {
        m_loadScheduled = true;
        QMetaObject::invokeMethod(
            const_cast<AlertTableModel *>(this), "loadWanted", Qt::QueuedConnection);
    }
    return nullptr;
}

const AlertRow &AlertTableModel::alert(int row) const
{
    static const AlertRow empty;
    const AlertRow *r = alertAt(row);
    return r ? *r : empty;
}

std::vector<std::int64_t> AlertTableModel::idsOf(const QModelIndexList &rows, int *missing) const
{
    std::vector<std::int64_t> ids;
    int absent = 0;
    for (const QModelIndex &i : rows) {
        if (const AlertRow *r = alertAt(i.row()))
            ids.push_back(r->id);
        else
            ++absent;
    }
    if (missing)
        *missing = absent;
    return ids;
}

int AlertTableModel::cachedRowCount() const
{
    int n = 0;
    for (const auto &[start, seg] : m_segments)
        n += static_cast<int>(seg.rows.size());
    return n;
}

void AlertTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void AlertTableModel::reload()
{
    beginResetModel();
    m_segments.clear();
    m_total = 0;
    m_counted = false;
    m_inFlight.clear();
    m_wanted.clear();
    m_watermark = -1;
    m_loadedIds.clear();
    m_liveInFlight = false;
    m_livePending = false;
    ++m_generation;
    m_worker->generation.store(m_generation);
    endResetModel();

    // The first page, shown as soon as it is read; then the count, which may take longer (a
    // full-text search over a million alerts), makes the rest of the rows scrollable.
    m_firstPending = true;
    m_countPending = true;
    updateLoading();
    AlertQuery query = m_filter;
    query.after.reset();
    query.newerThanId = -1;
    query.offset = 0;
    query.limit = m_pageSize + 1;
    const quint64 generation = m_generation;
    const int requested = m_pageSize;
    QPointer<AlertTableModel> guard(this);
    auto future = QtConcurrent::run(
        &m_pool, [worker = m_worker, query, generation, requested, guard, this]() mutable {
            if (worker->generation.load() != generation)
                return;
            std::vector<AlertRow> rows;
            QString error;
            std::int64_t watermark = 0;
            auto store = worker->connection();
            if (!store) {
                error = store.error();
            } else if (auto w = store.value()->maxAlertId(); !w) {
                error = w.error();
            } else {
                watermark = *w;
                query.maxId = watermark;
                if (auto r = store.value()->alerts(query); !r)
                    error = r.error();
                else
                    rows = std::move(r.value());
            }
            const bool more = static_cast<int>(rows.size()) > requested;
            if (more)
                rows.resize(static_cast<std::size_t>(requested));
            const auto shown = static_cast<std::int64_t>(rows.size());
            // `this` outlives this task (the destructor joins the pool); the queued call is dropped
            // if the model is gone by the time the GUI thread runs it.
            QMetaObject::invokeMethod(
                this,
                [guard, generation, rows = std::move(rows), watermark, more, error]() mutable {
                    if (guard)
                        guard->applyFirst(generation, std::move(rows), watermark, more, error);
                },
                Qt::QueuedConnection);
            if (!error.isEmpty())
                return;
            std::int64_t count = shown;
            QString countError;
            if (more && worker->generation.load() == generation) {
                if (auto c = store.value()->countAlerts(query))
                    count = *c;
                else
                    countError = c.error();
            }
            QMetaObject::invokeMethod(
                this,
                [guard, generation, count, countError]() {
                    if (guard)
                        guard->applyCount(generation, count, countError);
                },
                Qt::QueuedConnection);
        });
    Q_UNUSED(future)
}

void AlertTableModel::applyFirst(quint64 generation,
                                 std::vector<AlertRow> rows,
                                 std::int64_t watermark,
                                 bool more,
                                 QString error)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (generation != m_generation)
        return; // a reset happened since this query started
    m_firstPending = false;
    if (!error.isEmpty()) {
        m_countPending = false;
        updateLoading();
        qCWarning(lcAlertModel) << "alert query failed:" << error;
        Q_EMIT errorOccurred(tr("Cannot read alerts: %1").arg(error));
        return;
    }
    m_watermark = watermark;
    if (!more) {
        m_counted = true;
        m_countPending = false;
    }
    if (!rows.empty()) {
        const int n = static_cast<int>(rows.size());
        beginInsertRows({}, 0, n - 1);
        for (const AlertRow &r : rows)
            m_loadedIds.insert(r.id);
        Segment seg;
        seg.rows = std::move(rows);
        seg.lastUse = ++m_clock;
        m_segments.emplace(0, std::move(seg));
        m_total = n;
        endInsertRows();
    }
    updateLoading();
}

void AlertTableModel::applyCount(quint64 generation, std::int64_t count, QString error)
{
    if (generation != m_generation)
        return;
    m_countPending = false;
    if (!error.isEmpty()) {
        // The first page stays; the rest cannot be reached without the count.
        qCWarning(lcAlertModel) << "counting alerts failed:" << error;
        Q_EMIT errorOccurred(tr("Cannot count the matching alerts: %1").arg(error));
    } else if (count > m_total) {
        const int total = static_cast<int>(std::min<std::int64_t>(count, INT_MAX - 1));
        beginInsertRows({}, m_total, total - 1);
        m_total = total;
        endInsertRows();
    }
    m_counted = true;
    updateLoading();
    if (m_livePending) {
        m_livePending = false;
        insertNewAlerts();
    }
}

void AlertTableModel::loadWanted()
{
    m_loadScheduled = false;
    if (m_firstPending || m_watermark < 0) {
        m_wanted.clear();
        return;
    }
    // Rows a paint asked for, gathered into page-sized queries over the gaps between segments.
    while (!m_wanted.empty()) {
        const int row = *m_wanted.begin();
        m_wanted.erase(m_wanted.begin());
        int at = 0;
        if (row >= m_total || segmentOf(row, &at))
            continue;
        bool flying = false;
        for (const auto &[b, e] : m_inFlight)
            flying = flying || (row >= b && row < e);
        if (flying)
            continue;
        // The gap holding `row`: from the end of the segment before to the start of the next.
        int gapStart = 0;
        int gapEnd = m_total;
        const Segment *previous = nullptr;
        auto next = m_segments.upper_bound(row);
        if (next != m_segments.end())
            gapEnd = next->first;
        if (next != m_segments.begin()) {
            auto prev = std::prev(next);
            gapStart = prev->first + static_cast<int>(prev->second.rows.size());
            previous = &prev->second;
        }
        for (const auto &[b, e] : m_inFlight) {
            if (e <= row)
                gapStart = std::max(gapStart, e);
            if (b > row)
                gapEnd = std::min(gapEnd, b);
        }
        // Next to the segment before (scrolling down): a keyset query from its last row.
        // Elsewhere (a jump): the page holding the row, by offset in the snapshot.
        const int start
            = row - gapStart < m_pageSize ? gapStart : std::max(gapStart, row - row % m_pageSize);
        const int count = std::min(m_pageSize, gapEnd - start);
        AlertQuery query = m_filter;
        query.maxId = m_watermark;
        query.newerThanId = -1;
        query.limit = count;
        query.after.reset();
        query.offset = 0;
        const int previousEnd = previous ? std::prev(m_segments.upper_bound(row))->first
                                               + static_cast<int>(previous->rows.size())
                                         : -1;
        const bool adjacent = previous && !previous->rows.empty() && start == previousEnd;
        if (adjacent)
            query.after = AlertQuery::keysetOf(previous->rows.back(), m_filter.sort);
        else
            query.offset = start;
        m_inFlight.emplace_back(start, start + count);
        const quint64 generation = m_generation;
        const quint64 epoch = m_epoch;
        QPointer<AlertTableModel> guard(this);
        auto future = QtConcurrent::run(
            &m_pool, [worker = m_worker, query, generation, epoch, start, count, guard, this] {
                if (worker->generation.load() != generation)
                    return;
                std::vector<AlertRow> rows;
                QString error;
                auto store = worker->connection();
                if (!store) {
                    error = store.error();
                } else if (auto r = store.value()->alerts(query); !r) {
                    error = r.error();
                } else {
                    rows = std::move(r.value());
                }
                QMetaObject::invokeMethod(
                    this,
                    [guard,
                     generation,
                     epoch,
                     start,
                     count,
                     rows = std::move(rows),
                     error]() mutable {
                        if (guard)
                            guard->applySegment(
                                generation, epoch, start, count, std::move(rows), error);
                    },
                    Qt::QueuedConnection);
            });
        Q_UNUSED(future)
    }
    updateLoading();
}

void AlertTableModel::applySegment(quint64 generation,
                                   quint64 epoch,
                                   int start,
                                   int wanted,
                                   std::vector<AlertRow> rows,
                                   QString error)
{
    if (generation != m_generation)
        return;
    std::erase_if(m_inFlight, [start](const auto &f) { return f.first == start; });
    if (epoch != m_epoch) {
        // Rows were inserted meanwhile: these would land shifted. The view asks again.
        updateLoading();
        Q_EMIT dataChanged(index(0, 0), index(std::max(0, m_total - 1), ColumnCount - 1));
        return;
    }
    if (!error.isEmpty()) {
        updateLoading();
        qCWarning(lcAlertModel) << "alert query failed:" << error;
        Q_EMIT errorOccurred(tr("Cannot read alerts: %1").arg(error));
        return;
    }
    if (static_cast<int>(rows.size()) < wanted) {
        // Fewer rows than the snapshot holds: the store changed under the filter (a triage from
        // elsewhere). Read the queue again rather than show holes.
        qCInfo(lcAlertModel) << "the queue changed under the filter; reloading";
        reload();
        return;
    }
    // Never overlap a segment that arrived meanwhile.
    auto next = m_segments.lower_bound(start);
    if (next != m_segments.end() && next->first < start + static_cast<int>(rows.size()))
        rows.resize(static_cast<std::size_t>(next->first - start));
    if (!rows.empty()) {
        const int last = start + static_cast<int>(rows.size()) - 1;
        for (const AlertRow &r : rows)
            m_loadedIds.insert(r.id);
        Segment seg;
        seg.rows = std::move(rows);
        seg.lastUse = ++m_clock;
        m_segments[start] = std::move(seg);
        evict();
        Q_EMIT dataChanged(index(start, 0), index(last, ColumnCount - 1));
    }
    updateLoading();
}

void AlertTableModel::evict()
{
    // The least recently shown pages go first; what the view shows was just used.
    int cached = cachedRowCount();
    while (cached > m_maxCached && m_segments.size() > 1) {
        auto oldest = m_segments.begin();
        for (auto it = m_segments.begin(); it != m_segments.end(); ++it)
            if (it->second.lastUse < oldest->second.lastUse)
                oldest = it;
        for (const AlertRow &r : oldest->second.rows)
            m_loadedIds.erase(r.id);
        cached -= static_cast<int>(oldest->second.rows.size());
        m_segments.erase(oldest);
    }
}

void AlertTableModel::shiftSegments(int row, int by)
{
    std::vector<std::pair<int, Segment>> moved;
    for (auto it = m_segments.lower_bound(row); it != m_segments.end();) {
        moved.emplace_back(it->first + by, std::move(it->second));
        it = m_segments.erase(it);
    }
    for (auto &[start, seg] : moved)
        m_segments.emplace(start, std::move(seg));
    for (auto &f : m_inFlight) {
        if (f.first >= row) {
            f.first += by;
            f.second += by;
        }
    }
}

void AlertTableModel::updateLoading()
{
    const bool loading = m_firstPending || m_countPending || !m_inFlight.empty();
    if (m_loading == loading)
        return;
    m_loading = loading;
    Q_EMIT loadingChanged(loading);
}

bool AlertTableModel::sortsBefore(const AlertRow &a, const AlertRow &b) const
{
    // The store's order: the sort column, then time, then id, all in one direction. Text compares
    // as SQLite's BINARY collation does: UTF-8 bytes.
    int c = 0;
    switch (m_filter.sort) {
    case AlertSort::Time:
        break;
    case AlertSort::Severity:
        c = (a.severity > b.severity) - (a.severity < b.severity);
        break;
    case AlertSort::Status:
        c = (a.status > b.status) - (a.status < b.status);
        break;
    default: {
        const AlertKeyset ka = AlertQuery::keysetOf(a, m_filter.sort);
        const AlertKeyset kb = AlertQuery::keysetOf(b, m_filter.sort);
        const QByteArray ua = ka.text.toUtf8();
        const QByteArray ub = kb.text.toUtf8();
        c = ua < ub ? -1 : (ub < ua ? 1 : 0);
        break;
    }
    }
    if (c == 0)
        c = (a.timestampUs > b.timestampUs) - (a.timestampUs < b.timestampUs);
    if (c == 0)
        c = (a.id > b.id) - (a.id < b.id);
    return m_filter.ascending ? c < 0 : c > 0;
}

void AlertTableModel::insertNewAlerts()
{
    if (m_watermark < 0)
        return; // the first page is not in yet; it will hold the newest alerts anyway
    if (m_liveInFlight || !m_counted) {
        m_livePending = true;
        return;
    }
    m_liveInFlight = true;
    AlertQuery query = m_filter;
    query.after.reset();
    query.newerThanId = m_watermark;
    query.limit = MaxLiveRows + 1;
    const quint64 generation = m_generation;
    QPointer<AlertTableModel> guard(this);
    auto future = QtConcurrent::run(&m_pool, [worker = m_worker, query, generation, guard, this] {
        if (worker->generation.load() != generation)
            return;
        std::vector<AlertRow> rows;
        QString error;
        std::int64_t watermark = query.newerThanId;
        bool flood = false;
        auto store = worker->connection();
        if (!store) {
            error = store.error();
        } else {
            // The watermark moves to the newest alert whether or not it matches the filter.
            if (auto w = store.value()->maxAlertId())
                watermark = *w;
            if (auto r = store.value()->alerts(query); !r) {
                error = r.error();
            } else {
                rows = std::move(r.value());
                flood = static_cast<int>(rows.size()) > MaxLiveRows;
                std::erase_if(rows,
                              [watermark](const AlertRow &row) { return row.id > watermark; });
            }
        }
        QMetaObject::invokeMethod(
            this,
            [guard, generation, rows = std::move(rows), watermark, flood, error]() mutable {
                if (guard)
                    guard->applyNewRows(generation, std::move(rows), watermark, flood, error);
            },
            Qt::QueuedConnection);
    });
    Q_UNUSED(future)
}

void AlertTableModel::applyNewRows(quint64 generation,
                                   std::vector<AlertRow> rows,
                                   std::int64_t watermark,
                                   bool flood,
                                   QString error)
{
    if (generation != m_generation)
        return;
    m_liveInFlight = false;
    if (!error.isEmpty()) {
        qCWarning(lcAlertModel) << "reading new alerts failed:" << error;
        Q_EMIT errorOccurred(tr("Cannot read new alerts: %1").arg(error));
        return;
    }
    if (flood) {
        reload();
        return;
    }
    m_watermark = std::max(m_watermark, watermark);
    std::sort(rows.begin(), rows.end(), [this](const AlertRow &a, const AlertRow &b) {
        return sortsBefore(a, b);
    });
    int inserted = 0;
    for (AlertRow &r : rows) {
        if (m_loadedIds.contains(r.id))
            continue;
        // Its place: exact inside (or right before) a loaded segment; in a gap of rows not
        // loaded, anywhere in the gap will do: only the count of those rows is known, and the
        // gap's query reads them, this one included, in order.
        int at = m_total;
        auto host = m_segments.end();
        int previousEnd = 0;
        for (auto it = m_segments.begin(); it != m_segments.end(); ++it) {
            const auto &rowsOf = it->second.rows;
            if (rowsOf.empty())
                continue;
            if (!sortsBefore(rowsOf.back(), r)) {
                // Before this segment's last row: inside it, or in the gap before it.
                const auto pos = std::upper_bound(
                    rowsOf.begin(), rowsOf.end(), r, [this](const AlertRow &x, const AlertRow &y) {
                        return sortsBefore(x, y);
                    });
                if (pos != rowsOf.begin() || previousEnd == it->first) {
                    at = it->first + static_cast<int>(pos - rowsOf.begin());
                    host = it;
                } else {
                    at = previousEnd;
                }
                break;
            }
            previousEnd = it->first + static_cast<int>(rowsOf.size());
            at = previousEnd; // after every segment so far: the gap after this one
        }
        if (host == m_segments.end() && at >= previousEnd && !m_segments.empty()
            && at == previousEnd) {
            // After the last loaded row: in the gap that follows (or at the very end).
            auto last = std::prev(m_segments.end());
            if (last->first + static_cast<int>(last->second.rows.size()) == m_total
                && at == m_total) {
                host = last; // the loaded rows reach the end: append exactly
            }
        }
        beginInsertRows({}, at, at);
        ++m_epoch;
        if (host != m_segments.end()) {
            const int startOfHost = host->first;
            shiftSegments(startOfHost + 1, 1);
            auto &vec = m_segments[startOfHost].rows;
            vec.insert(vec.begin() + (at - startOfHost), std::move(r));
            m_loadedIds.insert(vec[std::size_t(at - startOfHost)].id);
        } else {
            shiftSegments(at, 1);
        }
        ++m_total;
        endInsertRows();
        ++inserted;
    }
    if (inserted > 0)
        Q_EMIT alertsInserted(inserted);
    if (m_livePending) {
        m_livePending = false;
        insertNewAlerts();
    }
}

void AlertTableModel::refreshCounts()
{
    QPointer<AlertTableModel> guard(this);
    auto future = QtConcurrent::run(&m_pool, [worker = m_worker, guard, this] {
        auto store = worker->connection();
        Result<StoreCounts> counts
            = store ? store.value()->counts() : Result<StoreCounts>(Error(store.error()));
        QMetaObject::invokeMethod(
            this,
            [guard, counts]() {
                if (!guard)
                    return;
                if (counts.ok()) {
                    Q_EMIT guard->countsLoaded(counts.value().events, counts.value().alerts);
                } else {
                    Q_EMIT guard->errorOccurred(tr("Cannot count events: %1").arg(counts.error()));
                }
            },
            Qt::QueuedConnection);
    });
    Q_UNUSED(future)
}

void AlertTableModel::requestDocument(qint64 eventId)
{
    const quint64 request = ++m_documentRequest;
    QPointer<AlertTableModel> guard(this);
    auto future = QtConcurrent::run(&m_pool, [worker = m_worker, eventId, request, guard, this] {
        QString text;
        QString error;
        AlertDetails details;
        if (auto store = worker->connection(); !store) {
            error = store.error();
        } else {
            if (auto event = store.value()->event(eventId)) {
                auto notes = store.value()->notes(eventId);
                details = describeAlert(*event, notes ? *notes : std::vector<AlertNote>());
            }
            if (auto raw = store.value()->rawDocument(eventId); !raw)
                error = raw.error();
            else
                text = documentText(raw.value());
        }
        QMetaObject::invokeMethod(
            this,
            [guard, eventId, request, text = std::move(text), error = std::move(error), details]() {
                if (!guard || request != guard->m_documentRequest)
                    return; // the selection moved on
                Q_EMIT guard->detailsLoaded(eventId, details.summary, details.indicators);
                if (error.isEmpty())
                    Q_EMIT guard->documentLoaded(eventId, text);
                else
                    Q_EMIT guard->documentUnavailable(eventId, error);
            },
            Qt::QueuedConnection);
    });
    Q_UNUSED(future)
}

AlertTableModel::AlertDetails AlertTableModel::describeAlert(const Event &e,
                                                             const std::vector<AlertNote> &notes)
{
    AlertDetails d;
    QStringList out;
    auto q = [](const std::string &v) {
        return inertLine(QString::fromStdString(v));
    };
    auto section = [&](const QString &title, const QStringList &lines) {
        QStringList kept;
        for (const QString &l : lines)
            if (!l.trimmed().isEmpty())
                kept << l;
        if (kept.isEmpty())
            return;
        out << title;
        for (const QString &l : kept)
            out << QStringLiteral("  ") + l;
    };
    auto field = [&](const QString &label, const std::string &v) {
        //: a field of the alert: its label, then its value
        return v.empty() ? QString() : tr("%1: %2").arg(label, q(v));
    };
    auto endpoint = [&](const std::string &ip, int port) {
        return port >= 0 ? q(ip) + QLatin1Char(':') + QString::number(port) : q(ip);
    };
    section(tr("What"),
            {field(tr("rule"), e.ruleName),
             field(tr("rule id"), e.ruleId),
             e.severity >= 0 ? tr("severity: %1").arg(e.severity) : QString(),
             field(tr("category"), e.category),
             field(tr("action"), e.action),
             field(tr("outcome"), e.outcome),
             field(tr("dataset"), e.dataset)});
    section(tr("Who"),
            {e.userName.empty()
                 ? QString()
                 : tr("user: %1")
                       .arg(e.userDomain.empty()
                                ? q(e.userName)
                                : q(e.userDomain) + QLatin1Char('\\') + q(e.userName))});
    section(tr("Where"),
            {field(tr("host"), e.hostName),
             field(tr("host id"), e.hostId),
             field(tr("host IP"), e.hostIp)});
    section(tr("Network"),
            {(!e.sourceIp.empty() || !e.destinationIp.empty())
                 ? tr("%1 → %2 %3")
                       .arg(endpoint(e.sourceIp, e.sourcePort),
                            endpoint(e.destinationIp, e.destinationPort),
                            q(e.networkTransport))
                 : QString(),
             field(tr("DNS question"), e.dnsQuestionName),
             field(tr("URL"), e.urlFull),
             field(tr("flow"), e.flowId)});
    section(tr("Process"),
            {field(tr("executable"), e.processExecutable),
             e.processPid >= 0 ? tr("pid: %1").arg(e.processPid) : QString(),
             field(tr("command line"), e.processCommandLine),
             field(tr("parent"), e.parentExecutable),
             field(tr("parent command line"), e.parentCommandLine),
             field(tr("target"), e.targetExecutable)});
    section(tr("File and registry"),
            {field(tr("path"), e.filePath),
             field(tr("SHA-256"), e.fileHashSha256),
             field(tr("registry key"), e.registryPath),
             field(tr("registry value"), e.registryData)});
    {
        // Names and descriptions from the bundled ATT&CK; unknown ids are shown as they came.
        const AttackCatalog &attack = AttackCatalog::instance();
        QStringList lines;
        for (const QString &id :
             QString::fromStdString(e.techniqueIds).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            lines << inertLine(attack.label(id));
            if (const AttackTechnique *t = attack.technique(id)) {
                QStringList tactics;
                for (const QString &ta : t->tactics)
                    if (const AttackTactic *tac = attack.tactic(ta))
                        tactics << tac->name;
                if (!tactics.isEmpty())
                    lines << QStringLiteral("  ")
                                 + tr("tactics: %1").arg(tactics.join(QStringLiteral(", ")));
                lines << QStringLiteral("  ") + t->description;
                lines << QStringLiteral("  ") + t->url;
            } else {
                lines << QStringLiteral("  ")
                             + tr("(not in the bundled ATT&CK %1)").arg(attack.version());
            }
        }
        for (const QString &ta :
             QString::fromStdString(e.tacticIds).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const AttackTactic *tac = attack.tactic(ta);
            lines << tr("tactic: %1")
                         .arg(tac ? tac->id + QLatin1Char(' ') + tac->name : inertLine(ta));
        }
        section(tr("ATT&CK"), lines);
    }
    // Where the alert comes from: the Sigma rule (with its references), an analytic, a list.
    {
        QStringList lines;
        const QString ruleId = QString::fromStdString(e.ruleId);
        if (ruleId.startsWith(QLatin1String("vigie:"))) {
            lines << tr("a built-in analytic of Vigie (%1)").arg(ruleId.mid(6));
        } else if (ruleId.startsWith(QLatin1String("ioc:"))) {
            lines << tr("an indicator of compromise: %1").arg(inertLine(ruleId.mid(4)));
        } else if (!e.ruleId.empty()) {
            // The bundled rules load once, on this worker thread, the first time they are needed.
            const auto rules = Detection::RuleSet::bundled();
            if (const Detection::SigmaRule *r = rules->byId(e.ruleId)) {
                lines << tr("Sigma rule \"%1\" (level %2, status %3)")
                             .arg(inertLine(QString::fromStdString(r->title)),
                                  QString::fromStdString(r->level),
                                  QString::fromStdString(r->status));
                if (!r->description.empty())
                    lines << inertLine(QString::fromStdString(r->description));
                if (!r->author.empty())
                    lines << tr("author: %1").arg(inertLine(QString::fromStdString(r->author)));
                for (const std::string &fp : r->falsePositives)
                    lines << tr("false positive: %1").arg(inertLine(QString::fromStdString(fp)));
                for (const std::string &ref : r->references)
                    lines << tr("reference: %1").arg(inertLine(QString::fromStdString(ref)));
                lines << tr("rule file: %1").arg(QString::fromStdString(r->path));
            }
        }
        section(tr("Detection"), lines);
    }
    QStringList noteLines;
    for (const AlertNote &n : notes)
        noteLines << tr("%1 %2: %3")
                         .arg(QDateTime::fromSecsSinceEpoch(n.at, QTimeZone::utc())
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                              inertLine(n.actor),
                              inertLine(n.text));
    section(tr("Notes"), noteLines);
    d.summary = out.join(QLatin1Char('\n'));
    // Indicators an analyst hands over: addresses, names, URLs, hashes.
    for (const std::string *v :
         {&e.sourceIp, &e.destinationIp, &e.dnsQuestionName, &e.urlFull, &e.fileHashSha256}) {
        const QString s = QString::fromStdString(*v);
        if (!s.isEmpty() && !d.indicators.contains(s))
            d.indicators << s;
    }
    return d;
}

AlertTableModel::SeverityBand AlertTableModel::severityBand(int severity)
{
    if (severity < Severity::Medium)
        return SeverityBand::Low;
    if (severity < Severity::High)
        return SeverityBand::Medium;
    if (severity < Severity::Critical)
        return SeverityBand::High;
    return SeverityBand::Critical;
}

QString AlertTableModel::severityBandName(SeverityBand band)
{
    switch (band) {
    case SeverityBand::Low:
        return tr("low");
    case SeverityBand::Medium:
        return tr("medium");
    case SeverityBand::High:
        return tr("high");
    case SeverityBand::Critical:
        return tr("critical");
    }
    return {};
}

QColor AlertTableModel::severityBandColor(SeverityBand band)
{
    // Mid-tone colours that stay readable on light and dark palettes.
    switch (band) {
    case SeverityBand::Low:
        return QColor(0x4a, 0x8a, 0xc4);
    case SeverityBand::Medium:
        return QColor(0xc8, 0x96, 0x00);
    case SeverityBand::High:
        return QColor(0xe0, 0x6c, 0x1f);
    case SeverityBand::Critical:
        return QColor(0xd6, 0x28, 0x3c);
    }
    return {};
}

int AlertTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_total;
}

int AlertTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

Qt::ItemFlags AlertTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QString AlertTableModel::displayText(const AlertRow &row, int column) const
{
    switch (column) {
    case TimeColumn:
        return displayTime(row.timestampUs);
    case SeverityColumn:
        //: severity number (0–100), then its band name
        return tr("%1 · %2").arg(row.severity).arg(severityBandName(severityBand(row.severity)));
    case HostColumn:
        if (!row.hostName.isEmpty())
            return row.hostName;
        if (!row.sourceIp.isEmpty() && !row.destinationIp.isEmpty())
            return tr("%1 → %2").arg(row.sourceIp, row.destinationIp);
        return row.sourceIp.isEmpty() ? row.destinationIp : row.sourceIp;
    case RuleColumn:
        return row.ruleName.isEmpty() ? row.ruleId : row.ruleName;
    case SourceColumn:
        if (!row.dataset.isEmpty())
            return row.dataset;
        return QString::fromLatin1(formatName(row.format));
    case StatusColumn:
        if (row.status == AlertStatus::Closed && !row.disposition.isEmpty())
            //: closed, then its disposition
            return tr("%1 · %2").arg(statusName(row.status), dispositionName(row.disposition));
        return statusName(row.status);
    case AssigneeColumn:
        return row.assignee;
    case UserColumn:
        return row.userName;
    case TechniqueColumn: {
        // The first technique with its name; the others are counted.
        const QStringList ids = row.techniqueIds.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (ids.isEmpty())
            return {};
        const AttackTechnique *t = AttackCatalog::instance().technique(ids.first());
        QString text = t ? ids.first() + QLatin1Char(' ') + t->name : ids.first();
        if (ids.size() > 1)
            //: a technique, then how many more the alert carries
            text = tr("%1 (+%2)").arg(text).arg(ids.size() - 1);
        return text;
    }
    default:
        return {};
    }
}

QString AlertTableModel::statusName(AlertStatus s)
{
    switch (s) {
    case AlertStatus::New:
        return tr("New");
    case AlertStatus::InProgress:
        return tr("In progress");
    case AlertStatus::Closed:
        return tr("Closed");
    }
    return {};
}

QString AlertTableModel::dispositionName(const QString &d)
{
    if (d == QLatin1String("true_positive"))
        return tr("true positive");
    if (d == QLatin1String("false_positive"))
        return tr("false positive");
    if (d == QLatin1String("benign"))
        return tr("benign");
    return d;
}

QString AlertTableModel::toolTip(const AlertRow &row, int column) const
{
    auto endpoint = [](const QString &ip, int port) {
        return port >= 0 ? tr("%1 port %2").arg(ip).arg(port) : ip;
    };
    switch (column) {
    case TimeColumn:
        return tr("%1 (UTC)").arg(QString::fromStdString(formatTimestampUs(row.timestampUs)));
        // (local time: the tooltip keeps the exact UTC time)
    case SeverityColumn:
        return tr("Severity %1 of 100 (%2)")
            .arg(row.severity)
            .arg(severityBandName(severityBand(row.severity)));
    case HostColumn: {
        QStringList lines;
        if (!row.hostName.isEmpty())
            lines << tr("Host: %1").arg(row.hostName);
        if (!row.sourceIp.isEmpty())
            lines << tr("Source: %1").arg(endpoint(row.sourceIp, row.sourcePort));
        if (!row.destinationIp.isEmpty())
            lines << tr("Destination: %1").arg(endpoint(row.destinationIp, row.destinationPort));
        return lines.join(QLatin1Char('\n'));
    }
    case RuleColumn: {
        QStringList lines;
        if (!row.ruleName.isEmpty())
            lines << row.ruleName;
        if (!row.ruleId.isEmpty())
            lines << tr("Rule id: %1").arg(row.ruleId);
        if (!row.techniqueIds.isEmpty())
            lines << tr("ATT&CK: %1").arg(row.techniqueIds);
        if (!row.assignee.isEmpty())
            lines << tr("Assigned to: %1").arg(row.assignee);
        return lines.join(QLatin1Char('\n'));
    }
    case TechniqueColumn: {
        QStringList lines;
        const AttackCatalog &attack = AttackCatalog::instance();
        for (const QString &id : row.techniqueIds.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            lines << attack.label(id);
            if (const AttackTechnique *t = attack.technique(id))
                lines << QStringLiteral("    ") + t->description;
        }
        return lines.join(QLatin1Char('\n'));
    }
    case UserColumn:
        return row.userName;
    case SourceColumn:
        return tr("Dataset: %1\nFormat: %2")
            .arg(row.dataset.isEmpty() ? tr("(none)") : row.dataset,
                 QString::fromLatin1(formatName(row.format)));
    default:
        return {};
    }
}

QVariant AlertTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid()
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    const AlertRow *loaded = alertAt(index.row());
    if (!loaded) {
        // Its page is on its way (a few milliseconds): an empty row until then.
        if (role == Qt::DisplayRole && column == TimeColumn)
            return QStringLiteral("…");
        return {};
    }
    const AlertRow &row = *loaded;
    switch (role) {
    case Qt::DisplayRole:
        return inertLine(displayText(row, column));
    case Qt::ToolTipRole:
        return inertToolTip(toolTip(row, column));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::ForegroundRole:
        if (column == SeverityColumn)
            return severityBandColor(severityBand(row.severity));
        return {};
    case Qt::DecorationRole:
        if (column == SeverityColumn)
            return severityBandColor(severityBand(row.severity));
        return {};
    case IdRole:
        return QVariant::fromValue<qint64>(row.id);
    case SeverityRole:
        return row.severity;
    case TimestampRole:
        return QVariant::fromValue<qint64>(row.timestampUs);
    case StatusRole:
        return static_cast<int>(row.status);
    default:
        return {};
    }
}

QVariant AlertTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case TimeColumn:
            return localTime() ? tr("Time (local)") : tr("Time (UTC)");
        case UserColumn:
            return tr("User");
        case TechniqueColumn:
            return tr("ATT&CK technique");
        case SeverityColumn:
            return tr("Severity");
        case HostColumn:
            return tr("Host");
        case RuleColumn:
            return tr("Rule");
        case SourceColumn:
            return tr("Source");
        case StatusColumn:
            return tr("Status");
        case AssigneeColumn:
            return tr("Assignee");
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    return {};
}

} // namespace Vigie::Models
