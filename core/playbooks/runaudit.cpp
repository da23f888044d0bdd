// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/runaudit.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace Vigie::Playbooks {

QString runStatusName(RunStatus status)
{
    switch (status) {
    case RunStatus::Succeeded:
        return QStringLiteral("succeeded");
    case RunStatus::Failed:
        return QStringLiteral("failed");
    case RunStatus::Cancelled:
        break;
    }
    return QStringLiteral("cancelled");
}

AuditedRun::AuditedRun(
    Store &store, qint64 incident, QString runId, QString actor, RunObserver *forward)
    : m_store(store)
    , m_incident(incident)
    , m_runId(std::move(runId))
    , m_actor(std::move(actor))
    , m_forward(forward)
{}

void AuditedRun::audit(const QString &kind, const QString &step, const QJsonObject &detail)
{
    ResponseAuditEntry e;
    e.actor = m_actor;
    e.kind = kind;
    e.incident = m_incident;
    e.runId = m_runId;
    e.step = step;
    e.detail = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    std::lock_guard lock(m_mutex);
    if (auto r = m_store.appendResponseAudit(e); !r && m_error.isEmpty())
        m_error = r.error();
}

QString AuditedRun::auditError() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

void AuditedRun::runStarted(const Playbook &playbook, const RunOptions &options)
{
    // The names the analyst set, not their values: a value may hold a token (a webhook URL), and
    // each request that used one is in the log already, masked.
    QJsonArray vars;
    for (const auto &[k, v] : options.variables)
        vars.append(k);
    audit(QStringLiteral("run_started"),
          {},
          {{QStringLiteral("playbook"), playbook.id},
           {QStringLiteral("name"), playbook.name},
           {QStringLiteral("dry_run"), options.dryRun},
           {QStringLiteral("approve_all"), options.approveAll},
           {QStringLiteral("variables"), vars}});
}

void AuditedRun::runFinished(const Playbook &playbook, const RunResult &result)
{
    audit(QStringLiteral("run_finished"),
          {},
          {{QStringLiteral("playbook"), playbook.id},
           {QStringLiteral("status"), runStatusName(result.status)},
           {QStringLiteral("error"), result.error}});
}

void AuditedRun::approval(const ApprovalRequest &request, bool approved, const QString &reason)
{
    QJsonObject detail{{QStringLiteral("approved"), approved},
                       {QStringLiteral("step_name"), request.stepName},
                       {QStringLiteral("requests"), qint64(request.requests.size())}};
    if (!reason.isEmpty())
        detail.insert(QStringLiteral("reason"), reason);
    audit(QStringLiteral("approval"), request.stepId, detail);
}

void AuditedRun::manualOutcome(const ManualTask &task, const ManualOutcome &outcome)
{
    audit(QStringLiteral("manual"),
          task.stepId,
          {{QStringLiteral("task"), task.text.left(2000)},
           {QStringLiteral("item"), task.item},
           {QStringLiteral("done"), outcome.done},
           {QStringLiteral("note"), outcome.note}});
}

void AuditedRun::stepChanged(const StepRecord &s)
{
    if (s.state == StepState::Running)
        audit(QStringLiteral("step_started"),
              s.stepId,
              {{QStringLiteral("playbook"), s.playbookId},
               {QStringLiteral("type"), s.type},
               {QStringLiteral("name"), s.name}});
    else if (s.state == StepState::Done || s.state == StepState::Failed
             || s.state == StepState::Skipped)
        audit(QStringLiteral("step_finished"),
              s.stepId,
              {{QStringLiteral("playbook"), s.playbookId},
               {QStringLiteral("state"), stepStateName(s.state)},
               {QStringLiteral("message"), s.message}});
    if (m_forward)
        m_forward->stepChanged(s);
}

void AuditedRun::requestPlanned(const PlannedRequest &masked, bool dryRun)
{
    audit(dryRun ? QStringLiteral("planned_request") : QStringLiteral("request"),
          masked.stepId,
          masked.toJson());
    if (m_forward)
        m_forward->requestPlanned(masked, dryRun);
}

void AuditedRun::requestFinished(const PlannedRequest &masked, const ActionResult &r)
{
    audit(QStringLiteral("response"),
          masked.stepId,
          {{QStringLiteral("connector"), masked.connectorKind},
           {QStringLiteral("request"),
            QString(QString::fromLatin1(masked.method) + QLatin1Char(' ') + masked.path)},
           {QStringLiteral("item"), masked.item},
           {QStringLiteral("status"), r.status},
           {QStringLiteral("error"), r.error},
           {QStringLiteral("timed_out"), r.timedOut},
           {QStringLiteral("body"), QString::fromUtf8(r.body.left(2000))}});
    if (m_forward)
        m_forward->requestFinished(masked, r);
}

void AuditedRun::scriptRendered(const StepRecord &s, const QString &type, const QString &text)
{
    if (m_forward)
        m_forward->scriptRendered(s, type, text);
}

void AuditedRun::message(const QString &text)
{
    if (m_forward)
        m_forward->message(text);
}

Result<std::vector<PlannedRequest>> undoRequests(const Store &store, const QString &runId)
{
    auto entries = store.responseAudit(std::nullopt, 0);
    if (!entries)
        return Error(entries.error());
    std::vector<ResponseAuditEntry> run;
    for (const ResponseAuditEntry &e : *entries)
        if (e.runId == runId)
            run.push_back(e);
    if (run.empty())
        return Error(QStringLiteral("there is no run %1 in the response audit log").arg(runId));
    std::sort(run.begin(), run.end(), [](const auto &a, const auto &b) { return a.id < b.id; });
    // Each request is paired with its own answer: the same step, item and request line, the first
    // answer not yet taken (the engine logs all of a step's requests before their answers).
    auto detailOf = [](const ResponseAuditEntry &e) {
        return QJsonDocument::fromJson(e.detail.toUtf8()).object();
    };
    std::vector<bool> taken(run.size(), false);
    auto answer = [&](std::size_t from,
                      const QString &kind,
                      const QString &step,
                      const QString &item,
                      const QString &request) -> int {
        for (std::size_t j = from; j < run.size(); ++j) {
            if (taken[j] || run[j].kind != kind || run[j].step != step)
                continue;
            const QJsonObject d = detailOf(run[j]);
            if (d.value(QLatin1String("item")).toString() != item
                || d.value(QLatin1String("request")).toString() != request)
                continue;
            taken[j] = true;
            return d.value(QLatin1String("status")).toInt();
        }
        return 0;
    };
    std::vector<PlannedRequest> undo;
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (run[i].kind != QLatin1String("request"))
            continue;
        const QJsonObject sent = detailOf(run[i]);
        const QString item = sent.value(QLatin1String("item")).toString();
        const int status = answer(i + 1,
                                  QStringLiteral("response"),
                                  run[i].step,
                                  item,
                                  sent.value(QLatin1String("method")).toString() + QLatin1Char(' ')
                                      + sent.value(QLatin1String("path")).toString());
        const QJsonObject u = sent.value(QLatin1String("undo_request")).toObject();
        if (u.isEmpty() || status < 200 || status >= 300)
            continue;
        PlannedRequest r;
        r.connectorKind = sent.value(QLatin1String("connector")).toString();
        r.method = u.value(QLatin1String("method")).toString().toLatin1();
        r.path = u.value(QLatin1String("path")).toString();
        for (const QJsonValue &h : u.value(QLatin1String("headers")).toArray())
            r.headers.emplace_back(h.toArray().at(0).toString().toLatin1(),
                                   h.toArray().at(1).toString().toUtf8());
        r.body = u.value(QLatin1String("body")).toString().toUtf8();
        // Rebuilt from the log, where secrets are masked: an undo that carried one cannot be sent.
        if (r.path.contains(QLatin1String("****")) || r.body.contains("****"))
            continue;
        // Undone already (an earlier undo of this run was accepted).
        const QString line = QString::fromLatin1(r.method) + QLatin1Char(' ') + r.path;
        if (const int done
            = answer(i + 1, QStringLiteral("undo_response"), run[i].step, item, line);
            done >= 200 && done < 300)
            continue;
        r.incident = run[i].incident.value_or(0);
        r.playbookId = sent.value(QLatin1String("playbook")).toString();
        r.stepId = run[i].step;
        r.stepName = sent.value(QLatin1String("undo")).toString();
        r.item = item;
        undo.insert(undo.begin(), std::move(r)); // the last action is undone first
    }
    return undo;
}

} // namespace Vigie::Playbooks
