// SPDX-License-Identifier: Apache-2.0
// Closing alerts: a disposition (the first one chosen, so that Return closes at once) and a reason.
#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace Vigie::Widgets {

class CloseDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CloseDialog(qint64 count, QWidget *parent = nullptr);
    QString disposition() const; // true_positive, false_positive or benign
    QString reason() const;

private:
    QComboBox *m_disposition;
    QLineEdit *m_reason;
};

} // namespace Vigie::Widgets
