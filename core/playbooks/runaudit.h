// SPDX-License-Identifier: Apache-2.0
// A playbook run's record in the store's response audit log (hash-chained, append-only): the run's
// start and end, each step as it starts and ends, each request as planned or sent (masked: the
// engine never sees a secret), each answer, approval and manual outcome. Used by the command line
// and the workbench alike, so both leave the same trail.
#pragma once

#include "core/playbooks/engine.h"
#include "core/store/store.h"

#include <QJsonObject>

#include <mutex>

namespace Vigie::Playbooks {

class AuditedRun : public RunObserver
{
public:
    // `forward`, when given, sees every observer call after it is recorded.
    AuditedRun(
        Store &store, qint64 incident, QString runId, QString actor, RunObserver *forward = {});

    void audit(const QString &kind, const QString &step, const QJsonObject &detail);
    void runStarted(const Playbook &playbook, const RunOptions &options);
    void runFinished(const Playbook &playbook, const RunResult &result);
    void approval(const ApprovalRequest &request, bool approved, const QString &reason = {});
    void manualOutcome(const ManualTask &task, const ManualOutcome &outcome);
    // The first write that failed (the run goes on: an action already sent must not be lost
    // from the screen because the log could not take it).
    QString auditError() const;
    const QString &runId() const { return m_runId; }

    void stepChanged(const StepRecord &step) override;
    void requestPlanned(const PlannedRequest &masked, bool dryRun) override;
    void requestFinished(const PlannedRequest &masked, const ActionResult &result) override;
    void scriptRendered(const StepRecord &step, const QString &type, const QString &text) override;
    void message(const QString &text) override;

private:
    Store &m_store;
    qint64 m_incident;
    QString m_runId;
    QString m_actor;
    RunObserver *m_forward;
    mutable std::mutex m_mutex; // parallel branches may report from several threads
    QString m_error;
};

QString runStatusName(RunStatus status);

// What undoes a run, read back from the audit log: for each request of run `runId` that the sensor
// accepted (2xx) and that has an undo (isolate → unisolate), the undo request, latest first.
// Requests refused or never answered have nothing to undo.
Result<std::vector<PlannedRequest>> undoRequests(const Store &store, const QString &runId);

} // namespace Vigie::Playbooks
