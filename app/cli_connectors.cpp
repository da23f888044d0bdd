// SPDX-License-Identifier: Apache-2.0
// `vigie sensor serve` and `vigie connector add|list|remove|pull`.
#include "cliutil.h"

#include "connectors/connectormanager.h"
#include "connectors/replaysensor.h"
#include "connectors/secrets.h"
#include "core/store/store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace Vigie::Cli {

namespace {

int runSensorServe(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli",
                                    "Serve datasets over HTTPS and WSS like a real sensor: an "
                                    "Elasticsearch-compatible _search, a WebSocket stream, a "
                                    "TheHive-style /api/v1/query, the Wazuh manager API and "
                                    "response-action endpoints."));
    p.addOption({QStringLiteral("data"),
                 QCoreApplication::translate("Cli", "A file to serve, or INDEX=FILE (repeat)."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("listen"),
                 QCoreApplication::translate(
                     "Cli", "Address and port (default 127.0.0.1:9200; port 0: any)."),
                 QStringLiteral("HOST:PORT"),
                 QStringLiteral("127.0.0.1:9200")});
    p.addOption({QStringLiteral("tls-cert"),
                 QCoreApplication::translate("Cli", "PEM certificate (chain) to serve."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("tls-key"),
                 QCoreApplication::translate("Cli", "PEM private key of the certificate."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("self-signed"),
                 QCoreApplication::translate("Cli", "Make a throw-away self-signed certificate.")});
    p.addOption({QStringLiteral("rate"),
                 QCoreApplication::translate("Cli", "Release N events per second."),
                 QStringLiteral("N")});
    p.addOption(
        {QStringLiteral("realtime"),
         QCoreApplication::translate("Cli", "Release events with their original spacing.")});
    p.addOption({QStringLiteral("max"),
                 QCoreApplication::translate("Cli", "Release everything at once (default).")});
    p.addOption({QStringLiteral("auth"),
                 QCoreApplication::translate(
                     "Cli", "Required credentials: basic:USER:PASS, bearer:TOKEN or apikey:VALUE."),
                 QStringLiteral("SPEC")});
    p.addOption(
        {QStringLiteral("jwt-ttl"),
         QCoreApplication::translate(
             "Cli", "Lifetime of the Wazuh API tokens it issues, in seconds (default 900)."),
         QStringLiteral("SECONDS")});
    p.addOption(
        {QStringLiteral("gzip"),
         QCoreApplication::translate("Cli", "Compress responses when the client accepts gzip.")});
    p.addOption(
        {QStringLiteral("batch"),
         QCoreApplication::translate("Cli", "Events per WebSocket message at most (default 100)."),
         QStringLiteral("N")});
    p.addOption({QStringLiteral("actions-log"),
                 QCoreApplication::translate(
                     "Cli", "Append received response actions to this file (JSON lines)."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("fault"),
         QCoreApplication::translate(
             "Cli",
             "Misbehave on purpose (repeat): drop-after=N, stall-after=N[:MS], malformed-at=N, "
             "oversize-at=N[:BYTES], reject-auth, status=CODE[:COUNT]."),
         QStringLiteral("FAULT")});
    p.addPositionalArgument(QStringLiteral("FILE"),
                            QCoreApplication::translate("Cli", "More files to serve."),
                            QStringLiteral("[FILE…]"));
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    Connectors::SensorOptions o;
    o.data = p.values(QStringLiteral("data")) + p.positionalArguments();
    const QString listen = p.value(QStringLiteral("listen"));
    const int colon = int(listen.lastIndexOf(QLatin1Char(':')));
    if (colon <= 0)
        return fail(QCoreApplication::translate("Cli", "sensor: --listen takes HOST:PORT"));
    o.listenHost = listen.left(colon);
    if (o.listenHost.startsWith(QLatin1Char('[')))
        o.listenHost = o.listenHost.mid(1, o.listenHost.size() - 2);
    bool ok = false;
    o.port = listen.mid(colon + 1).toInt(&ok);
    if (!ok || o.port < 0 || o.port > 65535)
        return fail(
            QCoreApplication::translate("Cli", "sensor: bad port in --listen %1").arg(listen));
    o.certFile = p.value(QStringLiteral("tls-cert"));
    o.keyFile = p.value(QStringLiteral("tls-key"));
    o.selfSigned = p.isSet(QStringLiteral("self-signed"));
    if (o.selfSigned && !o.certFile.isEmpty())
        return fail(QCoreApplication::translate(
            "Cli", "sensor: give either --tls-cert and --tls-key, or --self-signed"));
    if (!o.selfSigned && o.certFile.isEmpty())
        return fail(QCoreApplication::translate(
            "Cli",
            "sensor: the sensor speaks TLS only: give --tls-cert and --tls-key, or --self-signed"));
    if (p.isSet(QStringLiteral("rate"))) {
        o.pace = Connectors::SensorOptions::Pace::Rate;
        o.rate = p.value(QStringLiteral("rate")).remove(QStringLiteral("/s")).toDouble(&ok);
        if (!ok || o.rate <= 0)
            return fail(QCoreApplication::translate(
                "Cli", "sensor: --rate takes a positive number of events per second"));
    } else if (p.isSet(QStringLiteral("realtime"))) {
        o.pace = Connectors::SensorOptions::Pace::Realtime;
    }
    o.auth = p.value(QStringLiteral("auth"));
    o.gzip = p.isSet(QStringLiteral("gzip"));
    if (p.isSet(QStringLiteral("jwt-ttl")))
        o.jwtTtlSeconds = std::max(1, p.value(QStringLiteral("jwt-ttl")).toInt());
    if (p.isSet(QStringLiteral("batch")))
        o.wsBatch = std::max(1, p.value(QStringLiteral("batch")).toInt());
    o.actionsLog = p.value(QStringLiteral("actions-log"));
    for (const QString &f : p.values(QStringLiteral("fault"))) {
        QString error;
        if (!Connectors::parseFault(f, o.faults, error))
            return fail(QStringLiteral("sensor: ") + error);
    }
    auto sensor = Connectors::ReplaySensor::start(
        o, [](const QString &line) { printErr(line + QLatin1Char('\n')); });
    if (!sensor)
        return fail(QStringLiteral("sensor: ") + sensor.error(), 2);
    printOut(QCoreApplication::translate(
                 "Cli", "sensor: serving %1 documents (%2 alerts) on %3 and %4/stream\n")
                 .arg((*sensor)->documentCount())
                 .arg((*sensor)->alertCount())
                 .arg((*sensor)->baseUrl(), (*sensor)->baseUrl(QStringLiteral("wss"))));
    printOut(QCoreApplication::translate("Cli", "sensor: certificate key pin %1\n")
                 .arg((*sensor)->certificatePin()));
    std::fflush(stdout);
    catchSignals();
    while (!interrupted())
        ::usleep(100 * 1000);
    printErr(QCoreApplication::translate("Cli", "sensor: stopping after serving %1 events\n")
                 .arg((*sensor)->eventsServed()));
    return 0;
}

QJsonValue parseSetValue(const QString &v)
{
    const QJsonDocument d = QJsonDocument::fromJson(QByteArray("[") + v.toUtf8() + ']');
    if (d.isArray() && d.array().size() == 1)
        return d.array().at(0);
    return v;
}

int runConnectorAdd(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli",
                                    "Add (or replace) a connector. Secrets are never stored in the "
                                    "store: --secret-from keyring (the OS keyring; the secret is "
                                    "read from standard input), env:VARIABLE or file:PATH."));
    addDbOption(p);
    p.addOption({QStringLiteral("kind"),
                 QCoreApplication::translate(
                     "Cli", "elastic, websocket, thehive, rest, wazuh or eve-file."),
                 QStringLiteral("KIND")});
    p.addOption({QStringLiteral("url"),
                 QCoreApplication::translate(
                     "Cli", "The sensor's URL (https://host:port, wss://host:port/path)."),
                 QStringLiteral("URL")});
    p.addOption({QStringLiteral("index"),
                 QCoreApplication::translate("Cli", "elastic: the index pattern."),
                 QStringLiteral("PATTERN")});
    p.addOption({QStringLiteral("path"),
                 QCoreApplication::translate("Cli", "eve-file: the file to follow."),
                 QStringLiteral("FILE")});
    p.addOption({QStringLiteral("ca-file"),
                 QCoreApplication::translate(
                     "Cli", "Trust the authorities in this PEM file instead of the system's."),
                 QStringLiteral("FILE")});
    p.addOption(
        {QStringLiteral("pin"),
         QCoreApplication::translate(
             "Cli", "Trust exactly this server key (sha256/BASE64), for self-signed lab sensors."),
         QStringLiteral("PIN")});
    p.addOption({QStringLiteral("auth"),
                 QCoreApplication::translate("Cli", "none, basic, bearer or apikey."),
                 QStringLiteral("SCHEME")});
    p.addOption(
        {QStringLiteral("user"),
         QCoreApplication::translate("Cli", "User name for basic authentication and Wazuh."),
         QStringLiteral("USER")});
    p.addOption({QStringLiteral("secret-from"),
                 QCoreApplication::translate("Cli", "keyring, env:VARIABLE or file:PATH."),
                 QStringLiteral("REF")});
    p.addOption(
        {QStringLiteral("set"),
         QCoreApplication::translate("Cli", "Any other setting, as KEY=JSON-or-text (repeat)."),
         QStringLiteral("KEY=VALUE")});
    p.addOption(
        {QStringLiteral("disabled"), QCoreApplication::translate("Cli", "Add it disabled.")});
    p.addPositionalArgument(QStringLiteral("NAME"),
                            QCoreApplication::translate("Cli", "The connector's name."));
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    if (p.positionalArguments().size() != 1)
        return fail(QCoreApplication::translate("Cli", "connector add: give one NAME"));
    const QString name = p.positionalArguments().constFirst();
    const QString kind = p.value(QStringLiteral("kind"));
    QJsonObject cfg;
    auto put = [&](const char *opt, const char *key) {
        if (p.isSet(QLatin1String(opt)))
            cfg.insert(QLatin1String(key), p.value(QLatin1String(opt)));
    };
    put("url", "url");
    put("index", "index");
    put("path", "path");
    put("ca-file", "caFile");
    put("pin", "pin");
    put("auth", "auth");
    put("user", "user");
    put("secret-from", "secret");
    for (const QString &kv : p.values(QStringLiteral("set"))) {
        const int eq = int(kv.indexOf(QLatin1Char('=')));
        if (eq <= 0)
            return fail(
                QCoreApplication::translate("Cli", "connector add: --set takes KEY=VALUE, not %1")
                    .arg(kv));
        cfg.insert(kv.left(eq), parseSetValue(kv.mid(eq + 1)));
    }
    QString error;
    if (!Connectors::Secrets::validReference(cfg.value(QLatin1String("secret")).toString(), error))
        return fail(QStringLiteral("connector add: ") + error);
    if (!Connectors::Connector::create(kind, cfg, error))
        return fail(QStringLiteral("connector add: ") + error);
    auto store = Store::open(dbPathFrom(p));
    if (!store)
        return fail(store.error(), 2);
    ConnectorRecord rec;
    rec.name = name;
    rec.kind = kind;
    rec.config = QJsonDocument(cfg).toJson(QJsonDocument::Compact);
    rec.enabled = !p.isSet(QStringLiteral("disabled"));
    if (auto r = (*store)->saveConnector(rec); !r)
        return fail(r.error(), 2);
    if (cfg.value(QLatin1String("secret")).toString() == QLatin1String("keyring")) {
        if (::isatty(0))
            printErr(QCoreApplication::translate(
                         "Cli", "Secret for %1 (read from standard input, not echoed to any log): ")
                         .arg(name));
        QTextStream in(stdin);
        const QByteArray secret = in.readLine().toUtf8();
        QEventLoop loop;
        Result<void> stored;
        Connectors::Secrets::storeInKeyring(name, secret, [&](Result<void> r) {
            stored = r;
            loop.quit();
        });
        loop.exec();
        if (!stored)
            return fail(stored.error(), 2);
    }
    if (p.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                                             {QStringLiteral("kind"), kind},
                                                             {QStringLiteral("config"), cfg}})
                                       .toJson(QJsonDocument::Compact))
                 + QLatin1Char('\n'));
    else
        printOut(QCoreApplication::translate("Cli", "connector %1 (%2) saved\n").arg(name, kind));
    return 0;
}

int runConnectorList(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli", "List the configured connectors."));
    addDbOption(p);
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    auto store = Store::open(dbPathFrom(p));
    if (!store)
        return fail(store.error(), 2);
    auto list = (*store)->connectors();
    if (!list)
        return fail(list.error(), 2);
    QJsonArray out;
    for (const auto &c : *list) {
        const auto n = (*store)->countEventsFromSource(c.sourceId);
        const QJsonObject cfg = QJsonDocument::fromJson(c.config).object();
        out.append(QJsonObject{{QStringLiteral("name"), c.name},
                               {QStringLiteral("kind"), c.kind},
                               {QStringLiteral("enabled"), c.enabled},
                               {QStringLiteral("events"), qint64(n ? *n : 0)},
                               {QStringLiteral("cursor"), QString::fromStdString(c.cursor)},
                               {QStringLiteral("config"), cfg}});
        if (!p.isSet(QStringLiteral("json")))
            printOut(QStringLiteral("%1  %2  %3  %4 events%5\n")
                         .arg(c.name, -16)
                         .arg(c.kind, -9)
                         .arg(cfg.value(QLatin1String("url"))
                                  .toString(cfg.value(QLatin1String("path")).toString()),
                              -40)
                         .arg(withSeparators(n ? *n : 0))
                         .arg(c.enabled ? QString()
                                        : QCoreApplication::translate("Cli", "  (disabled)")));
    }
    if (p.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(out).toJson(QJsonDocument::Compact))
                 + QLatin1Char('\n'));
    else if (list->empty())
        printOut(QCoreApplication::translate(
            "Cli",
            "no connectors; add one with: vigie connector add NAME --kind KIND --url URL\n"));
    return 0;
}

int runConnectorRemove(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QCoreApplication::translate(
        "Cli", "Remove a connector's configuration (its events stay)."));
    addDbOption(p);
    p.addPositionalArgument(QStringLiteral("NAME"),
                            QCoreApplication::translate("Cli", "The connector's name."));
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    if (p.positionalArguments().size() != 1)
        return fail(QCoreApplication::translate("Cli", "connector remove: give one NAME"));
    const QString name = p.positionalArguments().constFirst();
    auto store = Store::open(dbPathFrom(p));
    if (!store)
        return fail(store.error(), 2);
    auto removed = (*store)->removeConnector(name);
    if (!removed)
        return fail(removed.error(), 2);
    if (!*removed)
        return fail(QCoreApplication::translate("Cli", "no connector is named %1").arg(name), 3);
    printOut(
        QCoreApplication::translate("Cli", "connector %1 removed; its events stay in the store\n")
            .arg(name));
    return 0;
}

QJsonObject statusJson(const Connectors::ConnectorStatus &s)
{
    return QJsonObject{{QStringLiteral("connector"), s.name},
                       {QStringLiteral("kind"), s.kind},
                       {QStringLiteral("health"), Connectors::healthName(s.health)},
                       {QStringLiteral("caughtUp"), s.caughtUp},
                       {QStringLiteral("delivered"), s.delivered},
                       {QStringLiteral("accepted"), s.accepted},
                       {QStringLiteral("rejected"), s.rejected},
                       {QStringLiteral("lastError"), s.lastError}};
}

int runConnectorPull(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QCoreApplication::translate("Cli",
                                    "Run connectors until they are caught up (or, with --follow, "
                                    "until interrupted). Exit status 0 when every one caught up, 2 "
                                    "when one failed."));
    addDbOption(p);
    p.addOption(
        {QStringLiteral("follow"),
         QCoreApplication::translate("Cli", "Keep following new events until interrupted.")});
    p.addOption(
        {QStringLiteral("all"), QCoreApplication::translate("Cli", "Every enabled connector.")});
    p.addOption({QStringLiteral("backoff-ms"),
                 QCoreApplication::translate("Cli", "First retry delay (default 500)."),
                 QStringLiteral("MS")});
    p.addPositionalArgument(QStringLiteral("NAME"),
                            QCoreApplication::translate("Cli", "Connectors to run."),
                            QStringLiteral("[NAME…]"));
    int code = 0;
    if (!parse(p, args.mid(2), code))
        return code;
    const QString db = dbPathFrom(p);
    Connectors::ConnectorManager manager(db);
    if (auto r = manager.open(); !r)
        return fail(r.error(), 2);
    QStringList names = p.positionalArguments();
    if (p.isSet(QStringLiteral("all"))) {
        auto list = manager.configStore()->connectors();
        if (!list)
            return fail(list.error(), 2);
        for (const auto &c : *list)
            if (c.enabled)
                names.append(c.name);
    }
    if (names.isEmpty())
        return fail(
            QCoreApplication::translate("Cli", "connector pull: name a connector, or --all"));
    for (const QString &n : names)
        if (auto c = manager.configStore()->connector(n); !c)
            return fail(c.error(), 3);
    if (p.isSet(QStringLiteral("backoff-ms"))) {
        const int ms = p.value(QStringLiteral("backoff-ms")).toInt();
        manager.setBackoff(ms, std::max(ms * 64, 1000));
    }
    const bool json = p.isSet(QStringLiteral("json"));
    const bool tty = ::isatty(2) && !json;
    // As after an import: the analytics (they need event sequences) run once the pull ends, over
    // what it added and what a pull stopped before its end added; then the alerts are correlated.
    auto store = Store::open(db);
    if (!store)
        return fail(store.error(), 2);
    const auto analyticsFrom = (*store)->analyticsStart();
    if (!analyticsFrom)
        return fail(analyticsFrom.error(), 2);
    QEventLoop loop;
    int pending = int(names.size());
    QObject::connect(
        &manager, &Connectors::ConnectorManager::finished, &loop, [&](const QString &) {
            if (--pending == 0)
                loop.quit();
        });
    QObject::connect(
        &manager, &Connectors::ConnectorManager::statusChanged, &loop, [&](const QString &n) {
            const auto s = manager.status(n);
            if (tty)
                printErr(QStringLiteral("\r%1: %2, %3 events%4\x1b[K")
                             .arg(n,
                                  Connectors::healthLabel(s.health),
                                  withSeparators(s.accepted),
                                  s.lastError.isEmpty() ? QString()
                                                        : QStringLiteral(" — ") + s.lastError));
        });
    catchSignals();
    QTimer interrupt;
    interrupt.setInterval(100);
    QObject::connect(&interrupt, &QTimer::timeout, &loop, [&] {
        if (interrupted())
            manager.stopAll(), loop.quit();
    });
    interrupt.start();
    for (const QString &n : names)
        manager.start(n, p.isSet(QStringLiteral("follow")));
    if (pending > 0)
        loop.exec();
    manager.stopAll();
    if (tty)
        printErr(QStringLiteral("\n"));
    QCoreApplication::processEvents();
    analyseAndCorrelate(**store, *analyticsFrom);
    int exit = 0;
    QJsonArray out;
    for (const QString &n : names) {
        const auto s = manager.status(n);
        out.append(statusJson(s));
        const bool ok = s.health == Connectors::Health::Stopped;
        if (!ok)
            exit = 2;
        if (!json)
            printOut(
                QCoreApplication::translate("Cli", "%1: %2 — %3 delivered, %4 new, %5 refused%6\n")
                    .arg(n,
                         s.caughtUp ? QCoreApplication::translate("Cli", "caught up")
                                    : Connectors::healthLabel(s.health),
                         withSeparators(s.delivered),
                         withSeparators(s.accepted),
                         withSeparators(s.rejected),
                         s.lastError.isEmpty() ? QString()
                                               : QStringLiteral(" (%1)").arg(s.lastError)));
    }
    if (json)
        printOut(
            QString::fromUtf8(QJsonDocument(out.size() == 1 ? QJsonDocument(out.at(0).toObject())
                                                            : QJsonDocument(out))
                                  .toJson(QJsonDocument::Compact))
            + QLatin1Char('\n'));
    return exit;
}

} // namespace

int runSensor(const QStringList &args)
{
    if (args.value(1) == QLatin1String("serve"))
        return runSensorServe(args);
    return fail(QCoreApplication::translate(
        "Cli",
        "usage: vigie sensor serve --data FILE… [--listen HOST:PORT] [--self-signed | "
        "--tls-cert F --tls-key F] [--rate N | --realtime | --max] [--fault F]…"));
}

int runConnector(const QStringList &args)
{
    const QString sub = args.value(1);
    if (sub == QLatin1String("add"))
        return runConnectorAdd(args);
    if (sub == QLatin1String("list"))
        return runConnectorList(args);
    if (sub == QLatin1String("remove"))
        return runConnectorRemove(args);
    if (sub == QLatin1String("pull"))
        return runConnectorPull(args);
    return fail(QCoreApplication::translate(
        "Cli", "usage: vigie connector add|list|remove|pull …  (vigie connector SUB --help)"));
}

} // namespace Vigie::Cli
