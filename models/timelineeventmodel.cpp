// SPDX-License-Identifier: Apache-2.0
#include "models/timelineeventmodel.h"

#include "core/events/timestamp.h"
#include "models/inerttext.h"

#include <QColor>
#include <QFont>

#include <algorithm>

namespace Vigie::Models {

TimelineEventModel::TimelineEventModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void TimelineEventModel::setEvents(Events events)
{
    beginResetModel();
    m_events = std::move(events);
    m_from = m_to = 0;
    m_entity.clear();
    refilter();
    endResetModel();
}

void TimelineEventModel::setRange(std::int64_t fromUs, std::int64_t toUs)
{
    if (fromUs == m_from && toUs == m_to)
        return;
    beginResetModel();
    m_from = fromUs;
    m_to = toUs;
    refilter();
    endResetModel();
}

void TimelineEventModel::setEntity(const QString &value)
{
    if (value == m_entity)
        return;
    beginResetModel();
    m_entity = value;
    refilter();
    endResetModel();
}

bool TimelineEventModel::names(const IncidentEvent &e, const QString &value)
{
    for (const QString *f : {&e.hostName,
                             &e.userName,
                             &e.processName,
                             &e.sourceIp,
                             &e.destinationIp,
                             &e.dnsName,
                             &e.hash})
        if (f->compare(value, Qt::CaseInsensitive) == 0)
            return true;
    // A file or a parent by its name or its path.
    for (const QString *f : {&e.filePath, &e.parentName})
        if (!f->isEmpty()
            && (f->compare(value, Qt::CaseInsensitive) == 0
                || f->endsWith(QLatin1Char('\\') + value, Qt::CaseInsensitive)
                || f->endsWith(QLatin1Char('/') + value, Qt::CaseInsensitive)))
            return true;
    return false;
}

void TimelineEventModel::refilter()
{
    m_rows.clear();
    m_begin = m_end = 0;
    m_filtered = !m_entity.isEmpty();
    if (!m_events)
        return;
    const auto &ev = *m_events;
    auto begin = ev.begin(), end = ev.end();
    if (m_to > m_from) {
        begin = std::lower_bound(ev.begin(), ev.end(), m_from, [](const IncidentEvent &e, auto us) {
            return e.ts < us;
        });
        end = std::lower_bound(
            begin, ev.end(), m_to, [](const IncidentEvent &e, auto us) { return e.ts < us; });
    }
    m_begin = std::size_t(begin - ev.begin());
    m_end = std::size_t(end - ev.begin());
    if (m_filtered)
        for (std::size_t i = m_begin; i < m_end; ++i)
            if (names(ev[i], m_entity))
                m_rows.push_back(std::uint32_t(i));
}

const IncidentEvent &TimelineEventModel::event(int row) const
{
    return (*m_events)[m_filtered ? m_rows[std::size_t(row)] : m_begin + std::size_t(row)];
}

int TimelineEventModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_events)
        return 0;
    return int(m_filtered ? m_rows.size() : m_end - m_begin);
}

int TimelineEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TimelineEventModel::what(const IncidentEvent &e)
{
    if (e.alert && !e.ruleName.isEmpty())
        return e.ruleName;
    QString w = e.action.isEmpty() ? e.category : e.action;
    if (e.code >= 0 && w.isEmpty())
        w = tr("event %1").arg(e.code);
    if (!e.processName.isEmpty())
        w += (w.isEmpty() ? QString() : QStringLiteral(" · ")) + e.processName;
    return w;
}

QString TimelineEventModel::detail(const IncidentEvent &e)
{
    if (!e.commandLine.isEmpty())
        return e.commandLine;
    if (!e.dnsName.isEmpty())
        return e.dnsName;
    if (!e.filePath.isEmpty())
        return e.filePath;
    if (!e.destinationIp.isEmpty() || !e.sourceIp.isEmpty())
        return e.sourceIp + QStringLiteral(" → ") + e.destinationIp
               + (e.destinationPort > 0 ? QStringLiteral(":%1").arg(e.destinationPort) : QString());
    return e.userName;
}

QVariant TimelineEventModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IncidentEvent &e = event(index.row());
    switch (role) {
    case EventIdRole:
        return QVariant::fromValue<qint64>(e.id);
    case TimestampRole:
        return QVariant::fromValue<qint64>(e.ts);
    case Qt::FontRole:
        if (e.inIncident) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return index.column() == DetailColumn ? inertToolTip(detail(e)) : QVariant();
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn: {
            QString t = QString::fromStdString(formatTimestampUs(e.ts));
            t.replace(10, 1, QLatin1Char(' '));
            return t.left(23);
        }
        case HostColumn:
            return inertLine(e.hostName);
        case KindColumn:
            return e.inIncident ? tr("alert of the incident") : e.alert ? tr("alert") : tr("event");
        case WhatColumn:
            return inertLine(what(e));
        case DetailColumn:
            return inertLine(detail(e), 300);
        }
        return {};
    default:
        return {};
    }
}

QVariant TimelineEventModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case HostColumn:
        return tr("Host");
    case KindColumn:
        return tr("Kind");
    case WhatColumn:
        return tr("What");
    case DetailColumn:
        return tr("Details");
    }
    return {};
}

QString TimelineEventModel::toCsv() const
{
    QString out = QStringLiteral("timestamp,event_id,host,kind,user,what,details\r\n");
    for (int r = 0; r < rowCount(); ++r) {
        const IncidentEvent &e = event(r);
        const QStringList fields{QString::fromStdString(formatTimestampUs(e.ts)),
                                 QString::number(e.id),
                                 e.hostName,
                                 e.inIncident ? QStringLiteral("incident_alert")
                                 : e.alert    ? QStringLiteral("alert")
                                              : QStringLiteral("event"),
                                 e.userName,
                                 what(e),
                                 detail(e)};
        QStringList cells;
        for (const QString &f : fields)
            cells << csvField(f);
        out += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

} // namespace Vigie::Models
