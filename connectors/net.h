// SPDX-License-Identifier: Apache-2.0
// The network layer. One thread runs a Boost.Asio io_context; HTTP/1.1 and WebSocket clients over
// OpenSSL run on it. Connectors call the blocking methods below from their own worker threads
// (never from the GUI thread): each call runs as a coroutine on the network thread and its result
// comes back through a future. Boost stays inside net.cpp; this header is Qt and the standard
// library only.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <string>

namespace Vigie::Net {

enum class ErrorKind {
    None,
    Resolve,   // the host name does not resolve
    Connect,   // refused, unreachable
    Tls,       // handshake failed: certificate refused, protocol
    Timeout,   // connect, handshake, read or write took too long
    Closed,    // the peer hung up
    TooLarge,  // a response or message over the configured limit
    Protocol,  // not HTTP, bad WebSocket upgrade, bad gzip
    Cancelled, // cancel() was called
    Config,    // bad URL, unreadable CA file
    // Raised by connectors above the transport:
    Auth,  // 401/403: credentials refused
    Http,  // another unexpected HTTP status (429, 5xx, 4xx)
    Data,  // the payload is not what the API promises (malformed JSON)
    Store, // the store refused a write
};

struct NetError
{
    ErrorKind kind = ErrorKind::None;
    QString message; // for a person: names the host and what failed
    explicit operator bool() const { return kind != ErrorKind::None; }
};

QString errorKindName(ErrorKind kind);

struct TlsOptions
{
    QString caFile;    // PEM file of trusted authorities; empty: the system store
    QString pinSha256; // "sha256/BASE64" of the server's public key (SPKI); empty: no pin
};

struct Timeouts
{
    int connectMs = 10000;
    int handshakeMs = 10000;
    int readMs = 30000; // HTTP: the whole response; WebSocket: silence (no frame, not even a ping)
    int writeMs = 10000;
};

struct Limits
{
    qint64 maxResponseBytes = 512LL << 20; // HTTP body, after decompression
    qint64 maxMessageBytes = 64LL << 20;   // one WebSocket message
};

struct Endpoint
{
    QUrl url; // https://host:port or wss://host:port (http/ws for plain lab sensors)
    TlsOptions tls;
    Timeouts timeouts;
    Limits limits;
};

using Headers = QList<QPair<QByteArray, QByteArray>>;

struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray target = "/"; // path and query
    Headers headers;
    QByteArray body;
};

struct HttpResponse
{
    int status = 0;
    Headers headers;
    QByteArray body; // decompressed when the server sent gzip
    QByteArray header(const QByteArray &name) const;
};

class NetworkThread
{
public:
    NetworkThread();
    ~NetworkThread();
    NetworkThread(const NetworkThread &) = delete;
    NetworkThread &operator=(const NetworkThread &) = delete;
    struct Impl;
    Impl *impl() const { return d.get(); }

private:
    std::unique_ptr<Impl> d;
};

struct Connection;

// One keep-alive connection to one origin, reopened when the server closes it.
class HttpClient
{
public:
    HttpClient(NetworkThread &net, Endpoint endpoint);
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    NetError request(const HttpRequest &request, HttpResponse &response);
    // From any thread: the call in progress (and later ones) fail with Cancelled.
    void cancel();
    // The pin of the last server certificate seen ("sha256/BASE64"), to offer pinning.
    QString peerPin() const;

private:
    NetworkThread &m_net;
    std::shared_ptr<Connection> m_conn;
};

class WebSocketClient
{
public:
    WebSocketClient(NetworkThread &net, Endpoint endpoint);
    ~WebSocketClient();
    WebSocketClient(const WebSocketClient &) = delete;
    WebSocketClient &operator=(const WebSocketClient &) = delete;

    // Connects and upgrades; `target` is the path and query.
    NetError open(const QByteArray &target, const Headers &headers = {});
    // Waits for the next message (text or binary). With `waitMs` > 0, gives up after that long
    // without a message: the connection is closed and Timeout returned.
    NetError read(std::string &message, int waitMs = 0);
    NetError write(const QByteArray &message);
    // Called on the network thread for each ping the server sends. Set before open().
    void setPingHandler(std::function<void()> handler);
    // True when the server pinged after its last message (it has nothing more for now), or never
    // pings at all; false when it went silent mid-stream.
    bool quietSincePing() const;
    void close();
    void cancel();
    QString peerPin() const;

private:
    NetworkThread &m_net;
    std::shared_ptr<Connection> m_conn;
};

// "sha256/BASE64" of the public key of the first certificate in a PEM file; empty on failure.
QString pinOfPemCertificate(const QByteArray &pem);

} // namespace Vigie::Net
