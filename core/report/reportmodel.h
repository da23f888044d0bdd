// SPDX-License-Identifier: Apache-2.0
// What an incident report says, built from the store in English or French: plain values (never
// escaped or formatted for one output) that the renderers in reports/ turn into HTML, Markdown or
// PDF. Values from events are raw here: a renderer must make them inert.
#pragma once

#include "core/events/result.h"
#include "core/report/reporttemplate.h"
#include "core/store/store.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace Vigie::Report {

// A report string in the report's language. `en` goes through QCoreApplication::translate
// ("Report" context, for the .ts files); `fr` is the built-in French, so a French report needs no
// .qm at run time. Mark `en` with QT_TRANSLATE_NOOP("Report", …) so lupdate finds it.
QString tr2(const QString &lang, const char *en, const char *fr);

// An indicator made safe to paste: 10.0.0[.]1, evil[.]example, hxxp://evil[.]example/x. Hashes
// stay as they are. (models/ has the same for views; core cannot include models/.)
QString defangIndicator(const QString &indicator);

struct ReportTable
{
    QStringList headers;
    std::vector<QStringList> rows;
    std::vector<int> widths; // each column's share of the page in percent (empty: the renderer's)
};

// One titled section as every renderer lays it out: paragraphs, bullets, a chart, then a table.
struct ReportSection
{
    QString id; // one of reportSectionIds()
    QString title;
    QStringList paragraphs;
    QStringList bullets;
    QString chart; // "timeline" or "scope": a chart of ReportModel::points, before the table
    ReportTable table;
};

struct ReportTechnique
{
    QString id; // T1021.002
    QString name;
    QString tactic; // TA0008
    QString tacticName;
};

struct ReportMitigation
{
    QString id; // M1026
    QString name;
    QStringList techniques; // observed techniques it addresses
    QStringList texts;      // ATT&CK's text for each of them ("" when none)
};

// An inferred D3FEND countermeasure (shared artifacts, not an official mapping).
struct ReportCountermeasure
{
    QString id; // D3-NI
    QString name;
    QString tactic;         // Harden, Detect, Isolate, …
    QStringList techniques; // observed techniques it is inferred for
    QStringList artifacts;  // the artifacts they share
    double score = 0;       // per technique, the weight of its most telling shared artifact
};

// A mark on the report's charts: an alert, or a step of the root-cause chain.
struct ReportChartPoint
{
    std::int64_t ts = 0; // µs since the epoch, UTC
    QString host;
    QString tactic; // TA00xx, empty when unknown
    QString label;  // the rule, or the step's program
    int severity = 0;
    bool step = false; // a root-cause step (else an alert)
};

struct ReportModel
{
    QString lang = QStringLiteral("en");
    // Cover.
    QString documentTitle; // "Incident report"
    QString title;         // the incident's title
    std::int64_t incident = 0;
    QString tlp = QStringLiteral("TLP:AMBER");
    QDateTime generated; // UTC
    QString analyst;
    int version = 1;
    QStringList coverLines; // "Incident: #1", "Classification: TLP:AMBER", …
    // Facts the sections were made from, for callers that want them typed.
    QString rootExecutable;
    QString entryKind;
    QString entryTechnique;
    std::vector<ReportTechnique> techniques;
    std::vector<ReportMitigation> mitigations;         // most observed techniques covered first
    std::vector<ReportCountermeasure> countermeasures; // most observed techniques covered first
    std::vector<ReportChartPoint> points;              // in time order
    QStringList hosts;                                 // the chart's lanes, in first-seen order
    QStringList indicators;                            // defanged
    std::vector<ReportSection> sections;               // those the template asks for, in its order
    ReportTemplate style;                              // organisation, logo, colours
};

// The report of one incident. `lang`: "en" or "fr" (anything else reads as "en"). Every sentence,
// the root cause's included, is in `lang` whatever language the program runs in.
Result<ReportModel> buildReport(const Store &store,
                                std::int64_t incident,
                                const QString &lang,
                                const ReportTemplate &style = defaultTemplate());

} // namespace Vigie::Report
