// SPDX-License-Identifier: Apache-2.0
// An incident opened: an Overview (what, where, who, how far it went and why each alert is in it)
// and a Timeline (one lane per host, alerts as marks coloured by ATT&CK tactic, zoom with the
// mouse wheel or a rubber band, +/- and the arrow keys). Everything is read on a worker thread.
#pragma once

#include "core/store/store.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

class QChart;
class QChartView;

namespace Vigie::Widgets {

class IncidentWorkspace : public QWidget
{
    Q_OBJECT
public:
    IncidentWorkspace(const QString &storePath,
                      const IncidentSummary &incident,
                      QWidget *parent = nullptr);

    qint64 incidentId() const { return m_incident.id; }
    bool isLoaded() const { return m_loaded; }
    QChart *timeline() const { return m_chart; }
    QTreeWidget *scope() const { return m_scope; }
    QString overviewText() const;

Q_SIGNALS:
    void showAlerts(const QString &filter);
    void loaded();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fill(const std::vector<IncidentAlert> &alerts);

    QString m_path;
    IncidentSummary m_incident;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_overview;
    QChart *m_chart;
    QChartView *m_view;
    QTreeWidget *m_scope;
    QPushButton *m_alerts;
    bool m_loaded = false;
};

} // namespace Vigie::Widgets
