#!/usr/bin/env bash
# HTTP ingestion benchmark on loopback: a bare route (GET /healthz, the ceiling), single-report POSTs and
# 100-report POSTs, each with wrk -t2 -c64 for DURATION seconds (default 10), against a release daemon on a
# throwaway database (rate limiting off). Prints requests/s, reports/s, p50/p99 and the daemon's RSS, and
# checks the targets: single POSTs >= 50% of the bare rate, batches >= 200,000 reports/s, p99 < 50 ms,
# RSS < 150 MB. Exit 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
DURATION=${DURATION:-10}
command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -qq wrk >&2; }
build_release

work=$(mktemp -d /tmp/outcry-bench-http.XXXXXX)
trap 'kill -KILL "${DAEMON_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.sqlite"
add_services "$db"
port=$(free_port)
start_daemon "$db" "$port" "$work/daemon.log" --rate-limit 0 --interval 60
url="http://127.0.0.1:$port"

cat >"$work/single.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local services = {"whatsapp", "instagram", "gmail"}
local regions = {"US", "DE", "GB", "FR", "IN", "BR"}
local counter = 0
local prefix = tostring(math.random(1, 1000000000))
request = function()
    counter = counter + 1
    local body = string.format('{"service":"%s","region":"%s","problem":"login","reporter":"bench-%s-%d"}',
        services[counter % 3 + 1], regions[counter % 6 + 1], prefix, counter)
    return wrk.format(nil, "/v1/reports", nil, body)
end
LUA

cat >"$work/batch.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local services = {"whatsapp", "instagram", "gmail"}
local regions = {"US", "DE", "GB", "FR", "IN", "BR"}
local bodies = {}
local prefix = tostring(math.random(1, 1000000000))
for b = 1, 50 do
    local items = {}
    for i = 1, 100 do
        local n = b * 100 + i
        items[i] = string.format('{"service":"%s","region":"%s","problem":"app","reporter":"batch-%s-%d"}',
            services[n % 3 + 1], regions[n % 6 + 1], prefix, n)
    end
    bodies[b] = "[" .. table.concat(items, ",") .. "]"
end
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format(nil, "/v1/reports", nil, bodies[counter % 50 + 1])
end
LUA

run_wrk() {  # name, script-or-empty, path
    local name=$1 script=$2 path=$3 out="$work/$1.txt"
    if [ -n "$script" ]; then
        wrk -t2 -c64 -d"${DURATION}s" --timeout 5s --latency -s "$script" "$url$path" >"$out"
    else
        wrk -t2 -c64 -d"${DURATION}s" --timeout 5s --latency "$url$path" >"$out"
    fi
    local rps p50 p99 non2xx
    rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
    p50=$(awk '$1=="50%" {print $2}' "$out")
    p99=$(awk '$1=="99%" {print $2}' "$out")
    non2xx=$(awk '/Non-2xx/ {print $NF}' "$out")
    echo "$name $rps $p50 $p99 ${non2xx:-0}"
}

to_ms() {  # wrk latency (e.g. 1.23ms, 850.00us, 1.20s) -> milliseconds
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

read -r _ bare_rps bare_p50 bare_p99 bare_bad < <(run_wrk bare "" /healthz)
read -r _ single_rps single_p50 single_p99 single_bad < <(run_wrk single "$work/single.lua" /v1/reports)
read -r _ batch_rps batch_p50 batch_p99 batch_bad < <(run_wrk batch "$work/batch.lua" /v1/reports)
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/"$DAEMON_PID"/status)
hwm_kb=$(awk '/VmHWM/ {print $2}' /proc/"$DAEMON_PID"/status)
metrics=$(curl -s "$url/metrics")
stop_daemon
code=$DAEMON_EXIT
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from report').fetchone()[0])" "$db")

batch_reports=$(awk -v r="$batch_rps" 'BEGIN { printf "%.0f", r * 100 }')
single_share=$(awk -v s="$single_rps" -v b="$bare_rps" 'BEGIN { printf "%.0f", 100 * s / b }')
printf '%-28s %12s %12s %10s %10s %8s\n' "load (wrk -t2 -c64, ${DURATION}s)" "requests/s" "reports/s" "p50 ms" "p99 ms" "non-2xx"
printf '%-28s %12.0f %12s %10s %10s %8s\n' "GET /healthz (ceiling)" "$bare_rps" "-" "$(to_ms "$bare_p50")" "$(to_ms "$bare_p99")" "$bare_bad"
printf '%-28s %12.0f %12.0f %10s %10s %8s\n' "POST 1 report" "$single_rps" "$single_rps" "$(to_ms "$single_p50")" "$(to_ms "$single_p99")" "$single_bad"
printf '%-28s %12.0f %12s %10s %10s %8s\n' "POST 100 reports" "$batch_rps" "$batch_reports" "$(to_ms "$batch_p50")" "$(to_ms "$batch_p99")" "$batch_bad"
echo "single-report POSTs: ${single_share}% of the bare route"
echo "daemon RSS at the end: $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB)"
echo "reports stored: $stored; transactions: $(echo "$metrics" | awk '/^outcry_write_batch_reports_count/ {print $2}'); SIGTERM exit code: $code after ${DAEMON_STOP_SECONDS} s"

fail=0
[ "$single_share" -ge 50 ] || { echo "MISSED: single-report POSTs below 50% of the bare route"; fail=1; }
[ "$batch_reports" -ge 200000 ] || { echo "MISSED: batched below 200,000 reports/s"; fail=1; }
for p in "$single_p99" "$batch_p99"; do
    awk -v v="$(to_ms "$p")" 'BEGIN { exit !(v < 50) }' || { echo "MISSED: p99 $p >= 50 ms"; fail=1; }
done
[ $((hwm_kb / 1024)) -lt 150 ] || { echo "MISSED: RSS peak >= 150 MB"; fail=1; }
[ "$code" = 0 ] || { echo "daemon exit code $code after SIGTERM"; fail=1; }
[ "$fail" = 0 ] && echo "all targets met"
exit "$fail"
