// SPDX-License-Identifier: Apache-2.0
// Small, allocation-free accessors over simdjson DOM objects for the normalisers: a missing key, a
// null or a value of another type reads as empty, because sensors leave fields out all the time.
#pragma once

#include <simdjson.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace Vigie::Formats {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

inline std::optional<element> field(const object &o, std::string_view key)
{
    element e;
    if (o.at_key(key).get(e) != simdjson::SUCCESS)
        return std::nullopt;
    return e;
}

inline bool has(const object &o, std::string_view key)
{
    element e;
    return o.at_key(key).get(e) == simdjson::SUCCESS;
}

inline std::optional<object> child(const object &o, std::string_view key)
{
    object c;
    if (o.at_key(key).get(c) != simdjson::SUCCESS)
        return std::nullopt;
    return c;
}

// Follows a dotted path through nested objects ("alert.signature"); a flat key with dots in its
// name
// ("kibana.alert.rule.name", as Elastic's APIs return them) is tried first.
std::optional<element> pathElement(const object &o, std::string_view dotted);

inline std::string_view str(const element &e)
{
    std::string_view v;
    if (e.get(v) != simdjson::SUCCESS)
        return {};
    return v;
}

inline std::string_view str(const object &o, std::string_view key)
{
    std::string_view v;
    if (o.at_key(key).get(v) != simdjson::SUCCESS)
        return {};
    return v;
}

inline std::string_view pathStr(const object &o, std::string_view dotted)
{
    const auto e = pathElement(o, dotted);
    return e ? str(*e) : std::string_view{};
}

// An integer from a JSON number, or from a string holding a decimal or 0x-prefixed hexadecimal
// number (Windows writes process ids both ways).
std::optional<std::int64_t> toInteger(const element &e);
std::optional<std::int64_t> toInteger(std::string_view text);
inline std::optional<std::int64_t> integer(const object &o, std::string_view key)
{
    const auto e = field(o, key);
    return e ? toInteger(*e) : std::nullopt;
}
inline std::optional<std::int64_t> pathInteger(const object &o, std::string_view dotted)
{
    const auto e = pathElement(o, dotted);
    return e ? toInteger(*e) : std::nullopt;
}

// The text of a scalar: strings as they are, numbers in decimal, booleans as true/false.
void appendScalar(std::string &out, const element &e);
inline void assignScalar(std::string &out, const element &e)
{
    out.clear();
    appendScalar(out, e);
}

// Assigns only when the value is non-empty and not a placeholder ("-" is Windows' "no value").
inline void setIf(std::string &out, std::string_view v)
{
    if (!v.empty() && v != "-")
        out.assign(v);
}

inline void setPort(int &out, std::optional<std::int64_t> v)
{
    if (v && *v >= 0 && *v <= 65535)
        out = static_cast<int>(*v);
}

// The last path component of a Windows or POSIX path: C:\Windows\System32\cmd.exe -> cmd.exe
std::string_view baseName(std::string_view path);
std::string toLower(std::string_view s);

} // namespace Vigie::Formats
