// SPDX-License-Identifier: Apache-2.0
#include "widgets/scopegraphview.h"

#include "core/events/timestamp.h"
#include "models/inerttext.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

#include <map>

namespace Vigie::Widgets {

using Analysis::ScopeEdge;
using Analysis::ScopeGraph;
using Analysis::ScopeNode;

namespace {

constexpr qreal kColumnWidth = 250;
constexpr qreal kBoxWidth = 180;
constexpr qreal kBoxHeight = 40;
constexpr qreal kRowHeight = 58;

// Columns, left to right: who, where, what ran, what it wrote, where it went.
int columnOf(ScopeNode::Kind k)
{
    switch (k) {
    case ScopeNode::Account:
        return 0;
    case ScopeNode::Host:
        return 1;
    case ScopeNode::Process:
        return 2;
    case ScopeNode::File:
        return 3;
    case ScopeNode::RemoteAddress:
    case ScopeNode::Domain:
        return 4;
    }
    return 4;
}

// The hosts stand further from the accounts: lateral movements between hosts curve in that gap.
qreal columnX(int column)
{
    return column == 0 ? 0 : 170 + column * kColumnWidth;
}

QColor kindColor(ScopeNode::Kind k, bool dark)
{
    static const QColor light[] = {QColor(0x1f, 0x77, 0xb4),
                                   QColor(0x2c, 0xa0, 0x2c),
                                   QColor(0xff, 0x7f, 0x0e),
                                   QColor(0x94, 0x67, 0xbd),
                                   QColor(0xd6, 0x27, 0x28),
                                   QColor(0x8c, 0x56, 0x4b)};
    const QColor c = light[k];
    return dark ? c.lighter(130) : c;
}

} // namespace

QString ScopeGraphView::relationLabel(ScopeEdge::Relation r)
{
    switch (r) {
    case ScopeEdge::LoggedOn:
        return tr("logged on");
    case ScopeEdge::Spawned:
        return tr("spawned");
    case ScopeEdge::Ran:
        return tr("ran");
    case ScopeEdge::Wrote:
        return tr("wrote");
    case ScopeEdge::ConnectedTo:
        return tr("connected to");
    case ScopeEdge::Resolved:
        return tr("resolved");
    case ScopeEdge::MovedLaterallyTo:
        return tr("moved laterally to");
    }
    return {};
}

QString ScopeGraphView::kindLabel(ScopeNode::Kind k)
{
    switch (k) {
    case ScopeNode::Host:
        return tr("Host");
    case ScopeNode::Account:
        return tr("Account");
    case ScopeNode::Process:
        return tr("Process");
    case ScopeNode::File:
        return tr("File");
    case ScopeNode::RemoteAddress:
        return tr("Remote address");
    case ScopeNode::Domain:
        return tr("Domain");
    }
    return {};
}

ScopeGraphView::ScopeGraphView(QWidget *parent)
    : QGraphicsView(parent)
{
    setObjectName(QStringLiteral("scopeGraph"));
    setScene(new QGraphicsScene(this));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setToolTip(tr("Click an entity to show only its events on the timeline; the wheel zooms"));
}

void ScopeGraphView::setGraph(const ScopeGraph &graph)
{
    m_graph = graph;
    QGraphicsScene *s = scene();
    s->clear();
    m_boxes.assign(graph.nodes.size(), QRectF());
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    const QColor text = palette().color(QPalette::Text);
    const QColor base = palette().color(QPalette::Base);

    // Places: each column top to bottom; processes and files by host, then busiest first.
    std::map<int, std::vector<int>> columns;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
        columns[columnOf(graph.nodes[i].kind)].push_back(int(i));
    int tallest = 0;
    for (auto &[column, nodes] : columns) {
        std::stable_sort(nodes.begin(), nodes.end(), [&](int a, int b) {
            const ScopeNode &x = graph.nodes[std::size_t(a)], &y = graph.nodes[std::size_t(b)];
            if (x.host.compare(y.host, Qt::CaseInsensitive) != 0)
                return x.host.compare(y.host, Qt::CaseInsensitive) < 0;
            return x.count > y.count;
        });
        tallest = std::max(tallest, int(nodes.size()));
    }
    for (const auto &[column, nodes] : columns) {
        // Shorter columns are centred against the tallest.
        const qreal top = (tallest - int(nodes.size())) * kRowHeight / 2;
        for (std::size_t r = 0; r < nodes.size(); ++r)
            m_boxes[std::size_t(nodes[r])]
                = QRectF(columnX(column), top + qreal(r) * kRowHeight, kBoxWidth, kBoxHeight);
    }
    // Column titles.
    QFont titleFont = font();
    titleFont.setBold(true);
    for (const auto &[column, nodes] : columns) {
        QString title;
        switch (column) {
        case 0:
            title = tr("Accounts");
            break;
        case 1:
            title = tr("Hosts");
            break;
        case 2:
            title = tr("Processes of interest");
            break;
        case 3:
            title = tr("Files");
            break;
        default:
            title = tr("Remote addresses and domains");
        }
        auto *t = s->addSimpleText(title, titleFont);
        t->setBrush(text);
        t->setPos(columnX(column), -36);
    }
    // Edges under the nodes: a curve from the right of one to the left of the other, or around
    // when both are in one column (a host moving laterally to another).
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (const ScopeEdge &e : graph.edges) {
        const QRectF a = m_boxes[std::size_t(e.from)], b = m_boxes[std::size_t(e.to)];
        QPainterPath path;
        QPointF mid;
        QPen pen(dark ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x70, 0x70, 0x70), 1.3);
        if (e.relation == ScopeEdge::MovedLaterallyTo) {
            pen = QPen(QColor(0xd6, 0x27, 0x28), 2.4);
        }
        if (qFuzzyCompare(a.left(), b.left())) {
            const QPointF p1(a.left(), a.center().y()), p2(b.left(), b.center().y());
            const qreal bulge = 90 + std::abs(p2.y() - p1.y()) / 4;
            path.moveTo(p1);
            path.cubicTo(p1 - QPointF(bulge, 0), p2 - QPointF(bulge, 0), p2);
            mid = QPointF(p1.x() - bulge * 0.75, (p1.y() + p2.y()) / 2);
        } else {
            const bool forward = a.left() < b.left();
            const QPointF p1
                = forward ? QPointF(a.right(), a.center().y()) : QPointF(a.left(), a.center().y());
            const QPointF p2
                = forward ? QPointF(b.left(), b.center().y()) : QPointF(b.right(), b.center().y());
            const qreal dx = (p2.x() - p1.x()) / 2;
            path.moveTo(p1);
            path.cubicTo(p1 + QPointF(dx, 0), p2 - QPointF(dx, 0), p2);
            // The label in the gap just before the target's column, where edges leaving one node
            // have parted (into a host: just after the source, clear of the lateral curves).
            const bool intoHost = graph.nodes[std::size_t(e.to)].kind == ScopeNode::Host;
            const qreal wanted
                = intoHost ? p1.x() + (forward ? 32 : -32) : p2.x() + (forward ? -55 : 55);
            qreal best = 0.5, distance = 1e9;
            for (int k = 1; k < 50; ++k) {
                const qreal d = std::abs(path.pointAtPercent(k / 50.0).x() - wanted);
                if (d < distance) {
                    distance = d;
                    best = k / 50.0;
                }
            }
            mid = path.pointAtPercent(best);
        }
        auto *item = s->addPath(path, pen);
        item->setZValue(-1);
        // An arrow head at the target.
        const QPointF tip = path.pointAtPercent(1.0);
        const qreal angle = path.angleAtPercent(0.98) * M_PI / 180;
        QPolygonF head;
        head << tip
             << tip
                    + QPointF(-9 * std::cos(angle) + 4 * std::sin(angle),
                              9 * std::sin(angle) + 4 * std::cos(angle))
             << tip
                    + QPointF(-9 * std::cos(angle) - 4 * std::sin(angle),
                              9 * std::sin(angle) - 4 * std::cos(angle));
        s->addPolygon(head, pen, pen.color())->setZValue(-1);
        const QString label
            = e.count > 1 ? QStringLiteral("%1 ×%2").arg(relationLabel(e.relation)).arg(e.count)
                          : relationLabel(e.relation);
        auto *t = s->addSimpleText(label, small);
        t->setBrush(pen.color());
        const QRectF r = t->boundingRect();
        auto *bg = s->addRect(
            QRectF(mid - QPointF(r.width() / 2 + 2, r.height() / 2), r.size() + QSizeF(4, 0)),
            Qt::NoPen,
            base);
        bg->setOpacity(0.85);
        bg->setZValue(0);
        t->setPos(mid - QPointF(r.width() / 2, r.height() / 2));
        t->setZValue(0.5);
    }
    // The nodes.
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
        const ScopeNode &n = graph.nodes[i];
        const QColor c = kindColor(n.kind, dark);
        QColor fill = c;
        fill.setAlpha(dark ? 70 : 38);
        auto *box = s->addRect(m_boxes[i], QPen(c, n.inAlert ? 2.5 : 1.2), fill);
        box->setZValue(1);
        QString line1 = Models::inertLine(n.label, 60);
        const QFontMetrics fm(font());
        // A host's name reads from the left (WORKSTATION6.…); a path's end is what matters.
        line1 = fm.elidedText(line1,
                              n.kind == ScopeNode::Host ? Qt::ElideRight : Qt::ElideMiddle,
                              int(kBoxWidth - 12));
        auto *t = s->addSimpleText(line1, font());
        t->setBrush(text);
        t->setPos(m_boxes[i].topLeft() + QPointF(6, 3));
        t->setZValue(2);
        QString line2 = n.alerts > 0
                            ? tr("%1 · %n alert(s)", nullptr, int(n.alerts)).arg(kindLabel(n.kind))
                            : tr("%1 · %n event(s)", nullptr, int(n.count)).arg(kindLabel(n.kind));
        if (!n.host.isEmpty())
            line2 += QStringLiteral(" · ") + Models::inertLine(n.host, 40);
        line2 = QFontMetrics(small).elidedText(line2, Qt::ElideRight, int(kBoxWidth - 12));
        auto *t2 = s->addSimpleText(line2, small);
        t2->setBrush(c);
        t2->setPos(m_boxes[i].topLeft() + QPointF(6, 21));
        t2->setZValue(2);
        QString tip = kindLabel(n.kind) + QStringLiteral(": ") + n.label;
        if (!n.detail.isEmpty())
            tip += QLatin1Char('\n') + n.detail;
        tip += QLatin1Char('\n')
               + tr("%1 events, %2 alerts, %3 – %4 UTC")
                     .arg(n.count)
                     .arg(n.alerts)
                     .arg(QString::fromStdString(formatTimestampUs(n.firstUs)).left(19),
                          QString::fromStdString(formatTimestampUs(n.lastUs)).left(19));
        box->setToolTip(Models::inertToolTip(tip));
        box->setCursor(Qt::PointingHandCursor);
    }
    s->setSceneRect(s->itemsBoundingRect().adjusted(-20, -20, 20, 20));
    m_fitted = false;
    fitIfNeeded();
}

void ScopeGraphView::fitIfNeeded()
{
    // The whole graph in view, never enlarged beyond its natural size.
    if (m_fitted || !isVisible() || viewport()->width() < 50)
        return;
    m_fitted = true;
    resetTransform();
    const QRectF r = scene()->sceneRect();
    const qreal f = std::min({1.0,
                              viewport()->width() / std::max<qreal>(1, r.width()),
                              viewport()->height() / std::max<qreal>(1, r.height())});
    scale(f, f);
    centerOn(r.center());
}

void ScopeGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    fitIfNeeded();
}

void ScopeGraphView::showEvent(QShowEvent *event)
{
    QGraphicsView::showEvent(event);
    fitIfNeeded();
}

QImage ScopeGraphView::render(qreal scale) const
{
    QGraphicsScene *s = scene();
    const QRectF source = s->sceneRect();
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(palette().color(QPalette::Base));
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    s->render(&p, QRectF(QPointF(0, 0), source.size() * scale), source);
    return image;
}

QString ScopeGraphView::toCsv() const
{
    auto iso = [](std::int64_t us) {
        return QString::fromStdString(formatTimestampUs(us));
    };
    QString out = QStringLiteral(
        "record,kind,label,host,detail,events,alerts,first_seen,last_seen,target\r\n");
    for (const ScopeNode &n : m_graph.nodes)
        out += QStringList{QStringLiteral("node"),
                           QString::fromLatin1(ScopeGraph::kindName(n.kind)),
                           Models::csvField(n.label),
                           Models::csvField(n.host),
                           Models::csvField(n.detail),
                           QString::number(n.count),
                           QString::number(n.alerts),
                           iso(n.firstUs),
                           iso(n.lastUs),
                           QString()}
                   .join(QLatin1Char(','))
               + QStringLiteral("\r\n");
    for (const ScopeEdge &e : m_graph.edges)
        out += QStringList{QStringLiteral("edge"),
                           QString::fromLatin1(ScopeGraph::relationName(e.relation)),
                           Models::csvField(m_graph.nodes[std::size_t(e.from)].label),
                           Models::csvField(m_graph.nodes[std::size_t(e.from)].host),
                           QString(),
                           QString::number(e.count),
                           QString(),
                           QString(),
                           QString(),
                           Models::csvField(m_graph.nodes[std::size_t(e.to)].label)}
                   .join(QLatin1Char(','))
               + QStringLiteral("\r\n");
    return out;
}

QPoint ScopeGraphView::nodeCenter(int node) const
{
    return mapFromScene(m_boxes.at(std::size_t(node)).center());
}

void ScopeGraphView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    const QPointF at = mapToScene(event->position().toPoint());
    for (std::size_t i = 0; i < m_boxes.size(); ++i)
        if (m_boxes[i].contains(at)) {
            Q_EMIT entityActivated(m_graph.nodes[i].label);
            return;
        }
}

void ScopeGraphView::wheelEvent(QWheelEvent *event)
{
    const qreal f = event->angleDelta().y() > 0 ? 1.2 : 1 / 1.2;
    scale(f, f);
}

void ScopeGraphView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        scale(1.2, 1.2);
        return;
    case Qt::Key_Minus:
        scale(1 / 1.2, 1 / 1.2);
        return;
    case Qt::Key_0:
        m_fitted = false;
        fitIfNeeded();
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

} // namespace Vigie::Widgets
