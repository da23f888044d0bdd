// SPDX-License-Identifier: Apache-2.0
// The alert queue as a table over the store, sorted by any column. The view sees every matching
// alert (rowCount is the count), but only the rows it shows are held: pages are read on demand by
// keyset (from a neighbouring page) or by offset (a jump), on a worker thread with its own
// read-only connection, and the least recently used pages are dropped past MaxCachedRows, so memory
// stays flat however far the analyst scrolls. Queries see a snapshot (alert ids up to a
// watermark); alerts stored later join in place through insertNewAlerts().
#pragma once

#include "core/store/store.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QThreadPool>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_set>
#include <vector>

namespace Vigie::Models {

class AlertTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        StatusColumn,
        HostColumn,
        UserColumn,
        SourceColumn,
        RuleColumn,
        TechniqueColumn,
        AssigneeColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 event id
        SeverityRole,              // int, 0–100
        TimestampRole,             // qint64 microseconds since the Unix epoch, UTC
        StatusRole,                // int, AlertStatus
    };
    // The bands shown next to the number (Elastic's thresholds): low < 47 ≤ medium < 73 ≤ high
    // < 99.
    enum class SeverityBand { Low, Medium, High, Critical };

    static constexpr int DefaultPageSize = 200;
    static constexpr int MaxLiveRows = 5000;
    static constexpr int MaxCachedRows = 10000;
    static QString statusName(AlertStatus s);
    // The normalised fields of an alert, grouped (what, who, where, network, process, file,
    // ATT&CK, notes), and the indicators worth handing over.
    struct AlertDetails
    {
        QString summary;
        QStringList indicators;
    };
    static AlertDetails describeAlert(const Event &e, const std::vector<AlertNote> &notes);
    static QString dispositionName(const QString &disposition);

    explicit AlertTableModel(const QString &databasePath, QObject *parent = nullptr);
    ~AlertTableModel() override;

    const QString &databasePath() const { return m_path; }
    const AlertQuery &filter() const { return m_filter; }
    // Replaces the filter and reloads from the first row. Paging and sort fields of `filter` are
    // ignored: the model pages by itself, and sort() sets the order.
    void setFilter(const AlertQuery &filter);
    static AlertSort sortFor(int column);
    void sort(int column, Qt::SortOrder order) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const
    {
        return m_filter.ascending ? Qt::AscendingOrder : Qt::DescendingOrder;
    }
    // Times shown in UTC (the default) or in the local time zone.
    static void setLocalTime(bool local);
    static bool localTime();
    // The row holding an alert, or -1 when it is not loaded.
    int rowOf(qint64 eventId) const;
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);
    bool isLoading() const { return m_loading; }
    // True once rowCount() is the number of matching alerts (the count follows the first page).
    bool isCounted() const { return m_counted; }
    // The alert in `row`, or nullptr while its page is not loaded (asking queues the load).
    const AlertRow *alertAt(int row) const;
    // The same, as a reference to an empty row (id 0) while not loaded.
    const AlertRow &alert(int row) const;
    // The event ids of these rows; rows whose page is not loaded are counted in `missing`.
    std::vector<std::int64_t> idsOf(const QModelIndexList &rows, int *missing) const;
    // Rows held in memory (bounded by maxCachedRows() plus one page).
    int cachedRowCount() const;
    int maxCachedRows() const { return m_maxCached; }
    void setMaxCachedRows(int rows) { m_maxCached = std::max(rows, 1); }

    static SeverityBand severityBand(int severity);
    static QString severityBandName(SeverityBand band);
    static QColor severityBandColor(SeverityBand band);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // After a language switch: headers and cells are texts again.
    void languageChanged()
    {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }

public Q_SLOTS:
    // Drops the loaded rows and loads the first page again (new alerts appear at the top).
    void reload();
    // Brings in alerts stored since the rows were loaded, each at its place in the sort order,
    // without a reset: the view keeps its selection and scroll position. Alerts that sort after
    // the loaded rows come with the next page. A flood (more than `MaxLiveRows`) reloads.
    void insertNewAlerts();
    // Counts events and alerts in the store; answers with countsLoaded().
    void refreshCounts();
    // Loads the original document of an event, pretty-printed when it is JSON; answers with
    // documentLoaded() or documentUnavailable(). Only the latest request is answered.
    void requestDocument(qint64 eventId);

Q_SIGNALS:
    void loadingChanged(bool loading);
    // Alerts arrived in place (insertNewAlerts), `count` of them matching the filter.
    void alertsInserted(int count);
    void errorOccurred(const QString &message);
    void countsLoaded(qint64 events, qint64 alerts);
    void documentLoaded(qint64 eventId, const QString &text);
    void detailsLoaded(qint64 eventId, const QString &summary, const QStringList &indicators);
    void documentUnavailable(qint64 eventId, const QString &reason);

private Q_SLOTS:
    void loadWanted();

private:
    struct Worker;
    struct Segment
    {
        std::vector<AlertRow> rows;
        mutable quint64 lastUse = 0;
    };

    void applyFirst(quint64 generation,
                    std::vector<AlertRow> rows,
                    std::int64_t watermark,
                    bool more,
                    QString error);
    void applyCount(quint64 generation, std::int64_t count, QString error);
    void applySegment(quint64 generation,
                      quint64 epoch,
                      int start,
                      int wanted,
                      std::vector<AlertRow> rows,
                      QString error);
    void applyNewRows(quint64 generation,
                      std::vector<AlertRow> rows,
                      std::int64_t watermark,
                      bool flood,
                      QString error);
    // Moves every segment starting at or after `row` down by `by` rows.
    void shiftSegments(int row, int by);
    void evict();
    void updateLoading();
    const Segment *segmentOf(int row, int *offset) const;
    bool sortsBefore(const AlertRow &a, const AlertRow &b) const;
    QString displayText(const AlertRow &row, int column) const;
    QString toolTip(const AlertRow &row, int column) const;

    QString m_path;
    AlertQuery m_filter;
    int m_pageSize = DefaultPageSize;
    std::map<int, Segment> m_segments; // by first row
    int m_total = 0;
    int m_maxCached = MaxCachedRows;
    bool m_counted = false;
    bool m_firstPending = false;
    bool m_countPending = false;
    std::vector<std::pair<int, int>> m_inFlight; // [start, end) of segment queries running
    mutable std::set<int> m_wanted;              // rows asked for and not loaded
    mutable bool m_loadScheduled = false;
    mutable quint64 m_clock = 0;
    // Bumped by every insertion: a segment query that started before it lands on shifted rows.
    quint64 m_epoch = 0;
    int m_sortColumn = TimeColumn;
    // The snapshot: alerts with a larger id were stored after it (live insertion brings them).
    std::int64_t m_watermark = -1;
    std::unordered_set<std::int64_t> m_loadedIds;
    bool m_liveInFlight = false;
    bool m_livePending = false;
    bool m_loading = false;
    quint64 m_generation = 0; // bumped on every reset; results of older generations are dropped
    quint64 m_documentRequest = 0;
    std::shared_ptr<Worker> m_worker;
    // One thread that never expires, so the worker's connection stays on the thread that opened it,
    // and queries run one after another.
    QThreadPool m_pool;
};

} // namespace Vigie::Models
