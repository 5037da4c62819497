#!/usr/bin/env bash
# site-determinism.sh — two builds of the same input are byte-identical.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GEN" build -o "$tmp/a/out" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
"$GEN" build -o "$tmp/b/out" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
# A rebuild over an existing site gives the same bytes too.
"$GEN" build -o "$tmp/a/out" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
diff -r "$tmp/a/out" "$tmp/b/out"
n=$(find "$tmp/a/out" -type f | wc -l)
[ "$n" -gt 10 ] || { echo "only $n files built"; exit 1; }
left=$(ls -A "$tmp/a") || { echo "no folder $tmp/a"; exit 1; }
[ "$left" = out ] || { echo "left-over beside out/: $left"; exit 1; }
echo "identical: $n files"
