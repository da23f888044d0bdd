// SPDX-License-Identifier: Apache-2.0
#include "recordbatcher.h"

#include "core/detection/detector.h"
#include "core/formats/normaliser.h"
#include "core/ingest/importer.h"

#include <simdjson.h>

namespace Vigie {

struct RecordBatcher::Parser
{
    simdjson::dom::parser parser;
};

RecordBatcher::RecordBatcher(Format format)
    : m_parser(std::make_unique<Parser>())
    , m_fixed(format)
    , m_last(format)
{}

RecordBatcher::~RecordBatcher() = default;

void RecordBatcher::setRules(std::shared_ptr<const Detection::RuleSet> rules)
{
    if (rules)
        m_detector = std::make_unique<Detection::Detector>(std::move(rules));
    else
        m_detector.reset();
}

RecordBatcher::Outcome
RecordBatcher::add(std::string_view text, IngestBatch &batch, std::string &error, bool padded)
{
    const char *data = text.data();
    if (!padded) {
        m_copy.assign(text);
        m_copy.append(simdjson::SIMDJSON_PADDING, '\0');
        data = m_copy.data();
    }
    simdjson::dom::element doc;
    simdjson::dom::object obj;
    const auto perr = m_parser->parser.parse(data, text.size(), false).get(doc);
    if (perr != simdjson::SUCCESS) {
        if (perr == simdjson::UTF8_ERROR)
            error = "invalid UTF-8";
        else if (perr == simdjson::TAPE_ERROR || perr == simdjson::INCOMPLETE_ARRAY_OR_OBJECT)
            error = "malformed or truncated JSON";
        else
            error = std::string("not valid JSON: ") + simdjson::error_message(perr);
        return Outcome::Rejected;
    }
    if (doc.get(obj) != simdjson::SUCCESS) {
        error = "a JSON value that is not an object";
        return Outcome::Rejected;
    }
    Format f = m_last;
    if (f == Format::Unknown || (m_fixed == Format::Unknown && !Formats::looksLike(f, obj)))
        f = Formats::detectJson(obj);
    if (f == Format::Unknown) {
        error = "unknown layout: no format Vigie reads has these fields";
        return Outcome::Rejected;
    }
    if (m_fixed == Format::Unknown)
        m_last = f;
    batch.events.emplace_back();
    if (!Formats::normaliseJson(f, obj, batch.events.back(), error)) {
        batch.events.pop_back();
        return Outcome::Rejected;
    }
    const Outcome o = keep(text, batch);
    if (o == Outcome::Added) {
        ++m_formats[f];
        if (m_detector) {
            thread_local std::vector<const Detection::SigmaRule *> hits;
            const std::size_t source = batch.events.size() - 1;
            m_detector->detect(f, obj, text, batch.events[source], hits);
            for (const Detection::SigmaRule *rule : hits) {
                const std::uint64_t id
                    = Detection::Detector::identityOf(batch.identities[source], *rule);
                if (m_known && !m_known->insert(id).second)
                    continue;
                batch.events.push_back(Detection::Detector::alertFrom(batch.events[source], *rule));
                batch.identities.push_back(id);
                batch.raw.push_back(batch.raw[source]); // the same original document
                ++m_detections;
            }
        }
    }
    return o;
}

RecordBatcher::Outcome RecordBatcher::keep(std::string_view text, IngestBatch &batch)
{
    const std::uint64_t id = Importer::identityOf(text);
    if (m_known && !m_known->insert(id).second) {
        batch.events.pop_back();
        return Outcome::Duplicate;
    }
    batch.identities.push_back(id);
    const int index = m_block.add(text);
    batch.raw.push_back({static_cast<int>(batch.blocks.size()), index});
    if (m_block.count() >= RawBlockBuilder::DefaultCapacity)
        finishBatch(batch);
    return Outcome::Added;
}

void RecordBatcher::finishBatch(IngestBatch &batch)
{
    if (m_block.empty())
        return;
    batch.blocks.emplace_back();
    m_block.finish(batch.blocks.back());
}

} // namespace Vigie
