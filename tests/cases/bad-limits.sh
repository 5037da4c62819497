#!/usr/bin/env bash
# slow
# bad-limits.sh — the [limits] of config.ini, end to end: file_size,
# line_length, lines and depth each stop a document with an error that names
# the file and the limit (and its key), the other documents are built
# (--keep-going: without it a document with an error stops the build),
# and raising the key lets the document through.  A 50 MB plan is
# under the default file_size (64M) and builds; under a 40M limit it is
# refused without being read.  Under valgrind and ASan the 50 MB build
# is skipped (memory).
set -eu
. "$TOP/tests/bad/lib.sh"
need_badgen

c=$tmp/content
mkdir -p "$c"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$c/"
out=$tmp/site/out
config() { # extra [limits] lines
	site_config "$tmp/config.ini" "$c" "$TOP/templates" "$out" "[limits]
$1"
}
good_built() {
	test -s "$out/plan.html" && test -s "$out/summary.html"
}

# 1. file_size: a 50 MB plan.
"$BADGEN" plan 52428800 > "$c/big.txt"
size=$(wc -c < "$c/big.txt")
config "file_size = 40M"
run timeout 120 "$GEN" build --keep-going -c "$tmp/config.ini"
check "file_size 40M: exit 1 (got $rc)" test "$rc" -eq 1
check "file_size 40M: file, size and limit named" \
    has "$c/big.txt: error: file is $size bytes, over the limit of 41943040 bytes ([limits] file_size)"
check "file_size 40M: the good documents built" good_built
check "file_size 40M: no page for the big plan" test ! -e "$out/big.html"
if [ "${GEN_VALGRIND:-0}" = 1 ] || case $B in *asan*) true ;; *) false ;; esac; then
	echo "note: the 50 MB build is skipped under valgrind and ASan"
else
	config ""
	run timeout 300 "$GEN" build -c "$tmp/config.ini"
	check "50 MB under the default 64M: exit 0 (got $rc)" test "$rc" -eq 0
	check "50 MB: page built" test -s "$out/big.html"
	last="s$(grep -c '部分重点任务$' "$c/big.txt")-i$(grep '^[0-9]*\.' "$c/big.txt" | tail -n 1 | cut -d. -f1)"
	check "50 MB: the last item ($last) is on the page" \
	    grep -q "id=\"$last\"" "$out/big.html"
	check "50 MB: the good documents built" good_built
fi
rm -f "$c/big.txt"
# A sparse 100 GB file: refused from its size, at once, never read.
if truncate -s 100G "$c/huge.txt" 2> /dev/null; then
	run timeout 20 "$GEN" check "$c/huge.txt"
	check "100 GB sparse file: refused without reading (rc $rc)" \
	    has "$c/huge.txt: error: file is 107374182400 bytes, over the limit of 67108864 bytes ([limits] file_size)"
	rm -f "$c/huge.txt"
fi
rm -rf "$out"

# 2. line_length: a 10 MB line is over the default 1M; 16M lets it in.
"$BADGEN" line 10485760 > "$c/long.txt"
config ""
run timeout 120 "$GEN" build --keep-going -c "$tmp/config.ini"
check "line 10 MB: exit 1 (got $rc)" test "$rc" -eq 1
check "line 10 MB: file:line and the limit" \
    has "$c/long.txt:2: error: line is longer than the limit of 1048576 bytes ([limits] line_length)"
check "line 10 MB: the good documents built" good_built
check "line 10 MB: no page" test ! -e "$out/long.html"
config "line_length = 16M"
run timeout 120 "$GEN" build -c "$tmp/config.ini"
check "line_length 16M: exit 0 (got $rc)" test "$rc" -eq 0
check "line_length 16M: page built with the heading after the line" \
    grep -q '重点任务' "$out/long.html"
config "line_length = 50"
run timeout 120 "$GEN" check -c "$tmp/config.ini" "$c/plan.txt"
check "line_length 50: the plan's first long line is refused" \
    has "$c/plan.txt:5: error: line is longer than the limit of 50 bytes ([limits] line_length)"
rm -f "$c/long.txt"

# 2b. lines: 1,048,577 one-character lines are over the default 1M,
# refused before any parsing (a line costs the parser ~200 bytes);
# the count is the key's to raise.
awk 'BEGIN { print "2023年工作要点"; for (i = 0; i < 1048576; i++) print "x" }' \
    > "$c/many.txt"
config ""
run timeout 120 "$GEN" build -c "$tmp/config.ini"
check "1,048,577 lines: exit 1 (got $rc)" test "$rc" -eq 1
check "1,048,577 lines: file:line and the limit" \
    has "$c/many.txt:1048577: error: more than 1048576 lines ([limits] lines)"
check "1,048,577 lines: the good documents built" good_built
check "1,048,577 lines: no page" test ! -e "$out/many.html"
rm -f "$c/many.txt"
n=$(wc -l < "$c/plan.txt")
config "lines = $((n - 1))"
run timeout 120 "$GEN" check -c "$tmp/config.ini" "$c/plan.txt"
check "lines $((n - 1)): the plan's last line is refused" \
    has "$c/plan.txt:$n: error: more than $((n - 1)) lines ([limits] lines)"
config "lines = $n"
run timeout 120 "$GEN" check -c "$tmp/config.ini" "$c/plan.txt"
check "lines $n: the plan passes (rc $rc)" test "$rc" -eq 0

# 3. depth: the cap on nesting and its key.
"$BADGEN" deep 100 > "$c/deep.txt"
"$BADGEN" mddeep 100 > "$c/deep.md"
config "depth = 6"
run timeout 120 "$GEN" build --keep-going -c "$tmp/config.ini"
check "depth 6: exit 1 (got $rc)" test "$rc" -eq 1
check "depth 6 (Markdown): the limit and its key" \
    has "$c/deep.md:5:7: error: lists nested too deeply (the tree is limited to 6 levels, [limits] depth)"
check "depth 6 (text): the limit" \
    has "$c/deep.txt:9:1: error: numbering is nested deeper than 6 levels"
check "depth 6: the good documents built" good_built
check "depth 6: deep pages built with the rest" \
    grep -q '结尾的段落' "$out/deep.json"
# The largest depth is the one the templates can render (up to 1000
# was accepted; between 96 and 100 one deep document failed the whole
# build): 91 is refused, 90 levels of numbering (text) and 45 of lists
# (Markdown, a list and its item are two levels) build.
config "depth = 91"
run "$GEN" build -c "$tmp/config.ini"
check "depth 91: refused" \
    has "$tmp/config.ini:6: error: bad value for depth: \"91\" (at most 90"
"$BADGEN" deep 90 > "$c/deep.txt"
rm -f "$c/deep.md"
"$BADGEN" mddeep 45 > "$c/deepmd.md"
config "depth = 90"
run timeout 120 "$GEN" build -c "$tmp/config.ini"
check "depth 90: the deepest trees build (rc $rc)" test "$rc" -eq 0
check "depth 90: no error" hasnt "error"
check "depth 90 (text): the 90th level shown" grep -q '第90层。' "$out/deep.html"
check "depth 90 (Markdown): built" grep -q "结尾的段落" "$out/deepmd.html"
rm -f "$c/deep.txt" "$c/deep.md" "$c/deepmd.md"

# 4. Scale: 20,000 distinct annotations in one document build in 2 GB
# of address space (site.c:model_groups sized every group for all
# occurrences: 20,000 x 20,000 entries, 10 GB).
if [ "${GEN_VALGRIND:-0}" = 1 ] || case $B in *asan*) true ;; *) false ;; esac; then
	echo "note: the 2 GB memory cap is skipped under valgrind and ASan"
else
	"$BADGEN" tags 20000 > "$c/tags.txt"
	config ""
	run timeout 120 sh -c 'ulimit -v 2097152 && exec "$@"' _ "$GEN" build -c "$tmp/config.ini"
	check "20,000 annotations: built within 2 GB (rc $rc)" test "$rc" -eq 0
	check "20,000 annotations: a page each" \
	    test "$(ls "$out/tag" 2> /dev/null | wc -l)" -ge 20000
	rm -f "$c/tags.txt"
fi

# 5. Bad values of the keys: the config's line named, nothing built.
rm -rf "$out"
config "file_size = 0
line_length = lots
depth = -1
[limits]
file_size = 17179869185G"
run "$GEN" build -c "$tmp/config.ini"
check "bad limits: exit 1" test "$rc" -eq 1
check "bad file_size: line 6" has "$tmp/config.ini:6: error: bad value for file_size: \"0\""
check "bad line_length: line 7" has "$tmp/config.ini:7: error: bad value for line_length: \"lots\""
check "bad depth: line 8" has "$tmp/config.ini:8: error: bad value for depth: \"-1\""
check "file_size that overflows: line 10" has "$tmp/config.ini:10: error: bad value for file_size: \"17179869185G\""
check "bad limits: nothing built" test ! -e "$out"
finish
