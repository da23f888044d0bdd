// SPDX-License-Identifier: Apache-2.0
// A Sigma engine: rules parsed from YAML (yaml-cpp) and compiled once into matchers: detection maps
// and lists, the field modifiers SigmaHQ's rules use (contains, startswith, endswith, all, re,
// cidr, base64, base64offset, windash, wide/utf16, exists, gt/gte/lt/lte, cased, fieldref), keyword
// searches, and conditions with and/or/not, parentheses and "1 of"/"all of" over names, patterns
// and "them". Values compare case-insensitively unless `cased` or `re` says otherwise.
// Rules that cannot be parsed or use what this engine does not support (aggregations, correlation,
// placeholders) are reported with the reason and left out.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace Vigie::Detection {

// What a rule reads from an event.
class FieldSource
{
public:
    virtual ~FieldSource() = default;
    // The field's text by its Sigma name; false when the event does not have it.
    virtual bool field(std::string_view name, std::string &out) const = 0;
    // The whole record as text, for keyword searches.
    virtual std::string_view text() const = 0;
    // Optional: hands over every field the record holds, at once, and returns true; then field()
    // is only asked for the names this did not give (fallbacks, derived names).
    virtual bool
    enumerate(const std::function<void(std::string_view name, std::string_view value)> &) const
    {
        return false;
    }
    // With enumerate(): a name the record does not hold under that name (a derived field).
    virtual bool derived(std::string_view name, std::string &out) const { return field(name, out); }
};

// Field names are interned: rules refer to fields by a small number, so that an event's fields
// are found by index instead of by comparing names.
int fieldId(std::string_view name);
// The id of a name some rule uses, or -1 (never adds one).
int knownFieldId(std::string_view name);
const std::string &fieldName(int id);

// An event as rules see it: each field read once and kept with its lower-case form, so that
// hundreds of rules reading Image or CommandLine do not read it hundreds of times.
class EventView
{
public:
    explicit EventView(const FieldSource &source);
    struct Value
    {
        std::string text;
        bool present = false;
        // The lower-case form, made on first use (most fields read are never compared).
        const std::string &lower() const
        {
            if (!m_lowered) {
                m_lower.resize(text.size());
                for (std::size_t i = 0; i < text.size(); ++i) {
                    const unsigned char c = static_cast<unsigned char>(text[i]);
                    m_lower[i] = static_cast<char>(c + ((unsigned char)(c - 'A') < 26u ? 32 : 0));
                }
                m_lowered = true;
            }
            return m_lower;
        }
        void setLower(std::string l)
        {
            m_lower = std::move(l);
            m_lowered = true;
        }

    private:
        mutable std::string m_lower;
        mutable bool m_lowered = false;
    };
    const Value &get(int id) const;
    const Value &get(std::string_view name) const { return get(fieldId(name)); }
    std::string_view text() const { return m_source.text(); }
    const std::string &lowerText() const;

private:
    const FieldSource &m_source;
    mutable std::vector<int> m_slot; // by field id: index into m_values, or -1 when not read yet
    // A deque: reading one field while holding another (the fieldref modifier) must not move it.
    mutable std::deque<Value> m_values;
    mutable std::string m_lowerText;
    mutable bool m_haveText = false;
    bool m_complete = false; // every field the record holds is already in m_values
};

struct LogSource
{
    std::string product;
    std::string category;
    std::string service;
};

struct Node; // a compiled condition

// A necessary condition of a rule, cheap to test before the rule itself, on the field's lower-case
// value: it is one of `values` (Exact), what follows its last backslash is (Basename), or it
// contains one of them (Substring: found for all rules at once by one automaton pass).
struct RuleGate
{
    enum Mode { Exact, Basename, Substring };
    int field = -1;
    Mode mode = Exact;
    std::vector<std::string> values;
};

struct SigmaRule
{
    std::string id;
    std::string title;
    std::string level;  // informational, low, medium, high, critical
    std::string status; // stable, test, experimental, deprecated, unsupported
    std::string description;
    std::string path; // the file it came from
    std::string author;
    std::vector<std::string> tags;
    std::vector<std::string> references;
    std::vector<std::string> falsePositives;
    std::vector<std::string> techniques; // T1059.001, from attack.t1059.001 (unknown ids kept)
    std::vector<std::string> tactics;    // execution, … (ATT&CK short names, from attack.<name>)
    LogSource logsource;
    int severity = 47; // from the level, on the ECS 0–100 scale

    std::shared_ptr<const Node> condition;
    // The rule can only fire when one of these gates holds (empty: no such shortcut is known).
    std::vector<RuleGate> gates;
    bool matches(const EventView &event) const;
};

struct RuleError
{
    std::string file;
    std::string reason;
};

// Parses one rule. Returns nullptr and sets `error` when the rule cannot be used.
std::unique_ptr<SigmaRule>
parseSigmaRule(std::string_view yaml, const std::string &path, std::string &error);

// The severity of a Sigma level: informational 10, low 21, medium 47, high 73, critical 99.
int severityOfLevel(std::string_view level);

} // namespace Vigie::Detection
