#!/usr/bin/env bash
# Crash test: CLIENTS concurrent clients (default 8) post reports (single and small batches) and record each
# report whose request got 202, while the daemon is kill -9'ed KILLS times (default 5) at random moments and
# restarted. Afterwards every acknowledged report must be in the database. Prints
# "acknowledged A, stored S, lost L" and exits 1 unless L = 0. Release build, loopback, about 30 s.
# BACKEND=postgresql runs the same test on a throwaway PostgreSQL (Scripts/with-postgres.sh) instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKEND=${BACKEND:-sqlite}
if [ "$BACKEND" = postgresql ] && [ -z "${OUTCRY_TEST_POSTGRES_URL:-}" ]; then exec Scripts/with-postgres.sh "$0" "$@"; fi
source Scripts/daemon-common.sh
KILLS=${KILLS:-5}
CLIENTS=${CLIENTS:-8}
build_release

work=$(mktemp -d /tmp/outcry-fault-kill9.XXXXXX)
trap 'kill -KILL "${DAEMON_PID:-0}" "${CLIENT_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/fault.sqlite"
[ "$BACKEND" = postgresql ] && db=$OUTCRY_TEST_POSTGRES_URL
add_services "$db"
port=$(free_port)
start_daemon "$db" "$port" "$work/daemon.log" --rate-limit 0 --interval 2

cat >"$work/clients.py" <<'PY'
import http.client, json, os, random, sys, threading, time
port, clients, stop_file, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
acked, lock = [], threading.Lock()

def client(number):
    rng = random.Random(number)
    seq = 0
    conn = None
    while not os.path.exists(stop_file):
        size = rng.choice([1, 1, 1, 5, 20])
        ids = []
        items = []
        for _ in range(size):
            seq += 1
            tag = f"ack-{number}-{seq}"
            ids.append(tag)
            items.append({"service": rng.choice(["whatsapp", "instagram", "gmail"]), "region": rng.choice(["US", "DE", "FR"]),
                          "problem": "login", "reporter": f"fault-{number}-{seq}", "comment": tag})
        body = json.dumps(items if size > 1 else items[0])
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("POST", "/v1/reports", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            if response.status == 202:
                with lock:
                    acked.extend(ids)
        except Exception:
            conn = None
            time.sleep(0.05)

threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
with open(out, "w") as f:
    f.write("\n".join(acked))
PY

python3 "$work/clients.py" "$port" "$CLIENTS" "$work/stop" "$work/acked.txt" &
CLIENT_PID=$!
for kill_number in $(seq 1 "$KILLS"); do
    sleep "$(python3 -c 'import random; print(round(random.uniform(1.0, 3.0), 2))')"
    kill -KILL "$DAEMON_PID"
    wait "$DAEMON_PID" 2>/dev/null || true
    echo "kill -9 number $kill_number; restarting" >&2
    start_daemon "$db" "$port" "$work/daemon.log" --rate-limit 0 --interval 2
done
sleep 2
touch "$work/stop"
wait "$CLIENT_PID"
stop_daemon
code=$DAEMON_EXIT

if [ "$BACKEND" = postgresql ]; then
    psql "$db" -Atc "SELECT comment FROM report WHERE comment LIKE 'ack-%'" >"$work/stored.txt"
else
    python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute("select comment from report where comment like '"'"'ack-%'"'"'"): print(row[0])' \
        "$db" >"$work/stored.txt"
fi
python3 - "$work/stored.txt" "$work/acked.txt" "$code" <<'PY'
import sys
stored_file, acked_file, code = sys.argv[1], sys.argv[2], sys.argv[3]
acked = set(line for line in open(acked_file).read().split("\n") if line)
stored_tags = set(line for line in open(stored_file).read().split("\n") if line)
stored = len(acked & stored_tags)
lost = len(acked - stored_tags)
print(f"acknowledged {len(acked)}, stored {stored}, lost {lost} (rows in database: {len(stored_tags)}; final SIGTERM exit code {code})")
sys.exit(0 if lost == 0 and len(acked) > 0 else 1)
PY
