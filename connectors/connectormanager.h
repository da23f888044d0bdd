// SPDX-License-Identifier: Apache-2.0
// Runs configured connectors: one worker thread each, one shared network thread, one store writer
// (IngestSink). Retries failed sessions with exponential backoff and jitter, and reports each
// connector's health, event count and rate through queued signals on the manager's thread.
#pragma once

#include "connectors/connector.h"
#include "core/store/store.h"

#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace Vigie::Connectors {

struct ConnectorStatus
{
    QString name;
    QString kind;
    Health health = Health::Stopped;
    QString lastError; // in plain words; empty when all is well
    bool running = false;
    bool caughtUp = false; // the last session ended caught up (without follow)
    qint64 delivered = 0;  // records handed to the store by this run
    qint64 accepted = 0;   // new events stored by this run
    qint64 rejected = 0;   // records the normaliser refused
    double rate = 0;       // events per second over the last seconds
};

class ConnectorManager : public QObject
{
    Q_OBJECT
public:
    // Detection rules on ingest (on by default).
    void setDetection(bool on) { m_detect = on; }
    explicit ConnectorManager(QString storePath, QObject *parent = nullptr);
    ~ConnectorManager() override; // stops every connector

    Result<void> open();
    Store *configStore() const { return m_store.get(); }
    Net::NetworkThread &network() { return *m_net; }

    // Starts a configured connector; `follow`: keep going once caught up. The secret, if any, is
    // read first (asynchronously from the keyring). Failures show in its status.
    void start(const QString &name, bool follow);
    void stop(const QString &name);
    void stopAll();
    bool isRunning(const QString &name) const;
    bool anyRunning() const;
    ConnectorStatus status(const QString &name) const;
    QList<ConnectorStatus> statuses() const;

    // Backoff bounds (tests make them short).
    void setBackoff(int initialMs, int maxMs);
    // Stops retrying after this many authentication failures in a row.
    void setMaxAuthFailures(int n) { m_maxAuthFailures = n; }
    // Without follow, stops after this many failed sessions in a row that brought nothing.
    void setMaxPullFailures(int n) { m_maxPullFailures = n; }

    // Checks that a configuration reaches its sensor (TCP, TLS, HTTP or WebSocket upgrade)
    // without pulling anything. `done` runs on the manager's thread with an error or a summary.
    void probe(const QString &kind,
               const QJsonObject &config,
               const std::function<void(Result<QString>)> &done);

Q_SIGNALS:
    void statusChanged(const QString &name);
    void finished(const QString &name);
    void eventsWritten(qint64 accepted);

private:
    bool m_detect = true;
    struct Running;
    void launch(const ConnectorRecord &rec,
                std::unique_ptr<Connector> connector,
                QByteArray secret,
                bool follow);
    void runLoop(Running *r);
    void setHealth(Running *r, Health h, const QString &error);
    void fail(const QString &name, const QString &kind, Health h, const QString &error);
    void reap(const QString &name);
    void updateRates();

    QString m_path;
    std::unique_ptr<Store> m_store;
    std::shared_ptr<Net::NetworkThread> m_net; // shared with probe threads
    std::set<QString> m_starting;              // waiting for their secret
    std::unique_ptr<IngestSink> m_sink;
    mutable std::mutex m_mutex;
    std::map<QString, std::unique_ptr<Running>> m_running;
    std::map<QString, ConnectorStatus> m_statuses;
    std::map<std::int64_t, QString> m_bySource;
    int m_backoffInitialMs = 500;
    int m_backoffMaxMs = 60000;
    int m_maxAuthFailures = 3;
    int m_maxPullFailures = 6;
};

} // namespace Vigie::Connectors
