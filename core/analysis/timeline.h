// SPDX-License-Identifier: Apache-2.0
// The incident timeline's data: every event on the incident's hosts, kept sorted per lane (one lane
// per host) and per kind (telemetry, or an alert at its ATT&CK stage), so that a zoom step only
// counts marks per column with binary searches — a million events bucket in milliseconds.
#pragma once

#include "core/store/store.h"

#include <QStringList>

#include <cstdint>
#include <vector>

namespace Vigie::Analysis {

// The stage of an ATT&CK tactic in kill-chain order (0 = reconnaissance … 13 = impact), -1 none.
int tacticStage(const QString &tactic);
// The tactic id of a stage ("TA0001" for 2), empty for -1.
QString stageTactic(int stage);
constexpr int kStages = 14;

class TimelineIndex
{
public:
    // One mark of the drawing: `count` events of a lane and kind in one column of time.
    struct Mark
    {
        std::int64_t us = 0; // the column's middle
        int lane = 0;
        int stage = -1; // alerts: the tactic's stage (-1: no tactic); telemetry: -1
        bool alert = false;
        std::int64_t count = 0;
    };

    TimelineIndex() = default;
    // Lanes in order of first appearance; events without a host go to a lane named by their
    // addresses.
    explicit TimelineIndex(const std::vector<IncidentEvent> &events);
    // The same from bare points (the benchmark's synthetic store).
    void add(int lane, std::int64_t us, bool alert, int stage);
    void setLanes(const QStringList &lanes) { m_lanes = lanes; }
    void finish(); // sorts; call after the last add()

    const QStringList &lanes() const { return m_lanes; }
    std::int64_t firstUs() const { return m_first; }
    std::int64_t lastUs() const { return m_last; }
    std::int64_t size() const { return m_size; }
    static QString laneOf(const IncidentEvent &e);

    // The marks of [fromUs, toUs) in `columns` equal columns (empty columns give no mark).
    std::vector<Mark> bucket(std::int64_t fromUs, std::int64_t toUs, int columns) const;

private:
    struct Series
    {
        int lane = 0;
        int stage = -1;
        bool alert = false;
        std::vector<std::int64_t> us;
    };
    Series &series(int lane, bool alert, int stage);
    QStringList m_lanes;
    std::vector<Series> m_series;
    std::int64_t m_first = 0, m_last = 0, m_size = 0;
};

} // namespace Vigie::Analysis
