// SPDX-License-Identifier: Apache-2.0
// Timeline benchmark: an incident whose span holds 1,000,000 events on 8 hosts (synthetic Sysmon-
// like telemetry, one alert in 499 at an ATT&CK stage), opened in the real IncidentWorkspace
// offscreen. Measures the load on the worker (events read, sorted index and scope graph built),
// then each zoom step — in, in, in, out, out, pan, whole — from the axis change to the chart
// painted into an image: the bucketing of a million events into columns, the series refilled,
// the list under the chart re-ranged and the paint.
// Usage: bench_timeline [--events N] [--work DIR]
#include "core/analysis/correlation.h"
#include "core/analysis/scope.h"
#include "core/analysis/timeline.h"
#include "core/store/store.h"
#include "models/timelineeventmodel.h"
#include "widgets/incidentworkspace.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QTabWidget>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace Vigie;

namespace {

bool build(const QString &path, int events)
{
    auto store = Store::open(path);
    if (!store)
        return false;
    (*store)->beginBulkLoad();
    const std::int64_t base = 1700000000LL * 1000000;
    const std::int64_t span = 24LL * 3600 * 1000000; // a day
    static const char *const kTechniques[] = {"T1059.001",
                                              "T1003.001",
                                              "T1021.002",
                                              "T1547.001",
                                              "T1071.001",
                                              "T1566.001",
                                              "T1055",
                                              "T1041"};
    static const char *const kTactics[]
        = {"TA0002", "TA0006", "TA0008", "TA0003", "TA0011", "TA0001", "TA0004", "TA0010"};
    IngestBatch batch;
    for (int i = 0; i < events; ++i) {
        Event e;
        const bool alert = i % 499 == 0; // on every host in turn
        e.kind = alert ? EventKind::Alert : EventKind::Event;
        e.format = Format::WindowsHelk;
        e.dataset = "windows.sysmon_operational";
        e.code = i % 3 == 0 ? 1 : i % 3 == 1 ? 3 : 11;
        e.timestampUs = base + std::int64_t(double(i) / events * span);
        e.hostName = "WS-" + std::to_string(i % 8) + ".corp.local";
        e.userName = "user" + std::to_string(i % 5);
        e.processName = i % 7 == 0 ? "powershell.exe" : "svchost.exe";
        e.processEntityId = "{p-" + std::to_string(i % 20000) + "}";
        e.parentEntityId = "{p-" + std::to_string((i + 1) % 20000) + "}";
        e.processCommandLine
            = "C:\\Windows\\system32\\svchost.exe -k netsvcs -p " + std::to_string(i);
        e.destinationIp = "203.0.113." + std::to_string(i % 200);
        e.sourceIp = "10.0.0." + std::to_string(i % 8 + 1);
        if (alert) {
            e.severity = 60 + i % 40;
            e.ruleName = "Synthetic detection " + std::to_string(i % 13);
            e.techniqueIds = kTechniques[(i / 499) % 8];
            e.tacticIds = kTactics[(i / 499) % 8];
        }
        batch.events.push_back(std::move(e));
        batch.identities.push_back(std::uint64_t(i) + 1);
        batch.raw.push_back({});
        if (batch.events.size() == 8192 || i == events - 1) {
            if (!(*store)->writeBatch(batch))
                return false;
            batch.clear();
        }
    }
    if (!(*store)->endBulkLoad())
        return false;
    if (!Analysis::correlate(**store))
        return false;
    // One incident over every host and the whole day, as an analyst would merge them.
    auto list = (*store)->incidents();
    if (!list || list->empty())
        return false;
    std::vector<std::int64_t> others;
    for (std::size_t i = 1; i < list->size(); ++i)
        others.push_back((*list)[i].id);
    if (!others.empty()
        && !(*store)->mergeIncidents(list->front().id, others, QStringLiteral("bench")))
        return false;
    return bool(Analysis::correlate(**store));
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    int events = 1000000;
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--events") && i + 1 < args.size())
            events = args[++i].toInt();
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
    }
    QDir().mkpath(work);
    const QString path = work + QStringLiteral("/timeline-v3-%1.db").arg(events);
    if (!QFile::exists(path)) {
        QElapsedTimer t;
        t.start();
        if (!build(path, events)) {
            std::fprintf(stderr, "cannot build %s\n", qPrintable(path));
            QFile::remove(path);
            return 1;
        }
        std::printf("built %s (%d events) in %.1f s\n", qPrintable(path), events, ms(t) / 1000);
    }
    IncidentSummary incident;
    {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return 1;
        // The incident with the most alerts: it spans every host and the whole day.
        auto list = (*store)->incidents();
        if (!list || list->empty())
            return 1;
        incident = *std::max_element(list->begin(), list->end(), [](const auto &a, const auto &b) {
            return a.alertCount < b.alertCount;
        });
    }

    // The worker's parts, one by one.
    {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        QElapsedTimer t;
        t.start();
        auto events = (*store)->incidentEvents(incident.id);
        const double read = ms(t);
        t.restart();
        const Analysis::TimelineIndex index(events->first);
        const double indexed = ms(t);
        t.restart();
        const auto graph = Analysis::buildScope(events->first, *(*store)->hostAddresses());
        const double scoped = ms(t);
        t.restart();
        const auto marks = index.bucket(index.firstUs(), index.lastUs() + 1, 300);
        std::printf("worker: read %zu events %.0f ms, index %.0f ms, scope graph (%zu nodes) %.0f "
                    "ms; one bucketing into 300 columns %.2f ms (%zu marks)\n",
                    events->first.size(),
                    read,
                    indexed,
                    graph.nodes.size(),
                    scoped,
                    ms(t),
                    marks.size());
    }
    Widgets::IncidentWorkspace workspace(path, incident);
    workspace.resize(1400, 900);
    workspace.show();
    QElapsedTimer t;
    t.start();
    QSignalSpy loaded(&workspace, &Widgets::IncidentWorkspace::loaded);
    if (!loaded.wait(600000))
        return 1;
    std::printf("incident #%lld: %lld alerts; loaded %d events (worker: read, index, scope) in "
                "%.0f ms\n",
                qlonglong(incident.id),
                qlonglong(incident.alertCount),
                workspace.eventModel()->rowCount(),
                ms(t));
    workspace.tabs()->setCurrentIndex(1);
    app.processEvents();
    QChart *chart = workspace.timeline();
    auto *view = workspace.findChild<QChartView *>(QStringLiteral("incidentTimeline"));
    QImage image(view->size(), QImage::Format_ARGB32_Premultiplied);
    struct Step
    {
        const char *name;
        std::function<void()> apply;
    };
    const std::vector<Step> steps{
        {"whole incident",
         [&] {
             const auto [from, to] = workspace.visibleSpan();
             workspace.setVisibleSpan(from, to + 1);
         }},
        {"zoom in ×1.5",
         [&] {
             chart->zoom(1.5);
         }},
        {"zoom in ×1.5",
         [&] {
             chart->zoom(1.5);
         }},
        {"zoom in ×4",
         [&] {
             chart->zoom(4);
         }},
        {"pan right",
         [&] {
             chart->scroll(chart->plotArea().width() / 5, 0);
         }},
        {"zoom out ×1.5",
         [&] {
             chart->zoom(1 / 1.5);
         }},
        {"zoom out ×4",
         [&] {
             chart->zoom(0.25);
         }},
    };
    double worst = 0;
    for (int round = 0; round < 3; ++round)
        for (const Step &s : steps) {
            QElapsedTimer step;
            step.start();
            s.apply(); // the axis changes: the marks are re-bucketed, the list re-ranged
            image.fill(Qt::white);
            QPainter painter(&image);
            view->render(&painter); // and the chart painted
            painter.end();
            const double took = ms(step);
            worst = std::max(worst, took);
            if (round == 2)
                std::printf("  %-16s %6.1f ms  (%d event marks, %d alert marks, %d rows listed)\n",
                            s.name,
                            took,
                            workspace.eventMarks(),
                            workspace.alertMarks(),
                            workspace.eventModel()->rowCount());
        }
    std::printf("worst zoom step over 3 rounds: %.1f ms\n", worst);
    return 0;
}
