// SPDX-License-Identifier: Apache-2.0
#include "widgets/incidentworkspace.h"

#include "core/analysis/correlation.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"
#include "core/report/reportmodel.h"
#include "models/inerttext.h"
#include "models/timelineeventmodel.h"
#include "reports/reportrenderer.h"
#include "widgets/responsepanel.h"
#include "widgets/scopegraphview.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMap>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent>

namespace Vigie::Widgets {

namespace {

QString when(std::int64_t us)
{
    QString t = QString::fromStdString(formatTimestampUs(us)).left(19);
    if (t.size() > 10)
        t[10] = QLatin1Char(' ');
    return t + QStringLiteral(" UTC");
}

// One colour per ATT&CK tactic, in kill-chain order (readable on light and dark).
QColor tacticColor(const QString &tactic)
{
    static const QMap<QString, QColor> colors{{QStringLiteral("TA0001"), QColor(0x1f, 0x77, 0xb4)},
                                              {QStringLiteral("TA0002"), QColor(0xff, 0x7f, 0x0e)},
                                              {QStringLiteral("TA0003"), QColor(0x2c, 0xa0, 0x2c)},
                                              {QStringLiteral("TA0004"), QColor(0xd6, 0x27, 0x28)},
                                              {QStringLiteral("TA0005"), QColor(0x94, 0x67, 0xbd)},
                                              {QStringLiteral("TA0006"), QColor(0x8c, 0x56, 0x4b)},
                                              {QStringLiteral("TA0007"), QColor(0xe3, 0x77, 0xc2)},
                                              {QStringLiteral("TA0008"), QColor(0xbc, 0xbd, 0x22)},
                                              {QStringLiteral("TA0009"), QColor(0x17, 0xbe, 0xcf)},
                                              {QStringLiteral("TA0011"), QColor(0x39, 0x3b, 0x79)},
                                              {QStringLiteral("TA0010"), QColor(0xad, 0x49, 0x4a)},
                                              {QStringLiteral("TA0040"), QColor(0x63, 0x79, 0x39)}};
    return colors.value(tactic, QColor(0x7f, 0x7f, 0x7f));
}

// The date axis shows its values in the machine's time zone: they are shifted so that it shows UTC,
// like every other time in Vigie.
double toAxis(std::int64_t us)
{
    const qint64 ms = us / 1000;
    return double(ms - qint64(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * 1000);
}

std::int64_t fromAxis(double x)
{
    const qint64 ms = qint64(x);
    return (ms + qint64(QDateTime::fromMSecsSinceEpoch(ms).offsetFromUtc()) * 1000) * 1000;
}

QDateTime axisTime(std::int64_t us)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(toAxis(us)));
}

} // namespace

void IncidentWorkspace::fillOverview(const std::vector<IncidentAlert> &alerts)
{
    const AttackCatalog &attack = AttackCatalog::instance();
    QStringList out;
    const IncidentSummary &i = m_incident;
    out << tr("Score %1 of 100, severity %2, %3 alerts")
               .arg(i.score)
               .arg(i.severity)
               .arg(alerts.size());
    if (!alerts.empty())
        out << tr("From %1 to %2").arg(when(alerts.front().ts), when(alerts.back().ts));
    out << QString();
    out << tr("Hosts");
    for (int h = 0; h < i.hosts.size(); ++h)
        out << QStringLiteral("  ") + Models::inertLine(i.hosts[h])
                   + (i.hostIps.value(h).isEmpty() ? QString()
                                                   : QStringLiteral(" (%1)").arg(i.hostIps[h]));
    if (!i.users.isEmpty())
        out << tr("Accounts")
            << QStringLiteral("  ") + Models::inertLine(i.users.join(QStringLiteral(", ")));
    if (!i.ips.isEmpty())
        out << tr("Remote addresses") << QStringLiteral("  ") + i.ips.join(QStringLiteral(", "));
    // How far the attack went: the tactics in kill-chain order.
    QStringList stages;
    for (const AttackTactic &t : attack.tactics())
        if (i.tactics.contains(t.id, Qt::CaseInsensitive))
            stages << t.name;
    if (!stages.isEmpty())
        out << tr("How far it went") << QStringLiteral("  ") + stages.join(QStringLiteral(" → "));
    if (!i.techniques.isEmpty()) {
        out << tr("Techniques");
        for (const QString &t : i.techniques)
            out << QStringLiteral("  ") + attack.label(t);
    }
    // Why each alert is here.
    QMap<QString, int> links;
    QMap<QString, QString> evidence;
    for (const IncidentAlert &a : alerts) {
        ++links[a.link];
        if (!a.evidence.isEmpty())
            evidence[a.link] = a.evidence;
    }
    out << tr("Why these alerts belong together");
    static const QMap<QString, const char *> names{
        {QStringLiteral("first"), QT_TR_NOOP("where it starts")},
        {QStringLiteral("same_host"), QT_TR_NOOP("the same host within a session")},
        {QStringLiteral("lineage"), QT_TR_NOOP("a process and the one it started")},
        {QStringLiteral("lateral"), QT_TR_NOOP("lateral movement from another host")},
        {QStringLiteral("indicator"), QT_TR_NOOP("a shared indicator")},
        {QStringLiteral("network"), QT_TR_NOOP("network alerts about the same address")},
        {QStringLiteral("analyst"), QT_TR_NOOP("placed by an analyst")}};
    auto linkName = [](const QString &link) {
        return names.contains(link) ? tr(names.value(link)) : link;
    };
    for (auto it = links.cbegin(); it != links.cend(); ++it)
        out << QStringLiteral("  %1 × %2%3")
                   .arg(it.value())
                   .arg(linkName(it.key()))
                   .arg(evidence.contains(it.key())
                            ? QStringLiteral(" (") + Models::inertLine(evidence.value(it.key()))
                                  + QLatin1Char(')')
                            : QString());
    m_overview->setPlainText(out.join(QLatin1Char('\n')));

    // Every alert, with why it is here: the analyst reads the link, and can undo it.
    m_alertList->clear();
    for (const IncidentAlert &a : alerts) {
        auto *item = new QTreeWidgetItem(m_alertList,
                                         {QString::number(a.id),
                                          when(a.ts).left(19),
                                          Models::inertLine(a.hostName),
                                          Models::inertLine(a.ruleName),
                                          linkName(a.link),
                                          Models::inertLine(a.evidence)});
        item->setData(0, Qt::UserRole, QVariant::fromValue<qint64>(a.id));
    }
    for (int c = 0; c < 3; ++c)
        m_alertList->resizeColumnToContents(c);
    m_alertList->setColumnWidth(3, 380);
    m_alertList->setColumnWidth(4, 230);
}

struct IncidentWorkspace::Data
{
    std::vector<IncidentAlert> alerts;
    std::shared_ptr<const std::vector<IncidentEvent>> events;
    bool complete = true;
    Analysis::TimelineIndex index;
    Analysis::ScopeGraph graph;
    EventHistogram histogram;
    QString error;
};

IncidentWorkspace::IncidentWorkspace(const QString &storePath,
                                     const IncidentSummary &incident,
                                     QWidget *parent)
    : QWidget(parent)
    , m_path(storePath)
    , m_incident(incident)
{
    setObjectName(QStringLiteral("incidentWorkspace"));
    m_title = new QLabel;
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    auto *renameButton = new QPushButton(tr("&Rename…"));
    renameButton->setObjectName(QStringLiteral("renameIncident"));
    renameButton->setShortcut(QKeySequence(Qt::Key_F2));
    connect(renameButton, &QPushButton::clicked, this, &IncidentWorkspace::rename);
    auto *severityButton = new QPushButton(tr("Se&verity…"));
    connect(severityButton, &QPushButton::clicked, this, &IncidentWorkspace::changeSeverity);
    auto *alertsButton = new QPushButton(tr("Show its &alerts in the queue"));
    connect(alertsButton, &QPushButton::clicked, this, [this] {
        Q_EMIT showAlerts(QStringLiteral("incident:%1").arg(m_incident.id));
    });
    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(renameButton);
    top->addWidget(severityButton);
    top->addWidget(alertsButton);

    // Overview: the summary, and the alerts with why each is here.
    m_overview = new QPlainTextEdit;
    m_overview->setObjectName(QStringLiteral("incidentOverview"));
    m_overview->setReadOnly(true);
    m_overview->setPlainText(tr("Loading…"));
    m_alertList = new QTreeWidget;
    m_alertList->setObjectName(QStringLiteral("incidentAlerts"));
    m_alertList->setRootIsDecorated(false);
    m_alertList->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_alertList->setAlternatingRowColors(true);
    m_alertList->setHeaderLabels({tr("Alert"),
                                  tr("Time (UTC)"),
                                  tr("Host"),
                                  tr("Rule"),
                                  tr("Why it is here"),
                                  tr("Evidence")});
    auto *split = new QPushButton(tr("S&plit off into a new incident…"));
    split->setObjectName(QStringLiteral("splitIncident"));
    connect(split, &QPushButton::clicked, this, &IncidentWorkspace::splitSelected);
    auto *remove = new QPushButton(tr("Ta&ke out of the incident"));
    remove->setObjectName(QStringLiteral("removeFromIncident"));
    remove->setToolTip(tr("Undo the link that brought the selected alerts: correlation will not "
                          "put them back into this incident"));
    connect(remove, &QPushButton::clicked, this, &IncidentWorkspace::removeSelected);
    auto *alertButtons = new QHBoxLayout;
    alertButtons->addWidget(new QLabel(tr("Alerts and why each is in the incident:")), 1);
    alertButtons->addWidget(split);
    alertButtons->addWidget(remove);
    auto *alertPane = new QWidget;
    auto *alertLayout = new QVBoxLayout(alertPane);
    alertLayout->setContentsMargins(0, 0, 0, 0);
    alertLayout->addLayout(alertButtons);
    alertLayout->addWidget(m_alertList, 1);
    auto *overviewSplit = new QSplitter(Qt::Vertical);
    overviewSplit->addWidget(m_overview);
    overviewSplit->addWidget(alertPane);

    // Timeline: the store's histogram with the incident's span, the lanes, the events below.
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_histogramChart = new QChart;
    m_histogramChart->legend()->hide();
    m_histogramChart->setMargins(QMargins(4, 0, 4, 0));
    m_histogramChart->setBackgroundRoundness(0);
    if (dark)
        m_histogramChart->setTheme(QChart::ChartThemeDark);
    m_histogramView = new QChartView(m_histogramChart);
    m_histogramView->setObjectName(QStringLiteral("timelineOverview"));
    m_histogramView->setFixedHeight(110);
    m_histogramView->setRenderHint(QPainter::Antialiasing);
    m_histogramView->setToolTip(tr("Every event of the store; the incident's span is highlighted. "
                                   "Drag to show a span in the timeline below."));
    m_histogramView->viewport()->installEventFilter(this);

    m_chart = new QChart;
    if (dark)
        m_chart->setTheme(QChart::ChartThemeDark);
    m_chart->setTitle(tr("One lane per host: events as small marks, alerts as large ones coloured "
                         "by ATT&CK tactic"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view = new QChartView(m_chart);
    m_view->setObjectName(QStringLiteral("incidentTimeline"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setToolTip(tr("Drag to zoom into a span (the list below follows); mouse wheel, + and - "
                          "zoom; arrows pan; 0 shows the whole incident"));
    m_view->installEventFilter(this);
    m_view->setFocusPolicy(Qt::StrongFocus);

    m_filterLabel = new QLabel;
    m_filterLabel->setObjectName(QStringLiteral("timelineFilter"));
    m_clearFilter = new QPushButton(tr("Show every entity"));
    m_clearFilter->hide();
    connect(m_clearFilter, &QPushButton::clicked, this, [this] { filterEntity(QString()); });
    auto *timelinePng = new QPushButton(tr("Export PNG…"));
    connect(timelinePng, &QPushButton::clicked, this, [this] { exportWithDialog(true, true); });
    auto *timelineCsv = new QPushButton(tr("Export CSV…"));
    timelineCsv->setToolTip(tr("The events of the span on screen"));
    connect(timelineCsv, &QPushButton::clicked, this, [this] { exportWithDialog(true, false); });
    auto *timelineBar = new QHBoxLayout;
    timelineBar->addWidget(m_filterLabel, 1);
    timelineBar->addWidget(m_clearFilter);
    timelineBar->addWidget(timelinePng);
    timelineBar->addWidget(timelineCsv);

    m_events = new Models::TimelineEventModel(this);
    m_eventTable = new QTableView;
    m_eventTable->setObjectName(QStringLiteral("timelineEvents"));
    m_eventTable->setModel(m_events);
    m_eventTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventTable->setAlternatingRowColors(true);
    m_eventTable->verticalHeader()->hide();
    m_eventTable->verticalHeader()->setDefaultSectionSize(m_eventTable->fontMetrics().height() + 6);
    m_eventTable->horizontalHeader()->setStretchLastSection(true);
    m_eventTable->setWordWrap(false);
    const int digit = m_eventTable->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_eventTable->setColumnWidth(Models::TimelineEventModel::TimeColumn, digit * 23);
    m_eventTable->setColumnWidth(Models::TimelineEventModel::HostColumn, digit * 26);
    m_eventTable->setColumnWidth(Models::TimelineEventModel::KindColumn, digit * 16);
    m_eventTable->setColumnWidth(Models::TimelineEventModel::WhatColumn, digit * 42);
    auto *timelineSplit = new QSplitter(Qt::Vertical);
    timelineSplit->addWidget(m_view);
    timelineSplit->addWidget(m_eventTable);
    timelineSplit->setStretchFactor(0, 3);
    timelineSplit->setStretchFactor(1, 2);
    auto *timelinePage = new QWidget;
    auto *timelineLayout = new QVBoxLayout(timelinePage);
    timelineLayout->setContentsMargins(0, 0, 0, 0);
    timelineLayout->addWidget(m_histogramView);
    timelineLayout->addLayout(timelineBar);
    timelineLayout->addWidget(timelineSplit, 1);

    // Scope: the graph and the tables.
    m_graph = new ScopeGraphView;
    connect(m_graph, &ScopeGraphView::entityActivated, this, [this](const QString &value) {
        filterEntity(value);
        m_tabs->setCurrentIndex(1);
    });
    m_scope = new QTreeWidget;
    m_scope->setObjectName(QStringLiteral("incidentScope"));
    m_scope->setHeaderLabels({tr("Host, account or indicator"),
                              tr("Alerts"),
                              tr("Events"),
                              tr("First seen (UTC)"),
                              tr("Last seen (UTC)")});
    m_scope->setAlternatingRowColors(true);
    connect(m_scope, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (const QString v = item->data(0, Qt::UserRole).toString(); !v.isEmpty()) {
            filterEntity(v);
            m_tabs->setCurrentIndex(1);
        }
    });
    auto *scopePng = new QPushButton(tr("Export PNG…"));
    connect(scopePng, &QPushButton::clicked, this, [this] { exportWithDialog(false, true); });
    auto *scopeCsv = new QPushButton(tr("Export CSV…"));
    connect(scopeCsv, &QPushButton::clicked, this, [this] { exportWithDialog(false, false); });
    auto *scopeBar = new QHBoxLayout;
    scopeBar->addWidget(
        new QLabel(tr("Click an entity to show its events on the timeline; the wheel zooms.")), 1);
    scopeBar->addWidget(scopePng);
    scopeBar->addWidget(scopeCsv);
    auto *scopeSplit = new QSplitter(Qt::Horizontal);
    scopeSplit->addWidget(m_graph);
    scopeSplit->addWidget(m_scope);
    scopeSplit->setStretchFactor(0, 3);
    scopeSplit->setStretchFactor(1, 2);
    auto *scopePage = new QWidget;
    auto *scopeLayout = new QVBoxLayout(scopePage);
    scopeLayout->setContentsMargins(0, 0, 0, 0);
    scopeLayout->addLayout(scopeBar);
    scopeLayout->addWidget(scopeSplit, 1);

    // Root cause: the entry vector and the chain.
    m_rcaSummary = new QLabel(tr("Tracing the incident back to where it began…"));
    m_rcaSummary->setObjectName(QStringLiteral("rootCauseSummary"));
    m_rcaSummary->setWordWrap(true);
    m_rcaSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rcaSummary->setTextFormat(Qt::PlainText);
    m_rcaTree = new QTreeWidget;
    m_rcaTree->setObjectName(QStringLiteral("rootCauseChain"));
    m_rcaTree->setHeaderLabels({tr("Step"),
                                tr("Time (UTC)"),
                                tr("Host"),
                                tr("Technique"),
                                tr("Command line or target"),
                                tr("Why it is here")});
    m_rcaTree->setAlternatingRowColors(true);
    m_rcaTree->setUniformRowHeights(true);
    connect(m_rcaTree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        std::vector<std::int64_t> ids;
        if (item)
            for (const QVariant &v : item->data(0, Qt::UserRole).toList())
                ids.push_back(v.toLongLong());
        showEvidence(ids);
    });
    m_evidence = new QTreeWidget;
    m_evidence->setObjectName(QStringLiteral("rootCauseEvidence"));
    m_evidence->setRootIsDecorated(false);
    m_evidence->setHeaderLabels(
        {tr("Event"), tr("Time (UTC)"), tr("Host"), tr("What"), tr("Details")});
    auto *rcaSplit = new QSplitter(Qt::Vertical);
    rcaSplit->addWidget(m_rcaTree);
    auto *evidencePane = new QWidget;
    auto *evidenceLayout = new QVBoxLayout(evidencePane);
    evidenceLayout->setContentsMargins(0, 0, 0, 0);
    evidenceLayout->addWidget(new QLabel(tr("Evidence of the selected step:")));
    evidenceLayout->addWidget(m_evidence, 1);
    rcaSplit->addWidget(evidencePane);
    rcaSplit->setStretchFactor(0, 3);
    rcaSplit->setStretchFactor(1, 1);
    auto *rcaPage = new QWidget;
    auto *rcaLayout = new QVBoxLayout(rcaPage);
    rcaLayout->setContentsMargins(4, 4, 4, 0);
    rcaLayout->addWidget(m_rcaSummary);
    rcaLayout->addWidget(rcaSplit, 1);

    m_tabs = new QTabWidget;
    m_tabs->addTab(overviewSplit, tr("&Overview"));
    m_tabs->addTab(timelinePage, tr("&Timeline"));
    m_tabs->addTab(scopePage, tr("&Scope"));
    m_tabs->addTab(rcaPage, tr("&Root cause"));

    // Report: a preview, the language, the exports.
    m_reportView = new QTextBrowser;
    m_reportView->setObjectName(QStringLiteral("reportPreview"));
    m_reportView->setOpenLinks(false); // the contents' anchors only; nothing is ever fetched
    m_reportView->setOpenExternalLinks(false);
    connect(m_reportView, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.hasFragment() && url.path().isEmpty())
            m_reportView->scrollToAnchor(url.fragment());
    });
    auto *language = new QComboBox;
    language->setObjectName(QStringLiteral("reportLanguage"));
    language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    connect(language, &QComboBox::currentIndexChanged, this, [this, language] {
        setReportLanguage(language->currentData().toString());
    });
    auto *exportReportButton = new QPushButton(tr("E&xport report…"));
    exportReportButton->setObjectName(QStringLiteral("exportReport"));
    connect(exportReportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this,
            tr("Export the report"),
            QStringLiteral("incident-%1-report-%2.pdf").arg(m_incident.id).arg(m_reportLang),
            tr("PDF (*.pdf);;HTML (*.html);;Markdown (*.md)"));
        if (!path.isEmpty())
            exportReport(path);
    });
    // The template: the organisation, logo, colours and sections (resources/report/template.json
    // is the bundled one, to copy and edit).
    m_reportTemplate = QSettings().value(QStringLiteral("report/template")).toString();
    m_reportTemplateLabel = new QLabel;
    m_reportTemplateLabel->setObjectName(QStringLiteral("reportTemplate"));
    m_reportTemplateLabel->setTextFormat(Qt::PlainText);
    auto *templateButton = new QPushButton(tr("&Template…"));
    templateButton->setToolTip(tr("Choose the report template: organisation, logo, colours and "
                                  "sections (a JSON file; start from a copy of "
                                  "resources/report/template.json)."));
    connect(templateButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Report template"), m_reportTemplate, tr("Report templates (*.json)"));
        if (!path.isEmpty())
            setReportTemplate(path);
    });
    auto *defaultTemplateButton = new QPushButton(tr("&Default"));
    defaultTemplateButton->setToolTip(tr("Use the bundled template"));
    connect(defaultTemplateButton, &QPushButton::clicked, this, [this] { setReportTemplate({}); });
    auto *view = new QComboBox;
    view->setObjectName(QStringLiteral("reportViewMode"));
    view->addItem(tr("Pages"));
    view->addItem(tr("Text"));
    auto *zoom = new QComboBox;
    zoom->setObjectName(QStringLiteral("reportZoom"));
    for (const int z : {50, 75, 100, 150, 200})
        zoom->addItem(tr("%1%").arg(z), z / 100.0);
    zoom->setCurrentIndex(2);
    connect(zoom, &QComboBox::currentIndexChanged, this, [this, zoom] {
        m_reportZoom = zoom->currentData().toDouble();
        loadReport();
    });
    m_reportPages = new QScrollArea;
    m_reportPages->setObjectName(QStringLiteral("reportPages"));
    m_reportPages->setAlignment(Qt::AlignHCenter);
    m_reportPages->setBackgroundRole(QPalette::Dark);
    m_reportStack = new QStackedWidget;
    m_reportStack->addWidget(m_reportPages);
    m_reportStack->addWidget(m_reportView);
    connect(view, &QComboBox::currentIndexChanged, this, [this, zoom](int i) {
        m_reportStack->setCurrentIndex(i);
        zoom->setEnabled(i == 0);
    });
    auto *reportBar = new QHBoxLayout;
    reportBar->addWidget(new QLabel(tr("Language:")));
    reportBar->addWidget(language);
    reportBar->addSpacing(12);
    reportBar->addWidget(new QLabel(tr("Template:")));
    reportBar->addWidget(m_reportTemplateLabel);
    reportBar->addWidget(templateButton);
    reportBar->addWidget(defaultTemplateButton);
    reportBar->addStretch(1);
    reportBar->addWidget(view);
    reportBar->addWidget(zoom);
    reportBar->addWidget(exportReportButton);
    auto *reportPage = new QWidget;
    auto *reportLayout = new QVBoxLayout(reportPage);
    reportLayout->setContentsMargins(4, 4, 4, 0);
    reportLayout->addLayout(reportBar);
    reportLayout->addWidget(m_reportStack, 1);
    m_tabs->addTab(reportPage, tr("Re&port"));
    // Response: playbooks for this incident, runs, the audit trail, the toolkit.
    m_response = new ResponsePanel(m_path, m_incident.id);
    connect(m_response, &ResponsePanel::errorOccurred, this, &IncidentWorkspace::errorOccurred);
    m_tabs->addTab(m_response, tr("Respo&nse"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);
    load();
}

IncidentWorkspace::~IncidentWorkspace() = default;

void IncidentWorkspace::load()
{
    m_title->setText(tr("Incident #%1 — %2 (score %3)")
                         .arg(m_incident.id)
                         .arg(Models::inertLine(m_incident.title))
                         .arg(m_incident.score));
    using Loaded = std::shared_ptr<Data>;
    auto *watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Loaded data = watcher->result();
        if (!data->error.isEmpty()) {
            m_overview->setPlainText(tr("Cannot read the incident: %1").arg(data->error));
            return;
        }
        fill(*data);
    });
    const QString path = m_path;
    const qint64 id = m_incident.id;
    watcher->setFuture(QtConcurrent::run([path, id]() -> Loaded {
        auto data = std::make_shared<Data>();
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store) {
            data->error = store.error();
            return data;
        }
        auto alerts = (*store)->incidentAlerts(id);
        auto events = (*store)->incidentEvents(id);
        auto addresses = (*store)->hostAddresses();
        auto histogram = (*store)->eventHistogram(240);
        if (!alerts || !events || !addresses || !histogram) {
            data->error = !alerts      ? alerts.error()
                          : !events    ? events.error()
                          : !addresses ? addresses.error()
                                       : histogram.error();
            return data;
        }
        data->alerts = std::move(*alerts);
        data->complete = events->second;
        auto all = std::make_shared<std::vector<IncidentEvent>>(std::move(events->first));
        // The pre-bucketing: the lanes' sorted index and the scope graph, off the GUI thread.
        data->index = Analysis::TimelineIndex(*all);
        data->graph = Analysis::buildScope(*all, *addresses);
        data->events = std::move(all);
        data->histogram = std::move(*histogram);
        return data;
    }));
}

QString IncidentWorkspace::overviewText() const
{
    return m_overview->toPlainText();
}

void IncidentWorkspace::fill(const Data &data)
{
    fillOverview(data.alerts);
    if (!data.complete)
        m_overview->appendPlainText(
            QLatin1Char('\n')
            + tr("The timeline shows the first %1 events of the incident's span.")
                  .arg(data.events->size()));
    m_allEvents = data.events;
    m_index = data.index;
    m_useFiltered = false;
    m_events->setEvents(m_allEvents);

    // The lanes' chart: built once, its series refilled at every zoom step.
    m_chart->removeAllSeries();
    for (QAbstractAxis *a : m_chart->axes())
        m_chart->removeAxis(a);
    m_alertSeries.clear();
    m_eventSeries = new QScatterSeries;
    m_eventSeries->setName(tr("events"));
    m_eventSeries->setColor(palette().color(QPalette::Base).lightness() < 128
                                ? QColor(0x90, 0x90, 0x90)
                                : QColor(0xa0, 0xa0, 0xa0));
    m_eventSeries->setMarkerSize(5);
    m_eventSeries->setBorderColor(Qt::transparent);
    m_chart->addSeries(m_eventSeries);
    const AttackCatalog &attack = AttackCatalog::instance();
    for (int stage = 0; stage <= Analysis::kStages; ++stage) {
        // Stages in kill-chain order, then alerts with no tactic.
        const QString tactic = Analysis::stageTactic(stage < Analysis::kStages ? stage : -1);
        const AttackTactic *known = attack.tactic(tactic);
        auto *s = new QScatterSeries;
        s->setName(known ? known->name : tr("no tactic"));
        s->setColor(tacticColor(tactic));
        s->setMarkerSize(11);
        s->setBorderColor(palette().color(QPalette::Base));
        m_chart->addSeries(s);
        m_alertSeries.push_back(s);
    }
    m_x = new QDateTimeAxis;
    m_x->setFormat(QStringLiteral("MM-dd HH:mm:ss"));
    m_x->setTitleText(tr("Time (UTC)"));
    auto *y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    const QStringList &lanes = m_index.lanes();
    for (int l = 0; l < lanes.size(); ++l)
        y->append(Models::inertLine(lanes[l]).left(40), l + 1);
    y->setRange(0, std::max<int>(1, int(lanes.size())));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries *s : m_chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(y);
    }
    connect(m_x, &QDateTimeAxis::rangeChanged, this, [this] { redraw(); });

    // The store's histogram, the incident's span and the brush.
    m_histogramChart->removeAllSeries();
    for (QAbstractAxis *a : m_histogramChart->axes())
        m_histogramChart->removeAxis(a);
    m_histogramX = new QDateTimeAxis;
    m_histogramX->setFormat(QStringLiteral("yyyy-MM-dd"));
    m_histogramX->setTickCount(6);
    QFont tiny = font();
    tiny.setPointSizeF(tiny.pointSizeF() * 0.8);
    m_histogramX->setLabelsFont(tiny);
    auto *hy = new QValueAxis;
    hy->setVisible(false);
    m_histogramChart->addAxis(m_histogramX, Qt::AlignBottom);
    m_histogramChart->addAxis(hy, Qt::AlignLeft);
    const EventHistogram &h = data.histogram;
    auto *upper = new QLineSeries;
    std::int64_t highest = 1;
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        const std::int64_t at = h.fromUs + std::int64_t(b) * h.bucketUs;
        upper->append(toAxis(at), double(h.counts[b]));
        upper->append(toAxis(at + h.bucketUs), double(h.counts[b]));
        highest = std::max(highest, h.counts[b]);
    }
    auto *bars = new QAreaSeries(upper);
    bars->setColor(palette().color(QPalette::Mid));
    bars->setBorderColor(palette().color(QPalette::Dark));
    auto band = [&](std::int64_t from, std::int64_t to, QColor color) {
        auto *top = new QLineSeries;
        top->append(toAxis(from), double(highest));
        top->append(toAxis(to), double(highest));
        auto *area = new QAreaSeries(top);
        area->setColor(color);
        area->setBorderColor(color.darker(130));
        return std::make_pair(area, top);
    };
    std::int64_t first = m_index.size() ? m_index.firstUs() : 0;
    std::int64_t last = m_index.size() ? m_index.lastUs() : 0;
    if (!data.alerts.empty()) {
        first = data.alerts.front().ts;
        last = data.alerts.back().ts;
    }
    auto [span, spanTop]
        = band(first, std::max(last, first + h.bucketUs), QColor(214, 39, 40, 110));
    Q_UNUSED(spanTop)
    auto [brush, brushTop] = band(first, last, QColor(31, 119, 180, 70));
    m_brushArea = brush;
    m_brushUpper = brushTop;
    for (QAreaSeries *s : {bars, span, brush}) {
        m_histogramChart->addSeries(s);
        s->attachAxis(m_histogramX);
        s->attachAxis(hy);
    }
    hy->setRange(0, double(highest));
    // Dates for a store of days, times for a store of hours.
    const std::int64_t whole = h.bucketUs * std::int64_t(h.counts.size());
    m_histogramX->setFormat(whole > 3LL * 86400 * 1000000 ? QStringLiteral("yyyy-MM-dd")
                            : whole > 86400LL * 1000000   ? QStringLiteral("MM-dd HH:mm")
                                                          : QStringLiteral("HH:mm:ss"));
    if (!h.counts.empty())
        m_histogramX->setRange(axisTime(h.fromUs),
                               axisTime(h.fromUs + h.bucketUs * std::int64_t(h.counts.size())));

    fillScope(data.graph);
    m_loaded = true;
    loadRootCause();
    loadReport();
    m_response->load();
    // The whole incident, with a margin.
    const std::int64_t pad = std::max<std::int64_t>(1000000, (last - first) / 20);
    setVisibleSpan(first - pad, last + pad);
    Q_EMIT loaded();
}

void IncidentWorkspace::fillScope(const Analysis::ScopeGraph &graph)
{
    m_graph->setGraph(graph);
    m_scope->clear();
    using Analysis::ScopeNode;
    const std::pair<ScopeNode::Kind, QString> groups[]
        = {{ScopeNode::Host, tr("Hosts")},
           {ScopeNode::Account, tr("Accounts")},
           {ScopeNode::Process, tr("Processes")},
           {ScopeNode::File, tr("Files and hashes")},
           {ScopeNode::RemoteAddress, tr("Remote addresses")},
           {ScopeNode::Domain, tr("Domains")}};
    for (const auto &[kind, name] : groups) {
        std::vector<const ScopeNode *> nodes;
        for (const ScopeNode &n : graph.nodes)
            if (n.kind == kind)
                nodes.push_back(&n);
        if (nodes.empty())
            continue;
        auto *group
            = new QTreeWidgetItem(m_scope, {QStringLiteral("%1 (%2)").arg(name).arg(nodes.size())});
        group->setFirstColumnSpanned(true);
        for (const ScopeNode *n : nodes) {
            QString label = Models::inertLine(n->label);
            if (kind == ScopeNode::Host && !n->detail.isEmpty())
                label += QStringLiteral(" (") + Models::inertLine(n->detail) + QLatin1Char(')');
            else if (!n->host.isEmpty())
                label += QStringLiteral(" — ") + Models::inertLine(n->host);
            auto *item = new QTreeWidgetItem(group,
                                             {label,
                                              QString::number(n->alerts),
                                              QString::number(n->count),
                                              when(n->firstUs),
                                              when(n->lastUs)});
            item->setData(0, Qt::UserRole, n->label);
            if (!n->detail.isEmpty())
                item->setToolTip(0, Models::inertToolTip(n->detail));
        }
        group->setExpanded(true);
    }
    for (int c = 0; c < m_scope->columnCount(); ++c)
        m_scope->resizeColumnToContents(c);
}

QString IncidentWorkspace::reportPreviewText() const
{
    return m_reportView->toPlainText();
}

void IncidentWorkspace::setReportLanguage(const QString &lang)
{
    if (lang == m_reportLang)
        return;
    m_reportLang = lang;
    loadReport();
}

void IncidentWorkspace::setReportTemplate(const QString &path)
{
    m_reportTemplate = path;
    if (path.isEmpty())
        QSettings().remove(QStringLiteral("report/template"));
    else
        QSettings().setValue(QStringLiteral("report/template"), path);
    loadReport();
}

namespace {

// The report's model with the chosen template (the bundled one when none is chosen).
Result<Report::ReportModel> reportModel(const QString &storePath,
                                        qint64 incident,
                                        const QString &lang,
                                        const QString &templatePath,
                                        std::unique_ptr<Store> *keep = nullptr,
                                        Store::Mode mode = Store::Mode::ReadOnly)
{
    Report::ReportTemplate style = Report::defaultTemplate();
    if (!templatePath.isEmpty()) {
        auto loaded = Report::loadTemplate(templatePath);
        if (!loaded)
            return Error(loaded.error());
        style = *loaded;
    }
    auto store = Store::open(storePath, mode);
    if (!store)
        return Error(store.error());
    auto model = Report::buildReport(**store, incident, lang, style);
    if (keep)
        *keep = std::move(*store);
    return model;
}

} // namespace

void IncidentWorkspace::loadReport()
{
    m_reportLoaded = false;
    const int generation = ++m_reportGeneration;
    m_reportTemplateLabel->setText(
        m_reportTemplate.isEmpty() ? tr("bundled") : QFileInfo(m_reportTemplate).fileName());
    m_reportTemplateLabel->setToolTip(m_reportTemplate);
    auto *writing = new QLabel(tr("Writing the report…"));
    writing->setAlignment(Qt::AlignCenter);
    m_reportPages->setWidget(writing);
    m_reportPages->setWidgetResizable(true);
    m_reportView->setPlainText(tr("Writing the report…"));
    struct Preview
    {
        QString html;
        std::vector<QImage> pages;
    };
    using Written = Result<Preview>;
    auto *watcher = new QFutureWatcher<Written>(this);
    connect(watcher, &QFutureWatcher<Written>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_reportGeneration)
            return; // the language, template or zoom changed since: a newer preview is coming
        const Written r = watcher->result();
        if (!r) {
            const QString message = tr("Cannot write the report: %1").arg(r.error());
            m_reportView->setPlainText(message);
            auto *error = new QLabel(message);
            error->setTextFormat(Qt::PlainText);
            error->setWordWrap(true);
            error->setAlignment(Qt::AlignCenter);
            m_reportPages->setWidget(error);
            return;
        }
        m_reportView->setHtml(r->html);
        // The pages one below the other, as a PDF reader shows them.
        auto *pages = new QWidget;
        auto *column = new QVBoxLayout(pages);
        column->setSpacing(12);
        column->setContentsMargins(12, 12, 12, 12);
        const qreal ratio = devicePixelRatioF();
        for (std::size_t i = 0; i < r->pages.size(); ++i) {
            auto *page = new QLabel;
            page->setObjectName(QStringLiteral("reportPage%1").arg(i + 1));
            QPixmap pixmap = QPixmap::fromImage(r->pages[i]);
            pixmap.setDevicePixelRatio(ratio);
            page->setPixmap(pixmap);
            page->setAccessibleName(tr("Page %1 of %2").arg(i + 1).arg(r->pages.size()));
            column->addWidget(page, 0, Qt::AlignHCenter);
        }
        m_reportPages->setWidgetResizable(false);
        m_reportPages->setWidget(pages);
        m_reportPageCount = int(r->pages.size());
        m_reportLoaded = true;
    });
    const QString path = m_path, lang = m_reportLang, templatePath = m_reportTemplate;
    const qint64 id = m_incident.id;
    const int dpi = qRound(96 * m_reportZoom * devicePixelRatioF());
    watcher->setFuture(QtConcurrent::run([path, id, lang, templatePath, dpi]() -> Written {
        auto model = reportModel(path, id, lang, templatePath);
        if (!model)
            return Error(model.error());
        Preview preview;
        preview.html = Report::toHtml(*model, false);
        auto pages = Report::toPageImages(*model, dpi);
        if (!pages)
            return Error(pages.error());
        preview.pages = std::move(*pages);
        return preview;
    }));
}

void IncidentWorkspace::exportReport(const QString &path)
{
    using Written = Result<QString>;
    auto *watcher = new QFutureWatcher<Written>(this);
    connect(watcher, &QFutureWatcher<Written>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const Written sha = watcher->result();
        if (!sha) {
            Q_EMIT errorOccurred(tr("Cannot export the report: %1").arg(sha.error()));
            return;
        }
        Q_EMIT reportWritten(path, *sha);
    });
    const QString storePath = m_path, lang = m_reportLang, templatePath = m_reportTemplate;
    const qint64 id = m_incident.id;
    watcher->setFuture(QtConcurrent::run([storePath, id, lang, path, templatePath]() -> Written {
        std::unique_ptr<Store> store;
        auto model = reportModel(storePath, id, lang, templatePath, &store, Store::Mode::ReadWrite);
        if (!model)
            return Error(model.error());
        QByteArray bytes;
        if (path.endsWith(QLatin1String(".html"), Qt::CaseInsensitive))
            bytes = Report::toHtml(*model).toUtf8();
        else if (path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive))
            bytes = Report::toMarkdown(*model).toUtf8();
        else if (auto pdf = Report::toPdf(*model); pdf)
            bytes = *pdf;
        else
            return Error(pdf.error());
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
            return Error(out.errorString());
        const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (auto r = store->recordReport(id, path, sha, model->analyst); !r)
            return Error(r.error());
        return QString::fromLatin1(sha);
    }));
}

void IncidentWorkspace::loadRootCause()
{
    m_rcaLoaded = false;
    using Rca = Result<Analysis::RcaResult>;
    auto *watcher = new QFutureWatcher<Rca>(this);
    connect(watcher, &QFutureWatcher<Rca>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Rca r = watcher->result();
        if (!r) {
            m_rcaSummary->setText(tr("Cannot trace the incident back: %1").arg(r.error()));
            return;
        }
        fillRootCause(*r);
    });
    const QString path = m_path;
    const qint64 id = m_incident.id;
    watcher->setFuture(QtConcurrent::run([path, id]() -> Rca {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return Error(store.error());
        return Analysis::analyseRootCause(**store, id);
    }));
}

QString IncidentWorkspace::rootCauseText() const
{
    return m_rcaSummary->text();
}

void IncidentWorkspace::fillRootCause(const Analysis::RcaResult &r)
{
    const AttackCatalog &attack = AttackCatalog::instance();
    QString head = tr("Entry: %1").arg(Analysis::entryKindName(r.entryKind));
    if (!r.entryTechnique.isEmpty())
        head += QStringLiteral(" — ") + attack.label(r.entryTechnique);
    head += tr(" (confidence %1%)").arg(qRound(r.confidence * 100));
    m_rcaSummary->setText(head + QStringLiteral("\n") + Models::inertLine(r.explanation, 4000));
    m_rcaTree->clear();
    // The chain as a tree: a step under the step whose process started (or asked for) it.
    QHash<QString, QTreeWidgetItem *> byEntity;
    QSet<QString> inChain;
    auto evidenceOf = [](const std::vector<std::int64_t> &ids) {
        QVariantList list;
        for (const std::int64_t id : ids)
            list << QVariant::fromValue<qint64>(id);
        return list;
    };
    for (std::size_t i = 0; i < r.chain.size(); ++i) {
        const Analysis::RcaStep &s = r.chain[i];
        inChain.insert(s.entityId);
        QString step = s.action + QStringLiteral(" · ")
                       + Models::inertLine(s.executable.section(QLatin1Char('\\'), -1), 80);
        QStringList columns{
            step,
            when(s.ts).left(19),
            Models::inertLine(s.host),
            s.technique,
            Models::inertLine(s.commandLine.isEmpty() ? s.target : s.commandLine, 300),
            Models::inertLine(s.why, 400)};
        // A process's own actions (a connection, a file, a registry write) sit under it; a
        // process under the one that started it.
        QTreeWidgetItem *parent
            = s.action != QLatin1String("spawned") && byEntity.contains(s.entityId)
                  ? byEntity.value(s.entityId)
                  : byEntity.value(s.parentEntityId);
        auto *item = parent ? new QTreeWidgetItem(parent, columns)
                            : new QTreeWidgetItem(m_rcaTree, columns);
        item->setData(0, Qt::UserRole, evidenceOf(s.evidence));
        item->setToolTip(4,
                         Models::inertToolTip(s.commandLine.isEmpty() ? s.target : s.commandLine));
        item->setToolTip(5, Models::inertToolTip(s.why));
        if (i == 0) {
            QFont bold = item->font(0);
            bold.setBold(true);
            for (int c = 0; c < item->columnCount(); ++c)
                item->setFont(c, bold);
            item->setText(0, tr("ROOT · %1").arg(step));
        }
        if (!s.entityId.isEmpty() && !byEntity.contains(s.entityId))
            byEntity.insert(s.entityId, item);
    }
    // The hosts' other processes: not the attack, but one click away.
    if (m_allEvents) {
        QSet<QString> hosts(r.hosts.begin(), r.hosts.end());
        QTreeWidgetItem *others = nullptr;
        QSet<QString> listed;
        for (const IncidentEvent &e : *m_allEvents) {
            if (e.code != 1 || e.processEntity.isEmpty() || inChain.contains(e.processEntity)
                || listed.contains(e.processEntity) || !hosts.contains(e.hostName))
                continue;
            listed.insert(e.processEntity);
            if (!others) {
                others = new QTreeWidgetItem(m_rcaTree);
                others->setFirstColumnSpanned(true);
            }
            auto *item = new QTreeWidgetItem(others,
                                             {Models::inertLine(e.processName),
                                              when(e.ts).left(19),
                                              Models::inertLine(e.hostName),
                                              QString(),
                                              Models::inertLine(e.commandLine, 300),
                                              tr("not linked to the attack")});
            item->setData(0, Qt::UserRole, QVariantList{QVariant::fromValue<qint64>(e.id)});
        }
        if (others)
            others->setText(0,
                            tr("Other activity on these hosts, not linked to the attack (%n "
                               "process(es))",
                               nullptr,
                               others->childCount()));
    }
    m_rcaTree->expandAll();
    for (int i = 0; i < m_rcaTree->topLevelItemCount(); ++i)
        if (m_rcaTree->topLevelItem(i)->isFirstColumnSpanned())
            m_rcaTree->topLevelItem(i)->setExpanded(false);
    for (int c = 0; c < 4; ++c)
        m_rcaTree->resizeColumnToContents(c);
    m_rcaTree->setColumnWidth(4, 320);
    if (m_rcaTree->topLevelItemCount() > 0)
        m_rcaTree->setCurrentItem(m_rcaTree->topLevelItem(0));
    m_rcaLoaded = true;
}

void IncidentWorkspace::showEvidence(const std::vector<std::int64_t> &ids)
{
    m_evidence->clear();
    if (!m_allEvents)
        return;
    QSet<std::int64_t> wanted(ids.begin(), ids.end());
    for (const IncidentEvent &e : *m_allEvents)
        if (wanted.remove(e.id))
            new QTreeWidgetItem(m_evidence,
                                {QString::number(e.id),
                                 when(e.ts).left(19),
                                 Models::inertLine(e.hostName),
                                 Models::inertLine(Models::TimelineEventModel::what(e)),
                                 Models::inertLine(Models::TimelineEventModel::detail(e), 300)});
    // Evidence from before the timeline's span or from another host (the source of a lateral
    // movement) is named, with where to find it.
    QList<std::int64_t> rest(wanted.begin(), wanted.end());
    std::sort(rest.begin(), rest.end());
    for (const std::int64_t id : rest)
        new QTreeWidgetItem(m_evidence,
                            {QString::number(id),
                             QString(),
                             QString(),
                             tr("outside the timeline's span: see it in the queue or the store")});
    for (int c = 0; c < 4; ++c)
        m_evidence->resizeColumnToContents(c);
}

std::pair<std::int64_t, std::int64_t> IncidentWorkspace::visibleSpan() const
{
    if (!m_x)
        return {0, 0};
    return {fromAxis(double(m_x->min().toMSecsSinceEpoch())),
            fromAxis(double(m_x->max().toMSecsSinceEpoch()))};
}

void IncidentWorkspace::setVisibleSpan(std::int64_t fromUs, std::int64_t toUs)
{
    if (!m_x || toUs <= fromUs)
        return;
    m_x->setRange(axisTime(fromUs), axisTime(toUs)); // redraws
}

void IncidentWorkspace::filterEntity(const QString &value)
{
    m_events->setEntity(value);
    m_useFiltered = !value.isEmpty() && m_allEvents;
    if (m_useFiltered) {
        std::vector<IncidentEvent> naming;
        for (const IncidentEvent &e : *m_allEvents)
            if (Models::TimelineEventModel::names(e, value))
                naming.push_back(e);
        m_filtered = Analysis::TimelineIndex(naming);
        // Lanes keep their places.
        Analysis::TimelineIndex placed;
        placed.setLanes(m_index.lanes());
        for (const IncidentEvent &e : naming) {
            const int lane = int(m_index.lanes().indexOf(Analysis::TimelineIndex::laneOf(e)));
            int stage = -1;
            if (e.alert)
                for (const QString &t : e.tactics.split(QLatin1Char(','), Qt::SkipEmptyParts))
                    stage = std::max(stage, Analysis::tacticStage(t.trimmed()));
            placed.add(std::max(lane, 0), e.ts, e.alert, stage);
        }
        placed.finish();
        m_filtered = std::move(placed);
    }
    m_filterLabel->setText(
        value.isEmpty() ? QString()
                        : tr("Showing the events that name %1").arg(Models::inertLine(value, 80)));
    m_clearFilter->setVisible(!value.isEmpty());
    redraw();
}

void IncidentWorkspace::redraw()
{
    if (!m_x || m_redrawing)
        return;
    m_redrawing = true;
    const auto [from, to] = visibleSpan();
    const Analysis::TimelineIndex &index = m_useFiltered ? m_filtered : m_index;
    // A column every few pixels: as fine as the eye can tell apart.
    const int columns = std::max(60, int(m_chart->plotArea().width() / 4));
    const auto marks = index.bucket(from, to, columns);
    QList<QPointF> events;
    std::vector<QList<QPointF>> alerts(m_alertSeries.size());
    for (const auto &m : marks) {
        const double x = toAxis(m.us);
        if (!m.alert) {
            events.append(QPointF(x, m.lane + 0.08));
            continue;
        }
        // Within its lane, a mark rises with its tactic's place in the kill chain: the attack's
        // progress reads from bottom left to top right.
        const int slot = m.stage >= 0 ? m.stage : Analysis::kStages;
        const double offset = 0.18 + 0.72 * double(m.stage + 1) / double(Analysis::kStages + 1);
        alerts[std::size_t(slot)].append(QPointF(x, m.lane + offset));
    }
    m_eventSeries->replace(events);
    for (std::size_t s = 0; s < m_alertSeries.size(); ++s) {
        m_alertSeries[s]->replace(alerts[s]);
        // The legend names only the tactics on screen.
        for (QLegendMarker *marker : m_chart->legend()->markers(m_alertSeries[s]))
            marker->setVisible(!alerts[s].isEmpty());
    }
    for (QLegendMarker *marker : m_chart->legend()->markers(m_eventSeries))
        marker->setVisible(!events.isEmpty());
    // The list below and the brush on the overview follow the span.
    m_events->setRange(from, to);
    if (m_brushUpper) {
        const double top = m_brushUpper->count() ? m_brushUpper->at(0).y() : 1.0;
        m_brushUpper->replace(QList<QPointF>{QPointF(toAxis(from), top), QPointF(toAxis(to), top)});
    }
    m_redrawing = false;
}

int IncidentWorkspace::alertMarks() const
{
    int n = 0;
    for (const QScatterSeries *s : m_alertSeries)
        n += int(s->count());
    return n;
}

int IncidentWorkspace::eventMarks() const
{
    return m_eventSeries ? int(m_eventSeries->count()) : 0;
}

std::vector<std::int64_t> IncidentWorkspace::selectedAlerts() const
{
    std::vector<std::int64_t> ids;
    for (const QTreeWidgetItem *item : m_alertList->selectedItems())
        ids.push_back(item->data(0, Qt::UserRole).toLongLong());
    return ids;
}

void IncidentWorkspace::write(const QString &what, std::function<Result<void>(Store &)> change)
{
    using Done = Result<IncidentSummary>;
    auto *watcher = new QFutureWatcher<Done>(this);
    connect(watcher, &QFutureWatcher<Done>::finished, this, [this, watcher, what] {
        watcher->deleteLater();
        const Done done = watcher->result();
        if (!done) {
            Q_EMIT errorOccurred(tr("%1 failed: %2").arg(what, done.error()));
            return;
        }
        m_incident = *done;
        Q_EMIT changed();
        load();
    });
    const QString path = m_path;
    const qint64 id = m_incident.id;
    watcher->setFuture(QtConcurrent::run([path, id, change]() -> Done {
        auto store = Store::open(path);
        if (!store)
            return Error(store.error());
        if (auto r = change(**store); !r)
            return Error(r.error());
        // The score follows.
        if (auto r = Analysis::correlate(**store); !r)
            return Error(r.error());
        auto list = (*store)->incidents();
        if (!list)
            return Error(list.error());
        for (const IncidentSummary &i : *list)
            if (i.id == id)
                return i;
        return Error(tr("incident #%1 is gone").arg(id));
    }));
}

void IncidentWorkspace::rename()
{
    bool ok = false;
    const QString title = QInputDialog::getText(this,
                                                tr("Rename incident #%1").arg(m_incident.id),
                                                tr("Title (correlation will keep it):"),
                                                QLineEdit::Normal,
                                                m_incident.title,
                                                &ok);
    if (!ok || title.trimmed().isEmpty())
        return;
    const QString actor = qEnvironmentVariable("USER", QStringLiteral("analyst"));
    const qint64 id = m_incident.id;
    write(tr("Renaming"),
          [id, title, actor](Store &s) { return s.renameIncident(id, title, actor); });
}

void IncidentWorkspace::changeSeverity()
{
    bool ok = false;
    const int severity = QInputDialog::getInt(this,
                                              tr("Severity of incident #%1").arg(m_incident.id),
                                              tr("Severity, 0–100 (correlation will keep it):"),
                                              m_incident.severity,
                                              0,
                                              100,
                                              1,
                                              &ok);
    if (!ok)
        return;
    const QString actor = qEnvironmentVariable("USER", QStringLiteral("analyst"));
    const qint64 id = m_incident.id;
    write(tr("Setting the severity"),
          [id, severity, actor](Store &s) { return s.setIncidentSeverity(id, severity, actor); });
}

void IncidentWorkspace::splitSelected()
{
    const auto ids = selectedAlerts();
    if (ids.empty()) {
        Q_EMIT errorOccurred(tr("Select the alerts to split off first."));
        return;
    }
    bool ok = false;
    const QString title
        = QInputDialog::getText(this,
                                tr("Split %n alert(s) off", nullptr, int(ids.size())),
                                tr("Title of the new incident:"),
                                QLineEdit::Normal,
                                tr("Split from incident #%1").arg(m_incident.id),
                                &ok);
    if (!ok || title.trimmed().isEmpty())
        return;
    const QString actor = qEnvironmentVariable("USER", QStringLiteral("analyst"));
    const qint64 id = m_incident.id;
    write(tr("Splitting"), [id, ids, title, actor](Store &s) -> Result<void> {
        auto created = s.splitIncident(id, ids, title, actor);
        if (!created)
            return Error(created.error());
        return {};
    });
}

void IncidentWorkspace::removeSelected()
{
    const auto ids = selectedAlerts();
    if (ids.empty()) {
        Q_EMIT errorOccurred(tr("Select the alerts to take out first."));
        return;
    }
    const QString actor = qEnvironmentVariable("USER", QStringLiteral("analyst"));
    const qint64 id = m_incident.id;
    write(tr("Taking alerts out"), [id, ids, actor](Store &s) -> Result<void> {
        auto removed = s.removeFromIncident(id, ids, actor);
        if (!removed)
            return Error(removed.error());
        return {};
    });
}

namespace {
bool writeText(const QString &path, const QString &text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(text.toUtf8());
    return f.commit();
}
} // namespace

bool IncidentWorkspace::exportTimelinePng(const QString &path) const
{
    // The overview, the lanes and the list as the analyst sees them.
    return m_tabs->widget(1)->grab().save(path, "PNG");
}

bool IncidentWorkspace::exportTimelineCsv(const QString &path) const
{
    return writeText(path, m_events->toCsv());
}

bool IncidentWorkspace::exportScopePng(const QString &path) const
{
    return m_graph->render().save(path, "PNG");
}

bool IncidentWorkspace::exportScopeCsv(const QString &path) const
{
    return writeText(path, m_graph->toCsv());
}

void IncidentWorkspace::exportWithDialog(bool timeline, bool png)
{
    const QString suggested
        = QStringLiteral("incident-%1-%2.%3")
              .arg(m_incident.id)
              .arg(timeline ? QStringLiteral("timeline") : QStringLiteral("scope"))
              .arg(png ? QStringLiteral("png") : QStringLiteral("csv"));
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export"), suggested, png ? tr("PNG images (*.png)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const bool ok = timeline ? (png ? exportTimelinePng(path) : exportTimelineCsv(path))
                             : (png ? exportScopePng(path) : exportScopeCsv(path));
    if (!ok)
        Q_EMIT errorOccurred(tr("Cannot write %1").arg(path));
}

bool IncidentWorkspace::eventFilter(QObject *watched, QEvent *event)
{
    // The overview histogram: dragging brushes the span the timeline shows.
    if (watched == m_histogramView->viewport() && m_histogramX) {
        auto valueAt = [this](QMouseEvent *e) {
            const QPointF v = m_histogramChart->mapToValue(
                m_histogramView->mapToScene(e->position().toPoint()));
            return fromAxis(v.x());
        };
        switch (event->type()) {
        case QEvent::MouseButtonPress:
            m_brushing = true;
            m_brushStartUs = valueAt(static_cast<QMouseEvent *>(event));
            return true;
        case QEvent::MouseMove:
        case QEvent::MouseButtonRelease: {
            if (!m_brushing)
                break;
            const std::int64_t at = valueAt(static_cast<QMouseEvent *>(event));
            if (event->type() == QEvent::MouseButtonRelease)
                m_brushing = false;
            std::int64_t a = std::min<std::int64_t>(m_brushStartUs, at);
            std::int64_t b = std::max<std::int64_t>(m_brushStartUs, at);
            if (b - a < 1000000 && event->type() == QEvent::MouseButtonRelease) {
                // A click: the same width, centred there.
                const auto [from, to] = visibleSpan();
                a = at - (to - from) / 2;
                b = a + (to - from);
            }
            if (b > a)
                setVisibleSpan(a, b);
            return true;
        }
        default:
            break;
        }
    }
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_chart->zoom(1.5);
            return true;
        case Qt::Key_Minus:
            m_chart->zoom(1 / 1.5);
            return true;
        case Qt::Key_Left:
            m_chart->scroll(-m_chart->plotArea().width() / 5, 0);
            return true;
        case Qt::Key_Right:
            m_chart->scroll(m_chart->plotArea().width() / 5, 0);
            return true;
        case Qt::Key_0: {
            const std::int64_t first = m_index.firstUs(), last = m_index.lastUs();
            const std::int64_t pad = std::max<std::int64_t>(1000000, (last - first) / 20);
            setVisibleSpan(first - pad, last + pad);
            return true;
        }
        default:
            break;
        }
    }
    if (watched == m_view && event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        m_chart->zoom(wheel->angleDelta().y() > 0 ? 1.25 : 0.8);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Vigie::Widgets
