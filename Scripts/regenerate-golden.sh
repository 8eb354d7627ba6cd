#!/bin/sh
# Rewrites the export golden files (Tests/OutcryEngineTests/Exports/Golden/) from the current renderers, then
# shows what changed. Review the diff before committing: a golden file is the reviewed output of each format.
#
#   Scripts/regenerate-golden.sh [--scratch-path PATH]
set -eu
cd "$(dirname "$0")/.."
scratch=${1:-}
if [ "$scratch" = "--scratch-path" ]; then scratch="--scratch-path $2"; fi
# shellcheck disable=SC2086
swift build --build-tests $scratch
# shellcheck disable=SC2086
OUTCRY_REGENERATE_GOLDEN=1 swift test --skip-build $scratch --filter 'ExportGoldenTests'
# shellcheck disable=SC2086
swift test --skip-build $scratch --filter 'ExportGoldenTests'
git --no-pager diff --stat -- Tests/OutcryEngineTests/Exports/Golden/ || true
git status --short -- Tests/OutcryEngineTests/Exports/Golden/ || true
