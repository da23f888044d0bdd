// SPDX-License-Identifier: Apache-2.0
// Fuzz target: timestamps as sensors write them (ISO 8601 with or without zone or fraction, epoch
// seconds and milliseconds, Zeek's fractional epochs, Windows' forms); one that parses must format
// and parse back to the same instant.
#include "core/events/timestamp.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace Vigie;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const auto us = parseTimestampUs(text);
    if (!us)
        return 0;
    const std::string formatted = formatTimestampUs(*us);
    const auto back = parseTimestampUs(formatted);
    if (!back || *back != *us)
        std::abort();
    return 0;
}
