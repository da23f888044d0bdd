#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start 1: installs what is missing, builds Vigie and runs `vigie demo`: the replay sensor
# serves the bundled demo data over HTTPS and WSS on loopback, and the workbench pulls it in through
# its Elasticsearch and WebSocket connectors (not through a file import).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
vigie=$root/build/release/bin/vigie
db=${VIGIE_DEMO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/vigie/demo.db}
mkdir -p "$(dirname "$db")"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "demo: no display to open the window on (DISPLAY is not set)." >&2
    echo "      On a server, run it on a virtual one: xvfb-run -a $0" >&2
    exit 1
fi
exec "$vigie" demo --db "$db" "$@"
