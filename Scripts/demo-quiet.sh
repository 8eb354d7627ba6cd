#!/usr/bin/env bash
# The demo's Meta outage replayed twice with live detection and an exec notification hook: once with quiet
# windows over the outage ("planned test") and once without. Prints each run's incidents (with their
# expected flag) and the notification events the hook received. With the windows: the outage's incidents are
# marked expected and nothing about them is announced; without: they alert as before. The detection runs tick
# like the daemon's catch-up (`outcry detect --now …` at five instants), so notifications are queued exactly
# as live. Release build, temporary folder, about a minute; exits 1 when the expected difference is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
build_release

work=$(mktemp -d /tmp/outcry-demo-quiet.XXXXXX)
trap 'rm -rf "$work"' EXIT
from=2024-03-05T14:30:00Z
to=2024-03-05T18:30:00Z
meta="facebook instagram messenger threads whatsapp"

"$OUTCRY_BIN" simulate --scenario meta --days 7 --seed 1 --out "$work/reports.jsonl" >/dev/null

run() {
    local name=$1 quiet=$2
    local db="$work/$name.sqlite" events="$work/$name-events.jsonl"
    : >"$events"
    "$OUTCRY_BIN" simulate --scenario meta --days 1 --register-services --db "$db" --out /dev/null >/dev/null
    "$OUTCRY_BIN" import --db "$db" "$work/reports.jsonl" >/dev/null
    "$OUTCRY_BIN" notify add exec "cat >> '$events'; echo >> '$events'" --db "$db" >/dev/null
    if [ "$quiet" = yes ]; then
        for service in $meta; do
            "$OUTCRY_BIN" service quiet "$service" --from "$from" --to "$to" --reason "planned test" --db "$db"
        done
    fi
    # Live detection as the daemon would run it: catch up to before, during and after the outage, delivering
    # what each run queued.
    for now in 2024-03-05T12:00:00Z 2024-03-05T15:40:00Z 2024-03-05T17:50:00Z 2024-03-05T20:40:00Z 2024-03-06T00:00:00Z; do
        "$OUTCRY_BIN" detect --db "$db" --now "$now" >/dev/null
        "$OUTCRY_BIN" notify deliver --db "$db" --now "$now" >/dev/null || true
    done
    echo
    echo "== $name run: incidents (service-wide and regional) =="
    "$OUTCRY_BIN" incidents --json --db "$db" >"$work/$name-incidents.json"
    python3 - "$work/$name-incidents.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
incidents = sorted(doc["incidents"], key=lambda i: i["started_at"])
def flag(i): return "expected: " + i["expected_reason"] if i.get("expected") else "alerting"
for i in incidents:
    if i["region"] == "global" or not i["id"].startswith(("facebook", "instagram", "messenger", "threads")):
        print("  %-36s %-8s started %s  [%s]" % (i["id"], i["status"], i["started_at"], flag(i)))
regional = [i for i in incidents if i["region"] != "global" and "20240305" in i["id"]]
expected = sum(1 for i in regional if i.get("expected"))
print("  + %d per-region incidents of the Meta outage, %d of them expected" % (len(regional), expected))
PY
    echo "== $name run: notification events delivered to the exec hook =="
    python3 - "$events" <<'PY'
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
events = [json.loads(line) for line in lines]
for e in events:
    if e.get("region") == "global":
        print("  %-10s %-36s at %s" % (e.get("event"), e.get("id", "-"), e.get("occurred_at", "-")))
kinds = {}
for e in events: kinds[e.get("event")] = kinds.get(e.get("event"), 0) + 1
print("  (%d events delivered: %s; per-region events not listed)" % (len(events), ", ".join("%s %d" % kv for kv in sorted(kinds.items())) or "none"))
PY
}

if [ "${1:-}" != "--no-quiet-only" ]; then run quiet yes; fi
run plain no

echo
echo "== quiet windows of the quiet run =="
"$OUTCRY_BIN" service quiet-list --db "$work/quiet.sqlite"

python3 - "$work/quiet-events.jsonl" "$work/plain-events.jsonl" <<'PY'
import json, sys
def meta_outage(path):
    out = []
    for line in open(path):
        if not line.strip(): continue
        e = json.loads(line)
        inc = e.get("id", "")
        if "20240305T1" in inc: out.append(inc)
    return out
quiet, plain = meta_outage(sys.argv[1]), meta_outage(sys.argv[2])
print()
print(f"events about the 5 March outage: with quiet windows {len(quiet)}, without {len(plain)}")
if quiet or not plain:
    print("FAIL: expected no events with the windows and some without"); sys.exit(1)
print("OK: the quiet windows silenced the outage; without them it alerted as before")
PY
