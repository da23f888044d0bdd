// SPDX-License-Identifier: Apache-2.0
// The `vigie` subcommands. Each prints text by default and JSON with --json, and returns the exit
// code.
#pragma once

#include <QStringList>

namespace Vigie::Cli {

bool isSubcommand(const QString &name);
int run(const QStringList &args); // args[0] is the subcommand
QString defaultDatabasePath();
// `vigie audit list|verify` (cli_audit.cpp); args[0] is "audit". Dispatched from main().
int runAudit(const QStringList &args);
// `vigie playbook list|show|validate|run` and `vigie toolkit` (cli_playbook.cpp); args[0] is the
// subcommand. Dispatched from main() (toolkit with a QGuiApplication: it writes the PDF report).
int runPlaybook(const QStringList &args);
int runToolkit(const QStringList &args);

} // namespace Vigie::Cli
