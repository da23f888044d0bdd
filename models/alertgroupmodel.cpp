// SPDX-License-Identifier: Apache-2.0
#include "models/alertgroupmodel.h"

#include "core/events/timestamp.h"
#include "models/alerttablemodel.h"
#include "models/inerttext.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace Vigie::Models {

AlertGroupModel::AlertGroupModel(const QString &databasePath, QObject *parent)
    : QAbstractTableModel(parent)
    , m_path(databasePath)
{}

void AlertGroupModel::setQuery(const AlertQuery &filter, AlertGrouping by)
{
    m_filter = filter;
    m_by = by;
    reload();
}

AlertQuery AlertGroupModel::filterFor(int row) const
{
    if (row < 0 || row >= int(m_groups.size()))
        return m_filter;
    return m_groups[std::size_t(row)].filter(m_filter, m_by);
}

void AlertGroupModel::reload()
{
    const quint64 generation = ++m_generation;
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
    using Groups = Result<std::vector<AlertGroup>>;
    auto *watcher = new QFutureWatcher<Groups>(this);
    connect(watcher, &QFutureWatcher<Groups>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // a newer query is on its way
        m_loading = false;
        Q_EMIT loadingChanged(false);
        Groups groups = watcher->result();
        beginResetModel();
        m_groups.clear();
        if (groups)
            m_groups = std::move(*groups);
        endResetModel();
        if (!groups)
            Q_EMIT errorOccurred(groups.error());
    });
    const QString path = m_path;
    const AlertQuery filter = m_filter;
    const AlertGrouping by = m_by;
    watcher->setFuture(QtConcurrent::run([path, filter, by]() -> Groups {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return Error(store.error());
        return (*store)->alertGroups(filter, by);
    }));
}

int AlertGroupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

int AlertGroupModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AlertGroupModel::keyText(const AlertGroup &g) const
{
    switch (m_by) {
    case AlertGrouping::Rule:
        return g.rule.isEmpty() ? tr("(no rule)") : g.rule;
    case AlertGrouping::Host:
        return g.host.isEmpty() ? tr("(no host)") : g.host;
    case AlertGrouping::Flow:
        return tr("%1 → %2").arg(g.sourceIp.isEmpty() ? tr("?") : g.sourceIp,
                                 g.destinationIp.isEmpty() ? tr("?") : g.destinationIp);
    }
    return {};
}

QVariant AlertGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AlertGroup &g = m_groups[std::size_t(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case KeyColumn:
            return inertLine(keyText(g));
        case CountColumn:
            return QStringLiteral("%L1").arg(g.count);
        case OpenColumn:
            return QStringLiteral("%L1").arg(g.open);
        case SeverityColumn:
            return AlertTableModel::severityBandName(AlertTableModel::severityBand(g.maxSeverity));
        case NewestColumn:
            return QString::fromStdString(formatTimestampUs(g.newestUs))
                .left(19)
                .replace(QLatin1Char('T'), QLatin1Char(' '));
        }
    } else if (role == Qt::ToolTipRole && index.column() == KeyColumn) {
        return inertToolTip(keyText(g));
    } else if (role == Qt::TextAlignmentRole
               && (index.column() == CountColumn || index.column() == OpenColumn)) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ForegroundRole && index.column() == SeverityColumn) {
        return AlertTableModel::severityBandColor(AlertTableModel::severityBand(g.maxSeverity));
    }
    return {};
}

QVariant AlertGroupModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return m_by == AlertGrouping::Rule   ? tr("Rule")
               : m_by == AlertGrouping::Host ? tr("Host")
                                             : tr("Source → destination");
    case CountColumn:
        return tr("Alerts");
    case OpenColumn:
        return tr("Open");
    case SeverityColumn:
        return tr("Highest severity");
    case NewestColumn:
        return tr("Newest (UTC)");
    }
    return {};
}

} // namespace Vigie::Models
