// SPDX-License-Identifier: Apache-2.0
// Timestamp parsing for the layouts sensors write: ISO 8601 with or without a zone, with a space or
// a 'T', with 0 to 9 fractional digits, and epoch seconds. A time without a zone is taken as UTC
// (Sysmon's UtcTime, Windows SystemTime).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Vigie {

std::optional<std::int64_t> parseTimestampUs(std::string_view text);
std::optional<std::int64_t> epochSecondsToUs(double seconds);
// ISO 8601 in UTC with microseconds: 2021-06-06T13:59:46.457984Z
std::string formatTimestampUs(std::int64_t us);
std::int64_t daysFromCivil(int y, unsigned m, unsigned d);

} // namespace Vigie
