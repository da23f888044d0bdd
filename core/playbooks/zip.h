// SPDX-License-Identifier: Apache-2.0
// A small ZIP writer for the incident toolkit: stored or deflated entries with CRC-32, UTF-8
// names, DOS times and a central directory, written whole or not at all. No ZIP64: an archive
// that would need it (4 GiB, 65535 entries) is refused with an error.
#pragma once

#include "core/events/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

class QIODevice;

namespace Vigie::Playbooks {

// The CRC-32 of ZIP (and zlib, PNG): polynomial 0xEDB88320, "123456789" gives 0xCBF43926.
std::uint32_t crc32(const QByteArray &data);

// An entry name that no extractor can write outside its target folder, whatever it was:
// backslashes read as separators, no absolute path, drive letter, `.` or `..` component, no
// control or invisible character, no character Windows refuses (< > : " | ? *) or reads as a
// separator through a legacy code page (fullwidth and other look-alike slashes, after NFKC), no
// trailing dot or space, no reserved device name (CON, NUL, COM1…). The rewrite is deterministic
// and idempotent: safeEntryName(safeEntryName(x)) == safeEntryName(x). Never empty.
QString safeEntryName(const QString &name);

class ZipWriter
{
public:
    enum class Method { Store, Deflate };

    // The largest archive without ZIP64: sizes and offsets are 32-bit, 0xFFFFFFFF marks ZIP64.
    static constexpr std::uint64_t maxArchiveSize = 0xFFFFFFFEu;

    // Every entry gets `modified` as its time (in UTC). `limit`: the largest archive accepted
    // (tests lower it to check the refusal without writing gigabytes).
    explicit ZipWriter(const QDateTime &modified = QDateTime::currentDateTimeUtc(),
                       std::uint64_t limit = maxArchiveSize);

    // Adds a file under safeEntryName(name), made unique (case-insensitively, since Windows and
    // macOS would merge the two) by a -2, -3… before the extension. Returns the name used, or an
    // error when the archive would outgrow the limit. Deflate falls back to Store when it would
    // not make the entry smaller.
    Result<QString>
    add(const QString &name, const QByteArray &data, Method method = Method::Deflate);

    QStringList names() const;

    // The archive's bytes.
    Result<QByteArray> archive() const;
    // Writes the archive to `path` through QSaveFile: the file is replaced whole or left as it was.
    Result<void> write(const QString &path) const;

private:
    struct Entry
    {
        QString name;
        QByteArray encodedName; // UTF-8
        QByteArray payload;     // stored or raw deflate
        std::uint32_t crc = 0;
        std::uint64_t size = 0;
        std::uint16_t method = 0; // 0 store, 8 deflate
        std::uint64_t offset = 0; // of its local header
    };
    bool writeTo(QIODevice &out) const;
    std::uint64_t centralSize() const;

    std::vector<Entry> m_entries;
    QSet<QString> m_taken; // lower-case names
    std::uint16_t m_dosTime = 0;
    std::uint16_t m_dosDate = 0;
    std::uint64_t m_limit;
    std::uint64_t m_localSize = 0; // local headers and payloads so far
};

} // namespace Vigie::Playbooks
