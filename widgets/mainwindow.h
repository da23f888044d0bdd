// SPDX-License-Identifier: Apache-2.0
// The workbench window: a filter bar, the alert queue and the selected alert's original document;
// until its store exists, a welcome page. Everything it shows comes from the models, which query
// the store off the GUI thread; files dropped onto it are imported off the GUI thread too.
#pragma once

#include "core/store/store.h"

#include <QFuture>
#include <QMainWindow>
#include <QPointer>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QDialog;
class QDragEnterEvent;
class QDragMoveEvent;
class QDropEvent;
class QLabel;
class QMenu;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QPlainTextEdit;
class QProgressDialog;
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
class WelcomePage;
struct ImportOutcome;
struct ImportStep;

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

    // The pages of the navigation, in its order; the welcome page is not in the navigation.
    enum Page {
        QueuePage,
        IncidentsPage,
        HuntPage,
        ConnectorsPage,
        PlaybooksPage,
        SettingsPage,
        WelcomePage
    };
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

    // False until the store file exists: the window then shows the welcome page and queries
    // nothing (an import or a new connector creates the store).
    bool storeExists() const;
    // Imports files into this window's store, off the GUI thread, with a progress dialog (Cancel
    // stops between batches), then a summary and the views reloaded. A folder stands for the
    // files directly inside it (not its subfolders). What a drop onto the window does.
    void importFiles(const QStringList &paths);
    bool importRunning() const { return m_import != nullptr; }
    // The last import's summary: totals, then per file, with the first rejected lines as
    // file:line.
    QString lastImportSummary() const { return m_lastImportSummary; }
    // The stores opened lately (QSettings "recentStores"): most recent first, existing files
    // only, at most MaxRecentStores.
    static constexpr int MaxRecentStores = 8;
    static QStringList recentStores();
    static void addRecentStore(const QString &path);

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
    void showWelcome();
    void showAbout();
    // File ▸ Import Files…: the same import as a drop.
    void chooseFilesToImport();
    void cancelImport();
    // File ▸ Open Store…, or a recent store: asks for it with storeRequested() (the program
    // restarts on it; a window does not switch stores in place).
    void chooseStore();
    void openStore(const QString &path);
    // Open the demo: asks for it with demoRequested().
    void openDemo();
    // The Connectors page; connectors live in the store, so a missing store is created first.
    void addConnector();

Q_SIGNALS:
    void demoRequested();
    void storeRequested(const QString &path);
    // The store file did not exist when the window opened and now does (an import, a connector).
    void storeCreated();
    void importFinished(qint64 accepted);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

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
    // The store exists now: the views load, the recent stores list names it, storeCreated().
    void storeAppeared();
    void createStore();
    void showImportSummary(const ImportOutcome &outcome);
    // The import itself, on a worker thread: `step` reports where it is.
    static std::shared_ptr<ImportOutcome>
    importInto(const QString &storePath,
               const QStringList &paths,
               const std::atomic<bool> &cancel,
               const std::function<void(const ImportStep &)> &step);
    void updateRecentMenu();

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
    bool m_storeMissing = false;
    bool m_creatingStore = false;
    Widgets::WelcomePage *m_welcome = nullptr;
    QMenu *m_recentMenu = nullptr;
    std::shared_ptr<std::atomic<bool>> m_import; // the running import's cancel flag
    QFuture<void> m_importFuture;
    QPointer<QProgressDialog> m_importProgress;
    QPointer<QDialog> m_importSummary;
    QPointer<QDialog> m_about;
    QString m_lastImportSummary;
};

} // namespace Vigie::Widgets
