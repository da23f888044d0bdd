// SPDX-License-Identifier: Apache-2.0
#include "reports/reportrenderer.h"

#include "core/events/hidden.h"
#include "reports/reportcharts.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>
#include <QHash>
#include <QImage>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
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

// TLP 2.0's colours: each label's own on black.
QString tlpColour(const QString &tlp)
{
    if (tlp == QLatin1String("TLP:RED"))
        return QStringLiteral("#ff2b2b");
    if (tlp == QLatin1String("TLP:GREEN"))
        return QStringLiteral("#33ff00");
    if (tlp == QLatin1String("TLP:CLEAR"))
        return QStringLiteral("#ffffff");
    return QStringLiteral("#ffc000");
}

// A colour from the template, checked again here: it goes into a style sheet.
QString colour(const QString &c, const char *fallback)
{
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return hex.match(c).hasMatch() ? c : QString::fromLatin1(fallback);
}

// Where the HTML finds its images: resource names inside a QTextDocument, data: URLs in a file
// that must stand alone (and fetch nothing).
enum class Images { Resources, Embedded, None };

constexpr int kChartWidth = 2000;       // pixels drawn: 180 mm at about 280 dpi
constexpr int kChartDisplayWidth = 680; // the same 180 mm in a document's 96 dpi pixels

QString chartName(const QString &chart)
{
    return QStringLiteral("vigie-chart-") + chart;
}

QString dataUrl(const QImage &image)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return QStringLiteral("data:image/png;base64,") + QString::fromLatin1(png.toBase64());
}

QString logoMime(const QByteArray &logo)
{
    return logo.startsWith("\xff\xd8\xff") ? QStringLiteral("image/jpeg")
           : logo.startsWith("GIF8")       ? QStringLiteral("image/gif")
                                           : QStringLiteral("image/png");
}

// The report as HTML; `pages` gives each section's page for the table of contents (the PDF's),
// empty for a document read on screen (its entries are links).
// `sizes`: for Images::Resources, each resource's size on the page in 96 dpi pixels, both sides
// given (Qt sizes an image given one side differently on a worker thread than on the GUI thread).
QString htmlOf(const ReportModel &m,
               const std::vector<int> &pages,
               Images images,
               const QHash<QString, QSize> &sizes = {})
{
    const QString primary = colour(m.style.primary, "#1f3a5f");
    const QString accent = colour(m.style.accent, "#c0392b");
    const QString header = colour(m.style.tableHeader, "#e3e8ef");
    QString h;
    h += QStringLiteral("<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                        "<title>%2</title><style>"
                        "body{font-family:'DejaVu Sans',sans-serif;font-size:9pt}"
                        "h1{font-size:18pt;color:%3}h2{font-size:13pt;margin-top:14px;color:%3}"
                        "th{background-color:%5;text-align:left}"
                        ".tlp{background-color:#000000;color:%6;font-weight:bold}"
                        ".org{color:%4;font-weight:bold;font-size:11pt}"
                        "</style></head><body>\n")
             .arg(m.lang, html(m.documentTitle), primary, accent, header, tlpColour(m.tlp));
    if (images == Images::Resources && sizes.contains(QStringLiteral("vigie-logo"))) {
        const QSize size = sizes.value(QStringLiteral("vigie-logo"));
        h += QStringLiteral("<p><img src=\"vigie-logo\" width=\"%1\" height=\"%2\"></p>\n")
                 .arg(size.width())
                 .arg(size.height());
    } else if (images == Images::Embedded && !m.style.logo.isEmpty()) {
        h += QStringLiteral("<p><img src=\"data:%1;base64,%2\" height=\"64\"></p>\n")
                 .arg(logoMime(m.style.logo), QString::fromLatin1(m.style.logo.toBase64()));
    }
    if (!m.style.organisation.isEmpty())
        h += QStringLiteral("<p class=\"org\">%1</p>\n").arg(html(m.style.organisation));
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
        if (!s.chart.isEmpty() && !m.points.empty()) {
            // In a QTextDocument the width is in pixels at 96 dpi (the page's 180 mm); in a file,
            // the window's width.
            if (images == Images::Resources && sizes.contains(chartName(s.chart)))
                h += QStringLiteral("<p><img src=\"%1\" width=\"%2\" height=\"%3\"></p>\n")
                         .arg(chartName(s.chart))
                         .arg(sizes.value(chartName(s.chart)).width())
                         .arg(sizes.value(chartName(s.chart)).height());
            else if (images == Images::Embedded)
                if (const QImage chart = chartFor(m, s.chart, kChartWidth); !chart.isNull())
                    h += QStringLiteral("<p><img src=\"%1\" style=\"max-width:100%\"></p>\n")
                             .arg(dataUrl(chart));
        }
        if (s.table.rows.empty())
            continue;
        h += QStringLiteral("<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\" "
                            "width=\"100%\"><thead><tr>");
        for (qsizetype c = 0; c < s.table.headers.size(); ++c) {
            const std::size_t col = std::size_t(c);
            h += col < s.table.widths.size()
                     ? QStringLiteral("<th width=\"%1%\">%2</th>")
                           .arg(s.table.widths[col])
                           .arg(html(s.table.headers[c]))
                     : QStringLiteral("<th>%1</th>").arg(html(s.table.headers[c]));
        }
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

QString toHtml(const ReportModel &m, bool images)
{
    return htmlOf(m, {}, images ? Images::Embedded : Images::None);
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

namespace {

// The report laid out on A4 pages for a 300 dpi device: the PDF and the page images share it, so
// the preview shows exactly the pages the PDF has.
class PagedReport
{
public:
    static constexpr int kResolution = 300;

    PagedReport(const ReportModel &m, QPagedPaintDevice *device)
        : m_model(m)
    {
        m_layout = QPageLayout(QPageSize(QPageSize::A4),
                               QPageLayout::Portrait,
                               QMarginsF(15, 12, 15, 12),
                               QPageLayout::Millimeter);
        device->setPageLayout(m_layout);
        const QRect page = m_layout.paintRectPixels(kResolution);
        m_mm = kResolution / 25.4;
        m_headerH = 10 * m_mm;
        m_footerH = 8 * m_mm;
        m_width = page.width();
        m_bodyH = page.height() - m_headerH - m_footerH;
        m_margin = m_layout.paintRectPixels(kResolution).topLeft();
        m_fullPage = m_layout.fullRectPixels(kResolution).size();

        m_doc.documentLayout()->setPaintDevice(device);
        m_doc.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        // The images the HTML names: nothing else can be loaded (QTextDocument asks
        // loadResource() only for names it has not been given, and gets nothing).
        QHash<QString, QSize> sizes;
        if (!m.style.logo.isEmpty()) {
            QImage logo;
            if (logo.loadFromData(m.style.logo) && logo.height() > 0) {
                m_doc.addResource(
                    QTextDocument::ImageResource, QUrl(QStringLiteral("vigie-logo")), logo);
                // 64 pixels high (17 mm), at most the page's width.
                sizes.insert(
                    QStringLiteral("vigie-logo"),
                    QSize(std::min(kChartDisplayWidth, 64 * logo.width() / logo.height()), 64));
            }
        }
        for (const ReportSection &s : m.sections)
            if (!s.chart.isEmpty()) {
                const QImage chart = chartFor(m, s.chart, kChartWidth);
                if (chart.isNull())
                    continue;
                m_doc.addResource(QTextDocument::ImageResource, QUrl(chartName(s.chart)), chart);
                sizes.insert(
                    chartName(s.chart),
                    QSize(kChartDisplayWidth, kChartDisplayWidth * chart.height() / chart.width()));
            }
        // Laid out page by page, so that a line or a table row never straddles two pages; laid
        // out twice: the first pass finds the page of each section for the table of contents.
        m_doc.setPageSize(QSizeF(m_width, m_bodyH));
        std::vector<int> sectionPages(m.sections.size(), 0);
        m_doc.setHtml(htmlOf(m, sectionPages, Images::Resources, sizes));
        for (QTextBlock b = m_doc.begin(); b.isValid(); b = b.next())
            for (auto it = b.begin(); !it.atEnd(); ++it)
                for (const QString &name : it.fragment().charFormat().anchorNames())
                    if (name.startsWith(QLatin1String("section"))) {
                        const int i = name.mid(7).toInt() - 1;
                        if (i >= 0 && std::size_t(i) < sectionPages.size())
                            sectionPages[std::size_t(i)]
                                = int(m_doc.documentLayout()->blockBoundingRect(b).top() / m_bodyH)
                                  + 1;
                    }
        m_doc.setHtml(htmlOf(m, sectionPages, Images::Resources, sizes));
    }

    int pageCount() const { return m_doc.pageCount(); }
    QSize fullPage() const { return m_fullPage; }
    QPoint margin() const { return m_margin; }

    // Page i (from 0), with the painter at the printable area's top left, in 300 dpi units.
    void paintPage(QPainter &painter, int i) const
    {
        const ReportModel &m = m_model;
        const double width = m_width, headerH = m_headerH, bodyH = m_bodyH, mm = m_mm;
        QFont small(QStringLiteral("DejaVu Sans"), 8);
        QFont bold = small;
        bold.setBold(true);
        painter.save();
        // Running header: the TLP marking on every page, as TLP 2.0 asks.
        painter.setFont(bold);
        const QRectF tlpText = painter.boundingRect(
            QRectF(0, 0, width, headerH * 0.7), Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.fillRect(tlpText.adjusted(-mm, -mm / 2, mm, mm / 2), Qt::black);
        painter.setPen(QColor(tlpColour(m.tlp)));
        painter.drawText(tlpText, Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.setPen(Qt::black);
        painter.setFont(small);
        QString headerTitle = QStringLiteral("%1 #%2").arg(m.documentTitle).arg(m.incident);
        if (!m.style.organisation.isEmpty())
            headerTitle = inert(m.style.organisation, 80) + QStringLiteral(" — ") + headerTitle;
        painter.drawText(
            QRectF(0, 0, width, headerH * 0.7), Qt::AlignRight | Qt::AlignVCenter, headerTitle);
        painter.setPen(QPen(QColor(colour(m.style.accent, "#c0392b")), mm * 0.3));
        painter.drawLine(QPointF(0, headerH * 0.8), QPointF(width, headerH * 0.8));
        painter.setPen(Qt::black);
        const QRectF footer(0, headerH + bodyH, width, m_footerH);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter, m.tlp);
        painter.drawText(footer,
                         Qt::AlignRight | Qt::AlignVCenter,
                         tr2(m.lang, QT_TRANSLATE_NOOP("Report", "Page %1 of %2"), "Page %1 sur %2")
                             .arg(i + 1)
                             .arg(pageCount()));
        // This page's slice of the document.
        painter.translate(0, headerH - i * bodyH);
        const_cast<QTextDocument &>(m_doc).drawContents(&painter,
                                                        QRectF(0, i * bodyH, width, bodyH));
        painter.restore();
    }

private:
    const ReportModel &m_model;
    QPageLayout m_layout;
    QTextDocument m_doc;
    double m_mm = 0, m_headerH = 0, m_footerH = 0, m_width = 0, m_bodyH = 0;
    QPoint m_margin;
    QSize m_fullPage;
};

Result<void> needsGuiApplication()
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error(QStringLiteral("rendering a PDF needs a QGuiApplication (for fonts); "
                                    "QT_QPA_PLATFORM=offscreen works without a display"));
    return {};
}

} // namespace

Result<QByteArray> toPdf(const ReportModel &m)
{
    if (auto r = needsGuiApplication(); !r)
        return Error(r.error());
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setResolution(PagedReport::kResolution);
    writer.setTitle(QStringLiteral("%1 #%2").arg(m.documentTitle).arg(m.incident));
    writer.setCreator(QStringLiteral("Vigie"));
    const PagedReport report(m, &writer);
    QPainter painter;
    if (!painter.begin(&writer))
        return Error(QStringLiteral("cannot start the PDF"));
    for (int i = 0; i < report.pageCount(); ++i) {
        if (i > 0)
            writer.newPage();
        report.paintPage(painter, i);
    }
    if (!painter.end())
        return Error(QStringLiteral("cannot finish the PDF"));
    buffer.close();
    return bytes;
}

Result<std::vector<QImage>>
toPageImages(const ReportModel &m, int dpi, const std::atomic<bool> *cancel)
{
    if (auto r = needsGuiApplication(); !r)
        return Error(r.error());
    // Laid out for the PDF writer (its fonts and metrics), painted onto images.
    QBuffer scratch;
    scratch.open(QIODevice::WriteOnly);
    QPdfWriter writer(&scratch);
    writer.setResolution(PagedReport::kResolution);
    const PagedReport report(m, &writer);
    const double scale = double(dpi) / PagedReport::kResolution;
    const QSize size = (QSizeF(report.fullPage()) * scale).toSize();
    std::vector<QImage> pages;
    for (int i = 0; i < report.pageCount(); ++i) {
        if (cancel && cancel->load())
            return Error(QStringLiteral("cancelled"));
        QImage page(size, QImage::Format_RGB32);
        page.fill(Qt::white);
        // The layout's resolution, not the image's: point sizes and the document's images then
        // measure on the image as they did on the PDF writer, and the scale does the rest.
        page.setDotsPerMeterX(qRound(PagedReport::kResolution / 0.0254));
        page.setDotsPerMeterY(qRound(PagedReport::kResolution / 0.0254));
        QPainter painter(&page);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                               | QPainter::SmoothPixmapTransform);
        painter.scale(scale, scale);
        painter.translate(report.margin());
        report.paintPage(painter, i);
        painter.end();
        pages.push_back(std::move(page));
    }
    return pages;
}

} // namespace Vigie::Report
