// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/jsonschema.h"

#include <QDate>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

#include <arpa/inet.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace Vigie::Playbooks {

namespace {

using Errors = std::vector<ValidationError>;

// One segment of a JSON pointer (RFC 6901): "~" and "/" escaped.
QString escapeSegment(QString s)
{
    s.replace(QLatin1Char('~'), QLatin1String("~0"));
    s.replace(QLatin1Char('/'), QLatin1String("~1"));
    return s;
}

QString child(const QString &path, const QString &key)
{
    return path + QLatin1Char('/') + escapeSegment(key);
}

QString child(const QString &path, qsizetype index)
{
    return path + QLatin1Char('/') + QString::number(index);
}

// Follows a JSON pointer ("" is the whole document) through objects and arrays.
bool resolvePointer(const QJsonValue &root, const QString &pointer, QJsonValue &out)
{
    out = root;
    if (pointer.isEmpty())
        return true;
    if (!pointer.startsWith(QLatin1Char('/')))
        return false;
    const QStringList segments = pointer.mid(1).split(QLatin1Char('/'));
    for (QString segment : segments) {
        segment.replace(QLatin1String("~1"), QLatin1String("/"));
        segment.replace(QLatin1String("~0"), QLatin1String("~"));
        if (out.isObject()) {
            const QJsonObject o = out.toObject();
            const auto it = o.constFind(segment);
            if (it == o.constEnd())
                return false;
            out = it.value();
        } else if (out.isArray()) {
            bool ok = false;
            const qsizetype i = segment.toLongLong(&ok);
            const QJsonArray a = out.toArray();
            if (!ok || i < 0 || i >= a.size())
                return false;
            out = a.at(i);
        } else {
            return false;
        }
    }
    return true;
}

bool isWhole(double d)
{
    return std::isfinite(d) && std::floor(d) == d;
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return isWhole(v.toDouble()) ? QStringLiteral("integer") : QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    default:
        return QStringLiteral("null");
    }
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == QLatin1String("object"))
        return v.isObject();
    if (type == QLatin1String("array"))
        return v.isArray();
    if (type == QLatin1String("string"))
        return v.isString();
    if (type == QLatin1String("number"))
        return v.isDouble();
    if (type == QLatin1String("integer"))
        return v.isDouble() && isWhole(v.toDouble());
    if (type == QLatin1String("boolean"))
        return v.isBool();
    if (type == QLatin1String("null"))
        return v.isNull();
    return false;
}

// A value as a message shows it: strings quoted and cut short, containers compact.
QString render(const QJsonValue &v)
{
    constexpr qsizetype maxLength = 60;
    QString text;
    switch (v.type()) {
    case QJsonValue::String:
        text = v.toString();
        if (text.size() > maxLength)
            text = text.left(maxLength) + QChar(0x2026);
        return QLatin1Char('"') + text + QLatin1Char('"');
    case QJsonValue::Double: {
        const double d = v.toDouble();
        return isWhole(d) && std::fabs(d) < 1e15 ? QString::number(qint64(d)) : QString::number(d);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        break;
    default:
        return QStringLiteral("null");
    }
    return text.size() > maxLength ? text.left(maxLength) + QChar(0x2026) : text;
}

QString renderList(const QJsonArray &values)
{
    constexpr qsizetype shown = 12;
    QStringList out;
    for (qsizetype i = 0; i < values.size() && i < shown; ++i)
        out << render(values.at(i));
    if (values.size() > shown)
        out << QString(QChar(0x2026));
    return out.join(QLatin1String(", "));
}

// A canonical text for uniqueItems (object keys are kept sorted by QJsonObject).
QByteArray canonical(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object:
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact);
    case QJsonValue::Array:
        return QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact);
    default:
        // Wrapped in an array: QJsonDocument only writes containers.
        return QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    }
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s)
        if (!c.isLowSurrogate())
            ++n;
    return n;
}

bool isBase64(const QString &s)
{
    const QByteArray bytes = s.toLatin1();
    if (QString::fromLatin1(bytes) != s) // not even Latin-1
        return false;
    return bool(QByteArray::fromBase64Encoding(bytes, QByteArray::AbortOnBase64DecodingErrors));
}

bool validDateTime(const QString &s, bool withTime)
{
    static const QRegularExpression dateTime(QStringLiteral(
        R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$)"));
    static const QRegularExpression date(QStringLiteral(R"(^(\d{4})-(\d{2})-(\d{2})$)"));
    const QRegularExpressionMatch m = (withTime ? dateTime : date).match(s);
    if (!m.hasMatch())
        return false;
    if (!QDate::isValid(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()))
        return false;
    if (!withTime)
        return true;
    // A leap second (60) is allowed, as RFC 3339 does.
    if (m.captured(4).toInt() > 23 || m.captured(5).toInt() > 59 || m.captured(6).toInt() > 60)
        return false;
    return m.captured(9).isEmpty() || (m.captured(9).toInt() <= 23 && m.captured(10).toInt() <= 59);
}

bool validIp(const QString &s, int family)
{
    unsigned char buffer[16];
    return inet_pton(family, s.toLatin1().constData(), buffer) == 1;
}

// Formats are checked loosely: what would make the value unusable, not every RFC detail.
// Unknown formats are accepted, as the specification asks.
bool validFormat(const QString &format, const QString &s)
{
    if (format == QLatin1String("date-time"))
        return validDateTime(s, true);
    if (format == QLatin1String("date"))
        return validDateTime(s, false);
    if (format == QLatin1String("uri") || format == QLatin1String("iri")) {
        static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:"));
        return scheme.match(s).hasMatch() && QUrl(s, QUrl::StrictMode).isValid();
    }
    if (format == QLatin1String("uri-reference") || format == QLatin1String("iri-reference"))
        return QUrl(s, QUrl::StrictMode).isValid();
    if (format == QLatin1String("email") || format == QLatin1String("idn-email")) {
        static const QRegularExpression email(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s]+$)"));
        return email.match(s).hasMatch();
    }
    if (format == QLatin1String("ipv4"))
        return validIp(s, AF_INET);
    if (format == QLatin1String("ipv6"))
        return validIp(s, AF_INET6);
    if (format == QLatin1String("uuid")) {
        static const QRegularExpression uuid(QStringLiteral(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"));
        return uuid.match(s).hasMatch();
    }
    return true;
}

// The names when each alternative only requires one property ({"required": ["public_key"]}):
// "one of these properties" says it better than the first alternative's complaint.
QStringList requiredAlternatives(const QJsonArray &alternatives)
{
    QStringList names;
    for (const QJsonValue &a : alternatives) {
        const QJsonObject o = a.toObject();
        const QJsonArray required = o.value(QLatin1String("required")).toArray();
        if (o.size() != 1 || required.size() != 1)
            return {};
        names << required.first().toString();
    }
    return names;
}

JsonSchemaRegistry::Dialect dialectOf(const QJsonObject &schema)
{
    const QString declared = schema.value(QLatin1String("$schema")).toString();
    for (const char *old : {"draft-07", "draft-06", "draft-04"})
        if (declared.contains(QLatin1String(old)))
            return JsonSchemaRegistry::Dialect::Draft07;
    return JsonSchemaRegistry::Dialect::Draft202012;
}

QString documentKey(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment).toString();
}

// The keyword of an error: the last segment of its schema location.
QStringView keywordOf(const ValidationError &e)
{
    const qsizetype slash = e.schemaLocation.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QStringView() : QStringView(e.schemaLocation).mid(slash + 1);
}

} // namespace

QString ValidationError::toString() const
{
    const QString where = path.isEmpty() ? JsonSchemaRegistry::tr("(document)") : path;
    return severity == Warning ? JsonSchemaRegistry::tr("warning: %1: %2").arg(where, message)
                               : where + QStringLiteral(": ") + message;
}

bool hasErrors(const std::vector<ValidationError> &findings)
{
    return std::any_of(
        findings.begin(), findings.end(), [](const ValidationError &e) { return e.isError(); });
}

// --- evaluation ---------------------------------------------------------------------------

// Walks a schema over an instance. Errors go to the vector each call is given, so that the
// alternatives of anyOf/oneOf can be tried aside and only the closest one reported.
class JsonSchemaRegistry::Evaluator
{
public:
    explicit Evaluator(const JsonSchemaRegistry &registry)
        : m_registry(registry)
    {}

    // What a valid schema has looked at, for unevaluatedProperties/unevaluatedItems (2020-12).
    struct Evaluated
    {
        QSet<QString> properties;
        qsizetype items = 0; // items [0, items) were evaluated
        bool allItems = false;
        void merge(const Evaluated &o)
        {
            properties.unite(o.properties);
            items = std::max(items, o.items);
            allItems = allItems || o.allItems;
        }
    };

    bool evaluate(const QJsonValue &schema,
                  const Document &doc,
                  const QString &location,
                  const QJsonValue &instance,
                  const QString &path,
                  Evaluated &evaluated,
                  Errors &errors);

    const std::optional<ValidationError> &abort() const { return m_abort; }

private:
    struct Branch
    {
        bool valid = false;
        Errors errors;
        Evaluated evaluated;
    };

    static void fail(Errors &errors,
                     const QString &path,
                     const QString &location,
                     const char *keyword,
                     const QString &message)
    {
        errors.push_back({path, message, location + QLatin1Char('/') + QLatin1String(keyword)});
    }

    bool evaluateRef(const QString &ref,
                     const Document &doc,
                     const QString &location,
                     const QJsonValue &instance,
                     const QString &path,
                     Evaluated &evaluated,
                     Errors &errors);
    bool checkObject(const QJsonObject &s,
                     const Document &doc,
                     const QString &location,
                     const QJsonObject &instance,
                     const QString &path,
                     Evaluated &evaluated,
                     Errors &errors);
    bool checkArray(const QJsonObject &s,
                    const Document &doc,
                    const QString &location,
                    const QJsonArray &instance,
                    const QString &path,
                    Evaluated &evaluated,
                    Errors &errors);
    bool checkString(const QJsonObject &s,
                     const QString &location,
                     const QString &instance,
                     const QString &path,
                     Errors &errors);
    bool checkNumber(const QJsonObject &s,
                     const QString &location,
                     double instance,
                     const QString &path,
                     Errors &errors);
    bool checkApplicators(const QJsonObject &s,
                          const Document &doc,
                          const QString &location,
                          const QJsonValue &instance,
                          const QString &path,
                          Evaluated &evaluated,
                          Errors &errors);
    void reportClosest(std::vector<Branch> &branches,
                       const QString &path,
                       const QString &location,
                       Errors &errors) const;
    QString describeNot(const QJsonValue &notSchema, const QJsonValue &instance) const;

    const JsonSchemaRegistry &m_registry;
    int m_depth = 0;
    std::optional<ValidationError> m_abort;
};

bool JsonSchemaRegistry::Evaluator::evaluate(const QJsonValue &schema,
                                             const Document &doc,
                                             const QString &location,
                                             const QJsonValue &instance,
                                             const QString &path,
                                             Evaluated &evaluated,
                                             Errors &errors)
{
    if (m_abort)
        return false;
    if (schema.isBool()) {
        if (schema.toBool())
            return true;
        errors.push_back({path, tr("no value is allowed here"), location});
        return false;
    }
    if (!schema.isObject())
        return true; // not a schema: it constrains nothing
    // Every nested value and every $ref costs one level, so neither a deep document nor a
    // schema that refers to itself can exhaust the stack.
    struct DepthGuard
    {
        int &depth;
        explicit DepthGuard(int &d)
            : depth(++d)
        {}
        ~DepthGuard() { --depth; }
    } guard(m_depth);
    if (m_depth > maxDepth) {
        m_abort = ValidationError{
            path,
            tr("nested more than %1 levels deep: validation stopped here").arg(maxDepth),
            location};
        return false;
    }

    const QJsonObject s = schema.toObject();
    const bool modern = doc.dialect == Dialect::Draft202012;
    Evaluated mine;
    bool valid = true;

    if (const QJsonValue ref = s.value(QLatin1String("$ref")); ref.isString()) {
        valid = evaluateRef(ref.toString(), doc, location, instance, path, mine, errors);
        // Draft-07: a $ref replaces its schema object, siblings and all.
        if (!modern) {
            if (valid)
                evaluated.merge(mine);
            return valid;
        }
    }

    if (const QJsonValue type = s.value(QLatin1String("type")); !type.isUndefined()) {
        QStringList types;
        if (type.isArray()) {
            for (const QJsonValue &t : type.toArray())
                types << t.toString();
        } else {
            types << type.toString();
        }
        const bool matches = std::any_of(
            types.cbegin(), types.cend(), [&](const QString &t) { return hasType(instance, t); });
        if (!matches) {
            fail(errors,
                 path,
                 location,
                 "type",
                 tr("should be of type %1, not %2")
                     .arg(types.join(QLatin1String(" or ")), typeName(instance)));
            // Every other keyword would only repeat that the value has the wrong shape.
            return false;
        }
    }
    if (const QJsonValue values = s.value(QLatin1String("enum")); values.isArray()) {
        const QJsonArray allowed = values.toArray();
        if (!allowed.contains(instance)) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "enum",
                 allowed.size() == 1
                     ? tr("should be %1, not %2").arg(render(allowed.first()), render(instance))
                     : tr("%1 is not one of %2").arg(render(instance), renderList(allowed)));
        }
    }
    if (const QJsonValue constant = s.value(QLatin1String("const")); !constant.isUndefined()) {
        if (constant != instance) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "const",
                 tr("should be %1, not %2").arg(render(constant), render(instance)));
        }
    }

    if (instance.isObject())
        valid &= checkObject(s, doc, location, instance.toObject(), path, mine, errors);
    else if (instance.isArray())
        valid &= checkArray(s, doc, location, instance.toArray(), path, mine, errors);
    else if (instance.isString())
        valid &= checkString(s, location, instance.toString(), path, errors);
    else if (instance.isDouble())
        valid &= checkNumber(s, location, instance.toDouble(), path, errors);

    valid &= checkApplicators(s, doc, location, instance, path, mine, errors);

    // The unevaluated* keywords come last: they see what every other keyword looked at.
    if (modern && instance.isObject()) {
        if (const QJsonValue rest = s.value(QLatin1String("unevaluatedProperties"));
            !rest.isUndefined()) {
            const QJsonObject o = instance.toObject();
            const QString restLocation = location + QStringLiteral("/unevaluatedProperties");
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (mine.properties.contains(it.key()))
                    continue;
                if (rest.isBool() && !rest.toBool()) {
                    valid = false;
                    errors.push_back({child(path, it.key()),
                                      tr("property \"%1\" is not allowed").arg(it.key()),
                                      restLocation});
                    continue;
                }
                valid
                    &= evaluate(rest, doc, restLocation, *it, child(path, it.key()), mine, errors);
                mine.properties.insert(it.key());
            }
        }
    }
    if (modern && instance.isArray()) {
        if (const QJsonValue rest = s.value(QLatin1String("unevaluatedItems"));
            !rest.isUndefined() && !mine.allItems) {
            const QJsonArray a = instance.toArray();
            const QString restLocation = location + QStringLiteral("/unevaluatedItems");
            for (qsizetype i = mine.items; i < a.size(); ++i) {
                if (rest.isBool() && !rest.toBool()) {
                    valid = false;
                    errors.push_back(
                        {child(path, i), tr("item %1 is not allowed").arg(i), restLocation});
                    continue;
                }
                valid &= evaluate(rest, doc, restLocation, a.at(i), child(path, i), mine, errors);
            }
            mine.allItems = true;
        }
    }

    if (valid)
        evaluated.merge(mine);
    return valid;
}

bool JsonSchemaRegistry::Evaluator::evaluateRef(const QString &ref,
                                                const Document &doc,
                                                const QString &location,
                                                const QJsonValue &instance,
                                                const QString &path,
                                                Evaluated &evaluated,
                                                Errors &errors)
{
    const RefTarget target = m_registry.resolveRef(doc.base, ref);
    const auto it = m_registry.m_documents.constFind(target.document);
    if (it == m_registry.m_documents.constEnd()) {
        fail(errors, path, location, "$ref", tr("the schema %1 is not known").arg(target.document));
        return false;
    }
    if (!target.pointer.isEmpty() && !target.pointer.startsWith(QLatin1Char('/'))) {
        fail(errors,
             path,
             location,
             "$ref",
             tr("the schema reference %1 uses an anchor, which is not supported").arg(ref));
        return false;
    }
    QJsonValue schema;
    if (!resolvePointer(it->root, target.pointer, schema)) {
        fail(errors, path, location, "$ref", tr("the schema reference %1 leads nowhere").arg(ref));
        return false;
    }
    return evaluate(schema,
                    *it,
                    target.document + QLatin1Char('#') + target.pointer,
                    instance,
                    path,
                    evaluated,
                    errors);
}

bool JsonSchemaRegistry::Evaluator::checkObject(const QJsonObject &s,
                                                const Document &doc,
                                                const QString &location,
                                                const QJsonObject &instance,
                                                const QString &path,
                                                Evaluated &evaluated,
                                                Errors &errors)
{
    const bool modern = doc.dialect == Dialect::Draft202012;
    bool valid = true;

    for (const QJsonValue &name : s.value(QLatin1String("required")).toArray()) {
        if (!instance.contains(name.toString())) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "required",
                 tr("required property \"%1\" is missing").arg(name.toString()));
        }
    }
    if (const QJsonValue n = s.value(QLatin1String("minProperties"));
        n.isDouble() && instance.size() < n.toDouble()) {
        valid = false;
        fail(errors,
             path,
             location,
             "minProperties",
             tr("should have at least %n property(ies), has %1", nullptr, int(n.toDouble()))
                 .arg(instance.size()));
    }
    if (const QJsonValue n = s.value(QLatin1String("maxProperties"));
        n.isDouble() && instance.size() > n.toDouble()) {
        valid = false;
        fail(errors,
             path,
             location,
             "maxProperties",
             tr("should have at most %n property(ies), has %1", nullptr, int(n.toDouble()))
                 .arg(instance.size()));
    }

    // dependentRequired (2020-12) and the list form of draft-07's dependencies.
    const auto requireWith = [&](const QJsonObject &map, const char *keyword) {
        for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
            if (!it->isArray() || !instance.contains(it.key()))
                continue;
            for (const QJsonValue &name : it->toArray()) {
                if (instance.contains(name.toString()))
                    continue;
                valid = false;
                errors.push_back({path,
                                  tr("property \"%1\" is required when \"%2\" is present")
                                      .arg(name.toString(), it.key()),
                                  location + QLatin1Char('/') + QLatin1String(keyword)
                                      + QLatin1Char('/') + escapeSegment(it.key())});
            }
        }
    };
    if (modern)
        requireWith(s.value(QLatin1String("dependentRequired")).toObject(), "dependentRequired");
    else
        requireWith(s.value(QLatin1String("dependencies")).toObject(), "dependencies");

    const QJsonObject properties = s.value(QLatin1String("properties")).toObject();
    const QJsonObject patterns = s.value(QLatin1String("patternProperties")).toObject();
    const QJsonValue additional = s.value(QLatin1String("additionalProperties"));
    const QJsonValue names = s.value(QLatin1String("propertyNames"));
    for (auto it = instance.constBegin(); it != instance.constEnd(); ++it) {
        const QString &key = it.key();
        const QString at = child(path, key);
        bool matched = false;
        if (const auto p = properties.constFind(key); p != properties.constEnd()) {
            matched = true;
            valid &= evaluate(*p,
                              doc,
                              location + QStringLiteral("/properties/") + escapeSegment(key),
                              *it,
                              at,
                              evaluated,
                              errors);
        }
        for (auto p = patterns.constBegin(); p != patterns.constEnd(); ++p) {
            if (!m_registry.regex(p.key()).match(key).hasMatch())
                continue;
            matched = true;
            valid &= evaluate(*p,
                              doc,
                              location + QStringLiteral("/patternProperties/")
                                  + escapeSegment(p.key()),
                              *it,
                              at,
                              evaluated,
                              errors);
        }
        if (!matched && !additional.isUndefined()) {
            if (additional.isBool() && !additional.toBool()) {
                valid = false;
                errors.push_back({at,
                                  tr("property \"%1\" is not allowed").arg(key),
                                  location + QStringLiteral("/additionalProperties")});
            } else {
                valid &= evaluate(additional,
                                  doc,
                                  location + QStringLiteral("/additionalProperties"),
                                  *it,
                                  at,
                                  evaluated,
                                  errors);
            }
        }
        if (!names.isUndefined()) {
            Errors nameErrors;
            Evaluated ignored;
            if (!evaluate(names,
                          doc,
                          location + QStringLiteral("/propertyNames"),
                          QJsonValue(key),
                          at,
                          ignored,
                          nameErrors)) {
                valid = false;
                for (const ValidationError &e : nameErrors)
                    errors.push_back({at,
                                      tr("property name \"%1\" is invalid: %2").arg(key, e.message),
                                      e.schemaLocation});
            }
        }
        // properties, patternProperties and additionalProperties all count as evaluating it.
        if (matched || !additional.isUndefined())
            evaluated.properties.insert(key);
    }

    // Schema-valued dependencies: dependentSchemas (2020-12), draft-07's dependencies.
    const QJsonObject dependent
        = s.value(modern ? QLatin1String("dependentSchemas") : QLatin1String("dependencies"))
              .toObject();
    for (auto it = dependent.constBegin(); it != dependent.constEnd(); ++it) {
        if (it->isArray() || !instance.contains(it.key()))
            continue;
        valid &= evaluate(
            *it,
            doc,
            location
                + (modern ? QStringLiteral("/dependentSchemas/") : QStringLiteral("/dependencies/"))
                + escapeSegment(it.key()),
            instance,
            path,
            evaluated,
            errors);
    }
    return valid;
}

bool JsonSchemaRegistry::Evaluator::checkArray(const QJsonObject &s,
                                               const Document &doc,
                                               const QString &location,
                                               const QJsonArray &instance,
                                               const QString &path,
                                               Evaluated &evaluated,
                                               Errors &errors)
{
    const bool modern = doc.dialect == Dialect::Draft202012;
    bool valid = true;
    const qsizetype n = instance.size();

    if (const QJsonValue min = s.value(QLatin1String("minItems"));
        min.isDouble() && n < min.toDouble()) {
        valid = false;
        fail(errors,
             path,
             location,
             "minItems",
             tr("should have at least %n item(s), has %1", nullptr, int(min.toDouble())).arg(n));
    }
    if (const QJsonValue max = s.value(QLatin1String("maxItems"));
        max.isDouble() && n > max.toDouble()) {
        valid = false;
        fail(errors,
             path,
             location,
             "maxItems",
             tr("should have at most %n item(s), has %1", nullptr, int(max.toDouble())).arg(n));
    }
    if (s.value(QLatin1String("uniqueItems")).toBool()) {
        // By canonical text: linear, where comparing every pair would not be.
        QHash<QByteArray, qsizetype> seen;
        for (qsizetype i = 0; i < n; ++i) {
            const QByteArray key = canonical(instance.at(i));
            const auto it = seen.constFind(key);
            if (it != seen.constEnd()) {
                valid = false;
                fail(errors,
                     path,
                     location,
                     "uniqueItems",
                     tr("items %1 and %2 are equal, items should be unique").arg(*it).arg(i));
                break;
            }
            seen.insert(key, i);
        }
    }

    // Positional schemas first (prefixItems; draft-07's array form of items), then the schema for
    // every item after them (items; draft-07's additionalItems).
    qsizetype first = 0;
    const QJsonValue items = s.value(QLatin1String("items"));
    const QJsonValue tuple
        = modern ? s.value(QLatin1String("prefixItems")) : (items.isArray() ? items : QJsonValue());
    const QJsonValue rest
        = modern ? items : (items.isArray() ? s.value(QLatin1String("additionalItems")) : items);
    const QString tupleLocation
        = location + (modern ? QStringLiteral("/prefixItems/") : QStringLiteral("/items/"));
    const QString restLocation
        = location
          + (modern || !items.isArray() ? QStringLiteral("/items")
                                        : QStringLiteral("/additionalItems"));
    if (tuple.isArray()) {
        const QJsonArray schemas = tuple.toArray();
        first = std::min(n, schemas.size());
        for (qsizetype i = 0; i < first; ++i)
            valid &= evaluate(schemas.at(i),
                              doc,
                              tupleLocation + QString::number(i),
                              instance.at(i),
                              child(path, i),
                              evaluated,
                              errors);
        evaluated.items = std::max(evaluated.items, first);
    }
    if (!rest.isUndefined() && !rest.isArray()) {
        for (qsizetype i = first; i < n; ++i) {
            if (rest.isBool() && !rest.toBool()) {
                valid = false;
                errors.push_back(
                    {child(path, i), tr("item %1 is not allowed").arg(i), restLocation});
                continue;
            }
            valid &= evaluate(
                rest, doc, restLocation, instance.at(i), child(path, i), evaluated, errors);
        }
        evaluated.allItems = true;
    }

    if (const QJsonValue contains = s.value(QLatin1String("contains")); !contains.isUndefined()) {
        qsizetype matches = 0;
        for (qsizetype i = 0; i < n; ++i) {
            Errors ignored;
            Evaluated unused;
            if (evaluate(contains,
                         doc,
                         location + QStringLiteral("/contains"),
                         instance.at(i),
                         child(path, i),
                         unused,
                         ignored))
                ++matches;
        }
        const double min = modern && s.contains(QLatin1String("minContains"))
                               ? s.value(QLatin1String("minContains")).toDouble()
                               : 1.0;
        if (matches < min) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "contains",
                 matches == 0 ? tr("has no item of the required kind")
                              : tr("has %1 items of the required kind, needs %2")
                                    .arg(matches)
                                    .arg(render(QJsonValue(min))));
        }
        if (const QJsonValue max = s.value(QLatin1String("maxContains"));
            modern && max.isDouble() && matches > max.toDouble()) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "maxContains",
                 tr("has %1 items of the restricted kind, at most %2 are allowed")
                     .arg(matches)
                     .arg(render(max)));
        }
    }
    return valid;
}

bool JsonSchemaRegistry::Evaluator::checkString(const QJsonObject &s,
                                                const QString &location,
                                                const QString &instance,
                                                const QString &path,
                                                Errors &errors)
{
    bool valid = true;
    const QJsonValue minLength = s.value(QLatin1String("minLength"));
    const QJsonValue maxLength = s.value(QLatin1String("maxLength"));
    if (minLength.isDouble() || maxLength.isDouble()) {
        const qsizetype length = codePoints(instance);
        if (minLength.isDouble() && length < minLength.toDouble()) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "minLength",
                 tr("should be at least %n character(s) long, is %1",
                    nullptr,
                    int(minLength.toDouble()))
                     .arg(length));
        }
        if (maxLength.isDouble() && length > maxLength.toDouble()) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "maxLength",
                 tr("should be at most %n character(s) long, is %1",
                    nullptr,
                    int(maxLength.toDouble()))
                     .arg(length));
        }
    }
    if (const QJsonValue pattern = s.value(QLatin1String("pattern")); pattern.isString()) {
        // ECMA-262 patterns match anywhere unless anchored, as PCRE does.
        if (!m_registry.regex(pattern.toString()).match(instance).hasMatch()) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "pattern",
                 tr("%1 does not match the pattern %2")
                     .arg(render(QJsonValue(instance)), pattern.toString()));
        }
    }
    if (const QJsonValue format = s.value(QLatin1String("format")); format.isString()) {
        if (!validFormat(format.toString(), instance)) {
            valid = false;
            fail(errors,
                 path,
                 location,
                 "format",
                 tr("%1 is not a valid %2").arg(render(QJsonValue(instance)), format.toString()));
        }
    }
    // CACAO says the *_b64 properties MUST be base64; draft-07 lets a validator check it.
    if (s.value(QLatin1String("contentEncoding")).toString() == QLatin1String("base64")
        && !isBase64(instance)) {
        valid = false;
        fail(errors, path, location, "contentEncoding", tr("is not valid base64"));
    }
    return valid;
}

bool JsonSchemaRegistry::Evaluator::checkNumber(const QJsonObject &s,
                                                const QString &location,
                                                double instance,
                                                const QString &path,
                                                Errors &errors)
{
    bool valid = true;
    const QJsonValue value(instance);
    const auto bound = [&](const char *keyword, bool ok, const QString &message) {
        if (!ok) {
            valid = false;
            fail(errors, path, location, keyword, message);
        }
    };
    if (const QJsonValue v = s.value(QLatin1String("minimum")); v.isDouble())
        bound("minimum",
              instance >= v.toDouble(),
              tr("should be at least %1, is %2").arg(render(v), render(value)));
    if (const QJsonValue v = s.value(QLatin1String("maximum")); v.isDouble())
        bound("maximum",
              instance <= v.toDouble(),
              tr("should be at most %1, is %2").arg(render(v), render(value)));
    // Numbers since draft-06 (draft-04's boolean form is not supported).
    if (const QJsonValue v = s.value(QLatin1String("exclusiveMinimum")); v.isDouble())
        bound("exclusiveMinimum",
              instance > v.toDouble(),
              tr("should be more than %1, is %2").arg(render(v), render(value)));
    if (const QJsonValue v = s.value(QLatin1String("exclusiveMaximum")); v.isDouble())
        bound("exclusiveMaximum",
              instance < v.toDouble(),
              tr("should be less than %1, is %2").arg(render(v), render(value)));
    if (const QJsonValue v = s.value(QLatin1String("multipleOf"));
        v.isDouble() && v.toDouble() > 0) {
        const double q = instance / v.toDouble();
        bound("multipleOf",
              std::isfinite(q) && std::fabs(q - std::round(q)) < 1e-9,
              tr("should be a multiple of %1, is %2").arg(render(v), render(value)));
    }
    return valid;
}

bool JsonSchemaRegistry::Evaluator::checkApplicators(const QJsonObject &s,
                                                     const Document &doc,
                                                     const QString &location,
                                                     const QJsonValue &instance,
                                                     const QString &path,
                                                     Evaluated &evaluated,
                                                     Errors &errors)
{
    bool valid = true;

    const QJsonArray allOf = s.value(QLatin1String("allOf")).toArray();
    for (qsizetype i = 0; i < allOf.size(); ++i)
        valid &= evaluate(allOf.at(i),
                          doc,
                          location + QStringLiteral("/allOf/") + QString::number(i),
                          instance,
                          path,
                          evaluated,
                          errors);

    for (const char *keyword : {"anyOf", "oneOf"}) {
        const QJsonArray alternatives = s.value(QLatin1String(keyword)).toArray();
        if (alternatives.isEmpty())
            continue;
        const QString at = location + QLatin1Char('/') + QLatin1String(keyword);
        // Every alternative is tried, also after one fits: oneOf must know that only one does,
        // and unevaluatedProperties sees what each fitting one evaluated.
        std::vector<Branch> branches(std::size_t(alternatives.size()));
        std::vector<qsizetype> fitting;
        for (qsizetype i = 0; i < alternatives.size(); ++i) {
            Branch &b = branches[std::size_t(i)];
            b.valid = evaluate(alternatives.at(i),
                               doc,
                               at + QLatin1Char('/') + QString::number(i),
                               instance,
                               path,
                               b.evaluated,
                               b.errors);
            if (b.valid) {
                fitting.push_back(i);
                evaluated.merge(b.evaluated);
            }
        }
        if (fitting.empty()) {
            valid = false;
            if (const QStringList names = requiredAlternatives(alternatives); !names.isEmpty())
                errors.push_back({path,
                                  tr("should have one of the properties %1")
                                      .arg(QLatin1Char('"') + names.join(QLatin1String("\", \""))
                                           + QLatin1Char('"')),
                                  at});
            else
                reportClosest(branches, path, at, errors);
        } else if (qstrcmp(keyword, "oneOf") == 0 && fitting.size() > 1) {
            valid = false;
            errors.push_back({path,
                              tr("matches more than one of the alternatives that exclude each "
                                 "other (%1 and %2)")
                                  .arg(fitting[0])
                                  .arg(fitting[1]),
                              at});
        }
    }

    if (const QJsonValue notSchema = s.value(QLatin1String("not")); !notSchema.isUndefined()) {
        Errors ignored;
        Evaluated unused;
        if (evaluate(notSchema,
                     doc,
                     location + QStringLiteral("/not"),
                     instance,
                     path,
                     unused,
                     ignored)) {
            valid = false;
            errors.push_back(
                {path, describeNot(notSchema, instance), location + QStringLiteral("/not")});
        }
    }

    if (const QJsonValue condition = s.value(QLatin1String("if")); !condition.isUndefined()) {
        Errors ignored;
        Evaluated conditionEvaluated;
        if (evaluate(condition,
                     doc,
                     location + QStringLiteral("/if"),
                     instance,
                     path,
                     conditionEvaluated,
                     ignored)) {
            evaluated.merge(conditionEvaluated);
            if (const QJsonValue then = s.value(QLatin1String("then")); !then.isUndefined())
                valid &= evaluate(then,
                                  doc,
                                  location + QStringLiteral("/then"),
                                  instance,
                                  path,
                                  evaluated,
                                  errors);
        } else if (const QJsonValue otherwise = s.value(QLatin1String("else"));
                   !otherwise.isUndefined()) {
            valid &= evaluate(otherwise,
                              doc,
                              location + QStringLiteral("/else"),
                              instance,
                              path,
                              evaluated,
                              errors);
        }
    }
    return valid;
}

// When no alternative fits, a wall of every alternative's errors helps nobody. If each failed
// for one reason at the value itself, those reasons are said in one sentence; otherwise the
// errors of the alternative that got furthest: not one of another shape (its `type` failed) or
// of another kind (its "type" property has the wrong const/enum, as in CACAO), then the one whose
// errors lie deepest in the value, then the one with the fewest errors.
void JsonSchemaRegistry::Evaluator::reportClosest(std::vector<Branch> &branches,
                                                  const QString &path,
                                                  const QString &location,
                                                  Errors &errors) const
{
    const bool oneReasonEach = std::all_of(branches.begin(), branches.end(), [&](const Branch &b) {
        return b.errors.size() == 1 && b.errors.front().path == path;
    });
    if (oneReasonEach) {
        QStringList reasons;
        for (const Branch &b : branches)
            if (!reasons.contains(b.errors.front().message))
                reasons << b.errors.front().message;
        if (reasons.size() == 1) {
            errors.push_back(branches.front().errors.front());
        } else if (reasons.size() <= 3) {
            errors.push_back(
                {path,
                 tr("matches none of the alternatives: %1").arg(reasons.join(QLatin1String("; "))),
                 location});
        } else {
            errors.push_back({path,
                              tr("matches none of the %1 alternatives (the first: %2)")
                                  .arg(branches.size())
                                  .arg(reasons.front()),
                              location});
        }
        return;
    }

    const QString discriminator = path + QStringLiteral("/type");
    const auto score = [&](const Branch &b) {
        int mismatch = 0;
        qsizetype depth = 0;
        for (const ValidationError &e : b.errors) {
            const QStringView keyword = keywordOf(e);
            if (e.path == path && keyword == QLatin1String("type"))
                mismatch = std::max(mismatch, 2);
            else if (e.path == discriminator
                     && (keyword == QLatin1String("const") || keyword == QLatin1String("enum")))
                mismatch = std::max(mismatch, 1);
            depth = std::max(depth, e.path.count(QLatin1Char('/')));
        }
        return std::make_tuple(mismatch, -depth, b.errors.size());
    };
    const auto best
        = std::min_element(branches.begin(), branches.end(), [&](const Branch &a, const Branch &b) {
              return score(a) < score(b);
          });
    errors.insert(errors.end(), best->errors.begin(), best->errors.end());
}

// Says what a `not` forbids in the two shapes schemas use most (forbidden properties, forbidden
// values), else where the forbidding schema is.
QString JsonSchemaRegistry::Evaluator::describeNot(const QJsonValue &notSchema,
                                                   const QJsonValue &instance) const
{
    const QJsonObject s = notSchema.toObject();
    const QJsonObject o = instance.toObject();
    const auto present = [&](const QJsonValue &required, QStringList &out) {
        for (const QJsonValue &name : required.toArray())
            if (o.contains(name.toString()) && !out.contains(name.toString()))
                out << name.toString();
    };
    QStringList forbidden;
    bool together = false; // {"required": [a, b]} forbids a and b together, not each
    if (s.size() == 1 && s.contains(QLatin1String("required"))) {
        present(s.value(QLatin1String("required")), forbidden);
        together = true;
    } else if (s.size() == 1
               && (s.contains(QLatin1String("anyOf")) || s.contains(QLatin1String("oneOf")))) {
        for (const QJsonValue &alternative : s.begin()->toArray()) {
            const QJsonObject a = alternative.toObject();
            if (a.size() != 1 || !a.contains(QLatin1String("required"))) {
                forbidden.clear();
                break;
            }
            QStringList names;
            present(a.value(QLatin1String("required")), names);
            if (names.size() == a.value(QLatin1String("required")).toArray().size())
                forbidden << names;
        }
    }
    if (forbidden.size() == 1)
        return tr("property \"%1\" is not allowed here").arg(forbidden.first());
    if (forbidden.size() > 1) {
        const QString names
            = QLatin1Char('"') + forbidden.join(QLatin1String("\", \"")) + QLatin1Char('"');
        return together ? tr("properties %1 are not allowed together here").arg(names)
                        : tr("properties %1 are not allowed here").arg(names);
    }
    if (s.size() == 1 && (s.contains(QLatin1String("enum")) || s.contains(QLatin1String("const"))))
        return tr("should not be %1").arg(render(instance));
    if (s.size() == 1 && s.contains(QLatin1String("type")))
        return tr("should not be of type %1").arg(typeName(instance));
    return tr("matches a schema it must not match");
}

// --- the registry ---------------------------------------------------------------------------

JsonSchemaRegistry::RefTarget JsonSchemaRegistry::resolveRef(const QUrl &base,
                                                             const QString &ref) const
{
    const auto it = m_refs.constFind(base.toString() + QLatin1Char('\n') + ref);
    if (it != m_refs.constEnd())
        return *it;
    const QUrl target = base.resolved(QUrl(ref));
    return {documentKey(target), target.fragment(QUrl::FullyDecoded)};
}

// Compiles the patterns and resolves the references of a new document once, so that validation
// only reads (and any thread may validate). Iterative: a schema is data too.
Result<void> JsonSchemaRegistry::index(const QJsonObject &root, const QUrl &base)
{
    std::vector<QJsonValue> pending{root};
    const auto compile = [&](const QString &pattern) -> Result<void> {
        if (m_patterns.contains(pattern))
            return {};
        QRegularExpression re(pattern);
        if (!re.isValid())
            return Error(tr("the schema %1 has an invalid pattern %2: %3")
                             .arg(base.toString(), pattern, re.errorString()));
        re.optimize();
        m_patterns.insert(pattern, re);
        return {};
    };
    while (!pending.empty()) {
        const QJsonValue v = pending.back();
        pending.pop_back();
        if (v.isArray()) {
            for (const QJsonValue &item : v.toArray())
                pending.push_back(item);
            continue;
        }
        if (!v.isObject())
            continue;
        const QJsonObject o = v.toObject();
        if (const QJsonValue p = o.value(QLatin1String("pattern")); p.isString())
            if (Result<void> r = compile(p.toString()); !r)
                return r;
        const QJsonObject patterns = o.value(QLatin1String("patternProperties")).toObject();
        for (auto it = patterns.constBegin(); it != patterns.constEnd(); ++it)
            if (Result<void> r = compile(it.key()); !r)
                return r;
        if (const QJsonValue ref = o.value(QLatin1String("$ref")); ref.isString()) {
            const QUrl target = base.resolved(QUrl(ref.toString()));
            m_refs.insert(base.toString() + QLatin1Char('\n') + ref.toString(),
                          {documentKey(target), target.fragment(QUrl::FullyDecoded)});
        }
        // Values that are data, not schemas, may hold anything, "pattern" keys included.
        for (auto it = o.constBegin(); it != o.constEnd(); ++it)
            if (it.key() != QLatin1String("enum") && it.key() != QLatin1String("const")
                && it.key() != QLatin1String("default") && it.key() != QLatin1String("examples"))
                pending.push_back(*it);
    }
    return {};
}

Result<void> JsonSchemaRegistry::add(const QJsonObject &schema, const QString &uri)
{
    const QString id = schema.value(QLatin1String("$id")).toString();
    const QUrl base(id.isEmpty() ? uri : id);
    if (base.isEmpty() || !base.isValid())
        return Error(tr("a schema needs an $id or a URI to be known by"));
    if (const Result<void> indexed = index(schema, base); !indexed)
        return indexed;
    Document doc;
    doc.root = schema;
    doc.base = base;
    doc.uri = documentKey(base);
    doc.dialect = dialectOf(schema);
    m_documents.insert(doc.uri, doc);
    return {};
}

Result<void> JsonSchemaRegistry::addDirectory(const QString &directory)
{
    QDirIterator it(
        directory, {QStringLiteral("*.json")}, QDir::Files, QDirIterator::Subdirectories);
    int added = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error(tr("cannot read the schema %1: %2").arg(path, f.errorString()));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return Error(tr("the schema %1 is not a JSON object (offset %2: %3)")
                             .arg(path)
                             .arg(error.offset)
                             .arg(error.errorString()));
        if (const Result<void> r = add(doc.object(), QUrl::fromLocalFile(path).toString()); !r)
            return Error(path + QStringLiteral(": ") + r.error());
        ++added;
    }
    if (added == 0)
        return Error(tr("no schema found in %1").arg(directory));
    return {};
}

bool JsonSchemaRegistry::contains(const QString &uri) const
{
    return m_documents.contains(documentKey(QUrl(uri)));
}

QJsonObject JsonSchemaRegistry::document(const QString &uri) const
{
    return m_documents.value(documentKey(QUrl(uri))).root;
}

QRegularExpression JsonSchemaRegistry::regex(const QString &pattern) const
{
    const auto it = m_patterns.constFind(pattern);
    return it != m_patterns.constEnd() ? *it : QRegularExpression(pattern);
}

std::vector<ValidationError> JsonSchemaRegistry::validate(const QJsonValue &instance,
                                                          const QString &schemaUri) const
{
    Errors errors;
    const QUrl url(schemaUri);
    const auto it = m_documents.constFind(documentKey(url));
    QJsonValue schema;
    const QString pointer = url.fragment(QUrl::FullyDecoded);
    if (it == m_documents.constEnd() || !resolvePointer(it->root, pointer, schema)) {
        errors.push_back({QString(), tr("the schema %1 is not known").arg(schemaUri), QString()});
        return errors;
    }
    Evaluator evaluator(*this);
    Evaluator::Evaluated evaluated;
    evaluator.evaluate(
        schema, *it, it->uri + QLatin1Char('#') + pointer, instance, QString(), evaluated, errors);
    if (evaluator.abort())
        errors.push_back(*evaluator.abort());

    // The same reason for the same place once (allOf branches can repeat each other).
    Errors unique;
    QSet<QString> seen;
    for (ValidationError &e : errors) {
        const QString key = e.path + QLatin1Char('\n') + e.message;
        if (seen.contains(key))
            continue;
        seen.insert(key);
        unique.push_back(std::move(e));
    }
    return unique;
}

} // namespace Vigie::Playbooks
