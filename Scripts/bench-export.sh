#!/bin/sh
# Export speed and memory on a year of synthetic incidents for 1,000 services (release build).
#
#   Scripts/bench-export.sh [SERVICES] [--scratch-path PATH]
#   RUNS=3 Scripts/bench-export.sh        # median of three runs per format (for a busy machine)
#
# Seeds a fresh database with the hidden `outcry benchmark-export-seed` (straight through the store API), then
# times `outcry export` in every format over the whole year and reports wall time and peak memory
# (/usr/bin/time's maximum resident set size), the median of RUNS runs (default 1). The SVG and HTML formats
# also chart every service (1,000 charts of daily buckets); the others only read incidents. The target: every
# format under a second and about 50 MB.
set -eu
cd "$(dirname "$0")/.."
services=${1:-1000}
runs=${RUNS:-1}
scratch=""
if [ "${2:-}" = "--scratch-path" ]; then scratch="--scratch-path $3"; fi
# shellcheck disable=SC2086
swift build -c release --product outcry $scratch >/dev/null
# shellcheck disable=SC2086
bin=$(swift build -c release --show-bin-path $scratch)/outcry
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite"
flags="--db $db --now 2025-01-01T00:00:00Z"
# shellcheck disable=SC2086
"$bin" benchmark-export-seed --services "$services" --year 2024 $flags
printf '%-11s %10s %12s %12s\n' FORMAT SECONDS "PEAK RSS MB" "OUTPUT MB"
for format in json csv markdown statuspage svg html; do
    out="$work/export.$format"
    : > "$work/runs"
    run=0
    while [ "$run" -lt "$runs" ]; do
        # shellcheck disable=SC2086
        /usr/bin/time -f '%e %M' -o "$work/time" "$bin" export --format "$format" --since 2024-01-01T00:00Z \
            --until 2025-01-01T00:00Z --output "$out" $flags 2>/dev/null
        cat "$work/time" >> "$work/runs"
        run=$((run + 1))
    done
    seconds=$(sort -n -k1,1 "$work/runs" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    kilobytes=$(sort -n -k2,2 "$work/runs" | awk '{ a[NR] = $2 } END { print a[int((NR + 1) / 2)] }')
    size=$(wc -c < "$out")
    printf '%-11s %10s %12s %12s\n' "$format" "$seconds" "$((kilobytes / 1024))" "$(awk "BEGIN { printf \"%.1f\", $size / 1048576 }")"
done
