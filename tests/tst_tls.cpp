// SPDX-License-Identifier: Apache-2.0
// TLS verification against the replay sensor on loopback, with certificates made by `openssl` at
// test time: a trusted chain is accepted; expired, wrong-host, untrusted-CA and unpinned
// self-signed certificates are refused with a message naming the reason; a pinned self-signed
// certificate is accepted and a wrong pin refused.
#include "connectors/net.h"
#include "connectors/replaysensor.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigie;
using namespace Vigie::Connectors;

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_eve = QStringLiteral(VIGIE_DEMO_DATA "/network/suricata_eve.json");
    std::unique_ptr<Net::NetworkThread> m_net;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    void openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), args);
        QVERIFY2(p.waitForFinished(30000), "openssl did not finish");
        QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromLocal8Bit(p.readAllStandardError())));
    }

    // A server key and certificate for `san`, signed by the test CA, valid for `days`.
    void makeServer(const QString &name, const QString &san, int days)
    {
        QFile ext(path(name + QStringLiteral(".ext")));
        QVERIFY(ext.open(QIODevice::WriteOnly));
        ext.write("subjectAltName=" + san.toLatin1() + "\n");
        ext.close();
        openssl({"req",
                 "-new",
                 "-newkey",
                 "ec",
                 "-pkeyopt",
                 "ec_paramgen_curve:P-256",
                 "-nodes",
                 "-keyout",
                 name + ".key",
                 "-out",
                 name + ".csr",
                 "-subj",
                 "/CN=" + name});
        openssl({"x509",
                 "-req",
                 "-in",
                 name + ".csr",
                 "-CA",
                 "ca.pem",
                 "-CAkey",
                 "ca.key",
                 "-CAcreateserial",
                 "-out",
                 name + ".pem",
                 "-days",
                 QString::number(days),
                 "-extfile",
                 name + ".ext"});
    }

    std::unique_ptr<ReplaySensor> serve(const QString &cert, bool selfSigned = false)
    {
        SensorOptions o;
        o.data = {m_eve};
        o.port = 0;
        if (selfSigned) {
            o.selfSigned = true;
        } else {
            o.certFile = path(cert + QStringLiteral(".pem"));
            o.keyFile = path(cert + QStringLiteral(".key"));
        }
        auto s = ReplaySensor::start(o);
        if (!s)
            qWarning() << s.error();
        return s ? std::move(*s) : nullptr;
    }

    Net::NetError get(const ReplaySensor &sensor,
                      const QString &caFile,
                      const QString &pin,
                      const QString &host = QStringLiteral("127.0.0.1"))
    {
        Net::Endpoint ep;
        ep.url = QUrl(QStringLiteral("https://%1:%2").arg(host).arg(sensor.port()));
        ep.tls.caFile = caFile;
        ep.tls.pinSha256 = pin;
        ep.timeouts.connectMs = ep.timeouts.handshakeMs = ep.timeouts.readMs = 5000;
        Net::HttpClient client(*m_net, ep);
        Net::HttpResponse res;
        Net::NetError e = client.request({"GET", "/", {}, {}}, res);
        if (!e && res.status != 200)
            e = {Net::ErrorKind::Http, QStringLiteral("HTTP %1").arg(res.status)};
        return e;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(m_eve), qPrintable(m_eve));
        openssl({"req",
                 "-x509",
                 "-newkey",
                 "ec",
                 "-pkeyopt",
                 "ec_paramgen_curve:P-256",
                 "-nodes",
                 "-keyout",
                 "ca.key",
                 "-out",
                 "ca.pem",
                 "-days",
                 "2",
                 "-subj",
                 "/CN=Vigie Test CA"});
        makeServer(QStringLiteral("good"), QStringLiteral("IP:127.0.0.1,DNS:localhost"), 1);
        makeServer(QStringLiteral("otherhost"), QStringLiteral("DNS:sensor.other.example"), 1);
        makeServer(QStringLiteral("expired"), QStringLiteral("IP:127.0.0.1"), -1);
        m_net = std::make_unique<Net::NetworkThread>();
    }

    void trustedChainIsAccepted()
    {
        auto s = serve(QStringLiteral("good"));
        QVERIFY(s);
        const auto e = get(*s, path(QStringLiteral("ca.pem")), QString());
        QVERIFY2(!e, qPrintable(e.message));
        // By name too: the certificate lists localhost.
        const auto byName
            = get(*s, path(QStringLiteral("ca.pem")), QString(), QStringLiteral("localhost"));
        QVERIFY2(!byName, qPrintable(byName.message));
    }

    void untrustedAuthorityIsRefused()
    {
        auto s = serve(QStringLiteral("good"));
        QVERIFY(s);
        const auto e = get(*s, QString(), QString()); // the system store does not know our CA
        QCOMPARE(e.kind, Net::ErrorKind::Tls);
        QVERIFY2(e.message.contains(QLatin1String("authority that is not trusted")),
                 qPrintable(e.message));
    }

    void wrongHostIsRefused()
    {
        auto s = serve(QStringLiteral("otherhost"));
        QVERIFY(s);
        const auto e = get(*s, path(QStringLiteral("ca.pem")), QString());
        QCOMPARE(e.kind, Net::ErrorKind::Tls);
        QVERIFY2(e.message.contains(QLatin1String("another host name")), qPrintable(e.message));
    }

    void expiredIsRefused()
    {
        auto s = serve(QStringLiteral("expired"));
        QVERIFY(s);
        const auto e = get(*s, path(QStringLiteral("ca.pem")), QString());
        QCOMPARE(e.kind, Net::ErrorKind::Tls);
        QVERIFY2(e.message.contains(QLatin1String("has expired")), qPrintable(e.message));
    }

    void selfSignedNeedsAPin()
    {
        auto s = serve(QString(), true);
        QVERIFY(s);
        const auto unpinned = get(*s, QString(), QString());
        QCOMPARE(unpinned.kind, Net::ErrorKind::Tls);
        QVERIFY2(unpinned.message.contains(QLatin1String("self-signed and not pinned")),
                 qPrintable(unpinned.message));
        // The refusal offers the pin, so that the analyst can decide to trust it.
        QVERIFY(unpinned.message.contains(s->certificatePin()));
        const auto pinned = get(*s, QString(), s->certificatePin());
        QVERIFY2(!pinned, qPrintable(pinned.message));
        // curl's spelling of a pin works too.
        QString curlPin = s->certificatePin();
        curlPin.replace(QLatin1String("sha256/"), QLatin1String("sha256//"));
        QVERIFY(!get(*s, QString(), curlPin));
    }

    // A digest that starts with '/' is not mistaken for curl's double slash (one key in 64 does).
    void pinsStartingWithASlash()
    {
        for (int i = 0; i < 200; ++i) {
            auto s = serve(QString(), true);
            QVERIFY(s);
            if (!s->certificatePin().startsWith(QLatin1String("sha256//")))
                continue;
            QVERIFY(!get(*s, QString(), s->certificatePin()));
            // curl's spelling adds a slash: "sha256///…".
            QVERIFY(!get(*s, QString(), QStringLiteral("sha256//") + s->certificatePin().mid(7)));
            return;
        }
        QSKIP("no key with such a digest came up");
    }

    void wrongPinIsRefused()
    {
        auto s = serve(QString(), true);
        auto other = serve(QString(), true);
        QVERIFY(s && other);
        const auto e = get(*s, QString(), other->certificatePin());
        QCOMPARE(e.kind, Net::ErrorKind::Tls);
        QVERIFY2(e.message.contains(QLatin1String("does not match the pinned key")),
                 qPrintable(e.message));
        // A pin also replaces the chain: a CA-signed certificate with a wrong pin is refused.
        auto good = serve(QStringLiteral("good"));
        const auto e2 = get(*good, path(QStringLiteral("ca.pem")), other->certificatePin());
        QCOMPARE(e2.kind, Net::ErrorKind::Tls);
    }

    void webSocketVerifiesToo()
    {
        auto s = serve(QString(), true);
        QVERIFY(s);
        Net::Endpoint ep;
        ep.url = QUrl(s->baseUrl(QStringLiteral("wss")));
        {
            Net::WebSocketClient ws(*m_net, ep);
            const auto e = ws.open("/stream");
            QCOMPARE(e.kind, Net::ErrorKind::Tls);
        }
        ep.tls.pinSha256 = s->certificatePin();
        Net::WebSocketClient ws(*m_net, ep);
        const auto e = ws.open("/stream?batch=1");
        QVERIFY2(!e, qPrintable(e.message));
        std::string msg;
        QVERIFY(!ws.read(msg, 5000));
        QVERIFY(msg.find("\"event\":") != std::string::npos);
    }

    void plainConnectErrorsNameThePlace()
    {
        Net::Endpoint ep;
        ep.url = QUrl(QStringLiteral("https://127.0.0.1:1"));
        Net::HttpClient c(*m_net, ep);
        Net::HttpResponse res;
        const auto e = c.request({"GET", "/", {}, {}}, res);
        QCOMPARE(e.kind, Net::ErrorKind::Connect);
        QVERIFY2(e.message.contains(QLatin1String("127.0.0.1:1")), qPrintable(e.message));
        ep.tls.caFile = path(QStringLiteral("missing.pem"));
        Net::HttpClient c2(*m_net, ep);
        QCOMPARE(c2.request({"GET", "/", {}, {}}, res).kind, Net::ErrorKind::Config);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
