// SPDX-License-Identifier: Apache-2.0
// Correlation: alerts grouped into incidents, each alert with the link that brought it in —
//   same_host: the same host within a working session (a gap of two hours starts another — longer
//              on a host whose alerts come hours apart: twenty times its median gap, up to 8 h);
//   lineage:   a process and the one it started;
//   lateral:   an alert on one host whose source (or destination) address is another host of
//              the store, active around the same time;
//   indicator: the same external address, domain or file hash;
//   network:   network alerts about the same internal address (scan noise around one host
//              becomes one incident, not hundreds).
// Incidents are scored 0–100 from severity, how far the ATT&CK tactics progress, hosts and users
// involved and how many alerts back them. A host is known by its name and address (or, with no
// address, its name and source): two hosts with one name in two networks are two hosts.
#pragma once

#include "core/events/result.h"
#include "core/store/store.h"

#include <vector>

namespace Vigie::Analysis {

struct CorrelationReport
{
    int incidents = 0;
    std::int64_t alerts = 0;
    bool unchanged = false; // nothing arrived or changed since the last run: nothing was done
};

// Groups the rows (oldest first) into incidents (pure: no store involved).
std::vector<CorrelatedIncident>
correlateRows(const std::vector<CorrelationRow> &rows,
              const std::vector<std::pair<QString, QString>> &hostAddresses);

// The title, severity and score of a group of rows (its members left empty).
CorrelatedIncident describe(const std::vector<CorrelationRow> &rows,
                            const std::vector<std::size_t> &members);

// Correlates the store's alerts into its incidents: new alerts join the incident their links lead
// to (ids stay), and what the analyst decided (titles, severities, merges, splits, alerts placed
// or taken out) stays. Skipped when no alert arrived and no incident changed, unless `force`.
Result<CorrelationReport> correlate(Store &store, bool force = false);

// The score of a group of alerts, 0–100.
int scoreOf(
    int maxSeverity, int tacticStages, int hosts, int users, std::int64_t alerts, bool noise);

} // namespace Vigie::Analysis
