#!/usr/bin/env python3
"""Out-of-schema ("negative") requests on every route of a loopback Outcry daemon.

Usage: fuzz-api-negative.py PORT [REQUESTS] [SECONDS] [SEED]

Sends REQUESTS requests (default 3000, stopping after SECONDS, default 120) built from hostile values: huge,
negative and overflowing numbers, wrong types, unknown enum values, bad cursors, garbage percent-encoding,
very long query strings, foreign origins, broken request lines. Checks that the daemon answers every request
that reaches a handler with a status below 500, and that it is still alive and healthy at the end. Prints
the count per route and status. Exits 1 on any 5xx or if the daemon stops answering.
"""
import collections
import http.client
import json
import random
import socket
import sys
import time

port = int(sys.argv[1])
total = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 120
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 10)

NUMBERS = ["9223372036854775807", "-9223372036854775808", "9223372036854775808", "18446744073709551616",
           "-1", "0", "1e308", "-1e308", "1e999", "NaN", "Infinity", "0x7fffffff", "00000000000000000001",
           "153722867280912931", "4102444801", "-62135596800", "1.5", "+1", " 1", "9" * 400]
WORDS = ["", "true", "false", "yes", "TRUE", "null", "[]", "{}", "global", "GLOBAL", "US", "US-CA", "XX", "U",
         "us-ca-x", "whatsapp", "WhatsApp", "meta", "-a", "a" * 64, "1m", "5m", "15m", "60m", "1h", "1d", "7m",
         "15", "m", "2024-03-05T15:00:00Z", "2024-13-45T25:61:61Z", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
         "2024-03-05T15:00:00+25:00", "yesterday", "<script>alert(1)</script>", "'; DROP TABLE report;--",
         "../../etc/passwd", "\u202e", "😀", "é"]
GARBAGE = ["%", "%%", "%4", "%zz", "%00", "%FF%FE", "%C3%28", "%E2%82", "%F0%9F%98", "%2", "+%+", "%25%",
           "%0d%0aX-Injected:%201", "a%00b", "%u0041"]
CURSORS = ["", "zz", "00", "69313a", "69313a313a", "69313a2d313a78", "6931", "ABCDEF", "g" * 10, "0" * 5000,
           "69313a393939393939393939393939393a78", "69313a313a" + "78" * 300, "%69%31", "69313a313a%00"]
QUERY_ROUTES = {
    "/v1/services/whatsapp/series": ["region", "from", "to", "bucket"],
    "/v1/incidents": ["active", "service", "group", "region", "since", "until", "limit", "cursor"],
    "/v1/events": ["active", "service", "group", "region", "since", "until"],
    "/v1/services": ["limit", "cursor"],
    "/v1/services/whatsapp/badge.svg": ["style"],
    "/embed/whatsapp": ["reported"],
    "/services/whatsapp": ["reported"],
}
PATHS = ["/", "/v1/services", "/v1/services/whatsapp", "/v1/services/nosuch", "/v1/services/WhatsApp",
         "/v1/services/" + "a" * 300, "/v1/services/%FF", "/v1/services/whatsapp/series", "/v1/services/nosuch/series",
         "/v1/incidents", "/v1/incidents.atom", "/v1/incidents/whatsapp/US/1", "/v1/incidents/" + "x/" * 200,
         "/v1/incidents/%", "/v1/incidents/%2F%2F", "/v1/events", "/services/whatsapp", "/services/%00",
         "/services/nosuch", "/v1/services/nosuch/badge.svg", "/v1/services/%FF/badge.svg",
         "/embed/nosuch", "/embed/%00", "/embed/" + "e" * 300, "/healthz", "/readyz", "/metrics", "/openapi.yaml", "/nosuch", "//", "/v1/"]


def value():
    pick = rng.random()
    if pick < 0.3:
        return rng.choice(NUMBERS)
    if pick < 0.6:
        return rng.choice(WORDS)
    if pick < 0.8:
        return rng.choice(GARBAGE)
    if pick < 0.9:
        return rng.choice(CURSORS)
    return "".join(chr(rng.randint(0x21, 0x7e)) for _ in range(rng.randint(1, 50)))


def encoded(text):
    # Values are sent as they are when they are already (broken) percent-encodings, else encoded.
    if "%" in text and rng.random() < 0.7:
        # Keep the broken escapes, percent-encode anything a request line cannot carry.
        return "".join(c if 0x21 <= ord(c) < 0x7f and c not in "#&" else "".join("%%%02X" % b for b in c.encode())
                       for c in text)
    return "".join(c if (c.isascii() and c.isalnum()) or c in "-._~" else "%%%02X" % b for c in text for b in c.encode())


def query(names):
    pairs = []
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5, 40])):
        name = rng.choice(names + ["x", "bucket", "limit", "cursor", "%ZZ", ""])
        pairs.append(f"{encoded(name) if '%' not in name else name}={encoded(value())}")
    if rng.random() < 0.03:
        pairs.append("x=" + "a" * rng.choice([3000, 5000, 20000]))
    return "&".join(pairs)


def report_body():
    fields = {"service": "whatsapp", "region": "US", "problem": "login"}
    for key in rng.sample(["service", "region", "problem", "at", "reporter", "comment", "extra"], rng.randint(1, 4)):
        fields[key] = rng.choice([value(), int(rng.choice(["1", "-1", "0"])), 1e308, -9223372036854775808,
                                  2 ** 70, None, [], {}, True, "x" * rng.choice([10, 300, 5000])])
    body = fields if rng.random() < 0.7 else [fields] * rng.randint(0, 50)
    text = json.dumps(body)
    if rng.random() < 0.1:
        text = text[: rng.randint(0, len(text))]
    return text


def request():
    """One request: (method, path, headers, body, route label)."""
    roll = rng.random()
    if roll < 0.55:
        route = rng.choice(list(QUERY_ROUTES))
        return "GET", route + "?" + query(QUERY_ROUTES[route]), {}, None, route
    if roll < 0.7:
        path = rng.choice(PATHS)
        return "GET", path + ("?" + query(["limit", "x"]) if rng.random() < 0.3 else ""), {}, None, "GET other"
    if roll < 0.85:
        origin = rng.choice(["https://evil.example", "null", "http://127.0.0.1:%d" % port, None, "%%%", "x" * 3000])
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is not None:
            headers["Origin"] = origin
        if rng.random() < 0.3:
            headers["Sec-Fetch-Site"] = rng.choice(["cross-site", "same-site", "same-origin", "none", "garbage"])
        body = "&".join(f"{encoded(rng.choice(['region', 'problem', 'comment', 'x']))}={encoded(value())}"
                        for _ in range(rng.randint(0, 6)))
        slug = rng.choice(["whatsapp", "nosuch", "%FF", "A"])
        if rng.random() < 0.4:
            return "POST", f"/embed/{slug}/report", headers, body, "POST /embed/{slug}/report"
        return "POST", f"/services/{slug}/report", headers, body, "POST /services/{slug}/report"
    headers = {"Content-Type": rng.choice(["application/json", "text/plain", "application/x-www-form-urlencoded"])}
    return "POST", "/v1/reports" + ("?partial=" + encoded(value()) if rng.random() < 0.4 else ""), headers, \
        report_body(), "POST /v1/reports"


def raw_garbage():
    """A broken HTTP request on a raw socket; the daemon may answer 4xx or close, never die."""
    lines = [b"GET /v1/incidents?limit=%zz HTTP/1.1\r\nHost: x\r\n\r\n",
             b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
             b"\x00\x01\x02\xff\r\n\r\n",
             b"GET /v1/services HTTP/9.9\r\n\r\n",
             b"POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
             b"POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
             b"GET /v1/services HTTP/1.1\r\nHost: x\r\nX: " + b"y" * 200000 + b"\r\n\r\n",
             b"GET /v1/services/whatsapp/series?bucket=9223372036854775807 HTTP/1.1\r\nHost: x\r\n\r\n"]
    data = rng.choice(lines)
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(data)
            answer = sock.recv(64)
            return answer.split(b" ")[1].decode() if answer.startswith(b"HTTP/1.1 ") else "closed"
    except OSError:
        return "closed"


counts = collections.Counter()
failures = []
started = time.time()
connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
sent = 0
while sent < total and time.time() - started < seconds:
    sent += 1
    if rng.random() < 0.03:
        status = raw_garbage()
        counts[("raw garbage", status)] += 1
        if status.startswith("5"):
            failures.append(("raw", status))
        continue
    method, path, headers, body, label = request()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        status = response.status
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    except (http.client.HTTPException, OSError) as error:
        status = "error:" + type(error).__name__
        connection.close()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    counts[(label, status)] += 1
    if isinstance(status, int) and status >= 500:
        failures.append((method, path[:200], status))

elapsed = time.time() - started
by_route = collections.defaultdict(dict)
for (label, status), count in sorted(counts.items(), key=lambda item: (item[0][0], str(item[0][1]))):
    by_route[label][str(status)] = count
for label, statuses in by_route.items():
    print(f"  {label}: " + ", ".join(f"{status}×{count}" for status, count in statuses.items()))
print(f"negative requests: {sent} in {elapsed:.1f} s; 5xx answers: {len(failures)}")
for failure in failures[:20]:
    print("  5xx:", failure)
try:
    alive = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    alive.request("GET", "/healthz")
    healthy = alive.getresponse().status == 200
except OSError:
    healthy = False
print("daemon healthy after the negative run:", healthy)
sys.exit(0 if healthy and not failures else 1)
