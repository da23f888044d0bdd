// SPDX-License-Identifier: Apache-2.0
// `vigie audit list|verify`: the response audit log (playbook runs, requests, approvals) and the
// check of its hash chain. Exit codes: 0 done (verify: the chain is intact), 1 bad arguments,
// 2 the store cannot be read, 4 verify found an entry modified, missing or out of place.
#include "cli.h"
#include "cliutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <optional>

namespace Vigie::Cli {

namespace {

// Distinct from 2 (no store, unreadable store): a script can tell "could not check" from
// "checked, and the log was tampered with".
constexpr int kTampered = 4;

QString utcTime(std::int64_t us, bool iso)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    return iso ? t.toString(Qt::ISODateWithMs) : t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// The detail on one line, cut to fit a terminal row.
QString shortDetail(const QString &json, int width)
{
    QString s = json;
    if (s.startsWith(QLatin1Char('{')) && s.endsWith(QLatin1Char('}')))
        s = s.mid(1, s.size() - 2);
    if (s.size() > width)
        s = s.left(width - 1) + QChar(0x2026);
    return s;
}

int runList(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "The response audit log, newest first: playbook runs, steps, requests, response codes, "
        "approvals and toolkits."));
    addDbOption(p);
    p.addOption({QStringLiteral("incident"),
                 QCoreApplication::translate("Cli", "Only the entries of this incident."),
                 QStringLiteral("ID")});
    p.addOption({QStringLiteral("limit"),
                 QCoreApplication::translate("Cli", "At most N entries (default 50; 0: all)."),
                 QStringLiteral("N"),
                 QStringLiteral("50")});
    int code = 0;
    if (!parse(p, args, code))
        return code;
    std::optional<qint64> incident;
    if (p.isSet(QStringLiteral("incident"))) {
        QString text = p.value(QStringLiteral("incident"));
        if (text.startsWith(QLatin1Char('#')))
            text.remove(0, 1);
        bool ok = false;
        incident = text.toLongLong(&ok);
        if (!ok || *incident <= 0)
            return fail(QCoreApplication::translate("Cli", "audit list: not an incident id: %1")
                            .arg(p.value(QStringLiteral("incident"))));
    }
    bool ok = false;
    const int limit = p.value(QStringLiteral("limit")).toInt(&ok);
    if (!ok || limit < 0)
        return fail(QCoreApplication::translate("Cli", "audit list: --limit takes a whole number"));
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto entries = store->responseAudit(incident, limit);
    if (!entries)
        return fail(entries.error(), 2);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray out;
        for (const ResponseAuditEntry &e : *entries)
            out.append(QJsonObject{
                {QStringLiteral("id"), qint64(e.id)},
                {QStringLiteral("at"), utcTime(e.atUs, true)},
                {QStringLiteral("at_us"), qint64(e.atUs)},
                {QStringLiteral("actor"), e.actor},
                {QStringLiteral("kind"), e.kind},
                {QStringLiteral("incident"),
                 e.incident ? QJsonValue(qint64(*e.incident)) : QJsonValue()},
                {QStringLiteral("run_id"), e.runId},
                {QStringLiteral("step"), e.step},
                {QStringLiteral("detail"), QJsonDocument::fromJson(e.detail.toUtf8()).object()},
                {QStringLiteral("prev_hash"), e.prevHash},
                {QStringLiteral("hash"), e.hash}});
        printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("entries"), out}})
                                       .toJson(QJsonDocument::Indented)));
        return 0;
    }
    if (entries->empty()) {
        printOut(QCoreApplication::translate("Cli", "The response audit log is empty.\n"));
        return 0;
    }
    // One multi-argument arg(): chained calls would expand a "%1" found in an actor or a detail.
    auto printRow = [](const QString &id,
                       const QString &time,
                       const QString &actor,
                       const QString &kind,
                       const QString &incident,
                       const QString &step,
                       const QString &detail) {
        printOut(QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                     .arg(id.rightJustified(6),
                          time.leftJustified(19),
                          actor.leftJustified(12),
                          kind.leftJustified(13),
                          incident.leftJustified(8),
                          step.leftJustified(20),
                          detail));
    };
    printRow(QCoreApplication::translate("Cli", "ID"),
             QCoreApplication::translate("Cli", "TIME (UTC)"),
             QCoreApplication::translate("Cli", "ACTOR"),
             QCoreApplication::translate("Cli", "KIND"),
             QCoreApplication::translate("Cli", "INCIDENT"),
             QCoreApplication::translate("Cli", "STEP"),
             QCoreApplication::translate("Cli", "DETAIL"));
    for (const ResponseAuditEntry &e : *entries)
        printRow(QString::number(e.id),
                 utcTime(e.atUs, false),
                 e.actor,
                 e.kind,
                 e.incident ? QStringLiteral("#%1").arg(*e.incident) : QStringLiteral("-"),
                 e.step.isEmpty() ? QStringLiteral("-") : e.step,
                 shortDetail(e.detail, 60));
    return 0;
}

int runVerify(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Check that no entry of the response audit log was modified or deleted.\n"
        "Exit codes: 0 the chain is intact, 2 the store cannot be read, 4 the log was tampered "
        "with (the reason names the entry)."));
    addDbOption(p);
    int code = 0;
    if (!parse(p, args, code))
        return code;
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto v = store->verifyResponseAudit();
    if (!v)
        return fail(v.error(), 2);
    if (p.isSet(QStringLiteral("json"))) {
        QJsonObject out{
            {QStringLiteral("ok"), v->ok},
            {QStringLiteral("entries"), v->rows},
            {QStringLiteral("first_bad_id"), v->ok ? QJsonValue() : QJsonValue(v->firstBadId)},
            {QStringLiteral("reason"), v->reason}};
        if (v->ok && v->headId > 0)
            out.insert(QStringLiteral("head"),
                       QJsonObject{{QStringLiteral("id"), v->headId},
                                   {QStringLiteral("hash"), v->headHash}});
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return v->ok ? 0 : kTampered;
    }
    if (!v->ok) {
        // The reason on standard output too: it is the command's answer, not a failure to run.
        printOut(QCoreApplication::translate("Cli", "Tampered: %1.\n").arg(v->reason));
        return kTampered;
    }
    const qint64 n = v->rows;
    printOut(n == 1 ? QCoreApplication::translate("Cli", "1 entry, chain intact.\n")
                    : QCoreApplication::translate("Cli", "%1 entries, chain intact.\n")
                          .arg(withSeparators(n)));
    // Noted elsewhere, the head lets a later check notice a log cut short or rewritten whole,
    // which a chain kept in the same file cannot show on its own.
    if (v->headId > 0)
        printOut(QCoreApplication::translate("Cli", "Head: entry %1, %2\n")
                     .arg(v->headId)
                     .arg(v->headHash));
    return 0;
}

QString auditUsage()
{
    return QCoreApplication::translate(
        "Cli",
        "usage: vigie audit list [--incident ID] [--limit N] [--json] [--db PATH]\n"
        "       vigie audit verify [--json] [--db PATH]\n"
        "The response audit log: every playbook run, step, request, response code and approval, "
        "append-only and hash-chained.\n"
        "verify exits with 0 when the chain is intact, 4 when an entry was modified or deleted, 2 "
        "when the store cannot be read.\n");
}

} // namespace

int runAudit(const QStringList &args)
{
    const QString command = args.value(1);
    if (command == QLatin1String("list"))
        return runList(args.mid(2));
    if (command == QLatin1String("verify"))
        return runVerify(args.mid(2));
    if (command == QLatin1String("--help") || command == QLatin1String("-h")
        || command == QLatin1String("help")) {
        printOut(auditUsage());
        return 0;
    }
    if (!command.isEmpty())
        printErr(QCoreApplication::translate("Cli", "vigie: audit: unknown command '%1'\n")
                     .arg(command));
    printErr(auditUsage());
    return 1;
}

} // namespace Vigie::Cli
