// SPDX-License-Identifier: Apache-2.0
// A connector pulls records from one sensor API into the store. Each kind is a small class over the
// network layer (net.h): it runs sessions on its own worker thread, hands batches with their resume
// cursor to the IngestSink, and reports a health state. The runner (ConnectorManager) retries a
// failed session with exponential backoff and jitter.
#pragma once

#include "connectors/net.h"
#include "core/events/result.h"
#include "core/ingest/ingestsink.h"
#include "core/store/store.h"

#include <QJsonObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace Vigie::Connectors {

enum class Health {
    Stopped,
    Connecting,
    CatchingUp, // pulling a backlog
    Connected,  // caught up, following
    BackingOff, // a session failed; waiting before the next
    AuthFailed,
    TlsFailed,
    Failed, // stopped on an error that retrying does not fix (configuration, store)
};
QString healthName(Health h);  // untranslated identifier: "catching-up"
QString healthLabel(Health h); // for people, translated

// The connector kinds: "elastic", "websocket", "thehive", "rest", "wazuh", "eve-file".
QStringList connectorKinds();

struct SessionContext
{
    Net::NetworkThread *net = nullptr;
    IngestSink *sink = nullptr;
    std::int64_t sourceId = 0;
    std::string cursor; // where to resume; the connector advances it with each batch
    bool follow = false;
    QByteArray secret; // password, token or API key, resolved by the manager
    std::function<bool()> stopping;
    std::function<bool(int ms)> sleep; // interruptible; false when stopping
    std::function<void(Health, const QString &)> setHealth;
    std::function<Result<void>(const std::vector<AssetRecord> &)> saveAssets;
    // Counters the manager shows.
    std::atomic<std::int64_t> delivered{0};
    std::atomic<std::int64_t> rejected{0};
    QString lastRejection;
    int retryAfterMs = 0; // a server's Retry-After, honoured by the next backoff
    // Detection on ingest: the bundled rules run on every record delivered (loaded on the
    // connector's thread, never the GUI's).
    bool detect = false;
};

class Connector
{
public:
    static std::unique_ptr<Connector>
    create(const QString &kind, const QJsonObject &config, QString &error);
    virtual ~Connector() = default;

    // One session: connect, then pull until caught up (without follow) or until an error.
    // Returns no error when done; an error makes the runner back off and start a new session.
    virtual Net::NetError session(SessionContext &ctx) = 0;
    // From any thread: interrupts the blocking call in progress.
    virtual void cancel() = 0;
    // Whether this connector needs a secret (from the keyring, an environment variable or a file).
    virtual bool needsSecret() const { return false; }
};

// --- helpers shared by the connectors ---

// The shared part of the connectors that talk to a sensor over the network: the endpoint, the
// credentials, and a client per session that cancel() interrupts.
class NetworkConnector : public Connector
{
public:
    bool needsSecret() const override;
    void cancel() override;

protected:
    explicit NetworkConnector(const QJsonObject &config)
        : m_config(config)
    {}
    // Reads url, TLS, timeouts and limits from the configuration.
    bool initEndpoint(QString &error);
    // A fresh client for this session; null once cancel() was called.
    template<class Client> std::shared_ptr<Client> openClient(SessionContext &ctx)
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled)
            return nullptr;
        auto client = std::make_shared<Client>(*ctx.net, m_endpoint);
        m_cancelCurrent = [weak = std::weak_ptr<Client>(client)] {
            if (auto c = weak.lock())
                c->cancel();
        };
        return client;
    }
    // `headers` plus the configured Authorization header.
    Net::Headers withAuth(Net::Headers headers, const SessionContext &ctx) const;
    // "pollSeconds" in milliseconds.
    int pollMs(double defaultSeconds) const;

    QJsonObject m_config;
    Net::Endpoint m_endpoint;

private:
    std::mutex m_mutex;
    bool m_cancelled = false;
    std::function<void()> m_cancelCurrent;
};

template<class T>
std::unique_ptr<Connector> makeConnector(const QJsonObject &config, QString &error)
{
    auto c = std::make_unique<T>(config);
    if (!c->init(error))
        return nullptr;
    return c;
}

Net::NetError stoppedError();
Net::NetError storeError(const SessionContext &ctx);

// At the end of what the sensor has for now: Done without follow; with follow, reports Connected
// and waits `ms` (Stopped when stopped meanwhile) before the connector asks again.
enum class AtEnd { Done, Again, Stopped };
AtEnd caughtUp(SessionContext &ctx, int ms);

// The network endpoint a configuration describes: url, caFile, pin, timeouts, limits.
Net::Endpoint endpointFrom(const QJsonObject &config, QString &error);
// The path and query of a URL, as an HTTP request target ("/" at least).
QByteArray requestTarget(const QUrl &url);
// The Authorization header for "auth": basic (user + secret), bearer, apikey; empty for none.
QByteArray authorizationHeader(const QJsonObject &config, const QByteArray &secret);

// Collects raw records into batches, normalising them with the same code as file imports, and
// hands each batch with its cursor to the sink.
class Delivery
{
public:
    explicit Delivery(SessionContext &ctx, std::size_t batchEvents = 8192);
    ~Delivery();
    // Adds one record (one JSON object, exact bytes as the sensor sent them). `padded`: the
    // record lies inside a simdjson::padded_string (bytes after it may be read), so it needs no
    // copy.
    void add(std::string_view raw, bool padded = false);
    std::size_t pending() const;
    // Submits what is pending with `cursor` (also when nothing is pending: the cursor moves).
    // False when the store failed.
    bool flush(const std::string &cursor);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

Net::NetError httpStatusError(const Net::HttpResponse &res, const QString &what);
// Logs in to a Wazuh manager API (basic credentials) for the JWT its other calls take.
Net::NetError wazuhLogin(Net::HttpClient &http,
                         const QJsonObject &config,
                         const QByteArray &secret,
                         QByteArray &token);

} // namespace Vigie::Connectors
