#!/usr/bin/env bash
# Builds the DocC documentation of every target with a .docc catalog (today OutcryDetection) and fails on any
# warning. swift-docc-plugin is in the package graph only with OUTCRY_DOCS set (see Package.swift), so normal
# builds and CI never resolve it. Internal symbols are included: the article links the detector's internals.
#
#   Scripts/docs.sh            # archives in .build/plugins/Swift-DocC/outputs/<Target>.doccarchive
set -euo pipefail
cd "$(dirname "$0")/.."

targets=()
for catalog in Sources/*/*.docc; do
    [ -d "$catalog" ] || continue
    targets+=(--target "$(basename "$(dirname "$catalog")")")
done
if [ ${#targets[@]} -eq 0 ]; then
    echo "docs: no .docc catalog under Sources/" >&2
    exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
OUTCRY_DOCS=1 timeout 900 swift package --disable-sandbox generate-documentation "${targets[@]}" \
    --symbol-graph-minimum-access-level internal 2>&1 | tee "$log" || status=$?
if [ "$status" -ne 0 ]; then
    echo "docs: generate-documentation failed (exit $status)" >&2
    exit "$status"
fi
# Only the project's own warnings count (a dependency's unhandled files are not ours to fix).
unhandled="^warning: '[^']+': found [0-9]+ file\\(s\\) which are unhandled"
warnings=$(grep -E 'warning:' "$log" | grep -v -E "$unhandled" || true)
count=$(printf '%s' "$warnings" | grep -c 'warning:' || true)
if [ "$count" -ne 0 ]; then
    echo "docs: $count warning(s):" >&2
    printf '%s\n' "$warnings" >&2
    exit 1
fi
echo "docs: no warnings (${targets[*]})"
