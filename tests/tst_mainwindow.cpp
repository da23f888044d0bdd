// SPDX-License-Identifier: Apache-2.0
// The workbench window on a real store, offscreen: the table fills, filters re-query, the selected
// alert's original document appears, and the window renders.
#include "connectors/replaysensor.h"
#include "core/analysis/correlation.h"
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/store/rawblock.h"
#include "core/store/store.h"
#include "models/alerttablemodel.h"
#include "models/incidentlistmodel.h"
#include "models/timelineeventmodel.h"
#include "widgets/aboutdialog.h"
#include "widgets/huntpage.h"
#include "widgets/incidentworkspace.h"
#include "widgets/language.h"
#include "widgets/mainwindow.h"
#include "widgets/responsepanel.h"
#include "widgets/scopegraphview.h"
#include "widgets/welcomepage.h"
#include <QChart>
#include <QScatterSeries>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextLayout>
#include <QTimer>
#include <QTreeWidget>

#include <memory>
#include <string>

using namespace Vigie;
using Vigie::Models::AlertTableModel;
using Vigie::Widgets::MainWindow;

namespace {

constexpr int AlertCount = 300;
constexpr int PlainEventCount = 50;
constexpr std::int64_t BaseUs = 1709251200LL * 1000000; // 2024-03-01T00:00:00Z
const char *const Rules[] = {"Suspicious PowerShell download cradle",
                             "Mimikatz credential dumping",
                             "ET POLICY curl User-Agent Outbound",
                             "Lateral movement via PsExec service"};
constexpr int Severities[] = {15, 35, 55, 80, 99};

bool buildStore(const QString &path)
{
    auto opened = Store::open(path, Store::Mode::ReadWrite);
    if (!opened) {
        qWarning() << opened.error();
        return false;
    }
    IngestBatch batch;
    RawBlockBuilder builder;
    auto addRaw = [&](const std::string &doc) {
        if (builder.count() == RawBlockBuilder::DefaultCapacity) {
            batch.blocks.emplace_back();
            builder.finish(batch.blocks.back());
        }
        const int index = builder.add(doc);
        return IngestBatch::RawRef{static_cast<int>(batch.blocks.size()), index};
    };
    for (int i = 0; i < AlertCount; ++i) {
        Event e;
        e.kind = EventKind::Alert;
        e.format = Format::SuricataEve;
        e.dataset = "suricata.eve";
        e.timestampUs = BaseUs + static_cast<std::int64_t>(i) * 1000000;
        e.severity = Severities[i % 5];
        e.ruleName = Rules[i % 4];
        e.hostName = "WS-" + std::to_string(i % 8);
        e.sourceIp = "10.0.0." + std::to_string(i % 200);
        batch.events.push_back(e);
        batch.identities.push_back(static_cast<std::uint64_t>(i) + 1);
        batch.raw.push_back(addRaw("{\"alert_number\":" + std::to_string(i)
                                   + ",\"alert\":{\"signature\":\"" + Rules[i % 4] + "\"}}"));
    }
    for (int j = 0; j < PlainEventCount; ++j) {
        Event e;
        e.timestampUs = BaseUs + j * 1000LL;
        e.category = "network";
        batch.events.push_back(e);
        batch.identities.push_back(100000 + static_cast<std::uint64_t>(j));
        batch.raw.push_back({});
    }
    batch.blocks.emplace_back();
    builder.finish(batch.blocks.back());
    auto written = opened.value()->writeBatch(batch);
    if (!written) {
        qWarning() << written.error();
        return false;
    }
    return written.value() == AlertCount + PlainEventCount;
}

} // namespace

class tst_MainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsAlertsAndDocuments();
    void missingStoreShowsWelcome();
    void brokenStoreShowsError();
    void importFromTheWelcomePage();
    void recentStoresAndAbout();
    void keyboardTriageAndUndo();
    void navigationSortFilterViewsIncidents();
    void liveInsertionKeepsSelection();
    void huntPage();
    void rootCauseTab();
    void responseTab();
    void workbenchWhileTheCommandLineImports();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void tst_MainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Saved views and settings go to a throw-away place, never the user's.
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(
        QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    // As the program does at start: English, with its plural forms.
    QVERIFY(Widgets::Language::install(QStringLiteral("en")));
    m_path = m_dir.filePath(QStringLiteral("alerts.vigie"));
    QVERIFY(buildStore(m_path));
}

void tst_MainWindow::showsAlertsAndDocuments()
{
    MainWindow window(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("Vigie — alerts.vigie"));
    QCOMPARE(window.size(), QSize(1280, 800));

    auto *table = window.findChild<QTableView *>(QStringLiteral("alertTable"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *severity = window.findChild<QComboBox *>(QStringLiteral("severityCombo"));
    auto *status = window.findChild<QComboBox *>(QStringLiteral("statusCombo"));
    auto *detail = window.findChild<QPlainTextEdit *>(QStringLiteral("detailPane"));
    auto *counts = window.findChild<QLabel *>(QStringLiteral("countsLabel"));
    QVERIFY(table && search && severity && status && detail && counts);
    QVERIFY(search->placeholderText().startsWith(QStringLiteral("Search rules, command lines")));
    QCOMPARE(severity->count(), 5);
    QCOMPARE(status->count(), 4);
    QVERIFY(detail->isReadOnly());

    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    QTRY_COMPARE(
        counts->text(),
        QStringLiteral("350 events, 300 alerts in %1").arg(QDir::toNativeSeparators(m_path)));
    QCOMPARE(table->model()->index(0, AlertTableModel::TimeColumn).data().toString(),
             QStringLiteral("2024-03-01 00:04:59"));

    // Ctrl+F focuses the search box.
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());

    // Typing filters through the store's full-text index.
    QTest::keyClicks(search, QStringLiteral("mimikatz"));
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 4);
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        QCOMPARE(table->model()->index(r, AlertTableModel::RuleColumn).data().toString(),
                 QStringLiteral("Mimikatz credential dumping"));
    }

    // Selecting a row shows its original document, pretty-printed.
    table->setFocus();
    table->selectRow(0);
    const int newest = AlertCount - 3; // the newest alert with i % 4 == 1
    QTRY_VERIFY2(detail->toPlainText().contains(QStringLiteral("\"alert_number\": %1").arg(newest)),
                 qPrintable(detail->toPlainText()));
    QVERIFY(detail->toPlainText().contains(QStringLiteral("\"signature\": \"Mimikatz")));
    // Beside it, the normalised fields, grouped.
    auto *fields = window.findChild<QPlainTextEdit *>(QStringLiteral("fieldsPane"));
    QVERIFY(fields);
    QTRY_VERIFY2(
        fields->toPlainText().contains(QStringLiteral("rule: Mimikatz credential dumping")),
        qPrintable(fields->toPlainText()));
    QVERIFY(fields->toPlainText().contains(QStringLiteral("Where")));
    table->selectRow(1);
    QTRY_VERIFY(
        detail->toPlainText().contains(QStringLiteral("\"alert_number\": %1").arg(newest - 4)));
    // The document is coloured, and searchable: every match marked, the first one selected.
    {
        const QTextBlock keyLine = detail->document()->findBlockByNumber(1);
        QVERIFY(!keyLine.layout()->formats().isEmpty());
        auto *find = window.findChild<QLineEdit *>(QStringLiteral("documentFind"));
        auto *found = window.findChild<QLabel *>(QStringLiteral("documentFindCount"));
        QVERIFY(find && found);
        QTest::keyClick(table, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(find->hasFocus());
        QTest::keyClicks(find, QStringLiteral("mimikatz"));
        QCOMPARE(found->text(), QStringLiteral("1 match"));
        QCOMPARE(detail->textCursor().selectedText(), QStringLiteral("Mimikatz"));
        find->clear();
    }

    // The minimum severity combines with the search: i % 4 == 1 and i % 5 == 4 → 15 alerts.
    severity->setCurrentIndex(4); // critical
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 20);
    QVERIFY(detail->toPlainText().isEmpty()); // the selection went with the reset

    status->setCurrentIndex(3); // closed: nothing is closed yet
    QTRY_COMPARE(table->model()->rowCount(), 0);
    status->setCurrentIndex(0);
    severity->setCurrentIndex(0);
    search->clear();
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);

    // Scrolling to the end pages the rest in.
    table->scrollToBottom();
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);

    table->selectRow(0);
    QTRY_VERIFY(detail->toPlainText().contains(QStringLiteral("\"alert_number\"")));
    const QPixmap shot = window.grab();
    QVERIFY(!shot.isNull());
    const QString png = m_dir.filePath(QStringLiteral("mainwindow.png"));
    QVERIFY(shot.save(png));
    qInfo("window rendered to %s", qPrintable(png));
}

// First start: no store yet. The welcome page, no error, and nothing creates the store.
void tst_MainWindow::missingStoreShowsWelcome()
{
    const QString path = m_dir.filePath(QStringLiteral("missing/none.vigie"));
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.storeExists());
    QCOMPARE(window.currentPage(), int(MainWindow::WelcomePage));
    auto *welcome = window.findChild<Widgets::WelcomePage *>(QStringLiteral("welcomePage"));
    QVERIFY(welcome && welcome->isVisible());
    for (const char *name : {"welcomeDemo", "welcomeImport", "welcomeConnector", "welcomeOpen"})
        QVERIFY2(welcome->findChild<QWidget *>(QLatin1String(name)), name);
    auto *intro = welcome->findChild<QLabel *>(QStringLiteral("welcomeIntro"));
    QVERIFY(intro && intro->text().contains(QStringLiteral("none.vigie")));
    auto *error = window.findChild<QLabel *>(QStringLiteral("errorLabel"));
    auto *loading = window.findChild<QLabel *>(QStringLiteral("loadingLabel"));
    QVERIFY(error && loading);
    QTRY_VERIFY(!loading->isVisible());
    QTest::qWait(300); // what the models' first reads would have said
    QVERIFY2(!error->isVisible() && error->text().isEmpty(), qPrintable(error->text()));
    // Reload (F5) and the Incidents page query nothing yet, and create nothing.
    window.refresh();
    window.showPage(MainWindow::IncidentsPage);
    QTest::qWait(200);
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath()));
    window.showWelcome();
    QCOMPARE(window.currentPage(), int(MainWindow::WelcomePage));
}

// A file that is not a store is an error, named in the status bar.
void tst_MainWindow::brokenStoreShowsError()
{
    const QString path = m_dir.filePath(QStringLiteral("broken.vigie"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
    }
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPage(), int(MainWindow::QueuePage));
    auto *error = window.findChild<QLabel *>(QStringLiteral("errorLabel"));
    auto *loading = window.findChild<QLabel *>(QStringLiteral("loadingLabel"));
    QVERIFY(error && loading);
    QTRY_VERIFY(error->isVisible());
    QVERIFY(error->text().contains(QStringLiteral("broken.vigie")));
    QTRY_VERIFY(!loading->isVisible());
}

// What a drop does: the files imported off the GUI thread, the store created, the views loaded,
// a summary with the rejected lines as file:line; a folder stands for the files inside it.
void tst_MainWindow::importFromTheWelcomePage()
{
    const QString path = m_dir.filePath(QStringLiteral("first/vigie.db"));
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.currentPage(), int(MainWindow::WelcomePage));
    QSignalSpy created(&window, &MainWindow::storeCreated);
    QSignalSpy finished(&window, &MainWindow::importFinished);
    const QString eve = QStringLiteral(VIGIE_TEST_DATA "/network/eve_sample.json");
    window.importFiles({eve});
    QVERIFY(window.importRunning());
    QVERIFY(window.findChild<QWidget *>(QStringLiteral("importProgress")));
    window.importFiles({eve}); // one import at a time
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
    QVERIFY(!window.importRunning());
    QVERIFY(finished.first().at(0).toLongLong() > 0);
    QCOMPARE(created.count(), 1);
    QVERIFY(window.storeExists() && QFileInfo::exists(path));
    QCOMPARE(window.currentPage(), int(MainWindow::QueuePage));
    QTRY_VERIFY(window.alertModel()->rowCount() > 0);
    auto *counts = window.findChild<QLabel *>(QStringLiteral("countsLabel"));
    QTRY_VERIFY2(counts->text().contains(QStringLiteral(" alerts in ")),
                 qPrintable(counts->text()));
    auto *error = window.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
    QVERIFY2(window.lastImportSummary().contains(QStringLiteral("eve_sample.json (suricata-eve)")),
             qPrintable(window.lastImportSummary()));
    QVERIFY(window.findChild<QDialog *>(QStringLiteral("importSummary")));
    // The store is the most recent one.
    QCOMPARE(MainWindow::recentStores().value(0), QFileInfo(path).absoluteFilePath());

    // The whole folder: the same events again are duplicates, the licence texts are rejected
    // line by line.
    window.importFiles({QStringLiteral(VIGIE_TEST_DATA "/network")});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 120000);
    const QString summary = window.lastImportSummary();
    QVERIFY2(summary.contains(QStringLiteral("zeek_sample.ndjson")), qPrintable(summary));
    QVERIFY2(
        summary.contains(QRegularExpression(QStringLiteral("eve_sample\\.json: "
                                                           "0 accepted, [1-9]\\d* duplicates"))),
        qPrintable(summary));
    QVERIFY2(summary.contains(QRegularExpression(
                 QStringLiteral("LICENSE\\.OTRF-Security-Datasets\\.txt:\\d+: "))),
             qPrintable(summary));
    QCOMPARE(created.count(), 1);
}

void tst_MainWindow::recentStoresAndAbout()
{
    MainWindow window(m_path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Opening a store puts it first; missing files are left out; eight at most.
    QCOMPARE(MainWindow::recentStores().value(0), QFileInfo(m_path).absoluteFilePath());
    for (int i = 0; i < MainWindow::MaxRecentStores + 2; ++i) {
        const QString other = m_dir.filePath(QStringLiteral("recent%1.vigie").arg(i));
        QVERIFY(buildStore(other));
        MainWindow::addRecentStore(other);
    }
    const QString newest
        = QFileInfo(
              m_dir.filePath(QStringLiteral("recent%1.vigie").arg(MainWindow::MaxRecentStores + 1)))
              .absoluteFilePath();
    QCOMPARE(MainWindow::recentStores().size(), MainWindow::MaxRecentStores);
    QCOMPARE(MainWindow::recentStores().value(0), newest);
    // Written at once (crash-safe): the file on disk already has it.
    {
        QFile file(QSettings().fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QVERIFY(file.readAll().contains(
            QStringLiteral("recent%1.vigie").arg(MainWindow::MaxRecentStores + 1).toUtf8()));
    }
    // A store deleted since is left out; a path that is no store is not recorded.
    const QString gone = m_dir.filePath(QStringLiteral("gone.vigie"));
    QVERIFY(buildStore(gone));
    MainWindow::addRecentStore(gone);
    QCOMPARE(MainWindow::recentStores().value(0), QFileInfo(gone).absoluteFilePath());
    QVERIFY(QFile::remove(gone));
    MainWindow::addRecentStore(m_dir.filePath(QStringLiteral("never.vigie")));
    const QStringList recent = MainWindow::recentStores();
    QCOMPARE(recent.size(), MainWindow::MaxRecentStores - 1); // the eighth was the deleted one
    QCOMPARE(recent.value(0), newest);
    QVERIFY(!recent.join(QLatin1Char('|')).contains(QStringLiteral("gone.vigie")));
    QVERIFY(!recent.join(QLatin1Char('|')).contains(QStringLiteral("never.vigie")));
    // File ▸ Recent Stores and the welcome page list them.
    auto *menu = window.findChild<QMenu *>(QStringLiteral("recentStoresMenu"));
    QVERIFY(menu);
    Q_EMIT menu->aboutToShow();
    QVERIFY(menu->actions().size() >= recent.size());
    QVERIFY(menu->actions().value(0)->text().contains(
        QStringLiteral("recent%1.vigie").arg(MainWindow::MaxRecentStores + 1)));
    window.showWelcome();
    auto *list = window.findChild<QListWidget *>(QStringLiteral("recentStores"));
    QVERIFY(list);
    QCOMPARE(list->count(), recent.size());
    // Choosing one asks main() for it (which starts Vigie on it).
    QSignalSpy requested(&window, &MainWindow::storeRequested);
    Q_EMIT list->itemActivated(list->item(1));
    QCOMPARE(requested.count(), 1);
    QCOMPARE(requested.first().at(0).toString(), recent.value(1));

    // Help ▸ About Vigie: every bundled dataset's and library's licence, as selectable text.
    window.showAbout();
    auto *about = window.findChild<Widgets::AboutDialog *>();
    QVERIFY(about);
    QTRY_VERIFY(about->isVisible());
    const QString text = about->text();
    for (const char *needle : {"Detection Rule License",
                               "ATT&CK",
                               "OTRF",
                               "Qt",
                               "SigmaHQ",
                               "This work is reproduced and distributed with the permission of "
                               "The MITRE Corporation",
                               "SQLite",
                               "Apache-2.0"})
        QVERIFY2(text.contains(QLatin1String(needle)), needle);
    auto *browser = about->findChild<QTextBrowser *>(QStringLiteral("aboutText"));
    QVERIFY(browser && browser->isReadOnly());
    QVERIFY(browser->textInteractionFlags() & Qt::TextSelectableByMouse);
}

// The Root cause tab of the launcher VBS incident: the entry vector, the chain from wscript, and
// a step's evidence events when it is selected.
void tst_MainWindow::rootCauseTab()
{
    const QString path = m_dir.filePath(QStringLiteral("rca.vigie"));
    {
        auto store = Store::open(path);
        Importer importer(**store);
        QVERIFY(importer.begin().ok());
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        importer.importFile(
            QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_launcher_vbs.ndjson"), options);
        QVERIFY(importer.finish().ok());
        QVERIFY(Analysis::correlate(**store).ok());
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const IncidentSummary top = (*store)->incidents()->front();
    Widgets::IncidentWorkspace workspace(path, top);
    workspace.resize(1200, 800);
    workspace.show();
    QTRY_VERIFY_WITH_TIMEOUT(workspace.isRootCauseLoaded(), 20000);
    QVERIFY2(workspace.rootCauseText().contains(QStringLiteral("User execution")),
             qPrintable(workspace.rootCauseText()));
    QTreeWidget *chain = workspace.rootCauseTree();
    QVERIFY(chain->topLevelItemCount() >= 1);
    QTreeWidgetItem *root = chain->topLevelItem(0);
    QVERIFY2(root->text(0).contains(QStringLiteral("wscript"), Qt::CaseInsensitive),
             qPrintable(root->text(0)));
    QVERIFY(root->text(4).contains(QStringLiteral("launcher.vbs")));
    QVERIFY(root->childCount() >= 1); // what wscript started
    // Selecting a step lists its evidence.
    chain->setCurrentItem(root->child(0));
    QVERIFY(workspace.evidenceList()->topLevelItemCount() >= 1);
    // The Report tab previews the report, in French too, and exports it with its SHA-256.
    QTRY_VERIFY_WITH_TIMEOUT(workspace.isReportLoaded(), 20000);
    QVERIFY(workspace.reportPreviewText().contains(QStringLiteral("Executive summary")));
    QVERIFY(workspace.reportPreviewText().contains(QStringLiteral("M10")));
    workspace.setReportLanguage(QStringLiteral("fr"));
    QTRY_VERIFY_WITH_TIMEOUT(workspace.isReportLoaded(), 20000);
    QVERIFY(workspace.reportPreviewText().contains(QStringLiteral("Synthèse")));
    // The preview shows the PDF's pages, as images.
    QVERIFY(workspace.reportPageCount() >= 5);
    auto *pages = workspace.findChild<QScrollArea *>(QStringLiteral("reportPages"));
    QVERIFY(pages && pages->widget());
    auto *first = pages->widget()->findChild<QLabel *>(QStringLiteral("reportPage1"));
    QVERIFY(first && !first->pixmap().isNull());
    QVERIFY(first->pixmap().height() > first->pixmap().width()); // portrait A4
    // A broken template is reported in the preview, not thrown away silently; the bundled one
    // comes back with Default.
    const QString bad = m_dir.filePath(QStringLiteral("bad-template.json"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"colours\": {\"primary\": \"pink\"}}");
    }
    workspace.setReportTemplate(bad);
    QTRY_VERIFY_WITH_TIMEOUT(
        workspace.reportPreviewText().contains(QStringLiteral("colours.primary")), 20000);
    workspace.setReportTemplate({});
    QTRY_VERIFY_WITH_TIMEOUT(workspace.isReportLoaded(), 20000);
    QSignalSpy written(&workspace, &Widgets::IncidentWorkspace::reportWritten);
    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    workspace.exportReport(pdf);
    QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 20000);
    QFile file(pdf);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.read(5) == "%PDF-");
    QCOMPARE(written.first().at(1).toString().size(), 64);
    // The hosts' other activity is there, collapsed.
    QTreeWidgetItem *last = chain->topLevelItem(chain->topLevelItemCount() - 1);
    if (chain->topLevelItemCount() > 1)
        QVERIFY(!last->isExpanded());
}

// The Response tab: the built-in playbooks with what each would do here, a run against the replay
// sensor over pinned TLS (its steps shown as they go), the audit trail, the toolkit.
void tst_MainWindow::responseTab()
{
    const QString path = m_dir.filePath(QStringLiteral("response.vigie"));
    {
        auto store = Store::open(path);
        Importer importer(**store);
        QVERIFY(importer.begin().ok());
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        importer.importFile(
            QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson"), options);
        QVERIFY(importer.finish().ok());
        QVERIFY(Analysis::correlate(**store).ok());
    }
    Connectors::SensorOptions sensorOptions;
    sensorOptions.data << QStringLiteral(VIGIE_TEST_DATA "/network/eve_sample.json");
    sensorOptions.selfSigned = true;
    auto sensor = Connectors::ReplaySensor::start(sensorOptions);
    QVERIFY2(sensor, qPrintable(sensor.error()));
    qputenv("VIGIE_TEST_WAZUH_SECRET", "wazuh-test-secret");
    {
        auto store = Store::open(path);
        ConnectorRecord edr;
        edr.name = QStringLiteral("edr");
        edr.kind = QStringLiteral("elastic");
        edr.config
            = QJsonDocument(QJsonObject{{QStringLiteral("url"), (*sensor)->baseUrl()},
                                        {QStringLiteral("index"), QStringLiteral("*")},
                                        {QStringLiteral("pin"), (*sensor)->certificatePin()}})
                  .toJson(QJsonDocument::Compact);
        QVERIFY((*store)->saveConnector(edr).ok());
        ConnectorRecord manager;
        manager.name = QStringLiteral("manager");
        manager.kind = QStringLiteral("wazuh");
        manager.config
            = QJsonDocument(QJsonObject{{QStringLiteral("url"), (*sensor)->baseUrl()},
                                        {QStringLiteral("pin"), (*sensor)->certificatePin()},
                                        {QStringLiteral("user"), QStringLiteral("wazuh")},
                                        {QStringLiteral("secret"),
                                         QStringLiteral("env:VIGIE_TEST_WAZUH_SECRET")}})
                  .toJson(QJsonDocument::Compact);
        QVERIFY((*store)->saveConnector(manager).ok());
    }
    auto store = Store::open(path, Store::Mode::ReadOnly);
    const IncidentSummary top = (*store)->incidents()->front();
    Widgets::IncidentWorkspace workspace(path, top);
    workspace.resize(1200, 800);
    workspace.show();
    Widgets::ResponsePanel *response = workspace.response();
    QVERIFY(response);
    QTRY_VERIFY_WITH_TIMEOUT(response->isLoaded(), 30000);
    QCOMPARE(response->playbookCount(), 7);
    QVERIFY(response->selectPlaybook(QStringLiteral("contain-host")));
    QVERIFY2(response->dryRunText().contains(QStringLiteral("POST /api/endpoint/action/isolate")),
             qPrintable(response->dryRunText()));
    QVERIFY(response->dryRunText().contains(QStringLiteral("10.10.10.5")));
    QVERIFY((*sensor)->actions().empty()); // the dry run sent nothing

    QSignalSpy finished(response, &Widgets::ResponsePanel::runFinished);
    response->startRun(true);
    QVERIFY(response->isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    QCOMPARE(finished.first().at(0).toString(), QStringLiteral("succeeded"));
    const auto actions = (*sensor)->actions();
    QCOMPARE(actions.size(), std::size_t(3)); // two isolations and the C2 block
    QCOMPARE(actions[0].command, QStringLiteral("isolate"));
    QCOMPARE(actions[2].api, QStringLiteral("wazuh"));
    const QStringList states = response->stepStates();
    QVERIFY2(states.filter(QStringLiteral(": done")).size() >= 3, qPrintable(states.join('\n')));
    QVERIFY(states.filter(QStringLiteral(": failed")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(response->historyText().contains(QStringLiteral("run_finished")),
                             10000);
    QVERIFY(!response->historyText().contains(QStringLiteral("wazuh-test-secret")));
    // Undo releases both isolations.
    QSignalSpy undone(response, &Widgets::ResponsePanel::undoFinished);
    response->undoLastRun();
    QTRY_COMPARE_WITH_TIMEOUT(undone.count(), 1, 30000);
    QVERIFY2(undone.first().at(0).toString().startsWith(QStringLiteral("2 undone, 0 failed")),
             qPrintable(undone.first().at(0).toString()));
    QCOMPARE((*sensor)->actions().size(), std::size_t(5));
    QCOMPARE((*sensor)->actions()[3].command, QStringLiteral("unisolate"));

    QSignalSpy written(response, &Widgets::ResponsePanel::toolkitWritten);
    response->exportToolkit(m_dir.filePath(QStringLiteral("toolkit.zip")), QStringLiteral("fr"));
    QTRY_COMPARE_WITH_TIMEOUT(written.count(), 1, 60000);
    QCOMPARE(written.first().at(1).toString().size(), 64);
    auto verify = Store::open(path, Store::Mode::ReadOnly);
    auto check = (*verify)->verifyResponseAudit();
    QVERIFY(check && check->ok);
    QVERIFY(check->rows > 10);
}

// The workbench open on a store while `vigie import` writes into it from another process (WAL,
// busy timeouts): the window keeps reading without "database is locked", the import succeeds, and
// the queue shows the new alerts.
void tst_MainWindow::workbenchWhileTheCommandLineImports()
{
    const QString path = m_dir.filePath(QStringLiteral("shared.vigie"));
    {
        auto store = Store::open(path);
        Importer importer(**store);
        QVERIFY(importer.begin().ok());
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        importer.importFile(QStringLiteral(VIGIE_TEST_DATA "/network/eve_sample.json"), options);
        QVERIFY(importer.finish().ok());
    }
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY(window.alertModel()->rowCount() > 0);
    const int before = window.alertModel()->rowCount();
    auto *error = window.findChild<QLabel *>(QStringLiteral("errorLabel"));
    QVERIFY(error);

    QProcess import;
    import.start(QStringLiteral(VIGIE_BINARY),
                 {QStringLiteral("import"),
                  QStringLiteral("--db"),
                  path,
                  QStringLiteral(VIGIE_DEMO_DATA "/network/suricata_eve.json"),
                  QStringLiteral(VIGIE_DEMO_DATA "/endpoint/otrf_empire_psexec_lateral.ndjson")});
    QVERIFY(import.waitForStarted());
    // Meanwhile the analyst keeps reloading (F5 reads counts, the queue and incidents).
    int reloads = 0;
    while (import.state() != QProcess::NotRunning) {
        QTest::keyClick(&window, Qt::Key_F5);
        ++reloads;
        QTest::qWait(50);
        QVERIFY2(!error->isVisible() || !error->text().contains(QStringLiteral("locked")),
                 qPrintable(error->text()));
    }
    QCOMPARE(import.exitStatus(), QProcess::NormalExit);
    const QByteArray err = import.readAllStandardError() + import.readAllStandardOutput();
    QVERIFY2(import.exitCode() == 0, err.constData());
    QVERIFY2(!err.contains("locked"), err.constData());
    QVERIFY(reloads > 1);
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(window.alertModel()->rowCount() > before, 20000);
    QVERIFY2(!error->isVisible(), qPrintable(error->text()));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"

// A filter, then three keystrokes close every matching alert (Ctrl+A, C, Return); Ctrl+Z undoes.
void tst_MainWindow::keyboardTriageAndUndo()
{
    const QString path = m_dir.filePath(QStringLiteral("triage.vigie"));
    QVERIFY(buildStore(path));
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("alertTable"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    auto closedCount = [&] {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        AlertQuery q;
        q.status = AlertStatus::Closed;
        return store ? *(*store)->countAlerts(q) : -1;
    };

    table->setFocus();
    QTest::keyClick(table, Qt::Key_Slash); // '/' goes to the search field
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("curl"));
    QTest::keyClick(search, Qt::Key_Return); // filters and moves to the queue
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 4);
    QTRY_VERIFY(table->hasFocus());

    // The close dialog is modal: answer it with Return as soon as it shows.
    QTimer::singleShot(0, [] {
        QTRY_VERIFY(qobject_cast<QDialog *>(QApplication::activeModalWidget()));
        QTest::keyClick(QApplication::activeModalWidget(), Qt::Key_Return);
    });
    QTest::keyClick(table, Qt::Key_A, Qt::ControlModifier);
    QVERIFY(window.allMatchingSelected());
    QTest::keyClick(table, Qt::Key_C);
    QTRY_COMPARE(closedCount(), AlertCount / 4);
    QTRY_VERIFY(!window.triageRunning());
    {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        AlertQuery q;
        q.status = AlertStatus::Closed;
        q.limit = 1;
        QCOMPARE((*store)->alerts(q)->front().disposition, QStringLiteral("false_positive"));
        QCOMPARE((*store)->history(1)->front().count, AlertCount / 4);
    }
    // The queue shows the new state.
    QTRY_VERIFY(table->model()
                    ->index(0, AlertTableModel::StatusColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("Closed")));

    QTest::keyClick(table, Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(closedCount(), 0);
    QTRY_VERIFY(!window.triageRunning());

    // g groups by rule: 300 alerts are 4 rows; Return opens one, Backspace comes back.
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    QTest::keyClick(table, Qt::Key_G);
    auto *groups = window.findChild<QTableView *>(QStringLiteral("groupTable"));
    QVERIFY(window.isGrouped());
    QTRY_COMPARE(groups->model()->rowCount(), 4);
    QCOMPARE(groups->model()->index(0, 1).data().toString(), QStringLiteral("75"));
    groups->setCurrentIndex(groups->model()->index(0, 0));
    QTest::keyClick(groups, Qt::Key_Return);
    QTRY_VERIFY(!window.isGrouped());
    QTRY_COMPARE(table->model()->rowCount(), 75);
    QTest::keyClick(table, Qt::Key_Backspace);
    QTRY_VERIFY(window.isGrouped());
    QTest::keyClick(groups, Qt::Key_G); // host
    QTRY_COMPARE(groups->model()->rowCount(), 8);
    QTest::keyClick(groups, Qt::Key_G); // flow
    QTest::keyClick(groups, Qt::Key_G); // none
    QVERIFY(!window.isGrouped());
    QTRY_VERIFY(!window.triageRunning());

    // Acknowledge the selected rows only (once the queue has reloaded).
    QTRY_VERIFY(!window.alertModel()->isLoading());
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    table->setFocus();
    table->selectRow(0);
    QTest::keyClick(table, Qt::Key_J); // j / k move like in a mail reader
    QCOMPARE(table->currentIndex().row(), 1);
    QTest::keyClick(table, Qt::Key_K);
    QCOMPARE(table->currentIndex().row(), 0);
    table->selectRow(0);
    QTest::keyClick(table, Qt::Key_A);
    auto inProgress = [&] {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        AlertQuery q;
        q.status = AlertStatus::InProgress;
        return store ? *(*store)->countAlerts(q) : -1;
    };
    QTRY_COMPARE(inProgress(), 1);
    QTRY_VERIFY(!window.triageRunning());

    // T tags the selected alert: the input dialog is answered by typing and Return.
    QTRY_VERIFY(!window.alertModel()->isLoading());
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    table->setFocus();
    table->selectRow(0);
    QTimer::singleShot(0, [] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        QWidget *dialog = QApplication::activeModalWidget();
        QTest::keyClicks(dialog->focusWidget(), QStringLiteral("scanner, lab"));
        QTest::keyClick(dialog->focusWidget(), Qt::Key_Return);
    });
    QTest::keyClick(table, Qt::Key_T);
    QTRY_VERIFY(!window.triageRunning());
    auto tags = [&] {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        AlertQuery q;
        q.status = AlertStatus::InProgress;
        const auto rows = (*store)->alerts(q);
        return rows && !rows->empty() ? rows->front().tags : QStringList();
    };
    QTRY_COMPARE(tags(), (QStringList{QStringLiteral("lab"), QStringLiteral("scanner")}));
}

void tst_MainWindow::navigationSortFilterViewsIncidents()
{
    const QString path = m_dir.filePath(QStringLiteral("nav.vigie"));
    QVERIFY(buildStore(path));
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("alertTable"));
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    auto *filterError = window.findChild<QLabel *>(QStringLiteral("filterError"));
    auto *nav = window.findChild<QListWidget *>(QStringLiteral("navigation"));
    QVERIFY(table && search && filterError && nav);
    QCOMPARE(nav->count(), 6);
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);

    // The filter language: host WS-3 is every eighth alert.
    int ws3 = 0;
    for (int i = 0; i < AlertCount; ++i)
        ws3 += i % 8 == 3;
    window.setSearchText(QStringLiteral("host:WS-3"));
    QTRY_COMPARE(table->model()->rowCount(), ws3);
    window.setSearchText(QStringLiteral("host:WS-3 severity:80"));
    QTRY_VERIFY(table->model()->rowCount() > 0 && table->model()->rowCount() < ws3);
    // A bad filter is named and the queue stays as it was.
    const int before = table->model()->rowCount();
    window.setSearchText(QStringLiteral("technique:mimikatz"));
    QVERIFY(filterError->isVisible());
    QVERIFY(filterError->text().contains(QStringLiteral("technique:mimikatz")));
    QCOMPARE(table->model()->rowCount(), before);
    window.setSearchText(QString());
    QVERIFY(!filterError->isVisible());
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);

    // Sorting by a column is a query: the highest severity first, then the lowest.
    table->horizontalHeader()->setSortIndicator(AlertTableModel::SeverityColumn,
                                                Qt::DescendingOrder);
    QTRY_COMPARE(table->model()->index(0, 0).data(AlertTableModel::SeverityRole).toInt(), 99);
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    table->horizontalHeader()->setSortIndicator(AlertTableModel::SeverityColumn,
                                                Qt::AscendingOrder);
    QTRY_COMPARE(table->model()->index(0, 0).data(AlertTableModel::SeverityRole).toInt(), 15);

    // A saved view brings back the filter and the sort.
    window.setSearchText(QStringLiteral("curl"));
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 4);
    window.saveView(QStringLiteral("curl / low first"));
    QVERIFY(window.savedViews().contains(QStringLiteral("curl / low first")));
    window.setSearchText(QString());
    table->horizontalHeader()->setSortIndicator(AlertTableModel::TimeColumn, Qt::DescendingOrder);
    QTRY_COMPARE(table->model()->rowCount(), AlertCount);
    QVERIFY(window.applySavedView(QStringLiteral("curl / low first")));
    QCOMPARE(window.searchText(), QStringLiteral("curl"));
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 4);
    QCOMPARE(table->horizontalHeader()->sortIndicatorSection(),
             int(AlertTableModel::SeverityColumn));
    window.deleteSavedView(QStringLiteral("curl / low first"));
    QVERIFY(window.savedViews().isEmpty());

    // Related alerts: the current alert's host, one shortcut away.
    QTRY_VERIFY(!window.alertModel()->isLoading());
    table->setFocus();
    table->selectRow(0);
    const QString host = window.alertModel()->alert(0).hostName;
    QTest::keyClick(table, Qt::Key_H, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(window.searchText(), QStringLiteral("host:\"%1\"").arg(host));

    // i gathers the selection into a new incident (Return accepts the suggested title).
    window.setSearchText(QStringLiteral("curl"));
    QTRY_COMPARE(table->model()->rowCount(), AlertCount / 4);
    QTRY_VERIFY(!window.alertModel()->isLoading());
    table->setFocus();
    table->selectionModel()->select(
        QItemSelection(table->model()->index(0, 0), table->model()->index(2, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->setCurrentIndex(table->model()->index(0, 0));
    table->selectionModel()->select(
        QItemSelection(table->model()->index(0, 0), table->model()->index(2, 0)),
        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QTimer::singleShot(0, [] {
        QTRY_VERIFY(qobject_cast<QDialog *>(QApplication::activeModalWidget()));
        QTest::keyClick(QApplication::activeModalWidget(), Qt::Key_Return);
    });
    QTest::keyClick(table, Qt::Key_I);
    QTRY_VERIFY(!window.triageRunning());
    auto incidents = [&] {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        return store ? *(*store)->incidents() : std::vector<IncidentSummary>();
    };
    QTRY_COMPARE(incidents().size(), std::size_t(1));
    QCOMPARE(incidents().front().alertCount, 3);
    QVERIFY(incidents().front().title.startsWith(QStringLiteral("ET POLICY curl")));

    // Ctrl+2: the incidents page lists it; Return shows its alerts in the queue.
    window.activateWindow(); // back from the dialog
    QVERIFY(QTest::qWaitForWindowActive(&window));
    table->setFocus();
    QTest::keyClick(table, Qt::Key_2, Qt::ControlModifier); // from the queue, as an analyst would
    QCOMPARE(window.currentPage(), int(MainWindow::IncidentsPage));
    auto *incidentTable = window.findChild<QTableView *>(QStringLiteral("incidentTable"));
    // The page correlates the alerts again: the analyst's incident is among the correlated ones.
    QTRY_VERIFY(!window.incidentModel()->isLoading() && incidentTable->model()->rowCount() >= 1);
    int mine = -1;
    for (int r = 0; r < incidentTable->model()->rowCount(); ++r)
        if (incidentTable->model()
                ->index(r, 0)
                .data(Models::IncidentListModel::IncidentIdRole)
                .toLongLong()
            == 1)
            mine = r;
    QVERIFY(mine >= 0);
    incidentTable->setCurrentIndex(incidentTable->model()->index(mine, 0));
    QTest::keyClick(incidentTable, Qt::Key_Return);
    // Return opens the incident's workspace: its overview and timeline, then its alerts.
    auto *workspace
        = window.findChild<Widgets::IncidentWorkspace *>(QStringLiteral("incidentWorkspace"));
    QVERIFY(workspace);
    QTRY_VERIFY(workspace->isLoaded());
    // The three alerts the analyst placed, and those correlation linked to them since.
    QVERIFY2(workspace->overviewText().contains("3 × placed by an analyst"),
             qPrintable(workspace->overviewText()));
    const int alertCount = workspace->alertList()->topLevelItemCount();
    QVERIFY(alertCount >= 3);
    QVERIFY(workspace->overviewText().contains(QStringLiteral(", %1 alerts").arg(alertCount)));
    QVERIFY(workspace->alertMarks() >= 1 && workspace->alertMarks() <= alertCount);
    // The list under the timeline holds the incident's alerts (and the events around them).
    auto *events = workspace->eventModel();
    QAbstractItemModelTester tester(events, QAbstractItemModelTester::FailureReportingMode::QtTest);
    int listed = 0;
    for (int r = 0; r < events->rowCount(); ++r)
        listed += events->event(r).inIncident ? 1 : 0;
    QCOMPARE(listed, alertCount);
    // The scope lists the hosts the alerts are on.
    QVERIFY(workspace->scope()->topLevelItemCount() >= 1);
    QVERIFY(workspace->scope()->topLevelItem(0)->text(0).startsWith("Hosts"));
    int onHosts = 0;
    for (int c = 0; c < workspace->scope()->topLevelItem(0)->childCount(); ++c)
        onHosts += workspace->scope()->topLevelItem(0)->child(c)->text(1).toInt();
    QCOMPARE(onHosts, alertCount); // every alert on one of the hosts listed
    // The timeline and the scope export as PNG and CSV.
    const QString png = m_dir.filePath(QStringLiteral("timeline.png"));
    QVERIFY(workspace->exportTimelinePng(png));
    QVERIFY(!QImage(png).isNull());
    QVERIFY(workspace->exportScopePng(m_dir.filePath(QStringLiteral("scope.png"))));
    QVERIFY(QImage(m_dir.filePath(QStringLiteral("scope.png"))).width() > 100);
    QVERIFY(workspace->exportTimelineCsv(m_dir.filePath(QStringLiteral("timeline.csv"))));
    QFile timelineCsv(m_dir.filePath(QStringLiteral("timeline.csv")));
    QVERIFY(timelineCsv.open(QIODevice::ReadOnly));
    QCOMPARE(timelineCsv.readAll().count('\n'), events->rowCount() + 1);
    QVERIFY(workspace->exportScopeCsv(m_dir.filePath(QStringLiteral("scope.csv"))));
    QFile scopeCsv(m_dir.filePath(QStringLiteral("scope.csv")));
    QVERIFY(scopeCsv.open(QIODevice::ReadOnly));
    QVERIFY(scopeCsv.readAll().startsWith("record,kind,label"));
    // Zooming changes the span the list shows; the brush on the overview follows.
    const auto [from, to] = workspace->visibleSpan();
    workspace->setVisibleSpan(from, from + (to - from) / 4);
    QVERIFY(events->toUs() - events->fromUs() < (to - from) / 3);
    workspace->setVisibleSpan(from, to);
    // Clicking an entity of the graph filters the timeline to its events.
    workspace->tabs()->setCurrentIndex(2);
    auto *graph = workspace->scopeGraph();
    QVERIFY(!graph->graph().nodes.empty());
    QTRY_VERIFY(graph->isVisible());
    const QString entity = graph->graph().nodes.front().label;
    QTest::mouseClick(graph->viewport(), Qt::LeftButton, {}, graph->nodeCenter(0));
    QCOMPARE(events->entity(), entity);
    QCOMPARE(workspace->tabs()->currentIndex(), 1);
    QVERIFY(events->rowCount() >= 1);
    workspace->filterEntity(QString());
    Q_EMIT workspace->showAlerts(QStringLiteral("incident:1"));
    QCOMPARE(window.currentPage(), int(MainWindow::QueuePage));
    QTRY_COMPARE(table->model()->rowCount(), alertCount);
    QCOMPARE(window.searchText(), QStringLiteral("incident:1"));

    // Every page is reachable from the keyboard.
    for (int page = 0; page < 6; ++page) {
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + page), Qt::ControlModifier);
        QCOMPARE(window.currentPage(), page);
        QCOMPARE(nav->currentRow(), page);
    }
}

void tst_MainWindow::liveInsertionKeepsSelection()
{
    const QString path = m_dir.filePath(QStringLiteral("live.vigie"));
    QVERIFY(buildStore(path));
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("alertTable"));
    AlertTableModel *model = window.alertModel();
    QTRY_COMPARE(model->rowCount(), AlertCount);
    QTRY_VERIFY(!model->isLoading());
    table->selectRow(10);
    const qint64 selected = model->alert(10).id;
    {
        auto store = Store::open(path);
        QVERIFY(store.ok());
        IngestBatch b;
        for (int i = 0; i < 5; ++i) {
            Event e;
            e.kind = EventKind::Alert;
            e.format = Format::SuricataEve;
            e.timestampUs = BaseUs + (AlertCount + 10 + i) * 1000000LL; // newer than all
            e.severity = 90;
            e.ruleName = "ET EXPLOIT live";
            e.hostName = "WS-live";
            b.events.push_back(e);
            b.identities.push_back(900000 + i);
        }
        QCOMPARE(*(*store)->writeBatch(b), 5);
    }
    QSignalSpy reset(model, &QAbstractItemModel::modelReset);
    model->insertNewAlerts();
    QTRY_COMPARE(model->rowCount(), AlertCount + 5);
    QCOMPARE(reset.count(), 0); // inserted in place, no reset
    QCOMPARE(model->alert(0).ruleName, QStringLiteral("ET EXPLOIT live"));
    const auto rows = table->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.front().row(), 15);
    QCOMPARE(rows.front().data(AlertTableModel::IdRole).toLongLong(), selected);
    // Asked again: nothing more, nothing twice.
    model->insertNewAlerts();
    QTest::qWait(100);
    QCOMPARE(model->rowCount(), AlertCount + 5);
}

// The Hunt page: an indicator list and the analytics over real Zeek records, off the GUI thread;
// a result opens its alerts in the queue.
void tst_MainWindow::huntPage()
{
    const QString path = m_dir.filePath(QStringLiteral("hunt.vigie"));
    {
        auto store = Store::open(path);
        QVERIFY(store.ok());
        Importer importer(**store);
        QVERIFY(importer.begin().ok());
        QVERIFY(
            importer.importFile(QStringLiteral(VIGIE_DEMO_DATA "/network/zeek_apt29_day1.ndjson"))
                .accepted
            > 0);
        QVERIFY(importer.finish().ok());
    }
    MainWindow window(path);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.showPage(MainWindow::HuntPage);
    auto *hunt = window.findChild<Widgets::HuntPage *>(QStringLiteral("huntPage"));
    QVERIFY(hunt);
    window.findChild<QCheckBox *>(QStringLiteral("huntSigma"))->setChecked(false);
    hunt->addIocList(QStringLiteral(VIGIE_TEST_DATA "/ioc/indicators.txt"));
    hunt->run();
    QVERIFY(hunt->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!hunt->isRunning(), 20000);
    auto *results = hunt->results();
    QVERIFY(results->topLevelItemCount() >= 3); // two indicators, the command channel, the upload
    QStringList kinds;
    for (int i = 0; i < results->topLevelItemCount(); ++i)
        kinds << results->topLevelItem(i)->text(2);
    QVERIFY2(kinds.join('|').contains("192.168.0.4"), qPrintable(kinds.join('|')));
    QVERIFY2(kinds.join('|').contains("Sustained command channel"), qPrintable(kinds.join('|')));
    // The most frequent result first; activating it shows its alerts in the queue.
    QVERIFY(results->topLevelItem(0)->data(0, Qt::DisplayRole).toLongLong()
            >= results->topLevelItem(results->topLevelItemCount() - 1)
                   ->data(0, Qt::DisplayRole)
                   .toLongLong());
    Q_EMIT results->itemActivated(results->topLevelItem(0), 0);
    QCOMPARE(window.currentPage(), int(MainWindow::QueuePage));
    QVERIFY(window.searchText().startsWith("ruleid:"));
    QTRY_VERIFY(window.alertModel()->rowCount() > 0);
    QTRY_COMPARE(qint64(window.alertModel()->rowCount()),
                 results->topLevelItem(0)->data(0, Qt::DisplayRole).toLongLong());
}
