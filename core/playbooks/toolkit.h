// SPDX-License-Identifier: Apache-2.0
// The incident toolkit: one ZIP with the indicators (STIX 2.1 bundle and CSV), perimeter
// blocklists (nftables, iptables, Windows Firewall), Sigma hunting rules, the containment scripts
// the playbook engine rendered, the PDF report and a README in the report's language. Every value
// is validated or quoted for the file it lands in; one that is not a valid indicator is left out
// and listed, with the reason, in the README.
#pragma once

#include "core/events/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace Vigie::Playbooks {

struct ToolkitInput
{
    qint64 incident = 0;
    QString title;
    QString lang = QStringLiteral("en"); // en or fr: the README's language
    // Indicators, defanged or not (10.0.0[.]1, hxxp://…): ips also take networks (10.0.0.0/8).
    QStringList ips, domains, urls, hashes, filePaths;
    // The affected hosts and accounts: context in the CSV, never in a rule or a blocklist.
    QStringList hosts, users;
    QByteArray reportPdf; // empty: no report in the toolkit
    QString reportName;   // its file name in the toolkit (report.pdf when empty)
    // Containment scripts already rendered by the playbook engine: file name, content.
    std::vector<std::pair<QString, QString>> scripts;
    QDateTime generated; // invalid: now
    QString tlp = QStringLiteral("TLP:AMBER");
};

// A TLP 2.0 level and its STIX 2.1 marking definition, as published by OASIS in
// cti-stix-common-objects (extension-definition-specifications/tlp-2.0).
struct TlpMarking
{
    QString name;  // TLP:AMBER+STRICT
    QString level; // amber+strict
    QString id;    // marking-definition--939a9414-…
};
// "TLP:AMBER", "amber", "TLP:AMBER+STRICT"…; TLP 1's WHITE reads as CLEAR; empty reads as AMBER.
std::optional<TlpMarking> tlpMarking(const QString &tlp);

// Writes the toolkit to `zipPath` (whole or not at all) and returns the names of its entries.
Result<QStringList> writeToolkit(const ToolkitInput &input, const QString &zipPath);

} // namespace Vigie::Playbooks
