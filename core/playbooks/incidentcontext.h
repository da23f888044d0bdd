// SPDX-License-Identifier: Apache-2.0
// What a response playbook acts on, read from the store for one incident: its hosts (and the agent
// ids the sensors know them by), their addresses, the remote addresses, accounts, hashes, domains,
// processes and alerts. The engine binds these to the playbook's variables (engine.h); the toolkit
// takes its indicators from here too.
#pragma once

#include "core/events/result.h"
#include "core/playbooks/engine.h"
#include "core/store/store.h"

namespace Vigie::Playbooks {

Result<IncidentContext> incidentContext(const Store &store, qint64 incident);

// Hashes as a Sysmon "Hashes" field or an ECS value writes them ("SHA256=AB…,MD5=CD…", "ab…"):
// each hex digest of 32, 40 or 64 characters, lower case.
QStringList hashesIn(const QString &field);

} // namespace Vigie::Playbooks
