#!/usr/bin/env python3
"""List the harness's global incidents, marking which fall inside labelled windows (TP) or outside (FP)."""
import json, datetime, sys
W = json.load(open("/work/shared/benchmarks/nab/labels/combined_windows.json"))
inc = json.load(open((sys.argv[1] if len(sys.argv) > 1 else "/tmp/det-pkg/nab-detections.json") + ".incidents.json"))
def ts(t): return datetime.datetime.fromisoformat(t.replace("Z","").replace(".000000",""))
for f, items in sorted(inc.items()):
    wins = [(ts(a), ts(b)) for a, b in W[f]]
    for i in items:
        d = ts(i["detected_at"])
        tag = "TP" if any(a <= d <= b for a, b in wins) else "fp"
        e = i["evidence"]
        dur = (ts(i["ended_at"]) - ts(i["started_at"])).total_seconds() / 60
        print("%s %-5s %s z %5.1f ratio %5.1f obs %6d base %7.1f peak %6d dur %5d min" % (tag, f.split("_")[-1][:-4], i["detected_at"], e["statistic"], e["ratio"], e["observed"], e["baseline"], i["peak_reports"], dur))
