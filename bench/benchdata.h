// SPDX-License-Identifier: Apache-2.0
// The 1M-record EVE benchmark file: the bundled 5,000 real records repeated `copies` times with
// flow_id varied so that records stay distinct (as ../shared/checks/lib/eve1m.sh builds it).
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>

#include <cstdio>

namespace VigieBench {

// Adds `rep` to every "flow_id": number, as the acceptance check's generator does.
inline QByteArray varyFlowId(const QByteArray &line, int rep)
{
    const QByteArray key = "\"flow_id\":";
    const qsizetype p = line.indexOf(key);
    if (p < 0 || rep == 0)
        return line;
    qsizetype e = p + key.size();
    while (e < line.size() && line.at(e) >= '0' && line.at(e) <= '9')
        ++e;
    const qulonglong v = line.mid(p + key.size(), e - p - key.size()).toULongLong() + rep;
    return line.left(p + key.size()) + QByteArray::number(v) + line.mid(e);
}

// Builds the file in `work` once; returns its path, or an empty string.
inline QString eveBenchFile(const QString &source, const QString &work, int copies)
{
    QDir().mkpath(work);
    const QString input = work + QStringLiteral("/eve_%1x.ndjson").arg(copies);
    if (QFileInfo::exists(input))
        return input;
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(source));
        return QString();
    }
    QList<QByteArray> lines = in.readAll().split('\n');
    lines.removeAll(QByteArray());
    QFile out(input);
    if (!out.open(QIODevice::WriteOnly))
        return QString();
    for (int rep = 0; rep < copies; ++rep) {
        for (const QByteArray &l : lines)
            out.write(varyFlowId(l, rep) + '\n');
    }
    return input;
}

} // namespace VigieBench
