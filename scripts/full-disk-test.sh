#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A store on a full filesystem (issue 10): `vigie import` into a store on a small tmpfs stops with a
# clear error, the store stays consistent (PRAGMA integrity_check), and once there is room the same
# import finishes with every event exactly once. Needs root (mount); exits 77 (skipped) otherwise.
#
#   scripts/full-disk-test.sh [VIGIE] [--events N] [--work DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vigie=$root/build/dev/bin/vigie
events=50000
work=${TMPDIR:-/tmp}/vigie-full-disk
while [ $# -gt 0 ]; do
    case $1 in
        --events) events=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        *) vigie=$1; shift ;;
    esac
done
[ "$(id -u)" = 0 ] || { echo "full-disk-test: needs root to mount a tmpfs" >&2; exit 77; }
command -v sqlite3 >/dev/null || { echo "full-disk-test: sqlite3 is needed" >&2; exit 77; }
mkdir -p "$work/disk"
input=$work/eve_$events.ndjson
if [ ! -s "$input" ]; then
    python3 - "$root/resources/demo/network/suricata_eve.json" "$input" "$events" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
want = int(sys.argv[3])
with open(sys.argv[2], 'w') as out:
    n, rep = 0, 0
    while n < want:
        for l in lines:
            if n == want: break
            d = json.loads(l)
            if 'flow_id' in d: d['flow_id'] += rep
            out.write(json.dumps(d, separators=(',', ':')) + '\n')
            n += 1
        rep += 1
PY
fi
mount -t tmpfs -o size=6m tmpfs "$work/disk" || { echo "full-disk-test: cannot mount a tmpfs" >&2; exit 77; }
trap 'umount "$work/disk" 2>/dev/null || true' EXIT
db=$work/disk/store.db
set +e
"$vigie" import --db "$db" --no-detect "$input" >"$work/out.log" 2>&1
code=$?
set -e
cat "$work/out.log"
[ "$code" != 0 ] || { echo "full-disk-test: the import into a full disk did not fail" >&2; exit 1; }
grep -q "is full" "$work/out.log" || { echo "full-disk-test: no clear error" >&2; exit 1; }
integrity=$(sqlite3 "$db" "PRAGMA integrity_check")
stored=$(sqlite3 "$db" "SELECT count(*) FROM events")
echo "full-disk-test: full at $stored events; integrity: $integrity"
[ "$integrity" = ok ] || exit 1
mount -o remount,size=256m "$work/disk"
"$vigie" import --db "$db" --no-detect "$input" >/dev/null
after=$(sqlite3 "$db" "SELECT count(*) FROM events")
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT identity) FROM events")
echo "full-disk-test: with room, the same import finished: $after events ($distinct distinct)"
[ "$after" = "$events" ] && [ "$distinct" = "$events" ] && [ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ]
