// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/toolkit.h"

#include "core/playbooks/quoting.h"
#include "core/playbooks/zip.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QUrl>
#include <QUuid>

#include <algorithm>

namespace Vigie::Playbooks {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(Toolkit)
};

// The toolkit is a document in one language, chosen per incident (a French customer gets a French
// README whatever language Vigie runs in), so both languages are built in here, as the report's
// French is, rather than looked up in the program's translations.
struct Lang
{
    bool fr = false;
    QString operator()(const char *en, const char *french) const
    {
        return QString::fromUtf8(fr ? french : en);
    }
};

// The namespace of every UUIDv5 the toolkit makes. Fixed for ever: changing it would give every
// indicator a new id and break the "re-export updates the same objects" promise.
const QUuid &idNamespace()
{
    static const QUuid ns(QStringLiteral("0e7fe944-ec29-42b0-9ce1-f936d077a927"));
    return ns;
}

QString uuid5(const QString &name)
{
    return QUuid::createUuidV5(idNamespace(), name.toUtf8()).toString(QUuid::WithoutBraces);
}

QString stixTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

// The OASIS TLP 2.0 extension that the marking definitions below use.
const char tlp2Extension[] = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

// ---- Reading the indicators ---------------------------------------------------------------------

QString refang(const QString &value)
{
    QString s = value.trimmed();
    s.replace(QLatin1String("[.]"), QLatin1String("."));
    s.replace(QLatin1String("(.)"), QLatin1String("."));
    s.replace(QLatin1String("{.}"), QLatin1String("."));
    s.replace(QLatin1String("[:]"), QLatin1String(":"));
    s.replace(QLatin1String("[://]"), QLatin1String("://"));
    if (s.startsWith(QLatin1String("hxxp"), Qt::CaseInsensitive))
        s.replace(0, 4, QStringLiteral("http"));
    else if (s.startsWith(QLatin1String("fxp"), Qt::CaseInsensitive))
        s.replace(0, 3, QStringLiteral("ftp"));
    return s;
}

struct Address
{
    QString text; // as written in every file: lower-case
    IpNetwork net;
};

struct Hash
{
    HashKind kind;
    QString value; // lower-case
};

struct Skipped
{
    QString kind;
    QString value; // as given
    QString reason;
};

struct Indicators
{
    std::vector<Address> v4, v6;
    QStringList domains, urls, files;
    std::vector<Hash> hashes;
    std::vector<Skipped> skipped;
};

// Why an address may not be blocked, or empty. A blocklist line cuts traffic: an entry that is not
// exactly an address, or that would cut far more than the incident, never reaches one.
QString addressProblem(const std::optional<IpNetwork> &n, const Lang &t)
{
    if (!n)
        return t("not an IPv4 or IPv6 address or network",
                 "ni une adresse ni un réseau IPv4 ou IPv6");
    if (n->hostBitsSet())
        return t("bits are set after the prefix length: give the network's own address",
                 "des bits sont à 1 après la longueur de préfixe : donnez l'adresse du réseau");
    if (n->prefix >= 0 && n->prefix < (n->v6 ? 32 : 8))
        return t("a network so wide that blocking it would cut off a large part of the Internet",
                 "un réseau si large que le bloquer couperait une grande partie d'Internet");
    if (n->isUnspecified())
        return t("the unspecified address, which stands for every address",
                 "l'adresse non spécifiée, qui désigne toutes les adresses");
    if (n->isLoopback())
        return t("a loopback address: blocking it breaks the host's own services",
                 "une adresse de bouclage : la bloquer casserait les services de la machine");
    return {};
}

QString fileName(const QString &path)
{
    return path.mid(std::max(path.lastIndexOf(u'/'), path.lastIndexOf(u'\\')) + 1);
}

QString fileDirectory(const QString &path)
{
    const qsizetype sep = std::max(path.lastIndexOf(u'/'), path.lastIndexOf(u'\\'));
    return sep > 0 ? path.left(sep) : QString();
}

Indicators classify(const ToolkitInput &in, const Lang &t)
{
    Indicators out;
    QSet<QString> seen;
    auto firstTime = [&seen](const QString &kind, const QString &v) {
        const QString key = kind + u'\n' + v;
        if (seen.contains(key))
            return false;
        seen.insert(key);
        return true;
    };
    const QString ipKind = t("IP address", "adresse IP");
    for (const QString &raw : in.ips) {
        const QString v = refang(raw).toLower();
        if (v.isEmpty())
            continue;
        const auto n = parseIpNetwork(v);
        const QString problem = addressProblem(n, t);
        if (!problem.isEmpty()) {
            out.skipped.push_back({ipKind, raw, problem});
            continue;
        }
        if (firstTime(QStringLiteral("ip"), v))
            (n->v6 ? out.v6 : out.v4).push_back({v, *n});
    }
    for (const QString &raw : in.domains) {
        QString v = refang(raw).toLower();
        if (v.endsWith(u'.'))
            v.chop(1); // the root
        if (v.isEmpty())
            continue;
        if (!isDomain(v)) {
            out.skipped.push_back({t("domain", "domaine"),
                                   raw,
                                   t("not a valid domain name", "pas un nom de domaine valide")});
            continue;
        }
        // DNS logs show internationalised names in their ASCII form.
        const QString ace = QString::fromLatin1(QUrl::toAce(v, QUrl::AceTransitionalProcessing));
        if (firstTime(QStringLiteral("domain"), ace))
            out.domains << ace;
    }
    for (const QString &raw : in.urls) {
        const QString v = refang(raw);
        if (v.isEmpty())
            continue;
        if (!isUrl(v)) {
            out.skipped.push_back(
                {QStringLiteral("URL"),
                 raw,
                 t("not a valid http, https or ftp URL", "pas une URL http, https ou ftp valide")});
            continue;
        }
        if (firstTime(QStringLiteral("url"), v))
            out.urls << v;
    }
    for (const QString &raw : in.hashes) {
        const QString v = raw.trimmed().toLower();
        if (v.isEmpty())
            continue;
        const HashKind k = hashKind(v);
        if (k == HashKind::None) {
            out.skipped.push_back({t("hash", "empreinte"),
                                   raw,
                                   t("not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hexadecimal "
                                     "digits)",
                                     "ni une empreinte MD5, ni SHA-1, ni SHA-256 (32, 40 ou 64 "
                                     "chiffres hexadécimaux)")});
            continue;
        }
        if (firstTime(QStringLiteral("hash"), v))
            out.hashes.push_back({k, v});
    }
    for (const QString &raw : in.filePaths) {
        const QString v = raw.trimmed();
        if (v.isEmpty())
            continue;
        const QString name = fileName(v);
        QString problem;
        if (hasInvisible(v))
            problem = t("contains control or invisible characters",
                        "contient des caractères de contrôle ou invisibles");
        else if (name.isEmpty())
            problem = t("no file name after the last separator",
                        "pas de nom de fichier après le dernier séparateur");
        if (!problem.isEmpty()) {
            out.skipped.push_back({t("file path", "chemin de fichier"), raw, problem});
            continue;
        }
        if (firstTime(QStringLiteral("file"), v))
            out.files << v;
    }
    return out;
}

// ---- STIX 2.1 -----------------------------------------------------------------------------------

struct Pattern
{
    QString type; // CSV type
    QString value;
    QString pattern;
};

std::vector<Pattern> patterns(const Indicators &ind)
{
    std::vector<Pattern> out;
    auto address = [&out](const Address &a) {
        const QString object = a.net.v6 ? QStringLiteral("ipv6-addr") : QStringLiteral("ipv4-addr");
        // A network is a subset of addresses, not one value (STIX 2.1, 9.6 ISSUBSET).
        const QString op = a.net.prefix >= 0 ? QStringLiteral(" ISSUBSET ") : QStringLiteral(" = ");
        out.push_back({object,
                       a.text,
                       u'[' + object + QLatin1String(":value") + op + stixString(a.text) + u']'});
    };
    for (const Address &a : ind.v4)
        address(a);
    for (const Address &a : ind.v6)
        address(a);
    for (const QString &d : ind.domains)
        out.push_back({QStringLiteral("domain-name"),
                       d,
                       QLatin1String("[domain-name:value = ") + stixString(d) + u']'});
    for (const QString &u : ind.urls)
        out.push_back(
            {QStringLiteral("url"), u, QLatin1String("[url:value = ") + stixString(u) + u']'});
    for (const Hash &h : ind.hashes) {
        // The hash-algorithm-ov names; those with a hyphen must be quoted in a path.
        QString type, key;
        switch (h.kind) {
        case HashKind::Md5:
            type = QStringLiteral("md5");
            key = QStringLiteral("MD5");
            break;
        case HashKind::Sha1:
            type = QStringLiteral("sha1");
            key = QStringLiteral("'SHA-1'");
            break;
        default:
            type = QStringLiteral("sha256");
            key = QStringLiteral("'SHA-256'");
            break;
        }
        out.push_back({type,
                       h.value,
                       QLatin1String("[file:hashes.") + key + QLatin1String(" = ")
                           + stixString(h.value) + u']'});
    }
    for (const QString &f : ind.files) {
        QString p = QLatin1String("[file:name = ") + stixString(fileName(f));
        const QString dir = fileDirectory(f);
        if (!dir.isEmpty())
            p += QLatin1String(" AND file:parent_directory_ref.path = ") + stixString(dir);
        out.push_back({QStringLiteral("file-path"), f, p + u']'});
    }
    return out;
}

QByteArray stixBundle(const ToolkitInput &in,
                      const std::vector<Pattern> &pats,
                      const TlpMarking &tlp,
                      const QDateTime &generated,
                      const Lang &t)
{
    const QString now = stixTime(generated);
    const QString identity = QLatin1String("identity--") + uuid5(QStringLiteral("identity:vigie"));
    QJsonArray objects;
    objects.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("identity")},
                               {QStringLiteral("spec_version"), QStringLiteral("2.1")},
                               {QStringLiteral("id"), identity},
                               {QStringLiteral("created"), now},
                               {QStringLiteral("modified"), now},
                               {QStringLiteral("name"), QStringLiteral("Vigie")},
                               {QStringLiteral("identity_class"), QStringLiteral("system")}});
    // TLP 2.0 markings are not predefined by STIX 2.1 itself: the definition travels with the data,
    // exactly as OASIS publishes it.
    objects.append(QJsonObject{
        {QStringLiteral("type"), QStringLiteral("marking-definition")},
        {QStringLiteral("spec_version"), QStringLiteral("2.1")},
        {QStringLiteral("id"), tlp.id},
        {QStringLiteral("created"), QStringLiteral("2022-10-01T00:00:00.000Z")},
        {QStringLiteral("name"), tlp.name},
        {QStringLiteral("extensions"),
         QJsonObject{
             {QLatin1String(tlp2Extension),
              QJsonObject{{QStringLiteral("extension_type"), QStringLiteral("property-extension")},
                          {QStringLiteral("tlp_2_0"), tlp.level}}}}}});
    const QString incidentLabel = QLatin1String("incident-") + QString::number(in.incident);
    const QString description
        = t("Indicator of Vigie incident #%1: %2", "Indicateur de l'incident Vigie n° %1 : %2")
              .arg(in.incident)
              .arg(in.title);
    for (const Pattern &p : pats) {
        objects.append(QJsonObject{
            {QStringLiteral("type"), QStringLiteral("indicator")},
            {QStringLiteral("spec_version"), QStringLiteral("2.1")},
            // From the pattern (its type and value) only, so that a later export of the same
            // indicator, from this incident or another, updates the same object.
            {QStringLiteral("id"),
             QString(QLatin1String("indicator--")
                     + uuid5(QLatin1String("indicator:") + p.pattern))},
            {QStringLiteral("created"), now},
            {QStringLiteral("modified"), now},
            {QStringLiteral("created_by_ref"), identity},
            {QStringLiteral("name"), p.value},
            {QStringLiteral("description"), description},
            {QStringLiteral("lang"), t.fr ? QStringLiteral("fr") : QStringLiteral("en")},
            {QStringLiteral("indicator_types"), QJsonArray{QStringLiteral("malicious-activity")}},
            {QStringLiteral("labels"), QJsonArray{QStringLiteral("vigie"), incidentLabel}},
            {QStringLiteral("pattern"), p.pattern},
            {QStringLiteral("pattern_type"), QStringLiteral("stix")},
            {QStringLiteral("pattern_version"), QStringLiteral("2.1")},
            {QStringLiteral("valid_from"), now},
            {QStringLiteral("object_marking_refs"), QJsonArray{tlp.id}}});
    }
    const QJsonObject bundle{
        {QStringLiteral("type"), QStringLiteral("bundle")},
        {QStringLiteral("id"),
         QString(QLatin1String("bundle--")
                 + uuid5(QLatin1String("bundle:") + QString::number(in.incident) + u':' + now))},
        {QStringLiteral("objects"), objects}};
    return QJsonDocument(bundle).toJson(QJsonDocument::Indented);
}

// ---- CSV ----------------------------------------------------------------------------------------

QByteArray csv(const ToolkitInput &in, const std::vector<Pattern> &pats, const Lang &t)
{
    QString out = QStringLiteral("type,value,context\r\n");
    auto row = [&out](const QString &type, const QString &value, const QString &context) {
        out += csvField(type) + u',' + csvField(value) + u',' + csvField(context)
               + QLatin1String("\r\n");
    };
    const QString indicator
        = t("incident #%1: indicator", "incident n° %1 : indicateur").arg(in.incident);
    for (const Pattern &p : pats)
        row(p.type, p.value, indicator);
    const QString host
        = t("incident #%1: affected host", "incident n° %1 : machine touchée").arg(in.incident);
    for (const QString &h : in.hosts)
        if (!h.trimmed().isEmpty())
            row(QStringLiteral("host"), h, host);
    const QString user
        = t("incident #%1: affected account", "incident n° %1 : compte touché").arg(in.incident);
    for (const QString &u : in.users)
        if (!u.trimmed().isEmpty())
            row(QStringLiteral("user"), u, user);
    return out.toUtf8();
}

// ---- Blocklists ---------------------------------------------------------------------------------
// Only validated addresses reach these files, and they are quoted all the same; no free text (the
// title, a host name) is ever written into them, not even in a comment.

QString incidentNumber(qint64 incident)
{
    return QString::number(std::max<qint64>(incident, 0));
}

QByteArray nftables(const ToolkitInput &in, const Indicators &ind, const QDateTime &generated)
{
    const QString table = QLatin1String("vigie_incident_") + incidentNumber(in.incident);
    QString s;
    s += QLatin1String("#!/usr/sbin/nft -f\n");
    s += QLatin1String("# Vigie toolkit, incident ") + incidentNumber(in.incident)
         + QLatin1String(": drops traffic from and to the incident's addresses.\n");
    s += QLatin1String("# Generated ") + stixTime(generated)
         + QLatin1String(". Check: nft -c -f nftables.nft  Load: nft -f nftables.nft\n");
    s += QLatin1String("# Remove: nft delete table inet ") + table + u'\n';
    // Declaring, deleting and redefining the table makes loading the file twice harmless.
    s += QLatin1String("table inet ") + table + u'\n';
    s += QLatin1String("delete table inet ") + table + u'\n';
    s += QLatin1String("table inet ") + table + QLatin1String(" {\n");
    auto set = [&s](const char *name, const char *type, const std::vector<Address> &list) {
        s += QLatin1String("    set ") + QLatin1String(name) + QLatin1String(" {\n");
        s += QLatin1String("        type ") + QLatin1String(type) + u'\n';
        // interval: networks as well as addresses; auto-merge: overlapping entries are no error.
        s += QLatin1String("        flags interval\n        auto-merge\n");
        if (!list.empty()) {
            s += QLatin1String("        elements = {\n");
            for (std::size_t i = 0; i < list.size(); ++i)
                s += QLatin1String("            ") + list[i].text
                     + (i + 1 < list.size() ? QLatin1String(",\n") : QLatin1String("\n"));
            s += QLatin1String("        }\n");
        }
        s += QLatin1String("    }\n");
    };
    set("blocked_v4", "ipv4_addr", ind.v4);
    set("blocked_v6", "ipv6_addr", ind.v6);
    const QString comment = QLatin1String(" comment \"vigie incident ")
                            + incidentNumber(in.incident) + QLatin1String("\"\n");
    auto chain = [&](const char *name, const char *hook, bool source, bool destination) {
        s += QLatin1String("    chain ") + QLatin1String(name) + QLatin1String(" {\n");
        // Before the distribution's own filter chains (priority 0).
        s += QLatin1String("        type filter hook ") + QLatin1String(hook)
             + QLatin1String(" priority -10; policy accept;\n");
        if (source) {
            s += QLatin1String("        ip saddr @blocked_v4 counter drop") + comment;
            s += QLatin1String("        ip6 saddr @blocked_v6 counter drop") + comment;
        }
        if (destination) {
            s += QLatin1String("        ip daddr @blocked_v4 counter drop") + comment;
            s += QLatin1String("        ip6 daddr @blocked_v6 counter drop") + comment;
        }
        s += QLatin1String("    }\n");
    };
    chain("input", "input", true, false);
    chain("forward", "forward", true, true);
    chain("output", "output", false, true);
    s += QLatin1String("}\n");
    return s.toUtf8();
}

QByteArray iptables(const ToolkitInput &in, const Indicators &ind, const QDateTime &generated)
{
    // iptables chain names have 28 characters at most: "VIGIE-" and 19 digits fit.
    const QString chain = QLatin1String("VIGIE-") + incidentNumber(in.incident);
    QString s;
    s += QLatin1String("#!/usr/bin/env bash\n");
    s += QLatin1String("# Vigie toolkit, incident ") + incidentNumber(in.incident)
         + QLatin1String(": drops traffic from and to the incident's addresses.\n");
    s += QLatin1String("# Generated ") + stixTime(generated)
         + QLatin1String(". Read it, then as root:\n");
    s += QLatin1String(
        "#   bash iptables.sh          add the rules (running it again replaces them)\n");
    s += QLatin1String("#   bash iptables.sh remove   remove them\n");
    s += QLatin1String("set -euo pipefail\n\n");
    s += QLatin1String("chain=") + shellQuote(chain) + QLatin1String("\n\n");
    auto list = [&s](const char *name, const std::vector<Address> &addresses) {
        s += QLatin1String(name) + QLatin1String("=(\n");
        for (const Address &a : addresses)
            s += QLatin1String("    ") + shellQuote(a.text) + u'\n';
        s += QLatin1String(")\n");
    };
    list("ipv4", ind.v4);
    list("ipv6", ind.v6);
    s += QLatin1String(R"(
add_rules() {
    local tool=$1 addr hook
    shift
    "$tool" -w -N "$chain" 2>/dev/null || "$tool" -w -F "$chain"
    for addr in "$@"; do
        "$tool" -w -A "$chain" -s "$addr" -j DROP
        "$tool" -w -A "$chain" -d "$addr" -j DROP
    done
    for hook in INPUT OUTPUT FORWARD; do
        "$tool" -w -C "$hook" -j "$chain" 2>/dev/null || "$tool" -w -I "$hook" 1 -j "$chain"
    done
}

remove_rules() {
    local tool=$1 hook
    for hook in INPUT OUTPUT FORWARD; do
        while "$tool" -w -D "$hook" -j "$chain" 2>/dev/null; do :; done
    done
    "$tool" -w -F "$chain" 2>/dev/null || true
    "$tool" -w -X "$chain" 2>/dev/null || true
}

case "${1:-add}" in
add)
    if ((${#ipv4[@]})); then add_rules iptables "${ipv4[@]}"; fi
    if ((${#ipv6[@]})); then add_rules ip6tables "${ipv6[@]}"; fi
    ;;
remove)
    if ((${#ipv4[@]})); then remove_rules iptables; fi
    if ((${#ipv6[@]})); then remove_rules ip6tables; fi
    ;;
*)
    echo "usage: $0 [add|remove]" >&2
    exit 2
    ;;
esac
)");
    return s.toUtf8();
}

// Windows PowerShell 5.1 reads a script without a byte order mark in the ANSI code page, where
// the bytes of some UTF-8 characters are typographic quotes (0x91 to 0x94 in cp1252): a BOM keeps
// every quoted value closed where it was meant to be.
QByteArray withBom(const QString &text)
{
    static const QByteArray bom("\xEF\xBB\xBF");
    QByteArray bytes = text.toUtf8();
    return bytes.startsWith(bom) ? bytes : bom + bytes;
}

QByteArray
windowsFirewall(const ToolkitInput &in, const Indicators &ind, const QDateTime &generated)
{
    const QString group = QLatin1String("Vigie incident ") + incidentNumber(in.incident);
    QString s;
    s += QLatin1String("#Requires -RunAsAdministrator\n");
    s += QLatin1String("# Vigie toolkit, incident ") + incidentNumber(in.incident)
         + QLatin1String(": blocks the incident's addresses in Windows Defender Firewall.\n");
    s += QLatin1String("# Generated ") + stixTime(generated)
         + QLatin1String(". Read it, then in an elevated PowerShell:\n");
    s += QLatin1String("#   .\\windows-firewall.ps1           add the rules (running it again "
                       "replaces them)\n");
    s += QLatin1String("#   .\\windows-firewall.ps1 -Remove   remove them\n");
    s += QLatin1String("param([switch]$Remove)\n");
    s += QLatin1String("$ErrorActionPreference = 'Stop'\n");
    s += QLatin1String("$group = ") + powershellQuote(group) + u'\n';
    s += QLatin1String("Get-NetFirewallRule -Group $group -ErrorAction SilentlyContinue | "
                       "Remove-NetFirewallRule\n");
    s += QLatin1String("if ($Remove) { return }\n");
    s += QLatin1String("$addresses = @(\n");
    for (const auto *list : {&ind.v4, &ind.v6})
        for (const Address &a : *list)
            s += QLatin1String("    ") + powershellQuote(a.text) + u'\n';
    s += QLatin1String(")\n");
    s += QLatin1String(
        "if ($addresses.Count -eq 0) { Write-Warning 'No address to block.'; return }\n");
    for (const char *direction : {"Inbound", "Outbound"}) {
        const QString name
            = group + QLatin1String(": block ") + QLatin1String(direction).toString().toLower();
        s += QLatin1String("New-NetFirewallRule -DisplayName ") + powershellQuote(name)
             + QLatin1String(" -Group $group -Direction ") + QLatin1String(direction)
             + QLatin1String(" -Action Block -Profile Any -RemoteAddress $addresses | Out-Null\n");
    }
    return withBom(s);
}

// ---- Sigma --------------------------------------------------------------------------------------

struct Selection
{
    QString name;
    std::vector<std::pair<QString, QStringList>> fields; // field|modifiers, literal values
};

struct SigmaSpec
{
    QString file;
    QString kind;
    QString title;
    QString description;
    QString category;
    QString tactic;
    QString falsePositive;
    std::vector<Selection> selections;
};

QString sigmaLevelTag(const TlpMarking &tlp)
{
    QString level = tlp.level;
    level.replace(u'+', u'-'); // amber+strict → tlp.amber-strict
    return QLatin1String("tlp.") + level;
}

QByteArray sigmaRule(const ToolkitInput &in,
                     const SigmaSpec &spec,
                     const TlpMarking &tlp,
                     const QDateTime &generated)
{
    QString s;
    s += QLatin1String("title: ") + yamlQuote(spec.title) + u'\n';
    // Stable per incident and kind: a new export of the same incident updates the same rule.
    s += QLatin1String("id: ")
         + uuid5(QLatin1String("sigma:") + QString::number(in.incident) + u':' + spec.kind) + u'\n';
    s += QLatin1String("status: experimental\n");
    s += QLatin1String("description: ") + yamlQuote(spec.description) + u'\n';
    s += QLatin1String("author: Vigie\n");
    s += QLatin1String("date: ") + generated.toUTC().toString(QStringLiteral("yyyy-MM-dd")) + u'\n';
    s += QLatin1String("tags:\n");
    s += QLatin1String("    - attack.") + spec.tactic + u'\n';
    s += QLatin1String("    - ") + sigmaLevelTag(tlp) + u'\n';
    s += QLatin1String("logsource:\n    category: ") + spec.category + u'\n';
    s += QLatin1String("detection:\n");
    for (const Selection &sel : spec.selections) {
        s += QLatin1String("    ") + sel.name + QLatin1String(":\n");
        for (const auto &[field, values] : sel.fields) {
            s += QLatin1String("        ") + field + QLatin1String(":\n");
            for (const QString &v : values)
                s += QLatin1String("            - ") + yamlQuote(sigmaLiteral(v)) + u'\n';
        }
    }
    s += spec.selections.size() > 1 ? QLatin1String("    condition: 1 of selection_*\n")
                                    : QLatin1String("    condition: selection\n");
    s += QLatin1String("falsepositives:\n    - ") + yamlQuote(spec.falsePositive) + u'\n';
    s += QLatin1String("level: high\n");
    return s.toUtf8();
}

std::vector<SigmaSpec> sigmaSpecs(const ToolkitInput &in, const Indicators &ind)
{
    std::vector<SigmaSpec> out;
    const QString prefix
        = QLatin1String("Vigie incident #") + QString::number(in.incident) + QLatin1String(": ");
    const QString about = QLatin1String(" (incident: ") + in.title + QLatin1String(")");
    if (!ind.v4.empty() || !ind.v6.empty()) {
        SigmaSpec s{QStringLiteral("hunting/ips.yml"),
                    QStringLiteral("ips"),
                    prefix + QLatin1String("connections to the incident's addresses"),
                    QLatin1String("Network connections to addresses seen in the incident") + about,
                    QStringLiteral("network_connection"),
                    QStringLiteral("command-and-control"),
                    QStringLiteral("Shared hosting or CDN addresses also serving legitimate sites"),
                    {}};
        QStringList single, networks;
        for (const auto *list : {&ind.v4, &ind.v6})
            for (const Address &a : *list)
                (a.net.prefix >= 0 ? networks : single) << a.text;
        if (!single.isEmpty())
            s.selections.push_back(
                {QStringLiteral("selection_address"), {{QStringLiteral("DestinationIp"), single}}});
        if (!networks.isEmpty())
            s.selections.push_back({QStringLiteral("selection_network"),
                                    {{QStringLiteral("DestinationIp|cidr"), networks}}});
        if (s.selections.size() == 1)
            s.selections[0].name = QStringLiteral("selection");
        out.push_back(std::move(s));
    }
    if (!ind.domains.isEmpty()) {
        QStringList subdomains;
        for (const QString &d : ind.domains)
            subdomains << u'.' + d;
        out.push_back(
            {QStringLiteral("hunting/domains.yml"),
             QStringLiteral("domains"),
             prefix + QLatin1String("DNS queries for the incident's domains"),
             QLatin1String("DNS queries for domains, or their subdomains, seen in the "
                           "incident")
                 + about,
             QStringLiteral("dns_query"),
             QStringLiteral("command-and-control"),
             QStringLiteral("A legitimate service hosted under the same domain"),
             {{QStringLiteral("selection_domain"), {{QStringLiteral("QueryName"), ind.domains}}},
              {QStringLiteral("selection_subdomain"),
               {{QStringLiteral("QueryName|endswith"), subdomains}}}}});
    }
    if (!ind.urls.isEmpty()) {
        SigmaSpec s{QStringLiteral("hunting/urls.yml"),
                    QStringLiteral("urls"),
                    prefix + QLatin1String("web requests for the incident's URLs"),
                    QLatin1String("Proxy requests for URLs seen in the incident") + about,
                    QStringLiteral("proxy"),
                    QStringLiteral("command-and-control"),
                    QStringLiteral("Unknown"),
                    {}};
        int n = 0;
        for (const QString &u : ind.urls) {
            const QUrl url(u, QUrl::StrictMode);
            Selection sel{QLatin1String("selection_url") + QString::number(++n),
                          {{QStringLiteral("cs-host"), {url.host(QUrl::FullyEncoded)}}}};
            QString path = url.path(QUrl::FullyEncoded);
            if (url.hasQuery())
                path += u'?' + url.query(QUrl::FullyEncoded);
            if (!path.isEmpty() && path != QLatin1String("/"))
                sel.fields.push_back({QStringLiteral("c-uri|contains"), {path}});
            s.selections.push_back(std::move(sel));
        }
        if (s.selections.size() == 1)
            s.selections[0].name = QStringLiteral("selection");
        out.push_back(std::move(s));
    }
    if (!ind.hashes.empty()) {
        // Sysmon's Hashes field: "MD5=…,SHA256=…,IMPHASH=…", upper-case hexadecimal.
        QStringList values;
        for (const Hash &h : ind.hashes) {
            const char *algo = h.kind == HashKind::Md5    ? "MD5="
                               : h.kind == HashKind::Sha1 ? "SHA1="
                                                          : "SHA256=";
            values << QLatin1String(algo) + h.value.toUpper();
        }
        out.push_back(
            {QStringLiteral("hunting/hashes.yml"),
             QStringLiteral("hashes"),
             prefix + QLatin1String("processes from the incident's files"),
             QLatin1String("Processes started from files whose hash was seen in the "
                           "incident")
                 + about,
             QStringLiteral("process_creation"),
             QStringLiteral("execution"),
             QStringLiteral("Unlikely"),
             {{QStringLiteral("selection"), {{QStringLiteral("Hashes|contains"), values}}}}});
    }
    if (!ind.files.isEmpty()) {
        out.push_back({QStringLiteral("hunting/files.yml"),
                       QStringLiteral("files"),
                       prefix + QLatin1String("files written at the incident's paths"),
                       QLatin1String("Files created at paths seen in the incident") + about,
                       QStringLiteral("file_event"),
                       QStringLiteral("execution"),
                       QStringLiteral("A legitimate file at the same path"),
                       {{QStringLiteral("selection"),
                         {{QStringLiteral("TargetFilename|endswith"), ind.files}}}}});
    }
    return out;
}

// ---- README -------------------------------------------------------------------------------------

// A value as a person should see it: control and invisible characters shown (␊, <U+202E>) rather
// than acting, long values cut.
QString visible(const QString &value)
{
    QString out;
    for (char32_t c : value.toUcs4()) {
        if (c < 0x20)
            out += QChar(char16_t(0x2400 + c));
        else if (c == 0x7f)
            out += QChar(char16_t(0x2421));
        else if (isInvisible(c))
            out += QLatin1String("<U+")
                   + QString::number(uint(c), 16).toUpper().rightJustified(4, u'0') + u'>';
        else
            out += QString::fromUcs4(&c, 1);
        if (out.size() > 200) {
            out += QChar(0x2026);
            break;
        }
    }
    return out;
}

// A Markdown code span showing `value` literally, whatever backticks it holds (CommonMark 6.1).
QString mdCode(const QString &value, const Lang &t)
{
    const QString v = visible(value);
    if (v.isEmpty())
        return t("(empty)", "(vide)");
    int longest = 0, run = 0;
    for (QChar c : v) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const QString fence(longest + 1, u'`');
    const bool pad
        = v.startsWith(u'`') || v.endsWith(u'`') || v.startsWith(u' ') || v.endsWith(u' ');
    const QString space = pad ? QStringLiteral(" ") : QString();
    return fence + space + v + space + fence;
}

// Free text as Markdown that means nothing but itself: every ASCII punctuation character escaped.
QString mdText(const QString &value)
{
    QString out;
    for (QChar c : visible(value)) {
        if (c.unicode() < 0x80 && c.isPunct())
            out += u'\\';
        else if (c.unicode() < 0x80 && c.isSymbol())
            out += u'\\';
        out += c;
    }
    return out;
}

QString tlpMeaning(const TlpMarking &tlp, const Lang &t)
{
    if (tlp.level == QLatin1String("clear"))
        return t("disclosure is not limited.", "la diffusion n'est pas limitée.");
    if (tlp.level == QLatin1String("green"))
        return t(
            "limited disclosure: recipients may share it within their community, not publicly.",
            "diffusion limitée : les destinataires peuvent la partager au sein de leur "
            "communauté, pas publiquement.");
    if (tlp.level == QLatin1String("amber"))
        return t("limited disclosure: recipients may share it, on a need-to-know basis, within "
                 "their organisation and with its clients.",
                 "diffusion limitée : les destinataires peuvent la partager, selon le besoin d'en "
                 "connaître, au sein de leur organisation et avec ses clients.");
    if (tlp.level == QLatin1String("amber+strict"))
        return t("limited disclosure: recipients may share it, on a need-to-know basis, within "
                 "their organisation only.",
                 "diffusion limitée : les destinataires peuvent la partager, selon le besoin d'en "
                 "connaître, au sein de leur seule organisation.");
    return t("for the named recipients only: no further disclosure.",
             "réservé aux destinataires nommés : aucune autre diffusion.");
}

struct ReadmeFacts
{
    const ToolkitInput &in;
    const Indicators &ind;
    const TlpMarking &tlp;
    QDateTime generated;
    std::size_t indicatorCount = 0;
    std::vector<SigmaSpec> sigma;
    QStringList scripts;
    QString report;
};

QByteArray readme(const ReadmeFacts &f, const Lang &t)
{
    const QString n = QString::number(f.in.incident);
    const QString table = QLatin1String("inet vigie_incident_") + incidentNumber(f.in.incident);
    const QString chain = QLatin1String("VIGIE-") + incidentNumber(f.in.incident);
    const QString group = QLatin1String("Vigie incident ") + incidentNumber(f.in.incident);
    auto code = [&t](const QString &v) {
        return mdCode(v, t);
    };
    QString s;
    s += t("# Vigie toolkit: incident #%1\n\n", "# Boîte à outils Vigie : incident n° %1\n\n")
             .arg(n);
    s += QLatin1String("**") + f.tlp.name + QLatin1String(t.fr ? "** : " : "**: ")
         + tlpMeaning(f.tlp, t) + QLatin1String("\n\n");
    s += t("- Incident: #%1, %2\n", "- Incident : n° %1, %2\n").arg(n, mdText(f.in.title));
    s += t("- Generated: %1 UTC\n", "- Produite le : %1 UTC\n")
             .arg(f.generated.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    s += t("- Indicators used: IPv4 %1, IPv6 %2, domains %3, URLs %4, hashes %5, file paths %6\n"
           "- Values left out: %7 (see the last section)\n\n",
           "- Indicateurs retenus : IPv4 %1, IPv6 %2, domaines %3, URL %4, empreintes %5, "
           "chemins de fichiers %6\n"
           "- Valeurs écartées : %7 (voir la dernière section)\n\n")
             .arg(f.ind.v4.size())
             .arg(f.ind.v6.size())
             .arg(f.ind.domains.size())
             .arg(f.ind.urls.size())
             .arg(f.ind.hashes.size())
             .arg(f.ind.files.size())
             .arg(f.ind.skipped.size());
    s += t("Vigie has run nothing in this toolkit. Read each script before running it, on the "
           "machines it is meant for: blocking an address cuts every connection to it.\n\n",
           "Vigie n'a rien exécuté de cette boîte à outils. Lisez chaque script avant de "
           "l'exécuter, sur les machines auxquelles il est destiné : bloquer une adresse coupe "
           "toutes les connexions avec elle.\n\n");

    s += t("## Indicators\n\n", "## Indicateurs\n\n");
    s += QLatin1String("- ") + code(QStringLiteral("iocs/indicators.stix.json"))
         + t(": the %1 indicators as a STIX 2.1 bundle, marked %2 with the OASIS TLP 2.0 marking "
             "definition. Import it into a threat-intelligence platform (OpenCTI, MISP…) or a "
             "SIEM. "
             "Each indicator's identifier is derived from its value, so a later export updates "
             "the same objects instead of adding copies.\n",
             " : les %1 indicateurs en bundle STIX 2.1, marqués %2 avec la définition de marquage "
             "TLP 2.0 d'OASIS. Importez-le dans une plateforme de renseignement sur la menace "
             "(OpenCTI, MISP…) ou un SIEM. L'identifiant de chaque indicateur est dérivé de sa "
             "valeur : un nouvel export met à jour les mêmes objets au lieu d'en ajouter des "
             "copies.\n")
               .arg(f.indicatorCount)
               .arg(f.tlp.name);
    s += QLatin1String("- ") + code(QStringLiteral("iocs/indicators.csv"))
         + t(": the same indicators, with the affected hosts and accounts, as CSV (type, value, "
             "context). A value that a spreadsheet would take for a formula starts with an "
             "apostrophe.\n\n",
             " : les mêmes indicateurs, avec les machines et comptes touchés, en CSV (type, "
             "valeur, contexte). Une valeur qu'un tableur prendrait pour une formule commence par "
             "une apostrophe.\n\n");

    s += t("## Blocklists\n\n", "## Listes de blocage\n\n");
    s += t("Addresses and networks blocked in both directions: IPv4 %1, IPv6 %2. Only valid "
           "addresses are in these files; the others are listed at the end.\n\n",
           "Adresses et réseaux bloqués dans les deux sens : IPv4 %1, IPv6 %2. Seules des "
           "adresses valides figurent dans ces fichiers ; les autres sont listées à la fin.\n\n")
             .arg(f.ind.v4.size())
             .arg(f.ind.v6.size());
    s += QLatin1String("- ") + code(QStringLiteral("blocklists/nftables.nft"))
         + t(": the table %1 (Linux, nftables). Check: %2; load: %3; remove: %4.\n",
             " : la table %1 (Linux, nftables). Vérifier : %2 ; charger : %3 ; retirer : %4.\n")
               .arg(code(table),
                    code(QStringLiteral("nft -c -f nftables.nft")),
                    code(QStringLiteral("sudo nft -f nftables.nft")),
                    code(QLatin1String("sudo nft delete table ") + table));
    s += QLatin1String("- ") + code(QStringLiteral("blocklists/iptables.sh"))
         + t(": the chain %1 for iptables and ip6tables, called from INPUT, OUTPUT and FORWARD. "
             "Add: %2; remove: %3.\n",
             " : la chaîne %1 pour iptables et ip6tables, appelée depuis INPUT, OUTPUT et "
             "FORWARD. Ajouter : %2 ; retirer : %3.\n")
               .arg(code(chain),
                    code(QStringLiteral("sudo bash iptables.sh")),
                    code(QStringLiteral("sudo bash iptables.sh remove")));
    s += QLatin1String("- ") + code(QStringLiteral("blocklists/windows-firewall.ps1"))
         + t(": two Windows Defender Firewall rules (inbound, outbound) in the group %1. In an "
             "elevated PowerShell: %2; remove: %3.\n\n",
             " : deux règles du pare-feu Windows Defender (entrant, sortant) dans le groupe %1. "
             "Dans un PowerShell administrateur : %2 ; retirer : %3.\n\n")
               .arg(code(group),
                    code(QStringLiteral(".\\windows-firewall.ps1")),
                    code(QStringLiteral(".\\windows-firewall.ps1 -Remove")));

    s += t("## Hunting rules\n\n", "## Règles de chasse\n\n");
    if (f.sigma.empty()) {
        s += t("None: no indicator to hunt for.\n\n", "Aucune : pas d'indicateur à chercher.\n\n");
    } else {
        s += t("Sigma rules (status experimental) to search past logs for the indicators. Convert "
               "them for your SIEM with sigma-cli (%1) or load them into Vigie.\n\n",
               "Règles Sigma (statut experimental) pour chercher les indicateurs dans les journaux "
               "passés. Convertissez-les pour votre SIEM avec sigma-cli (%1) ou chargez-les dans "
               "Vigie.\n\n")
                 .arg(code(QStringLiteral("sigma convert -t <backend> hunting/")));
        for (const SigmaSpec &spec : f.sigma) {
            QString what;
            if (spec.kind == QLatin1String("ips"))
                what = t("network connections to the addresses",
                         "connexions réseau vers les adresses");
            else if (spec.kind == QLatin1String("domains"))
                what = t("DNS queries for the domains and their subdomains",
                         "requêtes DNS des domaines et de leurs sous-domaines");
            else if (spec.kind == QLatin1String("urls"))
                what = t("proxy requests for the URLs", "requêtes proxy vers les URL");
            else if (spec.kind == QLatin1String("hashes"))
                what = t("processes started from files with these hashes",
                         "processus lancés depuis des fichiers ayant ces empreintes");
            else
                what = t("files written at these paths", "fichiers écrits à ces chemins");
            s += QLatin1String("- ") + code(spec.file) + QLatin1String(t.fr ? " : " : ": ") + what
                 + QLatin1String(".\n");
        }
        s += u'\n';
    }

    s += t("## Containment scripts\n\n", "## Scripts de confinement\n\n");
    if (f.scripts.isEmpty()) {
        s += t("None.\n\n", "Aucun.\n\n");
    } else {
        s += t("Rendered by the response playbook with every value quoted; Vigie does not run "
               "them. Read each one, and check the machine it targets, before running it.\n\n",
               "Produits par le playbook de réponse, chaque valeur entre guillemets ; Vigie ne les "
               "exécute pas. Lisez chacun, et vérifiez la machine visée, avant de l'exécuter.\n\n");
        for (const QString &name : f.scripts)
            s += QLatin1String("- ") + code(name) + u'\n';
        s += u'\n';
    }

    if (!f.report.isEmpty()) {
        s += t("## Report\n\n", "## Rapport\n\n");
        s += QLatin1String("- ") + code(f.report)
             + t(": the incident report (PDF).\n\n", " : le rapport d'incident (PDF).\n\n");
    }

    s += t("## Values left out\n\n", "## Valeurs écartées\n\n");
    if (f.ind.skipped.empty()) {
        s += t("None: every value given was used.\n",
               "Aucune : toutes les valeurs fournies ont "
               "été utilisées.\n");
    } else {
        s += t("These values are in no file of this toolkit (STIX, CSV, blocklists, hunting "
               "rules):\n\n",
               "Ces valeurs ne figurent dans aucun fichier de cette boîte à outils (STIX, CSV, "
               "listes de blocage, règles de chasse) :\n\n");
        for (const Skipped &k : f.ind.skipped)
            s += QLatin1String("- ") + k.kind + u' ' + code(k.value)
                 + QLatin1String(t.fr ? " : " : ": ") + k.reason + QLatin1String(".\n");
    }
    return s.toUtf8();
}

// A name for a file placed directly in one folder of the toolkit: the safe form of the name with
// its separators turned into underscores ("../../etc/passwd" becomes "etc_passwd").
QString flatName(const QString &name)
{
    QString safe = safeEntryName(name);
    safe.replace(u'/', u'_');
    return safe;
}

} // namespace

std::optional<TlpMarking> tlpMarking(const QString &tlp)
{
    QString level = tlp.trimmed().toLower();
    if (level.startsWith(QLatin1String("tlp:")))
        level = level.mid(4).trimmed();
    if (level.isEmpty())
        level = QStringLiteral("amber");
    if (level == QLatin1String("white"))
        level = QStringLiteral("clear"); // TLP 2.0 renamed it
    // OASIS cti-stix-common-objects, extension-definition-specifications/tlp-2.0.
    static const struct
    {
        const char *level;
        const char *name;
        const char *id;
    } levels[] = {
        {"clear", "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"},
        {"green", "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"},
        {"amber", "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"},
        {"amber+strict",
         "TLP:AMBER+STRICT",
         "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"},
        {"red", "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"},
    };
    for (const auto &l : levels)
        if (level == QLatin1String(l.level))
            return TlpMarking{QLatin1String(l.name), QLatin1String(l.level), QLatin1String(l.id)};
    return std::nullopt;
}

Result<QStringList> writeToolkit(const ToolkitInput &input, const QString &zipPath)
{
    const auto tlp = tlpMarking(input.tlp);
    if (!tlp)
        return Error(Text::tr("Unknown TLP level %1: use CLEAR, GREEN, AMBER, AMBER+STRICT or RED.")
                         .arg(input.tlp));
    const Lang t{input.lang == QLatin1String("fr")};
    const QDateTime generated
        = input.generated.isValid() ? input.generated.toUTC() : QDateTime::currentDateTimeUtc();
    const Indicators ind = classify(input, t);
    const std::vector<Pattern> pats = patterns(ind);

    ZipWriter zip(generated);
    // The fixed names first, so that no script or report name can take one of them.
    const std::pair<QString, QByteArray> fixed[] = {
        {QStringLiteral("iocs/indicators.stix.json"), stixBundle(input, pats, *tlp, generated, t)},
        {QStringLiteral("iocs/indicators.csv"), csv(input, pats, t)},
        {QStringLiteral("blocklists/nftables.nft"), nftables(input, ind, generated)},
        {QStringLiteral("blocklists/iptables.sh"), iptables(input, ind, generated)},
        {QStringLiteral("blocklists/windows-firewall.ps1"), windowsFirewall(input, ind, generated)},
    };
    for (const auto &[name, data] : fixed)
        if (auto r = zip.add(name, data); !r)
            return Error(r.error());
    ReadmeFacts facts{input, ind, *tlp, generated, pats.size(), sigmaSpecs(input, ind), {}, {}};
    for (SigmaSpec &spec : facts.sigma) {
        auto r = zip.add(spec.file, sigmaRule(input, spec, *tlp, generated));
        if (!r)
            return Error(r.error());
        spec.file = *r;
    }
    for (const auto &[name, content] : input.scripts) {
        const bool ps1 = name.endsWith(QLatin1String(".ps1"), Qt::CaseInsensitive);
        auto r = zip.add(QLatin1String("scripts/") + flatName(name),
                         ps1 ? withBom(content) : content.toUtf8());
        if (!r)
            return Error(r.error());
        facts.scripts << *r;
    }
    if (!input.reportPdf.isEmpty()) {
        QString name = input.reportName.trimmed().isEmpty() ? QStringLiteral("report.pdf")
                                                            : flatName(input.reportName);
        if (!name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
            name += QLatin1String(".pdf");
        // A PDF hardly compresses: store it.
        auto r = zip.add(name, input.reportPdf, ZipWriter::Method::Store);
        if (!r)
            return Error(r.error());
        facts.report = *r;
    }
    if (auto r = zip.add(QStringLiteral("README.md"), readme(facts, t)); !r)
        return Error(r.error());
    if (auto w = zip.write(zipPath); !w)
        return Error(w.error());
    return zip.names();
}

} // namespace Vigie::Playbooks
