// SPDX-License-Identifier: Apache-2.0
#include "core/detection/hunt.h"

#include <simdjson.h>

#include <chrono>

namespace Vigie::Detection {

Result<HuntReport> hunt(Store &store, std::shared_ptr<const RuleSet> rules,
                        const HuntOptions &options)
{
    const auto started = std::chrono::steady_clock::now();
    HuntReport report;
    const Detector detector(std::move(rules));
    std::int64_t total = 0;
    if (auto c = store.counts())
        total = c->events - c->alerts;
    simdjson::dom::parser parser;
    std::string padded;
    std::vector<const SigmaRule *> hits;
    EventScan scan;
    scan.sinceUs = options.sinceUs;
    for (;;) {
        IngestBatch batch;
        std::int64_t visited = 0;
        auto last = store.scanEvents(scan, [&](const StoredEvent &row) {
            ++visited;
            if (row.raw.empty() || row.event.format == Format::ZeekTsv)
                return; // no JSON original to read fields from
            padded.assign(row.raw);
            padded.append(simdjson::SIMDJSON_PADDING, '\0');
            simdjson::dom::element doc;
            simdjson::dom::object obj;
            if (parser.parse(padded.data(), row.raw.size(), false).get(doc) != simdjson::SUCCESS
                || doc.get(obj) != simdjson::SUCCESS)
                return;
            detector.detect(row.event.format, obj, row.raw, row.event, hits);
            for (const SigmaRule *rule : hits) {
                ++report.hits;
                ++report.byRule[rule];
                batch.events.push_back(Detector::alertFrom(row.event, *rule));
                batch.identities.push_back(Detector::identityOf(row.identity, *rule));
                IngestBatch::RawRef ref;
                ref.storedBlock = row.rawBlock;
                ref.index = row.rawIndex;
                batch.raw.push_back(ref);
            }
        });
        if (!last)
            return Error(last.error());
        report.scanned += visited;
        if (!batch.events.empty()) {
            // Written between reads, never during one: the scan does not meet its own alerts.
            auto written = store.writeBatch(batch);
            if (!written)
                return Error(QStringLiteral("storing the hunt's alerts failed: %1")
                                 .arg(written.error()));
            report.newAlerts += *written;
        }
        if (options.progress)
            options.progress(report.scanned, total);
        if (visited < scan.limit)
            break;
        scan.afterId = *last;
        if (options.cancel && options.cancel->load()) {
            report.cancelled = true;
            break;
        }
    }
    report.seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace Vigie::Detection
