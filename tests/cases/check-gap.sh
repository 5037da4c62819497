#!/usr/bin/env bash
# check-gap.sh — `gen check` on seed 002 (the 2015 Changping plan, 85
# numbered items) reports exactly one problem, item 57 written "57、"
# among "N." items; with item 30 deleted it also reports the gap at the
# line and column of item 31; with heading 三、 deleted, the gap in the
# headings; with item 41 renumbered 40, the duplicate.  Warnings carry
# their id; --werror fails on them, check-ignore acknowledges them, and
# what gen could not find is a note that never fails.  Every run's exit
# status is checked: warnings alone exit 0, with --werror 1.
set -eu

src=$TOP/tests/outline/seed-002.txt
if [ ! -f "$src" ]; then
	echo "skip: $src is missing"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
check() { # name command...
	local name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok   $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name"
		sed 's/^/     | /' "$tmp/out"
	fi
}

# gen_check NAME FILE [OPTION...]: gen check FILE, its output in
# $tmp/out; the check NAME: it exits 0 (warnings and notes never fail
# without --werror).
gen_check() {
	local name=$1 rc=0; shift
	"$GEN" check "$@" > "$tmp/out" 2>&1 || rc=$?
	check "$name: gen check exits 0 (got $rc)" [ "$rc" -eq 0 ]
}

cp "$src" "$tmp/plan.txt"
gen_check unmodified "$tmp/plan.txt"
line57=$(grep -n '^57、' "$tmp/plan.txt" | cut -d: -f1)
want="$tmp/plan.txt:$line57:1: warning: item 57 is written \"57、\"; the other items use \"N.\" [mixed-delimiter]"
check "unmodified: exactly the 57、 warning" [ "$(cat "$tmp/out")" = "$want" ]

grep -v '^30\.' "$src" > "$tmp/gap.txt"
gen_check "item 30 deleted" "$tmp/gap.txt"
line31=$(grep -n '^31\.' "$tmp/gap.txt" | cut -d: -f1)
check "item 30 deleted: gap reported at item 31" grep -qxF \
    "$tmp/gap.txt:$line31:1: warning: item 31 follows 29: 30 is missing [numbering-gap]" \
    "$tmp/out"
check "item 30 deleted: nothing else but 57、" [ "$(wc -l < "$tmp/out")" -eq 2 ]

grep -v '^三、' "$src" > "$tmp/heading.txt"
gen_check "heading 三 deleted" "$tmp/heading.txt"
line4=$(grep -n '^四、' "$tmp/heading.txt" | cut -d: -f1)
check "heading 三 deleted: gap reported at heading 四" grep -qxF \
    "$tmp/heading.txt:$line4:1: warning: heading 四 follows 二: 三 is missing [numbering-gap]" \
    "$tmp/out"

sed 's/^41\./40./' "$src" > "$tmp/dup.txt"
gen_check "item 41 renumbered 40" "$tmp/dup.txt"
line40=$(grep -n '^40\.' "$tmp/dup.txt" | tail -n 1 | cut -d: -f1)
check "item 41 renumbered 40: duplicate reported" grep -qxF \
    "$tmp/dup.txt:$line40:1: warning: item 40 is numbered like the one before it [numbering-repeat]" \
    "$tmp/out"

# --werror fails on the warnings; a document acknowledges them in its
# front matter (check-ignore), since an official text is published as
# it was issued.
rc=0
"$GEN" check --werror "$tmp/gap.txt" > "$tmp/out" 2>&1 || rc=$?
check "--werror: the warnings fail (exit $rc)" [ "$rc" -eq 1 ]
{ printf -- '---\ncheck-ignore: numbering-gap, mixed-delimiter\n---\n'
  cat "$tmp/gap.txt"; } > "$tmp/ack.txt"
rc=0
"$GEN" check --werror "$tmp/ack.txt" > "$tmp/out" 2>&1 || rc=$?
check "check-ignore: acknowledged warnings pass --werror (exit $rc)" \
    [ "$rc" -eq 0 ]
check "check-ignore: nothing printed" [ ! -s "$tmp/out" ]
{ printf -- '---\ncheck-ignore: numbering-gap\n---\n'
  cat "$tmp/gap.txt"; } > "$tmp/ack1.txt"
gen_check "check-ignore of one id" "$tmp/ack1.txt"
check "check-ignore: only the ids listed" \
    [ "$(grep -c 'warning:' "$tmp/out")" -eq 1 ]
check "check-ignore: the other id stays" grep -q 'mixed-delimiter' "$tmp/out"

# What gen could not find is a note, with what it fell back to; a note
# never fails --werror.
printf '各单位要认真落实，确保完成。\n' > "$tmp/bare.txt"
rc=0
"$GEN" check --werror "$tmp/bare.txt" > "$tmp/out" 2>&1 || rc=$?
check "notes: --werror passes (exit $rc)" [ "$rc" -eq 0 ]
check "notes: no title noted" grep -q 'note: no title found.*\[no-title\]' "$tmp/out"
check "notes: no year noted" grep -q 'note: no year found.*\[no-year\]' "$tmp/out"
check "notes: no org noted" grep -q 'note: no issuing organisation.*\[no-org\]' "$tmp/out"
check "notes: no kind noted" grep -q 'note: no kind.*\[no-kind\]' "$tmp/out"
printf -- '---\ntitle: 工作安排\nyear: 2024\norg: 某某区卫生健康局\nkind: 安排\n---\n各单位要认真落实，确保完成。\n' > "$tmp/fm.txt"
gen_check "front matter" "$tmp/fm.txt"
check "notes: front matter supplies the values" [ ! -s "$tmp/out" ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
