// SPDX-License-Identifier: Apache-2.0
#include "widgets/settingspage.h"

#include "models/alerttablemodel.h"
#include "widgets/language.h"
#include "widgets/theme.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTimeZone>
#include <QVBoxLayout>

namespace Vigie::Widgets {

namespace {
const QString kTimeKey = QStringLiteral("timeZone");
const QString kDataDirKey = QStringLiteral("dataDirectory");
} // namespace

void SettingsPage::applySavedTimeDisplay()
{
    Models::AlertTableModel::setLocalTime(QSettings().value(kTimeKey).toString()
                                          == QLatin1String("local"));
}

QString SettingsPage::savedDataDirectory()
{
    return QSettings().value(kDataDirKey).toString();
}

SettingsPage::SettingsPage(const QString &currentStore, QWidget *parent)
    : QWidget(parent)
    , m_store(currentStore)
{
    m_title = new QLabel;
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);

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
    m_time = new QComboBox;
    m_time->setObjectName(QStringLiteral("timeZone"));
    m_time->addItem(QString(), QStringLiteral("utc"));
    m_time->addItem(QString(), QStringLiteral("local"));
    m_time->setCurrentIndex(Models::AlertTableModel::localTime() ? 1 : 0);
    m_dataDir = new QLineEdit(savedDataDirectory());
    m_dataDir->setObjectName(QStringLiteral("dataDirectory"));
    m_browse = new QPushButton;
    m_dataDirHint = new QLabel;
    m_dataDirHint->setWordWrap(true);
    m_dataDirHint->setEnabled(false);

    m_languageLabel = new QLabel;
    m_languageLabel->setBuddy(m_language);
    m_themeLabel = new QLabel;
    m_themeLabel->setBuddy(m_theme);
    m_timeLabel = new QLabel;
    m_timeLabel->setBuddy(m_time);
    m_dataDirLabel = new QLabel;
    m_dataDirLabel->setBuddy(m_dataDir);

    auto *dirRow = new QHBoxLayout;
    dirRow->addWidget(m_dataDir, 1);
    dirRow->addWidget(m_browse);
    auto *form = new QFormLayout;
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_themeLabel, m_theme);
    form->addRow(m_timeLabel, m_time);
    form->addRow(m_dataDirLabel, dirRow);
    form->addRow(QString(), m_dataDirHint);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addStretch(1);

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
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        const QString zone = m_time->currentData().toString();
        QSettings().setValue(kTimeKey, zone);
        Models::AlertTableModel::setLocalTime(zone == QLatin1String("local"));
        Q_EMIT timeDisplayChanged();
    });
    connect(m_dataDir, &QLineEdit::editingFinished, this, [this] {
        QSettings().setValue(kDataDirKey, m_dataDir->text().trimmed());
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString dir
            = QFileDialog::getExistingDirectory(this, tr("Data directory"), m_dataDir->text());
        if (dir.isEmpty())
            return;
        m_dataDir->setText(QDir::toNativeSeparators(dir));
        QSettings().setValue(kDataDirKey, dir);
    });
    retranslate();
}

void SettingsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SettingsPage::retranslate()
{
    m_title->setText(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_themeLabel->setText(tr("&Theme:"));
    m_theme->setItemText(0, tr("Light"));
    m_theme->setItemText(1, tr("Dark"));
    m_timeLabel->setText(tr("T&imes shown in:"));
    m_time->setItemText(0, tr("UTC"));
    m_time->setItemText(
        1, tr("Local time (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())));
    m_dataDirLabel->setText(tr("&Data directory:"));
    m_dataDir->setPlaceholderText(tr("Default: the user's application data folder"));
    m_browse->setText(tr("&Browse…"));
    m_dataDirHint->setText(
        tr("Where the default store (vigie.db) lives; used from the next start. This window "
           "shows %1.")
            .arg(QDir::toNativeSeparators(m_store)));
}

} // namespace Vigie::Widgets
