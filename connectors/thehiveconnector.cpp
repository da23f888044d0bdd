// SPDX-License-Identifier: Apache-2.0
// TheHive 5: alerts through POST /api/v1/query (listAlert, filtered on _createdAt, sorted, paged).
// The cursor is the _createdAt of the last alert delivered and how many alerts of that very
// millisecond were delivered, so that alerts sharing a millisecond are neither lost nor repeated.
#include "connector.h"

#include <QJsonDocument>

#include <simdjson.h>

#include <mutex>

namespace Vigie::Connectors {

namespace {

class TheHiveConnector final : public NetworkConnector
{
public:
    explicit TheHiveConnector(const QJsonObject &config)
        : NetworkConnector(config)
    {}

    bool init(QString &error)
    {
        initEndpoint(error);
        m_pageSize = std::clamp(m_config.value(QLatin1String("pageSize")).toInt(500), 1, 10000);
        m_pollMs = pollMs(10);
        return error.isEmpty();
    }

    Net::NetError session(SessionContext &ctx) override
    {
        const auto http = openClient<Net::HttpClient>(ctx);
        if (!http)
            return stoppedError();
        const Net::Headers headers = withAuth({{"Content-Type", "application/json"}}, ctx);
        std::int64_t ms = 0, skip = 0;
        if (!ctx.cursor.empty()) {
            const QJsonObject c
                = QJsonDocument::fromJson(QByteArray::fromStdString(ctx.cursor)).object();
            ms = c.value(QLatin1String("ms")).toInteger();
            skip = c.value(QLatin1String("skip")).toInteger();
        }
        ctx.setHealth(Health::Connecting, QString());
        Delivery delivery(ctx);
        simdjson::ondemand::parser parser;
        bool reported = false;
        for (;;) {
            if (ctx.stopping())
                return stoppedError();
            const QByteArray body
                = R"({"query":[{"_name":"listAlert"},{"_name":"filter","_gte":{"_field":"_createdAt","_value":)"
                  + QByteArray::number(ms)
                  + R"(}},{"_name":"sort","_fields":[{"_createdAt":"asc"},{"_id":"asc"}]},{"_name":"page","from":)"
                  + QByteArray::number(skip) + ",\"to\":" + QByteArray::number(skip + m_pageSize)
                  + "}]}";
            Net::HttpResponse res;
            if (auto e
                = http->request({"POST", "/api/v1/query?name=vigie-alerts", headers, body}, res))
                return e;
            if (res.status != 200)
                return httpStatusError(res, QStringLiteral("listing TheHive alerts"));
            if (!reported) {
                ctx.setHealth(Health::CatchingUp, QString());
                reported = true;
            }
            simdjson::padded_string json(res.body.constData(), std::size_t(res.body.size()));
            std::int64_t n = 0;
            std::int64_t newMs = ms, newSkip = skip;
            const auto err = [&]() -> simdjson::error_code {
                simdjson::ondemand::document doc;
                if (auto e = parser.iterate(json).get(doc))
                    return e;
                simdjson::ondemand::array arr;
                if (auto e = doc.get_array().get(arr))
                    return e;
                for (auto v : arr) {
                    simdjson::ondemand::object o;
                    if (auto e = v.get_object().get(o))
                        return e;
                    std::string_view raw;
                    if (auto e = o.raw_json().get(raw))
                        return e;
                    o.reset();
                    std::int64_t created = 0;
                    if (auto e = o.find_field_unordered("_createdAt").get_int64().get(created))
                        return e;
                    delivery.add(raw);
                    if (created == newMs) {
                        ++newSkip;
                    } else {
                        newMs = created;
                        newSkip = 1;
                    }
                    ++n;
                }
                return simdjson::SUCCESS;
            }();
            if (err != simdjson::SUCCESS)
                return {Net::ErrorKind::Data,
                        QStringLiteral("%1: the alert list is not valid JSON (%2)")
                            .arg(m_endpoint.url.host(),
                                 QString::fromLatin1(simdjson::error_message(err)))};
            if (n > 0) {
                ms = newMs;
                skip = newSkip;
                const std::string cursor
                    = "{\"ms\":" + std::to_string(ms) + ",\"skip\":" + std::to_string(skip) + '}';
                if (!delivery.flush(cursor))
                    return storeError(ctx);
            }
            if (n < m_pageSize) {
                if (const AtEnd at = caughtUp(ctx, m_pollMs); at != AtEnd::Again)
                    return at == AtEnd::Done ? Net::NetError{} : stoppedError();
            }
        }
    }

private:
    int m_pageSize = 500;
    int m_pollMs = 10000;
};

} // namespace

std::unique_ptr<Connector> makeTheHiveConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<TheHiveConnector>(config, error);
}

} // namespace Vigie::Connectors
