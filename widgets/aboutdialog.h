// SPDX-License-Identifier: Apache-2.0
// Help ▸ About Vigie: the version, and the licence of every dataset and library the program ships
// or links, as selectable text (THIRD_PARTY.md and packaging/copyright say the same).
#pragma once

#include <QDialog>

class QLabel;
class QTextBrowser;

namespace Vigie::Widgets {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // What the dialog shows, as plain text.
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QTextBrowser *m_text;
};

} // namespace Vigie::Widgets
