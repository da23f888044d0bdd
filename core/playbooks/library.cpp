// SPDX-License-Identifier: Apache-2.0
#include "core/playbooks/library.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

namespace Vigie::Playbooks {

QString importedPlaybookDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/playbooks");
}

QString playbookShortName(const QString &fileName)
{
    static const QRegularExpression other(QStringLiteral("[^a-z0-9]+"));
    static const QRegularExpression ends(QStringLiteral("^-+|-+$"));
    QString name = QFileInfo(fileName).completeBaseName().toLower();
    name.replace(other, QStringLiteral("-"));
    name.remove(ends);
    return name.left(80);
}

namespace {

void addFrom(const QString &dir,
             bool builtin,
             std::vector<LibraryEntry> &out,
             QStringList *problems)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.json")}, QDir::Files);
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString &file : std::as_const(files)) {
        const QString name = playbookShortName(file);
        const bool taken = std::any_of(
            out.begin(), out.end(), [&](const LibraryEntry &e) { return e.name == name; });
        if (taken) {
            if (problems)
                *problems
                    << QStringLiteral("%1: the name %2 is a built-in playbook's").arg(file, name);
            continue;
        }
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly) || f.size() > (16 << 20)) {
            if (problems)
                *problems << QStringLiteral("%1: cannot read it").arg(file);
            continue;
        }
        auto p = loadPlaybook(f.readAll());
        if (!p) {
            if (problems)
                *problems << QStringLiteral("%1: %2").arg(file, p.error());
            continue;
        }
        out.push_back({name, builtin, file, std::move(*p)});
    }
}

} // namespace

std::vector<LibraryEntry> playbookLibrary(QStringList *problems)
{
    std::vector<LibraryEntry> out;
    addFrom(QStringLiteral(":/vigie/playbooks"), true, out, problems);
    addFrom(importedPlaybookDir(), false, out, problems);
    return out;
}

Result<LibraryEntry> importPlaybookFile(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error(QStringLiteral("%1: %2").arg(file, f.errorString()));
    if (f.size() > (16 << 20))
        return Error(
            QStringLiteral("%1: %2 bytes is too big for a playbook").arg(file).arg(f.size()));
    const QByteArray json = f.readAll();
    std::vector<ValidationError> findings;
    auto p = loadPlaybook(json, &findings);
    if (!p) {
        QStringList errors;
        for (const ValidationError &e : findings)
            if (e.isError())
                errors << e.toString();
        return Error(
            QStringLiteral("%1 is not valid CACAO 2.0: %2")
                .arg(file, errors.isEmpty() ? p.error() : errors.join(QStringLiteral("; "))));
    }
    const QString name = playbookShortName(file);
    if (name.isEmpty())
        return Error(QStringLiteral("%1: no usable name in the file's name").arg(file));
    QStringList problems;
    for (const LibraryEntry &e : playbookLibrary(&problems))
        if (e.builtin && e.name == name)
            return Error(QStringLiteral("%1: %2 is a built-in playbook's name: rename the file")
                             .arg(file, name));
    if (!QDir().mkpath(importedPlaybookDir()))
        return Error(QStringLiteral("cannot create %1").arg(importedPlaybookDir()));
    const QString target
        = importedPlaybookDir() + QLatin1Char('/') + name + QStringLiteral(".json");
    // The file as it was given (extensions and unknown properties kept), written whole or not at
    // all.
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size() || !out.commit())
        return Error(QStringLiteral("cannot write %1: %2").arg(target, out.errorString()));
    return LibraryEntry{name, false, target, std::move(*p)};
}

} // namespace Vigie::Playbooks
