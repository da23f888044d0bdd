// SPDX-License-Identifier: Apache-2.0
// The workbench window: a filter bar, the alert queue and the selected alert's original document.
// Everything it shows comes from the models, which query the store off the GUI thread.
#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QMenu;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace Vigie::Models {
class AlertTableModel;
}
namespace Vigie::Connectors {
class ConnectorManager;
}

namespace Vigie::Widgets {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const QString &dbPath, QWidget *parent = nullptr);
    ~MainWindow() override;

    Models::AlertTableModel *alertModel() const { return m_model; }
    // Shows the connectors page (a dock) and refreshes the queue as connectors bring events in.
    void setConnectorManager(Connectors::ConnectorManager *manager);

public Q_SLOTS:
    // Re-reads the queue from the newest alert and refreshes the counts in the status bar.
    void refresh();
    void focusSearch();

private:
    void createMenus();
    QWidget *createFilterBar();
    void createTable();
    void createStatusBar();
    void applyFilter();
    void showCurrentDocument();
    void showError(const QString &message);

    QString m_dbPath;
    Models::AlertTableModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_severity = nullptr;
    QComboBox *m_status = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_detail = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_liveTimer = nullptr;
    QMenu *m_viewMenu = nullptr;
    qint64 m_shownEventId = -1;
};

} // namespace Vigie::Widgets
