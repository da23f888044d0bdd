// SPDX-License-Identifier: Apache-2.0
// Renders a report model (core/report) as HTML, Markdown or an A4 PDF with a running TLP header
// and page numbers. Every value from events is made inert: escaped, control and bidi characters
// shown as visible escapes, very long values cut with a marker.
#pragma once

#include "core/events/result.h"
#include "core/report/reportmodel.h"

#include <QByteArray>
#include <QString>

namespace Vigie::Report {

QString toHtml(const ReportModel &model);
QString toMarkdown(const ReportModel &model);
// Needs a QGuiApplication (fonts); works on the offscreen platform. Safe off the GUI thread.
Result<QByteArray> toPdf(const ReportModel &model);

} // namespace Vigie::Report
