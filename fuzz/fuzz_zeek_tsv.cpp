// SPDX-License-Identifier: Apache-2.0
// Fuzz target: Zeek TSV logs without the file layer — header lines (#separator, #fields, #path,
// #unset_field, #empty_field, in any order and repeated) and the records under them, each record
// normalised with the header read so far.
#include "core/formats/normaliser.h"

#include <cstdint>
#include <string>
#include <string_view>

using namespace Vigie;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    std::string_view text(reinterpret_cast<const char *>(data), size);
    Formats::ZeekTsvHeader header;
    std::string error;
    while (!text.empty()) {
        const auto nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!line.empty() && line.front() == '#') {
            header.readHeaderLine(line);
            continue;
        }
        if (!header.valid())
            continue;
        Event e;
        Formats::normaliseZeekTsv(header, line, e, error);
    }
    return 0;
}
