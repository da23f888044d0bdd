// SPDX-License-Identifier: Apache-2.0
#include "reports/reportcharts.h"

#include "core/events/hidden.h"
#include "core/events/timestamp.h"
#include "core/knowledge/attack.h"

#include <QDateTime>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QMap>
#include <QPainter>
#include <QPainterPath>
#include <QTimeZone>

#include <algorithm>

namespace Vigie::Report {

namespace {

constexpr int kMaxLanes = 12; // more hosts than that are summed up in the last lane

// One colour per ATT&CK tactic, in kill-chain order (reconnaissance … impact): neighbours differ.
const QColor kTacticColours[] = {QColor(0x6c, 0x75, 0x7d),
                                 QColor(0x8d, 0x6e, 0x63),
                                 QColor(0xd6, 0x27, 0x28),
                                 QColor(0xff, 0x7f, 0x0e),
                                 QColor(0x94, 0x67, 0xbd),
                                 QColor(0x2c, 0xa0, 0x2c),
                                 QColor(0xe3, 0x77, 0xc2),
                                 QColor(0x17, 0xbe, 0xcf),
                                 QColor(0xbc, 0xbd, 0x22),
                                 QColor(0x1f, 0x77, 0xb4),
                                 QColor(0xa0, 0x52, 0x2d),
                                 QColor(0x7f, 0x3c, 0x8d),
                                 QColor(0x00, 0x7a, 0x5e),
                                 QColor(0x99, 0x00, 0x00)};
const QColor kUnknownTactic(0xa0, 0xa0, 0xa0);

int tacticIndex(const QString &tactic)
{
    const auto &list = AttackCatalog::instance().tactics();
    for (std::size_t i = 0; i < list.size(); ++i)
        if (list[i].id == tactic)
            return int(i);
    return -1;
}

QColor tacticColour(const QString &tactic)
{
    const int i = tacticIndex(tactic);
    return i < 0 ? kUnknownTactic : kTacticColours[std::size_t(i) % std::size(kTacticColours)];
}

QString tacticName(const QString &tactic)
{
    if (const AttackTactic *t = AttackCatalog::instance().tactic(tactic))
        return t->name;
    return QStringLiteral("—");
}

QPainterPath diamond(QPointF c, double r)
{
    QPainterPath path;
    path.moveTo(c.x(), c.y() - r);
    path.lineTo(c.x() + r, c.y());
    path.lineTo(c.x(), c.y() + r);
    path.lineTo(c.x() - r, c.y());
    path.closeSubpath();
    return path;
}

// Host names as a lane shows them: without their domain when that leaves them distinct.
QStringList shortHosts(const QStringList &hosts)
{
    QStringList out;
    for (const QString &h : hosts) {
        const QString bare = h.section(QLatin1Char('.'), 0, 0);
        const bool address = !h.isEmpty() && h.back().isDigit();
        out << (address || bare.isEmpty() ? h : bare);
    }
    for (const QString &s : std::as_const(out))
        if (out.count(s) > 1)
            return hosts;
    return out;
}

// A label from events: nothing hidden, nothing reordered, never longer than a lane label.
QString plain(const QString &s)
{
    QString out;
    for (const char32_t c : QStringView(s).left(200).toUcs4()) {
        if (isHidingCharacter(c) || c == '\n' || c == '\r')
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += QString::fromUcs4(&c, 1);
    }
    return out;
}

QFont chartFont(double px, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPixelSize(std::max(1, int(px)));
    f.setBold(bold);
    return f;
}

// The tactics the points show, in kill-chain order (unknown last), as a legend row; returns the
// height it took.
double drawLegend(QPainter &p,
                  const std::vector<ReportChartPoint> &points,
                  double x0,
                  double y0,
                  double width,
                  double unit,
                  bool withStep,
                  const QString &stepLabel,
                  const QColor &accent)
{
    QStringList tactics;
    for (const ReportChartPoint &pt : points)
        if (!pt.step && !tactics.contains(pt.tactic))
            tactics << pt.tactic;
    std::sort(tactics.begin(), tactics.end(), [](const QString &a, const QString &b) {
        const int ia = tacticIndex(a), ib = tacticIndex(b);
        return (ia < 0 ? 99 : ia) < (ib < 0 ? 99 : ib);
    });
    p.setFont(chartFont(unit * 1.6));
    const QFontMetricsF fm(p.font());
    double x = x0, y = y0;
    const double row = unit * 2.4;
    auto place = [&](double w) {
        if (x + w > x0 + width && x > x0) {
            x = x0;
            y += row;
        }
    };
    for (const QString &t : tactics) {
        const QString name = tacticName(t);
        const double w = unit * 1.6 + fm.horizontalAdvance(name) + unit * 1.5;
        place(w);
        p.setPen(Qt::NoPen);
        p.setBrush(tacticColour(t));
        p.drawEllipse(QPointF(x + unit * 0.6, y + row / 2), unit * 0.55, unit * 0.55);
        p.setPen(Qt::black);
        p.drawText(QPointF(x + unit * 1.6, y + row / 2 + fm.ascent() / 2.5), name);
        x += w;
    }
    if (withStep) {
        const double w = unit * 1.6 + fm.horizontalAdvance(stepLabel);
        place(w);
        p.setPen(QPen(accent, unit * 0.25));
        p.setBrush(Qt::white);
        p.drawPath(diamond(QPointF(x + unit * 0.6, y + row / 2), unit * 0.65));
        p.setPen(Qt::black);
        p.drawText(QPointF(x + unit * 1.6, y + row / 2 + fm.ascent() / 2.5), stepLabel);
    }
    return y + row - y0;
}

// How tall a legend is (it wraps): drawn once on a scratch image.
template<typename Draw> double measured(const Draw &draw)
{
    QImage scratch(8, 8, QImage::Format_ARGB32);
    QPainter painter(&scratch);
    return draw(painter);
}

QString timeLabel(std::int64_t us, std::int64_t spanUs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(us / 1000, QTimeZone::utc());
    if (spanUs > 2LL * 86400 * 1000000)
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    if (spanUs > 120LL * 1000000)
        return t.toString(QStringLiteral("HH:mm"));
    return t.toString(QStringLiteral("HH:mm:ss"));
}

} // namespace

QImage timelineChart(const ReportModel &m, int width)
{
    if (m.points.empty() || width < 100)
        return {};
    const double unit = width / 100.0; // everything scales with the width
    QStringList lanes = shortHosts(m.hosts).mid(0, kMaxLanes);
    const bool folded = m.hosts.size() > kMaxLanes;
    if (folded)
        lanes.back() = tr2(m.lang, QT_TRANSLATE_NOOP("Report", "%1 other hosts"), "%1 autres hôtes")
                           .arg(m.hosts.size() - kMaxLanes + 1);
    auto laneOf = [&](const QString &host) {
        const qsizetype i = m.hosts.indexOf(host);
        return i < 0 ? 0 : int(std::min<qsizetype>(i, lanes.size() - 1));
    };

    const double legendTop = unit, laneH = unit * 5, labelW = width * 0.2;
    const QString stepLabel
        = tr2(m.lang, QT_TRANSLATE_NOOP("Report", "root-cause step"), "étape de la cause racine");
    auto legend = [&](QPainter &p) {
        return drawLegend(p,
                          m.points,
                          labelW,
                          legendTop,
                          width - labelW - unit,
                          unit,
                          true,
                          stepLabel,
                          QColor(m.style.accent));
    };
    const double legendH = measured(legend);
    const double plotTop = legendTop + legendH + unit;
    const double plotH = laneH * lanes.size();
    const double axisH = unit * 5.5;
    const int height = int(plotTop + plotH + axisH);

    QImage img(width, height, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    legend(p);

    const std::int64_t t0 = m.points.front().ts, t1 = m.points.back().ts;
    const std::int64_t span = std::max<std::int64_t>(t1 - t0, 60LL * 1000000);
    const double plotL = labelW, plotR = width - unit * 2;
    auto xOf = [&](std::int64_t ts) {
        return plotL + (plotR - plotL) * double(ts - t0) / double(span);
    };
    // Lanes.
    p.setFont(chartFont(unit * 1.8));
    const QFontMetricsF fm(p.font());
    for (int i = 0; i < lanes.size(); ++i) {
        const QRectF lane(plotL, plotTop + i * laneH, plotR - plotL, laneH);
        p.fillRect(lane, i % 2 ? QColor(0xf4, 0xf6, 0xf9) : QColor(0xfb, 0xfc, 0xfd));
        p.setPen(Qt::black);
        p.drawText(QRectF(0, lane.top(), labelW - unit, laneH),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(plain(lanes[i]), Qt::ElideMiddle, labelW - unit * 2));
    }
    // Axis with five ticks.
    p.setPen(QPen(QColor(0x60, 0x60, 0x60), unit * 0.15));
    const double axisY = plotTop + plotH;
    p.drawLine(QPointF(plotL, axisY), QPointF(plotR, axisY));
    p.setFont(chartFont(unit * 1.6));
    for (int k = 0; k <= 4; ++k) {
        const double x = plotL + (plotR - plotL) * k / 4.0;
        p.drawLine(QPointF(x, axisY), QPointF(x, axisY + unit));
        const QString label = timeLabel(t0 + span * k / 4, span);
        const Qt::Alignment align = k == 0   ? Qt::AlignLeft
                                    : k == 4 ? Qt::AlignRight
                                             : Qt::AlignHCenter;
        const double w = unit * 24;
        const double left = k == 0 ? x : k == 4 ? x - w : x - w / 2;
        p.drawText(QRectF(left, axisY + unit * 1.2, w, unit * 2.5), align | Qt::AlignTop, label);
    }
    p.drawText(QRectF(0, axisY + unit * 1.2, labelW - unit, unit * 2.5),
               Qt::AlignRight | Qt::AlignTop,
               QStringLiteral("UTC"));
    // Alerts (dots by tactic), then the chain's steps on top (diamonds in the accent colour).
    const double r = unit * 0.75;
    for (const ReportChartPoint &pt : m.points) {
        if (pt.step)
            continue;
        const double y = plotTop + laneOf(pt.host) * laneH + laneH * 0.42;
        QColor c = tacticColour(pt.tactic);
        c.setAlpha(210);
        p.setPen(QPen(Qt::white, unit * 0.1));
        p.setBrush(c);
        p.drawEllipse(QPointF(xOf(pt.ts), y), r, r);
    }
    p.setPen(QPen(QColor(m.style.accent), unit * 0.25));
    p.setBrush(Qt::white);
    for (const ReportChartPoint &pt : m.points) {
        if (!pt.step)
            continue;
        p.drawPath(diamond(QPointF(xOf(pt.ts), plotTop + laneOf(pt.host) * laneH + laneH * 0.72),
                           unit * 0.7));
    }
    return img;
}

QImage scopeChart(const ReportModel &m, int width)
{
    // Alerts per host and tactic; hosts with the most alerts first.
    QMap<QString, QMap<QString, int>> perHost;
    QHash<QString, int> totals;
    for (const ReportChartPoint &pt : m.points)
        if (!pt.step) {
            ++perHost[pt.host][pt.tactic];
            ++totals[pt.host];
        }
    if (perHost.isEmpty() || width < 100)
        return {};
    QStringList hosts = perHost.keys();
    std::stable_sort(hosts.begin(), hosts.end(), [&](const QString &a, const QString &b) {
        return totals.value(a) > totals.value(b);
    });
    const bool folded = hosts.size() > kMaxLanes;
    hosts = hosts.mid(0, kMaxLanes);
    const QStringList labels = shortHosts(hosts);
    int most = 0;
    for (const QString &h : std::as_const(hosts))
        most = std::max(most, totals.value(h));

    const double unit = width / 100.0, barH = unit * 3.4, gap = unit * 1.6, labelW = width * 0.2;
    auto legend = [&](QPainter &p) {
        return drawLegend(p,
                          m.points,
                          labelW,
                          unit,
                          width - labelW - unit,
                          unit,
                          false,
                          {},
                          QColor(m.style.accent));
    };
    const double legendH = measured(legend);
    const double top = unit + legendH + unit;
    const double footer = folded ? unit * 3.5 : unit;
    const int height = int(top + hosts.size() * (barH + gap) + footer);
    QImage img(width, height, QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    legend(p);
    const double plotL = labelW, plotR = width - unit * 8;
    p.setFont(chartFont(unit * 1.8));
    const QFontMetricsF fm(p.font());
    for (int i = 0; i < hosts.size(); ++i) {
        const double y = top + i * (barH + gap);
        p.setPen(Qt::black);
        p.drawText(QRectF(0, y, labelW - unit, barH),
                   Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(plain(labels.value(i)), Qt::ElideMiddle, labelW - unit * 2));
        // Segments in kill-chain order.
        QStringList tactics = perHost.value(hosts[i]).keys();
        std::sort(tactics.begin(), tactics.end(), [](const QString &a, const QString &b) {
            const int ia = tacticIndex(a), ib = tacticIndex(b);
            return (ia < 0 ? 99 : ia) < (ib < 0 ? 99 : ib);
        });
        double x = plotL;
        for (const QString &t : std::as_const(tactics)) {
            const double w = (plotR - plotL) * perHost.value(hosts[i]).value(t) / double(most);
            p.fillRect(QRectF(x, y, w, barH), tacticColour(t));
            x += w;
        }
        p.drawText(QRectF(x + unit * 0.8, y, unit * 7, barH),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QString::number(totals.value(hosts[i])));
    }
    if (folded) {
        p.setPen(QColor(0x60, 0x60, 0x60));
        p.drawText(QRectF(plotL, height - unit * 3, plotR - plotL, unit * 2.5),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   tr2(m.lang,
                       QT_TRANSLATE_NOOP("Report", "The %1 hosts with the most alerts."),
                       "Les %1 hôtes ayant le plus d'alertes.")
                       .arg(kMaxLanes));
    }
    return img;
}

QImage chartFor(const ReportModel &model, const QString &chart, int width)
{
    if (chart == QLatin1String("timeline"))
        return timelineChart(model, width);
    if (chart == QLatin1String("scope"))
        return scopeChart(model, width);
    return {};
}

} // namespace Vigie::Report
