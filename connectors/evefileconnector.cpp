// SPDX-License-Identifier: Apache-2.0
// Follows a growing Suricata eve.json (or any JSON-lines file). The cursor is the file's device,
// inode and the offset after the last complete line delivered, so a restart resumes where it
// stopped. A rotated file (another inode at the path) is read to its end, then the new one from
// its start; a truncated file (copytruncate) is read again from its start. A partial last line
// waits until the writer completes it.
#include "connector.h"

#include <QFile>
#include <QJsonDocument>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>

namespace Vigie::Connectors {

namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kMaxLine = 16 << 20;

class EveFileConnector final : public Connector
{
public:
    explicit EveFileConnector(const QJsonObject &config)
        : m_config(config)
    {}

    bool init(QString &error)
    {
        m_path = m_config.value(QLatin1String("path")).toString();
        if (m_path.isEmpty())
            error = QStringLiteral("an eve-file connector needs a path");
        m_pollMs = m_config.value(QLatin1String("pollMs")).toInt(250);
        return error.isEmpty();
    }
    void cancel() override { m_cancelled = true; }

    Net::NetError session(SessionContext &ctx) override
    {
        for (;;) {
            bool rotated = false;
            const Net::NetError e = readFile(ctx, rotated);
            if (!rotated)
                return e;
            ctx.cursor.clear(); // the new file, from its start
        }
    }

private:
    // Reads the file at the path from the cursor until stopped, an error, or (without follow) its
    // end. `rotated`: the path now names another file, and the old one was read to its end.
    Net::NetError readFile(SessionContext &ctx, bool &rotated)
    {
        const QByteArray path = QFile::encodeName(m_path);
        struct stat st
        {
        };
        std::uint64_t dev = 0, ino = 0;
        std::int64_t offset = 0;
        if (!ctx.cursor.empty()) {
            const QJsonObject c
                = QJsonDocument::fromJson(QByteArray::fromStdString(ctx.cursor)).object();
            dev = static_cast<std::uint64_t>(c.value(QLatin1String("dev")).toInteger());
            ino = static_cast<std::uint64_t>(c.value(QLatin1String("ino")).toInteger());
            offset = c.value(QLatin1String("offset")).toInteger();
        }
        int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return {Net::ErrorKind::Connect,
                    QStringLiteral("cannot open %1: %2")
                        .arg(m_path, QString::fromLocal8Bit(strerror(errno)))};
        auto closeFd = qScopeGuard([&] { ::close(fd); });
        fstat(fd, &st);
        if (std::uint64_t(st.st_dev) != dev || std::uint64_t(st.st_ino) != ino
            || st.st_size < offset)
            offset = 0; // another file than the cursor's, or truncated: from the start
        dev = st.st_dev;
        ino = st.st_ino;
        ctx.setHealth(Health::CatchingUp, QString());
        Delivery delivery(ctx);
        std::string buf;
        std::int64_t bufStart = offset; // file offset of buf[0]
        bool live = false;
        rotated = false;
        auto cursor = [&](std::int64_t off) {
            return "{\"dev\":" + std::to_string(dev) + ",\"ino\":" + std::to_string(ino)
                   + ",\"offset\":" + std::to_string(off) + '}';
        };
        for (;;) {
            if (ctx.stopping() || m_cancelled)
                return stoppedError();
            const std::size_t had = buf.size();
            buf.resize(had + kChunk);
            const ssize_t got = ::pread(fd, buf.data() + had, kChunk, bufStart + std::int64_t(had));
            if (got < 0)
                return {Net::ErrorKind::Closed,
                        QStringLiteral("reading %1 failed: %2")
                            .arg(m_path, QString::fromLocal8Bit(strerror(errno)))};
            buf.resize(had + std::size_t(got));
            // Every complete line in the buffer.
            std::size_t pos = 0;
            for (;;) {
                const std::size_t nl = buf.find('\n', pos);
                if (nl == std::string::npos)
                    break;
                std::string_view line(buf.data() + pos, nl - pos);
                while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
                    line.remove_suffix(1);
                if (!line.empty())
                    delivery.add(line);
                pos = nl + 1;
                if (delivery.pending() >= 8192) {
                    if (!delivery.flush(cursor(bufStart + std::int64_t(pos))))
                        return storeError(ctx);
                }
            }
            buf.erase(0, pos);
            bufStart += std::int64_t(pos);
            if (buf.size() > kMaxLine) {
                ++ctx.rejected;
                ctx.lastRejection = QStringLiteral("a line over %1 bytes at offset %2 was skipped")
                                        .arg(kMaxLine)
                                        .arg(bufStart);
                bufStart += std::int64_t(buf.size());
                buf.clear();
            }
            if (got > 0)
                continue;
            // At the end of the file.
            if (delivery.pending() > 0 || ctx.cursor != cursor(bufStart)) {
                if (!delivery.flush(cursor(bufStart)))
                    return storeError(ctx);
            }
            if (rotated)
                return {}; // the old file is read to its end: the caller opens the new one
            if (!ctx.follow)
                return {};
            if (!live) {
                ctx.setHealth(Health::Connected, QString());
                live = true;
            }
            if (!ctx.sleep(m_pollMs))
                return stoppedError();
            struct stat now
            {
            };
            if (::stat(path.constData(), &now) == 0
                && (std::uint64_t(now.st_ino) != ino || std::uint64_t(now.st_dev) != dev)) {
                // Rotated: read what the writer added to the old file before it let go, then
                // switch.
                rotated = true;
                continue;
            }
            struct stat cur
            {
            };
            if (fstat(fd, &cur) == 0 && cur.st_size < bufStart + std::int64_t(buf.size())) {
                buf.clear(); // truncated in place
                bufStart = 0;
            }
        }
    }

    QJsonObject m_config;
    QString m_path;
    int m_pollMs = 250;
    std::atomic<bool> m_cancelled{false};
};

} // namespace

std::unique_ptr<Connector> makeEveFileConnector(const QJsonObject &config, QString &error)
{
    return makeConnector<EveFileConnector>(config, error);
}

} // namespace Vigie::Connectors
