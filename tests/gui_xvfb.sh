#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Under a real X server (Xvfb): start `vigie` on a store with alerts, take a screenshot of the
# screen and check that it is not blank (a blank or black window has a handful of colours).
# Usage: gui_xvfb.sh VIGIE_BINARY FIXTURE WORKDIR
set -euo pipefail
vigie=$1 fixture=$2 work=$3
mkdir -p "$work"
db=$work/xvfb.db shot=$work/xvfb.png
rm -f "$db" "$db-wal" "$db-shm" "$shot"
"$vigie" import --db "$db" "$fixture" >/dev/null
unset QT_QPA_PLATFORM # the real X server, not offscreen
xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
    '$vigie' --db '$db' --language en --theme light & pid=\$!
    sleep 4
    /usr/bin/import -window root '$shot'
    kill \$pid"
colours=$(/usr/bin/identify -format '%k' "$shot")
echo "screenshot $shot: $colours colours"
[ "$colours" -gt 64 ] || { echo "the window looks blank ($colours colours)" >&2; exit 1; }
