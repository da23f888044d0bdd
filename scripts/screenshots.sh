#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Takes the README's screenshots from the real program: the bundled demo alerts imported into a
# throw-away store, the workbench started under Xvfb in English and French, light and dark, an
# alert selected with the keyboard, and the window grabbed into docs/images/.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (needs xvfb-run, xdotool and ImageMagick's import)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
vigie=$build/bin/vigie
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$vigie" import --db "$work/demo.db" "$root"/resources/demo/alerts/*.json \
    "$root"/resources/demo/network/suricata_eve.json >/dev/null
for lang in en fr; do
    for theme in light dark; do
        out=$root/docs/images/queue-$lang-$theme.png
        HOME=$work xvfb-run -a -s "-screen 0 1360x860x24" bash -c '
            "$0" --db "$1" --language "$2" --theme "$3" &
            pid=$!
            win=$(xdotool search --sync --onlyvisible --name "^Vigie" | head -1)
            sleep 2
            xdotool key slash; sleep 0.3
            xdotool type --delay 20 "severity:medium"; xdotool key Return; sleep 1
            xdotool key j j j; sleep 1.5
            import -window "$win" "$4"
            kill $pid' "$vigie" "$work/demo.db" "$lang" "$theme" "$out"
        echo "$out"
    done
done
