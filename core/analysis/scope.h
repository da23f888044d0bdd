// SPDX-License-Identifier: Apache-2.0
// An incident's scope as a graph: the hosts, accounts, processes of interest, files, remote
// addresses and domains it touched, and how they relate (logged on, spawned, wrote, connected to,
// resolved, moved laterally to), each with how often and when — built from the incident's alerts
// and the telemetry around them.
#pragma once

#include "core/store/store.h"

#include <QString>

#include <vector>

namespace Vigie::Analysis {

struct ScopeNode
{
    enum Kind { Host, Account, Process, File, RemoteAddress, Domain };
    Kind kind = Host;
    QString label;           // as the source spells it
    QString detail;          // the address of a host, a process's path, a file's hash
    QString host;            // the host a process or file is on
    std::int64_t count = 0;  // events that name it
    std::int64_t alerts = 0; // of which alerts of the incident
    std::int64_t firstUs = 0, lastUs = 0;
    bool inAlert = false; // an alert of the incident names it
};

struct ScopeEdge
{
    enum Relation { LoggedOn, Spawned, Ran, Wrote, ConnectedTo, Resolved, MovedLaterallyTo };
    int from = 0;
    int to = 0;
    Relation relation = Ran;
    std::int64_t count = 0;
};

struct ScopeGraph
{
    std::vector<ScopeNode> nodes;
    std::vector<ScopeEdge> edges;
    int find(ScopeNode::Kind kind, const QString &label, const QString &host = {}) const;
    static const char *kindName(ScopeNode::Kind kind);      // host, account, …
    static const char *relationName(ScopeEdge::Relation r); // logged_on, spawned, …
};

struct ScopeOptions
{
    int maxPerKind = 12; // the busiest of each kind (everything alerts name stays)
};

// `hostAddresses`: each host's own addresses (lower-case name, address), as the store knows them.
ScopeGraph buildScope(const std::vector<IncidentEvent> &events,
                      const std::vector<std::pair<QString, QString>> &hostAddresses,
                      const ScopeOptions &options = {});

} // namespace Vigie::Analysis
