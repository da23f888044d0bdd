// SPDX-License-Identifier: Apache-2.0
#include "timestamp.h"

#include <cmath>
#include <cstdio>

namespace Vigie {

namespace {
// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z in seconds since the epoch.
constexpr std::int64_t kFirstSecond = -62167219200LL;
constexpr std::int64_t kLastSecond = 253402300799LL;
} // namespace

// Howard Hinnant's days_from_civil algorithm (public domain description), proleptic Gregorian.
std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {
bool digits(std::string_view s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}
} // namespace

std::optional<std::int64_t> parseTimestampUs(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '"'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '"'))
        s.remove_suffix(1);
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-'
        || !digits(s, 8, 2, d)) {
        // Epoch seconds (Zeek's ts), possibly fractional.
        if (s.empty())
            return std::nullopt;
        char *end = nullptr;
        const std::string tmp(s);
        const double v = std::strtod(tmp.c_str(), &end);
        if (end == tmp.c_str() || *end != '\0')
            return std::nullopt;
        return epochSecondsToUs(v);
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return std::nullopt;
    std::size_t p = 10;
    std::int64_t frac = 0;
    if (p < s.size() && (s[p] == 'T' || s[p] == ' ' || s[p] == 't')) {
        if (!digits(s, p + 1, 2, h) || s.size() < p + 6 || s[p + 3] != ':'
            || !digits(s, p + 4, 2, mi))
            return std::nullopt;
        p += 6;
        if (p < s.size() && s[p] == ':') {
            if (!digits(s, p + 1, 2, sec))
                return std::nullopt;
            p += 3;
        }
        if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
            ++p;
            int n = 0;
            while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
                if (n < 6) {
                    frac = frac * 10 + (s[p] - '0');
                    ++n;
                }
                ++p;
            }
            for (; n < 6; ++n)
                frac *= 10;
        }
    }
    if (h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    std::int64_t offsetSec = 0;
    if (p < s.size()) {
        const char z = s[p];
        if (z == 'Z' || z == 'z') {
            ++p;
        } else if (z == '+' || z == '-') {
            int oh = 0, om = 0;
            if (!digits(s, p + 1, 2, oh))
                return std::nullopt;
            std::size_t q = p + 3;
            if (q < s.size() && s[q] == ':')
                ++q;
            if (q < s.size() && !digits(s, q, 2, om))
                return std::nullopt;
            if (q < s.size())
                q += 2;
            offsetSec = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            p = q;
        }
        if (p != s.size())
            return std::nullopt;
    }
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offsetSec;
    if (secs < kFirstSecond || secs > kLastSecond)
        return std::nullopt; // a zone offset took it out of years 0000–9999
    return secs * 1000000 + frac;
}

std::optional<std::int64_t> epochSecondsToUs(double seconds)
{
    // Years 0000 to 9999 only: what is outside is no sensor's clock, and could not be written back
    // as ISO 8601.
    if (!std::isfinite(seconds) || seconds < double(kFirstSecond)
        || seconds >= double(kLastSecond + 1))
        return std::nullopt;
    return static_cast<std::int64_t>(std::llround(seconds * 1e6));
}

std::string formatTimestampUs(std::int64_t us)
{
    std::int64_t secs = us / 1000000;
    std::int64_t frac = us % 1000000;
    if (frac < 0) {
        frac += 1000000;
        --secs;
    }
    std::int64_t days = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    // civil_from_days
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buf[40];
    std::snprintf(buf,
                  sizeof buf,
                  "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ",
                  static_cast<long long>(y),
                  m,
                  d,
                  static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60),
                  static_cast<long long>(rem % 60),
                  static_cast<long long>(frac));
    return buf;
}

} // namespace Vigie
