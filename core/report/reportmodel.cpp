// SPDX-License-Identifier: Apache-2.0
#include "core/report/reportmodel.h"

#include "core/analysis/rca.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>

namespace Vigie::Report {

QString tr2(const QString &lang, const char *en, const char *fr)
{
    if (fr && lang == QLatin1String("fr"))
        return QString::fromUtf8(fr);
    return QCoreApplication::translate("Report", en);
}

QString defangIndicator(const QString &indicator)
{
    QString s = indicator.trimmed();
    if (s.contains(QLatin1String("[.]")))
        return s; // already defanged
    const qsizetype scheme = s.indexOf(QLatin1String("://"));
    if (scheme > 0) {
        QString proto = s.left(scheme);
        proto.replace(QLatin1String("http"), QLatin1String("hxxp"), Qt::CaseInsensitive);
        proto.replace(QLatin1String("ftp"), QLatin1String("fxp"), Qt::CaseInsensitive);
        qsizetype hostEnd = s.indexOf(QLatin1Char('/'), scheme + 3);
        if (hostEnd < 0)
            hostEnd = s.size();
        QString host = s.mid(scheme + 3, hostEnd - scheme - 3);
        host.replace(QLatin1Char('.'), QLatin1String("[.]"));
        return proto + QLatin1String("://") + host + s.mid(hostEnd);
    }
    // A hash has no dots; addresses and names have theirs bracketed.
    s.replace(QLatin1Char('.'), QLatin1String("[.]"));
    return s;
}

namespace {

QString iso(std::int64_t us)
{
    return us > 0 ? QString::fromStdString(formatTimestampUs(us)) : QStringLiteral("—");
}

QString isoSecs(std::int64_t secs)
{
    return QDateTime::fromSecsSinceEpoch(secs, QTimeZone::utc()).toString(Qt::ISODate);
}

// An event-derived value inside a generated sentence: a megabyte of padding must not bury the rest.
QString clip(const QString &s, int maxChars = 200)
{
    return s.size() > maxChars ? s.left(maxChars) + QStringLiteral("… (%1)").arg(s.size()) : s;
}

void addUnique(QStringList &list, const QString &v)
{
    if (!v.trimmed().isEmpty() && !list.contains(v, Qt::CaseInsensitive))
        list << v;
}

// ATT&CK text carries "(Citation: …)" markers and Markdown links a report does not need.
QString plainAttackText(QString text, int maxChars)
{
    static const QRegularExpression citation(QStringLiteral("\\s*\\(Citation:[^)]*\\)"));
    static const QRegularExpression link(QStringLiteral("\\[([^\\]]+)\\]\\([^)]*\\)"));
    text.remove(citation);
    text.replace(link, QStringLiteral("\\1"));
    text = text.simplified();
    if (text.size() > maxChars)
        text = text.left(maxChars).trimmed() + QStringLiteral("…");
    return text;
}

QString entryKindName(const QString &lang, const QString &kind)
{
    struct Name
    {
        const char *kind, *en, *fr;
    };
    static const Name names[] = {
        {"exploit_public_facing",
         QT_TRANSLATE_NOOP("Report", "exploitation of a public-facing application"),
         "l'exploitation d'une application exposée"},
        {"user_execution",
         QT_TRANSLATE_NOOP("Report", "a program run by the user"),
         "un programme lancé par l'utilisateur"},
        {"malicious_document",
         QT_TRANSLATE_NOOP("Report", "a malicious document"),
         "un document malveillant"},
        {"remote_service",
         QT_TRANSLATE_NOOP("Report", "a remote service started from another host"),
         "un service distant lancé depuis un autre hôte"},
        {"valid_accounts",
         QT_TRANSLATE_NOOP("Report", "a logon with a valid account"),
         "une connexion avec un compte valide"},
        {"scheduled_task", QT_TRANSLATE_NOOP("Report", "a scheduled task"), "une tâche planifiée"},
        {"removable_media", QT_TRANSLATE_NOOP("Report", "removable media"), "un support amovible"},
    };
    for (const Name &n : names)
        if (kind == QLatin1String(n.kind))
            return tr2(lang, n.en, n.fr);
    return tr2(lang, QT_TRANSLATE_NOOP("Report", "an unknown entry vector"), "un vecteur inconnu");
}

QString statusName(const QString &lang, int status)
{
    switch (AlertStatus(status)) {
    case AlertStatus::InProgress:
        return tr2(lang, QT_TRANSLATE_NOOP("Report", "in progress"), "en cours");
    case AlertStatus::Closed:
        return tr2(lang, QT_TRANSLATE_NOOP("Report", "closed"), "clos");
    case AlertStatus::New:
        break;
    }
    return tr2(lang, QT_TRANSLATE_NOOP("Report", "new"), "nouveau");
}

// "a, b, c and 4 more"
QString shortList(const QString &lang, const QStringList &items, int keep = 5)
{
    if (items.isEmpty())
        return QStringLiteral("—");
    QStringList shown;
    for (const QString &s : items.mid(0, keep))
        shown << clip(s, 120);
    QString out = shown.join(QStringLiteral(", "));
    if (items.size() > keep)
        out += tr2(lang, QT_TRANSLATE_NOOP("Report", " and %1 more"), " et %1 autres")
                   .arg(items.size() - keep);
    return out;
}

} // namespace

Result<ReportModel> buildReport(const Store &store, std::int64_t incident, const QString &language)
{
    const QString lang = language == QLatin1String("fr") ? language : QStringLiteral("en");
    auto t = [&lang](const char *en, const char *fr) {
        return tr2(lang, en, fr);
    };

    auto incidents = store.incidents();
    if (!incidents)
        return Error(incidents.error());
    const auto found = std::find_if(
        incidents->begin(), incidents->end(), [&](const auto &i) { return i.id == incident; });
    if (found == incidents->end())
        return Error(QStringLiteral("there is no incident #%1").arg(incident));
    const IncidentSummary &inc = *found;
    auto alerts = store.incidentAlerts(incident);
    if (!alerts)
        return Error(alerts.error());
    // A report without a root cause is still a report: the section says none was found.
    auto rcaResult = Analysis::analyseRootCause(store, incident);
    const Analysis::RcaResult rca = rcaResult ? *rcaResult : Analysis::RcaResult{};
    const AttackCatalog &attack = AttackCatalog::instance();

    ReportModel m;
    m.lang = lang;
    m.incident = incident;
    m.title = inc.title;
    m.generated = QDateTime::currentDateTimeUtc();
    m.analyst = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (m.analyst.isEmpty())
        m.analyst = QStringLiteral("analyst");
    m.documentTitle = t(QT_TRANSLATE_NOOP("Report", "Incident report"), "Rapport d'incident");
    m.coverLines
        << t(QT_TRANSLATE_NOOP("Report", "Incident: #%1"), "Incident : n° %1").arg(incident)
        << t(QT_TRANSLATE_NOOP("Report", "Classification: %1"), "Classification : %1").arg(m.tlp)
        << t(QT_TRANSLATE_NOOP("Report", "Date: %1"), "Date : %1")
               .arg(m.generated.toString(Qt::ISODate))
        << t(QT_TRANSLATE_NOOP("Report", "Analyst: %1"), "Analyste : %1").arg(m.analyst)
        << t(QT_TRANSLATE_NOOP("Report", "Version: %1"), "Version : %1").arg(m.version);
    m.rootExecutable = rca.root.executable;
    m.entryKind = rca.entryKind;
    m.entryTechnique = rca.entryTechnique;

    // --- facts ---
    QMap<QString, int> ruleCounts;
    for (const IncidentAlert &a : *alerts)
        ++ruleCounts[a.ruleName];
    QStringList rules = ruleCounts.keys();
    std::stable_sort(rules.begin(), rules.end(), [&](const QString &a, const QString &b) {
        return ruleCounts.value(a) > ruleCounts.value(b);
    });
    rules.removeAll(QString());
    QStringList hosts = inc.hosts, users = inc.users, remote = inc.ips;
    for (const QString &h : rca.hosts)
        addUnique(hosts, h);
    for (const QString &u : rca.users)
        addUnique(users, u);
    for (const QString &ip : rca.ips)
        if (!inc.hostIps.contains(ip))
            addUnique(remote, ip);
    QStringList tacticIds; // as ids, in kill-chain order
    for (const QString &x : inc.tactics)
        if (const AttackTactic *ta = attack.tactic(x))
            addUnique(tacticIds, ta->id);
    QStringList techniqueIds = inc.techniques;
    for (const Analysis::RcaStep &s : rca.chain)
        addUnique(techniqueIds, s.technique);
    addUnique(techniqueIds, rca.entryTechnique);
    auto tacticOrder = [&attack](const QString &id) {
        const auto &list = attack.tactics();
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].id == id)
                return int(i);
        return int(list.size());
    };
    std::sort(tacticIds.begin(), tacticIds.end(), [&](const QString &a, const QString &b) {
        return tacticOrder(a) < tacticOrder(b);
    });
    QStringList tacticNames;
    for (const QString &id : tacticIds)
        tacticNames << attack.tactic(id)->name;

    for (const QString &id : techniqueIds) {
        ReportTechnique rt{id.toUpper(), {}, {}, {}};
        if (const AttackTechnique *tech = attack.technique(id)) {
            rt.name = attack.label(id).mid(tech->id.size() + 1);
            // Under the tactic the incident showed it for, else its first one.
            QString tactic = tech->tactics.value(0);
            for (const QString &ta : tech->tactics)
                if (tacticIds.contains(ta)) {
                    tactic = ta;
                    break;
                }
            rt.tactic = tactic;
            if (const AttackTactic *ta = attack.tactic(tactic))
                rt.tacticName = ta->name;
        }
        m.techniques.push_back(rt);
    }
    std::sort(m.techniques.begin(), m.techniques.end(), [&](const auto &a, const auto &b) {
        const int ta = tacticOrder(a.tactic), tb = tacticOrder(b.tactic);
        return ta != tb ? ta < tb : a.id < b.id;
    });

    // Mitigations that address the observed techniques (a sub-technique without its own list
    // inherits its parent's), most techniques covered first.
    QHash<QString, ReportMitigation> byId;
    for (const ReportTechnique &rt : m.techniques) {
        const AttackTechnique *tech = attack.technique(rt.id);
        if (!tech)
            continue;
        QStringList ms = tech->mitigations;
        if (ms.isEmpty() && !tech->parent.isEmpty())
            if (const AttackTechnique *p = attack.technique(tech->parent))
                ms = p->mitigations;
        for (const QString &mid : ms) {
            const AttackMitigation *mit = attack.mitigation(mid);
            if (!mit)
                continue;
            ReportMitigation &rm = byId[mit->id];
            rm.id = mit->id;
            rm.name = mit->name;
            if (rm.techniques.contains(rt.id))
                continue;
            rm.techniques << rt.id;
            QString text = attack.mitigationText(mit->id, rt.id);
            if (text.isEmpty() && !tech->parent.isEmpty())
                text = attack.mitigationText(mit->id, tech->parent);
            rm.texts << plainAttackText(text, 400);
        }
    }
    for (const ReportMitigation &rm : std::as_const(byId))
        m.mitigations.push_back(rm);
    std::sort(m.mitigations.begin(), m.mitigations.end(), [](const auto &a, const auto &b) {
        return a.techniques.size() != b.techniques.size()
                   ? a.techniques.size() > b.techniques.size()
                   : a.id < b.id;
    });
    if (m.mitigations.size() > 12)
        m.mitigations.resize(12);

    // --- executive summary ---
    ReportSection summary;
    summary.id = QStringLiteral("summary");
    summary.title = t(QT_TRANSLATE_NOOP("Report", "Executive summary"), "Synthèse");
    summary.paragraphs
        << t(QT_TRANSLATE_NOOP("Report",
                               "What happened: incident #%1 “%2” scores %3/100 with severity %4, "
                               "from %5 alerts raised by %6 rules (%7)."),
             "Ce qui s'est passé : l'incident n° %1 « %2 » a un score de %3/100 et une sévérité "
             "de %4, pour %5 alertes levées par %6 règles (%7).")
               .arg(incident)
               .arg(clip(inc.title))
               .arg(inc.score)
               .arg(inc.severity)
               .arg(inc.alertCount)
               .arg(rules.size())
               .arg(shortList(lang, rules, 4));
    summary.paragraphs << t(QT_TRANSLATE_NOOP("Report", "When: from %1 to %2 (UTC)."),
                            "Quand : du %1 au %2 (UTC).")
                              .arg(iso(inc.firstSeenUs), iso(inc.lastSeenUs));
    if (rca.entryKind != QLatin1String("unknown") || !rca.root.executable.isEmpty())
        summary.paragraphs
            << t(QT_TRANSLATE_NOOP("Report",
                                   "How it started: %1 (%2); the first attacker program was %3 on "
                                   "%4 at %5."),
                 "Comment cela a commencé : %1 (%2) ; le premier programme de l'attaquant était "
                 "%3 sur %4 à %5.")
                   .arg(entryKindName(lang, rca.entryKind),
                        rca.entryTechnique.isEmpty() ? QStringLiteral("—") : rca.entryTechnique,
                        rca.root.executable.isEmpty() ? QStringLiteral("—") : rca.root.executable,
                        rca.root.host.isEmpty() ? QStringLiteral("—") : rca.root.host,
                        iso(rca.root.ts));
    else
        summary.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                                  "How it started: root-cause analysis found no "
                                                  "entry vector in the stored events."),
                                "Comment cela a commencé : l'analyse de cause racine n'a trouvé "
                                "aucun vecteur d'entrée dans les événements stockés.");
    summary.paragraphs
        << t(QT_TRANSLATE_NOOP("Report",
                               "How far: %1 hosts (%2), %3 user accounts (%4), %5 remote "
                               "addresses; tactics observed: %6."),
             "Étendue : %1 hôtes (%2), %3 comptes (%4), %5 adresses distantes ; tactiques "
             "observées : %6.")
               .arg(hosts.size())
               .arg(shortList(lang, hosts))
               .arg(users.size())
               .arg(shortList(lang, users))
               .arg(remote.size())
               .arg(shortList(lang, tacticNames, 8));
    summary.paragraphs << t(QT_TRANSLATE_NOOP("Report", "Status: %1, %2."), "Statut : %1, %2.")
                              .arg(statusName(lang, inc.status),
                                   inc.assignee.isEmpty()
                                       ? t(QT_TRANSLATE_NOOP("Report", "unassigned"), "non assigné")
                                       : t(QT_TRANSLATE_NOOP("Report", "assigned to %1"),
                                           "assigné à %1")
                                             .arg(inc.assignee));
    QStringList topMitigations;
    for (std::size_t i = 0; i < m.mitigations.size() && i < 3; ++i)
        topMitigations << m.mitigations[i].id + QLatin1Char(' ') + m.mitigations[i].name;
    // The system's own accounts have no credentials to reset.
    QStringList people;
    for (const QString &u : std::as_const(users)) {
        const QString bare = u.section(QLatin1Char('\\'), -1).toUpper();
        if (!bare.endsWith(QLatin1Char('$')) && bare != QLatin1String("SYSTEM")
            && bare != QLatin1String("LOCAL SERVICE") && bare != QLatin1String("NETWORK SERVICE"))
            people << u;
    }
    summary.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                              "What to do now: contain the affected hosts (%1), "
                                              "reset the credentials of %2, then apply %3."),
                            "À faire maintenant : isoler les hôtes touchés (%1), réinitialiser "
                            "les identifiants de %2, puis appliquer %3.")
                              .arg(shortList(lang, hosts),
                                   shortList(lang, people.isEmpty() ? users : people),
                                   shortList(lang, topMitigations, 3));
    m.sections.push_back(summary);

    // --- timeline ---
    ReportSection timeline;
    timeline.id = QStringLiteral("timeline");
    timeline.title = t(QT_TRANSLATE_NOOP("Report", "Timeline"), "Chronologie");
    timeline.table.headers << t(QT_TRANSLATE_NOOP("Report", "Time (UTC)"), "Heure (UTC)")
                           << t(QT_TRANSLATE_NOOP("Report", "Host"), "Hôte")
                           << t(QT_TRANSLATE_NOOP("Report", "Action"), "Action")
                           << t(QT_TRANSLATE_NOOP("Report", "Program"), "Programme")
                           << t(QT_TRANSLATE_NOOP("Report", "Technique"), "Technique");
    // In time order (the chain follows causes; each host keeps its own clock), programs by name.
    std::vector<Analysis::RcaStep> steps = rca.chain;
    std::stable_sort(
        steps.begin(), steps.end(), [](const auto &a, const auto &b) { return a.ts < b.ts; });
    for (const Analysis::RcaStep &s : steps)
        timeline.table.rows.push_back({iso(s.ts),
                                       s.host,
                                       s.action,
                                       s.executable.section(QLatin1Char('\\'), -1),
                                       attack.label(s.technique)});
    if (rca.chain.empty())
        timeline.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                                   "No chain of attacker actions was "
                                                   "reconstructed; the alerts are listed in the "
                                                   "appendix."),
                                 "Aucune chaîne d'actions de l'attaquant n'a été reconstituée ; "
                                 "les alertes figurent en annexe.");
    m.sections.push_back(timeline);

    // --- scope ---
    ReportSection scope;
    scope.id = QStringLiteral("scope");
    scope.title = t(QT_TRANSLATE_NOOP("Report", "Scope"), "Périmètre");
    scope.table.headers << t(QT_TRANSLATE_NOOP("Report", "Kind"), "Type")
                        << t(QT_TRANSLATE_NOOP("Report", "Value"), "Valeur")
                        << t(QT_TRANSLATE_NOOP("Report", "Address"), "Adresse");
    for (int i = 0; i < hosts.size(); ++i)
        scope.table.rows.push_back({t(QT_TRANSLATE_NOOP("Report", "host"), "hôte"),
                                    hosts[i],
                                    defangIndicator(inc.hostIps.value(i))});
    for (const QString &u : std::as_const(users))
        scope.table.rows.push_back({t(QT_TRANSLATE_NOOP("Report", "user"), "utilisateur"), u, {}});
    for (const QString &ip : std::as_const(remote))
        scope.table.rows.push_back(
            {t(QT_TRANSLATE_NOOP("Report", "remote address"), "adresse distante"),
             defangIndicator(ip),
             {}});
    m.sections.push_back(scope);

    // --- root cause ---
    ReportSection root;
    root.id = QStringLiteral("root_cause");
    root.title = t(QT_TRANSLATE_NOOP("Report", "Root cause"), "Cause racine");
    root.bullets << t(QT_TRANSLATE_NOOP("Report", "Entry vector: %1 (%2)"),
                      "Vecteur d'entrée : %1 (%2)")
                        .arg(entryKindName(lang, rca.entryKind),
                             rca.entryTechnique.isEmpty() ? QStringLiteral("—")
                                                          : attack.label(rca.entryTechnique));
    if (!rca.root.executable.isEmpty()) {
        root.bullets << t(QT_TRANSLATE_NOOP("Report", "Root program: %1 on %2, user %3, at %4"),
                          "Programme racine : %1 sur %2, utilisateur %3, à %4")
                            .arg(rca.root.executable,
                                 rca.root.host,
                                 rca.root.user.isEmpty() ? QStringLiteral("—") : rca.root.user,
                                 iso(rca.root.ts));
        if (!rca.root.commandLine.isEmpty())
            root.bullets << t(QT_TRANSLATE_NOOP("Report", "Command line: %1"),
                              "Ligne de commande : %1")
                                .arg(rca.root.commandLine);
    }
    root.bullets << t(QT_TRANSLATE_NOOP("Report",
                                        "Confidence: %1%, %2 of %3 alerted actions "
                                        "explained"),
                      "Confiance : %1 %, %2 actions alertées expliquées sur %3")
                        .arg(qRound(rca.confidence * 100))
                        .arg(rca.explained)
                        .arg(rca.alerts);
    if (!rca.explanation.isEmpty())
        root.paragraphs << rca.explanation;
    if (!rcaResult)
        root.paragraphs << rcaResult.error();
    m.sections.push_back(root);

    // --- ATT&CK ---
    ReportSection att;
    att.id = QStringLiteral("attack");
    att.title
        = t(QT_TRANSLATE_NOOP("Report", "MITRE ATT&CK techniques"), "Techniques MITRE ATT&CK");
    att.table.headers << t(QT_TRANSLATE_NOOP("Report", "Tactic"), "Tactique")
                      << t(QT_TRANSLATE_NOOP("Report", "ID"), "ID")
                      << t(QT_TRANSLATE_NOOP("Report", "Technique"), "Technique");
    for (const ReportTechnique &rt : m.techniques)
        att.table.rows.push_back({rt.tactic.isEmpty()
                                      ? QStringLiteral("—")
                                      : rt.tactic + QLatin1Char(' ') + rt.tacticName,
                                  rt.id,
                                  rt.name});
    m.sections.push_back(att);

    // --- mitigations ---
    ReportSection mit;
    mit.id = QStringLiteral("mitigations");
    mit.title = t(QT_TRANSLATE_NOOP("Report", "Recommended mitigations"),
                  "Mesures d'atténuation recommandées");
    mit.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                          "ATT&CK mitigations that address the observed "
                                          "techniques, those covering the most first."),
                        "Mesures ATT&CK qui traitent les techniques observées, les plus "
                        "couvrantes d'abord.");
    mit.table.headers << t(QT_TRANSLATE_NOOP("Report", "ID"), "ID")
                      << t(QT_TRANSLATE_NOOP("Report", "Mitigation"), "Mesure")
                      << t(QT_TRANSLATE_NOOP("Report", "Techniques"), "Techniques")
                      << t(QT_TRANSLATE_NOOP("Report", "How (ATT&CK)"), "Comment (ATT&CK)");
    for (const ReportMitigation &rm : m.mitigations) {
        QStringList how;
        for (int i = 0; i < rm.techniques.size(); ++i)
            if (!rm.texts.value(i).isEmpty())
                how << rm.techniques[i] + QStringLiteral(": ") + rm.texts[i];
        mit.table.rows.push_back({rm.id,
                                  rm.name,
                                  rm.techniques.join(QStringLiteral(", ")),
                                  how.join(QLatin1Char('\n'))});
    }
    m.sections.push_back(mit);

    // --- indicators ---
    ReportSection iocs;
    iocs.id = QStringLiteral("iocs");
    iocs.title = t(QT_TRANSLATE_NOOP("Report", "Indicators of compromise"),
                   "Indicateurs de compromission");
    iocs.table.headers << t(QT_TRANSLATE_NOOP("Report", "Type"), "Type")
                       << t(QT_TRANSLATE_NOOP("Report", "Indicator (defanged)"),
                            "Indicateur (neutralisé)")
                       << t(QT_TRANSLATE_NOOP("Report", "Context"), "Contexte");
    for (const QString &ip : std::as_const(remote)) {
        m.indicators << defangIndicator(ip);
        iocs.table.rows.push_back(
            {QStringLiteral("ip"),
             m.indicators.back(),
             t(QT_TRANSLATE_NOOP("Report", "remote address"), "adresse distante")});
    }
    for (int i = 0; i < hosts.size(); ++i) {
        m.indicators << defangIndicator(hosts[i]);
        iocs.table.rows.push_back({QStringLiteral("host"),
                                   m.indicators.back(),
                                   t(QT_TRANSLATE_NOOP("Report", "affected host"), "hôte touché")});
        if (!inc.hostIps.value(i).isEmpty()) {
            m.indicators << defangIndicator(inc.hostIps[i]);
            iocs.table.rows.push_back(
                {QStringLiteral("ip"),
                 m.indicators.back(),
                 t(QT_TRANSLATE_NOOP("Report", "address of %1"), "adresse de %1").arg(hosts[i])});
        }
    }
    QStringList programs;
    for (const Analysis::RcaStep &s : rca.chain)
        addUnique(programs, s.executable);
    for (const QString &p : std::as_const(programs))
        iocs.table.rows.push_back({QStringLiteral("file"),
                                   p,
                                   t(QT_TRANSLATE_NOOP("Report", "program in the attack chain"),
                                     "programme de la chaîne d'attaque")});
    m.sections.push_back(iocs);

    // --- response actions (the audit trail entries that name this incident) ---
    ReportSection actions;
    actions.id = QStringLiteral("actions");
    actions.title = t(QT_TRANSLATE_NOOP("Report", "Response actions"), "Actions de réponse");
    actions.table.headers << t(QT_TRANSLATE_NOOP("Report", "Time (UTC)"), "Heure (UTC)")
                          << t(QT_TRANSLATE_NOOP("Report", "Analyst"), "Analyste")
                          << t(QT_TRANSLATE_NOOP("Report", "Action"), "Action")
                          << t(QT_TRANSLATE_NOOP("Report", "Detail"), "Détail");
    if (auto history = store.history(0)) {
        for (auto it = history->rbegin(); it != history->rend(); ++it) {
            const QJsonObject d = QJsonDocument::fromJson(it->detail.toUtf8()).object();
            if (d.value(QLatin1String("incident")).toInteger() != incident)
                continue;
            QString action = it->action;
            if (it->undone)
                action += t(QT_TRANSLATE_NOOP("Report", " (undone)"), " (annulée)");
            actions.table.rows.push_back({isoSecs(it->at), it->actor, action, it->detail});
        }
    }
    if (actions.table.rows.empty())
        actions.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                                  "No response action is recorded for this "
                                                  "incident yet."),
                                "Aucune action de réponse n'est encore enregistrée pour cet "
                                "incident.");
    m.sections.push_back(actions);

    // --- evidence ---
    ReportSection evidence;
    evidence.id = QStringLiteral("evidence");
    evidence.title = t(QT_TRANSLATE_NOOP("Report", "Appendix: evidence"), "Annexe : preuves");
    evidence.table.headers << t(QT_TRANSLATE_NOOP("Report", "Alert"), "Alerte")
                           << t(QT_TRANSLATE_NOOP("Report", "Time (UTC)"), "Heure (UTC)")
                           << t(QT_TRANSLATE_NOOP("Report", "Severity"), "Sévérité")
                           << t(QT_TRANSLATE_NOOP("Report", "Host"), "Hôte")
                           << t(QT_TRANSLATE_NOOP("Report", "Rule"), "Règle")
                           << t(QT_TRANSLATE_NOOP("Report", "Techniques"), "Techniques");
    for (const IncidentAlert &a : *alerts)
        evidence.table.rows.push_back({QString::number(a.id),
                                       iso(a.ts),
                                       QString::number(a.severity),
                                       a.hostName,
                                       a.ruleName,
                                       a.techniques});
    m.sections.push_back(evidence);
    return m;
}

} // namespace Vigie::Report
