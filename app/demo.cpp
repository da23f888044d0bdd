// SPDX-License-Identifier: Apache-2.0
#include "demo.h"

#include "cli.h"
#include "connectors/connectormanager.h"
#include "connectors/replaysensor.h"
#include "widgets/language.h"
#include "widgets/mainwindow.h"
#include "widgets/settingspage.h"
#include "widgets/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace Vigie::Demo {

QString dataDirectory()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("VIGIE_DEMO_DATA"))
        candidates << qEnvironmentVariable("VIGIE_DEMO_DATA");
    const QString exeDir = QCoreApplication::applicationDirPath();
    candidates << exeDir + QStringLiteral("/../share/vigie/demo")
               << QStringLiteral(VIGIE_SOURCE_DIR "/resources/demo");
    for (const QString &c : candidates)
        if (QDir(c).exists(QStringLiteral("endpoint")))
            return QDir(c).absolutePath();
    return QString();
}

namespace {

QStringList filesIn(const QString &dir, const QString &index)
{
    QStringList out;
    const auto entries = QDir(dir).entryInfoList(
        {QStringLiteral("*.json"), QStringLiteral("*.ndjson")}, QDir::Files, QDir::Name);
    for (const QFileInfo &fi : entries)
        out << index + QLatin1Char('=') + fi.absoluteFilePath();
    return out;
}

void say(const QString &s)
{
    std::fprintf(stderr, "%s\n", s.toLocal8Bit().constData());
}

} // namespace

int run(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("vigie"));
    QCoreApplication::setApplicationName(QStringLiteral("vigie"));
    Widgets::Language::install(Widgets::Language::preferred());
    Widgets::SettingsPage::applySavedTimeDisplay();
    Widgets::Theme::apply(Widgets::Theme::preferred());
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.setApplicationDescription(QCoreApplication::translate(
        "Demo",
        "Start the replay sensor with the bundled demo data and watch Vigie pull it in "
        "over HTTPS (Elasticsearch _search) and WSS (a WebSocket stream)."));
    parser.addPositionalArgument(QStringLiteral("demo"), QString());
    parser.addOption({QStringLiteral("db"),
                      QCoreApplication::translate("Demo", "The demo store (emptied first)."),
                      QStringLiteral("PATH")});
    parser.addOption({QStringLiteral("rate"),
                      QCoreApplication::translate("Demo",
                                                  "Events per second the sensor releases "
                                                  "(default: all at once)."),
                      QStringLiteral("N")});
    parser.process(app);

    const QString data = dataDirectory();
    if (data.isEmpty()) {
        say(QCoreApplication::translate("Demo",
                                        "vigie demo: the demo data is not found; set "
                                        "VIGIE_DEMO_DATA to its folder"));
        return 1;
    }
    QString db = parser.value(QStringLiteral("db"));
    if (db.isEmpty()) {
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QDir().mkpath(dir);
        db = QDir(dir).filePath(QStringLiteral("demo.db"));
    }
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(db + suffix);

    Connectors::SensorOptions o;
    o.data = filesIn(data + QStringLiteral("/endpoint"), QStringLiteral("endpoint"))
             + filesIn(data + QStringLiteral("/alerts"), QStringLiteral("wazuh-alerts"))
             + filesIn(data + QStringLiteral("/network"), QStringLiteral("network"));
    o.selfSigned = true;
    o.port = 0;
    if (parser.isSet(QStringLiteral("rate"))) {
        o.pace = Connectors::SensorOptions::Pace::Rate;
        o.rate = std::max(1.0, parser.value(QStringLiteral("rate")).toDouble());
    }
    auto sensor = Connectors::ReplaySensor::start(o, say);
    if (!sensor) {
        say(QStringLiteral("vigie demo: ") + sensor.error());
        return 2;
    }
    say(QCoreApplication::translate("Demo", "demo: replay sensor on %1 (key pin %2)")
            .arg((*sensor)->baseUrl(), (*sensor)->certificatePin()));

    Connectors::ConnectorManager manager(db);
    if (auto r = manager.open(); !r) {
        say(QStringLiteral("vigie demo: ") + r.error());
        return 2;
    }
    // The sensor's certificate is self-signed: the demo pins its key explicitly, as an analyst
    // would for a lab sensor. Nothing is trusted silently.
    const QString pin = (*sensor)->certificatePin();
    auto save = [&](const QString &name, const QString &kind, QJsonObject cfg) {
        cfg.insert(QStringLiteral("pin"), pin);
        ConnectorRecord rec;
        rec.name = name;
        rec.kind = kind;
        rec.config = QJsonDocument(cfg).toJson(QJsonDocument::Compact);
        return manager.configStore()->saveConnector(rec);
    };
    const auto a
        = save(QStringLiteral("demo-elastic"),
               QStringLiteral("elastic"),
               QJsonObject{{QStringLiteral("url"), (*sensor)->baseUrl()},
                           {QStringLiteral("index"), QStringLiteral("endpoint,wazuh-alerts")},
                           {QStringLiteral("pageSize"), 2000},
                           {QStringLiteral("pollSeconds"), 2}});
    const auto b = save(QStringLiteral("demo-stream"),
                        QStringLiteral("websocket"),
                        QJsonObject{{QStringLiteral("url"),
                                     QString((*sensor)->baseUrl(QStringLiteral("wss"))
                                             + QStringLiteral("/stream?index=network"))}});
    if (!a || !b) {
        say(QStringLiteral("vigie demo: ") + (a ? b.error() : a.error()));
        return 2;
    }

    Widgets::MainWindow window(db);
    window.setConnectorManager(&manager);
    window.setWindowTitle(QCoreApplication::translate("Demo", "Vigie — demo (replay sensor on %1)")
                              .arg((*sensor)->baseUrl()));
    window.show();
    manager.start(QStringLiteral("demo-elastic"), true);
    manager.start(QStringLiteral("demo-stream"), true);
    const int code = app.exec();
    manager.stopAll();
    return code;
}

} // namespace Vigie::Demo
