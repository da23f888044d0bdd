// SPDX-License-Identifier: Apache-2.0
// French is complete (no unfinished or missing entry in translations/vigie_fr.ts, every source
// string extracted) and switches the workbench's texts when installed.
#include "models/alerttablemodel.h"
#include "widgets/language.h"
#include "widgets/mainwindow.h"

#include <QLineEdit>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigie;

class TestTranslations : public QObject
{
    Q_OBJECT
    const QString m_ts = QStringLiteral(VIGIE_SOURCE_DIR "/translations/vigie_fr.ts");

private Q_SLOTS:
    void frenchIsComplete()
    {
        QFile f(m_ts);
        QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(m_ts));
        const QString text = QString::fromUtf8(f.readAll());
        const auto messages = text.count(QLatin1String("<message"));
        QVERIFY2(messages >= 150, qPrintable(QString::number(messages)));
        QCOMPARE(text.count(QLatin1String("type=\"unfinished\"")), 0);
        QCOMPARE(text.count(QLatin1String("<translation></translation>")), 0);
        QCOMPARE(text.count(QLatin1String("type=\"vanished\"")), 0);
    }

    // English has plural forms: "1 new alert", "3 new alerts" (not "alert(s)").
    void englishPlurals()
    {
        QVERIFY(Widgets::Language::install(QStringLiteral("en")));
        const char *ctx = "Vigie::Widgets::MainWindow";
        QCOMPARE(QCoreApplication::translate(ctx, "%n new alert(s)", nullptr, 1),
                 QStringLiteral("1 new alert"));
        QCOMPARE(QCoreApplication::translate(ctx, "%n new alert(s)", nullptr, 3),
                 QStringLiteral("3 new alerts"));
        QVERIFY(Widgets::Language::install(QStringLiteral("fr")));
        QCOMPARE(QCoreApplication::translate(ctx, "%n new alert(s)", nullptr, 3),
                 QStringLiteral("3 nouvelles alertes"));
        QVERIFY(Widgets::Language::install(QStringLiteral("en")));
    }

    // Every string in the sources is in the file: lupdate over the sources finds nothing new.
    void everySourceStringIsExtracted()
    {
        const QString lupdate = QStringLiteral("/usr/lib/qt6/bin/lupdate");
        if (!QFile::exists(lupdate))
            QSKIP("lupdate is not installed");
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("fr.ts"));
        QVERIFY(QFile::copy(m_ts, copy));
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(VIGIE_SOURCE_DIR));
        p.start(lupdate,
                {"-no-obsolete",
                 "-locations",
                 "none",
                 "-I",
                 ".",
                 "core",
                 "connectors",
                 "models",
                 "widgets",
                 "app",
                 "-ts",
                 copy});
        QVERIFY(p.waitForFinished(60000));
        const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
        const auto m = QRegularExpression(QStringLiteral("\\((\\d+) new and")).match(out);
        QVERIFY2(m.hasMatch(), qPrintable(out));
        QVERIFY2(
            m.captured(1) == QLatin1String("0"),
            qPrintable(QStringLiteral("untranslated strings: run scripts/update-translations.sh "
                                      "and translate them\n")
                       + out));
    }

    // Switched live: an open window follows the language, menus, filter bar and table headers.
    void switchesTheWindow()
    {
        QTemporaryDir dir;
        Widgets::MainWindow window(dir.filePath(QStringLiteral("t.db")));
        window.show();
        auto menuTitle = [&] {
            return window.menuBar()->actions().value(0)->text();
        };
        auto header = [&] {
            return window.alertModel()->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString();
        };
        QCOMPARE(menuTitle(), QStringLiteral("&File"));
        QVERIFY(Widgets::Language::install(QStringLiteral("fr")));
        QTRY_COMPARE(menuTitle(), QStringLiteral("&Fichier"));
        QCOMPARE(header(), QStringLiteral("Gravité"));
        auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
        QVERIFY(search->placeholderText().startsWith(QLatin1String("Chercher")));
        QVERIFY(Widgets::Language::install(QStringLiteral("en")));
        QTRY_COMPARE(menuTitle(), QStringLiteral("&File"));
        QCOMPARE(header(), QStringLiteral("Severity"));
        QVERIFY(!Widgets::Language::install(QStringLiteral("xx")));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
