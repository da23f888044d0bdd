// SPDX-License-Identifier: Apache-2.0
#include "core/events/language.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QTranslator>

#include <memory>

namespace Vigie::Language {

namespace {

thread_local QString t_language; // empty: the program's language

// Loaded once per language and never unloaded; QTranslator::translate only reads, so threads share
// them.
const QTranslator *translatorFor(const QString &lang)
{
    static QMutex mutex;
    static QHash<QString, std::shared_ptr<QTranslator>> loaded;
    QMutexLocker lock(&mutex);
    auto it = loaded.constFind(lang);
    if (it == loaded.constEnd()) {
        auto translator = std::make_shared<QTranslator>();
        if (!translator->load(QStringLiteral(":/i18n/vigie_%1.qm").arg(lang)))
            translator.reset();
        it = loaded.insert(lang, translator);
    }
    return it->get();
}

} // namespace

QString translateIn(
    const QString &lang, const char *context, const char *source, const char *disambiguation, int n)
{
    if (const QTranslator *t = translatorFor(lang)) {
        QString s = t->translate(context, source, disambiguation, n);
        if (!s.isEmpty()) {
            if (n >= 0)
                s.replace(QLatin1String("%n"), QString::number(n));
            return s;
        }
    }
    QString s = QString::fromUtf8(source);
    if (n >= 0)
        s.replace(QLatin1String("%n"), QString::number(n));
    return s;
}

ScopedLanguage::ScopedLanguage(const QString &lang)
    : m_previous(t_language)
{
    t_language = lang;
}

ScopedLanguage::~ScopedLanguage()
{
    t_language = m_previous;
}

QString translate(const char *context, const char *source, const char *disambiguation, int n)
{
    if (t_language.isEmpty())
        return QCoreApplication::translate(context, source, disambiguation, n);
    return translateIn(t_language, context, source, disambiguation, n);
}

} // namespace Vigie::Language
