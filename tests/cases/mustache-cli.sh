#!/usr/bin/env bash
# gen render: partials beside the template, strict mode, and the exact
# form of template and JSON errors (file:line:col, the path as given);
# a missing name or partial is a warning, an error under --strict.
set -eu
: "${GEN:=bin/gen}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# expect NAME WANT-RC WANT-STDOUT WANT-STDERR gen-args...
expect() {
	local name=$1 want_rc=$2 want_out=$3 want_err=$4 rc=0
	shift 4
	"$GEN" "$@" > "$tmp/out" 2> "$tmp/err" || rc=$?
	if { [ "$want_rc" = 0 ] && [ "$rc" -ne 0 ]; } ||
	    { [ "$want_rc" != 0 ] && [ "$rc" -eq 0 ]; } ||
	    [ "$(cat "$tmp/out")" != "$want_out" ] ||
	    [ "$(cat "$tmp/err")" != "$want_err" ]; then
		failed=$((failed + 1))
		echo "FAIL $name (exit $rc)"
		echo "  stdout: $(cat "$tmp/out")"
		echo "  stderr: $(cat "$tmp/err")"
	else
		passed=$((passed + 1))
	fi
}

mkdir -p "$tmp/t/inc"
printf '<h1>{{title}}</h1>\n  {{>inc/item}}\n{{>nope}}' > "$tmp/t/page.mustache"
printf '<li>{{名称}}</li>\n<li>{{{原文}}}</li>\n' > "$tmp/t/inc/item.mustache"
printf '{"title":"要点<一>","名称":"甲&乙","原文":"<b>丙</b>"}' > "$tmp/d.json"
expect partials 0 "<h1>要点&lt;一&gt;</h1>
  <li>甲&amp;乙</li>
  <li><b>丙</b></li>" "$tmp/t/page.mustache:3:1: warning: partial \"nope\" not found" render "$tmp/t/page.mustache" "$tmp/d.json"
expect strict-partial 1 "" \
    "$tmp/t/page.mustache:3:1: error: partial \"nope\" not found" \
    render --strict "$tmp/t/page.mustache" "$tmp/d.json"

printf '标题：{{titel}}\n' > "$tmp/t/typo.mustache"
expect normal-miss 0 "标题：" "$tmp/t/typo.mustache:1:4: warning: \"titel\" not found" \
    render "$tmp/t/typo.mustache" "$tmp/d.json"
expect strict-miss 1 "" "$tmp/t/typo.mustache:1:4: error: \"titel\" not found" \
    render --strict "$tmp/t/typo.mustache" "$tmp/d.json"

printf '第一行\n  {{#items}}\n  <li>{{.}}</li>\n' > "$tmp/t/open.mustache"
expect unclosed 1 "" \
    "$tmp/t/open.mustache:4:1: error: unclosed section \"items\" opened at 2:3" \
    render "$tmp/t/open.mustache"

printf '{{#a}}\n{{/b}}\n' > "$tmp/t/mismatch.mustache"
expect mismatch 1 "" "$tmp/t/mismatch.mustache:2:1: error: closing tag \"b\" does not match section \"a\" opened at 1:1" \
    render "$tmp/t/mismatch.mustache"

printf '{\n  "a": [1, 2,\n  ]\n}\n' > "$tmp/bad.json"
expect json-error 1 "" "$tmp/bad.json:3:3: JSON syntax error at ']'" \
    render "$tmp/t/typo.mustache" "$tmp/bad.json"

expect not-found 1 "" \
    "$tmp/t/none.mustache: error: template not found: no $tmp/t/none.mustache" \
    render "$tmp/t/none.mustache"

printf '{{>*which}}' > "$tmp/t/dyn.mustache"
printf '{"which":"../../etc/passwd"}' > "$tmp/dyn.json"
expect dynamic-escape 1 "" "$tmp/t/dyn.mustache:1:1: error: partial name \"../../etc/passwd\" is not allowed (absolute, \"..\" or NUL)" \
    render "$tmp/t/dyn.mustache" "$tmp/dyn.json"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
