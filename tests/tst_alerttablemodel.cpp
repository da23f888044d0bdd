// SPDX-License-Identifier: Apache-2.0
// AlertTableModel over a real store: paging, order, filters, roles, documents, counts and errors.
#include "core/detection/detector.h"
#include "core/ingest/importer.h"
#include "core/store/rawblock.h"
#include "core/store/store.h"
#include "models/alerttablemodel.h"
#include "models/incidentlistmodel.h"
#include "models/timelineeventmodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFont>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

using namespace Vigie;
using Vigie::Models::AlertTableModel;
using Vigie::Models::IncidentListModel;
using Vigie::Models::TimelineEventModel;

namespace {

constexpr int AlertCount = 1000;
constexpr int PlainEventCount = 150;
constexpr std::int64_t BaseUs = 1709251200LL * 1000000; // 2024-03-01T00:00:00Z
constexpr int Severities[] = {15, 35, 55, 80, 99};
const char *const Rules[] = {"Suspicious PowerShell download cradle",
                             "Mimikatz credential dumping",
                             "ET POLICY curl User-Agent Outbound",
                             "Lateral movement via PsExec service"};
constexpr int NoRawAlert = 500; // stored without its original document
constexpr int InProgressCount = 10;
constexpr int ClosedCount = 5;

// Alert i is written at position perm(i), so event ids do not follow timestamps.
int insertPosition(int i)
{
    return static_cast<int>((static_cast<long long>(i) * 7919) % AlertCount);
}

struct Fixture
{
    QString path;
    // Expected order of the queue, newest first: (timestamp, id) descending.
    std::vector<std::int64_t> orderedIds;
    std::vector<int> alertOfId; // id -> alert number i (index id)
};

Event makeAlert(int i)
{
    Event e;
    e.kind = EventKind::Alert;
    e.timestampUs = BaseUs + static_cast<std::int64_t>(i / 2) * 1000000; // pairs share a second
    e.severity = Severities[i % 5];
    e.ruleName = Rules[i % 4];
    e.ruleId = std::to_string(2000000 + i % 4);
    e.hostName = "WS-" + std::to_string(i % 8);
    e.sourceIp = i % 50 == 0 ? "10.9.9.9" : "10.0.0." + std::to_string(i % 200);
    e.sourcePort = 40000 + i;
    e.destinationIp = "192.0.2.10";
    e.destinationPort = 443;
    if (i % 4 == 2) {
        e.format = Format::SuricataEve;
        e.dataset = "suricata.eve";
    } else {
        e.format = Format::WindowsHelk;
        e.dataset = "windows.sysmon_operational";
    }
    e.techniqueIds = "T1059.001";
    return e;
}

std::string rawDocumentOf(int i)
{
    return "{\"alert_number\":" + std::to_string(i)
           + ",\"flow_id\":1234567890123456789,\"alert\":{\"signature\":\"" + Rules[i % 4]
           + "\",\"severity\":" + std::to_string(Severities[i % 5]) + "}}";
}

bool buildStore(const QString &path, Fixture &fx)
{
    auto opened = Store::open(path, Store::Mode::ReadWrite);
    if (!opened) {
        qWarning() << opened.error();
        return false;
    }
    std::unique_ptr<Store> store = std::move(opened.value());

    std::vector<int> alertAt(AlertCount);
    for (int i = 0; i < AlertCount; ++i)
        alertAt[static_cast<std::size_t>(insertPosition(i))] = i;

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
    for (int pos = 0; pos < AlertCount; ++pos) {
        const int i = alertAt[static_cast<std::size_t>(pos)];
        batch.events.push_back(makeAlert(i));
        batch.identities.push_back(static_cast<std::uint64_t>(i) + 1);
        batch.raw.push_back(i == NoRawAlert ? IngestBatch::RawRef{} : addRaw(rawDocumentOf(i)));
    }
    for (int j = 0; j < PlainEventCount; ++j) {
        Event e;
        e.kind = EventKind::Event;
        e.timestampUs = BaseUs + j * 3000000LL;
        e.category = "process";
        e.hostName = "WS-3";
        e.processCommandLine = "mimikatz.exe privilege::debug"; // an event, not an alert
        batch.events.push_back(e);
        batch.identities.push_back(100000 + static_cast<std::uint64_t>(j));
        batch.raw.push_back(addRaw("{\"plain\":" + std::to_string(j) + "}"));
    }
    batch.blocks.emplace_back();
    builder.finish(batch.blocks.back());

    auto written = store->writeBatch(batch);
    if (!written || written.value() != AlertCount + PlainEventCount) {
        qWarning() << "writeBatch:"
                   << (written ? QString::number(written.value()) : written.error());
        return false;
    }

    // Ids follow insertion order in a fresh store.
    fx.alertOfId.assign(AlertCount + 1, -1);
    for (int pos = 0; pos < AlertCount; ++pos)
        fx.alertOfId[static_cast<std::size_t>(pos) + 1] = alertAt[static_cast<std::size_t>(pos)];
    for (std::int64_t id = 1; id <= InProgressCount + ClosedCount; ++id) {
        const auto status = id <= InProgressCount ? AlertStatus::InProgress : AlertStatus::Closed;
        if (auto r = store->setAlertStatus(id, status, QStringLiteral("analyst")); !r) {
            qWarning() << r.error();
            return false;
        }
    }
    fx.orderedIds.clear();
    for (std::int64_t id = 1; id <= AlertCount; ++id)
        fx.orderedIds.push_back(id);
    auto tsOf = [&](std::int64_t id) {
        return makeAlert(fx.alertOfId[static_cast<std::size_t>(id)]).timestampUs;
    };
    std::sort(fx.orderedIds.begin(), fx.orderedIds.end(), [&](std::int64_t a, std::int64_t b) {
        const auto ta = tsOf(a), tb = tsOf(b);
        return ta != tb ? ta > tb : a > b;
    });
    fx.path = path;
    return true;
}

// Asks for every row, as a view scrolled through the whole queue would, until all are loaded.
void fetchAll(AlertTableModel &model)
{
    QTRY_VERIFY(!model.isLoading()); // the count is in: rowCount() is every matching alert
    for (int round = 0; round < 200; ++round) {
        int missing = 0;
        for (int r = 0; r < model.rowCount(); ++r)
            missing += model.alertAt(r) == nullptr;
        if (missing == 0)
            return;
        QTest::qWait(2);
        QTRY_VERIFY(!model.isLoading());
    }
    QFAIL("rows never loaded");
}

} // namespace

class tst_AlertTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstPage();
    void fetchesEverything();
    void modelTester();
    void filters_data();
    void filters();
    void latestFilterWins();
    void cellData();
    void documents();
    void counts();
    void missingStore();
    void reloadShowsNewAlerts();
    void detectionDetails();
    void incidentListModel();
    void timelineEventModel();

private:
    QTemporaryDir m_dir;
    Fixture m_fx;
};

void tst_AlertTableModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(buildStore(m_dir.filePath(QStringLiteral("alerts.vigie")), m_fx));
}

// The first page arrives, then the count makes every row scrollable; only the first page is held.
void tst_AlertTableModel::firstPage()
{
    AlertTableModel model(m_fx.path);
    QSignalSpy loading(&model, &AlertTableModel::loadingChanged);
    QSignalSpy errors(&model, &AlertTableModel::errorOccurred);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QVERIFY(model.isLoading());
    QCOMPARE(model.rowCount(), 0); // the query runs on the worker: nothing arrives synchronously

    QTRY_COMPARE(model.rowCount(), AlertCount);
    QTRY_VERIFY(!model.isLoading());
    QVERIFY(model.isCounted());
    QCOMPARE(inserted.count(), 2); // the first page, then the rest once counted
    QCOMPARE(inserted.first().at(2).toInt(), AlertTableModel::DefaultPageSize - 1);
    QCOMPARE(loading.last().at(0).toBool(), false);
    QVERIFY(errors.isEmpty());
    QCOMPARE(model.cachedRowCount(), AlertTableModel::DefaultPageSize);
    QCOMPARE(model.columnCount(), int(AlertTableModel::ColumnCount));
    for (int r = 0; r < AlertTableModel::DefaultPageSize; ++r)
        QCOMPARE(model.alert(r).id, m_fx.orderedIds[static_cast<std::size_t>(r)]);
    // A row further down is empty until its page arrives.
    QCOMPARE(model.alertAt(700), nullptr);
    QCOMPARE(model.data(model.index(700, AlertTableModel::RuleColumn)).toString(), QString());
    QTRY_VERIFY(model.alertAt(700) != nullptr);
    QCOMPARE(model.alertAt(700)->id, m_fx.orderedIds[700]);
}

// Pages load on demand, by keyset next to a loaded page and by offset after a jump; together
// they are the whole queue in order; past the cache bound the least recently used pages go.
void tst_AlertTableModel::fetchesEverything()
{
    AlertTableModel model(m_fx.path);
    model.setPageSize(64);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QTRY_COMPARE(model.rowCount(), AlertCount);
    QTRY_VERIFY(!model.isLoading());
    // A jump to the end first, then everything from the top.
    QCOMPARE(model.alertAt(AlertCount - 1), nullptr);
    QTRY_VERIFY(model.alertAt(AlertCount - 1) != nullptr);
    QCOMPARE(model.alertAt(AlertCount - 1)->id, m_fx.orderedIds.back());
    fetchAll(model);
    QCOMPARE(model.rowCount(), AlertCount);
    QCOMPARE(model.cachedRowCount(), AlertCount);
    QCOMPARE(reset.count(), 0);

    // Newest first across page boundaries; (timestamp, id) strictly decreasing.
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.alert(r).id, m_fx.orderedIds[static_cast<std::size_t>(r)]);
    for (int r = 1; r < model.rowCount(); ++r) {
        const AlertRow &a = model.alert(r - 1);
        const AlertRow &b = model.alert(r);
        QVERIFY(a.timestampUs > b.timestampUs || (a.timestampUs == b.timestampUs && a.id > b.id));
    }

    // Memory stays flat: with room for 300 rows, scrolling through all of them keeps 300 or so.
    AlertTableModel bounded(m_fx.path);
    bounded.setPageSize(50);
    bounded.setMaxCachedRows(300);
    QTRY_COMPARE(bounded.rowCount(), AlertCount);
    QTRY_VERIFY(!bounded.isLoading());
    for (int r = 0; r < AlertCount; r += 25) {
        QTRY_VERIFY(bounded.alertAt(r) != nullptr);
        QCOMPARE(bounded.alertAt(r)->id, m_fx.orderedIds[static_cast<std::size_t>(r)]);
        QVERIFY(bounded.cachedRowCount() <= 300 + 50);
    }
    // Dropped pages come back when shown again.
    QTRY_VERIFY(bounded.alertAt(0) != nullptr);
    QCOMPARE(bounded.alertAt(0)->id, m_fx.orderedIds.front());
}

void tst_AlertTableModel::modelTester()
{
    AlertTableModel model(m_fx.path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), AlertCount);
    fetchAll(model);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.alert(r).id, m_fx.orderedIds[static_cast<std::size_t>(r)]);
    model.reload();
    QTRY_COMPARE(model.rowCount(), AlertCount);
}

void tst_AlertTableModel::filters_data()
{
    QTest::addColumn<int>("minSeverity");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("search");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("expected");

    QTest::newRow("none") << -1 << QString() << QString() << -1 << AlertCount;
    QTest::newRow("medium+") << int(Severity::Medium) << QString() << QString() << -1 << 600;
    QTest::newRow("high+") << int(Severity::High) << QString() << QString() << -1 << 400;
    QTest::newRow("critical") << int(Severity::Critical) << QString() << QString() << -1 << 200;
    QTest::newRow("host name, any case") << -1 << QStringLiteral("ws-3") << QString() << -1 << 125;
    QTest::newRow("host as source ip") << -1 << QStringLiteral("10.9.9.9") << QString() << -1 << 20;
    QTest::newRow("search") << -1 << QString() << QStringLiteral("mimikatz") << -1 << 250;
    QTest::newRow("search two words")
        << -1 << QString() << QStringLiteral("curl outbound") << -1 << 250;
    QTest::newRow("search operators are words")
        << -1 << QString() << QStringLiteral("\"mimikatz OR") << -1 << 0;
    QTest::newRow("search + critical")
        << int(Severity::Critical) << QString() << QStringLiteral("psexec") << -1 << 50;
    QTest::newRow("host + high+") << int(Severity::High) << QStringLiteral("WS-0") << QString()
                                  << -1 << 50;
    QTest::newRow("in progress") << -1 << QString() << QString() << int(AlertStatus::InProgress)
                                 << InProgressCount;
    QTest::newRow("closed") << -1 << QString() << QString() << int(AlertStatus::Closed)
                            << ClosedCount;
    QTest::newRow("new") << -1 << QString() << QString() << int(AlertStatus::New)
                         << AlertCount - InProgressCount - ClosedCount;
    QTest::newRow("nothing") << -1 << QStringLiteral("no-such-host") << QString() << -1 << 0;
}

void tst_AlertTableModel::filters()
{
    QFETCH(int, minSeverity);
    QFETCH(QString, host);
    QFETCH(QString, search);
    QFETCH(int, status);
    QFETCH(int, expected);

    AlertTableModel model(m_fx.path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy errors(&model, &AlertTableModel::errorOccurred);
    AlertQuery filter;
    filter.minSeverity = minSeverity;
    filter.host = host;
    filter.search = search;
    if (status >= 0)
        filter.status = static_cast<AlertStatus>(status);
    model.setFilter(filter);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QTRY_VERIFY(!model.isLoading());
    fetchAll(model);
    QVERIFY(errors.isEmpty());
    QCOMPARE(model.rowCount(), expected);
    for (int r = 0; r < model.rowCount(); ++r) {
        const AlertRow &a = model.alert(r);
        QVERIFY(a.severity >= minSeverity);
        if (status >= 0)
            QCOMPARE(int(a.status), status);
    }
}

void tst_AlertTableModel::latestFilterWins()
{
    AlertTableModel model(m_fx.path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Three resets in a row: the results of the first two queries must be dropped.
    AlertQuery critical;
    critical.minSeverity = Severity::Critical;
    model.setFilter(critical);
    AlertQuery host;
    host.host = QStringLiteral("WS-3");
    model.setFilter(host);
    QTRY_VERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 125); // fits in one page
    QVERIFY(model.isCounted());
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.alert(r).hostName, QStringLiteral("WS-3"));
}

void tst_AlertTableModel::cellData()
{
    AlertTableModel model(m_fx.path);
    QTRY_COMPARE(model.rowCount(), AlertCount);

    // The newest second holds alerts 998 (severity 80) and 999 (99); the larger id comes first.
    const std::int64_t firstId = m_fx.orderedIds.front();
    const int i = m_fx.alertOfId[static_cast<std::size_t>(firstId)];
    QVERIFY(i == 998 || i == 999);
    const int severity = Severities[i % 5];

    auto cell = [&](int column, int role) {
        return model.data(model.index(0, column), role);
    };
    QCOMPARE(cell(AlertTableModel::TimeColumn, Qt::DisplayRole).toString(),
             QStringLiteral("2024-03-01 00:08:19"));
    // Tooltips are escaped rich text: markup in a field value is shown, never rendered.
    QCOMPARE(cell(AlertTableModel::TimeColumn, Qt::ToolTipRole).toString(),
             QStringLiteral("<qt>2024-03-01T00:08:19.000000Z (UTC)</qt>"));
    QCOMPARE(cell(AlertTableModel::SeverityColumn, Qt::DisplayRole).toString(),
             severity == 99 ? QStringLiteral("99 · critical") : QStringLiteral("80 · high"));
    QCOMPARE(cell(AlertTableModel::HostColumn, Qt::DisplayRole).toString(),
             QStringLiteral("WS-%1").arg(i % 8));
    QCOMPARE(cell(AlertTableModel::RuleColumn, Qt::DisplayRole).toString(),
             QString::fromLatin1(Rules[i % 4]));
    QCOMPARE(cell(AlertTableModel::SourceColumn, Qt::DisplayRole).toString(),
             i % 4 == 2 ? QStringLiteral("suricata.eve")
                        : QStringLiteral("windows.sysmon_operational"));
    QCOMPARE(cell(AlertTableModel::RuleColumn, AlertTableModel::IdRole).toLongLong(), firstId);
    QCOMPARE(cell(AlertTableModel::HostColumn, AlertTableModel::SeverityRole).toInt(), severity);
    QCOMPARE(cell(AlertTableModel::TimeColumn, AlertTableModel::TimestampRole).toLongLong(),
             BaseUs + 499LL * 1000000);
    QVERIFY(cell(AlertTableModel::HostColumn, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("192.0.2.10 port 443")));
    const auto alignment
        = cell(AlertTableModel::RuleColumn, Qt::TextAlignmentRole).value<Qt::Alignment>();
    QCOMPARE(alignment, Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));

    const QColor band = AlertTableModel::severityBandColor(AlertTableModel::severityBand(severity));
    QCOMPARE(cell(AlertTableModel::SeverityColumn, Qt::ForegroundRole).value<QColor>(), band);
    QCOMPARE(cell(AlertTableModel::SeverityColumn, Qt::DecorationRole).value<QColor>(), band);
    QVERIFY(!cell(AlertTableModel::RuleColumn, Qt::ForegroundRole).isValid());

    // The bands' edges.
    QCOMPARE(AlertTableModel::severityBand(0), AlertTableModel::SeverityBand::Low);
    QCOMPARE(AlertTableModel::severityBand(46), AlertTableModel::SeverityBand::Low);
    QCOMPARE(AlertTableModel::severityBand(47), AlertTableModel::SeverityBand::Medium);
    QCOMPARE(AlertTableModel::severityBand(72), AlertTableModel::SeverityBand::Medium);
    QCOMPARE(AlertTableModel::severityBand(73), AlertTableModel::SeverityBand::High);
    QCOMPARE(AlertTableModel::severityBand(98), AlertTableModel::SeverityBand::High);
    QCOMPARE(AlertTableModel::severityBand(99), AlertTableModel::SeverityBand::Critical);
    QCOMPARE(AlertTableModel::severityBand(100), AlertTableModel::SeverityBand::Critical);

    QCOMPARE(model.headerData(AlertTableModel::SeverityColumn, Qt::Horizontal, Qt::DisplayRole)
                 .toString(),
             QStringLiteral("Severity"));
    QVERIFY(!model.data(QModelIndex(), Qt::DisplayRole).isValid());
}

void tst_AlertTableModel::documents()
{
    AlertTableModel model(m_fx.path);
    QSignalSpy loaded(&model, &AlertTableModel::documentLoaded);
    QSignalSpy unavailable(&model, &AlertTableModel::documentUnavailable);

    const std::int64_t id = m_fx.orderedIds.front();
    const int i = m_fx.alertOfId[static_cast<std::size_t>(id)];
    model.requestDocument(id);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toLongLong(), id);
    const QString text = loaded.at(0).at(1).toString();
    QVERIFY2(text.contains(QStringLiteral("\"alert_number\": %1").arg(i)), qPrintable(text));
    // Pretty-printed, and a 64-bit integer keeps every digit.
    QVERIFY2(text.contains(QStringLiteral("\n    \"flow_id\": 1234567890123456789")),
             qPrintable(text));

    // Only the latest request is answered.
    loaded.clear();
    model.requestDocument(m_fx.orderedIds[1]);
    model.requestDocument(m_fx.orderedIds[2]);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(loaded.at(0).at(0).toLongLong(), m_fx.orderedIds[2]);
    QTest::qWait(50);
    QCOMPARE(loaded.count(), 1);

    // An alert stored without its original says so.
    std::int64_t noRawId = 0;
    for (std::size_t k = 1; k < m_fx.alertOfId.size(); ++k) {
        if (m_fx.alertOfId[k] == NoRawAlert)
            noRawId = static_cast<std::int64_t>(k);
    }
    model.requestDocument(noRawId);
    QTRY_COMPARE(unavailable.count(), 1);
    QCOMPARE(unavailable.at(0).at(0).toLongLong(), noRawId);
    QVERIFY(!unavailable.at(0).at(1).toString().isEmpty());
}

void tst_AlertTableModel::counts()
{
    AlertTableModel model(m_fx.path);
    QSignalSpy counts(&model, &AlertTableModel::countsLoaded);
    model.refreshCounts();
    QTRY_COMPARE(counts.count(), 1);
    QCOMPARE(counts.at(0).at(0).toLongLong(), qint64(AlertCount + PlainEventCount));
    QCOMPARE(counts.at(0).at(1).toLongLong(), qint64(AlertCount));
}

void tst_AlertTableModel::missingStore()
{
    AlertTableModel model(m_dir.filePath(QStringLiteral("missing/none.vigie")));
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy errors(&model, &AlertTableModel::errorOccurred);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("alert query failed")));
    QTRY_COMPARE(errors.count(), 1);
    QVERIFY(!errors.at(0).at(0).toString().isEmpty());
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), 0);
}

void tst_AlertTableModel::reloadShowsNewAlerts()
{
    AlertTableModel model(m_fx.path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), AlertCount);
    QTRY_VERIFY(!model.isLoading());

    // A writer adds a newer alert while the model's reader connection stays open.
    std::int64_t newId = 0;
    {
        auto opened = Store::open(m_fx.path, Store::Mode::ReadWrite);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        IngestBatch batch;
        Event e = makeAlert(0);
        e.timestampUs = BaseUs + 3600LL * 1000000;
        e.ruleName = "Brand new detection";
        batch.events.push_back(e);
        batch.identities.push_back(999999);
        batch.raw.push_back({});
        auto written = opened.value()->writeBatch(batch);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(written.value(), qint64(1));
        newId = AlertCount + PlainEventCount + 1;
    }
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QTRY_COMPARE(model.rowCount(), AlertCount + 1);
    QCOMPARE(model.data(model.index(0, 0), AlertTableModel::IdRole).toLongLong(), newId);
    QCOMPARE(model.data(model.index(0, AlertTableModel::RuleColumn)).toString(),
             QStringLiteral("Brand new detection"));
}

// An alert's detail names where it comes from: the Sigma rule with its references, an analytic.
void tst_AlertTableModel::detectionDetails()
{
    Event e;
    e.kind = EventKind::Alert;
    e.ruleId = "7f741dcf-fc22-4759-87b4-9ae8376676a2";
    e.ruleName = "Bypass UAC via Fodhelper.exe";
    e.techniqueIds = "T1548.002";
    auto d = AlertTableModel::describeAlert(e, {});
    QVERIFY2(d.summary.contains(QStringLiteral("Sigma rule \"Bypass UAC via Fodhelper.exe\"")),
             qPrintable(d.summary));
    QVERIFY(d.summary.contains(QStringLiteral("reference: https://")));
    QVERIFY(d.summary.contains(QStringLiteral(
        "T1548.002 Abuse Elevation Control Mechanism: Bypass User Account Control")));
    e.ruleId = "vigie:beaconing";
    d = AlertTableModel::describeAlert(e, {});
    QVERIFY(d.summary.contains(QStringLiteral("built-in analytic")));
}

// The incidents list: correlated and analyst incidents by score, checked by the model tester.
void tst_AlertTableModel::incidentListModel()
{
    const QString path = m_dir.filePath(QStringLiteral("incidents.vigie"));
    {
        auto store = Store::open(path);
        Importer importer(**store);
        QVERIFY(importer.begin().ok());
        ImportOptions options;
        options.rules = Detection::RuleSet::bundled();
        QVERIFY(importer
                    .importFile(QStringLiteral(VIGIE_DEMO_DATA
                                               "/endpoint/otrf_empire_psexec_lateral.ndjson"),
                                options)
                    .detections
                > 0);
        QVERIFY(importer.finish().ok());
    }
    IncidentListModel model(path);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &IncidentListModel::loaded);
    model.correlateAndReload();
    QTRY_COMPARE(loaded.count(), 1);
    QVERIFY(model.rowCount() >= 1);
    QCOMPARE(model.columnCount(), int(IncidentListModel::ColumnCount));
    for (int r = 1; r < model.rowCount(); ++r)
        QVERIFY(model.index(r - 1, IncidentListModel::ScoreColumn).data().toInt()
                >= model.index(r, IncidentListModel::ScoreColumn).data().toInt());
    QVERIFY(model.index(0, IncidentListModel::HostsColumn)
                .data()
                .toString()
                .contains(QStringLiteral("WORKSTATION6"), Qt::CaseInsensitive));
    QVERIFY(model.index(0, IncidentListModel::TechniquesColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("T1")));
    model.reload();
    QTRY_COMPARE(loaded.count(), 2);
    // Merging the second incident into the first: one row fewer, the alerts all in the first.
    const int rows = model.rowCount();
    const qint64 first = model.incident(0).id, second = model.incident(1).id;
    const qint64 alerts = model.incident(0).alertCount + model.incident(1).alertCount;
    model.merge(first, {second}, QStringLiteral("ana"));
    QTRY_COMPARE(loaded.count(), 3);
    QCOMPARE(model.rowCount(), rows - 1);
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.incident(r).id == first)
            QCOMPARE(model.incident(r).alertCount, alerts);
}

// The events under the timeline: a time range (a binary search) and an entity filter, checked by
// the model tester at every step; CSV keeps hostile values inert.
void tst_AlertTableModel::timelineEventModel()
{
    auto events = std::make_shared<std::vector<IncidentEvent>>();
    for (int i = 0; i < 100; ++i) {
        IncidentEvent e;
        e.id = i + 1;
        e.ts = 1'000'000'000LL * 1000 + i * 1'000'000LL; // a second apart
        e.hostName = i % 2 ? QStringLiteral("WS-A") : QStringLiteral("WS-B");
        e.alert = i % 10 == 0;
        e.inIncident = i % 20 == 0;
        e.ruleName = e.alert ? QStringLiteral("Rule %1").arg(i) : QString();
        e.action = QStringLiteral("process-created");
        e.processName = i == 42 ? QStringLiteral("evil.exe") : QStringLiteral("cmd.exe");
        e.commandLine = i == 42 ? QStringLiteral("=cmd|' /C calc'!A0, \"quoted\"") : QString();
        e.filePath = i == 7 ? QStringLiteral("C:\\Temp\\drop.ps1") : QString();
        events->push_back(e);
    }
    TimelineEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setEvents(events);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.columnCount(), int(TimelineEventModel::ColumnCount));
    // [10 s, 20 s): ten events.
    const std::int64_t base = events->front().ts;
    model.setRange(base + 10'000'000, base + 20'000'000);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(model.index(0, TimelineEventModel::TimeColumn)
                 .data(TimelineEventModel::EventIdRole)
                 .toLongLong(),
             11);
    QCOMPARE(model.index(0, TimelineEventModel::KindColumn).data().toString(),
             QStringLiteral("alert"));
    QVERIFY(model.index(0, TimelineEventModel::WhatColumn).data().toString().startsWith("Rule 10"));
    // Only those naming WS-A, then a file by its name.
    model.setEntity(QStringLiteral("ws-a"));
    QCOMPARE(model.rowCount(), 5);
    model.setRange(0, 0);
    QCOMPARE(model.rowCount(), 50);
    model.setEntity(QStringLiteral("drop.ps1"));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.event(0).id, 8);
    model.setEntity(QStringLiteral("evil.exe"));
    QCOMPARE(model.rowCount(), 1);
    const QString csv = model.toCsv();
    QVERIFY(csv.startsWith(QStringLiteral("timestamp,event_id,host,kind,user,what,details\r\n")));
    // The formula stays text, the quotes are doubled, the comma is inside quotes.
    QVERIFY2(csv.contains(QStringLiteral("\"'=cmd|' /C calc'!A0, \"\"quoted\"\"\"")),
             qPrintable(csv));
    model.setEntity(QString());
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold(), true); // in the incident
}

QTEST_MAIN(tst_AlertTableModel)
#include "tst_alerttablemodel.moc"
