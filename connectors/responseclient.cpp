// SPDX-License-Identifier: Apache-2.0
#include "connectors/responseclient.h"

#include "connectors/connector.h"

namespace Vigie::Connectors {

namespace {

bool hasHeader(const Net::Headers &headers, const QByteArray &name)
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QPair<QByteArray, QByteArray> header(const QByteArray &name, const QByteArray &value)
{
    return {name, value};
}

bool isKibanaApi(const QString &kind, const QByteArray &target)
{
    return kind == QLatin1String("elastic") && target.startsWith("/api/");
}

} // namespace

ResponseClient::ResponseClient(Net::NetworkThread &net,
                               const QString &kind,
                               const QJsonObject &config,
                               const QByteArray &secret)
    : m_net(net)
    , m_kind(kind)
    , m_config(config)
    , m_secret(secret)
{}

ResponseClient::~ResponseClient() = default;

Net::Headers ResponseClient::addedHeaders(const QString &kind,
                                          const QJsonObject &config,
                                          const QByteArray &method,
                                          const QByteArray &target,
                                          const QByteArray &body)
{
    Net::Headers added;
    if (!body.isEmpty())
        added.append(header("Content-Type", "application/json"));
    // Kibana refuses API calls that change state without this header (its CSRF guard).
    if (isKibanaApi(kind, target) && method != "GET")
        added.append(header("kbn-xsrf", "true"));
    if (kind == QLatin1String("wazuh"))
        added.append(header("Authorization", "Bearer ****"));
    else if (const QByteArray auth = authorizationHeader(config, "****"); !auth.isEmpty())
        added.append(
            header("Authorization", auth.startsWith("Basic ") ? QByteArray("Basic ****") : auth));
    return added;
}

Net::HttpClient *ResponseClient::clientFor(const QByteArray &target, QString &error)
{
    const bool kibana = isKibanaApi(m_kind, target)
                        && !m_config.value(QLatin1String("kibanaUrl")).toString().isEmpty();
    auto &slot = kibana ? m_kibana : m_api;
    if (slot)
        return slot.get();
    QJsonObject config = m_config;
    if (kibana)
        config.insert(QStringLiteral("url"), m_config.value(QLatin1String("kibanaUrl")));
    Net::Endpoint endpoint = endpointFrom(config, error);
    if (!error.isEmpty())
        return nullptr;
    const QString scheme = endpoint.url.scheme().toLower();
    const QString auth = m_config.value(QLatin1String("auth")).toString();
    const bool sendsSecret
        = m_kind == QLatin1String("wazuh") || (!auth.isEmpty() && auth != QLatin1String("none"));
    if (scheme == QLatin1String("http") && sendsSecret
        && !m_config.value(QLatin1String("allowPlaintextAuth")).toBool()) {
        error = QStringLiteral("credentials are not sent over plain http: use https, or set "
                               "allowPlaintextAuth for a lab sensor");
        return nullptr;
    }
    auto client = std::make_unique<Net::HttpClient>(m_net, endpoint);
    std::lock_guard lock(m_mutex); // cancel() may be looking at the slot from another thread
    slot = std::move(client);
    return slot.get();
}

Net::NetError ResponseClient::login()
{
    QString error;
    Net::HttpClient *http = clientFor("/security/user/authenticate", error);
    if (!http)
        return {Net::ErrorKind::Config, error};
    return wazuhLogin(*http, m_config, m_secret, m_token);
}

ResponseClient::Reply ResponseClient::send(const QByteArray &method,
                                           const QByteArray &target,
                                           const Net::Headers &headers,
                                           const QByteArray &body)
{
    Reply reply;
    {
        std::lock_guard lock(m_mutex);
        if (m_cancelled) {
            reply.error = {Net::ErrorKind::Cancelled, QStringLiteral("stopped")};
            return reply;
        }
    }
    QString error;
    Net::HttpClient *http = clientFor(target, error);
    if (!http) {
        reply.error = {Net::ErrorKind::Config, error};
        return reply;
    }
    const bool wazuh = m_kind == QLatin1String("wazuh");
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (wazuh && m_token.isEmpty())
            if (auto e = login()) {
                reply.error = e;
                return reply;
            }
        Net::Headers all = headers;
        if (!body.isEmpty() && !hasHeader(all, "Content-Type"))
            all.append(header("Content-Type", "application/json"));
        if (isKibanaApi(m_kind, target) && method != "GET" && !hasHeader(all, "kbn-xsrf"))
            all.append(header("kbn-xsrf", "true"));
        if (wazuh)
            all.append(header("Authorization", "Bearer " + m_token));
        else if (const QByteArray auth = authorizationHeader(m_config, m_secret); !auth.isEmpty())
            all.append(header("Authorization", auth));
        Net::HttpResponse res;
        if (auto e = http->request({method, target, all, body}, res)) {
            reply.error = e;
            return reply;
        }
        if (wazuh && res.status == 401 && attempt == 0) {
            m_token.clear(); // the token expired: log in again, once
            continue;
        }
        reply.status = res.status;
        reply.body = res.body;
        return reply;
    }
    return reply;
}

void ResponseClient::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
    if (m_api)
        m_api->cancel();
    if (m_kibana)
        m_kibana->cancel();
}

} // namespace Vigie::Connectors
