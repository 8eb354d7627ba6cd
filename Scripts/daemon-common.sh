# Shared by the daemon scripts (sourced, not run): release build, a throwaway database and a loopback daemon.
# OUTCRY_RELEASE_SCRATCH picks the build folder (default .build).

OUTCRY_SCRATCH=${OUTCRY_RELEASE_SCRATCH:-.build}

build_release() {
    echo "building release (scratch: $OUTCRY_SCRATCH)" >&2
    swift build -c release --product outcry --scratch-path "$OUTCRY_SCRATCH" >&2
    OUTCRY_BIN="$(swift build -c release --scratch-path "$OUTCRY_SCRATCH" --show-bin-path)/outcry"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_daemon DB PORT LOGFILE [extra flags...]: starts the daemon in the background, sets DAEMON_PID,
# and waits (at most 20 s) for /healthz.
start_daemon() {
    local db=$1 port=$2 log=$3
    shift 3
    "$OUTCRY_BIN" daemon --db "$db" --listen "127.0.0.1:$port" "$@" >>"$log" 2>&1 &
    DAEMON_PID=$!
    for _ in $(seq 1 200); do
        if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then return 0; fi
        if ! kill -0 "$DAEMON_PID" 2>/dev/null; then echo "daemon exited early; log:" >&2; tail -20 "$log" >&2; return 1; fi
        sleep 0.1
    done
    echo "daemon did not become healthy in 20 s" >&2
    return 1
}

# stop_daemon: SIGTERM, wait at most 10 s; sets DAEMON_EXIT (the exit code) and DAEMON_STOP_SECONDS.
# Call it directly, not in $(...): only the shell that started the daemon can wait for it.
stop_daemon() {
    local started
    started=$(date +%s.%N)
    kill -TERM "$DAEMON_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        if ! kill -0 "$DAEMON_PID" 2>/dev/null; then break; fi
        sleep 0.1
    done
    if kill -0 "$DAEMON_PID" 2>/dev/null; then
        echo "daemon still running 10 s after SIGTERM; killing it" >&2
        kill -KILL "$DAEMON_PID" 2>/dev/null || true
    fi
    DAEMON_EXIT=0
    wait "$DAEMON_PID" 2>/dev/null || DAEMON_EXIT=$?
    DAEMON_STOP_SECONDS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
}

add_services() {
    local db=$1
    "$OUTCRY_BIN" service add whatsapp --name WhatsApp --group meta --db "$db" >/dev/null
    "$OUTCRY_BIN" service add instagram --name Instagram --group meta --db "$db" >/dev/null
    "$OUTCRY_BIN" service add gmail --name Gmail --group google --db "$db" >/dev/null
}
