// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/zip.h"

#include "core/playbooks/quoting.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QSaveFile>

#include <algorithm>
#include <array>

namespace Vigie::Playbooks {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ToolkitZip)
};

constexpr std::uint16_t utf8NamesFlag = 0x0800;   // general purpose bit 11: names are UTF-8
constexpr std::uint16_t madeByUnix = 3 << 8 | 20; // Unix (so the permissions below count), 2.0
// A regular file, rw-r--r--: nothing extracted from a toolkit is executable before someone has
// read it and chosen to run it.
constexpr std::uint32_t regularFileAttributes = 0100644u << 16;
constexpr int componentMax = 80; // characters: far below the 255 bytes file systems allow

const std::array<std::uint32_t, 256> &crcTable()
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    return table;
}

// Characters that some Windows code page's "best fit" mapping turns into a path separator (the
// yen and won signs are the backslash of Japanese and Korean code pages), left after NFKC.
bool looksLikeSeparator(char32_t c)
{
    switch (c) {
    case 0x00A5: // ¥
    case 0x20A9: // ₩
    case 0x2044: // ⁄ fraction slash
    case 0x2215: // ∕ division slash
    case 0x2216: // ∖ set minus
    case 0x29F5: // ⧵ reverse solidus operator
    case 0x29F8: // ⧸ big solidus
    case 0x29F9: // ⧹ big reverse solidus
        return true;
    default:
        return false;
    }
}

bool isReservedDeviceName(const QString &component)
{
    // Windows refuses these as file names whatever the extension: CON, CON.txt, "CON .txt".
    const QString base = component.section(u'.', 0, 0).trimmed().toUpper();
    static const QStringList fixed = {QStringLiteral("CON"),
                                      QStringLiteral("PRN"),
                                      QStringLiteral("AUX"),
                                      QStringLiteral("NUL"),
                                      QStringLiteral("CONIN$"),
                                      QStringLiteral("CONOUT$")};
    if (fixed.contains(base))
        return true;
    return base.size() == 4
           && (base.startsWith(QLatin1String("COM")) || base.startsWith(QLatin1String("LPT")))
           && base.at(3) >= u'0' && base.at(3) <= u'9';
}

QString cleanComponent(QString c)
{
    // Windows drops trailing dots and spaces, so ".. " would become ".." there.
    auto trimEnd = [](QString &s) {
        s = s.trimmed();
        while (!s.isEmpty() && (s.back() == u'.' || s.back() == u' '))
            s.chop(1);
    };
    trimEnd(c);
    // Before truncating, so that a second pass finds nothing more to do.
    if (!c.isEmpty() && isReservedDeviceName(c))
        c.prepend(u'_');
    if (c.size() > componentMax) {
        c.truncate(componentMax);
        if (c.back().isHighSurrogate())
            c.chop(1);
        trimEnd(c);
    }
    return c;
}

void put16(QByteArray &out, std::uint16_t v)
{
    out += char(v & 0xff);
    out += char(v >> 8);
}

void put32(QByteArray &out, std::uint32_t v)
{
    put16(out, std::uint16_t(v & 0xffff));
    put16(out, std::uint16_t(v >> 16));
}

Error tooBig(std::uint64_t limit)
{
    return Error(Text::tr("The toolkit would be larger than %1 bytes, the largest ZIP archive "
                          "without ZIP64.")
                     .arg(limit));
}

} // namespace

std::uint32_t crc32(const QByteArray &data)
{
    const auto &table = crcTable();
    std::uint32_t c = 0xFFFFFFFFu;
    for (char byte : data)
        c = table[(c ^ static_cast<unsigned char>(byte)) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

QString safeEntryName(const QString &name)
{
    // NFKC first: fullwidth ／ ＼ ． and the two-dot leader become / \ . and are then handled as
    // such.
    const QString normal = name.normalized(QString::NormalizationForm_KC);
    QString cleaned;
    cleaned.reserve(normal.size());
    static const QString windowsRefused = QStringLiteral("<>:\"|?*");
    for (char32_t c : normal.toUcs4()) {
        if (c == '\\')
            cleaned += u'/';
        else if (isInvisible(c) || looksLikeSeparator(c)
                 || (c < 0x80 && windowsRefused.contains(QChar(char16_t(c)))))
            cleaned += u'_';
        else
            cleaned += QString::fromUcs4(&c, 1);
    }
    QStringList kept;
    for (const QString &part : cleaned.split(u'/')) {
        const QString c = cleanComponent(part);
        if (!c.isEmpty()) // drops "", "." and ".." (".." loses its dots as trailing ones)
            kept << c;
    }
    return kept.isEmpty() ? QStringLiteral("unnamed") : kept.join(u'/');
}

ZipWriter::ZipWriter(const QDateTime &modified, std::uint64_t limit)
    : m_limit(std::min(limit, maxArchiveSize))
{
    // DOS times have no zone and count from 1980 in two-second steps; UTC keeps them reproducible.
    const QDateTime t = modified.isValid() ? modified.toUTC() : QDateTime::currentDateTimeUtc();
    const QDate d = t.date();
    const QTime tm = t.time();
    const int year = std::clamp(d.year(), 1980, 2107);
    m_dosDate = std::uint16_t((year - 1980) << 9 | d.month() << 5 | d.day());
    m_dosTime = std::uint16_t(tm.hour() << 11 | tm.minute() << 5 | tm.second() / 2);
}

Result<QString> ZipWriter::add(const QString &name, const QByteArray &data, Method method)
{
    QString safe = safeEntryName(name);
    if (m_taken.contains(safe.toLower())) {
        const qsizetype slash = safe.lastIndexOf(u'/');
        const qsizetype dot = safe.lastIndexOf(u'.');
        const qsizetype split = dot > slash + 1 ? dot : safe.size();
        const QString stem = safe.left(split);
        const QString ext = safe.mid(split);
        for (int n = 2;; ++n) {
            const QString candidate = stem + u'-' + QString::number(n) + ext;
            if (!m_taken.contains(candidate.toLower())) {
                safe = candidate;
                break;
            }
        }
    }
    const QByteArray encoded = safe.toUtf8();
    if (encoded.size() > 0xFFFF)
        return Error(Text::tr("The file name %1 is too long for a ZIP archive.").arg(safe));
    if (m_entries.size() >= 0xFFFF)
        return Error(Text::tr("Too many files for a ZIP archive without ZIP64 (65535 at most)."));
    if (std::uint64_t(data.size()) > m_limit)
        return tooBig(m_limit);

    Entry e;
    e.name = safe;
    e.encodedName = encoded;
    e.crc = crc32(data);
    e.size = std::uint64_t(data.size());
    e.payload = data;
    e.method = 0;
    if (method == Method::Deflate && !data.isEmpty()) {
        // qCompress gives a 4-byte length, then a zlib stream: a 2-byte header, raw deflate and a
        // 4-byte Adler-32. ZIP wants the raw deflate only.
        const QByteArray z = qCompress(data, 9);
        if (z.size() > 10) {
            const auto cmf = static_cast<unsigned char>(z.at(4));
            const auto flg = static_cast<unsigned char>(z.at(5));
            const bool plainHeader
                = (cmf & 0x0f) == 8 && !(flg & 0x20) && (cmf << 8 | flg) % 31 == 0;
            if (plainHeader && z.size() - 10 < data.size()) {
                e.payload = z.mid(6, z.size() - 10);
                e.method = 8;
            }
        }
    }
    e.offset = m_localSize;
    const std::uint64_t local
        = m_localSize + 30 + std::uint64_t(encoded.size()) + std::uint64_t(e.payload.size());
    const std::uint64_t total = local + centralSize() + 46 + std::uint64_t(encoded.size()) + 22;
    if (total > m_limit)
        return tooBig(m_limit);
    m_localSize = local;
    m_taken.insert(safe.toLower());
    m_entries.push_back(std::move(e));
    return safe;
}

QStringList ZipWriter::names() const
{
    QStringList out;
    for (const Entry &e : m_entries)
        out << e.name;
    return out;
}

std::uint64_t ZipWriter::centralSize() const
{
    std::uint64_t n = 0;
    for (const Entry &e : m_entries)
        n += 46 + std::uint64_t(e.encodedName.size());
    return n;
}

bool ZipWriter::writeTo(QIODevice &out) const
{
    // Sizes were checked in add(): every size and offset below fits in 32 bits.
    for (const Entry &e : m_entries) {
        QByteArray h;
        put32(h, 0x04034b50);
        put16(h, e.method == 8 ? 20 : 10); // version needed: 2.0 for deflate
        put16(h, utf8NamesFlag);
        put16(h, e.method);
        put16(h, m_dosTime);
        put16(h, m_dosDate);
        put32(h, e.crc);
        put32(h, std::uint32_t(e.payload.size()));
        put32(h, std::uint32_t(e.size));
        put16(h, std::uint16_t(e.encodedName.size()));
        put16(h, 0); // no extra field
        h += e.encodedName;
        if (out.write(h) != h.size() || out.write(e.payload) != e.payload.size())
            return false;
    }
    QByteArray central;
    for (const Entry &e : m_entries) {
        put32(central, 0x02014b50);
        put16(central, madeByUnix);
        put16(central, e.method == 8 ? 20 : 10);
        put16(central, utf8NamesFlag);
        put16(central, e.method);
        put16(central, m_dosTime);
        put16(central, m_dosDate);
        put32(central, e.crc);
        put32(central, std::uint32_t(e.payload.size()));
        put32(central, std::uint32_t(e.size));
        put16(central, std::uint16_t(e.encodedName.size()));
        put16(central, 0); // extra field
        put16(central, 0); // comment
        put16(central, 0); // disk number
        put16(central, 0); // internal attributes
        put32(central, regularFileAttributes);
        put32(central, std::uint32_t(e.offset));
        central += e.encodedName;
    }
    put32(central, 0x06054b50);
    put16(central, 0); // this disk
    put16(central, 0); // the central directory's disk
    put16(central, std::uint16_t(m_entries.size()));
    put16(central, std::uint16_t(m_entries.size()));
    put32(central, std::uint32_t(centralSize()));
    put32(central, std::uint32_t(m_localSize));
    put16(central, 0); // no archive comment
    return out.write(central) == central.size();
}

Result<QByteArray> ZipWriter::archive() const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!writeTo(buffer))
        return Error(Text::tr("Cannot assemble the ZIP archive in memory."));
    buffer.close();
    return bytes;
}

Result<void> ZipWriter::write(const QString &path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error(Text::tr("Cannot write %1: %2").arg(path, file.errorString()));
    if (!writeTo(file)) {
        const QString why = file.errorString();
        file.cancelWriting();
        return Error(Text::tr("Cannot write %1: %2").arg(path, why));
    }
    if (!file.commit())
        return Error(Text::tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace Vigie::Playbooks
