// SPDX-License-Identifier: Apache-2.0
#include "rawblock.h"

#include <zstd.h>

#include <cstring>

namespace Vigie {

// Uncompressed layout: u32 count, u32 end offset of each record, then the records back to back.
int RawBlockBuilder::add(std::string_view record)
{
    m_data.append(record);
    m_offsets.push_back(static_cast<std::uint32_t>(m_data.size()));
    return static_cast<int>(m_offsets.size()) - 1;
}

void RawBlockBuilder::finish(std::string &out, int level)
{
    std::string plain;
    const std::uint32_t n = static_cast<std::uint32_t>(m_offsets.size());
    plain.resize(4 + 4 * n);
    std::memcpy(plain.data(), &n, 4);
    std::memcpy(plain.data() + 4, m_offsets.data(), 4 * n);
    plain.append(m_data);
    out.resize(ZSTD_compressBound(plain.size()));
    const size_t z = ZSTD_compress(out.data(), out.size(), plain.data(), plain.size(), level);
    if (ZSTD_isError(z)) {
        out.clear();
    } else {
        out.resize(z);
    }
    m_offsets.clear();
    m_data.clear();
}

bool rawBlockRecord(std::string_view compressed, int index, std::string &out)
{
    const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size < 4
        || size > (1ull << 32))
        return false;
    std::string plain(size, '\0');
    const size_t z
        = ZSTD_decompress(plain.data(), plain.size(), compressed.data(), compressed.size());
    if (ZSTD_isError(z) || z != size)
        return false;
    std::uint32_t n = 0;
    std::memcpy(&n, plain.data(), 4);
    if (index < 0 || static_cast<std::uint32_t>(index) >= n || 4 + 4ull * n > size)
        return false;
    std::uint32_t begin = 0, end = 0;
    if (index > 0)
        std::memcpy(&begin, plain.data() + 4 + 4 * (index - 1), 4);
    std::memcpy(&end, plain.data() + 4 + 4 * index, 4);
    const std::size_t base = 4 + 4ull * n;
    if (begin > end || base + end > size)
        return false;
    out.assign(plain.data() + base + begin, end - begin);
    return true;
}

bool rawBlockRecords(std::string_view compressed,
                     std::string &plain,
                     std::vector<std::string_view> &records)
{
    records.clear();
    const unsigned long long size = ZSTD_getFrameContentSize(compressed.data(), compressed.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size < 4
        || size > (1ull << 32))
        return false;
    plain.resize(size);
    const size_t z
        = ZSTD_decompress(plain.data(), plain.size(), compressed.data(), compressed.size());
    if (ZSTD_isError(z) || z != size)
        return false;
    std::uint32_t n = 0;
    std::memcpy(&n, plain.data(), 4);
    if (4 + 4ull * n > size)
        return false;
    const std::size_t base = 4 + 4ull * n;
    std::uint32_t begin = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
        std::uint32_t end = 0;
        std::memcpy(&end, plain.data() + 4 + 4 * i, 4);
        if (end < begin || base + end > size)
            return false;
        records.emplace_back(plain.data() + base + begin, end - begin);
        begin = end;
    }
    return true;
}

} // namespace Vigie
