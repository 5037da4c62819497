#!/usr/bin/env bash
# bench/run.sh — make bench: gen build against a generated corpus of work
# plans, beside the floor (bench/floor.c) and Hugo on the same content.
#
# For each N in BENCH_N it measures, with output on tmpfs:
#   gen .txt  full build (from scratch), nothing changed, one doc edited
#   gen .md   full build
#   floor     read + copy (.txt) / read + cmark (.md) + write, full
#   hugo      full build and a re-run with nothing changed (when installed)
# and once, a site of a single document (startup).  Prints a table and
# writes it to bench/results/latest.md (raw rows beside it).
#
# Environment (defaults):
#   GEN=bin/gen  BENCH_N="1000 10000"  BENCH_RUNS=5  BENCH_HUGO_RUNS=3
#   BENCH_SINGLE_RUNS=20  BENCH_SEED=7  BENCH_SIZE=20000 (bytes/document)
#   BENCH_HUGO=auto|0  BENCH_WORK=/dev/shm/gen-bench
#   BENCH_TEMPLATES=templates (gen's [paths] templates)
#   BENCH_BUDGET=30: seconds one series may take; a series whose warm-up
#   run is slow gets fewer runs (at least one), as the table shows.
#   BENCH_MD=1|0: also gen build the .md corpus (0 on a loaded machine
#   halves the run).
#   BENCH_SEARCH=auto|0: time Pagefind's index of the full .txt site
#   once per N (gen's own builds always run with --no-search, so the
#   latencies are gen's; the index's time is reported beside them).
# The corpus is generated once per seed, N, size and generator version and
# kept under BENCH_WORK; everything else there is rebuilt on each run.
set -eu
cd "$(dirname "$0")/.."
TOP=$(pwd)
GEN=${GEN:-bin/gen}
case $GEN in /*) ;; *) GEN=$TOP/$GEN ;; esac
BENCH_N=${BENCH_N:-"1000 10000"}
RUNS=${BENCH_RUNS:-5}
HUGO_RUNS=${BENCH_HUGO_RUNS:-3}
SINGLE_RUNS=${BENCH_SINGLE_RUNS:-20}
BUDGET=${BENCH_BUDGET:-30}
SEED=${BENCH_SEED:-7}
SIZE=${BENCH_SIZE:-20000}
USE_HUGO=${BENCH_HUGO:-auto}
USE_SEARCH=${BENCH_SEARCH:-auto}
USE_MD=${BENCH_MD:-1}
TEMPLATES=${BENCH_TEMPLATES:-$TOP/templates}
case $TEMPLATES in /*) ;; *) TEMPLATES=$TOP/$TEMPLATES ;; esac
if [ -z "${BENCH_WORK:-}" ]; then
	if [ -d /dev/shm ] && [ -w /dev/shm ]; then
		BENCH_WORK=/dev/shm/gen-bench
	else
		BENCH_WORK=${TMPDIR:-/tmp}/gen-bench
		echo "bench: no /dev/shm; output on $BENCH_WORK (not tmpfs)" >&2
	fi
fi
W=$BENCH_WORK
export LC_ALL=C.UTF-8 TZ=UTC

die() { echo "bench: $*" >&2; exit 1; }

[ -x "$GEN" ] || die "$GEN: not built (make first)"
command -v python3 >/dev/null || die "python3 is needed for the corpus"
command -v cc >/dev/null || die "cc is needed for bench/tick.c and floor.c"
TIME=/usr/bin/time
[ -x "$TIME" ] || { TIME=; echo "bench: no /usr/bin/time (Debian" \
    "package time): peak RSS from wait4" >&2; }
HUGO=
if [ "$USE_HUGO" != 0 ]; then
	if command -v hugo >/dev/null; then
		HUGO=$(command -v hugo)
	else
		echo "bench: hugo not installed (Debian package hugo):" \
		    "no comparison" >&2
	fi
fi

PAGEFIND=
if [ "$USE_SEARCH" != 0 ]; then
	if [ -x node_modules/.bin/pagefind ]; then
		PAGEFIND=$TOP/node_modules/.bin/pagefind
	elif command -v pagefind >/dev/null; then
		PAGEFIND=$(command -v pagefind)
	fi
fi

mkdir -p "$W/bin" "$TOP/bench/results"
RAW=$TOP/bench/results/latest.tsv
: >"$RAW"
LOG=$W/bench.log
: >"$LOG"

# ---- Tools, built here ----

CMARK=$(pkg-config --cflags --libs libcmark 2>/dev/null || echo -lcmark)
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$W/bin/tick" bench/tick.c
# shellcheck disable=SC2086
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -o "$W/bin/floor" \
    bench/floor.c $CMARK
TICK=$W/bin/tick
FLOOR=$W/bin/floor

meta() { printf '#meta\t%s\t%s\n' "$1" "$2" >>"$RAW"; }

meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta gen "$("$GEN" --version 2>/dev/null || echo gen) ($(git rev-parse \
    --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- gen \
    2>/dev/null || echo '+changes'))"
meta hugo "$([ -n "$HUGO" ] && "$HUGO" version | awk '{print "hugo " $2}' ||
    echo "no hugo")"
meta hugo-site "bench/hugo tree $(git rev-parse --short=12 HEAD:bench/hugo \
    2>/dev/null || echo '?')$(git diff --quiet HEAD -- bench/hugo \
    2>/dev/null || echo '+changes')"
meta cpu "$(nproc) × $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo |
    head -1)"
meta runs "up to $RUNS runs (hugo $HUGO_RUNS) or ${BUDGET} s a series, after a warm-up run"
meta work "$W"
meta cores "$(nproc)"
meta load-start "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"

# ---- Timing ----

# timed N TOOL WHAT NOTE command...: run command once; append a raw row.
# Full builds go through /usr/bin/time -v for the peak RSS.  Return the
# command's exit status.
timed() {
	local n=$1 tool=$2 what=$3 note=$4 wall user sys rss code
	shift 4
	rm -f "$W/tick.out" "$W/rss.out"
	if [ -n "$TIME" ] && [ "$what" = full ]; then
		"$TICK" -o "$W/tick.out" "$TIME" -v -o "$W/rss.out" "$@" \
		    >>"$LOG" 2>&1 || true
	else
		"$TICK" -o "$W/tick.out" "$@" >>"$LOG" 2>&1 || true
	fi
	read -r wall user sys rss code <"$W/tick.out"
	if [ -f "$W/rss.out" ]; then
		rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' \
		    "$W/rss.out")
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "$what" \
	    "$wall" "$user" "$sys" "$rss" "$code" "$note" >>"$RAW"
	return "$code"
}

# quiet command...: run untimed (a resync); return status.
quiet() { "$@" >>"$LOG" 2>&1; }

# warm command...: a warm-up run, not recorded; sets WARM to its wall
# time in seconds; returns the command's status.
warm() {
	local code=0
	rm -f "$W/warm.out"
	"$TICK" -o "$W/warm.out" "$@" >"$W/warm.log" 2>&1 || code=$?
	cat "$W/warm.log" >>"$LOG"
	WARM=$(cut -d' ' -f1 "$W/warm.out" 2>/dev/null || echo 0)
	return $code
}

# runs_for MAX: how many runs of WARM seconds fit BUDGET, 1 to MAX.
runs_for() {
	awk -v t="$WARM" -v b="$BUDGET" -v m="$1" 'BEGIN {
		n = (t > 0) ? int(b / t) : m
		if (n > m) n = m
		if (n < 1) n = 1
		print n }'
}

# runs_for_full: how many first edits (each after a full build of
# FULL_WARM seconds) fit BUDGET, 1 to RUNS.
runs_for_full() {
	WARM=${FULL_WARM:-0} runs_for "$RUNS"
}

# Everything about folder $1 that a write would change: every entry's
# inode, mtime and size, and the parent's listing (a swapped-in folder).
snapshot() {
	{
		find "$1" -printf '%i %T@ %s %P\n' | sort
		find "$(dirname "$1")" -maxdepth 1 -printf '%i %T@ %P\n' | sort
	} | md5sum
}

# ---- Corpus ----

# corpus N: print the folder of the corpus of N documents, made if needed.
corpus() {
	local n=$1 key dir
	key=$(sha256sum bench/corpus.py | cut -c1-12)
	dir=$W/corpus-s$SEED-n$n-z$SIZE-$key
	if [ ! -f "$dir/.done" ]; then
		echo "bench: generating $n documents into $dir" >&2
		rm -rf "$dir" "$dir.tmp"
		python3 bench/corpus.py --seed "$SEED" -n "$n" --size "$SIZE" \
		    -o "$dir.tmp" >&2
		touch "$dir.tmp/.done"
		mv "$dir.tmp" "$dir"
	fi
	echo "$dir"
}

# gen_config FILE CONTENT OUT: a config.ini for gen build.
gen_config() {
	cat >"$1" <<-EOF
	[site]
	title = 工作计划与完成情况（基准测试）
	base_url = /
	[paths]
	content = $2
	templates = $TEMPLATES
	out = $3
	EOF
}

# edit FILE R: append a marker sentence to the intro paragraph (line 3).
edit() {
	sed -i "3s/\$/基准测试第$2次修改。/" "$1"
}

GEN_FAILED=0

# gen_full N FORMAT CORPUS: warm-up, then RUNS builds from scratch.
gen_full() {
	local n=$1 fmt=$2 c=$3 out=$W/n$1/gen-$2 cfg=$W/n$1/gen-$2.ini r
	gen_config "$cfg" "$c/$fmt" "$out"
	rm -rf "$out"
	if ! warm "$GEN" build --no-search -c "$cfg"; then
		echo "bench: gen build failed on $n .$fmt (see $LOG):" >&2
		tail -5 "$W/warm.log" >&2
		[ $GEN_FAILED = 1 ] || meta failure "$(grep -m1 . \
		    "$W/warm.log" | cut -c1-200)"
		GEN_FAILED=1
		timed "$n" "gen-$fmt" full "" "$GEN" build --no-search -c "$cfg" || true
		return 1
	fi
	[ "$fmt" != txt ] || FULL_WARM=$WARM
	for r in $(seq "$(runs_for "$RUNS")"); do
		rm -rf "$out"
		timed "$n" "gen-$fmt" full "" "$GEN" build --no-search -c "$cfg" || true
	done
	out_bytes "$n" "$fmt" "$out"
}

# out_bytes N FORMAT OUT: the bytes of the site's pages by kind, as meta
# rows "out-N-FORMAT-KIND": HTML, JSON and XML pages outside src/,
# pagefind/ and print/ (issue 22's bytes per input byte), those folders
# apart, and the document pages (SLUG.html, SLUG.json at the top) alone.
out_bytes() {
	local n=$1 fmt=$2 out=$3
	# shellcheck disable=SC2016
	find "$out" -type f -printf '%s %P\n' | awk -v p="out-$n-$fmt" '
	    { size = $1; path = $2; top = path; sub(/\/.*/, "", top)
	      if (top == "src" || top == "pagefind" || top == "print") {
	          k[top] += size; next }
	      if (path ~ /\.html$/) { k["html"] += size
	          if (path !~ /\//) k["doc-html"] += size }
	      else if (path ~ /\.json$/) { k["json"] += size
	          if (path !~ /\//) k["doc-json"] += size }
	      else if (path ~ /\.xml$/) k["xml"] += size
	      else k["other"] += size }
	    END { for (x in k) printf "#meta\t%s-%s\t%d\n", p, x, k[x] }' |
	    sort >>"$RAW"
}

# gen_incremental N CORPUS: after a full build, RUNS builds with nothing
# changed, then RUNS with one document edited.
gen_incremental() {
	local n=$1 c=$2 out=$W/n$1/gen-txt cfg=$W/n$1/gen-txt.ini r a b note
	local doc nruns
	warm "$GEN" build --no-search -c "$cfg" || true
	nruns=$(runs_for "$RUNS")
	for r in $(seq "$nruns"); do
		a=$(snapshot "$out")
		timed "$n" gen-txt noop unchanged "$GEN" build --no-search -c "$cfg" || true
		b=$(snapshot "$out")
		if [ "$a" != "$b" ]; then
			sed -i '$s/unchanged$/wrote files/' "$RAW"
		fi
	done
	doc=$c/txt/$(printf 'plan-%05d.txt' $((n / 2)))
	# A run killed mid-edit leaves the marker: make the document anew.
	if grep -q 基准测试第 "$doc"; then
		python3 bench/corpus.py --seed "$SEED" --size "$SIZE" \
		    --first $((n / 2)) -n 1 -o "$c"
	fi
	cp "$doc" "$W/saved.txt"
	trap 'cp "$W/saved.txt" "$doc"' EXIT
	# The first edit after a full build from scratch: a cost the later
	# edits do not show (a state the full build leaves for them).
	for r in $(seq "$(runs_for_full)"); do
		cp "$W/saved.txt" "$doc"
		rm -rf "$out"
		quiet "$GEN" build --no-search -c "$cfg" || true
		edit "$doc" "f$r"
		timed "$n" gen-txt edit1 reflected "$GEN" build --no-search \
		    -c "$cfg" || true
		if ! grep -rqF "基准测试第f${r}次修改" "$out"; then
			sed -i '$s/reflected$/not in output/' "$RAW"
		fi
	done
	cp "$W/saved.txt" "$doc"
	quiet "$GEN" build --no-search -c "$cfg" || true
	for r in $(seq "$nruns"); do
		cp "$W/saved.txt" "$doc"
		edit "$doc" "$r"
		note=reflected
		timed "$n" gen-txt edit "$note" "$GEN" build --no-search -c "$cfg" || true
		if ! grep -rqF "基准测试第${r}次修改" "$out"; then
			sed -i '$s/reflected$/not in output/' "$RAW"
		fi
	done
	cp "$W/saved.txt" "$doc"
	trap - EXIT
	quiet "$GEN" build --no-search -c "$cfg" || true
}

# search_index N: Pagefind's index of the full .txt site, once (it has
# no incremental mode: every build that changes pages runs it whole).
search_index() {
	local n=$1 out=$W/n$1/gen-txt
	[ -n "$PAGEFIND" ] && [ -d "$out" ] || return 0
	rm -rf "$out/pagefind"
	timed "$n" pagefind index "" "$PAGEFIND" --site "$out" --quiet || true
}

# floor_full N FORMAT CORPUS
floor_full() {
	local n=$1 fmt=$2 c=$3 out=$W/n$1/floor-$2 r
	rm -rf "$out" && mkdir -p "$out"
	warm "$FLOOR" "$c/$fmt" "$out" || return 0
	for r in $(seq "$(runs_for "$RUNS")"); do
		rm -rf "$out" && mkdir -p "$out"
		timed "$n" "floor-$fmt" full "" "$FLOOR" "$c/$fmt" "$out" || true
	done
}

# hugo_site: a copy of bench/hugo under W, so Hugo writes nothing here.
hugo_site() {
	rm -rf "$W/hugo-site" && cp -r bench/hugo "$W/hugo-site"
}

# hugo_builds N CONTENT: warm-up, HUGO_RUNS from scratch, HUGO_RUNS again
# with nothing changed.
hugo_builds() {
	local n=$1 c=$2 out=$W/n$1/hugo r nruns
	local -a cmd=("$HUGO" --quiet --noBuildLock -s "$W/hugo-site"
	    -c "$c" -d "$out" --cacheDir "$W/hugo-cache")
	rm -rf "$out"
	warm "${cmd[@]}" || { echo "bench: hugo failed (see $LOG)" >&2;
	    return 0; }
	nruns=$(runs_for "$HUGO_RUNS")
	for r in $(seq "$nruns"); do
		rm -rf "$out"
		timed "$n" hugo-md full "" "${cmd[@]}" || true
	done
	for r in $(seq "$nruns"); do
		timed "$n" hugo-md noop "" "${cmd[@]}" || true
	done
}

# single CORPUS: a site of one document, built from scratch, many times.
single() {
	local c=$1 s=$W/single r
	rm -rf "$s" && mkdir -p "$s/txt" "$s/md/plans"
	cp "$c/txt/plan-00000.txt" "$s/txt/"
	cp "$c/md/plans/plan-00000.md" "$s/md/plans/"
	gen_config "$s/gen-txt.ini" "$s/txt" "$s/out-txt"
	gen_config "$s/gen-md.ini" "$s/md" "$s/out-md"
	for fmt in txt md; do
		[ "$fmt" = txt ] || [ "$USE_MD" != 0 ] || continue
		rm -rf "$s/out-$fmt"
		quiet "$GEN" build --no-search -c "$s/gen-$fmt.ini" || continue
		for r in $(seq "$SINGLE_RUNS"); do
			rm -rf "$s/out-$fmt"
			timed 1 "gen-$fmt" single "" \
			    "$GEN" build --no-search -c "$s/gen-$fmt.ini" || true
		done
	done
	if [ -n "$HUGO" ]; then
		for r in $(seq $((SINGLE_RUNS < 5 ? SINGLE_RUNS : 5))); do
			rm -rf "$s/out-hugo"
			timed 1 hugo-md single "" "$HUGO" --quiet --noBuildLock \
			    -s "$W/hugo-site" -c "$s/md" -d "$s/out-hugo" \
			    --cacheDir "$W/hugo-cache" || true
		done
	fi
}

# ---- The runs ----

[ -z "$HUGO" ] || hugo_site
first=
for n in $BENCH_N; do
	c=$(corpus "$n")
	[ -n "$first" ] || first=$c
	meta "bytes-$n-txt" "$(du -sb "$c/txt" | cut -f1)"
	meta "bytes-$n-md" "$(du -sb "$c/md" | cut -f1)"
	rm -rf "$W/n$n" && mkdir -p "$W/n$n"
	echo "bench: N=$n" >&2
	if gen_full "$n" txt "$c"; then
		gen_incremental "$n" "$c"
		search_index "$n"
	fi
	[ "$USE_MD" = 0 ] || gen_full "$n" md "$c" || true
	floor_full "$n" txt "$c"
	floor_full "$n" md "$c"
	if [ -n "$HUGO" ]; then
		hugo_builds "$n" "$c/md"
	fi
	# Free the memory of this N's outputs before the next.
	rm -rf "$W/n$n"
done
[ -z "$first" ] || single "$first"

meta load-end "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
python3 bench/report.py "$RAW" "$TOP/bench/results/latest.md"
