// SPDX-License-Identifier: Apache-2.0
#include "connectorspage.h"

#include "connectors/connectormanager.h"
#include "connectors/secrets.h"
#include "models/connectorlistmodel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Vigie::Widgets {

using Connectors::ConnectorManager;

namespace {
// Keys the form edits; everything else is shown as "other settings" JSON.
const QStringList kFormKeys = {QStringLiteral("url"),
                               QStringLiteral("index"),
                               QStringLiteral("path"),
                               QStringLiteral("caFile"),
                               QStringLiteral("pin"),
                               QStringLiteral("auth"),
                               QStringLiteral("user"),
                               QStringLiteral("secret")};
} // namespace

ConnectorDialog::ConnectorDialog(ConnectorManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_manager(manager)
{
    setWindowTitle(tr("Connector"));
    auto *form = new QFormLayout;
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("name"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Elasticsearch / OpenSearch"), QStringLiteral("elastic"));
    m_kind->addItem(tr("WebSocket stream"), QStringLiteral("websocket"));
    m_kind->addItem(tr("TheHive 5"), QStringLiteral("thehive"));
    m_kind->addItem(tr("Generic REST"), QStringLiteral("rest"));
    m_kind->addItem(tr("Wazuh manager (agents)"), QStringLiteral("wazuh"));
    m_kind->addItem(tr("Suricata EVE file"), QStringLiteral("eve-file"));
    m_url = new QLineEdit;
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("https://sensor.example:9200"));
    m_index = new QLineEdit;
    m_index->setPlaceholderText(QStringLiteral(".alerts-security.alerts-*"));
    m_path = new QLineEdit;
    m_path->setPlaceholderText(QStringLiteral("/var/log/suricata/eve.json"));
    m_caFile = new QLineEdit;
    m_caFile->setPlaceholderText(tr("System authorities"));
    m_pin = new QLineEdit;
    m_pin->setPlaceholderText(tr("sha256/… — only for a self-signed sensor you trust"));
    m_auth = new QComboBox;
    m_auth->addItem(tr("None"), QStringLiteral("none"));
    m_auth->addItem(tr("Basic (user and password)"), QStringLiteral("basic"));
    m_auth->addItem(tr("Bearer token"), QStringLiteral("bearer"));
    m_auth->addItem(tr("Elastic API key"), QStringLiteral("apikey"));
    m_user = new QLineEdit;
    m_secretRef = new QLineEdit(QStringLiteral("keyring"));
    m_secretRef->setToolTip(tr("keyring (the OS keyring), env:VARIABLE, or file:PATH (a file only "
                               "you can read)"));
    m_secret = new QLineEdit;
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("Stored in the OS keyring, never in the store"));
    m_extra = new QPlainTextEdit;
    m_extra->setPlaceholderText(QStringLiteral("{\"pageSize\": 1000, \"pollSeconds\": 5}"));
    m_extra->setMaximumHeight(90);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Index pattern:"), m_index);
    form->addRow(tr("&File:"), m_path);
    form->addRow(tr("&CA file:"), m_caFile);
    form->addRow(tr("&Pinned key:"), m_pin);
    form->addRow(tr("&Authentication:"), m_auth);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Secret &from:"), m_secretRef);
    form->addRow(tr("&Secret:"), m_secret);
    form->addRow(tr("&Other settings:"), m_extra);
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_test = new QPushButton(tr("&Test connection"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectorDialog::testConnection);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ConnectorDialog::kindChanged);
    connect(m_auth, &QComboBox::currentIndexChanged, this, &ConnectorDialog::kindChanged);
    connect(m_secretRef, &QLineEdit::textChanged, this, &ConnectorDialog::kindChanged);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    kindChanged();
    resize(560, sizeHint().height());
}

void ConnectorDialog::kindChanged()
{
    const QString k = kind();
    auto *form = qobject_cast<QFormLayout *>(layout()->itemAt(0)->layout());
    auto show = [form](QWidget *w, bool on) {
        form->setRowVisible(w, on);
    };
    const bool file = k == QLatin1String("eve-file");
    show(m_url, !file);
    show(m_index, k == QLatin1String("elastic"));
    show(m_path, file);
    show(m_caFile, !file);
    show(m_pin, !file);
    show(m_auth, !file && k != QLatin1String("wazuh"));
    show(m_user, k == QLatin1String("wazuh") || m_auth->currentData() == QLatin1String("basic"));
    const bool secret
        = k == QLatin1String("wazuh") || (!file && m_auth->currentData() != QLatin1String("none"));
    show(m_secretRef, secret);
    show(m_secret, secret && m_secretRef->text().trimmed() == QLatin1String("keyring"));
}

void ConnectorDialog::setConnector(const QString &name,
                                   const QString &kind,
                                   const QJsonObject &config)
{
    m_name->setText(name);
    m_name->setReadOnly(true);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_url->setText(config.value(QLatin1String("url")).toString());
    m_index->setText(config.value(QLatin1String("index")).toString());
    m_path->setText(config.value(QLatin1String("path")).toString());
    m_caFile->setText(config.value(QLatin1String("caFile")).toString());
    m_pin->setText(config.value(QLatin1String("pin")).toString());
    m_auth->setCurrentIndex(std::max(
        0, m_auth->findData(config.value(QLatin1String("auth")).toString(QStringLiteral("none")))));
    m_user->setText(config.value(QLatin1String("user")).toString());
    m_secretRef->setText(config.value(QLatin1String("secret")).toString(QStringLiteral("keyring")));
    QJsonObject extra = config;
    for (const QString &k : kFormKeys)
        extra.remove(k);
    if (!extra.isEmpty())
        m_extra->setPlainText(
            QString::fromUtf8(QJsonDocument(extra).toJson(QJsonDocument::Indented)));
    kindChanged();
}

QString ConnectorDialog::name() const
{
    return m_name->text().trimmed();
}

QString ConnectorDialog::kind() const
{
    return m_kind->currentData().toString();
}

QJsonObject ConnectorDialog::config() const
{
    QJsonObject c = QJsonDocument::fromJson(m_extra->toPlainText().toUtf8()).object();
    auto put = [&](const char *key, QLineEdit *e) {
        if (!e->text().trimmed().isEmpty())
            c.insert(QLatin1String(key), e->text().trimmed());
    };
    const QString k = kind();
    if (k == QLatin1String("eve-file")) {
        put("path", m_path);
        return c;
    }
    put("url", m_url);
    if (k == QLatin1String("elastic"))
        put("index", m_index);
    put("caFile", m_caFile);
    put("pin", m_pin);
    const QString auth
        = k == QLatin1String("wazuh") ? QStringLiteral("basic") : m_auth->currentData().toString();
    if (auth != QLatin1String("none")) {
        c.insert(QStringLiteral("auth"), auth);
        put("secret", m_secretRef);
    }
    put("user", m_user);
    return c;
}

QString ConnectorDialog::validationError() const
{
    if (name().isEmpty())
        return tr("Give the connector a name.");
    if (!m_extra->toPlainText().trimmed().isEmpty()
        && !QJsonDocument::fromJson(m_extra->toPlainText().toUtf8()).isObject())
        return tr("Other settings must be a JSON object.");
    QString error;
    if (!Connectors::Secrets::validReference(config().value(QLatin1String("secret")).toString(),
                                             error))
        return error;
    if (!Connectors::Connector::create(kind(), config(), error))
        return error;
    return QString();
}

void ConnectorDialog::testConnection()
{
    const QString error = validationError();
    if (!error.isEmpty() && !name().isEmpty()) {
        m_result->setText(error);
        return;
    }
    m_test->setEnabled(false);
    m_result->setText(tr("Testing…"));
    QPointer<ConnectorDialog> self(this);
    m_manager->probe(kind(), config(), [self](Result<QString> r) {
        if (!self)
            return;
        self->m_test->setEnabled(true);
        self->m_result->setText(r ? tr("✔ %1").arg(*r) : tr("✘ %1").arg(r.error()));
    });
}

void ConnectorDialog::accept()
{
    const QString error = validationError();
    if (!error.isEmpty()) {
        m_result->setText(error);
        return;
    }
    ConnectorRecord rec;
    rec.name = name();
    rec.kind = kind();
    rec.config = QJsonDocument(config()).toJson(QJsonDocument::Compact);
    if (auto r = m_manager->configStore()->saveConnector(rec); !r) {
        m_result->setText(r.error());
        return;
    }
    if (!m_secret->text().isEmpty()
        && config().value(QLatin1String("secret")).toString() == QLatin1String("keyring")) {
        QPointer<ConnectorDialog> self(this);
        Connectors::Secrets::storeInKeyring(
            name(), m_secret->text().toUtf8(), [self](Result<void> r) {
                if (!self)
                    return;
                if (!r)
                    self->m_result->setText(r.error());
                else
                    self->QDialog::accept();
            });
        return;
    }
    QDialog::accept();
}

ConnectorsPage::ConnectorsPage(ConnectorManager *manager, QWidget *parent)
    : QWidget(parent)
    , m_manager(manager)
    , m_model(new Models::ConnectorListModel(manager, this))
{
    m_view = new QTableView;
    m_view->setObjectName(QStringLiteral("connectorsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(Models::ConnectorListModel::ErrorColumn,
                                                     QHeaderView::Stretch);
    m_add = new QPushButton;
    auto *add = m_add;
    m_edit = new QPushButton;
    m_remove = new QPushButton;
    m_test = new QPushButton;
    m_toggle = new QPushButton;
    retranslate();
    m_message = new QLabel;
    m_message->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {add, m_edit, m_remove, m_test, m_toggle})
        buttons->addWidget(b);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);
    connect(add, &QPushButton::clicked, this, &ConnectorsPage::addConnector);
    connect(m_edit, &QPushButton::clicked, this, &ConnectorsPage::editConnector);
    connect(m_remove, &QPushButton::clicked, this, &ConnectorsPage::removeConnector);
    connect(m_test, &QPushButton::clicked, this, &ConnectorsPage::testConnection);
    connect(m_toggle, &QPushButton::clicked, this, &ConnectorsPage::toggleRunning);
    connect(m_view, &QTableView::doubleClicked, this, &ConnectorsPage::editConnector);
    connect(m_view->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &ConnectorsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &ConnectorsPage::updateButtons);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ConnectorsPage::updateButtons);
    connect(m_model, &Models::ConnectorListModel::errorOccurred, m_message, &QLabel::setText);
    updateButtons();
}

void ConnectorsPage::retranslate()
{
    m_add->setText(tr("&Add…"));
    m_edit->setText(tr("&Edit…"));
    m_remove->setText(tr("&Remove"));
    m_test->setText(tr("&Test connection"));
    updateButtons();
}

void ConnectorsPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        m_model->languageChanged();
    }
    QWidget::changeEvent(event);
}

QString ConnectorsPage::currentName() const
{
    return m_model->nameAt(m_view->currentIndex().row());
}

void ConnectorsPage::updateButtons()
{
    const QString name = currentName();
    const bool has = !name.isEmpty();
    for (QPushButton *b : {m_edit, m_remove, m_test, m_toggle})
        b->setEnabled(has);
    m_toggle->setText(has && m_manager->isRunning(name) ? tr("&Pause") : tr("&Start"));
}

void ConnectorsPage::addConnector()
{
    ConnectorDialog dialog(m_manager, this);
    if (dialog.exec() == QDialog::Accepted)
        m_model->reload();
}

void ConnectorsPage::editConnector()
{
    const ConnectorRecord rec = m_model->recordAt(m_view->currentIndex().row());
    if (rec.name.isEmpty())
        return;
    ConnectorDialog dialog(m_manager, this);
    dialog.setConnector(rec.name, rec.kind, QJsonDocument::fromJson(rec.config).object());
    if (dialog.exec() == QDialog::Accepted) {
        m_model->reload();
        if (m_manager->isRunning(rec.name))
            m_message->setText(
                tr("%1 runs with its old settings until it is paused and started again.")
                    .arg(rec.name));
    }
}

void ConnectorsPage::removeConnector()
{
    const QString name = currentName();
    if (name.isEmpty())
        return;
    if (QMessageBox::question(
            this,
            tr("Remove connector"),
            tr("Remove the connector %1? The events it brought in stay in the store.").arg(name))
        != QMessageBox::Yes)
        return;
    m_manager->stop(name);
    if (auto r = m_manager->configStore()->removeConnector(name); !r)
        m_message->setText(r.error());
    Connectors::Secrets::removeFromKeyring(name);
    m_model->reload();
}

void ConnectorsPage::toggleRunning()
{
    const QString name = currentName();
    if (name.isEmpty())
        return;
    if (m_manager->isRunning(name))
        m_manager->stop(name);
    else
        m_manager->start(name, true);
    updateButtons();
}

void ConnectorsPage::testConnection()
{
    const ConnectorRecord rec = m_model->recordAt(m_view->currentIndex().row());
    if (rec.name.isEmpty())
        return;
    m_message->setText(tr("Testing %1…").arg(rec.name));
    QPointer<ConnectorsPage> self(this);
    const QString name = rec.name;
    m_manager->probe(
        rec.kind, QJsonDocument::fromJson(rec.config).object(), [self, name](Result<QString> r) {
            if (self)
                self->m_message->setText(r ? tr("%1: ✔ %2").arg(name, *r)
                                           : tr("%1: ✘ %2").arg(name, r.error()));
        });
}

} // namespace Vigie::Widgets
