// SPDX-License-Identifier: Apache-2.0
// Root-cause analysis benchmark: the Empire PsExec lateral movement (the real OTRF events, Sigma
// on ingest, correlated) buried in 1,000,000 synthetic Sysmon events on the same two workstations
// and six others, over the same day — process starts with parents, connections, file writes,
// registry writes, image loads. Times the analysis of the attack's incident (loading its events
// a day either side, building the causal graph, walking back, explaining) and checks that the
// answer has not changed: remote_service, through the service Updater.
// Usage: bench_rca [--events N] [--work DIR]
#include "core/analysis/correlation.h"
#include "core/analysis/rca.h"
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <random>

using namespace Vigie;

namespace {

bool build(const QString &path, int events)
{
    auto store = Store::open(path);
    if (!store)
        return false;
    {
        Importer importer(**store);
        if (!importer.begin())
            return false;
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        importer.importFile(
            QStringLiteral(VIGIE_SOURCE_DIR
                           "/resources/demo/endpoint/otrf_empire_psexec_lateral.ndjson"),
            options);
        if (!importer.finish())
            return false;
    }
    // The attack happened at 2020-09-20 16:17 UTC: the noise covers that day.
    const std::int64_t day = 1600560000LL * 1000000; // 2020-09-20 00:00 UTC
    std::mt19937_64 rng(42);
    static const char *const kImages[]
        = {"C:\\Windows\\System32\\svchost.exe",
           "C:\\Windows\\System32\\conhost.exe",
           "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
           "C:\\Windows\\System32\\backgroundTaskHost.exe",
           "C:\\Windows\\System32\\RuntimeBroker.exe",
           "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
           "C:\\Windows\\System32\\cmd.exe",
           "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE"};
    IngestBatch batch;
    std::vector<std::string> recent(64);
    for (int i = 0; i < events; ++i) {
        Event e;
        e.kind = EventKind::Event;
        e.format = Format::WindowsHelk;
        e.dataset = "windows.sysmon_operational";
        const int kind = int(rng() % 10);
        e.code = kind < 3 ? 1 : kind < 5 ? 3 : kind < 7 ? 7 : kind < 8 ? 11 : kind < 9 ? 13 : 10;
        e.timestampUs = day + std::int64_t(rng() % (24ULL * 3600 * 1000000));
        const int host = int(rng() % 8);
        e.hostName = host == 0   ? "WORKSTATION5.theshire.local"
                     : host == 1 ? "WORKSTATION6.theshire.local"
                                 : "WS-" + std::to_string(host) + ".theshire.local";
        e.userName = "THESHIRE\\user" + std::to_string(rng() % 40);
        const std::string image = kImages[rng() % 8];
        e.processExecutable = image;
        e.processName = image.substr(image.rfind('\\') + 1);
        e.processEntityId = "{noise-" + std::to_string(i) + "}";
        e.processPid = std::int64_t(rng() % 30000);
        e.parentEntityId = recent[rng() % recent.size()];
        e.parentExecutable = kImages[rng() % 8];
        if (e.code == 1) {
            e.processCommandLine = image + " --type=renderer --field-trial " + std::to_string(i);
            recent[std::size_t(i) % recent.size()] = e.processEntityId;
        } else if (e.code == 3) {
            e.sourceIp = host == 0 ? "172.18.39.5" : host == 1 ? "172.18.39.6" : "172.18.39.10";
            e.destinationIp
                = "52.96." + std::to_string(rng() % 256) + '.' + std::to_string(rng() % 256);
            e.destinationPort = 443;
        } else if (e.code == 11) {
            e.filePath = "C:\\Users\\user\\AppData\\Local\\Temp\\tmp" + std::to_string(i) + ".tmp";
        } else if (e.code == 13) {
            e.registryPath
                = "HKU\\S-1-5-21\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\"
                  + std::to_string(i % 100);
        } else if (e.code == 7) {
            e.filePath = "C:\\Windows\\System32\\ntdll.dll";
        }
        batch.events.push_back(std::move(e));
        batch.identities.push_back(0x8000000000000000ULL + std::uint64_t(i));
        batch.raw.push_back({});
        if (batch.events.size() == 8192 || i == events - 1) {
            if (!(*store)->writeBatch(batch))
                return false;
            batch.clear();
        }
    }
    return bool(Analysis::correlate(**store, true));
}

double ms(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
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
    const QString path = work + QStringLiteral("/rca-v1-%1.db").arg(events);
    if (!QFile::exists(path)) {
        QElapsedTimer t;
        t.start();
        if (!build(path, events)) {
            std::fprintf(stderr, "cannot build %s\n", qPrintable(path));
            QFile::remove(path);
            return 1;
        }
        std::printf("built %s (%d synthetic events around the PsExec set) in %.1f s\n",
                    qPrintable(path),
                    events,
                    ms(t) / 1000);
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    if (!store)
        return 1;
    std::printf("store: %lld events\n", qlonglong(*(*store)->maxEventId()));
    // The attack's incident: the one spanning both workstations.
    std::int64_t incident = 0;
    const auto incidents = *(*store)->incidents();
    for (const IncidentSummary &i : incidents)
        if (incident == 0 && i.hosts.join(QLatin1Char(' ')).contains(QLatin1String("WORKSTATION6"))
            && i.hosts.join(QLatin1Char(' ')).contains(QLatin1String("WORKSTATION5")))
            incident = i.id;
    if (incident == 0) {
        std::fprintf(stderr, "no incident spans both workstations\n");
        return 1;
    }
    double worst = 0, total = 0;
    Analysis::RcaResult last;
    for (int round = 0; round < 5; ++round) {
        QElapsedTimer t;
        t.start();
        auto r = Analysis::analyseRootCause(**store, incident);
        const double took = ms(t);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error()));
            return 1;
        }
        last = *r;
        worst = std::max(worst, took);
        total += took;
        std::printf("  round %d: %.0f ms\n", round + 1, took);
    }
    std::printf("incident #%lld: entry %s (%s), %zu steps, confidence %.2f; mean %.0f ms, worst "
                "%.0f ms\n",
                qlonglong(incident),
                qPrintable(last.entryKind),
                qPrintable(last.entryTechnique),
                last.chain.size(),
                last.confidence,
                total / 5,
                worst);
    return last.entryKind == QLatin1String("remote_service") ? 0 : 2;
}
