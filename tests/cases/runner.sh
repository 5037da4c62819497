#!/usr/bin/env bash
# slow
# runner.sh — the test runner itself (tests/run) cannot pass what should
# fail.  Each check copies tests/run into a small repository of its own
# with a stand-in gen and stand-in test binaries, breaks one thing, and
# asserts the runner's exit status and its closing line: a missing unit
# test binary, a cmocka skip, a crash, a failure cmocka reports twice, a
# case that skips, a failing case, a case killed by a signal, a pair with
# an unexpected stderr line or exit status, a template without its data.
# A clean tree passes, and the one expected skip (a case marked
# "# needs: shared" when the shared folder is absent) is listed.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
passed=0 failed=0

# A fresh repository: one passing unit binary, pair, template and case.
fresh() {
	r=$tmp/repo
	rm -rf "$r"
	mkdir -p "$r/tests/unit" "$r/tests/outline" "$r/tests/markdown" \
	    "$r/tests/render" "$r/tests/cases" "$r/build/tests" "$r/bin"
	cp "$TOP/tests/run" "$r/tests/run"
	# gen dump --json F prints F's first line; a line "ERR: x" is
	# printed to stderr, "EXIT: n" sets the exit status.
	cat > "$r/bin/gen" <<'EOF'
#!/bin/sh
f=$3
[ "$1" = render ] && f=$2
head -n 1 "$f"
grep '^ERR: ' "$f" | sed 's/^ERR: //' >&2
code=$(sed -n 's/^EXIT: //p' "$f")
exit "${code:-0}"
EOF
	chmod +x "$r/bin/gen"
	echo 'int main(void) { return 0; }' > "$r/tests/unit/test_a.c"
	unit "$r/build/tests/test_a" 0 2 '[       OK ] t1' '[       OK ] t2'
	printf 'plan\n' > "$r/tests/outline/p.txt"
	printf 'plan\n' > "$r/tests/outline/p.json"
	printf 'hi\n' > "$r/tests/render/t.mustache"
	printf '{}\n' > "$r/tests/render/t.data.json"
	printf 'hi\n' > "$r/tests/render/t.out"
	printf 'part\n' > "$r/tests/render/_part.mustache"
	printf '#!/bin/sh\necho "2 passed, 0 failed"\n' > "$r/tests/cases/c.sh"
}

# unit PATH STATUS N LINE...: a stand-in cmocka binary announcing N
# tests and printing LINEs.
unit() {
	local p=$1 rc=$2 n=$3 l
	shift 3
	{
		echo '#!/bin/sh'
		echo "echo '[==========] Running $n test(s).'"
		for l in "$@"; do printf "echo '%s'\n" "$l"; done
		echo "exit $rc"
	} > "$p"
	chmod +x "$p"
}

# expect NAME STATUS PATTERN [ENV...]: run the runner, check its status
# and that its output has a line matching PATTERN.
expect() {
	local name=$1 want=$2 pat=$3 rc f0=$failed
	shift 3
	env SHARED="$tmp/shared" "$@" GEN="$r/bin/gen" B="$r/build" \
	    bash "$r/tests/run" > "$tmp/out" 2>&1
	rc=$?
	check "$name: exit $want" [ "$rc" -eq "$want" ]
	check "$name: $pat" grep -qE "$pat" "$tmp/out"
	[ "$failed" -eq "$f0" ] || sed 's/^/     | /' "$tmp/out"
}

fresh
expect "clean tree" 0 '^[0-9]+ passed, 0 failed$'
check "clean tree: counts" grep -qx '6 passed, 0 failed' "$tmp/out"

fresh
echo 'int main(void) { return 0; }' > "$r/tests/unit/test_b.c"
expect "missing unit binary" 1 '^FAIL unit/test_b: no binary'

fresh
unit "$r/build/tests/test_a" 0 2 '[       OK ] t1' '[  SKIPPED ] t2' \
    '[  SKIPPED ] 1 test(s), listed below:' '[  SKIPPED ] t2'
expect "cmocka skip" 1 '^FAIL unit/test_a: 1 skipped'
check "cmocka skip: counted once" grep -qx '[0-9]* passed, 1 failed' "$tmp/out"

fresh
unit "$r/build/tests/test_a" 1 2 '[       OK ] t1' '[  FAILED  ] t2' \
    '[  FAILED  ] 1 test(s), listed below:' '[  FAILED  ] t2'
expect "cmocka failure" 1 '^FAIL unit/test_a \(1 of 2\)'
check "cmocka failure: counted once" grep -qx '[0-9]* passed, 1 failed' "$tmp/out"

fresh
printf '#!/bin/sh\necho "[==========] Running 3 test(s)."\necho "[       OK ] t1"\nkill -SEGV $$\n' \
    > "$r/build/tests/test_a"
expect "unit crash" 1 '^FAIL unit/test_a \(killed by signal 11\)'

fresh
printf '#!/bin/sh\necho "[==========] Running 3 test(s)."\necho "[       OK ] t1"\nexit 0\n' \
    > "$r/build/tests/test_a"
expect "unit stops early" 1 '^FAIL unit/test_a \(ran 1 of 3 tests'

fresh
printf '#!/bin/sh\necho "not this time"\nexit 77\n' > "$r/tests/cases/s.sh"
expect "case skips" 1 '^FAIL cases/s: skipped'

fresh
printf '#!/bin/sh\n# needs: shared\necho "no shared folder"\nexit 77\n' > "$r/tests/cases/s.sh"
expect "expected skip" 0 '^  cases/s: no shared folder$'
check "expected skip: counted" grep -qx '[0-9]* passed, 0 failed, 1 skipped' "$tmp/out"
mkdir -p "$tmp/shared"
expect "skip with shared present" 1 '^FAIL cases/s: skipped'
rmdir "$tmp/shared"

fresh
printf '#!/bin/sh\necho "ok a"\necho "3 passed, 1 failed"\nexit 1\n' > "$r/tests/cases/f.sh"
expect "failing case" 1 '^FAIL cases/f \(3 passed, 1 failed'
check "failing case: counted once" grep -qx '[0-9]* passed, 1 failed' "$tmp/out"

fresh
printf '#!/bin/sh\necho "5 passed, 0 failed"\nexit 1\n' > "$r/tests/cases/f.sh"
expect "case exits 1 with 0 failed" 1 '^FAIL cases/f'

fresh
printf '#!/bin/sh\nkill -KILL $$\n' > "$r/tests/cases/k.sh"
expect "case killed" 1 '^FAIL cases/k \(killed by signal 9\)'

fresh
printf 'plan\nERR: p.txt:1:1: warning: surprise\n' > "$r/tests/outline/p.txt"
expect "pair with unexpected stderr" 1 '^FAIL outline/p.txt: standard error'

fresh
printf 'plan\nERR: p.txt:1:1: warning: expected\n' > "$r/tests/outline/p.txt"
printf 'p.txt:1:1: warning: expected\n' > "$r/tests/outline/p.err"
expect "pair with expected stderr" 0 '^ok   outline/p.txt$'

fresh
printf 'plan\nEXIT: 1\n' > "$r/tests/outline/p.txt"
expect "pair with exit 1" 1 '^FAIL outline/p.txt: standard error or exit status'

fresh
rm "$r/tests/outline/p.json"
expect "pair without expected file" 1 '^FAIL outline/p.txt: no expected file'

fresh
rm "$r/tests/render/t.data.json"
expect "template without data" 1 '^FAIL render/t.mustache: no data'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
