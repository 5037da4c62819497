# tests/bad/lib.sh — helpers of the bad-input cases (tests/cases/bad-*.sh),
# sourced by bash after `set -eu`.  Sets $tmp (removed on exit), $BAD
# (this folder) and $BADGEN (the input generator, tests/tools/badgen.c).
#
#   check WHAT CMD...        run CMD: pass or fail (prints FAIL WHAT)
#   run CMD...               run CMD with its output in $tmp/log, status $rc
#   has TEXT                 $tmp/log holds TEXT (fixed string)
#   hasnt TEXT               $tmp/log does not hold TEXT
#   site_config FILE CONTENT TEMPLATES OUT [EXTRA]   write a config.ini
#   same_tree A B            A and B hold the same files, byte for byte
#   alone DIR                nothing was left beside DIR (no DIR.tmp.*)
#   finish                   print "N passed, N failed"; exit status
BAD=$TOP/tests/bad
BADGEN=$B/tests/badgen
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || { chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"; }' EXIT
passed=0 failed=0
rc=0

check() {
	local what=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "FAIL $what"
	fi
}

run() {
	set +e
	"$@" > "$tmp/log" 2>&1
	rc=$?
	set -e
}

has() { grep -qF -- "$1" "$tmp/log" || { echo "  log:"; head -n 20 "$tmp/log" | sed 's/^/  | /'; return 1; }; }
# lacks [GREP-OPTION...] PATTERN FILE...: PATTERN in none of the FILEs,
# which are all there (check.inc's, for the cases that use this file).
lacks() {
	local rc=0
	grep -q "$@" || rc=$?
	[ "$rc" -eq 1 ]
}
hasnt() { ! grep -qF -- "$1" "$tmp/log"; }

site_config() {
	cat > "$1" <<CFG
[paths]
content = $2
templates = $3
out = $4
${5:-}
CFG
}

same_tree() { diff -r --no-dereference "$1" "$2" > /dev/null; }

alone() {
	local d=$1
	! ls -d "$d".tmp.* "$d".old.* > /dev/null 2>&1
}

# Is badgen built (make test builds it)?  Else skip the case.
need_badgen() {
	if [ ! -x "$BADGEN" ]; then
		echo "skip: $BADGEN is not built (make test builds it)"
		exit 77
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
