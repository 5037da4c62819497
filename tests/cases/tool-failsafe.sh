#!/usr/bin/env bash
# slow
# tool-failsafe.sh — errors fail safe (issue 19): a document with an
# error fails the build (exit 1) and leaves the published out/ exactly
# as it was; --keep-going publishes the rest and keeps the failed
# document's last good version, saying so; fixed, it is published
# again.  gen check --format=github prints annotations.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP
cd "$tmp"
mkdir content
printf -- '---\ntitle: 甲计划\nyear: 2024\n---\n一、总体要求\n\n1.做好甲项工作。\n' > content/a.txt
printf -- '---\ntitle: 乙计划\nyear: 2023\n---\n一、总体要求\n\n1.做好乙项工作。\n' > content/b.txt
"$GEN" build > b1.log 2>&1 || { cat b1.log; exit 1; }
snap() { (cd out && find . -type f ! -name '.gen-*' | sort | xargs sha1sum); }
snap > before.sum

# b.txt gets an error (front matter not closed), a.txt a real change.
printf -- '---\ntitle: 乙计划\nyear: 2023\n一、总体要求\n\n1.做好乙项工作。\n' > content/b.txt
sed -i 's/做好甲项工作/做好甲项新工作/' content/a.txt
rc=0; "$GEN" build > b2.log 2>&1 || rc=$?
check "a document with an error: exit 1 (got $rc)" test "$rc" = 1
check "the error is shown" grep -q '^content/b.txt:1:1: error: front matter is not closed' b2.log
check "it says nothing was published" grep -q 'not publishing because of the errors above' b2.log
snap > after.sum
check "out/ is exactly as it was" cmp -s before.sum after.sum
check "the other change is not published either" lacks 甲项新工作 out/a.html

rc=0; "$GEN" build --keep-going > b3.log 2>&1 || rc=$?
check "--keep-going: exit 1 still (got $rc)" test "$rc" = 1
check "--keep-going: says so" grep -q 'content/b.txt: warning: --keep-going: its last good version stays published' b3.log
check "--keep-going: the rest is published" grep -q 甲项新工作 out/a.html
check "--keep-going: the failed document's page stays" grep -q 乙项工作 out/b.html
check "--keep-going: still listed" grep -q 乙计划 out/index.html
check "--keep-going: its source copy is the good one" grep -q '^---$' out/src/b.txt
check "--keep-going: the source copy has its closing fence" test "$(grep -c '^---$' out/src/b.txt)" = 2

# Fixed: published again, exit 0.
printf -- '---\ntitle: 乙计划（修订）\nyear: 2023\n---\n一、总体要求\n\n1.做好乙项工作。\n' > content/b.txt
rc=0; "$GEN" build > b4.log 2>&1 || rc=$?
check "fixed: exit 0 (got $rc)" test "$rc" = 0
check "fixed: the new version is published" grep -q '乙计划（修订）' out/b.html

# A new document with an error and no good version: --keep-going
# publishes what the parser kept of it, and the rest.
printf -- '---\ntitle: 丙\n一、无\n' > content/c.txt
sed -i 's/甲项新工作/甲项第三版工作/' content/a.txt
rc=0; "$GEN" build --keep-going > b5.log 2>&1 || rc=$?
check "--keep-going, no good version: exit 1 (got $rc)" test "$rc" = 1
check "--keep-going, no good version: what was parsed" grep -q '无' out/c.html
check "--keep-going, no good version: the rest published" grep -q 甲项第三版工作 out/a.html
rm content/c.txt

# gen check --format=github: annotations on the line.
printf -- '---\ntitle: 丁\nyear: 2024\n---\n一、总体要求\n\n1.甲。\n\n3.丙。\n' > content/d.txt
"$GEN" check --format=github > gh.out 2> gh.err || true
check "--format=github: ::warning file=,line=,col=::" \
    grep -q '^::warning file=content/d.txt,line=9,col=1::' gh.out
"$GEN" check > plain.out 2> plain.err || true
check "--format=github: the same messages as the plain form" \
    test "$(wc -l < gh.out)" = "$(grep -c ': warning: \|: error: \|: note: ' plain.err)"
rc=0; "$GEN" check --werror > /dev/null 2>&1 || rc=$?
check "check --werror: a warning fails (exit $rc)" test "$rc" = 1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
