// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the Sigma rule parser (YAML, the condition grammar, modifiers, wildcards, regular
// expressions), and a rule that parses run by the detector over Windows, Suricata and Zeek records.
#include "core/detection/detector.h"
#include "core/detection/sigma.h"
#include "core/ingest/recordbatcher.h"
#include "harness.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace Vigie;

namespace {
std::vector<std::string> g_records;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    for (const char *path : {VIGIE_TEST_DATA "/windows/helk_events.ndjson",
                             VIGIE_TEST_DATA "/network/eve_sample.json"}) {
        for (std::string &r : VigieFuzz::firstRecords(path, 8))
            g_records.push_back(std::move(r));
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view yaml(reinterpret_cast<const char *>(data), size);
    std::string error;
    std::shared_ptr<const Detection::SigmaRule> rule
        = Detection::parseSigmaRule(yaml, "fuzz.yml", error);
    if (!rule)
        return 0;
    auto set = std::make_shared<Detection::RuleSet>();
    set->add(rule);
    RecordBatcher batcher;
    batcher.setRules(set);
    IngestBatch batch;
    for (const std::string &r : g_records)
        batcher.add(r, batch, error);
    batcher.finishBatch(batch);
    return 0;
}
