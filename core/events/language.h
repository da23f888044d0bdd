// SPDX-License-Identifier: Apache-2.0
// Text in a chosen language, whatever language the program runs in: a French report written from an
// English session, an English one from a French session. The translations are the program's own
// (translations/*.ts, embedded as :/i18n/vigie_<lang>.qm by vigie_core).
#pragma once

#include <QString>

namespace Vigie::Language {

// `source` in `lang` ("en", "fr"): the compiled translation, else the source itself with %n
// replaced by n — never the program's current language.
QString translateIn(const QString &lang,
                    const char *context,
                    const char *source,
                    const char *disambiguation = nullptr,
                    int n = -1);

// While one is alive, translate() on this thread answers in its language (nesting restores the
// outer one). Analysis code that explains itself in sentences (root cause) is written with
// Language::translate so that a report can ask for its sentences in the report's language.
class ScopedLanguage
{
public:
    explicit ScopedLanguage(const QString &lang);
    ~ScopedLanguage();
    ScopedLanguage(const ScopedLanguage &) = delete;
    ScopedLanguage &operator=(const ScopedLanguage &) = delete;

private:
    QString m_previous;
};

// Like QCoreApplication::translate (lupdate reads it the same way), in the thread's ScopedLanguage
// when there is one, else in the program's language.
QString translate(const char *context,
                  const char *source,
                  const char *disambiguation = nullptr,
                  int n = -1);

} // namespace Vigie::Language
