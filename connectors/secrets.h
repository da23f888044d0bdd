// SPDX-License-Identifier: Apache-2.0
// Where a connector's secret (password, token, API key) lives. Never in the store, never in a log.
//  - "keyring": the OS keyring through QtKeychain, under service "vigie" and the connector name;
//  - "env:VAR": an environment variable (for CI and headless machines without a keyring);
//  - "file:PATH": a file readable by the user only (mode 0600 or stricter), first line.
// The user chooses explicitly; nothing falls back silently from the keyring to anything else.
#pragma once

#include "core/events/result.h"

#include <QByteArray>
#include <QString>

#include <functional>

namespace Vigie::Connectors::Secrets {

bool keyringAvailable(); // built with QtKeychain
// Reads a secret. With "keyring" the answer comes later, on the caller's event loop.
void read(const QString &connector,
          const QString &ref,
          const std::function<void(Result<QByteArray>)> &done);
void storeInKeyring(const QString &connector,
                    const QByteArray &secret,
                    const std::function<void(Result<void>)> &done);
void removeFromKeyring(const QString &connector);
// Checks a reference's form ("keyring", "env:VAR", "file:PATH") without reading it.
bool validReference(const QString &ref, QString &error);

} // namespace Vigie::Connectors::Secrets
