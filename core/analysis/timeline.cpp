// SPDX-License-Identifier: Apache-2.0
#include "core/analysis/timeline.h"

#include <algorithm>
#include <cmath>

namespace Vigie::Analysis {

namespace {
const char *const kOrder[kStages] = {"TA0043",
                                     "TA0042",
                                     "TA0001",
                                     "TA0002",
                                     "TA0003",
                                     "TA0004",
                                     "TA0005",
                                     "TA0006",
                                     "TA0007",
                                     "TA0008",
                                     "TA0009",
                                     "TA0011",
                                     "TA0010",
                                     "TA0040"};
} // namespace

int tacticStage(const QString &tactic)
{
    for (int i = 0; i < kStages; ++i)
        if (tactic.compare(QLatin1String(kOrder[i]), Qt::CaseInsensitive) == 0)
            return i;
    return -1;
}

QString stageTactic(int stage)
{
    return stage >= 0 && stage < kStages ? QString::fromLatin1(kOrder[stage]) : QString();
}

QString TimelineIndex::laneOf(const IncidentEvent &e)
{
    const bool network = e.dataset.startsWith(QLatin1String("suricata"))
                         || e.dataset.startsWith(QLatin1String("zeek"));
    if (!e.hostName.isEmpty() && !network)
        return e.hostName;
    return e.sourceIp + QStringLiteral(" → ") + e.destinationIp;
}

TimelineIndex::TimelineIndex(const std::vector<IncidentEvent> &events)
{
    for (const IncidentEvent &e : events) {
        const QString lane = laneOf(e);
        int l = -1;
        for (int i = 0; i < m_lanes.size() && l < 0; ++i)
            if (m_lanes[i].compare(lane, Qt::CaseInsensitive) == 0)
                l = i;
        if (l < 0) {
            l = int(m_lanes.size());
            m_lanes << lane;
        }
        // An alert at the furthest stage it names.
        int stage = -1;
        if (e.alert)
            for (const QString &t : e.tactics.split(QLatin1Char(','), Qt::SkipEmptyParts))
                stage = std::max(stage, tacticStage(t.trimmed()));
        add(l, e.ts, e.alert, stage);
    }
    finish();
}

TimelineIndex::Series &TimelineIndex::series(int lane, bool alert, int stage)
{
    for (Series &s : m_series)
        if (s.lane == lane && s.alert == alert && s.stage == stage)
            return s;
    m_series.push_back({lane, stage, alert, {}});
    return m_series.back();
}

void TimelineIndex::add(int lane, std::int64_t us, bool alert, int stage)
{
    series(lane, alert, alert ? stage : -1).us.push_back(us);
    m_first = m_size == 0 ? us : std::min(m_first, us);
    m_last = m_size == 0 ? us : std::max(m_last, us);
    ++m_size;
}

void TimelineIndex::finish()
{
    for (Series &s : m_series)
        if (!std::is_sorted(s.us.begin(), s.us.end()))
            std::sort(s.us.begin(), s.us.end());
}

std::vector<TimelineIndex::Mark>
TimelineIndex::bucket(std::int64_t fromUs, std::int64_t toUs, int columns) const
{
    std::vector<Mark> out;
    if (columns <= 0 || toUs <= fromUs)
        return out;
    const double width = double(toUs - fromUs) / columns;
    for (const Series &s : m_series) {
        auto it = std::lower_bound(s.us.begin(), s.us.end(), fromUs);
        while (it != s.us.end() && *it < toUs) {
            // The column of this event, then every event of that column at once.
            const int column = std::min(columns - 1, int(double(*it - fromUs) / width));
            const std::int64_t end = fromUs + std::int64_t(std::ceil(width * (column + 1)));
            const auto next = std::lower_bound(it, s.us.end(), std::min(end, toUs));
            const auto stop = next == it ? it + 1 : next;
            out.push_back({fromUs + std::int64_t(width * (column + 0.5)),
                           s.lane,
                           s.stage,
                           s.alert,
                           std::int64_t(stop - it)});
            it = stop;
        }
    }
    return out;
}

} // namespace Vigie::Analysis
