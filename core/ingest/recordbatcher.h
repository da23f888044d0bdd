// SPDX-License-Identifier: Apache-2.0
// Turns raw records (one JSON document each, as a file or a sensor delivered it) into an
// IngestBatch: parse, detect the layout, normalise, identify by a hash of the exact bytes, and keep
// the original in a compressed block. The importer's reader thread and every connector use it, so
// a record means the same thing whichever way it arrived.
#pragma once

#include "core/events/event.h"
#include "core/store/rawblock.h"
#include "core/store/store.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

namespace Vigie {

namespace Detection {
class Detector;
class RuleSet;
} // namespace Detection

class RecordBatcher
{
public:
    enum class Outcome { Added, Duplicate, Rejected };

    // `format`: the layout every record has, or Unknown to detect it (the last layout seen is
    // tried first, so a file of one layout is detected once).
    explicit RecordBatcher(Format format = Format::Unknown);
    ~RecordBatcher();
    RecordBatcher(const RecordBatcher &) = delete;
    RecordBatcher &operator=(const RecordBatcher &) = delete;

    // Identities seen before (by this run): a record whose identity is there is a duplicate.
    // Without a set, de-duplication is left to the store.
    void setKnown(std::unordered_set<std::uint64_t> *known) { m_known = known; }

    // Runs these detection rules on every record added: each hit becomes an alert event in the
    // batch right after its record (same original, identity derived from the record's and the
    // rule's). nullptr: no detection.
    void setRules(std::shared_ptr<const Detection::RuleSet> rules);
    // Alerts raised by the rules so far.
    std::int64_t detections() const { return m_detections; }

    // Adds one JSON record. `padded`: the bytes after `text` may be read (simdjson padding), as
    // RecordReader guarantees; otherwise the record is copied first. On Rejected, `error` says why.
    Outcome add(std::string_view text, IngestBatch &batch, std::string &error, bool padded = false);

    // For records normalised elsewhere (Zeek TSV): the event is already at the back of
    // batch.events; keeps it (identity, original) or drops it as a duplicate.
    Outcome keep(std::string_view text, IngestBatch &batch);

    // Closes the open block of originals into batch.blocks. Call before handing the batch over.
    void finishBatch(IngestBatch &batch);

    // How many records of each layout were added.
    const std::map<Format, std::int64_t> &formats() const { return m_formats; }
    void countFormat(Format f) { ++m_formats[f]; }

private:
    struct Parser;
    std::unique_ptr<Parser> m_parser;
    RawBlockBuilder m_block;
    std::unordered_set<std::uint64_t> *m_known = nullptr;
    Format m_fixed;
    Format m_last;
    std::map<Format, std::int64_t> m_formats;
    std::string m_copy;
    std::unique_ptr<Detection::Detector> m_detector;
    std::int64_t m_detections = 0;
};

} // namespace Vigie
