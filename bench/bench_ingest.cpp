// SPDX-License-Identifier: Apache-2.0
// Ingest benchmark: builds the 1M-record EVE file (the bundled 5,000 real records repeated 200
// times, flow_id varied so that records stay distinct), imports it into a fresh store and prints
// where the time went. Usage: bench_ingest [EVE_SOURCE] [--copies N] [--work DIR]
#include "benchdata.h"
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <cstdio>

using namespace Vigie;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    QString source = QStringLiteral(VIGIE_SOURCE_DIR "/resources/demo/network/suricata_eve.json");
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    int copies = 200;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--copies") && i + 1 < args.size())
            copies = args[++i].toInt();
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
        else
            source = args[i];
    }
    const QString input = VigieBench::eveBenchFile(source, work, copies);
    if (input.isEmpty())
        return 1;
    const QString db = work + QStringLiteral("/bench.db");
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(db + QString::fromLatin1(suffix));

    QElapsedTimer total;
    total.start();
    auto store = Store::open(db);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.error()));
        return 1;
    }
    Importer importer(**store);
    importer.begin();
    const ImportFileReport r = importer.importFile(input);
    const qint64 importMs = total.elapsed();
    importer.finish();
    const qint64 totalMs = total.elapsed();
    store->reset();

    qint64 dbBytes = 0;
    for (const char *suffix : {"", "-wal", "-shm"})
        dbBytes += QFileInfo(db + QString::fromLatin1(suffix)).size();
    const qint64 inBytes = QFileInfo(input).size();
    std::printf("input            %s (%.0f MB)\n", qPrintable(input), inBytes / 1e6);
    std::printf("events           %lld accepted, %lld duplicates, %lld rejected\n",
                static_cast<long long>(r.accepted),
                static_cast<long long>(r.duplicates),
                static_cast<long long>(r.rejectedCount));
    std::printf("reader busy      %.2f s (read, parse, normalise, hash, compress)\n",
                r.readerSeconds);
    std::printf("writer busy      %.2f s (SQLite inserts)\n", r.writerSeconds);
    std::printf("import phase     %.2f s\n", importMs / 1e3);
    std::printf("index phase      %.2f s (identities + secondary indexes)\n",
                (totalMs - importMs) / 1e3);
    std::printf("total            %.2f s, %.0f events/s\n",
                totalMs / 1e3,
                (r.accepted + r.duplicates) / (totalMs / 1e3));
    std::printf(
        "store            %.0f MB, %.2fx the input\n", dbBytes / 1e6, double(dbBytes) / inBytes);
    return r.error.isEmpty() ? 0 : 1;
}
