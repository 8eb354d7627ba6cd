#!/usr/bin/env bash
# Abuse test of the trust model, on loopback, bounded to about 6 minutes (release build not included).
#
# A release daemon (--interval 5) on a database holding 8 days of imported background history that ends now,
# behind a small reverse proxy (python3) that appends the peer address to X-Forwarded-For, as nginx does; the
# daemon runs with --trust-forwarded-for (one hop).
#
# Phase 1, one client tries every way to fabricate an outage of "gmail" (a calm service), each way from its
# own loopback address 127.0.0.2…7 so that each meets the defences with a full rate-limit bucket: bodies
# full of made-up reporter ids, forged X-Forwarded-For values, many IPv6 addresses of one /64 (simulated as
# the proxy's entry, since loopback has only ::1), dashboard form posts with a foreign Origin, old `at`, and
# a relay token sending hundreds of reporter ids (one source). Then two minute boundaries pass: no incident
# may open.
# Phase 2, 300 distinct source addresses 127.1.0.1 … 127.1.1.44 (the client socket bound to each) report
# gmail once each: a likely incident must open within a few ticks.
#
# Prints reports sent, accepted (202), counted, the refusals by status, incidents opened, the detector's
# status of gmail, and the ticks and seconds to detection. Exits 1 unless both outcomes hold.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
build_release

work=$(mktemp -d /tmp/outcry-abuse.XXXXXX)
trap 'kill -TERM "${DAEMON_PID:-0}" "${PROXY_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/abuse.sqlite"
add_services "$db"

# 8 days of background ending at the current minute: gmail ~1 report/min, whatsapp ~4/min, US and DE, each
# report from its own reporter (the operator's import is trusted).
python3 - "$work/history.jsonl" <<'PY'
import json, random, sys, time
rng = random.Random(7)
now = int(time.time()) // 60 * 60
start = now - 8 * 86400
with open(sys.argv[1], "w") as out:
    for minute in range(start, now, 60):
        for service, rate in (("gmail", 1.0), ("whatsapp", 4.0)):
            for region in ("US", "DE"):
                mean, count, p = rate / 2, 0, rng.random()
                # Poisson by inversion (small means).
                import math
                term = math.exp(-mean); cumulative = term
                while p > cumulative:
                    count += 1; term *= mean / count; cumulative += term
                for _ in range(count):
                    out.write(json.dumps({"service": service, "region": region, "problem": "login",
                                          "at": minute + rng.randrange(60),
                                          "reporter": "bg-%d" % rng.randrange(10**9)}) + "\n")
PY
echo "importing $(wc -l <"$work/history.jsonl") background reports (8 days ending now)"
"$OUTCRY_BIN" import "$work/history.jsonl" --db "$db" >/dev/null
"$OUTCRY_BIN" detect --db "$db" >/dev/null
relay_token=$("$OUTCRY_BIN" token add abuse-relay --relay --db "$db" 2>/dev/null)

port=$(free_port)
proxy_port=$(free_port)
start_daemon "$db" "$port" "$work/daemon.log" --interval 5 --trust-forwarded-for --trusted-proxy-hops 1

# The operator's reverse proxy: forwards to the daemon and appends the peer address to X-Forwarded-For.
cat >"$work/proxy.py" <<'PY'
import http.client, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
listen, upstream = int(sys.argv[1]), int(sys.argv[2])

class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *args): pass
    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "x-forwarded-for")}
        forwarded = self.headers.get_all("X-Forwarded-For") or []
        headers["X-Forwarded-For"] = ", ".join(forwarded + [self.client_address[0]])
        conn = http.client.HTTPConnection("127.0.0.1", upstream, timeout=10)
        conn.request(self.command, self.path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("connection", "transfer-encoding", "content-length"): self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()
    do_GET = do_POST = forward

ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", listen), Proxy).serve_forever()
PY
python3 "$work/proxy.py" "$proxy_port" "$port" &
PROXY_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$proxy_port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

status=0
python3 - "$proxy_port" "$port" "$relay_token" "$db" <<'PY' || status=$?
import http.client, json, random, sqlite3, sys, time, urllib.parse
proxy, daemon, relay_token, db = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
rng = random.Random(1)

def post(port, path, body, headers=None, source="127.0.0.1"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    conn.request("POST", path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read().decode()
    conn.close()
    return response.status, data

def get(path):
    conn = http.client.HTTPConnection("127.0.0.1", daemon, timeout=10)
    conn.request("GET", path)
    data = conn.getresponse().read().decode()
    conn.close()
    return data

def metric(name):
    total = 0.0
    for line in get("/metrics").splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            total += float(line.rsplit(" ", 1)[1])
    return total

def incidents():
    connection = sqlite3.connect(db)
    rows = connection.execute("SELECT id, level, region FROM incident WHERE service = 'gmail'").fetchall()
    connection.close()
    return rows

def gmail_status():
    listing = json.loads(get("/v1/services"))
    service = next((s for s in listing.get("services", []) if s.get("slug") == "gmail"), {})
    return "level %s, observed %s, baseline %.1f, possible_flood %s" % (
        service.get("level"), service.get("observed"), service.get("baseline") or 0, service.get("possible_flood"))

def report(reporter=None, at=None):
    item = {"service": "gmail", "region": "US", "problem": "login"}
    if reporter is not None: item["reporter"] = reporter
    if at is not None: item["at"] = at
    return item

class Tally:
    def __init__(self, name):
        self.name, self.sent, self.accepted, self.counted, self.statuses = name, 0, 0, 0, {}
    def add(self, count, status, data):
        self.sent += count
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status == 202:
            answer = json.loads(data)
            self.accepted += answer["accepted"]
            self.counted += answer["counted"]
        elif status == 302:  # a form post that went through
            self.accepted += count
    def line(self):
        statuses = ", ".join("%d×%d" % (n, s) for s, n in sorted(self.statuses.items()))
        return "  %-52s sent %5d  accepted %5d  counted %4d   answers: %s" % (
            self.name, self.sent, self.accepted, self.counted, statuses)

json_headers = {"Content-Type": "application/json"}
incidents_before = len(incidents())
print("phase 1: one client tries to fabricate an outage of gmail (%s)" % gmail_status())
tallies = []

# Each path from its own address (127.0.0.2, .3, …), so each meets the defences with a full rate-limit bucket.
t = Tally("old at (20 reports, 1 hour to 6 days old)")
for i in range(20):
    at = int(time.time()) - rng.randrange(3600, 6 * 86400)
    t.add(1, *post(proxy, "/v1/reports", json.dumps(report(at=at)), json_headers, source="127.0.0.2"))
tallies.append(t)

t = Tally("reporter ids in bodies (1 × 1,000, then 10 × 100)")
body = [report(reporter="fake-%d" % i) for i in range(1000)]
t.add(1000, *post(proxy, "/v1/reports", json.dumps(body), json_headers, source="127.0.0.3"))
for round in range(10):
    body = [report(reporter="fake-%d-%d" % (round, i)) for i in range(100)]
    t.add(100, *post(proxy, "/v1/reports", json.dumps(body), json_headers, source="127.0.0.3"))
tallies.append(t)

t = Tally("forged X-Forwarded-For values (200 requests)")
for i in range(200):
    forged = ", ".join("%d.%d.%d.%d" % tuple(rng.randrange(1, 255) for _ in range(4)) for _ in range(rng.randrange(1, 4)))
    t.add(1, *post(proxy, "/v1/reports", json.dumps(report()), dict(json_headers, **{"X-Forwarded-For": forged}),
                   source="127.0.0.4"))
tallies.append(t)

t = Tally("IPv6 addresses of one /64 (200, as the proxy's entry)")
for i in range(200):
    address = "2001:db8:abcd:12:%x:%x:%x:%x" % tuple(rng.randrange(65536) for _ in range(4))
    t.add(1, *post(daemon, "/v1/reports", json.dumps(report()), dict(json_headers, **{"X-Forwarded-For": address})))
tallies.append(t)

def counted_http():
    connection = sqlite3.connect(db)
    value = connection.execute("SELECT COUNT(*) FROM report WHERE counted = 1 AND source = 'http'").fetchone()[0]
    connection.close()
    return value

t = Tally("dashboard form posts with a foreign Origin (100)")
counted_before = counted_http()
for i in range(100):
    form = urllib.parse.urlencode({"region": "US", "problem": "login"})
    t.add(1, *post(proxy, "/services/gmail/report", form, {
        "Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example",
        "X-Forwarded-For": "10.0.%d.%d" % (i // 250, i % 250 + 1)}, source="127.0.0.5"))
t.counted = counted_http() - counted_before  # a form answer (302) does not say; the database does
tallies.append(t)

t = Tally("one relay token, 500 distinct reporter ids")
for round in range(5):
    body = [report(reporter="relay-user-%d-%d" % (round, i)) for i in range(100)]
    t.add(100, *post(proxy, "/v1/reports", json.dumps(body),
                     dict(json_headers, Authorization="Bearer " + relay_token), source="127.0.0.6"))
tallies.append(t)

t = Tally("unknown bearer token (20)")
for i in range(20):
    t.add(1, *post(proxy, "/v1/reports", json.dumps(report()), dict(json_headers, Authorization="Bearer outcry_forged%d" % i),
                   source="127.0.0.7"))
tallies.append(t)

for t in tallies: print(t.line())
sent = sum(t.sent for t in tallies)
counted = sum(t.counted for t in tallies)
print("  total: %d reports sent, %d accepted, %d counted" % (sent, sum(t.accepted for t in tallies), counted))

# Let two minute boundaries pass so the detector judges the minutes of the attack.
ticks_before = metric("outcry_detection_tick_duration_seconds_count")
deadline = (int(time.time()) // 60 + 2) * 60 + 12
flood_seen = single_source_seen = False
while time.time() < deadline:
    status = gmail_status()
    if "possible_flood True" in status: flood_seen = True
    if metric('outcry_possible_flood_series{cause="single_source"}') > 0: single_source_seen = True
    time.sleep(2)
opened = len(incidents()) - incidents_before
print("  after %d detection ticks: %d incidents opened; gmail: %s%s" % (
    metric("outcry_detection_tick_duration_seconds_count") - ticks_before, opened, gmail_status(),
    " (labelled a possible flood while it lasted)" if flood_seen else ""))
print("  metric outcry_possible_flood_series{cause=\"single_source\"} was %s" % ("> 0 (the relay's spike)" if single_source_seen else "0"))
phase1_ok = opened == 0

print("phase 2: 300 distinct source addresses in 127.1.0.0/16 report gmail once each")
t = Tally("crowd of 300 networks")
started = time.time()
ticks_start = metric("outcry_detection_tick_duration_seconds_count")
for n in range(300):
    source = "127.1.%d.%d" % (n // 256, n % 256 + 1) if n < 255 else "127.1.1.%d" % (n - 254)
    t.add(1, *post(proxy, "/v1/reports", json.dumps(report()), json_headers, source=source))
print(t.line())
print("  sent in %.1f s" % (time.time() - started))
detected = None
while time.time() < started + 150:
    rows = [row for row in incidents() if row[1] == "likely"]
    if len(rows) > 0:
        detected = time.time()
        break
    time.sleep(1)
if detected:
    ticks = metric("outcry_detection_tick_duration_seconds_count") - ticks_start
    print("  likely incident opened %.0f s after the first report, %d detection ticks later (interval 5 s; a minute" % (
        detected - started, ticks))
    print("  is judged once it is over): %s" % ", ".join("%s (%s, %s)" % row for row in incidents()))
    print("  gmail now: %s" % gmail_status())
else:
    print("  MISSED: no likely incident within 150 s; gmail: %s" % gmail_status())
print("outcome: fabricated outage %s; real crowd %s" % (
    "refused on every path" if phase1_ok else "NOT refused", "detected" if detected else "NOT detected"))
sys.exit(0 if phase1_ok and detected else 1)
PY
stop_daemon
echo "daemon exit code after SIGTERM: $DAEMON_EXIT"
exit "$status"
