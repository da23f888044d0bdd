// SPDX-License-Identifier: Apache-2.0
// `vigie rca INCIDENT [--db PATH] [--json]`: where an incident began, how it got in, and the chain
// of attacker actions from there.
#include "cliutil.h"

#include "core/analysis/rca.h"
#include "core/events/timestamp.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Vigie::Cli {

namespace {

QString iso(std::int64_t us)
{
    return us > 0 ? QString::fromStdString(formatTimestampUs(us)) : QString();
}

QJsonArray ids(const std::vector<std::int64_t> &v)
{
    QJsonArray out;
    for (const std::int64_t id : v)
        out.append(qint64(id));
    return out;
}

} // namespace

int runRca(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Trace an incident back to where it began: the entry vector, the root and the chain of "
        "attacker actions, each with its evidence events."));
    p.addPositionalArgument(
        QStringLiteral("incident"),
        QCoreApplication::translate("Cli", "The incident (see vigie incidents)."),
        QStringLiteral("INCIDENT"));
    addDbOption(p);
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    const qint64 incident = incidentArgument(p.positionalArguments().value(0));
    const bool ok = incident > 0;
    if (!ok || incident <= 0)
        return fail(
            QCoreApplication::translate("Cli", "usage: vigie rca INCIDENT [--db PATH] [--json]"));
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto result = Analysis::analyseRootCause(*store, incident);
    if (!result)
        return fail(result.error(), 2);
    const Analysis::RcaResult &r = *result;
    if (p.isSet(QStringLiteral("json"))) {
        QJsonArray chain;
        for (const Analysis::RcaStep &s : r.chain)
            chain.append(QJsonObject{{QStringLiteral("timestamp"), iso(s.ts)},
                                     {QStringLiteral("host"), s.host},
                                     {QStringLiteral("action"), s.action},
                                     {QStringLiteral("entity_id"), s.entityId},
                                     {QStringLiteral("executable"), s.executable},
                                     {QStringLiteral("command_line"), s.commandLine},
                                     {QStringLiteral("user"), s.user},
                                     {QStringLiteral("target"), s.target},
                                     {QStringLiteral("technique"), s.technique},
                                     {QStringLiteral("why"), s.why},
                                     {QStringLiteral("evidence"), ids(s.evidence)}});
        const QJsonObject out{
            {QStringLiteral("incident"), qint64(r.incident)},
            {QStringLiteral("entry_vector"),
             QJsonObject{{QStringLiteral("kind"), r.entryKind},
                         {QStringLiteral("technique"), r.entryTechnique},
                         {QStringLiteral("explanation"), r.explanation},
                         {QStringLiteral("evidence"), ids(r.entryEvidence)}}},
            {QStringLiteral("root"),
             QJsonObject{{QStringLiteral("host"), r.root.host},
                         {QStringLiteral("entity_id"), r.root.entityId},
                         {QStringLiteral("executable"), r.root.executable},
                         {QStringLiteral("command_line"), r.root.commandLine},
                         {QStringLiteral("user"), r.root.user},
                         {QStringLiteral("timestamp"), iso(r.root.ts)}}},
            {QStringLiteral("chain"), chain},
            {QStringLiteral("scope"),
             QJsonObject{{QStringLiteral("hosts"), QJsonArray::fromStringList(r.hosts)},
                         {QStringLiteral("users"), QJsonArray::fromStringList(r.users)},
                         {QStringLiteral("ips"), QJsonArray::fromStringList(r.ips)}}},
            {QStringLiteral("confidence"), r.confidence}};
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Indented)));
        return 0;
    }
    printOut(QCoreApplication::translate("Cli", "Incident #%1: %2 (%3), confidence %4%\n")
                 .arg(r.incident)
                 .arg(Analysis::entryKindName(r.entryKind),
                      r.entryTechnique.isEmpty() ? QStringLiteral("—") : r.entryTechnique)
                 .arg(qRound(r.confidence * 100)));
    printOut(r.explanation + QStringLiteral("\n\n"));
    for (const Analysis::RcaStep &s : r.chain)
        printOut(
            QStringLiteral("%1  %2  %3  %4%5\n      %6\n")
                .arg(iso(s.ts), s.host, s.action, s.executable.section(QLatin1Char('\\'), -1))
                .arg(s.technique.isEmpty() ? QString() : QStringLiteral("  [%1]").arg(s.technique))
                .arg(s.why));
    return 0;
}

} // namespace Vigie::Cli
