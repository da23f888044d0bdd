// SPDX-License-Identifier: Apache-2.0
// The connectors page and its model: rows for configured connectors with live health and counts,
// the add/edit dialog's round trip, start and pause.
#include "connectors/connectormanager.h"
#include "connectors/replaysensor.h"
#include "models/connectorlistmodel.h"
#include "widgets/connectorspage.h"
#include "widgets/mainwindow.h"

#include <QLabel>

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Vigie;
using namespace Vigie::Connectors;

class TestConnectorsPage : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void modelFollowsTheManager()
    {
        SensorOptions o;
        o.data = {QStringLiteral(VIGIE_DEMO_DATA "/network/suricata_eve.json")};
        o.selfSigned = true;
        auto sensor = ReplaySensor::start(o);
        QVERIFY(sensor);
        const QString db = m_dir.filePath(QStringLiteral("page.db"));
        ConnectorManager manager(db);
        QVERIFY(manager.open());
        ConnectorRecord rec;
        rec.name = QStringLiteral("lab-elastic");
        rec.kind = QStringLiteral("elastic");
        rec.config = QJsonDocument(QJsonObject{{"url", (*sensor)->baseUrl()},
                                               {"index", "*"},
                                               {"pin", (*sensor)->certificatePin()}})
                         .toJson();
        QVERIFY(manager.configStore()->saveConnector(rec));
        rec.name = QStringLiteral("unpinned");
        rec.config
            = QJsonDocument(QJsonObject{{"url", (*sensor)->baseUrl()}, {"index", "*"}}).toJson();
        QVERIFY(manager.configStore()->saveConnector(rec));

        Widgets::ConnectorsPage page(&manager);
        Models::ConnectorListModel *model = page.model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, Models::ConnectorListModel::NameColumn).data().toString(),
                 QStringLiteral("lab-elastic"));
        QCOMPARE(model->index(0, Models::ConnectorListModel::AddressColumn).data().toString(),
                 (*sensor)->baseUrl());
        page.show();
        page.view()->setCurrentIndex(model->index(0, 0));
        auto *toggle = page.findChild<QPushButton *>(QString(), Qt::FindChildrenRecursively);
        QVERIFY(toggle);
        page.toggleRunning(); // start following
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(0, Models::ConnectorListModel::EventsColumn).data().toString(),
            QStringLiteral("5,000"),
            20000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(0, Models::ConnectorListModel::HealthColumn).data().toString(),
            healthLabel(Health::Connected),
            10000);
        {
            // The main window's status bar tells the same, in a word.
            Widgets::MainWindow window(db);
            window.setConnectorManager(&manager);
            auto *label = window.findChild<QLabel *>(QStringLiteral("connectorsLabel"));
            QVERIFY(label);
            QTRY_VERIFY2(label->text().startsWith(QLatin1String("1 connector(s) running")),
                         qPrintable(label->text()));
        }
        page.toggleRunning(); // pause
        QTRY_VERIFY_WITH_TIMEOUT(!manager.isRunning(QStringLiteral("lab-elastic")), 10000);

        // The unpinned one fails with the TLS reason in its row.
        manager.start(QStringLiteral("unpinned"), false);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(1, Models::ConnectorListModel::HealthColumn).data().toString(),
            healthLabel(Health::TlsFailed),
            10000);
        QVERIFY(model->index(1, Models::ConnectorListModel::ErrorColumn)
                    .data()
                    .toString()
                    .contains(QLatin1String("self-signed")));
    }

    void dialogRoundTrip()
    {
        const QString db = m_dir.filePath(QStringLiteral("dialog.db"));
        ConnectorManager manager(db);
        QVERIFY(manager.open());
        Widgets::ConnectorDialog dialog(&manager);
        const QJsonObject cfg{{"url", "https://siem.example:9200"},
                              {"index", ".alerts-security.alerts-*"},
                              {"auth", "apikey"},
                              {"secret", "env:SIEM_KEY"},
                              {"pageSize", 500}};
        dialog.setConnector(QStringLiteral("siem"), QStringLiteral("elastic"), cfg);
        // VIGIE_SCREENSHOT_DIR=DIR saves what the dialog looks like, to look at it.
        if (qEnvironmentVariableIsSet("VIGIE_SCREENSHOT_DIR")) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(qEnvironmentVariable("VIGIE_SCREENSHOT_DIR")
                               + QStringLiteral("/connector-dialog.png"));
        }
        QCOMPARE(dialog.kind(), QStringLiteral("elastic"));
        QCOMPARE(dialog.config(), cfg);
        QVERIFY2(dialog.validationError().isEmpty(), qPrintable(dialog.validationError()));
        dialog.accept();
        const auto saved = manager.configStore()->connector(QStringLiteral("siem"));
        QVERIFY(saved);
        QCOMPARE(QJsonDocument::fromJson(saved->config).object(), cfg);
        // A bad secret reference is refused before anything is saved.
        Widgets::ConnectorDialog bad(&manager);
        QJsonObject worse = cfg;
        worse.insert(QStringLiteral("secret"), QStringLiteral("plaintext-password"));
        bad.setConnector(QStringLiteral("bad"), QStringLiteral("elastic"), worse);
        QVERIFY(!bad.validationError().isEmpty());
    }
};

QTEST_MAIN(TestConnectorsPage)
#include "tst_connectorspage.moc"
