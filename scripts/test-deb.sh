#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The package as a user gets it: builds the .deb from a configured build tree (default
# build/release, as scripts/test.sh leaves it), installs it with apt, runs the installed `vigie`
# (--version, an import of a sample, a report written with no display), then removes it and checks
# nothing of it is left. Needs root (or sudo); CI runs it after the test suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
sudo=""
if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Everything is built already: skip CPack's preinstall rebuild check.
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log") || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/pkg/vigie_*.deb)
echo "test-deb: built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | sed -n 's/^ \(Depends\|Version\):/test-deb: \1:/p'

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$deb" \
    >"$work/install.log" 2>&1 || { cat "$work/install.log"; exit 1; }
test -x /usr/bin/vigie
/usr/bin/vigie --version
test -f /usr/share/applications/org.vigie.Vigie.desktop
test -f /usr/share/man/man1/vigie.1.gz
test -f /usr/share/vigie/report/template.json
# The installed program finds its installed Sigma rules: an import raises alerts.
cp "$root/tests/data/network/eve_sample.json" "$work/"
/usr/bin/vigie import --db "$work/store.db" "$work/eve_sample.json" | tee "$work/import.log"
grep -q "accepted" "$work/import.log"
/usr/bin/vigie alerts --db "$work/store.db" --limit 3 >/dev/null

$sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q vigie >"$work/purge.log" 2>&1 \
    || { cat "$work/purge.log"; exit 1; }
if [ -e /usr/bin/vigie ] || [ -e /usr/share/vigie ] || dpkg -s vigie >/dev/null 2>&1; then
    echo "test-deb: vigie is still installed after purge" >&2
    exit 1
fi
echo "test-deb: installed, ran and removed cleanly"
