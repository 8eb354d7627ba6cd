#!/usr/bin/env bash
# Fuzzes the daemon on a loopback release daemon: no 5xx to a client error, no crash, no hang.
#  1. Out-of-schema ("negative") requests on every route (Scripts/fuzz-api-negative.py): huge, negative and
#     overflowing numbers, wrong types, unknown enum values, bad cursors, garbage percent-encoding, very long
#     query strings, foreign origins, broken request lines. NEGATIVE_REQUESTS (default 3000), NEGATIVE_SECONDS
#     (default 120).
#  2. schemathesis driven by openapi.yaml (positive and, on schemathesis 4, negative examples), bounded by
#     MAX_EXAMPLES per operation (default 60) and TIMEOUT (default 300 s). SCHEMATHESIS=0 skips it; it is
#     installed with pip when missing, and skipped with a note when it cannot be.
# The daemon runs with --rate-limit 0 (the fuzzer is one anonymous client sending far more than the limit).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
MAX_EXAMPLES=${MAX_EXAMPLES:-60}
TIMEOUT=${TIMEOUT:-300}
NEGATIVE_REQUESTS=${NEGATIVE_REQUESTS:-3000}
NEGATIVE_SECONDS=${NEGATIVE_SECONDS:-120}
SCHEMATHESIS=${SCHEMATHESIS:-1}
build_release

work=$(mktemp -d /tmp/outcry-fuzz-api.XXXXXX)
trap 'kill -KILL "${DAEMON_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/fuzz.sqlite"
add_services "$db"
port=$(free_port)
start_daemon "$db" "$port" "$work/daemon.log" --rate-limit 0 --interval 5

alive_or_fail() {
    if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
        echo "FAILED: the daemon crashed ($1); log:"; tail -30 "$work/daemon.log"; exit 1
    fi
    curl -sf --max-time 5 "http://127.0.0.1:$port/healthz" >/dev/null || { echo "FAILED: the daemon hangs ($1)"; exit 1; }
}

echo "== negative requests on every route" >&2
negative=0
timeout $((NEGATIVE_SECONDS + 30)) python3 Scripts/fuzz-api-negative.py "$port" "$NEGATIVE_REQUESTS" "$NEGATIVE_SECONDS" || negative=$?
alive_or_fail "after the negative requests"

status=0
if [ "$SCHEMATHESIS" = 1 ]; then
    if ! command -v schemathesis >/dev/null; then
        echo "installing schemathesis" >&2
        pip install -q schemathesis >&2 || echo "schemathesis could not be installed; skipping it" >&2
    fi
fi
if [ "$SCHEMATHESIS" = 1 ] && command -v schemathesis >/dev/null; then
    version=$(schemathesis --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+' | head -1)
    echo "== schemathesis $version" >&2
    if [ "${version%%.*}" -ge 4 ]; then
        timeout "$TIMEOUT" schemathesis run openapi.yaml --url "http://127.0.0.1:$port" --mode all \
            --checks not_a_server_error --max-examples "$MAX_EXAMPLES" --workers 2 --request-timeout 10 || status=$?
    else
        timeout "$TIMEOUT" schemathesis run openapi.yaml --base-url "http://127.0.0.1:$port" \
            --checks not_a_server_error --hypothesis-max-examples "$MAX_EXAMPLES" --workers 2 --request-timeout 10000 || status=$?
    fi
    alive_or_fail "after schemathesis"
    [ "$status" = 124 ] && echo "FAILED: schemathesis did not finish within $TIMEOUT s"
fi
stop_daemon
code=$DAEMON_EXIT
echo "negative requests exit status $negative; schemathesis exit status $status; daemon alive and answering; SIGTERM exit code $code"
[ "$negative" != 0 ] && exit "$negative"
exit "$status"
