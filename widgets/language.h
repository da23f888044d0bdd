// SPDX-License-Identifier: Apache-2.0
// The interface language: English (the source strings) or French (translations/vigie_fr.ts,
// compiled into the program). Installing a language sends QEvent::LanguageChange to every widget.
#pragma once

#include <QString>
#include <QStringList>

namespace Vigie::Widgets::Language {

QStringList available(); // "en", "fr"
// The language to use: the saved setting, else the system's if Vigie speaks it, else English.
QString preferred();
// Installs `code` ("en" removes the translators); false when it is not available.
bool install(const QString &code);
QString current();

} // namespace Vigie::Widgets::Language
