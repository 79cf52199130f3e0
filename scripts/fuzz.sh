#!/usr/bin/env bash
# Runs sigscope's libFuzzer harnesses (Fuzz/Package.swift) for a fixed time each.
#
#   scripts/fuzz.sh TARGET MINUTES     one target, e.g. scripts/fuzz.sh FuzzRawHTTP 30, or several:
#                                      scripts/fuzz.sh FuzzCurl,FuzzHAR 30
#   scripts/fuzz.sh all MINUTES        every target, one after another (one process at a time;
#                                      FUZZ_PARALLEL=N runs N targets at once, each its own process)
#   scripts/fuzz.sh list               the targets
#
# Builds the harnesses with -sanitize=fuzzer,address, rebuilds the seed corpus from
# testvectors/ (scripts/fuzz_seeds.py), and runs each target under `nice -n 19` with
# -max_total_time, -timeout and -rss_limit_mb. The growing corpus is kept in
# Fuzz/corpus/TARGET, crashes/leaks/timeouts go to Fuzz/artifacts/TARGET/, and the log of
# every run to Fuzz/logs/TARGET-<UTC time>.log (its last lines give the run's length and
# executions). All of Fuzz/ except the sources is gitignored. See docs/fuzzing.md.
#
# Environment: FUZZ_TIMEOUT (seconds per input, default 10), FUZZ_RSS_MB (default 2048),
# FUZZ_MAX_LEN (largest input in bytes, default 65536), FUZZ_NO_BUILD=1 to skip the build,
# FUZZ_PARALLEL (targets run at once, default 1).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
FUZZ="$ROOT/Fuzz"
TARGETS=(FuzzRequestFile FuzzRawHTTP FuzzCurl FuzzHAR FuzzResponseJSON FuzzResponseXML FuzzBatchLines FuzzDebugLog)

usage() {
    echo "usage: scripts/fuzz.sh TARGET[,TARGET…]|all MINUTES   (scripts/fuzz.sh list for the targets)" >&2
    exit 64
}

[[ $# -ge 1 ]] || usage
if [[ "$1" == list ]]; then printf '%s\n' "${TARGETS[@]}"; exit 0; fi
[[ $# -eq 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || usage
if [[ "$1" == all ]]; then
    selected=("${TARGETS[@]}")
else
    selected=()
    IFS=, read -ra asked <<< "$1"
    for name in "${asked[@]}"; do
        found=0
        for t in "${TARGETS[@]}"; do [[ "$t" == "$name" ]] && found=1; done
        [[ $found == 1 ]] || { echo "scripts/fuzz.sh: no target \"$name\"; the targets are: ${TARGETS[*]}" >&2; exit 64; }
        selected+=("$name")
    done
fi
minutes="$2"

cd "$FUZZ"
# The main package offers its batch line reader to the harnesses only with this set (Package.swift).
export SIGSCOPE_FUZZ_HARNESSES=1
if [[ "${FUZZ_NO_BUILD:-0}" != 1 ]]; then
    # lld: gold fails on the sanitizer runtime's debug info. -parse-as-library: the harnesses
    # have an @main type; libFuzzer's own main is not used (see Fuzz/Sources/FuzzSupport).
    nice -n 19 swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
        2>&1 | grep -v "Cannot export local symbol" || true
fi
bin="$(swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld --show-bin-path)"
python3 "$ROOT/scripts/fuzz_seeds.py" "${selected[@]}"

run_target() { # target -> 0 clean, 1 a finding
    local target="$1" log
    mkdir -p "corpus/$target" "artifacts/$target" logs
    log="logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
    echo "== $target for $minutes minute(s); log in Fuzz/$log"
    # One process per target (no -jobs/-workers); the corpus folder first, so new inputs are kept there.
    # Fuzz/lsan.supp: what Swift's one-time global initialisers allocate is not a leak.
    if ! LSAN_OPTIONS="suppressions=$FUZZ/lsan.supp:print_suppressions=0" nice -n 19 "$bin/$target" \
        -max_total_time=$((minutes * 60)) \
        -timeout="${FUZZ_TIMEOUT:-10}" \
        -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
        -max_len="${FUZZ_MAX_LEN:-65536}" \
        -print_final_stats=1 \
        -artifact_prefix="artifacts/$target/" \
        "corpus/$target" "seeds/$target" >"$log" 2>&1; then
        echo "!! $target stopped with a finding; see Fuzz/$log and Fuzz/artifacts/$target/" >&2
        summarize "$target" "$log"
        return 1
    fi
    summarize "$target" "$log"
}

summarize() { # target, log: the run's length, executions, peak memory and any report
    grep -E "^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|^==[0-9]+==ERROR|^SUMMARY" "$2" | sed "s/^/$1: /" || true
}

for target in "${selected[@]}"; do
    [[ -x "$bin/$target" ]] || { echo "scripts/fuzz.sh: $bin/$target was not built" >&2; exit 2; }
done
status=0
parallel="${FUZZ_PARALLEL:-1}"
running=0
for target in "${selected[@]}"; do
    if (( parallel <= 1 )); then
        run_target "$target" || status=1
        continue
    fi
    run_target "$target" &
    running=$((running + 1))
    if (( running >= parallel )); then
        wait -n || status=1
        running=$((running - 1))
    fi
done
while (( running > 0 )); do
    wait -n || status=1
    running=$((running - 1))
done
exit $status
