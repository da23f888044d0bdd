// SPDX-License-Identifier: Apache-2.0
#include "widgets/aboutdialog.h"

#include "connectors/secrets.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Vigie::Widgets {

namespace {

// The texts to translate are marked with QT_TRANSLATE_NOOP in full: lupdate does not expand macros.

struct Licence
{
    const char *name; // an identifier, never translated (but "Public domain")
    const char *url;
};

constexpr Licence kMit{"MIT", "https://opensource.org/license/mit"};
constexpr Licence kApache{"Apache-2.0", "https://www.apache.org/licenses/LICENSE-2.0"};
constexpr Licence kGpl2{"GPL-2.0", "https://www.gnu.org/licenses/old-licenses/gpl-2.0.html"};
constexpr Licence kGpl3{"GPL-3.0", "https://www.gnu.org/licenses/gpl-3.0.html"};
constexpr Licence kLgpl3{"LGPL-3.0", "https://www.gnu.org/licenses/lgpl-3.0.html"};
constexpr Licence kDrl{"Detection Rule License 1.1",
                       "https://github.com/SigmaHQ/Detection-Rule-License"};
constexpr Licence kAttack{"ATT&CK Terms of Use",
                          "https://attack.mitre.org/resources/legal-and-branding/terms-of-use/"};
constexpr Licence kBsl{"BSL-1.0", "https://www.boost.org/LICENSE_1_0.txt"};
constexpr Licence kBsd2{"BSD-2-Clause", "https://opensource.org/license/bsd-2-clause"};
constexpr Licence kBsd3{"BSD-3-Clause", "https://opensource.org/license/bsd-3-clause"};
constexpr Licence kPublicDomain{QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "Public domain"),
                                "https://www.sqlite.org/copyright.html"};
constexpr Licence kZlib{"Zlib", "https://zlib.net/zlib_license.html"};

// The datasets the program ships (THIRD_PARTY.md, packaging/copyright). Test data is not shipped.
struct Dataset
{
    const char *path;   // under the data folder, or built into the program
    bool builtIn;       // compiled into the binary as a resource
    const char *source; // translated
    const char *notice; // a copyright notice the licence asks to reproduce as is
    Licence licence;
};

const Dataset kDatasets[] = {
    {"demo/endpoint/*.ndjson",
     false,
     QT_TRANSLATE_NOOP(
         "Vigie::Widgets::AboutDialog",
         "OTRF Security-Datasets: Empire and Covenant attack simulations (Windows event "
         "logs), whole events copied verbatim"),
     "© 2021 Open Threat Research Forge",
     kMit},
    {"demo/network/zeek_apt29_day1.ndjson",
     false,
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "OTRF Security-Datasets: APT29 evaluation, day 1 Zeek logs"),
     "© 2021 Open Threat Research Forge",
     kMit},
    {"demo/network/suricata_eve.json",
     false,
     QT_TRANSLATE_NOOP(
         "Vigie::Widgets::AboutDialog",
         "Stratosphere Laboratory (Czech Technical University in Prague): Suricata EVE "
         "test data of Slips (StratosphereLinuxIPS)"),
     "",
     kGpl2},
    {"demo/alerts/ossec_*.json",
     false,
     QT_TRANSLATE_NOOP(
         "Vigie::Widgets::AboutDialog",
         "AIT Austrian Institute of Technology: Wazuh alerts of the AIT Log Data Set v1.1, "
         "via aecid-alert-aggregation"),
     "",
     kGpl3},
    {"sigma/rules/**",
     false,
     QT_TRANSLATE_NOOP(
         "Vigie::Widgets::AboutDialog",
         "SigmaHQ: 3,061 detection rules by Florian Roth, Thomas Patzke and the SigmaHQ "
         "contributors, copied verbatim; each rule names its author, shown beside the "
         "alerts it raises"),
     "",
     kDrl},
    {"knowledge/attack/enterprise_attack_compact.json",
     true,
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "MITRE ATT&CK Enterprise v18.1: tactics, techniques, mitigations and their "
                       "relationships"),
     "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission "
     "of The MITRE Corporation.",
     kAttack},
    {"knowledge/d3fend/d3fend_compact.json",
     true,
     QT_TRANSLATE_NOOP(
         "Vigie::Widgets::AboutDialog",
         "MITRE D3FEND ontology: defensive techniques, their tactics and artifacts; the "
         "ATT&CK to D3FEND pairs are inferred through shared artifacts (an approximation, "
         "not an official MITRE table)"),
     "© 2022 The MITRE Corporation",
     kMit},
    {"cacao-schema/*.json",
     true,
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "OASIS CACAO 2.0 JSON schemas (oasis-open/cacao-json-schemas), verbatim"),
     "",
     kApache},
};

// The libraries the program links (the CMakeLists.txt files); header-only ones too, since their
// code is in the binary.
struct Library
{
    enum Kind { Always, WithQtVersion, IfKeyring }; // IfKeyring: when built with QtKeychain
    const char *name;
    const char *use; // translated
    Licence licence;
    Kind kind = Always;
};

const Library kLibraries[] = {
    {"Qt 6 (Core, Gui, Widgets, Concurrent)",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "the windows, threads and settings"),
     kLgpl3,
     Library::WithQtVersion},
    {"Qt Charts",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "the charts of an incident's timeline"),
     kGpl3},
    {"SQLite", QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "the store"), kPublicDomain},
    {"simdjson",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "reading JSON events on import"),
     kApache},
    {"zstd",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "compressing the original documents in the store"),
     kBsd3},
    {"xxHash",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "the identity of each record, to skip duplicates"),
     kBsd2},
    {"yaml-cpp", QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "reading Sigma rules"), kMit},
    {"Boost (Beast, Asio)",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog",
                       "HTTPS and WebSocket for the connectors and the replay sensor"),
     kBsl},
    {"OpenSSL 3",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "TLS for the connectors"),
     kApache},
    {"zlib", QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "compressed HTTP responses"), kZlib},
    {"QtKeychain",
     QT_TRANSLATE_NOOP("Vigie::Widgets::AboutDialog", "connector secrets in the system keyring"),
     kBsd3,
     Library::IfKeyring},
};

QString escaped(const char *text)
{
    return QString::fromUtf8(text).toHtmlEscaped();
}

QString licenceLink(const Licence &l)
{
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(QString::fromLatin1(l.url), AboutDialog::tr(l.name).toHtmlEscaped());
}

} // namespace

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    m_title = new QLabel;
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_text = new QTextBrowser;
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setReadOnly(true);
    m_text->setOpenExternalLinks(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 130, fontMetrics().height() * 40);
    retranslate();
}

QString AboutDialog::text() const
{
    return m_title->text() + QLatin1Char('\n') + m_text->toPlainText();
}

void AboutDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AboutDialog::retranslate()
{
    setWindowTitle(tr("About Vigie"));
    const QString version = QCoreApplication::applicationVersion();
    m_title->setText(version.isEmpty() ? tr("Vigie") : tr("Vigie %1").arg(version));

    QString html = QStringLiteral("<p>%1</p><p>%2</p>")
                       .arg(tr("A workbench for SOC and MDR analysts: triage alerts, gather them "
                               "into incidents, trace an incident to its root cause and report "
                               "it.")
                                .toHtmlEscaped(),
                            tr("Vigie's code, translations, icons and documentation are under "
                               "the %1 licence.")
                                .toHtmlEscaped()
                                .arg(licenceLink(kApache)));

    html += QStringLiteral("<h3>%1</h3><p>%2</p>")
                .arg(tr("Bundled datasets").toHtmlEscaped(),
                     tr("Each dataset keeps its own licence; its licence file is installed "
                        "beside it. Paths are in Vigie's data folder (/usr/share/vigie when "
                        "installed from the package), or built into the program.")
                         .toHtmlEscaped());
    const QString headerRow = QStringLiteral("<tr><th align='left'>%1</th><th align='left'>%2</th>"
                                             "<th align='left'>%3</th></tr>");
    html += QStringLiteral("<table cellspacing='0' cellpadding='4' border='1'>")
            + headerRow.arg(tr("Path").toHtmlEscaped(),
                            tr("Source").toHtmlEscaped(),
                            tr("Licence").toHtmlEscaped());
    for (const Dataset &d : kDatasets) {
        QString path = QStringLiteral("<code>%1</code>").arg(escaped(d.path));
        if (d.builtIn)
            path += QStringLiteral("<br>") + tr("(built into the program)").toHtmlEscaped();
        QString source = tr(d.source).toHtmlEscaped();
        if (*d.notice)
            source += QStringLiteral("<br>") + escaped(d.notice);
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(path, source, licenceLink(d.licence));
    }
    html += QStringLiteral("</table>");

    html += QStringLiteral("<h3>%1</h3>").arg(tr("Libraries").toHtmlEscaped());
    html += QStringLiteral("<table cellspacing='0' cellpadding='4' border='1'>")
            + headerRow.arg(tr("Library").toHtmlEscaped(),
                            tr("Used for").toHtmlEscaped(),
                            tr("Licence").toHtmlEscaped());
    const bool keyring = Connectors::Secrets::keyringAvailable();
    for (const Library &l : kLibraries) {
        if (l.kind == Library::IfKeyring && !keyring)
            continue;
        QString name = escaped(l.name);
        if (l.kind == Library::WithQtVersion)
            name += QStringLiteral("<br>") + tr("version %1").arg(QString::fromLatin1(qVersion()));
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                    .arg(name, tr(l.use).toHtmlEscaped(), licenceLink(l.licence));
    }
    html += QStringLiteral("</table>");
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Qt itself uses further libraries (PCRE2, HarfBuzz, FreeType and "
                        "others), each under its own licence; Help ▸ About Qt tells Qt's.")
                         .toHtmlEscaped());
    m_text->setHtml(html);
}

} // namespace Vigie::Widgets
