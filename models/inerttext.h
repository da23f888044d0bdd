// SPDX-License-Identifier: Apache-2.0
// Field values come from sensors, and so from attackers: a command line may hold HTML,
// right-to-left overrides that reverse what the analyst reads, control characters or a megabyte of
// padding. These make such text inert before a view shows it.
#pragma once

#include <QString>

namespace Vigie::Models {

// One line for a table cell: control and bidirectional-override characters shown as visible
// escapes (so nothing is hidden or reordered), cut at `maxChars` with an ellipsis.
QString inertLine(const QString &text, int maxChars = 512);
// A tooltip: the same, as escaped rich text, so that markup in the value is shown, not rendered.
QString inertToolTip(const QString &text, int maxChars = 2048);

// An indicator made safe to paste into a report or a chat: 10.0.0[.]1, evil[.]example,
// hxxps://evil[.]example/path. Hashes are left as they are.
QString defang(const QString &indicator);

// A CSV field (RFC 4180): quoted when it holds a quote, comma or line break; a value a
// spreadsheet would run as a formula (=, +, -, @) is prefixed with ' so it stays text.
QString csvField(const QString &value);

} // namespace Vigie::Models
