// SPDX-License-Identifier: Apache-2.0
// Fuzz target: a file as `vigie import` reads it. The bytes are a file on disk; RecordReader sniffs
// its layout (JSON lines, JSON documents or arrays, Zeek TSV with its header), splits it into
// records, and each record goes through format detection, its normaliser and the bundled Sigma
// rules (RecordBatcher), as the importer's reader thread does.
#include "core/detection/detector.h"
#include "core/formats/recordreader.h"
#include "core/ingest/recordbatcher.h"
#include "harness.h"

#include <QCoreApplication>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

using namespace Vigie;

namespace {
// One batcher for the whole run, as the importer keeps one per file: building the detector's index
// of the bundled rules takes far longer than one input.
RecordBatcher *g_batcher = nullptr;
QString g_path;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_batcher = new RecordBatcher;
    g_batcher->setRules(Detection::RuleSet::bundled());
    g_path = VigieFuzz::scratchDir("vigie-fuzz-records") + QStringLiteral("/input");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray path = g_path.toLocal8Bit();
    std::FILE *f = std::fopen(path.constData(), "wb");
    if (!f)
        std::abort();
    if (size && std::fwrite(data, 1, size, f) != size)
        std::abort();
    std::fclose(f);

    Formats::RecordReader reader;
    reader.setMaxRecordBytes(1 << 20);
    QString openError;
    if (!reader.open(g_path, openError))
        return 0;
    RecordBatcher &batcher = *g_batcher;
    std::unordered_set<std::uint64_t> known;
    batcher.setKnown(&known);
    IngestBatch batch;
    std::string error;
    const bool zeekTsv = reader.layout() == Formats::RecordReader::Layout::ZeekTsv;
    Formats::RecordReader::Item item;
    while (reader.next(item)) {
        if (item.kind == Formats::RecordReader::Item::Rejected)
            continue;
        if (zeekTsv) {
            batch.events.emplace_back();
            if (Formats::normaliseZeekTsv(
                    reader.zeekHeader(), item.text, batch.events.back(), error))
                batcher.keep(item.text, batch);
            else
                batch.events.pop_back();
        } else {
            batcher.add(item.text, batch, error, true);
        }
    }
    batcher.finishBatch(batch);
    batcher.setKnown(nullptr);
    // Every event the batch holds has its identity and its original.
    if (batch.events.size() != batch.identities.size() || batch.events.size() != batch.raw.size())
        std::abort();
    return 0;
}
