#!/usr/bin/env bash
# slow
# bad-input.sh — a content folder of good documents among bad ones: each
# bad one gives its message (file, line, column, limit) and exit 1; with
# --keep-going the good ones are all built (and what the parser kept of
# the ones it could read); without it (and with
# --strict) nothing is built and the previous out/ is left byte for byte.  Inputs: tests/bad/good/,
# tests/bad/input/ and, for the big ones, tests/tools/badgen.c.
set -eu
. "$TOP/tests/bad/lib.sh"
need_badgen

c=$tmp/content
mkdir -p "$c/sub"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$c/"
cp "$BAD/input/bad-utf8.txt" "$BAD/input/mixed-encoding.txt" \
    "$BAD/input/image.txt" "$BAD/input/empty.txt" "$c/"
head -c 4096 /dev/zero > "$c/nul.txt"
"$BADGEN" line 10485760 > "$c/long-line.txt"
"$BADGEN" deep 10000 > "$c/deep-text.txt"
"$BADGEN" mddeep 10000 > "$c/deep-md.md"
"$BADGEN" doubled 1048576 "$tmp/doubled.want" > "$c/doubled.txt"
# File names: blanks, Chinese, quotes, a leading dash, "..", markup.
for n in "with space" "中文 名称" "it's \"q\"" "-rf" "a..b" "x<b>&amp;"; do
	printf '一、名称测试\n1.内容。\n' > "$c/$n.txt"
done
printf '一、子目录\n' > "$c/sub/with space.txt"
# Files that cannot be read: a dangling link, a link loop, a link to a
# folder named .txt; a folder link loop that must not be walked.
ln -s "$tmp/nowhere.txt" "$c/dangling.txt"
ln -s loop-b.txt "$c/loop-a.txt"
ln -s loop-a.txt "$c/loop-b.txt"
ln -s sub "$c/folder.txt"
ln -s .. "$c/sub/up"
ln -s ../sub "$c/sub/self"
site_config "$tmp/config.ini" "$c" "$TOP/templates" "$tmp/site/out"

# 1. --keep-going: every bad file reported, every good one built, exit 1.
run timeout 120 "$GEN" build --keep-going -c "$tmp/config.ini"
out=$tmp/site/out
check "build: exit 1 (got $rc)" test "$rc" -eq 1
check "invalid UTF-8: file:line:col and byte" \
    has "$c/bad-utf8.txt:4:3: error: invalid byte 0xFF (tried UTF-8, GB18030)"
check "mixed encodings: the first line that is not UTF-8" \
    has "$c/mixed-encoding.txt:3:1: error: invalid byte 0xA3 (tried UTF-8, GB18030)"
check "PNG named .txt" has "$c/image.txt: error: not a text file (looks like a PNG image)"
check "NUL-filled file" has "$c/nul.txt: error: not a text file (NUL byte at offset 0)"
check "0-byte file: a warning" has "$c/empty.txt: warning: file is empty"
check "10 MB line: file:line and the limit" \
    has "$c/long-line.txt:2: error: line is longer than the limit of 1048576 bytes ([limits] line_length)"
check "10,000 levels (text): file:line:col and the cap" \
    has "$c/deep-text.txt:35:1: error: numbering is nested deeper than 32 levels"
check "10,000 levels (Markdown): file:line:col and the cap" \
    has "$c/deep-md.md:5:33: error: lists nested too deeply (the tree is limited to 32 levels, [limits] depth)"
check "dangling link" has "$c/dangling.txt: error: cannot read: No such file or directory"
check "link loop" has "$c/loop-a.txt: error: cannot read: Too many levels of symbolic links"
check "link to a folder" has "$c/folder.txt: error: cannot read: Is a directory"
check "no internal error" hasnt "internal error"
check "errors counted: 11" test "$(grep -c ': error: ' "$tmp/log")" -eq 11
for p in plan summary empty deep-text deep-md doubled with-space with-space-2 \
    中文-名称 it-s-q rf a-b x-b-amp; do
	check "page $p.html built" test -s "$out/$p.html"
	check "tree $p.json built" test -s "$out/$p.json"
done
for p in bad-utf8 mixed-encoding image nul long-line dangling loop-a folder; do
	check "no page for $p" test ! -e "$out/$p.html"
done
check "the links in content/ were not walked (no page from sub/up)" \
    test "$(ls "$out"/*.json | wc -l)" -eq 13
check "deep text: the rest is kept as text" grep -q '第10000层之二' "$out/deep-text.json"
check "deep Markdown: what follows is kept" grep -q '结尾的段落' "$out/deep-md.json"
check "nothing left beside out/" alone "$out"

# The 1 MB region of doubled glyphs is repaired whole: the text of the
# first section is the text the generator doubled.
"$GEN" dump --json "$c/doubled.txt" 2> /dev/null |
    sed -n 's/^ *"text": "\(.*\)",\{0,1\}$/\1/p' | tr -d '\n' > "$tmp/doubled.got"
tr -d '\n' < "$tmp/doubled.want" > "$tmp/doubled.want1"
check "doubled glyphs: 1 MB region repaired exactly" \
    sh -c 'head -c "$(wc -c < "$2")" "$1" | cmp -s - "$2"' _ "$tmp/doubled.got" "$tmp/doubled.want1"
check "doubled glyphs: half the size" test "$(wc -c < "$tmp/doubled.want1")" -gt 500000

# 2. Without --keep-going (and with --strict) the same folder builds
# nothing; out/ is left as it was.
cp -R "$out" "$tmp/before"
run timeout 120 "$GEN" build -c "$tmp/config.ini"
check "default: exit 1 (got $rc)" test "$rc" -eq 1
check "default: says why" has "gen: error: not publishing because of the errors above (--keep-going publishes the rest)"
check "default: out/ untouched" same_tree "$tmp/before" "$out"
run timeout 120 "$GEN" build --strict -c "$tmp/config.ini"
check "strict: exit 1 (got $rc)" test "$rc" -eq 1
check "strict: says why" has "gen: error: not publishing because of the errors above"
check "strict: the errors are listed" has "$c/image.txt: error: not a text file"
check "strict: out/ untouched" same_tree "$tmp/before" "$out"
check "strict: nothing left beside out/" alone "$out"

# 3. A file that cannot be read for its permissions.  Root reads any
# file, so there gen runs as nobody (setpriv) or the check is skipped.
mkdir -p "$tmp/perm"
printf '一、保密\n' > "$tmp/perm/secret.txt"
chmod 000 "$tmp/perm/secret.txt"
if [ "$(id -u)" -ne 0 ]; then
	run "$GEN" check "$tmp/perm/secret.txt"
	check "chmod 000: exit 1" test "$rc" -eq 1
	check "chmod 000: message" has "$tmp/perm/secret.txt: error: cannot read: Permission denied"
elif command -v setpriv > /dev/null && chmod 755 "$tmp" "$tmp/perm" &&
    setpriv --reuid=65534 --regid=65534 --clear-groups "$GEN" --version > /dev/null 2>&1; then
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$GEN" check "$tmp/perm/secret.txt"
	check "chmod 000 (as nobody): exit 1" test "$rc" -eq 1
	check "chmod 000 (as nobody): message" has "$tmp/perm/secret.txt: error: cannot read: Permission denied"
else
	echo "note: running as root without setpriv: the chmod 000 check is skipped"
fi

# 4. A FIFO named .txt never blocks the build: it reads as empty.
if mkfifo "$c/fifo.txt" 2> /dev/null; then
	run timeout 20 "$GEN" check "$c/fifo.txt"
	check "FIFO: no hang, read as empty (rc $rc)" has "$c/fifo.txt: warning: file is empty"
	rm -f "$c/fifo.txt"
fi
finish
