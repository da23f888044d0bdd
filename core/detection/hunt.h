// SPDX-License-Identifier: Apache-2.0
// A hunt: the detection rules run again over what the store already holds (events imported before
// a rule existed, or with detection off). Hits become alerts exactly as on ingest, and a hit
// already raised is not raised twice.
#pragma once

#include "core/detection/detector.h"
#include "core/detection/ioc.h"
#include "core/events/result.h"
#include "core/store/store.h"

#include <atomic>
#include <functional>
#include <map>
#include <optional>

namespace Vigie::Detection {

struct HuntOptions
{
    bool sigma = true;                   // run the rules (`rules` given to hunt())
    std::shared_ptr<const IocSet> iocs;  // and sweep for these indicators
    bool analytics = true;               // and run the built-in analytics
    int minSeverity = 0;                 // rules below this severity are left out
    std::int64_t afterId = 0;            // only events stored after this one (a fresh import)
    std::optional<std::int64_t> sinceUs; // only events at least this recent
    const std::atomic<bool> *cancel = nullptr;
    // Events scanned so far, of `total`.
    std::function<void(std::int64_t scanned, std::int64_t total)> progress;
};

struct HuntReport
{
    std::int64_t scanned = 0;
    std::int64_t hits = 0;      // rule matches
    std::int64_t newAlerts = 0; // alerts stored by this hunt
    std::map<const SigmaRule *, std::int64_t> byRule;
    std::map<const Indicator *, std::int64_t> byIndicator;
    std::map<std::string, std::int64_t> byAnalytic; // by "id\ttitle"
    bool cancelled = false;
    double seconds = 0;
};

Result<HuntReport>
hunt(Store &store, std::shared_ptr<const RuleSet> rules, const HuntOptions &options = {});

} // namespace Vigie::Detection
