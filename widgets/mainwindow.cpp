// SPDX-License-Identifier: Apache-2.0
#include "widgets/mainwindow.h"

#include "connectors/connectormanager.h"
#include "core/analysis/correlation.h"
#include "core/detection/detector.h"
#include "core/detection/hunt.h"
#include "core/ingest/importer.h"
#include "widgets/aboutdialog.h"
#include "widgets/connectorspage.h"
#include "widgets/huntpage.h"
#include "widgets/incidentworkspace.h"
#include "widgets/jsonview.h"
#include "widgets/settingspage.h"
#include "widgets/triagedialog.h"
#include "widgets/welcomepage.h"

#include "models/alertgroupmodel.h"
#include "models/alerttablemodel.h"
#include "models/incidentlistmodel.h"
#include "models/inerttext.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMetaMethod>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Vigie::Widgets {

using Models::AlertTableModel;
using Models::inertLine;

namespace {
const char *const kPageNames[] = {QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Queue"),
                                  QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Incidents"),
                                  QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Hunt"),
                                  QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Connectors"),
                                  QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Playbooks"),
                                  QT_TRANSLATE_NOOP("Vigie::Widgets::MainWindow", "Settings")};
} // namespace

namespace {
// Typing pauses shorter than this do not start a query per keystroke.
constexpr int SearchDelayMs = 300;
} // namespace

MainWindow::MainWindow(const QString &dbPath, QWidget *parent)
    : QMainWindow(parent)
    , m_dbPath(dbPath)
    , m_model(new AlertTableModel(dbPath, this))
    , m_groupModel(new Models::AlertGroupModel(dbPath, this))
    , m_incidentModel(new Models::IncidentListModel(dbPath, this))
{
    // No store yet: the welcome page, and no query until an import or a connector creates it.
    m_storeMissing = !QFileInfo::exists(dbPath);
    translated([this] { setWindowTitle(tr("Vigie — %1").arg(QFileInfo(m_dbPath).fileName())); });
    resize(1280, 800);
    setAcceptDrops(true); // files dropped anywhere on the window are imported

    createTable(); // before the menus: the triage actions act on the table
    createMenus();

    m_detail = new JsonView;
    translated([this] {
        m_detail->setPlaceholderText(tr("Select an alert to see the document the sensor sent."));
    });

    m_fields = new QPlainTextEdit;
    m_fields->setObjectName(QStringLiteral("fieldsPane"));
    m_fields->setReadOnly(true);
    m_fields->setLineWrapMode(QPlainTextEdit::NoWrap);
    translated([this] { m_fields->setPlaceholderText(tr("The alert's fields, grouped.")); });
    auto *details = new QSplitter(Qt::Horizontal);
    details->addWidget(m_fields);
    details->addWidget(m_detail);
    details->setStretchFactor(0, 2);
    details->setStretchFactor(1, 3);

    auto *splitter = new QSplitter(Qt::Vertical);
    m_groupTable = new QTableView;
    m_groupTable->setObjectName(QStringLiteral("groupTable"));
    m_groupTable->setModel(m_groupModel);
    m_groupTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_groupTable->setAlternatingRowColors(true);
    m_groupTable->verticalHeader()->hide();
    m_groupTable->horizontalHeader()->setStretchLastSection(false);
    m_groupTable->horizontalHeader()->setSectionResizeMode(Models::AlertGroupModel::KeyColumn,
                                                           QHeaderView::Stretch);
    m_groupTable->installEventFilter(this);
    connect(m_groupTable, &QTableView::activated, this, &MainWindow::openGroup);
    m_queueStack = new QStackedWidget;
    m_queueStack->addWidget(m_table);
    m_queueStack->addWidget(m_groupTable);
    splitter->addWidget(m_queueStack);
    splitter->addWidget(details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    m_queuePage = new QWidget;
    auto *layout = new QVBoxLayout(m_queuePage);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(createFilterBar());
    layout->addWidget(splitter, 1);

    createStatusBar();
    createNavigation();

    connect(m_model, &AlertTableModel::loadingChanged, m_loadingLabel, &QWidget::setVisible);
    connect(m_model, &AlertTableModel::errorOccurred, this, [this](const QString &message) {
        // The model reads as soon as it is made (read-only: nothing is created); a store that
        // does not exist yet is the welcome page's business, not an error.
        if (!m_storeMissing)
            showError(message);
    });
    connect(m_model, &AlertTableModel::countsLoaded, this, [this](qint64 events, qint64 alerts) {
        m_countsLabel->setText(tr("%L1 events, %L2 alerts in %3")
                                   .arg(events)
                                   .arg(alerts)
                                   .arg(QDir::toNativeSeparators(m_dbPath)));
    });
    connect(
        m_model, &AlertTableModel::documentLoaded, this, [this](qint64 id, const QString &text) {
            if (id == m_shownEventId)
                m_detail->setPlainText(text);
        });
    connect(m_model,
            &AlertTableModel::documentUnavailable,
            this,
            [this](qint64 id, const QString &reason) {
                if (id == m_shownEventId)
                    m_detail->setPlainText(
                        tr("The original document is not available: %1").arg(reason));
            });
    connect(m_model,
            &AlertTableModel::detailsLoaded,
            this,
            [this](qint64 id, const QString &summary, const QStringList &indicators) {
                if (id != m_shownEventId)
                    return;
                m_fields->setPlainText(summary);
                m_indicators = indicators;
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        m_shownEventId = -1;
        m_fields->clear();
        m_indicators.clear();
        m_detail->clear();
    });
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &MainWindow::showCurrentDocument);
    // Live insertion: rows arriving above the first visible row push it down; when the analyst
    // has scrolled away from the top, the view scrolls by as much so that what they read stays.
    connect(m_model,
            &QAbstractItemModel::rowsAboutToBeInserted,
            this,
            [this](const QModelIndex &, int first, int last) {
                const int top = m_table->rowAt(0);
                m_keepScrollRows = (top > 0 && first <= top) ? last - first + 1 : 0;
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_keepScrollRows > 0) {
            QScrollBar *bar = m_table->verticalScrollBar();
            bar->setValue(
                bar->value()
                + m_keepScrollRows
                      * (m_table->verticalScrollMode() == QAbstractItemView::ScrollPerPixel
                             ? m_table->verticalHeader()->defaultSectionSize()
                             : 1));
            m_keepScrollRows = 0;
        }
    });
    connect(m_model, &AlertTableModel::alertsInserted, this, [this](int n) {
        statusBar()->showMessage(tr("%n new alert(s)", nullptr, n), 4000);
    });

    m_loadingLabel->setVisible(m_model->isLoading() && !m_storeMissing);
    translated([this] {
        if (m_storeMissing)
            m_countsLabel->setText(tr("No store yet: the first import creates %1")
                                       .arg(QDir::toNativeSeparators(m_dbPath)));
    });
    if (m_storeMissing) {
        showPage(WelcomePage);
    } else {
        addRecentStore(m_dbPath);
        m_model->refreshCounts();
    }
}

MainWindow::~MainWindow()
{
    // A running import writes to the store and reports to this window: stop it, and wait.
    if (m_import) {
        m_import->store(true);
        m_importFuture.waitForFinished();
    }
}

void MainWindow::translated(std::function<void()> apply)
{
    apply();
    m_retranslate.push_back(std::move(apply));
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        // Switched live: every text set through translated() again, and the models' texts.
        for (const auto &apply : m_retranslate)
            apply();
        m_model->languageChanged();
        m_groupModel->languageChanged();
        if (!m_storeMissing)
            m_model->refreshCounts();
    }
    QMainWindow::changeEvent(event);
}

namespace {
QString currentActor()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}
} // namespace

void MainWindow::createTriageActions(QMenu *menu)
{
    // Single keys act on the queue only (typing in the search field stays typing).
    auto add =
        [&](const char *text, const QKeySequence &key, void (MainWindow::*slot)(), bool queueOnly) {
            QAction *a = menu->addAction(QString());
            translated([a, text] { a->setText(tr(text)); });
            a->setShortcut(key);
            if (queueOnly) {
                a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
                m_table->addAction(a);
            } else {
                addAction(a); // the whole window, also while the menu bar is hidden
            }
            connect(a, &QAction::triggered, this, slot);
            return a;
        };
    add(QT_TR_NOOP("Select All &Matching"),
        QKeySequence::SelectAll,
        &MainWindow::selectAllMatching,
        true);
    menu->addSeparator();
    m_keyActions = {
        add(QT_TR_NOOP("&Acknowledge"), QKeySequence(Qt::Key_A), &MainWindow::acknowledge, true),
        add(QT_TR_NOOP("&Close…"), QKeySequence(Qt::Key_C), &MainWindow::closeAlerts, true),
        add(QT_TR_NOOP("&Reopen"), QKeySequence(Qt::Key_R), &MainWindow::reopen, true),
        add(QT_TR_NOOP("Assi&gn…"), QKeySequence(Qt::SHIFT | Qt::Key_A), &MainWindow::assign, true),
        add(QT_TR_NOOP("Add &Note…"), QKeySequence(Qt::Key_N), &MainWindow::addNote, true),
        add(QT_TR_NOOP("&Tag…"), QKeySequence(Qt::Key_T), &MainWindow::tagAlerts, true),
        add(QT_TR_NOOP("Set Se&verity…"), QKeySequence(Qt::Key_S), &MainWindow::setSeverity, true),
        add(QT_TR_NOOP("&Incident…"),
            QKeySequence(Qt::Key_I),
            &MainWindow::gatherIntoIncident,
            true)};
    // The view's type-ahead search takes plain letters before shortcuts see them: route the
    // triage keys to their actions first.
    m_table->installEventFilter(this);
    menu->addSeparator();
    m_keyActions.append(add(
        QT_TR_NOOP("&Undo Last Triage Action"), QKeySequence::Undo, &MainWindow::undoLast, false));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_allMatching && !m_selectingAll) {
            m_allMatching = false;
            statusBar()->clearMessage();
        }
    });
}

void MainWindow::showShortcuts()
{
    const std::pair<const char *, const char *> rows[] = {
        {"j / k, ↓ / ↑", QT_TR_NOOP("Next / previous alert")},
        {"Shift+↓, Space", QT_TR_NOOP("Extend the selection / select")},
        {"Ctrl+A", QT_TR_NOOP("Select every alert matching the filter")},
        {"A", QT_TR_NOOP("Acknowledge (take it, in progress)")},
        {"C", QT_TR_NOOP("Close with a disposition (Return: false positive)")},
        {"R", QT_TR_NOOP("Reopen")},
        {"Shift+A", QT_TR_NOOP("Assign to an analyst")},
        {"N / T / S", QT_TR_NOOP("Add a note / tags / set the severity")},
        {"I", QT_TR_NOOP("Gather into a new or an existing incident")},
        {"Ctrl+Z", QT_TR_NOOP("Undo the last triage action")},
        {"/, Ctrl+F", QT_TR_NOOP("Search; Return goes back to the queue")},
        {"Ctrl+Shift+F", QT_TR_NOOP("Find in the alert's document; Return: next match")},
        {"G", QT_TR_NOOP("Group by rule, host, source/destination, none")},
        {"Return / Backspace", QT_TR_NOOP("Open a group / back to the groups")},
        {"F5", QT_TR_NOOP("Reload")},
        {"Ctrl+I", QT_TR_NOOP("Import files (or drop them onto the window)")},
        {"Ctrl+O", QT_TR_NOOP("Open another store")},
        {"Ctrl+1 … Ctrl+6", QT_TR_NOOP("Queue, Incidents, Hunt, Connectors, Playbooks, Settings")},
        {"Ctrl+Shift+H / U / P / L", QT_TR_NOOP("Related alerts: same host, user, process, flow")},
        {"Ctrl+S, Alt+1 … Alt+9", QT_TR_NOOP("Save the view / open a saved view")},
        {QT_TR_NOOP("Click a column header"), QT_TR_NOOP("Sort by it (again: the other way)")},
        {"?, F1", QT_TR_NOOP("This sheet")},
    };
    QString html = QStringLiteral("<table cellspacing='6'>");
    for (const auto &[keys, what] : rows)
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(QString::fromUtf8(keys).toHtmlEscaped(), tr(what).toHtmlEscaped());
    html += QStringLiteral("</table>");
    QMessageBox box(this);
    box.setWindowTitle(tr("Keyboard shortcuts"));
    box.setTextFormat(Qt::RichText);
    box.setText(html);
    box.exec();
}

bool MainWindow::isGrouped() const
{
    return m_queueStack->currentWidget() == m_groupTable;
}

void MainWindow::cycleGrouping()
{
    // None → rule → host → source/destination → none.
    if (!isGrouped()) {
        setGrouping(int(AlertGrouping::Rule));
    } else if (m_groupModel->grouping() == AlertGrouping::Flow) {
        setGrouping(-1);
    } else {
        setGrouping(int(m_groupModel->grouping()) + 1);
    }
}

void MainWindow::setGrouping(int by)
{
    if (by < 0) {
        m_queueStack->setCurrentWidget(m_table);
        m_table->setFocus();
        statusBar()->clearMessage();
        return;
    }
    const auto grouping = static_cast<AlertGrouping>(by);
    m_groupModel->setQuery(m_model->filter(), grouping);
    m_queueStack->setCurrentWidget(m_groupTable);
    m_groupTable->setFocus();
    static const char *const names[]
        = {QT_TR_NOOP("rule"), QT_TR_NOOP("host"), QT_TR_NOOP("source and destination")};
    statusBar()->showMessage(
        tr("Grouped by %1 — Return opens a group, g changes the grouping").arg(tr(names[by])));
}

void MainWindow::openGroup(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    m_drillBase = m_model->filter();
    m_drillGrouping = int(m_groupModel->grouping());
    m_drilled = true;
    m_model->setFilter(m_groupModel->filterFor(index.row()));
    m_queueStack->setCurrentWidget(m_table);
    m_table->setFocus();
    statusBar()->showMessage(
        tr("One group: %1 — Backspace goes back to the groups")
            .arg(m_groupModel->index(index.row(), Models::AlertGroupModel::KeyColumn)
                     .data()
                     .toString()));
}

void MainWindow::closeGroup()
{
    m_drilled = false;
    m_model->setFilter(m_drillBase);
    setGrouping(m_drillGrouping);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Files dropped onto the search box are imported like anywhere else on the window, not
    // typed in as their path: ignored here, the drop goes on to the window.
    if (watched == m_search
        && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove
            || event->type() == QEvent::Drop)) {
        const QMimeData *mime = static_cast<QDropEvent *>(event)->mimeData();
        if (mime && mime->hasUrls() && mime->urls().value(0).isLocalFile()) {
            event->ignore();
            return true;
        }
    }
    if ((watched == m_table || watched == m_groupTable) && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_G && key->modifiers() == Qt::NoModifier) {
            cycleGrouping();
            return true;
        }
        if ((key->key() == Qt::Key_J || key->key() == Qt::Key_K)
            && key->modifiers() == Qt::NoModifier) {
            auto *view = static_cast<QTableView *>(watched);
            const int row = view->currentIndex().row() + (key->key() == Qt::Key_J ? 1 : -1);
            if (row >= 0 && row < view->model()->rowCount())
                view->setCurrentIndex(view->model()->index(row, 0));
            return true;
        }
        if (watched == m_table && key->key() == Qt::Key_Backspace && m_drilled) {
            closeGroup();
            return true;
        }
        if (key->key() == Qt::Key_Question) {
            showShortcuts();
            return true;
        }
        if (key->key() == Qt::Key_Slash && key->modifiers() == Qt::NoModifier) {
            focusSearch(); // as in less, vim and most web consoles
            return true;
        }
        const QKeySequence pressed(key->keyCombination());
        for (QAction *a : std::as_const(m_keyActions)) {
            if (a->shortcut() == pressed && a->isEnabled()) {
                a->trigger();
                return true;
            }
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

qint64 MainWindow::targetCount() const
{
    if (isGrouped()) {
        const QModelIndex i = m_groupTable->currentIndex();
        return i.isValid() ? m_groupModel->index(i.row(), Models::AlertGroupModel::CountColumn)
                                 .data()
                                 .toString()
                                 .remove(QRegularExpression(QStringLiteral("\\D")))
                                 .toLongLong()
                           : 0;
    }
    if (m_allMatching)
        return m_matchingCount;
    return m_table->selectionModel()->selectedRows().size();
}

void MainWindow::selectAllMatching()
{
    // Counting runs off the GUI thread; the loaded rows are selected at once.
    m_selectingAll = true;
    m_table->selectAll();
    m_selectingAll = false;
    m_allMatching = true;
    m_matchingCount = m_model->rowCount();
    statusBar()->showMessage(tr("Every alert matching the filter is selected"));
    const QString path = m_dbPath;
    const AlertQuery filter = m_model->filter();
    auto *watcher = new QFutureWatcher<qint64>(this);
    connect(watcher, &QFutureWatcher<qint64>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (!m_allMatching)
            return;
        m_matchingCount = watcher->result();
        statusBar()->showMessage(
            tr("All %Ln matching alert(s) selected", nullptr, int(m_matchingCount)));
    });
    watcher->setFuture(QtConcurrent::run([path, filter]() -> qint64 {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return 0;
        auto n = (*store)->countAlerts(filter);
        return n ? *n : 0;
    }));
}

void MainWindow::runTriage(const TriageChange &change, const QString &done)
{
    if (m_triageRunning) {
        statusBar()->showMessage(tr("The previous triage action is still being written; try again "
                                    "in a moment"),
                                 5000);
        return;
    }
    std::vector<std::int64_t> ids;
    // Grouped: the action applies to every alert of the current group.
    const bool group = isGrouped();
    AlertQuery filter = m_model->filter();
    if (group) {
        if (!m_groupTable->currentIndex().isValid()) {
            statusBar()->showMessage(tr("Select a group first"), 5000);
            return;
        }
        filter = m_groupModel->filterFor(m_groupTable->currentIndex().row());
    } else if (!m_allMatching) {
        const auto rows = m_table->selectionModel()->selectedRows();
        int missing = 0;
        ids = m_model->idsOf(rows, &missing);
        if (missing > 0) {
            // Rows selected far past what was shown (Shift+End) are read on demand.
            statusBar()->showMessage(
                tr("%n selected alert(s) not loaded yet; try again in a moment, "
                   "or use Ctrl+A for every alert matching the filter",
                   nullptr,
                   missing),
                6000);
            return;
        }
        if (ids.empty() && m_table->currentIndex().isValid()) {
            if (const AlertRow *r = m_model->alertAt(m_table->currentIndex().row()))
                ids.push_back(r->id);
        }
        if (ids.empty()) {
            statusBar()->showMessage(
                tr("Select alerts first (Ctrl+A: every alert matching the filter)"), 5000);
            return;
        }
    }
    m_triageRunning = true;
    const bool all = m_allMatching || group;
    const QString path = m_dbPath;
    const QString actor = currentActor();
    const auto cancel = startJob(tr("Writing the triage action…"));
    using Outcome = std::pair<Result<std::int64_t>, qint64>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher, done, cancel] {
        watcher->deleteLater();
        m_triageRunning = false;
        finishJob();
        const Outcome out = watcher->result();
        if (!out.first) {
            if (cancel->load())
                statusBar()->showMessage(tr("Cancelled: no alert was changed."), 8000);
            else
                showError(out.first.error());
            return;
        }
        m_incidentModel->reload();
        m_undo.push_back(*out.first);
        m_allMatching = false;
        if (isGrouped())
            m_groupModel->reload();
        statusBar()->showMessage(done.arg(out.second) + QLatin1Char(' ') + tr("(Ctrl+Z undoes it)"),
                                 10000);
        refresh();
    });
    watcher->setFuture(
        QtConcurrent::run([path, filter, ids, change, actor, all, cancel]() -> Outcome {
            auto store = Store::open(path);
            if (!store)
                return {Error(store.error()), 0};
            (*store)->setCancelFlag(cancel);
            auto entry = all ? (*store)->triage(actor, change, filter)
                             : (*store)->triage(actor, change, ids);
            if (!entry)
                return {entry, 0};
            auto h = (*store)->history(1);
            return {entry, h && !h->empty() ? h->front().count : 0};
        }));
}

void MainWindow::acknowledge()
{
    TriageChange c;
    c.action = QStringLiteral("acknowledge");
    c.status = AlertStatus::InProgress;
    c.assignee = currentActor();
    runTriage(c, tr("Acknowledged %1 alerts."));
}

void MainWindow::closeAlerts()
{
    if (targetCount() == 0 && !m_table->currentIndex().isValid() && !isGrouped()) {
        statusBar()->showMessage(
            tr("Select alerts first (Ctrl+A: every alert matching the filter)"), 5000);
        return;
    }
    CloseDialog dialog(std::max<qint64>(1, targetCount()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    TriageChange c;
    c.action = QStringLiteral("close");
    c.status = AlertStatus::Closed;
    c.disposition = dialog.disposition();
    c.reason = dialog.reason();
    runTriage(c, tr("Closed %1 alerts."));
}

void MainWindow::reopen()
{
    TriageChange c;
    c.action = QStringLiteral("reopen");
    c.status = AlertStatus::New;
    c.disposition = QString();
    c.reason = QString();
    runTriage(c, tr("Reopened %1 alerts."));
}

void MainWindow::assign()
{
    bool ok = false;
    const QString who = QInputDialog::getText(this,
                                              tr("Assign alerts"),
                                              tr("&Analyst (empty to unassign):"),
                                              QLineEdit::Normal,
                                              currentActor(),
                                              &ok);
    if (!ok)
        return;
    TriageChange c;
    c.action = QStringLiteral("assign");
    c.assignee = who.trimmed();
    runTriage(c, tr("Assigned %1 alerts."));
}

void MainWindow::addNote()
{
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Add a note"), tr("&Note (kept with each alert):"), QString(), &ok);
    if (!ok || text.trimmed().isEmpty())
        return;
    TriageChange c;
    c.action = QStringLiteral("note");
    c.note = text.trimmed();
    runTriage(c, tr("Noted on %1 alerts."));
}

void MainWindow::tagAlerts()
{
    bool ok = false;
    const QString text = QInputDialog::getText(this,
                                               tr("Tag alerts"),
                                               tr("&Tags, separated by commas (-tag removes it):"),
                                               QLineEdit::Normal,
                                               QString(),
                                               &ok);
    if (!ok)
        return;
    TriageChange c;
    c.action = QStringLiteral("tag");
    for (QString t : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        t = t.trimmed();
        if (t.startsWith(QLatin1Char('-')))
            c.removeTags << t.mid(1).trimmed();
        else if (!t.isEmpty())
            c.addTags << t;
    }
    if (c.addTags.isEmpty() && c.removeTags.isEmpty())
        return;
    runTriage(c, tr("Tagged %1 alerts."));
}

void MainWindow::setSeverity()
{
    bool ok = false;
    const int severity = QInputDialog::getInt(this,
                                              tr("Set the severity"),
                                              tr("&Severity (0–100; 21 low, 47 medium, 73 high, "
                                                 "99 critical):"),
                                              Severity::High,
                                              0,
                                              100,
                                              1,
                                              &ok);
    if (!ok)
        return;
    TriageChange c;
    c.action = QStringLiteral("set_severity");
    c.severity = severity;
    runTriage(c, tr("Severity set on %1 alerts."));
}

void MainWindow::undoLast()
{
    if (m_undo.empty() || m_triageRunning) {
        statusBar()->showMessage(tr("Nothing to undo"), 3000);
        return;
    }
    const qint64 entry = m_undo.back();
    m_undo.pop_back();
    m_triageRunning = true;
    const QString path = m_dbPath;
    const QString actor = currentActor();
    const auto cancel = startJob(tr("Undoing…"));
    auto *watcher = new QFutureWatcher<Result<std::int64_t>>(this);
    connect(watcher,
            &QFutureWatcher<Result<std::int64_t>>::finished,
            this,
            [this, watcher, cancel, entry] {
                watcher->deleteLater();
                m_triageRunning = false;
                finishJob();
                const auto r = watcher->result();
                if (!r) {
                    if (cancel->load()) {
                        m_undo.push_back(entry); // still there to undo
                        statusBar()->showMessage(tr("Cancelled: nothing was undone."), 8000);
                    } else {
                        showError(r.error());
                    }
                    return;
                }
                m_incidentModel->reload();
                statusBar()->showMessage(tr("Undone: %1 alerts as they were.").arg(*r), 10000);
                refresh();
            });
    watcher->setFuture(QtConcurrent::run([path, entry, actor, cancel]() -> Result<std::int64_t> {
        auto store = Store::open(path);
        if (!store)
            return Error(store.error());
        (*store)->setCancelFlag(cancel);
        return (*store)->undoTriage(entry, actor);
    }));
}

void MainWindow::setConnectorManager(Connectors::ConnectorManager *manager)
{
    auto *page = new Widgets::ConnectorsPage(manager);
    page->setObjectName(QStringLiteral("connectorsPage"));
    QWidget *placeholder = m_pages->widget(ConnectorsPage);
    m_pages->insertWidget(ConnectorsPage, page);
    m_pages->removeWidget(placeholder);
    placeholder->deleteLater();
    if (m_nav->currentRow() == ConnectorsPage)
        m_pages->setCurrentIndex(ConnectorsPage);
    // Events arrive in batches: new alerts join the queue in place at most once a second, keeping
    // the analyst's selection and scroll position.
    m_liveTimer = new QTimer(this);
    m_liveTimer->setSingleShot(true);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        m_model->insertNewAlerts();
        m_model->refreshCounts();
        if (isGrouped())
            m_groupModel->reload();
    });
    connect(manager, &Connectors::ConnectorManager::eventsWritten, this, [this](qint64 accepted) {
        if (accepted > 0 && !m_liveTimer->isActive())
            m_liveTimer->start();
    });

    // The status bar says how the sensors are doing: running connectors, trouble, ingest rate.
    m_connectorsLabel = new QLabel;
    m_connectorsLabel->setObjectName(QStringLiteral("connectorsLabel"));
    statusBar()->addPermanentWidget(m_connectorsLabel);
    auto update = [this, manager] {
        int running = 0, trouble = 0;
        double rate = 0;
        QString lastError;
        for (const auto &st : manager->statuses()) {
            if (st.running)
                ++running;
            rate += st.rate;
            using Connectors::Health;
            if (st.health == Health::BackingOff || st.health == Health::AuthFailed
                || st.health == Health::TlsFailed || st.health == Health::Failed) {
                ++trouble;
                lastError = st.name + QStringLiteral(": ") + st.lastError;
            }
        }
        QString text = tr("%n connector(s) running", nullptr, running);
        if (rate >= 1)
            text += tr(", %L1 events/s").arg(rate, 0, 'f', 0);
        if (trouble > 0)
            text += QStringLiteral(" — ") + tr("%n in trouble", nullptr, trouble);
        m_connectorsLabel->setText(text);
        m_connectorsLabel->setToolTip(lastError);
        m_connectorsLabel->setVisible(running > 0 || trouble > 0);
    };
    connect(manager, &Connectors::ConnectorManager::statusChanged, m_connectorsLabel, update);
    translated(update);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QString());
    translated([file] { file->setTitle(tr("&File")); });
    QAction *welcome = file->addAction(QString());
    translated([welcome] { welcome->setText(tr("&Welcome")); });
    connect(welcome, &QAction::triggered, this, &MainWindow::showWelcome);
    QAction *import = file->addAction(QString());
    translated([import] { import->setText(tr("&Import Files…")); });
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(import, &QAction::triggered, this, &MainWindow::chooseFilesToImport);
    QAction *open = file->addAction(QString());
    translated([open] { open->setText(tr("&Open Store…")); });
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::chooseStore);
    m_recentMenu = file->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentStoresMenu"));
    translated([this] { m_recentMenu->setTitle(tr("Recent &Stores")); });
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    updateRecentMenu();
    file->addSeparator();
    QAction *settings = file->addAction(QString());
    translated([settings] { settings->setText(tr("&Settings…")); });
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    connect(settings, &QAction::triggered, this, [this] { showPage(SettingsPage); });
    file->addSeparator();
    QAction *quit = file->addAction(QString());
    translated([quit] { quit->setText(tr("&Quit")); });
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, qApp, &QApplication::closeAllWindows);

    QMenu *edit = menuBar()->addMenu(QString());
    translated([edit] { edit->setTitle(tr("&Edit")); });
    QAction *find = edit->addAction(QString());
    translated([find] { find->setText(tr("&Find Alerts")); });
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    connect(find, &QAction::triggered, this, &MainWindow::focusSearch);
    QAction *findInDocument = edit->addAction(QString());
    translated([findInDocument] { findInDocument->setText(tr("Find in the &Document")); });
    findInDocument->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    connect(findInDocument, &QAction::triggered, this, [this] {
        if (currentPage() == QueuePage)
            m_detail->focusFind();
    });

    QMenu *triage = menuBar()->addMenu(QString());
    translated([triage] { triage->setTitle(tr("&Triage")); });
    createTriageActions(triage);

    QAction *copyIocs = edit->addAction(QString());
    translated([copyIocs] { copyIocs->setText(tr("Copy &Indicators, Defanged")); });
    copyIocs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    connect(copyIocs, &QAction::triggered, this, [this] {
        QStringList lines;
        for (const QString &i : std::as_const(m_indicators))
            lines << Models::defang(i);
        QGuiApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
        statusBar()->showMessage(tr("%n indicator(s) copied, defanged", nullptr, int(lines.size())),
                                 5000);
    });

    QMenu *view = menuBar()->addMenu(QString());
    translated([view] { view->setTitle(tr("&View")); });
    m_viewMenu = view;

    QMenu *go = menuBar()->addMenu(QString());
    translated([go] { go->setTitle(tr("&Go")); });
    for (int page = 0; page < 6; ++page) {
        QAction *a = go->addAction(QString());
        translated([a, page] { a->setText(tr(kPageNames[page])); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + page)));
        addAction(a);
        connect(a, &QAction::triggered, this, [this, page] { showPage(page); });
    }
    go->addSeparator();
    const std::pair<const char *, Qt::Key> related[] = {
        {QT_TR_NOOP("Related: Same &Host"), Qt::Key_H},
        {QT_TR_NOOP("Related: Same &User"), Qt::Key_U},
        {QT_TR_NOOP("Related: Same &Process"), Qt::Key_P},
        {QT_TR_NOOP("Related: Same &Flow"), Qt::Key_L},
    };
    for (int how = 0; how < 4; ++how) {
        QAction *a = go->addAction(QString());
        const char *text = related[how].first;
        translated([a, text] { a->setText(tr(text)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | related[how].second));
        addAction(a);
        connect(a, &QAction::triggered, this, [this, how] { showRelated(how); });
    }
    QMenu *help = menuBar()->addMenu(QString());
    translated([help] { help->setTitle(tr("&Help")); });
    QAction *keys = help->addAction(QString());
    translated([keys] { keys->setText(tr("&Keyboard Shortcuts")); });
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    connect(keys, &QAction::triggered, this, &MainWindow::showShortcuts);
    help->addSeparator();
    QAction *about = help->addAction(QString());
    translated([about] { about->setText(tr("&About Vigie")); });
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(QString());
    translated([aboutQt] { aboutQt->setText(tr("About &Qt")); });
    aboutQt->setMenuRole(QAction::AboutQtRole);
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
    QMenu *saved = view->addMenu(QString());
    translated([saved] { saved->setTitle(tr("Saved &Views")); });
    connect(saved, &QMenu::aboutToShow, this, [this, saved] {
        saved->clear();
        saved->addActions(m_viewsMenu->actions());
    });
    QAction *reload = view->addAction(QString());
    translated([reload] { reload->setText(tr("&Reload")); });
    reload->setShortcut(QKeySequence(Qt::Key_F5));
    connect(reload, &QAction::triggered, this, &MainWindow::refresh);
}

QWidget *MainWindow::createFilterBar()
{
    auto *bar = new QWidget;
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);

    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("searchEdit"));
    translated([this] {
        m_search->setPlaceholderText(
            tr("Search rules, command lines, paths, URLs — or filter: host:DC01 technique:T1059 "
               "since:24h"));
        m_search->setToolTip(
            tr("Free text is searched in rule names, command lines, paths and URLs.\n"
               "Filters: host:NAME ip:ADDR user:NAME src:IP dst:IP rule:\"NAME\" "
               "technique:T1059 source:DATASET assignee:NAME (- for nobody) tag:TAG "
               "incident:N process:GUID status:new|in_progress|closed severity:high|N "
               "since:15m|24h|7d|2021-06-06 until:DATE"));
    });
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this); // file drops go to the window

    m_timeRange = new QComboBox;
    m_timeRange->setObjectName(QStringLiteral("timeRangeCombo"));
    // Seconds back from now; 0: all time.
    for (const int seconds : {0, 3600, 86400, 7 * 86400, 30 * 86400})
        m_timeRange->addItem(QString(), seconds);
    translated([this] {
        m_timeRange->setToolTip(tr("Time range"));
        m_timeRange->setItemText(0, tr("All time"));
        m_timeRange->setItemText(1, tr("Last hour"));
        m_timeRange->setItemText(2, tr("Last 24 hours"));
        m_timeRange->setItemText(3, tr("Last 7 days"));
        m_timeRange->setItemText(4, tr("Last 30 days"));
    });

    auto *views = new QToolButton;
    views->setObjectName(QStringLiteral("viewsButton"));
    views->setPopupMode(QToolButton::InstantPopup);
    m_viewsMenu = new QMenu(views);
    views->setMenu(m_viewsMenu);
    translated([this, views] {
        views->setText(tr("Views"));
        updateViewsMenu();
    });

    m_filterError = new QLabel;
    m_filterError->setObjectName(QStringLiteral("filterError"));
    QPalette errorPalette = m_filterError->palette();
    errorPalette.setColor(
        QPalette::WindowText,
        AlertTableModel::severityBandColor(AlertTableModel::SeverityBand::Critical));
    m_filterError->setPalette(errorPalette);
    m_filterError->hide();

    m_severity = new QComboBox;
    m_severity->setObjectName(QStringLiteral("severityCombo"));
    translated([this] { m_severity->setToolTip(tr("Minimum severity")); });
    // Each band shows its alerts and every band above it.
    for (const int band : {-1,
                           int(Severity::Low),
                           int(Severity::Medium),
                           int(Severity::High),
                           int(Severity::Critical)})
        m_severity->addItem(QString(), band);
    translated([this] {
        m_severity->setItemText(0, tr("All"));
        m_severity->setItemText(1, tr("Low"));
        m_severity->setItemText(2, tr("Medium"));
        m_severity->setItemText(3, tr("High"));
        m_severity->setItemText(4, tr("Critical"));
    });

    m_status = new QComboBox;
    m_status->setObjectName(QStringLiteral("statusCombo"));
    for (const int st :
         {-1, int(AlertStatus::New), int(AlertStatus::InProgress), int(AlertStatus::Closed)})
        m_status->addItem(QString(), st);
    translated([this] {
        m_status->setToolTip(tr("Triage status"));
        m_status->setItemText(0, tr("All"));
        m_status->setItemText(1, tr("New"));
        m_status->setItemText(2, tr("In progress"));
        m_status->setItemText(3, tr("Closed"));
    });

    auto *severityLabel = new QLabel;
    translated([severityLabel] { severityLabel->setText(tr("Minimum &severity:")); });
    severityLabel->setBuddy(m_severity);
    auto *statusLabel = new QLabel;
    translated([statusLabel] { statusLabel->setText(tr("S&tatus:")); });
    statusLabel->setBuddy(m_status);

    layout->addWidget(m_search, 1);
    layout->addWidget(m_filterError);
    layout->addWidget(m_timeRange);
    layout->addWidget(severityLabel);
    layout->addWidget(m_severity);
    layout->addWidget(statusLabel);
    layout->addWidget(m_status);
    layout->addWidget(views);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applyFilter();
        m_table->setFocus(); // from the filter straight to the queue, for the keyboard
    });
    connect(m_severity, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_timeRange, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    return bar;
}

void MainWindow::createTable()
{
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("alertTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    // Sorting is a query (keyset over the column's index), never a proxy over loaded rows.
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    // Uniform row heights: the view never measures rows, whatever the number of alerts.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();

    // Fixed widths from the font, never from the data (resizeColumnsToContents reads every row).
    const QFontMetrics fm = fontMetrics();
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->setHighlightSections(false);
    m_table->setColumnWidth(AlertTableModel::TimeColumn,
                            fm.horizontalAdvance(QStringLiteral("0000-00-00 00:00:00")) + 24);
    m_table->setColumnWidth(AlertTableModel::SeverityColumn,
                            fm.horizontalAdvance(QStringLiteral("100 · critical")) + 48);
    m_table->setColumnWidth(AlertTableModel::HostColumn,
                            fm.horizontalAdvance(QLatin1Char('W')) * 16);
    m_table->setColumnWidth(AlertTableModel::RuleColumn,
                            fm.horizontalAdvance(QLatin1Char('x')) * 60);
    m_table->setColumnWidth(AlertTableModel::UserColumn,
                            fm.horizontalAdvance(QLatin1Char('x')) * 14);
    m_table->setColumnWidth(AlertTableModel::TechniqueColumn,
                            fm.horizontalAdvance(QLatin1Char('x')) * 30);
    columns->setSortIndicatorShown(true);
    columns->setSortIndicator(AlertTableModel::TimeColumn, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
}

void MainWindow::createStatusBar()
{
    m_countsLabel = new QLabel;
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    m_loadingLabel = new QLabel;
    translated([this] { m_loadingLabel->setText(tr("Loading…")); });
    m_loadingLabel->setObjectName(QStringLiteral("loadingLabel"));
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_errorLabel->palette();
    palette.setColor(QPalette::WindowText,
                     AlertTableModel::severityBandColor(AlertTableModel::SeverityBand::Critical));
    m_errorLabel->setPalette(palette);
    m_errorLabel->hide();

    statusBar()->addWidget(m_countsLabel);
    statusBar()->addWidget(m_errorLabel, 1);
    statusBar()->addPermanentWidget(m_loadingLabel);

    m_jobWidget = new QWidget;
    m_jobWidget->setObjectName(QStringLiteral("jobProgress"));
    auto *job = new QHBoxLayout(m_jobWidget);
    job->setContentsMargins(0, 0, 0, 0);
    m_jobLabel = new QLabel;
    m_jobProgress = new QProgressBar;
    m_jobProgress->setRange(0, 0); // SQLite gives no fraction done: a busy bar
    m_jobProgress->setMaximumWidth(120);
    m_jobProgress->setMaximumHeight(fontMetrics().height());
    m_jobCancel = new QPushButton;
    m_jobCancel->setObjectName(QStringLiteral("jobCancel"));
    translated([this] { m_jobCancel->setText(tr("Cancel")); });
    connect(m_jobCancel, &QPushButton::clicked, this, &MainWindow::cancelJob);
    job->addWidget(m_jobLabel);
    job->addWidget(m_jobProgress);
    job->addWidget(m_jobCancel);
    statusBar()->addPermanentWidget(m_jobWidget);
    m_jobWidget->hide();
    m_jobTimer = new QTimer(this);
    m_jobTimer->setSingleShot(true);
    m_jobTimer->setInterval(250);
    connect(m_jobTimer, &QTimer::timeout, m_jobWidget, &QWidget::show);
    QAction *cancel = new QAction(this);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel->setShortcutContext(Qt::WindowShortcut);
    connect(cancel, &QAction::triggered, this, [this] {
        if (m_job)
            cancelJob();
    });
    addAction(cancel);
}

void MainWindow::refresh()
{
    m_errorLabel->hide();
    if (m_storeMissing) {
        if (!QFileInfo::exists(m_dbPath)) {
            statusBar()->showMessage(
                tr("No store yet: import files or add a connector to create it."), 5000);
            return;
        }
        storeAppeared(); // made meanwhile, by `vigie import` for instance
    }
    m_model->reload();
    m_model->refreshCounts();
}

void MainWindow::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void MainWindow::applyFilter()
{
    m_searchTimer->stop();
    const std::int64_t nowUs = QDateTime::currentMSecsSinceEpoch() * 1000;
    auto parsed = AlertQuery::parse(m_search->text(), nowUs);
    if (!parsed) {
        // Named in place; the queue keeps showing the last valid filter.
        m_filterError->setText(tr("Filter not applied: %1").arg(inertLine(parsed.error())));
        m_filterError->setToolTip(m_search->toolTip());
        m_filterError->show();
        return;
    }
    m_filterError->hide();
    AlertQuery filter = *parsed;
    // The combo boxes add to what the text says (the text wins when both set a field).
    if (filter.minSeverity < 0)
        filter.minSeverity = m_severity->currentData().toInt();
    if (const int status = m_status->currentData().toInt(); status >= 0 && !filter.status)
        filter.status = static_cast<AlertStatus>(status);
    if (const int back = m_timeRange->currentData().toInt(); back > 0 && !filter.sinceUs)
        filter.sinceUs = nowUs - std::int64_t(back) * 1000000;

    // The same inputs are not a new query (a trailing space typed, a relative range that only
    // moved with the clock).
    const QString inputs = QStringList{parsed->search,
                                       m_search->text().simplified(),
                                       m_severity->currentData().toString(),
                                       m_status->currentData().toString(),
                                       m_timeRange->currentData().toString()}
                               .join(QChar(0x1f));
    if (!m_drilled && inputs == m_appliedInputs)
        return;
    m_appliedInputs = inputs;
    m_allMatching = false;
    m_errorLabel->hide();
    m_drilled = false;
    m_model->setFilter(filter);
    if (isGrouped())
        m_groupModel->setQuery(filter, m_groupModel->grouping());
}

void MainWindow::showCurrentDocument()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) {
        m_shownEventId = -1;
        m_detail->clear();
        return;
    }
    const qint64 id = current.data(AlertTableModel::IdRole).toLongLong();
    if (id == m_shownEventId)
        return;
    m_shownEventId = id;
    m_detail->setPlainText(tr("Loading the original document…"));
    m_model->requestDocument(id);
}

void MainWindow::createNavigation()
{
    m_nav = new QListWidget;
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->setSpacing(2);
    const QStyle::StandardPixmap icons[] = {QStyle::SP_FileDialogListView,
                                            QStyle::SP_MessageBoxWarning,
                                            QStyle::SP_FileDialogContentsView,
                                            QStyle::SP_DriveNetIcon,
                                            QStyle::SP_CommandLink,
                                            QStyle::SP_FileDialogDetailedView};
    for (int i = 0; i < 6; ++i)
        m_nav->addItem(new QListWidgetItem(style()->standardIcon(icons[i]), QString()));
    translated([this] {
        int widest = 0;
        for (int i = 0; i < m_nav->count(); ++i) {
            m_nav->item(i)->setText(tr(kPageNames[i]));
            m_nav->item(i)->setToolTip(tr("%1 (Ctrl+%2)").arg(tr(kPageNames[i])).arg(i + 1));
            widest = std::max(widest, m_nav->fontMetrics().horizontalAdvance(tr(kPageNames[i])));
        }
        m_nav->setFixedWidth(widest + 56);
    });

    m_pages = new QStackedWidget;
    m_pages->addWidget(m_queuePage);
    m_pages->addWidget(createIncidentsPage());
    auto *hunt = new Widgets::HuntPage(m_dbPath);
    hunt->setObjectName(QStringLiteral("huntPage"));
    connect(hunt, &Widgets::HuntPage::showAlerts, this, [this](const QString &filter) {
        setGrouping(-1);
        setSearchText(filter);
        showPage(QueuePage);
    });
    connect(hunt, &Widgets::HuntPage::finished, this, [this](qint64 newAlerts) {
        if (newAlerts > 0) {
            m_model->insertNewAlerts();
            m_model->refreshCounts();
        }
    });
    m_pages->addWidget(hunt);
    m_pages->addWidget(createEmptyPage(
        QT_TR_NOOP("Connectors"),
        QT_TR_NOOP("The connectors could not be opened for this store; see the status bar. "
                   "Files can still be imported with: vigie import FILE --db STORE")));
    m_pages->addWidget(createEmptyPage(
        QT_TR_NOOP("Playbooks"),
        QT_TR_NOOP("Response playbooks (CACAO 2.0) run from an incident: open it on the Incidents "
                   "page and use its Response tab — what each of the seven built-in playbooks "
                   "would do (a dry run), runs with your approval for each destructive step, the "
                   "hash-chained history and the toolkit export. From the command line: vigie "
                   "playbook list|show|validate|run, vigie toolkit, vigie audit verify.")));
    auto *settings = new Widgets::SettingsPage(m_dbPath);
    settings->setObjectName(QStringLiteral("settingsPage"));
    connect(settings, &Widgets::SettingsPage::timeDisplayChanged, this, [this] {
        m_model->languageChanged(); // the time column and its header again
    });
    m_pages->addWidget(settings);
    m_welcome = new Widgets::WelcomePage;
    m_welcome->setObjectName(QStringLiteral("welcomePage"));
    m_welcome->setStore(m_dbPath, !m_storeMissing);
    connect(m_welcome, &Widgets::WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(
        m_welcome, &Widgets::WelcomePage::importRequested, this, &MainWindow::chooseFilesToImport);
    connect(m_welcome, &Widgets::WelcomePage::connectorRequested, this, &MainWindow::addConnector);
    connect(m_welcome, &Widgets::WelcomePage::openStoreRequested, this, &MainWindow::chooseStore);
    connect(m_welcome, &Widgets::WelcomePage::recentStoreChosen, this, &MainWindow::openStore);
    m_pages->addWidget(m_welcome); // WelcomePage: after the pages of the navigation

    auto *central = new QWidget;
    auto *row = new QHBoxLayout(central);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    row->addWidget(m_nav);
    row->addWidget(m_pages, 1);
    setCentralWidget(central);
    connect(m_nav, &QListWidget::currentRowChanged, this, &MainWindow::showPage);
    m_nav->setCurrentRow(QueuePage);
}

QWidget *MainWindow::createEmptyPage(const char *title, const char *text)
{
    auto *page = new QWidget;
    auto *heading = new QLabel;
    QFont big = heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    heading->setFont(big);
    auto *body = new QLabel;
    body->setWordWrap(true);
    body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    body->setObjectName(QStringLiteral("emptyPageText"));
    translated([heading, body, title, text] {
        heading->setText(tr(title));
        body->setText(tr(text));
    });
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(heading);
    layout->addWidget(body);
    layout->addStretch(1);
    return page;
}

QWidget *MainWindow::createIncidentsPage()
{
    auto *page = new QWidget;
    m_incidentTable = new QTableView;
    m_incidentTable->setObjectName(QStringLiteral("incidentTable"));
    m_incidentTable->setModel(m_incidentModel);
    m_incidentTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_incidentTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_incidentTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_incidentTable->setAlternatingRowColors(true);
    m_incidentTable->verticalHeader()->hide();
    m_incidentTable->horizontalHeader()->setSectionResizeMode(
        Models::IncidentListModel::TitleColumn, QHeaderView::Stretch);
    auto *hint = new QLabel;
    hint->setWordWrap(true);
    translated([hint] {
        hint->setText(tr("Incidents by score: Vigie correlates the alerts, and you can gather "
                         "alerts yourself (I in the queue). Return or a double click opens an "
                         "incident: its overview, timeline and scope. Select several and press M "
                         "to merge them into the first."));
    });
    auto *mergeButton = new QPushButton;
    mergeButton->setObjectName(QStringLiteral("mergeIncidents"));
    translated([mergeButton] { mergeButton->setText(tr("&Merge selected")); });
    auto *mergeAction = new QAction(m_incidentTable);
    mergeAction->setShortcut(QKeySequence(Qt::Key_M));
    mergeAction->setShortcutContext(Qt::WidgetShortcut);
    m_incidentTable->addAction(mergeAction);
    auto merge = [this] {
        // Into the first selected in the list's order (the highest score).
        QModelIndexList rows = m_incidentTable->selectionModel()->selectedRows();
        std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) {
            return a.row() < b.row();
        });
        if (rows.size() < 2) {
            showError(tr("Select two incidents or more to merge them."));
            return;
        }
        const qint64 into
            = rows.front().data(Models::IncidentListModel::IncidentIdRole).toLongLong();
        QList<qint64> from;
        for (qsizetype i = 1; i < rows.size(); ++i)
            from << rows[i].data(Models::IncidentListModel::IncidentIdRole).toLongLong();
        m_incidentModel->merge(into, from, qEnvironmentVariable("USER", QStringLiteral("analyst")));
        statusBar()->showMessage(
            tr("Merged %n incident(s) into #%1.", nullptr, int(from.size())).arg(into), 5000);
    };
    connect(mergeAction, &QAction::triggered, this, merge);
    connect(mergeButton, &QPushButton::clicked, this, merge);
    auto *hintRow = new QHBoxLayout;
    hintRow->addWidget(hint, 1);
    hintRow->addWidget(mergeButton);
    auto *empty = new QLabel;
    empty->setObjectName(QStringLiteral("noIncidents"));
    translated([empty] { empty->setText(tr("No incident yet.")); });
    connect(m_incidentModel, &Models::IncidentListModel::loaded, empty, [this, empty] {
        empty->setVisible(m_incidentModel->rowCount() == 0);
    });
    connect(
        m_incidentModel, &Models::IncidentListModel::errorOccurred, this, &MainWindow::showError);
    // Opening an incident: its workspace in a tab of its own (or the one already open).
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("incidentTabs"));
    tabs->setTabsClosable(true);
    tabs->setDocumentMode(true);
    connect(tabs, &QTabWidget::tabCloseRequested, this, [tabs](int i) {
        if (i > 0) {
            QWidget *w = tabs->widget(i);
            tabs->removeTab(i);
            w->deleteLater();
        }
    });
    connect(m_incidentTable, &QTableView::activated, this, [this, tabs](const QModelIndex &index) {
        const qint64 id = index.data(Models::IncidentListModel::IncidentIdRole).toLongLong();
        for (int i = 1; i < tabs->count(); ++i) {
            if (auto *w = qobject_cast<IncidentWorkspace *>(tabs->widget(i));
                w && w->incidentId() == id) {
                tabs->setCurrentIndex(i);
                return;
            }
        }
        auto *workspace = new IncidentWorkspace(m_dbPath, m_incidentModel->incident(index.row()));
        connect(workspace, &IncidentWorkspace::changed, m_incidentModel, [this] {
            m_incidentModel->reload();
        });
        connect(workspace, &IncidentWorkspace::errorOccurred, this, &MainWindow::showError);
        connect(workspace,
                &IncidentWorkspace::reportWritten,
                this,
                [this](const QString &path, const QString &sha) {
                    statusBar()->showMessage(tr("Report written to %1 (SHA-256 %2, recorded in "
                                                "the history)")
                                                 .arg(path, sha.left(16) + QStringLiteral("…")),
                                             10000);
                });
        connect(workspace, &IncidentWorkspace::showAlerts, this, [this](const QString &filter) {
            setGrouping(-1);
            setSearchText(filter);
            showPage(QueuePage);
        });
        tabs->setCurrentIndex(tabs->addTab(workspace, QStringLiteral("#%1").arg(id)));
    });
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addLayout(hintRow);
    layout->addWidget(empty);
    layout->addWidget(m_incidentTable, 1);
    tabs->addTab(page, QString());
    translated([tabs] { tabs->setTabText(0, tr("All incidents")); });
    // The list's tab stays.
    tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    return tabs;
}

int MainWindow::currentPage() const
{
    return m_pages ? m_pages->currentIndex() : QueuePage;
}

void MainWindow::showPage(int page)
{
    if (!m_pages || page < 0 || page >= m_pages->count())
        return;
    if (page == WelcomePage) {
        m_welcome->setStore(m_dbPath, storeExists());
        m_welcome->setRecentStores(recentStores());
    }
    m_pages->setCurrentIndex(page);
    const int row = page < m_nav->count() ? page : -1; // the welcome page is not in the list
    if (m_nav->currentRow() != row) {
        const QSignalBlocker block(m_nav);
        m_nav->setCurrentRow(row);
    }
    if (page == IncidentsPage) {
        if (!m_storeMissing) // correlating opens the store for writing, which would create it
            m_incidentModel->correlateAndReload();
        m_incidentTable->setFocus();
    } else if (page == QueuePage) {
        (isGrouped() ? static_cast<QWidget *>(m_groupTable) : m_table)->setFocus();
    } else if (page == ConnectorsPage && m_storeMissing) {
        // Connectors are kept in the store: it is made now (main() then opens the connectors and
        // puts their page here, see storeCreated()).
        if (QFileInfo::exists(m_dbPath))
            storeAppeared();
        else
            createStore();
    }
}

QString MainWindow::searchText() const
{
    return m_search->text();
}

void MainWindow::setSearchText(const QString &text)
{
    m_search->setText(text);
    applyFilter();
}

void MainWindow::gatherIntoIncident()
{
    if (targetCount() == 0 && !m_table->currentIndex().isValid() && !isGrouped()) {
        statusBar()->showMessage(
            tr("Select alerts first (Ctrl+A: every alert matching the filter)"), 5000);
        return;
    }
    // A title from the first alert: its rule, on its host.
    QString suggested;
    const QModelIndex current = m_table->currentIndex();
    if (!isGrouped() && current.isValid()) {
        const AlertRow &row = m_model->alert(current.row());
        const QString what = row.ruleName.isEmpty() ? row.ruleId : row.ruleName;
        const QString where = row.hostName.isEmpty() ? row.sourceIp : row.hostName;
        suggested = where.isEmpty() ? what : tr("%1 on %2").arg(what, where);
    } else if (isGrouped() && m_groupTable->currentIndex().isValid()) {
        suggested
            = m_groupModel
                  ->index(m_groupTable->currentIndex().row(), Models::AlertGroupModel::KeyColumn)
                  .data()
                  .toString();
    }
    std::vector<IncidentSummary> existing;
    for (int r = 0; r < m_incidentModel->rowCount(); ++r)
        existing.push_back(m_incidentModel->incident(r));
    IncidentDialog dialog(
        std::max<qint64>(1, targetCount()), inertLine(suggested.left(120)), existing, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    TriageChange c;
    c.action = QStringLiteral("add_to_incident");
    if (dialog.incident() > 0)
        c.incident = dialog.incident();
    else
        c.newIncident = dialog.title();
    runTriage(c,
              dialog.incident() > 0
                  ? tr("Added %1 alerts to incident #%2.")
                        .replace(QStringLiteral("%2"), QString::number(dialog.incident()))
                  : tr("Gathered %1 alerts into a new incident."));
}

void MainWindow::showRelated(int how)
{
    const QModelIndex current = m_table->currentIndex();
    if (isGrouped() || !current.isValid()) {
        statusBar()->showMessage(tr("Select an alert first"), 4000);
        return;
    }
    const AlertRow &row = m_model->alert(current.row());
    auto quoted = [](const QString &v) -> QString {
        QString t = v;
        t.remove(QLatin1Char('"'));
        return QLatin1Char('"') + t + QLatin1Char('"');
    };
    QString text;
    switch (how) {
    case 0:
        if (!row.hostName.isEmpty())
            text = QStringLiteral("host:") + quoted(row.hostName);
        else if (!row.sourceIp.isEmpty())
            text = QStringLiteral("ip:") + quoted(row.sourceIp);
        break;
    case 1:
        if (!row.userName.isEmpty())
            text = QStringLiteral("user:") + quoted(row.userName);
        break;
    case 2:
        if (!row.processEntityId.isEmpty())
            text = QStringLiteral("process:") + quoted(row.processEntityId);
        break;
    case 3:
        if (!row.sourceIp.isEmpty() && !row.destinationIp.isEmpty())
            text = QStringLiteral("src:") + quoted(row.sourceIp) + QStringLiteral(" dst:")
                   + quoted(row.destinationIp);
        break;
    }
    if (text.isEmpty()) {
        statusBar()->showMessage(tr("This alert has no such field"), 4000);
        return;
    }
    setSearchText(text);
    m_table->setFocus();
}

std::shared_ptr<std::atomic<bool>> MainWindow::startJob(const QString &what)
{
    m_job = std::make_shared<std::atomic<bool>>(false);
    m_jobLabel->setText(what);
    m_jobCancel->setEnabled(true);
    // Quick jobs never flash a progress bar.
    m_jobTimer->start();
    return m_job;
}

void MainWindow::finishJob()
{
    m_job.reset();
    m_jobTimer->stop();
    m_jobWidget->hide();
}

void MainWindow::cancelJob()
{
    if (!m_job)
        return;
    m_job->store(true);
    m_jobCancel->setEnabled(false);
    m_jobLabel->setText(tr("Cancelling…"));
}

QStringList MainWindow::savedViews() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("views"));
    QStringList names = settings.childGroups();
    settings.endGroup();
    // Group names are stored percent-encoded so that any name round-trips.
    for (QString &n : names)
        n = QUrl::fromPercentEncoding(n.toLatin1());
    names.sort(Qt::CaseInsensitive);
    return names;
}

namespace {
QString viewKey(const QString &name)
{
    return QStringLiteral("views/") + QString::fromLatin1(QUrl::toPercentEncoding(name.trimmed()));
}
} // namespace

void MainWindow::saveView(const QString &name)
{
    if (name.trimmed().isEmpty())
        return;
    QSettings settings;
    settings.beginGroup(viewKey(name));
    settings.setValue(QStringLiteral("search"), m_search->text());
    settings.setValue(QStringLiteral("severity"), m_severity->currentData());
    settings.setValue(QStringLiteral("status"), m_status->currentData());
    settings.setValue(QStringLiteral("time"), m_timeRange->currentData());
    settings.setValue(QStringLiteral("grouping"), isGrouped() ? int(m_groupModel->grouping()) : -1);
    settings.setValue(QStringLiteral("sortColumn"), m_model->sortColumn());
    settings.setValue(QStringLiteral("sortOrder"), int(m_model->sortOrder()));
    settings.endGroup();
    settings.sync(); // written now, not when the program ends (crash-safe; see addRecentStore)
    updateViewsMenu();
}

bool MainWindow::applySavedView(const QString &name)
{
    QSettings settings;
    if (!settings.childGroups().contains(QStringLiteral("views")))
        return false;
    settings.beginGroup(viewKey(name));
    if (settings.childKeys().isEmpty())
        return false;
    {
        const QSignalBlocker a(m_severity), b(m_status), c(m_timeRange), d(m_search);
        m_severity->setCurrentIndex(
            std::max(0, m_severity->findData(settings.value(QStringLiteral("severity")))));
        m_status->setCurrentIndex(
            std::max(0, m_status->findData(settings.value(QStringLiteral("status")))));
        m_timeRange->setCurrentIndex(
            std::max(0, m_timeRange->findData(settings.value(QStringLiteral("time")))));
        m_search->setText(settings.value(QStringLiteral("search")).toString());
    }
    m_table->horizontalHeader()->setSortIndicator(
        settings.value(QStringLiteral("sortColumn"), int(AlertTableModel::TimeColumn)).toInt(),
        Qt::SortOrder(
            settings.value(QStringLiteral("sortOrder"), int(Qt::DescendingOrder)).toInt()));
    const int grouping = settings.value(QStringLiteral("grouping"), -1).toInt();
    settings.endGroup();
    applyFilter();
    setGrouping(grouping);
    showPage(QueuePage);
    statusBar()->showMessage(tr("View “%1”").arg(name), 4000);
    return true;
}

void MainWindow::deleteSavedView(const QString &name)
{
    QSettings settings;
    settings.remove(viewKey(name));
    settings.sync();
    updateViewsMenu();
}

void MainWindow::updateViewsMenu()
{
    if (!m_viewsMenu)
        return;
    m_viewsMenu->clear();
    QAction *save = m_viewsMenu->addAction(tr("&Save Current View…"));
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    connect(save, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this,
                                                   tr("Save view"),
                                                   tr("&Name of this view:"),
                                                   QLineEdit::Normal,
                                                   m_search->text().left(40),
                                                   &ok);
        if (ok && !name.trimmed().isEmpty())
            saveView(name.trimmed());
    });
    const QStringList names = savedViews();
    if (names.isEmpty())
        return;
    m_viewsMenu->addSeparator();
    int n = 0;
    for (const QString &name : names) {
        QAction *a = m_viewsMenu->addAction(inertLine(name));
        if (n < 9)
            a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + n)));
        ++n;
        connect(a, &QAction::triggered, this, [this, name] { applySavedView(name); });
    }
    QMenu *remove = m_viewsMenu->addMenu(tr("&Delete View"));
    for (const QString &name : names)
        connect(remove->addAction(inertLine(name)), &QAction::triggered, this, [this, name] {
            deleteSavedView(name);
        });
}

// ---- First run: the store, imports, recent stores, About ----------------------------------------

namespace {
const auto kRecentStoresKey = QStringLiteral("recentStores");
// The rejected lines the summary lists per file (the command line lists them all).
constexpr int SummaryRejections = 5;

QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls)
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

bool sameFile(const QString &a, const QString &b)
{
    return QFileInfo(a).absoluteFilePath() == QFileInfo(b).absoluteFilePath();
}
} // namespace

// Where an import is, for its progress dialog.
struct ImportStep
{
    enum Phase { Rules, Files, Analytics, Correlation };
    Phase phase = Rules;
    int file = 0; // 1-based
    int files = 0;
    QString name;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 events = 0;
};

struct ImportOutcome
{
    std::vector<ImportFileReport> reports;
    QStringList subfolders; // inside a dropped folder: not imported
    QStringList problems;   // after the files: the indexes, the analytics, the correlation
    QString error;          // nothing could be imported (the store cannot be opened)
    qint64 analyticAlerts = 0;
    bool cancelled = false;
};

bool MainWindow::storeExists() const
{
    return !m_storeMissing || QFileInfo::exists(m_dbPath);
}

void MainWindow::storeAppeared()
{
    if (!m_storeMissing)
        return;
    m_storeMissing = false;
    addRecentStore(m_dbPath);
    m_welcome->setStore(m_dbPath, true);
    m_welcome->setRecentStores(recentStores());
    Q_EMIT storeCreated();
}

void MainWindow::createStore()
{
    if (m_creatingStore)
        return;
    m_creatingStore = true;
    statusBar()->showMessage(tr("Creating the store %1…").arg(QDir::toNativeSeparators(m_dbPath)));
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_creatingStore = false;
        statusBar()->clearMessage();
        if (const QString error = watcher->result(); !error.isEmpty()) {
            showError(tr("Cannot create the store: %1").arg(error));
            return;
        }
        storeAppeared();
        refresh();
    });
    const QString path = m_dbPath;
    watcher->setFuture(QtConcurrent::run([path]() -> QString {
        auto store = Store::open(path); // makes the folder, the file and the schema
        return store ? QString() : store.error();
    }));
}

QStringList MainWindow::recentStores()
{
    QStringList stores;
    const QStringList saved = QSettings().value(kRecentStoresKey).toStringList();
    for (const QString &p : saved)
        if (!p.isEmpty() && !stores.contains(p) && QFileInfo::exists(p))
            stores << p;
    return stores.mid(0, MaxRecentStores);
}

void MainWindow::addRecentStore(const QString &path)
{
    const QFileInfo fi(path);
    if (!fi.exists())
        return;
    const QString store = fi.absoluteFilePath();
    QStringList stores = recentStores();
    stores.removeAll(store);
    stores.prepend(store);
    QSettings settings;
    settings.setValue(kRecentStoresKey, stores.mid(0, MaxRecentStores));
    // Crash-safe settings: QSettings writes its file whole, under a lock, through a temporary
    // file renamed over the old one, so a crash never leaves half a file. Every place the
    // program writes a setting uses a QSettings that goes out of scope at once (its destructor
    // writes what changed); sync() says so explicitly where the window writes.
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qWarning("vigie: the settings could not be written to %s", qPrintable(settings.fileName()));
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList stores = recentStores();
    int n = 0;
    for (const QString &store : stores) {
        QString label = inertLine(QDir::toNativeSeparators(store));
        label.replace(QLatin1Char('&'), QStringLiteral("&&"));
        QAction *a = m_recentMenu->addAction(
            n < 9 ? QStringLiteral("&%1 %2").arg(QString::number(n + 1), label) : label);
        ++n;
        if (sameFile(store, m_dbPath)) {
            a->setCheckable(true);
            a->setChecked(true);
            a->setEnabled(false); // this window's
        }
        connect(a, &QAction::triggered, this, [this, store] { openStore(store); });
    }
    if (stores.isEmpty()) {
        m_recentMenu->addAction(tr("No recent stores"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear the List")), &QAction::triggered, this, [this] {
        QSettings settings;
        settings.remove(kRecentStoresKey);
        settings.sync();
        m_welcome->setRecentStores({});
    });
}

void MainWindow::showWelcome()
{
    showPage(WelcomePage);
}

void MainWindow::showAbout()
{
    if (!m_about) {
        auto *about = new AboutDialog(this);
        about->setAttribute(Qt::WA_DeleteOnClose);
        m_about = about;
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
}

void MainWindow::openDemo()
{
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::demoRequested)))
        Q_EMIT demoRequested();
    else
        statusBar()->showMessage(tr("Start the demo from a terminal: vigie demo"), 10000);
}

void MainWindow::chooseStore()
{
    const QString path = QFileDialog::getOpenFileName(this,
                                                      tr("Open a store"),
                                                      QFileInfo(m_dbPath).absolutePath(),
                                                      tr("Vigie stores (*.db *.vigie);;"
                                                         "All files (*)"));
    if (!path.isEmpty())
        openStore(path);
}

void MainWindow::openStore(const QString &path)
{
    if (path.isEmpty())
        return;
    if (sameFile(path, m_dbPath)) {
        showPage(m_storeMissing ? WelcomePage : QueuePage);
        return;
    }
    if (!QFileInfo::exists(path)) {
        statusBar()->showMessage(tr("There is no store at %1").arg(QDir::toNativeSeparators(path)),
                                 8000);
        m_welcome->setRecentStores(recentStores());
        return;
    }
    addRecentStore(path);
    // Every model, page and job of a window belongs to its store: another store is another
    // window (main() restarts the program on it).
    if (isSignalConnected(QMetaMethod::fromSignal(&MainWindow::storeRequested)))
        Q_EMIT storeRequested(QFileInfo(path).absoluteFilePath());
    else
        statusBar()->showMessage(
            tr("Start Vigie on that store: vigie --db %1").arg(QDir::toNativeSeparators(path)),
            10000);
}

void MainWindow::addConnector()
{
    showPage(ConnectorsPage);
}

void MainWindow::chooseFilesToImport()
{
    const QStringList files
        = QFileDialog::getOpenFileNames(this,
                                        tr("Import files"),
                                        QString(),
                                        tr("Events and alerts (*.json *.ndjson *.jsonl *.log "
                                           "*.txt);;All files (*)"));
    importFiles(files);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (localPaths(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (localPaths(event->mimeData()).isEmpty())
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    // After the drag and drop has finished with the event.
    QMetaObject::invokeMethod(
        this, [this, paths] { importFiles(paths); }, Qt::QueuedConnection);
}

void MainWindow::cancelImport()
{
    if (!m_import || m_import->load())
        return;
    m_import->store(true);
    if (m_importProgress)
        m_importProgress->hide();
    statusBar()->showMessage(tr("Cancelling the import: the batch being written is finished "
                                "first…"));
}

void MainWindow::importFiles(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (m_import) {
        statusBar()->showMessage(tr("An import is running already: try again when it is done."),
                                 6000);
        return;
    }
    m_import = std::make_shared<std::atomic<bool>>(false);
    const auto cancel = m_import;

    auto *progress = new QProgressDialog(this);
    progress->setObjectName(QStringLiteral("importProgress"));
    progress->setWindowTitle(tr("Importing"));
    progress->setLabelText(tr("Loading the detection rules…"));
    progress->setCancelButtonText(tr("Cancel"));
    // Not modal: the analyst keeps working while it runs (and setValue() then never spins an
    // event loop of its own).
    progress->setWindowModality(Qt::NonModal);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    progress->setMinimumDuration(0);
    progress->setMinimumWidth(fontMetrics().averageCharWidth() * 70);
    progress->setRange(0, 0);
    connect(progress, &QProgressDialog::canceled, this, &MainWindow::cancelImport);
    m_importProgress = progress;
    progress->show();

    // Progress comes back queued; after a cancel the dialog is left alone (setValue() would
    // show it again).
    auto step = [this, cancel](const ImportStep &s) {
        QMetaObject::invokeMethod(
            this,
            [this, cancel, s] {
                QProgressDialog *dialog = m_importProgress;
                if (!dialog || cancel->load())
                    return;
                const QLocale locale;
                switch (s.phase) {
                case ImportStep::Rules:
                    dialog->setRange(0, 0);
                    dialog->setLabelText(tr("Loading the detection rules…"));
                    break;
                case ImportStep::Files:
                    dialog->setRange(0, 1000);
                    dialog->setValue(s.bytesTotal > 0 ? int(
                                         std::min<qint64>(1000, s.bytesDone * 1000 / s.bytesTotal))
                                                      : 0);
                    dialog->setLabelText(tr("Importing %1 (file %2 of %3)…")
                                             .arg(inertLine(s.name),
                                                  QString::number(s.file),
                                                  QString::number(s.files))
                                         + QLatin1Char('\n')
                                         + tr("%1 of %2 read, %3 new events")
                                               .arg(locale.formattedDataSize(s.bytesDone),
                                                    locale.formattedDataSize(s.bytesTotal),
                                                    locale.toString(s.events)));
                    break;
                case ImportStep::Analytics:
                    dialog->setRange(0, 0);
                    dialog->setLabelText(tr("Running the analytics over the new events…"));
                    break;
                case ImportStep::Correlation:
                    dialog->setRange(0, 0);
                    dialog->setLabelText(tr("Gathering the alerts into incidents…"));
                    break;
                }
            },
            Qt::QueuedConnection);
    };

    using Outcome = std::shared_ptr<ImportOutcome>;
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Outcome out = watcher->result();
        m_import.reset();
        m_importFuture = {};
        if (m_importProgress) {
            m_importProgress->hide();
            m_importProgress->deleteLater();
        }
        showImportSummary(*out);
    });
    const QString path = m_dbPath;
    QFuture<Outcome> future = QtConcurrent::run(
        [path, paths, cancel, step] { return importInto(path, paths, *cancel, step); });
    m_importFuture = QFuture<void>(future);
    watcher->setFuture(future);
}

// What `vigie import` does: the bundled Sigma rules on ingest, then the analytics over the new
// events and the correlation into incidents.
std::shared_ptr<ImportOutcome>
MainWindow::importInto(const QString &storePath,
                       const QStringList &paths,
                       const std::atomic<bool> &cancel,
                       const std::function<void(const ImportStep &)> &step)
{
    auto out = std::make_shared<ImportOutcome>();
    // A folder: the files directly inside it (hidden ones left out), by name.
    const QString self = QFileInfo(storePath).absoluteFilePath();
    QStringList files;
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        if (!fi.isDir()) {
            files << fi.absoluteFilePath(); // a missing file: its report says so
            continue;
        }
        const auto entries
            = QDir(fi.absoluteFilePath())
                  .entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &e : entries) {
            if (e.isDir())
                out->subfolders << e.absoluteFilePath();
            else if (!e.absoluteFilePath().startsWith(self)) // not the store (and its -wal)
                files << e.absoluteFilePath();
        }
    }
    files.removeDuplicates();

    ImportStep s;
    s.files = int(files.size());
    std::vector<qint64> sizes;
    for (const QString &f : std::as_const(files)) {
        sizes.push_back(std::max<qint64>(0, QFileInfo(f).size()));
        s.bytesTotal += sizes.back();
    }
    step(s);
    auto rules = Detection::RuleSet::bundled();
    // Cancelled before the first file: the store is not even opened (nor created).
    if (cancel.load()) {
        out->cancelled = true;
        return out;
    }
    if (files.isEmpty())
        return out;
    auto store = Store::open(storePath);
    if (!store) {
        out->error = store.error();
        return out;
    }
    // Where the analytics will start: after the last event now, or earlier when an import was
    // stopped before its analytics ran (they cover its events too).
    std::int64_t lastBefore = 0;
    if (auto last = (*store)->analyticsStart()) {
        lastBefore = *last;
    } else {
        out->error = last.error();
        return out;
    }
    Importer importer(**store);
    if (auto r = importer.begin(); !r) {
        out->error = r.error();
        return out;
    }
    ImportOptions options;
    options.rules = rules;
    options.cancel = &cancel; // checked between records; what was written stays
    qint64 bytesBefore = 0;
    qint64 eventsBefore = 0;
    QElapsedTimer sinceStep;
    sinceStep.start();
    s.phase = ImportStep::Files;
    for (qsizetype i = 0; i < files.size() && !cancel.load(); ++i) {
        s.file = int(i) + 1;
        s.name = QFileInfo(files[i]).fileName();
        s.bytesDone = bytesBefore;
        s.events = eventsBefore;
        step(s);
        options.progress = [&](const ImportProgress &p) {
            if (sinceStep.elapsed() < 100)
                return; // ten updates a second are plenty
            sinceStep.restart();
            s.bytesDone = bytesBefore + qint64(p.bytesDone);
            s.events = eventsBefore + p.accepted;
            step(s);
        };
        out->reports.push_back(importer.importFile(files[i], options));
        bytesBefore += sizes[std::size_t(i)];
        eventsBefore += out->reports.back().accepted;
    }
    // Ends the bulk load of a first import (the indexes are built here), cancelled or not.
    if (auto r = importer.finish(); !r)
        out->problems << r.error();
    out->cancelled = cancel.load();
    if (out->cancelled)
        return out; // the Incidents page correlates when it is shown
    s.phase = ImportStep::Analytics;
    step(s);
    Detection::HuntOptions analytics;
    analytics.sigma = false;
    analytics.afterId = lastBefore;
    analytics.cancel = &cancel;
    if (auto r = Detection::hunt(**store, nullptr, analytics); r) {
        out->analyticAlerts = r->newAlerts;
        if (!cancel.load())
            (void)(*store)->analyticsDone();
    } else {
        out->problems << tr("The analytics failed: %1").arg(r.error());
    }
    if (cancel.load()) {
        out->cancelled = true;
        return out;
    }
    s.phase = ImportStep::Correlation;
    step(s);
    if (auto r = Analysis::correlate(**store); !r)
        out->problems << tr("The correlation failed: %1").arg(r.error());
    return out;
}

void MainWindow::showImportSummary(const ImportOutcome &out)
{
    const QLocale locale;
    qint64 accepted = 0, duplicates = 0, rejected = 0;
    QStringList lines;
    for (const ImportFileReport &r : out.reports) {
        accepted += r.accepted;
        duplicates += r.duplicates;
        rejected += r.rejectedCount;
        const QString name = inertLine(QDir::toNativeSeparators(r.path));
        if (!r.error.isEmpty() && r.accepted == 0 && r.duplicates == 0) {
            lines << tr("%1: not imported: %2").arg(name, inertLine(r.error));
        } else {
            // The layout is known from the events stored: none for a file of duplicates only.
            const QString what = r.format == QLatin1String("unknown")
                                     ? name
                                     : QStringLiteral("%1 (%2)").arg(name, r.format);
            lines << tr("%1: %2 accepted, %3 duplicates, %4 rejected")
                         .arg(what,
                              locale.toString(r.accepted),
                              locale.toString(r.duplicates),
                              locale.toString(r.rejectedCount));
            if (r.detections > 0)
                lines << QStringLiteral("    ")
                             + tr("%n alert(s) raised by the Sigma rules",
                                  nullptr,
                                  int(r.detections));
            if (!r.error.isEmpty())
                lines << QStringLiteral("    ") + inertLine(r.error);
            if (r.cancelled)
                lines << QStringLiteral("    ")
                             + tr("cancelled: the events read until then are kept");
        }
        const int listed = int(std::min<std::size_t>(r.rejected.size(), SummaryRejections));
        for (int i = 0; i < listed; ++i)
            lines << QStringLiteral("    %1:%2: %3")
                         .arg(name,
                              QString::number(r.rejected[std::size_t(i)].line),
                              inertLine(r.rejected[std::size_t(i)].reason));
        if (r.rejectedCount > listed)
            lines << QStringLiteral("    ")
                         + tr("… and %1 more rejected lines")
                               .arg(locale.toString(r.rejectedCount - listed));
    }
    for (const QString &folder : out.subfolders)
        lines << tr("%1: a folder inside the dropped folder, not imported (only the files "
                    "directly inside a dropped folder are)")
                     .arg(inertLine(QDir::toNativeSeparators(folder)));
    for (const QString &problem : out.problems)
        lines << inertLine(problem);

    QString headline;
    if (!out.error.isEmpty())
        headline = tr("Nothing was imported: %1").arg(inertLine(out.error));
    else if (out.cancelled)
        headline = tr("Import cancelled: %1 new events kept. Importing the same files again adds "
                      "only what is missing.")
                       .arg(locale.toString(accepted));
    else if (out.reports.empty())
        headline = tr("There was no file to import.");
    else
        headline = tr("%n file(s) imported: %1 new events, %2 duplicates, %3 rejected lines.",
                      nullptr,
                      int(out.reports.size()))
                       .arg(locale.toString(accepted),
                            locale.toString(duplicates),
                            locale.toString(rejected));
    if (out.analyticAlerts > 0)
        headline += QLatin1Char(' ')
                    + tr("%n alert(s) raised by the analytics.", nullptr, int(out.analyticAlerts));
    m_lastImportSummary = lines.isEmpty()
                              ? headline
                              : headline + QStringLiteral("\n\n") + lines.join(QLatin1Char('\n'));
    statusBar()->showMessage(headline, 10000);

    if (m_importSummary)
        m_importSummary->close();
    auto *box = new QDialog(this);
    box->setObjectName(QStringLiteral("importSummary"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(out.cancelled ? tr("Import cancelled") : tr("Import finished"));
    auto *head = new QLabel(headline);
    head->setWordWrap(true);
    head->setTextFormat(Qt::PlainText);
    head->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *details = new QPlainTextEdit(lines.join(QLatin1Char('\n')));
    details->setObjectName(QStringLiteral("importDetails"));
    details->setReadOnly(true);
    details->setLineWrapMode(QPlainTextEdit::NoWrap);
    details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    details->setVisible(!lines.isEmpty());
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, box, &QDialog::close);
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(head);
    layout->addWidget(details, 1);
    layout->addWidget(buttons);
    box->resize(fontMetrics().averageCharWidth() * 110, fontMetrics().height() * 20);
    m_importSummary = box;
    box->show();

    // The views again (F5), now that the store has the new events.
    if (m_storeMissing && QFileInfo::exists(m_dbPath))
        storeAppeared();
    if (!m_storeMissing) {
        refresh();
        m_incidentModel->reload();
        if (isGrouped())
            m_groupModel->reload();
        if (currentPage() == WelcomePage && accepted + duplicates > 0)
            showPage(QueuePage);
    }
    Q_EMIT importFinished(accepted);
}

void MainWindow::showError(const QString &message)
{
    m_errorLabel->setText(message);
    m_errorLabel->setToolTip(message);
    m_errorLabel->show();
}

} // namespace Vigie::Widgets
