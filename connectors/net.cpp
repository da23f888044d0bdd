// SPDX-License-Identifier: Apache-2.0
// The one translation unit with the Beast client code (compiling Beast is slow: keep it here).
#include "net.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <zlib.h>

#include <QFile>

#include <atomic>
#include <functional>
#include <future>
#include <optional>
#include <thread>

namespace Vigie::Net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using beast::error_code;

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::None:
        return QStringLiteral("none");
    case ErrorKind::Resolve:
        return QStringLiteral("resolve");
    case ErrorKind::Connect:
        return QStringLiteral("connect");
    case ErrorKind::Tls:
        return QStringLiteral("tls");
    case ErrorKind::Timeout:
        return QStringLiteral("timeout");
    case ErrorKind::Closed:
        return QStringLiteral("closed");
    case ErrorKind::TooLarge:
        return QStringLiteral("too-large");
    case ErrorKind::Protocol:
        return QStringLiteral("protocol");
    case ErrorKind::Cancelled:
        return QStringLiteral("cancelled");
    case ErrorKind::Config:
        return QStringLiteral("config");
    case ErrorKind::Auth:
        return QStringLiteral("auth");
    case ErrorKind::Http:
        return QStringLiteral("http");
    case ErrorKind::Data:
        return QStringLiteral("data");
    case ErrorKind::Store:
        return QStringLiteral("store");
    }
    return QString();
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return QByteArray();
}

struct NetworkThread::Impl
{
    asio::io_context ioc{1};
    asio::executor_work_guard<asio::io_context::executor_type> guard{ioc.get_executor()};
    std::thread thread;
};

NetworkThread::NetworkThread()
    : d(std::make_unique<Impl>())
{
    d->thread = std::thread([this] { d->ioc.run(); });
}

NetworkThread::~NetworkThread()
{
    d->guard.reset();
    d->ioc.stop();
    d->thread.join();
}

namespace {

constexpr int kPinMismatch = -1;

QString spkiPin(X509 *cert)
{
    unsigned char *der = nullptr;
    const int len = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert), &der);
    if (len <= 0)
        return QString();
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    EVP_Digest(der, static_cast<std::size_t>(len), digest, &dlen, EVP_sha256(), nullptr);
    OPENSSL_free(der);
    return QStringLiteral("sha256/")
           + QString::fromLatin1(
               QByteArray(reinterpret_cast<const char *>(digest), int(dlen)).toBase64());
}

// "sha256/BASE64", from that, curl's "sha256//BASE64" or bare BASE64. A SHA-256 in base64 is 44
// characters, and may itself start with '/': the length tells curl's extra slash from the digest.
QString normalisedPin(QString pin)
{
    pin = pin.trimmed();
    if (pin.isEmpty())
        return pin;
    QString digest = pin.startsWith(QLatin1String("sha256/")) ? pin.mid(7) : pin;
    if (digest.size() == 45 && digest.startsWith(QLatin1Char('/')))
        digest.remove(0, 1);
    return QStringLiteral("sha256/") + digest;
}

bool inflateGzip(
    const QByteArray &in, qint64 limit, QByteArray &out, QString &error, bool &tooLarge)
{
    tooLarge = false;
    z_stream zs{};
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) {
        error = QStringLiteral("cannot start gzip decompression");
        return false;
    }
    out.clear();
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.constData()));
    zs.avail_in = static_cast<uInt>(in.size());
    char chunk[65536];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        zs.next_out = reinterpret_cast<Bytef *>(chunk);
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&zs);
            error = QStringLiteral("the gzip response is damaged or truncated");
            return false;
        }
        out.append(chunk, qsizetype(sizeof chunk - zs.avail_out));
        if (out.size() > limit) {
            inflateEnd(&zs);
            tooLarge = true;
            error = QStringLiteral("the response is larger than %1 bytes once decompressed")
                        .arg(limit);
            return false;
        }
        if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0)
            break; // truncated
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) {
        error = QStringLiteral("the gzip response is truncated");
        return false;
    }
    return true;
}

using TlsStream = beast::ssl_stream<beast::tcp_stream>;
using WssStream = websocket::stream<TlsStream>;
using WsStream = websocket::stream<beast::tcp_stream>;

auto tokenFor(error_code &ec)
{
    return asio::redirect_error(asio::use_awaitable, ec);
}

} // namespace

// The state of one connection: its endpoint, TLS context and verification outcome, and the stream.
struct Connection : std::enable_shared_from_this<Connection>
{
    Connection(asio::io_context &ioc, Endpoint e)
        : ioc(ioc)
        , ep(std::move(e))
    {}

    asio::io_context &ioc;
    Endpoint ep;
    std::string host;
    std::string port;
    bool tls = true;
    bool isIp = false;
    bool websocket = false;
    QString configError;
    std::optional<asio::ssl::context> ctx;

    // Exactly one of these is in use.
    std::optional<TlsStream> https;
    std::optional<beast::tcp_stream> plain;
    std::optional<WssStream> wss;
    std::optional<WsStream> ws;
    beast::flat_buffer buffer;
    bool connected = false;
    std::atomic<bool> cancelled{false};

    // WebSocket pings: a sensor that pings after its last message says it has nothing more now.
    std::function<void()> onPing;
    std::atomic<bool> sawPing{false};
    std::atomic<bool> pingSinceMessage{false};

    // Verification outcome of the last handshake.
    QString pin;
    QString peerPin;
    int verifyError = 0;
    mutable std::mutex pinMutex;

    QString origin() const { return QString::fromStdString(host + ':' + port); }

    void setup()
    {
        const QString scheme = ep.url.scheme().toLower();
        if (scheme == QLatin1String("https") || scheme == QLatin1String("wss")) {
            tls = true;
        } else if (scheme == QLatin1String("http") || scheme == QLatin1String("ws")) {
            tls = false;
        } else {
            configError = QStringLiteral("unsupported URL scheme \"%1\" in %2 (use https or wss)")
                              .arg(scheme, ep.url.toString(QUrl::RemoveUserInfo));
            return;
        }
        host = ep.url.host(QUrl::EncodeUnicode).toStdString();
        if (host.empty()) {
            configError = QStringLiteral("the URL %1 has no host")
                              .arg(ep.url.toString(QUrl::RemoveUserInfo));
            return;
        }
        {
            error_code ipEc;
            asio::ip::make_address(host, ipEc);
            isIp = !ipEc;
        }
        port = std::to_string(ep.url.port(tls ? 443 : 80));
        pin = normalisedPin(ep.tls.pinSha256);
        if (!tls)
            return;
        ctx.emplace(asio::ssl::context::tls_client);
        SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_2_VERSION);
        error_code ec;
        if (ep.tls.caFile.isEmpty()) {
            ctx->set_default_verify_paths(ec);
        } else {
            if (!QFile::exists(ep.tls.caFile)) {
                configError = QStringLiteral("the CA file %1 does not exist").arg(ep.tls.caFile);
                return;
            }
            ctx->load_verify_file(ep.tls.caFile.toStdString(), ec);
            if (ec)
                configError = QStringLiteral("cannot read the CA file %1: %2")
                                  .arg(ep.tls.caFile, QString::fromStdString(ec.message()));
        }
        ctx->set_verify_mode(asio::ssl::verify_peer);
    }

    // Prepares the SSL object of a new stream: SNI, the name to check, the verify callback.
    bool prepareSsl(SSL *ssl)
    {
        if (!isIp)
            SSL_set_tlsext_host_name(ssl, host.c_str());
        X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
        verifyError = 0;
        // Without a name to check, any certificate of a trusted authority would do: refuse.
        const int named = isIp ? X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str())
                               : X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size());
        return named == 1;
    }

    bool verify(bool preverified, asio::ssl::verify_context &vc)
    {
        X509_STORE_CTX *x = vc.native_handle();
        const int depth = X509_STORE_CTX_get_error_depth(x);
        X509 *cert = X509_STORE_CTX_get_current_cert(x);
        QString certPin;
        if (depth == 0 && cert) {
            certPin = spkiPin(cert);
            std::lock_guard lock(pinMutex);
            peerPin = certPin;
        }
        if (!pin.isEmpty()) {
            // An explicit pin trusts that key and nothing else: the chain does not matter.
            if (depth != 0)
                return true;
            if (certPin == pin)
                return true;
            verifyError = kPinMismatch;
            return false;
        }
        if (!preverified && verifyError == 0)
            verifyError = X509_STORE_CTX_get_error(x);
        return preverified;
    }

    NetError tlsError(const error_code &ec)
    {
        QString reason;
        QString pinHint;
        {
            std::lock_guard lock(pinMutex);
            if (!peerPin.isEmpty())
                pinHint = QStringLiteral("; its key pin is %1 (pin it only if you trust this "
                                         "server)")
                              .arg(peerPin);
        }
        switch (verifyError) {
        case 0:
            reason = QStringLiteral("TLS handshake with %1 failed: %2")
                         .arg(origin(), QString::fromStdString(ec.message()));
            pinHint.clear();
            break;
        case kPinMismatch:
            reason = QStringLiteral("the certificate of %1 does not match the pinned key %2")
                         .arg(origin(), pin);
            break;
        case X509_V_ERR_CERT_HAS_EXPIRED:
            reason = QStringLiteral("the certificate of %1 has expired").arg(origin());
            break;
        case X509_V_ERR_CERT_NOT_YET_VALID:
            reason = QStringLiteral("the certificate of %1 is not valid yet").arg(origin());
            break;
        case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
            reason = QStringLiteral("the certificate of %1 is self-signed and not pinned")
                         .arg(origin());
            break;
        case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
        case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
            reason = QStringLiteral("the certificate of %1 is issued by an authority that is not "
                                    "trusted")
                         .arg(origin());
            break;
        case X509_V_ERR_HOSTNAME_MISMATCH:
        case X509_V_ERR_IP_ADDRESS_MISMATCH:
            reason = QStringLiteral("the certificate of %1 is for another host name than %2")
                         .arg(origin(), QString::fromStdString(host));
            break;
        default:
            reason = QStringLiteral("the certificate of %1 was refused: %2")
                         .arg(origin(),
                              QString::fromLatin1(X509_verify_cert_error_string(verifyError)));
        }
        return {ErrorKind::Tls, reason + pinHint};
    }

    NetError classify(const error_code &ec, const QString &what)
    {
        if (cancelled.load())
            return {ErrorKind::Cancelled, QStringLiteral("%1: cancelled").arg(origin())};
        if (ec == beast::error::timeout)
            return {ErrorKind::Timeout,
                    QStringLiteral("%1: timed out while %2").arg(origin(), what)};
        if (ec == http::error::body_limit || ec == websocket::error::message_too_big
            || ec == http::error::buffer_overflow || ec == http::error::header_limit)
            return {ErrorKind::TooLarge,
                    QStringLiteral("%1: %2 is over the size limit").arg(origin(), what)};
        if (ec == http::error::end_of_stream || ec == asio::error::eof
            || ec == asio::error::connection_reset || ec == asio::error::broken_pipe
            || ec == websocket::error::closed || ec == asio::ssl::error::stream_truncated
            || ec == http::error::partial_message)
            return {ErrorKind::Closed,
                    QStringLiteral("%1 closed the connection while %2").arg(origin(), what)};
        return {ErrorKind::Protocol,
                QStringLiteral("%1: %2 failed: %3")
                    .arg(origin(), what, QString::fromStdString(ec.message()))};
    }

    void closeStreams()
    {
        error_code ec;
        if (https)
            beast::get_lowest_layer(*https).socket().close(ec);
        if (plain)
            plain->socket().close(ec);
        if (wss)
            beast::get_lowest_layer(*wss).socket().close(ec);
        if (ws)
            beast::get_lowest_layer(*ws).socket().close(ec);
        connected = false;
    }

    std::chrono::milliseconds ms(int v) const { return std::chrono::milliseconds(v); }

    template<class Lowest> asio::awaitable<NetError> connectTcp(Lowest &lowest)
    {
        error_code ec;
        tcp::resolver resolver(ioc);
        auto results = co_await resolver.async_resolve(host, port, tokenFor(ec));
        if (ec)
            co_return NetError{
                cancelled ? ErrorKind::Cancelled : ErrorKind::Resolve,
                QStringLiteral("cannot resolve %1: %2")
                    .arg(QString::fromStdString(host), QString::fromStdString(ec.message()))};
        if (cancelled)
            co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
        lowest.expires_after(ms(ep.timeouts.connectMs));
        co_await lowest.async_connect(results, tokenFor(ec));
        if (ec) {
            if (cancelled)
                co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
            if (ec == beast::error::timeout)
                co_return NetError{ErrorKind::Timeout,
                                   QStringLiteral("connecting to %1 timed out").arg(origin())};
            co_return NetError{ErrorKind::Connect,
                               QStringLiteral("cannot connect to %1: %2")
                                   .arg(origin(), QString::fromStdString(ec.message()))};
        }
        if (cancelled)
            co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
        co_return NetError{};
    }

    template<class Tls> asio::awaitable<NetError> handshakeTls(Tls &stream)
    {
        if (!prepareSsl(stream.native_handle()))
            co_return NetError{ErrorKind::Config,
                               QStringLiteral("%1 cannot be checked against a certificate (not a "
                                              "host name or IP address TLS can verify)")
                                   .arg(QString::fromStdString(host))};
        stream.set_verify_callback(
            [this](bool pre, asio::ssl::verify_context &vc) { return verify(pre, vc); });
        beast::get_lowest_layer(stream).expires_after(ms(ep.timeouts.handshakeMs));
        error_code ec;
        co_await stream.async_handshake(asio::ssl::stream_base::client, tokenFor(ec));
        if (ec) {
            if (cancelled)
                co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
            if (ec == beast::error::timeout)
                co_return NetError{
                    ErrorKind::Timeout,
                    QStringLiteral("the TLS handshake with %1 timed out").arg(origin())};
            co_return tlsError(ec);
        }
        co_return NetError{};
    }

    asio::awaitable<NetError> connectHttp()
    {
        closeStreams();
        https.reset();
        plain.reset();
        buffer.clear();
        NetError e;
        if (tls) {
            https.emplace(ioc, *ctx);
            e = co_await connectTcp(beast::get_lowest_layer(*https));
            if (!e)
                e = co_await handshakeTls(*https);
        } else {
            plain.emplace(ioc);
            e = co_await connectTcp(*plain);
        }
        connected = !e;
        co_return e;
    }

    template<class Stream>
    asio::awaitable<NetError>
    exchange(Stream &stream, const HttpRequest &rq, HttpResponse &out, bool &retryable)
    {
        retryable = false;
        http::request<http::string_body> req;
        req.method_string(beast::string_view(rq.method.constData(), std::size_t(rq.method.size())));
        req.target(beast::string_view(rq.target.constData(), std::size_t(rq.target.size())));
        req.version(11);
        const std::string hostHeader = (ep.url.port() > 0) ? host + ':' + port : host;
        req.set(http::field::host, hostHeader);
        req.set(http::field::user_agent, "Vigie/" VIGIE_NET_VERSION);
        req.set(http::field::accept_encoding, "gzip");
        for (const auto &h : rq.headers)
            req.set(beast::string_view(h.first.constData(), std::size_t(h.first.size())),
                    beast::string_view(h.second.constData(), std::size_t(h.second.size())));
        req.body().assign(rq.body.constData(), std::size_t(rq.body.size()));
        req.prepare_payload();

        error_code ec;
        beast::get_lowest_layer(stream).expires_after(ms(ep.timeouts.writeMs));
        co_await http::async_write(stream, req, tokenFor(ec));
        if (ec) {
            retryable = true;
            co_return classify(ec, QStringLiteral("sending the request"));
        }
        http::response_parser<http::string_body> parser;
        parser.body_limit(static_cast<std::uint64_t>(ep.limits.maxResponseBytes));
        parser.header_limit(64 * 1024);
        beast::get_lowest_layer(stream).expires_after(ms(ep.timeouts.readMs));
        co_await http::async_read(stream, buffer, parser, tokenFor(ec));
        if (ec) {
            retryable = !parser.got_some();
            co_return classify(ec, QStringLiteral("reading the response"));
        }
        beast::get_lowest_layer(stream).expires_never();
        // A body that ended with the connection (no Content-Length, not chunked) leaves nothing to
        // reuse: the next request would wait out the read timeout on a closed socket.
        const bool endedWithConnection = parser.need_eof();
        auto res = parser.release();
        out.status = static_cast<int>(res.result_int());
        out.headers.clear();
        for (const auto &f : res)
            out.headers.append(
                {QByteArray(f.name_string().data(), qsizetype(f.name_string().size())),
                 QByteArray(f.value().data(), qsizetype(f.value().size()))});
        const std::string &body = res.body();
        if (beast::iequals(res[http::field::content_encoding], "gzip")) {
            QString error;
            bool tooLarge = false;
            if (!inflateGzip(QByteArray::fromRawData(body.data(), qsizetype(body.size())),
                             ep.limits.maxResponseBytes,
                             out.body,
                             error,
                             tooLarge))
                co_return NetError{tooLarge ? ErrorKind::TooLarge : ErrorKind::Protocol,
                                   QStringLiteral("%1: %2").arg(origin(), error)};
        } else {
            out.body = QByteArray(body.data(), qsizetype(body.size()));
        }
        if (!res.keep_alive() || endedWithConnection)
            closeStreams();
        co_return NetError{};
    }

    asio::awaitable<NetError> request(const HttpRequest &rq, HttpResponse &out)
    {
        if (!configError.isEmpty())
            co_return NetError{ErrorKind::Config, configError};
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (cancelled)
                co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
            const bool reused = connected;
            if (!connected) {
                if (NetError e = co_await connectHttp(); e)
                    co_return e;
            }
            bool retryable = false;
            // No co_await inside ?: — GCC 12 destroys the result twice.
            NetError e;
            if (tls)
                e = co_await exchange(*https, rq, out, retryable);
            else
                e = co_await exchange(*plain, rq, out, retryable);
            if (!e)
                co_return e;
            closeStreams();
            // A kept-alive connection the server closed meanwhile: open a new one, once.
            if (!(reused && retryable && e.kind == ErrorKind::Closed))
                co_return e;
        }
        co_return NetError{ErrorKind::Closed,
                           QStringLiteral("%1 keeps closing the connection").arg(origin())};
    }

    template<class Ws>
    asio::awaitable<NetError> upgrade(Ws &stream, const std::string &target, const Headers &headers)
    {
        stream.read_message_max(static_cast<std::size_t>(ep.limits.maxMessageBytes));
        stream.set_option(
            websocket::stream_base::decorator([headers](websocket::request_type &req) {
                req.set(http::field::user_agent, "Vigie/" VIGIE_NET_VERSION);
                for (const auto &h : headers)
                    req.set(beast::string_view(h.first.constData(), std::size_t(h.first.size())),
                            beast::string_view(h.second.constData(), std::size_t(h.second.size())));
            }));
        error_code ec;
        websocket::response_type res;
        beast::get_lowest_layer(stream).expires_after(ms(ep.timeouts.handshakeMs));
        const std::string hostHeader = (ep.url.port() > 0) ? host + ':' + port : host;
        co_await stream.async_handshake(res, hostHeader, target, tokenFor(ec));
        if (ec) {
            if (ec == websocket::error::upgrade_declined && res.result_int() != 0)
                co_return NetError{res.result_int() == 401 || res.result_int() == 403
                                       ? ErrorKind::Auth
                                       : ErrorKind::Http,
                                   QStringLiteral("%1 declined the WebSocket upgrade: HTTP %2")
                                       .arg(origin())
                                       .arg(res.result_int())};
            co_return classify(ec, QStringLiteral("upgrading to WebSocket"));
        }
        stream.control_callback([this](websocket::frame_type kind, beast::string_view) {
            if (kind != websocket::frame_type::ping)
                return;
            sawPing = true;
            pingSinceMessage = true;
            if (onPing)
                onPing();
        });
        // From here the WebSocket idle timeout watches for silence; pings count as traffic.
        beast::get_lowest_layer(stream).expires_never();
        websocket::stream_base::timeout t;
        t.handshake_timeout = ms(ep.timeouts.handshakeMs);
        t.idle_timeout = ms(ep.timeouts.readMs);
        t.keep_alive_pings = false;
        stream.set_option(t);
        co_return NetError{};
    }

    asio::awaitable<NetError> openWs(std::string target, Headers headers)
    {
        if (!configError.isEmpty())
            co_return NetError{ErrorKind::Config, configError};
        closeStreams();
        wss.reset();
        ws.reset();
        buffer.clear();
        NetError e;
        if (tls) {
            wss.emplace(ioc, *ctx);
            e = co_await connectTcp(beast::get_lowest_layer(*wss));
            if (!e)
                e = co_await handshakeTls(wss->next_layer());
            if (!e)
                e = co_await upgrade(*wss, target, headers);
        } else {
            ws.emplace(ioc);
            e = co_await connectTcp(beast::get_lowest_layer(*ws));
            if (!e)
                e = co_await upgrade(*ws, target, headers);
        }
        connected = !e;
        if (e)
            closeStreams();
        co_return e;
    }

    template<class Ws> asio::awaitable<NetError> readWs(Ws &stream, std::string &out)
    {
        error_code ec;
        buffer.clear();
        co_await stream.async_read(buffer, tokenFor(ec));
        if (ec) {
            closeStreams();
            if (ec == beast::error::timeout)
                co_return NetError{ErrorKind::Timeout,
                                   QStringLiteral("%1 sent nothing for %2 ms")
                                       .arg(origin())
                                       .arg(ep.timeouts.readMs)};
            co_return classify(ec, QStringLiteral("reading a message"));
        }
        pingSinceMessage = false;
        const auto data = buffer.cdata();
        out.assign(static_cast<const char *>(data.data()), data.size());
        co_return NetError{};
    }

    template<class Ws> asio::awaitable<NetError> writeWs(Ws &stream, const QByteArray &msg)
    {
        error_code ec;
        stream.text(true);
        co_await stream.async_write(asio::buffer(msg.constData(), std::size_t(msg.size())),
                                    tokenFor(ec));
        if (ec) {
            closeStreams();
            co_return classify(ec, QStringLiteral("sending a message"));
        }
        co_return NetError{};
    }
};

namespace {

// Runs a coroutine on the network thread and waits for its result. With `waitMs` > 0 and no
// result by then, `onTimeout` runs on the network thread (it closes the connection, which ends
// the coroutine) and Timeout is returned.
template<class Make>
NetError
runBlocking(asio::io_context &ioc, Make make, int waitMs = 0, std::function<void()> onTimeout = {})
{
    // Shared with the handler: the waiting thread may return (dropping its reference) while the
    // handler is still inside set_value.
    auto promise = std::make_shared<std::promise<NetError>>();
    auto future = promise->get_future();
    asio::co_spawn(ioc, make(), [promise](std::exception_ptr ex, NetError result) {
        if (ex) {
            try {
                std::rethrow_exception(ex);
            } catch (const std::exception &e) {
                result = {ErrorKind::Protocol, QString::fromUtf8(e.what())};
            }
        }
        promise->set_value(std::move(result));
    });
    if (waitMs > 0
        && future.wait_for(std::chrono::milliseconds(waitMs)) == std::future_status::timeout) {
        asio::post(ioc, onTimeout);
        // The operation may have completed just before the connection was closed: keep it.
        NetError late = future.get();
        if (!late)
            return late;
        return {ErrorKind::Timeout, QStringLiteral("nothing arrived for %1 ms").arg(waitMs)};
    }
    return future.get();
}

std::shared_ptr<Connection> makeConnection(NetworkThread &net, Endpoint ep, bool websocket)
{
    auto c = std::make_shared<Connection>(net.impl()->ioc, std::move(ep));
    c->websocket = websocket;
    c->setup();
    return c;
}

void cancelConnection(NetworkThread &net, const std::shared_ptr<Connection> &c)
{
    c->cancelled = true;
    asio::post(net.impl()->ioc, [c] { c->closeStreams(); });
}

void releaseConnection(NetworkThread &net, std::shared_ptr<Connection> &c)
{
    // Streams are closed and destroyed on the network thread, where they live.
    asio::post(net.impl()->ioc, [c = std::move(c)] { c->closeStreams(); });
}

} // namespace

HttpClient::HttpClient(NetworkThread &net, Endpoint endpoint)
    : m_net(net)
    , m_conn(makeConnection(net, std::move(endpoint), false))
{}

HttpClient::~HttpClient()
{
    releaseConnection(m_net, m_conn);
}

NetError HttpClient::request(const HttpRequest &request, HttpResponse &response)
{
    auto c = m_conn;
    return runBlocking(m_net.impl()->ioc,
                       [c, &request, &response] { return c->request(request, response); });
}

void HttpClient::cancel()
{
    cancelConnection(m_net, m_conn);
}

QString HttpClient::peerPin() const
{
    std::lock_guard lock(m_conn->pinMutex);
    return m_conn->peerPin;
}

WebSocketClient::WebSocketClient(NetworkThread &net, Endpoint endpoint)
    : m_net(net)
    , m_conn(makeConnection(net, std::move(endpoint), true))
{}

WebSocketClient::~WebSocketClient()
{
    releaseConnection(m_net, m_conn);
}

NetError WebSocketClient::open(const QByteArray &target, const Headers &headers)
{
    auto c = m_conn;
    std::string t = target.toStdString();
    return runBlocking(m_net.impl()->ioc, [c, t, headers] { return c->openWs(t, headers); });
}

NetError WebSocketClient::read(std::string &message, int waitMs)
{
    auto c = m_conn;
    return runBlocking(
        m_net.impl()->ioc,
        [c, &message]() -> asio::awaitable<NetError> {
            if (c->cancelled)
                co_return NetError{ErrorKind::Cancelled, QStringLiteral("cancelled")};
            if (!c->connected)
                co_return NetError{ErrorKind::Closed, QStringLiteral("not connected")};
            if (c->tls)
                co_return co_await c->readWs(*c->wss, message);
            co_return co_await c->readWs(*c->ws, message);
        },
        waitMs,
        [c] { c->closeStreams(); });
}

NetError WebSocketClient::write(const QByteArray &message)
{
    auto c = m_conn;
    return runBlocking(m_net.impl()->ioc, [c, &message]() -> asio::awaitable<NetError> {
        if (!c->connected)
            co_return NetError{ErrorKind::Closed, QStringLiteral("not connected")};
        if (c->tls)
            co_return co_await c->writeWs(*c->wss, message);
        co_return co_await c->writeWs(*c->ws, message);
    });
}

void WebSocketClient::setPingHandler(std::function<void()> handler)
{
    m_conn->onPing = std::move(handler);
}

bool WebSocketClient::quietSincePing() const
{
    return m_conn->pingSinceMessage.load() || !m_conn->sawPing.load();
}

void WebSocketClient::close()
{
    auto c = m_conn;
    asio::post(m_net.impl()->ioc, [c] { c->closeStreams(); });
}

void WebSocketClient::cancel()
{
    cancelConnection(m_net, m_conn);
}

QString WebSocketClient::peerPin() const
{
    std::lock_guard lock(m_conn->pinMutex);
    return m_conn->peerPin;
}

QString pinOfPemCertificate(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!cert)
        return QString();
    const QString pin = spkiPin(cert);
    X509_free(cert);
    return pin;
}

} // namespace Vigie::Net
