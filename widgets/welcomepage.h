// SPDX-License-Identifier: Apache-2.0
// The first page of a window whose store does not exist yet (and File ▸ Welcome): open the demo,
// import files, add a connector or open another store, and the stores opened lately.
#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QListWidget;

namespace Vigie::Widgets {

class WelcomePage : public QWidget
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

    // The store of this window, and whether it exists yet (the first import creates it).
    void setStore(const QString &path, bool exists);
    // Most recent first; activating one asks for it with recentStoreChosen().
    void setRecentStores(const QStringList &paths);
    QListWidget *recentList() const { return m_recent; }

Q_SIGNALS:
    void demoRequested();
    void importRequested();
    void connectorRequested();
    void openStoreRequested();
    void recentStoreChosen(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QString m_path;
    bool m_exists = false;
    QLabel *m_title;
    QLabel *m_intro;
    QCommandLinkButton *m_demo;
    QCommandLinkButton *m_import;
    QCommandLinkButton *m_connector;
    QCommandLinkButton *m_open;
    QLabel *m_dropHint;
    QLabel *m_recentLabel;
    QListWidget *m_recent;
    QLabel *m_noRecent;
};

} // namespace Vigie::Widgets
