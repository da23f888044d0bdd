// SPDX-License-Identifier: Apache-2.0
#include "settingsdialog.h"

#include "widgets/language.h"
#include "widgets/theme.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace Vigie::Widgets {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("language"));
    // Each language in its own name, so that anyone finds theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(Language::current())));
    m_theme = new QComboBox;
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->addItem(QString(), QStringLiteral("light"));
    m_theme->addItem(QString(), QStringLiteral("dark"));
    m_theme->setCurrentIndex(std::max(0, m_theme->findData(Theme::preferred())));
    m_languageLabel = new QLabel;
    m_languageLabel->setBuddy(m_language);
    m_themeLabel = new QLabel;
    m_themeLabel->setBuddy(m_theme);
    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_themeLabel, m_theme);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        const QString code = m_language->currentData().toString();
        QSettings().setValue(QStringLiteral("language"), code);
        Language::install(code); // every window retranslates itself
    });
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = m_theme->currentData().toString();
        QSettings().setValue(QStringLiteral("theme"), name);
        Theme::apply(name);
    });
    retranslate();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslate()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_themeLabel->setText(tr("&Theme:"));
    m_theme->setItemText(0, tr("Light"));
    m_theme->setItemText(1, tr("Dark"));
}

} // namespace Vigie::Widgets
