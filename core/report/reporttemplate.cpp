// SPDX-License-Identifier: Apache-2.0
#include "core/report/reporttemplate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Vigie::Report {

namespace {

constexpr qint64 kMaxTemplate = 1 << 20; // a template is a few hundred bytes
constexpr qint64 kMaxLogo = 4 << 20;     // a logo that big would only bloat every report

QString colourError(const QString &path, const QString &key, const QString &value)
{
    return QStringLiteral("%1: colours.%2: \"%3\" is not a colour like #1f3a5f")
        .arg(path, key, value.left(40));
}

} // namespace

const QStringList &reportSectionIds()
{
    static const QStringList ids{QStringLiteral("summary"),
                                 QStringLiteral("timeline"),
                                 QStringLiteral("scope"),
                                 QStringLiteral("root_cause"),
                                 QStringLiteral("attack"),
                                 QStringLiteral("mitigations"),
                                 QStringLiteral("d3fend"),
                                 QStringLiteral("iocs"),
                                 QStringLiteral("actions"),
                                 QStringLiteral("recommendations"),
                                 QStringLiteral("evidence")};
    return ids;
}

const QStringList &tlpLabels()
{
    static const QStringList labels{QStringLiteral("TLP:CLEAR"),
                                    QStringLiteral("TLP:GREEN"),
                                    QStringLiteral("TLP:AMBER"),
                                    QStringLiteral("TLP:AMBER+STRICT"),
                                    QStringLiteral("TLP:RED")};
    return labels;
}

const ReportTemplate &defaultTemplate()
{
    static const ReportTemplate t = [] {
        auto loaded = loadTemplate(QStringLiteral(":/vigie/report/template.json"));
        if (loaded)
            return *loaded;
        // The resource is part of the binary: only a broken build gets here.
        ReportTemplate fallback;
        fallback.sections = reportSectionIds();
        return fallback;
    }();
    return t;
}

Result<ReportTemplate> loadTemplate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(
            QStringLiteral("%1: cannot read the template: %2").arg(path, file.errorString()));
    if (file.size() > kMaxTemplate)
        return Error(
            QStringLiteral("%1: %2 bytes is too big for a template").arg(path).arg(file.size()));
    return parseTemplate(file.readAll(), path);
}

Result<ReportTemplate> parseTemplate(const QByteArray &json, const QString &path)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(QStringLiteral("%1: not valid JSON at byte %2: %3")
                         .arg(path)
                         .arg(parseError.offset)
                         .arg(parseError.errorString()));
    if (!doc.isObject())
        return Error(QStringLiteral("%1: a template is a JSON object").arg(path));
    const QJsonObject o = doc.object();
    ReportTemplate t;
    t.path = path;
    t.sections = reportSectionIds();

    static const QStringList known{QStringLiteral("comment"),
                                   QStringLiteral("organisation"),
                                   QStringLiteral("customer"),
                                   QStringLiteral("analyst"),
                                   QStringLiteral("tlp"),
                                   QStringLiteral("logo"),
                                   QStringLiteral("colours"),
                                   QStringLiteral("sections")};
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!known.contains(it.key()))
            return Error(QStringLiteral("%1: unknown key \"%2\" (known: %3)")
                             .arg(path, it.key().left(80), known.join(QStringLiteral(", "))));

    auto text = [&](const char *key, QString &into) -> Result<void> {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return {};
        if (!v.isString())
            return Error(QStringLiteral("%1: %2 must be a string").arg(path, QLatin1String(key)));
        if (v.toString().size() > 200)
            return Error(QStringLiteral("%1: %2 is longer than 200 characters")
                             .arg(path, QLatin1String(key)));
        into = v.toString().trimmed();
        return {};
    };
    for (auto [key, into] : {std::pair{"organisation", &t.organisation},
                             std::pair{"customer", &t.customer},
                             std::pair{"analyst", &t.analyst}})
        if (auto r = text(key, *into); !r)
            return Error(r.error());
    QString tlp;
    if (auto r = text("tlp", tlp); !r)
        return Error(r.error());
    if (!tlp.isEmpty()) {
        tlp = tlp.toUpper();
        if (!tlp.startsWith(QLatin1String("TLP:")))
            tlp.prepend(QLatin1String("TLP:"));
        if (!tlpLabels().contains(tlp))
            return Error(QStringLiteral("%1: tlp: \"%2\" is not one of %3")
                             .arg(path, tlp.left(40), tlpLabels().join(QStringLiteral(", "))));
        t.tlp = tlp;
    }

    const QJsonValue colours = o.value(QLatin1String("colours"));
    if (!colours.isUndefined() && !colours.isObject())
        return Error(QStringLiteral("%1: colours must be an object").arg(path));
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    const QJsonObject c = colours.toObject();
    for (auto it = c.begin(); it != c.end(); ++it) {
        QString *into = it.key() == QLatin1String("primary")       ? &t.primary
                        : it.key() == QLatin1String("accent")      ? &t.accent
                        : it.key() == QLatin1String("tableHeader") ? &t.tableHeader
                                                                   : nullptr;
        if (!into)
            return Error(QStringLiteral("%1: colours: unknown key \"%2\" (known: primary, accent, "
                                        "tableHeader)")
                             .arg(path, it.key().left(80)));
        const QString value = it.value().toString();
        if (!hex.match(value).hasMatch())
            return Error(colourError(path, it.key(), value));
        *into = value.toLower();
    }

    const QJsonValue sections = o.value(QLatin1String("sections"));
    if (!sections.isUndefined()) {
        if (!sections.isArray())
            return Error(QStringLiteral("%1: sections must be a list of section ids").arg(path));
        t.sections.clear();
        const QJsonArray list = sections.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString id = list[i].toString();
            if (!reportSectionIds().contains(id))
                return Error(QStringLiteral("%1: sections[%2]: \"%3\" is not a section (known: %4)")
                                 .arg(path)
                                 .arg(i)
                                 .arg(id.left(80), reportSectionIds().join(QStringLiteral(", "))));
            if (t.sections.contains(id))
                return Error(QStringLiteral("%1: sections[%2]: \"%3\" is listed twice")
                                 .arg(path)
                                 .arg(i)
                                 .arg(id));
            t.sections << id;
        }
    }

    QString logo;
    if (auto r = text("logo", logo); !r)
        return Error(r.error());
    if (!logo.isEmpty()) {
        const QString logoPath
            = QFileInfo(logo).isAbsolute() ? logo : QFileInfo(path).dir().filePath(logo);
        QFile file(logoPath);
        if (!file.open(QIODevice::ReadOnly))
            return Error(QStringLiteral("%1: logo: cannot read %2: %3")
                             .arg(path, logoPath, file.errorString()));
        if (file.size() > kMaxLogo)
            return Error(QStringLiteral("%1: logo: %2 is bigger than 4 MiB").arg(path, logoPath));
        t.logo = file.readAll();
        // PNG, JPEG or GIF by their signatures: anything else would not show in the report.
        if (!t.logo.startsWith("\x89PNG") && !t.logo.startsWith("\xff\xd8\xff")
            && !t.logo.startsWith("GIF8"))
            return Error(
                QStringLiteral("%1: logo: %2 is not a PNG, JPEG or GIF image").arg(path, logoPath));
    }
    return t;
}

} // namespace Vigie::Report
