// SPDX-License-Identifier: Apache-2.0
// Incident reports: the model of the PsExec lateral-movement incident (facts, ATT&CK techniques,
// ranked mitigations) in English and French, its PDF, and hostile event text made inert in HTML.
#include "core/analysis/correlation.h"
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/report/reportmodel.h"
#include "core/store/store.h"
#include "reports/reportrenderer.h"

#include <QFile>
#include <QGuiApplication>
#include <QProcess>
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
        QVERIFY(!html.contains(QLatin1String("<img")));
        QVERIFY(!html.contains(QChar(0x202E)));
        QVERIFY(html.contains(QLatin1String("\\u202e")));
        QVERIFY(html.contains(QLatin1String("truncated")));
        QVERIFY(html.size() < 200000);
        const QString md = toMarkdown(*model);
        QVERIFY(!md.contains(QLatin1String("<img")));
        QVERIFY(!md.contains(QChar(0x202E)));
        // The rename is a response action of the incident.
        QVERIFY(toHtml(*model).contains(QLatin1String("rename_incident")));
        auto pdf = toPdf(*model);
        QVERIFY(pdf && pdf->startsWith("%PDF"));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
