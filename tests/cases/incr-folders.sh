#!/usr/bin/env bash
# slow
# incr-folders.sh — an incremental build trusts a content folder's
# entries while its mtime is the one the manifest recorded (the files
# are then stat'ed from the manifest's list, the folder not read):
# a file edited in place, a file gone (its folder's mtime put back),
# a file added, a new subfolder: each is seen, and the site is the one
# a full build makes.  Folders changed within two seconds of a build are
# not trusted.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
mkdir -p "$tmp/content/sub" "$tmp/site"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/site/out
CFG
doc() { # file title
	printf '%s\n\n一、加强综合监管\n\n1.落实依法执业监管。开展专项检查。\n' "$2" \
	    > "$tmp/content/$1"
}
doc a.txt "2023年甲区卫生健康工作要点"
doc b.txt "2022年乙区卫生健康工作要点"
doc sub/c.txt "2021年丙区卫生健康工作要点"
old() { find "$tmp/content" -exec touch -d '2020-01-02 03:04:05' {} +; }
old

build() { "$GEN" build -c "$tmp/config.ini" "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }; }
same_as_full() {
	rm -rf "$tmp/ref"
	"$GEN" build --full -c "$tmp/config.ini" -o "$tmp/ref/out" > "$tmp/reflog" 2>&1
	diff -r -x '.gen-*' "$tmp/ref/out" "$tmp/site/out" > "$tmp/diff" 2>&1 ||
	    { head -20 "$tmp/diff"; return 1; }
}
# The manifest records the folders (old enough to be trusted).
build
check "first build is full" grep -q 'full build' "$tmp/log"
build
check "nothing changed" grep -q 'nothing changed' "$tmp/log"

# Edited in place: the folder's mtime does not change.
printf '\n2.新增一项任务。内容。\n' >> "$tmp/content/sub/c.txt"
old
build
check "in-place edit: read" grep -q '(1 read)' "$tmp/log"
check "in-place edit: in the page" grep -q '新增一项任务' "$tmp/site/out/c.html"
check "in-place edit: same site as a full build" same_as_full
old
printf '\n3.再加一项。内容。\n' >> "$tmp/content/a.txt"
build
check "second in-place edit: read" grep -q '(1 read)' "$tmp/log"
check "second in-place edit: in the page" grep -q '再加一项' "$tmp/site/out/a.html"

# Gone, with its folder's mtime put back as it was.
rm "$tmp/content/b.txt"
old
build
check "gone: no page" test ! -e "$tmp/site/out/b.html"
check "gone: same site as a full build" same_as_full

# Added: the folder's mtime moves.
doc b2.txt "2024年丁区卫生健康工作要点"
build
check "added: its page" grep -q '2024年丁区' "$tmp/site/out/b2.html"
check "added: same site as a full build" same_as_full

# A new subfolder with a document, in a trusted folder.
old
build
mkdir "$tmp/content/sub/deeper"
doc sub/deeper/d.txt "2020年戊区卫生健康工作要点"
build
check "new subfolder: its document" grep -q '2020年戊区' "$tmp/site/out/d.html"
check "new subfolder: same site as a full build" same_as_full
old
build
build
check "after it all: nothing changed" grep -q 'nothing changed' "$tmp/log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
