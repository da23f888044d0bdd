// SPDX-License-Identifier: Apache-2.0
// MITRE D3FEND, bundled (resources/knowledge/d3fend): defensive techniques and the ATT&CK → D3FEND
// pairs that ../shared derived from the ontology through shared digital artifacts. Those pairs are
// an approximation, not an official MITRE table: whatever shows them must say they are inferred.
// Loaded once, on first use; read-only afterwards, so any thread may use it.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace Vigie {

struct D3fendTechnique
{
    QString id; // D3-NI
    QString name;
    QString tactic; // Harden, Detect, Isolate, Deceive, Evict, Restore, Model
    QString definition;
};

struct D3fendInference
{
    QString countermeasure; // D3-…
    QStringList artifacts;  // the artifacts the ATT&CK technique and the countermeasure share
};

class D3fendCatalog
{
public:
    static const D3fendCatalog &instance();
    static D3fendCatalog fromJson(const QByteArray &json);

    bool isEmpty() const { return m_techniques.isEmpty(); }
    const QString &loadError() const { return m_error; }
    const D3fendTechnique *technique(const QString &id) const;
    // The countermeasures inferred for an ATT&CK technique; a sub-technique with none of its own
    // gets its parent's (T1021.002 → T1021).
    std::vector<D3fendInference> countermeasures(const QString &attackId) const;
    // How telling a shared artifact is: log(pairs / pairs through it). "File" links half the
    // ontology and says little; "SystemConfigurationDatabase" links few and says much.
    double artifactWeight(const QString &artifact) const;
    int techniqueCount() const { return int(m_techniques.size()); }
    int pairCount() const { return m_pairs; }

private:
    QHash<QString, D3fendTechnique> m_techniques;
    QHash<QString, std::vector<D3fendInference>> m_byAttack; // upper-case ATT&CK id
    QHash<QString, int> m_artifactPairs;
    int m_pairs = 0;
    QString m_error;
};

} // namespace Vigie
