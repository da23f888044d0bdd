// SPDX-License-Identifier: Apache-2.0
#include "widgets/huntpage.h"

#include "core/detection/hunt.h"
#include "models/alerttablemodel.h"
#include "models/inerttext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Vigie::Widgets {

namespace {

struct Outcome
{
    QString error;
    Detection::HuntReport report;
    std::shared_ptr<const Detection::RuleSet> rules; // keeps the report's rule pointers alive
    std::shared_ptr<const Detection::IocSet> iocs;
    QStringList problems; // rules left out, bad indicator lines
    qint64 ruleCount = 0;
};

QString quoted(const QString &v)
{
    QString t = v;
    t.remove(QLatin1Char('"'));
    return QLatin1Char('"') + t + QLatin1Char('"');
}

} // namespace

HuntPage::HuntPage(const QString &storePath, QWidget *parent)
    : QWidget(parent)
    , m_path(storePath)
{
    m_title = new QLabel;
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_title->setFont(big);

    m_sigma = new QCheckBox;
    m_sigma->setObjectName(QStringLiteral("huntSigma"));
    m_sigma->setChecked(true);
    m_rulesLabel = new QLabel;
    m_rulesLabel->setWordWrap(true);
    m_level = new QComboBox;
    m_level->setObjectName(QStringLiteral("huntLevel"));
    for (const int severity : {0, 21, 47, 73, 99})
        m_level->addItem(QString(), severity);
    m_levelLabel = new QLabel;
    m_levelLabel->setBuddy(m_level);
    m_folders = new QListWidget;
    m_folders->setObjectName(QStringLiteral("huntFolders"));
    m_folders->setMaximumHeight(fontMetrics().height() * 4);
    m_addFolder = new QPushButton;
    m_removeFolder = new QPushButton;
    m_iocLabel = new QLabel;
    m_iocs = new QListWidget;
    m_iocs->setObjectName(QStringLiteral("huntIocs"));
    m_iocs->setMaximumHeight(fontMetrics().height() * 4);
    m_addIoc = new QPushButton;
    m_removeIoc = new QPushButton;
    m_analytics = new QCheckBox;
    m_analytics->setObjectName(QStringLiteral("huntAnalytics"));
    m_analytics->setChecked(true);
    m_since = new QComboBox;
    m_since->setObjectName(QStringLiteral("huntSince"));
    for (const int seconds : {0, 86400, 7 * 86400, 30 * 86400})
        m_since->addItem(QString(), seconds);
    m_sinceLabel = new QLabel;
    m_sinceLabel->setBuddy(m_since);
    m_run = new QPushButton;
    m_run->setObjectName(QStringLiteral("huntRun"));
    m_run->setDefault(true);
    m_cancelButton = new QPushButton;
    m_cancelButton->setObjectName(QStringLiteral("huntCancel"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setObjectName(QStringLiteral("huntProgress"));
    m_progress->setVisible(false);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("huntSummary"));
    m_summary->setWordWrap(true);
    m_results = new QTreeWidget;
    m_results->setObjectName(QStringLiteral("huntResults"));
    m_results->setRootIsDecorated(false);
    m_results->setColumnCount(3);
    m_results->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_problems = new QPlainTextEdit;
    m_problems->setObjectName(QStringLiteral("huntProblems"));
    m_problems->setReadOnly(true);
    m_problems->setMaximumHeight(fontMetrics().height() * 5);
    m_problems->setVisible(false);

    auto *folderButtons = new QVBoxLayout;
    folderButtons->addWidget(m_addFolder);
    folderButtons->addWidget(m_removeFolder);
    folderButtons->addStretch(1);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folders, 1);
    folderRow->addLayout(folderButtons);
    auto *iocButtons = new QVBoxLayout;
    iocButtons->addWidget(m_addIoc);
    iocButtons->addWidget(m_removeIoc);
    iocButtons->addStretch(1);
    auto *iocRow = new QHBoxLayout;
    iocRow->addWidget(m_iocs, 1);
    iocRow->addLayout(iocButtons);
    auto *form = new QFormLayout;
    form->addRow(m_sigma, m_rulesLabel);
    form->addRow(m_levelLabel, m_level);
    form->addRow(QString(), folderRow);
    form->addRow(m_iocLabel, iocRow);
    form->addRow(m_analytics);
    form->addRow(m_sinceLabel, m_since);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_cancelButton);
    runRow->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addLayout(runRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_problems);

    // What the analyst chose last time.
    QSettings settings;
    m_level->setCurrentIndex(
        std::max(0, m_level->findData(settings.value(QStringLiteral("hunt/minSeverity"), 0))));
    for (const QString &f : settings.value(QStringLiteral("hunt/ruleFolders")).toStringList())
        m_folders->addItem(f);
    for (const QString &f : settings.value(QStringLiteral("hunt/iocLists")).toStringList())
        m_iocs->addItem(f);
    m_analytics->setChecked(settings.value(QStringLiteral("hunt/analytics"), true).toBool());
    m_sigma->setChecked(settings.value(QStringLiteral("hunt/sigma"), true).toBool());

    connect(m_run, &QPushButton::clicked, this, &HuntPage::run);
    connect(m_cancelButton, &QPushButton::clicked, this, &HuntPage::cancel);
    connect(m_addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Sigma rule folder"));
        if (!dir.isEmpty())
            addRuleFolder(dir);
    });
    connect(m_removeFolder, &QPushButton::clicked, this, [this] {
        delete m_folders->currentItem();
        save();
    });
    connect(m_addIoc, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this,
            tr("Indicator list"),
            QString(),
            tr("Indicator lists (*.txt *.csv *.json);;All files (*)"));
        if (!file.isEmpty())
            addIocList(file);
    });
    connect(m_removeIoc, &QPushButton::clicked, this, [this] {
        delete m_iocs->currentItem();
        save();
    });
    connect(m_results, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        Q_EMIT showAlerts(item->data(0, Qt::UserRole).toString());
    });
    for (QCheckBox *c : {m_sigma, m_analytics})
        connect(c, &QCheckBox::toggled, this, &HuntPage::save);
    connect(m_level, &QComboBox::currentIndexChanged, this, &HuntPage::save);
    retranslate();
}

HuntPage::~HuntPage()
{
    if (m_cancel)
        m_cancel->store(true);
}

void HuntPage::addIocList(const QString &path)
{
    m_iocs->addItem(QDir::toNativeSeparators(path));
    save();
}

void HuntPage::addRuleFolder(const QString &path)
{
    m_folders->addItem(QDir::toNativeSeparators(path));
    save();
}

void HuntPage::save() const
{
    QSettings settings;
    QStringList folders, iocs;
    for (int i = 0; i < m_folders->count(); ++i)
        folders << m_folders->item(i)->text();
    for (int i = 0; i < m_iocs->count(); ++i)
        iocs << m_iocs->item(i)->text();
    settings.setValue(QStringLiteral("hunt/ruleFolders"), folders);
    settings.setValue(QStringLiteral("hunt/iocLists"), iocs);
    settings.setValue(QStringLiteral("hunt/minSeverity"), m_level->currentData());
    settings.setValue(QStringLiteral("hunt/analytics"), m_analytics->isChecked());
    settings.setValue(QStringLiteral("hunt/sigma"), m_sigma->isChecked());
}

void HuntPage::setRunning(bool running)
{
    m_run->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
    for (QWidget *w : std::initializer_list<QWidget *>{m_sigma,
                                                       m_level,
                                                       m_folders,
                                                       m_addFolder,
                                                       m_removeFolder,
                                                       m_iocs,
                                                       m_addIoc,
                                                       m_removeIoc,
                                                       m_analytics,
                                                       m_since})
        w->setEnabled(!running);
}

void HuntPage::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    m_cancelButton->setEnabled(false);
    m_summary->setText(tr("Cancelling…"));
}

void HuntPage::run()
{
    if (m_cancel)
        return;
    QStringList folders, iocs;
    for (int i = 0; i < m_folders->count(); ++i)
        folders << m_folders->item(i)->text();
    for (int i = 0; i < m_iocs->count(); ++i)
        iocs << m_iocs->item(i)->text();
    Detection::HuntOptions options;
    options.sigma = m_sigma->isChecked();
    options.analytics = m_analytics->isChecked();
    options.minSeverity = m_level->currentData().toInt();
    if (const int back = m_since->currentData().toInt(); back > 0)
        options.sinceUs = (QDateTime::currentSecsSinceEpoch() - back) * 1000000LL;
    if (!options.sigma && !options.analytics && iocs.isEmpty()) {
        m_summary->setText(tr("Choose the rules, an indicator list or the analytics first."));
        return;
    }
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    setRunning(true);
    m_progress->setRange(0, 0);
    m_summary->setText(tr("Loading the rules…"));
    m_results->clear();
    m_problems->clear();
    m_problems->setVisible(false);

    const QString path = m_path;
    const auto cancelFlag = m_cancel;
    QPointer<HuntPage> guard(this);
    auto *watcher = new QFutureWatcher<std::shared_ptr<Outcome>>(this);
    connect(watcher, &QFutureWatcher<std::shared_ptr<Outcome>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const std::shared_ptr<Outcome> out = watcher->result();
        m_cancel.reset();
        setRunning(false);
        if (!out->error.isEmpty()) {
            m_summary->setText(tr("The hunt failed: %1").arg(out->error));
            return;
        }
        const auto &r = out->report;
        if (r.cancelled)
            m_summary->setText(tr("Cancelled after %L1 events: %L2 hits, %L3 new alerts (kept).")
                                   .arg(r.scanned)
                                   .arg(r.hits)
                                   .arg(r.newAlerts));
        else
            m_summary->setText(tr("%L1 events in %2 s: %L3 hits, %L4 new alerts. Return or a "
                                  "double click shows the alerts in the queue.")
                                   .arg(r.scanned)
                                   .arg(r.seconds, 0, 'f', 1)
                                   .arg(r.hits)
                                   .arg(r.newAlerts));
        auto add
            = [this](qint64 n, const QString &kind, const QString &what, const QString &filter) {
                  auto *item = new QTreeWidgetItem(m_results);
                  item->setData(
                      0, Qt::DisplayRole, QVariant::fromValue<qlonglong>(n)); // sorts as a number
                  item->setData(0, Qt::TextAlignmentRole, int(Qt::AlignRight | Qt::AlignVCenter));
                  item->setText(1, kind);
                  item->setText(2, Models::inertLine(what));
                  item->setToolTip(2, Models::inertToolTip(what));
                  item->setData(0, Qt::UserRole, filter);
              };
        for (const auto &[rule, n] : r.byRule)
            add(n,
                QString::fromStdString(rule->level),
                QString::fromStdString(rule->title),
                QStringLiteral("ruleid:") + quoted(QString::fromStdString(rule->id)));
        for (const auto &[ind, n] : r.byIndicator)
            add(n,
                tr("indicator"),
                QStringLiteral("%1 %2 (%3)")
                    .arg(QString::fromLatin1(Detection::indicatorKindName(ind->kind)),
                         QString::fromStdString(ind->value),
                         QString::fromStdString(ind->source)),
                QStringLiteral("ruleid:")
                    + quoted(QStringLiteral("ioc:%1:%2")
                                 .arg(QString::fromLatin1(Detection::indicatorKindName(ind->kind)),
                                      QString::fromStdString(ind->value))));
        for (const auto &[key, n] : r.byAnalytic) {
            const QString k = QString::fromStdString(key);
            add(n,
                tr("analytic"),
                k.section(QLatin1Char('\t'), 1),
                QStringLiteral("ruleid:") + quoted(k.section(QLatin1Char('\t'), 0, 0)));
        }
        m_results->sortItems(0, Qt::DescendingOrder);
        if (!out->problems.isEmpty()) {
            m_problems->setPlainText(out->problems.join(QLatin1Char('\n')));
            m_problems->setVisible(true);
        }
        m_rulesLabel->setText(
            tr("%L1 rules: the bundled SigmaHQ set and your folders").arg(out->ruleCount));
        Q_EMIT finished(r.newAlerts);
    });
    watcher->setFuture(
        QtConcurrent::run([path, folders, iocs, options, cancelFlag, guard, this]() mutable {
            auto out = std::make_shared<Outcome>();
            if (options.sigma) {
                Detection::RuleSet::LoadReport load;
                auto bundled = Detection::RuleSet::bundled(&load);
                std::shared_ptr<const Detection::RuleSet> rules = bundled;
                if (!folders.isEmpty()) {
                    auto merged = std::make_shared<Detection::RuleSet>();
                    merged->addAll(*bundled);
                    for (const QString &f : folders) {
                        const auto more = merged->loadDirectory(f);
                        load.errors.insert(
                            load.errors.end(), more.errors.begin(), more.errors.end());
                    }
                    rules = merged;
                }
                for (const auto &e : load.errors)
                    out->problems << tr("rule left out: %1: %2")
                                         .arg(QString::fromStdString(e.file),
                                              QString::fromStdString(e.reason));
                out->rules = rules;
                out->ruleCount = qint64(rules->size());
            }
            if (!iocs.isEmpty()) {
                auto set = std::make_shared<Detection::IocSet>();
                std::vector<Detection::IocLoadError> errors;
                for (const QString &f : iocs)
                    set->loadFile(f, errors);
                for (const auto &e : errors)
                    out->problems
                        << (e.line > 0
                                ? QStringLiteral("%1:%2: %3").arg(e.file).arg(e.line).arg(e.reason)
                                : QStringLiteral("%1: %2").arg(e.file, e.reason));
                if (set->size() > 0)
                    options.iocs = set;
                out->iocs = set;
            }
            auto store = Store::open(path);
            if (!store) {
                out->error = store.error();
                return out;
            }
            options.cancel = cancelFlag.get();
            options.progress = [guard, this](std::int64_t done, std::int64_t total) {
                QMetaObject::invokeMethod(
                    this,
                    [guard, done, total]() {
                        if (!guard)
                            return;
                        guard->m_progress->setRange(0, 1000);
                        guard->m_progress->setValue(
                            total > 0 ? int(std::min<std::int64_t>(1000, done * 1000 / total)) : 0);
                        guard->m_summary->setText(tr("%L1 of %L2 events…").arg(done).arg(total));
                    },
                    Qt::QueuedConnection);
            };
            auto report = Detection::hunt(**store, out->rules, options);
            if (!report)
                out->error = report.error();
            else
                out->report = std::move(*report);
            return out;
        }));
}

void HuntPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HuntPage::retranslate()
{
    m_title->setText(tr("Hunt"));
    m_sigma->setText(tr("&Sigma rules"));
    if (m_rulesLabel->text().isEmpty() || !m_cancel)
        m_rulesLabel->setText(tr("The bundled SigmaHQ rules (3,061, Detection Rule License 1.1), "
                                 "and your own folders:"));
    m_levelLabel->setText(tr("From &level:"));
    m_level->setItemText(0, tr("Informational"));
    m_level->setItemText(1, tr("Low"));
    m_level->setItemText(2, tr("Medium"));
    m_level->setItemText(3, tr("High"));
    m_level->setItemText(4, tr("Critical"));
    m_addFolder->setText(tr("Add &folder…"));
    m_removeFolder->setText(tr("Remove"));
    m_iocLabel->setText(tr("&Indicator lists:"));
    m_iocLabel->setBuddy(m_iocs);
    m_addIoc->setText(tr("Add &list…"));
    m_removeIoc->setText(tr("Remove"));
    m_iocs->setToolTip(tr("Plain text (one indicator per line, defanged or not), CSV with a value "
                          "column, or a STIX 2.1 bundle"));
    m_analytics->setText(tr("Built-in &analytics (beaconing, encoded PowerShell, LSASS access, "
                            "lateral movement, brute force, exfiltration…)"));
    m_sinceLabel->setText(tr("O&ver:"));
    m_since->setItemText(0, tr("The whole store"));
    m_since->setItemText(1, tr("The last 24 hours"));
    m_since->setItemText(2, tr("The last 7 days"));
    m_since->setItemText(3, tr("The last 30 days"));
    m_run->setText(tr("&Run the hunt"));
    m_cancelButton->setText(tr("Cancel"));
    m_results->setHeaderLabels({tr("Hits"), tr("Level"), tr("Rule, indicator or analytic")});
}

} // namespace Vigie::Widgets
