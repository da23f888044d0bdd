// SPDX-License-Identifier: Apache-2.0
// Closing alerts: a disposition (the first one chosen, so that Return closes at once) and a reason.
// Gathering alerts into an incident: a new one (with a suggested title) or one that exists.
#pragma once

#include "core/store/store.h"

#include <QDialog>

#include <vector>

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

class IncidentDialog : public QDialog
{
    Q_OBJECT
public:
    IncidentDialog(qint64 count,
                   const QString &suggestedTitle,
                   const std::vector<IncidentSummary> &existing,
                   QWidget *parent = nullptr);
    // 0: a new incident titled title(); else the chosen incident.
    qint64 incident() const;
    QString title() const;

private:
    QComboBox *m_target;
    QLineEdit *m_title;
};

} // namespace Vigie::Widgets
