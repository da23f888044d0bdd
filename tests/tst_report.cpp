// SPDX-License-Identifier: Apache-2.0
// Incident reports: the model of the PsExec lateral-movement incident (facts, ATT&CK techniques,
// ranked mitigations) in English and French, its PDF, and hostile event text made inert in HTML.
#include "core/analysis/correlation.h"
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/report/reportmodel.h"
#include "core/store/store.h"
#include "reports/reportcharts.h"
#include "reports/reportrenderer.h"

#include <QFile>
#include <QGuiApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Vigie;
using namespace Vigie::Report;

class TestReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::int64_t m_top = 0;

    static const ReportSection *section(const ReportModel &m, const char *id)
    {
        for (const ReportSection &s : m.sections)
            if (s.id == QLatin1String(id))
                return &s;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto store = Store::open(m_dir.filePath(QStringLiteral("report.db")));
        QVERIFY2(store, qPrintable(store.error()));
        m_store = std::move(*store);
        Importer importer(*m_store);
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        QVERIFY(importer.begin().ok());
        importer.importFile(
            QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson"), options);
        QVERIFY(importer.finish().ok());
        QVERIFY(Analysis::correlate(*m_store).ok());
        const auto incidents = m_store->incidents();
        QVERIFY(incidents && !incidents->empty());
        m_top = std::max_element(incidents->begin(),
                                 incidents->end(),
                                 [](const auto &a, const auto &b) { return a.score < b.score; })
                    ->id;
    }

    void defanging()
    {
        QCOMPARE(defangIndicator(QStringLiteral("10.0.0.1")), QStringLiteral("10[.]0[.]0[.]1"));
        QCOMPARE(defangIndicator(QStringLiteral("evil.example")), QStringLiteral("evil[.]example"));
        QCOMPARE(defangIndicator(QStringLiteral("http://evil.example/a.b")),
                 QStringLiteral("hxxp://evil[.]example/a.b"));
        QCOMPARE(defangIndicator(QStringLiteral("d41d8cd98f00b204e9800998ecf8427e")),
                 QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
    }

    void modelInEnglishAndFrench()
    {
        auto en = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY2(en, qPrintable(en.error()));
        QCOMPARE(en->incident, m_top);
        QCOMPARE(en->tlp, QStringLiteral("TLP:AMBER"));
        QVERIFY(en->mitigations.size() >= 3);
        for (const ReportMitigation &m : en->mitigations)
            QVERIFY2(m.id.startsWith(QLatin1String("M1")), qPrintable(m.id));
        // Ranked: the first covers at least as many observed techniques as the last.
        QVERIFY(en->mitigations.front().techniques.size()
                >= en->mitigations.back().techniques.size());
        QVERIFY(!en->techniques.empty());
        for (const ReportTechnique &t : en->techniques)
            QVERIFY2(t.id.startsWith(QLatin1Char('T')), qPrintable(t.id));
        QVERIFY(std::any_of(en->techniques.begin(), en->techniques.end(), [](const auto &t) {
            return t.id.startsWith(QLatin1String("T1021")) && !t.name.isEmpty();
        }));
        QVERIFY2(!en->rootExecutable.isEmpty(), "no root executable");
        const ReportSection *summary = section(*en, "summary");
        QVERIFY(summary && summary->paragraphs.size() >= 5);
        QVERIFY(summary->paragraphs.join(QLatin1Char(' ')).contains(en->rootExecutable));
        QVERIFY(section(*en, "timeline") && !section(*en, "timeline")->table.rows.empty());
        QVERIFY(section(*en, "evidence") && !section(*en, "evidence")->table.rows.empty());
        for (const QString &ioc : en->indicators)
            QVERIFY2(!ioc.contains(QLatin1Char('.')) || ioc.contains(QLatin1String("[.]")),
                     qPrintable(ioc));

        auto fr = buildReport(*m_store, m_top, QStringLiteral("fr"));
        QVERIFY(fr);
        QCOMPARE(fr->documentTitle, QStringLiteral("Rapport d'incident"));
        QCOMPARE(section(*fr, "summary")->title, QStringLiteral("Synthèse"));
        QCOMPARE(fr->mitigations.size(), en->mitigations.size());
        QCOMPARE(fr->mitigations.front().name,
                 en->mitigations.front().name); // ATT&CK stays English

        QVERIFY(!buildReport(*m_store, 999999, QStringLiteral("en")));
    }

    void pdf()
    {
        auto model = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY(model);
        auto pdf = toPdf(*model);
        QVERIFY2(pdf, qPrintable(pdf.error()));
        QVERIFY(pdf->startsWith("%PDF"));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext is not installed");
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(*pdf);
        f.close();
        QProcess p;
        p.start(pdftotext, {QStringLiteral("-layout"), path, QStringLiteral("-")});
        QVERIFY(p.waitForFinished(60000));
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.contains(QLatin1String("Executive summary")), qPrintable(text.left(2000)));
        QVERIFY(text.contains(QLatin1String("Recommended mitigations")));
        QVERIFY(text.contains(QLatin1String("TLP:AMBER")));
        QVERIFY(text.contains(QLatin1String("Page 1 of")));
        QVERIFY(text.contains(model->mitigations.front().id));

        auto fr = buildReport(*m_store, m_top, QStringLiteral("fr"));
        auto frPdf = toPdf(*fr);
        QVERIFY(frPdf && frPdf->startsWith("%PDF"));
    }

    void hostileTitleIsInert()
    {
        const QString hostile = QStringLiteral("<b>x</b><img src=http://evil/> \u202Eevil")
                                + QString(1 << 20, QLatin1Char('A'));
        QVERIFY(m_store->renameIncident(m_top, hostile, QStringLiteral("test")).ok());
        auto model = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY(model);
        const QString html = toHtml(*model);
        QVERIFY(html.contains(QLatin1String("&lt;b&gt;x&lt;/b&gt;")));
        // The only images are the report's own, inline: the logo and two charts, nothing fetched.
        static const QRegularExpression img(QStringLiteral("<img\\b[^>]*>"));
        int images = 0;
        for (auto it = img.globalMatch(html); it.hasNext(); ++images)
            QVERIFY(it.next().captured().startsWith(QLatin1String("<img src=\"data:image/")));
        QCOMPARE(images, 3);
        QVERIFY(!html.contains(QLatin1String("http://evil/>")));
        QVERIFY(!html.contains(QChar(0x202E)));
        QVERIFY(html.contains(QLatin1String("\\u202e")));
        QVERIFY(html.contains(QLatin1String("truncated")));
        const QString text = toHtml(*model, false);
        QVERIFY(!text.contains(QLatin1String("<img")));
        QVERIFY(text.size() < 200000);
        const QString md = toMarkdown(*model);
        QVERIFY(!md.contains(QLatin1String("<img")));
        QVERIFY(!md.contains(QChar(0x202E)));
        // The rename is a response action of the incident.
        const ReportSection *actions = section(*model, "actions");
        QVERIFY(actions && !actions->table.rows.empty());
        QVERIFY(std::any_of(
            actions->table.rows.begin(), actions->table.rows.end(), [](const QStringList &row) {
                return row.value(2) == QLatin1String("rename")
                       && row.value(3).startsWith(QStringLiteral("Renamed “"))
                       && !row.value(3).contains(QLatin1Char('{'));
            }));
        auto pdf = toPdf(*model);
        QVERIFY(pdf && pdf->startsWith("%PDF"));
        // Hosts with hostile names still draw (as plain text).
        ReportModel hostile2 = *model;
        for (ReportChartPoint &p : hostile2.points)
            p.host = hostile;
        hostile2.hosts = QStringList{hostile};
        QVERIFY(!timelineChart(hostile2, 1000).isNull());
        QVERIFY(!scopeChart(hostile2, 1000).isNull());
        QVERIFY(
            m_store->renameIncident(m_top, QStringLiteral("PsExec"), QStringLiteral("test")).ok());
    }

    // The root cause's own sentences follow the report's language, whatever the program's.
    void frenchRootCause()
    {
        auto fr = buildReport(*m_store, m_top, QStringLiteral("fr"));
        QVERIFY(fr);
        const ReportSection *root = section(*fr, "root_cause");
        QVERIFY(root && !root->paragraphs.isEmpty());
        const QString explanation = root->paragraphs.join(QLatin1Char(' '));
        QVERIFY2(explanation.contains(QStringLiteral("a été atteint depuis")),
                 qPrintable(explanation));
        QVERIFY(!explanation.contains(QLatin1String("was entered from")));
        const ReportSection *timeline = section(*fr, "timeline");
        QVERIFY(timeline && !timeline->table.rows.empty());
        for (const QStringList &row : timeline->table.rows)
            QVERIFY2(!row.value(2).contains(QLatin1Char('_')) && row.value(2) != "spawned",
                     qPrintable(row.value(2)));
        // And an English report stays English.
        auto en = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY(section(*en, "root_cause")
                    ->paragraphs.join(QLatin1Char(' '))
                    .contains(QLatin1String("was entered from")));
    }

    void d3fendCountermeasuresAreLabelledInferred()
    {
        auto en = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY(en);
        QVERIFY(en->countermeasures.size() >= 5);
        for (const ReportCountermeasure &c : en->countermeasures) {
            QVERIFY(c.id.startsWith(QLatin1String("D3-")));
            QVERIFY(!c.techniques.isEmpty() && !c.artifacts.isEmpty());
        }
        // Ranked by what they share: the first is no weaker than the last.
        QVERIFY(en->countermeasures.front().score >= en->countermeasures.back().score);
        const ReportSection *d3 = section(*en, "d3fend");
        QVERIFY(d3);
        QVERIFY(d3->title.contains(QLatin1String("inferred")));
        QVERIFY(d3->paragraphs.join(QLatin1Char(' ')).contains(QLatin1String("not an official")));
    }

    void templateChoosesWhatAndHow()
    {
        QTemporaryDir dir;
        QFile logo(dir.filePath(QStringLiteral("logo.png")));
        QVERIFY(logo.open(QIODevice::WriteOnly));
        QFile bundled(QStringLiteral(":/vigie/report/logo.png"));
        QVERIFY(bundled.open(QIODevice::ReadOnly));
        logo.write(bundled.readAll());
        logo.close();
        const QString path = dir.filePath(QStringLiteral("acme.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"organisation\": \"ACME SOC\", \"customer\": \"Shire Corp\", \"tlp\": \"red\","
                "\"logo\": \"logo.png\", \"colours\": {\"primary\": \"#004d40\"},"
                "\"sections\": [\"root_cause\", \"summary\", \"mitigations\"]}");
        f.close();
        auto style = loadTemplate(path);
        QVERIFY2(style, qPrintable(style.error()));
        QCOMPARE(style->tlp, QStringLiteral("TLP:RED"));
        QVERIFY(!style->logo.isEmpty());
        auto model = buildReport(*m_store, m_top, QStringLiteral("en"), *style);
        QVERIFY(model);
        QCOMPARE(model->sections.size(), std::size_t(3));
        QCOMPARE(model->sections[0].id, QStringLiteral("root_cause"));
        QCOMPARE(model->sections[1].id, QStringLiteral("summary"));
        QVERIFY(model->coverLines.contains(QStringLiteral("Prepared by: ACME SOC")));
        QVERIFY(model->coverLines.contains(QStringLiteral("Customer: Shire Corp")));
        QVERIFY(toHtml(*model).contains(QLatin1String("color:#004d40")));
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (!pdftotext.isEmpty()) {
            auto pdf = toPdf(*model);
            QVERIFY(pdf);
            QFile out(dir.filePath(QStringLiteral("acme.pdf")));
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(*pdf);
            out.close();
            QProcess p;
            p.start(pdftotext, {out.fileName(), QStringLiteral("-")});
            QVERIFY(p.waitForFinished(60000));
            const QString text = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY(text.contains(QLatin1String("TLP:RED")));
            QVERIFY(text.contains(QLatin1String("ACME SOC")));
            QVERIFY(!text.contains(QLatin1String("Appendix: evidence")));
        }

        // Mistakes name the file and the key.
        struct Bad
        {
            const char *json, *expected;
        };
        const Bad bad[] = {
            {"{\"colours\": {\"primary\": \"red\"}}", "colours.primary"},
            {"{\"sections\": [\"summary\", \"nonsense\"]}", "sections[1]"},
            {"{\"sections\": [\"summary\", \"summary\"]}", "listed twice"},
            {"{\"tlp\": \"TLP:PINK\"}", "tlp"},
            {"{\"organization\": \"US spelling\"}", "unknown key \"organization\""},
            {"{\"logo\": \"missing.png\"}", "logo"},
            {"{\"organisation\":", "not valid JSON"},
        };
        for (const Bad &b : bad) {
            auto r = parseTemplate(QByteArray(b.json), path);
            QVERIFY2(!r, b.json);
            QVERIFY2(r.error().startsWith(path) && r.error().contains(QLatin1String(b.expected)),
                     qPrintable(r.error()));
        }
        QVERIFY(!loadTemplate(dir.filePath(QStringLiteral("absent.json"))));
        // The bundled template lists every section.
        QCOMPARE(defaultTemplate().sections, reportSectionIds());
    }

    // The preview's pages are the PDF's pages.
    void pageImagesMatchThePdf()
    {
        auto model = buildReport(*m_store, m_top, QStringLiteral("en"));
        QVERIFY(model);
        auto pdf = toPdf(*model);
        QVERIFY(pdf);
        const qsizetype pdfPages = pdf->count("/Type /Page\n") + pdf->count("/Type /Page\r")
                                   + pdf->count("/Type /Page ");
        auto pages = toPageImages(*model, 40);
        QVERIFY2(pages, qPrintable(pages.error()));
        QVERIFY(pages->size() >= 5);
        if (pdfPages > 0)
            QCOMPARE(qsizetype(pages->size()), pdfPages);
        // A4 at 40 dpi, and something drawn on it.
        QCOMPARE(pages->front().width(), 331);
        for (const QImage &page : *pages) {
            int inked = 0;
            for (int y = 0; y < page.height(); y += 2)
                for (int x = 0; x < page.width(); x += 2)
                    inked += page.pixelColor(x, y).lightness() < 128;
            QVERIFY(inked > 50);
        }
        std::atomic<bool> cancel{true};
        QVERIFY(!toPageImages(*model, 40, &cancel));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
