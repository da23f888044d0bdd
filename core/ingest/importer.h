// SPDX-License-Identifier: Apache-2.0
// Imports files into the store: a reader thread splits, parses, normalises, de-duplicates and
// compresses; the calling thread writes batches. Each batch is one transaction, so a crash or a
// cancel keeps everything written before it, and a re-run adds only what is missing.
#pragma once

#include "core/events/event.h"
#include "core/store/store.h"

#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

namespace Vigie {

namespace Detection {
class RuleSet;
}

struct ImportRejection
{
    std::int64_t line = 0; // 0 when the whole file is concerned
    QString reason;
};

struct ImportFileReport
{
    QString path;
    QString format;              // the layout detected ("suricata-eve"), or several joined by '+'
    std::int64_t accepted = 0;   // new events stored
    std::int64_t detections = 0; // alerts the detection rules raised on them
    std::int64_t duplicates = 0; // already stored, or repeated in the input
    std::int64_t rejectedCount = 0;
    std::vector<ImportRejection> rejected; // the first MaxListedRejections, with line and reason
    QString error;                         // a file-level failure (missing, binary, store error)
    bool cancelled = false;
    // Where the time went (for the benchmark): reader thread busy, writer busy, writer waiting.
    double readerSeconds = 0;
    double writerSeconds = 0;
};

struct ImportProgress
{
    QString path;
    std::uint64_t bytesDone = 0;
    std::uint64_t bytesTotal = 0;
    std::int64_t accepted = 0;
};

struct ImportOptions
{
    Format format = Format::Unknown; // Unknown: detect per file and per line
    std::function<void(const ImportProgress &)> progress;
    const std::atomic<bool> *cancel = nullptr;
    int maxListedRejections = 1000;
    // A file whose first N records are all rejected is not of a layout Vigie reads: stop there.
    int giveUpAfter = 1000;
    // Detection rules run on every record as it is read (nullptr: none).
    std::shared_ptr<const Detection::RuleSet> rules;
};

class Importer
{
public:
    explicit Importer(Store &store);
    ~Importer();

    // Call once before a run of files and once after: a run into an empty store loads in bulk.
    Result<void> begin();
    Result<void> finish();

    ImportFileReport importFile(const QString &path, const ImportOptions &options = {});

    // The 64-bit identity of a record: a hash of its exact bytes.
    static std::uint64_t identityOf(std::string_view raw);

private:
    Store &m_store;
    std::unordered_set<std::uint64_t> m_known;
    bool m_begun = false;
    bool m_knownIsStored = true; // every identity in m_known is in the store
    std::int64_t m_sourceKindId = 0;
};

} // namespace Vigie
