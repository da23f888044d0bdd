// SPDX-License-Identifier: Apache-2.0
// Built-in behavioural analytics: what no single event shows, written as code over the stream of
// stored events (in store order), each with its ATT&CK technique:
//   encoded PowerShell (T1059.001), an Office or server process starting a shell or script host
//   (T1204.002 / T1190), LSASS memory read (T1003.001), a process writing into or starting a thread
//   in another (T1055), a service installed while a remote host talks to the service manager or
//   logs on (T1569.002, T1021.002), Office started through DCOM after a remote logon (T1021.003),
//   a burst of authentication failures from one source (T1110), and periodic beaconing from one
//   host to one destination (T1071).
#pragma once

#include "core/detection/sigma.h"
#include "core/events/event.h"

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Vigie::Detection {

// An event as the analytics read it: the stored row and a way to its original fields.
struct AnalyticEvent
{
    const Event *event = nullptr;
    std::uint64_t identity = 0;
    std::int64_t rawBlock = -1;
    int rawIndex = -1;
    const FieldSource *fields = nullptr; // nullptr when the original could not be read
};

struct AnalyticHit
{
    std::string id; // vigie:encoded_powershell, …
    std::string title;
    std::string evidence; // why, in a sentence
    std::vector<std::string> techniques;
    std::vector<std::string> tactics; // ATT&CK tactic ids
    int severity = 73;
    // The event the alert stands on (copied: stateful analytics fire after it went by).
    Event anchor;
    std::uint64_t identity = 0;
    std::int64_t rawBlock = -1;
    int rawIndex = -1;

    Event alert() const;
    std::uint64_t alertIdentity() const;
};

class Analytics
{
public:
    Analytics();
    ~Analytics();
    // Whether the analytics want this event's original fields (most events they skip at once).
    static bool wantsFields(const Event &e);
    void feed(const AnalyticEvent &e, std::vector<AnalyticHit> &hits);
    // At the end of the stream: the analytics that need it whole (beaconing).
    void finish(std::vector<AnalyticHit> &hits);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace Vigie::Detection
