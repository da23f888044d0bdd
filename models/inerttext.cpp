// SPDX-License-Identifier: Apache-2.0
#include "inerttext.h"

#include <QList>

namespace Vigie::Models {

namespace {

bool isHiding(char32_t c)
{
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) // C0, DEL, C1
           || (c >= 0x200b && c <= 0x200f)                  // zero-width, LRM, RLM
           || (c >= 0x202a && c <= 0x202e)                  // bidi embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069)                  // bidi isolates
           || c == 0xfeff;
}

QString sanitise(const QString &text, int maxChars, bool keepNewlines)
{
    QString out;
    const bool cut = text.size() > maxChars;
    const QStringView view = cut ? QStringView(text).left(maxChars) : QStringView(text);
    out.reserve(view.size() + 8);
    for (const char32_t c : view.toUcs4()) {
        if (keepNewlines && c == '\n') {
            out += QLatin1Char('\n');
        } else if (isHiding(c)) {
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        } else {
            out += QString::fromUcs4(&c, 1);
        }
    }
    if (cut)
        out += QStringLiteral(" … (%1 characters)").arg(text.size());
    return out;
}

} // namespace

QString inertLine(const QString &text, int maxChars)
{
    return sanitise(text, maxChars, false);
}

QString inertToolTip(const QString &text, int maxChars)
{
    if (text.isEmpty())
        return text;
    QString html = sanitise(text, maxChars, true).toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return QStringLiteral("<qt>") + html + QStringLiteral("</qt>");
}

QString defang(const QString &indicator)
{
    QString s = indicator;
    const qsizetype scheme = s.indexOf(QLatin1String("://"));
    if (scheme > 0) {
        QString proto = s.left(scheme);
        proto.replace(QLatin1String("http"), QLatin1String("hxxp"), Qt::CaseInsensitive);
        proto.replace(QLatin1String("ftp"), QLatin1String("fxp"), Qt::CaseInsensitive);
        qsizetype hostEnd = s.indexOf(QLatin1Char('/'), scheme + 3);
        if (hostEnd < 0)
            hostEnd = s.size();
        QString host = s.mid(scheme + 3, hostEnd - scheme - 3);
        host.replace(QLatin1Char('.'), QLatin1String("[.]"));
        return proto + QLatin1String("://") + host + s.mid(hostEnd);
    }
    // A hash has no dots; addresses and names have theirs bracketed.
    s.replace(QLatin1Char('.'), QLatin1String("[.]"));
    return s;
}

QString csvField(const QString &value)
{
    QString v = value;
    if (!v.isEmpty() && QStringLiteral("=+-@\t\r").contains(v.front()))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char('"')) || v.contains(QLatin1Char(','))
        || v.contains(QLatin1Char('\n')) || v.contains(QLatin1Char('\r')))
        v = QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\""))
            + QLatin1Char('"');
    return v;
}

} // namespace Vigie::Models
