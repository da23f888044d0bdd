#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Times, on the same 1M-record EVE file and in the same run: vigie import, jq filtering the alerts,
# the sqlite3 CLI importing with json_extract into 6 columns plus 2 indexes, and lnav counting
# records with an EVE format. Usage: bench/compare_ingest.sh [BUILD_DIR]  (default build/release)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
work=${TMPDIR:-/tmp}/vigie-bench
mkdir -p "$work"
for tool in jq sqlite3 lnav; do
    command -v $tool >/dev/null || VIGIE_DEPS_EXTRA="$tool" "$root/scripts/install-deps.sh"
done
# bench_ingest writes the input file once (and prints its own breakdown).
"$build/bench/bench_ingest" --work "$work" >"$work/bench_ingest.txt"
cat "$work/bench_ingest.txt"
eve=$work/eve_200x.ndjson
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; echo "$(date +%s.%N) - $s" | bc; }

rm -f "$work/cli.db"*
tv=$(t "$build/bin/vigie" import --db "$work/cli.db" "$eve")
tj=$(t jq -c 'select(.event_type == "alert")' "$eve")
rm -f "$work/peer.db"*
cat >"$work/peer.sql" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
CREATE TABLE raw(doc TEXT);
.mode line
.import $eve raw
CREATE TABLE events(ts TEXT, event_type TEXT, src_ip TEXT, dest_ip TEXT, signature TEXT, severity INT);
INSERT INTO events SELECT json_extract(doc,'\$.timestamp'), json_extract(doc,'\$.event_type'),
  json_extract(doc,'\$.src_ip'), json_extract(doc,'\$.dest_ip'), json_extract(doc,'\$.alert.signature'),
  json_extract(doc,'\$.alert.severity') FROM raw;
CREATE INDEX ev_ts ON events(ts); CREATE INDEX ev_type ON events(event_type);
SQL
ts=$(t sqlite3 "$work/peer.db" <"$work/peer.sql")
export HOME=$work/lnavhome; mkdir -p "$HOME/.lnav/formats/installed"
cat >"$HOME/.lnav/formats/installed/vigie_eve.json" <<'JSON'
{ "$schema": "https://lnav.org/schemas/format-v1.schema.json",
  "vigie_eve": { "title": "Suricata EVE", "json": true, "file-pattern": "\\.ndjson$",
    "timestamp-field": "timestamp", "value": { "event_type": { "kind": "string", "identifier": true },
    "src_ip": { "kind": "string", "identifier": true } } } }
JSON
tl=$(t lnav -n -c ";SELECT count(*) FROM vigie_eve" "$eve")
printf 'vigie import %6.2f s\njq           %6.2f s  (x%.1f)\nsqlite3 CLI  %6.2f s  (x%.1f)\nlnav         %6.2f s  (x%.1f)\n' \
    "$tv" "$tj" "$(echo "$tj / $tv" | bc -l)" "$ts" "$(echo "$ts / $tv" | bc -l)" "$tl" "$(echo "$tl / $tv" | bc -l)"
