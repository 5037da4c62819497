#!/usr/bin/env bash
# site-links.sh — every relative href/src of every page of the default
# site resolves to a file in out/, every #fragment to an id of its page.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$GEN" build -o "$tmp/out" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
python3 "$TOP/tests/tools/linkcheck.py" "$tmp/out"
