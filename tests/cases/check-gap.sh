#!/usr/bin/env bash
# check-gap.sh — `gen check` on seed 002 (the 2015 Changping plan, 85
# numbered items) reports exactly one problem, item 57 written "57、"
# among "N." items; with item 30 deleted it also reports the gap at the
# line and column of item 31; with heading 三、 deleted, the gap in the
# headings; with item 41 renumbered 40, the duplicate.
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

cp "$src" "$tmp/plan.txt"
"$GEN" check "$tmp/plan.txt" > "$tmp/out" 2>&1 || true
line57=$(grep -n '^57、' "$tmp/plan.txt" | cut -d: -f1)
want="$tmp/plan.txt:$line57:1: warning: item 57 is written \"57、\"; the other items use \"N.\""
check "unmodified: exactly the 57、 warning" [ "$(cat "$tmp/out")" = "$want" ]

grep -v '^30\.' "$src" > "$tmp/gap.txt"
"$GEN" check "$tmp/gap.txt" > "$tmp/out" 2>&1 || true
line31=$(grep -n '^31\.' "$tmp/gap.txt" | cut -d: -f1)
check "item 30 deleted: gap reported at item 31" grep -qxF \
    "$tmp/gap.txt:$line31:1: warning: item 31 follows 29: 30 is missing" \
    "$tmp/out"
check "item 30 deleted: nothing else but 57、" [ "$(wc -l < "$tmp/out")" -eq 2 ]

grep -v '^三、' "$src" > "$tmp/heading.txt"
"$GEN" check "$tmp/heading.txt" > "$tmp/out" 2>&1 || true
line4=$(grep -n '^四、' "$tmp/heading.txt" | cut -d: -f1)
check "heading 三 deleted: gap reported at heading 四" grep -qxF \
    "$tmp/heading.txt:$line4:1: warning: heading 四 follows 二: 三 is missing" \
    "$tmp/out"

sed 's/^41\./40./' "$src" > "$tmp/dup.txt"
"$GEN" check "$tmp/dup.txt" > "$tmp/out" 2>&1 || true
line40=$(grep -n '^40\.' "$tmp/dup.txt" | tail -n 1 | cut -d: -f1)
check "item 41 renumbered 40: duplicate reported" grep -qxF \
    "$tmp/dup.txt:$line40:1: warning: item 40 is numbered like the one before it" \
    "$tmp/out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
