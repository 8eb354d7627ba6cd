#!/usr/bin/env bash
# Import throughput (release build): 2 million simulated reports (10 services, 20 regions, 7 days, a pool
# of reporters with repeats and anonymous reports) written as JSON Lines, then `outcry import` end to end,
# parsing included. Prints reports per second and peak memory (RSS).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/outcry}
reports=${REPORTS:-2000000}
[ -x "$binary" ] || swift build -c release --product outcry
work=$(mktemp -d "${TMPDIR:-/tmp}/outcry-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$binary" simulate --scenario benchmark --reports "$reports" --seed 7 --out "$work/reports.jsonl" \
    --register-services --db "$work/bench.sqlite"
lines=$(wc -l < "$work/reports.jsonl")
echo "file: $lines lines, $(du -m "$work/reports.jsonl" | cut -f1) MB"
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/rss" "$binary" import "$work/reports.jsonl" --db "$work/bench.sqlite"
end=$(date +%s.%N)
python3 - "$start" "$end" "$lines" "$(cat "$work/rss")" <<'PY'
import sys
start, end, lines, rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
print(f"import: {lines} reports in {end - start:.2f} s = {lines / (end - start):,.0f} reports/s, peak RSS {rss / 1024:.0f} MB")
PY
