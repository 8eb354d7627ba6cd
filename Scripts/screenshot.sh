#!/bin/sh
# Renders an exported SVG or HTML file to a PNG with headless Chromium (Debian's `chromium` package), to look
# at the charts and the report as a browser shows them.
#
#   Scripts/screenshot.sh FILE.svg|FILE.html OUT.png [WIDTHxHEIGHT]
#
# Installs chromium with apt-get when it is missing (needs root). The window defaults to 1280x900.
set -eu
if [ $# -lt 2 ]; then
    echo "usage: $0 FILE.svg|FILE.html OUT.png [WIDTHxHEIGHT]" >&2
    exit 64
fi
input=$1
output=$2
size=${3:-1280x900}
[ -f "$input" ] || { echo "no such file: $input" >&2; exit 66; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "chromium not found; installing it with apt-get" >&2
    apt-get update >/dev/null && apt-get install -y chromium >/dev/null
    browser=$(command -v chromium)
fi
absolute=$(cd "$(dirname "$input")" && pwd)/$(basename "$input")
case "$output" in
    /*) target=$output ;;
    *) target=$(pwd)/$output ;;
esac
width=${size%x*}
height=${size#*x}
# A throwaway profile keeps runs independent; --no-sandbox because containers usually run as root.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$target" --window-size="$width,$height" "file://$absolute" >/dev/null 2>&1
[ -s "$target" ] || { echo "chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $target"
