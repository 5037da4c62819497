#!/usr/bin/env bash
# slow
# hostile-complexity.sh — no input makes gen superlinear (issue 16): each
# shape of bench/pathological.py (repeated item numbers, emphasis
# warnings, sub-items, and cmark's pathological cases) is run at n and at
# 8n; the 8n run must finish within max(FLOOR, 20 x the n run's time) and
# within a virtual memory of 20 x max(8n, the n run's peak RSS) + 128 MB.
# Linear growth (8x) passes both with room; quadratic growth (64x) fails
# them.  Speed itself is `make bench` (bench/complexity.sh), not this.
#
# `gen check` parses every shape; `gen build` (ids, pages) runs the shapes
# of gen's own numbering.  n is HOSTILE_N (default 128 KiB: 8n = 1 MiB).
# Under ASan the memory limit is off (ASan reserves terabytes of address
# space) and FLOOR is ten times longer; under valgrind the case is
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
# limits drawn from the n run.
one() {
	local shape=$1 ext=$2 mode=$3 size t_n kb_n rc_n limit_s limit_kb what
	what="$shape ($mode)"
	for size in "$n" "$n8"; do
		rm -rf "$tmp/c" "$tmp/out"
		mkdir -p "$tmp/c"
		cp "$tmp/$shape-$size$ext" "$tmp/c/doc$ext"
		site_config "$tmp/config.ini" "$tmp/c" "$TOP/templates" \
		    "$tmp/out" "$limits"
		if [ "$mode" = check ]; then
			set -- "$GEN" check -c "$tmp/config.ini" "$tmp/c/doc$ext"
		else
			set -- "$GEN" build -j 1 -c "$tmp/config.ini"
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
		# 20 x max(input, n's peak RSS) + 128 MB, in KiB.
		limit_kb=$(( (n8 / 1024 > kb_n ? n8 / 1024 : kb_n) * 20 + 131072 ))
		if [ "$asan" = 1 ]; then
			timed "$tmp/log" timeout "$limit_s" "$@"
		else
			timed "$tmp/log" timeout "$limit_s" sh -c \
			    'ulimit -v "$0" && exec "$@"' "$limit_kb" "$@"
		fi
		check "$what at 8n: within ${limit_s}s (n took ${t_n}s) and ${limit_kb} KiB of memory, status $rc_n as at n (rc $rc, ${secs}s, ${kb} KiB)" \
		    test "$rc" -eq "$rc_n"
		echo "$what: n ${t_n}s ${kb_n} KiB, 8n ${secs}s ${kb} KiB"
		if [ "$rc" -ne "$rc_n" ]; then
			tail -n 3 "$tmp/log" | sed 's/^/  | /'
		fi
	done
}

while read -r shape ext; do
	one "$shape" "$ext" check
	case $shape in
	items-*|sections-*|md-lists-*) one "$shape" "$ext" build ;;
	esac
done < <(python3 "$TOP/bench/pathological.py" --list)
finish
