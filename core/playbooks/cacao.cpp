// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/cacao.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <deque>

namespace Vigie::Playbooks {

namespace {

Q_LOGGING_CATEGORY(lcPlaybooks, "vigie.playbooks")

// The translation context of what this file tells the analyst.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(CacaoPlaybook)
};

using Findings = std::vector<ValidationError>;

QString pointer(const QString &path, const QString &key)
{
    QString segment = key;
    segment.replace(QLatin1Char('~'), QLatin1String("~0"));
    segment.replace(QLatin1Char('/'), QLatin1String("~1"));
    return path + QLatin1Char('/') + segment;
}

void error(Findings &out, const QString &path, const QString &message)
{
    out.push_back({path, message, QString(), ValidationError::Error});
}

void warning(Findings &out, const QString &path, const QString &message)
{
    out.push_back({path, message, QString(), ValidationError::Warning});
}

// --- reading --------------------------------------------------------------------------------

QString text(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QStringList texts(const QJsonObject &o, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QLatin1String(key)).toArray())
        if (v.isString())
            out << v.toString();
    return out;
}

std::optional<qint64> integer(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || std::floor(v.toDouble()) != v.toDouble())
        return std::nullopt;
    return qint64(v.toDouble());
}

QDateTime timestamp(const QJsonObject &o, const char *key)
{
    return QDateTime::fromString(text(o, key), Qt::ISODateWithMs);
}

Variable variableFrom(const QJsonObject &raw)
{
    Variable v;
    v.type = text(raw, "type");
    v.description = text(raw, "description");
    v.value = raw.value(QLatin1String("value"));
    v.constant = raw.value(QLatin1String("constant")).toBool();
    v.external = raw.value(QLatin1String("external")).toBool();
    v.raw = raw;
    return v;
}

Variables variablesFrom(const QJsonValue &v)
{
    Variables out;
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        out.emplace(it.key(), variableFrom(it->toObject()));
    return out;
}

Command commandFrom(const QJsonObject &raw)
{
    Command c;
    c.type = text(raw, "type");
    c.description = text(raw, "description");
    c.version = text(raw, "version");
    c.playbookActivity = text(raw, "playbook_activity");
    c.command = text(raw, "command");
    c.commandB64 = text(raw, "command_b64");
    c.content = text(raw, "content");
    c.contentB64 = text(raw, "content_b64");
    const QJsonObject headers = raw.value(QLatin1String("headers")).toObject();
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        QStringList values;
        for (const QJsonValue &v : it->toArray())
            values << v.toString();
        c.headers.emplace(it.key(), values);
    }
    c.raw = raw;
    return c;
}

WorkflowStep stepFrom(const QString &id, const QJsonObject &raw)
{
    WorkflowStep s;
    s.id = id;
    s.type = text(raw, "type");
    s.name = text(raw, "name");
    s.description = text(raw, "description");
    s.onCompletion = text(raw, "on_completion");
    s.onSuccess = text(raw, "on_success");
    s.onFailure = text(raw, "on_failure");
    s.owner = text(raw, "owner");
    s.delay = integer(raw, "delay");
    s.timeout = integer(raw, "timeout");
    s.stepVariables = variablesFrom(raw.value(QLatin1String("step_variables")));
    for (const QJsonValue &c : raw.value(QLatin1String("commands")).toArray())
        s.commands.push_back(commandFrom(c.toObject()));
    s.agent = text(raw, "agent");
    s.targets = texts(raw, "targets");
    s.inArgs = texts(raw, "in_args");
    s.outArgs = texts(raw, "out_args");
    s.playbookId = text(raw, "playbook_id");
    s.playbookVersion = text(raw, "playbook_version");
    s.condition = text(raw, "condition");
    s.onTrue = text(raw, "on_true");
    s.onFalse = text(raw, "on_false");
    s.switchExpression = text(raw, "switch");
    const QJsonObject cases = raw.value(QLatin1String("cases")).toObject();
    for (auto it = cases.constBegin(); it != cases.constEnd(); ++it)
        s.cases.emplace(it.key(), it->toString());
    s.nextSteps = texts(raw, "next_steps");
    s.raw = raw;
    return s;
}

AgentTarget agentTargetFrom(const QString &id, const QJsonObject &raw)
{
    AgentTarget a;
    a.id = id;
    a.type = text(raw, "type");
    a.name = text(raw, "name");
    a.description = text(raw, "description");
    a.address = raw.value(QLatin1String("address")).toObject();
    a.port = text(raw, "port");
    a.authenticationInfo = text(raw, "authentication_info");
    a.category = texts(raw, "category");
    a.raw = raw;
    return a;
}

Definition definitionFrom(const QString &id, const QJsonObject &raw)
{
    return {id, text(raw, "type"), text(raw, "name"), text(raw, "description"), raw};
}

template<typename T, typename From> std::map<QString, T> mapFrom(const QJsonValue &v, From from)
{
    std::map<QString, T> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it)
        if (it->isObject())
            out.emplace(it.key(), from(it.key(), it->toObject()));
    return out;
}

// --- writing: only what changed, over the JSON it came from ---------------------------------

void setText(QJsonObject &o, const char *key, const QString &value)
{
    if (value.isEmpty())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
}

void setTexts(QJsonObject &o, const char *key, const QStringList &values)
{
    if (values.isEmpty())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), QJsonArray::fromStringList(values));
}

void setInteger(QJsonObject &o, const char *key, std::optional<qint64> value)
{
    if (value)
        o.insert(QLatin1String(key), double(*value));
    else
        o.remove(QLatin1String(key));
}

void setValue(QJsonObject &o, const char *key, const QJsonValue &value)
{
    if (value.isUndefined())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
}

void setObject(QJsonObject &o, const char *key, const QJsonObject &value)
{
    if (value.isEmpty())
        o.remove(QLatin1String(key));
    else
        o.insert(QLatin1String(key), value);
}

void setTimestamp(QJsonObject &o, const char *key, const QDateTime &t)
{
    // CACAO wants UTC to the millisecond, exactly three digits.
    if (t.isValid())
        o.insert(QLatin1String(key),
                 t.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")));
    else
        o.remove(QLatin1String(key));
}

// Writes a dictionary (workflow, definitions, variables) where it differs from `before`: entries
// removed from the model go, changed and new ones are written, the others stay as they were.
template<typename T, typename ToJson>
void syncMap(QJsonObject &o,
             const char *key,
             const std::map<QString, T> &now,
             const std::map<QString, T> &before,
             ToJson toJson)
{
    if (now == before)
        return;
    QJsonObject map = o.value(QLatin1String(key)).toObject();
    for (const auto &entry : before)
        if (!now.contains(entry.first))
            map.remove(entry.first);
    for (const auto &[id, item] : now) {
        const auto old = before.find(id);
        if (old == before.end() || !(old->second == item))
            map.insert(id, toJson(item));
    }
    setObject(o, key, map);
}

QJsonObject variableToJson(const Variable &v)
{
    const Variable before = variableFrom(v.raw);
    QJsonObject o = v.raw;
    if (v.type != before.type)
        setText(o, "type", v.type);
    if (v.description != before.description)
        setText(o, "description", v.description);
    if (v.value != before.value)
        setValue(o, "value", v.value);
    if (v.constant != before.constant)
        o.insert(QLatin1String("constant"), v.constant);
    if (v.external != before.external)
        o.insert(QLatin1String("external"), v.external);
    return o;
}

QJsonObject commandToJson(const Command &c)
{
    const Command before = commandFrom(c.raw);
    QJsonObject o = c.raw;
    if (c.type != before.type)
        setText(o, "type", c.type);
    if (c.description != before.description)
        setText(o, "description", c.description);
    if (c.version != before.version)
        setText(o, "version", c.version);
    if (c.playbookActivity != before.playbookActivity)
        setText(o, "playbook_activity", c.playbookActivity);
    if (c.command != before.command)
        setText(o, "command", c.command);
    if (c.commandB64 != before.commandB64)
        setText(o, "command_b64", c.commandB64);
    if (c.content != before.content)
        setText(o, "content", c.content);
    if (c.contentB64 != before.contentB64)
        setText(o, "content_b64", c.contentB64);
    if (c.headers != before.headers) {
        QJsonObject headers;
        for (const auto &[name, values] : c.headers)
            headers.insert(name, QJsonArray::fromStringList(values));
        setObject(o, "headers", headers);
    }
    return o;
}

QJsonObject stepToJson(const WorkflowStep &s)
{
    const WorkflowStep before = stepFrom(s.id, s.raw);
    QJsonObject o = s.raw;
    if (s.type != before.type)
        setText(o, "type", s.type);
    if (s.name != before.name)
        setText(o, "name", s.name);
    if (s.description != before.description)
        setText(o, "description", s.description);
    if (s.onCompletion != before.onCompletion)
        setText(o, "on_completion", s.onCompletion);
    if (s.onSuccess != before.onSuccess)
        setText(o, "on_success", s.onSuccess);
    if (s.onFailure != before.onFailure)
        setText(o, "on_failure", s.onFailure);
    if (s.owner != before.owner)
        setText(o, "owner", s.owner);
    if (s.delay != before.delay)
        setInteger(o, "delay", s.delay);
    if (s.timeout != before.timeout)
        setInteger(o, "timeout", s.timeout);
    syncMap(o, "step_variables", s.stepVariables, before.stepVariables, variableToJson);
    if (s.commands != before.commands) {
        QJsonArray commands;
        for (const Command &c : s.commands)
            commands.append(commandToJson(c));
        if (commands.isEmpty())
            o.remove(QLatin1String("commands"));
        else
            o.insert(QLatin1String("commands"), commands);
    }
    if (s.agent != before.agent)
        setText(o, "agent", s.agent);
    if (s.targets != before.targets)
        setTexts(o, "targets", s.targets);
    if (s.inArgs != before.inArgs)
        setTexts(o, "in_args", s.inArgs);
    if (s.outArgs != before.outArgs)
        setTexts(o, "out_args", s.outArgs);
    if (s.playbookId != before.playbookId)
        setText(o, "playbook_id", s.playbookId);
    if (s.playbookVersion != before.playbookVersion)
        setText(o, "playbook_version", s.playbookVersion);
    if (s.condition != before.condition)
        setText(o, "condition", s.condition);
    if (s.onTrue != before.onTrue)
        setText(o, "on_true", s.onTrue);
    if (s.onFalse != before.onFalse)
        setText(o, "on_false", s.onFalse);
    if (s.switchExpression != before.switchExpression)
        setText(o, "switch", s.switchExpression);
    if (s.cases != before.cases) {
        QJsonObject cases;
        for (const auto &[value, target] : s.cases)
            cases.insert(value, target);
        setObject(o, "cases", cases);
    }
    if (s.nextSteps != before.nextSteps)
        setTexts(o, "next_steps", s.nextSteps);
    return o;
}

QJsonObject agentTargetToJson(const AgentTarget &a)
{
    const AgentTarget before = agentTargetFrom(a.id, a.raw);
    QJsonObject o = a.raw;
    if (a.type != before.type)
        setText(o, "type", a.type);
    if (a.name != before.name)
        setText(o, "name", a.name);
    if (a.description != before.description)
        setText(o, "description", a.description);
    if (a.address != before.address)
        setObject(o, "address", a.address);
    if (a.port != before.port)
        setText(o, "port", a.port);
    if (a.authenticationInfo != before.authenticationInfo)
        setText(o, "authentication_info", a.authenticationInfo);
    if (a.category != before.category)
        setTexts(o, "category", a.category);
    return o;
}

QJsonObject definitionToJson(const Definition &d)
{
    const Definition before = definitionFrom(d.id, d.raw);
    QJsonObject o = d.raw;
    if (d.type != before.type)
        setText(o, "type", d.type);
    if (d.name != before.name)
        setText(o, "name", d.name);
    if (d.description != before.description)
        setText(o, "description", d.description);
    return o;
}

// --- what the schemas cannot say ------------------------------------------------------------

// The schemas declare draft-07, where unevaluatedProperties is not a keyword: a property CACAO
// does not define, or a dictionary entry whose id names no type (so that no schema applies to it),
// passes them unnoticed. A step that no schema checked cannot be run: that one is an error.
void checkUndefined(const QJsonObject &json, const JsonSchemaRegistry &schemas, Findings &out)
{
    const QJsonObject properties = schemas.document(QLatin1String(cacaoPlaybookSchema))
                                       .value(QLatin1String("properties"))
                                       .toObject();
    if (properties.isEmpty())
        return;
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const QString at = pointer(QString(), it.key());
        if (!properties.contains(it.key())) {
            warning(out,
                    at,
                    Text::tr("property \"%1\" is not defined by CACAO 2.0 and is ignored")
                        .arg(it.key()));
            continue;
        }
        const QJsonObject patterns = properties.value(it.key())
                                         .toObject()
                                         .value(QLatin1String("patternProperties"))
                                         .toObject();
        if (patterns.isEmpty() || !it->isObject())
            continue;
        const QJsonObject dictionary = it->toObject();
        for (auto entry = dictionary.constBegin(); entry != dictionary.constEnd(); ++entry) {
            bool known = false;
            for (auto p = patterns.constBegin(); p != patterns.constEnd() && !known; ++p)
                known = schemas.regex(p.key()).match(entry.key()).hasMatch();
            if (known)
                continue;
            if (it.key() == QLatin1String("workflow"))
                error(out,
                      pointer(at, entry.key()),
                      Text::tr("\"%1\" is not a step id (a step type, \"--\" and a UUID), so no "
                               "schema checks this step")
                          .arg(entry.key()));
            else
                warning(out,
                        pointer(at, entry.key()),
                        Text::tr("\"%1\" is not a kind of entry CACAO 2.0 defines in %2: it is "
                                 "not checked")
                            .arg(entry.key(), it.key()));
        }
    }
}

// The playbook schema checks each command against command-data.json alone: the schema of its
// type (commands/http-api.json, which requires "command", commands/jupyter.json, which requires
// "command_b64"…) is bundled but referenced from nowhere. Vigie runs commands by their type, so
// each is also checked against its own, when CACAO defines that type.
void checkCommands(const Playbook &p, const JsonSchemaRegistry &schemas, Findings &out)
{
    // A plain name only: a type such as "../playbook" must not pick another schema.
    static const QRegularExpression plainName(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    const QUrl base(QString::fromLatin1(cacaoPlaybookSchema));
    for (const auto &[id, s] : p.workflow) {
        for (std::size_t i = 0; i < s.commands.size(); ++i) {
            const Command &c = s.commands[i];
            if (!plainName.match(c.type).hasMatch())
                continue;
            const QString uri = base.resolved(QUrl(QStringLiteral("commands/") + c.type
                                                   + QStringLiteral(".json")))
                                    .toString();
            if (!schemas.contains(uri))
                continue;
            const QString at = pointer(QStringLiteral("/workflow"), id)
                               + QStringLiteral("/commands/") + QString::number(i);
            for (ValidationError e : schemas.validate(c.raw, uri)) {
                e.path.prepend(at);
                out.push_back(std::move(e));
            }
        }
    }
}

void checkReferences(const Playbook &p, Findings &out)
{
    const QString workflow = QStringLiteral("/workflow");
    const auto missingStep = [](const QString &id) {
        return Text::tr("step \"%1\" is not in the workflow").arg(id);
    };
    if (!p.workflowStart.isEmpty()) {
        if (const WorkflowStep *start = p.step(p.workflowStart); !start)
            error(out, QStringLiteral("/workflow_start"), missingStep(p.workflowStart));
        else if (start->type != QLatin1String("start"))
            error(
                out,
                QStringLiteral("/workflow_start"),
                Text::tr("step \"%1\" is of type %2, not start").arg(p.workflowStart, start->type));
    }
    if (!p.workflowException.isEmpty() && !p.step(p.workflowException))
        error(out, QStringLiteral("/workflow_exception"), missingStep(p.workflowException));

    const QJsonObject extensions = p.raw.value(QLatin1String("extension_definitions")).toObject();
    const auto checkExtensions = [&](const QJsonValue &used, const QString &at) {
        const QJsonObject o = used.toObject();
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (!extensions.contains(it.key()))
                warning(out,
                        pointer(at, it.key()),
                        Text::tr("extension \"%1\" is not in extension_definitions").arg(it.key()));
    };
    checkExtensions(p.raw.value(QLatin1String("playbook_extensions")),
                    QStringLiteral("/playbook_extensions"));

    for (const auto &[id, s] : p.workflow) {
        const QString at = pointer(workflow, id);
        for (const StepLink &link : s.links())
            if (!p.step(link.target))
                error(out, at + QLatin1Char('/') + link.property, missingStep(link.target));
        // The specification says so; the schema's anyOf lets it through.
        if (!s.onCompletion.isEmpty() && (!s.onSuccess.isEmpty() || !s.onFailure.isEmpty()))
            error(out, at, Text::tr("on_completion cannot be used with on_success or on_failure"));
        if (!s.agent.isEmpty() && !p.agentDefinitions.contains(s.agent))
            warning(out,
                    at + QStringLiteral("/agent"),
                    Text::tr("agent \"%1\" is not in agent_definitions").arg(s.agent));
        for (qsizetype i = 0; i < s.targets.size(); ++i)
            if (!p.targetDefinitions.contains(s.targets.at(i)))
                warning(
                    out,
                    at + QStringLiteral("/targets/") + QString::number(i),
                    Text::tr("target \"%1\" is not in target_definitions").arg(s.targets.at(i)));
        checkExtensions(s.raw.value(QLatin1String("step_extensions")),
                        at + QStringLiteral("/step_extensions"));
    }

    const auto checkAuthentication
        = [&](const std::map<QString, AgentTarget> &definitions, const QString &at) {
              for (const auto &[id, a] : definitions)
                  if (!a.authenticationInfo.isEmpty()
                      && !p.authenticationInfoDefinitions.contains(a.authenticationInfo))
                      warning(out,
                              pointer(at, id) + QStringLiteral("/authentication_info"),
                              Text::tr("authentication info \"%1\" is not in "
                                       "authentication_info_definitions")
                                  .arg(a.authenticationInfo));
          };
    checkAuthentication(p.agentDefinitions, QStringLiteral("/agent_definitions"));
    checkAuthentication(p.targetDefinitions, QStringLiteral("/target_definitions"));

    const QStringList markings = texts(p.raw, "markings");
    for (qsizetype i = 0; i < markings.size(); ++i)
        if (!p.dataMarkingDefinitions.contains(markings.at(i)))
            warning(out,
                    QStringLiteral("/markings/") + QString::number(i),
                    Text::tr("data marking \"%1\" is not in data_marking_definitions")
                        .arg(markings.at(i)));
}

// From workflow_start (and the exception handler, which any step may reach by failing): an end
// step must be reachable, and a step nothing leads to is most likely a mistake.
void checkReachability(const Playbook &p, Findings &out)
{
    if (!p.step(p.workflowStart))
        return;
    QSet<QString> reached;
    std::deque<QString> pending{p.workflowStart};
    if (p.step(p.workflowException))
        pending.push_back(p.workflowException);
    bool endReached = false;
    while (!pending.empty()) {
        const QString id = pending.front();
        pending.pop_front();
        if (reached.contains(id))
            continue;
        const WorkflowStep *s = p.step(id);
        if (!s)
            continue;
        reached.insert(id);
        endReached = endReached || s->type == QLatin1String("end");
        for (const StepLink &link : s->links())
            pending.push_back(link.target);
    }
    if (!endReached)
        error(
            out,
            QStringLiteral("/workflow"),
            Text::tr("no end step can be reached from workflow_start \"%1\"").arg(p.workflowStart));
    for (const auto &entry : p.workflow)
        if (!reached.contains(entry.first))
            warning(out,
                    pointer(QStringLiteral("/workflow"), entry.first),
                    Text::tr("no step leads to this step from workflow_start"));
}

void checkTimes(const Playbook &p, Findings &out)
{
    if (p.created.isValid() && p.modified.isValid() && p.modified < p.created)
        error(out,
              QStringLiteral("/modified"),
              Text::tr("modified (%1) is earlier than created (%2)")
                  .arg(text(p.raw, "modified"), text(p.raw, "created")));
    const QDateTime from = timestamp(p.raw, "valid_from");
    const QDateTime until = timestamp(p.raw, "valid_until");
    if (from.isValid() && until.isValid() && until <= from)
        error(out,
              QStringLiteral("/valid_until"),
              Text::tr("valid_until (%1) is not later than valid_from (%2)")
                  .arg(text(p.raw, "valid_until"), text(p.raw, "valid_from")));
}

// Line and column (1-based, in characters) of a byte offset, for syntax errors.
std::pair<int, int> lineAndColumn(const QByteArray &json, qsizetype offset)
{
    const QByteArrayView before(json.constData(), offset);
    const int line = int(before.count('\n')) + 1;
    const qsizetype lineStart = json.lastIndexOf('\n', offset - 1) + 1;
    const int column
        = int(QString::fromUtf8(json.constData() + lineStart, offset - lineStart).toUcs4().size())
          + 1;
    return {line, column};
}

} // namespace

const JsonSchemaRegistry &cacaoSchemas()
{
    // Read once, on first use; read-only afterwards, so any thread may validate.
    static const JsonSchemaRegistry registry = [] {
        JsonSchemaRegistry r;
        const Result<void> added = r.addDirectory(QStringLiteral(":/vigie/cacao-schema"));
        if (!added)
            qCWarning(lcPlaybooks) << "the bundled CACAO schemas:" << added.error();
        return r;
    }();
    return registry;
}

std::vector<StepLink> WorkflowStep::links() const
{
    std::vector<StepLink> out;
    const auto add = [&](const QString &property, const QString &target) {
        if (!target.isEmpty())
            out.push_back({property, target});
    };
    add(QStringLiteral("on_completion"), onCompletion);
    add(QStringLiteral("on_success"), onSuccess);
    add(QStringLiteral("on_failure"), onFailure);
    add(QStringLiteral("on_true"), onTrue);
    add(QStringLiteral("on_false"), onFalse);
    for (qsizetype i = 0; i < nextSteps.size(); ++i)
        add(QStringLiteral("next_steps/") + QString::number(i), nextSteps.at(i));
    for (const auto &[value, target] : cases)
        add(pointer(QStringLiteral("cases"), value), target);
    return out;
}

const WorkflowStep *Playbook::step(const QString &id) const
{
    const auto it = workflow.find(id);
    return it == workflow.end() ? nullptr : &it->second;
}

Playbook playbookFromJson(const QJsonObject &json)
{
    Playbook p;
    p.id = text(json, "id");
    p.specVersion = text(json, "spec_version");
    p.name = text(json, "name");
    p.description = text(json, "description");
    p.playbookTypes = texts(json, "playbook_types");
    p.playbookActivities = texts(json, "playbook_activities");
    p.labels = texts(json, "labels");
    p.createdBy = text(json, "created_by");
    p.created = timestamp(json, "created");
    p.modified = timestamp(json, "modified");
    p.workflowStart = text(json, "workflow_start");
    p.workflowException = text(json, "workflow_exception");
    p.workflow = mapFrom<WorkflowStep>(json.value(QLatin1String("workflow")), stepFrom);
    p.playbookVariables = variablesFrom(json.value(QLatin1String("playbook_variables")));
    p.agentDefinitions
        = mapFrom<AgentTarget>(json.value(QLatin1String("agent_definitions")), agentTargetFrom);
    p.targetDefinitions
        = mapFrom<AgentTarget>(json.value(QLatin1String("target_definitions")), agentTargetFrom);
    p.extensionDefinitions
        = mapFrom<Definition>(json.value(QLatin1String("extension_definitions")), definitionFrom);
    p.authenticationInfoDefinitions = mapFrom<Definition>(
        json.value(QLatin1String("authentication_info_definitions")), definitionFrom);
    p.dataMarkingDefinitions = mapFrom<Definition>(
        json.value(QLatin1String("data_marking_definitions")), definitionFrom);
    p.raw = json;
    return p;
}

QJsonObject playbookToJson(const Playbook &p)
{
    const Playbook before = playbookFromJson(p.raw);
    QJsonObject o = p.raw;
    if (!o.contains(QLatin1String("type")))
        o.insert(QLatin1String("type"), QStringLiteral("playbook"));
    if (p.id != before.id)
        setText(o, "id", p.id);
    if (p.specVersion != before.specVersion)
        setText(o, "spec_version", p.specVersion);
    if (p.name != before.name)
        setText(o, "name", p.name);
    if (p.description != before.description)
        setText(o, "description", p.description);
    if (p.playbookTypes != before.playbookTypes)
        setTexts(o, "playbook_types", p.playbookTypes);
    if (p.playbookActivities != before.playbookActivities)
        setTexts(o, "playbook_activities", p.playbookActivities);
    if (p.labels != before.labels)
        setTexts(o, "labels", p.labels);
    if (p.createdBy != before.createdBy)
        setText(o, "created_by", p.createdBy);
    if (p.created != before.created)
        setTimestamp(o, "created", p.created);
    if (p.modified != before.modified)
        setTimestamp(o, "modified", p.modified);
    if (p.workflowStart != before.workflowStart)
        setText(o, "workflow_start", p.workflowStart);
    if (p.workflowException != before.workflowException)
        setText(o, "workflow_exception", p.workflowException);
    syncMap(o, "workflow", p.workflow, before.workflow, stepToJson);
    syncMap(o, "playbook_variables", p.playbookVariables, before.playbookVariables, variableToJson);
    syncMap(o, "agent_definitions", p.agentDefinitions, before.agentDefinitions, agentTargetToJson);
    syncMap(
        o, "target_definitions", p.targetDefinitions, before.targetDefinitions, agentTargetToJson);
    syncMap(o,
            "extension_definitions",
            p.extensionDefinitions,
            before.extensionDefinitions,
            definitionToJson);
    syncMap(o,
            "authentication_info_definitions",
            p.authenticationInfoDefinitions,
            before.authenticationInfoDefinitions,
            definitionToJson);
    syncMap(o,
            "data_marking_definitions",
            p.dataMarkingDefinitions,
            before.dataMarkingDefinitions,
            definitionToJson);
    return o;
}

std::vector<ValidationError> validatePlaybook(const QJsonObject &json)
{
    Findings findings;
    const JsonSchemaRegistry &schemas = cacaoSchemas();
    if (!schemas.contains(QLatin1String(cacaoPlaybookSchema))) {
        error(findings, QString(), Text::tr("the bundled CACAO 2.0 schemas are missing"));
    } else {
        findings = schemas.validate(json, QLatin1String(cacaoPlaybookSchema));
        checkUndefined(json, schemas, findings);
    }
    const Playbook p = playbookFromJson(json);
    if (schemas.contains(QLatin1String(cacaoPlaybookSchema)))
        checkCommands(p, schemas, findings);
    checkReferences(p, findings);
    checkReachability(p, findings);
    checkTimes(p, findings);
    // Errors first, each group in the order found; a reason given twice for one place (by the
    // playbook schema and a command's own) once.
    std::stable_partition(
        findings.begin(), findings.end(), [](const ValidationError &e) { return e.isError(); });
    Findings unique;
    QSet<QString> seen;
    for (ValidationError &e : findings) {
        const QString key = e.path + QLatin1Char('\n') + e.message;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        unique.push_back(std::move(e));
    }
    return unique;
}

std::vector<ValidationError> validatePlaybook(const Playbook &playbook)
{
    return validatePlaybook(playbookToJson(playbook));
}

Result<Playbook> loadPlaybook(const QByteArray &json, std::vector<ValidationError> *findings)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Qt may point one past the end of a truncated document.
        const qsizetype offset = std::clamp<qsizetype>(parseError.offset, 0, json.size());
        const auto [line, column] = lineAndColumn(json, offset);
        const QString where = Text::tr("line %1, column %2 (byte %3): %4")
                                  .arg(line)
                                  .arg(column)
                                  .arg(offset)
                                  .arg(parseError.errorString());
        if (findings)
            *findings = {{QString(), where, QString(), ValidationError::Error}};
        return Error(Text::tr("the playbook is not valid JSON: %1").arg(where));
    }
    if (!doc.isObject()) {
        const QString why
            = Text::tr("a CACAO playbook is a JSON object, this document is an array");
        if (findings)
            *findings = {{QString(), why, QString(), ValidationError::Error}};
        return Error(why);
    }
    const Findings found = validatePlaybook(doc.object());
    if (findings)
        *findings = found;
    QStringList errors;
    for (const ValidationError &e : found)
        if (e.isError())
            errors << e.toString();
    if (!errors.isEmpty())
        return Error(
            Text::tr(
                "the playbook is not valid CACAO 2.0 (%n error(s)):", nullptr, int(errors.size()))
            + QLatin1Char('\n') + errors.join(QLatin1Char('\n')));
    return playbookFromJson(doc.object());
}

QByteArray exportPlaybook(const Playbook &playbook)
{
    return QJsonDocument(playbookToJson(playbook)).toJson(QJsonDocument::Indented);
}

} // namespace Vigie::Playbooks
