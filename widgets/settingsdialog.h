// SPDX-License-Identifier: Apache-2.0
// Settings: the interface language and the theme, applied at once (no restart) and remembered.
#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace Vigie::Widgets {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QComboBox *m_language;
    QComboBox *m_theme;
    QLabel *m_languageLabel;
    QLabel *m_themeLabel;
};

} // namespace Vigie::Widgets
