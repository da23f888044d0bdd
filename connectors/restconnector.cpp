// SPDX-License-Identifier: Apache-2.0
// A generic REST source: a URL, a method, a body template, a JSON pointer to the records array,
// optionally a pointer to the record inside each element (an envelope such as {"_source": …}),
// and a JSON pointer (inside each element) to the cursor field. "{{cursor}}" in the target or the
// body is replaced with the cursor of the last record delivered: as raw JSON in the body (a
// number, a string with its quotes, an array), percent-encoded in the target. Before any cursor,
// "firstBody" and "firstTarget" are used when given. A page with no record, or whose cursor does
// not move, means caught up.
#include "connector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <simdjson.h>

#include <mutex>

namespace Vigie::Connectors {

namespace {

class RestConnector final : public NetworkConnector
{
public:
    explicit RestConnector(const QJsonObject &config)
        : NetworkConnector(config)
    {}

    bool init(QString &error)
    {
        initEndpoint(error);
        if (!error.isEmpty())
            return false;
        auto str = [&](const char *k, const QString &def = QString()) {
            const QJsonValue v = m_config.value(QLatin1String(k));
            if (v.isObject())
                return QString::fromUtf8(
                    QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
            if (v.isArray())
                return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
            return v.toString(def);
        };
        m_method = str("method", QStringLiteral("GET")).toUpper().toUtf8();
        m_target = str("target",
                       m_endpoint.url.path(QUrl::FullyEncoded)
                           + (m_endpoint.url.hasQuery()
                                  ? QLatin1Char('?') + m_endpoint.url.query(QUrl::FullyEncoded)
                                  : QString()));
        if (m_target.isEmpty())
            m_target = QStringLiteral("/");
        m_firstTarget = str("firstTarget", m_target);
        m_body = str("body");
        m_firstBody = str("firstBody", m_body);
        m_records = str("recordsPointer");
        m_cursorPointer = str("cursorPointer");
        m_recordPointer = str("recordPointer");
        if (m_cursorPointer.isEmpty()) {
            error = QStringLiteral("a rest connector needs a cursorPointer (a JSON pointer into "
                                   "each record, such as /id)");
            return false;
        }
        m_pollMs = pollMs(10);
        return true;
    }

    Net::NetError session(SessionContext &ctx) override
    {
        const auto http = openClient<Net::HttpClient>(ctx);
        if (!http)
            return stoppedError();
        const Net::Headers headers
            = withAuth({{"Content-Type", "application/json"}, {"Accept", "application/json"}}, ctx);
        ctx.setHealth(Health::Connecting, QString());
        Delivery delivery(ctx);
        simdjson::dom::parser parser;
        bool reported = false;
        for (;;) {
            if (ctx.stopping())
                return stoppedError();
            const bool first = ctx.cursor.empty();
            QString target = first ? m_firstTarget : m_target;
            QString body = first ? m_firstBody : m_body;
            const QString cursor = QString::fromStdString(ctx.cursor);
            QString plain = cursor;
            if (plain.size() >= 2 && plain.startsWith(QLatin1Char('"'))
                && plain.endsWith(QLatin1Char('"')))
                plain = plain.mid(1, plain.size() - 2);
            target.replace(QLatin1String("{{cursor}}"),
                           QString::fromLatin1(QUrl::toPercentEncoding(plain)));
            body.replace(QLatin1String("{{cursor}}"), cursor);
            Net::HttpResponse res;
            if (auto e = http->request({m_method, target.toUtf8(), headers, body.toUtf8()}, res))
                return e;
            if (res.status != 200)
                // The path only: a query string may carry a key or the cursor.
                return httpStatusError(
                    res,
                    QStringLiteral("requesting %1").arg(target.section(QLatin1Char('?'), 0, 0)));
            if (!reported) {
                ctx.setHealth(Health::CatchingUp, QString());
                reported = true;
            }
            simdjson::dom::element root;
            if (auto err
                = parser.parse(res.body.constData(), std::size_t(res.body.size())).get(root))
                return {Net::ErrorKind::Data,
                        QStringLiteral("%1: the response is not valid JSON (%2)")
                            .arg(target.section(QLatin1Char('?'), 0, 0),
                                 QString::fromLatin1(simdjson::error_message(err)))};
            simdjson::dom::array records;
            if (root.at_pointer(m_records.toStdString()).get(records) != simdjson::SUCCESS)
                return {Net::ErrorKind::Data,
                        QStringLiteral("%1: no records array at %2")
                            .arg(target.section(QLatin1Char('?'), 0, 0), m_records)};
            std::string last = ctx.cursor;
            std::size_t n = 0;
            for (auto rec : records) {
                // The DOM keeps no original bytes: the record is delivered as minified JSON.
                simdjson::dom::element record = rec;
                if (!m_recordPointer.isEmpty()
                    && rec.at_pointer(m_recordPointer.toStdString()).get(record)
                           != simdjson::SUCCESS) {
                    ++ctx.rejected;
                    ctx.lastRejection
                        = QStringLiteral("an element without %1").arg(m_recordPointer);
                    continue;
                }
                delivery.add(simdjson::minify(record));
                simdjson::dom::element c;
                if (rec.at_pointer(m_cursorPointer.toStdString()).get(c) == simdjson::SUCCESS)
                    last = simdjson::minify(c);
                ++n;
            }
            const bool moved = last != ctx.cursor;
            if (n > 0 && !delivery.flush(last))
                return storeError(ctx);
            if (n == 0 || !moved) {
                if (const AtEnd at = caughtUp(ctx, m_pollMs); at != AtEnd::Again)
                    return at == AtEnd::Done ? Net::NetError{} : stoppedError();
            }
        }
    }

private:
    QByteArray m_method;
    QString m_target, m_firstTarget, m_body, m_firstBody, m_records, m_cursorPointer,
        m_recordPointer;
    int m_pollMs = 10000;
};

} // namespace

std::unique_ptr<Connector> makeRestConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<RestConnector>(config, error);
}

} // namespace Vigie::Connectors
