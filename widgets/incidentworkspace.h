// SPDX-License-Identifier: Apache-2.0
// An incident opened:
//  - Overview: what, where, who, how far it went, and every alert with why it is in the incident;
//    the analyst renames it, sets its severity, splits alerts off into a new incident or takes
//    them out (correlation keeps those choices).
//  - Timeline: an overview histogram of the whole store with the incident's span highlighted (drag
//    on it to brush a span), one lane per host with events as small marks and alerts as large ones
//    coloured by ATT&CK tactic; zoom with the wheel, a rubber band, +/- and the arrows; the list
//    below shows the events of the span on screen. Marks are counted per column from a sorted
//    index, so a zoom step over a million events redraws in milliseconds.
//  - Scope: the entity graph (click an entity to filter the timeline) beside tables of the
//    hosts, accounts and indicators with first and last seen.
//  - Root cause: how the attack got in (the entry vector, its confidence and the reasoning), and
//    the causal chain from the root as an indented tree — each step with its time, host, process,
//    technique and why it is there; the hosts' other activity collapsed below; a step's evidence
//    events listed when it is selected.
// Timeline and scope export as PNG and CSV. Everything is read on a worker thread.
#pragma once

#include "core/analysis/rca.h"
#include "core/analysis/scope.h"
#include "core/analysis/timeline.h"
#include "core/store/store.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QTreeWidget;

class QChart;
class QChartView;
class QDateTimeAxis;
class QScatterSeries;
class QAreaSeries;
class QLineSeries;

namespace Vigie::Models {
class TimelineEventModel;
}

namespace Vigie::Widgets {

class ResponsePanel;
class ScopeGraphView;

class IncidentWorkspace : public QWidget
{
    Q_OBJECT
public:
    IncidentWorkspace(const QString &storePath,
                      const IncidentSummary &incident,
                      QWidget *parent = nullptr);
    ~IncidentWorkspace() override;

    qint64 incidentId() const { return m_incident.id; }
    bool isLoaded() const { return m_loaded; }
    QChart *timeline() const { return m_chart; }
    QChart *overviewHistogram() const { return m_histogramChart; }
    QTreeWidget *scope() const { return m_scope; }
    QTreeWidget *alertList() const { return m_alertList; }
    ScopeGraphView *scopeGraph() const { return m_graph; }
    Models::TimelineEventModel *eventModel() const { return m_events; }
    QTabWidget *tabs() const { return m_tabs; }
    // The Response tab: playbooks, runs, the audit trail, the toolkit.
    ResponsePanel *response() const { return m_response; }
    // The Root cause tab: the chain as an indented tree, the steps' evidence below it.
    bool isRootCauseLoaded() const { return m_rcaLoaded; }
    QTreeWidget *rootCauseTree() const { return m_rcaTree; }
    QString rootCauseText() const;
    QTreeWidget *evidenceList() const { return m_evidence; }
    // The Report tab: a preview of the report in the chosen language, and its export (PDF, HTML,
    // Markdown), each export's SHA-256 recorded in the history.
    // The preview shows the PDF's own pages (same layout, as images) or the text; both are
    // written on a worker.
    QString reportPreviewText() const;
    int reportPageCount() const { return m_reportPageCount; }
    bool isReportLoaded() const { return m_reportLoaded; }
    void setReportLanguage(const QString &lang);
    // The report template (empty: the bundled one), remembered in the settings.
    void setReportTemplate(const QString &path);
    QString reportTemplate() const { return m_reportTemplate; }
    // Writes the report (format from the extension); emits reportWritten or errorOccurred.
    void exportReport(const QString &path);
    QString overviewText() const;
    // The timeline's visible span, in microseconds since the epoch.
    std::pair<std::int64_t, std::int64_t> visibleSpan() const;
    void setVisibleSpan(std::int64_t fromUs, std::int64_t toUs);
    // Shows only the events that name this entity (empty: all).
    void filterEntity(const QString &value);
    // Marks drawn in the alert series / the telemetry series.
    int alertMarks() const;
    int eventMarks() const;

    bool exportTimelinePng(const QString &path) const;
    bool exportTimelineCsv(const QString &path) const;
    bool exportScopePng(const QString &path) const;
    bool exportScopeCsv(const QString &path) const;

Q_SIGNALS:
    void showAlerts(const QString &filter);
    void loaded();
    void reportWritten(const QString &path, const QString &sha256);
    // The analyst changed the incident (the list should follow).
    void changed();
    void errorOccurred(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Data;
    void load();
    void fill(const Data &data);
    void fillOverview(const std::vector<IncidentAlert> &alerts);
    void fillScope(const Analysis::ScopeGraph &graph);
    void loadRootCause();
    void loadReport();
    void fillRootCause(const Analysis::RcaResult &r);
    void showEvidence(const std::vector<std::int64_t> &ids);
    void redraw();
    void rename();
    void changeSeverity();
    void splitSelected();
    void removeSelected();
    void exportWithDialog(bool timeline, bool png);
    std::vector<std::int64_t> selectedAlerts() const;
    void write(const QString &what, std::function<Result<void>(Store &)> change);

    QString m_path;
    IncidentSummary m_incident;
    QLabel *m_title;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_overview;
    QTreeWidget *m_alertList;
    QChart *m_chart;
    QChartView *m_view;
    QDateTimeAxis *m_x = nullptr;
    QScatterSeries *m_eventSeries = nullptr;
    std::vector<QScatterSeries *> m_alertSeries; // one per stage, and "no tactic" last
    QChart *m_histogramChart;
    QChartView *m_histogramView;
    QAreaSeries *m_brushArea = nullptr;
    QLineSeries *m_brushUpper = nullptr;
    QDateTimeAxis *m_histogramX = nullptr;
    bool m_brushing = false;
    qint64 m_brushStartUs = 0;
    QLabel *m_filterLabel;
    QPushButton *m_clearFilter;
    QTableView *m_eventTable;
    Models::TimelineEventModel *m_events;
    QTreeWidget *m_scope;
    ScopeGraphView *m_graph;
    std::shared_ptr<const std::vector<IncidentEvent>> m_allEvents;
    Analysis::TimelineIndex m_index;    // every event
    Analysis::TimelineIndex m_filtered; // those naming the entity filtered on
    bool m_useFiltered = false;
    QLabel *m_rcaSummary;
    QTreeWidget *m_rcaTree;
    QTreeWidget *m_evidence;
    bool m_rcaLoaded = false;
    QTextBrowser *m_reportView = nullptr;
    QStackedWidget *m_reportStack = nullptr;
    QScrollArea *m_reportPages = nullptr;
    QLabel *m_reportTemplateLabel = nullptr;
    QString m_reportLang = QStringLiteral("en");
    QString m_reportTemplate;
    double m_reportZoom = 1.0;
    int m_reportPageCount = 0;
    int m_reportGeneration = 0; // a newer preview request makes older results stale
    bool m_reportLoaded = false;
    ResponsePanel *m_response = nullptr;
    bool m_loaded = false;
    bool m_redrawing = false;
};

} // namespace Vigie::Widgets
