#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Crash safety of `vigie import` (issue 10): kill -9 at random moments during the import of the
# 1M-event EVE benchmark file, then check that the store is intact (PRAGMA integrity_check), that
# importing the same file again completes, and that the store then holds every event exactly once
# (its event identities compared with a clean run's). Imports run as `vigie import` does by default,
# Sigma rules and analytics included, so the alerts they raise are compared too.
#
#   scripts/crash-test.sh [VIGIE] [--trials N] [--events N] [--work DIR] [--pull]
#
# --events 1000000 (default) is the benchmark file; tests/CMakeLists.txt runs a short version.
# --pull: the same for `vigie connector pull` from the replay sensor (served over TLS, pinned):
# each killed pull is resumed by pulling again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
vigie=$root/build/dev/bin/vigie
trials=10
events=1000000
work=${TMPDIR:-/tmp}/vigie-crash-test
pull=false
while [ $# -gt 0 ]; do
    case $1 in
        --trials) trials=$2; shift 2 ;;
        --events) events=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --pull) pull=true; shift ;;
        *) vigie=$1; shift ;;
    esac
done
command -v sqlite3 >/dev/null || { echo "crash-test: sqlite3 is needed" >&2; exit 77; }
mkdir -p "$work"
input=$work/eve_$events.ndjson
if [ ! -s "$input" ]; then
    # The bundled 5,000 real Suricata records, repeated with flow_id varied (as the benchmark's).
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

sensor_pid=""
if $pull; then
    "$vigie" sensor serve --data "$input" --listen 127.0.0.1:0 --self-signed >"$work/sensor.log" 2>&1 &
    sensor_pid=$!
    trap 'kill "$sensor_pid" 2>/dev/null || true' EXIT
    for _ in $(seq 1 300); do
        grep -q "key pin" "$work/sensor.log" && break
        sleep 0.1
    done
    url=$(grep -o 'https://127.0.0.1:[0-9]*' "$work/sensor.log" | head -1)
    pin=$(grep -o 'sha256/[^ ]*' "$work/sensor.log" | head -1)
    [ -n "$url" ] && [ -n "$pin" ] || { cat "$work/sensor.log"; exit 1; }
fi
# Brings the file into `db`: an import, or a pull through a connector made for it.
load() {
    if $pull; then
        "$vigie" connector list --db "$1" --json 2>/dev/null | grep -q '"name": *"replay"' \
            || "$vigie" connector add replay --db "$1" --kind elastic --url "$url" --index '*' \
                   --pin "$pin" >/dev/null
        "$vigie" connector pull replay --db "$1" >/dev/null 2>&1
    else
        "$vigie" import --db "$1" "$input" >/dev/null 2>&1
    fi
}

identities() { sqlite3 "$1" "SELECT identity FROM events ORDER BY identity" | sha256sum | cut -c1-16; }
count() { sqlite3 "$1" "SELECT count(*) FROM events"; }
# The alerts (Sigma hits and analytics): each as its event's identity and its rule, digested (an
# alert whose event is missing counts as "orphan", so it cannot vanish from the digest).
alert_set() {
    sqlite3 "$1" "SELECT coalesce(e.identity, 'orphan') || ' ' || coalesce(a.rule_id, '') FROM alerts a LEFT JOIN events e ON e.id = a.event_id ORDER BY 1" \
        | sha256sum | cut -c1-16
}
alert_count() { sqlite3 "$1" "SELECT count(*) FROM alerts"; }

clean=$work/clean.db
rm -f "$clean"*
start=$(date +%s.%N)
load "$clean"
elapsed=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
want_count=$(count "$clean")
want_ids=$(identities "$clean")
want_alerts=$(alert_set "$clean")
want_alert_count=$(alert_count "$clean")
if [ "$want_alert_count" = 0 ]; then
    # Nothing to compare would make the alert check pass whatever happens.
    echo "crash-test: the clean $($pull && echo pull || echo import) raised no alert: is detection on?" >&2
    exit 1
fi
what=import; $pull && what=pull
echo "crash-test: clean $what of $(basename "$input"): $want_count events in $elapsed s, identities $want_ids; $want_alert_count alerts ($want_alerts)"

failures=0
for trial in $(seq 1 "$trials"); do
    db=$work/trial.db
    rm -f "$db"*
    # A random moment within the clean import's duration.
    delay=$(python3 -c "import random; print(round(random.uniform(0.05, max(0.1, $elapsed * 0.95)), 2))")
    load "$db" &
    pid=$!
    sleep "$delay"
    # The vigie process itself (load runs in a subshell).
    pkill -9 -P "$pid" 2>/dev/null || true
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    before=$( [ -e "$db" ] && count "$db" 2>/dev/null || echo 0 )
    integrity=$( [ -e "$db" ] && sqlite3 "$db" "PRAGMA integrity_check" 2>&1 | head -1 || echo "ok (no file yet)" )
    load "$db"
    after=$(count "$db")
    ids=$(identities "$db")
    alerts=$(alert_set "$db")
    alerts_after=$(alert_count "$db")
    verdict=ok
    if [ "${integrity%% *}" != ok ] || [ "$after" != "$want_count" ] || [ "$ids" != "$want_ids" ] \
        || [ "$alerts" != "$want_alerts" ] || [ "$alerts_after" != "$want_alert_count" ]; then
        verdict=FAILED
        failures=$((failures + 1))
    fi
    echo "crash-test: trial $trial: killed at ${delay} s with $before events stored; integrity: $integrity; after another $what: $after events, identities $ids; $alerts_after alerts ($alerts): $verdict"
done
rm -f "$work"/trial.db* "$clean"*
if [ "$failures" -gt 0 ]; then
    echo "crash-test: $failures of $trials trials lost or duplicated events or alerts" >&2
    exit 1
fi
echo "crash-test: $trials of $trials trials: the store intact, every event and every alert exactly once"
