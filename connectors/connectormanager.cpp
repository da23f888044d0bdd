// SPDX-License-Identifier: Apache-2.0
#include "connectormanager.h"

#include "connectors/secrets.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QTimer>

#include <condition_variable>
#include <random>
#include <thread>

namespace Vigie::Connectors {

struct ConnectorManager::Running
{
    QString name;
    QString kind;
    std::unique_ptr<Connector> connector;
    SessionContext ctx;
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable wake;
    std::thread thread;
    qint64 lastCount = 0;
};

ConnectorManager::ConnectorManager(QString storePath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(storePath))
{
    auto *timer = new QTimer(this);
    timer->setInterval(1000);
    connect(timer, &QTimer::timeout, this, &ConnectorManager::updateRates);
    timer->start();
}

ConnectorManager::~ConnectorManager()
{
    stopAll();
    m_sink.reset(); // writes what is queued
}

Result<void> ConnectorManager::open()
{
    auto store = Store::open(m_path);
    if (!store)
        return Error(store.error());
    m_store = std::move(*store);
    auto sink = IngestSink::open(m_path);
    if (!sink)
        return Error(sink.error());
    m_sink = std::move(*sink);
    m_sink->setWrittenHandler([this](const IngestSink::Written &w) {
        QString name;
        {
            std::lock_guard lock(m_mutex);
            auto it = m_bySource.find(w.sourceId);
            if (it == m_bySource.end())
                return;
            name = it->second;
            m_statuses[name].accepted += w.accepted;
        }
        const qint64 accepted = w.accepted;
        QMetaObject::invokeMethod(
            this, [this, accepted] { Q_EMIT eventsWritten(accepted); }, Qt::QueuedConnection);
    });
    m_net = std::make_shared<Net::NetworkThread>();
    return {};
}

void ConnectorManager::setBackoff(int initialMs, int maxMs)
{
    m_backoffInitialMs = std::max(1, initialMs);
    m_backoffMaxMs = std::max(m_backoffInitialMs, maxMs);
}

void ConnectorManager::fail(const QString &name,
                            const QString &kind,
                            Health h,
                            const QString &error)
{
    {
        std::lock_guard lock(m_mutex);
        auto &s = m_statuses[name];
        s.name = name;
        s.kind = kind;
        s.health = h;
        s.lastError = error;
        s.running = false;
    }
    Q_EMIT statusChanged(name);
    Q_EMIT finished(name);
}

void ConnectorManager::start(const QString &name, bool follow)
{
    if (!m_store) {
        fail(name, QString(), Health::Failed, QStringLiteral("the manager is not open"));
        return;
    }
    if (isRunning(name))
        return;
    auto rec = m_store->connector(name);
    if (!rec) {
        fail(name, QString(), Health::Failed, rec.error());
        return;
    }
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(rec->config, &perr);
    if (!doc.isObject()) {
        fail(name,
             rec->kind,
             Health::Failed,
             QStringLiteral("the configuration of %1 is not a JSON object: %2")
                 .arg(name, perr.errorString()));
        return;
    }
    QString error;
    auto connector = Connector::create(rec->kind, doc.object(), error);
    if (!connector) {
        fail(name, rec->kind, Health::Failed, error);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        auto &s = m_statuses[name];
        s = ConnectorStatus();
        s.name = name;
        s.kind = rec->kind;
        s.health = Health::Connecting;
        s.running = true;
    }
    Q_EMIT statusChanged(name);
    if (!connector->needsSecret()) {
        launch(*rec, std::move(connector), QByteArray(), follow);
        return;
    }
    const QString ref
        = doc.object().value(QLatin1String("secret")).toString(QStringLiteral("keyring"));
    auto shared = std::make_shared<std::unique_ptr<Connector>>(std::move(connector));
    QPointer<ConnectorManager> self(this);
    const ConnectorRecord record = *rec;
    m_starting.insert(name);
    Secrets::read(name, ref, [self, record, shared, follow](Result<QByteArray> secret) {
        if (!self || !self->m_starting.erase(record.name))
            return; // stopped while the secret was being read
        if (!secret) {
            self->fail(record.name, record.kind, Health::AuthFailed, secret.error());
            return;
        }
        self->launch(record, std::move(*shared), *secret, follow);
    });
}

void ConnectorManager::launch(const ConnectorRecord &rec,
                              std::unique_ptr<Connector> connector,
                              QByteArray secret,
                              bool follow)
{
    auto r = std::make_unique<Running>();
    r->name = rec.name;
    r->kind = rec.kind;
    r->connector = std::move(connector);
    r->ctx.net = m_net.get();
    r->ctx.sink = m_sink.get();
    r->ctx.sourceId = rec.sourceId;
    // Detection runs on what connectors bring in, as on imports.
    r->ctx.detect = m_detect;
    r->ctx.cursor = rec.cursor;
    r->ctx.follow = follow;
    r->ctx.secret = std::move(secret);
    Running *raw = r.get();
    r->ctx.stopping = [raw] {
        return raw->stop.load();
    };
    r->ctx.sleep = [raw](int ms) {
        std::unique_lock lock(raw->mutex);
        raw->wake.wait_for(lock, std::chrono::milliseconds(ms), [raw] { return raw->stop.load(); });
        return !raw->stop.load();
    };
    r->ctx.setHealth = [this, raw](Health h, const QString &e) {
        setHealth(raw, h, e);
    };
    const QString path = m_path;
    r->ctx.saveAssets
        = [path, sourceId = rec.sourceId](const std::vector<AssetRecord> &assets) -> Result<void> {
        auto store = Store::open(path);
        if (!store)
            return Error(store.error());
        return (*store)->saveAssets(sourceId, assets);
    };
    // A previous run of this connector whose thread is ending: finish it first.
    reap(rec.name);
    {
        std::lock_guard lock(m_mutex);
        m_bySource[rec.sourceId] = rec.name;
        m_running[rec.name] = std::move(r);
    }
    raw->thread = std::thread([this, raw] { runLoop(raw); });
}

void ConnectorManager::setHealth(Running *r, Health h, const QString &error)
{
    {
        std::lock_guard lock(m_mutex);
        auto &s = m_statuses[r->name];
        if (s.health == h && s.lastError == error)
            return;
        s.health = h;
        if (!error.isEmpty() || h == Health::Connected || h == Health::CatchingUp)
            s.lastError = error;
    }
    const QString name = r->name;
    QMetaObject::invokeMethod(
        this, [this, name] { Q_EMIT statusChanged(name); }, Qt::QueuedConnection);
}

void ConnectorManager::runLoop(Running *r)
{
    std::mt19937 rng(std::random_device{}());
    int backoff = m_backoffInitialMs;
    int authFailures = 0;
    int failures = 0; // sessions in a row that failed without bringing anything
    Health final = Health::Stopped;
    QString finalError;
    bool caughtUp = false;
    while (!r->stop) {
        const std::int64_t before = r->ctx.delivered.load();
        r->ctx.retryAfterMs = 0;
        const Net::NetError e = r->connector->session(r->ctx);
        if (r->stop || e.kind == Net::ErrorKind::Cancelled)
            break;
        if (!e) {
            caughtUp = true;
            break;
        }
        if (r->ctx.delivered.load() > before) {
            backoff = m_backoffInitialMs; // the session made progress: start the backoff afresh
            authFailures = 0;
            failures = 0;
        }
        ++failures;
        Health h = Health::BackingOff;
        switch (e.kind) {
        case Net::ErrorKind::Tls:
            final = Health::TlsFailed;
            break;
        case Net::ErrorKind::Config:
        case Net::ErrorKind::Store:
            final = Health::Failed;
            break;
        case Net::ErrorKind::Auth:
            h = Health::AuthFailed;
            if (++authFailures >= m_maxAuthFailures)
                final = Health::AuthFailed;
            break;
        default:
            break;
        }
        // A one-off pull gives up after a few fruitless attempts; following retries forever.
        if (final == Health::Stopped && !r->ctx.follow && failures >= m_maxPullFailures)
            final = h == Health::AuthFailed ? Health::AuthFailed : Health::Failed;
        if (final != Health::Stopped) {
            finalError = e.message;
            break;
        }
        setHealth(r, h, e.message);
        std::uniform_int_distribution<int> jitter(backoff / 2, backoff);
        const int delay = std::max(jitter(rng), r->ctx.retryAfterMs);
        backoff = std::min(backoff * 2, m_backoffMaxMs);
        if (!r->ctx.sleep(delay))
            break;
    }
    // Everything handed to the sink is written before the run counts as over.
    m_sink->drain(r->ctx.sourceId);
    {
        std::lock_guard lock(m_mutex);
        auto &s = m_statuses[r->name];
        s.health = final;
        if (final != Health::Stopped)
            s.lastError = finalError;
        else if (!m_sink->error().isEmpty()) {
            s.health = Health::Failed;
            s.lastError = m_sink->error();
        }
        s.caughtUp = caughtUp;
        s.running = false;
        s.delivered = r->ctx.delivered.load();
        s.rejected = r->ctx.rejected.load();
        if (s.rejected > 0 && s.lastError.isEmpty())
            s.lastError = QStringLiteral("%1 records refused; the last: %2")
                              .arg(s.rejected)
                              .arg(r->ctx.lastRejection);
    }
    const QString name = r->name;
    QMetaObject::invokeMethod(
        this,
        [this, name] {
            reap(name);
            Q_EMIT statusChanged(name);
            Q_EMIT finished(name);
        },
        Qt::QueuedConnection);
}

void ConnectorManager::reap(const QString &name)
{
    std::unique_ptr<Running> r;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_running.find(name);
        if (it == m_running.end())
            return;
        r = std::move(it->second);
        m_running.erase(it);
    }
    if (r->thread.joinable())
        r->thread.join();
}

void ConnectorManager::stop(const QString &name)
{
    if (m_starting.erase(name)) {
        fail(name, status(name).kind, Health::Stopped, QString());
        return;
    }
    Running *r = nullptr;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_running.find(name);
        if (it == m_running.end())
            return;
        r = it->second.get();
    }
    {
        std::lock_guard lock(r->mutex);
        r->stop = true;
    }
    r->wake.notify_all();
    r->connector->cancel();
}

void ConnectorManager::stopAll()
{
    std::vector<std::unique_ptr<Running>> all;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[name, r] : m_running)
            all.push_back(std::move(r));
        m_running.clear();
    }
    for (auto &r : all) {
        {
            std::lock_guard lock(r->mutex);
            r->stop = true;
        }
        r->wake.notify_all();
        r->connector->cancel();
    }
    for (auto &r : all)
        if (r->thread.joinable())
            r->thread.join();
}

bool ConnectorManager::isRunning(const QString &name) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_statuses.find(name);
    return it != m_statuses.end() && it->second.running;
}

bool ConnectorManager::anyRunning() const
{
    std::lock_guard lock(m_mutex);
    for (const auto &[name, s] : m_statuses)
        if (s.running)
            return true;
    return false;
}

ConnectorStatus ConnectorManager::status(const QString &name) const
{
    std::lock_guard lock(m_mutex);
    auto it = m_statuses.find(name);
    if (it == m_statuses.end()) {
        ConnectorStatus s;
        s.name = name;
        return s;
    }
    ConnectorStatus s = it->second;
    auto rit = m_running.find(name);
    if (rit != m_running.end()) {
        s.delivered = rit->second->ctx.delivered.load();
        s.rejected = rit->second->ctx.rejected.load();
    }
    return s;
}

QList<ConnectorStatus> ConnectorManager::statuses() const
{
    QList<ConnectorStatus> out;
    std::vector<QString> names;
    {
        std::lock_guard lock(m_mutex);
        for (const auto &[name, s] : m_statuses)
            names.push_back(name);
    }
    for (const auto &n : names)
        out.append(status(n));
    return out;
}

void ConnectorManager::updateRates()
{
    std::vector<QString> changed;
    {
        std::lock_guard lock(m_mutex);
        for (auto &[name, s] : m_statuses) {
            auto it = m_running.find(name);
            const qint64 now = s.accepted;
            const qint64 prev = it != m_running.end() ? it->second->lastCount : now;
            const double rate = double(now - prev);
            if (it != m_running.end())
                it->second->lastCount = now;
            const double smoothed = s.rate * 0.5 + rate * 0.5;
            if (std::abs(smoothed - s.rate) > 0.5 || (s.rate != 0 && smoothed < 0.5)) {
                s.rate = smoothed < 0.5 ? 0 : smoothed;
                changed.push_back(name);
            }
        }
    }
    for (const auto &n : changed)
        Q_EMIT statusChanged(n);
}

void ConnectorManager::probe(const QString &kind,
                             const QJsonObject &config,
                             const std::function<void(Result<QString>)> &done)
{
    QPointer<ConnectorManager> self(this);
    // The answer comes back through the application object; whether the manager still exists
    // is checked there, on its own thread.
    auto finish = [self, done](Result<QString> r) {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, done, r] {
                if (self)
                    done(r);
            },
            Qt::QueuedConnection);
    };
    if (kind == QLatin1String("eve-file")) {
        const QFileInfo fi(config.value(QLatin1String("path")).toString());
        if (!fi.exists())
            done(Error(QStringLiteral("%1 does not exist").arg(fi.filePath())));
        else if (!fi.isReadable())
            done(Error(QStringLiteral("%1 is not readable").arg(fi.filePath())));
        else
            done(QStringLiteral("%1 is readable (%2 bytes)").arg(fi.filePath()).arg(fi.size()));
        return;
    }
    QString error;
    const Net::Endpoint ep = endpointFrom(config, error);
    if (!error.isEmpty()) {
        done(Error(error));
        return;
    }
    // The thread shares the network thread, which lives until the probe is over.
    std::shared_ptr<Net::NetworkThread> net = m_net;
    std::thread([net, ep, kind, finish] {
        if (kind == QLatin1String("websocket")) {
            Net::WebSocketClient ws(*net, ep);
            const Net::NetError e = ws.open(requestTarget(ep.url));
            ws.close();
            if (e)
                finish(Error(e.message));
            else
                finish(QStringLiteral("WebSocket upgrade accepted by %1").arg(ep.url.host()));
            return;
        }
        Net::HttpClient http(*net, ep);
        Net::HttpResponse res;
        const Net::NetError e = http.request({"GET", "/", {}, {}}, res);
        if (e)
            finish(Error(e.message));
        else
            finish(QStringLiteral("%1 answered HTTP %2 over %3")
                       .arg(ep.url.host())
                       .arg(res.status)
                       .arg(ep.url.scheme() == QLatin1String("https")
                                ? QStringLiteral("verified TLS")
                                : QStringLiteral("plain HTTP")));
    }).detach();
}

} // namespace Vigie::Connectors
