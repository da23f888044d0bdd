// SPDX-License-Identifier: Apache-2.0
#include "widgets/responsepanel.h"

#include "connectors/connectoractions.h"
#include "core/playbooks/engine.h"
#include "core/playbooks/incidentcontext.h"
#include "core/playbooks/library.h"
#include "core/playbooks/runaudit.h"
#include "core/report/reporttemplate.h"
#include "core/store/store.h"
#include "models/inerttext.h"
#include "reports/toolkitexport.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDirIterator>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTimeZone>
#include <QTreeWidget>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <chrono>
#include <future>
#include <set>

namespace Vigie::Widgets {

using namespace Vigie::Playbooks;

namespace {

QString actor()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}

// What a playbook would do for this incident: its dry run.
struct Preview
{
    QString slug, name, description;
    int requests = 0, manual = 0, scripts = 0, destructive = 0;
    QString text; // the requests as they would be sent, the checklist, the scripts
    QString error;
};

// A dry run's hands: nothing is sent, nothing asked.
class NoActions final : public ActionRunner
{
public:
    ActionResult run(const PlannedRequest &, qint64, CancelToken) override
    {
        ActionResult r;
        r.error = QStringLiteral("dry run");
        return r;
    }
    bool approve(const ApprovalRequest &, CancelToken) override { return false; }
    ManualOutcome manual(const ManualTask &, CancelToken) override { return {}; }
};

class Collect final : public RunObserver
{
public:
    explicit Collect(Preview &p)
        : m_p(p)
    {}
    void requestPlanned(const PlannedRequest &masked, bool) override
    {
        ++m_p.requests;
        m_p.destructive += masked.destructive;
        m_p.text += masked.toText() + QStringLiteral("\n\n");
    }
    void scriptRendered(const StepRecord &s, const QString &type, const QString &text) override
    {
        ++m_p.scripts;
        m_p.text
            += QCoreApplication::translate("ResponsePanel", "--- %1 script for “%2” ---\n%3\n\n")
                   .arg(type, s.name, text);
    }
    void stepChanged(const StepRecord &s) override
    {
        if (s.state == StepState::Done && !s.manual.empty() && m_counted.insert(s.index).second)
            for (const ManualTask &t : s.manual) {
                ++m_p.manual;
                m_p.text += QCoreApplication::translate("ResponsePanel", "☐ %1\n%2\n\n")
                                .arg(s.name, t.text);
            }
    }

private:
    Preview &m_p;
    std::set<int> m_counted;
};

// The built-in playbooks and the imported ones.
std::vector<std::pair<QString, Playbook>> builtins()
{
    std::vector<std::pair<QString, Playbook>> out;
    for (LibraryEntry &e : playbookLibrary())
        out.emplace_back(e.name, std::move(e.playbook));
    return out;
}

} // namespace

struct ResponsePanel::Loaded
{
    QString error;
    std::vector<Preview> previews;
};

// What the worker and the GUI thread share. The worker never touches the panel: it posts to the
// GUI thread, which looks the panel up (it may be gone) and answers through a promise.
struct ResponsePanel::Bridge
{
    QPointer<ResponsePanel> panel;
};

namespace {

// Waits for the GUI thread's answer, giving up when the run is cancelled (the panel closing
// cancels it): a worker must never wait on a window that is gone.
template<typename T>
T awaitGui(const std::shared_ptr<std::promise<T>> &answer, CancelToken cancel, T otherwise)
{
    std::future<T> f = answer->get_future();
    while (f.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready)
        if (cancel.isCancelled())
            return otherwise;
    return f.get();
}

class GuiRunner final : public Connectors::ConnectorActionRunner
{
public:
    GuiRunner(const Store &store, std::shared_ptr<ResponsePanel::Bridge> bridge)
        : ConnectorActionRunner(store)
        , m_bridge(std::move(bridge))
    {}
    AuditedRun *trail = nullptr;
    std::function<bool(const ApprovalRequest &)> ask;
    std::function<ManualOutcome(const ManualTask &)> askManual;

    bool approve(const ApprovalRequest &request, CancelToken cancel) override
    {
        auto answer = std::make_shared<std::promise<bool>>();
        QMetaObject::invokeMethod(
            qApp,
            [answer, request, ask = ask] { answer->set_value(ask(request)); },
            Qt::QueuedConnection);
        const bool yes = awaitGui(answer, cancel, false);
        trail->approval(request, yes, yes ? QString() : QStringLiteral("refused in the workbench"));
        return yes;
    }
    ManualOutcome manual(const ManualTask &task, CancelToken cancel) override
    {
        auto answer = std::make_shared<std::promise<ManualOutcome>>();
        QMetaObject::invokeMethod(
            qApp,
            [answer, task, ask = askManual] { answer->set_value(ask(task)); },
            Qt::QueuedConnection);
        const ManualOutcome outcome = awaitGui(answer, cancel, ManualOutcome{});
        trail->manualOutcome(task, outcome);
        return outcome;
    }

private:
    std::shared_ptr<ResponsePanel::Bridge> m_bridge;
};

// Shows the run's steps as they change, on the GUI thread.
class Poster final : public RunObserver
{
public:
    explicit Poster(std::shared_ptr<ResponsePanel::Bridge> bridge)
        : m_bridge(std::move(bridge))
    {}
    std::function<void(const StepRecord &)> show;
    void stepChanged(const StepRecord &step) override
    {
        QMetaObject::invokeMethod(
            qApp, [step, show = show] { show(step); }, Qt::QueuedConnection);
    }

private:
    std::shared_ptr<ResponsePanel::Bridge> m_bridge;
};

} // namespace

ResponsePanel::ResponsePanel(const QString &storePath, qint64 incident, QWidget *parent)
    : QWidget(parent)
    , m_path(storePath)
    , m_incident(incident)
    , m_cancelFlag(std::make_shared<std::atomic<bool>>(false))
    , m_bridge(std::make_shared<Bridge>())
{
    m_bridge->panel = this;
    m_playbooks = new QListWidget;
    m_playbooks->setObjectName(QStringLiteral("responsePlaybooks"));
    connect(m_playbooks, &QListWidget::currentRowChanged, this, &ResponsePanel::showSelected);
    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_plan = new QPlainTextEdit;
    m_plan->setObjectName(QStringLiteral("responsePlan"));
    m_plan->setReadOnly(true);
    m_plan->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_plan->setPlaceholderText(tr("What the selected playbook would do: each request exactly as "
                                  "it would be sent (secrets masked), the checklist and the "
                                  "scripts."));
    m_run = new QPushButton(tr("&Run…"));
    m_run->setObjectName(QStringLiteral("responseRun"));
    m_run->setToolTip(tr("Run the playbook through the configured connectors; destructive steps "
                         "ask for your approval first"));
    connect(m_run, &QPushButton::clicked, this, [this] { startRun(false); });
    m_cancel = new QPushButton(tr("&Stop"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &ResponsePanel::cancelRun);
    m_undo = new QPushButton(tr("&Undo the run"));
    m_undo->setObjectName(QStringLiteral("responseUndo"));
    m_undo->setToolTip(tr("Undo the last run's actions where the API can (release an isolation)"));
    m_undo->setEnabled(false);
    connect(m_undo, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this,
                                  tr("Undo the run"),
                                  tr("Send the undo of each action the sensors accepted in the "
                                     "last run (for example, release the isolations)?"))
            == QMessageBox::Yes)
            undoLastRun();
    });
    m_toolkit = new QPushButton(tr("Export &toolkit…"));
    m_toolkit->setToolTip(tr("A zip with the indicators (STIX 2.1, CSV), blocklists, Sigma "
                             "hunting rules, containment scripts, the report and a README"));
    connect(m_toolkit, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this,
            tr("Export the toolkit"),
            QStringLiteral("incident-%1-toolkit.zip").arg(m_incident),
            tr("Zip archives (*.zip)"));
        if (!path.isEmpty())
            exportToolkit(path,
                          QSettings().value(QStringLiteral("language")).toString()
                                  == QLatin1String("fr")
                              ? QStringLiteral("fr")
                              : QStringLiteral("en"));
    });
    m_steps = new QTreeWidget;
    m_steps->setObjectName(QStringLiteral("responseSteps"));
    m_steps->setRootIsDecorated(false);
    m_steps->setHeaderLabels({tr("Step"), tr("State"), tr("Details")});
    m_history = new QTreeWidget;
    m_history->setObjectName(QStringLiteral("responseHistory"));
    m_history->setRootIsDecorated(false);
    m_history->setHeaderLabels(
        {tr("Time (UTC)"), tr("Analyst"), tr("What"), tr("Step"), tr("Details")});

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_undo);
    buttons->addStretch(1);
    buttons->addWidget(m_toolkit);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Playbooks (CACAO 2.0):")));
    leftLayout->addWidget(m_playbooks, 1);
    leftLayout->addWidget(m_summary);
    leftLayout->addLayout(buttons);
    auto *right = new QSplitter(Qt::Vertical);
    right->addWidget(m_plan);
    right->addWidget(m_steps);
    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(left);
    top->addWidget(right);
    top->setStretchFactor(1, 2);
    auto *all = new QSplitter(Qt::Vertical);
    all->addWidget(top);
    auto *historyBox = new QWidget;
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(
        new QLabel(tr("Response history (append-only, hash-chained: vigie audit verify):")));
    historyLayout->addWidget(m_history);
    all->addWidget(historyBox);
    all->setStretchFactor(0, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(all);
}

ResponsePanel::~ResponsePanel()
{
    // A run still going stops at its next step; it never waits on this window again.
    m_cancelFlag->store(true);
}

void ResponsePanel::load()
{
    m_loaded = false;
    m_summary->setText(tr("Working out what each playbook would do…"));
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        watcher->deleteLater();
        showLoaded(watcher->result());
        loadHistory();
    });
    const QString path = m_path;
    const qint64 incident = m_incident;
    watcher->setFuture(QtConcurrent::run([path, incident]() -> Loaded {
        Loaded l;
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store) {
            l.error = store.error();
            return l;
        }
        auto context = incidentContext(**store, incident);
        if (!context) {
            l.error = context.error();
            return l;
        }
        const auto all = builtins();
        std::vector<Playbook> set;
        for (const auto &[slug, pb] : all)
            set.push_back(pb);
        for (const auto &[slug, pb] : all) {
            Preview p{slug, pb.name, pb.description, 0, 0, 0, 0, {}, {}};
            NoActions none;
            Collect collect(p);
            RunOptions options;
            options.dryRun = true;
            options.playbooks = lookupIn(set);
            const RunResult r = runPlaybook(pb, *context, options, none, &collect);
            if (r.status != RunStatus::Succeeded)
                p.error = r.error;
            l.previews.push_back(std::move(p));
        }
        return l;
    }));
}

void ResponsePanel::showLoaded(const Loaded &loaded)
{
    m_playbooks->clear();
    m_slugs.clear();
    m_dryRuns.clear();
    if (!loaded.error.isEmpty()) {
        m_summary->setText(tr("Cannot prepare the playbooks: %1").arg(loaded.error));
        return;
    }
    for (const Preview &p : loaded.previews) {
        const bool acts = p.requests + p.manual + p.scripts > 0;
        auto *item = new QListWidgetItem(
            acts ? p.name : tr("%1 (nothing to act on in this incident)").arg(p.name));
        item->setToolTip(Models::inertToolTip(p.description));
        item->setData(Qt::UserRole + 1, p.description);
        if (!acts)
            item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        item->setData(Qt::UserRole,
                      QString(tr("%n request(s)", nullptr, p.requests) + QStringLiteral(", ")
                              + tr("%n needing approval", nullptr, p.destructive)
                              + QStringLiteral(", ") + tr("%n checklist item(s)", nullptr, p.manual)
                              + QStringLiteral(", ") + tr("%n script(s)", nullptr, p.scripts)
                              + (p.error.isEmpty() ? QString() : QStringLiteral("\n") + p.error)));
        m_playbooks->addItem(item);
        m_slugs << p.slug;
        m_dryRuns << p.text;
    }
    m_loaded = true;
    if (m_playbooks->count() > 0)
        m_playbooks->setCurrentRow(0);
}

void ResponsePanel::showSelected()
{
    const int row = m_playbooks->currentRow();
    if (row < 0 || row >= m_dryRuns.size()) {
        m_plan->clear();
        m_summary->clear();
        return;
    }
    m_summary->setText(m_playbooks->item(row)->data(Qt::UserRole + 1).toString()
                       + QStringLiteral("\n\n")
                       + m_playbooks->item(row)->data(Qt::UserRole).toString());
    m_plan->setPlainText(m_dryRuns.at(row).isEmpty()
                             ? tr("Nothing to send or do for this incident.")
                             : m_dryRuns.at(row));
    m_run->setEnabled(!m_running);
}

int ResponsePanel::playbookCount() const
{
    return m_playbooks->count();
}

bool ResponsePanel::selectPlaybook(const QString &name)
{
    const qsizetype i = m_slugs.indexOf(name);
    if (i < 0)
        return false;
    m_playbooks->setCurrentRow(int(i));
    return true;
}

QString ResponsePanel::dryRunText() const
{
    return m_plan->toPlainText();
}

void ResponsePanel::showStep(const StepRecord &s)
{
    if (s.state == StepState::Pending)
        return;
    const QString key = s.playbookId + QLatin1Char('/') + s.stepId + QLatin1Char('/')
                        + QString::number(s.iteration);
    QTreeWidgetItem *item = nullptr;
    for (int i = 0; i < m_steps->topLevelItemCount() && !item; ++i)
        if (m_steps->topLevelItem(i)->data(0, Qt::UserRole).toString() == key)
            item = m_steps->topLevelItem(i);
    if (!item) {
        item = new QTreeWidgetItem(m_steps);
        item->setData(0, Qt::UserRole, key);
        item->setText(0,
                      QString(s.depth * 2, QLatin1Char(' '))
                          + Models::inertLine(s.name.isEmpty() ? s.stepId : s.name));
    }
    const QString state = stepStateName(s.state);
    item->setText(1, state);
    item->setText(2, Models::inertLine(s.message));
    const QColor colour = s.state == StepState::Failed            ? QColor(0xc0, 0x39, 0x2b)
                          : s.state == StepState::Done            ? QColor(0x2e, 0x7d, 0x32)
                          : s.state == StepState::WaitingApproval ? QColor(0xe6, 0x7e, 0x22)
                                                                  : palette().text().color();
    item->setForeground(1, colour);
    m_steps->scrollToItem(item);
}

QStringList ResponsePanel::stepStates() const
{
    QStringList out;
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i)
        out << m_steps->topLevelItem(i)->text(0).trimmed() + QStringLiteral(": ")
                   + m_steps->topLevelItem(i)->text(1);
    return out;
}

bool ResponsePanel::askApproval(const ApprovalRequest &request)
{
    QStringList what;
    for (const PlannedRequest &r : request.requests)
        what << r.toText();
    what << request.manual << request.scripts;
    QMessageBox box(QMessageBox::Warning,
                    tr("Approve a destructive step"),
                    tr("“%1” will act on the customer's systems:\n%2")
                        .arg(Models::inertLine(request.stepName),
                             request.items.isEmpty()
                                 ? tr("(see the details)")
                                 : Models::inertLine(request.items.join(QStringLiteral(", ")))),
                    QMessageBox::Yes | QMessageBox::No,
                    this);
    box.setTextFormat(Qt::PlainText); // names and items come from playbooks and events
    box.setDetailedText(what.join(QStringLiteral("\n\n")));
    box.setDefaultButton(QMessageBox::No);
    box.button(QMessageBox::Yes)->setText(tr("&Approve"));
    box.button(QMessageBox::No)->setText(tr("&Refuse"));
    return box.exec() == QMessageBox::Yes;
}

ManualOutcome ResponsePanel::askManual(const ManualTask &task)
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Manual step"));
    auto *text = new QPlainTextEdit(task.text);
    text->setReadOnly(true);
    auto *done = new QCheckBox(tr("&Done"));
    auto *note = new QLineEdit;
    note->setPlaceholderText(tr("A note for the record (optional)"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    auto *layout = new QVBoxLayout(&dialog);
    auto *name = new QLabel(Models::inertLine(task.stepName));
    name->setTextFormat(Qt::PlainText);
    layout->addWidget(name);
    layout->addWidget(text);
    layout->addWidget(done);
    layout->addWidget(note);
    layout->addWidget(buttons);
    dialog.resize(560, 360);
    dialog.exec();
    return {done->isChecked(), note->text(), {}};
}

void ResponsePanel::startRun(bool approveAll)
{
    const int row = m_playbooks->currentRow();
    if (m_running || row < 0 || row >= m_slugs.size())
        return;
    if (!approveAll) {
        // Plain text: a playbook's name comes from a file someone else wrote.
        QMessageBox confirm(QMessageBox::Question,
                            tr("Run the playbook"),
                            tr("Run “%1” for incident #%2? Its requests go to the customer's "
                               "sensors through the configured connectors; each destructive step "
                               "asks you first.")
                                .arg(Models::inertLine(m_playbooks->item(row)->text()))
                                .arg(m_incident),
                            QMessageBox::Yes | QMessageBox::No,
                            this);
        confirm.setTextFormat(Qt::PlainText);
        if (confirm.exec() != QMessageBox::Yes)
            return;
    }
    m_running = true;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_steps->clear();
    m_undo->setEnabled(false);
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_lastRun = QUuid::createUuid().toString(QUuid::WithoutBraces);
    using Outcome = std::pair<QString, QString>; // status, error
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Outcome o = watcher->result();
        m_running = false;
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        m_undo->setEnabled(true);
        if (!o.second.isEmpty())
            Q_EMIT errorOccurred(tr("The playbook %1: %2").arg(o.first, o.second));
        loadHistory();
        Q_EMIT runFinished(o.first);
    });
    const QString path = m_path, slug = m_slugs.at(row), runId = m_lastRun;
    const qint64 incident = m_incident;
    const auto cancel = m_cancelFlag;
    const auto bridge = m_bridge;
    // The dialogs and the step list run on the GUI thread, and only while the panel exists.
    // A run stopped meanwhile asks nothing more.
    auto ask = [bridge, cancel](const ApprovalRequest &r) {
        return bridge->panel && !cancel->load() ? bridge->panel->askApproval(r) : false;
    };
    auto askManual = [bridge, cancel](const ManualTask &t) {
        return bridge->panel && !cancel->load() ? bridge->panel->askManual(t) : ManualOutcome{};
    };
    auto show = [bridge](const StepRecord &s) {
        if (bridge->panel)
            bridge->panel->showStep(s);
    };
    watcher->setFuture(QtConcurrent::run([=]() -> Outcome {
        auto store = Store::open(path);
        if (!store)
            return {QStringLiteral("failed"), store.error()};
        auto context = incidentContext(**store, incident);
        if (!context)
            return {QStringLiteral("failed"), context.error()};
        const auto all = builtins();
        std::vector<Playbook> set;
        const Playbook *pb = nullptr;
        for (const auto &[s, p] : all)
            set.push_back(p);
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].first == slug)
                pb = &set[i];
        if (!pb)
            return {QStringLiteral("failed"), QStringLiteral("no playbook %1").arg(slug)};
        GuiRunner runner(**store, bridge);
        runner.ask = ask;
        runner.askManual = askManual;
        Poster poster(bridge);
        poster.show = show;
        AuditedRun trail(**store, incident, runId, actor(), &poster);
        runner.trail = &trail;
        RunOptions options;
        options.approveAll = approveAll;
        options.playbooks = lookupIn(set);
        options.cancel = cancel.get();
        trail.runStarted(*pb, options);
        const RunResult result = runPlaybook(*pb, *context, options, runner, &trail);
        trail.runFinished(*pb, result);
        return {runStatusName(result.status), result.error};
    }));
}

void ResponsePanel::undoLastRun()
{
    if (m_lastRun.isEmpty() || m_running)
        return;
    m_undo->setEnabled(false);
    using Undone = Result<Connectors::UndoOutcome>;
    auto *watcher = new QFutureWatcher<Undone>(this);
    connect(watcher, &QFutureWatcher<Undone>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Undone u = watcher->result();
        loadHistory();
        if (!u) {
            Q_EMIT errorOccurred(tr("Cannot undo the run: %1").arg(u.error()));
            return;
        }
        const QString summary = u->lines.isEmpty() ? tr("The last run has nothing to undo.")
                                                   : tr("%1 undone, %2 failed:\n%3")
                                                         .arg(u->undone)
                                                         .arg(u->failed)
                                                         .arg(u->lines.join(QLatin1Char('\n')));
        m_plan->setPlainText(summary);
        Q_EMIT undoFinished(summary);
    });
    const QString path = m_path, runId = m_lastRun;
    watcher->setFuture(QtConcurrent::run([path, runId]() -> Undone {
        auto store = Store::open(path);
        if (!store)
            return Error(store.error());
        return Connectors::undoRun(**store, runId, actor());
    }));
}

void ResponsePanel::cancelRun()
{
    m_cancelFlag->store(true);
    m_cancel->setEnabled(false);
}

void ResponsePanel::loadHistory()
{
    using Entries = Result<std::vector<ResponseAuditEntry>>;
    auto *watcher = new QFutureWatcher<Entries>(this);
    connect(watcher, &QFutureWatcher<Entries>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Entries entries = watcher->result();
        m_history->clear();
        if (!entries)
            return;
        for (const ResponseAuditEntry &e : *entries) {
            QString detail;
            const QJsonObject d = QJsonDocument::fromJson(e.detail.toUtf8()).object();
            for (const char *key : {"name",
                                    "state",
                                    "status",
                                    "request",
                                    "approved",
                                    "done",
                                    "message",
                                    "error",
                                    "path",
                                    "note"})
                if (d.contains(QLatin1String(key))
                    && !d.value(QLatin1String(key)).toVariant().toString().isEmpty())
                    detail += QStringLiteral("%1: %2  ")
                                  .arg(QLatin1String(key),
                                       d.value(QLatin1String(key)).toVariant().toString());
            auto *item = new QTreeWidgetItem(m_history);
            item->setText(0,
                          QDateTime::fromMSecsSinceEpoch(e.atUs / 1000, QTimeZone::utc())
                              .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
            item->setText(1, Models::inertLine(e.actor));
            item->setText(2, e.kind);
            item->setText(3, Models::inertLine(e.step));
            item->setText(4, Models::inertLine(detail.trimmed()));
            item->setToolTip(4, Models::inertLine(e.detail.left(2000)));
        }
        for (int c = 0; c < 4; ++c)
            m_history->resizeColumnToContents(c);
    });
    const QString path = m_path;
    const qint64 incident = m_incident;
    watcher->setFuture(QtConcurrent::run([path, incident]() -> Entries {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return Error(store.error());
        return (*store)->responseAudit(incident, 500);
    }));
}

int ResponsePanel::historyCount() const
{
    return m_history->topLevelItemCount();
}

QString ResponsePanel::historyText() const
{
    QStringList lines;
    for (int i = 0; i < m_history->topLevelItemCount(); ++i) {
        QStringList cells;
        for (int c = 0; c < m_history->columnCount(); ++c)
            cells << m_history->topLevelItem(i)->text(c);
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

void ResponsePanel::exportToolkit(const QString &path, const QString &lang)
{
    using Written = Result<Report::ToolkitWritten>;
    auto *watcher = new QFutureWatcher<Written>(this);
    m_toolkit->setEnabled(false);
    connect(watcher, &QFutureWatcher<Written>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_toolkit->setEnabled(true);
        const Written w = watcher->result();
        if (!w) {
            Q_EMIT errorOccurred(tr("Cannot write the toolkit: %1").arg(w.error()));
            return;
        }
        loadHistory();
        Q_EMIT toolkitWritten(w->path, w->sha256);
    });
    const QString store = m_path;
    const QString templatePath = QSettings().value(QStringLiteral("report/template")).toString();
    const qint64 incident = m_incident;
    watcher->setFuture(QtConcurrent::run([=]() -> Written {
        Report::ReportTemplate style = Report::defaultTemplate();
        if (!templatePath.isEmpty()) {
            auto loaded = Report::loadTemplate(templatePath);
            if (!loaded)
                return Error(loaded.error());
            style = *loaded;
        }
        auto s = Store::open(store);
        if (!s)
            return Error(s.error());
        return Report::writeIncidentToolkit(**s, incident, lang, style, path, actor());
    }));
}

} // namespace Vigie::Widgets
