// SPDX-License-Identifier: Apache-2.0
#include "connector.h"

#include "core/detection/detector.h"
#include "core/ingest/recordbatcher.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

namespace Vigie::Connectors {

std::unique_ptr<Connector> makeElasticConnector(const QJsonObject &config, QString &error);
std::unique_ptr<Connector> makeWebSocketConnector(const QJsonObject &config, QString &error);
std::unique_ptr<Connector> makeTheHiveConnector(const QJsonObject &config, QString &error);
std::unique_ptr<Connector> makeRestConnector(const QJsonObject &config, QString &error);
std::unique_ptr<Connector> makeWazuhConnector(const QJsonObject &config, QString &error);
std::unique_ptr<Connector> makeEveFileConnector(const QJsonObject &config, QString &error);

QString healthName(Health h)
{
    switch (h) {
    case Health::Stopped:
        return QStringLiteral("stopped");
    case Health::Connecting:
        return QStringLiteral("connecting");
    case Health::CatchingUp:
        return QStringLiteral("catching-up");
    case Health::Connected:
        return QStringLiteral("connected");
    case Health::BackingOff:
        return QStringLiteral("backing-off");
    case Health::AuthFailed:
        return QStringLiteral("auth-failed");
    case Health::TlsFailed:
        return QStringLiteral("tls-failed");
    case Health::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}

QString healthLabel(Health h)
{
    switch (h) {
    case Health::Stopped:
        return QCoreApplication::translate("Connectors", "Stopped");
    case Health::Connecting:
        return QCoreApplication::translate("Connectors", "Connecting");
    case Health::CatchingUp:
        return QCoreApplication::translate("Connectors", "Catching up");
    case Health::Connected:
        return QCoreApplication::translate("Connectors", "Connected");
    case Health::BackingOff:
        return QCoreApplication::translate("Connectors", "Backing off");
    case Health::AuthFailed:
        return QCoreApplication::translate("Connectors", "Authentication failed");
    case Health::TlsFailed:
        return QCoreApplication::translate("Connectors", "TLS failed");
    case Health::Failed:
        return QCoreApplication::translate("Connectors", "Failed");
    }
    return QString();
}

QStringList connectorKinds()
{
    return {QStringLiteral("elastic"),
            QStringLiteral("websocket"),
            QStringLiteral("thehive"),
            QStringLiteral("rest"),
            QStringLiteral("wazuh"),
            QStringLiteral("eve-file")};
}

std::unique_ptr<Connector>
Connector::create(const QString &kind, const QJsonObject &config, QString &error)
{
    error.clear();
    if (kind == QLatin1String("elastic"))
        return makeElasticConnector(config, error);
    if (kind == QLatin1String("websocket"))
        return makeWebSocketConnector(config, error);
    if (kind == QLatin1String("thehive"))
        return makeTheHiveConnector(config, error);
    if (kind == QLatin1String("rest"))
        return makeRestConnector(config, error);
    if (kind == QLatin1String("wazuh"))
        return makeWazuhConnector(config, error);
    if (kind == QLatin1String("eve-file"))
        return makeEveFileConnector(config, error);
    error = QStringLiteral("unknown connector kind \"%1\" (one of: %2)")
                .arg(kind, connectorKinds().join(QStringLiteral(", ")));
    return nullptr;
}

Net::Endpoint endpointFrom(const QJsonObject &config, QString &error)
{
    Net::Endpoint ep;
    ep.url = QUrl(config.value(QLatin1String("url")).toString());
    if (!ep.url.isValid() || ep.url.host().isEmpty()) {
        error = QStringLiteral("the connector needs a url such as https://host:9200");
        return ep;
    }
    ep.tls.caFile = config.value(QLatin1String("caFile")).toString();
    ep.tls.pinSha256 = config.value(QLatin1String("pin")).toString();
    auto ms = [&](const char *key, int def) {
        return config.value(QLatin1String(key)).toInt(def);
    };
    ep.timeouts.connectMs = ms("connectTimeoutMs", ep.timeouts.connectMs);
    ep.timeouts.handshakeMs = ms("handshakeTimeoutMs", ep.timeouts.handshakeMs);
    ep.timeouts.readMs = ms("readTimeoutMs", ep.timeouts.readMs);
    ep.timeouts.writeMs = ms("writeTimeoutMs", ep.timeouts.writeMs);
    ep.limits.maxResponseBytes
        = config.value(QLatin1String("maxResponseBytes")).toInteger(ep.limits.maxResponseBytes);
    ep.limits.maxMessageBytes
        = config.value(QLatin1String("maxMessageBytes")).toInteger(ep.limits.maxMessageBytes);
    return ep;
}

QByteArray requestTarget(const QUrl &url)
{
    QByteArray target = url.path(QUrl::FullyEncoded).toUtf8();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toUtf8();
    return target;
}

QByteArray authorizationHeader(const QJsonObject &config, const QByteArray &secret)
{
    const QString auth = config.value(QLatin1String("auth")).toString();
    if (auth == QLatin1String("basic"))
        return "Basic "
               + QByteArray(config.value(QLatin1String("user")).toString().toUtf8() + ':' + secret)
                     .toBase64();
    if (auth == QLatin1String("bearer"))
        return "Bearer " + secret;
    if (auth == QLatin1String("apikey"))
        return "ApiKey " + secret;
    return QByteArray();
}

bool NetworkConnector::needsSecret() const
{
    const QString a = m_config.value(QLatin1String("auth")).toString();
    return !a.isEmpty() && a != QLatin1String("none");
}

void NetworkConnector::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_cancelCurrent)
        m_cancelCurrent();
}

bool NetworkConnector::initEndpoint(QString &error)
{
    m_endpoint = endpointFrom(m_config, error);
    if (!error.isEmpty())
        return false;
    const QString scheme = m_endpoint.url.scheme().toLower();
    const bool plain = scheme == QLatin1String("http") || scheme == QLatin1String("ws");
    if (plain && needsSecret() && !m_config.value(QLatin1String("allowPlaintextAuth")).toBool()) {
        error = QStringLiteral("credentials are not sent over plain %1: use %2, or set "
                               "allowPlaintextAuth for a lab sensor")
                    .arg(scheme,
                         scheme == QLatin1String("ws") ? QStringLiteral("wss")
                                                       : QStringLiteral("https"));
        return false;
    }
    return true;
}

Net::Headers NetworkConnector::withAuth(Net::Headers headers, const SessionContext &ctx) const
{
    const QByteArray auth = authorizationHeader(m_config, ctx.secret);
    if (!auth.isEmpty())
        headers.append({"Authorization", auth});
    return headers;
}

int NetworkConnector::pollMs(double defaultSeconds) const
{
    return int(m_config.value(QLatin1String("pollSeconds")).toDouble(defaultSeconds) * 1000);
}

Net::NetError stoppedError()
{
    return {Net::ErrorKind::Cancelled, QStringLiteral("stopped")};
}

Net::NetError storeError(const SessionContext &ctx)
{
    return {Net::ErrorKind::Store, ctx.sink->error()};
}

AtEnd caughtUp(SessionContext &ctx, int ms)
{
    if (!ctx.follow)
        return AtEnd::Done;
    ctx.setHealth(Health::Connected, QString());
    return ctx.sleep(ms) ? AtEnd::Again : AtEnd::Stopped;
}

Net::NetError httpStatusError(const Net::HttpResponse &res, const QString &what)
{
    QString reason;
    const QJsonDocument doc = QJsonDocument::fromJson(res.body.left(64 * 1024));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("error")).isObject())
        reason
            = o.value(QLatin1String("error")).toObject().value(QLatin1String("reason")).toString();
    if (reason.isEmpty())
        reason = o.value(QLatin1String("message")).toString();
    if (reason.isEmpty())
        reason = o.value(QLatin1String("detail")).toString();
    if (reason.isEmpty())
        reason = QString::fromUtf8(res.body.left(200)).simplified();
    const QString msg
        = QStringLiteral("%1: HTTP %2%3")
              .arg(what)
              .arg(res.status)
              .arg(reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason));
    if (res.status == 401 || res.status == 403)
        return {Net::ErrorKind::Auth, msg};
    return {Net::ErrorKind::Http, msg};
}

struct Delivery::Impl
{
    Impl(SessionContext &c, std::size_t n)
        : ctx(c)
        , batchEvents(n)
    {}
    SessionContext &ctx;
    std::size_t batchEvents;
    RecordBatcher batcher;
    IngestBatch batch;
    std::string error;
};

Delivery::Delivery(SessionContext &ctx, std::size_t batchEvents)
    : d(std::make_unique<Impl>(ctx, batchEvents))
{
    d->batch.sourceId = ctx.sourceId;
    if (ctx.detect)
        d->batcher.setRules(Detection::RuleSet::bundled());
}

Delivery::~Delivery() = default;

void Delivery::add(std::string_view raw, bool padded)
{
    if (d->batcher.add(raw, d->batch, d->error, padded) == RecordBatcher::Outcome::Rejected) {
        ++d->ctx.rejected;
        d->ctx.lastRejection = QString::fromStdString(d->error);
    }
}

std::size_t Delivery::pending() const
{
    return d->batch.size();
}

bool Delivery::flush(const std::string &cursor)
{
    d->batcher.finishBatch(d->batch);
    d->batch.cursor = cursor;
    d->batch.sourceId = d->ctx.sourceId;
    const auto n = static_cast<std::int64_t>(d->batch.size());
    if (!d->ctx.sink->submit(std::move(d->batch)))
        return false;
    d->ctx.cursor = cursor;
    d->ctx.delivered += n;
    d->batch = IngestBatch();
    d->batch.events.reserve(d->batchEvents);
    return true;
}

} // namespace Vigie::Connectors
