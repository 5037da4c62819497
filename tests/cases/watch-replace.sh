#!/usr/bin/env bash
# slow
# watch-replace.sh — gen watch keeps watching a content folder that is
# replaced (mv content content.bak; cp -r content.bak content): an
# edit in the new folder is rebuilt (it went silent), and the folder
# moved away is no longer watched.  Every wait is bounded.
set -eu
. "$TOP/tests/cases/watch.inc"
mkdir -p "$tmp/content/sub"
printf '甲工作要点\n\n一、部分\n\n1.第一项。\n' > "$tmp/content/a.txt"
printf '乙工作要点\n\n一、部分\n\n1.第一项。\n' > "$tmp/content/sub/b.txt"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
watch_start
check "first build" wait_for 1 'built in .*full build'

# 1. Replaced by a copy: edits in the copy are rebuilt.
mv "$tmp/content" "$tmp/content.bak"
cp -r "$tmp/content.bak" "$tmp/content"
sleep 0.5
printf '2.替换后的修改。\n' >> "$tmp/content/a.txt"
check "replaced folder: an edit rebuilt" wait_for 1 'rebuilt in .*a.txt'
check "replaced folder: in the page" grep -q '替换后的修改' "$tmp/out/a.html"
printf '2.子目录的修改。\n' >> "$tmp/content/sub/b.txt"
check "replaced folder: its subfolder watched" wait_for 1 'rebuilt in .*sub/b.txt'
check "replaced folder: in the page" grep -q '子目录的修改' "$tmp/out/b.html"

# 2. The folder moved away is not watched: no build for its edits.
sleep 0.5
n=$(grep -c -e 'rebuilt in' -e 'nothing changed' -e 'build failed' "$tmp/log" || true)
printf '3.旧目录的修改。\n' >> "$tmp/content.bak/a.txt"
sleep 1
m=$(grep -c -e 'rebuilt in' -e 'nothing changed' -e 'build failed' "$tmp/log" || true)
check "the old folder: no build for its edits ($n, $m)" test "$m" -eq "$n"

# 3. Removed and made again.
rm -rf "$tmp/content"
sleep 0.3
mkdir "$tmp/content"
printf '丙工作要点\n\n一、部分\n\n1.重建。\n' > "$tmp/content/c.txt"
check "made again: built" wait_for 1 'c.txt'
sleep 0.3
printf '2.重建后的修改。\n' >> "$tmp/content/c.txt"
check "made again: an edit rebuilt" wait_for 2 'c.txt'
for i in $(seq 100); do
	grep -q '重建后的修改' "$tmp/out/c.html" 2>/dev/null && break
	sleep 0.05
done
check "made again: in the page" grep -q '重建后的修改' "$tmp/out/c.html"

kill -INT "$pid"
for i in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
wait "$pid" 2>/dev/null || true
pid=
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
