#!/usr/bin/env bash
# bad-write.sh — standard output that cannot be written (/dev/full):
# dump, render, print (whose list `make print` reads) and --version exit
# 1 with "gen: write error: No space left on device"; a command that
# writes nothing to standard output (check) is not affected.
set -eu
. "$TOP/tests/bad/lib.sh"
[ -w /dev/full ] || { echo "skip: no /dev/full"; exit 77; }

printf '一、部分\n1.任务。\n' > "$tmp/doc.txt"
printf '{{#a}}{{.}}{{/a}}\n' > "$tmp/t.mustache"
printf '{"a":[1,2,3]}' > "$tmp/d.json"
msg='gen: write error: No space left on device'

wfull() {	# NAME CMD...: CMD > /dev/full fails with the message
	local what=$1; shift
	run sh -c '"$@" > /dev/full' _ "$@"
	check "$what: exit 1 (got $rc)" test "$rc" -eq 1
	check "$what: the message" has "$msg"
	run "$@"
	check "$what: to a file: exit 0 (got $rc)" test "$rc" -eq 0
	check "$what: to a file: no message" hasnt "write error"
}
wfull "dump" "$GEN" dump --json "$tmp/doc.txt"

wfull "render" "$GEN" render "$tmp/t.mustache" "$tmp/d.json"
wfull "print" "$GEN" print --docs -o "$tmp/out" "$tmp/doc.txt"
wfull "--version" "$GEN" --version
run sh -c '"$@" > /dev/full' _ "$GEN" check "$tmp/doc.txt"
check "check writes nothing to stdout: exit 0 (got $rc)" test "$rc" -eq 0
finish
