// SPDX-License-Identifier: Apache-2.0
#include "core/report/reportmodel.h"

#include "core/analysis/rca.h"
#include "core/events/language.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"
#include "core/knowledge/d3fend.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace Vigie::Report {

QString tr2(const QString &lang, const char *en, const char *fr)
{
    if (fr && lang == QLatin1String("fr"))
        return QString::fromUtf8(fr);
    // The source itself (or its English plural form), never the program's own language.
    return Language::translateIn(QStringLiteral("en"), "Report", en);
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

// A table's time: to the second, the date first (the column says UTC).
QString tableTime(std::int64_t us)
{
    return us > 0 ? QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc())
                        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  : QStringLiteral("—");
}

QString isoSecs(std::int64_t secs)
{
    return tableTime(secs * 1000000);
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

// A table of identifiers and how each reads in English and French.
struct Wording
{
    const char *key, *en, *fr;
};

template<std::size_t N>
QString
worded(const QString &lang, const Wording (&table)[N], const QString &key, QString otherwise)
{
    for (const Wording &w : table)
        if (key == QLatin1String(w.key))
            return tr2(lang, w.en, w.fr);
    return otherwise;
}

QString entryKindName(const QString &lang, const QString &kind)
{
    static const Wording names[] = {
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
    return worded(
        lang,
        names,
        kind,
        tr2(lang, QT_TRANSLATE_NOOP("Report", "an unknown entry vector"), "un vecteur inconnu"));
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

// A root-cause step's action as the report's reader says it.
QString stepActionName(const QString &lang, const QString &action)
{
    static const Wording names[] = {
        {"spawned", QT_TRANSLATE_NOOP("Report", "started a program"), "a lancé un programme"},
        {"started", QT_TRANSLATE_NOOP("Report", "already running"), "déjà en cours d'exécution"},
        {"executed",
         QT_TRANSLATE_NOOP("Report", "ran a file written earlier"),
         "a exécuté un fichier écrit plus tôt"},
        {"wrote", QT_TRANSLATE_NOOP("Report", "wrote a file"), "a écrit un fichier"},
        {"connected", QT_TRANSLATE_NOOP("Report", "connected"), "s'est connecté"},
        {"logged_on", QT_TRANSLATE_NOOP("Report", "logged on"), "ouverture de session"},
        {"created_service", QT_TRANSLATE_NOOP("Report", "created a service"), "a créé un service"},
        {"service_ran", QT_TRANSLATE_NOOP("Report", "service ran"), "service exécuté"},
        {"registry_hijack",
         QT_TRANSLATE_NOOP("Report", "hijacked a registry handler"),
         "a détourné un gestionnaire du registre"},
        {"injected", QT_TRANSLATE_NOOP("Report", "injected code"), "a injecté du code"},
        {"lateral_movement",
         QT_TRANSLATE_NOOP("Report", "moved to another host"),
         "s'est déplacé vers un autre hôte"},
    };
    return worded(lang, names, action, action);
}

QString idsOf(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << QStringLiteral("#%1").arg(x.toInteger());
    return out.join(QStringLiteral(", "));
}

// An entry of the history as a sentence (its detail is JSON, for the program; the reader gets
// words). Unknown actions list their fields.
QString describeAction(const QString &lang, const AuditEntry &e, const QJsonObject &d)
{
    auto t = [&lang](const char *en, const char *fr) {
        return tr2(lang, en, fr);
    };
    const QString a = e.action;
    if (a == QLatin1String("rename_incident"))
        return t(QT_TRANSLATE_NOOP("Report", "Renamed “%1”"), "Renommé « %1 »")
            .arg(clip(d.value(QLatin1String("title")).toString()));
    if (a == QLatin1String("set_incident_severity"))
        return t(QT_TRANSLATE_NOOP("Report", "Severity set to %1"), "Sévérité fixée à %1")
            .arg(d.value(QLatin1String("severity")).toInt());
    if (a == QLatin1String("merge_incidents"))
        return t(QT_TRANSLATE_NOOP("Report", "Merged incidents %1 into this one (%2 alerts)"),
                 "Incidents %1 fusionnés dans celui-ci (%2 alertes)")
            .arg(idsOf(d.value(QLatin1String("merged"))))
            .arg(e.count);
    if (a == QLatin1String("split_incident"))
        return t(QT_TRANSLATE_NOOP("Report", "Split %1 alerts off into incident #%2"),
                 "%1 alertes détachées dans l'incident n° %2")
            .arg(e.count)
            .arg(d.value(QLatin1String("into")).toInteger());
    if (a == QLatin1String("remove_from_incident"))
        return t(QT_TRANSLATE_NOOP("Report", "Took %1 alerts out of the incident"),
                 "%1 alertes retirées de l'incident")
            .arg(e.count);
    if (a == QLatin1String("report"))
        return t(QT_TRANSLATE_NOOP("Report", "Report written: %1 (SHA-256 %2…)"),
                 "Rapport écrit : %1 (SHA-256 %2…)")
            .arg(QFileInfo(d.value(QLatin1String("path")).toString()).fileName(),
                 d.value(QLatin1String("sha256")).toString().left(16));
    QStringList fields;
    for (auto it = d.begin(); it != d.end(); ++it) {
        if (it.key() == QLatin1String("incident"))
            continue;
        const QJsonValue v = it.value();
        QString text
            = v.isString()   ? v.toString()
              : v.isDouble() ? QString::number(v.toDouble())
              : v.isBool()   ? QString::fromLatin1(v.toBool() ? "yes" : "no")
              : v.isArray()
                  ? QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact))
                  : QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        fields << it.key() + QStringLiteral(": ") + clip(text, 120);
    }
    return fields.join(QStringLiteral("; "));
}

QString actionName(const QString &lang, const QString &action)
{
    static const Wording names[] = {
        {"rename_incident", QT_TRANSLATE_NOOP("Report", "rename"), "renommage"},
        {"set_incident_severity", QT_TRANSLATE_NOOP("Report", "severity"), "sévérité"},
        {"merge_incidents", QT_TRANSLATE_NOOP("Report", "merge"), "fusion"},
        {"split_incident", QT_TRANSLATE_NOOP("Report", "split"), "séparation"},
        {"remove_from_incident", QT_TRANSLATE_NOOP("Report", "remove alerts"), "retrait d'alertes"},
        {"report", QT_TRANSLATE_NOOP("Report", "report"), "rapport"},
        {"acknowledge", QT_TRANSLATE_NOOP("Report", "acknowledge"), "prise en compte"},
        {"assign", QT_TRANSLATE_NOOP("Report", "assign"), "assignation"},
        {"close", QT_TRANSLATE_NOOP("Report", "close"), "clôture"},
        {"reopen", QT_TRANSLATE_NOOP("Report", "reopen"), "réouverture"},
    };
    return worded(lang, names, action, action);
}

// D3FEND tactics, the ones a customer acts on first.
int d3fendTacticRank(const QString &tactic)
{
    static const QStringList order{QStringLiteral("Harden"),
                                   QStringLiteral("Isolate"),
                                   QStringLiteral("Detect"),
                                   QStringLiteral("Evict"),
                                   QStringLiteral("Restore"),
                                   QStringLiteral("Deceive"),
                                   QStringLiteral("Model")};
    const qsizetype i = order.indexOf(tactic);
    return i < 0 ? int(order.size()) : int(i);
}

} // namespace

Result<ReportModel> buildReport(const Store &store,
                                std::int64_t incident,
                                const QString &language,
                                const ReportTemplate &style)
{
    const QString lang = language == QLatin1String("fr") ? language : QStringLiteral("en");
    auto t = [&lang](const char *en, const char *fr) {
        return tr2(lang, en, fr);
    };

    auto found = store.incident(incident);
    if (!found)
        return Error(found.error());
    const IncidentSummary &inc = *found;
    auto alerts = store.incidentAlerts(incident);
    if (!alerts)
        return Error(alerts.error());
    // A report without a root cause is still a report: the section says none was found. Its
    // sentences come in the report's language.
    auto rcaResult = [&] {
        Language::ScopedLanguage inReportLanguage(lang);
        return Analysis::analyseRootCause(store, incident);
    }();
    const Analysis::RcaResult rca = rcaResult ? *rcaResult : Analysis::RcaResult{};
    const AttackCatalog &attack = AttackCatalog::instance();

    ReportModel m;
    m.lang = lang;
    m.incident = incident;
    m.title = inc.title;
    m.style = style;
    m.tlp = style.tlp;
    m.generated = QDateTime::currentDateTimeUtc();
    m.analyst = style.analyst;
    if (m.analyst.isEmpty())
        m.analyst = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    if (m.analyst.isEmpty())
        m.analyst = QStringLiteral("analyst");
    m.documentTitle = t(QT_TRANSLATE_NOOP("Report", "Incident report"), "Rapport d'incident");
    if (!style.organisation.isEmpty())
        m.coverLines << t(QT_TRANSLATE_NOOP("Report", "Prepared by: %1"), "Rédigé par : %1")
                            .arg(style.organisation);
    if (!style.customer.isEmpty())
        m.coverLines
            << t(QT_TRANSLATE_NOOP("Report", "Customer: %1"), "Client : %1").arg(style.customer);
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
            rm.texts << plainAttackText(text, 240);
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
    timeline.table.widths = {21, 20, 17, 14, 28};
    // In time order (the chain follows causes; each host keeps its own clock), programs by name.
    std::vector<Analysis::RcaStep> steps = rca.chain;
    std::stable_sort(
        steps.begin(), steps.end(), [](const auto &a, const auto &b) { return a.ts < b.ts; });
    for (const Analysis::RcaStep &s : steps)
        timeline.table.rows.push_back({tableTime(s.ts),
                                       s.host,
                                       stepActionName(lang, s.action),
                                       s.executable.section(QLatin1Char('\\'), -1),
                                       attack.label(s.technique)});
    if (rca.chain.empty())
        timeline.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                                   "No chain of attacker actions was "
                                                   "reconstructed; the alerts are listed in the "
                                                   "appendix."),
                                 "Aucune chaîne d'actions de l'attaquant n'a été reconstituée ; "
                                 "les alertes figurent en annexe.");
    // The chart: each host a lane, its alerts and the chain's steps at their time.
    timeline.chart = QStringLiteral("timeline");
    auto tacticOf = [&attack, &tacticIds](const QString &techniques, const QString &tactics) {
        for (const QString &x : tactics.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const AttackTactic *ta = attack.tactic(x.trimmed()))
                return ta->id;
        for (const QString &x : techniques.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (const AttackTechnique *tech = attack.technique(x.trimmed())) {
                for (const QString &ta : tech->tactics)
                    if (tacticIds.contains(ta))
                        return ta;
                return tech->tactics.value(0);
            }
        return QString();
    };
    for (const IncidentAlert &a : *alerts)
        m.points.push_back(
            {a.ts, a.hostName, tacticOf(a.techniques, a.tactics), a.ruleName, a.severity, false});
    for (const Analysis::RcaStep &s : rca.chain)
        m.points.push_back({s.ts,
                            s.host,
                            tacticOf(s.technique, {}),
                            s.executable.section(QLatin1Char('\\'), -1),
                            0,
                            true});
    std::stable_sort(
        m.points.begin(), m.points.end(), [](const auto &a, const auto &b) { return a.ts < b.ts; });
    for (const ReportChartPoint &p : m.points)
        addUnique(m.hosts, p.host);
    m.sections.push_back(timeline);

    // --- scope ---
    ReportSection scope;
    scope.id = QStringLiteral("scope");
    scope.title = t(QT_TRANSLATE_NOOP("Report", "Scope"), "Périmètre");
    scope.chart = QStringLiteral("scope");
    scope.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                            "Alerts per host, by ATT&CK tactic; then every host, "
                                            "account and remote address involved."),
                          "Alertes par hôte, par tactique ATT&CK ; puis chaque hôte, compte et "
                          "adresse distante concernés.");
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
    att.table.widths = {30, 12, 58};
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
    mit.table.widths = {8, 17, 17, 58};
    for (const ReportMitigation &rm : m.mitigations) {
        // ATT&CK's text for the first three techniques: enough to act on, short enough to read.
        // Techniques with the same text (a sub-technique and its parent) share one line.
        QStringList texts, ids;
        for (int i = 0; i < rm.techniques.size(); ++i) {
            if (rm.texts.value(i).isEmpty())
                continue;
            const qsizetype k = texts.indexOf(rm.texts[i]);
            if (k >= 0) {
                ids[k] += QStringLiteral(", ") + rm.techniques[i];
            } else {
                texts << rm.texts[i];
                ids << rm.techniques[i];
            }
        }
        QStringList how;
        for (qsizetype i = 0; i < texts.size() && i < 3; ++i)
            how << ids[i] + QStringLiteral(": ") + texts[i];
        if (texts.size() > 3) {
            qsizetype more = 0;
            for (const QString &list : ids.mid(3))
                more += list.count(QLatin1Char(',')) + 1;
            how << t(QT_TRANSLATE_NOOP("Report", "(and %1 more techniques)"),
                     "(et %1 autres techniques)")
                       .arg(more);
        }
        mit.table.rows.push_back({rm.id,
                                  rm.name,
                                  rm.techniques.join(QStringLiteral(", ")),
                                  how.join(QLatin1Char('\n'))});
    }
    m.sections.push_back(mit);

    // --- D3FEND countermeasures, inferred through shared artifacts ---
    const D3fendCatalog &d3fend = D3fendCatalog::instance();
    QHash<QString, ReportCountermeasure> counters;
    for (const ReportTechnique &rt : m.techniques)
        for (const D3fendInference &inf : d3fend.countermeasures(rt.id)) {
            const D3fendTechnique *dt = d3fend.technique(inf.countermeasure);
            if (!dt)
                continue;
            ReportCountermeasure &c = counters[dt->id];
            c.id = dt->id;
            c.name = dt->name;
            c.tactic = dt->tactic;
            if (c.techniques.contains(rt.id))
                continue;
            c.techniques << rt.id;
            double weight = 0;
            for (const QString &a : inf.artifacts) {
                addUnique(c.artifacts, a);
                weight = std::max(weight, d3fend.artifactWeight(a));
            }
            c.score += weight;
        }
    for (const ReportCountermeasure &c : std::as_const(counters))
        m.countermeasures.push_back(c);
    // Ranked by how much they share with what was seen: a countermeasure that acts on the
    // specific artifacts of several observed techniques first, not one that merely touches files.
    std::sort(m.countermeasures.begin(), m.countermeasures.end(), [](const auto &a, const auto &b) {
        if (std::abs(a.score - b.score) > 1e-9)
            return a.score > b.score;
        const int ra = d3fendTacticRank(a.tactic), rb = d3fendTacticRank(b.tactic);
        return ra != rb ? ra < rb : a.id < b.id;
    });
    if (m.countermeasures.size() > 12)
        m.countermeasures.resize(12);
    ReportSection d3;
    d3.id = QStringLiteral("d3fend");
    d3.title = t(QT_TRANSLATE_NOOP("Report", "D3FEND countermeasures (inferred)"),
                 "Contre-mesures D3FEND (déduites)");
    d3.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                         "Inferred, not an official MITRE mapping: these D3FEND "
                                         "countermeasures act on the same digital artifacts as "
                                         "the observed techniques (D3FEND ontology). Check that "
                                         "each fits before adopting it."),
                       "Déduites, ce n'est pas une correspondance officielle du MITRE : ces "
                       "contre-mesures D3FEND agissent sur les mêmes artefacts numériques que les "
                       "techniques observées (ontologie D3FEND). Vérifiez que chacune convient "
                       "avant de l'adopter.");
    d3.table.headers << t(QT_TRANSLATE_NOOP("Report", "ID"), "ID")
                     << t(QT_TRANSLATE_NOOP("Report", "Countermeasure"), "Contre-mesure")
                     << t(QT_TRANSLATE_NOOP("Report", "D3FEND tactic"), "Tactique D3FEND")
                     << t(QT_TRANSLATE_NOOP("Report", "Techniques"), "Techniques")
                     << t(QT_TRANSLATE_NOOP("Report", "Shared artifacts"), "Artefacts communs");
    d3.table.widths = {10, 24, 11, 22, 33};
    for (const ReportCountermeasure &c : m.countermeasures)
        d3.table.rows.push_back({c.id,
                                 c.name,
                                 c.tactic,
                                 c.techniques.join(QStringLiteral(", ")),
                                 c.artifacts.mid(0, 4).join(QStringLiteral(", "))});
    if (m.countermeasures.empty())
        d3.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                             "No countermeasure is inferred for the observed "
                                             "techniques."),
                           "Aucune contre-mesure n'est déduite pour les techniques observées.");
    m.sections.push_back(d3);

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
                          << t(QT_TRANSLATE_NOOP("Report", "Detail"), "Détail")
                          << t(QT_TRANSLATE_NOOP("Report", "Result"), "Résultat");
    actions.table.widths = {19, 12, 13, 44, 12};
    if (auto history = store.history(0)) {
        for (auto it = history->rbegin(); it != history->rend(); ++it) {
            const QJsonObject d = QJsonDocument::fromJson(it->detail.toUtf8()).object();
            if (d.value(QLatin1String("incident")).toInteger() != incident)
                continue;
            actions.table.rows.push_back(
                {isoSecs(it->at),
                 it->actor,
                 actionName(lang, it->action),
                 describeAction(lang, *it, d),
                 it->undone ? t(QT_TRANSLATE_NOOP("Report", "undone"), "annulée")
                            : t(QT_TRANSLATE_NOOP("Report", "done"), "effectuée")});
        }
    }
    if (actions.table.rows.empty())
        actions.paragraphs << t(QT_TRANSLATE_NOOP("Report",
                                                  "No response action is recorded for this "
                                                  "incident yet."),
                                "Aucune action de réponse n'est encore enregistrée pour cet "
                                "incident.");
    m.sections.push_back(actions);

    // --- recommendations: what the customer does next, from what was observed ---
    ReportSection rec;
    rec.id = QStringLiteral("recommendations");
    rec.title = t(QT_TRANSLATE_NOOP("Report", "Recommendations"), "Recommandations");
    rec.bullets << t(QT_TRANSLATE_NOOP("Report",
                                       "Contain: isolate %1 from the network until they are "
                                       "cleaned or rebuilt."),
                     "Isoler : couper %1 du réseau jusqu'à leur nettoyage ou leur réinstallation.")
                       .arg(shortList(lang, hosts));
    rec.bullets << t(QT_TRANSLATE_NOOP("Report",
                                       "Credentials: reset the passwords of %1 and review their "
                                       "group memberships and recent logons."),
                     "Identifiants : réinitialiser les mots de passe de %1 et revoir leurs "
                     "appartenances aux groupes et leurs connexions récentes.")
                       .arg(shortList(lang, people.isEmpty() ? users : people));
    if (!remote.isEmpty()) {
        QStringList defanged;
        for (const QString &ip : std::as_const(remote))
            defanged << defangIndicator(ip);
        rec.bullets << t(QT_TRANSLATE_NOOP("Report",
                                           "Block at the perimeter and look for in proxy and "
                                           "firewall logs: %1."),
                         "Bloquer en périphérie et rechercher dans les journaux du proxy et du "
                         "pare-feu : %1.")
                           .arg(shortList(lang, defanged, 8));
    }
    QStringList services;
    for (const Analysis::RcaStep &s : rca.chain)
        if (s.action == QLatin1String("created_service") && !s.target.isEmpty())
            addUnique(services, s.target);
    if (!rca.root.executable.isEmpty())
        rec.bullets << t(QT_TRANSLATE_NOOP("Report",
                                           "Eradicate: remove %1 and what it installed%2; then "
                                           "hunt for the chain's programs on every other host."),
                         "Éradiquer : supprimer %1 et ce qu'il a installé%2 ; puis rechercher les "
                         "programmes de la chaîne sur tous les autres hôtes.")
                           .arg(clip(rca.root.executable),
                                services.isEmpty()
                                    ? QString()
                                    : t(QT_TRANSLATE_NOOP("Report", " (services: %1)"),
                                        " (services : %1)")
                                          .arg(shortList(lang, services, 3)));
    static const Wording advice[] = {
        {"user_execution",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: restrict which programs users can run (application "
                           "control) and remind users not to open unexpected files."),
         "Vecteur d'entrée : restreindre les programmes que les utilisateurs peuvent lancer "
         "(contrôle applicatif) et rappeler de ne pas ouvrir de fichiers inattendus."},
        {"malicious_document",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: block macros and embedded objects in documents from "
                           "the Internet, and filter attachments at the mail gateway."),
         "Vecteur d'entrée : bloquer les macros et objets intégrés des documents venus "
         "d'Internet, et filtrer les pièces jointes à la passerelle de messagerie."},
        {"remote_service",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: restrict remote service creation and administrative "
                           "shares to administration hosts, and give each host its own local "
                           "administrator password."),
         "Vecteur d'entrée : réserver la création de services à distance et les partages "
         "administratifs aux postes d'administration, et donner à chaque hôte son propre mot de "
         "passe d'administrateur local."},
        {"valid_accounts",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: require multi-factor authentication for remote logons "
                           "and review privileged accounts."),
         "Vecteur d'entrée : exiger l'authentification multifacteur pour les connexions à "
         "distance et revoir les comptes à privilèges."},
        {"exploit_public_facing",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: patch the exposed application, put it behind a web "
                           "application firewall, and review what it can reach."),
         "Vecteur d'entrée : corriger l'application exposée, la placer derrière un pare-feu "
         "applicatif et revoir ce qu'elle peut atteindre."},
        {"scheduled_task",
         QT_TRANSLATE_NOOP("Report",
                           "Entry vector: review scheduled tasks on every host and restrict who "
                           "can create them."),
         "Vecteur d'entrée : revoir les tâches planifiées de tous les hôtes et restreindre qui "
         "peut en créer."},
        {"removable_media",
         QT_TRANSLATE_NOOP("Report", "Entry vector: disable autorun and restrict removable media."),
         "Vecteur d'entrée : désactiver l'exécution automatique et restreindre les supports "
         "amovibles."},
    };
    if (const QString a = worded(lang, advice, rca.entryKind, {}); !a.isEmpty())
        rec.bullets << a;
    if (!topMitigations.isEmpty())
        rec.bullets << t(QT_TRANSLATE_NOOP("Report", "Harden: apply %1 (section “%2”)."),
                         "Durcir : appliquer %1 (section « %2 »).")
                           .arg(shortList(lang, topMitigations, 3), mit.title);
    rec.bullets << t(QT_TRANSLATE_NOOP("Report",
                                       "Detect: keep the %1 rules that fired enabled on every "
                                       "host, and watch the accounts and addresses above for "
                                       "30 days."),
                     "Détecter : garder actives sur tous les hôtes les %1 règles qui se sont "
                     "déclenchées, et surveiller les comptes et adresses ci-dessus pendant 30 "
                     "jours.")
                       .arg(rules.size());
    m.sections.push_back(rec);

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
    evidence.table.widths = {8, 18, 10, 19, 31, 14};
    for (const IncidentAlert &a : *alerts)
        evidence.table.rows.push_back({QString::number(a.id),
                                       tableTime(a.ts),
                                       QString::number(a.severity),
                                       a.hostName,
                                       a.ruleName,
                                       a.techniques});
    m.sections.push_back(evidence);

    // The template chooses the sections and their order.
    std::vector<ReportSection> chosen;
    for (const QString &id : style.sections)
        for (ReportSection &section : m.sections)
            if (section.id == id)
                chosen.push_back(std::move(section));
    m.sections = std::move(chosen);
    return m;
}

} // namespace Vigie::Report
