// SPDX-License-Identifier: Apache-2.0
// Original documents are kept verbatim, compressed with zstd in blocks of consecutive records: JSON
// from one sensor repeats its keys, so a block compresses several times better than records one by
// one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace Vigie {

class RawBlockBuilder
{
public:
    static constexpr int DefaultCapacity = 256;

    // Returns the index of the record inside the block being built.
    int add(std::string_view record);
    int count() const { return static_cast<int>(m_offsets.size()); }
    bool empty() const { return m_offsets.empty(); }
    // Compresses the records added so far into `out` and starts a new block.
    void finish(std::string &out, int level = 1);

private:
    std::vector<std::uint32_t> m_offsets;
    std::string m_data;
};

// Extracts record `index` from a compressed block; false when the block is damaged.
bool rawBlockRecord(std::string_view compressed, int index, std::string &out);
// Decompresses a whole block into `plain`; `records` views each record in it.
bool rawBlockRecords(std::string_view compressed,
                     std::string &plain,
                     std::vector<std::string_view> &records);

} // namespace Vigie
