// SPDX-License-Identifier: Apache-2.0
#include "core/detection/hunt.h"

#include "core/detection/analytics.h"

#include <simdjson.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace Vigie::Detection {

namespace {

// One event of a chunk, copied out of the scan so that workers can read it in parallel.
struct Item
{
    std::uint64_t identity = 0;
    std::int64_t rawBlock = -1;
    int rawIndex = -1;
    Event event;
    std::string raw;
};

// A worker's state: its own detector (with its per-source rule indexes) and JSON parser.
struct Worker
{
    Worker(std::shared_ptr<const RuleSet> rules, const HuntOptions &options)
        : detector(std::move(rules))
        , sigma(options.sigma)
        , iocs(options.iocs)
    {
        detector.setMinimumSeverity(options.minSeverity);
    }
    Detector detector;
    simdjson::dom::parser parser;
    std::string padded;
    std::vector<const SigmaRule *> hits;
    bool sigma;
    std::shared_ptr<const IocSet> iocs;
    std::vector<const Indicator *> matched;
    std::vector<std::pair<std::size_t, const SigmaRule *>> found;    // (item, rule)
    std::vector<std::pair<std::size_t, const Indicator *>> foundIoc; // (item, indicator)

    void run(const std::vector<Item> &items, std::size_t begin, std::size_t end)
    {
        found.clear();
        foundIoc.clear();
        for (std::size_t i = begin; i < end; ++i) {
            const Item &row = items[i];
            if (row.event.kind == EventKind::Alert)
                continue; // the rules and lists look at telemetry; analytics see alerts too
            if (iocs) {
                iocs->match(row.event, row.raw, matched);
                for (const Indicator *ind : matched)
                    foundIoc.emplace_back(i, ind);
            }
            if (!sigma || row.raw.empty() || row.event.format == Format::ZeekTsv)
                continue; // no JSON original to read fields from
            padded.assign(row.raw);
            padded.append(simdjson::SIMDJSON_PADDING, '\0');
            simdjson::dom::element doc;
            simdjson::dom::object obj;
            if (parser.parse(padded.data(), row.raw.size(), false).get(doc) != simdjson::SUCCESS
                || doc.get(obj) != simdjson::SUCCESS)
                continue;
            detector.detect(row.event.format, obj, row.raw, row.event, hits);
            for (const SigmaRule *rule : hits)
                found.emplace_back(i, rule);
        }
    }
};

// An alert raised on a stored event: it points at that event's original.
void addAlert(
    IngestBatch &batch, Event alert, std::uint64_t identity, std::int64_t rawBlock, int rawIndex)
{
    batch.events.push_back(std::move(alert));
    batch.identities.push_back(identity);
    IngestBatch::RawRef ref;
    ref.storedBlock = rawBlock;
    ref.index = rawIndex;
    batch.raw.push_back(ref);
}

} // namespace

Result<HuntReport>
hunt(Store &store, std::shared_ptr<const RuleSet> rules, const HuntOptions &options)
{
    const auto started = std::chrono::steady_clock::now();
    HuntReport report;
    std::int64_t total = 0;
    if (auto c = store.counts())
        total = options.analytics ? c->events : c->events - c->alerts;
    // Two workers: this thread and one more (the machine Vigie is built for has two cores).
    const unsigned cores = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::unique_ptr<Worker>> workers;
    Analytics analytics;
    std::vector<AnalyticHit> analyticHits;
    simdjson::dom::parser analyticsParser;
    std::string analyticsPadded;
    simdjson::dom::object analyticsObject;
    for (unsigned i = 0; i < cores; ++i)
        workers.push_back(std::make_unique<Worker>(rules, options));
    // A reader thread with its own read-only connection prepares the next chunk (SQLite, zstd,
    // copies) while the workers look at the current one and this thread stores the hits.
    auto reader = Store::open(store.path(), Store::Mode::ReadOnly);
    if (!reader)
        return Error(reader.error());
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::vector<Item>> ready;
    bool done = false;
    bool stop = false;
    QString readError;
    std::thread producer([&] {
        EventScan scan;
        scan.sinceUs = options.sinceUs;
        scan.limit = 8192;
        scan.afterId = options.afterId;
        scan.skipAlerts = !options.analytics;
        for (;;) {
            std::vector<Item> items;
            // The original is copied only for whoever reads it: the rules, the lists, or an
            // analytic that needs the record's own fields.
            const bool everyRaw = options.sigma || options.iocs;
            auto last = (*reader)->scanEvents(scan, [&](const StoredEvent &row) {
                const bool raw = everyRaw || Analytics::wantsFields(row.event);
                items.push_back({row.identity,
                                 row.rawBlock,
                                 row.rawIndex,
                                 row.event,
                                 raw ? std::string(row.raw) : std::string()});
            });
            std::unique_lock lock(mutex);
            if (!last) {
                readError = last.error();
                done = true;
                changed.notify_all();
                return;
            }
            const bool end = items.size() < std::size_t(scan.limit);
            changed.wait(lock, [&] { return ready.size() < 2 || stop; });
            if (stop)
                return;
            ready.push_back(std::move(items));
            if (end) {
                done = true;
                changed.notify_all();
                return;
            }
            changed.notify_all();
            scan.afterId = *last;
        }
    });
    auto finishReader = [&] {
        {
            const std::lock_guard lock(mutex);
            stop = true;
        }
        changed.notify_all();
        producer.join();
    };
    for (;;) {
        std::vector<Item> items;
        {
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return !ready.empty() || done; });
            if (ready.empty())
                break; // done, and everything read was handled
            items = std::move(ready.front());
            ready.pop_front();
        }
        changed.notify_all();
        const std::size_t n = items.size();
        report.scanned += std::int64_t(n);
        if (options.sigma || options.iocs) {
            std::vector<std::thread> threads;
            const std::size_t per = (n + workers.size() - 1) / workers.size();
            for (std::size_t w = 1; w < workers.size(); ++w)
                threads.emplace_back([&, w] {
                    workers[w]->run(items, std::min(n, w * per), std::min(n, (w + 1) * per));
                });
            workers[0]->run(items, 0, std::min(n, per));
            for (auto &t : threads)
                t.join();
        }
        IngestBatch batch;
        auto keep = [&report](IngestBatch &into, const AnalyticHit &hit) {
            ++report.hits;
            ++report.byAnalytic[hit.id + '\t' + hit.title];
            addAlert(into, hit.alert(), hit.alertIdentity(), hit.rawBlock, hit.rawIndex);
        };
        if (options.analytics) {
            // In store order, on this thread: the analytics keep state from event to event.
            for (const Item &row : items) {
                AnalyticEvent ae{&row.event, row.identity, row.rawBlock, row.rawIndex, nullptr};
                std::unique_ptr<FieldSource> fields;
                if (Analytics::wantsFields(row.event) && !row.raw.empty()
                    && row.event.format != Format::ZeekTsv) {
                    analyticsPadded.assign(row.raw);
                    analyticsPadded.append(simdjson::SIMDJSON_PADDING, '\0');
                    simdjson::dom::element doc;
                    if (analyticsParser.parse(analyticsPadded.data(), row.raw.size(), false)
                                .get(doc)
                            == simdjson::SUCCESS
                        && doc.get(analyticsObject) == simdjson::SUCCESS) {
                        fields
                            = recordFields(row.event.format, analyticsObject, row.raw, row.event);
                        ae.fields = fields.get();
                    }
                }
                analyticHits.clear();
                analytics.feed(ae, analyticHits);
                for (const AnalyticHit &h : analyticHits)
                    keep(batch, h);
            }
        }
        for (const auto &worker : workers) {
            for (const auto &[i, rule] : worker->found) {
                const Item &row = items[i];
                ++report.hits;
                ++report.byRule[rule];
                addAlert(batch,
                         Detector::alertFrom(row.event, *rule),
                         Detector::identityOf(row.identity, *rule),
                         row.rawBlock,
                         row.rawIndex);
            }
            for (const auto &[i, indicator] : worker->foundIoc) {
                const Item &row = items[i];
                ++report.hits;
                ++report.byIndicator[indicator];
                addAlert(batch,
                         IocSet::alertFrom(row.event, *indicator),
                         IocSet::identityOf(row.identity, *indicator),
                         row.rawBlock,
                         row.rawIndex);
            }
        }
        if (!batch.events.empty()) {
            auto written = store.writeBatch(batch);
            if (!written) {
                finishReader();
                return Error(
                    QStringLiteral("storing the hunt's alerts failed: %1").arg(written.error()));
            }
            report.newAlerts += *written;
        }
        if (options.progress)
            options.progress(report.scanned, total);
        if (options.cancel && options.cancel->load()) {
            report.cancelled = true;
            break;
        }
    }
    finishReader();
    if (!readError.isEmpty())
        return Error(readError);
    if (options.analytics && !report.cancelled) {
        // What needs the whole stream (beaconing).
        IngestBatch batch;
        analyticHits.clear();
        analytics.finish(analyticHits);
        for (const AnalyticHit &hit : analyticHits) {
            ++report.hits;
            ++report.byAnalytic[hit.id + '\t' + hit.title];
            addAlert(batch, hit.alert(), hit.alertIdentity(), hit.rawBlock, hit.rawIndex);
        }
        if (!batch.events.empty()) {
            auto written = store.writeBatch(batch);
            if (!written)
                return Error(
                    QStringLiteral("storing the hunt's alerts failed: %1").arg(written.error()));
            report.newAlerts += *written;
        }
    }
    report.seconds
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

} // namespace Vigie::Detection
