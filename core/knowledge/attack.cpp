// SPDX-License-Identifier: Apache-2.0
#include "core/knowledge/attack.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace Vigie {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

} // namespace

AttackCatalog AttackCatalog::fromJson(const QByteArray &json)
{
    AttackCatalog c;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        c.m_error = QStringLiteral("the ATT&CK catalog is not valid JSON (offset %1: %2)")
                        .arg(error.offset)
                        .arg(error.errorString());
        return c;
    }
    const QJsonObject root = doc.object();
    c.m_version = root.value(QLatin1String("source"))
                      .toObject()
                      .value(QLatin1String("attack_version"))
                      .toString();
    for (const QJsonValue &v : root.value(QLatin1String("tactics")).toArray()) {
        const QJsonObject o = v.toObject();
        AttackTactic t{o.value(QLatin1String("id")).toString(),
                       o.value(QLatin1String("name")).toString(),
                       o.value(QLatin1String("shortname")).toString(),
                       o.value(QLatin1String("description")).toString()};
        if (t.id.isEmpty())
            continue;
        c.m_tactics.insert(t.id.toUpper(), t);
        if (!t.shortName.isEmpty())
            c.m_tactics.insert(t.shortName.toLower(), t);
        c.m_tacticList.push_back(t);
    }
    for (const QJsonValue &v : root.value(QLatin1String("techniques")).toArray()) {
        const QJsonObject o = v.toObject();
        AttackTechnique t;
        t.id = o.value(QLatin1String("id")).toString();
        if (t.id.isEmpty())
            continue;
        t.name = o.value(QLatin1String("name")).toString();
        t.parent = o.value(QLatin1String("parent")).toString();
        t.tactics = strings(o.value(QLatin1String("tactics")));
        t.platforms = strings(o.value(QLatin1String("platforms")));
        t.description = o.value(QLatin1String("description")).toString();
        t.url = o.value(QLatin1String("url")).toString();
        t.mitigations = strings(o.value(QLatin1String("mitigations")));
        c.m_techniques.insert(t.id.toUpper(), t);
    }
    for (const QJsonValue &v : root.value(QLatin1String("mitigations")).toArray()) {
        const QJsonObject o = v.toObject();
        AttackMitigation m{o.value(QLatin1String("id")).toString(),
                           o.value(QLatin1String("name")).toString(),
                           o.value(QLatin1String("description")).toString()};
        if (!m.id.isEmpty())
            c.m_mitigations.insert(m.id.toUpper(), m);
    }
    for (const QJsonValue &v : root.value(QLatin1String("mitigates")).toArray()) {
        const QJsonObject o = v.toObject();
        c.m_mitigates.insert(o.value(QLatin1String("mitigation")).toString().toUpper()
                                 + QLatin1Char(' ')
                                 + o.value(QLatin1String("technique")).toString().toUpper(),
                             o.value(QLatin1String("description")).toString());
    }
    if (c.m_techniques.isEmpty())
        c.m_error = QStringLiteral("the ATT&CK catalog holds no techniques");
    return c;
}

const AttackCatalog &AttackCatalog::instance()
{
    // A function-local static: initialised once, thread-safely, on first use.
    static const AttackCatalog catalog = [] {
        QFile f(QStringLiteral(":/vigie/knowledge/attack/enterprise_attack_compact.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            AttackCatalog c;
            c.m_error = QStringLiteral("the bundled ATT&CK catalog is missing");
            return c;
        }
        return fromJson(f.readAll());
    }();
    return catalog;
}

const AttackTechnique *AttackCatalog::technique(const QString &id) const
{
    const auto it = m_techniques.constFind(id.trimmed().toUpper());
    return it == m_techniques.constEnd() ? nullptr : &it.value();
}

const AttackTactic *AttackCatalog::tactic(const QString &idOrShortName) const
{
    const QString k = idOrShortName.trimmed();
    auto it = m_tactics.constFind(k.toUpper());
    if (it == m_tactics.constEnd())
        it = m_tactics.constFind(k.toLower().replace(QLatin1Char('_'), QLatin1Char('-')));
    return it == m_tactics.constEnd() ? nullptr : &it.value();
}

const AttackMitigation *AttackCatalog::mitigation(const QString &id) const
{
    const auto it = m_mitigations.constFind(id.trimmed().toUpper());
    return it == m_mitigations.constEnd() ? nullptr : &it.value();
}

QString AttackCatalog::mitigationText(const QString &mitigation, const QString &technique) const
{
    return m_mitigates.value(mitigation.trimmed().toUpper() + QLatin1Char(' ')
                             + technique.trimmed().toUpper());
}

QString AttackCatalog::label(const QString &id) const
{
    const AttackTechnique *t = technique(id);
    if (!t)
        return id;
    if (!t->parent.isEmpty()) {
        if (const AttackTechnique *p = technique(t->parent))
            return t->id + QLatin1Char(' ') + p->name + QStringLiteral(": ") + t->name;
    }
    return t->id + QLatin1Char(' ') + t->name;
}

} // namespace Vigie
