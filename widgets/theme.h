// SPDX-License-Identifier: Apache-2.0
// Light or dark: the Fusion style with a palette of each (the same look on every desktop).
#pragma once

#include <QString>
#include <QStringList>

namespace Vigie::Widgets::Theme {

QStringList available(); // "light", "dark"
QString preferred();     // the saved setting, else light
bool apply(const QString &name);

} // namespace Vigie::Widgets::Theme
