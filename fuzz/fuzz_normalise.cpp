// SPDX-License-Identifier: Apache-2.0
// Fuzz target: every normaliser on any JSON object, not only on those format detection hands it.
// The first byte picks the format (as `vigie import --format` forces one); the rest is one record.
// Format detection and the Sigma rules run as well.
#include "core/detection/detector.h"
#include "core/formats/normaliser.h"
#include "core/ingest/recordbatcher.h"

#include <cstdint>
#include <string>
#include <string_view>

using namespace Vigie;

namespace {
constexpr int kFormats = 14; // Format::Unknown .. Format::TheHiveAlert
// One batcher per format for the whole run (the detector's index of the bundled rules is built
// once each).
RecordBatcher *g_batchers[kFormats] = {};
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    const auto rules = Detection::RuleSet::bundled();
    for (int f = 0; f < kFormats; ++f) {
        g_batchers[f] = new RecordBatcher(static_cast<Format>(f));
        g_batchers[f]->setRules(rules);
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const auto format = static_cast<Format>(data[0] % kFormats);
    const std::string_view record(reinterpret_cast<const char *>(data) + 1, size - 1);
    if (format == Format::ZeekTsv) {
        // A Zeek TSV line under a fixed conn header.
        Formats::ZeekTsvHeader header;
        for (std::string_view line :
             {"#separator \\x09",
              "#set_separator\t,",
              "#empty_field\t(empty)",
              "#unset_field\t-",
              "#path\tconn",
              "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\t"
              "duration\torig_bytes\tresp_bytes\tconn_state"})
            header.readHeaderLine(line);
        Event e;
        std::string error;
        Formats::normaliseZeekTsv(header, record, e, error);
        return 0;
    }
    RecordBatcher &batcher = *g_batchers[data[0] % kFormats];
    IngestBatch batch;
    std::string error;
    batcher.add(record, batch, error);
    batcher.finishBatch(batch);
    return 0;
}
