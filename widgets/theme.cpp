// SPDX-License-Identifier: Apache-2.0
#include "theme.h"

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace Vigie::Widgets::Theme {

QStringList available()
{
    return {QStringLiteral("light"), QStringLiteral("dark")};
}

QString preferred()
{
    const QString saved = QSettings().value(QStringLiteral("theme")).toString();
    return available().contains(saved) ? saved : QStringLiteral("light");
}

bool apply(const QString &name)
{
    if (!available().contains(name))
        return false;
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (name == QLatin1String("light")) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return true;
    }
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xdf, 0xe1, 0xe5);
    const QColor disabled(0x7a, 0x7e, 0x85);
    const QColor highlight(0x2f, 0x65, 0xca);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0x9e, 0xf8));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Mid, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    QApplication::setPalette(p);
    return true;
}

} // namespace Vigie::Widgets::Theme
