// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace Vigie::Demo {

// The folder holding the bundled demo data (VIGIE_DEMO_DATA, the source tree, or the install).
QString dataDirectory();
// `vigie demo`: starts the replay sensor on loopback with the bundled data, configures an
// Elasticsearch connector (endpoint logs and Wazuh alerts) and a WebSocket connector (network
// sensors) against it, and opens the workbench while they pull.
int run(int argc, char **argv);

} // namespace Vigie::Demo
