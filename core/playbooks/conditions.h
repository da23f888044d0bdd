// SPDX-License-Identifier: Apache-2.0
// Playbook variables as a run holds them, and the CACAO condition expressions of if-condition and
// while-condition steps evaluated over them. CACAO 2.0 says a condition is "a boolean expression
// as defined in the STIX Patterning Grammar"; what it compares are playbook variables, referenced
// as __name__:value (CACAO 2.0 section 10.18). Vigie evaluates the part of STIX patterning that
// makes sense over variables and refuses the rest with a reason. (SOARCA, the TNO reference
// executor, reads conditions the same way: "__name__:value != 'text'".)
//
//   condition  := or
//   or         := and ("OR" and)*
//   and        := unary ("AND" unary)*
//   unary      := "(" or ")" | "[" or "]" | comparison | operand
//   comparison := operand ["NOT"] ("=" | "!=" | "<" | "<=" | ">" | ">=") operand
//               | operand ["NOT"] "IN" "(" operand ("," operand)* ")"
//               | operand ["NOT"] ("LIKE" | "MATCHES" | "ISSUBSET" | "ISSUPERSET") operand
//   operand    := __name__:value | 'string' (\' and \\ escaped) | number | true | false
//
// A lone operand is a condition when it is true or false (a literal, or a variable holding
// "true"/"false"). Keywords are case-insensitive. Numbers compare as numbers when both sides are
// numbers and one is a number literal or a numeric variable (integer, long, float); everything
// else compares as text. A list variable compares as its items joined with ","; inside IN (…) it
// stands for its items. A variable that is declared but has no value (null) is the empty string.
// Refused with a reason: STIX object paths (ipv4-addr:value), observation operators (FOLLOWEDBY),
// qualifiers (WITHIN, REPEATS, START/STOP) and typed literals (h'…', b'…', t'…').
#pragma once

#include "core/events/result.h"

#include <QString>
#include <QStringList>

#include <map>

namespace Vigie::Playbooks {

// The value of one playbook variable during a run.
struct Binding
{
    QString type;       // CACAO variable type: string, integer, ipv4-addr… (empty: string)
    QStringList values; // one value for a scalar; the items of a list
    bool list = false;
    bool defined = true; // false: null, "unknown" in CACAO terms (neither given nor set yet)
    bool constant = false;

    // A scalar's value; a list's items joined with ",".
    QString text() const;
    // The items of a list; a defined scalar as one item (none when it is empty).
    QStringList items() const;
    bool isNumeric() const;

    static Binding scalar(const QString &value, const QString &type = {});
    static Binding listOf(const QStringList &items, const QString &type = {});
    static Binding null(const QString &type = {});
    bool operator==(const Binding &) const = default;
};
using Bindings = std::map<QString, Binding>; // by name, __with_underscores__

// Evaluates a condition (see above). Fails with the reason and the character position when the
// expression is malformed, refers to an unknown variable, or uses what Vigie does not evaluate.
Result<bool> evaluateCondition(const QString &condition, const Bindings &bindings);

} // namespace Vigie::Playbooks
