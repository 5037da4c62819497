#!/usr/bin/env bash
# bench/profile.sh — where gen build spends its time, on one corpus.
#
#   bench/profile.sh            (BENCH_PROFILE_N=1000 documents)
#
# Issue 22's figures: BENCH_PROFILE_N=300 BENCH_PROFILE_TOOLS=callgrind
# GEN_RELATE=0 bench/profile.sh (one thread: -j 1), then
# bench/results/profile-stages.md is instructions per input byte by stage
# (bench/stages.sh); bench/bytes.sh weighs a site's pages by kind.
#
# Runs gen build (from scratch, output on tmpfs) under perf stat, under
# perf record (cpu-clock samples; this VM has no hardware counters),
# under strace -c (system calls) and under callgrind, and writes the
# top of each to bench/results/profile-*.txt.  Tools that are missing
# (Debian packages linux-perf, strace, valgrind) are skipped.  The corpus
# is the one bench/run.sh makes (same seed, size and cache).
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
GEN=${GEN:-bin/gen}
case $GEN in /*) ;; *) GEN=$TOP/$GEN ;; esac
N=${BENCH_PROFILE_N:-1000}
SEED=${BENCH_SEED:-7}
SIZE=${BENCH_SIZE:-20000}
TEMPLATES=${BENCH_TEMPLATES:-$TOP/templates}
case $TEMPLATES in /*) ;; *) TEMPLATES=$TOP/$TEMPLATES ;; esac
W=${BENCH_WORK:-/dev/shm/gen-bench}
R=$TOP/bench/results
export LC_ALL=C.UTF-8 TZ=UTC

[ -x "$GEN" ] || { echo "profile: $GEN: not built" >&2; exit 1; }
mkdir -p "$W" "$R"
key=$(sha256sum bench/corpus.py | cut -c1-12)
C=$W/corpus-s$SEED-n$N-z$SIZE-$key
if [ ! -f "$C/.done" ]; then
	rm -rf "$C" "$C.tmp"
	python3 bench/corpus.py --seed "$SEED" -n "$N" --size "$SIZE" \
	    -o "$C.tmp"
	touch "$C.tmp/.done"
	mv "$C.tmp" "$C"
fi
OUT=$W/profile-out
CFG=$W/profile.ini
cat >"$CFG" <<EOF
[paths]
content = $C/txt
templates = $TEMPLATES
out = $OUT
EOF
TOOLS=${BENCH_PROFILE_TOOLS:-perf strace callgrind}
want() { case " $TOOLS " in *" $1 "*) command -v "$2" >/dev/null ;; *) false ;; esac; }
build() { rm -rf "$OUT"; "$@" "$GEN" build --no-search -j 1 -c "$CFG"; }

build env >/dev/null		# warm-up; fails loudly if gen cannot build

if want perf perf; then
	build perf stat -o "$R/profile-perf-stat.txt" \
	    -e task-clock,page-faults,context-switches,cpu-migrations
	build perf record -q -e cpu-clock -F 2000 -g -o "$W/perf.data"
	perf report -i "$W/perf.data" --stdio --no-children \
	    --percent-limit 0.5 2>/dev/null | grep -v '^$' |
	    head -150 >"$R/profile-perf.txt"
	perf report -i "$W/perf.data" --stdio --no-children -g none --sort dso \
	    2>/dev/null | grep -v '^#' | grep -v '^$' |
	    head -20 >"$R/profile-perf-dso.txt"
	echo "profile: $R/profile-perf-stat.txt, profile-perf.txt," \
	    "profile-perf-dso.txt"
fi
if want strace strace; then
	build strace -f -c -o "$R/profile-syscalls.txt"
	echo "profile: $R/profile-syscalls.txt"
fi
if want callgrind valgrind; then
	build valgrind -q --tool=callgrind \
	    --callgrind-out-file="$W/callgrind.out"
	callgrind_annotate "$W/callgrind.out" 2>/dev/null | head -60 \
	    >"$R/profile-callgrind.txt"
	callgrind_annotate --inclusive=yes "$W/callgrind.out" 2>/dev/null |
	    head -60 >"$R/profile-callgrind-inclusive.txt"
	bench/stages.sh "$W/callgrind.out" "$(cat "$C"/txt/* | wc -c)" \
	    >"$R/profile-stages.md"
	echo "profile: $R/profile-callgrind.txt," \
	    "profile-callgrind-inclusive.txt, profile-stages.md"
fi
rm -rf "$OUT"
