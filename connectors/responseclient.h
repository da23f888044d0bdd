// SPDX-License-Identifier: Apache-2.0
// Sends response actions (isolate a host, block an address, open a case, call a webhook) through a
// configured connector: its URL, TLS settings (CA file, pin) and credentials — a Wazuh manager's
// JWT login included. Blocking: call it from a worker thread, never the GUI thread.
#pragma once

#include "connectors/net.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <mutex>

namespace Vigie::Connectors {

class ResponseClient
{
public:
    // `kind` is the connector's (elastic, wazuh, thehive, rest…); `config` its settings (url,
    // caFile, pin, auth, user, kibanaUrl for Kibana's APIs); `secret` its password, token or key.
    ResponseClient(Net::NetworkThread &net,
                   const QString &kind,
                   const QJsonObject &config,
                   const QByteArray &secret);
    ~ResponseClient();

    struct Reply
    {
        Net::NetError error; // transport or authentication failure; the status is 0 then
        int status = 0;
        QByteArray body;
    };
    // One request, with the connector's credentials added. `target` is the path and query.
    Reply send(const QByteArray &method,
               const QByteArray &target,
               const Net::Headers &headers,
               const QByteArray &body);
    void cancel();

    // The headers send() adds, with the secret masked: what a dry run shows.
    static Net::Headers addedHeaders(const QString &kind,
                                     const QJsonObject &config,
                                     const QByteArray &method,
                                     const QByteArray &target,
                                     const QByteArray &body);

private:
    Net::NetError login();
    Net::HttpClient *clientFor(const QByteArray &target, QString &error);

    Net::NetworkThread &m_net;
    QString m_kind;
    QJsonObject m_config;
    QByteArray m_secret;
    QByteArray m_token;                        // Wazuh's JWT
    std::unique_ptr<Net::HttpClient> m_api;    // the connector's url
    std::unique_ptr<Net::HttpClient> m_kibana; // kibanaUrl, for /api/ paths of an elastic connector
    std::mutex m_mutex;
    bool m_cancelled = false;
};

} // namespace Vigie::Connectors
