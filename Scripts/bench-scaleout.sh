#!/usr/bin/env bash
# Scale-out benchmark: 100-report POSTs (wrk, DURATION seconds each, default 10) against ONE daemon, then
# spread over TWO daemons, all on one throwaway PostgreSQL (Scripts/with-postgres.sh starts it unless
# OUTCRY_TEST_POSTGRES_URL is set), and the same load on one daemon over SQLite for reference. Prints
# requests/s, reports/s (stored, counted from the database), p99 latency and the rows the database holds
# afterwards. Release build, loopback only, bounded. On this 2-core machine the daemons, wrk and PostgreSQL
# share the cores: read the two-daemon row as "adds no loss and no errors", not as a speed-up.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${OUTCRY_TEST_POSTGRES_URL:-}" ]; then exec Scripts/with-postgres.sh "$0" "$@"; fi
source Scripts/daemon-common.sh
DURATION=${DURATION:-10}
command -v wrk >/dev/null || { echo "installing wrk" >&2; apt-get install -y -qq wrk >&2; }
build_release
pg=$OUTCRY_TEST_POSTGRES_URL

work=$(mktemp -d /tmp/outcry-bench-scaleout.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

cat >"$work/batch.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local services = {"whatsapp", "instagram", "gmail"}
local regions = {"US", "DE", "GB", "FR", "IN", "BR"}
local bodies = {}
for b = 1, 50 do
    local items = {}
    for i = 1, 100 do
        local n = b * 100 + i
        items[i] = string.format('{"service":"%s","region":"%s","problem":"app"}', services[n % 3 + 1], regions[n % 6 + 1])
    end
    bodies[b] = "[" .. table.concat(items, ",") .. "]"
end
local counter = 0
request = function()
    counter = counter + 1
    return wrk.format(nil, "/v1/reports", nil, bodies[counter % 50 + 1])
end
LUA

stored() {  # db → reports stored
    case "$1" in
        postgres*) psql "$1" -Atc "SELECT count(*) FROM report" ;;
        *) python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from report").fetchone()[0])' "$1" ;;
    esac
}

# cpu PID... → CPU seconds (user + system) those processes have used so far.
cpu() {
    python3 - "$@" <<'PY'
import os, sys
ticks, total = os.sysconf("SC_CLK_TCK"), 0
for pid in sys.argv[1:]:
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        pass
print(f"{total / ticks:.1f}")
PY
}

# run NAME DB DAEMONS: starts DAEMONS daemons on DB, loads them together, prints one row and where the CPU went.
run() {
    local name=$1 db=$2 count=$3 ports=() wrk_pids=()
    add_services "$db"
    for _ in $(seq 1 "$count"); do
        local port
        port=$(free_port)
        start_daemon "$db" "$port" "$work/daemon-$port.log" --rate-limit 0 --rate-burst 1000 --interval 60
        pids+=("$DAEMON_PID")
        ports+=("$port")
    done
    local before daemons_cpu pg_cpu
    before=$(stored "$db")
    daemons_cpu=$(cpu "${pids[@]}")
    pg_cpu=$(cpu $(pgrep -x postgres || true))
    local connections=$((64 / count))
    for port in "${ports[@]}"; do
        wrk -t1 -c"$connections" -d"${DURATION}s" --latency -s "$work/batch.lua" "http://127.0.0.1:$port/v1/reports" \
            >"$work/wrk-$port.txt" 2>&1 &
        wrk_pids+=($!)
    done
    for pid in "${wrk_pids[@]}"; do wait "$pid"; done
    local after
    after=$(stored "$db")
    local cpu_line
    cpu_line="    CPU seconds in ${DURATION}s: daemons $(awk -v a="$daemons_cpu" -v b="$(cpu "${pids[@]}")" 'BEGIN{printf "%.1f", b-a}'), postgres $(awk -v a="$pg_cpu" -v b="$(cpu $(pgrep -x postgres || true))" 'BEGIN{printf "%.1f", b-a}') (2 cores = $((2 * DURATION)) s)"
    python3 - "$name" "$DURATION" "$before" "$after" "${ports[@]/#/$work/wrk-}" <<'PY'
import re, sys
name, duration, before, after, files = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:]
requests, p99, errors = 0.0, 0.0, 0
for file in files:
    text = open(file + ".txt").read()
    requests += float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    match = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    if match:
        value = float(match.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[match.group(2)]
        p99 = max(p99, value)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors += int(non2xx.group(1)) if non2xx else 0
print(f"{name:<28} {requests:>9.0f} req/s  {(after - before) / duration:>9.0f} reports/s stored  p99 {p99:6.1f} ms  non-2xx {errors}")
PY
    echo "$cpu_line"
    for pid in "${pids[@]}"; do DAEMON_PID=$pid; stop_daemon; done
    pids=()
}

echo "100 reports per POST, wrk ${DURATION}s, 64 connections in all"
run "sqlite, 1 daemon" "$work/bench.sqlite" 1
run "postgresql, 1 daemon" "$pg" 1
run "postgresql, 2 daemons" "$pg" 2
