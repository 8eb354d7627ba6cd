#!/usr/bin/env bash
# Fuzzes the daemon with schemathesis, driven by openapi.yaml, on a loopback release daemon: no 5xx, no crash,
# no hang. Bounded by MAX_EXAMPLES per operation (default 60) and a TIMEOUT (default 300 s).
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
MAX_EXAMPLES=${MAX_EXAMPLES:-60}
TIMEOUT=${TIMEOUT:-300}
if ! python3 -m schemathesis.cli --version >/dev/null 2>&1 && ! command -v schemathesis >/dev/null; then
    echo "installing schemathesis" >&2
    pip install -q schemathesis >&2
fi
build_release

work=$(mktemp -d /tmp/outcry-fuzz-api.XXXXXX)
trap 'kill -KILL "${DAEMON_PID:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/fuzz.sqlite"
add_services "$db"
port=$(free_port)
start_daemon "$db" "$port" "$work/daemon.log" --rate-limit 0 --interval 5

version=$(schemathesis --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+' | head -1)
echo "schemathesis $version" >&2
status=0
if [ "${version%%.*}" -ge 4 ]; then
    timeout "$TIMEOUT" schemathesis run openapi.yaml --url "http://127.0.0.1:$port" \
        --checks not_a_server_error --max-examples "$MAX_EXAMPLES" --workers 2 --request-timeout 10 || status=$?
else
    timeout "$TIMEOUT" schemathesis run openapi.yaml --base-url "http://127.0.0.1:$port" \
        --checks not_a_server_error --hypothesis-max-examples "$MAX_EXAMPLES" --workers 2 --request-timeout 10000 || status=$?
fi
if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
    echo "FAILED: the daemon crashed; log:"; tail -30 "$work/daemon.log"; exit 1
fi
curl -sf --max-time 5 "http://127.0.0.1:$port/healthz" >/dev/null || { echo "FAILED: the daemon hangs"; exit 1; }
stop_daemon
code=$DAEMON_EXIT
echo "schemathesis exit status $status; daemon alive and answering; SIGTERM exit code $code"
[ "$status" = 124 ] && echo "FAILED: schemathesis did not finish within $TIMEOUT s"
exit "$status"
