// SPDX-License-Identifier: Apache-2.0
// An incident's response toolkit as the analyst hands it over: the indicators, blocklists and
// hunting rules (core/playbooks/toolkit), the built-in playbooks' containment scripts rendered
// with the incident's values, and the PDF report — recorded, with its SHA-256, in the response
// audit log. Shared by `vigie toolkit` and the workbench's Response tab. Needs a QGuiApplication
// (the PDF's fonts), like toPdf().
#pragma once

#include "core/events/result.h"
#include "core/report/reporttemplate.h"
#include "core/store/store.h"

#include <QString>
#include <QStringList>

namespace Vigie::Report {

struct ToolkitWritten
{
    QString path; // absolute
    QStringList files;
    QString sha256;
};

Result<ToolkitWritten> writeIncidentToolkit(Store &store,
                                            qint64 incident,
                                            const QString &lang,
                                            const ReportTemplate &style,
                                            const QString &zipPath,
                                            const QString &actor);

} // namespace Vigie::Report
