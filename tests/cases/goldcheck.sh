#!/usr/bin/env bash
# slow
# goldcheck.sh — score the outline parser against the gold files of the
# five seed documents (../shared/seeds, beside the repository) with
# ../shared/tools/goldcheck.py, and report every check: it fails while
# any check of any seed fails, or the checker fails.  Needs ../shared:
# without it the runner lists this case as skipped.
# needs: shared
set -eu

shared=${SHARED:-$TOP/../shared}
checker=$shared/tools/goldcheck.py
if [ ! -f "$checker" ] || [ ! -d "$shared/seeds/gold" ]; then
	echo "skip: $shared/seeds and tools/goldcheck.py are not there"
	exit 77
fi
if ! command -v python3 >/dev/null; then
	echo "python3 is not installed (make deps)"
	exit 1
fi

passed=0 failed=0
for gold in "$shared"/seeds/gold/*.json; do
	doc=$shared/seeds/$(basename "$gold" .json).txt
	[ -f "$doc" ] || continue
	rc=0
	out=$(python3 "$checker" --gen "$GEN" "$doc" "$gold" --verbose) || rc=$?
	printf '%s\n' "$out"
	score=$(printf '%s\n' "$out" | tail -n 1 | cut -d' ' -f1)
	p=${score%/*}
	t=${score#*/}
	case $p$t in
	*[!0-9]*|'')
		echo "FAIL $(basename "$doc"): the checker printed no score (exit $rc)"
		failed=$((failed + 1))
		continue
		;;
	esac
	passed=$((passed + p))
	failed=$((failed + t - p))
	# The checker's own verdict must agree with its score.
	if [ "$rc" -ne 0 ] && [ "$p" -eq "$t" ]; then
		echo "FAIL $(basename "$doc"): the checker exited $rc"
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
