// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the WebSocket connector's handling of what a sensor streams. After a valid opening
// handshake from a scripted peer on loopback, the input is sent as raw frames (any opcode, length,
// fragmentation, masking, control frames, close codes, invalid UTF-8) to a real WebSocket
// connector session (Boost.Beast); the messages it accepts go through the IngestSink into a store.
#include "harness.h"

#include <QJsonObject>

#include <cstdint>
#include <cstdlib>
#include <unistd.h>

using namespace Vigie;
using namespace Vigie::Connectors;

namespace {
VigieFuzz::SessionHarness *g_harness = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_harness = new VigieFuzz::SessionHarness;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    g_harness->peer.serveWebSocket(std::string(reinterpret_cast<const char *>(data) + 1, size - 1));
    QJsonObject config{{QStringLiteral("url"),
                        QStringLiteral("ws://127.0.0.1:%1/stream").arg(g_harness->peer.port())},
                       {QStringLiteral("connectTimeoutMs"), 2000},
                       {QStringLiteral("handshakeTimeoutMs"), 2000},
                       {QStringLiteral("readTimeoutMs"), 2000},
                       {QStringLiteral("maxMessageBytes"), 1 << 20},
                       {QStringLiteral("idleSeconds"), 0.05},
                       {QStringLiteral("flushMs"), 20}};
    if (data[0] & 1) // records are whole messages, not members
        config.insert(QStringLiteral("eventPointer"), QString());
    QString error;
    auto connector = Connector::create(QStringLiteral("websocket"), config, error);
    if (!connector)
        std::abort();
    SessionContext ctx;
    ctx.follow = bool(data[0] & 2);
    ctx.detect = bool(data[0] & 4);
    g_harness->prepare(ctx, 3);
    (void)connector->session(ctx);
    g_harness->sink->drain();
    return 0;
}
