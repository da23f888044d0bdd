// SPDX-License-Identifier: Apache-2.0
// The alert queue grouped by rule, host or source/destination pair, with counts: hundreds of alerts
// of one scan become one row. Grouping runs on a worker thread with its own read-only connection.
#pragma once

#include "core/store/store.h"

#include <QAbstractTableModel>

#include <vector>

namespace Vigie::Models {

class AlertGroupModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, CountColumn, OpenColumn, SeverityColumn, NewestColumn, ColumnCount };

    explicit AlertGroupModel(const QString &databasePath, QObject *parent = nullptr);

    void setQuery(const AlertQuery &filter, AlertGrouping by);
    AlertGrouping grouping() const { return m_by; }
    const AlertQuery &baseFilter() const { return m_filter; }
    // The filter selecting the alerts of the group in `row`.
    AlertQuery filterFor(int row) const;
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;

    // After a language switch: headers and cells are texts again.
    void languageChanged()
    {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void loadingChanged(bool loading);
    void errorOccurred(const QString &message);

private:
    QString keyText(const AlertGroup &g) const;

    QString m_path;
    AlertQuery m_filter;
    AlertGrouping m_by = AlertGrouping::Rule;
    std::vector<AlertGroup> m_groups;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace Vigie::Models
