// SPDX-License-Identifier: Apache-2.0
// The incident workspace's Response tab: the built-in CACAO playbooks with what each would do for
// this incident (a dry run, computed on open), a run shown step by step as it goes (pending,
// waiting approval, running, done, failed), approvals and manual checklist items asked in dialogs,
// cancel, the incident's response history from the hash-chained audit log, and the toolkit export.
// Runs happen on a worker thread with its own store connection; the GUI thread only shows.
#pragma once

#include <QPointer>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace Vigie::Playbooks {
struct ApprovalRequest;
struct ManualTask;
struct ManualOutcome;
struct StepRecord;
} // namespace Vigie::Playbooks

namespace Vigie::Widgets {

class ResponsePanel : public QWidget
{
    Q_OBJECT

public:
    ResponsePanel(const QString &storePath, qint64 incident, QWidget *parent = nullptr);
    ~ResponsePanel() override;

    // Loads the playbooks, their dry runs and the history (on a worker).
    void load();
    bool isLoaded() const { return m_loaded; }
    int playbookCount() const;
    // Selects a playbook by its short name (contain-host); false when there is none.
    bool selectPlaybook(const QString &name);
    QString dryRunText() const;
    // Runs the selected playbook for real. With `approveAll` no dialog is shown (tests, and the
    // analyst who ticked "approve every step").
    void startRun(bool approveAll);
    void cancelRun();
    // Undoes the last run's accepted actions where the API has an undo (release an isolation);
    // emits undoFinished with one line per undo.
    void undoLastRun();
    QString lastRunId() const { return m_lastRun; }
    bool isRunning() const { return m_running; }
    QStringList stepStates() const; // "name: state" in the order shown
    int historyCount() const;
    QString historyText() const;
    // Writes the toolkit on a worker; emits toolkitWritten or errorOccurred.
    void exportToolkit(const QString &path, const QString &lang);

    struct Bridge; // what a run's worker thread and the panel share

Q_SIGNALS:
    void runFinished(const QString &status);
    void toolkitWritten(const QString &path, const QString &sha256);
    void undoFinished(const QString &summary);
    void errorOccurred(const QString &message);

private:
    struct Loaded;
    void showLoaded(const Loaded &loaded);
    void showSelected();
    void showStep(const Playbooks::StepRecord &step);
    void loadHistory();
    bool askApproval(const Playbooks::ApprovalRequest &request);
    Playbooks::ManualOutcome askManual(const Playbooks::ManualTask &task);

    QString m_path;
    qint64 m_incident;
    QListWidget *m_playbooks;
    QLabel *m_summary;
    QPlainTextEdit *m_plan;
    QTreeWidget *m_steps;
    QTreeWidget *m_history;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_undo;
    QPushButton *m_toolkit;
    QString m_lastRun;
    QStringList m_slugs;
    QStringList m_dryRuns;
    bool m_loaded = false;
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_cancelFlag;
    std::shared_ptr<Bridge> m_bridge;
};

} // namespace Vigie::Widgets
