// SPDX-License-Identifier: Apache-2.0
#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

#include <memory>

namespace Vigie::Widgets::Language {

namespace {
std::unique_ptr<QTranslator> g_vigie;
std::unique_ptr<QTranslator> g_qt;
QString g_current = QStringLiteral("en");
} // namespace

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("fr")};
}

QString preferred()
{
    const QString saved = QSettings().value(QStringLiteral("language")).toString();
    if (available().contains(saved))
        return saved;
    const QString system = QLocale::system().name().left(2);
    return available().contains(system) ? system : QStringLiteral("en");
}

bool install(const QString &code)
{
    if (!available().contains(code))
        return false;
    if (g_vigie)
        QCoreApplication::removeTranslator(g_vigie.get());
    if (g_qt)
        QCoreApplication::removeTranslator(g_qt.get());
    g_vigie.reset();
    g_qt.reset();
    g_current = code;
    // Numbers and dates follow the language: "9 622 événements", not "9,622".
    QLocale::setDefault(code == QLatin1String("en")
                            ? QLocale(QLocale::English, QLocale::UnitedStates)
                            : QLocale(code));
    auto vigie = std::make_unique<QTranslator>();
    if (!vigie->load(QStringLiteral(":/i18n/vigie_%1.qm").arg(code)))
        return false;
    if (code == QLatin1String("en")) {
        // English sources need no translation, only plural forms: "1 alert", "2 alerts".
        QCoreApplication::installTranslator(vigie.get());
        g_vigie = std::move(vigie);
        return true;
    }
    // Qt's own strings (standard buttons, dialogs), when the system has them.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QLocale(code),
                 QStringLiteral("qtbase"),
                 QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        g_qt = std::move(qt);
    }
    QCoreApplication::installTranslator(vigie.get());
    g_vigie = std::move(vigie);
    return true;
}

QString current()
{
    return g_current;
}

} // namespace Vigie::Widgets::Language
