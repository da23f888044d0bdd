// SPDX-License-Identifier: Apache-2.0
// Indicators of compromise: IP addresses and networks, domains, URLs, file hashes and file names,
// loaded from plain text (one per line, defanged or not, `type:value` to say which), CSV (a column
// named value, indicator or ioc; optional type and description) or a STIX 2.1 bundle (indicators
// whose patterns compare ipv4-addr/ipv6-addr/domain-name/url values, file hashes or names), and
// matched against events: an event's addresses, DNS name and URL host (and their parent domains),
// URL, hashes (also the MD5/SHA-1/SHA-256 written in the original record) and file names.
#pragma once

#include "core/events/event.h"

#include <QString>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace Vigie::Detection {

struct Indicator
{
    enum Kind { Ip, Cidr, Domain, Url, Hash, FileName };
    Kind kind = Ip;
    std::string value;       // normalised: lower-case, refanged
    std::string description; // from the list, when it has one
    std::string source;      // the list's file name
    int severity = 73;
};
const char *indicatorKindName(Indicator::Kind k);

struct IocLoadError
{
    QString file;
    std::int64_t line = 0; // 0: the whole file
    QString reason;
};

class IocSet
{
public:
    // Loads a list (text, CSV or STIX 2.1, by content); bad lines are reported and skipped.
    int loadFile(const QString &path, std::vector<IocLoadError> &errors);
    int loadText(const QByteArray &text, const QString &name, std::vector<IocLoadError> &errors);
    // Adds one indicator from its text (`type:value` or a value whose type is recognised).
    bool add(std::string_view text,
             const std::string &source,
             const std::string &description,
             std::string &error);

    std::size_t size() const { return m_all.size(); }
    const std::vector<std::unique_ptr<Indicator>> &indicators() const { return m_all; }

    // The indicators an event (with its original record's text) matches.
    void match(const Event &e, std::string_view raw, std::vector<const Indicator *> &out) const;

    // The alert a hit becomes, and its stable identity.
    static Event alertFrom(const Event &source, const Indicator &indicator);
    static std::uint64_t identityOf(std::uint64_t sourceIdentity, const Indicator &indicator);

private:
    const Indicator *insert(std::unique_ptr<Indicator> ind);
    struct Network
    {
        bool v6 = false;
        std::array<unsigned char, 16> addr{};
        int prefix = 0;
        const Indicator *indicator = nullptr;
    };
    std::vector<std::unique_ptr<Indicator>> m_all;
    std::unordered_map<std::string, const Indicator *> m_exact; // kind letter + value
    std::vector<Network> m_networks;
    bool m_hasHashes = false;
};

} // namespace Vigie::Detection
