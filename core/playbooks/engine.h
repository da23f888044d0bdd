// SPDX-License-Identifier: Apache-2.0
// Runs CACAO 2.0 playbooks against the incident an analyst is looking at. The engine plans every
// action as data (an HTTP request, a checklist item, a script) and hands it to an ActionRunner the
// application implements: it holds no credentials, opens no socket and never executes a script.
// A dry run produces the very PlannedRequest objects a real run would hand over, so what a sensor
// receives is what the dry run showed.
//
// Variables (CACAO 2.0 CS01, section 10.18, https://docs.oasis-open.org/cacao/security-playbooks/
// v2.0/cs01/security-playbooks-v2.0-cs01.html, and the bundled data-types/variable.json: declared
// as __name__, used as __name__:value, in commands, agents and conditions alike). The engine
// binds these from the incident; a playbook declares those it uses (external: true) to document
// them, and may leave them undeclared. Lists are marked [list]; their first item also comes as
// the singular name, which is null (unknown) when the list is empty.
//   __incident_id__ (integer), __incident_title__, __comment__ ("Vigie incident #ID: TITLE")
//   __hosts__ [list] / __host__               host names
//   __host_agent_ids__ [list] / __host_agent_id__  the sensor's agent id of each host, in the
//                                             order of __hosts__ (the host name when unknown)
//   __host_addresses__ [list] / __host_address__   the hosts' own IP addresses
//   __remote_ips__ [list] / __remote_ip__     remote addresses (command and control…); also as
//   __c2_ips__ [list] / __c2_ip__             the same values, for playbooks that say "C2"
//   __users__ [list] / __user__, __hashes__ [list] / __hash__, __domains__ [list] / __domain__
//   __process_ids__ [list] / __process_id__   process ids, with __process_hosts__ [list] and
//                                             __process_agent_ids__ [list] in the same order
//   __alert_ids__ [list] / __alert_id__
// Precedence: the playbook's own value < the incident (for variables that are external, not
// declared, or declared without a value) < the analyst's overrides (--var NAME=VALUE; NAME with or
// without the underscores; a list variable takes comma-separated items). A constant cannot be
// overridden. The singular and per-host variables follow an overridden list.
//
// Vigie's two CACAO extensions (each playbook declares them in extension_definitions; they are
// recognised by their name, or by the ids below):
//   "vigie-for-each", in an action step's step_extensions: {"list": "__hosts__", "item":
//     "__host__", "zip": {"__host_agent_ids__": "__host_agent_id__"}} runs the step's commands
//     once per item of the list, binding the item (and the same-position item of each zipped
//     list, "" past its end). An empty list skips the step.
//   "vigie-response", in step_extensions: {"destructive": true, "undo": {"name": "unisolate",
//     "command": {a CACAO http-api command}}}; in an http-api agent's agent_target_extensions:
//     {"connector": "elastic" | "wazuh" | "thehive" | "webhook"}.
// A step is destructive when its extension says so, or when it sends an Elastic isolate,
// kill_process or suspend_process action, a Wazuh active response, or a DELETE: a playbook from
// elsewhere cannot isolate a host without asking. Destructive steps wait for approval unless
// RunOptions::approveAll; a refused step is skipped and the run goes on with its on_completion
// (else on_success).
//
// The built-in playbooks send what the vendors document: Elastic Defend response actions
// (POST /api/endpoint/action/{isolate,unisolate,kill_process} with {"endpoint_ids": […],
// "comment": …, "parameters": {"pid": …}}, elastic.co/guide/en/security/current/
// host-isolation-api.html), Wazuh's "Run command" (PUT /active-response?agents_list=… with
// {"command": "!firewall-drop", "arguments": […], "alert": {"data": {"srcip": …}}}; a leading "!"
// names the script, and since Wazuh 4.2 the script reads the address from the alert), TheHive 5's
// POST /api/v1/case.
//
// Rendering:
//   http-api: the start line "METHOD /path?query HTTP/1.1" (a relative target only: the connector
//     supplies the address, so a playbook cannot send incident data elsewhere); values are
//     percent-encoded in the target, a query parameter that is only a reference to an empty or
//     null variable is left out. A JSON content is parsed first and substituted value by value:
//     a string that is exactly one reference becomes that variable's value (a list becomes an
//     array, spliced into an enclosing array; integer/long/float/bool variables become numbers
//     and booleans; an empty list or a null value removes the property), other strings get the
//     text. The result is always valid JSON, whatever the values hold.
//   bash / powershell: never run. The variables a script uses are assigned at its top as quoted
//     literals (bash: '…' with ' as '\''; PowerShell: '…' with quotes doubled, typographic ones
//     too) and each reference becomes an expansion of that variable ("${__host__}", ${__host__})
//     which the shell never re-parses; a bash '…' string is closed around the expansion
//     ('…'"${__host__}"'…'), PowerShell expands nothing inside '…' (the reference stays literal and
//     renderScript says so). The values themselves are written only in the assignments: a quoting
//     context misread cannot make one run.
//   manual: the text with the values in it, for a person to read.
#pragma once

#include "core/events/result.h"
#include "core/playbooks/cacao.h"
#include "core/playbooks/conditions.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace Vigie::Playbooks {

inline constexpr char forEachExtensionName[] = "vigie-for-each";
inline constexpr char responseExtensionName[] = "vigie-response";
inline constexpr char forEachExtensionId[]
    = "extension-definition--048af32a-3755-584a-9b57-23f3b2537a5b";
inline constexpr char responseExtensionId[]
    = "extension-definition--4cddfa71-46e6-59d4-aa7f-e6eb5b8eef55";

// What the engine knows of an incident. `agentIds` maps a host name to the sensor's agent id
// (an Elastic endpoint id, a Wazuh agent id); `processHosts` gives the host of each process id.
struct IncidentContext
{
    qint64 incident = 0;
    QString title;
    QStringList hosts, hostAddresses, remoteAddresses, users, hashes, processIds, alertIds, domains;
    std::map<QString, QString> agentIds;
    QStringList processHosts;
};

// The variables the engine fills from an incident (see the convention above).
Bindings incidentBindings(const IncidentContext &incident);
// "NAME=VALUE" as given to --var, NAME normalised to __name__.
Result<std::pair<QString, QString>> parseOverride(const QString &text);
// A playbook's variables at the start of a run: its own, the incident's, then the overrides.
// Fails when an override names a constant.
Result<Bindings> bindPlaybook(const Playbook &playbook,
                              const IncidentContext &incident,
                              const std::map<QString, QString> &overrides = {});

using Headers = std::vector<std::pair<QByteArray, QByteArray>>;

// The request that releases what a destructive one did (unisolate for isolate).
struct UndoRequest
{
    QByteArray method;
    QString path;
    Headers headers;
    QByteArray body;
    bool operator==(const UndoRequest &) const = default;
};

// One fully rendered HTTP request: what a dry run shows and what a real run hands to
// ActionRunner::run, unchanged. The connector of `connectorKind` adds its address and credentials.
struct PlannedRequest
{
    QString connectorKind; // elastic, wazuh, thehive, webhook
    QByteArray method;
    QString path; // relative to the connector's address, query included, percent-encoded
    Headers headers;
    QByteArray body;
    bool destructive = false;
    QString undo; // the name of the action that undoes this one ("unisolate"); empty: none
    std::optional<UndoRequest> undoRequest;
    QStringList alertIds;
    qint64 incident = 0;
    // Where it comes from, for the run's display and the audit log.
    QString playbookId;
    QString stepId;
    QString stepName;
    QString agentName;
    QString item; // the for-each item it was rendered for

    // A copy with credentials masked (authorization, cookie, token, secret, password, api key
    // headers, query parameters and JSON properties): what a dry run prints and logs keep.
    PlannedRequest masked() const;
    // "POST /api/… (elastic)", the headers, a blank line and the body.
    QString toText() const;
    QJsonObject toJson() const;
    bool operator==(const PlannedRequest &) const = default;
};

// The outcome of one request, as the application's connector saw it.
struct ActionResult
{
    int status = 0; // HTTP status; 0 when there was no answer
    QByteArray body;
    QString error; // a transport error or a refusal, for the analyst
    bool timedOut = false;
    std::map<QString, QString> outputs; // values for the step's out_args
    bool ok() const { return error.isEmpty() && !timedOut && status >= 200 && status < 300; }
};

// A checklist item for the analyst.
struct ManualTask
{
    QString playbookId;
    QString stepId;
    QString stepName;
    QString description;
    QString text; // the command, with the variables' values in it
    QString item;
    qint64 incident = 0;
    qint64 timeoutMs = 0; // 0: none
};

struct ManualOutcome
{
    bool done = false;
    QString note;
    std::map<QString, QString> outputs; // values for the step's out_args
};

// What a destructive step is about to do, for the analyst to allow or refuse.
struct ApprovalRequest
{
    QString playbookId;
    QString stepId;
    QString stepName;
    QString description;
    QStringList items;
    std::vector<PlannedRequest> requests; // masked
    QStringList manual;
    QStringList scripts;
    qint64 incident = 0;
};

// Whether a run was asked to stop, by PlaybookRun::cancel() or by the caller's flag.
class CancelToken
{
public:
    CancelToken() = default;
    CancelToken(const std::atomic<bool> *a, const std::atomic<bool> *b = nullptr)
        : m_a(a)
        , m_b(b)
    {}
    bool isCancelled() const
    {
        return (m_a && m_a->load(std::memory_order_relaxed))
               || (m_b && m_b->load(std::memory_order_relaxed));
    }

private:
    const std::atomic<bool> *m_a = nullptr;
    const std::atomic<bool> *m_b = nullptr;
};

// What the application does for the engine. Each call blocks the run's thread (a worker) until it
// has an answer, and should return early once `cancel` says so.
class ActionRunner
{
public:
    virtual ~ActionRunner() = default;
    // Sends the request through the configured connector of its kind (never elsewhere), within
    // `timeoutMs` when it is not 0.
    virtual ActionResult run(const PlannedRequest &request, qint64 timeoutMs, CancelToken cancel)
        = 0;
    // Asks the analyst whether a destructive step may run.
    virtual bool approve(const ApprovalRequest &request, CancelToken cancel) = 0;
    // Shows a checklist item and waits until the analyst ticks it (done) or declines it.
    virtual ManualOutcome manual(const ManualTask &task, CancelToken cancel) = 0;
    // Waits `ms` (a step's delay); false when cancelled. The default waits in short slices.
    virtual bool sleep(qint64 ms, CancelToken cancel);
};

enum class StepState { Pending, WaitingApproval, Running, Done, Failed, Skipped };
// "pending", "waiting-approval", "running", "done", "failed", "skipped".
QString stepStateName(StepState state);

// One execution of a workflow step (a step inside a loop has one per pass).
struct StepRecord
{
    int index = 0; // its position in the run
    QString playbookId;
    QString stepId;
    QString type;
    QString name;
    int depth = 0;     // 0 for the playbook run, 1 inside a playbook-action…
    int iteration = 0; // the pass of the enclosing while-condition, from 1; 0 outside loops
    StepState state = StepState::Pending;
    QString message; // why it failed or was skipped; which branch a condition took
    QStringList items;
    std::vector<PlannedRequest> requests; // as planned (a dry run) or sent
    std::vector<ActionResult> results;    // one per request sent
    std::vector<ManualTask> manual;
    std::vector<ManualOutcome> manualOutcomes;
    QStringList scripts;
    qint64 startedMs = 0; // since the Unix epoch
    qint64 finishedMs = 0;
};

enum class RunStatus { Succeeded, Failed, Cancelled };

struct RunResult
{
    RunStatus status = RunStatus::Succeeded;
    QString playbookId;
    QString error; // the first failure's reason
    bool dryRun = false;
    std::vector<StepRecord> steps;
    Bindings variables; // the top playbook's, at the end

    // Every request planned or sent, in order.
    std::vector<PlannedRequest> requests() const;
    // The last execution of a step of the top playbook (any playbook when `playbookId` is
    // given); null when it never ran.
    const StepRecord *last(const QString &stepId, const QString &playbookId = {}) const;
    StepState stateOf(const QString &stepId, const QString &playbookId = {}) const;
};

// Observes a run from the run's thread (the application queues to its GUI).
class RunObserver
{
public:
    virtual ~RunObserver() = default;
    virtual void stepChanged(const StepRecord &) {}
    virtual void requestPlanned(const PlannedRequest & /*masked*/, bool /*dryRun*/) {}
    virtual void requestFinished(const PlannedRequest & /*masked*/, const ActionResult &) {}
    virtual void scriptRendered(const StepRecord &, const QString & /*type*/, const QString &) {}
    virtual void message(const QString &) {}
};

// The playbooks a playbook-action may call, by id.
using PlaybookLookup = std::function<const Playbook *(const QString &id)>;

struct RunOptions
{
    bool dryRun = false;
    bool approveAll = false;
    int maxIterations = 100;              // passes of one while-condition
    int maxDepth = 8;                     // nested playbook-actions
    int maxSteps = 10000;                 // step executions in one run (a cycle ends with an error)
    std::map<QString, QString> variables; // --var NAME=VALUE
    PlaybookLookup playbooks;
    const std::atomic<bool> *cancel = nullptr;
};

// One run of a playbook: run() blocks until it ends; cancel() may be called from any thread.
class PlaybookRun
{
public:
    PlaybookRun(const Playbook &playbook,
                const IncidentContext &incident,
                RunOptions options,
                ActionRunner &runner,
                RunObserver *observer = nullptr);
    ~PlaybookRun();
    PlaybookRun(const PlaybookRun &) = delete;
    PlaybookRun &operator=(const PlaybookRun &) = delete;

    RunResult run();
    void cancel();

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

RunResult runPlaybook(const Playbook &playbook,
                      const IncidentContext &incident,
                      const RunOptions &options,
                      ActionRunner &runner,
                      RunObserver *observer = nullptr);

// The request an http-api command of `step` makes with these values. `agent` is the step's
// agent (it names the connector).
Result<PlannedRequest> planRequest(const Playbook &playbook,
                                   const WorkflowStep &step,
                                   const Command &command,
                                   const Bindings &bindings,
                                   const IncidentContext &incident);
// A bash or powershell command as a script, with every value quoted (see above). `problems`
// receives what could not be rendered (an unknown or null variable is assigned '' and named
// there; a NUL character is dropped).
QString
renderScript(const Command &command, const Bindings &bindings, QStringList *problems = nullptr);
// A manual command's text with the values in it (an unknown or null reference is left as it is).
QString renderText(const QString &text, const Bindings &bindings);
// The text of a command: `command`, else `command_b64` decoded.
QString commandText(const Command &command);
// Whether a step is destructive (its vigie-response extension, or what it sends).
bool isDestructive(const Playbook &playbook, const WorkflowStep &step);

// The playbooks bundled in :/vigie/playbooks, validated; `errors` receives each one that fails.
std::vector<Playbook> builtinPlaybooks(QStringList *errors = nullptr);
// A lookup over a list of playbooks (kept by reference: it must outlive the lookup).
PlaybookLookup lookupIn(const std::vector<Playbook> &playbooks);

} // namespace Vigie::Playbooks
