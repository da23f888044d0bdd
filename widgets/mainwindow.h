// SPDX-License-Identifier: Apache-2.0
// The workbench window: a filter bar, the alert queue and the selected alert's original document.
// Everything it shows comes from the models, which query the store off the GUI thread.
#pragma once

#include "core/store/store.h"

#include <QMainWindow>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Vigie::Models {
class AlertTableModel;
class AlertGroupModel;
} // namespace Vigie::Models
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

    // The alerts a triage action applies to: every alert matching the filter after "select all
    // matching" (Ctrl+A), else the selected rows.
    bool allMatchingSelected() const { return m_allMatching; }
    bool triageRunning() const { return m_triageRunning; }
    bool isGrouped() const;
    Models::AlertGroupModel *groupModel() const { return m_groupModel; }

public Q_SLOTS:
    void selectAllMatching();
    void acknowledge();
    void closeAlerts();
    void reopen();
    void assign();
    void addNote();
    void tagAlerts();
    void setSeverity();
    void undoLast();
    // g: none → rule → host → source/destination → none; -1 ungroups.
    void cycleGrouping();
    void setGrouping(int by);
    void openGroup(const QModelIndex &index);
    void closeGroup();
    void showShortcuts();
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
    void createTriageActions(QMenu *menu);
    void runTriage(const TriageChange &change, const QString &done);
    qint64 targetCount() const;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Runs `apply` (which sets a translated text) now and again whenever the language changes.
    void translated(std::function<void()> apply);

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
    bool m_allMatching = false;
    qint64 m_matchingCount = 0;
    std::vector<qint64> m_undo; // history entries this window made, newest last
    bool m_triageRunning = false;
    bool m_selectingAll = false;
    QList<QAction *> m_keyActions;
    std::vector<std::function<void()>> m_retranslate;
    QPlainTextEdit *m_fields = nullptr;
    QLabel *m_connectorsLabel = nullptr;
    QStringList m_indicators;
    Models::AlertGroupModel *m_groupModel = nullptr;
    QTableView *m_groupTable = nullptr;
    QStackedWidget *m_queueStack = nullptr;
    bool m_drilled = false;
    AlertQuery m_drillBase;
    int m_drillGrouping = 0;
    qint64 m_shownEventId = -1;
};

} // namespace Vigie::Widgets
