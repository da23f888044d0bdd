// SPDX-License-Identifier: Apache-2.0
// Report benchmark: the AIT insect mail server's incident (the Wazuh alerts of the bundled demo,
// correlated; hundreds of alerts make a long evidence appendix) — building the report model from
// the store, then rendering it as PDF, HTML and Markdown, five times each; writes the PDF (count
// its pages with pdfinfo). Usage: bench_report [--work DIR]
#include "core/analysis/correlation.h"
#include "core/ingest/importer.h"
#include "core/report/reportmodel.h"
#include "core/store/store.h"
#include "reports/reportrenderer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>

#include <algorithm>
#include <cstdio>

using namespace Vigie;

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    for (int i = 1; i < args.size(); ++i)
        if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
    QDir().mkpath(work);
    const QString path = work + QStringLiteral("/report-v1.db");
    if (!QFile::exists(path)) {
        auto store = Store::open(path);
        if (!store)
            return 1;
        Importer importer(**store);
        if (!importer.begin())
            return 1;
        importer.importFile(
            QStringLiteral(VIGIE_SOURCE_DIR "/resources/demo/alerts/ossec_insect.json"));
        if (!importer.finish() || !Analysis::correlate(**store))
            return 1;
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    if (!store)
        return 1;
    const auto incidents = *(*store)->incidents();
    if (incidents.empty())
        return 1;
    const IncidentSummary top
        = *std::max_element(incidents.begin(), incidents.end(), [](const auto &a, const auto &b) {
              return a.alertCount < b.alertCount;
          });
    double model = 0, pdf = 0, html = 0, md = 0, worstPdf = 0, pages = 0;
    std::size_t pageCount = 0;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer t;
        t.start();
        auto m = Report::buildReport(**store, top.id, QStringLiteral("en"));
        if (!m) {
            std::fprintf(stderr, "%s\n", qPrintable(m.error()));
            return 1;
        }
        model += t.nsecsElapsed() / 1e6;
        t.restart();
        auto bytes = Report::toPdf(*m);
        const double p = t.nsecsElapsed() / 1e6;
        pdf += p;
        worstPdf = std::max(worstPdf, p);
        if (!bytes)
            return 1;
        t.restart();
        const QString h = Report::toHtml(*m);
        html += t.nsecsElapsed() / 1e6;
        t.restart();
        const QString k = Report::toMarkdown(*m);
        md += t.nsecsElapsed() / 1e6;
        // The Report tab's preview: every page as an image at 96 dpi.
        t.restart();
        auto images = Report::toPageImages(*m, 96);
        pages += t.nsecsElapsed() / 1e6;
        if (!images)
            return 1;
        pageCount = images->size();
        if (round == 0) {
            QFile out(work + QStringLiteral("/report-bench.pdf"));
            if (out.open(QIODevice::WriteOnly))
                out.write(*bytes);
        }
        Q_UNUSED(h)
        Q_UNUSED(k)
    }
    std::printf("incident #%lld (%lld alerts): model %.0f ms, PDF %.0f ms (worst %.0f ms), HTML "
                "%.0f ms, Markdown %.0f ms, %zu page images at 96 dpi %.0f ms (means of 5); PDF "
                "written to %s/report-bench.pdf\n",
                qlonglong(top.id),
                qlonglong(top.alertCount),
                model / 5,
                pdf / 5,
                worstPdf,
                html / 5,
                md / 5,
                pageCount,
                pages / 5,
                qPrintable(work));
    return 0;
}
