// SPDX-License-Identifier: Apache-2.0
// A generic WebSocket stream (wss): each message is one JSON record or an array of them. With an
// id pointer, the id of the last record delivered is the cursor, and a reconnect resumes after it
// (a query parameter, "after" by default). With an event pointer, the record is that member of
// each message element ({"id": 7, "event": {…}}); without, the element itself.
#include "connector.h"

#include <QUrlQuery>

#include <simdjson.h>

#include <chrono>
#include <mutex>

namespace Vigie::Connectors {

namespace {

// Splits a JSON pointer ("/a/b") into its unescaped tokens.
QList<std::string> pointerTokens(const QString &pointer)
{
    QList<std::string> out;
    const QStringList parts = pointer.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString p : parts) {
        p.replace(QLatin1String("~1"), QLatin1String("/"))
            .replace(QLatin1String("~0"), QLatin1String("~"));
        out.append(p.toStdString());
    }
    return out;
}

class WebSocketConnector final : public NetworkConnector
{
public:
    explicit WebSocketConnector(const QJsonObject &config)
        : NetworkConnector(config)
    {}

    bool init(QString &error)
    {
        initEndpoint(error);
        if (!error.isEmpty())
            return false;
        m_resumeParam
            = m_config.value(QLatin1String("resumeParam")).toString(QStringLiteral("after"));
        m_idPointer = pointerTokens(
            m_config.value(QLatin1String("idPointer")).toString(QStringLiteral("/id")));
        m_eventPointer = pointerTokens(
            m_config.value(QLatin1String("eventPointer")).toString(QStringLiteral("/event")));
        m_idleMs = int(m_config.value(QLatin1String("idleSeconds")).toDouble(3) * 1000);
        m_flushMs = m_config.value(QLatin1String("flushMs")).toInt(200);
        return true;
    }

    Net::NetError session(SessionContext &ctx) override
    {
        for (;;) {
            bool reopen = false;
            Net::NetError e = connection(ctx, reopen);
            if (!reopen)
                return e;
        }
    }

private:
    Net::NetError connection(SessionContext &ctx, bool &reopen)
    {
        const auto ws = openClient<Net::WebSocketClient>(ctx);
        if (!ws)
            return stoppedError();
        // A sensor pings when it has sent all it has: caught up, following live.
        if (ctx.follow)
            ws->setPingHandler([&ctx] { ctx.setHealth(Health::Connected, QString()); });
        QUrl url = m_endpoint.url;
        QUrlQuery query(url);
        if (!ctx.cursor.empty() && !m_resumeParam.isEmpty()) {
            query.removeAllQueryItems(m_resumeParam);
            query.addQueryItem(m_resumeParam, QString::fromStdString(ctx.cursor));
        }
        url.setQuery(query);
        ctx.setHealth(Health::Connecting, QString());
        if (auto e = ws->open(requestTarget(url), withAuth({}, ctx)))
            return e;
        ctx.setHealth(Health::CatchingUp, QString());

        Delivery delivery(ctx);
        simdjson::ondemand::parser parser;
        std::string message;
        std::string lastId = ctx.cursor;
        std::vector<std::pair<std::string_view, std::string>> records; // raw, id
        using Clock = std::chrono::steady_clock;
        auto firstPending = Clock::now();
        auto lastMessage = Clock::now();
        for (;;) {
            if (ctx.stopping())
                return stoppedError();
            // Without follow, a quiet stream means caught up; with follow, the WebSocket idle
            // timeout (no frame, not even a ping, for readTimeoutMs) means a stalled sensor.
            const int wait = delivery.pending() > 0 ? m_flushMs : (ctx.follow ? 0 : m_idleMs);
            Net::NetError e = ws->read(message, wait);
            if (e.kind == Net::ErrorKind::Timeout && wait > 0) {
                const bool flushWait = delivery.pending() > 0;
                if (flushWait && !delivery.flush(lastId))
                    return storeError(ctx);
                if (!ctx.follow && ws->quietSincePing())
                    return {}; // caught up
                if (!flushWait)
                    return {Net::ErrorKind::Timeout,
                            QStringLiteral("%1 went silent in the middle of the stream")
                                .arg(m_endpoint.url.host())};
                // The wait was cut short to deliver the end of a burst, which closed the
                // connection: resume from the cursor on a new one.
                reopen = true;
                return {};
            }
            if (e) {
                if (delivery.pending() > 0 && !delivery.flush(lastId))
                    return storeError(ctx);
                return e;
            }
            const auto now = Clock::now();
            const bool sparse = now - lastMessage > std::chrono::milliseconds(20);
            lastMessage = now;
            if (parseMessage(parser, message, records) != simdjson::SUCCESS) {
                ++ctx.rejected;
                ctx.lastRejection = QStringLiteral("a malformed message after id %1 was skipped")
                                        .arg(QString::fromStdString(lastId));
                continue;
            }
            if (delivery.pending() == 0)
                firstPending = now;
            for (const auto &[raw, id] : records) {
                delivery.add(raw, true); // inside m_padded
                if (!id.empty())
                    lastId = id;
            }
            // A dense stream is written in large batches; a sparse one message by message. A
            // stream that cannot resume is written message by message while following: closing
            // it to deliver the end of a burst would lose what it sends meanwhile.
            const bool canResume = !m_resumeParam.isEmpty() && !m_idPointer.isEmpty();
            if (delivery.pending() >= 8192 || (ctx.follow && (sparse || !canResume))
                || now - firstPending > std::chrono::milliseconds(m_flushMs)) {
                if (!delivery.flush(lastId))
                    return storeError(ctx);
            }
        }
    }

    // Reads a message into (raw record, id) pairs; nothing is kept from a malformed message.
    simdjson::error_code parseMessage(simdjson::ondemand::parser &parser,
                                      const std::string &message,
                                      std::vector<std::pair<std::string_view, std::string>> &out)
    {
        out.clear();
        m_padded = simdjson::padded_string(message);
        // The whole message is checked first: the on-demand parser below reads only what it is
        // asked for, and once it has met broken JSON it must not be used again.
        simdjson::dom::element whole;
        if (auto err = m_validator.parse(m_padded).get(whole))
            return err;
        simdjson::ondemand::document doc;
        if (auto err = parser.iterate(m_padded).get(doc))
            return err;
        simdjson::ondemand::json_type type;
        if (auto err = doc.type().get(type))
            return err;
        auto element = [&](simdjson::ondemand::value v) -> simdjson::error_code {
            simdjson::ondemand::object o;
            if (auto err = v.get_object().get(o))
                return err;
            std::string id;
            std::string_view raw;
            if (m_eventPointer.isEmpty()) {
                if (auto err = o.raw_json().get(raw))
                    return err;
                o.reset();
            }
            // The id, and the record when it is a member.
            if (!m_idPointer.isEmpty()) {
                simdjson::ondemand::value idv;
                if (walk(o, m_idPointer).get(idv) == simdjson::SUCCESS) {
                    std::string_view s;
                    std::int64_t i;
                    if (idv.get_string().get(s) == simdjson::SUCCESS)
                        id.assign(s);
                    else if (idv.get_int64().get(i) == simdjson::SUCCESS)
                        id = std::to_string(i);
                }
                o.reset();
            }
            if (!m_eventPointer.isEmpty()) {
                simdjson::ondemand::value ev;
                if (auto err = walk(o, m_eventPointer).get(ev))
                    return err;
                simdjson::ondemand::object eo;
                if (auto err = ev.get_object().get(eo))
                    return err;
                if (auto err = eo.raw_json().get(raw))
                    return err;
            }
            out.emplace_back(raw, std::move(id));
            return simdjson::SUCCESS;
        };
        if (type == simdjson::ondemand::json_type::array) {
            simdjson::ondemand::array arr;
            if (auto err = doc.get_array().get(arr))
                return err;
            for (auto v : arr) {
                simdjson::ondemand::value val;
                if (auto err = v.get(val))
                    return err;
                if (auto err = element(val))
                    return err;
            }
        } else {
            simdjson::ondemand::value val;
            if (auto err = doc.get_value().get(val))
                return err;
            if (auto err = element(val))
                return err;
        }
        return simdjson::SUCCESS;
    }

    static simdjson::simdjson_result<simdjson::ondemand::value>
    walk(simdjson::ondemand::object &o, const QList<std::string> &tokens)
    {
        simdjson::ondemand::value v;
        if (auto err = o.find_field_unordered(tokens.front()).get(v))
            return err;
        for (qsizetype i = 1; i < tokens.size(); ++i) {
            simdjson::ondemand::object inner;
            if (auto err = v.get_object().get(inner))
                return err;
            if (auto err = inner.find_field_unordered(tokens[i]).get(v))
                return err;
        }
        return v;
    }

    QString m_resumeParam;
    QList<std::string> m_idPointer;
    QList<std::string> m_eventPointer;
    int m_idleMs = 3000;
    int m_flushMs = 200;
    simdjson::padded_string m_padded;
    simdjson::dom::parser m_validator;
};

} // namespace

std::unique_ptr<Connector> makeWebSocketConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<WebSocketConnector>(config, error);
}

} // namespace Vigie::Connectors
