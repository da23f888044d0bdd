// SPDX-License-Identifier: Apache-2.0
// The scope of an incident drawn as a graph: accounts, hosts, processes of interest, files and
// remote addresses or domains in columns from left to right, edges labelled with their relation
// and count. Clicking an entity asks for the timeline to show only its events.
#pragma once

#include "core/analysis/scope.h"

#include <QGraphicsView>

namespace Vigie::Widgets {

class ScopeGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit ScopeGraphView(QWidget *parent = nullptr);

    void setGraph(const Analysis::ScopeGraph &graph);
    const Analysis::ScopeGraph &graph() const { return m_graph; }
    // The whole graph as an image (not only what the view shows).
    QImage render(qreal scale = 1.5) const;
    // Nodes and edges as CSV.
    QString toCsv() const;
    // Where a node is drawn, in view coordinates (for tests and keyboard focus).
    QPoint nodeCenter(int node) const;
    static QString relationLabel(Analysis::ScopeEdge::Relation r);
    static QString kindLabel(Analysis::ScopeNode::Kind k);

Q_SIGNALS:
    void entityActivated(const QString &value);

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void fitIfNeeded();
    bool m_fitted = false;
    Analysis::ScopeGraph m_graph;
    std::vector<QRectF> m_boxes;
};

} // namespace Vigie::Widgets
