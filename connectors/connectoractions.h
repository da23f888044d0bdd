// SPDX-License-Identifier: Apache-2.0
// The playbook engine's hands: sends each planned HTTP request through the store's connector of
// its kind (elastic, wazuh, thehive; a webhook through a "rest" connector), with that connector's
// URL, TLS settings and secret. Approvals and manual steps are the front end's: the command line
// asks at the terminal, the workbench in a dialog. Blocking: run it on a worker thread.
#pragma once

#include "connectors/net.h"
#include "core/playbooks/engine.h"
#include "core/store/store.h"

#include <QJsonObject>
#include <QStringList>

#include <map>
#include <mutex>

namespace Vigie::Connectors {

class ConnectorActionRunner : public Playbooks::ActionRunner
{
public:
    // `connectorFor`: kind -> connector name, where the analyst chose one.
    ConnectorActionRunner(const Store &store, std::map<QString, QString> connectorFor = {});
    ~ConnectorActionRunner() override;

    Playbooks::ActionResult run(const Playbooks::PlannedRequest &request,
                                qint64 timeoutMs,
                                Playbooks::CancelToken cancel) override;

private:
    struct Connector
    {
        QString name, kind;
        QJsonObject config;
        QByteArray secret;
    };
    Result<Connector> connectorFor(const QString &kind);

    const Store &m_store;
    std::map<QString, QString> m_chosen;
    std::map<QString, Connector> m_connectors;
    std::mutex m_mutex;
    Net::NetworkThread m_net;
};

// Undoes a run's accepted actions where the API has an undo (runaudit.h's undoRequests), latest
// first, each undo and its answer in the audit log. `lines`: one per undo, for the analyst.
struct UndoOutcome
{
    int undone = 0;
    int failed = 0;
    QStringList lines;
};
Result<UndoOutcome> undoRun(Store &store, const QString &runId, const QString &actor);

} // namespace Vigie::Connectors
