// SPDX-License-Identifier: Apache-2.0
#include "widgets/welcomepage.h"

#include "models/inerttext.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace Vigie::Widgets {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
{
    m_title = new QLabel;
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_title->setFont(big);
    m_intro = new QLabel;
    m_intro->setObjectName(QStringLiteral("welcomeIntro"));
    m_intro->setWordWrap(true);
    m_intro->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto button = [this](const char *name, QStyle::StandardPixmap icon) {
        auto *b = new QCommandLinkButton;
        b->setObjectName(QString::fromLatin1(name));
        b->setIcon(style()->standardIcon(icon));
        b->setMinimumHeight(fontMetrics().height() * 4);
        return b;
    };
    m_demo = button("welcomeDemo", QStyle::SP_MediaPlay);
    m_import = button("welcomeImport", QStyle::SP_DialogOpenButton);
    m_connector = button("welcomeConnector", QStyle::SP_DriveNetIcon);
    m_open = button("welcomeOpen", QStyle::SP_DirOpenIcon);
    connect(m_demo, &QAbstractButton::clicked, this, &WelcomePage::demoRequested);
    connect(m_import, &QAbstractButton::clicked, this, &WelcomePage::importRequested);
    connect(m_connector, &QAbstractButton::clicked, this, &WelcomePage::connectorRequested);
    connect(m_open, &QAbstractButton::clicked, this, &WelcomePage::openStoreRequested);

    m_dropHint = new QLabel;
    m_dropHint->setWordWrap(true);
    m_recentLabel = new QLabel;
    m_recent = new QListWidget;
    m_recent->setObjectName(QStringLiteral("recentStores"));
    m_recent->setUniformItemSizes(true);
    m_recentLabel->setBuddy(m_recent);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT recentStoreChosen(item->data(Qt::UserRole).toString());
    });
    m_noRecent = new QLabel;
    m_noRecent->setObjectName(QStringLiteral("noRecentStores"));

    auto *grid = new QGridLayout;
    grid->addWidget(m_demo, 0, 0);
    grid->addWidget(m_import, 0, 1);
    grid->addWidget(m_connector, 1, 0);
    grid->addWidget(m_open, 1, 1);

    // A readable column in the middle of a wide window.
    auto *column = new QWidget;
    column->setMaximumWidth(fontMetrics().averageCharWidth() * 110);
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_intro);
    layout->addSpacing(fontMetrics().height());
    layout->addLayout(grid);
    layout->addWidget(m_dropHint);
    layout->addSpacing(fontMetrics().height());
    layout->addWidget(m_recentLabel);
    layout->addWidget(m_noRecent);
    layout->addWidget(m_recent, 1);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(24, 24, 24, 24);
    outer->addStretch(1);
    outer->addWidget(column, 6);
    outer->addStretch(1);

    setRecentStores({});
    retranslate();
}

void WelcomePage::setStore(const QString &path, bool exists)
{
    m_path = path;
    m_exists = exists;
    retranslate();
}

void WelcomePage::setRecentStores(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &p : paths) {
        auto *item = new QListWidgetItem(Models::inertLine(QDir::toNativeSeparators(p)));
        item->setData(Qt::UserRole, p);
        item->setToolTip(Models::inertToolTip(QDir::toNativeSeparators(p)));
        m_recent->addItem(item);
    }
    m_recent->setVisible(!paths.isEmpty());
    m_noRecent->setVisible(paths.isEmpty());
    if (!paths.isEmpty())
        m_recent->setCurrentRow(0);
}

void WelcomePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WelcomePage::retranslate()
{
    m_title->setText(tr("Welcome to Vigie"));
    const QString where = Models::inertLine(QDir::toNativeSeparators(m_path));
    m_intro->setText(m_exists ? tr("This window works on the store %1. Bring more events in, or "
                                   "open another store:")
                                    .arg(where)
                              : tr("There is no store at %1 yet: importing files or adding a "
                                   "connector creates it. Start with one of these:")
                                    .arg(where));
    m_demo->setText(tr("Open the &demo"));
    m_demo->setDescription(tr("A replay sensor serves the bundled endpoint, network and Wazuh "
                              "data over HTTPS and WSS; Vigie pulls it in as from real sensors."));
    m_import->setText(tr("&Import files…"));
    m_import->setDescription(tr("Suricata EVE, Zeek, Wazuh, Windows events (Sysmon, Winlogbeat, "
                                "Sentinel), Microsoft 365 and Elastic ECS: the format is "
                                "detected and the Sigma rules run as the events load."));
    m_connector->setText(tr("Add a &connector"));
    m_connector->setDescription(tr("Pull events from Elasticsearch, Wazuh, a REST API, a "
                                   "WebSocket stream or a growing EVE file."));
    m_open->setText(tr("&Open a store…"));
    m_open->setDescription(tr("Work on a store made earlier, by this workbench or by the "
                              "command vigie import."));
    m_dropHint->setText(tr("You can also drop files or folders onto this window, at any time, "
                           "to import them (a folder: the files directly inside it)."));
    m_recentLabel->setText(tr("&Recent stores (Return or a double click opens one):"));
    m_noRecent->setText(tr("No store opened yet."));
}

} // namespace Vigie::Widgets
