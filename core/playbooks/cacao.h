// SPDX-License-Identifier: Apache-2.0
// OASIS CACAO 2.0 playbooks: a plain model, import with validation against the bundled OASIS
// schemas (resources/playbooks/schema) plus the checks a schema cannot express (step references,
// reachability, timestamps), and export. Every object keeps the JSON it came from, so that export
// writes back what Vigie does not model (extensions, layout, custom properties) unchanged.
#pragma once

#include "core/events/result.h"
#include "core/playbooks/jsonschema.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>
#include <vector>

namespace Vigie::Playbooks {

// The $id of the CACAO 2.0 playbook schema, the entry point of the bundled schemas.
inline constexpr char cacaoPlaybookSchema[]
    = "https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/playbook.json";

// The bundled CACAO 2.0 schemas, read once from the Qt resource (empty if it is missing).
const JsonSchemaRegistry &cacaoSchemas();

struct Variable
{
    QString type; // string, ipv4-addr, hash… (variable-type-ov)
    QString description;
    QJsonValue value; // a string, null, or undefined when the playbook gives none
    bool constant = false;
    bool external = false;
    QJsonObject raw;
    bool operator==(const Variable &) const = default;
};
using Variables = std::map<QString, Variable>; // by name: __like_this__

struct Command
{
    QString type; // manual, bash, powershell, http-api, ssh… (command-type-ov)
    QString description;
    QString version;
    QString playbookActivity;
    QString command;    // the command line; for http-api the start line "POST /path HTTP/1.1"
    QString commandB64; // a command that is not plain text, base64
    // http-api and openc2-http
    QString content;
    QString contentB64;
    std::map<QString, QStringList> headers;
    QJsonObject raw;
    bool operator==(const Command &) const = default;
};

// A workflow step names the steps that may follow it; `property` is where, relative to the step
// ("on_completion", "next_steps/1", "cases/default").
struct StepLink
{
    QString property;
    QString target;
};

struct WorkflowStep
{
    QString id;   // its key in the workflow: action--<uuid>
    QString type; // start, end, action, playbook-action, parallel, if-condition, while-condition,
                  // switch-condition
    QString name;
    QString description;
    QString onCompletion;
    QString onSuccess;
    QString onFailure;
    QString owner;
    std::optional<qint64> delay;   // milliseconds before the step runs
    std::optional<qint64> timeout; // milliseconds the step may take
    Variables stepVariables;
    // action
    std::vector<Command> commands;
    QString agent;
    QStringList targets;
    QStringList inArgs;
    QStringList outArgs;
    // playbook-action
    QString playbookId;
    QString playbookVersion;
    // if-condition, while-condition
    QString condition;
    QString onTrue;
    QString onFalse;
    // switch-condition
    QString switchExpression; // "switch"
    std::map<QString, QString> cases;
    // parallel
    QStringList nextSteps;
    QJsonObject raw;

    // Every step this one may lead to, in a fixed order.
    std::vector<StepLink> links() const;
    bool operator==(const WorkflowStep &) const = default;
};

// An agent or a target (agent_definitions, target_definitions).
struct AgentTarget
{
    QString id;
    QString type; // group, individual, http-api, ssh, linux, net-address, security-category…
    QString name;
    QString description;
    QJsonObject address; // url, ipv4, ipv6, l2mac, vlan, dname: each a list
    QString port;
    QString authenticationInfo;
    QStringList category;
    QJsonObject raw;
    bool operator==(const AgentTarget &) const = default;
};

// An extension definition, authentication info or data marking: what Vigie reads of them; the
// rest (secrets of authentication info included) stays in `raw`.
struct Definition
{
    QString id;
    QString type;
    QString name;
    QString description;
    QJsonObject raw;
    bool operator==(const Definition &) const = default;
};

struct Playbook
{
    QString id;                                        // playbook--<uuid>
    QString specVersion = QStringLiteral("cacao-2.0"); // as read: empty when a file has none
    QString name;
    QString description;
    QStringList playbookTypes;
    QStringList playbookActivities;
    QStringList labels;
    QString createdBy;
    QDateTime created;
    QDateTime modified;
    QString workflowStart;
    QString workflowException;
    std::map<QString, WorkflowStep> workflow; // by step id
    Variables playbookVariables;
    std::map<QString, AgentTarget> agentDefinitions;
    std::map<QString, AgentTarget> targetDefinitions;
    std::map<QString, Definition> extensionDefinitions;
    std::map<QString, Definition> authenticationInfoDefinitions;
    std::map<QString, Definition> dataMarkingDefinitions;
    QJsonObject raw;

    const WorkflowStep *step(const QString &id) const;
    bool operator==(const Playbook &) const = default;
};

// The model of a JSON object, without any check: what is missing or of the wrong type is left
// empty (validatePlaybook says why).
Playbook playbookFromJson(const QJsonObject &json);
// The JSON of a model: its `raw` objects with the modelled properties written over them. A model
// read from JSON and left unchanged gives that JSON back exactly.
QJsonObject playbookToJson(const Playbook &playbook);

// Everything wrong with a playbook: the OASIS schemas, then what they cannot express. Errors
// make it invalid; warnings (an unreachable step, an agent that is not defined, a property CACAO
// does not define) are worth showing but do not.
std::vector<ValidationError> validatePlaybook(const QJsonObject &json);
std::vector<ValidationError> validatePlaybook(const Playbook &playbook);

// Reads and validates a playbook. Fails on a syntax error (with its line and column) or on any
// validation error (one per line in the message); `findings`, when given, receives every error
// and warning.
Result<Playbook> loadPlaybook(const QByteArray &json,
                              std::vector<ValidationError> *findings = nullptr);
// Indented JSON, UTF-8.
QByteArray exportPlaybook(const Playbook &playbook);

} // namespace Vigie::Playbooks
