#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 server on loopback and OUTCRY_TEST_POSTGRES_URL pointing at it:
#   Scripts/with-postgres.sh swift test
#   Scripts/with-postgres.sh Scripts/check.sh
# Installs Debian's `postgresql` when its binaries are missing. initdb and postgres refuse to run as root, so
# they run as the `postgres` user in a fresh temporary folder (trust authentication, 127.0.0.1 only, a free
# port, fsync off: the data is thrown away). The server is stopped by PID and its folder removed when the
# command ends, however it ends. The command's exit code is this script's.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
    echo "installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data=$(mktemp -d "${TMPDIR:-/tmp}/outcry-postgres.XXXXXX")
[ "$(id -u)" = 0 ] && chown postgres "$data"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
server_pid=
cleanup() {
    # The postmaster's own pid (runuser's would not pass the signal on): SIGINT is a fast shutdown.
    local postmaster
    postmaster=$(head -1 "$data/db/postmaster.pid" 2>/dev/null || true)
    for pid in $postmaster $server_pid; do
        kill -INT "$pid" 2>/dev/null || true
    done
    for _ in $(seq 1 100); do
        if ! kill -0 "${postmaster:-0}" 2>/dev/null && ! kill -0 "${server_pid:-0}" 2>/dev/null; then break; fi
        sleep 0.1
    done
    for pid in $postmaster $server_pid; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

as_postgres "$pg_bin/initdb" -D "$data/db" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$pg_bin/postgres" -D "$data/db" -h 127.0.0.1 -p "$port" -k "$data" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 \
    >"$data/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
    if "$pg_bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then echo "postgres exited early:" >&2; cat "$data/server.log" >&2; exit 1; fi
    sleep 0.1
done
export OUTCRY_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL on 127.0.0.1:$port (pid $server_pid)" >&2
set +e
"$@"
status=$?
set -e
exit $status
