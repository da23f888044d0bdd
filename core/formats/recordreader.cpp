// SPDX-License-Identifier: Apache-2.0
#include "recordreader.h"

#include <QFile>
#include <QFileInfo>

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace Vigie::Formats {

namespace {
constexpr std::size_t kChunk = 8u << 20;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
} // namespace

std::size_t jsonValueEnd(std::string_view t, std::size_t pos)
{
    int depth = 0;
    bool inString = false;
    for (std::size_t i = pos; i < t.size(); ++i) {
        const char c = t[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        switch (c) {
        case '"':
            inString = true;
            break;
        case '{':
        case '[':
            ++depth;
            break;
        case '}':
        case ']':
            if (--depth == 0)
                return i + 1;
            break;
        default:
            break;
        }
    }
    return std::string_view::npos;
}

RecordReader::~RecordReader()
{
    if (m_file)
        std::fclose(m_file);
}

bool RecordReader::open(const QString &path, QString &error)
{
    const QFileInfo fi(path);
    if (!fi.exists()) {
        error = QStringLiteral("no such file");
        return false;
    }
    if (fi.isDir()) {
        error = QStringLiteral("is a folder, not a file");
        return false;
    }
    m_file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!m_file) {
        error = QStringLiteral("cannot open: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_size = static_cast<std::uint64_t>(fi.size());
    // A small file gets a buffer of its size (a folder of small files is not 8 MiB each); one more
    // byte so that the first read sees the end.
    m_chunk = std::clamp<std::size_t>(std::size_t(m_size) + 1, 4096, kChunk);
    m_buf.resize(m_chunk + simdjson::SIMDJSON_PADDING);
    if (!fill() && m_end == 0) {
        error = QStringLiteral("empty file");
        return false;
    }
    // Skip a UTF-8 byte order mark.
    if (m_end >= 3 && std::memcmp(m_buf.data(), "\xEF\xBB\xBF", 3) == 0) {
        m_pos = 3;
        m_consumed = 3;
    }
    const std::string_view head(m_buf.data() + m_pos, std::min<std::size_t>(m_end - m_pos, 65536));
    if (head.find('\0') != std::string_view::npos) {
        error = QStringLiteral("binary file (NUL bytes in the first 64 KiB), not text");
        return false;
    }
    std::size_t first = 0;
    while (first < head.size() && isSpace(head[first]))
        ++first;
    if (first == head.size() && m_eof) {
        error = QStringLiteral("empty file (only white space)");
        return false;
    }
    const char c = first < head.size() ? head[first] : '\0';
    if (c == '[') {
        m_layout = Layout::JsonDocuments;
        m_inArray = true;
    } else if (c == '#') {
        m_layout = Layout::ZeekTsv;
    } else if (c == '{') {
        // One document per line, unless the first document runs over its first line (pretty-
        // printed JSON, as exported by many tools).
        const auto nl = head.find('\n', first);
        const std::string_view firstLine
            = head.substr(first, nl == std::string_view::npos ? head.npos : nl - first);
        const auto end = jsonValueEnd(firstLine, 0);
        m_layout = end == std::string_view::npos ? Layout::JsonDocuments : Layout::JsonLines;
        if (m_layout == Layout::JsonDocuments && nl == std::string_view::npos && !m_eof)
            m_layout = Layout::JsonLines; // a first line longer than 64 KiB: keep streaming
    }
    if (m_layout == Layout::JsonDocuments) {
        if (m_size > MaxDocumentFileBytes) {
            error
                = QStringLiteral("a JSON document or array of %1 MiB: Vigie reads such files up to "
                                 "%2 MiB; convert it to one JSON object per line")
                      .arg(m_size >> 20)
                      .arg(MaxDocumentFileBytes >> 20);
            return false;
        }
        // Whole-document layouts are read in one piece: the spans must stay valid.
        while (fill()) {
        }
        if (m_inArray) {
            // Step over the opening bracket: the array's elements are the records.
            std::size_t p = m_pos;
            while (p < m_end && m_buf[p] != '[')
                ++p;
            for (std::size_t i = m_pos; i < p; ++i)
                m_line += m_buf[i] == '\n';
            m_consumed += p + 1 - m_pos;
            m_pos = p + 1;
        }
    }
    return true;
}

// Moves unread bytes to the front and reads more; false when nothing more could be read.
bool RecordReader::fill()
{
    if (m_eof)
        return false;
    if (m_layout != Layout::JsonDocuments && m_pos > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_pos, m_end - m_pos);
        m_end -= m_pos;
        m_pos = 0;
    }
    std::size_t room = m_buf.size() - simdjson::SIMDJSON_PADDING - m_end;
    if (room < m_chunk / 2) {
        m_buf.resize(m_buf.size() + m_chunk);
        room = m_buf.size() - simdjson::SIMDJSON_PADDING - m_end;
    }
    const std::size_t n = std::fread(m_buf.data() + m_end, 1, room, m_file);
    m_end += n;
    std::memset(m_buf.data() + m_end, 0, simdjson::SIMDJSON_PADDING);
    if (n < room)
        m_eof = true;
    return n > 0;
}

bool RecordReader::next(Item &item)
{
    item.reason.clear();
    item.kind = Item::Record;
    if (m_layout == Layout::JsonDocuments)
        return nextDocument(item);
    return nextLine(item);
}

bool RecordReader::nextLine(Item &item)
{
    while (true) {
        if (m_pos >= m_end && (m_eof || !fill()))
            return false;
        const char *base = m_buf.data();
        const void *nl = std::memchr(base + m_pos, '\n', m_end - m_pos);
        if (!nl && !m_eof) {
            if (m_end - m_pos > m_maxRecord) {
                // Too long: report it once, then drop bytes until its end.
                const std::int64_t line = m_line + 1;
                std::size_t skipped = 0;
                while (true) {
                    const void *p = std::memchr(m_buf.data() + m_pos, '\n', m_end - m_pos);
                    if (p) {
                        const std::size_t len
                            = static_cast<const char *>(p) - (m_buf.data() + m_pos);
                        skipped += len + 1;
                        m_consumed += len + 1;
                        m_pos += len + 1;
                        break;
                    }
                    skipped += m_end - m_pos;
                    m_consumed += m_end - m_pos;
                    m_pos = m_end;
                    if (!fill())
                        break;
                }
                ++m_line;
                item.kind = Item::Rejected;
                item.line = line;
                item.text = {};
                item.reason = "line of " + std::to_string(skipped) + " bytes is over the "
                              + std::to_string(m_maxRecord >> 20) + " MiB limit for one record";
                return true;
            }
            if (fill())
                continue;
            base = m_buf.data();
            nl = std::memchr(base + m_pos, '\n', m_end - m_pos);
        }
        base = m_buf.data();
        const std::size_t start = m_pos;
        const std::size_t stop = nl ? static_cast<const char *>(nl) - base : m_end;
        m_pos = nl ? stop + 1 : m_end;
        m_consumed += m_pos - start;
        ++m_line;
        std::size_t e = stop;
        while (e > start && (base[e - 1] == '\r' || base[e - 1] == ' ' || base[e - 1] == '\t'))
            --e;
        std::size_t b = start;
        while (b < e && (base[b] == ' ' || base[b] == '\t'))
            ++b;
        if (b == e)
            continue; // blank line
        item.line = m_line;
        item.text = std::string_view(base + b, e - b);
        if (e - b > m_maxRecord) {
            item.kind = Item::Rejected;
            item.reason = "line of " + std::to_string(e - b) + " bytes is over the "
                          + std::to_string(m_maxRecord >> 20) + " MiB limit for one record";
            item.text = {};
            return true;
        }
        if (m_layout == Layout::ZeekTsv && item.text.front() == '#') {
            m_zeek.readHeaderLine(item.text);
            continue;
        }
        return true;
    }
}

bool RecordReader::nextDocument(Item &item)
{
    const std::string_view all(m_buf.data(), m_end);
    auto advance = [&](std::size_t to) {
        for (std::size_t i = m_pos; i < to; ++i) {
            if (all[i] == '\n')
                ++m_line;
        }
        m_consumed += to - m_pos;
        m_pos = to;
    };
    while (true) {
        std::size_t p = m_pos;
        while (p < all.size() && (isSpace(all[p]) || (m_inArray && all[p] == ',')))
            ++p;
        advance(p);
        if (p >= all.size()) {
            if (m_inArray && !m_arrayClosed) {
                m_arrayClosed = true; // report once
                item.kind = Item::Rejected;
                item.line = m_line + 1;
                item.reason = "truncated: the JSON array is never closed";
                return true;
            }
            return false;
        }
        if (m_inArray && all[p] == ']') {
            m_arrayClosed = true;
            m_inArray = false;
            advance(p + 1);
            continue;
        }
        const std::int64_t line = m_line + 1;
        if (all[p] != '{') {
            // Skip a stray scalar up to the next separator so that one bad element costs one
            // record.
            std::size_t q = p;
            while (q < all.size() && all[q] != ',' && all[q] != '\n' && all[q] != ']')
                ++q;
            if (q == p)
                ++q; // a separator outside an array: it is the stray value itself

            advance(q);
            item.kind = Item::Rejected;
            item.line = line;
            item.reason = "expected a JSON object, found '"
                          + std::string(all.substr(p, std::min<std::size_t>(q - p, 20))) + "'";
            return true;
        }
        const std::size_t end = jsonValueEnd(all, p);
        if (end == std::string_view::npos) {
            advance(all.size());
            m_arrayClosed = true; // the array's end went with it: one message is enough
            item.kind = Item::Rejected;
            item.line = line;
            item.reason = "truncated: the JSON document starting here never closes";
            return true;
        }
        advance(end);
        item.line = line;
        item.text = all.substr(p, end - p);
        if (item.text.size() > m_maxRecord) {
            item.kind = Item::Rejected;
            item.text = {};
            item.reason = "document over the " + std::to_string(m_maxRecord >> 20)
                          + " MiB limit for one record";
        }
        return true;
    }
}

} // namespace Vigie::Formats
