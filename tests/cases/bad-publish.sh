#!/usr/bin/env bash
# slow
# bad-publish.sh — publishing under SIGKILL at the points in question,
# through the test hook GEN_TEST_STOP (gen kills itself at the named
# point: before-swap, after-swap).  At every point out/ is a whole site
# holding print/ and pagefind/ (made by `gen print` and Pagefind, which
# a build carries over), and the next build keeps them; folders beside
# out/ named like gen's leftovers but not gen's (a backup made with
# cp -a out out.old.20240101, an out.tmp.1 of one's own) are never
# removed, while gen's own leftovers are.
set -eu
. "$TOP/tests/bad/lib.sh"

c=$tmp/content
out=$tmp/site/out
mkdir -p "$c"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$c/"
site_config "$tmp/config.ini" "$c" "$TOP/templates" "$out"
run "$GEN" build -c "$tmp/config.ini"
[ "$rc" -eq 0 ] || { cat "$tmp/log"; exit 1; }
mkdir -p "$out/print" "$out/pagefind/fragment"
echo '<p>print edition</p>' > "$out/print/plan.html"
echo 'index' > "$out/pagefind/fragment/a.pf_fragment"
cp -a "$out" "$tmp/site/out.old.20240101"
mkdir "$tmp/site/out.tmp.1"
echo mine > "$tmp/site/out.tmp.1/notes.txt"

whole() {	# out/ is a whole site with print/ and pagefind/
	test -s "$out/index.html" && test -s "$out/plan.html" &&
	    test -s "$out/.gen-site" &&
	    grep -q 'print edition' "$out/print/plan.html" &&
	    grep -q index "$out/pagefind/fragment/a.pf_fragment"
}
mine() {	# the folders of one's own beside out/ are untouched
	test "$(cat "$tmp/site/out.tmp.1/notes.txt")" = mine &&
	    test -s "$tmp/site/out.old.20240101/index.html" &&
	    test -s "$tmp/site/out.old.20240101/print/plan.html"
}
ours_gone() {	# no leftover of gen's beside out/, marker or folder
	local all
	all=$(ls -A "$tmp/site") || return 1
	! printf '%s\n' "$all" | grep -v -x -e out -e out.old.20240101 \
	    -e out.tmp.1 -e .out.gen-shadow | grep -q .
}

n=0
for mode in full incremental; do
	for point in before-swap after-swap; do
		n=$((n + 1))
		what="$mode, killed $point"
		printf '一、修改%d\n1.第%d次修改。\n' $n $n > "$c/edit.txt"
		flag=
		[ $mode = full ] && flag=--full
		run env GEN_TEST_STOP=$point "$GEN" build $flag -c "$tmp/config.ini"
		check "$what: killed there (rc $rc)" test "$rc" -eq 137
		check "$what: out/ whole, print/ and pagefind/ in it" whole
		if [ $point = after-swap ]; then
			check "$what: out/ is the new site" grep -q "第${n}次修改" "$out/edit.html"
		fi
		run "$GEN" build -c "$tmp/config.ini"
		check "$what: the next build succeeds (rc $rc)" test "$rc" -eq 0
		check "$what: next build: print/ and pagefind/ kept" whole
		check "$what: next build: the change published" grep -q "第${n}次修改" "$out/edit.html"
		check "$what: gen's leftovers removed" ours_gone
		check "$what: folders of one's own kept" mine
	done
done
# gen's own leftover is removed even when it is old.
run "$GEN" build -c "$tmp/config.ini"
check "a last build: rc 0" test "$rc" -eq 0
check "out.old.20240101 (a backup) kept whole" test -s "$tmp/site/out.old.20240101/index.html"
check "out.tmp.1 (one's own) kept" test -s "$tmp/site/out.tmp.1/notes.txt"
finish
