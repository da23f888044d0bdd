// SPDX-License-Identifier: Apache-2.0
#include "core/knowledge/d3fend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cmath>

namespace Vigie {

D3fendCatalog D3fendCatalog::fromJson(const QByteArray &json)
{
    D3fendCatalog c;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        c.m_error = QStringLiteral("the D3FEND catalog is not valid JSON (offset %1: %2)")
                        .arg(error.offset)
                        .arg(error.errorString());
        return c;
    }
    const QJsonObject root = doc.object();
    for (const QJsonValue &v : root.value(QLatin1String("defensive_techniques")).toArray()) {
        const QJsonObject o = v.toObject();
        D3fendTechnique t{o.value(QLatin1String("id")).toString(),
                          o.value(QLatin1String("name")).toString(),
                          o.value(QLatin1String("tactic")).toString(),
                          o.value(QLatin1String("definition")).toString()};
        if (!t.id.isEmpty())
            c.m_techniques.insert(t.id.toUpper(), t);
    }
    for (const QJsonValue &v : root.value(QLatin1String("attack_to_d3fend_inferred")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString attack = o.value(QLatin1String("attack_id")).toString().toUpper();
        const QString d3 = o.value(QLatin1String("d3fend_id")).toString().toUpper();
        if (attack.isEmpty() || !c.m_techniques.contains(d3))
            continue;
        D3fendInference inference{d3, {}};
        for (const QJsonValue &a : o.value(QLatin1String("via_artifacts")).toArray()) {
            inference.artifacts << a.toString();
            ++c.m_artifactPairs[a.toString()];
        }
        c.m_byAttack[attack].push_back(std::move(inference));
        ++c.m_pairs;
    }
    if (c.m_techniques.isEmpty())
        c.m_error = QStringLiteral("the D3FEND catalog has no defensive techniques");
    return c;
}

const D3fendCatalog &D3fendCatalog::instance()
{
    static const D3fendCatalog catalog = [] {
        QFile file(QStringLiteral(":/vigie/knowledge/d3fend/d3fend_compact.json"));
        if (!file.open(QIODevice::ReadOnly)) {
            D3fendCatalog empty;
            empty.m_error = QStringLiteral("the bundled D3FEND catalog is missing");
            return empty;
        }
        return fromJson(file.readAll());
    }();
    return catalog;
}

const D3fendTechnique *D3fendCatalog::technique(const QString &id) const
{
    const auto it = m_techniques.constFind(id.toUpper());
    return it == m_techniques.constEnd() ? nullptr : &*it;
}

double D3fendCatalog::artifactWeight(const QString &artifact) const
{
    const int n = m_artifactPairs.value(artifact);
    return n > 0 && m_pairs > 0 ? std::log(double(m_pairs) / n) : 0.0;
}

std::vector<D3fendInference> D3fendCatalog::countermeasures(const QString &attackId) const
{
    const QString id = attackId.trimmed().toUpper();
    auto it = m_byAttack.constFind(id);
    if (it == m_byAttack.constEnd() && id.contains(QLatin1Char('.')))
        it = m_byAttack.constFind(id.section(QLatin1Char('.'), 0, 0));
    return it == m_byAttack.constEnd() ? std::vector<D3fendInference>{} : *it;
}

} // namespace Vigie
