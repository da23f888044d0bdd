#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Re-extracts the translatable strings into translations/vigie_fr.ts (existing translations are
# kept; new strings arrive "unfinished" until translated — tst_translations fails until they are).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none -I . core connectors models widgets app \
    -ts translations/vigie_fr.ts
# English: only the messages with a count (%n), for "1 alert" / "2 alerts".
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none -pluralonly -I . core connectors models \
    widgets app -ts translations/vigie_en.ts
python3 scripts/english-plurals.py translations/vigie_en.ts
/usr/lib/qt6/bin/lupdate -no-obsolete -locations none -pluralonly -I . core connectors models \
    widgets app -ts translations/vigie_en.ts >/dev/null
