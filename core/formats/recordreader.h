// SPDX-License-Identifier: Apache-2.0
// Splits a file into records without trusting it: JSON lines, a JSON array or a stream of (pretty-
// printed) JSON documents, or a Zeek TSV log. Reads in chunks, so a multi-gigabyte file costs a few
// megabytes of memory; a line longer than the limit is skipped and reported, not buffered.
#pragma once

#include "normaliser.h"

#include <QString>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace Vigie::Formats {

class RecordReader
{
public:
    enum class Layout { JsonLines, JsonDocuments, ZeekTsv };
    struct Item
    {
        enum Kind { Record, Rejected };
        Kind kind = Record;
        std::string_view text; // valid until the next call to next(); padded for simdjson
        std::int64_t line = 0; // 1-based line where the record starts
        std::string reason;    // for Rejected
    };

    static constexpr std::size_t DefaultMaxRecordBytes = 16u << 20;
    static constexpr std::size_t MaxDocumentFileBytes = 1u << 30;

    RecordReader() = default;
    ~RecordReader();
    RecordReader(const RecordReader &) = delete;
    RecordReader &operator=(const RecordReader &) = delete;

    // Opens and sniffs the file. On failure `error` says why (missing, unreadable, empty, binary).
    bool open(const QString &path, QString &error);
    void setMaxRecordBytes(std::size_t n) { m_maxRecord = n; }
    Layout layout() const { return m_layout; }
    const ZeekTsvHeader &zeekHeader() const { return m_zeek; }
    // False at the end of the file.
    bool next(Item &item);
    std::uint64_t bytesRead() const { return m_consumed; }
    std::uint64_t fileSize() const { return m_size; }

private:
    bool fill();
    bool nextLine(Item &item);
    bool nextDocument(Item &item);

    std::FILE *m_file = nullptr;
    Layout m_layout = Layout::JsonLines;
    std::string m_buf;     // chunk buffer, with simdjson padding beyond m_end
    std::size_t m_pos = 0; // next unread byte
    std::size_t m_end = 0; // end of valid data
    bool m_eof = false;
    std::int64_t m_line = 0; // lines fully consumed so far
    std::uint64_t m_consumed = 0;
    std::uint64_t m_size = 0;
    std::size_t m_maxRecord = DefaultMaxRecordBytes;
    std::size_t m_chunk = 0; // bytes read at a time
    bool m_inArray = false;
    bool m_arrayClosed = false;
    ZeekTsvHeader m_zeek;
};

// The end (one past) of the JSON object or array starting at text[pos], or npos when the text ends
// first. Strings and escapes are honoured; the content is not validated (simdjson does that).
std::size_t jsonValueEnd(std::string_view text, std::size_t pos);

} // namespace Vigie::Formats
