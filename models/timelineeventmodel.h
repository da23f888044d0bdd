// SPDX-License-Identifier: Apache-2.0
// The events under the incident timeline: those of the span the analyst brushed (or zoomed to),
// optionally only those naming one entity the scope graph was clicked on. The events are shared
// with the timeline, read once on a worker thread; filtering is a binary search on time.
#pragma once

#include "core/store/store.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace Vigie::Models {

class TimelineEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, HostColumn, KindColumn, WhatColumn, DetailColumn, ColumnCount };
    enum Role { EventIdRole = Qt::UserRole + 1, TimestampRole };
    using Events = std::shared_ptr<const std::vector<IncidentEvent>>;

    explicit TimelineEventModel(QObject *parent = nullptr);

    void setEvents(Events events); // sorted by time
    // Only events in [fromUs, toUs) (0, 0: all of them).
    void setRange(std::int64_t fromUs, std::int64_t toUs);
    // Only events that name this value in any of their fields (host, account, process, file,
    // address, domain); empty: no such filter.
    void setEntity(const QString &value);
    QString entity() const { return m_entity; }
    std::int64_t fromUs() const { return m_from; }
    std::int64_t toUs() const { return m_to; }
    const IncidentEvent &event(int row) const;

    // The rows as CSV (RFC 4180), with a header; values that a spreadsheet would run as a formula
    // are quoted inert.
    QString toCsv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    static QString what(const IncidentEvent &e);
    static QString detail(const IncidentEvent &e);
    static bool names(const IncidentEvent &e, const QString &value);

private:
    void refilter();
    Events m_events;
    std::int64_t m_from = 0, m_to = 0;
    QString m_entity;
    // Without an entity filter the rows are the contiguous range [m_begin, m_end); with one, the
    // indices in m_rows.
    std::size_t m_begin = 0, m_end = 0;
    std::vector<std::uint32_t> m_rows;
    bool m_filtered = false;
};

} // namespace Vigie::Models
