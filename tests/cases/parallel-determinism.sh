#!/usr/bin/env bash
# slow
# parallel-determinism.sh — a build on one thread and builds on several
# give the same bytes, every file (the manifest too); so do GEN_JOBS and
# -j, and an incremental build on several threads.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
python3 "$TOP/bench/corpus.py" --seed 11 -n 60 --size 8000 -o "$tmp/corpus" >/dev/null
mkdir -p "$tmp/content"
mv "$tmp/corpus/txt" "$tmp/content/plans"
cp "$TOP"/content/* "$tmp/content/"
# Old files and folders: the manifest records their stat data the same
# way each time (stat data under two seconds old is recorded as unknown).
find "$tmp/content" -exec touch -d '2020-01-02' {} +
cat > "$tmp/config.ini" <<CFG
[site]
base_url = https://example.org/
[paths]
content = $tmp/content
templates = $TOP/templates
CFG
build() { # out, GEN_JOBS, options
	local out=$1 jobs=$2; shift 2
	GEN_JOBS=$jobs "$GEN" build -c "$tmp/config.ini" -o "$tmp/$out/site" "$@" \
	    > "$tmp/$out.log" 2>&1 || { cat "$tmp/$out.log"; exit 1; }
}
build one "" -j 1
build four "" -j 4
build env 3
n=$(find "$tmp/one/site" -type f | wc -l)
check "one thread and four: same $n files" diff -r "$tmp/one/site" "$tmp/four/site"
check "one thread and GEN_JOBS=3: same files" diff -r "$tmp/one/site" "$tmp/env/site"
check "same diagnostics" diff <(grep -v '^gen:' "$tmp/one.log") <(grep -v '^gen:' "$tmp/four.log")
check "the corpus is all there" test "$n" -gt 200
# An incremental build on several threads gives a one-thread full build.
sed -i '3s/$/补充一句。/' "$tmp/content/plans/plan-00007.txt"
sed -i '1s/$/（修订）/' "$tmp/content/plans/plan-00031.txt"
touch -d '2020-01-03' "$tmp/content/plans/plan-00007.txt" "$tmp/content/plans/plan-00031.txt"
build four "" -j 4
build fresh "" -j 1 --full
check "incremental on four threads: a full build's site" \
    diff -r -x '.gen-*' "$tmp/fresh/site" "$tmp/four/site"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
