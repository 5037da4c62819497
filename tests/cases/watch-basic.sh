#!/usr/bin/env bash
# slow
# watch-basic.sh — gen watch builds, then builds again after each
# change (an edited document, a new one in a new folder, a template),
# once for a burst of changes, saying what it rebuilt; SIGINT stops it
# cleanly.  Every wait is bounded.
set -eu
. "$TOP/tests/cases/watch.inc"
mkdir -p "$tmp/content"
cp -R "$TOP/templates" "$tmp/tpl"
cp "$TOP"/content/*.txt "$tmp/content/"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $tmp/tpl
out = $tmp/out
CFG
watch_start
check "first build" wait_for 1 'built in .*full build'
doc=$(ls "$tmp/content" | head -1)
slug=${doc%.txt}
sed -i '$s/$/观察模式修改。/' "$tmp/content/$doc"
check "edit: rebuilt, naming the file" wait_for 1 "rebuilt in .*$doc"
check "edit: in the page" grep -q '观察模式修改' "$tmp/out/$slug.html"
mkdir "$tmp/content/new"
printf '2024年新区工作要点\n\n一、总体\n\n1.新的一项。内容。\n' > "$tmp/content/new/fresh.txt"
check "new folder, new file: rebuilt" wait_for 1 'rebuilt in .*new/fresh.txt'
check "new file: its page" test -f "$tmp/out/fresh.html"
printf '\n2.又一项。内容。\n' >> "$tmp/content/new/fresh.txt"
check "a file in the new folder is watched" wait_for 2 'rebuilt in .*new/fresh.txt'
n=$(grep -c 'rebuilt in' "$tmp/log")
for i in 1 2 3 4 5; do
	printf '\n%d.连续修改。内容。\n' $((i + 2)) >> "$tmp/content/new/fresh.txt"
	sleep 0.01
done
check "a burst: rebuilt" wait_for $((n + 1)) 'rebuilt in'
sleep 0.5
m=$(grep -c 'rebuilt in' "$tmp/log")
check "a burst of 5 writes: one or two builds (got $((m - n)))" test $((m - n)) -le 2
check "the burst's last write is in" grep -q 'id="s1-i7"' "$tmp/out/fresh.html"
printf '{{! changed }}' >> "$tmp/tpl/doc.mustache"
check "template: a full build" wait_for 1 'rebuilt in .*full build'
kill -INT "$pid"
rc=0
for i in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
if kill -0 "$pid" 2>/dev/null; then
	check "SIGINT: stopped within 5 s" false
else
	wait "$pid" || rc=$?
	pid=
	check "SIGINT: exit 0 (got $rc)" test "$rc" -eq 0
	check "SIGINT: says so" grep -q 'stopped watching' "$tmp/log"
fi
check "out/ is whole" test -f "$tmp/out/index.html"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
