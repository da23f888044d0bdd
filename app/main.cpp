// SPDX-License-Identifier: Apache-2.0
// `vigie` with no arguments opens the workbench; with a subcommand it runs headless.
#include "cli.h"
#include "connectors/connectormanager.h"
#include "demo.h"
#include "widgets/language.h"
#include "widgets/mainwindow.h"
#include "widgets/settingspage.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>

#include <cstdio>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("vigie"));
    QCoreApplication::setApplicationName(QStringLiteral("vigie"));
    QCoreApplication::setApplicationVersion(QStringLiteral(VIGIE_VERSION));
}

void printUsage()
{
    std::fputs(
        "usage: vigie [--db PATH]            open the workbench\n"
        "       vigie import FILE… [--db PATH] [--format F] [--no-detect] [--sigma DIR] [--json]\n"
        "       vigie alerts [--db PATH] [--query Q] [--status S] [--min-severity N]\n"
        "                    [--host H] [--search TEXT] [--limit N] [--json]\n"
        "       vigie hunt [--db PATH] [--sigma DIR] [--since T] [--errors] [--json]\n"
        "       vigie triage ACTION [--id N]… [--search T] [--disposition D] …\n"
        "       vigie triage undo ID | history\n"
        "       vigie incidents [--json] | show|rename|severity|merge|split|remove …\n"
        "       vigie rca INCIDENT [--db PATH] [--json]\n"
        "       vigie report INCIDENT --out FILE [--lang en|fr] [--format pdf|html|md]\n"
        "       vigie audit list|verify [--incident ID] [--db PATH] [--json]\n"
        "       vigie demo                   the workbench on the bundled data, pulled\n"
        "                                    from a replay sensor over HTTPS and WSS\n"
        "       vigie sensor serve --data FILE… [--self-signed | --tls-cert F --tls-key F]\n"
        "       vigie connector add|list|remove|pull …\n"
        "       vigie COMMAND --help         the options of a command\n",
        stdout);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc > 1 && QByteArray(argv[1]) == "demo")
        return Vigie::Demo::run(argc, argv);
    if (argc > 1 && QByteArray(argv[1]) == "report") {
        // A PDF needs QtGui's fonts, hence a QGuiApplication; a report needs no display.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        setIdentity();
        QStringList args = app.arguments();
        args.removeFirst();
        return Vigie::Cli::run(args);
    }
    if (argc > 1 && QByteArray(argv[1]) == "audit") {
        QCoreApplication app(argc, argv);
        setIdentity();
        QStringList args = app.arguments();
        args.removeFirst();
        return Vigie::Cli::runAudit(args);
    }
    if (argc > 1 && Vigie::Cli::isSubcommand(QString::fromLocal8Bit(argv[1]))) {
        QCoreApplication app(argc, argv);
        setIdentity();
        QStringList args = app.arguments();
        args.removeFirst();
        return Vigie::Cli::run(args);
    }
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h") {
            printUsage();
            return 0;
        }
        if (a == "--version") {
            std::puts("vigie " VIGIE_VERSION);
            return 0;
        }
    }
    QApplication app(argc, argv);
    setIdentity();
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("db"), QStringLiteral("The store to open."), QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("language"),
                      QStringLiteral("en or fr (default: the setting, "
                                     "else the system's)."),
                      QStringLiteral("CODE")});
    parser.addOption({QStringLiteral("theme"),
                      QStringLiteral("light or dark (default: the setting)."),
                      QStringLiteral("NAME")});
    parser.process(app);
    Vigie::Widgets::Language::install(parser.isSet(QStringLiteral("language"))
                                          ? parser.value(QStringLiteral("language"))
                                          : Vigie::Widgets::Language::preferred());
    Vigie::Widgets::SettingsPage::applySavedTimeDisplay();
    Vigie::Widgets::Theme::apply(parser.isSet(QStringLiteral("theme"))
                                     ? parser.value(QStringLiteral("theme"))
                                     : Vigie::Widgets::Theme::preferred());
    const QString db = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db"))
                                                          : Vigie::Cli::defaultDatabasePath();
    Vigie::Connectors::ConnectorManager connectors(db);
    Vigie::Widgets::MainWindow window(db);
    if (auto r = connectors.open(); r) {
        window.setConnectorManager(&connectors);
        // Enabled connectors follow their sensors while the workbench is open.
        if (auto list = connectors.configStore()->connectors())
            for (const auto &c : *list)
                if (c.enabled)
                    connectors.start(c.name, true);
    }
    window.show();
    const int code = app.exec();
    connectors.stopAll();
    return code;
}
