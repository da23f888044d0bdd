// SPDX-License-Identifier: Apache-2.0
#include "reports/reportrenderer.h"

#include "core/events/hidden.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>

#include <vector>

namespace Vigie::Report {

namespace {

constexpr int kMaxCell = 4096;  // a table cell or bullet
constexpr int kMaxTitle = 1024; // the incident title on the cover
constexpr int kMaxText = 16384; // a paragraph (the RCA explanation)

bool isHiding(char32_t c)
{
    return isHidingCharacter(c);
}

// Plain text with nothing hidden or reordered, cut at maxChars with a marker. Newlines are kept
// (each renderer turns them into its own line break).
QString inert(const QString &text, int maxChars)
{
    const bool cut = text.size() > maxChars;
    const QStringView view = cut ? QStringView(text).left(maxChars) : QStringView(text);
    QString out;
    out.reserve(view.size() + 32);
    for (const char32_t c : view.toUcs4()) {
        if (c == '\n')
            out += QLatin1Char('\n');
        else if (isHiding(c))
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += QString::fromUcs4(&c, 1);
    }
    if (cut)
        out += QCoreApplication::translate("Report", " … [truncated, %1 characters]")
                   .arg(text.size());
    return out;
}

QString html(const QString &text, int maxChars = kMaxCell)
{
    QString s = inert(text, maxChars).toHtmlEscaped();
    s.replace(QLatin1Char('\n'), QLatin1String("<br>"));
    return s;
}

QString md(const QString &text, int maxChars = kMaxCell)
{
    QString out;
    const QString s = inert(text, maxChars);
    out.reserve(s.size() + 16);
    for (const QChar c : s) {
        if (c == QLatin1Char('<'))
            out += QLatin1String("&lt;");
        else if (c == QLatin1Char('>'))
            out += QLatin1String("&gt;");
        else if (c == QLatin1Char('&'))
            out += QLatin1String("&amp;");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String(" / ");
        else if (QStringView(u"\\`*_[]|#!").contains(c))
            out += QLatin1Char('\\') + c;
        else
            out += c;
    }
    return out;
}

} // namespace

namespace {

// The report as HTML; `pages` gives each section's page for the table of contents (the PDF's),
// empty for a document read on screen (its entries are links).
QString htmlOf(const ReportModel &m, const std::vector<int> &pages)
{
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                        "<title>%2</title><style>"
                        "body{font-family:'DejaVu Sans',sans-serif;font-size:9pt}"
                        "h1{font-size:18pt}h2{font-size:13pt;margin-top:14px}"
                        "th{background-color:#e8e8e8;text-align:left}"
                        ".tlp{background-color:#000000;color:#ffc000;font-weight:bold}"
                        "</style></head><body>\n")
             .arg(m.lang, html(m.documentTitle));
    h += QStringLiteral("<p><span class=\"tlp\">&nbsp;%1&nbsp;</span></p>\n").arg(html(m.tlp));
    h += QStringLiteral("<h1>%1</h1>\n<p><b>%2</b></p>\n")
             .arg(html(m.documentTitle), html(m.title, kMaxTitle));
    h += QStringLiteral("<p>");
    for (const QString &line : m.coverLines)
        h += html(line) + QStringLiteral("<br>");
    h += QStringLiteral("</p>\n");
    // Contents.
    h += QStringLiteral("<h2>%1</h2>\n<table cellspacing=\"0\" cellpadding=\"2\" width=\"70%\">")
             .arg(html(tr2(m.lang, QT_TRANSLATE_NOOP("Report", "Contents"), "Sommaire")));
    for (std::size_t i = 0; i < m.sections.size(); ++i)
        h += QStringLiteral("<tr><td>%1. <a href=\"#section%1\">%2</a></td><td "
                            "align=\"right\">%3</td></tr>")
                 .arg(i + 1)
                 .arg(html(m.sections[i].title))
                 .arg(i < pages.size() ? QString::number(pages[i]) : QString());
    h += QStringLiteral("</table>\n");
    int number = 0;
    for (const ReportSection &s : m.sections) {
        ++number;
        h += QStringLiteral("<h2><a name=\"section%1\"></a>%1. %2</h2>\n")
                 .arg(number)
                 .arg(html(s.title));
        for (const QString &p : s.paragraphs)
            h += QStringLiteral("<p>%1</p>\n").arg(html(p, kMaxText));
        if (!s.bullets.isEmpty()) {
            h += QStringLiteral("<ul>");
            for (const QString &b : s.bullets)
                h += QStringLiteral("<li>%1</li>").arg(html(b));
            h += QStringLiteral("</ul>\n");
        }
        if (s.table.rows.empty())
            continue;
        h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                            "width=\"100%\"><thead><tr>");
        for (const QString &head : s.table.headers)
            h += QStringLiteral("<th>%1</th>").arg(html(head));
        h += QStringLiteral("</tr></thead><tbody>\n");
        for (const QStringList &row : s.table.rows) {
            h += QStringLiteral("<tr>");
            for (const QString &cell : row)
                h += QStringLiteral("<td>%1</td>").arg(html(cell));
            h += QStringLiteral("</tr>\n");
        }
        h += QStringLiteral("</tbody></table>\n");
    }
    h += QStringLiteral("</body></html>\n");
    return h;
}

} // namespace

QString toHtml(const ReportModel &m)
{
    return htmlOf(m, {});
}

QString toMarkdown(const ReportModel &m)
{
    QString out;
    out += QStringLiteral("**%1**\n\n# %2\n\n**%3**\n\n")
               .arg(md(m.tlp), md(m.documentTitle), md(m.title, kMaxTitle));
    for (const QString &line : m.coverLines)
        out += QStringLiteral("- %1\n").arg(md(line));
    for (const ReportSection &s : m.sections) {
        out += QStringLiteral("\n## %1\n\n").arg(md(s.title));
        for (const QString &p : s.paragraphs)
            out += md(p, kMaxText) + QStringLiteral("\n\n");
        for (const QString &b : s.bullets)
            out += QStringLiteral("- %1\n").arg(md(b));
        if (!s.bullets.isEmpty())
            out += QLatin1Char('\n');
        if (s.table.rows.empty())
            continue;
        QStringList heads, rule;
        for (const QString &head : s.table.headers) {
            heads << md(head);
            rule << QStringLiteral("---");
        }
        out += QStringLiteral("| %1 |\n| %2 |\n")
                   .arg(heads.join(QStringLiteral(" | ")), rule.join(QStringLiteral(" | ")));
        for (const QStringList &row : s.table.rows) {
            QStringList cells;
            for (const QString &cell : row)
                cells << md(cell);
            out += QStringLiteral("| %1 |\n").arg(cells.join(QStringLiteral(" | ")));
        }
    }
    return out;
}

Result<QByteArray> toPdf(const ReportModel &m)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error(QStringLiteral("rendering a PDF needs a QGuiApplication (for fonts); "
                                    "QT_QPA_PLATFORM=offscreen works without a display"));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(300);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4),
                                     QPageLayout::Portrait,
                                     QMarginsF(15, 12, 15, 12),
                                     QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("%1 #%2").arg(m.documentTitle).arg(m.incident));
    writer.setCreator(QStringLiteral("Vigie"));

    const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
    const double mm = writer.resolution() / 25.4;
    const double headerH = 10 * mm, footerH = 8 * mm;
    const double width = page.width(), bodyH = page.height() - headerH - footerH;

    const QFont font(QStringLiteral("DejaVu Sans"), 9);
    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setDefaultFont(font);
    // Laid out page by page, so that a line or a table row never straddles two pages; laid out
    // twice: the first pass finds the page of each section for the table of contents.
    doc.setPageSize(QSizeF(width, bodyH));
    std::vector<int> sectionPages(m.sections.size(), 0);
    doc.setHtml(htmlOf(m, sectionPages));
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next())
        for (auto it = b.begin(); !it.atEnd(); ++it)
            for (const QString &name : it.fragment().charFormat().anchorNames())
                if (name.startsWith(QLatin1String("section"))) {
                    const int i = name.mid(7).toInt() - 1;
                    if (i >= 0 && std::size_t(i) < sectionPages.size())
                        sectionPages[std::size_t(i)]
                            = int(doc.documentLayout()->blockBoundingRect(b).top() / bodyH) + 1;
                }
    doc.setHtml(htmlOf(m, sectionPages));
    const int pages = doc.pageCount();

    QPainter painter;
    if (!painter.begin(&writer))
        return Error(QStringLiteral("cannot start the PDF"));
    QFont small = font;
    small.setPointSize(8);
    QFont bold = small;
    bold.setBold(true);
    const QString headerTitle = QStringLiteral("%1 #%2").arg(m.documentTitle).arg(m.incident);
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            writer.newPage();
        // Running header: the TLP marking on every page, as TLP 2.0 asks.
        painter.save();
        painter.setFont(bold);
        const QRectF tlpText = painter.boundingRect(
            QRectF(0, 0, width, headerH * 0.7), Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.fillRect(tlpText.adjusted(-mm, -mm / 2, mm, mm / 2), Qt::black);
        painter.setPen(QColor(0xff, 0xc0, 0x00));
        painter.drawText(tlpText, Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.setPen(Qt::black);
        painter.setFont(small);
        painter.drawText(
            QRectF(0, 0, width, headerH * 0.7), Qt::AlignRight | Qt::AlignVCenter, headerTitle);
        painter.drawLine(QPointF(0, headerH * 0.8), QPointF(width, headerH * 0.8));
        const QRectF footer(0, headerH + bodyH, width, footerH);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.drawText(footer,
                         Qt::AlignRight | Qt::AlignVCenter,
                         tr2(m.lang, QT_TRANSLATE_NOOP("Report", "Page %1 of %2"), "Page %1 sur %2")
                             .arg(i + 1)
                             .arg(pages));
        // This page's slice of the document.
        painter.translate(0, headerH - i * bodyH);
        doc.drawContents(&painter, QRectF(0, i * bodyH, width, bodyH));
        painter.restore();
    }
    if (!painter.end())
        return Error(QStringLiteral("cannot finish the PDF"));
    buffer.close();
    return bytes;
}

} // namespace Vigie::Report
