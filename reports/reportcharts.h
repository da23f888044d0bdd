// SPDX-License-Identifier: Apache-2.0
// The report's charts, painted from the model's points (no Qt Charts: a report renders without
// widgets, on any thread): the attack timeline (a lane per host, alerts and root-cause steps at
// their time, coloured by ATT&CK tactic) and the scope (alerts per host, stacked by tactic).
#pragma once

#include "core/report/reportmodel.h"

#include <QImage>

namespace Vigie::Report {

// `width` in pixels; the height follows from the number of hosts. Labels from events are drawn as
// plain text (never markup) with hidden characters shown as escapes.
QImage timelineChart(const ReportModel &model, int width);
QImage scopeChart(const ReportModel &model, int width);
// The chart a section names ("timeline", "scope"); a null image for anything else.
QImage chartFor(const ReportModel &model, const QString &chart, int width);

} // namespace Vigie::Report
