// SPDX-License-Identifier: Apache-2.0
#include "connectorlistmodel.h"

#include <QBrush>
#include <QColor>
#include <QJsonDocument>
#include <QJsonObject>

namespace Vigie::Models {

using Connectors::Health;

ConnectorListModel::ConnectorListModel(Connectors::ConnectorManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    connect(manager,
            &Connectors::ConnectorManager::statusChanged,
            this,
            &ConnectorListModel::statusChanged);
    reload();
}

void ConnectorListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    if (m_manager->configStore()) {
        auto list = m_manager->configStore()->connectors();
        if (list)
            m_rows = std::move(*list);
        else
            Q_EMIT errorOccurred(list.error());
    }
    endResetModel();
}

void ConnectorListModel::statusChanged(const QString &name)
{
    for (int row = 0; row < int(m_rows.size()); ++row) {
        if (m_rows[std::size_t(row)].name == name) {
            Q_EMIT dataChanged(index(row, HealthColumn), index(row, ErrorColumn));
            return;
        }
    }
}

int ConnectorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConnectorListModel::nameAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].name : QString();
}

ConnectorRecord ConnectorListModel::recordAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)] : ConnectorRecord();
}

QVariant ConnectorListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ConnectorRecord &rec = m_rows[std::size_t(index.row())];
    const Connectors::ConnectorStatus st = m_manager->status(rec.name);
    switch (role) {
    case NameRole:
        return rec.name;
    case HealthRole:
        return static_cast<int>(st.health);
    case RunningRole:
        return st.running;
    case ConfigRole:
        return rec.config;
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return rec.name;
        case KindColumn:
            return rec.kind;
        case AddressColumn: {
            const QJsonObject cfg = QJsonDocument::fromJson(rec.config).object();
            return cfg.value(QLatin1String("url"))
                .toString(cfg.value(QLatin1String("path")).toString());
        }
        case HealthColumn:
            if (!st.running && st.health == Health::Stopped)
                return st.caughtUp ? tr("Caught up")
                                   : (rec.enabled ? tr("Stopped") : tr("Disabled"));
            return Connectors::healthLabel(st.health);
        case EventsColumn:
            return QStringLiteral("%L1").arg(st.accepted);
        case RateColumn:
            return st.running ? tr("%L1/s").arg(st.rate, 0, 'f', 0) : QString();
        case ErrorColumn:
            return st.lastError;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == ErrorColumn || index.column() == HealthColumn)
            return st.lastError.isEmpty() ? QVariant() : QVariant(st.lastError);
        break;
    case Qt::ForegroundRole:
        if (index.column() == HealthColumn) {
            switch (st.health) {
            case Health::AuthFailed:
            case Health::TlsFailed:
            case Health::Failed:
                return QBrush(QColor(0xc0, 0x1c, 0x28));
            case Health::BackingOff:
                return QBrush(QColor(0xb5, 0x83, 0x5a));
            case Health::Connected:
            case Health::CatchingUp:
                return QBrush(QColor(0x26, 0xa2, 0x69));
            default:
                break;
            }
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == EventsColumn || index.column() == RateColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ConnectorListModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case KindColumn:
        return tr("Kind");
    case AddressColumn:
        return tr("Address");
    case HealthColumn:
        return tr("Health");
    case EventsColumn:
        return tr("Events");
    case RateColumn:
        return tr("Rate");
    case ErrorColumn:
        return tr("Last error");
    }
    return {};
}

} // namespace Vigie::Models
