// SPDX-License-Identifier: Apache-2.0
// Detection on stored or arriving events: a Sigma rule set indexed by log source, so that each
// event meets only the rules written for its kind (a Sysmon process creation meets the
// process_creation rules, a Zeek DNS record the zeek/dns ones), and the alerts its hits become.
#pragma once

#include "core/detection/sigma.h"
#include "core/events/event.h"
#include "core/formats/jsonaccess.h"

#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Vigie::Detection {

class RuleSet
{
public:
    struct LoadReport
    {
        int loaded = 0;
        std::vector<RuleError> errors; // skipped rules, with the reason
    };
    // Reads every .yml/.yaml file under `dir`, recursively, in path order.
    LoadReport loadDirectory(const QString &dir);
    // Adds a parsed rule (rules with an id already present are ignored).
    void add(std::shared_ptr<const SigmaRule> rule);
    // Adds every rule of another set (shared, not copied).
    void addAll(const RuleSet &other);

    // Leaves out rules below `minLevel` (informational < low < medium < high < critical) and those
    // whose status is in `statuses` (deprecated, unsupported, experimental…).
    void filter(const std::string &minLevel, const std::vector<std::string> &statuses);

    const std::vector<std::shared_ptr<const SigmaRule>> &rules() const { return m_rules; }
    std::size_t size() const { return m_rules.size(); }
    const SigmaRule *byId(const std::string &id) const;

    // The rules for events of this log source (a scan: callers keep the answer per source).
    std::vector<const SigmaRule *> candidates(const std::string &product,
                                              const std::string &service,
                                              const std::vector<std::string> &categories) const;

    // The bundled SigmaHQ rules (VIGIE_SIGMA_DIR, the installed share/vigie/sigma, or the source
    // tree's resources/sigma), loaded once per process on first use.
    static std::shared_ptr<const RuleSet> bundled(LoadReport *report = nullptr);
    static QString bundledDirectory();

private:
    std::vector<std::shared_ptr<const SigmaRule>> m_rules;
    std::map<std::string, const SigmaRule *> m_byId;
};

// A record's fields by Sigma's names (see Detector): also what the analytics read. `o` must
// outlive the source.
std::unique_ptr<FieldSource>
recordFields(Format format, const Formats::object &o, std::string_view text, const Event &event);

// One Detector per thread (it keeps the candidate rules of each log source it met); the rule set
// is shared, read-only.
class Detector
{
public:
    explicit Detector(std::shared_ptr<const RuleSet> rules);
    // Rules below this severity are not run (informational 10, low 21, medium 47, high 73).
    void setMinimumSeverity(int severity) { m_minSeverity = severity; }

    // The rules that fire on one record (`o`, of layout `format`, normalised into `event`).
    void detect(Format format,
                const Formats::object &o,
                std::string_view text,
                const Event &event,
                std::vector<const SigmaRule *> &hits) const;

    // The alert a hit becomes: the event's fields, with the rule's title, id, level (as severity)
    // and ATT&CK techniques and tactics.
    static Event alertFrom(const Event &source, const SigmaRule &rule);
    // Stable identity of that alert, so that re-importing adds nothing twice.
    static std::uint64_t identityOf(std::uint64_t sourceIdentity, const SigmaRule &rule);

    const RuleSet &rules() const { return *m_rules; }

private:
    // The rules of one log source, sorted by their gates: an event meets only the rules whose
    // gate value it has, plus those without a gate.
    struct Index
    {
        struct Bucket
        {
            int field = -1;
            RuleGate::Mode mode = RuleGate::Exact;
            std::map<std::string, std::vector<int>, std::less<>> byValue;
            // Substring: an Aho–Corasick automaton over the values.
            struct Node
            {
                std::vector<std::pair<unsigned char, int>> next;
                int fail = 0;
                std::vector<int> rules; // of every value ending here or at a suffix of it
            };
            std::vector<Node> automaton;
            std::vector<int> root; // the root's transitions, dense (most bytes leave from it)
        };
        std::vector<const SigmaRule *> rules;
        std::vector<int> ungated;
        std::vector<Bucket> buckets;
    };
    static Index indexOf(std::vector<const SigmaRule *> rules);

    std::shared_ptr<const RuleSet> m_rules;
    int m_minSeverity = 0;
    mutable std::map<std::string, Index> m_candidates;
    mutable std::vector<std::uint32_t> m_stamp; // per rule of an index: the event it was tried on
    mutable std::uint32_t m_event = 0;
};

} // namespace Vigie::Detection
