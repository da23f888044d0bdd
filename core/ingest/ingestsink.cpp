// SPDX-License-Identifier: Apache-2.0
#include "ingestsink.h"

#include <chrono>

namespace Vigie {

Result<std::unique_ptr<IngestSink>> IngestSink::open(const QString &storePath, int queueDepth)
{
    auto store = Store::open(storePath);
    if (!store)
        return Error(store.error());
    return std::unique_ptr<IngestSink>(new IngestSink(std::move(*store), queueDepth));
}

IngestSink::IngestSink(std::unique_ptr<Store> store, int queueDepth)
    : m_store(std::move(store))
    , m_depth(static_cast<std::size_t>(std::max(1, queueDepth)))
{
    m_thread = std::thread([this] { run(); });
}

IngestSink::~IngestSink()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

void IngestSink::setWrittenHandler(WrittenHandler handler)
{
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

bool IngestSink::submit(IngestBatch &&batch)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.size() < m_depth || !m_error.isEmpty(); });
    if (!m_error.isEmpty())
        return false;
    ++m_pendingBySource[batch.sourceId];
    m_queue.push_back(std::move(batch));
    lock.unlock();
    m_changed.notify_all();
    return true;
}

bool IngestSink::drain()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock,
                   [&] { return (m_queue.empty() && m_inFlight == 0) || !m_error.isEmpty(); });
    return m_error.isEmpty();
}

bool IngestSink::drain(std::int64_t sourceId)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] {
        auto it = m_pendingBySource.find(sourceId);
        return it == m_pendingBySource.end() || it->second == 0 || !m_error.isEmpty();
    });
    return m_error.isEmpty();
}

QString IngestSink::error() const
{
    std::lock_guard lock(m_mutex);
    return m_error;
}

double IngestSink::writerSeconds() const
{
    std::lock_guard lock(m_mutex);
    return m_writerSeconds;
}

void IngestSink::run()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return !m_queue.empty() || m_stopping; });
        if (m_queue.empty())
            return; // stopping, and everything is written
        IngestBatch batch = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_inFlight;
        WrittenHandler handler = m_handler;
        const bool failed = !m_error.isEmpty();
        lock.unlock();
        m_changed.notify_all();

        Written w{batch.sourceId, static_cast<std::int64_t>(batch.size()), 0};
        QString error;
        if (!failed) {
            const auto t0 = std::chrono::steady_clock::now();
            auto r = m_store->writeBatch(batch);
            const double s
                = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (r) {
                w.accepted = *r;
                if (handler)
                    handler(w);
            } else {
                error = r.error();
            }
            lock.lock();
            m_writerSeconds += s;
        } else {
            lock.lock();
        }
        --m_inFlight;
        --m_pendingBySource[w.sourceId];
        if (!error.isEmpty() && m_error.isEmpty()) {
            m_error = error;
            m_queue.clear(); // never written: their producers learn it from submit()/drain()
            m_pendingBySource.clear();
        }
        m_changed.notify_all();
    }
}

} // namespace Vigie
