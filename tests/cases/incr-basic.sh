#!/usr/bin/env bash
# slow
# incr-basic.sh — incremental builds: nothing changed writes nothing
# (every inode, mtime and size under out/ and beside it stays); an edit
# inside one document's text writes its page, JSON and source copy and
# nothing else; edits that reach other pages (a title, an annotation,
# an item more, a new document that takes another's name, a deleted
# one) give exactly the site a full build gives; a template, the
# configuration or another version of gen rebuilds everything; a file
# put into out/ by hand goes at the next build.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
mkdir -p "$tmp/content" "$tmp/site"
cp -R "$TOP/templates" "$tmp/tpl"
cat > "$tmp/config.ini" <<CFG
[site]
title = 测试站点
base_url = https://example.org/
[paths]
content = $tmp/content
templates = $tmp/tpl
out = $tmp/site/out
CFG
doc() { # file year title tag
	cat > "$tmp/content/$1" <<DOC
$3

总体要求：坚持以人民健康为中心。

一、加强综合监管

1.落实依法执业监管。开展专项检查。（$4）

2.提升公共卫生服务。完善服务体系。

二、推进医疗改革

3.深化医联体建设。推进分级诊疗。（办实事项目9）
DOC
}
doc a.txt 2023 "2023年甲区卫生健康工作要点" 办实事项目1
doc b.txt 2022 "2022年乙区卫生健康工作要点" 办实事项目1
doc c.txt 2022 "2022年丙区卫生健康工作要点" 办实事项目2
doc d.txt 2021 "2021年丁区卫生健康工作要点" 区政府折子工程3
# Old files: their stat data can be trusted at once.
touch -d '2020-01-02 03:04:05' "$tmp/content"/* "$tmp/config.ini"
find "$tmp/tpl" -exec touch -d '2020-01-02 03:04:05' {} +

build() { "$GEN" build -c "$tmp/config.ini" "$@" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }; }
# Every file under out/ and every entry beside it: inode, mtime, size.
snap() {
	{ (cd "$tmp/site/out" && find . -printf '%i %T@ %s %p\n'); \
	  (cd "$tmp/site" && find . -maxdepth 1 -printf '%i %T@ %p\n'); } | sort -k4
}
# The files (not folders, not .gen-*) whose inode, mtime or size differ
# between two snapshots, or that are in one only.
changed() {
	diff <(grep -v '/\.gen-' "$1") <(grep -v '/\.gen-' "$2") |
	    sed -n 's/^[<>] [^ ]* [^ ]* [^ ]* \.\/*//p' | sort -u |
	    while read -r f; do [ -d "$tmp/site/out/$f" ] || [ -z "$f" ] ||
	    [ "${f#.}" != "$f" ] || printf '%s ' "$f"; done
}
# The site is the one a full build makes from the same inputs.
same_as_full() {
	rm -rf "$tmp/ref"
	"$GEN" build --full -c "$tmp/config.ini" -o "$tmp/ref/out" > "$tmp/reflog" 2>&1
	diff -r -x '.gen-*' "$tmp/ref/out" "$tmp/site/out" > "$tmp/diff" 2>&1 ||
	    { head -20 "$tmp/diff"; return 1; }
	diff <(grep -v '^gen:' "$tmp/reflog") <(grep -v '^gen:' "$tmp/log") ||
	    { echo "diagnostics differ"; return 1; }
}

build
check "first build is full" grep -q 'full build' "$tmp/log"
check "first build: manifest" test -f "$tmp/site/out/.gen-manifest"
snap > "$tmp/s0"

# Nothing changed: nothing written, not even the manifest.
build
check "nothing changed: says so" grep -q 'nothing changed' "$tmp/log"
snap > "$tmp/s1"
check "nothing changed: no file touched" cmp -s "$tmp/s0" "$tmp/s1"
touch "$tmp/content/a.txt"
build
snap > "$tmp/s1"
check "touched, same bytes: nothing written" cmp -s "$tmp/s0" "$tmp/s1"
check "touched, same bytes: says so" grep -q 'nothing changed' "$tmp/log"

# An edit inside the text: only that document's own files, and the
# pages and trees (SLUG.json) whose related items (docs/relations.md)
# point to the paragraph edited: the four documents say the same, so
# a, c and d list b's paragraph among theirs, now last (it scores lower
# than the others).
sed -i 's/坚持以人民健康为中心。/坚持以人民健康为中心，不断改进。/' "$tmp/content/b.txt"
build
snap > "$tmp/s2"
check "text edit: one document read" grep -q '(1 read)' "$tmp/log"
got=$(changed "$tmp/s1" "$tmp/s2")
check "text edit: only b's files and the pages linking to it (got: $got)" \
    test "$got" = "a.html a.json b.html b.json c.html c.json d.html d.json src/b.html src/b.txt "
check "text edit: the edit is in the page" grep -q '不断改进' "$tmp/site/out/b.html"
check "text edit: same site as a full build" same_as_full
check "text edit: nothing left beside out/" test "$(ls "$tmp/site")" = out

# A title: lists, neighbours, feed change too; still a full build's site.
sed -i '1s/.*/2022年乙区卫生健康工作要点（修订）/' "$tmp/content/b.txt"
build
snap > "$tmp/s3"
got=$(changed "$tmp/s2" "$tmp/s3")
check "title edit: index and year page rewritten (got: $got)" \
    eval 'case "$got" in *index.html*year/2022.html*) true ;; *) false ;; esac'
# d is no neighbour of b, but its related items name b's title.
check "title edit: d.html, not a neighbour, names b's new title" \
    grep -q '（修订）</a>' "$tmp/site/out/d.html"
check "title edit: same site as a full build" same_as_full

# An annotation changes: its tag pages.
sed -i 's/（办实事项目2）/（办实事项目7）/' "$tmp/content/c.txt"
build
check "annotation: new tag page" sh -c 'ls "$1"/tag/*-办实事项目7.html' _ "$tmp/site/out"
check "annotation: old tag page gone" sh -c '! ls "$1"/tag/*-办实事项目2.html' _ "$tmp/site/out"
check "annotation: same site as a full build" same_as_full

# One item more: the totals every page shows.
printf '\n4.新增一项任务。内容。\n' >> "$tmp/content/a.txt"
build
check "item added: same site as a full build" same_as_full

# A new document whose name takes another's URL name.
doc "a.md" 2024 "# 2024年新区卫生健康工作要点" 办实事项目1
build
check "new document: a.md is a.html now" grep -q '2024年新区' "$tmp/site/out/a.html"
check "new document: a.txt moved to a-2.html" grep -q '2023年甲区' "$tmp/site/out/a-2.html"
check "new document: same site as a full build" same_as_full

# A deleted document disappears.
rm "$tmp/content/d.txt"
build
for f in d.html d.json src/d.txt src/d.html; do
	check "deleted: $f gone" test ! -e "$tmp/site/out/$f"
done
check "deleted: its tag page gone" sh -c '! ls "$1"/tag/*-区政府折子工程3.html' _ "$tmp/site/out"
check "deleted: same site as a full build" same_as_full
snap > "$tmp/s4"

# A template: every page again (a full build).
printf '{{! changed }}' >> "$tmp/tpl/doc.mustache"
build
snap > "$tmp/s5"
check "template: a full build" grep -q 'full build' "$tmp/log"
n=$(grep -c '\.html$' "$tmp/s4")
got=$(changed "$tmp/s4" "$tmp/s5" | tr ' ' '\n' | grep -c '\.html$' || true)
check "template: all $n pages written (got $got)" test "$got" -eq "$n"
check "template: same site as a full build" same_as_full

# The configuration: a full build.
sed -i 's/^title = 测试站点/title = 另一个站点/' "$tmp/config.ini"
build
check "config: a full build" grep -q 'full build' "$tmp/log"
check "config: the new title" grep -q '另一个站点' "$tmp/site/out/index.html"

# Another version of gen (the manifest says so): a full build.
python3 - "$tmp/site/out/.gen-manifest" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
n = int.from_bytes(b[12:16], "little")
b[16] = ord("9") if b[16] != ord("9") else ord("8")
open(p, "wb").write(b)
PY
build
check "version: a full build" grep -q 'full build' "$tmp/log"
build
check "after it: nothing changed" grep -q 'nothing changed' "$tmp/log"

# The same version number but another gen program (rebuilt with a change:
# here the same program with another GNU build ID, as the linker gives a
# changed program): a full build, since its parser or pages may differ;
# then nothing changed again.  Without a build ID gen hashes its own
# bytes: that copy, and the same with one byte more, are other programs.
objcopy -O binary --only-section=.note.gnu.build-id "$GEN" "$tmp/note"
python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[-1] ^= 0xFF; open(sys.argv[1], "wb").write(b)' "$tmp/note"
objcopy --update-section .note.gnu.build-id="$tmp/note" "$GEN" "$tmp/gen-rebuilt"
GEN="$tmp/gen-rebuilt" build
check "rebuilt gen (another build ID): a full build" grep -q 'full build' "$tmp/log"
GEN="$tmp/gen-rebuilt" build
check "rebuilt gen, again: nothing changed" grep -q 'nothing changed' "$tmp/log"
objcopy --remove-section .note.gnu.build-id "$GEN" "$tmp/gen-noid"
GEN="$tmp/gen-noid" build
check "gen without a build ID: a full build" grep -q 'full build' "$tmp/log"
printf x >> "$tmp/gen-noid"
GEN="$tmp/gen-noid" build
check "gen without a build ID, one byte more: a full build" grep -q 'full build' "$tmp/log"
GEN="$tmp/gen-noid" build
check "gen without a build ID, again: nothing changed" grep -q 'nothing changed' "$tmp/log"
build
check "the first gen again: a full build" grep -q 'full build' "$tmp/log"

# A file put into out/ by hand goes at the next build.
echo stray > "$tmp/site/out/stray.html"
echo stray > "$tmp/site/out/tag/stray.html"
build
check "stray: removed" test ! -e "$tmp/site/out/stray.html"
check "stray in a folder: removed" test ! -e "$tmp/site/out/tag/stray.html"
check "stray: same site as a full build" same_as_full
# A page removed by hand comes back.
rm "$tmp/site/out/b.html"
build
check "removed page: back" test -f "$tmp/site/out/b.html"
check "removed page: same site as a full build" same_as_full
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
