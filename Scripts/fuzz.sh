#!/usr/bin/env bash
# Fuzzes Outcry's parsers of outside input with libFuzzer, one target after the other.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60; 0 only replays the seeds, a quick regression check). TARGETs default to all of
# them: FuzzReportBody FuzzJSONLines FuzzCSVImport FuzzTimestamp FuzzStatuspage, and FuzzRouteQueries once
# Sources/OutcryModel/Query/ exists. The targets live in Fuzz/<Name>/main.swift and are in the package graph only
# when OUTCRY_FUZZ is set; they are built in release mode with `-sanitize=fuzzer,address` into .build-fuzz/.
#
# Each target starts from its small, committed seed corpus in Tests/Fuzz/<Name>/ (read only) and a growing
# working corpus in .build-fuzz/corpus/<Name>/ (not committed). Limits per input: -timeout=10 s, -rss_limit_mb=2048,
# -max_len per target. A crash, a timeout, an out-of-memory or a failed property leaves its input as
# .build-fuzz/artifacts/<Name>-crash-… (or -timeout-…, -oom-…); replay one with
#   .build-fuzz/release/<Name> <file>
# The script prints the executions per target and exits 1 if any target failed. Bounded in time: it stops by
# itself after about SECONDS per target plus the build. Run it niced on a shared machine: nice -n 10 Scripts/fuzz.sh
set -euo pipefail

cd "$(dirname "$0")/.."

seconds_per_target="${1:-60}"
if ! [[ "$seconds_per_target" =~ ^[0-9]+$ ]]; then
    echo "usage: Scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 64
fi
shift || true

all_targets=(FuzzReportBody FuzzJSONLines FuzzCSVImport FuzzTimestamp FuzzStatuspage)
if [[ -d Sources/OutcryModel/Query ]]; then all_targets+=(FuzzRouteQueries); fi
if [[ $# -gt 0 ]]; then targets=("$@"); else targets=("${all_targets[@]}"); fi

# The longest input per target, in bytes: enough for several reports or lines, small enough to stay fast.
max_len_of() {
    case "$1" in
        FuzzTimestamp) echo 64 ;;
        FuzzRouteQueries) echo 1024 ;;
        FuzzStatuspage) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

scratch=.build-fuzz
artifacts="$scratch/artifacts"
mkdir -p "$artifacts" "$scratch/logs"

echo "== building ${targets[*]} (release, -sanitize=fuzzer,address, scratch $scratch)"
for target in "${targets[@]}"; do
    if [[ ! -d "Fuzz/$target" ]]; then
        echo "no such fuzz target: $target (see Fuzz/)" >&2
        exit 64
    fi
    # --manifest-cache none: the manifest looks at the environment and at Sources/OutcryModel/Query.
    OUTCRY_FUZZ=1 swift build --scratch-path "$scratch" -c release --manifest-cache none \
        -Xswiftc -sanitize=fuzzer,address --product "$target" >"$scratch/logs/build-$target.log" 2>&1 || {
        tail -40 "$scratch/logs/build-$target.log" >&2
        echo "build of $target failed (log: $scratch/logs/build-$target.log)" >&2
        exit 1
    }
done

failed=()
summary=()
for target in "${targets[@]}"; do
    binary="$scratch/release/$target"
    seeds="Tests/Fuzz/$target"
    corpus="$scratch/corpus/$target"
    log="$scratch/logs/$target.log"
    mkdir -p "$corpus" "$seeds"
    options=(
        -rss_limit_mb=2048 -timeout=10 -max_len="$(max_len_of "$target")"
        -print_final_stats=1 -artifact_prefix="$artifacts/$target-"
    )
    if [[ -f "Tests/Fuzz/$target.dict" ]]; then options+=(-dict="Tests/Fuzz/$target.dict"); fi
    if [[ "$seconds_per_target" -eq 0 ]]; then
        echo "== $target: replaying the seeds in $seeds"
        options+=(-runs=0)
    else
        echo "== $target: fuzzing for ${seconds_per_target}s (log: $log)"
        options+=(-max_total_time="$seconds_per_target")
    fi
    started=$(date +%s)
    status=0
    # The working corpus comes first: libFuzzer adds new inputs to the first folder only.
    timeout --kill-after=30 $((seconds_per_target + 300)) \
        "$binary" "${options[@]}" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
    elapsed=$(($(date +%s) - started))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    executions="${executions:-?}"
    corpus_size=$(find "$corpus" -type f | wc -l)
    if [[ "$status" -eq 0 ]]; then
        result="ok"
    else
        result="FAILED (exit $status)"
        failed+=("$target")
        grep -E "^(==[0-9]+==ERROR|SUMMARY|Fatal error|fuzz property failed|.*Test unit written to)" "$log" \
            | head -10 >&2 || true
        tail -5 "$log" >&2
    fi
    line=$(printf '%-17s %6ss %12s executions %8s/s  corpus %5s  %s' "$target" "$elapsed" "$executions" \
        "$([[ "$executions" =~ ^[0-9]+$ && "$elapsed" -gt 0 ]] && echo $((executions / elapsed)) || echo -)" \
        "$corpus_size" "$result")
    echo "$line"
    summary+=("$line")
done

echo "== summary"
printf '%s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "failed: ${failed[*]}; inputs in $artifacts/ (replay: $scratch/release/<Target> <file>)" >&2
    exit 1
fi
