// SPDX-License-Identifier: Apache-2.0
// Correlation: alerts grouped into incidents, each alert with the link that brought it in —
//   same_host: the same host within a working session (a gap of two hours starts another);
//   lineage:   a process and the one it started;
//   lateral:   an alert on one host whose source address is another host of the store;
//   indicator: the same external address, domain or file hash;
//   network:   network alerts about the same internal address (scan noise around one host
//              becomes one incident, not hundreds).
// Incidents are scored 0–100 from severity, how far the ATT&CK tactics progress, hosts and users
// involved and how many alerts back them. Incidents an analyst made are left alone.
#pragma once

#include "core/events/result.h"
#include "core/store/store.h"

#include <vector>

namespace Vigie::Analysis {

struct CorrelationReport
{
    int incidents = 0;
    std::int64_t alerts = 0;
};

// Groups the rows (oldest first) into incidents (pure: no store involved).
std::vector<CorrelatedIncident>
correlateRows(const std::vector<CorrelationRow> &rows,
              const std::vector<std::pair<QString, QString>> &hostAddresses);

// Rebuilds the store's correlated incidents from every alert it holds.
Result<CorrelationReport> correlate(Store &store);

// The score of a group of alerts, 0–100.
int scoreOf(
    int maxSeverity, int tacticStages, int hosts, int users, std::int64_t alerts, bool noise);

} // namespace Vigie::Analysis
