// SPDX-License-Identifier: Apache-2.0
// Fuzz target: what the connectors do with a sensor's HTTP answers. A real connector (Elastic,
// Wazuh, TheHive or generic REST, picked by the first byte) runs a real session through the
// network layer (Boost.Beast: status line, headers, Content-Length, chunking, gzip, limits) against
// a scripted peer on loopback that answers each request with the next part of the input (parts are
// separated by "\n@@next@@\n"). What the connector accepts goes through the IngestSink into a
// store, as in the program.
#include "harness.h"

#include <QCoreApplication>
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
    g_harness->peer.serveHttp(VigieFuzz::splitScript(data + 1, size - 1));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(g_harness->peer.port());
    QJsonObject config{{QStringLiteral("url"), url},
                       {QStringLiteral("connectTimeoutMs"), 2000},
                       {QStringLiteral("readTimeoutMs"), 2000},
                       {QStringLiteral("writeTimeoutMs"), 2000},
                       {QStringLiteral("maxResponseBytes"), 4 << 20}};
    QString kind;
    switch (data[0] % 4) {
    case 0:
        kind = QStringLiteral("elastic");
        config.insert(QStringLiteral("index"), QStringLiteral("logs-*"));
        config.insert(QStringLiteral("pageSize"), 50);
        config.insert(QStringLiteral("pit"), bool(data[0] & 4));
        break;
    case 1:
        kind = QStringLiteral("wazuh");
        config.insert(QStringLiteral("user"), QStringLiteral("wazuh"));
        config.insert(QStringLiteral("allowPlaintextAuth"), true);
        break;
    case 2:
        kind = QStringLiteral("thehive");
        config.insert(QStringLiteral("pageSize"), 50);
        break;
    default:
        kind = QStringLiteral("rest");
        config.insert(QStringLiteral("target"), QStringLiteral("/events"));
        config.insert(QStringLiteral("recordsPointer"), QStringLiteral("/items"));
        config.insert(QStringLiteral("cursorPointer"), QStringLiteral("/id"));
        break;
    }
    QString error;
    auto connector = Connector::create(kind, config, error);
    if (!connector)
        std::abort(); // the configurations above are valid
    SessionContext ctx;
    ctx.follow = false;
    ctx.detect = bool(data[0] & 8);
    ctx.secret = "fuzz-secret";
    g_harness->prepare(ctx, 5);
    (void)connector->session(ctx);
    g_harness->sink->drain();
    return 0;
}
