#!/usr/bin/env bash
# Detector speed (release build): ns per series per tick at 100, 1,000 and 10,000 series.
# 100 and 1,000 series: 14 days of history, then 14 timed days of one-minute ticks.
# 10,000 series: 2 + 2 days (the same per-tick work; 28 days would take several minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/outcry}
[ -x "$binary" ] || swift build -c release --product outcry
"$binary" benchmark-detector --series 100 --history-days 14 --days 14
"$binary" benchmark-detector --series 1000 --history-days 14 --days 14
"$binary" benchmark-detector --series 10000 --history-days 2 --days 2
