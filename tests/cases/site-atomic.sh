#!/usr/bin/env bash
# site-atomic.sh — a build that fails (a broken template) exits 1, names
# the template, and leaves the previous out/ byte-identical with nothing
# left beside it; a good rebuild replaces out/ whole; gen refuses to
# replace a folder it did not build.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
config() { # templates folder, out folder
	cat > "$tmp/config.ini" <<CFG
[paths]
content = $TOP/content
templates = $1
out = $2
CFG
}
cp -R "$TOP/templates" "$tmp/tpl"
config "$tmp/tpl" "$tmp/site/out"
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
cp -R "$tmp/site/out" "$tmp/before"

# 1. A template that does not compile.
printf '{{#unclosed}}\n' >> "$tmp/tpl/doc.mustache"
set +e
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1
rc=$?
set -e
check "broken template: exit 1 (got $rc)" test "$rc" -eq 1
check "broken template: the error names doc.mustache" grep -q 'doc\.mustache' "$tmp/log"
check "broken template: out/ unchanged" diff -r "$tmp/before" "$tmp/site/out"
check "broken template: nothing left beside out/" test "$(ls "$tmp/site")" = out

# 2. A template that fails while rendering (strict: a missing partial).
cp "$TOP/templates/doc.mustache" "$tmp/tpl/doc.mustache"
printf '{{<base}}{{$main}}{{>no-such-partial}}{{/main}}{{/base}}\n' > "$tmp/tpl/tag.mustache"
set +e
"$GEN" build --strict -c "$tmp/config.ini" > "$tmp/log" 2>&1
rc=$?
set -e
check "missing partial (strict): exit 1 (got $rc)" test "$rc" -eq 1
check "missing partial: out/ unchanged" diff -r "$tmp/before" "$tmp/site/out"
check "missing partial: nothing left beside out/" test "$(ls "$tmp/site")" = out

# 3. A good rebuild replaces out/ whole (a stray file goes away).
cp "$TOP/templates/tag.mustache" "$tmp/tpl/tag.mustache"
echo stray > "$tmp/site/out/stray.html"
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
check "rebuild: stray file removed" test ! -e "$tmp/site/out/stray.html"
# The manifest records the stat data of the templates rewritten since
# (or not, while they are under two seconds old: racy), so it may differ.
check "rebuild: same site as before" \
    diff -r -x .gen-manifest "$tmp/before" "$tmp/site/out"
check "rebuild: nothing left beside out/" test "$(ls "$tmp/site")" = out

# 4. A folder gen did not build is never replaced.
mkdir -p "$tmp/mine"
echo precious > "$tmp/mine/notes.txt"
config "$tmp/tpl" "$tmp/mine"
set +e
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1
rc=$?
set -e
check "foreign folder: exit 1 (got $rc)" test "$rc" -eq 1
check "foreign folder: untouched" test "$(cat "$tmp/mine/notes.txt")" = precious
check "foreign folder: only its file" test "$(ls -A "$tmp/mine")" = notes.txt
check "foreign folder: nothing left beside it" test "$(ls "$tmp" | grep -c '^mine')" -eq 1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
