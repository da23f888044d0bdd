// SPDX-License-Identifier: Apache-2.0
// The playbooks an analyst can run: the built-in ones (resources/playbooks, in the binary) and the
// ones they imported (validated CACAO 2.0 files kept in Vigie's data folder, playbooks/). Each has
// a short name: its file's name without .json ("contain-host").
#pragma once

#include "core/events/result.h"
#include "core/playbooks/cacao.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace Vigie::Playbooks {

struct LibraryEntry
{
    QString name; // contain-host
    bool builtin = true;
    QString path; // the file (a Qt resource path for a built-in)
    Playbook playbook;
};

// Where imported playbooks live: <AppDataLocation>/playbooks.
QString importedPlaybookDir();
// Built-ins first, then the imported ones by name. An imported file that no longer loads, or that
// takes a built-in's name, is left out with the reason in `problems`.
std::vector<LibraryEntry> playbookLibrary(QStringList *problems = nullptr);
// Validates a CACAO 2.0 file and keeps a copy under its own short name (the file's name, made
// safe); importing it again replaces the copy. The error lists every schema error (path: reason).
Result<LibraryEntry> importPlaybookFile(const QString &file);
// A short name made from a file name: lower case, letters, digits and dashes.
QString playbookShortName(const QString &fileName);

} // namespace Vigie::Playbooks
