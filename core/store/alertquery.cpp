// SPDX-License-Identifier: Apache-2.0
// The queue's filter language: what an analyst types in the search box becomes an AlertQuery.
#include "core/events/timestamp.h"
#include "core/store/store.h"

#include <QRegularExpression>

namespace Vigie {

AlertKeyset AlertQuery::keysetOf(const AlertRow &row, AlertSort sort)
{
    AlertKeyset k;
    k.ts = row.timestampUs;
    k.id = row.id;
    switch (sort) {
    case AlertSort::Time:
        break;
    case AlertSort::Severity:
        k.number = row.severity;
        break;
    case AlertSort::Status:
        k.number = static_cast<int>(row.status);
        break;
    case AlertSort::Host:
        k.text = row.hostName;
        break;
    case AlertSort::User:
        k.text = row.userName;
        break;
    case AlertSort::Source:
        k.text = row.dataset;
        break;
    case AlertSort::Rule:
        k.text = row.ruleName;
        break;
    case AlertSort::Technique:
        k.text = row.techniqueIds;
        break;
    case AlertSort::Assignee:
        k.text = row.assignee;
        break;
    }
    return k;
}

bool AlertQuery::isUnfiltered() const
{
    return !status && minSeverity < 0 && host.isEmpty() && search.isEmpty() && rule.isEmpty()
           && sourceIp.isEmpty() && destinationIp.isEmpty() && user.isEmpty() && technique.isEmpty()
           && dataset.isEmpty() && assignee.isEmpty() && tag.isEmpty() && incident <= 0
           && process.isEmpty() && !sinceUs && !untilUs;
}

namespace {

// Splits into terms; a double-quoted stretch (also after `key:`) is one term without its quotes.
QStringList terms(const QString &text)
{
    QStringList out;
    QString cur;
    bool quoted = false;
    bool any = false;
    for (const QChar c : text) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
            any = true;
        } else if (c.isSpace() && !quoted) {
            if (any || !cur.isEmpty())
                out << cur;
            cur.clear();
            any = false;
        } else {
            cur += c;
        }
    }
    if (any || !cur.isEmpty())
        out << cur;
    return out;
}

// 15m, 24h, 7d, 2w back from now, or a date/time (2021-06-06, 2021-06-06T13:00, … UTC).
std::optional<std::int64_t> parseTime(const QString &v, std::int64_t nowUs)
{
    static const QRegularExpression rel(QStringLiteral("^(\\d{1,6})([smhdw])$"));
    if (const auto m = rel.match(v); m.hasMatch()) {
        const std::int64_t n = m.captured(1).toLongLong();
        const QChar u = m.captured(2).at(0);
        const std::int64_t unit = u == QLatin1Char('s')   ? 1
                                  : u == QLatin1Char('m') ? 60
                                  : u == QLatin1Char('h') ? 3600
                                  : u == QLatin1Char('d') ? 86400
                                                          : 7 * 86400;
        return nowUs - n * unit * 1000000;
    }
    QString t = v;
    if (t.size() == 10) // a date alone: midnight UTC
        t += QStringLiteral("T00:00:00");
    else if (t.size() == 16) // no seconds
        t += QStringLiteral(":00");
    return parseTimestampUs(t.toStdString());
}

} // namespace

Result<AlertQuery> AlertQuery::parse(const QString &text, std::int64_t nowUs)
{
    AlertQuery q;
    QStringList words;
    for (const QString &term : terms(text)) {
        const qsizetype colon = term.indexOf(QLatin1Char(':'));
        const QString key = colon > 0 ? term.left(colon).toLower() : QString();
        const QString value = colon > 0 ? term.mid(colon + 1) : QString();
        auto bad = [&](const QString &why) {
            return Error(QStringLiteral("%1: %2").arg(term, why));
        };
        if (colon > 0 && value.isEmpty() && !key.isEmpty()
            && key.contains(QRegularExpression(QStringLiteral("^[a-z]+$")))) {
            // `host:` alone while typing: nothing to filter on yet.
            continue;
        }
        if (key == QLatin1String("host")) {
            q.host = value;
        } else if (key == QLatin1String("ip")) {
            q.host = value;
        } else if (key == QLatin1String("user")) {
            q.user = value;
        } else if (key == QLatin1String("src")) {
            q.sourceIp = value;
        } else if (key == QLatin1String("dst")) {
            q.destinationIp = value;
        } else if (key == QLatin1String("rule")) {
            q.rule = value;
        } else if (key == QLatin1String("technique") || key == QLatin1String("t")) {
            static const QRegularExpression id(QStringLiteral("^T\\d{4}(\\.\\d{3})?$"),
                                               QRegularExpression::CaseInsensitiveOption);
            if (!id.match(value).hasMatch())
                return bad(QStringLiteral("an ATT&CK technique id looks like T1059 or T1059.001"));
            q.technique = value.toUpper();
        } else if (key == QLatin1String("source")) {
            q.dataset = value;
        } else if (key == QLatin1String("assignee")) {
            q.assignee = value;
        } else if (key == QLatin1String("incident")) {
            bool ok = false;
            q.incident = value.toLongLong(&ok);
            if (!ok || q.incident <= 0)
                return bad(QStringLiteral("an incident is its number"));
        } else if (key == QLatin1String("ruleid")) {
            q.ruleId = value;
        } else if (key == QLatin1String("process")) {
            q.process = value;
        } else if (key == QLatin1String("tag")) {
            q.tag = value;
        } else if (key == QLatin1String("status")) {
            const auto st = alertStatusFromName(value.toLower());
            if (!st)
                return bad(QStringLiteral("the status is new, in_progress or closed"));
            q.status = st;
        } else if (key == QLatin1String("severity")) {
            QString v = value;
            if (v.startsWith(QLatin1String(">=")))
                v = v.mid(2);
            bool ok = false;
            int n = v.toInt(&ok);
            if (!ok) {
                const QString b = v.toLower();
                n = b == QLatin1String("low")        ? 0
                    : b == QLatin1String("medium")   ? 47
                    : b == QLatin1String("high")     ? 73
                    : b == QLatin1String("critical") ? 99
                                                     : -1;
                ok = n >= 0;
            }
            if (!ok || n < 0 || n > 100)
                return bad(QStringLiteral(
                    "the severity is a number 0-100 or low, medium, high, critical"));
            q.minSeverity = n;
        } else if (key == QLatin1String("since") || key == QLatin1String("until")) {
            const auto t = parseTime(value, nowUs);
            if (!t)
                return bad(QStringLiteral("a time is 15m, 24h, 7d, 2w or a UTC date such as "
                                          "2021-06-06 or 2021-06-06T13:00"));
            (key == QLatin1String("since") ? q.sinceUs : q.untilUs) = *t;
        } else {
            words << term; // free text, including an unknown key (a URL, a path with ':')
        }
    }
    q.search = words.join(QLatin1Char(' '));
    return q;
}

} // namespace Vigie
