#!/usr/bin/env bash
# Everything CI checks, in order, with one build: the formatter's strict lint, a build of every target and
# test that may not warn in this project's own files, then the README's test command (`swift test`, which
# reuses that build).
#
# Usage: Scripts/check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

echo "== lint (swift format lint --strict)"
Scripts/format.sh --lint

echo "== build (warnings in Sources/ and Tests/ fail the check)"
log=$(mktemp "${TMPDIR:-/tmp}/outcry-build.XXXXXX")
trap 'rm -f "$log"' EXIT
if ! swift build --build-tests 2>&1 | tee "$log"; then
    exit 1
fi
# Only this package's files count: dependencies' warnings are theirs. A clean build prints every warning;
# an incremental one only those of the files it recompiled.
if grep -E "^($root/)?(Sources|Tests|Package\.swift)[^:]*:[0-9]+:[0-9]+: warning:" "$log" \
    | sed "s#^$root/##" | sort -u > "$log.warnings" && [ -s "$log.warnings" ]; then
    echo "compiler warnings in the project's own files:" >&2
    cat "$log.warnings" >&2
    rm -f "$log.warnings"
    exit 1
fi
rm -f "$log.warnings"

echo "== test (the README's test command)"
swift test 2>&1
