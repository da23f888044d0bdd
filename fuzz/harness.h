// SPDX-License-Identifier: Apache-2.0
// Shared pieces of the fuzz targets: the first records of a test fixture, and what a connector
// session needs (a scripted peer on loopback, the network thread, an IngestSink over a store).
#pragma once

#include "connectors/connector.h"
#include "connectors/net.h"
#include "core/detection/detector.h"
#include "core/ingest/ingestsink.h"
#include "core/store/store.h"
#include "loopback.h"

#include <QFile>

#include <chrono>
#include <cstdlib>
#include <string>
#include <unistd.h>
#include <vector>

namespace VigieFuzz {

// The first `n` non-empty lines of a file (none when it cannot be read).
inline std::vector<std::string> firstRecords(const char *path, int n)
{
    std::vector<std::string> out;
    QFile f(QString::fromUtf8(path));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    while (int(out.size()) < n && !f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        if (!line.isEmpty())
            out.emplace_back(line.constData(), std::size_t(line.size()));
    }
    return out;
}

// A fresh folder for a target's files, in memory when /dev/shm is there (no disk syncs per input).
inline QString scratchDir(const char *name)
{
    std::string dir
        = (::access("/dev/shm", W_OK) == 0 ? "/dev/shm/" : "/tmp/") + std::string(name) + "-XXXXXX";
    if (!::mkdtemp(dir.data()))
        std::abort();
    return QString::fromLocal8Bit(dir.c_str());
}

// One per process: connector sessions run against `peer` and deliver into a store in /tmp.
struct SessionHarness
{
    LoopbackPeer peer;
    Vigie::Net::NetworkThread net;
    std::unique_ptr<Vigie::IngestSink> sink;
    std::int64_t source = 0;

    SessionHarness()
    {
        const QString path = scratchDir("vigie-fuzz-session") + QStringLiteral("/fuzz.vigie");
        {
            auto store = Vigie::Store::open(path);
            if (!store)
                std::abort();
            source = *(*store)->ensureSource(QStringLiteral("connector"), QStringLiteral("fuzz"));
        }
        auto s = Vigie::IngestSink::open(path);
        if (!s)
            std::abort();
        sink = std::move(*s);
        // Sessions with detection build their batcher on the bundled rules: read them once here,
        // not inside the first input (under ASan that takes longer than an input may).
        (void)Vigie::Detection::RuleSet::bundled();
    }

    // A session context that gives up after `seconds` and never waits between polls.
    void prepare(Vigie::Connectors::SessionContext &ctx, int seconds)
    {
        using namespace Vigie::Connectors;
        ctx.net = &net;
        ctx.sink = sink.get();
        ctx.sourceId = source;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        ctx.stopping = [deadline] {
            return std::chrono::steady_clock::now() > deadline;
        };
        ctx.sleep = [](int) {
            return false;
        };
        ctx.setHealth = [](Health, const QString &) {
        };
        ctx.saveAssets = [](const std::vector<Vigie::AssetRecord> &) -> Vigie::Result<void> {
            return {};
        };
    }
};

} // namespace VigieFuzz
