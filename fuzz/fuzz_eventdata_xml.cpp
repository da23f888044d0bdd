// SPDX-License-Identifier: Apache-2.0
// Fuzz target: Windows EventData held as an XML string (Sentinel's WindowsEvent rows), the only XML
// Vigie reads. The bytes are the XML; the target wraps them in a Sentinel row as a JSON string, so
// they reach the EventData reader, the Windows normaliser and the Sigma rules as a sensor's would.
// The reader knows no DTD: entities other than the five predefined ones and numeric references
// stay as written, so nothing expands and nothing external is read (see tst_windowsformats).
#include "core/detection/detector.h"
#include "core/ingest/recordbatcher.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <string>

using namespace Vigie;

namespace {
RecordBatcher *g_batcher = nullptr; // one for the run: the rules' index is built once
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    g_batcher = new RecordBatcher(Format::SentinelWindows);
    g_batcher->setRules(Detection::RuleSet::bundled());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the event (process creation, logon, service install, or one the rules
    // do not know); invalid UTF-8 becomes U+FFFD, as a JSON string cannot hold it.
    static const int kIds[] = {4688, 4624, 7045, 1};
    const QString xml
        = QString::fromUtf8(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QJsonObject row{
        {QStringLiteral("TimeGenerated"), QStringLiteral("2024-05-01T10:00:00Z")},
        {QStringLiteral("Computer"), QStringLiteral("ws01.example")},
        {QStringLiteral("Type"), QStringLiteral("WindowsEvent")},
        {QStringLiteral("Channel"), QStringLiteral("Security")},
        {QStringLiteral("EventID"), kIds[data[0] % 4]},
        {QStringLiteral("Provider"), QStringLiteral("Microsoft-Windows-Security-Auditing")},
        {QStringLiteral("EventData"), xml}};
    const QByteArray json = QJsonDocument(row).toJson(QJsonDocument::Compact);
    RecordBatcher &batcher = *g_batcher;
    IngestBatch batch;
    std::string error;
    batcher.add(std::string_view(json.constData(), std::size_t(json.size())), batch, error);
    batcher.finishBatch(batch);
    return 0;
}
