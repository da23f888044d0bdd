// SPDX-License-Identifier: Apache-2.0
// The configured connectors with their live state: health, events brought in by the current run,
// rate and last error. Refreshed from the manager's signals; the configuration list is a handful
// of rows read when connectors are added, edited or removed.
#pragma once

#include "connectors/connectormanager.h"

#include <QAbstractTableModel>

namespace Vigie::Models {

class ConnectorListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        KindColumn,
        AddressColumn,
        HealthColumn,
        EventsColumn,
        RateColumn,
        ErrorColumn,
        ColumnCount
    };
    enum Role { NameRole = Qt::UserRole + 1, HealthRole, RunningRole, ConfigRole };

    explicit ConnectorListModel(Connectors::ConnectorManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    QString nameAt(int row) const;
    ConnectorRecord recordAt(int row) const;

    // After a language switch: headers and cells are texts again.
    void languageChanged()
    {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }

public Q_SLOTS:
    // Re-reads the configured connectors.
    void reload();

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    void statusChanged(const QString &name);

    Connectors::ConnectorManager *m_manager;
    std::vector<ConnectorRecord> m_rows;
};

} // namespace Vigie::Models
