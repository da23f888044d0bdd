// SPDX-License-Identifier: Apache-2.0
#include "triagedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Vigie::Widgets {

CloseDialog::CloseDialog(qint64 count, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Close alerts"));
    m_disposition = new QComboBox;
    m_disposition->setObjectName(QStringLiteral("disposition"));
    m_disposition->addItem(tr("False positive"), QStringLiteral("false_positive"));
    m_disposition->addItem(tr("True positive"), QStringLiteral("true_positive"));
    m_disposition->addItem(tr("Benign"), QStringLiteral("benign"));
    m_reason = new QLineEdit;
    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setPlaceholderText(tr("Why (optional): a scanner of the customer, a test…"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Disposition:"), m_disposition);
    form->addRow(tr("&Reason:"), m_reason);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    // Built inside the dialog, so that the default button is the dialog's: Return closes.
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *close = buttons->addButton(
        tr("Close %Ln alert(s)", nullptr, int(std::min<qint64>(count, INT_MAX))),
        QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);
    close->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_disposition->setFocus();
}

QString CloseDialog::disposition() const
{
    return m_disposition->currentData().toString();
}

QString CloseDialog::reason() const
{
    return m_reason->text().trimmed();
}

} // namespace Vigie::Widgets
