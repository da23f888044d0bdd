// SPDX-License-Identifier: Apache-2.0
// CACAO 2.0 playbooks: the four valid OASIS/MISP examples load, the invalid one is refused with
// each error's path and reason, hostile documents (bad syntax, truncation, deep nesting, broken
// references, wrong step types) get precise errors, export gives back what was read; and the
// JSON Schema validator itself, keyword by keyword.
#include "core/playbooks/cacao.h"
#include "core/playbooks/jsonschema.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <functional>
#include <map>

using namespace Vigie::Playbooks;

namespace {

QByteArray fixture(const QString &name)
{
    QFile f(QStringLiteral(VIGIE_TEST_DATA "/playbooks/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return f.readAll();
}

QJsonObject fixtureObject(const QString &name)
{
    return QJsonDocument::fromJson(fixture(name)).object();
}

const QString kInvalid
    = QStringLiteral("oasis-tcs_playbook--aa1898b6-5251-49b4-aeb7-fd5e912583ff.json");
const QString kBasic = QStringLiteral("oasis-tcs_basic-example-1.json");

// The ids of the basic example's three steps.
const QString kStart = QStringLiteral("start--fa16a4e9-e6b9-4658-b464-ca1632ff57f4");
const QString kAction = QStringLiteral("action--6398eb05-3eb8-43f5-87d3-f24e07492a41");
const QString kEnd = QStringLiteral("end--116cdac5-63f1-4d8f-b3a8-e5667936e9b6");

QString describe(const std::vector<ValidationError> &findings)
{
    QStringList lines;
    for (const ValidationError &e : findings)
        lines << e.toString();
    return lines.join(QLatin1Char('\n'));
}

QStringList errorsOf(const std::vector<ValidationError> &findings, bool warnings = false)
{
    QStringList out;
    for (const ValidationError &e : findings)
        if (e.isError() != warnings)
            out << e.path + QStringLiteral(": ") + e.message;
    return out;
}

// Edits one step of a playbook object in place.
void editStep(QJsonObject &playbook,
              const QString &id,
              const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject workflow = playbook.value(QLatin1String("workflow")).toObject();
    QJsonObject step = workflow.value(id).toObject();
    edit(step);
    workflow.insert(id, step);
    playbook.insert(QLatin1String("workflow"), workflow);
}

void addStep(QJsonObject &playbook, const QString &id, const QJsonObject &step)
{
    QJsonObject workflow = playbook.value(QLatin1String("workflow")).toObject();
    workflow.insert(id, step);
    playbook.insert(QLatin1String("workflow"), workflow);
}

QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// Schemas of TestCacao::references and selfReferencingSchema.
const char *const kLoopSchema = R"({"$id": "https://vigie.test/loop.json", "$ref": "#"})";
const char *const kRootSchema = R"({"$id": "https://vigie.test/a/root.json",
                                  "properties": {"id": {"$ref": "../types/id.json"},
                                                 "n": {"$ref": "../types/id.json#/$defs/a~1b"}}})";
const char *const kIdSchema = R"({"$id": "https://vigie.test/types/id.json",
                                  "type": "string", "pattern": "^[a-z]+--",
                                  "$defs": {"a/b": {"type": "integer"}}})";
const char *const kRootInstance = R"({"id": "x", "n": "1"})";
const char *const kDanglingSchema
    = R"({"$id": "https://vigie.test/b.json", "$ref": "nowhere.json"})";
const char *const kBadPatternSchema = R"({"$id": "https://vigie.test/c.json", "pattern": "(["})";
const char *const kAnonymousSchema = R"({"type": "string"})";

// The rows of TestCacao::keywords (outside the class: moc misreads some raw strings inside one).
void addKeywordRows()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("instance");
    QTest::addColumn<QStringList>("expected");
    const auto row
        = [](const char *name, const char *schema, const char *instance, QStringList expected) {
              QTest::newRow(name) << QString::fromUtf8(schema) << QString::fromUtf8(instance)
                                  << expected;
          };
    row("type ok", R"({"type": ["string", "null"]})", "null", {});
    row("type",
        R"({"type": ["string", "null"]})",
        "1.5",
        {": should be of type string or null, not number"});
    row("integer", R"({"type": "integer"})", "2.0", {});
    row("required",
        R"({"required": ["command", "type"]})",
        R"({"type": "bash"})",
        {": required property \"command\" is missing"});
    row("enum",
        R"({"properties": {"t": {"enum": ["start", "end", "action"]}}})",
        R"({"t": "foo"})",
        {"/t: \"foo\" is not one of \"start\", \"end\", \"action\""});
    row("const", R"({"const": {"a": 1}})", R"({"a": 2})", {": should be {\"a\":1}, not {\"a\":2}"});
    row("pattern",
        R"({"pattern": "^ab+$"})",
        R"("abc")",
        {": \"abc\" does not match the pattern ^ab+$"});
    row("pattern unanchored", R"({"pattern": "b"})", R"("abc")", {});
    row("date-time",
        R"({"format": "date-time"})",
        R"("2023-02-30T00:00:00Z")",
        {": \"2023-02-30T00:00:00Z\" is not a valid date-time"});
    row("date-time ok", R"({"format": "date-time"})", R"("2023-02-19T08:00:24.918+01:00")", {});
    row("uri", R"({"format": "uri"})", R"("no scheme")", {": \"no scheme\" is not a valid uri"});
    row("uri ok", R"({"format": "uri"})", R"("https://example.org/a?b=c")", {});
    row("ipv4",
        R"({"format": "ipv4"})",
        R"("10.0.0.256")",
        {": \"10.0.0.256\" is not a valid ipv4"});
    row("minLength",
        R"({"minLength": 3})",
        R"("é€")",
        {": should be at least 3 character(s) long, is 2"});
    row("base64",
        R"({"contentEncoding": "base64"})",
        R"("not base64!")",
        {": is not valid base64"});
    row("minItems", R"({"minItems": 2})", "[1]", {": should have at least 2 item(s), has 1"});
    row("uniqueItems",
        R"({"uniqueItems": true})",
        R"([{"a": 1}, 2, {"a": 1}])",
        {": items 0 and 2 are equal, items should be unique"});
    row("items",
        R"({"items": {"type": "string"}})",
        R"(["a", 1])",
        {"/1: should be of type string, not integer"});
    row("prefixItems",
        R"({"prefixItems": [{"type": "string"}], "items": {"type": "integer"}})",
        R"(["a", 1, "x"])",
        {"/2: should be of type integer, not string"});
    row("contains",
        R"({"contains": {"const": 3}})",
        "[1, 2]",
        {": has no item of the required kind"});
    row("minProperties",
        R"({"minProperties": 1})",
        "{}",
        {": should have at least 1 property(ies), has 0"});
    row("additionalProperties",
        R"({"properties": {"a": {}}, "patternProperties": {"^x-": {}},
            "additionalProperties": false})",
        R"({"a": 1, "x-b": 2, "c/d": 3})",
        {"/c~1d: property \"c/d\" is not allowed"});
    row("additionalProperties schema",
        R"({"additionalProperties": {"type": "array"}})",
        R"({"Accept": "text/plain"})",
        {"/Accept: should be of type array, not string"});
    row("propertyNames",
        R"({"propertyNames": {"pattern": "^__.*__$"}})",
        R"({"__a__": 1, "b": 2})",
        {"/b: property name \"b\" is invalid: \"b\" does not match the pattern ^__.*__$"});
    row("dependentRequired",
        R"({"dependentRequired": {"kms": ["kms_key_identifier"]}})",
        R"({"kms": true})",
        {": property \"kms_key_identifier\" is required when \"kms\" is present"});
    row("dependentSchemas",
        R"({"dependentSchemas": {"a": {"properties": {"b": {"type": "string"}}}}})",
        R"({"a": 1, "b": 2})",
        {"/b: should be of type string, not integer"});
    row("if then",
        R"({"if": {"properties": {"t": {"const": "end"}}},
                      "then": {"not": {"required": ["on_completion"]}},
                      "else": {"required": ["on_completion"]}})",
        R"({"t": "end", "on_completion": "x"})",
        {": property \"on_completion\" is not allowed here"});
    row("if else",
        R"({"if": {"properties": {"t": {"const": "end"}}},
                      "then": {"not": {"required": ["on_completion"]}},
                      "else": {"required": ["on_completion"]}})",
        R"({"t": "action"})",
        {": required property \"on_completion\" is missing"});
    row("not anyOf required",
        R"({"not": {"anyOf": [{"required": ["on_failure"]},
                                                    {"required": ["on_success"]}]}})",
        R"({"on_success": "x", "on_failure": "y"})",
        {": properties \"on_failure\", \"on_success\" are not allowed here"});
    row("not type", R"({"not": {"type": "null"}})", "null", {": should not be of type null"});
    row("allOf",
        R"({"allOf": [{"required": ["a"]}, {"required": ["b"]}]})",
        "{}",
        {": required property \"a\" is missing", ": required property \"b\" is missing"});
    row("anyOf one reason",
        R"({"anyOf": [{"type": "string"}, {"type": "string", "enum": ["x"]}]})",
        "5",
        {": should be of type string, not integer"});
    row("anyOf reasons",
        R"({"anyOf": [{"type": "string"}, {"type": "null"}]})",
        "5",
        {": matches none of the alternatives: should be of type string, not integer; should "
         "be of type null, not integer"});
    row("anyOf closest by kind",
        R"({"anyOf": [
             {"properties": {"type": {"const": "a"}, "x": {"type": "string"}}, "required": ["x"]},
             {"properties": {"type": {"const": "b"}, "y": {"type": "integer"}}, "required": ["y"]}]})",
        R"({"type": "b", "y": "no"})",
        {"/y: should be of type integer, not string"});
    row("oneOf none",
        R"({"oneOf": [{"pattern": "^a"}, {"pattern": "^b"}, {"pattern": "^c"}, {"pattern": "^d"}]})",
        R"("x")",
        {": matches none of the 4 alternatives (the first: \"x\" does not match the "
         "pattern ^a)"});
    row("oneOf required",
        R"({"oneOf": [{"required": ["public_key"]}, {"required": ["cert_url"]}]})",
        "{}",
        {": should have one of the properties \"public_key\", \"cert_url\""});
    row("oneOf two",
        R"({"oneOf": [{"type": "integer"}, {"minimum": 0}]})",
        "1",
        {": matches more than one of the alternatives that exclude each other (0 and 1)"});
    row("unevaluatedProperties",
        R"({"allOf": [{"properties": {"a": {}}}], "properties": {"b": {}},
            "unevaluatedProperties": false})",
        R"({"a": 1, "b": 2, "c": 3})",
        {"/c: property \"c\" is not allowed"});
    row("unevaluatedProperties after a failing branch",
        R"({"anyOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"b": {}}}],
            "unevaluatedProperties": false})",
        R"({"a": 1, "b": 2})",
        {"/a: property \"a\" is not allowed"});
    row("draft-07 has no unevaluatedProperties",
        R"({"$schema": "http://json-schema.org/draft-07/schema#", "unevaluatedProperties": false})",
        R"({"c": 3})",
        {});
    row("draft-07 $ref hides siblings",
        R"({"$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {"s": {"type": "string"}},
            "properties": {"a": {"$ref": "#/definitions/s", "minLength": 5}}})",
        R"({"a": "abc"})",
        {});
    row("2020-12 $ref with siblings",
        R"({"$defs": {"s": {"type": "string"}},
            "properties": {"a": {"$ref": "#/$defs/s", "minLength": 5}}})",
        R"({"a": "abc"})",
        {"/a: should be at least 5 character(s) long, is 3"});
    row("draft-07 dependencies",
        R"({"$schema": "http://json-schema.org/draft-07/schema#",
                                    "dependencies": {"a": ["b"]}})",
        R"({"a": 1})",
        {": property \"b\" is required when \"a\" is present"});
    row("false schema",
        R"({"properties": {"x": false}})",
        R"({"x": 1})",
        {"/x: no value is allowed here"});
    row("numbers",
        R"({"items": [{"minimum": 1}, {"exclusiveMaximum": 10}, {"multipleOf": 0.5}],
                      "$schema": "http://json-schema.org/draft-07/schema#"})",
        "[0, 10, 0.75]",
        {"/0: should be at least 1, is 0",
         "/1: should be less than 10, is 10",
         "/2: should be a multiple of 0.5, is 0.75"});
}

} // namespace

class TestCacao : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bundledSchemas()
    {
        const JsonSchemaRegistry &schemas = cacaoSchemas();
        QCOMPARE(schemas.size(), 51);
        QVERIFY(schemas.contains(QLatin1String(cacaoPlaybookSchema)));
        QCOMPARE(schemas.document(QLatin1String(cacaoPlaybookSchema))
                     .value(QLatin1String("title"))
                     .toString(),
                 QStringLiteral("playbook"));
    }

    void validExamples_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("steps");
        QTest::addColumn<QStringList>("warnings");
        QTest::newRow("basic") << kBasic << "Bad MAC Address" << 3 << QStringList();
        QTest::newRow("spec 3.1") << "oasis-tcs_spec-3.1-example.json"
                                  << "Find Malware FuzzyPanda" << 3 << QStringList();
        // A STIX "software" agent is no CACAO agent-target type, and one action's target is not
        // defined: worth a warning, not a refusal (the OASIS schemas accept both).
        QTest::newRow("locky bart")
            << "oasis-tcs_locky-bart-mbc-examples.json"
            << "LockyBart ransomware" << 11
            << QStringList{
                   "/agent_definitions/software--5e1cadae-7532-45d8-89f8-fe051a1e7df8: "
                   "\"software--5e1cadae-7532-45d8-89f8-fe051a1e7df8\" is not a kind of entry "
                   "CACAO 2.0 defines in agent_definitions: it is not checked",
                   "/target_definitions/software--5e1cadae-7532-45d8-89f8-fe051a1e7df8: "
                   "\"software--5e1cadae-7532-45d8-89f8-fe051a1e7df8\" is not a kind of entry "
                   "CACAO 2.0 defines in target_definitions: it is not checked",
                   "/workflow/action--191bce6e-2fea-4a7e-b4a5-c0d96f129a8d/targets/0: target "
                   "\"security-category--acc1cff5-af87-4caa-8529-84b08c187653\" is not in "
                   "target_definitions"};
        QTest::newRow("misp") << "misp_malware_triage_cacao.json"
                              << "Malware triage with MISP" << 28 << QStringList();
    }

    void validExamples()
    {
        QFETCH(QString, file);
        QFETCH(QString, name);
        QFETCH(int, steps);
        QFETCH(QStringList, warnings);
        std::vector<ValidationError> findings;
        const auto playbook = loadPlaybook(fixture(file), &findings);
        QVERIFY2(playbook.ok(), qPrintable(playbook.error()));
        QVERIFY2(!hasErrors(findings), qPrintable(describe(findings)));
        QCOMPARE(errorsOf(findings, true), warnings);
        QCOMPARE(playbook->name, name);
        QCOMPARE(int(playbook->workflow.size()), steps);
        QCOMPARE(playbook->specVersion, QStringLiteral("cacao-2.0"));
        const WorkflowStep *start = playbook->step(playbook->workflowStart);
        QVERIFY(start);
        QCOMPARE(start->type, QStringLiteral("start"));
        QVERIFY(playbook->created.isValid());
    }

    void basicExampleModel()
    {
        const auto p = loadPlaybook(fixture(kBasic));
        QVERIFY2(p.ok(), qPrintable(p.error()));
        QCOMPARE(p->id, QStringLiteral("playbook--fe85f68d-1960-4596-96a2-228113e143cf"));
        QCOMPARE(p->created, QDateTime(QDate(2023, 2, 19), QTime(1, 9), Qt::UTC));
        const WorkflowStep *action = p->step(kAction);
        QVERIFY(action);
        QCOMPARE(action->type, QStringLiteral("action"));
        QCOMPARE(action->name, QStringLiteral("Block MAC address"));
        QCOMPARE(action->agent, QStringLiteral("individual--75baba7d-a198-4c5c-805c-af616b4f7a31"));
        QCOMPARE(action->targets,
                 QStringList{"security-category--3c1daf98-7e22-4e0c-bb8c-6bd78159ca5d"});
        QCOMPARE(action->onCompletion, kEnd);
        QCOMPARE(int(action->commands.size()), 1);
        QCOMPARE(action->commands[0].type, QStringLiteral("ssh"));
        QVERIFY(action->commands[0].command.startsWith(QLatin1String("Switch(conf)#mac")));
        QCOMPARE(int(action->links().size()), 1);
        const AgentTarget &agent = p->agentDefinitions.at(action->agent);
        QCOMPARE(agent.type, QStringLiteral("individual"));
        QCOMPARE(agent.name, QStringLiteral("Network Admin"));
        QCOMPARE(p->targetDefinitions.begin()->second.category, QStringList{"switch"});

        const auto spec = loadPlaybook(fixture(QStringLiteral("oasis-tcs_spec-3.1-example.json")));
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
        const Variable &exfil = spec->playbookVariables.at(QStringLiteral("__data_exfil_site__"));
        QCOMPARE(exfil.type, QStringLiteral("ipv4-addr"));
        QCOMPARE(exfil.value.toString(), QStringLiteral("1.2.3.4"));
        QCOMPARE(int(spec->dataMarkingDefinitions.size()), 2);
        QCOMPARE(spec->playbookActivities,
                 (QStringList{"analyze-collected-data", "identify-indicators"}));

        const auto misp = loadPlaybook(fixture(QStringLiteral("misp_malware_triage_cacao.json")));
        QVERIFY2(misp.ok(), qPrintable(misp.error()));
        const WorkflowStep *jupyter
            = misp->step(QStringLiteral("action--9f384216-61d0-4d16-aa6a-1f393092c870"));
        QVERIFY(jupyter);
        QCOMPARE(jupyter->commands[0].type, QStringLiteral("jupyter"));
        QVERIFY(jupyter->commands[0].commandB64.size() > 90000);
    }

    // The OASIS layout example leaves out what its action and switch steps require, and writes
    // playbook_extension for playbook_extensions: nine errors and one warning.
    void invalidExample()
    {
        std::vector<ValidationError> findings;
        const auto playbook = loadPlaybook(fixture(kInvalid), &findings);
        QVERIFY(!playbook.ok());
        const QStringList expected{
            "/workflow/action--4005472a-0b74-48c6-b04b-45bb8cf2b1ae: required property "
            "\"commands\" is missing",
            "/workflow/action--4005472a-0b74-48c6-b04b-45bb8cf2b1ae: required property \"agent\" "
            "is missing",
            "/workflow/action--63483dce-6122-4975-8c7c-795d2453243d: required property "
            "\"commands\" is missing",
            "/workflow/action--63483dce-6122-4975-8c7c-795d2453243d: required property \"agent\" "
            "is missing",
            "/workflow/action--9a4ef680-ba51-4c1b-9b2d-715caf06ef3a: required property "
            "\"commands\" is missing",
            "/workflow/action--9a4ef680-ba51-4c1b-9b2d-715caf06ef3a: required property \"agent\" "
            "is missing",
            "/workflow/action--9ae9e500-155e-4f63-a76e-a43856063f55: required property "
            "\"commands\" is missing",
            "/workflow/action--9ae9e500-155e-4f63-a76e-a43856063f55: required property \"agent\" "
            "is missing",
            "/workflow/switch-condition--72c55a11-5091-4714-8050-baa854d72eda: required property "
            "\"switch\" is missing",
        };
        QCOMPARE(errorsOf(findings), expected);
        QCOMPARE(errorsOf(findings, true),
                 QStringList{"/playbook_extension: property \"playbook_extension\" is not defined "
                             "by CACAO 2.0 and is ignored"});
        // The refusal lists them, one per line.
        QVERIFY2(playbook.error().startsWith(
                     QLatin1String("the playbook is not valid CACAO 2.0 (9 error(s)):\n")),
                 qPrintable(playbook.error()));
        QVERIFY(playbook.error().contains(expected.last()));
        QCOMPARE(playbook.error().count(QLatin1Char('\n')), 9);
        // Where the schema said it: useful when a message is not enough.
        QCOMPARE(findings.front().schemaLocation,
                 QStringLiteral("https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/"
                                "main/schemas/workflows/action.json#/required"));
    }

    // Qt's parser points just past what it could not read; it refuses more than 1024 levels.
    void syntaxErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *name, const QByteArray &json, const char *expected) {
            QTest::newRow(name) << json << QString::fromUtf8(expected);
        };
        row("bad literal",
            "{\"type\": \"playbook\",\n  \"name\": tru }",
            "the playbook is not valid JSON: line 2, column 15 (byte 35): illegal value");
        row("empty",
            {},
            "the playbook is not valid JSON: line 1, column 1 (byte 0): illegal value");
        // Cut inside the first command: "command": "Switch(conf)#ma
        row("truncated",
            fixture(kBasic).left(1000),
            "the playbook is not valid JSON: line 24, column 36 (byte 1000): unterminated string");
        row("100k arrays",
            QByteArray(100000, '['),
            "the playbook is not valid JSON: line 1, column 1026 (byte 1025): too deeply nested "
            "document");
        QByteArray objects;
        for (int i = 0; i < 100000; ++i)
            objects += "{\"a\":";
        row("100k objects",
            objects,
            "the playbook is not valid JSON: line 1, column 5122 (byte 5121): too deeply nested "
            "document");
        row("trailing garbage",
            "{\"type\": \"playbook\"}\n}",
            "the playbook is not valid JSON: line 2, column 1 (byte 21): garbage at the end of the "
            "document");
        row("array", "[1, 2]", "a CACAO playbook is a JSON object, this document is an array");
    }

    void syntaxErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        std::vector<ValidationError> findings;
        const auto playbook = loadPlaybook(json, &findings);
        QVERIFY(!playbook.ok());
        QCOMPARE(playbook.error(), expected);
        QCOMPARE(int(findings.size()), 1);
    }

    // Hand-made mistakes on the basic example: each gives this error (or warning) at this path.
    void hostileEdits_data()
    {
        QTest::addColumn<QString>("edit");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("isError");
        const QString missing = QStringLiteral("action--00000000-0000-4000-8000-000000000000");
        QTest::newRow("step to a missing step") << "missing step"
                                                << "/workflow/" + kStart + "/on_completion: step \""
                                                       + missing + "\" is not in the workflow"
                                                << true;
        QTest::newRow("no end reachable")
            << "missing step"
            << "/workflow: no end step can be reached from workflow_start \"" + kStart + "\""
            << true;
        QTest::newRow("unreachable (warning)") << "missing step"
                                               << "/workflow/" + kEnd
                                                      + ": no step leads to this step from "
                                                        "workflow_start"
                                               << false;
        QTest::newRow("wrong type const")
            << "end typed action"
            << "/workflow/" + kEnd + "/type: should be \"end\", not \"action\"" << true;
        QTest::newRow("command type not a string")
            << "command type 5"
            << "/workflow/" + kAction + "/commands/0/type: should be of type string, not integer"
            << true;
        QTest::newRow("no command")
            << "no commands"
            << "/workflow/" + kAction + "/commands: should have at least 1 item(s), has 0" << true;
        QTest::newRow("required agent")
            << "no agent"
            << "/workflow/" + kAction + ": required property \"agent\" is missing" << true;
        QTest::newRow("step id without type")
            << "bad step id"
            << "/workflow/step--1: \"step--1\" is not a step id (a step type, \"--\" and a UUID), "
               "so no schema checks this step"
            << true;
        QTest::newRow("workflow_start missing")
            << "start missing"
            << "/workflow_start: step \"start--00000000-0000-4000-8000-000000000000\" is not in "
               "the workflow"
            << true;
        QTest::newRow("workflow_start not a start")
            << "start is action"
            << "/workflow_start: step \"" + kAction + "\" is of type action, not start" << true;
        QTest::newRow("on_completion with on_success")
            << "completion and success"
            << "/workflow/" + kAction
                   + ": on_completion cannot be used with on_success or "
                     "on_failure"
            << true;
        QTest::newRow("on_failure on start")
            << "start on_failure"
            << "/workflow/" + kStart + ": property \"on_failure\" is not allowed here" << true;
        QTest::newRow("timestamp")
            << "bad created"
            << "/created: \"yesterday\" does not match the pattern "
               "^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):"
               "([0-5][0-9]|60)(\\.[0-9]+)?Z$"
            << true;
        QTest::newRow("modified before created")
            << "modified early"
            << "/modified: modified (2020-01-01T00:00:00.000Z) is earlier than created "
               "(2023-02-19T01:09:00.000Z)"
            << true;
        QTest::newRow("while without on_true")
            << "while"
            << "/workflow/while-condition--77777777-7777-4777-8777-777777777777: required "
               "property \"on_true\" is missing"
            << true;
        QTest::newRow("parallel to a missing step")
            << "parallel"
            << "/workflow/parallel--88888888-8888-4888-8888-888888888888/next_steps/1: step \""
                   + missing + "\" is not in the workflow"
            << true;
        QTest::newRow("playbook type") << "playbok"
                                       << "/type: should be \"playbook\", not \"playbok\"" << true;
        QTest::newRow("variable name (warning)")
            << "variable name"
            << "/playbook_variables/ip: \"ip\" is not a kind of entry CACAO 2.0 defines in "
               "playbook_variables: it is not checked"
            << false;
        QTest::newRow("variable type")
            << "variable"
            << "/playbook_variables/__ip__/type: should be of type string, not boolean" << true;
        QTest::newRow("targets not a list")
            << "targets string"
            << "/workflow/" + kAction + "/targets: should be of type array, not string" << true;
        QTest::newRow("http-api agent address")
            << "agent address"
            << "/agent_definitions/http-api--99999999-9999-4999-8999-999999999999/address/ipv4/0: "
               "\"999.1.1.1\" does not match the pattern "
               "(\\b25[0-5]|\\b2[0-4][0-9]|\\b[01]?[0-9][0-9]?)(\\.(25[0-5]|2[0-4][0-9]|[01]?[0-9]"
               "[0-9]?)){3}$"
            << true;
    }

    void hostileEdits()
    {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        QFETCH(bool, isError);
        QJsonObject p = fixtureObject(kBasic);
        const QString missing = QStringLiteral("action--00000000-0000-4000-8000-000000000000");
        const std::map<QString, std::function<void()>> edits{
            {"missing step",
             [&] {
                 editStep(p, kStart, [&](QJsonObject &s) { s["on_completion"] = missing; });
             }},
            {"end typed action",
             [&] {
                 editStep(p, kEnd, [](QJsonObject &s) { s["type"] = "action"; });
             }},
            {"command type 5",
             [&] {
                 editStep(p, kAction, [](QJsonObject &s) {
                     s["commands"] = QJsonArray{QJsonObject{{"type", 5}, {"command", "ls"}}};
                 });
             }},
            {"no commands",
             [&] {
                 editStep(p, kAction, [](QJsonObject &s) { s["commands"] = QJsonArray(); });
             }},
            {"no agent",
             [&] {
                 editStep(p, kAction, [](QJsonObject &s) { s.remove("agent"); });
             }},
            {"bad step id",
             [&] {
                 addStep(p, "step--1", QJsonObject{{"type", "end"}});
             }},
            {"start missing",
             [&] {
                 p["workflow_start"] = "start--00000000-0000-4000-8000-000000000000";
             }},
            {"start is action",
             [&] {
                 p["workflow_start"] = kAction;
             }},
            {"completion and success",
             [&] {
                 editStep(p, kAction, [](QJsonObject &s) { s["on_success"] = kEnd; });
             }},
            {"start on_failure",
             [&] {
                 editStep(p, kStart, [](QJsonObject &s) { s["on_failure"] = kEnd; });
             }},
            {"bad created",
             [&] {
                 p["created"] = "yesterday";
             }},
            {"modified early",
             [&] {
                 p["modified"] = "2020-01-01T00:00:00.000Z";
             }},
            {"while",
             [&] {
                 const QString id = "while-condition--77777777-7777-4777-8777-777777777777";
                 editStep(p, kAction, [&](QJsonObject &s) { s["on_completion"] = id; });
                 addStep(p,
                         id,
                         {{"type", "while-condition"},
                          {"condition", "[ipv4-addr:value = '10.0.0.1']"},
                          {"on_completion", kEnd}});
             }},
            {"parallel",
             [&] {
                 const QString id = "parallel--88888888-8888-4888-8888-888888888888";
                 editStep(p, kStart, [&](QJsonObject &s) { s["on_completion"] = id; });
                 addStep(p,
                         id,
                         {{"type", "parallel"},
                          {"next_steps", QJsonArray{kAction, missing}},
                          {"on_completion", kEnd}});
             }},
            {"playbok",
             [&] {
                 p["type"] = "playbok";
             }},
            {"variable name",
             [&] {
                 p["playbook_variables"] = QJsonObject{{"ip", QJsonObject{{"type", "string"}}}};
             }},
            {"variable",
             [&] {
                 p["playbook_variables"] = QJsonObject{
                     {"ip", QJsonObject{{"type", "string"}}},
                     {"__ip__", QJsonObject{{"type", true}}},
                 };
             }},
            {"targets string",
             [&] {
                 editStep(p, kAction, [](QJsonObject &s) { s["targets"] = "switch"; });
             }},
            {"agent address",
             [&] {
                 QJsonObject agents = p["agent_definitions"].toObject();
                 agents["http-api--99999999-9999-4999-8999-999999999999"]
                     = QJsonObject{{"type", "http-api"},
                                   {"name", "EDR"},
                                   {"address", QJsonObject{{"ipv4", QJsonArray{"999.1.1.1"}}}}};
                 p["agent_definitions"] = agents;
             }},
        };
        const auto it = edits.find(edit);
        QVERIFY(it != edits.end());
        it->second();
        const std::vector<ValidationError> findings = validatePlaybook(p);
        QVERIFY2(errorsOf(findings, !isError).contains(expected), qPrintable(describe(findings)));
        if (!isError)
            QVERIFY2(!hasErrors(findings) || edit == QLatin1String("missing step"),
                     qPrintable(describe(findings)));
    }

    // Each command is also checked against the schema of its type, when CACAO defines one.
    void commandTypes_data()
    {
        QTest::addColumn<QJsonObject>("command");
        QTest::addColumn<QStringList>("expected");
        const QString at = "/workflow/" + kAction + "/commands/0";
        QTest::newRow("http-api without its start line")
            << QJsonObject{{"type", "http-api"}, {"content", "{}"}}
            << QStringList{at + ": required property \"command\" is missing"};
        QTest::newRow("http-api")
            << QJsonObject{{"type", "http-api"},
                           {"command", "POST /api/endpoint/action/isolate HTTP/1.1"},
                           {"headers", QJsonObject{{"kbn-xsrf", QJsonArray{"true"}}}}}
            << QStringList();
        QTest::newRow("http-api headers")
            << QJsonObject{{"type", "http-api"},
                           {"command", "GET / HTTP/1.1"},
                           {"headers", QJsonObject{{"Accept", "text/plain"}}}}
            << QStringList{at + "/headers/Accept: should be of type array, not string"};
        QTest::newRow("jupyter not base64")
            << QJsonObject{{"type", "jupyter"}, {"command_b64", "not base64!"}}
            << QStringList{at + "/command_b64: is not valid base64"};
        QTest::newRow("a type of its own")
            << QJsonObject{{"type", "subroutine"}, {"command", "x"}} << QStringList();
        QTest::newRow("a path for a type")
            << QJsonObject{{"type", "../playbook"}, {"command", "x"}} << QStringList();
    }

    void commandTypes()
    {
        QFETCH(QJsonObject, command);
        QFETCH(QStringList, expected);
        QJsonObject p = fixtureObject(kBasic);
        editStep(p, kAction, [&](QJsonObject &s) { s["commands"] = QJsonArray{command}; });
        const auto findings = validatePlaybook(p);
        QCOMPARE(errorsOf(findings), expected);
    }

    // Deeper than the parser allows, built in memory: the validator stops at its bound instead of
    // exhausting the stack (a signature may carry a signature, and the schema recurses with it).
    void deepInstance()
    {
        QJsonObject signature{{"type", "jss"}};
        for (int i = 0; i < 20000; ++i)
            signature = QJsonObject{{"type", "jss"}, {"signature", signature}};
        QJsonObject p = fixtureObject(kBasic);
        p["signatures"] = QJsonArray{signature};
        QElapsedTimer timer;
        timer.start();
        const std::vector<ValidationError> findings = validatePlaybook(p);
        QVERIFY(timer.elapsed() < 20000);
        const bool stopped = std::any_of(findings.begin(), findings.end(), [](const auto &e) {
            return e.message.contains(QLatin1String("levels deep: validation stopped here"));
        });
        QVERIFY2(stopped, qPrintable(describe(findings).left(2000)));
        QVERIFY(hasErrors(findings));
    }

    void selfReferencingSchema()
    {
        JsonSchemaRegistry registry;
        QVERIFY(registry.add(parse(kLoopSchema)).ok());
        const auto errors = registry.validate(QJsonValue(1), "https://vigie.test/loop.json");
        QCOMPARE(int(errors.size()), 1);
        QCOMPARE(errors[0].message,
                 QStringLiteral("nested more than 200 levels deep: validation stopped here"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"oasis-tcs_basic-example-1.json",
                              "oasis-tcs_spec-3.1-example.json",
                              "oasis-tcs_locky-bart-mbc-examples.json",
                              "misp_malware_triage_cacao.json",
                              "oasis-tcs_playbook--aa1898b6-5251-49b4-aeb7-fd5e912583ff.json"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void roundTrip()
    {
        QFETCH(QString, file);
        const QJsonObject original = fixtureObject(file);
        const Playbook p = playbookFromJson(original);
        QCOMPARE(playbookToJson(p), original);
        const QJsonDocument exported = QJsonDocument::fromJson(exportPlaybook(p));
        QCOMPARE(exported.object(), original);
        QCOMPARE(playbookFromJson(exported.object()), p);
    }

    void editAndExport()
    {
        auto loaded = loadPlaybook(fixture(kBasic));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        Playbook p = *loaded;
        p.name = QStringLiteral("Block a bad MAC address");
        p.modified = QDateTime(QDate(2024, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        p.labels = QStringList{"containment"};
        WorkflowStep &action = p.workflow.at(kAction);
        action.timeout = 60000;
        Command note;
        note.type = QStringLiteral("manual");
        note.command = QStringLiteral("Tell the network team");
        action.commands.push_back(note);
        action.commands[0].description = QStringLiteral("on the core switch");

        const QByteArray json = exportPlaybook(p);
        std::vector<ValidationError> findings;
        const auto again = loadPlaybook(json, &findings);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QVERIFY2(findings.empty(), qPrintable(describe(findings)));
        QCOMPARE(again->name, p.name);
        QCOMPARE(again->modified, p.modified);
        QCOMPARE(again->labels, p.labels);
        const WorkflowStep &reread = again->workflow.at(kAction);
        QCOMPARE(reread.timeout, std::optional<qint64>(60000));
        QCOMPARE(int(reread.commands.size()), 2);
        QCOMPARE(reread.commands[1].command, note.command);
        QCOMPARE(reread.commands[0].description, QStringLiteral("on the core switch"));
        // The rest of the command, and everything not edited, is written back as it was.
        QVERIFY(reread.commands[0].command.startsWith(QLatin1String("Switch(conf)#mac")));
        const QJsonObject out = QJsonDocument::fromJson(json).object();
        QCOMPARE(out.value("modified").toString(), QStringLiteral("2024-01-02T03:04:05.006Z"));
        QCOMPARE(out.value("playbook_processing_summary"), QJsonValue(QJsonObject()));
        QCOMPARE(out.value("workflow").toObject().value(kStart),
                 fixtureObject(kBasic).value("workflow").toObject().value(kStart));

        // Removing a step removes it, and the now broken reference is reported.
        p.workflow.erase(kEnd);
        const auto broken = validatePlaybook(p);
        QVERIFY(errorsOf(broken).contains("/workflow/" + kAction + "/on_completion: step \"" + kEnd
                                          + "\" is not in the workflow"));
    }

    // What Vigie does not model (the layout extension, a misspelt property) survives an edit.
    void unknownPropertiesKept()
    {
        const QJsonObject original = fixtureObject(kInvalid);
        Playbook p = playbookFromJson(original);
        const QString caseStep = QStringLiteral("action--4005472a-0b74-48c6-b04b-45bb8cf2b1ae");
        p.workflow.at(caseStep).name = QStringLiteral("Handle the first case");
        const QJsonObject out = playbookToJson(p);
        QCOMPARE(out.value("playbook_extension"), original.value("playbook_extension"));
        const QJsonObject step = out.value("workflow").toObject().value(caseStep).toObject();
        QCOMPARE(step.value("name").toString(), QStringLiteral("Handle the first case"));
        QCOMPARE(step.value("step_extensions"),
                 original.value("workflow")
                     .toObject()
                     .value(caseStep)
                     .toObject()
                     .value("step_extensions"));
    }

    // A playbook written in code, with no JSON behind it, exports to valid CACAO.
    void newPlaybook()
    {
        Playbook p;
        p.id = QStringLiteral("playbook--55555555-5555-4555-8555-555555555555");
        p.specVersion = QStringLiteral("cacao-2.0");
        p.name = QStringLiteral("Contain a host");
        p.createdBy = QStringLiteral("identity--66666666-6666-4666-8666-666666666666");
        p.created = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC);
        p.modified = p.created;
        const QString start = QStringLiteral("start--11111111-1111-4111-8111-111111111111");
        const QString action = QStringLiteral("action--22222222-2222-4222-8222-222222222222");
        const QString end = QStringLiteral("end--33333333-3333-4333-8333-333333333333");
        const QString agent = QStringLiteral("individual--44444444-4444-4444-8444-444444444444");
        p.workflowStart = start;
        WorkflowStep s;
        s.id = start;
        s.type = QStringLiteral("start");
        s.onCompletion = action;
        p.workflow[start] = s;
        WorkflowStep a;
        a.id = action;
        a.type = QStringLiteral("action");
        a.agent = agent;
        Command c;
        c.type = QStringLiteral("manual");
        c.command = QStringLiteral("Isolate the host from the EDR console");
        a.commands.push_back(c);
        a.onCompletion = end;
        p.workflow[action] = a;
        WorkflowStep e;
        e.id = end;
        e.type = QStringLiteral("end");
        p.workflow[end] = e;
        AgentTarget analyst;
        analyst.id = agent;
        analyst.type = QStringLiteral("individual");
        analyst.name = QStringLiteral("SOC analyst");
        p.agentDefinitions[agent] = analyst;

        const auto findings = validatePlaybook(p);
        QVERIFY2(findings.empty(), qPrintable(describe(findings)));
        const QJsonObject json = playbookToJson(p);
        QCOMPARE(json.value("type").toString(), QStringLiteral("playbook"));
        QCOMPARE(json.value("created").toString(), QStringLiteral("2025-01-01T00:00:00.000Z"));
        const auto loaded = loadPlaybook(exportPlaybook(p));
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->workflow.at(action).commands[0].command, c.command);
    }

    // The validator alone, keyword by keyword (2020-12 unless the schema says otherwise).
    void keywords_data() { addKeywordRows(); }

    void keywords()
    {
        QFETCH(QString, schema);
        QFETCH(QString, instance);
        QFETCH(QStringList, expected);
        QJsonParseError error;
        const QJsonDocument s = QJsonDocument::fromJson(schema.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonDocument i = QJsonDocument::fromJson("[" + instance.toUtf8() + "]", &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        JsonSchemaRegistry registry;
        const auto added = registry.add(s.object(), QStringLiteral("https://vigie.test/s.json"));
        QVERIFY2(added.ok(), qPrintable(added.error()));
        const auto errors = registry.validate(i.array().at(0), "https://vigie.test/s.json");
        QStringList got;
        for (const ValidationError &e : errors)
            got << e.path + QStringLiteral(": ") + e.message;
        QCOMPARE(got, expected);
    }

    // Schemas in several documents find each other by relative $ref, with escaped pointers.
    void references()
    {
        JsonSchemaRegistry registry;
        QVERIFY(registry.add(parse(kRootSchema)).ok());
        QVERIFY(registry.add(parse(kIdSchema)).ok());
        auto errors = registry.validate(parse(kRootInstance), "https://vigie.test/a/root.json");
        QCOMPARE(int(errors.size()), 2);
        QCOMPARE(errors[0].path, QStringLiteral("/id"));
        QCOMPARE(errors[0].schemaLocation,
                 QStringLiteral("https://vigie.test/types/id.json#/pattern"));
        QCOMPARE(errors[1].path, QStringLiteral("/n"));
        QCOMPARE(errors[1].message, QStringLiteral("should be of type integer, not string"));
        // A fragment names a sub-schema to validate against.
        errors = registry.validate(QJsonValue(3), "https://vigie.test/types/id.json#/$defs/a~1b");
        QVERIFY(errors.empty());

        // Unknown documents and broken patterns are said, not crashed on.
        QVERIFY(registry.add(parse(kDanglingSchema)).ok());
        errors = registry.validate(QJsonValue(1), "https://vigie.test/b.json");
        QCOMPARE(int(errors.size()), 1);
        QCOMPARE(errors[0].message,
                 QStringLiteral("the schema https://vigie.test/nowhere.json is not known"));
        QVERIFY(!registry.add(parse(kBadPatternSchema)).ok());
        QVERIFY(!registry.add(parse(kAnonymousSchema)).ok()); // no $id, no URI
    }

    // The largest example, validated often enough to notice if validation became slow.
    void largeExampleIsQuick()
    {
        const QJsonObject misp = fixtureObject(QStringLiteral("misp_malware_triage_cacao.json"));
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 10; ++i)
            QVERIFY(!hasErrors(validatePlaybook(misp)));
        qInfo() << "10 validations of the MISP playbook (28 steps, 165 kB):" << timer.elapsed()
                << "ms";
    }
};

QTEST_GUILESS_MAIN(TestCacao)
#include "tst_cacao.moc"
