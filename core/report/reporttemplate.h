// SPDX-License-Identifier: Apache-2.0
// How a report looks and what it holds, from a template file an analyst can edit (JSON; the default
// ships in resources/report/template.json): the organisation, the customer, the TLP marking, the
// logo, the colours and which sections appear, in which order.
#pragma once

#include "core/events/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Vigie::Report {

struct ReportTemplate
{
    QString path; // where it was read from (":/vigie/report/template.json" for the default)
    QString organisation;
    QString customer;
    QString analyst; // empty: the account running Vigie
    QString tlp = QStringLiteral("TLP:AMBER");
    QByteArray logo;                             // image file bytes (PNG, JPEG); empty: no logo
    QString primary = QStringLiteral("#1f3a5f"); // titles
    QString accent = QStringLiteral("#c0392b");  // rules, chart highlights
    QString tableHeader = QStringLiteral("#e3e8ef");
    QStringList sections; // section ids, in order
};

// Every section id a template may name, in the default order.
const QStringList &reportSectionIds();
// The TLP 2.0 labels a template may use.
const QStringList &tlpLabels();

// The bundled default template.
const ReportTemplate &defaultTemplate();
// Reads a template; every error names the file and the key. Keys left out keep the default's
// value; the logo is read relative to the template's folder.
Result<ReportTemplate> loadTemplate(const QString &path);
Result<ReportTemplate> parseTemplate(const QByteArray &json, const QString &path);

} // namespace Vigie::Report
