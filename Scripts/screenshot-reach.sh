#!/usr/bin/env bash
# Screenshots of the status badge and the embeddable report button, as a browser shows them, from a release
# daemon on 127.0.0.1 (headless Chromium; Debian's `chromium`, installed with apt-get when missing).
#
#   Scripts/screenshot-reach.sh [OUT_DIR]        (default docs/screenshots)
#
#  1. Simulates the demo's week (`outcry simulate --scenario meta --days 7 --seed 1`), imports it and replays
#     detection minute by minute into the Meta outage until one service is `likely` and another `possible`
#     (the detector's own decisions pick the moment), then starts the daemon with its clock fixed there and
#     `--embed-origins` naming one partner origin.
#  2. badge-states.png: a page on the partner origin showing the badges of a likely, a possible and a quiet
#     service, in both styles.
#  3. embed-allowed.png: the partner page (http://127.0.0.1:PARTNER) frames /embed/SLUG: the form shows.
#     embed-allowed-submitted.png: the partner page posts the button's form into the frame (as a visitor's
#     click does; Origin = the partner): the frame shows the thank-you state and the report is counted.
#     embed-refused.png: the same page from another origin (http://127.0.0.1:OTHER, not listed): Chromium
#     refuses to frame it (frame-ancestors).
# Everything binds to 127.0.0.1; each step has a timeout and the script stops the daemon and the two page
# servers on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
source Scripts/daemon-common.sh
out=${1:-docs/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found; installing it with apt-get" >&2
    apt-get update >/dev/null && apt-get install -y chromium >/dev/null
    browser=$(command -v chromium)
fi
build_release

work=$(mktemp -d /tmp/outcry-reach.XXXXXX)
partner_pid=""
other_pid=""
cleanup() {
    [ -n "${DAEMON_PID:-}" ] && kill -TERM "$DAEMON_PID" 2>/dev/null || true
    [ -n "$partner_pid" ] && kill "$partner_pid" 2>/dev/null || true
    [ -n "$other_pid" ] && kill "$other_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/demo.sqlite"
echo "== demo data: a simulated week ending in a Meta outage" >&2
timeout 300 "$OUTCRY_BIN" simulate --scenario meta --days 7 --seed 1 --out "$work/reports.jsonl" --register-services \
    --db "$db" >&2
timeout 300 "$OUTCRY_BIN" import "$work/reports.jsonl" --db "$db" >&2
timeout 300 "$OUTCRY_BIN" detect --from 2024-02-28T00:00:00Z --to 2024-03-05T14:55:00Z --db "$db" >/dev/null

# One minute at a time, as the daemon would, until the overview holds both a likely and a possible service.
moment=""
start=$(date -u -d 2024-03-05T14:00:00Z +%s)
for minute in $(seq 56 119); do
    instant=$(date -u -d "@$((start + minute * 60))" +%Y-%m-%dT%H:%M:%SZ)
    timeout 60 "$OUTCRY_BIN" detect --db "$db" --now "$instant" >/dev/null
    levels=$(timeout 60 "$OUTCRY_BIN" status --db "$db" | awk 'NR > 2 { print $2 }')
    if grep -qx likely <<<"$levels" && grep -qx possible <<<"$levels"; then
        moment=$instant
        break
    fi
done
[ -n "$moment" ] || { echo "no minute of the outage had both a likely and a possible service" >&2; exit 1; }
echo "== moment: $moment" >&2
"$OUTCRY_BIN" status --db "$db" >&2

port=$(free_port)
partner_port=$(free_port)
other_port=$(free_port)
partner="http://127.0.0.1:$partner_port"
other="http://127.0.0.1:$other_port"
daemon="http://127.0.0.1:$port"
start_daemon "$db" "$port" "$work/daemon.log" --now "$moment" --interval 3600 --embed-origins "$partner"

# The first likely, possible and normal service of the overview (most troubled first).
read -r likely possible quiet < <(curl -sf "$daemon/v1/services" | python3 -c '
import json, sys
services = json.load(sys.stdin)["services"]
pick = lambda level: next(s["slug"] for s in services if s["level"] == level)
print(pick("likely"), pick("possible"), pick("normal"))')
echo "== likely: $likely, possible: $possible, no problems: $quiet" >&2
for slug in "$likely" "$possible" "$quiet"; do
    curl -sf -o /dev/null -w "badge $slug: %{http_code} %{content_type}\n" "$daemon/v1/services/$slug/badge.svg" >&2
done

pages="$work/pages"
mkdir -p "$pages"
cat >"$pages/badges.html" <<EOF
<!doctype html><meta charset="utf-8"><title>Outcry badges</title>
<style>body{font:14px system-ui,sans-serif;margin:16px;color:#1d232b}td{padding:6px 14px 6px 0}th{text-align:left;font-weight:600;color:#5f6b7a;padding-right:14px}</style>
<p>Badges from $daemon at $moment (simulated demo data)</p>
<table>
<tr><th>state</th><th>style=flat (default)</th><th>style=plain</th></tr>
<tr><td>likely</td><td><img src="$daemon/v1/services/$likely/badge.svg"></td><td><img src="$daemon/v1/services/$likely/badge.svg?style=plain"></td></tr>
<tr><td>possible</td><td><img src="$daemon/v1/services/$possible/badge.svg"></td><td><img src="$daemon/v1/services/$possible/badge.svg?style=plain"></td></tr>
<tr><td>none</td><td><img src="$daemon/v1/services/$quiet/badge.svg"></td><td><img src="$daemon/v1/services/$quiet/badge.svg?style=plain"></td></tr>
</table>
EOF
# The partner's page: its own header, then the report button in an iframe.
partner_page() {
    local title=$1 extra=${2:-} note=${3:-listed in --embed-origins}
    cat <<EOF
<!doctype html><meta charset="utf-8"><title>$title</title>
<style>body{font:14px system-ui,sans-serif;margin:0;background:#eef1f5;color:#1d232b}header{background:#3b2f63;color:#fff;padding:12px 18px;font-weight:650}main{padding:14px 18px}iframe{border:1px solid #c6ced8;border-radius:8px;background:#fff}</style>
<header>$title</header>
<main><p>This page: <code>ORIGIN</code> ($note)<br>The frame: <code>$daemon/embed/$likely</code></p>
<iframe name="outcry" src="$daemon/embed/$likely?region=US" width="440" height="330" title="Report a problem"></iframe>
$extra</main>
EOF
}
partner_page "Example partner status page" >"$pages/embed.html"
# A visitor's submit, done by the partner page itself: the same fields, posted into the frame from the
# partner's origin (Chromium runs no clicks headless; the embed page itself has no scripts).
partner_page "Example partner status page, after a visitor reported" "<form id=\"send\" method=\"post\" action=\"$daemon/embed/$likely/report\" target=\"outcry\"><input type=\"hidden\" name=\"problem\" value=\"login\"><input type=\"hidden\" name=\"region\" value=\"US\"></form>
<script>window.addEventListener('load', function () { if (!sessionStorage.sent) { sessionStorage.sent = 1; document.getElementById('send').submit(); } });</script>" \
    >"$pages/submit.html"
sed -i "s|ORIGIN|$partner|" "$pages/embed.html" "$pages/submit.html"
mkdir -p "$pages/other"
partner_page "Another site" "" "not listed in --embed-origins: the browser must refuse to frame the button" \
    | sed "s|ORIGIN|$other|" >"$pages/other/embed.html"

python3 -m http.server "$partner_port" --bind 127.0.0.1 --directory "$pages" >"$work/partner.log" 2>&1 &
partner_pid=$!
python3 -m http.server "$other_port" --bind 127.0.0.1 --directory "$pages/other" >"$work/other.log" 2>&1 &
other_pid=$!
for _ in $(seq 1 50); do
    curl -sf "$partner/embed.html" >/dev/null 2>&1 && curl -sf "$other/embed.html" >/dev/null 2>&1 && break
    sleep 0.1
done

shoot() {
    local url=$1 target=$2 size=$3
    local profile
    profile=$(mktemp -d "$work/profile.XXXXXX")
    timeout 90 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
        --virtual-time-budget=5000 --window-size="$size" --screenshot="$target" "$url" >/dev/null 2>&1 || true
    [ -s "$target" ] || { echo "chromium wrote no screenshot for $url" >&2; exit 1; }
    echo "wrote $target" >&2
}

accepted() { curl -sf "$daemon/metrics" | awk '/^outcry_reports_accepted_total/ { sum += $2 } END { print sum + 0 }'; }

shoot "$partner/badges.html" "$out/badge-states.png" 640,200
shoot "$partner/embed.html" "$out/embed-allowed.png" 540,440
before=$(accepted)
shoot "$partner/submit.html" "$out/embed-allowed-submitted.png" 540,440
after=$(accepted)
echo "reports accepted by the daemon: $before before the partner's post, $after after" >&2
shoot "$other/embed.html" "$out/embed-refused.png" 540,440

# What the screenshots rely on, checked with curl too.
policy=$(curl -s -D - -o /dev/null "$daemon/embed/$likely" | tr -d '\r' | awk -F': ' 'tolower($1) == "content-security-policy" { print $2 }')
echo "embed page policy: $policy" >&2
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Origin: $other" -d 'problem=login&region=US' "$daemon/embed/$likely/report")
echo "a post with Origin $other: $code (403 expected)" >&2
[ "$code" = 403 ] || { echo "FAILED: the unlisted origin's post was not refused" >&2; exit 1; }
[ "$after" -gt "$before" ] || { echo "FAILED: the partner's post was not counted" >&2; exit 1; }
stop_daemon
echo "daemon stopped (exit $DAEMON_EXIT)" >&2
