#!/usr/bin/env python3
"""For each labelled NAB window: the largest statistic / ratio seen, and the detections inside (from a harness dump)."""
import json, datetime, numpy as np, sys
W = json.load(open("/work/shared/benchmarks/nab/labels/combined_windows.json"))
det = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "/tmp/det-pkg/nab-detections.json"))
def em(t): return int(datetime.datetime.fromisoformat(t.replace("Z","")).replace(tzinfo=datetime.timezone.utc).timestamp()//60)
for f, wins in W.items():
    name = f.split("_")[-1]
    d = np.genfromtxt(f"/tmp/det-pkg/dump-{name}", delimiter=",", skip_header=1, usecols=(0,1,2,3))
    alarms = [em(a) for a in det.get(f, [])]
    for a, b in wins:
        s, e = em(a), em(b)
        sel = d[(d[:,0] >= s) & (d[:,0] <= e)]
        i = sel[:,3].argmax()
        ratio = sel[:,1] / np.maximum(sel[:,2], 1)
        inside = [ (x - s)/(e - s) for x in alarms if s <= x <= e]
        print("%-9s %s maxz %6.1f at %.2f (obs %6d base %6.1f) maxratio %5.1f  alarms at %s" % (name[:-4], a[:16], sel[i,3], (sel[i,0]-s)/(e-s), sel[i,1], sel[i,2], ratio.max(), ["%.2f" % p for p in inside][:3]))
