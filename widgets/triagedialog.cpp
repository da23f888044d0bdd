// SPDX-License-Identifier: Apache-2.0
#include "triagedialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <climits>

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

IncidentDialog::IncidentDialog(qint64 count,
                               const QString &suggestedTitle,
                               const std::vector<IncidentSummary> &existing,
                               QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Incident"));
    m_target = new QComboBox;
    m_target->setObjectName(QStringLiteral("incidentTarget"));
    m_target->addItem(tr("New incident"), qint64(0));
    for (const IncidentSummary &i : existing)
        m_target->addItem(
            tr("#%1 %2 (%Ln alert(s))", nullptr, int(std::min<qint64>(i.alertCount, INT_MAX)))
                .arg(i.id)
                .arg(i.title.left(80)),
            qint64(i.id));
    m_title = new QLineEdit(suggestedTitle);
    m_title->setObjectName(QStringLiteral("incidentTitle"));
    auto *form = new QFormLayout;
    form->addRow(tr("&Add to:"), m_target);
    form->addRow(tr("&Title:"), m_title);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(this);
    QPushButton *ok
        = buttons->addButton(tr("Add %Ln alert(s)", nullptr, int(std::min<qint64>(count, INT_MAX))),
                             QDialogButtonBox::AcceptRole);
    buttons->addButton(QDialogButtonBox::Cancel)->setAutoDefault(false);
    layout->addWidget(buttons);
    ok->setDefault(true);
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        m_title->setEnabled(m_target->currentData().toLongLong() == 0);
    });
    connect(m_title, &QLineEdit::textChanged, this, [this, ok] {
        ok->setEnabled(incident() != 0 || !m_title->text().trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_title->setFocus();
    m_title->selectAll();
}

qint64 IncidentDialog::incident() const
{
    return m_target->currentData().toLongLong();
}

QString IncidentDialog::title() const
{
    return m_title->text().trimmed();
}

} // namespace Vigie::Widgets
