// SPDX-License-Identifier: Apache-2.0
// The Wazuh manager API: logs in for a JWT (POST /security/user/authenticate with basic
// credentials), lists the agents (GET /agents, paged) to enrich hosts, and logs in again when the
// token expires (a 401). Alerts come through the Wazuh indexer with the elastic connector.
#include "connector.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <mutex>

namespace Vigie::Connectors {

namespace {

class WazuhConnector final : public NetworkConnector
{
public:
    explicit WazuhConnector(const QJsonObject &config)
        : NetworkConnector(config)
    {}

    bool init(QString &error)
    {
        initEndpoint(error);
        m_pollMs = pollMs(300);
        if (error.isEmpty() && m_config.value(QLatin1String("user")).toString().isEmpty())
            error = QStringLiteral("a wazuh connector needs a user (and its password as secret)");
        return error.isEmpty();
    }
    bool needsSecret() const override { return true; }

    Net::NetError login(Net::HttpClient &http, SessionContext &ctx)
    {
        return wazuhLogin(http, m_config, ctx.secret, m_token);
    }

    Net::NetError session(SessionContext &ctx) override
    {
        const auto http = openClient<Net::HttpClient>(ctx);
        if (!http)
            return stoppedError();
        ctx.setHealth(Health::Connecting, QString());
        if (auto e = login(*http, ctx))
            return e;
        for (;;) {
            ctx.setHealth(Health::CatchingUp, QString());
            std::vector<AssetRecord> assets;
            int offset = 0;
            bool relogged = false;
            for (;;) {
                Net::HttpResponse res;
                const QByteArray target = "/agents?limit=500&offset=" + QByteArray::number(offset);
                if (auto e = http->request(
                        {"GET", target, {{"Authorization", "Bearer " + m_token}}, {}}, res))
                    return e;
                if (res.status == 401 && !relogged) {
                    relogged = true; // the token expired: log in again, once
                    if (auto e = login(*http, ctx))
                        return e;
                    continue;
                }
                if (res.status != 200)
                    return httpStatusError(res, QStringLiteral("listing Wazuh agents"));
                const QJsonObject data = QJsonDocument::fromJson(res.body)
                                             .object()
                                             .value(QLatin1String("data"))
                                             .toObject();
                const QJsonArray items = data.value(QLatin1String("affected_items")).toArray();
                for (const QJsonValue &v : items) {
                    const QJsonObject a = v.toObject();
                    AssetRecord r;
                    r.agentId = a.value(QLatin1String("id")).toString();
                    r.hostName = a.value(QLatin1String("name")).toString();
                    r.ip = a.value(QLatin1String("ip")).toString();
                    const QJsonObject os = a.value(QLatin1String("os")).toObject();
                    r.os = os.value(QLatin1String("name"))
                               .toString(os.value(QLatin1String("platform")).toString());
                    r.status = a.value(QLatin1String("status")).toString();
                    const QDateTime seen = QDateTime::fromString(
                        a.value(QLatin1String("lastKeepAlive")).toString(), Qt::ISODate);
                    r.lastSeenUs = seen.isValid() ? seen.toMSecsSinceEpoch() * 1000 : 0;
                    assets.push_back(r);
                }
                offset += int(items.size());
                if (items.isEmpty()
                    || offset >= data.value(QLatin1String("total_affected_items")).toInt())
                    break;
            }
            if (auto r = ctx.saveAssets(assets); !r)
                return {Net::ErrorKind::Store, r.error()};
            ctx.delivered += static_cast<std::int64_t>(assets.size());
            if (const AtEnd at = caughtUp(ctx, m_pollMs); at != AtEnd::Again)
                return at == AtEnd::Done ? Net::NetError{} : stoppedError();
        }
    }

private:
    int m_pollMs = 300000;
    QByteArray m_token;
};

} // namespace

std::unique_ptr<Connector> makeWazuhConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<WazuhConnector>(config, error);
}

Net::NetError wazuhLogin(Net::HttpClient &http,
                         const QJsonObject &config,
                         const QByteArray &secret,
                         QByteArray &token)
{
    QJsonObject basicAuth = config;
    basicAuth.insert(QStringLiteral("auth"), QStringLiteral("basic"));
    const QByteArray basic = authorizationHeader(basicAuth, secret);
    Net::HttpResponse res;
    if (auto e = http.request(
            {"POST", "/security/user/authenticate", {{"Authorization", basic}}, {}}, res))
        return e;
    if (res.status != 200)
        return httpStatusError(res, QStringLiteral("logging in to the Wazuh API"));
    token = QJsonDocument::fromJson(res.body)
                .object()
                .value(QLatin1String("data"))
                .toObject()
                .value(QLatin1String("token"))
                .toString()
                .toUtf8();
    if (token.isEmpty())
        return {Net::ErrorKind::Data, QStringLiteral("the Wazuh API answered without a token")};
    return {};
}

} // namespace Vigie::Connectors
