#!/usr/bin/env bash
# Failover test: two daemons share one throwaway PostgreSQL (Scripts/with-postgres.sh starts it when
# OUTCRY_TEST_POSTGRES_URL is not set). CLIENTS clients (default 8) post reports to both daemons while the
# current detector leader is killed with kill -9 KILLS times (default 4) and restarted. Checks, and prints:
#   - every report acknowledged with 202 is stored (lost = 0);
#   - after each kill the other daemon reports itself leader on /readyz within 15 s (prints the seconds);
#   - each detection minute was committed exactly once (detector_tick: one row per minute), whoever led;
#   - the outage the data contains is detected once: seven days of quiet history are imported first, then
#     three relays post a surge of distinct reporters for whatsapp from SURGE_AFTER seconds (default 10) on, while
#     the leaders are killed; at the end whatsapp has exactly one global incident and the two quiet services
#     none.
# Exit 1 unless all hold. Release build, loopback only, bounded (KILLS × SPACING seconds, default 4 × 60).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${OUTCRY_TEST_POSTGRES_URL:-}" ]; then exec Scripts/with-postgres.sh "$0" "$@"; fi
source Scripts/daemon-common.sh
KILLS=${KILLS:-4}
CLIENTS=${CLIENTS:-8}
SPACING=${SPACING:-60}
SURGE_AFTER=${SURGE_AFTER:-10}
build_release
db=$OUTCRY_TEST_POSTGRES_URL

work=$(mktemp -d /tmp/outcry-fault-failover.XXXXXX)
pids=()
trap 'for p in "${pids[@]}" "${CLIENT_PID:-0}"; do kill -KILL "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
add_services "$db"

# Seven days of ordinary traffic up to two minutes ago (a few distinct reporters a minute per service, on a
# daily cycle), so the detector has a baseline to judge the surge against.
python3 - "$work/history.jsonl" <<'PY'
import json, math, random, sys, time
rng, now = random.Random(7), int(time.time()) // 60 * 60
with open(sys.argv[1], "w") as out:
    for minute in range(now - 7 * 86400, now - 120, 60):
        daily = 1 + 0.6 * math.sin(2 * math.pi * (minute % 86400) / 86400)
        for service in ("whatsapp", "instagram", "gmail"):
            for _ in range(sum(rng.random() < 0.5 * daily for _ in range(6))):
                out.write(json.dumps({"service": service, "region": rng.choice(["US", "DE", "FR"]), "problem": "login",
                                      "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(minute + rng.randrange(60))),
                                      "reporter": f"history-{rng.randrange(10**9)}"}) + "\n")
PY
"$OUTCRY_BIN" import "$work/history.jsonl" --db "$db" >&2
# Three relays (one relay alone never carries a spike: the detector discounts the largest one).
surge_tokens=$(for relay in 1 2 3; do "$OUTCRY_BIN" token add "surge-$relay" --relay --rate 0 --db "$db" 2>/dev/null | head -1; done | paste -sd,)
port_a=$(free_port)
port_b=$(free_port)
declare -A pid_of

start() {  # port
    start_daemon "$db" "$1" "$work/daemon-$1.log" --rate-limit 0 --interval 1
    pid_of[$1]=$DAEMON_PID
    pids+=("$DAEMON_PID")
}
role() {  # port → leader | follower | down
    curl -sf "http://127.0.0.1:$1/readyz" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["detector"])' 2>/dev/null || echo down
}

start "$port_a"
start "$port_b"

cat >"$work/clients.py" <<'PY'
import http.client, json, os, random, sys, threading, time
ports, clients, stop_file, out = [int(p) for p in sys.argv[1].split(",")], int(sys.argv[2]), sys.argv[3], sys.argv[4]
tokens, surge_after = sys.argv[5].split(","), float(sys.argv[6])
acked, lock = [], threading.Lock()

class Poster:
    """One client's connection: posts a batch, records its ids when acknowledged (202), and moves to the other
    daemon when a request fails."""
    def __init__(self, port):
        self.conn, self.port = None, port

    def post(self, ids, items, headers):
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            self.conn.request("POST", "/v1/reports", json.dumps(items), {"Content-Type": "application/json", **headers})
            response = self.conn.getresponse()
            response.read()
            if response.status == 202:
                with lock:
                    acked.extend(ids)
            return True
        except Exception:
            self.conn = None
            self.port = ports[(ports.index(self.port) + 1) % len(ports)]
            return False

def surge():
    """The outage: three relays' users (distinct reporters) report whatsapp login failures, 20 a second."""
    time.sleep(surge_after)
    seq, poster = 0, Poster(ports[0])
    while not os.path.exists(stop_file):
        ids, items = [], []
        for _ in range(10):
            seq += 1
            ids.append(f"ack-surge-{seq}")
            items.append({"service": "whatsapp", "region": ["US", "DE", "FR"][seq % 3], "problem": "login",
                          "reporter": f"surge-user-{seq}", "comment": ids[-1]})
        poster.post(ids, items, {"Authorization": "Bearer " + tokens[seq % len(tokens)]})
        time.sleep(0.5)

def client(number):
    rng = random.Random(number)
    seq, poster = 0, Poster(ports[number % len(ports)])
    while not os.path.exists(stop_file):
        size = rng.choice([1, 1, 5, 20])
        ids, items = [], []
        for _ in range(size):
            seq += 1
            tag = f"ack-{number}-{seq}"
            ids.append(tag)
            items.append({"service": rng.choice(["whatsapp", "instagram", "gmail"]), "region": rng.choice(["US", "DE", "FR"]),
                          "problem": "login", "comment": tag})
        if not poster.post(ids, items, {}):
            time.sleep(0.05)

threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)] + [threading.Thread(target=surge)]
for t in threads: t.start()
for t in threads: t.join()
with open(out, "w") as f:
    f.write("\n".join(acked))
PY
python3 "$work/clients.py" "$port_a,$port_b" "$CLIENTS" "$work/stop" "$work/acked.txt" "$surge_tokens" "$SURGE_AFTER" &
CLIENT_PID=$!

failovers=()
for kill_number in $(seq 1 "$KILLS"); do
    sleep "$SPACING"
    leader=
    for port in "$port_a" "$port_b"; do [ "$(role "$port")" = leader ] && leader=$port; done
    if [ -z "$leader" ]; then echo "no leader before kill $kill_number" >&2; exit 1; fi
    other=$([ "$leader" = "$port_a" ] && echo "$port_b" || echo "$port_a")
    kill -KILL "${pid_of[$leader]}"
    started=$(date +%s.%N)
    took=
    for _ in $(seq 1 150); do
        if [ "$(role "$other")" = leader ]; then
            took=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
            break
        fi
        sleep 0.1
    done
    echo "kill -9 of the leader on :$leader ($kill_number/$KILLS): :$other leads after ${took:-never} s" >&2
    [ -n "$took" ] || { echo "no failover within 15 s" >&2; exit 1; }
    failovers+=("$took")
    start "$leader"
done
sleep 3
touch "$work/stop"
wait "$CLIENT_PID"
for port in "$port_a" "$port_b"; do DAEMON_PID=${pid_of[$port]}; stop_daemon; done

psql "$db" -Atc "SELECT comment FROM report WHERE comment LIKE 'ack-%'" >"$work/stored.txt"
echo "detector_tick (each row: detection committed up to that minute, by that daemon; a row covers every minute" >&2
echo "since the row before it, so the chain has no gap and no minute twice):" >&2
psql "$db" -c "SELECT to_timestamp(minute * 60) AT TIME ZONE 'UTC' AS minute, daemon, to_timestamp(committed_at) AT TIME ZONE 'UTC' AS committed FROM detector_tick ORDER BY minute" >&2
psql "$db" -Atc "SELECT 'detector state at ' || (SELECT last_tick / 60 FROM detector_state) || ', last tick row ' || (SELECT max(minute) FROM detector_tick)" >&2
echo "incidents (unofficial, detected from the reports):" >&2
psql "$db" -c "SELECT id, service, region, status, level, to_timestamp(started_at) AT TIME ZONE 'UTC' AS started, to_timestamp(detected_at) AT TIME ZONE 'UTC' AS detected FROM incident ORDER BY started_at, id" >&2
incidents=$(psql "$db" -Atc "SELECT (SELECT count(*) FROM incident WHERE service = 'whatsapp' AND region = 'global'), (SELECT count(*) FROM incident WHERE service <> 'whatsapp')")
python3 - "$work/acked.txt" "$work/stored.txt" "${failovers[*]}" "$(psql "$db" -Atc "SELECT count(*), count(DISTINCT minute), count(DISTINCT daemon), COALESCE(max(minute) - min(minute) + 1, 0) FROM detector_tick")" "$incidents" <<'PY'
import sys
acked = set(l for l in open(sys.argv[1]).read().split("\n") if l)
stored = set(l for l in open(sys.argv[2]).read().split("\n") if l)
failovers = [float(x) for x in sys.argv[3].split()]
rows, minutes, daemons, span = (int(x) for x in sys.argv[4].split("|"))
lost = len(acked - stored)
print(f"acknowledged {len(acked)}, stored {len(acked & stored)}, lost {lost}"
      f" (of them the outage's reports: {sum(1 for a in acked if a.startswith('ack-surge-'))})")
print(f"failovers: {len(failovers)}, seconds to a new leader: max {max(failovers):.1f}, mean {sum(failovers)/len(failovers):.1f}")
print(f"detection ticks committed: {rows} rows for {minutes} distinct minutes (span {span}), by {daemons} daemon processes")
outage, quiet = (int(x) for x in sys.argv[5].split("|"))
print(f"the outage: {outage} global whatsapp incident(s) (want 1); incidents of the quiet services: {quiet} (want 0)")
ok = lost == 0 and len(acked) > 0 and rows == minutes and rows > 0 and outage == 1 and quiet == 0
sys.exit(0 if ok else 1)
PY
