// SPDX-License-Identifier: Apache-2.0
#include "inerttext.h"

#include "core/events/hidden.h"
#include "core/report/reportmodel.h"

#include <QList>

namespace Vigie::Models {

namespace {

bool isHiding(char32_t c)
{
    return isHidingCharacter(c);
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
    return Report::defangIndicator(indicator);
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
