// SPDX-License-Identifier: Apache-2.0
// Settings: language, theme and time display applied at once (no restart), and where new stores
// live. Everything is remembered in QSettings.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Vigie::Widgets {

class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsPage(const QString &currentStore, QWidget *parent = nullptr);

    // Applies the remembered time display (call once at start).
    static void applySavedTimeDisplay();
    static QString savedDataDirectory();

Q_SIGNALS:
    // Times are now shown in another zone: views repaint their time columns.
    void timeDisplayChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_store;
    QComboBox *m_language;
    QComboBox *m_theme;
    QComboBox *m_time;
    QLineEdit *m_dataDir;
    QPushButton *m_browse;
    QLabel *m_title;
    QLabel *m_languageLabel;
    QLabel *m_themeLabel;
    QLabel *m_timeLabel;
    QLabel *m_dataDirLabel;
    QLabel *m_dataDirHint;
};

} // namespace Vigie::Widgets
