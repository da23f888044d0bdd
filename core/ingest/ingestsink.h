// SPDX-License-Identifier: Apache-2.0
// The store's writer for live sources: connectors hand over batches (events, originals and their
// resume cursor) and one thread writes each in one transaction. A full queue blocks the producer,
// so a fast sensor slows down to what the disk takes instead of filling memory.
#pragma once

#include "core/events/result.h"
#include "core/store/store.h"

#include <QString>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace Vigie {

class IngestSink
{
public:
    struct Written
    {
        std::int64_t sourceId = 0;
        std::int64_t events = 0;   // in the batch
        std::int64_t accepted = 0; // new in the store
    };
    using WrittenHandler = std::function<void(const Written &)>;

    static Result<std::unique_ptr<IngestSink>> open(const QString &storePath, int queueDepth = 4);
    ~IngestSink(); // writes what was submitted, then stops
    IngestSink(const IngestSink &) = delete;
    IngestSink &operator=(const IngestSink &) = delete;

    // Called on the writer thread after each batch is committed.
    void setWrittenHandler(WrittenHandler handler);

    // Hands a batch over; blocks while the queue is full. False once the sink has failed (see
    // error()); the batch is then not written.
    bool submit(IngestBatch &&batch);
    // Waits until everything submitted so far is committed. False when a write failed.
    bool drain();
    // The same for one source's batches only: other sources may keep the writer busy.
    bool drain(std::int64_t sourceId);
    QString error() const;
    // Seconds the writer spent writing, for the benchmarks.
    double writerSeconds() const;

private:
    explicit IngestSink(std::unique_ptr<Store> store, int queueDepth);
    void run();

    std::unique_ptr<Store> m_store;
    const std::size_t m_depth;
    mutable std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<IngestBatch> m_queue;
    std::size_t m_inFlight = 0;
    std::map<std::int64_t, std::int64_t> m_pendingBySource; // queued or being written
    bool m_stopping = false;
    QString m_error;
    double m_writerSeconds = 0;
    WrittenHandler m_handler;
    std::thread m_thread;
};

} // namespace Vigie
