#!/usr/bin/env bash
# slow
# incr-atomic.sh — out/ is always a whole site: builds killed (SIGKILL)
# at many moments, full and incremental, leave out/ either exactly as
# it was or exactly the new site, never a mix; the build after a kill
# gives the right site; a build that fails while writing leaves out/
# as it was; what killed builds leave beside out/ is cleaned up.
set -eu

command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
python3 "$TOP/bench/corpus.py" --seed 3 -n 80 --size 12000 -o "$tmp/corpus" >/dev/null
mv "$tmp/corpus/txt" "$tmp/content"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/site/out
CFG
doc=$tmp/content/plan-00070.txt
cp "$doc" "$tmp/orig.txt"
last=$(grep -o '^[0-9]*\.' "$doc" | tail -1)
last=${last%.}
# Two states of the content; the edit adds an item, so every page
# (their footers count items) is written again.
state() {
	if [ "$1" = 1 ]; then
		cp "$tmp/orig.txt" "$doc"
		printf '\n%d.新增的一项任务。落实新增内容。\n' $((last + 1)) >> "$doc"
	else
		cp "$tmp/orig.txt" "$doc"
	fi
	touch -d '2020-01-01' "$doc"
}
mkref() {
	state "$1"
	"$GEN" build --full -c "$tmp/config.ini" -o "$tmp/ref$1/out" > /dev/null 2>&1
}
mkref 1
mkref 0
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }

# Which site is out/: 0, 1, or "mixed".
which_site() {
	if diff -r -x '.gen-*' "$tmp/ref0/out" "$tmp/site/out" >/dev/null 2>&1; then
		echo 0
	elif diff -r -x '.gen-*' "$tmp/ref1/out" "$tmp/site/out" >/dev/null 2>&1; then
		echo 1
	else
		echo mixed
	fi
}

cur=0
for delay in 0.01 0.04 0.08 0.13 0.2; do
	next=$((1 - cur))
	state "$next"
	rm -rf "$tmp/before"
	cp -a "$tmp/site/out" "$tmp/before"
	for full in "" --full; do
		"$GEN" build $full -c "$tmp/config.ini" > /dev/null 2>&1 &
		pid=$!
		sleep "$delay"
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		got=$(which_site)
		check "killed after ${delay}s${full:+ (full)}: a whole site (got $got)" \
		    test "$got" = "$cur" -o "$got" = "$next"
		if [ "$got" = "$cur" ]; then
			check "killed after ${delay}s${full:+ (full)}: out/ exactly as it was" \
			    diff -r "$tmp/before" "$tmp/site/out"
		fi
		[ "$got" = "$next" ] && break
	done
	"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
	check "after the kills at ${delay}s: the new site" test "$(which_site)" = "$next"
	cur=$next
done
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1
check "then nothing changed" grep -q 'nothing changed' "$tmp/log"
beside=$(ls -A "$tmp/site" | tr '\n' ' ')
check "beside out/: only out and its hidden mirror (got $beside)" \
    test "$beside" = ".out.gen-shadow out " -o "$beside" = "out "

check "the edit adds an item" grep -Eq 'id="([a-z0-9-]*-)?i'$((last + 1))'"' "$tmp/ref1/out/plan-00070.html"

# A build that fails while writing (where a page goes, a folder) leaves
# out/ as it was, and the next one recovers.
state $((1 - cur))
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
cur=$((1 - cur))
state $((1 - cur))
rm -rf "$tmp/before"
cp -a "$tmp/site/out" "$tmp/before"
rm -f "$tmp/site/.out.gen-shadow/plan-00070.html"
mkdir "$tmp/site/.out.gen-shadow/plan-00070.html"
set +e
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1
rc=$?
set -e
check "failed write: exit 1 (got $rc)" test "$rc" -eq 1
check "failed write: names the file" grep -q 'plan-00070.html' "$tmp/log"
check "failed write: out/ exactly as it was" diff -r "$tmp/before" "$tmp/site/out"
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
check "failed write: the next build recovers" test "$(which_site)" = $((1 - cur))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
