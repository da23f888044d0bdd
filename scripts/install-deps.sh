#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages Vigie needs to build, test and run. Idempotent: installs only what is
# missing, so a second run costs a dpkg query. Needs root (or sudo).
set -euo pipefail

packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6svg6
    libboost1.81-dev libboost-json1.81-dev libssl-dev openssl zlib1g-dev qtkeychain-qt6-dev
    libsqlite3-dev libsimdjson-dev libzstd-dev libxxhash-dev libyaml-cpp-dev libyaml-dev
    xvfb xauth imagemagick
    sqlite3 poppler-utils
)
if [ "${VIGIE_DEPS_EXTRA:-}" != "" ]; then
    # shellcheck disable=SC2206
    packages+=(${VIGIE_DEPS_EXTRA})
fi

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=
if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
