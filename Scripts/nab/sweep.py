#!/usr/bin/env python3
"""Sweep DetectorSettings over the NAB realTweets slice with the Swift harness (scratch package).

usage: sweep.py '{"possible_statistic":[4,5],"likely_statistic":[7,8]}' [harness path]
Prints standard / reward_low_FP_rate scores, hits and FPs per combination.
"""
import itertools, json, subprocess, sys, tempfile, os

grid = json.loads(sys.argv[1])
harness = sys.argv[2] if len(sys.argv) > 2 else "/tmp/det-pkg/.build/release/nab-harness"
labels = "/work/shared/benchmarks/nab/labels/combined_windows.json"
keys = sorted(grid)
for values in itertools.product(*(grid[k] for k in keys)):
    settings = dict(zip(keys, values))
    out = tempfile.mktemp(suffix=".json")
    subprocess.run([harness, "--settings", json.dumps(settings), "--out", out, "--no-score"], check=True,
                   stdout=subprocess.DEVNULL)
    res = tempfile.mktemp(suffix=".json")
    subprocess.run(["/work/shared/bin/nab-score", "--labels", labels, "--detections", out, "--profile", "all",
                    "--json", res, "--quiet"], check=True, stdout=subprocess.DEVNULL)
    data = json.load(open(res))
    results = data if isinstance(data, list) else data.get("results", data)
    scores = {}
    for r in results:
        scores[r["profile"]] = r
    std, lfp = scores["standard"], scores["reward_low_FP_rate"]
    per = " ".join("%s:%d/%d/%d" % (f["file"].split("_")[-1][:-4], f["detected"], f["windows"], f["fp_alarms"])
                   for f in std["files"])
    print("%6.2f %6.2f  %s  %s" % (std["normalised"], lfp["normalised"], json.dumps(settings), per), flush=True)
    os.remove(out); os.remove(res)
