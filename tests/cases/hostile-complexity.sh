#!/usr/bin/env bash
# slow
# hostile-complexity.sh — no input makes gen superlinear (issue 16): each
# shape of bench/pathological.py (repeated item numbers, emphasis
# warnings, sub-items, and cmark's pathological cases) is run at n and at
# 8n; the 8n run must finish within max(FLOOR, 20 x the n run's time) and
# within a virtual memory of 20 x the 8n input + 128 MB (the program,
# its libraries and their mappings; 40 MB for `gen check` of the plain-
# text shapes, which gen parses alone, and 20 MB for every `gen build`,
# which writes its pages, JSON and packed trees as it makes them and
# holds no page's values or set of ids whole), plus for
# Markdown what libcmark alone takes on it (bench/cmark_peak.c, measured
# here: the library's share, which gen cannot lower).  Linear growth
# passes with room; quadratic growth (64x) fails.  Speed itself is `make
# bench` (bench/complexity.sh), not this.
#
# `gen check` parses every shape; `gen build --no-search` (ids, pages;
# the search index is another program's) runs the shapes
# of gen's own numbering and emphasis.  n is HOSTILE_N (default 128 KiB:
# 8n = 1 MiB).  Under ASan the memory limit is off (ASan reserves
# terabytes of address space for its shadow memory, so no ulimit -v lets
# it start) and FLOOR is ten times longer; under valgrind the case is
# skipped (minutes).
set -eu
. "$TOP/tests/bad/lib.sh"

if [ "${GEN_VALGRIND:-0}" = 1 ]; then
	echo "skip: 8n inputs under valgrind take minutes"
	exit 77
fi
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }
if [ ! -x /usr/bin/time ]; then
	echo "skip: /usr/bin/time (Debian package time) not installed"
	exit 77
fi
asan=0
case $B in *asan*) asan=1 ;; esac
floor=10
[ "$asan" = 1 ] && floor=100
n=${HOSTILE_N:-131072}
n8=$((8 * n))

python3 "$TOP/bench/pathological.py" --dir "$tmp" "$n" "$n8"
# libcmark alone on a file (what gen's Markdown front end runs).
# shellcheck disable=SC2046
if ! ${CC:-cc} -std=c11 -O2 -o "$tmp/cmark_peak" "$TOP/bench/cmark_peak.c" \
    $(pkg-config --cflags --libs libcmark 2>/dev/null || echo -lcmark) \
    > "$tmp/cc.log" 2>&1; then
	cat "$tmp/cc.log"
	echo "FAIL: bench/cmark_peak.c does not build (cc and libcmark build gen)"
	exit 1
fi
limits="[limits]
file_size = 256M
line_length = 256M
lines = 64M"

# timed LOG CMD...: run CMD (output to LOG) under /usr/bin/time; sets rc,
# secs (wall, seconds) and kb (peak RSS).
timed() {
	local log=$1
	shift
	set +e
	/usr/bin/time -o "$tmp/time" -f '%e %M' "$@" > "$log" 2>&1
	rc=$?
	set -e
	read -r secs kb < <(tail -n 1 "$tmp/time")
	case $secs in [0-9]*) ;; *) secs=999 kb=0 ;; esac
}

# one SHAPE EXT MODE: check or build the shape at n, then at 8n under the
# limits: time from the n run, memory from the input (and cmark's own).
one() {
	local shape=$1 ext=$2 mode=$3 size t_n kb_n rc_n limit_s limit_kb what
	local cmark_kb=0
	what="$shape ($mode)"
	if [ "$ext" = .md ]; then
		timed "$tmp/log" "$tmp/cmark_peak" "$tmp/$shape-$n8$ext"
		cmark_kb=$kb
	fi
	for size in "$n" "$n8"; do
		rm -rf "$tmp/c" "$tmp/out"
		mkdir -p "$tmp/c"
		cp "$tmp/$shape-$size$ext" "$tmp/c/doc$ext"
		site_config "$tmp/config.ini" "$tmp/c" "$TOP/templates" \
		    "$tmp/out" "$limits"
		if [ "$mode" = check ]; then
			set -- "$GEN" check -c "$tmp/config.ini" "$tmp/c/doc$ext"
		else
			set -- "$GEN" build -j 1 --no-search -c "$tmp/config.ini"
		fi
		if [ "$size" = "$n" ]; then
			timed "$tmp/log" timeout $((floor * 3)) "$@"
			check "$what at n: finished (rc $rc, ${secs}s)" \
			    test "$rc" -le 1
			[ "$rc" -le 1 ] || return 0	# no 8n after a failed n
			t_n=$secs kb_n=$kb rc_n=$rc
			continue
		fi
		# 20 x the n run's time, never under the floor (whole seconds).
		limit_s=$(awk -v t="$t_n" -v f="$floor" \
		    'BEGIN { s = 20 * t; if (s < f) s = f; printf "%d", s + 1 }')
		# 20 x the input + 128 MB + libcmark's own, in KiB; 40 MB
		# for `gen check` of plain text, which keeps one record a
		# line (issue 16: 40-44 MB at 1 MiB; 70-74 MB before), and
		# 20 MB for `gen build`, which holds no page, JSON or packed
		# tree whole, no source page's values and its set of ids
		# only while it gives them (it passes at 34 MB at 1 MiB of
		# plain text, 56 MB for md-lists-restart; 42-46 and 72 MB
		# before, 49-52 and 79 MB before that).
		limit_kb=$(( n8 / 1024 * 20 + 131072 + cmark_kb ))
		if [ "$mode" = build ]; then
			limit_kb=$(( n8 / 1024 * 20 + 20480 + cmark_kb ))
		elif [ "$ext" = .txt ]; then
			limit_kb=$(( n8 / 1024 * 20 + 40960 ))
		fi
		if [ "$asan" = 1 ]; then
			timed "$tmp/log" timeout "$limit_s" "$@"
		else
			timed "$tmp/log" timeout "$limit_s" sh -c \
			    'ulimit -v "$0" && exec "$@"' "$limit_kb" "$@"
		fi
		check "$what at 8n: within ${limit_s}s (n took ${t_n}s) and ${limit_kb} KiB of memory, status $rc_n as at n (rc $rc, ${secs}s, ${kb} KiB)" \
		    test "$rc" -eq "$rc_n"
		echo "$what: n ${t_n}s ${kb_n} KiB, 8n ${secs}s ${kb} KiB (cmark alone ${cmark_kb} KiB)"
		if [ "$rc" -ne "$rc_n" ]; then
			tail -n 3 "$tmp/log" | sed 's/^/  | /'
		fi
	done
}

while read -r shape ext; do
	one "$shape" "$ext" check
	case $shape in
	items-*|sections-*|md-*) one "$shape" "$ext" build ;;
	esac
done < <(python3 "$TOP/bench/pathological.py" --list)
finish
