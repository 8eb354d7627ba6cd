#!/usr/bin/env bash
# Judges Outcry's detector on the synthetic scenario suite (`outcry simulate --scenario suite`) through the
# product's real path, for each seed: simulate (services registered) → `outcry import` → `outcry detect --from
# --to` → `outcry export --format json`, then matches the incidents to the suite's outage windows.
#
# A window is found when an incident of its service has detected_at in [start, end]: a global incident for a
# service-wide window; for a region's window an incident of that region, or a global incident listing the
# region. An incident whose detected_at lies outside every window of its service is false. Prints per kind and
# overall: windows, found, recall, median and p90 latency (detected_at − onset, minutes), false incidents, false
# incidents per service-week, and whether each control stayed quiet.
#
# Usage: Scripts/scenario-suite.sh [SEEDS] [OUTCRY_BINARY] [--days N] [--json OUT] [--keep DIR] [--detect-args ARGS]
#   SEEDS          comma-separated seeds (default 1,2,3)
#   OUTCRY_BINARY  default: a release build, built if missing
#   --days N       days per run (default 28, at least 7)
#   --json OUT     also write the results as JSON
#   --keep DIR     keep each seed's reports, windows, kinds and incidents in DIR/seed-N
#   --detect-args  extra words for `outcry detect` (split on spaces), e.g. to try a setting
# Bounded: each outcry step gets at most 10 minutes; everything runs in a temporary folder that is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seeds=1,2,3
binary=
days=28
json_out=
keep=
detect_args=
positional=0
while [ $# -gt 0 ]; do
    case "$1" in
        --days) days=$2; shift 2 ;;
        --json) json_out=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --detect-args) detect_args=$2; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *)
            if [ $positional -eq 0 ]; then seeds=$1; else binary=$1; fi
            positional=$((positional + 1)); shift ;;
    esac
done
case "$seeds" in (*[!0-9,]*|'') echo "SEEDS must be comma-separated numbers, e.g. 1,2,3" >&2; exit 64 ;; esac
case "$days" in (*[!0-9]*|'') echo "--days must be a number" >&2; exit 64 ;; esac
binary=${binary:-$root/.build/release/outcry}
if [ ! -x "$binary" ]; then
    swift build -c release --product outcry
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/outcry-suite.XXXXXX")
trap 'rm -rf "$work"' EXIT
now=2030-01-01T00:00:00Z
# Runs one outcry step for at most 10 minutes; its diagnostics are shown only when it fails.
step() {
    local status=0
    timeout 600 "$@" 2> "$work/step.err" || status=$?
    if [ $status -ne 0 ]; then
        cat "$work/step.err" >&2
        echo "failed (exit $status): $*" >&2
        exit $status
    fi
}

read -r from to < <(python3 -c "
import datetime as dt
s = dt.datetime(2024, 2, 5, tzinfo=dt.timezone.utc)
f = lambda t: t.strftime('%Y-%m-%dT%H:%M:%SZ')
print(f(s), f(s + dt.timedelta(days=$days)))")

for seed in ${seeds//,/ }; do
    dir=$work/seed-$seed
    mkdir -p "$dir"
    db=$dir/suite.sqlite
    t0=$(date +%s.%N)
    step "$binary" simulate --scenario suite --days "$days" --seed "$seed" --out "$dir/reports.jsonl" \
        --windows-out "$dir/windows.json" --kinds-out "$dir/kinds.json" --register-services \
        --db "$dir/suite.sqlite" --now "$now"
    t1=$(date +%s.%N)
    step "$binary" import "$dir/reports.jsonl" --db "$db" --now "$now" > /dev/null
    t2=$(date +%s.%N)
    # shellcheck disable=SC2086 # --detect-args is split into words on purpose
    step "$binary" detect --from "$from" --to "$to" --db "$db" --now "$now" $detect_args > "$dir/detect.txt"
    t3=$(date +%s.%N)
    step "$binary" export --format json --db "$db" --now "$now" --output "$dir/incidents.json"
    python3 -c "import sys; a=[float(x) for x in sys.argv[2:]]; print('seed %s: %d reports; simulate %.1f s, import %.1f s, detect %.1f s' % (sys.argv[1], sum(1 for _ in open('$dir/reports.jsonl')), a[1]-a[0], a[2]-a[1], a[3]-a[2]))" \
        "$seed" "$t0" "$t1" "$t2" "$t3" >&2
    rm -f "$db" "$db-wal" "$db-shm"
    if [ -n "$keep" ]; then
        mkdir -p "$keep/seed-$seed"
        cp "$dir/windows.json" "$dir/kinds.json" "$dir/incidents.json" "$dir/reports.jsonl" "$keep/seed-$seed/"
    fi
    rm -f "$dir/reports.jsonl"
done

python3 - "$work" "$days" "$json_out" <<'PY'
import datetime as dt, json, os, sys
work, days, json_out = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def parse(text):
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc).timestamp()

def quantile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

kinds_order = ["global", "regional", "calm-short", "bursty", "slow-ramp", "group", "new-service", "small",
               "holiday", "hammer", "doubling", "daily-peak"]
controls = {"holiday", "hammer", "doubling", "daily-peak"}
per_kind = {}
control_cases = []
seeds = sorted((name for name in os.listdir(work) if name.startswith("seed-")),
               key=lambda name: int(name.split("-")[1]))
for seed_dir in seeds:
    seed = int(seed_dir.split("-")[1])
    folder = os.path.join(work, seed_dir)
    windows = json.load(open(os.path.join(folder, "windows.json")))
    kinds = json.load(open(os.path.join(folder, "kinds.json")))
    incidents = json.load(open(os.path.join(folder, "incidents.json")))["incidents"]
    by_service = {}
    for incident in incidents:
        by_service.setdefault(incident["service"], []).append(incident)
    for slug, kind in kinds.items():
        stats = per_kind.setdefault(kind, {"services": 0, "windows": 0, "found": 0, "latencies": [], "false": 0,
                                           "missed": []})
        stats["services"] += 1
        parsed = []
        for window in windows.get(slug, []):
            if isinstance(window, list):
                parsed.append((None, parse(window[0]), parse(window[1])))
            else:
                parsed.append((window["region"], parse(window["start"]), parse(window["end"])))
        mine = by_service.get(slug, [])
        for region, start, end in parsed:
            stats["windows"] += 1
            hits = []
            for incident in mine:
                at = parse(incident["detected_at"])
                if not (start <= at <= end):
                    continue
                if region is None:
                    matches = incident["region"] == "global"
                else:
                    matches = incident["region"] == region or (
                        incident["region"] == "global" and region in incident.get("regions", []))
                if matches:
                    hits.append(at)
            if hits:
                stats["found"] += 1
                stats["latencies"].append((min(hits) - start) / 60)
            else:
                stats["missed"].append("seed %d %s %s%s" % (seed, slug, dt.datetime.fromtimestamp(
                    start, dt.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"), " " + region if region else ""))
        false_here = [incident for incident in mine
                      if not any(start <= parse(incident["detected_at"]) <= end for _, start, end in parsed)]
        stats["false"] += len(false_here)
        if kind in controls:
            control_cases.append({"seed": seed, "service": slug, "kind": kind, "quiet": not false_here,
                                  "false_incidents": [i["region"] + " " + i["detected_at"] for i in false_here]})

def summarise(stats):
    service_weeks = stats["services"] * days / 7
    return {
        "services": stats["services"],
        "windows": stats["windows"],
        "found": stats["found"],
        "recall": (stats["found"] / stats["windows"]) if stats["windows"] else None,
        "latency_median_minutes": quantile(stats["latencies"], 0.5),
        "latency_p90_minutes": quantile(stats["latencies"], 0.9),
        "false_incidents": stats["false"],
        "false_incidents_per_service_week": stats["false"] / service_weeks if service_weeks else 0,
    }

kinds_seen = [k for k in kinds_order if k in per_kind] + sorted(k for k in per_kind if k not in kinds_order)
result = {"seeds": [int(s.split("-")[1]) for s in seeds], "days": days, "kinds": {}}
total = {"services": 0, "windows": 0, "found": 0, "latencies": [], "false": 0}
for kind in kinds_seen:
    stats = per_kind[kind]
    result["kinds"][kind] = summarise(stats)
    result["kinds"][kind]["missed"] = stats["missed"]
    for key in ("services", "windows", "found", "false"):
        total[key] += stats[key]
    total["latencies"] += stats["latencies"]
result["overall"] = summarise(total)
result["controls"] = control_cases
result["controls_quiet"] = all(case["quiet"] for case in control_cases)

def fmt(value, pattern="%.1f"):
    return "-" if value is None else pattern % value

print("%-12s %8s %8s %6s %7s %10s %7s %8s %9s" % ("kind", "services", "windows", "found", "recall", "median min",
                                                   "p90 min", "false", "false/sw"))
for kind in kinds_seen + ["overall"]:
    row = result["overall"] if kind == "overall" else result["kinds"][kind]
    print("%-12s %8d %8d %6d %7s %10s %7s %8d %9.3f" % (
        kind, row["services"], row["windows"], row["found"], fmt(row["recall"], "%.2f"),
        fmt(row["latency_median_minutes"]), fmt(row["latency_p90_minutes"]), row["false_incidents"],
        row["false_incidents_per_service_week"]))
print()
for case in control_cases:
    print("control seed %d %-12s %s" % (case["seed"], case["service"],
          "quiet" if case["quiet"] else "NOT quiet: " + ", ".join(case["false_incidents"][:5])))
missed = [m for kind in kinds_seen for m in result["kinds"][kind]["missed"]]
if missed:
    print()
    print("missed windows:")
    for line in missed:
        print("  " + line)
if json_out:
    with open(json_out, "w") as handle:
        json.dump(result, handle, indent=1)
PY
