// SPDX-License-Identifier: Apache-2.0
#include "jsonaccess.h"

#include <cstdlib>

namespace Vigie::Formats {

std::optional<element> pathElement(const object &o, std::string_view dotted)
{
    if (auto flat = field(o, dotted))
        return flat;
    object cur = o;
    std::string_view rest = dotted;
    while (true) {
        const auto dot = rest.find('.');
        if (dot == std::string_view::npos)
            return field(cur, rest);
        // A key may itself hold dots (ECS documents mix nested and flat forms): try the longest
        // flat remainder first at each level.
        if (auto flat = field(cur, rest))
            return flat;
        object next;
        if (cur.at_key(rest.substr(0, dot)).get(next) != simdjson::SUCCESS)
            return std::nullopt;
        cur = next;
        rest.remove_prefix(dot + 1);
    }
}

std::optional<std::int64_t> toInteger(std::string_view t)
{
    while (!t.empty() && t.front() == ' ')
        t.remove_prefix(1);
    if (t.empty())
        return std::nullopt;
    std::int64_t v = 0;
    const char *b = t.data();
    const char *e = t.data() + t.size();
    int base = 10;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        b += 2;
        base = 16;
    }
    const auto r = std::from_chars(b, e, v, base);
    if (r.ec != std::errc() || r.ptr != e)
        return std::nullopt;
    return v;
}

std::optional<std::int64_t> toInteger(const element &e)
{
    switch (e.type()) {
    case simdjson::dom::element_type::INT64:
        return std::int64_t(e);
    case simdjson::dom::element_type::UINT64: {
        const std::uint64_t u = e;
        if (u > static_cast<std::uint64_t>(INT64_MAX))
            return std::nullopt;
        return static_cast<std::int64_t>(u);
    }
    case simdjson::dom::element_type::DOUBLE:
        return static_cast<std::int64_t>(double(e));
    case simdjson::dom::element_type::STRING:
        return toInteger(std::string_view(e));
    default:
        return std::nullopt;
    }
}

void appendScalar(std::string &out, const element &e)
{
    char buf[32];
    switch (e.type()) {
    case simdjson::dom::element_type::STRING:
        out.append(std::string_view(e));
        break;
    case simdjson::dom::element_type::INT64: {
        const auto r = std::to_chars(buf, buf + sizeof buf, std::int64_t(e));
        out.append(buf, r.ptr);
        break;
    }
    case simdjson::dom::element_type::UINT64: {
        const auto r = std::to_chars(buf, buf + sizeof buf, std::uint64_t(e));
        out.append(buf, r.ptr);
        break;
    }
    case simdjson::dom::element_type::DOUBLE: {
        const auto r = std::to_chars(buf, buf + sizeof buf, double(e));
        out.append(buf, r.ptr);
        break;
    }
    case simdjson::dom::element_type::BOOL:
        out.append(bool(e) ? "true" : "false");
        break;
    default:
        break;
    }
}

std::string_view baseName(std::string_view path)
{
    const auto p = path.find_last_of("\\/");
    return p == std::string_view::npos ? path : path.substr(p + 1);
}

std::string toLower(std::string_view s)
{
    std::string r(s);
    for (char &c : r) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    }
    return r;
}

} // namespace Vigie::Formats
