// SPDX-License-Identifier: Apache-2.0
// Format detection and normalisation: one function per layout maps a parsed record to the ECS-named
// Event. Detection looks at keys only, so it is cheap enough to run on every line of a file that
// mixes layouts.
#pragma once

#include "core/events/event.h"
#include "jsonaccess.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace Vigie::Formats {

// The layout of one JSON record, from the keys it has; Format::Unknown when none fits.
Format detectJson(const object &o);

// Whether `o` still looks like layout `f` (a quick re-check used before trusting a file's format).
bool looksLike(Format f, const object &o);

// Maps a record of layout `f` into `out` (cleared first). Returns false and sets `error` to a short
// reason ("no timestamp", "EventID is not a number") when the record cannot be used.
bool normaliseJson(Format f, const object &o, Event &out, std::string &error);

// One function per layout (each in its own .cpp file).
bool normaliseSuricata(const object &o, Event &out, std::string &error);
bool normaliseZeekJson(const object &o, Event &out, std::string &error);
bool normaliseWazuh(const object &o, Event &out, std::string &error);
bool normaliseWindowsHelk(const object &o, Event &out, std::string &error);
bool normaliseSentinelWindows(const object &o, Event &out, std::string &error);
bool normaliseDefender365(const object &o, Event &out, std::string &error);
bool normaliseAzureAdAudit(const object &o, Event &out, std::string &error);
bool normaliseOfficeActivity(const object &o, Event &out, std::string &error);
bool normaliseWinlogbeat(const object &o, Event &out, std::string &error);
bool normaliseSigmaRegression(const object &o, Event &out, std::string &error);
bool normaliseElasticEcs(const object &o, Event &out, std::string &error);
bool normaliseTheHiveAlert(const object &o, Event &out, std::string &error);

// Zeek's tab-separated logs: the header (#separator, #fields, #path, …) gives the columns.
struct ZeekTsvHeader
{
    char separator = '\t';
    std::string path; // conn, dns, http, …
    std::string unsetField = "-";
    std::string emptyField = "(empty)";
    std::vector<std::string> fields;
    bool valid() const { return !fields.empty(); }
    // Reads one header line (starting with '#'); returns false if it is not a Zeek header line.
    bool readHeaderLine(std::string_view line);
};
bool normaliseZeekTsv(const ZeekTsvHeader &header,
                      std::string_view line,
                      Event &out,
                      std::string &error);

// Maps Zeek's field names (id.orig_h or id_orig_h) for both the JSON and the TSV layouts.
class ZeekFields
{
public:
    virtual ~ZeekFields() = default;
    // The value's text, empty when unset.
    virtual std::string_view text(std::string_view name) const = 0;
};
bool normaliseZeek(const ZeekFields &f, std::string_view stream, Event &out, std::string &error);

// A Windows record read by the event data's own field names (Image, CommandLine, TargetObject…, as
// Sigma rules name them), whatever the layout, plus the header fields Sigma uses: EventID, Channel,
// Provider_Name and Computer.
class WindowsRecordFields
{
public:
    // nullptr when `f` is not a Windows event layout. `o` must outlive the reader.
    static std::unique_ptr<WindowsRecordFields> open(Format f, const object &o);
    virtual ~WindowsRecordFields() = default;
    // The field's text (numbers in decimal); false when the record lacks it or holds "-".
    virtual bool text(std::string_view name, std::string &out) const = 0;
    int eventId = -1;
    std::string channel;
    std::string provider;
    // The event data as one JSON object, when the layout keeps it so (HELK's whole record,
    // SigmaHQ's EventData, Winlogbeat's nested event_data): readers may walk it once.
    std::optional<object> data;
};

} // namespace Vigie::Formats
