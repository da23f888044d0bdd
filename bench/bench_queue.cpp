// SPDX-License-Identifier: Apache-2.0
// Queue benchmark: a store holding 1,000,000 alerts (synthetic: 60 rules, 400 hosts, 300 users,
// 5,000 source addresses, real-looking rule names), then what the analyst waits for: the queue's
// first page and its count, each filter change, each sort, each grouping, counting "all
// matching", closing every alert of a search, jumping to the end, scrolling through 100,000 rows
// (worst event-loop stall, memory before and after) and live insertion of new alerts.
// Usage: bench_queue [--alerts N] [--work DIR]
#include "core/store/store.h"
#include "models/alerttablemodel.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>
#include <fstream>

using namespace Vigie;

namespace {

const char *const kRules[] = {"ET SCAN Suspicious inbound to MSSQL port 1433",
                              "ET SCAN Suspicious inbound to PostgreSQL port 5432",
                              "ET CINS Active Threat Intelligence Poor Reputation IP group",
                              "ET DROP Dshield Block Listed Source group",
                              "ET POLICY curl User-Agent Outbound",
                              "Suspicious PowerShell download cradle",
                              "Mimikatz credential dumping",
                              "Lateral movement via PsExec service",
                              "sshd: authentication failed",
                              "Windows logon failure"};

bool build(const QString &path, int alerts)
{
    auto store = Store::open(path);
    if (!store)
        return false;
    (*store)->beginBulkLoad();
    const std::int64_t base = 1700000000LL * 1000000;
    IngestBatch batch;
    for (int i = 0; i < alerts; ++i) {
        Event e;
        e.kind = EventKind::Alert;
        e.format = Format::SuricataEve;
        e.dataset = "suricata.eve";
        e.timestampUs = base + std::int64_t(i) * 30000000LL / 1000; // 30 ms apart
        e.severity = (i * 7) % 100;
        e.ruleName = std::string(kRules[i % 10]) + ' ' + std::to_string(i % 6);
        e.hostName = "host-" + std::to_string(i % 400);
        e.sourceIp = "10." + std::to_string(i % 50) + '.' + std::to_string(i % 100) + ".1";
        e.destinationIp = "192.168.1." + std::to_string(i % 250);
        e.userName = "user-" + std::to_string(i % 300);
        static const char *const kTechniques[]
            = {"T1046", "T1059.001", "T1003.001", "T1021.002", "T1110", ""};
        e.techniqueIds = kTechniques[i % 6];
        batch.events.push_back(std::move(e));
        batch.identities.push_back(std::uint64_t(i) + 1);
        batch.raw.push_back({});
        if (batch.events.size() == 8192 || i == alerts - 1) {
            if (!(*store)->writeBatch(batch))
                return false;
            batch.clear();
        }
    }
    return bool((*store)->endBulkLoad());
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

// Resident memory, in MiB.
double rssMiB()
{
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4096.0 / (1024 * 1024);
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QStringList args = app.arguments();
    int alerts = 1000000;
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--alerts") && i + 1 < args.size())
            alerts = args[++i].toInt();
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
    }
    QDir().mkpath(work);
    const QString path = work + QStringLiteral("/queue-v4-%1.db").arg(alerts);
    if (!QFile::exists(path)) {
        QElapsedTimer t;
        t.start();
        if (!build(path, alerts)) {
            std::fprintf(stderr, "cannot build %s\n", qPrintable(path));
            return 1;
        }
        std::printf("store            %d alerts written in %.1f s\n", alerts, ms(t) / 1e3);
    }

    // The event loop's worst stall while the model works.
    qint64 worst = 0;
    QElapsedTimer tick;
    QTimer probe;
    probe.setInterval(5);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (tick.isValid())
            worst = std::max(worst, tick.elapsed() - 5);
        tick.restart();
    });
    probe.start();

    Models::AlertTableModel model(path);
    QElapsedTimer t;
    t.start();
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy loading(&model, &Models::AlertTableModel::loadingChanged);
    // Done when the model has stopped loading (an empty result is a result too).
    auto waitLoaded = [&] {
        QCoreApplication::processEvents();
        while (model.isLoading()) {
            if (!loading.wait(10000))
                break;
        }
    };
    while (model.rowCount() == 0 && t.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    std::printf("first page       %.1f ms (%d rows)\n", ms(t), model.rowCount());
    waitLoaded();
    std::printf("and its count    %.1f ms (%d rows)\n", ms(t), model.rowCount());

    auto timeFilter = [&](const char *what, const AlertQuery &q) {
        QElapsedTimer f;
        f.start();
        model.setFilter(q);
        while (model.rowCount() == 0 && model.isLoading())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        const double first = ms(f);
        waitLoaded();
        std::printf("filter %-10s %.1f ms first page, %.1f ms counted (%d rows)\n",
                    what,
                    first,
                    ms(f),
                    model.rowCount());
    };
    AlertQuery q;
    q.search = QStringLiteral("MSSQL");
    timeFilter("search", q);
    q = AlertQuery();
    q.minSeverity = 73;
    timeFilter("severity", q);
    q = AlertQuery();
    q.host = QStringLiteral("host-17");
    timeFilter("host", q);
    q = AlertQuery();
    q.status = AlertStatus::Closed;
    timeFilter("status", q);
    q = AlertQuery();
    q.search = QStringLiteral("Mimikatz");
    q.minSeverity = 47;
    timeFilter("combined", q);

    const auto now = 1700000000LL * 1000000 + std::int64_t(alerts) * 30000;
    for (const char *text : {"technique:T1059",
                             "user:user-17",
                             "since:1h",
                             "host:host-3 technique:T1046 severity:high"}) {
        auto parsed = AlertQuery::parse(QString::fromLatin1(text), now);
        QElapsedTimer f;
        f.start();
        model.setFilter(*parsed);
        while (model.rowCount() == 0 && model.isLoading())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        const double first = ms(f);
        waitLoaded();
        std::printf("filter %-44s %.1f ms first page, %.1f ms counted (%d rows)\n",
                    text,
                    first,
                    ms(f),
                    model.rowCount());
    }
    model.setFilter(AlertQuery());
    waitLoaded();
    for (int column = 0; column < Models::AlertTableModel::ColumnCount; ++column) {
        for (const auto order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            QElapsedTimer f;
            f.start();
            model.sort(column, order);
            while (model.rowCount() == 0 && model.isLoading())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            const double first = ms(f);
            waitLoaded();
            std::printf(
                "sort %-18s %-4s %.1f ms first page, %.1f ms counted\n",
                qPrintable(model.headerData(column, Qt::Horizontal, Qt::DisplayRole).toString()),
                order == Qt::AscendingOrder ? "asc" : "desc",
                first,
                ms(f));
        }
    }
    model.sort(Models::AlertTableModel::TimeColumn, Qt::DescendingOrder);
    waitLoaded();

    auto store = Store::open(path);
    for (const auto &[name, by] : {std::pair{"rule", AlertGrouping::Rule},
                                   std::pair{"host", AlertGrouping::Host},
                                   std::pair{"flow", AlertGrouping::Flow}}) {
        QElapsedTimer g;
        g.start();
        const auto groups = (*store)->alertGroups(AlertQuery(), by);
        std::printf(
            "group by %-6s   %.1f ms (%zu groups)\n", name, ms(g), groups ? groups->size() : 0);
    }
    AlertQuery scans;
    scans.search = QStringLiteral("MSSQL");
    QElapsedTimer c;
    c.start();
    const auto n = (*store)->countAlerts(scans);
    std::printf(
        "count matching   %.1f ms (%lld alerts)\n", ms(c), static_cast<long long>(n ? *n : 0));
    TriageChange close;
    close.action = QStringLiteral("close");
    close.status = AlertStatus::Closed;
    close.disposition = QStringLiteral("false_positive");
    c.restart();
    const auto entry = (*store)->triage(QStringLiteral("bench"), close, scans);
    std::printf("close matching   %.1f ms\n", ms(c));
    c.restart();
    if (entry)
        (*store)->undoTriage(*entry, QStringLiteral("bench"));
    std::printf("undo it          %.1f ms\n", ms(c));

    // Asks for a row as a view painting it would, and waits until it is loaded.
    auto show = [&](int row) {
        while (!model.alertAt(row)) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        }
    };
    model.setFilter(AlertQuery());
    waitLoaded();
    worst = 0;
    QElapsedTimer j;
    j.start();
    show(model.rowCount() - 1);
    std::printf("jump to the end  %.1f ms (row %d); event loop stall max %lld ms\n",
                ms(j),
                model.rowCount() - 1,
                static_cast<long long>(worst));
    j.restart();
    show(model.rowCount() / 2);
    std::printf("jump to middle   %.1f ms\n", ms(j));

    // Scrolling: 100,000 rows a screen (40 rows) at a time, as a view would, watching the event
    // loop and the memory.
    model.setFilter(AlertQuery());
    waitLoaded();
    const double before = rssMiB();
    worst = 0;
    QElapsedTimer s;
    s.start();
    for (int row = 0; row < std::min(100000, model.rowCount()); row += 40)
        show(row);
    std::printf("scroll 100k rows %.1f ms; event loop stall max %lld ms; memory %.0f -> %.0f MiB; "
                "%d rows held\n",
                ms(s),
                static_cast<long long>(worst),
                before,
                rssMiB(),
                model.cachedRowCount());

    // Live insertion: 1,000 new alerts join the queue in place.
    {
        IngestBatch batch;
        for (int i = 0; i < 1000; ++i) {
            Event e;
            e.kind = EventKind::Alert;
            e.format = Format::SuricataEve;
            e.timestampUs = now + std::int64_t(i) * 1000;
            e.severity = 80;
            e.ruleName = "ET EXPLOIT live";
            e.hostName = "host-live";
            batch.events.push_back(std::move(e));
            batch.identities.push_back(std::uint64_t(alerts) + 1000000 + i
                                       + std::uint64_t(QDateTime::currentMSecsSinceEpoch())
                                             * 10000);
            batch.raw.push_back({});
        }
        (*store)->writeBatch(batch);
        const int rowsBefore = model.rowCount();
        QSignalSpy live(&model, &Models::AlertTableModel::alertsInserted);
        QElapsedTimer l;
        l.start();
        model.insertNewAlerts();
        live.wait(10000);
        std::printf("live insert 1000 %.1f ms (%d -> %d rows, no reset)\n",
                    ms(l),
                    rowsBefore,
                    model.rowCount());
    }
    return 0;
}
