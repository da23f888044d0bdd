// SPDX-License-Identifier: Apache-2.0
// MITRE ATT&CK Enterprise, bundled (resources/knowledge/attack): tactics, techniques with their
// first sentence, mitigations and which mitigation addresses which technique. Loaded once, on first
// use, from the Qt resource; read-only afterwards, so any thread may use it.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace Vigie {

struct AttackTactic
{
    QString id; // TA0002
    QString name;
    QString shortName; // execution
    QString description;
};

struct AttackTechnique
{
    QString id; // T1059.001
    QString name;
    QString parent; // T1059 for a sub-technique, else empty
    QStringList tactics;
    QStringList platforms;
    QString description;
    QString url;
    QStringList mitigations; // M10xx
};

struct AttackMitigation
{
    QString id;
    QString name;
    QString description;
};

class AttackCatalog
{
public:
    // The bundled catalog (an empty one, with loadError() set, if the resource is damaged).
    static const AttackCatalog &instance();
    // Reads a catalog in the bundled layout (enterprise_attack_compact.json).
    static AttackCatalog fromJson(const QByteArray &json);

    bool isEmpty() const { return m_techniques.isEmpty(); }
    const QString &loadError() const { return m_error; }
    const QString &version() const { return m_version; }

    // By id, case-insensitive; nullptr when unknown.
    const AttackTechnique *technique(const QString &id) const;
    const AttackTactic *tactic(const QString &idOrShortName) const;
    const AttackMitigation *mitigation(const QString &id) const;
    // ATT&CK's text on how a mitigation addresses a technique.
    QString mitigationText(const QString &mitigation, const QString &technique) const;
    // "T1059.001 PowerShell" — or the id alone when unknown; sub-techniques as "Parent: Name".
    QString label(const QString &id) const;
    const std::vector<AttackTactic> &tactics() const { return m_tacticList; }
    int techniqueCount() const { return int(m_techniques.size()); }
    int mitigationCount() const { return int(m_mitigations.size()); }

private:
    QHash<QString, AttackTechnique> m_techniques;
    QHash<QString, AttackTactic> m_tactics; // by id and by short name
    std::vector<AttackTactic> m_tacticList; // in kill-chain order
    QHash<QString, AttackMitigation> m_mitigations;
    QHash<QString, QString> m_mitigates; // "M1031 T1001" -> text
    QString m_version;
    QString m_error;
};

} // namespace Vigie
