#!/usr/bin/env bash
# bench/complexity.sh — make bench: time and peak memory of gen on hostile
# inputs (bench/pathological.py: gen's repeated item numbers, emphasis
# warnings and sub-items, cmark's pathological cases) at n and 8n.
#
# For each shape and command (`gen check` parses; `gen dump --json`
# parses and writes the tree; `gen build -j 1` also gives ids and
# renders pages; --no-search: the search index is another program's),
# prints a row: the CPU time (user + system: on a shared
# machine the wall clock says more about the neighbours) at n and 8n and
# their ratio (linear: about 8; issue 16's bound: at most ~10), the peak
# RSS at n and 8n and the peak RSS at 8n over the input.  For Markdown,
# the peak RSS of libcmark alone on the 8n input (bench/cmark_peak.c:
# the library's share, which gen cannot lower) and gen's own (its peak
# less cmark's) over the input.  Issue 16's memory bound is on gen's
# own: at most 20 x the input + 64 MB (MEM_CONST).
# A row over either bound is marked; `gen dump` keeps the default
# [limits] (it reads no config.ini), so a shape with a line over 1 MB
# is refused there ("refused").  The table goes to stdout and to
# bench/results/complexity.md.
#
# Environment (defaults):
#   GEN=bin/gen  COMPLEXITY_N=1048576 (bytes; 8n is eight times that)
#   COMPLEXITY_SHAPES (all)  COMPLEXITY_CMDS="check dump build"
#   COMPLEXITY_TIMEOUT=300 (seconds one run may take; "timeout" in the row)
#   BENCH_WORK=/dev/shm/gen-complexity (inputs, kept per size and version
#   of the generator)
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
GEN=${GEN:-bin/gen}
case $GEN in /*) ;; *) GEN=$TOP/$GEN ;; esac
N=${COMPLEXITY_N:-1048576}
N8=$((8 * N))
CMDS=${COMPLEXITY_CMDS:-"check dump build"}
MEM_CONST=64	# MB
TIMEOUT=${COMPLEXITY_TIMEOUT:-300}
if [ -z "${BENCH_WORK:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		BENCH_WORK=/dev/shm/gen-complexity
	else
		BENCH_WORK=${TMPDIR:-/tmp}/gen-complexity
	fi
fi
[ -x /usr/bin/time ] || { echo "complexity: needs /usr/bin/time (make bench-deps)"; exit 1; }

gver=$(cksum < bench/pathological.py | cut -d' ' -f1)
inputs=$BENCH_WORK/inputs-$gver
if [ ! -f "$inputs/.done-$N" ]; then
	mkdir -p "$inputs"
	python3 bench/pathological.py --dir "$inputs" "$N" "$N8"
	touch "$inputs/.done-$N"
fi
run=$BENCH_WORK/run
cat > "$BENCH_WORK/limits" <<CFG
[limits]
file_size = 1G
line_length = 1G
lines = 256M
CFG

# measure SHAPE EXT SIZE CMD: prints "CPU-SECONDS KB WALL" (CPU
# "timeout" when it timed out).
measure() {
	local shape=$1 ext=$2 size=$3 cmd=$4 rc
	rm -rf "$run"
	mkdir -p "$run/c"
	cp "$inputs/$shape-$size$ext" "$run/c/doc$ext"
	{
		printf '[paths]\ncontent = %s\ntemplates = %s\nout = %s\n' \
		    "$run/c" "$TOP/templates" "$run/out"
		cat "$BENCH_WORK/limits"
	} > "$run/config.ini"
	set +e
	if [ "$cmd" = check ]; then
		/usr/bin/time -o "$run/time" -f '%U %S %M %e' timeout "$TIMEOUT" \
		    "$GEN" check -c "$run/config.ini" "$run/c/doc$ext" \
		    < /dev/null > /dev/null 2>&1
	elif [ "$cmd" = dump ]; then
		/usr/bin/time -o "$run/time" -f '%U %S %M %e' timeout "$TIMEOUT" \
		    "$GEN" dump --json "$run/c/doc$ext" \
		    < /dev/null > /dev/null 2>&1
	elif [ "$cmd" = cmark ]; then
		/usr/bin/time -o "$run/time" -f '%U %S %M %e' timeout "$TIMEOUT" \
		    "$CMARK_PEAK" "$run/c/doc$ext" < /dev/null > /dev/null 2>&1
	else
		/usr/bin/time -o "$run/time" -f '%U %S %M %e' timeout "$TIMEOUT" \
		    "$GEN" build -j 1 --no-search -c "$run/config.ini" \
		    < /dev/null > /dev/null 2>&1
	fi
	rc=$?
	set -e
	tail -n 1 "$run/time" | awk -v to="$rc" '{
		printf "%s %s %s %s\n", to == 124 ? "timeout" : $1 + $2, $3, $4,
		    to }'
}

# libcmark alone, as gen runs it (bench/cmark_peak.c).
CMARK_PEAK=$BENCH_WORK/cmark_peak
if [ ! -x "$CMARK_PEAK" ] || [ bench/cmark_peak.c -nt "$CMARK_PEAK" ]; then
	mkdir -p "$BENCH_WORK"
	# shellcheck disable=SC2046
	cc -std=c11 -O2 -o "$CMARK_PEAK" bench/cmark_peak.c \
	    $(pkg-config --cflags --libs libcmark 2>/dev/null || echo -lcmark)
fi

out=bench/results/complexity.md
mkdir -p bench/results
{
	echo "gen $("$GEN" --version | cut -d' ' -f2), n = $N bytes, $(date -u +%Y-%m-%d), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
	echo
	echo "Bounds (issue 16): CPU 8n ÷ CPU n at most ~10; gen's own peak RSS at 8n (less libcmark's alone, for Markdown) at most 20 × the input + $MEM_CONST MB."
	echo
	echo "| shape | command | n (bytes) | CPU n (s) | CPU 8n (s) | ratio | peak RSS n (MB) | peak RSS 8n (MB) | RSS 8n ÷ input | cmark alone 8n (MB) | gen's own 8n ÷ input | |"
	echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} | tee "$out"
python3 bench/pathological.py --list | while read -r shape ext; do
	if [ -n "${COMPLEXITY_SHAPES:-}" ]; then
		case " $COMPLEXITY_SHAPES " in *" $shape "*) ;; *) continue ;; esac
	fi
	ck8=0
	if [ "$ext" = .md ]; then
		read -r _ ck8 _ _ < <(measure "$shape" "$ext" "$N8" cmark)
	fi
	for cmd in $CMDS; do
		read -r t1 k1 _ r1 < <(measure "$shape" "$ext" "$N" "$cmd")
		read -r t8 k8 _ r8 < <(measure "$shape" "$ext" "$N8" "$cmd")
		size=$(wc -c < "$inputs/$shape-$N$ext")
		size8=$(wc -c < "$inputs/$shape-$N8$ext")
		awk -v s="$shape" -v c="$cmd" -v n="$size" -v n8="$size8" \
		    -v t1="$t1" -v t8="$t8" -v k1="$k1" -v k8="$k8" \
		    -v r1="$r1" -v r8="$r8" -v ck8="$ck8" -v mc="$MEM_CONST" '
		    BEGIN {
			if (t1 == "timeout" || t8 == "timeout")
				ratio = "—"
			else
				ratio = sprintf("%.1f", (t8 + 0.005) / (t1 + 0.005))
			per = k8 * 1024 / n8
			own = (k8 - ck8) * 1024 / n8
			mark = ""
			if (c == "dump" && (r1 != 0 || r8 != 0))
				mark = "refused ([limits])"
			else {
				if (t8 == "timeout" || (ratio != "—" && ratio + 0 > 10 && t8 > 1))
					mark = "time"
				if ((k8 - ck8) / 1024 > 20 * n8 / 1048576 + mc)
					mark = mark (mark == "" ? "" : ", ") "memory"
				mark = mark == "" ? "ok" : "over: " mark
			}
			printf "| %s | %s | %d | %s | %s | %s | %.1f | %.1f | %.1f | %s | %.1f | %s |\n",
			    s, c, n, t1, t8, ratio, k1 / 1024, k8 / 1024, per,
			    (ck8 > 0 ? sprintf("%.1f", ck8 / 1024) : ""), own, mark
		}'
	done
done | tee -a "$out"
echo "complexity: table in $out"
