// SPDX-License-Identifier: Apache-2.0
// Fuzz target: report rendering of hostile strings. Host names, rule names, command lines and
// indicators come from sensors, so every string of the report model is taken from the input (split
// at NUL bytes): the cover, paragraphs, bullets, table cells, chart lanes and labels. The HTML
// (with its charts drawn for one input in 8), the Markdown and, for one input in 32, the PDF are
// rendered; a report template given as JSON (the first piece, when it starts with '{') is parsed as
// `vigie report
// --template` reads one.
#include "core/report/reportmodel.h"
#include "core/report/reporttemplate.h"
#include "reports/reportrenderer.h"

#include <QGuiApplication>

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace Vigie::Report;

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static int qtArgc = 1;
    static char *qtArgv[] = {(*argv)[0], nullptr};
    new QGuiApplication(qtArgc, qtArgv); // fonts and painting; lives as long as the process
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    // Drawing the charts and laying out a PDF take far longer than the rest: one input in 8 gets
    // the charts, one in 32 the PDF.
    const bool images = (data[0] & 7) == 0;
    const bool pdf = (data[0] & 31) == 0;
    std::vector<QString> pieces;
    {
        const char *p = reinterpret_cast<const char *>(data) + 1;
        const char *end = reinterpret_cast<const char *>(data) + size;
        while (p <= end && pieces.size() < 64) {
            const char *z = p;
            while (z < end && *z)
                ++z;
            pieces.push_back(QString::fromUtf8(p, z - p));
            p = z + 1;
        }
    }
    std::size_t next = 0;
    auto piece = [&] {
        return pieces[next++ % pieces.size()];
    };

    ReportModel m;
    if (pieces.front().startsWith(QLatin1Char('{'))) {
        auto style = parseTemplate(pieces.front().toUtf8(), QStringLiteral("fuzz.json"));
        if (style)
            m.style = *style;
        ++next;
    }
    m.lang = data[0] & 64 ? QStringLiteral("fr") : QStringLiteral("en");
    m.documentTitle = piece();
    m.title = piece();
    m.incident = data[0];
    m.tlp = piece();
    m.analyst = piece();
    m.coverLines = {piece(), piece()};
    m.rootExecutable = piece();
    m.hosts = {piece(), piece(), piece()};
    m.indicators = {defangIndicator(piece()), defangIndicator(piece())};
    for (int i = 0; i < 6; ++i) {
        ReportChartPoint pt;
        pt.ts = 1714550400000000LL + std::int64_t(i) * 60000000LL * (data[i % size] + 1);
        pt.host = m.hosts[i % 3];
        pt.tactic = piece();
        pt.label = piece();
        pt.severity = data[(i + 1) % size] % 101;
        pt.step = i % 2;
        m.points.push_back(pt);
    }
    m.techniques.push_back({piece(), piece(), piece(), piece()});
    const QStringList ids = reportSectionIds();
    for (int s = 0; s < ids.size(); ++s) {
        ReportSection sec;
        sec.id = ids[s];
        sec.title = piece();
        sec.paragraphs = {piece()};
        sec.bullets = {piece(), piece()};
        if (s == 1)
            sec.chart = QStringLiteral("timeline");
        else if (s == 2)
            sec.chart = QStringLiteral("scope");
        sec.table.headers = {piece(), piece(), piece()};
        sec.table.rows = {{piece(), piece(), piece()}, {piece(), piece()}};
        m.sections.push_back(sec);
    }
    const QString html = toHtml(m, images);
    if (html.contains(QLatin1String("<script"), Qt::CaseInsensitive))
        std::abort(); // a hostile value reached the HTML as markup
    (void)toMarkdown(m);
    if (pdf) {
        auto bytes = toPdf(m);
        if (bytes && !bytes->startsWith("%PDF-"))
            std::abort();
    }
    return 0;
}
