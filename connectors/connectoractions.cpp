// SPDX-License-Identifier: Apache-2.0
#include "connectors/connectoractions.h"

#include "connectors/responseclient.h"
#include "connectors/secrets.h"
#include "core/playbooks/runaudit.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QThread>

#include <atomic>
#include <thread>

namespace Vigie::Connectors {

ConnectorActionRunner::ConnectorActionRunner(const Store &store,
                                             std::map<QString, QString> connectorFor)
    : m_store(store)
    , m_chosen(std::move(connectorFor))
{}

ConnectorActionRunner::~ConnectorActionRunner() = default;

Result<ConnectorActionRunner::Connector> ConnectorActionRunner::connectorFor(const QString &kind)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_connectors.find(kind); it != m_connectors.end())
        return it->second;
    auto records = m_store.connectors();
    if (!records)
        return Error(records.error());
    const QString wanted = m_chosen.count(kind) ? m_chosen.at(kind) : QString();
    const QString storeKind = kind == QLatin1String("webhook") ? QStringLiteral("rest") : kind;
    std::vector<ConnectorRecord> matches;
    for (const ConnectorRecord &r : *records)
        if (wanted.isEmpty() ? (r.enabled && r.kind == storeKind) : r.name == wanted)
            matches.push_back(r);
    if (matches.empty())
        return Error(
            wanted.isEmpty()
                ? QCoreApplication::translate(
                      "Response",
                      "no enabled %1 connector to send this through (add one, or choose "
                      "one for %2 requests)")
                      .arg(storeKind, kind)
                : QCoreApplication::translate("Response", "no connector is named %1").arg(wanted));
    if (matches.size() > 1)
        return Error(QCoreApplication::translate(
                         "Response", "%1 %2 connectors could take this: choose one for %3 requests")
                         .arg(matches.size())
                         .arg(storeKind, kind));
    Connector c{matches.front().name,
                matches.front().kind,
                QJsonDocument::fromJson(matches.front().config).object(),
                {}};
    const QString ref = c.config.value(QLatin1String("secret")).toString();
    if (!ref.isEmpty()) {
        // env: and file: answer at once; the keyring answers on this thread's event loop.
        std::atomic<bool> answered{false};
        Result<QByteArray> secret = Error(QString());
        QEventLoop loop;
        Secrets::read(c.name, ref, [&](Result<QByteArray> s) {
            secret = std::move(s);
            answered = true;
            loop.quit();
        });
        if (!answered)
            loop.exec();
        if (!secret)
            return Error(QCoreApplication::translate("Response", "the secret of connector %1: %2")
                             .arg(c.name, secret.error()));
        c.secret = *secret;
    }
    m_connectors.emplace(kind, c);
    return c;
}

Playbooks::ActionResult ConnectorActionRunner::run(const Playbooks::PlannedRequest &request,
                                                   qint64 timeoutMs,
                                                   Playbooks::CancelToken cancel)
{
    Playbooks::ActionResult result;
    auto connector = connectorFor(request.connectorKind);
    if (!connector) {
        result.error = connector.error();
        return result;
    }
    QJsonObject config = connector->config;
    if (timeoutMs > 0)
        config.insert(QStringLiteral("readTimeoutMs"), qint64(timeoutMs));
    ResponseClient client(m_net, connector->kind, config, connector->secret);
    Net::Headers headers;
    for (const auto &[name, value] : request.headers)
        headers.append(QPair<QByteArray, QByteArray>(name, value));
    // Cancelling the run stops a request in flight.
    std::atomic<bool> done{false};
    std::thread watcher([&] {
        while (!done) {
            if (cancel.isCancelled()) {
                client.cancel();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    const auto reply = client.send(request.method, request.path.toUtf8(), headers, request.body);
    done = true;
    watcher.join();
    if (reply.error) {
        result.error = reply.error.message;
        result.timedOut = reply.error.kind == Net::ErrorKind::Timeout;
        return result;
    }
    result.status = reply.status;
    result.body = reply.body;
    return result;
}

Result<UndoOutcome> undoRun(Store &store, const QString &runId, const QString &actor)
{
    auto undo = Playbooks::undoRequests(store, runId);
    if (!undo)
        return Error(undo.error());
    UndoOutcome out;
    if (undo->empty())
        return out;
    // Undoing asks nothing: the analyst asked for it by name.
    struct Sender final : ConnectorActionRunner
    {
        using ConnectorActionRunner::ConnectorActionRunner;
        bool approve(const Playbooks::ApprovalRequest &, Playbooks::CancelToken) override
        {
            return true;
        }
        Playbooks::ManualOutcome manual(const Playbooks::ManualTask &,
                                        Playbooks::CancelToken) override
        {
            return {};
        }
    } sender(store);
    Playbooks::AuditedRun trail(store, undo->front().incident, runId, actor);
    for (const Playbooks::PlannedRequest &r : *undo) {
        trail.audit(QStringLiteral("undo_request"), r.stepId, r.masked().toJson());
        const Playbooks::ActionResult result = sender.run(r, 0, {});
        trail.audit(QStringLiteral("undo_response"),
                    r.stepId,
                    {{QStringLiteral("request"),
                      QString(QString::fromLatin1(r.method) + QLatin1Char(' ') + r.path)},
                     {QStringLiteral("item"), r.item},
                     {QStringLiteral("status"), result.status},
                     {QStringLiteral("error"), result.error}});
        (result.ok() ? out.undone : out.failed) += 1;
        out.lines << QStringLiteral("%1 %2 (%3) → %4")
                         .arg(QString::fromLatin1(r.method),
                              r.path,
                              r.item,
                              result.error.isEmpty() ? QStringLiteral("HTTP %1").arg(result.status)
                                                     : result.error);
    }
    return out;
}

} // namespace Vigie::Connectors
