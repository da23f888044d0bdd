// SPDX-License-Identifier: Apache-2.0
// Queue benchmark: a store holding 1,000,000 alerts (synthetic: 60 rules, 400 hosts, 5,000 source
// addresses, real-looking rule names), then what the analyst waits for: the queue's first page,
// each filter change, each grouping, counting "all matching", closing every alert of a search,
// and paging to 20,000 rows with the worst event-loop stall.
// Usage: bench_queue [--alerts N] [--work DIR]
#include "core/store/store.h"
#include "models/alerttablemodel.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>

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
    const QString path = work + QStringLiteral("/queue-%1.db").arg(alerts);
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
    waitLoaded();
    std::printf("first page       %.1f ms (%d rows)\n", ms(t), model.rowCount());

    auto timeFilter = [&](const char *what, const AlertQuery &q) {
        QElapsedTimer f;
        f.start();
        model.setFilter(q);
        waitLoaded();
        std::printf(
            "filter %-10s %.1f ms (%d rows on the first page)\n", what, ms(f), model.rowCount());
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

    // Scrolling: page in 20,000 rows as a view would, watching the event loop.
    model.setFilter(AlertQuery());
    waitLoaded();
    worst = 0;
    QElapsedTimer s;
    s.start();
    while (model.rowCount() < 20000 && s.elapsed() < 60000) {
        if (model.canFetchMore({}))
            model.fetchMore({});
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    std::printf("scroll 20k rows  %.1f ms; event loop stall max %lld ms\n",
                ms(s),
                static_cast<long long>(worst));
    return 0;
}
