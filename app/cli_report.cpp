// SPDX-License-Identifier: Apache-2.0
// `vigie report INCIDENT --out FILE [--lang en|fr] [--format pdf|html|md] [--template FILE]
// [--db PATH] [--json]`:
// the incident report, its SHA-256 recorded in the store's history. PDF needs a QGuiApplication:
// main.cpp creates one (offscreen when there is no display) for this subcommand.
#include "cliutil.h"

#include "core/report/reportmodel.h"
#include "reports/reportrenderer.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace Vigie::Cli {

int runReport(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli",
        "Write the report of an incident (PDF, HTML or Markdown) and record its SHA-256 in the "
        "history."));
    p.addPositionalArgument(
        QStringLiteral("incident"),
        QCoreApplication::translate("Cli", "The incident (see vigie incidents)."),
        QStringLiteral("INCIDENT"));
    p.addOption({QStringLiteral("out"),
                 QCoreApplication::translate("Cli", "The file to write."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("lang"),
                 QCoreApplication::translate("Cli", "The report's language: en or fr."),
                 QStringLiteral("LANG"),
                 QStringLiteral("en")});
    p.addOption({QStringLiteral("format"),
                 QCoreApplication::translate(
                     "Cli", "pdf, html or md (default: from the file's extension, else pdf)."),
                 QStringLiteral("FORMAT")});
    p.addOption({QStringLiteral("template"),
                 QCoreApplication::translate(
                     "Cli",
                     "A report template (JSON: organisation, customer, TLP, logo, colours, "
                     "sections); default: the bundled resources/report/template.json."),
                 QStringLiteral("FILE")});
    addDbOption(p);
    int code = 0;
    if (!parse(p, args.mid(1), code))
        return code;
    const QString usage
        = QCoreApplication::translate("Cli",
                                      "usage: vigie report INCIDENT --out FILE [--lang en|fr] "
                                      "[--format pdf|html|md] [--template FILE] [--db PATH]");
    const qint64 incident = incidentArgument(p.positionalArguments().value(0));
    const bool ok = incident > 0;
    const QString out = p.value(QStringLiteral("out"));
    const QString lang = p.value(QStringLiteral("lang"));
    QString format = p.value(QStringLiteral("format")).toLower();
    if (format.isEmpty()) {
        const QString ext = QFileInfo(out).suffix().toLower();
        format = ext == QLatin1String("html") || ext == QLatin1String("htm")
                     ? QStringLiteral("html")
                 : ext == QLatin1String("md") ? QStringLiteral("md")
                                              : QStringLiteral("pdf");
    }
    if (!ok || incident <= 0 || out.isEmpty()
        || (lang != QLatin1String("en") && lang != QLatin1String("fr"))
        || (format != QLatin1String("pdf") && format != QLatin1String("html")
            && format != QLatin1String("md")))
        return fail(usage);
    auto style = reportTemplateFrom(p);
    if (!style)
        return fail(style.error(), 2);
    std::unique_ptr<Store> store;
    if (const int failed = openStore(p, store))
        return failed;
    auto model = Report::buildReport(*store, incident, lang, *style);
    if (!model)
        return fail(model.error(), 2);
    QByteArray bytes;
    if (format == QLatin1String("pdf")) {
        auto pdf = Report::toPdf(*model);
        if (!pdf)
            return fail(pdf.error(), 2);
        bytes = *pdf;
    } else {
        bytes = (format == QLatin1String("html") ? Report::toHtml(*model)
                                                 : Report::toMarkdown(*model))
                    .toUtf8();
    }
    // Written whole or not at all: a half-written report must not be handed over.
    QSaveFile file(out);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return fail(
            QCoreApplication::translate("Cli", "cannot write %1: %2").arg(out, file.errorString()),
            2);
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
    const QString path = QFileInfo(out).absoluteFilePath();
    if (auto r = store->recordReport(incident, path, sha, model->analyst); !r)
        return fail(r.error(), 2);
    if (p.isSet(QStringLiteral("json"))) {
        printOut(QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("incident"), incident},
                                      {QStringLiteral("path"), path},
                                      {QStringLiteral("format"), format},
                                      {QStringLiteral("lang"), lang},
                                      {QStringLiteral("bytes"), qint64(bytes.size())},
                                      {QStringLiteral("sha256"), QString::fromLatin1(sha)}})
                .toJson(QJsonDocument::Indented)));
        return 0;
    }
    printOut(QCoreApplication::translate("Cli", "Wrote %1 (%2 bytes, SHA-256 %3)\n")
                 .arg(path)
                 .arg(bytes.size())
                 .arg(QString::fromLatin1(sha)));
    return 0;
}

} // namespace Vigie::Cli
