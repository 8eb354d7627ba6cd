#!/usr/bin/env python3
"""Leave-one-file-out (LOFO) scores for settings tuned on the NAB series.

Each RUN folder is one candidate setting, as kept by `NAB_KEEP=RUN Scripts/bench-nab.sh` (it holds scores.json);
the first RUN is the default. For every file k and every profile, the candidate with the best score on the other
files is chosen and scored on file k; the left-out scores of all files are then summed into one NAB score, to be
compared with the default's in-sample score. A setting whose left-out score is much worse than its in-sample
score is overfitted.

Usage: Scripts/nab-lofo.py LABELS RUN [RUN ...]   (LABELS: the benchmark's labels/combined_windows.json)
"""
import json
import os
import sys

COST_FN = 1.0  # every NAB profile here weighs a missed window 1 (the low-FN profile is not reported)
PROFILES = ["standard", "reward_low_FP_rate"]


def normalised(entries, labels):
    """NAB's normalisation over a set of per-file entries: 100 · (raw − null) / (perfect − null)."""
    raw = sum(e["raw"] for e in entries)
    null = -COST_FN * sum(e["windows"] for e in entries)
    perfect = sum(len(labels[e["file"]]) for e in entries)
    return 100.0 * (raw - null) / (perfect - null)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    labels = json.load(open(sys.argv[1]))
    runs = {}
    for folder in sys.argv[2:]:
        results = json.load(open(os.path.join(folder, "scores.json")))
        runs[os.path.basename(folder.rstrip("/"))] = {r["profile"]: {f["file"]: f for f in r["files"]} for r in results}
    names = list(runs)
    default = names[0]
    for profile in PROFILES:
        files = sorted(runs[default][profile])
        print("profile %s (default: %s)" % (profile, default))
        print("  %-48s %-22s %9s %9s" % ("left-out file", "chosen on the others", "in-sample", "left-out"))
        chosen_entries = []
        for k in files:
            others = [f for f in files if f != k]
            best = max(names, key=lambda n: (normalised([runs[n][profile][f] for f in others], labels), n == default))
            entry = runs[best][profile][k]
            chosen_entries.append(entry)
            print("  %-48s %-22s %9.1f %9.1f" % (k, best, normalised([runs[default][profile][k]], labels),
                                                  normalised([entry], labels)))
        in_sample = {n: normalised(list(runs[n][profile].values()), labels) for n in names}
        print("  in sample: " + ", ".join("%s %.1f" % (n, s) for n, s in in_sample.items()))
        print("  default in sample %.1f, leave-one-file-out %.1f" % (in_sample[default],
                                                                     normalised(chosen_entries, labels)))
        print()


if __name__ == "__main__":
    main()
