// SPDX-License-Identifier: Apache-2.0
// Connector benchmark: the replay sensor serves the 1M-record EVE file over TLS on loopback (in
// this process, its own thread) and the WebSocket and Elasticsearch _search connectors pull it into
// a fresh store through the ConnectorManager, with the workbench window open on that store (as in
// `vigie demo`: its queue refreshes while events arrive). A 10 ms timer on the GUI thread measures
// its worst stall. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
// Usage: bench_connectors [--copies N] [--work DIR] [--only ws|search]
#include "benchdata.h"
#include "connectors/connectormanager.h"
#include "connectors/replaysensor.h"
#include "widgets/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTimer>

#include <cstdio>

using namespace Vigie;
using namespace Vigie::Connectors;

namespace {

struct Run
{
    double seconds = 0;
    qint64 accepted = 0;
    qint64 maxStallMs = 0;
    double writerSeconds = 0;
    QString health;
};

Run pull(const ReplaySensor &sensor, const QString &work, const QString &kind)
{
    const QString db = work + QStringLiteral("/bench-%1.db").arg(kind);
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(db + QString::fromLatin1(suffix));
    Run run;
    ConnectorManager manager(db);
    if (auto r = manager.open(); !r) {
        std::fprintf(stderr, "%s\n", qPrintable(r.error()));
        return run;
    }
    QJsonObject cfg{{QStringLiteral("pin"), sensor.certificatePin()}};
    if (kind == QLatin1String("ws")) {
        cfg.insert(QStringLiteral("url"),
                   QString(sensor.baseUrl(QStringLiteral("wss")) + QStringLiteral("/stream")));
        cfg.insert(QStringLiteral("idleSeconds"), 1.0);
    } else {
        cfg.insert(QStringLiteral("url"), sensor.baseUrl());
        cfg.insert(QStringLiteral("index"), QStringLiteral("*"));
        cfg.insert(QStringLiteral("pageSize"),
                   qEnvironmentVariableIntValue("VIGIE_BENCH_PAGE") > 0
                       ? qEnvironmentVariableIntValue("VIGIE_BENCH_PAGE")
                       : 5000);
    }
    Widgets::MainWindow window(db);
    window.setConnectorManager(&manager);
    window.show();
    ConnectorRecord rec;
    rec.name = kind;
    rec.kind
        = kind == QLatin1String("ws") ? QStringLiteral("websocket") : QStringLiteral("elastic");
    rec.config = QJsonDocument(cfg).toJson();
    manager.configStore()->saveConnector(rec);

    // The stall probe: how late does a 10 ms timer fire on this thread?
    QElapsedTimer tick;
    QTimer probe;
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (tick.isValid())
            run.maxStallMs = std::max(run.maxStallMs, tick.elapsed() - 10);
        tick.restart();
    });
    probe.start();
    QSignalSpy done(&manager, &ConnectorManager::finished);
    QElapsedTimer t;
    t.start();
    manager.start(kind, false);
    done.wait(600000);
    run.seconds = t.elapsed() / 1e3;
    const auto st = manager.status(kind);
    run.accepted = st.accepted;
    run.health = healthName(st.health)
                 + (st.lastError.isEmpty() ? QString() : QStringLiteral(" ") + st.lastError);
    // Without follow, a WebSocket pull ends after idleSeconds of quiet: not part of the transfer.
    if (kind == QLatin1String("ws"))
        run.seconds -= 1.0;
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    int copies = 200;
    QString only;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--copies") && i + 1 < args.size())
            copies = args[++i].toInt();
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
        else if (args[i] == QLatin1String("--only") && i + 1 < args.size())
            only = args[++i];
    }
    const QString input = VigieBench::eveBenchFile(
        QStringLiteral(VIGIE_SOURCE_DIR "/resources/demo/network/suricata_eve.json"), work, copies);
    if (input.isEmpty())
        return 1;
    SensorOptions o;
    o.data = {input};
    o.selfSigned = true;
    o.wsBatch = 500;
    QElapsedTimer load;
    load.start();
    auto sensor = ReplaySensor::start(o);
    if (!sensor) {
        std::fprintf(stderr, "%s\n", qPrintable(sensor.error()));
        return 1;
    }
    std::printf("sensor           %lld documents loaded in %.1f s, TLS on %s\n",
                static_cast<long long>((*sensor)->documentCount()),
                load.elapsed() / 1e3,
                qPrintable((*sensor)->baseUrl()));
    for (const QString &kind : {QStringLiteral("ws"), QStringLiteral("search")}) {
        if (!only.isEmpty() && only != kind)
            continue;
        const Run r = pull(**sensor, work, kind);
        std::printf(
            "%-16s %lld events in %.2f s = %.0f events/s; main-thread stall max %lld ms; %s\n",
            kind == QLatin1String("ws") ? "websocket" : "_search paging",
            static_cast<long long>(r.accepted),
            r.seconds,
            r.accepted / std::max(r.seconds, 1e-3),
            static_cast<long long>(r.maxStallMs),
            qPrintable(r.health));
    }
    return 0;
}
