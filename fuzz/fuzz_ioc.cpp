// SPDX-License-Identifier: Apache-2.0
// Fuzz target: indicator lists as `vigie hunt --ioc` loads them — plain text (defanged or not,
// `type:value`), CSV and STIX 2.1 bundles, told apart by content — then matched against events.
#include "core/detection/ioc.h"
#include "core/ingest/recordbatcher.h"
#include "harness.h"

#include <cstdint>
#include <string>
#include <vector>

using namespace Vigie;

namespace {
std::vector<std::string> g_raw;
std::vector<Event> g_events;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    std::vector<std::string> records;
    for (const char *path : {VIGIE_TEST_DATA "/network/eve_sample.json",
                             VIGIE_TEST_DATA "/network/zeek_sample.ndjson",
                             VIGIE_TEST_DATA "/windows/helk_events.ndjson"}) {
        for (std::string &r : VigieFuzz::firstRecords(path, 6))
            records.push_back(std::move(r));
    }
    RecordBatcher batcher;
    IngestBatch batch;
    std::string error;
    for (const std::string &r : records) {
        if (batcher.add(r, batch, error) == RecordBatcher::Outcome::Added) {
            g_events.push_back(batch.events.back());
            g_raw.push_back(r);
        }
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    Detection::IocSet set;
    std::vector<Detection::IocLoadError> errors;
    set.loadText(text, QStringLiteral("fuzz.txt"), errors);
    std::vector<const Detection::Indicator *> hits;
    for (std::size_t i = 0; i < g_events.size(); ++i) {
        hits.clear();
        set.match(g_events[i], g_raw[i], hits);
        for (const Detection::Indicator *ind : hits)
            (void)Detection::IocSet::alertFrom(g_events[i], *ind);
    }
    return 0;
}
