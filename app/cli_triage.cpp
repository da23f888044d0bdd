// SPDX-License-Identifier: Apache-2.0
// `vigie triage ACTION …`, `vigie triage undo ID`, `vigie triage history`: the triage actions of
// the workbench, headless, on alerts by id or on every alert matching a filter.
#include "cliutil.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace Vigie::Cli {

namespace {

QString actorFrom(const QCommandLineParser &p)
{
    if (p.isSet(QStringLiteral("actor")))
        return p.value(QStringLiteral("actor"));
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("analyst") : user;
}

int runUndo(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "Undo a triage action of the history."));
    addDbOption(p);
    p.addOption({QStringLiteral("actor"),
                 QCoreApplication::translate("Cli", "Who undoes it (default: $USER)."),
                 QStringLiteral("NAME")});
    p.addPositionalArgument(QStringLiteral("ID"),
                            QCoreApplication::translate("Cli", "The history entry."));
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    bool ok = false;
    const qint64 id = p.positionalArguments().value(0).toLongLong(&ok);
    if (!ok)
        return fail(
            QCoreApplication::translate("Cli", "triage undo: give the history entry's number"));
    std::unique_ptr<Store> store;
    if (const int rc = openStore(p, store))
        return rc;
    auto r = store->undoTriage(id, actorFrom(p));
    if (!r)
        return fail(r.error(), 2);
    if (p.isSet(QStringLiteral("json")))
        printOut(
            QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("undone"), id},
                                                        {QStringLiteral("alerts"), qint64(*r)}})
                                  .toJson(QJsonDocument::Compact))
            + QLatin1Char('\n'));
    else
        printOut(QCoreApplication::translate("Cli", "entry %1 undone: %2 alerts restored\n")
                     .arg(id)
                     .arg(withSeparators(*r)));
    return 0;
}

int runHistory(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "The triage history, newest first."));
    addDbOption(p);
    p.addOption({QStringLiteral("limit"),
                 QCoreApplication::translate("Cli", "At most N entries (default 50)."),
                 QStringLiteral("N"),
                 QStringLiteral("50")});
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    std::unique_ptr<Store> store;
    if (const int rc = openStore(p, store))
        return rc;
    auto h = store->history(p.value(QStringLiteral("limit")).toInt());
    if (!h)
        return fail(h.error(), 2);
    QJsonArray out;
    for (const auto &e : *h) {
        const QString when
            = QDateTime::fromSecsSinceEpoch(e.at, QTimeZone::utc()).toString(Qt::ISODate);
        out.append(QJsonObject{
            {QStringLiteral("id"), qint64(e.id)},
            {QStringLiteral("at"), when},
            {QStringLiteral("actor"), e.actor},
            {QStringLiteral("action"), e.action},
            {QStringLiteral("alerts"), qint64(e.count)},
            {QStringLiteral("change"), QJsonDocument::fromJson(e.detail.toUtf8()).object()},
            {QStringLiteral("undone"), e.undone}});
        if (!p.isSet(QStringLiteral("json")))
            printOut(
                QStringLiteral("%1  %2  %3  %4  %5 alerts%6  %7\n")
                    .arg(e.id, 5)
                    .arg(when, e.actor, e.action, withSeparators(e.count))
                    .arg(e.undone ? QCoreApplication::translate("Cli", " (undone)") : QString(),
                         e.detail));
    }
    if (p.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact))
                 + QLatin1Char('\n'));
    return 0;
}

} // namespace

int runTriage(const QStringList &args)
{
    const QString action = args.value(1);
    if (action == QLatin1String("undo"))
        return runUndo(args);
    if (action == QLatin1String("history"))
        return runHistory(args);
    static const QStringList actions = {QStringLiteral("acknowledge"),
                                        QStringLiteral("assign"),
                                        QStringLiteral("close"),
                                        QStringLiteral("reopen"),
                                        QStringLiteral("tag"),
                                        QStringLiteral("note"),
                                        QStringLiteral("set-severity")};
    if (!actions.contains(action))
        return fail(QCoreApplication::translate(
                        "Cli", "usage: vigie triage %1 [--id N]… [filter] … | undo ID | history")
                        .arg(actions.join(QLatin1Char('|'))));
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Triage alerts: the listed ones (--id), or every alert matching the filter (no cap; --all "
        "for "
        "every alert). Each action is recorded in the history and can be undone."));
    addDbOption(p);
    addAlertFilterOptions(p);
    p.addOption({QStringLiteral("id"),
                 QCoreApplication::translate("Cli", "An alert (repeat)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("all"),
                 QCoreApplication::translate("Cli", "Every alert, when no filter is given.")});
    p.addOption({QStringLiteral("assignee"),
                 QCoreApplication::translate("Cli", "Assign to this analyst."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("set-severity"),
                 QCoreApplication::translate("Cli", "The new severity (0–100)."),
                 QStringLiteral("N")});
    p.addOption({QStringLiteral("disposition"),
                 QCoreApplication::translate("Cli", "true_positive, false_positive or benign."),
                 QStringLiteral("D")});
    p.addOption({QStringLiteral("reason"),
                 QCoreApplication::translate("Cli", "Why it is closed."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("tag"),
                 QCoreApplication::translate("Cli", "Add a tag (repeat)."),
                 QStringLiteral("TAG")});
    p.addOption({QStringLiteral("untag"),
                 QCoreApplication::translate("Cli", "Remove a tag (repeat)."),
                 QStringLiteral("TAG")});
    p.addOption({QStringLiteral("note"),
                 QCoreApplication::translate("Cli", "Add a note."),
                 QStringLiteral("TEXT")});
    p.addOption({QStringLiteral("actor"),
                 QCoreApplication::translate("Cli", "Who acts (default: $USER)."),
                 QStringLiteral("NAME")});
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    auto filter = alertFilterFrom(p, QStringLiteral("triage"));
    if (!filter)
        return fail(filter.error());
    std::vector<std::int64_t> ids;
    for (const QString &v : p.values(QStringLiteral("id"))) {
        bool ok = false;
        ids.push_back(v.toLongLong(&ok));
        if (!ok)
            return fail(
                QCoreApplication::translate("Cli", "triage: --id takes an alert number, not %1")
                    .arg(v));
    }
    const bool hasFilter = filter->status || filter->minSeverity >= 0 || !filter->host.isEmpty()
                           || !filter->search.isEmpty();
    if (ids.empty() && !hasFilter && !p.isSet(QStringLiteral("all")))
        return fail(QCoreApplication::translate(
            "Cli", "triage: name alerts with --id or a filter, or say --all"));
    if (!ids.empty() && hasFilter)
        return fail(QCoreApplication::translate("Cli", "triage: give --id or a filter, not both"));

    const QString actor = actorFrom(p);
    TriageChange c;
    c.action = action;
    if (action == QLatin1String("acknowledge")) {
        c.status = AlertStatus::InProgress;
        c.assignee
            = p.isSet(QStringLiteral("assignee")) ? p.value(QStringLiteral("assignee")) : actor;
    } else if (action == QLatin1String("assign")) {
        if (!p.isSet(QStringLiteral("assignee")))
            return fail(QCoreApplication::translate(
                "Cli", "triage assign: give --assignee (empty to unassign)"));
        c.assignee = p.value(QStringLiteral("assignee"));
    } else if (action == QLatin1String("close")) {
        if (!isDisposition(p.value(QStringLiteral("disposition"))))
            return fail(QCoreApplication::translate(
                "Cli", "triage close: give --disposition true_positive, false_positive or benign"));
        c.status = AlertStatus::Closed;
        c.disposition = p.value(QStringLiteral("disposition"));
        c.reason = p.value(QStringLiteral("reason"));
    } else if (action == QLatin1String("reopen")) {
        c.status = AlertStatus::New;
        c.disposition = QString();
        c.reason = QString();
    } else if (action == QLatin1String("set-severity")) {
        bool ok = false;
        const int sev = p.value(QStringLiteral("set-severity")).toInt(&ok);
        if (!ok || sev < 0 || sev > 100)
            return fail(QCoreApplication::translate(
                "Cli", "triage set-severity: give --set-severity from 0 to 100"));
        c.severity = sev;
    }
    c.addTags = p.values(QStringLiteral("tag"));
    c.removeTags = p.values(QStringLiteral("untag"));
    c.note = p.value(QStringLiteral("note"));
    if (action == QLatin1String("tag") && c.addTags.isEmpty() && c.removeTags.isEmpty())
        return fail(QCoreApplication::translate("Cli", "triage tag: give --tag or --untag"));
    if (action == QLatin1String("note") && c.note.isEmpty())
        return fail(QCoreApplication::translate("Cli", "triage note: give --note"));

    std::unique_ptr<Store> store;
    if (const int rc = openStore(p, store))
        return rc;
    auto entry = ids.empty() ? store->triage(actor, c, *filter) : store->triage(actor, c, ids);
    if (!entry)
        return fail(entry.error(), 2);
    qint64 count = 0;
    if (auto h = store->history(1); h && !h->empty())
        count = h->front().count;
    if (p.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(
                     QJsonDocument(QJsonObject{{QStringLiteral("history_id"), qint64(*entry)},
                                               {QStringLiteral("action"), action},
                                               {QStringLiteral("alerts"), count}})
                         .toJson(QJsonDocument::Compact))
                 + QLatin1Char('\n'));
    else
        printOut(QCoreApplication::translate(
                     "Cli", "%1: %2 alerts (history entry %3; undo with: vigie triage undo %3)\n")
                     .arg(action, withSeparators(count))
                     .arg(*entry));
    return count > 0 ? 0 : 3;
}

} // namespace Vigie::Cli
