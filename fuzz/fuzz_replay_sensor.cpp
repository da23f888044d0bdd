// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the replay sensor's handling of requests (`vigie sensor` is reachable by anyone on
// its port): the HTTP parser with its limits, routing of the Elasticsearch, Wazuh and TheHive APIs,
// query bodies, authentication headers, response actions and gzip — one or several pipelined
// requests per input, answered as a connection would be (ReplaySensor::answerRaw), without TLS.
#include "connectors/replaysensor.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace Vigie::Connectors;

namespace {
ReplaySensor *g_sensor = nullptr;
ReplaySensor *g_gzipSensor = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    auto make = [](bool gzip, const QString &auth) {
        SensorOptions o;
        o.data = {QStringLiteral(VIGIE_TEST_DATA "/network/eve_sample.json"),
                  QStringLiteral(VIGIE_TEST_DATA "/alerts/wazuh_spiral_auth.json")};
        o.selfSigned = true;
        o.gzip = gzip;
        o.auth = auth;
        auto s = ReplaySensor::start(o);
        if (!s)
            std::abort();
        return s->release();
    };
    g_sensor = make(false, QString());
    g_gzipSensor = make(true, QStringLiteral("basic:elastic:changeme"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const QByteArray request(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    ReplaySensor *sensor = data[0] & 1 ? g_gzipSensor : g_sensor;
    const QByteArray answer = sensor->answerRaw(request);
    if (!answer.isEmpty() && !answer.startsWith("HTTP/1.1 ") && !answer.startsWith("HTTP/1.0 "))
        std::abort();
    return 0;
}
