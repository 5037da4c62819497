#!/usr/bin/env bash
# slow
# bad-kill.sh — a build killed midway (SIGKILL, nothing can clean up)
# leaves out/ byte for byte as it was.  Two ways to catch the build
# while it writes: (1) a content folder of 3,000 generated plans, killed
# soon after its temporary folder OUT.tmp.PID appears; (2) a partial
# that is a FIFO held open by the test, so the build blocks inside the
# first document page until killed.  The
# content is changed before each killed build, so a build that finished
# would have changed out/.  Every wait is bounded.
set -eu
. "$TOP/tests/bad/lib.sh"
need_badgen

c=$tmp/content
out=$tmp/site/out
mkdir -p "$c"
ndocs=3000
[ "${GEN_VALGRIND:-0}" = 1 ] && ndocs=200	# valgrind is slow enough
"$BADGEN" docs "$c" "$ndocs"
site_config "$tmp/config.ini" "$c" "$TOP/templates" "$out"
run timeout 300 "$GEN" build -c "$tmp/config.ini"
[ "$rc" -eq 0 ] || { cat "$tmp/log"; exit 1; }
cp -a "$out" "$tmp/before"

# Start a build; wait (at most 60 s) for its temporary folder, then
# `delay` more seconds, then SIGKILL it.  Sets $caught to 1 when it was
# killed while its temporary folder existed.
caught=0
kill_build() { # config, delay
	local pid i
	caught=0
	"$GEN" build -c "$1" > "$tmp/kill.log" 2>&1 &
	pid=$!
	for i in $(seq 6000); do
		if ls -d "$out".tmp.* > /dev/null 2>&1; then
			# the passes before the pages (related items
			# across the documents) take a while: wait for the
			# first page in the temporary folder
			for i in $(seq 3000); do
				[ -n "$(ls -A "$out".tmp.* 2> /dev/null)" ] &&
				    break
				kill -0 "$pid" 2> /dev/null || break
				sleep 0.01
			done
			sleep "$2"
			if kill -0 "$pid" 2> /dev/null &&
			    ls -d "$out".tmp.* > /dev/null 2>&1; then
				kill -KILL "$pid" 2> /dev/null && caught=1
			fi
			break
		fi
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.01
	done
	kill -KILL "$pid" 2> /dev/null || true
	wait "$pid" 2> /dev/null || true
}

# 1. Many documents: the changed build is killed while writing pages.
# Every document changes, so an incremental build has them all to do.
printf '一、新增的文件\n1.它不应出现在被中断的网站里。\n' > "$c/added.txt"
sed -i 's/卫生工作要点$/卫生工作要点（修订）/' "$c"/doc-*.txt
for delay in 0.2 0.05 0; do
	kill_build "$tmp/config.ini" "$delay"
	[ "$caught" -eq 1 ] && break
done
if [ "$caught" -eq 1 ]; then
	check "killed ($ndocs documents): out/ byte for byte as before" \
	    same_tree "$tmp/before" "$out"
	check "killed: the new document is not in out/" test ! -e "$out/added.html"
	check "killed: the temporary folder held a partial site" \
	    test -n "$(ls -A "$out".tmp.* 2> /dev/null)"
else
	check "the build was caught while writing (too fast for $ndocs documents?)" false
fi
rm -rf "$out".tmp.*

# 2. A FIFO partial: the build blocks inside the first document page.
cp -R "$TOP/templates" "$tmp/tpl"
sed 's|<div class="doc-body">|<div class="doc-body">{{>slow}}|' "$TOP/templates/doc.mustache" \
    > "$tmp/tpl/doc.mustache"
if grep -q '{{>slow}}' "$tmp/tpl/doc.mustache" && mkfifo "$tmp/tpl/slow.mustache" 2> /dev/null; then
	site_config "$tmp/fifo.ini" "$c" "$tmp/tpl" "$out"
	# Hold the FIFO open for writing, writing nothing: reading it
	# blocks (a FIFO without a writer would read as empty).
	exec 3<> "$tmp/tpl/slow.mustache"
	kill_build "$tmp/fifo.ini" 0.5
	exec 3>&-
	if [ "$caught" -eq 1 ]; then
		check "killed (blocked on a partial): out/ byte for byte as before" \
		    same_tree "$tmp/before" "$out"
	else
		echo "note: the FIFO partial was read before the temporary folder existed"
		check "killed (FIFO, before writing): out/ as before" same_tree "$tmp/before" "$out"
	fi
	rm -rf "$out".tmp.*
else
	echo "note: no FIFO: the blocking variant is skipped"
fi

# 3. The next build finishes and shows the change.
run timeout 300 "$GEN" build -c "$tmp/config.ini"
check "after the kills: a build succeeds (rc $rc)" test "$rc" -eq 0
check "after the kills: the new document is built" test -s "$out/added.html"
check "after the kills: the changed titles are built" grep -q '（修订）' "$out/doc-00000.html"
check "after the kills: nothing left beside out/" alone "$out"
finish
