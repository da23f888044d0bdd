// SPDX-License-Identifier: Apache-2.0
// Elastic Common Schema documents: Elastic Agent / Beats events and Elastic Security alerts, nested
// ("host": {"name": …}) or with flat dotted keys ("kibana.alert.rule.name": …) as Kibana's APIs
// return them. Event's fields already carry ECS names, so most of the mapping is path for path.
#include "core/events/timestamp.h"
#include "normaliser.h"

#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>

namespace Vigie::Formats {

namespace {

// ECS allows an array wherever a keyword is allowed: the first value stands for the field.
std::optional<element> firstOf(std::optional<element> e)
{
    if (!e)
        return e;
    array a;
    if (e->get(a) != simdjson::SUCCESS)
        return e;
    for (element x : a)
        return x;
    return std::nullopt;
}

// Assigns the first of `paths` that has a value; returns whether one had.
bool setText(std::string &out, const object &o, std::initializer_list<std::string_view> paths)
{
    for (std::string_view path : paths) {
        const auto e = firstOf(pathElement(o, path));
        if (!e)
            continue;
        std::string_view v;
        if (e->get(v) == simdjson::SUCCESS) {
            if (v.empty())
                continue;
            out.assign(v);
            return true;
        }
        if (e->is_number() || e->is_bool()) {
            assignScalar(out, *e);
            return true;
        }
    }
    return false;
}

std::optional<std::int64_t> integerAt(const object &o, std::string_view path)
{
    const auto e = firstOf(pathElement(o, path));
    return e ? toInteger(*e) : std::nullopt;
}

void setPid(std::int64_t &out, std::optional<std::int64_t> v)
{
    if (v && *v > 0)
        out = *v;
}

std::optional<double> numberOf(const element &e)
{
    double d = 0;
    if (e.get(d) == simdjson::SUCCESS)
        return d;
    std::string_view s;
    if (e.get(s) == simdjson::SUCCESS && !s.empty()) {
        const std::string tmp(s);
        char *end = nullptr;
        d = std::strtod(tmp.c_str(), &end);
        if (end && *end == '\0')
            return d;
    }
    return std::nullopt;
}

int clampSeverity(double v)
{
    if (v < 0)
        return 0;
    if (v > 100)
        return 100;
    return static_cast<int>(v + 0.5);
}

int severityFromText(std::string_view s)
{
    const std::string l = toLower(s);
    if (l == "critical")
        return Severity::Critical;
    if (l == "high")
        return Severity::High;
    if (l == "medium" || l == "moderate")
        return Severity::Medium;
    if (l == "low")
        return Severity::Low;
    if (l == "info" || l == "informational")
        return 0;
    return Severity::Unknown;
}

int severityOf(const object &o)
{
    // A 0–100 risk score is the finest grading an ECS source gives.
    for (std::string_view path :
         {"kibana.alert.risk_score", "signal.rule.risk_score", "event.risk_score"}) {
        if (const auto e = firstOf(pathElement(o, path))) {
            if (const auto v = numberOf(*e))
                return clampSeverity(*v);
        }
    }
    for (std::string_view path :
         {"kibana.alert.severity", "signal.rule.severity", "event.severity"}) {
        const auto e = firstOf(pathElement(o, path));
        if (!e)
            continue;
        std::string_view s;
        if (e->get(s) == simdjson::SUCCESS) {
            const int sev = severityFromText(s);
            if (sev != Severity::Unknown)
                return sev;
        }
        if (const auto v = numberOf(*e))
            return clampSeverity(*v);
    }
    return Severity::Unknown;
}

bool isAlert(const object &o)
{
    const std::string_view kind = pathStr(o, "event.kind");
    if (kind == "alert" || kind == "signal")
        return true;
    if (const auto kibana = child(o, "kibana")) {
        if (has(*kibana, "alert") || has(*kibana, "alert.rule.name"))
            return true;
    }
    for (const auto &kv : o) {
        if (kv.key.starts_with("kibana.alert."))
            return true;
    }
    if (const auto signal = child(o, "signal"))
        return has(*signal, "rule");
    return false;
}

// An id list that may be a string, an array of strings, or objects holding "id".
void collectIds(std::string &list, const element &e)
{
    std::string_view s;
    if (e.get(s) == simdjson::SUCCESS) {
        appendListItem(list, s);
        return;
    }
    array a;
    if (e.get(a) == simdjson::SUCCESS) {
        for (element x : a)
            collectIds(list, x);
        return;
    }
    object obj;
    if (e.get(obj) == simdjson::SUCCESS) {
        if (const auto id = field(obj, "id"))
            collectIds(list, *id);
    }
}

// ECS threat: [{framework, tactic: {id}, technique: [{id, subtechnique: [{id}]}]}].
void collectThreat(Event &ev, const element &t)
{
    array a;
    if (t.get(a) == simdjson::SUCCESS) {
        for (element x : a)
            collectThreat(ev, x);
        return;
    }
    object obj;
    if (t.get(obj) != simdjson::SUCCESS)
        return;
    if (const auto tactic = field(obj, "tactic"))
        collectIds(ev.tacticIds, *tactic);
    const auto technique = field(obj, "technique");
    if (!technique)
        return;
    array techniques;
    object one;
    auto addTechnique = [&ev](const element &tech) {
        collectIds(ev.techniqueIds, tech);
        object to;
        if (tech.get(to) != simdjson::SUCCESS)
            return;
        if (const auto sub = field(to, "subtechnique"))
            collectIds(ev.techniqueIds, *sub);
    };
    if (technique->get(techniques) == simdjson::SUCCESS) {
        for (element tech : techniques)
            addTechnique(tech);
    } else {
        addTechnique(*technique);
    }
}

std::optional<std::int64_t> timestampOf(const object &o)
{
    const auto e = pathElement(o, "@timestamp");
    if (!e)
        return std::nullopt;
    std::string_view s;
    if (e->get(s) == simdjson::SUCCESS)
        return parseTimestampUs(s);
    // Some exports give epoch milliseconds as a number.
    double d = 0;
    if (e->get(d) == simdjson::SUCCESS)
        return epochSecondsToUs(d > 1e11 ? d / 1000.0 : d);
    return std::nullopt;
}

} // namespace

bool normaliseElasticEcs(const object &o, Event &e, std::string &error)
{
    e.format = Format::ElasticEcs;
    const auto ts = timestampOf(o);
    if (!ts) {
        error = "no usable @timestamp";
        return false;
    }
    e.timestampUs = *ts;
    if (isAlert(o))
        e.kind = EventKind::Alert;
    e.severity = severityOf(o);

    setText(e.ruleId,
            o,
            {"kibana.alert.rule.uuid", "kibana.alert.rule.rule_id", "signal.rule.id", "rule.id"});
    setText(e.ruleName, o, {"kibana.alert.rule.name", "signal.rule.name", "rule.name"});
    for (std::string_view path : {"threat", "kibana.alert.rule.threat", "signal.rule.threat"}) {
        if (const auto t = pathElement(o, path))
            collectThreat(e, *t);
    }
    // Flattened documents (fields API) keep ids as parallel arrays instead of threat objects.
    for (std::string_view path : {"threat.technique.id", "threat.technique.subtechnique.id"}) {
        if (const auto t = field(o, path))
            collectIds(e.techniqueIds, *t);
    }
    if (const auto t = field(o, "threat.tactic.id"))
        collectIds(e.tacticIds, *t);

    setText(e.category, o, {"event.category"});
    setText(e.type, o, {"event.type"});
    setText(e.action, o, {"event.action"});
    setText(e.outcome, o, {"event.outcome"});
    setText(e.dataset, o, {"event.dataset", "data_stream.dataset"});
    if (const auto code = integerAt(o, "event.code"); code && *code >= 0 && *code <= 65535)
        e.code = static_cast<int>(*code);
    if (e.isAlert() && e.category.empty())
        e.category = "intrusion_detection";

    setText(e.hostName, o, {"host.name", "host.hostname"});
    setText(e.hostId, o, {"host.id"});
    setText(e.hostIp, o, {"host.ip"});
    setText(e.userName, o, {"user.name"});
    setText(e.userDomain, o, {"user.domain"});

    setText(e.processEntityId, o, {"process.entity_id"});
    setPid(e.processPid, integerAt(o, "process.pid"));
    setText(e.processExecutable, o, {"process.executable"});
    setText(e.processName, o, {"process.name"});
    if (e.processName.empty())
        e.processName.assign(baseName(e.processExecutable));
    setText(e.processCommandLine, o, {"process.command_line"});
    setText(e.parentEntityId, o, {"process.parent.entity_id"});
    setPid(e.parentPid, integerAt(o, "process.parent.pid"));
    setText(e.parentExecutable, o, {"process.parent.executable"});
    setText(e.parentCommandLine, o, {"process.parent.command_line"});
    // Elastic Defend names the process acted upon (API and injection events) Target.process.
    setText(e.targetEntityId, o, {"Target.process.entity_id"});
    setText(e.targetExecutable, o, {"Target.process.executable"});

    setText(e.sourceIp, o, {"source.ip", "source.address"});
    setPort(e.sourcePort, integerAt(o, "source.port"));
    setText(e.destinationIp, o, {"destination.ip", "destination.address"});
    setPort(e.destinationPort, integerAt(o, "destination.port"));
    if (setText(e.networkTransport, o, {"network.transport"}))
        e.networkTransport = toLower(e.networkTransport);
    setText(e.flowId, o, {"network.community_id"});
    setText(e.dnsQuestionName, o, {"dns.question.name"});
    setText(e.urlFull, o, {"url.full", "url.original"});
    setText(e.filePath, o, {"file.path"});
    if (setText(e.fileHashSha256, o, {"file.hash.sha256"}))
        e.fileHashSha256 = toLower(e.fileHashSha256);
    setText(e.registryPath, o, {"registry.path"});
    setText(e.registryData, o, {"registry.data.strings"});
    return true;
}

} // namespace Vigie::Formats
