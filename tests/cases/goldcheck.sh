#!/usr/bin/env bash
# goldcheck.sh — score the outline parser against the gold files of the
# five seed documents (../shared/seeds, beside the repository) with
# ../shared/tools/goldcheck.py, and report every check: it fails while
# any check of any seed fails.
set -eu

shared=$TOP/../shared
checker=$shared/tools/goldcheck.py
if [ ! -f "$checker" ] || [ ! -d "$shared/seeds/gold" ]; then
	echo "skip: $shared/seeds and tools/goldcheck.py are not there"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "skip: python3 is not installed"
	exit 77
fi

passed=0 failed=0
for gold in "$shared"/seeds/gold/*.json; do
	doc=$shared/seeds/$(basename "$gold" .json).txt
	[ -f "$doc" ] || continue
	out=$(python3 "$checker" --gen "$GEN" "$doc" "$gold" --verbose || true)
	printf '%s\n' "$out"
	score=$(printf '%s\n' "$out" | tail -n 1 | cut -d' ' -f1)
	p=${score%/*}
	t=${score#*/}
	case $p$t in
	*[!0-9]*|'')
		failed=$((failed + 1))
		continue
		;;
	esac
	passed=$((passed + p))
	failed=$((failed + t - p))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
