#!/usr/bin/env bash
# Scores Outcry's detector, with its default settings, on the seven NAB series (five tweet volumes, taxi
# passengers ÷ 100, load-balancer requests) through the product's real path: one service per file, each row
# turned into that many reports in one region (each with its own reporter id, spread evenly across the row's
# 5 or 30 minutes), `outcry import`, `outcry detect --from --to`,
# `outcry export --format json`, then the global incidents' detected_at times go to ../shared/bin/nab-score.
#
# Usage: Scripts/bench-nab.sh [OUTCRY_BINARY]   (default: a release build, built if missing)
#   NAB_KEEP=DIR  also keep the alarms (detections.json) and the scores (scores.json) in DIR, for
#                 Scripts/nab-lofo.py
#   NAB_SENSITIVITY=low|normal|high  the services' sensitivity (the detector's one knob; default normal)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
shared=${OUTCRY_SHARED:-$root/../shared}
nab=$shared/benchmarks/nab
binary=${1:-$root/.build/release/outcry}
if [ ! -x "$binary" ]; then
    swift build -c release --product outcry
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/outcry-nab.XXXXXX")
trap 'rm -rf "$work"' EXIT
db=$work/nab.sqlite
now=2026-01-01T00:00:00Z

python3 - "$nab" "$work" <<'PY'
import csv, datetime as dt, json, os, sys
nab, work = sys.argv[1], sys.argv[2]
files = ["realAWSCloudwatch/elb_request_count_8c0756.csv", "realKnownCause/nyc_taxi.csv"] + sorted(
    "realTweets/" + name for name in os.listdir(os.path.join(nab, "data", "realTweets")))
scale = {"realKnownCause/nyc_taxi.csv": 100}  # 156 M passengers would be 156 M reports
meta = {}
with open(os.path.join(work, "reports.jsonl"), "w") as out:
    for name in files:
        short = os.path.basename(name)[:-4].replace("Twitter_volume_", "").replace("_", "-").lower()
        service = "nab-" + short
        rows = list(csv.reader(open(os.path.join(nab, "data", name))))[1:]
        stamps = [int(dt.datetime.strptime(r[0], "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.timezone.utc).timestamp())
                  for r in rows]
        step = stamps[1] - stamps[0]
        for row_index, (epoch, row) in enumerate(zip(stamps, rows)):
            count = int(round(float(row[1]) / scale.get(name, 1)))
            for i in range(count):
                at = epoch + (i * step) // count
                out.write('{"service":"%s","region":"US","problem":"other","at":%d,"reporter":"%s-%d-%d"}\n'
                          % (service, at, short, row_index, i))
        meta[service] = {"file": name, "first": stamps[0], "last": stamps[-1] + step}
json.dump(meta, open(os.path.join(work, "meta.json"), "w"))
PY

for service in $(python3 -c "import json,sys; print(' '.join(json.load(open('$work/meta.json'))))"); do
    "$binary" service add "$service" --db "$db" --now "$now" > /dev/null
    "$binary" service set "$service" --sensitivity "${NAB_SENSITIVITY:-normal}" --db "$db" > /dev/null
done
range=$(python3 -c "
import json, datetime as dt
m = json.load(open('$work/meta.json'))
f = min(v['first'] for v in m.values()); l = max(v['last'] for v in m.values())
iso = lambda s: dt.datetime.fromtimestamp(s, dt.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
print(iso(f - f % 60), iso(l + 60 - l % 60))")
set -- $range
echo "importing $(wc -l < "$work/reports.jsonl") reports"
/usr/bin/time -f "import: %e s, %M KB peak" "$binary" import "$work/reports.jsonl" --db "$db" --now "$now"
/usr/bin/time -f "detect: %e s, %M KB peak" "$binary" detect --from "$1" --to "$2" --db "$db" --now "$now" > "$work/detect.txt"
head -1 "$work/detect.txt"
"$binary" export --format json --db "$db" --now "$now" --output "$work/incidents.json"

python3 - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
meta = json.load(open(os.path.join(work, "meta.json")))
document = json.load(open(os.path.join(work, "incidents.json")))
detections = {info["file"]: [] for info in meta.values()}
for incident in document["incidents"]:
    if incident["region"] == "global" and incident["service"] in meta:
        detections[meta[incident["service"]]["file"]].append(incident["detected_at"])
for alarms in detections.values():
    alarms.sort()
json.dump(detections, open(os.path.join(work, "detections.json"), "w"), indent=1)
print("alarms per file:", {k.split("_")[-1]: len(v) for k, v in detections.items()})
PY
keep=${NAB_KEEP:-}
python3 "$shared/bin/nab-score" --labels "$nab/labels/combined_windows.json" \
    --detections "$work/detections.json" --profile all ${keep:+--json "$work/scores.json"}
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    cp "$work/detections.json" "$work/scores.json" "$keep/"
fi
