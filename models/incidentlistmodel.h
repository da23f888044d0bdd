// SPDX-License-Identifier: Apache-2.0
// The incidents in the store, most recently changed first, read on a worker thread.
#pragma once

#include "core/store/store.h"

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace Vigie::Models {

class IncidentListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        ScoreColumn,
        StatusColumn,
        TitleColumn,
        SeverityColumn,
        AlertsColumn,
        HostsColumn,
        TechniquesColumn,
        FirstSeenColumn,
        LastSeenColumn,
        ColumnCount
    };
    enum Role { IncidentIdRole = Qt::UserRole + 1 };

    explicit IncidentListModel(const QString &databasePath, QObject *parent = nullptr);

    const IncidentSummary &incident(int row) const { return m_rows[std::size_t(row)]; }
    bool isLoading() const { return m_loading; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    void languageChanged()
    {
        Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }

public Q_SLOTS:
    void reload();
    // Correlates the alerts into incidents again (on the worker), then reloads.
    void correlateAndReload();
    // Merges incidents into `into` (on the worker), then correlates and reloads.
    void merge(qint64 into, const QList<qint64> &from, const QString &actor);

Q_SIGNALS:
    void loaded();
    void errorOccurred(const QString &message);

private:
    void load(bool correlate, std::function<Result<void>(Store &)> change = {});
    QString m_path;
    std::vector<IncidentSummary> m_rows;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace Vigie::Models
