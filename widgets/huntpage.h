// SPDX-License-Identifier: Apache-2.0
// The Hunt page: which rules (the bundled SigmaHQ set from a minimum level, plus the analyst's own
// folders), which indicator lists and whether the built-in analytics run, over how much of the
// store; a hunt runs off the GUI thread with progress and Cancel, and its hits open in the queue.
#pragma once

#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Vigie::Widgets {

class HuntPage : public QWidget
{
    Q_OBJECT
public:
    explicit HuntPage(const QString &storePath, QWidget *parent = nullptr);
    ~HuntPage() override;

    bool isRunning() const { return m_cancel != nullptr; }
    QTreeWidget *results() const { return m_results; }
    void addIocList(const QString &path);
    void addRuleFolder(const QString &path);

public Q_SLOTS:
    void run();
    void cancel();

Q_SIGNALS:
    // A result asked for: show these alerts in the queue (the filter language).
    void showAlerts(const QString &filter);
    // A hunt finished and stored `newAlerts` alerts.
    void finished(qint64 newAlerts);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void save() const;
    void setRunning(bool running);

    QString m_path;
    QLabel *m_title;
    QLabel *m_rulesLabel;
    QCheckBox *m_sigma;
    QComboBox *m_level;
    QLabel *m_levelLabel;
    QListWidget *m_folders;
    QPushButton *m_addFolder;
    QPushButton *m_removeFolder;
    QLabel *m_iocLabel;
    QListWidget *m_iocs;
    QPushButton *m_addIoc;
    QPushButton *m_removeIoc;
    QCheckBox *m_analytics;
    QComboBox *m_since;
    QLabel *m_sinceLabel;
    QPushButton *m_run;
    QPushButton *m_cancelButton;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QTreeWidget *m_results;
    QPlainTextEdit *m_problems;
    std::shared_ptr<std::atomic<bool>> m_cancel;
};

} // namespace Vigie::Widgets
