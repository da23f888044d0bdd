// SPDX-License-Identifier: Apache-2.0
// The workbench window: a filter bar, the alert queue and the selected alert's original document.
// Everything it shows comes from the models, which query the store off the GUI thread.
#pragma once

#include "core/store/store.h"

#include <QMainWindow>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QTimer;

namespace Vigie::Models {
class AlertTableModel;
class AlertGroupModel;
class IncidentListModel;
} // namespace Vigie::Models
namespace Vigie::Connectors {
class ConnectorManager;
}

namespace Vigie::Widgets {

class JsonView;

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
    Models::IncidentListModel *incidentModel() const { return m_incidentModel; }

    // The pages of the navigation, in its order.
    enum Page { QueuePage, IncidentsPage, HuntPage, ConnectorsPage, PlaybooksPage, SettingsPage };
    int currentPage() const;
    // The search box's text (the filter language of AlertQuery::parse).
    QString searchText() const;
    void setSearchText(const QString &text);
    // Saved views: the search text, severity, status, time range and grouping under a name.
    QStringList savedViews() const;
    void saveView(const QString &name);
    bool applySavedView(const QString &name);
    void deleteSavedView(const QString &name);
    bool jobRunning() const { return m_job != nullptr; }

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
    void showPage(int page);
    // i: the selected alerts (or all matching) into a new or an existing incident.
    void gatherIntoIncident();
    // The alerts related to the current one: same host, user, process or flow.
    void showRelated(int how);
    // Cancels the running long job (bulk triage, undo, count).
    void cancelJob();
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
    QWidget *createIncidentsPage();
    QWidget *createEmptyPage(const char *title, const char *text);
    void createNavigation();
    void updateViewsMenu();
    // A long job: shows progress with a Cancel button in the status bar after a short delay.
    std::shared_ptr<std::atomic<bool>> startJob(const QString &what);
    void finishJob();
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
    QComboBox *m_timeRange = nullptr;
    QLabel *m_filterError = nullptr;
    QMenu *m_viewsMenu = nullptr;
    QListWidget *m_nav = nullptr;
    QStackedWidget *m_pages = nullptr;
    QTableView *m_incidentTable = nullptr;
    QWidget *m_jobWidget = nullptr;
    QLabel *m_jobLabel = nullptr;
    QProgressBar *m_jobProgress = nullptr;
    QPushButton *m_jobCancel = nullptr;
    QTimer *m_jobTimer = nullptr;
    std::shared_ptr<std::atomic<bool>> m_job;
    int m_keepScrollRows = 0;
    QString m_appliedInputs;
    QWidget *m_queuePage = nullptr;
    QTableView *m_table = nullptr;
    JsonView *m_detail = nullptr;
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
    Models::IncidentListModel *m_incidentModel = nullptr;
    QTableView *m_groupTable = nullptr;
    QStackedWidget *m_queueStack = nullptr;
    bool m_drilled = false;
    AlertQuery m_drillBase;
    int m_drillGrouping = 0;
    qint64 m_shownEventId = -1;
};

} // namespace Vigie::Widgets
