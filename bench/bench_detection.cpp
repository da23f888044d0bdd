// SPDX-License-Identifier: Apache-2.0
// Detection benchmark: 1,000,000 Windows events (the four OTRF endpoint datasets of the demo,
// 3,260 real records, repeated with a copy number so that every record is distinct), then
//  - import without detection, and with the bundled rules on ingest (the ingest cost);
//  - a hunt of every bundled rule over the stored million (the retroactive cost).
// Usage: bench_detection [--events N] [--work DIR]
#include "core/detection/hunt.h"
#include "core/ingest/importer.h"
#include "core/store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Vigie;

namespace {

QString buildInput(const QString &work, int events)
{
    const QString path = work + QStringLiteral("/otrf_%1.ndjson").arg(events);
    if (QFile::exists(path))
        return path;
    QList<QByteArray> records;
    for (const char *name : {"otrf_covenant_dcom_excel4_lateral",
                             "otrf_empire_fodhelper_uac_bypass",
                             "otrf_empire_launcher_vbs",
                             "otrf_empire_psexec_lateral"}) {
        QFile f(QStringLiteral(VIGIE_SOURCE_DIR "/resources/demo/endpoint/%1.ndjson")
                    .arg(QString::fromLatin1(name)));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        for (const QByteArray &line : f.readAll().split('\n'))
            if (line.startsWith('{'))
                records << line;
    }
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return {};
    for (int i = 0; i < events; ++i) {
        const QByteArray &r = records[i % records.size()];
        // A field of our own in front: the record stays a valid HELK record, and distinct.
        out.write("{\"vigie_copy\":" + QByteArray::number(i / records.size()) + ',');
        out.write(r.constData() + 1, r.size() - 1);
        out.write("\n");
    }
    return path;
}

double seconds(const QElapsedTimer &t)
{
    return t.nsecsElapsed() / 1e9;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    int events = 1000000;
    bool huntOnly = false; // the stores of a previous run: time the hunt alone
    QString work = QDir::tempPath() + QStringLiteral("/vigie-bench");
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--events") && i + 1 < args.size())
            events = args[++i].toInt();
        else if (args[i] == QLatin1String("--work") && i + 1 < args.size())
            work = args[++i];
        else if (args[i] == QLatin1String("--hunt-only"))
            huntOnly = true;
    }
    QDir().mkpath(work);
    const QString input = buildInput(work, events);
    if (input.isEmpty()) {
        std::fprintf(stderr, "cannot build the input\n");
        return 1;
    }
    QElapsedTimer t;
    t.start();
    Detection::RuleSet::LoadReport load;
    auto rules = Detection::RuleSet::bundled(&load);
    std::printf("rules            %zu loaded, %zu left out, in %.2f s\n",
                rules->size(),
                load.errors.size(),
                seconds(t));

    auto importInto = [&](const QString &db, std::shared_ptr<const Detection::RuleSet> withRules) {
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(db + QString::fromLatin1(suffix));
        auto store = Store::open(db);
        Importer importer(**store);
        importer.begin();
        ImportOptions options;
        options.rules = std::move(withRules);
        QElapsedTimer i;
        i.start();
        const auto report = importer.importFile(input, options);
        importer.finish();
        std::printf("import %-9s %.2f s: %lld events, %lld alerts raised\n",
                    options.rules ? "detect" : "plain",
                    seconds(i),
                    static_cast<long long>(report.accepted),
                    static_cast<long long>(report.detections));
        return seconds(i);
    };
    if (!huntOnly) {
        const double plain = importInto(work + QStringLiteral("/detect_plain.db"), nullptr);
        const double detect = importInto(work + QStringLiteral("/detect_on.db"), rules);
        std::printf("ingest cost      %.2fx\n", detect / plain);
    }

    auto store = Store::open(work + QStringLiteral("/detect_plain.db"));
    QElapsedTimer h;
    h.start();
    const auto report = Detection::hunt(**store, rules);
    if (!report) {
        std::fprintf(stderr, "%s\n", qPrintable(report.error()));
        return 1;
    }
    std::printf("hunt             %.2f s: %zu rules over %lld events, %lld hits, %lld new alerts\n",
                seconds(h),
                rules->size(),
                static_cast<long long>(report->scanned),
                static_cast<long long>(report->hits),
                static_cast<long long>(report->newAlerts));
    return 0;
}
