#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Quick start 2: installs what is missing, builds Vigie with its tests and runs the whole suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
./scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build/release --output-on-failure -j2
