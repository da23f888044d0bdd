// SPDX-License-Identifier: Apache-2.0
// Hostile field values are shown inert: markup escaped, bidi overrides and control characters made
// visible, a megabyte cut to a readable length.
#include "models/inerttext.h"

#include <QTest>

using namespace Vigie::Models;

class TestInertText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hostileValues()
    {
        // A right-to-left override makes "exe.txt" read as "txt.exe": it is shown as an escape.
        const QString rlo = QStringLiteral("invoice\u202Etxt.exe");
        QCOMPARE(inertLine(rlo), QStringLiteral("invoice\\u202etxt.exe"));
        QCOMPARE(inertLine(QStringLiteral("a\x01"
                                          "b\x1b[31mc")),
                 QStringLiteral("a\\u0001b\\u001b[31mc"));
        QCOMPARE(inertLine(QStringLiteral("two\nlines")), QStringLiteral("two\\u000alines"));
        // Markup stays text in cells (a table cell is plain text) and is escaped in tooltips.
        const QString html = QStringLiteral("<img src=x onerror=alert(1)><b>bold</b>");
        QCOMPARE(inertLine(html), html);
        const QString tip = inertToolTip(html);
        QVERIFY(tip.startsWith(QLatin1String("<qt>")));
        QVERIFY(!tip.contains(QLatin1String("<img")));
        QVERIFY(tip.contains(QLatin1String("&lt;img")));
        // A 1 MB command line is cut, saying how long it was.
        const QString huge(1 << 20, QLatin1Char('A'));
        const QString cut = inertLine(huge);
        QVERIFY(cut.size() < 600);
        QVERIFY(cut.endsWith(QStringLiteral("(1048576 characters)")));
        // Ordinary text is untouched, non-Latin scripts included.
        QCOMPARE(inertLine(QStringLiteral("powershell.exe -nop -w hidden 日本語 العربية")),
                 QStringLiteral("powershell.exe -nop -w hidden 日本語 العربية"));
    }
    void defanging()
    {
        QCOMPARE(defang(QStringLiteral("185.220.101.4")), QStringLiteral("185[.]220[.]101[.]4"));
        QCOMPARE(defang(QStringLiteral("evil.example")), QStringLiteral("evil[.]example"));
        QCOMPARE(defang(QStringLiteral("https://evil.example/a.php?x=1.2")),
                 QStringLiteral("hxxps://evil[.]example/a.php?x=1.2"));
        const QString sha
            = QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QCOMPARE(defang(sha), sha);
    }
};

QTEST_GUILESS_MAIN(TestInertText)
#include "tst_inerttext.moc"
