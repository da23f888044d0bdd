// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/quoting.h"

#include <QList>
#include <QStringView>
#include <QUrl>

namespace Vigie::Playbooks {

namespace {

bool isPowershellSingleQuote(QChar c)
{
    // PowerShell's CharTraits: the ASCII apostrophe and the four typographic single quotes.
    const char16_t u = c.unicode();
    return u == u'\'' || u == 0x2018 || u == 0x2019 || u == 0x201A || u == 0x201B;
}

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

// A decimal number without sign or leading zero ("0" itself is fine), at most `maxDigits` long.
int decimal(QStringView s, int maxDigits)
{
    if (s.isEmpty() || s.size() > maxDigits || (s.size() > 1 && s.front() == u'0'))
        return -1;
    int v = 0;
    for (QChar c : s) {
        if (!isAsciiDigit(c))
            return -1;
        v = v * 10 + (c.unicode() - u'0');
    }
    return v;
}

bool parseIPv4(QStringView s, unsigned char *out)
{
    const QList<QStringView> parts = s.split(u'.');
    if (parts.size() != 4)
        return false;
    for (int i = 0; i < 4; ++i) {
        const int v = decimal(parts[i], 3);
        if (v < 0 || v > 255)
            return false;
        out[i] = static_cast<unsigned char>(v);
    }
    return true;
}

// One side of "::": groups of 1 to 4 hex digits, the last of the address possibly a dotted quad.
bool parseIPv6Groups(QStringView side, bool lastOfAddress, std::vector<unsigned> &groups)
{
    if (side.isEmpty())
        return true;
    const QList<QStringView> parts = side.split(u':');
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QStringView part = parts[i];
        if (part.contains(u'.')) {
            unsigned char v4[4];
            if (!lastOfAddress || i != parts.size() - 1 || !parseIPv4(part, v4))
                return false;
            groups.push_back(unsigned(v4[0]) << 8 | v4[1]);
            groups.push_back(unsigned(v4[2]) << 8 | v4[3]);
            continue;
        }
        if (part.isEmpty() || part.size() > 4)
            return false;
        unsigned v = 0;
        for (QChar c : part) {
            const int h = hexValue(c);
            if (h < 0)
                return false;
            v = v << 4 | unsigned(h);
        }
        groups.push_back(v);
    }
    return true;
}

bool parseIPv6(QStringView s, unsigned char *out)
{
    if (s.isEmpty())
        return false;
    const qsizetype gap = s.indexOf(u"::");
    if (gap >= 0 && s.indexOf(u"::", gap + 1) >= 0)
        return false;
    std::vector<unsigned> head;
    std::vector<unsigned> tail;
    if (gap < 0) {
        if (!parseIPv6Groups(s, true, head) || head.size() != 8)
            return false;
    } else {
        if (!parseIPv6Groups(s.left(gap), false, head)
            || !parseIPv6Groups(s.mid(gap + 2), true, tail) || head.size() + tail.size() > 7)
            return false;
    }
    std::array<unsigned, 8> all{};
    for (std::size_t i = 0; i < head.size(); ++i)
        all[i] = head[i];
    for (std::size_t i = 0; i < tail.size(); ++i)
        all[8 - tail.size() + i] = tail[i];
    for (int i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<unsigned char>(all[i] >> 8);
        out[2 * i + 1] = static_cast<unsigned char>(all[i] & 0xff);
    }
    return true;
}

void appendYamlEscape(QString &out, char32_t c)
{
    switch (c) {
    case 0:
        out += QLatin1String("\\0");
        return;
    case '\t':
        out += QLatin1String("\\t");
        return;
    case '\n':
        out += QLatin1String("\\n");
        return;
    case '\r':
        out += QLatin1String("\\r");
        return;
    default:
        break;
    }
    if (c < 0x100)
        out += QLatin1String("\\x") + QString::number(uint(c), 16).rightJustified(2, u'0');
    else if (c < 0x10000)
        out += QLatin1String("\\u") + QString::number(uint(c), 16).rightJustified(4, u'0');
    else
        out += QLatin1String("\\U") + QString::number(uint(c), 16).rightJustified(8, u'0');
}

} // namespace

QString shellQuote(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'\'';
    for (QChar c : value) {
        if (c.unicode() == 0)
            continue;
        if (c == u'\'')
            out += QLatin1String("'\\''"); // close, an escaped quote, reopen
        else
            out += c;
    }
    out += u'\'';
    return out;
}

QString powershellQuote(const QString &value)
{
    QString out;
    out.reserve(value.size() + 2);
    out += u'\'';
    for (QChar c : value) {
        if (c.unicode() == 0)
            continue;
        out += c;
        if (isPowershellSingleQuote(c))
            out += c;
    }
    out += u'\'';
    return out;
}

QString csvField(const QString &value)
{
    QString v = value;
    qsizetype first = 0;
    while (first < v.size() && v.at(first) == u' ')
        ++first;
    if (first < v.size()) {
        const char16_t c = v.at(first).unicode();
        if (c == u'=' || c == u'+' || c == u'-' || c == u'@' || c == u'\t' || c == u'\r')
            v.prepend(u'\'');
    }
    // Semicolons and tabs too: a French spreadsheet splits CSV on semicolons.
    static const QString special = QStringLiteral(",\"\r\n;\t");
    bool quote = false;
    for (QChar c : v)
        if (special.contains(c)) {
            quote = true;
            break;
        }
    if (!quote)
        return v;
    v.replace(QLatin1String("\""), QLatin1String("\"\""));
    return u'"' + v + u'"';
}

QString yamlQuote(const QString &value)
{
    bool plainEnough = true;
    for (char32_t c : value.toUcs4())
        if (isInvisible(c) || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            plainEnough = false;
            break;
        }
    if (plainEnough) {
        QString v = value;
        v.replace(QLatin1String("'"), QLatin1String("''"));
        return u'\'' + v + u'\'';
    }
    QString out = QStringLiteral("\"");
    for (char32_t c : value.toUcs4()) {
        if (c == '"' || c == '\\') {
            out += u'\\';
            out += QChar(char16_t(c));
        } else if (isInvisible(c) || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF)) {
            appendYamlEscape(out, c);
        } else {
            out += QString::fromUcs4(&c, 1);
        }
    }
    out += u'"';
    return out;
}

QString sigmaLiteral(const QString &value)
{
    QString out;
    out.reserve(value.size() + 4);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u'*' || c == u'?') {
            out += u'\\';
            out += c;
        } else if (c == u'\\') {
            // A lone backslash is literal; before a wildcard or a backslash it would escape it.
            const bool escapes = i + 1 < value.size()
                                 && (value.at(i + 1) == u'*' || value.at(i + 1) == u'?'
                                     || value.at(i + 1) == u'\\');
            out += escapes ? QStringLiteral("\\\\") : QStringLiteral("\\");
        } else {
            out += c;
        }
    }
    return out;
}

QString stixString(const QString &value)
{
    QString v = value;
    v.replace(QLatin1String("\\"), QLatin1String("\\\\"));
    v.replace(QLatin1String("'"), QLatin1String("\\'"));
    return u'\'' + v + u'\'';
}

bool IpNetwork::hostBitsSet() const
{
    if (prefix < 0)
        return false;
    const int bits = v6 ? 128 : 32;
    for (int b = prefix; b < bits; ++b)
        if (bytes[b / 8] & (0x80 >> (b % 8)))
            return true;
    return false;
}

bool IpNetwork::isLoopback() const
{
    if (!v6)
        return bytes[0] == 127;
    for (int i = 0; i < 10; ++i)
        if (bytes[i])
            return false;
    // ::1, and 127/8 written as an IPv4-mapped address (::ffff:127.0.0.1).
    if (bytes[10] == 0xff && bytes[11] == 0xff)
        return bytes[12] == 127;
    return bytes[10] == 0 && bytes[11] == 0 && bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0
           && bytes[15] == 1;
}

bool IpNetwork::isUnspecified() const
{
    const int n = v6 ? 16 : 4;
    for (int i = 0; i < n; ++i)
        if (bytes[i])
            return false;
    return true;
}

std::optional<IpNetwork> parseIpNetwork(const QString &text)
{
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!(hexValue(c) >= 0 || u == u':' || u == u'.' || u == u'/'))
            return std::nullopt;
    }
    IpNetwork n;
    QStringView address(text);
    const qsizetype slash = text.indexOf(u'/');
    if (slash >= 0) {
        address = address.left(slash);
        n.prefix = decimal(QStringView(text).mid(slash + 1), 3);
        if (n.prefix < 0)
            return std::nullopt;
    }
    n.v6 = address.contains(u':');
    if (n.v6 ? !parseIPv6(address, n.bytes.data()) : !parseIPv4(address, n.bytes.data()))
        return std::nullopt;
    if (n.prefix > (n.v6 ? 128 : 32))
        return std::nullopt;
    return n;
}

bool isIPv4(const QString &text)
{
    const auto n = parseIpNetwork(text);
    return n && !n->v6 && n->prefix < 0;
}

bool isIPv6(const QString &text)
{
    const auto n = parseIpNetwork(text);
    return n && n->v6 && n->prefix < 0;
}

bool isCidr(const QString &text)
{
    const auto n = parseIpNetwork(text);
    return n && n->prefix >= 0;
}

bool isDomain(const QString &text)
{
    if (text.isEmpty() || hasInvisible(text))
        return false;
    QString ascii = text.toLower();
    bool nonAscii = false;
    for (QChar c : ascii)
        if (c.unicode() > 0x7f)
            nonAscii = true;
    if (nonAscii)
        ascii = QString::fromLatin1(QUrl::toAce(ascii, QUrl::AceTransitionalProcessing));
    if (ascii.isEmpty() || ascii.size() > 253)
        return false;
    const QList<QStringView> labels = QStringView(ascii).split(u'.');
    if (labels.size() < 2)
        return false;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QStringView label = labels[i];
        const bool last = i == labels.size() - 1;
        if (label.isEmpty() || label.size() > 63 || label.front() == u'-' || label.back() == u'-')
            return false;
        bool allDigits = true;
        for (QChar c : label) {
            const char16_t u = c.unicode();
            const bool ok
                = (u >= u'a' && u <= u'z') || isAsciiDigit(c) || u == u'-' || (u == u'_' && !last);
            if (!ok)
                return false;
            allDigits = allDigits && isAsciiDigit(c);
        }
        if (last && allDigits)
            return false; // 1.2.3.4 is an address, not a name
    }
    return true;
}

HashKind hashKind(const QString &text)
{
    for (QChar c : text)
        if (hexValue(c) < 0)
            return HashKind::None;
    switch (text.size()) {
    case 32:
        return HashKind::Md5;
    case 40:
        return HashKind::Sha1;
    case 64:
        return HashKind::Sha256;
    default:
        return HashKind::None;
    }
}

bool isUrl(const QString &text)
{
    if (text.isEmpty() || hasInvisible(text))
        return false;
    for (QChar c : text)
        if (c.isSpace())
            return false;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")
        && scheme != QLatin1String("ftp"))
        return false;
    const QString host = url.host(QUrl::FullyEncoded);
    return isDomain(host) || isIPv4(host) || isIPv6(host);
}

bool isInvisible(char32_t c)
{
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        return true;
    const QChar::Category cat = QChar::category(c);
    return cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Separator_Line
           || cat == QChar::Separator_Paragraph;
}

bool hasInvisible(const QString &text)
{
    for (char32_t c : text.toUcs4())
        if (isInvisible(c))
            return true;
    return false;
}

} // namespace Vigie::Playbooks
