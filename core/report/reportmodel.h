// SPDX-License-Identifier: Apache-2.0
// What an incident report says, built from the store in English or French: plain values (never
// escaped or formatted for one output) that the renderers in reports/ turn into HTML, Markdown or
// PDF. Values from events are raw here: a renderer must make them inert.
#pragma once

#include "core/events/result.h"
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
};

// One titled section as every renderer lays it out: paragraphs, then bullets, then a table.
struct ReportSection
{
    QString
        id; // summary, timeline, scope, root_cause, attack, mitigations, iocs, actions, evidence
    QString title;
    QStringList paragraphs;
    QStringList bullets;
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
    std::vector<ReportMitigation> mitigations; // most observed techniques covered first
    QStringList indicators;                    // defanged
    std::vector<ReportSection> sections;
};

// The report of one incident. `lang`: "en" or "fr" (anything else reads as "en").
Result<ReportModel> buildReport(const Store &store, std::int64_t incident, const QString &lang);

} // namespace Vigie::Report
