// SPDX-License-Identifier: Apache-2.0
// Elasticsearch / OpenSearch: Elastic Security alert indices, any ECS index, the Wazuh indexer.
// Pages with a point in time and search_after where the cluster offers it, and search_after on
// @timestamp plus a tiebreaker otherwise; never from/size past 10,000. The cursor is the sort
// values of the last hit delivered.
#include "connector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QUrl>

#include <simdjson.h>

#include <future>
#include <mutex>

namespace Vigie::Connectors {

namespace {

constexpr std::size_t kMinBatch = 8192;

class ElasticConnector final : public NetworkConnector
{
public:
    explicit ElasticConnector(const QJsonObject &config)
        : NetworkConnector(config)
    {}

    bool init(QString &error)
    {
        initEndpoint(error);
        if (!error.isEmpty())
            return false;
        m_index = m_config.value(QLatin1String("index")).toString();
        if (m_index.isEmpty()) {
            error = QStringLiteral("an elastic connector needs an index (pattern), such as "
                                   ".alerts-security.alerts-*");
            return false;
        }
        m_pageSize = std::clamp(m_config.value(QLatin1String("pageSize")).toInt(5000), 1, 10000);
        m_page = m_pageSize;
        m_usePit = m_config.value(QLatin1String("pit")).toBool(true);
        m_lookbackMs = qint64(m_config.value(QLatin1String("lookbackSeconds")).toDouble(0) * 1000);
        m_tsField = m_config.value(QLatin1String("timestampField"))
                        .toString(QStringLiteral("@timestamp"));
        m_tiebreaker = m_config.value(QLatin1String("tiebreaker")).toString(QStringLiteral("_id"));
        m_pollMs = pollMs(5);
        const QJsonValue q = m_config.value(QLatin1String("query"));
        if (q.isObject())
            m_query = QJsonDocument(q.toObject()).toJson(QJsonDocument::Compact);
        else if (q.isString() && !q.toString().isEmpty())
            m_query = q.toString().toUtf8();
        else
            m_query = R"({"match_all":{}})";
        return true;
    }

    Net::NetError session(SessionContext &ctx) override
    {
        const auto http = openClient<Net::HttpClient>(ctx);
        if (!http)
            return stoppedError();
        const Net::Headers headers = withAuth({{"Content-Type", "application/json"}}, ctx);
        const QByteArray indexPath = QUrl::toPercentEncoding(m_index, "*,.-_");
        ctx.setHealth(Health::Connecting, QString());

        Delivery delivery(ctx, static_cast<std::size_t>(m_pageSize) * 2);
        simdjson::ondemand::parser parser;
        int &pageSize = m_page;
        std::vector<std::string_view> sources;
        std::string pendingCursor;
        // Whatever way the session ends, what was gathered is written with its cursor.
        auto flushPending = qScopeGuard([&] {
            if (delivery.pending() > 0)
                delivery.flush(pendingCursor);
        });
        bool reported = false;
        for (;;) {
            QByteArray pit;
            if (m_usePit) {
                Net::HttpResponse res;
                Net::HttpRequest rq{"POST", '/' + indexPath + "/_pit?keep_alive=2m", headers, {}};
                if (auto e = http->request(rq, res))
                    return e;
                if (res.status == 200) {
                    pit = QJsonDocument::fromJson(res.body)
                              .object()
                              .value(QLatin1String("id"))
                              .toString()
                              .toUtf8();
                } else if (res.status == 401 || res.status == 403 || res.status == 429
                           || res.status >= 500) {
                    return httpStatusError(res, QStringLiteral("opening a point in time"));
                } else {
                    m_usePit = false; // an older cluster or OpenSearch without PIT
                }
            }
            // Page until a short page says the index is caught up. The next page is requested
            // as soon as this one's last sort values are known, so that the sensor and the
            // network work while this thread normalises.
            //
            // Sort values under a point in time end with its own tie-breaker (_shard_doc), which
            // means nothing to another one: the first page of a new point in time starts from the
            // cursor's timestamp (inclusive, less the look-back) instead, and the documents seen
            // again there are recognised by their identity and stored once.
            bool freshPit = !pit.isEmpty();
            auto requestFor = [&](const std::string &after) {
                QByteArray query = m_query;
                const bool fromTimestamp = freshPit && !after.empty();
                if (fromTimestamp) {
                    const QJsonArray sortValues
                        = QJsonDocument::fromJson(QByteArray::fromStdString(after)).array();
                    const qint64 ts = sortValues.at(0).toInteger() - m_lookbackMs;
                    query = "{\"bool\":{\"filter\":[" + m_query + ",{\"range\":{\""
                            + m_tsField.toUtf8() + "\":{\"gte\":" + QByteArray::number(ts)
                            + ",\"format\":\"epoch_millis\"}}}]}}";
                }
                QByteArray body = "{\"size\":" + QByteArray::number(pageSize) + ",\"query\":"
                                  + query + ",\"sort\":[{\"" + m_tsField.toUtf8() + "\":\"asc\"}";
                if (pit.isEmpty())
                    body += ",{\"" + m_tiebreaker.toUtf8() + "\":\"asc\"}";
                body += ']';
                if (!pit.isEmpty())
                    body += ",\"pit\":{\"id\":\"" + pit + "\",\"keep_alive\":\"2m\"}";
                if (!after.empty() && !fromTimestamp)
                    body += ",\"search_after\":" + QByteArray::fromStdString(after);
                body += ",\"track_total_hits\":false}";
                const QByteArray target
                    = pit.isEmpty() ? '/' + indexPath + "/_search" : QByteArray("/_search");
                return Net::HttpRequest{"POST", target, headers, body};
            };
            using Fetched = std::pair<Net::NetError, Net::HttpResponse>;
            std::future<Fetched> prefetch;
            for (;;) {
                if (ctx.stopping())
                    return stoppedError();
                Net::HttpResponse res;
                Net::NetError e;
                if (prefetch.valid()) {
                    auto fetched = prefetch.get();
                    e = fetched.first;
                    res = std::move(fetched.second);
                } else {
                    e = http->request(requestFor(ctx.cursor), res);
                }
                if (e.kind == Net::ErrorKind::TooLarge && pageSize > 10) {
                    pageSize = std::max(10, pageSize / 2); // smaller pages for the retry
                    return e;
                }
                if (e)
                    return e;
                if (res.status == 404 && res.body.contains("search_context_missing")) {
                    pit.clear(); // the point in time expired: open a new one
                    break;
                }
                if (res.status == 429) {
                    ctx.retryAfterMs = res.header("Retry-After").toInt() * 1000;
                    return httpStatusError(res, QStringLiteral("searching %1").arg(m_index));
                }
                if (res.status != 200)
                    return httpStatusError(res, QStringLiteral("searching %1").arg(m_index));
                if (!reported) {
                    ctx.setHealth(Health::CatchingUp, QString());
                    reported = true;
                }

                // Hits: each _source is delivered as the exact bytes the cluster returned.
                simdjson::padded_string json(res.body.constData(), std::size_t(res.body.size()));
                std::size_t hits = 0;
                std::string lastSort;
                sources.clear();
                QByteArray newPit;
                const auto error = [&]() -> simdjson::error_code {
                    simdjson::ondemand::document doc;
                    if (auto err = parser.iterate(json).get(doc))
                        return err;
                    simdjson::ondemand::object root;
                    if (auto err = doc.get_object().get(root))
                        return err;
                    for (auto field : root) {
                        std::string_view key;
                        if (auto err = field.unescaped_key().get(key))
                            return err;
                        if (key == "pit_id") {
                            std::string_view v;
                            if (field.value().get_string().get(v) == simdjson::SUCCESS)
                                newPit = QByteArray(v.data(), qsizetype(v.size()));
                        } else if (key == "hits") {
                            simdjson::ondemand::array list;
                            if (auto err = field.value()["hits"].get_array().get(list))
                                return err;
                            for (auto hitValue : list) {
                                simdjson::ondemand::object hit;
                                if (auto err = hitValue.get_object().get(hit))
                                    return err;
                                std::string_view source, sort;
                                for (auto hf : hit) {
                                    std::string_view hk;
                                    if (auto err = hf.unescaped_key().get(hk))
                                        return err;
                                    if (hk == "_source") {
                                        simdjson::ondemand::object so;
                                        if (auto err = hf.value().get_object().get(so))
                                            return err;
                                        if (auto err = so.raw_json().get(source))
                                            return err;
                                    } else if (hk == "sort") {
                                        simdjson::ondemand::array sa;
                                        if (auto err = hf.value().get_array().get(sa))
                                            return err;
                                        if (auto err = sa.raw_json().get(sort))
                                            return err;
                                    }
                                }
                                if (sort.empty())
                                    return simdjson::NO_SUCH_FIELD;
                                if (!source.empty())
                                    sources.push_back(source);
                                lastSort.assign(sort);
                                ++hits;
                            }
                        }
                    }
                    return simdjson::SUCCESS;
                }();
                if (error != simdjson::SUCCESS)
                    return {Net::ErrorKind::Data,
                            QStringLiteral("%1: the search response is not valid (%2); the page "
                                           "is fetched again")
                                .arg(m_endpoint.url.host(),
                                     QString::fromLatin1(simdjson::error_message(error)))};
                if (!newPit.isEmpty())
                    pit = newPit;
                freshPit = false; // from here, this point in time's own sort values
                const bool full = hits >= std::size_t(pageSize);
                if (full) {
                    prefetch = std::async(std::launch::async, [http, rq = requestFor(lastSort)] {
                        Net::HttpResponse r;
                        Net::NetError err = http->request(rq, r);
                        return Fetched{err, std::move(r)};
                    });
                }
                for (const std::string_view source : sources)
                    delivery.add(source, true); // inside `json`, a padded string
                // Small pages are gathered into larger transactions: each commit costs the store
                // a full-text segment, whatever its size.
                if (hits > 0) {
                    pendingCursor = lastSort;
                    if ((!full || delivery.pending() >= kMinBatch)
                        && !delivery.flush(pendingCursor))
                        return storeError(ctx);
                }
                if (!full) {
                    closePit(*http, pit, headers);
                    pit.clear();
                    if (!ctx.follow)
                        return {};
                    ctx.setHealth(Health::Connected, QString());
                    if (!ctx.sleep(m_pollMs))
                        return stoppedError();
                    break; // a new point in time sees what arrived meanwhile
                }
            }
        }
    }

private:
    static void closePit(Net::HttpClient &http, const QByteArray &pit, const Net::Headers &headers)
    {
        if (pit.isEmpty())
            return;
        Net::HttpResponse res;
        http.request({"DELETE", "/_pit", headers, "{\"id\":\"" + pit + "\"}"}, res);
    }

    QString m_index;
    int m_pageSize = 1000;
    int m_page = 1000; // smaller after a response over the size limit
    bool m_usePit = true;
    QString m_tsField;
    QString m_tiebreaker;
    int m_pollMs = 5000;
    QByteArray m_query;
    qint64 m_lookbackMs = 0;
};

} // namespace

std::unique_ptr<Connector> makeElasticConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<ElasticConnector>(config, error);
}

} // namespace Vigie::Connectors
