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
    void add(std::unique_ptr<SigmaRule> rule);

    // Leaves out rules below `minLevel` (informational < low < medium < high < critical) and those
    // whose status is in `statuses` (deprecated, unsupported, experimental…).
    void filter(const std::string &minLevel, const std::vector<std::string> &statuses);

    const std::vector<std::unique_ptr<SigmaRule>> &rules() const { return m_rules; }
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
    std::vector<std::unique_ptr<SigmaRule>> m_rules;
    std::map<std::string, const SigmaRule *> m_byId;
};

struct Hit
{
    const SigmaRule *rule = nullptr;
};

// One Detector per thread (it keeps the candidate rules of each log source it met); the rule set
// is shared, read-only.
class Detector
{
public:
    explicit Detector(std::shared_ptr<const RuleSet> rules);

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
    std::shared_ptr<const RuleSet> m_rules;
    mutable std::map<std::string, std::vector<const SigmaRule *>> m_candidates;
};

} // namespace Vigie::Detection
