// SPDX-License-Identifier: Apache-2.0
// Renders a report model (core/report) as HTML, Markdown or an A4 PDF with a running TLP header
// and page numbers. Every value from events is made inert: escaped, control and bidi characters
// shown as visible escapes, very long values cut with a marker.
#pragma once

#include "core/events/result.h"
#include "core/report/reportmodel.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <atomic>
#include <vector>

namespace Vigie::Report {

// `images`: the logo and charts as data: URLs (the file stands alone and fetches nothing); false
// gives the text alone.
QString toHtml(const ReportModel &model, bool images = true);
QString toMarkdown(const ReportModel &model);
// Needs a QGuiApplication (fonts); works on the offscreen platform. Safe off the GUI thread.
Result<QByteArray> toPdf(const ReportModel &model);
// The PDF's pages as images at `dpi` (same layout, same page breaks), for a preview. Same needs.
Result<std::vector<QImage>>
toPageImages(const ReportModel &model, int dpi, const std::atomic<bool> *cancel = nullptr);

} // namespace Vigie::Report
