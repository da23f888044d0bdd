// SPDX-License-Identifier: Apache-2.0
#include "widgets/incidentworkspace.h"

#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"
#include "models/inerttext.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScatterSeries>
#include <QTabWidget>
#include <QTimeZone>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Vigie::Widgets {

namespace {

QString when(std::int64_t us)
{
    QString t = QString::fromStdString(formatTimestampUs(us)).left(19);
    if (t.size() > 10)
        t[10] = QLatin1Char(' ');
    return t + QStringLiteral(" UTC");
}

// One colour per ATT&CK tactic, in kill-chain order (readable on light and dark).
QColor tacticColor(const QString &tactic)
{
    static const QMap<QString, QColor> colors{{QStringLiteral("TA0001"), QColor(0x1f, 0x77, 0xb4)},
                                              {QStringLiteral("TA0002"), QColor(0xff, 0x7f, 0x0e)},
                                              {QStringLiteral("TA0003"), QColor(0x2c, 0xa0, 0x2c)},
                                              {QStringLiteral("TA0004"), QColor(0xd6, 0x27, 0x28)},
                                              {QStringLiteral("TA0005"), QColor(0x94, 0x67, 0xbd)},
                                              {QStringLiteral("TA0006"), QColor(0x8c, 0x56, 0x4b)},
                                              {QStringLiteral("TA0007"), QColor(0xe3, 0x77, 0xc2)},
                                              {QStringLiteral("TA0008"), QColor(0xbc, 0xbd, 0x22)},
                                              {QStringLiteral("TA0009"), QColor(0x17, 0xbe, 0xcf)},
                                              {QStringLiteral("TA0011"), QColor(0x39, 0x3b, 0x79)},
                                              {QStringLiteral("TA0010"), QColor(0xad, 0x49, 0x4a)},
                                              {QStringLiteral("TA0040"), QColor(0x63, 0x79, 0x39)}};
    return colors.value(tactic, QColor(0x7f, 0x7f, 0x7f));
}

} // namespace

IncidentWorkspace::IncidentWorkspace(const QString &storePath,
                                     const IncidentSummary &incident,
                                     QWidget *parent)
    : QWidget(parent)
    , m_path(storePath)
    , m_incident(incident)
{
    setObjectName(QStringLiteral("incidentWorkspace"));
    auto *title = new QLabel;
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.2);
    big.setBold(true);
    title->setFont(big);
    title->setWordWrap(true);
    title->setText(tr("Incident #%1 — %2 (score %3)")
                       .arg(incident.id)
                       .arg(Models::inertLine(incident.title))
                       .arg(incident.score));
    m_alerts = new QPushButton(tr("Show its &alerts in the queue"));
    connect(m_alerts, &QPushButton::clicked, this, [this] {
        Q_EMIT showAlerts(QStringLiteral("incident:%1").arg(m_incident.id));
    });
    auto *top = new QHBoxLayout;
    top->addWidget(title, 1);
    top->addWidget(m_alerts);

    m_overview = new QPlainTextEdit;
    m_overview->setObjectName(QStringLiteral("incidentOverview"));
    m_overview->setReadOnly(true);
    m_overview->setPlainText(tr("Loading…"));

    m_chart = new QChart;
    // The chart follows the application's theme.
    if (palette().color(QPalette::Base).lightness() < 128)
        m_chart->setTheme(QChart::ChartThemeDark);
    m_chart->setTitle(tr("Timeline: one lane per host, marks coloured by ATT&CK tactic"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_view = new QChartView(m_chart);
    m_view->setObjectName(QStringLiteral("incidentTimeline"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setRubberBand(QChartView::HorizontalRubberBand);
    m_view->setToolTip(tr("Drag to zoom into a span; mouse wheel, + and - zoom; arrows pan; 0 "
                          "shows the whole incident"));
    m_view->installEventFilter(this);

    m_scope = new QTreeWidget;
    m_scope->setObjectName(QStringLiteral("incidentScope"));
    m_scope->setHeaderLabels({tr("Host, account or remote address"),
                              tr("Alerts"),
                              tr("First seen (UTC)"),
                              tr("Last seen (UTC)")});
    m_scope->setAlternatingRowColors(true);

    m_tabs = new QTabWidget;
    m_tabs->addTab(m_overview, tr("&Overview"));
    m_tabs->addTab(m_view, tr("&Timeline"));
    m_tabs->addTab(m_scope, tr("&Scope"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    using Rows = Result<std::vector<IncidentAlert>>;
    auto *watcher = new QFutureWatcher<Rows>(this);
    connect(watcher, &QFutureWatcher<Rows>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Rows rows = watcher->result();
        if (!rows) {
            m_overview->setPlainText(tr("Cannot read the incident: %1").arg(rows.error()));
            return;
        }
        fill(*rows);
    });
    const QString path = m_path;
    const qint64 id = incident.id;
    watcher->setFuture(QtConcurrent::run([path, id]() -> Rows {
        auto store = Store::open(path, Store::Mode::ReadOnly);
        if (!store)
            return Error(store.error());
        return (*store)->incidentAlerts(id);
    }));
}

QString IncidentWorkspace::overviewText() const
{
    return m_overview->toPlainText();
}

void IncidentWorkspace::fill(const std::vector<IncidentAlert> &alerts)
{
    const AttackCatalog &attack = AttackCatalog::instance();
    QStringList out;
    const IncidentSummary &i = m_incident;
    out << tr("Score %1 of 100, severity %2, %3 alerts")
               .arg(i.score)
               .arg(i.severity)
               .arg(alerts.size());
    if (!alerts.empty())
        out << tr("From %1 to %2").arg(when(alerts.front().ts), when(alerts.back().ts));
    out << QString();
    out << tr("Hosts");
    for (int h = 0; h < i.hosts.size(); ++h)
        out << QStringLiteral("  ") + Models::inertLine(i.hosts[h])
                   + (i.hostIps.value(h).isEmpty() ? QString()
                                                   : QStringLiteral(" (%1)").arg(i.hostIps[h]));
    if (!i.users.isEmpty())
        out << tr("Accounts")
            << QStringLiteral("  ") + Models::inertLine(i.users.join(QStringLiteral(", ")));
    if (!i.ips.isEmpty())
        out << tr("Remote addresses") << QStringLiteral("  ") + i.ips.join(QStringLiteral(", "));
    // How far the attack went: the tactics in kill-chain order.
    QStringList stages;
    for (const AttackTactic &t : attack.tactics())
        if (i.tactics.contains(t.id, Qt::CaseInsensitive))
            stages << t.name;
    if (!stages.isEmpty())
        out << tr("How far it went") << QStringLiteral("  ") + stages.join(QStringLiteral(" → "));
    if (!i.techniques.isEmpty()) {
        out << tr("Techniques");
        for (const QString &t : i.techniques)
            out << QStringLiteral("  ") + attack.label(t);
    }
    // Why each alert is here.
    QMap<QString, int> links;
    QMap<QString, QString> evidence;
    for (const IncidentAlert &a : alerts) {
        ++links[a.link];
        if (!a.evidence.isEmpty())
            evidence[a.link] = a.evidence;
    }
    out << tr("Why these alerts belong together");
    static const QMap<QString, const char *> names{
        {QStringLiteral("first"), QT_TR_NOOP("where it starts")},
        {QStringLiteral("same_host"), QT_TR_NOOP("the same host within a session")},
        {QStringLiteral("lineage"), QT_TR_NOOP("a process and the one it started")},
        {QStringLiteral("lateral"), QT_TR_NOOP("lateral movement from another host")},
        {QStringLiteral("indicator"), QT_TR_NOOP("a shared indicator")},
        {QStringLiteral("network"), QT_TR_NOOP("network alerts about the same address")},
        {QStringLiteral("analyst"), QT_TR_NOOP("placed by an analyst")}};
    for (auto it = links.cbegin(); it != links.cend(); ++it)
        out << QStringLiteral("  %1 × %2%3")
                   .arg(it.value())
                   .arg(names.contains(it.key()) ? tr(names.value(it.key())) : it.key())
                   .arg(evidence.contains(it.key())
                            ? QStringLiteral(" (") + Models::inertLine(evidence.value(it.key()))
                                  + QLatin1Char(')')
                            : QString());
    m_overview->setPlainText(out.join(QLatin1Char('\n')));

    // The timeline: a lane per host, a series per tactic.
    QStringList lanes;
    for (const IncidentAlert &a : alerts) {
        const QString host = a.hostName.isEmpty()
                                 ? (a.sourceIp + QStringLiteral(" → ") + a.destinationIp)
                                 : a.hostName;
        if (!lanes.contains(host, Qt::CaseInsensitive))
            lanes << host;
    }
    QMap<QString, QScatterSeries *> series;
    for (const IncidentAlert &a : alerts) {
        // The alert's first tactic ATT&CK knows; the others are "no tactic".
        const AttackTactic *known = nullptr;
        for (const QString &t : a.tactics.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!known)
                known = attack.tactic(t);
        const QString tactic = known ? known->id : QString();
        QScatterSeries *&s = series[tactic];
        if (!s) {
            s = new QScatterSeries;
            s->setName(known ? known->name : tr("no tactic"));
            s->setColor(tacticColor(tactic));
            s->setMarkerSize(10);
            s->setBorderColor(Qt::transparent);
        }
        const QString host = a.hostName.isEmpty()
                                 ? (a.sourceIp + QStringLiteral(" → ") + a.destinationIp)
                                 : a.hostName;
        int lane = 0;
        for (int l = 0; l < lanes.size(); ++l)
            if (lanes[l].compare(host, Qt::CaseInsensitive) == 0)
                lane = l;
        // Within its lane, a mark rises with the tactic's place in the kill chain: the attack's
        // progress reads from bottom left to top right.
        int stage = 0;
        const auto &order = attack.tactics();
        for (std::size_t k = 0; k < order.size(); ++k)
            if (known && order[k].id == known->id)
                stage = int(k) + 1;
        const double offset = 0.15 + 0.7 * double(stage) / double(order.size() + 1);
        s->append(double(a.ts / 1000), lane + offset);
    }
    auto *x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MM-dd HH:mm:ss"));
    x->setTitleText(tr("Time (UTC)"));
    auto *y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    for (int l = 0; l < lanes.size(); ++l)
        y->append(Models::inertLine(lanes[l]).left(40), l + 1);
    y->setRange(0, std::max<int>(1, lanes.size()));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (QScatterSeries *s : std::as_const(series)) {
        m_chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    if (!alerts.empty()) {
        const qint64 first = alerts.front().ts / 1000, last = alerts.back().ts / 1000;
        const qint64 pad = std::max<qint64>(1000, (last - first) / 20);
        x->setRange(QDateTime::fromMSecsSinceEpoch(first - pad, QTimeZone::utc()),
                    QDateTime::fromMSecsSinceEpoch(last + pad, QTimeZone::utc()));
    }
    // The scope: what the incident touched, each with its alerts and first and last time.
    struct Seen
    {
        int alerts = 0;
        std::int64_t first = 0, last = 0;
    };
    QMap<QString, Seen> hosts, accounts, remote;
    auto see = [](QMap<QString, Seen> &map, const QString &key, std::int64_t ts) {
        if (key.isEmpty())
            return;
        Seen &s = map[key];
        s.first = s.alerts == 0 ? ts : std::min(s.first, ts);
        s.last = std::max(s.last, ts);
        ++s.alerts;
    };
    for (const IncidentAlert &a : alerts) {
        see(hosts, a.hostName, a.ts);
        see(accounts, a.userName, a.ts);
        for (const QString &ip : {a.sourceIp, a.destinationIp})
            if (!ip.isEmpty() && !m_incident.hostIps.contains(ip))
                see(remote, ip, a.ts);
    }
    m_scope->clear();
    const std::pair<QString, const QMap<QString, Seen> *> groups[]
        = {{tr("Hosts"), &hosts}, {tr("Accounts"), &accounts}, {tr("Remote addresses"), &remote}};
    for (const auto &[name, map] : groups) {
        if (map->isEmpty())
            continue;
        auto *group
            = new QTreeWidgetItem(m_scope, {QStringLiteral("%1 (%2)").arg(name).arg(map->size())});
        group->setFirstColumnSpanned(true);
        for (auto it = map->cbegin(); it != map->cend(); ++it)
            new QTreeWidgetItem(group,
                                {Models::inertLine(it.key()),
                                 QString::number(it.value().alerts),
                                 when(it.value().first),
                                 when(it.value().last)});
        group->setExpanded(true);
    }
    // Hosts involved only through their address (the source of a lateral movement).
    if (QTreeWidgetItem *group
        = m_scope->topLevelItemCount() > 0 ? m_scope->topLevelItem(0) : nullptr;
        group && !hosts.isEmpty()) {
        for (int h = 0; h < m_incident.hosts.size(); ++h) {
            bool listed = false;
            for (auto it = hosts.cbegin(); it != hosts.cend(); ++it)
                listed = listed || it.key().compare(m_incident.hosts[h], Qt::CaseInsensitive) == 0;
            if (!listed)
                new QTreeWidgetItem(group,
                                    {Models::inertLine(m_incident.hosts[h]) + QStringLiteral(" (")
                                         + m_incident.hostIps.value(h) + QLatin1Char(')'),
                                     tr("by address")});
        }
    }
    for (int c = 0; c < m_scope->columnCount(); ++c)
        m_scope->resizeColumnToContents(c);

    m_loaded = true;
    Q_EMIT loaded();
}

bool IncidentWorkspace::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_chart->zoom(1.5);
            return true;
        case Qt::Key_Minus:
            m_chart->zoom(1 / 1.5);
            return true;
        case Qt::Key_Left:
            m_chart->scroll(-m_chart->plotArea().width() / 5, 0);
            return true;
        case Qt::Key_Right:
            m_chart->scroll(m_chart->plotArea().width() / 5, 0);
            return true;
        case Qt::Key_0:
            m_chart->zoomReset();
            return true;
        default:
            break;
        }
    }
    if (watched == m_view && event->type() == QEvent::Wheel) {
        auto *wheel = static_cast<QWheelEvent *>(event);
        m_chart->zoom(wheel->angleDelta().y() > 0 ? 1.25 : 0.8);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Vigie::Widgets
