// SPDX-License-Identifier: Apache-2.0
#include "importer.h"

#include "core/formats/normaliser.h"
#include "core/formats/recordreader.h"
#include "core/ingest/recordbatcher.h"

#include <QFileInfo>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace Vigie {

namespace {

constexpr std::size_t kBatchEvents = 8192;
constexpr std::size_t kQueueDepth = 4;

// A bounded hand-over between the reader thread and the writer.
class BatchQueue
{
public:
    void push(IngestBatch &&b)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < kQueueDepth || m_aborted; });
        if (m_aborted)
            return;
        m_items.push_back(std::move(b));
        m_notEmpty.notify_one();
    }
    std::optional<IngestBatch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty())
            return std::nullopt;
        IngestBatch b = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return b;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
    }
    // The writer failed: unblock the reader, which then stops.
    void abort()
    {
        std::lock_guard lock(m_mutex);
        m_aborted = true;
        m_items.clear();
        m_notFull.notify_all();
    }
    bool aborted()
    {
        std::lock_guard lock(m_mutex);
        return m_aborted;
    }
    // Written batches come back to the reader: their vectors keep their capacity, so the reader
    // does not fault in fresh pages for every batch.
    void recycle(IngestBatch &&b)
    {
        b.clear();
        std::lock_guard lock(m_mutex);
        if (m_free.size() < kQueueDepth + 2)
            m_free.push_back(std::move(b));
    }
    IngestBatch fresh()
    {
        std::lock_guard lock(m_mutex);
        if (m_free.empty())
            return IngestBatch();
        IngestBatch b = std::move(m_free.back());
        m_free.pop_back();
        return b;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<IngestBatch> m_items;
    std::vector<IngestBatch> m_free;
    bool m_closed = false;
    bool m_aborted = false;
};

// What the reader thread found, merged into the report when the file is done.
struct ReaderResult
{
    std::int64_t duplicates = 0;
    std::int64_t rejectedCount = 0;
    std::vector<ImportRejection> rejected;
    std::map<Format, std::int64_t> formats;
    double busySeconds = 0;
    QString error;
    bool cancelled = false;
    std::int64_t detections = 0;
};

} // namespace

Importer::Importer(Store &store)
    : m_store(store)
{}

Importer::~Importer()
{
    if (m_begun)
        finish();
}

std::uint64_t Importer::identityOf(std::string_view raw)
{
    return XXH3_64bits(raw.data(), raw.size());
}

Result<void> Importer::begin()
{
    if (m_begun)
        return {};
    auto counts = m_store.counts();
    if (!counts)
        return Error(counts.error());
    m_known.clear();
    if (counts->events == 0) {
        if (auto r = m_store.beginBulkLoad(); !r)
            return r;
    } else {
        m_known.reserve(static_cast<std::size_t>(counts->events) * 2);
        std::vector<std::uint64_t> ids;
        ids.reserve(static_cast<std::size_t>(counts->events));
        if (auto r = m_store.loadIdentities(ids); !r)
            return r;
        m_known.insert(ids.begin(), ids.end());
    }
    m_begun = true;
    return {};
}

Result<void> Importer::finish()
{
    if (!m_begun)
        return {};
    m_begun = false;
    Result<void> r;
    if (m_store.inBulkLoad()) {
        if (m_knownIsStored) {
            std::vector<std::int64_t> ids;
            ids.reserve(m_known.size());
            for (const std::uint64_t id : m_known)
                ids.push_back(static_cast<std::int64_t>(id));
            m_known.clear();
            r = m_store.endBulkLoad(&ids);
        } else {
            // A failed write left identities here that never reached the store.
            r = m_store.endBulkLoad();
        }
    }
    m_known.clear();
    m_knownIsStored = true;
    return r;
}

ImportFileReport Importer::importFile(const QString &path, const ImportOptions &options)
{
    ImportFileReport report;
    report.path = path;
    if (!m_begun) {
        if (auto r = begin(); !r) {
            report.error = r.error();
            return report;
        }
    }
    Formats::RecordReader reader;
    QString openError;
    if (!reader.open(path, openError)) {
        report.error = openError;
        return report;
    }
    auto source = m_store.ensureSource(QStringLiteral("file"), QFileInfo(path).absoluteFilePath());
    if (!source) {
        report.error = source.error();
        return report;
    }
    const std::int64_t sourceId = *source;

    BatchQueue queue;
    ReaderResult rr;
    std::atomic<std::uint64_t> bytesDone{0};

    // The reader thread: everything but SQLite.
    std::thread worker([&] {
        Formats::RecordReader::Item item;
        std::string error;
        IngestBatch batch;
        batch.sourceId = sourceId;
        RecordBatcher batcher(options.format);
        batcher.setKnown(&m_known);
        batcher.setRules(options.rules);
        std::int64_t acceptedSoFar = 0;
        const bool zeekTsv = reader.layout() == Formats::RecordReader::Layout::ZeekTsv;

        double waited = 0;
        const auto started = std::chrono::steady_clock::now();
        auto reject = [&](std::int64_t line, std::string reason) {
            ++rr.rejectedCount;
            if (rr.rejected.size() < static_cast<std::size_t>(options.maxListedRejections))
                rr.rejected.push_back({line, QString::fromStdString(reason)});
        };
        auto flushBatch = [&] {
            batcher.finishBatch(batch);
            if (batch.events.empty())
                return;
            const auto t0 = std::chrono::steady_clock::now();
            queue.push(std::move(batch));
            waited += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            batch = queue.fresh();
            batch.sourceId = sourceId;
            batch.events.reserve(kBatchEvents);
        };
        batch.events.reserve(kBatchEvents);

        std::uint32_t seen = 0;
        while (reader.next(item)) {
            if ((++seen & 0x3ff) == 0 && options.cancel && options.cancel->load()) {
                rr.cancelled = true;
                break;
            }
            if (queue.aborted())
                return;
            if (item.kind == Formats::RecordReader::Item::Rejected) {
                reject(item.line, item.reason);
            } else {
                RecordBatcher::Outcome o;
                if (zeekTsv) {
                    batch.events.emplace_back();
                    if (Formats::normaliseZeekTsv(
                            reader.zeekHeader(), item.text, batch.events.back(), error)) {
                        o = batcher.keep(item.text, batch);
                        if (o == RecordBatcher::Outcome::Added)
                            batcher.countFormat(Format::ZeekTsv);
                    } else {
                        batch.events.pop_back();
                        o = RecordBatcher::Outcome::Rejected;
                    }
                } else {
                    o = batcher.add(item.text, batch, error, true);
                }
                if (o == RecordBatcher::Outcome::Rejected) {
                    reject(item.line, error);
                } else if (o == RecordBatcher::Outcome::Duplicate) {
                    ++rr.duplicates;
                } else {
                    ++acceptedSoFar;
                    if (batch.events.size() >= kBatchEvents) {
                        bytesDone.store(reader.bytesRead(), std::memory_order_relaxed);
                        flushBatch();
                    }
                }
            }
            if (acceptedSoFar == 0 && rr.duplicates == 0 && options.giveUpAfter > 0
                && rr.rejectedCount >= options.giveUpAfter) {
                rr.error = QStringLiteral("gave up after %1 rejected records and none accepted: "
                                          "not a layout Vigie reads")
                               .arg(rr.rejectedCount);
                break;
            }
        }
        flushBatch();
        rr.formats = batcher.formats();
        rr.detections = batcher.detections();
        rr.busySeconds
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
              - waited;
        bytesDone.store(reader.bytesRead(), std::memory_order_relaxed);
        queue.close();
    });

    // The writer: this thread.
    while (auto batch = queue.pop()) {
        const auto t0 = std::chrono::steady_clock::now();
        auto written = m_store.writeBatch(*batch);
        report.writerSeconds
            += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!written) {
            report.error = written.error();
            queue.abort();
            break;
        }
        report.accepted += *written;
        report.duplicates += static_cast<std::int64_t>(batch->size()) - *written;
        if (options.progress)
            options.progress({path,
                              bytesDone.load(std::memory_order_relaxed),
                              reader.fileSize(),
                              report.accepted});
        queue.recycle(std::move(*batch));
    }
    queue.close();
    worker.join();
    if (!report.error.isEmpty()) {
        // Batches still queued when the writer failed were never stored, yet their identities are
        // in m_known: start afresh from the store on the next file.
        m_knownIsStored = false;
        finish();
        return report;
    }
    report.duplicates += rr.duplicates;
    // The writer counted the alerts detection raised among the events: they are not input.
    report.detections = rr.detections;
    report.accepted = std::max<std::int64_t>(0, report.accepted - rr.detections);
    report.rejectedCount = rr.rejectedCount;
    report.rejected = std::move(rr.rejected);
    report.cancelled = rr.cancelled;
    report.readerSeconds = rr.busySeconds;
    report.error = rr.error;
    for (const auto &[f, n] : rr.formats) {
        if (!report.format.isEmpty())
            report.format += QLatin1Char('+');
        report.format += QString::fromLatin1(formatName(f).data(), qsizetype(formatName(f).size()));
    }
    if (report.format.isEmpty())
        report.format = QStringLiteral("unknown");
    if (options.progress)
        options.progress({path, reader.fileSize(), reader.fileSize(), report.accepted});
    return report;
}

} // namespace Vigie
