#!/usr/bin/env bash
# slow
# Differential test: 3,000 random templates with data and partials (seeded,
# tests/diff/gen_cases.js) rendered by gen's engine ($B/tests/mustache_many)
# and by mustache.js 4.2.0 (tests/diff/render_js.js); every output must be
# the same.  Skipped (77) without node or node_modules/mustache.
set -eu
: "${B:=build}"
if ! command -v node >/dev/null 2>&1; then
	echo "skipped: node is not installed (make deps)"
	exit 77
fi
if [ ! -f node_modules/mustache/package.json ]; then
	echo "skipped: node_modules/mustache is absent (make deps)"
	exit 77
fi
if [ ! -x "$B/tests/mustache_many" ]; then
	echo "no $B/tests/mustache_many: build it with make $B/tests/mustache_many" >&2
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
node tests/diff/gen_cases.js --seed "${MUSTACHE_DIFF_SEED:-1}" \
    --count "${MUSTACHE_DIFF_COUNT:-3000}" > "$tmp/cases.json"
"$B/tests/mustache_many" "$tmp/cases.json" > "$tmp/gen.json"
node tests/diff/render_js.js "$tmp/cases.json" > "$tmp/js.json"
node tests/diff/compare.js "$tmp/cases.json" "$tmp/gen.json" "$tmp/js.json"
