// SPDX-License-Identifier: Apache-2.0
// Making values inert where the toolkit writes them (POSIX shell, PowerShell, CSV, YAML, Sigma and
// STIX patterns), and the validators that decide which indicators may reach a firewall rule at all.
#pragma once

#include <QString>

#include <array>
#include <optional>

namespace Vigie::Playbooks {

// One POSIX sh word that is exactly `value`: single quotes, each ' written '\''. A NUL cannot be
// passed to a program, so it is dropped.
QString shellQuote(const QString &value);

// One PowerShell single-quoted string that is exactly `value`. PowerShell takes ‘ ’ ‚ ‛ for single
// quotes too, so each of the five is doubled (as PowerShell's own
// CodeGeneration.EscapeSingleQuotedStringContent does), never left to close the string.
QString powershellQuote(const QString &value);

// A CSV field (RFC 4180) that a spreadsheet shows as text: a value starting with = + - @ tab or CR
// (after any spaces) is prefixed with ' so it is not read as a formula (OWASP CSV injection), and
// the field is double-quoted when it holds a comma, quote or line break.
QString csvField(const QString &value);

// A YAML scalar that reads back as `value`: single-quoted, or double-quoted with escapes when the
// value holds characters a single-quoted scalar cannot carry (line breaks, control characters).
QString yamlQuote(const QString &value);

// A Sigma value that matches `value` literally: * and ? escaped, and a backslash escaped where it
// would otherwise escape what follows it (Sigma specification, "Escaping").
QString sigmaLiteral(const QString &value);

// A STIX 2.1 pattern string literal: 'value' with \ and ' backslash-escaped.
QString stixString(const QString &value);

// An IPv4 or IPv6 address, optionally with a prefix length (a network).
struct IpNetwork
{
    bool v6 = false;
    std::array<unsigned char, 16> bytes{}; // IPv4 in the first four
    int prefix = -1;                       // -1: a single address
    bool hostBitsSet() const;              // bits set after the prefix (10.0.0.5/24)
    bool isLoopback() const;               // 127.0.0.0/8, ::1
    bool isUnspecified() const;            // 0.0.0.0, ::
};

// Strict parsing: dotted quads without leading zeros (inet_aton would read 010 as octal), RFC 4291
// text for IPv6 (one ::, an optional trailing dotted quad), no zone id, no spaces, ASCII only.
std::optional<IpNetwork> parseIpNetwork(const QString &text);
bool isIPv4(const QString &text);
bool isIPv6(const QString &text);
bool isCidr(const QString &text); // an IPv4 or IPv6 network with a prefix length

// A DNS name of two labels or more: letters, digits, hyphens (underscores in all but the last
// label), labels of 1 to 63 characters not starting or ending with a hyphen, 253 at most, a last
// label that is not all digits. An internationalised name is checked in its ASCII (punycode) form.
bool isDomain(const QString &text);

enum class HashKind { None, Md5, Sha1, Sha256 };
HashKind hashKind(const QString &text); // by its length, when it is hexadecimal

// An absolute http, https or ftp URL whose host is a domain or an address, without spaces or
// control characters.
bool isUrl(const QString &text);

// A control or invisible formatting character (C0, DEL, C1, line/paragraph separators, bidi
// overrides…), which makes a value show differently from what it is.
bool isInvisible(char32_t c);
bool hasInvisible(const QString &text);

} // namespace Vigie::Playbooks
