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
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QStatusBar>

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
        "       vigie playbook list | show NAME | validate FILE… |\n"
        "                      run NAME --incident ID [--dry-run] [--approve-all] [--var N=V]…\n"
        "       vigie toolkit INCIDENT --out FILE.zip [--lang en|fr] [--db PATH]\n"
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
    if (argc > 1 && QByteArray(argv[1]) == "demo") {
        // Help ▸ About Vigie in the demo's window names the version too.
        QCoreApplication::setApplicationVersion(QStringLiteral(VIGIE_VERSION));
        return Vigie::Demo::run(argc, argv);
    }
    if (argc > 1 && (QByteArray(argv[1]) == "report" || QByteArray(argv[1]) == "toolkit")) {
        // A PDF needs QtGui's fonts, hence a QGuiApplication; a report needs no display.
        if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QGuiApplication app(argc, argv);
        setIdentity();
        QStringList args = app.arguments();
        args.removeFirst();
        return args.front() == QLatin1String("toolkit") ? Vigie::Cli::runToolkit(args)
                                                        : Vigie::Cli::run(args);
    }
    if (argc > 1 && QByteArray(argv[1]) == "playbook") {
        QCoreApplication app(argc, argv);
        setIdentity();
        QStringList args = app.arguments();
        args.removeFirst();
        return Vigie::Cli::runPlaybook(args);
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
    // First run: no store yet. The window shows its welcome page, and nothing creates the store
    // (opening the connectors would) until an import or a new connector does.
    const bool firstRun = !QFileInfo::exists(db);
    Vigie::Connectors::ConnectorManager connectors(db);
    Vigie::Widgets::MainWindow window(db);
    auto openConnectors = [&connectors, &window] {
        if (auto r = connectors.open(); r) {
            window.setConnectorManager(&connectors);
            // Enabled connectors follow their sensors while the workbench is open.
            if (auto list = connectors.configStore()->connectors())
                for (const auto &c : *list)
                    if (c.enabled)
                        connectors.start(c.name, true);
        } else {
            window.statusBar()->showMessage(r.error());
        }
    };
    if (firstRun)
        QObject::connect(&window,
                         &Vigie::Widgets::MainWindow::storeCreated,
                         &window,
                         openConnectors,
                         Qt::SingleShotConnection);
    else
        openConnectors();
    // The demo and other stores open in a new process (every model and page of a window belongs
    // to its store); this one closes once that one has started.
    auto relaunch = [&window](const QStringList &arguments) {
        const QString program = QCoreApplication::applicationFilePath();
        if (QProcess::startDetached(program, arguments))
            window.close();
        else
            window.statusBar()->showMessage(
                QCoreApplication::translate("Main", "Could not start %1").arg(program));
    };
    QObject::connect(&window, &Vigie::Widgets::MainWindow::demoRequested, &window, [relaunch] {
        relaunch({QStringLiteral("demo")});
    });
    // A store keeps this window's --language and --theme (`vigie demo` reads the settings).
    QStringList passOn;
    for (const QString &option : {QStringLiteral("language"), QStringLiteral("theme")})
        if (parser.isSet(option))
            passOn << QStringLiteral("--") + option << parser.value(option);
    QObject::connect(&window,
                     &Vigie::Widgets::MainWindow::storeRequested,
                     &window,
                     [relaunch, passOn](const QString &path) {
                         relaunch(QStringList{QStringLiteral("--db"), path} + passOn);
                     });
    window.show();
    const int code = app.exec();
    connectors.stopAll();
    return code;
}
