#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the fuzz targets (fuzz/) with libFuzzer under ASan+UBSan: builds the `fuzz` preset (clang-14,
# libclang-rt-14-dev), then runs each target until it has executed --runs inputs or for --time
# seconds, whichever comes first, on a working corpus seeded from fuzz/corpus (and from
# ../shared/data when it is there). Findings land in build/fuzz/findings; each run's figures are
# appended to build/fuzz/results.tsv (target, executions, seconds, executions/s, peak RSS, outcome).
#
#   scripts/fuzz.sh [--runs N] [--time SECONDS] [--jobs J] [--no-build] [TARGET...]
#
# Defaults: 10,000,000 runs or 1800 s per target, one target at a time, every target.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=10000000
time=1800
jobs=1
build=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
    --runs) runs=$2; shift 2 ;;
    --time) time=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) targets+=("$1"); shift ;;
    esac
done
if [ ${#targets[@]} -eq 0 ]; then
    targets=($(sed -n 's/^vigie_fuzz_target(\([a-z_]*\).*/\1/p' fuzz/CMakeLists.txt))
fi
if [ "$build" = 1 ]; then
    command -v clang++-14 >/dev/null || { echo "fuzz: clang-14 is needed (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
    cmake --preset fuzz >/dev/null && cmake --build --preset fuzz || exit 2
fi
out=build/fuzz
mkdir -p "$out/logs" "$out/findings" "$out/work"
[ -f "$out/results.tsv" ] || printf 'target\texecutions\tseconds\texec_per_s\tpeak_rss_mb\toutcome\tdate\n' >"$out/results.tsv"

# Extra seeds from the shared datasets, when they are beside the project (never copied into it).
extra_seeds() {
    local t=$1 shared=../shared/data
    [ -d "$shared" ] || return 0
    case "$t" in
    fuzz_sigma) find "$shared" -path '*sigma*' -name '*.yml' -size -8k 2>/dev/null | head -400 ;;
    fuzz_cacao) find "$shared" -path '*cacao*' -name '*.json' -size -64k 2>/dev/null | head -100 ;;
    esac
}

dict_for() {
    case "$1" in
    fuzz_records|fuzz_normalise|fuzz_ioc|fuzz_cacao) echo fuzz/dict/json.dict ;;
    fuzz_sigma) echo fuzz/dict/sigma.dict ;;
    fuzz_eventdata_xml) echo fuzz/dict/xml.dict ;;
    fuzz_http_client|fuzz_replay_sensor) echo fuzz/dict/http.dict ;;
    fuzz_websocket) echo fuzz/dict/websocket.dict ;;
    esac
}

run_one() {
    local t=$1 bin=$out/fuzz/$1
    [ -x "$bin" ] || { echo "fuzz: $bin is not built" >&2; return 1; }
    local work=$out/work/$t seeds=$out/work/$t.seeds
    mkdir -p "$work" "$seeds"
    cp -n fuzz/corpus/"$t"/* "$seeds"/ 2>/dev/null
    extra_seeds "$t" | while read -r f; do cp -n "$f" "$seeds/$(echo "$f" | md5sum | cut -c1-12)-$(basename "$f")"; done
    local dict
    dict=$(dict_for "$t")
    local log=$out/logs/$t.log start end rc
    start=$(date +%s)
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    QT_QPA_PLATFORM=offscreen \
        "$bin" -runs="$runs" -max_total_time="$time" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$out/findings/$t-" ${dict:+-dict=$dict} \
        "$work" "$seeds" >"$log" 2>&1
    rc=$?
    end=$(date +%s)
    local execs rss secs outcome
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    secs=$((end - start))
    if [ "$rc" = 0 ]; then outcome=clean; else outcome="FAILED (exit $rc, see $log)"; fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "${execs:-?}" "$secs" "$(( ${execs:-0} / (secs > 0 ? secs : 1) ))" \
        "${rss:-?}" "$outcome" "$(date -u +%FT%TZ)" >>"$out/results.tsv"
    echo "$t: ${execs:-?} executions in ${secs} s: $outcome"
    return $rc
}
export -f run_one extra_seeds dict_for
export out runs time

printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
status=$?
column -t -s $'\t' "$out/results.tsv" | tail -n $(( ${#targets[@]} + 1 ))
exit $status
