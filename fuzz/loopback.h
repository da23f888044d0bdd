// SPDX-License-Identifier: Apache-2.0
// A scripted sensor on 127.0.0.1 for the network fuzz targets: plain TCP, one thread, one
// connection at a time. For HTTP, connection i gets the i-th scripted response, written as given
// (any bytes: a truncated status line, a lying Content-Length, broken gzip or chunking), then the
// write side is shut so the client never waits for more. For WebSocket, the first connection gets a
// valid handshake answer then the scripted bytes as frames; later connections are closed at once.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace VigieFuzz {

class LoopbackPeer
{
public:
    LoopbackPeer()
    {
        m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int one = 1;
        ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0
            || ::listen(m_listen, 64) != 0)
            std::abort();
        socklen_t len = sizeof a;
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~LoopbackPeer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_listen);
    }

    int port() const { return m_port; }

    // The script for the connections that follow (until the next call).
    void serveHttp(std::vector<std::string> responses)
    {
        std::lock_guard lock(m_mutex);
        m_responses = std::move(responses);
        m_webSocket = false;
        m_next = 0;
    }
    void serveWebSocket(std::string frames)
    {
        std::lock_guard lock(m_mutex);
        m_responses = {std::move(frames)};
        m_webSocket = true;
        m_next = 0;
    }

private:
    static bool waitReadable(int fd, int ms)
    {
        pollfd p{fd, POLLIN, 0};
        return ::poll(&p, 1, ms) > 0;
    }

    // Reads one request: its header, then Content-Length bytes of body. False on EOF or silence.
    static bool readRequest(int fd, std::string &head)
    {
        head.clear();
        char buf[4096];
        std::size_t bodyNeeded = 0;
        std::size_t headEnd = std::string::npos;
        for (;;) {
            if (headEnd != std::string::npos && head.size() >= headEnd + 4 + bodyNeeded)
                return true;
            if (!waitReadable(fd, 3000))
                return false;
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0)
                return false;
            head.append(buf, std::size_t(n));
            if (head.size() > (8u << 20))
                return false;
            if (headEnd == std::string::npos) {
                headEnd = head.find("\r\n\r\n");
                if (headEnd != std::string::npos) {
                    std::string lower = head.substr(0, headEnd);
                    for (char &c : lower)
                        c = char(std::tolower(static_cast<unsigned char>(c)));
                    const auto cl = lower.find("\r\ncontent-length:");
                    if (cl != std::string::npos)
                        bodyNeeded = std::strtoull(lower.c_str() + cl + 17, nullptr, 10);
                }
            }
        }
    }

    static void writeAll(int fd, const std::string &bytes)
    {
        std::size_t off = 0;
        while (off < bytes.size()) {
            const ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            off += std::size_t(n);
        }
    }

    // After the script: no more bytes from here. What the client still sends is read (and dropped)
    // until it hangs up, by run(), while it goes on accepting: a client that keeps its half-closed
    // connection open must not hold up its next one.
    void finish(int fd)
    {
        ::shutdown(fd, SHUT_WR);
        m_draining.push_back(fd);
    }

    void serve(int fd)
    {
        std::string script;
        bool ws = false;
        bool have = false;
        {
            std::lock_guard lock(m_mutex);
            ws = m_webSocket;
            if (m_next < m_responses.size()) {
                script = m_responses[m_next++];
                have = true;
            }
        }
        if (!have) {
            ::close(fd);
            return;
        }
        std::string request;
        if (!readRequest(fd, request)) {
            ::close(fd);
            return;
        }
        if (ws) {
            std::string key;
            std::string lower = request;
            for (char &c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            const auto k = lower.find("\r\nsec-websocket-key:");
            if (k != std::string::npos) {
                auto b = k + 20;
                while (b < request.size() && request[b] == ' ')
                    ++b;
                key = request.substr(b, request.find("\r\n", b) - b);
            }
            const QByteArray accept
                = QCryptographicHash::hash(QByteArray(QByteArray::fromStdString(key)
                                                      + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"),
                                           QCryptographicHash::Sha1)
                      .toBase64();
            writeAll(fd,
                     "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Accept: "
                         + accept.toStdString() + "\r\n\r\n");
        }
        writeAll(fd, script);
        finish(fd);
    }

    void run()
    {
        std::vector<pollfd> fds;
        char buf[4096];
        while (!m_stop) {
            fds.assign(1, pollfd{m_listen, POLLIN, 0});
            for (const int fd : m_draining)
                fds.push_back(pollfd{fd, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 100) <= 0)
                continue;
            for (std::size_t i = 1; i < fds.size(); ++i) {
                if (fds[i].revents == 0)
                    continue;
                if (::recv(fds[i].fd, buf, sizeof buf, MSG_DONTWAIT) <= 0) {
                    ::close(fds[i].fd);
                    std::erase(m_draining, fds[i].fd);
                }
            }
            if (fds[0].revents & POLLIN) {
                const int fd = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
                if (fd >= 0)
                    serve(fd);
            }
            // A client that never hangs up is not waited for beyond a bound.
            while (m_draining.size() > 32) {
                ::close(m_draining.front());
                m_draining.erase(m_draining.begin());
            }
        }
        for (const int fd : m_draining)
            ::close(fd);
    }

    int m_listen = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<std::string> m_responses;
    std::vector<int> m_draining; // half-closed connections, read until the client hangs up
    std::size_t m_next = 0;
    bool m_webSocket = false;
};

// Splits the input into the responses of successive connections at "\n@@next@@\n".
inline std::vector<std::string> splitScript(const std::uint8_t *data, std::size_t size)
{
    static const std::string kSep = "\n@@next@@\n";
    std::vector<std::string> out;
    const std::string all(reinterpret_cast<const char *>(data), size);
    std::size_t start = 0;
    while (out.size() < 16) {
        const auto at = all.find(kSep, start);
        out.push_back(all.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            break;
        start = at + kSep.size();
    }
    return out;
}

} // namespace VigieFuzz
