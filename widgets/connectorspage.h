// SPDX-License-Identifier: Apache-2.0
// The connectors page: every configured connector with its health, event rate and last error;
// add, edit, remove, test the connection, start and pause.
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace Vigie::Connectors {
class ConnectorManager;
}
namespace Vigie::Models {
class ConnectorListModel;
}

namespace Vigie::Widgets {

class ConnectorDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectorDialog(Connectors::ConnectorManager *manager, QWidget *parent = nullptr);
    // Fills the form from a stored connector (editing keeps its name).
    void setConnector(const QString &name, const QString &kind, const QJsonObject &config);
    QString name() const;
    QString kind() const;
    QJsonObject config() const; // the form as a connector configuration
    QString validationError() const;

public Q_SLOTS:
    void testConnection();
    void accept() override;

private:
    void kindChanged();

    Connectors::ConnectorManager *m_manager;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_url;
    QLineEdit *m_index;
    QLineEdit *m_path;
    QLineEdit *m_caFile;
    QLineEdit *m_pin;
    QComboBox *m_auth;
    QLineEdit *m_user;
    QLineEdit *m_secretRef;
    QLineEdit *m_secret;
    QPlainTextEdit *m_extra;
    QLabel *m_result;
    QPushButton *m_test;
};

class ConnectorsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ConnectorsPage(Connectors::ConnectorManager *manager, QWidget *parent = nullptr);
    Models::ConnectorListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

public Q_SLOTS:
    void addConnector();
    void editConnector();
    void removeConnector();
    void toggleRunning();
    void testConnection();

protected:
    void changeEvent(QEvent *event) override;

private:
    QString currentName() const;
    void updateButtons();
    void retranslate();

    Connectors::ConnectorManager *m_manager;
    Models::ConnectorListModel *m_model;
    QTableView *m_view;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_toggle;
    QPushButton *m_test;
    QLabel *m_message;
};

} // namespace Vigie::Widgets
