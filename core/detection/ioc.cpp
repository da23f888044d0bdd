// SPDX-License-Identifier: Apache-2.0
#include "core/detection/ioc.h"

#include "core/ingest/importer.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

namespace Vigie::Detection {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return out;
}

std::string trimmed(std::string_view s)
{
    while (!s.empty()
           && (s.front() == ' ' || s.front() == '\t' || s.front() == '"' || s.front() == '\''))
        s.remove_prefix(1);
    while (!s.empty()
           && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"'
               || s.back() == '\''))
        s.remove_suffix(1);
    return std::string(s);
}

void replaceAll(std::string &s, std::string_view from, std::string_view to)
{
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

// Threat feeds write indicators defanged (hxxp://evil[.]com): make them usable again.
std::string refang(std::string_view text)
{
    std::string s = lower(trimmed(text));
    for (const char *dot : {"[.]", "(.)", "{.}", "[dot]", "(dot)"})
        replaceAll(s, dot, ".");
    replaceAll(s, "[:]", ":");
    replaceAll(s, "[://]", "://");
    if (s.starts_with("hxxp"))
        s.replace(0, 4, "http");
    if (s.starts_with("fxp"))
        s.replace(0, 3, "ftp");
    return s;
}

bool isHex(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    });
}

bool parseIp(const std::string &s, bool &v6, std::array<unsigned char, 16> &out)
{
    v6 = s.find(':') != std::string::npos;
    return inet_pton(v6 ? AF_INET6 : AF_INET, s.c_str(), out.data()) == 1;
}

bool isFileName(std::string_view s)
{
    static const char *const extensions[]
        = {".exe",  ".dll",  ".sys", ".ps1",  ".psm1", ".bat", ".cmd", ".vbs",  ".vbe",  ".js",
           ".jse",  ".hta",  ".scr", ".lnk",  ".msi",  ".jar", ".doc", ".docx", ".docm", ".xls",
           ".xlsx", ".xlsm", ".ppt", ".pptm", ".pdf",  ".zip", ".rar", ".7z",   ".iso",  ".img",
           ".wsf",  ".cpl",  ".ocx", ".tmp",  ".dat",  ".bin", ".py",  ".sh",   ".elf"};
    if (s.find('/') != std::string_view::npos || s.find('\\') != std::string_view::npos)
        return false;
    for (const char *ext : extensions)
        if (s.size() > std::strlen(ext) && s.ends_with(ext))
            return true;
    return false;
}

bool isDomain(std::string_view s)
{
    static const QRegularExpression re(QStringLiteral(
        "^(?=.{4,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?\\.)+[a-z][a-z0-9-]{1,23}$"));
    return re.match(QString::fromUtf8(s.data(), qsizetype(s.size()))).hasMatch();
}

std::string hostOfUrl(std::string_view url)
{
    const std::size_t scheme = url.find("://");
    std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
    const std::size_t end = rest.find_first_of("/?#");
    rest = rest.substr(0, end);
    if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos)
        rest = rest.substr(at + 1);
    if (!rest.empty() && rest.front() == '[') {
        const std::size_t close = rest.find(']');
        return lower(rest.substr(1, close == std::string_view::npos ? rest.size() - 1 : close - 1));
    }
    if (const std::size_t colon = rest.rfind(':'); colon != std::string_view::npos)
        rest = rest.substr(0, colon);
    return lower(rest);
}

std::string baseName(std::string_view path)
{
    const std::size_t slash = path.find_last_of("\\/");
    return lower(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

char keyOf(Indicator::Kind k)
{
    switch (k) {
    case Indicator::Ip:
        return 'i';
    case Indicator::Domain:
        return 'd';
    case Indicator::Url:
        return 'u';
    case Indicator::Hash:
        return 'h';
    case Indicator::FileName:
        return 'f';
    case Indicator::Cidr:
        return 'c';
    }
    return '?';
}

// Splits a CSV line (double quotes protect commas).
std::vector<std::string> csvFields(std::string_view line)
{
    std::vector<std::string> out(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') {
            if (quoted && i + 1 < line.size() && line[i + 1] == '"') {
                out.back() += '"';
                ++i;
            } else {
                quoted = !quoted;
            }
        } else if (c == ',' && !quoted) {
            out.emplace_back();
        } else if (c != '\r') {
            out.back() += c;
        }
    }
    return out;
}

} // namespace

const char *indicatorKindName(Indicator::Kind k)
{
    switch (k) {
    case Indicator::Ip:
        return "ip";
    case Indicator::Cidr:
        return "cidr";
    case Indicator::Domain:
        return "domain";
    case Indicator::Url:
        return "url";
    case Indicator::Hash:
        return "hash";
    case Indicator::FileName:
        return "filename";
    }
    return "?";
}

const Indicator *IocSet::insert(std::unique_ptr<Indicator> ind)
{
    const Indicator *p = ind.get();
    if (ind->kind == Indicator::Cidr) {
        Network n;
        const std::size_t slash = ind->value.find('/');
        parseIp(ind->value.substr(0, slash), n.v6, n.addr);
        n.prefix = std::atoi(ind->value.c_str() + slash + 1);
        n.indicator = p;
        m_networks.push_back(n);
    } else {
        const std::string key = keyOf(ind->kind) + ind->value;
        if (m_exact.count(key))
            return nullptr; // listed twice: the first one stays
        m_exact.emplace(key, p);
        m_hasHashes = m_hasHashes || ind->kind == Indicator::Hash;
    }
    m_all.push_back(std::move(ind));
    return p;
}

bool IocSet::add(std::string_view text,
                 const std::string &source,
                 const std::string &description,
                 std::string &error)
{
    std::string value = refang(text);
    std::string forced;
    static const char *const prefixes[] = {"ip:",
                                           "ipv4:",
                                           "ipv6:",
                                           "cidr:",
                                           "domain:",
                                           "url:",
                                           "hash:",
                                           "md5:",
                                           "sha1:",
                                           "sha256:",
                                           "filename:",
                                           "file:"};
    for (const char *prefix : prefixes) {
        if (value.starts_with(prefix) && !value.starts_with("file://")) {
            forced = std::string(prefix, std::strlen(prefix) - 1);
            value = trimmed(value.substr(std::strlen(prefix)));
            break;
        }
    }
    if (value.empty()) {
        error = "empty indicator";
        return false;
    }
    auto ind = std::make_unique<Indicator>();
    ind->source = source;
    ind->description = description;
    bool v6 = false;
    std::array<unsigned char, 16> addr{};
    const std::size_t slash = value.find('/');
    const bool looksUrl = value.find("://") != std::string::npos;
    if ((forced.empty() && looksUrl) || forced == "url") {
        if (!looksUrl)
            value = "http://" + value;
        ind->kind = Indicator::Url;
    } else if ((forced.empty() || forced.starts_with("ip") || forced == "cidr")
               && slash != std::string::npos && parseIp(value.substr(0, slash), v6, addr)) {
        char *end = nullptr;
        const long prefix = std::strtol(value.c_str() + slash + 1, &end, 10);
        if (*end != '\0' || prefix < 0 || prefix > (v6 ? 128 : 32)) {
            error = "a network prefix must be 0-32 (IPv4) or 0-128 (IPv6)";
            return false;
        }
        ind->kind = Indicator::Cidr;
    } else if ((forced.empty() || forced.starts_with("ip")) && parseIp(value, v6, addr)) {
        ind->kind = Indicator::Ip;
    } else if ((forced.empty() || forced == "hash" || forced == "md5" || forced == "sha1"
                || forced == "sha256")
               && isHex(value)
               && (value.size() == 32 || value.size() == 40 || value.size() == 64)) {
        ind->kind = Indicator::Hash;
    } else if ((forced.empty() && isFileName(value)) || forced == "filename" || forced == "file") {
        if (value.find_first_of("\\/") != std::string::npos)
            value = baseName(value);
        ind->kind = Indicator::FileName;
    } else if ((forced.empty() || forced == "domain") && isDomain(value)) {
        ind->kind = Indicator::Domain;
    } else {
        error = forced.empty() ? "not an IP address, network, domain, URL, hash or file name"
                               : "not a valid " + forced;
        return false;
    }
    ind->value = value;
    insert(std::move(ind));
    return true;
}

int IocSet::loadFile(const QString &path, std::vector<IocLoadError> &errors)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        errors.push_back({path, 0, f.errorString()});
        return 0;
    }
    return loadText(f.readAll(), path, errors);
}

int IocSet::loadText(const QByteArray &text, const QString &name, std::vector<IocLoadError> &errors)
{
    const std::size_t before = m_all.size();
    const std::string source = QFileInfo(name).fileName().toStdString();
    const QByteArray head = text.left(4096).trimmed();
    if (head.startsWith('{')) {
        // STIX 2.1: a bundle of objects; indicators carry patterns.
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
        if (pe.error != QJsonParseError::NoError) {
            errors.push_back({name,
                              0,
                              QStringLiteral("not valid JSON (offset %1: %2)")
                                  .arg(pe.offset)
                                  .arg(pe.errorString())});
            return 0;
        }
        const QJsonObject root = doc.object();
        if (root.value(QLatin1String("type")).toString() != QLatin1String("bundle")) {
            errors.push_back({name, 0, QStringLiteral("a JSON file that is not a STIX bundle")});
            return 0;
        }
        static const QRegularExpression comparison(
            QStringLiteral("([a-z0-9-]+):([A-Za-z0-9_.'\\-]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'"));
        std::int64_t index = 0;
        for (const QJsonValue &v : root.value(QLatin1String("objects")).toArray()) {
            ++index;
            const QJsonObject o = v.toObject();
            if (o.value(QLatin1String("type")).toString() != QLatin1String("indicator"))
                continue;
            const QString pattern = o.value(QLatin1String("pattern")).toString();
            const QString id = o.value(QLatin1String("id")).toString();
            const std::string description
                = o.value(QLatin1String("name"))
                      .toString(o.value(QLatin1String("description")).toString())
                      .toStdString();
            if (o.value(QLatin1String("pattern_type")).toString(QStringLiteral("stix"))
                != QLatin1String("stix")) {
                errors.push_back(
                    {name,
                     index,
                     id
                         + QStringLiteral(": pattern type %1 is not STIX")
                               .arg(o.value(QLatin1String("pattern_type")).toString())});
                continue;
            }
            int found = 0;
            for (auto it = comparison.globalMatch(pattern); it.hasNext();) {
                const auto m = it.next();
                const QString object = m.captured(1);
                const QString property = m.captured(2);
                QString value = m.captured(3);
                value.replace(QStringLiteral("\\'"), QStringLiteral("'"));
                value.replace(QStringLiteral("\\\\"), QStringLiteral("\\"));
                std::string typed;
                if (object == QLatin1String("ipv4-addr") || object == QLatin1String("ipv6-addr"))
                    typed = "ip:";
                else if (object == QLatin1String("domain-name"))
                    typed = "domain:";
                else if (object == QLatin1String("url"))
                    typed = "url:";
                else if (object == QLatin1String("file")
                         && property.startsWith(QLatin1String("hashes.")))
                    typed = "hash:";
                else if (object == QLatin1String("file") && property == QLatin1String("name"))
                    typed = "filename:";
                else {
                    errors.push_back(
                        {name,
                         index,
                         id
                             + QStringLiteral(": %1:%2 is not an indicator Vigie matches")
                                   .arg(object, property)});
                    continue;
                }
                std::string error;
                if (add(typed + value.toStdString(), source, description, error))
                    ++found;
                else
                    errors.push_back(
                        {name, index, id + QStringLiteral(": ") + QString::fromStdString(error)});
            }
            if (found == 0 && !comparison.match(pattern).hasMatch())
                errors.push_back(
                    {name, index, id + QStringLiteral(": no comparison in the pattern")});
        }
        return int(m_all.size() - before);
    }
    const QList<QByteArray> lines = text.split('\n');
    // CSV: a header naming the column of the indicators.
    int valueColumn = -1, typeColumn = -1, descriptionColumn = -1;
    if (!lines.isEmpty()
        && (name.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
            || lines.first().contains(','))) {
        const auto header = csvFields(lines.first().toStdString());
        for (std::size_t i = 0; i < header.size(); ++i) {
            const std::string h = lower(trimmed(header[i]));
            if (valueColumn < 0
                && (h == "value" || h == "indicator" || h == "ioc" || h == "ioc_value"))
                valueColumn = int(i);
            else if (typeColumn < 0 && (h == "type" || h == "ioc_type" || h == "kind"))
                typeColumn = int(i);
            else if (descriptionColumn < 0
                     && (h == "description" || h == "comment" || h == "threat" || h == "malware"))
                descriptionColumn = int(i);
        }
        if (valueColumn < 0 && name.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
            errors.push_back({name, 1, QStringLiteral("no column named value, indicator or ioc")});
            return 0;
        }
    }
    for (qsizetype n = valueColumn >= 0 ? 1 : 0; n < lines.size(); ++n) {
        const std::string line = trimmed(lines[n].toStdString());
        if (line.empty() || line.starts_with('#') || line.starts_with("//"))
            continue;
        std::string value = line, description;
        if (valueColumn >= 0) {
            const auto fields = csvFields(line);
            if (int(fields.size()) <= valueColumn) {
                errors.push_back(
                    {name, n + 1, QStringLiteral("no value in column %1").arg(valueColumn + 1)});
                continue;
            }
            value = fields[std::size_t(valueColumn)];
            if (typeColumn >= 0 && int(fields.size()) > typeColumn) {
                std::string type = lower(trimmed(fields[std::size_t(typeColumn)]));
                if (type == "ip-dst" || type == "ip-src" || type == "ipv4" || type == "ipv6")
                    type = "ip";
                else if (type == "hostname" || type == "fqdn")
                    type = "domain";
                else if (type == "file" || type == "file name")
                    type = "filename";
                if (!type.empty())
                    value = type + ':' + value;
            }
            if (descriptionColumn >= 0 && int(fields.size()) > descriptionColumn)
                description = trimmed(fields[std::size_t(descriptionColumn)]);
        }
        std::string error;
        if (!add(value, source, description, error))
            errors.push_back({name, n + 1, QString::fromStdString(error + ": " + value)});
    }
    return int(m_all.size() - before);
}

void IocSet::match(const Event &e, std::string_view raw, std::vector<const Indicator *> &out) const
{
    out.clear();
    auto exact = [&](char kind, const std::string &value) {
        if (value.empty())
            return;
        const auto it = m_exact.find(kind + value);
        if (it != m_exact.end() && std::find(out.begin(), out.end(), it->second) == out.end())
            out.push_back(it->second);
    };
    for (const std::string *ip : {&e.sourceIp, &e.destinationIp, &e.hostIp}) {
        if (ip->empty())
            continue;
        exact('i', lower(*ip));
        if (!m_networks.empty()) {
            bool v6 = false;
            std::array<unsigned char, 16> a{};
            if (!parseIp(*ip, v6, a))
                continue;
            for (const Network &n : m_networks) {
                if (n.v6 != v6)
                    continue;
                const int bytes = n.prefix / 8, bits = n.prefix % 8;
                if (std::memcmp(a.data(), n.addr.data(), std::size_t(bytes)) != 0)
                    continue;
                if (bits
                    && ((a[std::size_t(bytes)] ^ n.addr[std::size_t(bytes)])
                        & static_cast<unsigned char>(0xff << (8 - bits))))
                    continue;
                if (std::find(out.begin(), out.end(), n.indicator) == out.end())
                    out.push_back(n.indicator);
            }
        }
    }
    // A domain matches itself and every name under it.
    auto domain = [&](std::string name) {
        while (!name.empty() && name.back() == '.')
            name.pop_back();
        for (std::size_t at = 0; at != std::string::npos;) {
            exact('d', name.substr(at));
            at = name.find('.', at);
            if (at != std::string::npos)
                ++at;
        }
    };
    if (!e.dnsQuestionName.empty())
        domain(lower(e.dnsQuestionName));
    if (!e.urlFull.empty()) {
        std::string url = lower(e.urlFull);
        exact('u', url);
        if (url.ends_with('/'))
            exact('u', url.substr(0, url.size() - 1));
        else
            exact('u', url + '/');
        domain(hostOfUrl(url));
    }
    exact('h', lower(e.fileHashSha256));
    if (m_hasHashes && !raw.empty()) {
        // Hashes written in the original (Sysmon's "SHA1=…,MD5=…"): every hex run of a hash's
        // length.
        std::size_t i = 0;
        while (i < raw.size()) {
            const auto hex = [](char c) {
                return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            };
            if (!hex(raw[i])) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < raw.size() && hex(raw[j]))
                ++j;
            const std::size_t len = j - i;
            if (len == 32 || len == 40 || len == 64)
                exact('h', lower(raw.substr(i, len)));
            i = j;
        }
    }
    for (const std::string *path :
         {&e.processExecutable, &e.parentExecutable, &e.filePath, &e.targetExecutable})
        if (!path->empty())
            exact('f', baseName(*path));
}

Event IocSet::alertFrom(const Event &source, const Indicator &indicator)
{
    Event a = source;
    a.kind = EventKind::Alert;
    a.ruleId = std::string("ioc:") + indicatorKindName(indicator.kind) + ':' + indicator.value;
    a.ruleName = "IOC " + std::string(indicatorKindName(indicator.kind)) + ' ' + indicator.value;
    if (!indicator.description.empty())
        a.ruleName += " (" + indicator.description + ')';
    if (!indicator.source.empty())
        a.ruleName += " from " + indicator.source;
    a.severity = indicator.severity;
    a.techniqueIds.clear();
    a.tacticIds.clear();
    return a;
}

std::uint64_t IocSet::identityOf(std::uint64_t sourceIdentity, const Indicator &indicator)
{
    return Importer::identityOf(std::string("ioc:") + indicatorKindName(indicator.kind) + ':'
                                + indicator.value + ':' + std::to_string(sourceIdentity));
}

} // namespace Vigie::Detection
