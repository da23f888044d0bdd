// SPDX-License-Identifier: Apache-2.0
// A JSON Schema validator (draft-07 and 2020-12) for what the OASIS CACAO 2.0 schemas and schemas
// like them use: documents registered under their $id refer to each other with relative $ref and
// JSON pointers. Each error names the place in the instance (a JSON pointer) and says why in one
// sentence; when no alternative of an anyOf/oneOf fits, the errors of the closest one are given
// instead of those of every alternative. Registries are read-only once filled: any thread may
// validate with one.
#pragma once

#include "core/events/result.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QRegularExpression>
#include <QString>
#include <QUrl>

#include <vector>

namespace Vigie::Playbooks {

struct ValidationError
{
    enum Severity { Error, Warning };

    QString path;           // JSON pointer into the document: /workflow/action--…/commands/0
    QString message;        // the reason, for a person
    QString schemaLocation; // the keyword that failed: <schema $id>#/allOf/1/required (or empty)
    Severity severity = Error;

    bool isError() const { return severity == Error; }
    // "/workflow/action--…: required property "agent" is missing".
    QString toString() const;
    bool operator==(const ValidationError &) const = default;
};

// True when at least one finding is an error (warnings alone leave a document valid).
bool hasErrors(const std::vector<ValidationError> &findings);

class JsonSchemaRegistry
{
    Q_DECLARE_TR_FUNCTIONS(JsonSchemaRegistry)

public:
    // A document follows the dialect its $schema names; 2020-12 when it names none. In draft-07 a
    // $ref replaces its whole schema object, and 2019+ keywords (unevaluatedProperties,
    // dependentRequired, prefixItems…) are not keywords at all.
    enum class Dialect { Draft07, Draft202012 };

    // How many schemas deep one validation may go (each $ref, applicator and nested value is one
    // level): hostile documents and self-referencing schemas end with an error, not a crash.
    static constexpr int maxDepth = 200;

    // Adds one schema document under its $id, else under `uri`. Fails on a document without
    // either, or with a pattern that is not a valid regular expression.
    Result<void> add(const QJsonObject &schema, const QString &uri = {});
    // Adds every *.json file below `directory` (a Qt resource directory works too).
    Result<void> addDirectory(const QString &directory);

    bool contains(const QString &uri) const;
    int size() const { return int(m_documents.size()); }
    // The document registered under `uri` (without fragment); empty when unknown.
    QJsonObject document(const QString &uri) const;
    // `pattern` compiled (the registry's copy when a schema uses it).
    QRegularExpression regex(const QString &pattern) const;

    // The errors of `instance` against the schema at `schemaUri` (a registered URI, optionally
    // with a #/json/pointer fragment). Empty when the instance is valid.
    std::vector<ValidationError> validate(const QJsonValue &instance,
                                          const QString &schemaUri) const;

private:
    class Evaluator;
    struct Document
    {
        QJsonObject root;
        QUrl base;
        QString uri;
        Dialect dialect = Dialect::Draft202012;
    };
    struct RefTarget
    {
        QString document; // absolute URI, no fragment
        QString pointer;  // JSON pointer inside it ("" for the whole document)
    };

    RefTarget resolveRef(const QUrl &base, const QString &ref) const;
    Result<void> index(const QJsonObject &root, const QUrl &base);

    QHash<QString, Document> m_documents;          // by absolute URI
    QHash<QString, QRegularExpression> m_patterns; // compiled once, when a schema is added
    QHash<QString, RefTarget> m_refs;              // "<base>\n<ref>" -> where it leads
};

} // namespace Vigie::Playbooks
