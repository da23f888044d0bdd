// SPDX-License-Identifier: Apache-2.0
#include "reports/toolkitexport.h"

#include "core/playbooks/engine.h"
#include "core/playbooks/incidentcontext.h"
#include "core/playbooks/toolkit.h"
#include "core/report/reportmodel.h"
#include "reports/reportrenderer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Vigie::Report {

using namespace Vigie::Playbooks;

namespace {

// "Isolate each host" -> "isolate-each-host": a file name that says what the script is for.
QString slug(const QString &text)
{
    static const QRegularExpression other(QStringLiteral("[^a-z0-9]+"));
    static const QRegularExpression ends(QStringLiteral("^-+|-+$"));
    QString s = text.toLower();
    s.replace(other, QStringLiteral("-"));
    s.remove(ends);
    return s.left(60);
}

} // namespace

Result<ToolkitWritten> writeIncidentToolkit(Store &store,
                                            qint64 incident,
                                            const QString &lang,
                                            const ReportTemplate &style,
                                            const QString &zipPath,
                                            const QString &actor)
{
    auto context = incidentContext(store, incident);
    if (!context)
        return Error(context.error());
    auto model = buildReport(store, incident, lang, style);
    if (!model)
        return Error(model.error());
    auto pdf = toPdf(*model);
    if (!pdf)
        return Error(pdf.error());

    ToolkitInput in;
    in.incident = incident;
    in.title = context->title;
    in.lang = lang;
    in.ips = context->remoteAddresses;
    in.domains = context->domains;
    in.hashes = context->hashes;
    in.hosts = context->hosts;
    in.users = context->users;
    for (const ReportSection &s : model->sections)
        if (s.id == QLatin1String("iocs"))
            for (const QStringList &row : s.table.rows)
                if (row.value(0) == QLatin1String("file"))
                    in.filePaths << row.value(1);
    in.reportPdf = *pdf;
    in.reportName = QStringLiteral("incident-%1-report-%2.pdf").arg(incident).arg(lang);
    in.generated = QDateTime::currentDateTimeUtc();
    in.tlp = style.tlp;
    // The built-in playbooks' scripts, with this incident's values bound and quoted.
    QStringList problems;
    for (const Playbook &pb : builtinPlaybooks()) {
        auto bindings = bindPlaybook(pb, *context);
        if (!bindings)
            continue;
        for (const auto &[id, step] : pb.workflow)
            for (const Command &c : step.commands) {
                const bool bash = c.type == QLatin1String("bash");
                if (!bash && c.type != QLatin1String("powershell"))
                    continue;
                in.scripts.emplace_back(
                    QStringLiteral("%1-%2.%3")
                        .arg(slug(pb.name),
                             slug(step.name.isEmpty() ? id : step.name),
                             bash ? QStringLiteral("sh") : QStringLiteral("ps1")),
                    renderScript(c, *bindings, &problems));
            }
    }
    auto written = writeToolkit(in, zipPath);
    if (!written)
        return Error(written.error());
    ToolkitWritten out;
    out.path = QFileInfo(zipPath).absoluteFilePath();
    out.files = *written;
    QFile zip(zipPath);
    if (zip.open(QIODevice::ReadOnly))
        out.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(zip.readAll(), QCryptographicHash::Sha256).toHex());
    ResponseAuditEntry e;
    e.actor = actor;
    e.kind = QStringLiteral("toolkit");
    e.incident = incident;
    e.detail = QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("path"), out.path},
                                  {QStringLiteral("sha256"), out.sha256},
                                  {QStringLiteral("lang"), lang},
                                  {QStringLiteral("files"), QJsonArray::fromStringList(out.files)}})
            .toJson(QJsonDocument::Compact));
    if (auto r = store.appendResponseAudit(e); !r)
        return Error(r.error());
    return out;
}

} // namespace Vigie::Report
