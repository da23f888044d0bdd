// SPDX-License-Identifier: Apache-2.0
#include "models/incidentlistmodel.h"

#include "core/analysis/correlation.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"
#include "models/alerttablemodel.h"
#include "models/inerttext.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace Vigie::Models {

IncidentListModel::IncidentListModel(const QString &databasePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_path(databasePath)
{}

void IncidentListModel::reload()
{
    load(false);
}

void IncidentListModel::correlateAndReload()
{
    load(true);
}

void IncidentListModel::merge(qint64 into, const QList<qint64> &from, const QString &actor)
{
    const std::vector<std::int64_t> ids(from.begin(), from.end());
    load(true, [into, ids, actor](Store &store) { return store.mergeIncidents(into, ids, actor); });
}

void IncidentListModel::load(bool correlate, std::function<Result<void>(Store &)> change)
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    using Rows = Result<std::vector<IncidentSummary>>;
    auto *watcher = new QFutureWatcher<Rows>(this);
    connect(watcher, &QFutureWatcher<Rows>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        m_loading = false;
        Rows rows = watcher->result();
        beginResetModel();
        m_rows.clear();
        if (rows)
            m_rows = std::move(*rows);
        endResetModel();
        if (!rows)
            Q_EMIT errorOccurred(tr("Cannot read incidents: %1").arg(rows.error()));
        Q_EMIT loaded();
    });
    const QString path = m_path;
    watcher->setFuture(QtConcurrent::run([path, correlate, change]() -> Rows {
        auto store = Store::open(path, correlate ? Store::Mode::ReadWrite : Store::Mode::ReadOnly);
        if (!store)
            return Error(store.error());
        if (change)
            if (auto r = change(**store); !r)
                return Error(r.error());
        if (correlate)
            if (auto r = Analysis::correlate(**store); !r)
                return Error(r.error());
        return (*store)->incidents();
    }));
}

int IncidentListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int IncidentListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString shortTime(std::int64_t us)
{
    if (us <= 0)
        return {};
    QString t = QString::fromStdString(formatTimestampUs(us)).left(19);
    t[10] = QLatin1Char(' ');
    return t;
}
} // namespace

QVariant IncidentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const IncidentSummary &i = m_rows[std::size_t(index.row())];
    if (role == IncidentIdRole)
        return QVariant::fromValue<qint64>(i.id);
    if (role == Qt::ToolTipRole && index.column() == ScoreColumn)
        return tr("0–100, from the severity, how far the ATT&CK tactics progress, the hosts and "
                  "users involved and the number of alerts");
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn)
        return AlertTableModel::severityBandColor(AlertTableModel::severityBand(i.severity));
    if (role == Qt::ToolTipRole && index.column() == TechniquesColumn) {
        QStringList lines;
        for (const QString &t : i.techniques)
            lines << AttackCatalog::instance().label(t);
        return inertToolTip(lines.join(QLatin1Char('\n')));
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return QStringLiteral("#%1").arg(i.id);
    case ScoreColumn:
        return i.score;
    case StatusColumn:
        return AlertTableModel::statusName(AlertStatus(i.status));
    case TitleColumn:
        return inertLine(i.title);
    case SeverityColumn:
        return tr("%1 · %2")
            .arg(i.severity)
            .arg(AlertTableModel::severityBandName(AlertTableModel::severityBand(i.severity)));
    case AlertsColumn:
        return QString::number(i.alertCount);
    case HostsColumn:
        return inertLine(i.hosts.join(QStringLiteral(", ")));
    case TechniquesColumn:
        return i.techniques.join(QStringLiteral(", "));
    case FirstSeenColumn:
        return shortTime(i.firstSeenUs);
    case LastSeenColumn:
        return shortTime(i.lastSeenUs);
    }
    return {};
}

QVariant IncidentListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, o, role);
    switch (section) {
    case IdColumn:
        return tr("Incident");
    case ScoreColumn:
        return tr("Score");
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Title");
    case SeverityColumn:
        return tr("Severity");
    case AlertsColumn:
        return tr("Alerts");
    case HostsColumn:
        return tr("Hosts");
    case TechniquesColumn:
        return tr("Techniques");
    case FirstSeenColumn:
        return tr("First seen (UTC)");
    case LastSeenColumn:
        return tr("Last seen (UTC)");
    }
    return {};
}

} // namespace Vigie::Models
