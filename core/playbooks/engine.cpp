// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/engine.h"
#include "core/playbooks/quoting.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QUrl>

#include <algorithm>

namespace Vigie::Playbooks {

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(PlaybookEngine)
};

// A variable reference, CACAO 2.0 section 10.18: the declared name, "__" included, then ":value".
const QRegularExpression &referencePattern()
{
    static const QRegularExpression re(QStringLiteral("__([A-Za-z_][A-Za-z0-9_-]*)__:value"));
    return re;
}

QString referencedName(const QRegularExpressionMatch &m)
{
    return QLatin1String("__") + m.captured(1) + QLatin1String("__");
}

// The name of the variable when `text` is one reference and nothing else.
QString wholeReference(const QString &text)
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(referencePattern().pattern()));
    const auto m = re.match(text);
    return m.hasMatch() ? referencedName(m) : QString();
}

const Binding *findBinding(const Bindings &bindings, const QString &name)
{
    const auto it = bindings.find(name);
    return it == bindings.end() ? nullptr : &it->second;
}

QStringList uniqueItems(const QStringList &in)
{
    QStringList out;
    QSet<QString> seen;
    for (const QString &v : in) {
        if (v.isEmpty() || seen.contains(v))
            continue;
        seen.insert(v);
        out << v;
    }
    return out;
}

QString knownKind(const QString &text)
{
    static const QStringList kinds = {QStringLiteral("elastic"),
                                      QStringLiteral("wazuh"),
                                      QStringLiteral("thehive"),
                                      QStringLiteral("webhook")};
    const QString lower = text.trimmed().toLower();
    for (const QString &kind : kinds)
        if (lower == kind || (lower.startsWith(kind) && !lower.at(kind.size()).isLetterOrNumber()))
            return kind;
    return {};
}

// --- the incident's variables -----------------------------------------------------------------

struct IncidentField
{
    const char *plural;
    const char *singular;
    QStringList IncidentContext::*list;
};

// The variables an override changes through the incident, so that what derives from them follows.
const std::vector<IncidentField> &incidentFields()
{
    static const std::vector<IncidentField> fields = {
        {"__hosts__", "__host__", &IncidentContext::hosts},
        {"__host_addresses__", "__host_address__", &IncidentContext::hostAddresses},
        {"__remote_ips__", "__remote_ip__", &IncidentContext::remoteAddresses},
        {"__c2_ips__", "__c2_ip__", &IncidentContext::remoteAddresses},
        {"__users__", "__user__", &IncidentContext::users},
        {"__hashes__", "__hash__", &IncidentContext::hashes},
        {"__process_ids__", "__process_id__", &IncidentContext::processIds},
        {"__process_hosts__", "__process_host__", &IncidentContext::processHosts},
        {"__alert_ids__", "__alert_id__", &IncidentContext::alertIds},
        {"__domains__", "__domain__", &IncidentContext::domains},
    };
    return fields;
}

QStringList splitList(const QString &value)
{
    QStringList out;
    for (const QString &item : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = item.trimmed();
        if (!trimmed.isEmpty())
            out << trimmed;
    }
    return out;
}

// --- extensions -------------------------------------------------------------------------------

// The ids under which a playbook declares one of Vigie's extensions.
QStringList extensionIds(const Playbook &p, const char *name, const char *fixedId)
{
    QStringList ids{QLatin1String(fixedId)};
    for (const auto &[id, definition] : p.extensionDefinitions)
        if (definition.name == QLatin1String(name) && !ids.contains(id))
            ids << id;
    return ids;
}

QJsonObject extensionIn(const QJsonObject &extensions, const QStringList &ids)
{
    for (const QString &id : ids) {
        const QJsonValue v = extensions.value(id);
        if (v.isObject())
            return v.toObject();
    }
    return {};
}

QJsonObject
stepExtension(const Playbook &p, const WorkflowStep &s, const char *name, const char *fixedId)
{
    return extensionIn(s.raw.value(QLatin1String("step_extensions")).toObject(),
                       extensionIds(p, name, fixedId));
}

QJsonObject responseExtension(const Playbook &p, const WorkflowStep &s)
{
    return stepExtension(p, s, responseExtensionName, responseExtensionId);
}

Command commandFromJson(const QJsonObject &o)
{
    Command c;
    c.type = o.value(QLatin1String("type")).toString();
    c.description = o.value(QLatin1String("description")).toString();
    c.command = o.value(QLatin1String("command")).toString();
    c.commandB64 = o.value(QLatin1String("command_b64")).toString();
    c.content = o.value(QLatin1String("content")).toString();
    c.contentB64 = o.value(QLatin1String("content_b64")).toString();
    const QJsonObject headers = o.value(QLatin1String("headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        QStringList values;
        for (const QJsonValue &v : it->toArray())
            values << v.toString();
        c.headers.emplace(it.key(), values);
    }
    c.raw = o;
    return c;
}

// --- http-api rendering -----------------------------------------------------------------------

struct StartLine
{
    QByteArray method;
    QString target;
};

Result<StartLine> parseStartLine(const QString &line)
{
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    static const QRegularExpression token(QStringLiteral("^[A-Za-z]+$"));
    const QStringList parts = line.trimmed().split(spaces, Qt::SkipEmptyParts);
    if (parts.size() < 2 || parts.size() > 3 || !token.match(parts.at(0)).hasMatch()
        || (parts.size() == 3 && !parts.at(2).startsWith(QLatin1String("HTTP/"))))
        return Error(
            Text::tr("\"%1\" is not an HTTP start line (\"POST /path HTTP/1.1\")").arg(line));
    const QString target = parts.at(1);
    if (!target.startsWith(QLatin1Char('/')))
        return Error(Text::tr("the request target \"%1\" must be a path (\"/api/…\"): the "
                              "connector supplies the address")
                         .arg(target));
    return StartLine{parts.at(0).toUpper().toLatin1(), target};
}

// Whatever changes something on the customer's side needs the analyst's approval, whatever the
// playbook says: every method but GET and HEAD, except what only records (a case in TheHive) or
// only reads (Elastic's running_processes).
bool isDestructiveCall(const QByteArray &method, const QString &target)
{
    if (method == "GET" || method == "HEAD")
        return false;
    const QString path = target.section(QLatin1Char('?'), 0, 0);
    static const QStringList recordsOnly{QStringLiteral("/api/v1/case"),
                                         QStringLiteral("/api/case"),
                                         QStringLiteral("/api/endpoint/action/running_processes")};
    return !(method == "POST" && recordsOnly.contains(path));
}

bool isSecretName(const QString &name)
{
    static const QStringList secrets = {QStringLiteral("authorization"),
                                        QStringLiteral("cookie"),
                                        QStringLiteral("token"),
                                        QStringLiteral("secret"),
                                        QStringLiteral("password"),
                                        QStringLiteral("passwd"),
                                        QStringLiteral("api-key"),
                                        QStringLiteral("apikey"),
                                        QStringLiteral("api_key"),
                                        QStringLiteral("credential")};
    const QString lower = name.toLower();
    return std::any_of(
        secrets.begin(), secrets.end(), [&](const QString &s) { return lower.contains(s); });
}

const QString kMask = QStringLiteral("********");

QJsonValue maskJson(const QJsonValue &v, bool &changed)
{
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(maskJson(item, changed));
        return out;
    }
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (isSecretName(it.key()) && !it->isNull()) {
                changed = true;
                out.insert(it.key(), kMask);
            } else {
                out.insert(it.key(), maskJson(*it, changed));
            }
        }
        return out;
    }
    return v;
}

// The body with its secrets masked; the very same bytes when it holds none.
QByteArray maskBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return body;
    bool changed = false;
    const QJsonValue masked
        = maskJson(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()), changed);
    if (!changed)
        return body;
    return masked.isArray() ? QJsonDocument(masked.toArray()).toJson(QJsonDocument::Compact)
                            : QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact);
}

QString maskPath(const QString &path)
{
    const qsizetype q = path.indexOf(QLatin1Char('?'));
    if (q < 0)
        return path;
    QStringList params;
    for (const QString &param : path.mid(q + 1).split(QLatin1Char('&'))) {
        const qsizetype eq = param.indexOf(QLatin1Char('='));
        if (eq > 0 && isSecretName(QUrl::fromPercentEncoding(param.left(eq).toUtf8())))
            params << param.left(eq + 1) + kMask;
        else
            params << param;
    }
    return path.left(q + 1) + params.join(QLatin1Char('&'));
}

Headers maskHeaders(const Headers &headers)
{
    Headers out = headers;
    for (auto &[name, value] : out)
        if (isSecretName(QString::fromLatin1(name)))
            value = kMask.toLatin1();
    return out;
}

// Renders the parts of a request with one set of values; collects every problem.
class RequestRenderer
{
public:
    explicit RequestRenderer(const Bindings &bindings)
        : m_bindings(bindings)
    {}

    QStringList errors;

    // Text with each reference replaced by `encode(item)` of its items joined with `separator`.
    QString substitute(const QString &text,
                       const std::function<QString(const QString &)> &encode,
                       QLatin1Char separator = QLatin1Char(','))
    {
        QString out;
        qsizetype last = 0;
        auto it = referencePattern().globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            out += text.mid(last, m.capturedStart() - last);
            last = m.capturedEnd();
            const QString name = referencedName(m);
            const Binding *b = usable(name);
            if (!b)
                continue;
            QStringList parts;
            for (const QString &v : b->list ? b->values : QStringList{b->text()})
                parts << encode(v);
            out += parts.join(separator);
        }
        out += text.mid(last);
        return out;
    }

    QString plain(const QString &text)
    {
        return substitute(text, [](const QString &v) { return v; });
    }

    QString target(const QString &target)
    {
        // "," stays: it separates list items ("agents_list=001,002") and breaks no structure.
        const auto encode = [](const QString &v) {
            return QString::fromLatin1(QUrl::toPercentEncoding(v, ","));
        };
        const qsizetype q = target.indexOf(QLatin1Char('?'));
        QString out = substitute(q < 0 ? target : target.left(q), encode);
        if (q < 0)
            return out;
        QStringList params;
        for (const QString &param : target.mid(q + 1).split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = param.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                // A parameter that only carries an empty or unknown value is left out, so that
                // the API applies its default rather than receive "agents_list=".
                const QString name = wholeReference(param.mid(eq + 1));
                if (!name.isEmpty()) {
                    const Binding *b = findBinding(m_bindings, name);
                    if (b && (!b->defined || b->items().isEmpty()))
                        continue;
                }
            }
            params << substitute(param.left(eq < 0 ? param.size() : eq), encode)
                          + (eq < 0 ? QString()
                                    : QLatin1Char('=') + substitute(param.mid(eq + 1), encode));
        }
        if (!params.isEmpty())
            out += QLatin1Char('?') + params.join(QLatin1Char('&'));
        return out;
    }

    enum class Rendered { Value, Drop, List };

    Rendered json(const QJsonValue &in, QJsonValue &out)
    {
        if (in.isString()) {
            const QString s = in.toString();
            const QString name = wholeReference(s);
            if (name.isEmpty()) {
                out = plain(s);
                return Rendered::Value;
            }
            const Binding *b = findBinding(m_bindings, name);
            if (!b) {
                errors << Text::tr("unknown variable %1").arg(name);
                return Rendered::Drop;
            }
            if (!b->defined)
                return Rendered::Drop;
            if (b->list) {
                if (b->values.isEmpty())
                    return Rendered::Drop;
                QJsonArray items;
                for (const QString &v : b->values)
                    items.append(typed(name, *b, v));
                out = items;
                return Rendered::List;
            }
            out = typed(name, *b, b->text());
            return Rendered::Value;
        }
        if (in.isArray()) {
            QJsonArray items;
            for (const QJsonValue &item : in.toArray()) {
                QJsonValue v;
                switch (json(item, v)) {
                case Rendered::Drop:
                    break;
                case Rendered::List:
                    for (const QJsonValue &x : v.toArray())
                        items.append(x);
                    break;
                case Rendered::Value:
                    items.append(v);
                    break;
                }
            }
            out = items;
            return Rendered::Value;
        }
        if (in.isObject()) {
            QJsonObject o;
            const QJsonObject obj = in.toObject();
            for (auto it = obj.constBegin(); it != obj.constEnd(); ++it) {
                QJsonValue v;
                if (json(*it, v) != Rendered::Drop)
                    o.insert(it.key(), v);
            }
            out = o;
            return Rendered::Value;
        }
        out = in;
        return Rendered::Value;
    }

private:
    const Binding *usable(const QString &name)
    {
        const Binding *b = findBinding(m_bindings, name);
        if (!b)
            errors << Text::tr("unknown variable %1").arg(name);
        else if (!b->defined)
            errors << Text::tr("variable %1 has no value").arg(name);
        else
            return b;
        return nullptr;
    }

    QJsonValue typed(const QString &name, const Binding &b, const QString &value)
    {
        const QString &t = b.type;
        if (t == QLatin1String("integer") || t == QLatin1String("long")) {
            bool ok = false;
            const qint64 n = value.trimmed().toLongLong(&ok);
            if (ok)
                return QJsonValue(n);
            errors << Text::tr("%1 is an integer, not \"%2\"").arg(name, value);
            return {};
        }
        if (t == QLatin1String("float")) {
            bool ok = false;
            const double n = value.trimmed().toDouble(&ok);
            if (ok)
                return n;
            errors << Text::tr("%1 is a number, not \"%2\"").arg(name, value);
            return {};
        }
        if (t == QLatin1String("bool")) {
            const QString lower = value.trimmed().toLower();
            if (lower == QLatin1String("true") || lower == QLatin1String("false"))
                return lower == QLatin1String("true");
            errors << Text::tr("%1 is true or false, not \"%2\"").arg(name, value);
            return {};
        }
        return value;
    }

    const Bindings &m_bindings;
};

bool hasLineBreak(const QString &s)
{
    return s.contains(QLatin1Char('\r')) || s.contains(QLatin1Char('\n')) || s.contains(QChar(0));
}

struct RenderedHttp
{
    QByteArray method;
    QString path;
    Headers headers;
    QByteArray body;
};

Result<RenderedHttp> renderHttp(const Command &command, const Bindings &bindings)
{
    const QString line = commandText(command);
    if (line.trimmed().isEmpty())
        return Error(Text::tr("the http-api command has no start line"));
    const Result<StartLine> start = parseStartLine(line);
    if (!start)
        return Error(start.error());
    RequestRenderer r(bindings);
    RenderedHttp out;
    out.method = start->method;
    out.path = r.target(start->target);
    static const QRegularExpression headerName(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    bool hasContentType = false;
    for (const auto &[name, values] : command.headers) {
        if (!headerName.match(name).hasMatch()) {
            r.errors << Text::tr("\"%1\" is not a header name").arg(name);
            continue;
        }
        hasContentType = hasContentType
                         || name.compare(QLatin1String("content-type"), Qt::CaseInsensitive) == 0;
        for (const QString &value : values) {
            const QString v = r.plain(value);
            if (hasLineBreak(v))
                r.errors << Text::tr("header %1 would hold a line break").arg(name);
            else
                out.headers.emplace_back(name.toLatin1(), v.toUtf8());
        }
    }
    QString content = command.content;
    if (content.isEmpty() && !command.contentB64.isEmpty()) {
        const auto decoded = QByteArray::fromBase64Encoding(
            command.contentB64.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return Error(Text::tr("content_b64 is not valid base64"));
        content = QString::fromUtf8(*decoded);
    }
    const QString trimmed = content.trimmed();
    bool jsonType = false;
    for (const auto &[name, value] : out.headers)
        if (name.compare("content-type", Qt::CaseInsensitive) == 0 && value.contains("json"))
            jsonType = true;
    if (trimmed.startsWith(QLatin1Char('{')) || trimmed.startsWith(QLatin1Char('['))
        || (jsonType && !trimmed.isEmpty())) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(content.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !(doc.isObject() || doc.isArray()))
            return Error(Text::tr("the content is not valid JSON: %1 (byte %2)")
                             .arg(error.errorString())
                             .arg(error.offset));
        QJsonValue rendered;
        r.json(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), rendered);
        out.body = rendered.isArray()
                       ? QJsonDocument(rendered.toArray()).toJson(QJsonDocument::Compact)
                       : QJsonDocument(rendered.toObject()).toJson(QJsonDocument::Compact);
        if (!hasContentType)
            out.headers.emplace_back("Content-Type", "application/json");
    } else if (!content.isEmpty()) {
        out.body = r.plain(content).toUtf8();
    }
    if (!r.errors.isEmpty()) {
        r.errors.removeDuplicates();
        return Error(r.errors.join(QLatin1String("; ")));
    }
    return out;
}

// --- scripts ----------------------------------------------------------------------------------

bool isPowerShellQuote(QChar c)
{
    // PowerShell ends a single-quoted string at any of these (about_Quoting_Rules).
    return c == QLatin1Char('\'') || c == QChar(0x2018) || c == QChar(0x2019) || c == QChar(0x201A)
           || c == QChar(0x201B);
}

bool isPowerShellDoubleQuote(QChar c)
{
    return c == QLatin1Char('"') || c == QChar(0x201C) || c == QChar(0x201D) || c == QChar(0x201E);
}

// Where a reference stands in a script, as far as quoting goes. The tracker only decides how an
// expansion is quoted; whatever it gets wrong, the value itself is never spliced into the code.
enum class Context { Code, Double, Single, AnsiC, Comment, Backtick };

class ShellTracker
{
public:
    explicit ShellTracker(bool powershell)
        : m_powershell(powershell)
    {
        m_stack.push_back({Context::Code, 0});
    }

    Context context() const { return m_stack.back().context; }

    // Consumes text[i] (and what belongs to it); returns the number of characters consumed.
    qsizetype step(const QString &text, qsizetype i)
    {
        const QChar c = text.at(i);
        const QChar next = i + 1 < text.size() ? text.at(i + 1) : QChar();
        const QChar escape = m_powershell ? QLatin1Char('`') : QLatin1Char('\\');
        Frame &top = m_stack.back();
        switch (top.context) {
        case Context::Comment:
            if (c == QLatin1Char('\n'))
                m_stack.pop_back();
            return 1;
        case Context::Single:
            if (m_powershell ? isPowerShellQuote(c) : c == QLatin1Char('\'')) {
                if (m_powershell && isPowerShellQuote(next))
                    return 2;
                m_stack.pop_back();
            }
            return 1;
        case Context::AnsiC:
            if (c == QLatin1Char('\\'))
                return 2;
            if (c == QLatin1Char('\''))
                m_stack.pop_back();
            return 1;
        case Context::Double:
            if (c == escape)
                return 2;
            if (m_powershell ? isPowerShellDoubleQuote(c) : c == QLatin1Char('"')) {
                if (m_powershell && isPowerShellDoubleQuote(next))
                    return 2;
                m_stack.pop_back();
                return 1;
            }
            if (c == QLatin1Char('$') && next == QLatin1Char('(')) {
                m_stack.push_back({Context::Code, 0, true});
                return 2;
            }
            if (!m_powershell && c == QLatin1Char('`')) {
                m_stack.push_back({Context::Backtick, 0});
                return 1;
            }
            return 1;
        case Context::Code:
        case Context::Backtick:
            if (c == escape)
                return 2;
            if (m_powershell ? isPowerShellQuote(c) : c == QLatin1Char('\'')) {
                m_stack.push_back({Context::Single, 0});
                return 1;
            }
            if (!m_powershell && c == QLatin1Char('$') && next == QLatin1Char('\'')) {
                m_stack.push_back({Context::AnsiC, 0});
                return 2;
            }
            if (m_powershell ? isPowerShellDoubleQuote(c) : c == QLatin1Char('"')) {
                m_stack.push_back({Context::Double, 0});
                return 1;
            }
            if (c == QLatin1Char('$') && next == QLatin1Char('(')) {
                m_stack.push_back({Context::Code, 0, true});
                return 2;
            }
            if (c == QLatin1Char('(')) {
                ++top.parens;
                return 1;
            }
            if (c == QLatin1Char(')')) {
                if (top.parens > 0)
                    --top.parens;
                else if (top.substitution)
                    m_stack.pop_back();
                return 1;
            }
            if (!m_powershell && c == QLatin1Char('`')) {
                if (top.context == Context::Backtick)
                    m_stack.pop_back();
                else
                    m_stack.push_back({Context::Backtick, 0});
                return 1;
            }
            if (c == QLatin1Char('#') && atWordStart(text, i)) {
                m_stack.push_back({Context::Comment, 0});
                return 1;
            }
            return 1;
        }
        return 1;
    }

private:
    static bool atWordStart(const QString &text, qsizetype i)
    {
        if (i == 0)
            return true;
        const QChar p = text.at(i - 1);
        return p.isSpace() || p == QLatin1Char(';') || p == QLatin1Char('&')
               || p == QLatin1Char('|') || p == QLatin1Char('(') || p == QLatin1Char(')');
    }

    struct Frame
    {
        Context context;
        int parens = 0;
        bool substitution = false; // a $( … ) that its ")" closes
    };
    bool m_powershell;
    std::vector<Frame> m_stack;
};

QString shellName(const QString &cacaoName)
{
    QString n = cacaoName;
    n.replace(QLatin1Char('-'), QLatin1Char('_'));
    return n;
}

} // namespace

// --- variables --------------------------------------------------------------------------------

Bindings incidentBindings(const IncidentContext &c)
{
    Bindings b;
    const auto add = [&](const char *plural,
                         const char *singular,
                         const QStringList &items,
                         const QString &type) {
        b[QLatin1String(plural)] = Binding::listOf(items, type);
        b[QLatin1String(singular)]
            = items.isEmpty() ? Binding::null(type) : Binding::scalar(items.first(), type);
    };
    const QString text = QStringLiteral("string");
    b[QStringLiteral("__incident_id__")]
        = Binding::scalar(QString::number(c.incident), QStringLiteral("integer"));
    b[QStringLiteral("__incident_title__")] = Binding::scalar(c.title, text);
    // Not translated: it travels to the sensor and its logs.
    b[QStringLiteral("__comment__")] = Binding::scalar(
        c.title.isEmpty() ? QStringLiteral("Vigie incident #%1").arg(c.incident)
                          : QStringLiteral("Vigie incident #%1: %2").arg(c.incident).arg(c.title),
        text);
    const QStringList hosts = uniqueItems(c.hosts);
    add("__hosts__", "__host__", hosts, text);
    QStringList agents;
    for (const QString &h : hosts) {
        const auto it = c.agentIds.find(h);
        agents << (it == c.agentIds.end() || it->second.isEmpty() ? h : it->second);
    }
    add("__host_agent_ids__", "__host_agent_id__", agents, text);
    add("__host_addresses__", "__host_address__", uniqueItems(c.hostAddresses), text);
    const QStringList remote = uniqueItems(c.remoteAddresses);
    add("__remote_ips__", "__remote_ip__", remote, text);
    add("__c2_ips__", "__c2_ip__", remote, text);
    add("__users__", "__user__", uniqueItems(c.users), text);
    add("__hashes__", "__hash__", uniqueItems(c.hashes), text);
    add("__domains__", "__domain__", uniqueItems(c.domains), text);
    add("__alert_ids__", "__alert_id__", uniqueItems(c.alertIds), text);
    // A process is a (host, id) pair: the same id on two hosts is two processes.
    QStringList pids, pidHosts, pidAgents;
    QSet<QString> seen;
    for (qsizetype i = 0; i < c.processIds.size(); ++i) {
        const QString pid = c.processIds.at(i).trimmed();
        const QString host = i < c.processHosts.size()
                                 ? c.processHosts.at(i)
                                 : (hosts.size() == 1 ? hosts.first() : QString());
        const QString key = host + QLatin1Char('\n') + pid;
        if (pid.isEmpty() || seen.contains(key))
            continue;
        seen.insert(key);
        pids << pid;
        pidHosts << host;
        const auto it = c.agentIds.find(host);
        pidAgents << (it == c.agentIds.end() || it->second.isEmpty() ? host : it->second);
    }
    add("__process_ids__", "__process_id__", pids, text);
    add("__process_hosts__", "__process_host__", pidHosts, text);
    add("__process_agent_ids__", "__process_agent_id__", pidAgents, text);
    return b;
}

Result<std::pair<QString, QString>> parseOverride(const QString &text)
{
    static const QRegularExpression valid(QStringLiteral("^__[A-Za-z_][A-Za-z0-9_-]*__$"));
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    QString name = (eq < 0 ? text : text.left(eq)).trimmed();
    if (!name.startsWith(QLatin1String("__")))
        name = QLatin1String("__") + name + QLatin1String("__");
    if (eq < 0 || !valid.match(name).hasMatch())
        return Error(Text::tr("\"%1\" is not NAME=VALUE with a variable name (letters, digits, "
                              "_ and -)")
                         .arg(text));
    return std::pair<QString, QString>(name, text.mid(eq + 1));
}

Result<Bindings> bindPlaybook(const Playbook &playbook,
                              const IncidentContext &incident,
                              const std::map<QString, QString> &overrides)
{
    // Overrides of the incident's lists go through the incident, so that __host__ and
    // __host_agent_ids__ follow an overridden __hosts__.
    IncidentContext context = incident;
    std::map<QString, QString> direct;
    std::map<QString, QString> normalised;
    for (const auto &[name, value] : overrides) {
        const auto parsed = parseOverride(name + QLatin1Char('=') + value);
        if (!parsed)
            return Error(parsed.error());
        normalised[parsed->first] = value;
    }
    for (const auto &[name, value] : normalised) {
        bool viaIncident = false;
        for (const IncidentField &f : incidentFields()) {
            if (name == QLatin1String(f.plural)) {
                context.*f.list = splitList(value);
                viaIncident = true;
            } else if (name == QLatin1String(f.singular)) {
                context.*f.list = QStringList{value};
                viaIncident = true;
            }
        }
        if (name == QLatin1String("__incident_title__")) {
            context.title = value;
            viaIncident = true;
        }
        if (!viaIncident)
            direct[name] = value;
    }

    Bindings b;
    for (const auto &[name, v] : playbook.playbookVariables) {
        Binding x = v.value.isString() ? Binding::scalar(v.value.toString(), v.type)
                                       : Binding::null(v.type);
        x.constant = v.constant;
        b[name] = x;
    }
    for (const auto &[name, fromIncident] : incidentBindings(context)) {
        const auto declared = playbook.playbookVariables.find(name);
        if (declared == playbook.playbookVariables.end()) {
            b[name] = fromIncident;
            continue;
        }
        const Variable &v = declared->second;
        if (v.constant || (!v.external && v.value.isString()))
            continue;
        Binding x = fromIncident;
        if (!v.type.isEmpty())
            x.type = v.type;
        b[name] = x;
    }
    for (const auto &[name, value] : normalised) {
        const auto it = b.find(name);
        if (it != b.end() && it->second.constant)
            return Error(Text::tr("%1 is a constant of playbook \"%2\": it cannot be set")
                             .arg(name, playbook.name));
        if (!direct.contains(name))
            continue;
        if (it == b.end())
            b[name] = Binding::scalar(value);
        else if (it->second.list)
            it->second = Binding::listOf(splitList(value), it->second.type);
        else
            it->second = Binding::scalar(value, it->second.type);
    }
    return b;
}

QString commandText(const Command &command)
{
    if (!command.command.isEmpty() || command.commandB64.isEmpty())
        return command.command;
    const auto decoded = QByteArray::fromBase64Encoding(command.commandB64.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? QString::fromUtf8(*decoded) : QString();
}

QString renderText(const QString &text, const Bindings &bindings)
{
    QString out;
    qsizetype last = 0;
    auto it = referencePattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        last = m.capturedEnd();
        const Binding *b = findBinding(bindings, referencedName(m));
        if (b && b->defined)
            out += b->list ? b->values.join(QLatin1String(", ")) : b->text();
        else
            out += m.captured();
    }
    return out + text.mid(last);
}

QString renderScript(const Command &command, const Bindings &bindings, QStringList *problems)
{
    const bool powershell = command.type == QLatin1String("powershell");
    QString body = commandText(command);
    if (body.isEmpty() && !command.commandB64.isEmpty() && problems)
        *problems << Text::tr("command_b64 is not valid base64");

    // The variables the script uses, each under a shell name of its own.
    struct Used
    {
        QString shell;
        QStringList values;
        bool list = false;
    };
    std::map<QString, Used> used;
    std::vector<QString> order;
    QSet<QString> shellNames;
    auto it = referencePattern().globalMatch(body);
    while (it.hasNext()) {
        const QString name = referencedName(it.next());
        if (used.contains(name))
            continue;
        Used u;
        QString shell = shellName(name);
        for (int n = 2; shellNames.contains(shell); ++n)
            shell = shellName(name) + QString::number(n);
        shellNames.insert(shell);
        u.shell = shell;
        const Binding *b = findBinding(bindings, name);
        if (!b) {
            if (problems)
                *problems << Text::tr("unknown variable %1").arg(name);
            u.values = {QString()};
        } else if (!b->defined) {
            if (problems)
                *problems << Text::tr("variable %1 has no value").arg(name);
            u.values = {QString()};
        } else {
            u.list = b->list;
            u.values = b->list ? b->values : QStringList{b->text()};
        }
        for (QString &v : u.values) {
            // No shell can hold a NUL in a string; dropping it is the only inert choice.
            if (v.contains(QChar(0))) {
                v.remove(QChar(0));
                if (problems)
                    *problems << Text::tr("a NUL character was dropped from %1").arg(name);
            }
        }
        used.emplace(name, u);
        order.push_back(name);
    }
    if (order.empty())
        return body;

    QString header;
    for (const QString &name : order) {
        const Used &u = used[name];
        QStringList quoted;
        for (const QString &v : u.values)
            quoted << (powershell ? powershellQuote(v) : shellQuote(v));
        if (powershell)
            header += QLatin1String("${") + u.shell + QLatin1String("} = ")
                      + (u.list ? QLatin1String("@(") + quoted.join(QLatin1String(", "))
                                      + QLatin1Char(')')
                                : quoted.value(0))
                      + QLatin1Char('\n');
        else
            header
                += u.shell + QLatin1Char('=')
                   + (u.list ? QLatin1Char('(') + quoted.join(QLatin1Char(' ')) + QLatin1Char(')')
                             : quoted.value(0))
                   + QLatin1Char('\n');
    }

    ShellTracker tracker(powershell);
    QString out;
    qsizetype i = 0;
    auto refs = referencePattern().globalMatch(body);
    while (i < body.size()) {
        qsizetype nextRef = body.size();
        QRegularExpressionMatch m;
        while (refs.hasNext()) {
            const auto candidate = refs.peekNext();
            if (candidate.capturedStart() >= i) {
                m = candidate;
                nextRef = candidate.capturedStart();
                break;
            }
            refs.next();
        }
        while (i < nextRef) {
            const qsizetype n = std::min(tracker.step(body, i), body.size() - i);
            out += body.mid(i, n);
            i += n;
        }
        if (i >= body.size() || !m.hasMatch() || i != m.capturedStart())
            continue;
        refs.next();
        const Used &u = used[referencedName(m)];
        const QString braced = QLatin1String("${") + u.shell
                               + (powershell || !u.list                  ? QString()
                                  : tracker.context() == Context::Double ? QStringLiteral("[*]")
                                                                         : QStringLiteral("[@]"))
                               + QLatin1Char('}');
        if (powershell) {
            // Inside '…' PowerShell expands nothing: ${name} stays literal text, inert, and said.
            if (tracker.context() == Context::Single && problems)
                *problems << Text::tr("%1 is inside a single-quoted string, where PowerShell "
                                      "does not expand it")
                                 .arg(referencedName(m));
            out += braced;
        } else {
            switch (tracker.context()) {
            case Context::Code:
            case Context::Backtick:
                out += QLatin1Char('"') + braced + QLatin1Char('"');
                break;
            case Context::Double:
            case Context::Comment:
                out += braced;
                break;
            case Context::Single:
                out += QLatin1String("'\"") + braced + QLatin1String("\"'");
                break;
            case Context::AnsiC:
                out += QLatin1String("'\"") + braced + QLatin1String("\"$'");
                break;
            }
        }
        i = m.capturedEnd();
    }

    // After a shebang line, if there is one.
    if (out.startsWith(QLatin1String("#!"))) {
        const qsizetype eol = out.indexOf(QLatin1Char('\n'));
        if (eol < 0)
            return out + QLatin1Char('\n') + header;
        return out.left(eol + 1) + header + out.mid(eol + 1);
    }
    return header + out;
}

// --- requests ---------------------------------------------------------------------------------

PlannedRequest PlannedRequest::masked() const
{
    PlannedRequest m = *this;
    m.headers = maskHeaders(headers);
    m.path = maskPath(path);
    m.body = maskBody(body);
    if (m.undoRequest) {
        m.undoRequest->headers = maskHeaders(undoRequest->headers);
        m.undoRequest->path = maskPath(undoRequest->path);
        m.undoRequest->body = maskBody(undoRequest->body);
    }
    return m;
}

QString PlannedRequest::toText() const
{
    QString out
        = QString::fromLatin1(method) + QLatin1Char(' ') + path + QLatin1String(" HTTP/1.1\n");
    for (const auto &[name, value] : headers)
        out += QString::fromLatin1(name) + QLatin1String(": ") + QString::fromUtf8(value)
               + QLatin1Char('\n');
    if (!body.isEmpty())
        out += QLatin1Char('\n') + QString::fromUtf8(body) + QLatin1Char('\n');
    return out;
}

QJsonObject PlannedRequest::toJson() const
{
    const auto headersJson = [](const Headers &h) {
        QJsonArray out;
        for (const auto &[name, value] : h)
            out.append(QJsonArray{QString::fromLatin1(name), QString::fromUtf8(value)});
        return out;
    };
    QJsonObject o{{QStringLiteral("connector"), connectorKind},
                  {QStringLiteral("method"), QString::fromLatin1(method)},
                  {QStringLiteral("path"), path},
                  {QStringLiteral("headers"), headersJson(headers)},
                  {QStringLiteral("body"), QString::fromUtf8(body)},
                  {QStringLiteral("destructive"), destructive},
                  {QStringLiteral("alert_ids"), QJsonArray::fromStringList(alertIds)},
                  {QStringLiteral("incident"), incident},
                  {QStringLiteral("playbook"), playbookId},
                  {QStringLiteral("step"), stepId},
                  {QStringLiteral("step_name"), stepName},
                  {QStringLiteral("agent"), agentName},
                  {QStringLiteral("item"), item}};
    if (!undo.isEmpty())
        o.insert(QStringLiteral("undo"), undo);
    if (undoRequest)
        o.insert(QStringLiteral("undo_request"),
                 QJsonObject{{QStringLiteral("method"), QString::fromLatin1(undoRequest->method)},
                             {QStringLiteral("path"), undoRequest->path},
                             {QStringLiteral("headers"), headersJson(undoRequest->headers)},
                             {QStringLiteral("body"), QString::fromUtf8(undoRequest->body)}});
    return o;
}

bool isDestructive(const Playbook &playbook, const WorkflowStep &step)
{
    const QJsonValue flag = responseExtension(playbook, step).value(QLatin1String("destructive"));
    if (flag.toBool())
        return true;
    for (const Command &c : step.commands) {
        if (c.type != QLatin1String("http-api"))
            continue;
        const auto start = parseStartLine(commandText(c));
        if (start && isDestructiveCall(start->method, start->target))
            return true;
    }
    return false;
}

Result<PlannedRequest> planRequest(const Playbook &playbook,
                                   const WorkflowStep &step,
                                   const Command &command,
                                   const Bindings &bindings,
                                   const IncidentContext &incident)
{
    const auto agent = playbook.agentDefinitions.find(step.agent);
    if (step.agent.isEmpty() || agent == playbook.agentDefinitions.end())
        return Error(
            Text::tr("the step's agent \"%1\" is not in agent_definitions").arg(step.agent));
    const AgentTarget &a = agent->second;
    QString kind;
    const QJsonObject agentExtension
        = extensionIn(a.raw.value(QLatin1String("agent_target_extensions")).toObject(),
                      extensionIds(playbook, responseExtensionName, responseExtensionId));
    const QString declared = agentExtension.value(QLatin1String("connector")).toString();
    if (!declared.isEmpty()) {
        kind = knownKind(declared);
        if (kind != declared.trimmed().toLower())
            return Error(Text::tr("connector \"%1\" of agent \"%2\" is not elastic, wazuh, "
                                  "thehive or webhook")
                             .arg(declared, a.name));
    } else {
        kind = knownKind(a.name);
        if (kind.isEmpty())
            return Error(Text::tr("agent \"%1\" names no connector: call it elastic, wazuh, "
                                  "thehive or webhook, or give it the vigie-response extension's "
                                  "\"connector\"")
                             .arg(a.name));
    }
    const Result<RenderedHttp> rendered = renderHttp(command, bindings);
    if (!rendered)
        return Error(rendered.error());
    PlannedRequest p;
    p.connectorKind = kind;
    p.method = rendered->method;
    p.path = rendered->path;
    p.headers = rendered->headers;
    p.body = rendered->body;
    p.destructive = isDestructive(playbook, step);
    p.alertIds = uniqueItems(incident.alertIds);
    p.incident = incident.incident;
    p.playbookId = playbook.id;
    p.stepId = step.id;
    p.stepName = step.name;
    p.agentName = a.name;
    const QJsonValue undo = responseExtension(playbook, step).value(QLatin1String("undo"));
    if (undo.isObject()) {
        const QJsonObject u = undo.toObject();
        p.undo = u.value(QLatin1String("name")).toString();
        const QJsonObject undoCommand = u.value(QLatin1String("command")).toObject();
        if (!undoCommand.isEmpty()) {
            const Result<RenderedHttp> r = renderHttp(commandFromJson(undoCommand), bindings);
            if (!r)
                return Error(Text::tr("the undo request: %1").arg(r.error()));
            p.undoRequest = UndoRequest{r->method, r->path, r->headers, r->body};
        }
    } else if (undo.isString()) {
        p.undo = undo.toString();
    }
    return p;
}

// --- running ----------------------------------------------------------------------------------

bool ActionRunner::sleep(qint64 ms, CancelToken cancel)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (cancel.isCancelled())
            return false;
        QThread::msleep(static_cast<unsigned long>(std::min<qint64>(50, ms - timer.elapsed())));
    }
    return !cancel.isCancelled();
}

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return QStringLiteral("pending");
    case StepState::WaitingApproval:
        return QStringLiteral("waiting-approval");
    case StepState::Running:
        return QStringLiteral("running");
    case StepState::Done:
        return QStringLiteral("done");
    case StepState::Failed:
        return QStringLiteral("failed");
    case StepState::Skipped:
        return QStringLiteral("skipped");
    }
    return {};
}

std::vector<PlannedRequest> RunResult::requests() const
{
    std::vector<PlannedRequest> out;
    for (const StepRecord &s : steps)
        out.insert(out.end(), s.requests.begin(), s.requests.end());
    return out;
}

const StepRecord *RunResult::last(const QString &stepId, const QString &playbook) const
{
    const QString &wanted = playbook.isEmpty() ? playbookId : playbook;
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
        if (it->stepId == stepId && it->playbookId == wanted)
            return &*it;
    return nullptr;
}

StepState RunResult::stateOf(const QString &stepId, const QString &playbook) const
{
    const StepRecord *s = last(stepId, playbook);
    return s ? s->state : StepState::Pending;
}

struct PlaybookRun::Impl
{
    Impl(const Playbook &playbook,
         const IncidentContext &incident,
         RunOptions options,
         ActionRunner &runner,
         RunObserver *observer)
        : top(playbook)
        , incident(incident)
        , options(std::move(options))
        , runner(runner)
        , observer(observer)
    {}

    struct Frame
    {
        const Playbook *playbook = nullptr;
        Bindings vars;
        int depth = 0;
        int iteration = 0;
    };
    enum class Flow { Ended, Failed, Cancelled };
    struct Outcome
    {
        enum Kind { Ok, Failed, Skipped, Cancelled } kind = Ok;
        QString message;
    };

    const Playbook &top;
    const IncidentContext incident;
    const RunOptions options;
    ActionRunner &runner;
    RunObserver *observer;
    std::atomic<bool> cancelled{false};
    bool started = false;
    int executed = 0;
    bool anyFailed = false;
    RunResult result;

    CancelToken token() const { return CancelToken(&cancelled, options.cancel); }
    bool isCancelled() const { return token().isCancelled(); }

    void notify(int index)
    {
        if (observer)
            observer->stepChanged(result.steps[std::size_t(index)]);
    }

    void note(const QString &message)
    {
        if (observer)
            observer->message(message);
    }

    StepRecord &record(int index) { return result.steps[std::size_t(index)]; }

    int begin(const Frame &f, const WorkflowStep &s)
    {
        StepRecord r;
        r.index = int(result.steps.size());
        r.playbookId = f.playbook->id;
        r.stepId = s.id;
        r.type = s.type;
        r.name = s.name;
        r.depth = f.depth;
        r.iteration = f.iteration;
        r.state = StepState::Running;
        r.startedMs = QDateTime::currentMSecsSinceEpoch();
        result.steps.push_back(std::move(r));
        notify(int(result.steps.size()) - 1);
        return int(result.steps.size()) - 1;
    }

    void finish(int index, StepState state, const QString &message)
    {
        StepRecord &r = record(index);
        r.state = state;
        if (!message.isEmpty())
            r.message = message;
        r.finishedMs = QDateTime::currentMSecsSinceEpoch();
        notify(index);
    }

    void failed(const Frame &f, const WorkflowStep &s, const QString &message)
    {
        anyFailed = true;
        if (result.error.isEmpty())
            result.error = Text::tr("%1 (%2): %3")
                               .arg(s.name.isEmpty() ? s.id : s.name, f.playbook->name, message);
    }

    Outcome fail(const QString &message) { return {Outcome::Failed, message}; }

    // CACAO scopes step variables to their step; a while-condition's counter must survive its
    // passes, so a step variable is declared once, the first time its step runs.
    void declareStepVariables(Frame &f, const WorkflowStep &s)
    {
        for (const auto &[name, v] : s.stepVariables) {
            if (f.vars.contains(name))
                continue;
            Binding b = v.value.isString() ? Binding::scalar(v.value.toString(), v.type)
                                           : Binding::null(v.type);
            b.constant = v.constant;
            f.vars[name] = b;
        }
    }

    QString assign(Frame &f, const WorkflowStep &s, const std::map<QString, QString> &outputs)
    {
        for (const auto &[name, value] : outputs) {
            if (!s.outArgs.contains(name))
                continue;
            Binding &b = f.vars[name];
            if (b.constant)
                return Text::tr("%1 is a constant: the step cannot set it").arg(name);
            b = b.list ? Binding::listOf(splitList(value), b.type) : Binding::scalar(value, b.type);
        }
        return {};
    }

    Flow runTop(Frame &f)
    {
        const Flow flow = runChain(f, f.playbook->workflowStart);
        if (flow == Flow::Failed && !f.playbook->workflowException.isEmpty()
            && f.playbook->workflowException != f.playbook->workflowStart && !isCancelled()) {
            if (runChain(f, f.playbook->workflowException) == Flow::Cancelled)
                return Flow::Cancelled;
        }
        return flow;
    }

    Flow runChain(Frame &f, QString id)
    {
        while (true) {
            if (isCancelled())
                return Flow::Cancelled;
            if (id.isEmpty())
                return Flow::Ended; // a branch without an end step ends with its last step
            const WorkflowStep *s = f.playbook->step(id);
            if (!s) {
                anyFailed = true;
                if (result.error.isEmpty())
                    result.error = Text::tr("step \"%1\" is not in the workflow of \"%2\"")
                                       .arg(id, f.playbook->name);
                return Flow::Failed;
            }
            const int index = begin(f, *s);
            if (++executed > options.maxSteps) {
                const QString why
                    = Text::tr("more than %1 steps ran: the workflow loops").arg(options.maxSteps);
                finish(index, StepState::Failed, why);
                failed(f, *s, why);
                return Flow::Failed;
            }
            declareStepVariables(f, *s);
            if (s->delay && *s->delay > 0 && !options.dryRun && !runner.sleep(*s->delay, token())) {
                finish(index, StepState::Failed, Text::tr("cancelled"));
                return Flow::Cancelled;
            }
            const Outcome o = execute(f, *s, index);
            switch (o.kind) {
            case Outcome::Cancelled:
                finish(index, StepState::Failed, Text::tr("cancelled"));
                return Flow::Cancelled;
            case Outcome::Ok:
                finish(index, StepState::Done, o.message);
                if (s->type == QLatin1String("end"))
                    return Flow::Ended;
                id = s->onSuccess.isEmpty() ? s->onCompletion : s->onSuccess;
                break;
            case Outcome::Skipped:
                finish(index, StepState::Skipped, o.message);
                id = s->onCompletion.isEmpty() ? s->onSuccess : s->onCompletion;
                break;
            case Outcome::Failed:
                finish(index, StepState::Failed, o.message);
                failed(f, *s, o.message);
                if (s->onFailure.isEmpty())
                    return Flow::Failed;
                id = s->onFailure;
                break;
            }
        }
    }

    // Runs a branch; how it ended, as the outcome of the step that started it.
    std::optional<Outcome> branch(Frame &f, const QString &start, const QString &which)
    {
        if (start.isEmpty())
            return std::nullopt;
        switch (runChain(f, start)) {
        case Flow::Ended:
            return std::nullopt;
        case Flow::Cancelled:
            return Outcome{Outcome::Cancelled, {}};
        case Flow::Failed:
            return fail(Text::tr("the %1 branch failed").arg(which));
        }
        return std::nullopt;
    }

    Outcome execute(Frame &f, const WorkflowStep &s, int index)
    {
        const QString &type = s.type;
        if (type == QLatin1String("start") || type == QLatin1String("end"))
            return {};
        if (type == QLatin1String("action"))
            return action(f, s, index);
        if (type == QLatin1String("playbook-action"))
            return subPlaybook(f, s);
        if (type == QLatin1String("parallel")) {
            // Run one after the other; each branch still runs whatever another one did.
            bool branchFailed = false;
            for (const QString &next : s.nextSteps) {
                const Flow flow = runChain(f, next);
                if (flow == Flow::Cancelled)
                    return {Outcome::Cancelled, {}};
                branchFailed = branchFailed || flow == Flow::Failed;
            }
            if (branchFailed)
                return fail(Text::tr("a parallel branch failed"));
            return {};
        }
        if (type == QLatin1String("if-condition")) {
            const Result<bool> value = evaluateCondition(s.condition, f.vars);
            if (!value)
                return fail(value.error());
            record(index).message = *value ? QStringLiteral("true") : QStringLiteral("false");
            notify(index);
            if (auto o = branch(f,
                                *value ? s.onTrue : s.onFalse,
                                *value ? QStringLiteral("on_true") : QStringLiteral("on_false")))
                return *o;
            return {Outcome::Ok, *value ? QStringLiteral("true") : QStringLiteral("false")};
        }
        if (type == QLatin1String("while-condition")) {
            const int outer = f.iteration;
            int passes = 0;
            while (true) {
                if (isCancelled())
                    return {Outcome::Cancelled, {}};
                const Result<bool> value = evaluateCondition(s.condition, f.vars);
                if (!value) {
                    f.iteration = outer;
                    return fail(value.error());
                }
                if (!*value)
                    break;
                if (++passes > options.maxIterations) {
                    f.iteration = outer;
                    return fail(Text::tr("the condition was still true after %1 passes")
                                    .arg(options.maxIterations));
                }
                f.iteration = passes;
                const auto o = branch(f, s.onTrue, QStringLiteral("on_true"));
                f.iteration = outer;
                if (o)
                    return *o;
                // A dry run changes nothing the condition could watch: one pass shows the loop.
                if (options.dryRun)
                    break;
            }
            return {Outcome::Ok, Text::tr("%n pass(es)", nullptr, passes)};
        }
        if (type == QLatin1String("switch-condition")) {
            QString value;
            const QString expression = s.switchExpression.trimmed();
            const QString name = expression.endsWith(QLatin1String(":value"))
                                     ? wholeReference(expression)
                                     : wholeReference(expression + QLatin1String(":value"));
            if (!name.isEmpty()) {
                const Binding *b = findBinding(f.vars, name);
                if (!b)
                    return fail(Text::tr("unknown variable %1").arg(name));
                value = b->defined ? b->text() : QString();
            } else {
                value = renderText(expression, f.vars);
            }
            auto target = s.cases.find(value);
            if (target == s.cases.end())
                target = s.cases.find(QStringLiteral("default"));
            const QString chosen = target == s.cases.end() ? QString() : target->first;
            record(index).message = Text::tr("\"%1\": case %2")
                                        .arg(value, chosen.isEmpty() ? Text::tr("none") : chosen);
            notify(index);
            if (target != s.cases.end())
                if (auto o = branch(f, target->second, QStringLiteral("cases/") + chosen))
                    return *o;
            return {Outcome::Ok, record(index).message};
        }
        return fail(Text::tr("unknown step type \"%1\"").arg(type));
    }

    Outcome subPlaybook(Frame &f, const WorkflowStep &s)
    {
        if (f.depth + 1 > options.maxDepth)
            return fail(
                Text::tr("playbooks call each other more than %1 deep").arg(options.maxDepth));
        const Playbook *callee = options.playbooks ? options.playbooks(s.playbookId) : nullptr;
        if (!callee)
            return fail(Text::tr("playbook %1 is not available").arg(s.playbookId));
        if (!s.playbookVersion.isEmpty()) {
            const QDateTime wanted = QDateTime::fromString(s.playbookVersion, Qt::ISODateWithMs);
            if (wanted.isValid() && wanted != callee->modified)
                note(Text::tr("%1: version %2 was asked for, %3 runs")
                         .arg(callee->name,
                              s.playbookVersion,
                              callee->modified.toUTC().toString(Qt::ISODateWithMs)));
        }
        const Result<Bindings> vars = bindPlaybook(*callee, incident, options.variables);
        if (!vars)
            return fail(vars.error());
        Frame sub{callee, *vars, f.depth + 1, 0};
        for (const QString &name : s.inArgs) {
            const auto it = f.vars.find(name);
            if (it == f.vars.end())
                continue;
            Binding &target = sub.vars[name];
            if (!target.constant)
                target = it->second;
        }
        const Flow flow = runTop(sub);
        for (const QString &name : s.outArgs) {
            const auto it = sub.vars.find(name);
            if (it == sub.vars.end())
                continue;
            Binding &target = f.vars[name];
            if (target.constant)
                return fail(Text::tr("%1 is a constant: the step cannot set it").arg(name));
            target = it->second;
        }
        if (flow == Flow::Cancelled)
            return {Outcome::Cancelled, {}};
        if (flow == Flow::Failed)
            return fail(Text::tr("playbook \"%1\" failed").arg(callee->name));
        return {};
    }

    struct Planned
    {
        enum Kind { Http, Manual, Script } kind = Http;
        std::size_t request = 0; // index in the record's requests
        std::size_t task = 0;    // index in the record's manual tasks
        QString type;
        QString script;
    };

    Outcome action(Frame &f, const WorkflowStep &s, int index)
    {
        const Playbook &p = *f.playbook;
        // The for-each extension: one set of values per item.
        std::vector<Bindings> scopes;
        QStringList items;
        const QJsonObject forEach = stepExtension(p, s, forEachExtensionName, forEachExtensionId);
        if (!forEach.isEmpty()) {
            const QString listName = forEach.value(QLatin1String("list")).toString();
            const QString itemName = forEach.value(QLatin1String("item")).toString();
            if (listName.isEmpty() || itemName.isEmpty())
                return fail(Text::tr("the vigie-for-each extension needs \"list\" and \"item\""));
            const Binding *list = findBinding(f.vars, listName);
            if (!list)
                return fail(Text::tr("unknown variable %1").arg(listName));
            items = list->items();
            if (items.isEmpty())
                return {Outcome::Skipped, Text::tr("%1 is empty: nothing to do").arg(listName)};
            const QJsonObject zip = forEach.value(QLatin1String("zip")).toObject();
            for (qsizetype i = 0; i < items.size(); ++i) {
                Bindings scope = f.vars;
                const auto typeOf = [&](const QString &name, const QString &fallback) {
                    const Binding *declared = findBinding(f.vars, name);
                    return declared && !declared->type.isEmpty() ? declared->type : fallback;
                };
                scope[itemName] = Binding::scalar(items.at(i), typeOf(itemName, list->type));
                for (auto z = zip.constBegin(); z != zip.constEnd(); ++z) {
                    const Binding *other = findBinding(f.vars, z.key());
                    if (!other)
                        return fail(Text::tr("unknown variable %1").arg(z.key()));
                    const QStringList values = other->defined ? other->values : QStringList();
                    const QString zipped = z->toString();
                    scope[zipped] = Binding::scalar(values.value(i), typeOf(zipped, other->type));
                }
                scopes.push_back(std::move(scope));
            }
        } else {
            scopes.push_back(f.vars);
        }

        // Everything is planned before anything is sent: a value that cannot be rendered stops
        // the step before its first request, and the approval shows the whole step.
        std::vector<Planned> plan;
        std::vector<PlannedRequest> unmasked; // what the runner gets; the record keeps them masked
        {
            StepRecord &r = record(index);
            r.items = items;
            // A step that cannot be planned sends nothing: its record shows no half plan.
            const auto planFailed = [&](const QString &why) {
                r.requests.clear();
                r.manual.clear();
                r.scripts.clear();
                return fail(why);
            };
            for (std::size_t i = 0; i < scopes.size(); ++i) {
                const QString item = items.value(qsizetype(i));
                for (const Command &c : s.commands) {
                    Planned planned;
                    planned.type = c.type;
                    if (c.type == QLatin1String("http-api")) {
                        Result<PlannedRequest> req = planRequest(p, s, c, scopes[i], incident);
                        if (!req)
                            return planFailed(req.error());
                        req->item = item;
                        planned.kind = Planned::Http;
                        planned.request = unmasked.size();
                        r.requests.push_back(req->masked());
                        unmasked.push_back(*req);
                    } else if (c.type == QLatin1String("manual")) {
                        ManualTask task;
                        task.playbookId = p.id;
                        task.stepId = s.id;
                        task.stepName = s.name;
                        task.description = c.description.isEmpty() ? s.description : c.description;
                        task.text = renderText(commandText(c), scopes[i]);
                        task.item = item;
                        task.incident = incident.incident;
                        planned.kind = Planned::Manual;
                        planned.task = r.manual.size();
                        r.manual.push_back(task);
                    } else if (c.type == QLatin1String("bash")
                               || c.type == QLatin1String("powershell")) {
                        QStringList problems;
                        planned.kind = Planned::Script;
                        planned.script = renderScript(c, scopes[i], &problems);
                        if (!problems.isEmpty())
                            return planFailed(problems.join(QLatin1String("; ")));
                        r.scripts << planned.script;
                    } else {
                        return planFailed(
                            Text::tr("command type \"%1\" is not run by Vigie (it runs "
                                     "http-api, manual, bash and powershell)")
                                .arg(c.type));
                    }
                    plan.push_back(planned);
                }
            }
            if (observer)
                for (const PlannedRequest &req : r.requests)
                    observer->requestPlanned(req, options.dryRun);
            notify(index);
        }

        const bool destructive = isDestructive(p, s);
        if (options.dryRun) {
            for (const Planned &planned : plan)
                if (planned.kind == Planned::Script && observer)
                    observer->scriptRendered(record(index), planned.type, planned.script);
            return {Outcome::Ok,
                    destructive ? Text::tr("dry run: would ask for approval")
                                : Text::tr("dry run")};
        }
        if (destructive && !options.approveAll) {
            ApprovalRequest ask;
            ask.playbookId = p.id;
            ask.stepId = s.id;
            ask.stepName = s.name;
            ask.description = s.description;
            ask.items = items;
            ask.incident = incident.incident;
            ask.requests = record(index).requests;
            for (const ManualTask &task : record(index).manual)
                ask.manual << task.text;
            ask.scripts = record(index).scripts;
            record(index).state = StepState::WaitingApproval;
            notify(index);
            const bool approved = runner.approve(ask, token());
            if (isCancelled())
                return {Outcome::Cancelled, {}};
            record(index).state = StepState::Running;
            notify(index);
            if (!approved)
                return {Outcome::Skipped, Text::tr("not approved")};
        }

        const qint64 timeout = s.timeout.value_or(0);
        QElapsedTimer timer;
        timer.start();
        const auto timedOut = [&] {
            return fail(Text::tr("timed out after %1 ms").arg(timeout));
        };
        for (const Planned &planned : plan) {
            if (isCancelled())
                return {Outcome::Cancelled, {}};
            const qint64 remaining = timeout > 0 ? timeout - timer.elapsed() : 0;
            if (timeout > 0 && remaining <= 0)
                return timedOut();
            if (planned.kind == Planned::Http) {
                const PlannedRequest &req = unmasked[planned.request];
                const ActionResult r = runner.run(req, remaining, token());
                record(index).results.push_back(r);
                if (observer)
                    observer->requestFinished(record(index).requests[planned.request], r);
                notify(index);
                if (isCancelled())
                    return {Outcome::Cancelled, {}};
                if (timeout > 0 && timer.elapsed() > timeout)
                    return timedOut();
                if (r.timedOut)
                    return fail(Text::tr("%1 %2: no answer in time")
                                    .arg(QString::fromLatin1(req.method), maskPath(req.path)));
                if (!r.ok()) {
                    const QString shown = maskPath(req.path);
                    if (!r.error.isEmpty())
                        return fail(Text::tr("%1 %2: %3")
                                        .arg(QString::fromLatin1(req.method), shown, r.error));
                    return fail(Text::tr("%1 %2: HTTP %3 %4")
                                    .arg(QString::fromLatin1(req.method), shown)
                                    .arg(r.status)
                                    .arg(QString::fromUtf8(r.body.left(200)).simplified()));
                }
                if (const QString why = assign(f, s, r.outputs); !why.isEmpty())
                    return fail(why);
            } else if (planned.kind == Planned::Manual) {
                ManualTask task = record(index).manual[planned.task];
                task.timeoutMs = remaining;
                const ManualOutcome o = runner.manual(task, token());
                record(index).manualOutcomes.push_back(o);
                notify(index);
                if (isCancelled())
                    return {Outcome::Cancelled, {}};
                if (timeout > 0 && timer.elapsed() > timeout)
                    return timedOut();
                if (!o.done)
                    return fail(o.note.isEmpty() ? Text::tr("not done")
                                                 : Text::tr("not done: %1").arg(o.note));
                if (const QString why = assign(f, s, o.outputs); !why.isEmpty())
                    return fail(why);
            } else if (observer) {
                observer->scriptRendered(record(index), planned.type, planned.script);
            }
        }
        return {};
    }

    RunResult run()
    {
        if (started)
            return result;
        started = true;
        result.dryRun = options.dryRun;
        result.playbookId = top.id;
        const Result<Bindings> vars = bindPlaybook(top, incident, options.variables);
        if (!vars) {
            result.status = RunStatus::Failed;
            result.error = vars.error();
            return result;
        }
        for (const auto &[name, value] : options.variables) {
            const auto parsed = parseOverride(name + QLatin1Char('=') + value);
            if (parsed && !top.playbookVariables.contains(parsed->first)
                && !incidentBindings({}).contains(parsed->first))
                note(Text::tr("%1 is not a variable of \"%2\"").arg(parsed->first, top.name));
        }
        Frame f{&top, *vars, 0, 0};
        const Flow flow = runTop(f);
        result.variables = f.vars;
        if (flow == Flow::Cancelled || isCancelled())
            result.status = RunStatus::Cancelled;
        else if (flow == Flow::Failed || anyFailed)
            result.status = RunStatus::Failed;
        else
            result.status = RunStatus::Succeeded;
        if (result.status == RunStatus::Cancelled && result.error.isEmpty())
            result.error = Text::tr("cancelled");
        return result;
    }
};

PlaybookRun::PlaybookRun(const Playbook &playbook,
                         const IncidentContext &incident,
                         RunOptions options,
                         ActionRunner &runner,
                         RunObserver *observer)
    : d(std::make_unique<Impl>(playbook, incident, std::move(options), runner, observer))
{}

PlaybookRun::~PlaybookRun() = default;

RunResult PlaybookRun::run()
{
    return d->run();
}

void PlaybookRun::cancel()
{
    d->cancelled.store(true);
}

RunResult runPlaybook(const Playbook &playbook,
                      const IncidentContext &incident,
                      const RunOptions &options,
                      ActionRunner &runner,
                      RunObserver *observer)
{
    return PlaybookRun(playbook, incident, options, runner, observer).run();
}

// --- built-in playbooks -----------------------------------------------------------------------

std::vector<Playbook> builtinPlaybooks(QStringList *errors)
{
    QStringList files;
    QDirIterator it(QStringLiteral(":/vigie/playbooks"), {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext())
        files << it.next();
    files.sort();
    std::vector<Playbook> out;
    for (const QString &file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            if (errors)
                *errors << Text::tr("%1: %2").arg(file, f.errorString());
            continue;
        }
        Result<Playbook> p = loadPlaybook(f.readAll());
        if (!p) {
            if (errors)
                *errors << Text::tr("%1: %2").arg(file, p.error());
            continue;
        }
        out.push_back(std::move(*p));
    }
    return out;
}

PlaybookLookup lookupIn(const std::vector<Playbook> &playbooks)
{
    return [&playbooks](const QString &id) -> const Playbook * {
        for (const Playbook &p : playbooks)
            if (p.id == id)
                return &p;
        return nullptr;
    };
}

} // namespace Vigie::Playbooks
