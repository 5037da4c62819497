#!/usr/bin/env bash
# slow
# tool-templates.sh — templates that catch mistakes (issue 19): a name
# missing from the data is a warning naming templates/FILE:LINE:COL,
# an error under --strict; a section over a missing name is never
# reported; a missing partial ({{>nodee}}) is a warning too; every
# front-matter field is reachable as {{doc.meta.NAME}}; site.params from
# [params]; gen dump --view PAGE prints the data a template receives.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP	# the built-in templates: the source tree's
export TMPDIR=$tmp/t; mkdir "$TMPDIR"
cd "$tmp"
mkdir -p content templates
printf '[site]\ntitle = 测试\n[params]\nICP备案号 = 京ICP备00000000号\n' > config.ini
printf -- '---\ntitle: 2024年工作计划\nyear: 2024\n文号: 京卫发〔2024〕1号\n---\n一、总体要求\n\n1.做好工作。\n' > content/a.txt

# doc.mustache of the site: the built-in one with four lines added.
{
	cat "$TOP/templates/doc.mustache"
	printf '<p id="wh">{{doc.meta.文号}}</p>\n'
	printf '<p id="icp">{{site.params.ICP备案号}}</p>\n'
	printf '{{#doc.meta.缺失}}<p>缺失</p>{{/doc.meta.缺失}}{{^doc.meta.缺失}}<p id="none">无</p>{{/doc.meta.缺失}}\n'
	printf '<p>{{doc.titel}}</p>\n'
} > templates/doc.mustache
n=$(wc -l < templates/doc.mustache)

rc=0; "$GEN" build > out.log 2>&1 || rc=$?
check "a missing name: the build passes (exit $rc)" test "$rc" = 0
check "a missing name: a warning at templates/doc.mustache:$n:4" \
    grep -qx "templates/doc.mustache:$n:4: warning: \"doc.titel\" not found" out.log
check "reported once" test "$(grep -c titel out.log)" = 1
check "a section over a missing name: not reported" lacks 缺失 out.log
check "{{doc.meta.文号}}" grep -q '<p id="wh">京卫发〔2024〕1号</p>' out/a.html
check "{{site.params.ICP备案号}}" grep -q '<p id="icp">京ICP备00000000号</p>' out/a.html
check "the inverted section ran" grep -q '<p id="none">无</p>' out/a.html

rc=0; "$GEN" build --strict > strict.log 2>&1 || rc=$?
check "--strict: a missing name fails the build (exit $rc)" test "$rc" = 1
check "--strict: an error at templates/doc.mustache:$n:4" \
    grep -q "^templates/doc.mustache:$n:4: error: \"doc.titel\" not found" strict.log
check "--strict: the optional section is no error" lacks 缺失 strict.log
check "--strict: out/ as it was" grep -q '<p id="wh">' out/a.html

# Without the typo, --strict passes: the optional section is fine.
sed -i '$d' templates/doc.mustache
rc=0; "$GEN" build --strict > strict2.log 2>&1 || rc=$?
check "--strict with an optional section passes (exit $rc)" test "$rc" = 0

# A misspelt partial is no longer silent.
printf '{{>nodee}}\n' >> templates/doc.mustache
rc=0; "$GEN" build > p.log 2>&1 || rc=$?
check "a missing partial: exit 0 (got $rc)" test "$rc" = 0
check "a missing partial: a warning" grep -q "^templates/doc.mustache:$n:1: warning: partial \"nodee\" not found" p.log
rc=0; "$GEN" build --strict > p2.log 2>&1 || rc=$?
check "a missing partial: --strict fails (exit $rc)" test "$rc" = 1
sed -i '$d' templates/doc.mustache

# gen dump --view: the exact data of a page.
"$GEN" dump --view content/a.txt > view.json 2> view.log
check "dump --view DOC: JSON" python3 -c 'import json,sys; json.load(open("view.json"))'
check "dump --view DOC: doc.meta.文号" python3 -c '
import json; d = json.load(open("view.json"))
assert d["doc"]["meta"]["文号"] == "京卫发〔2024〕1号", d["doc"]["meta"]
assert d["doc"]["meta"]["year"] == 2024
assert d["site"]["params"]["ICP备案号"] == "京ICP备00000000号"
assert d["body"]'
"$GEN" dump --view index > index.json
check "dump --view index: the home page's data" python3 -c '
import json; d = json.load(open("index.json"))
assert d["ndocs"] == 1 and d["years"][0]["docs"][0]["title"] == "2024年工作计划"'
"$GEN" dump --view year/2024.html > year.json
check "dump --view year/2024.html" python3 -c '
import json; d = json.load(open("year.json")); assert d["ndocs"] == 1 or d'
rc=0; "$GEN" dump --view nosuch > /dev/null 2> nosuch.log || rc=$?
check "dump --view of no page: exit 1 (got $rc)" test "$rc" = 1
check "dump --view of no page: says how to name one" grep -q 'no such page' nosuch.log
check "dump --view leaves no folder behind" test -z "$(ls -d "$TMPDIR"/gen-view.* 2>/dev/null | head -1)" 
# The version of the data: a site's template written for older data.
check "dump --view: data_version" python3 -c '
import json; assert json.load(open("index.json"))["data_version"] >= 2'
v=$(python3 -c 'import json; print(json.load(open("index.json"))["data_version"])')
sed -i "1i {{! gen-data: $((v - 1)) }}" templates/doc.mustache
"$GEN" build > dv.log 2>&1 || true
check "older gen-data: a warning on its line" \
    grep -q "^templates/doc.mustache:1: warning: written for template data $((v - 1)); gen gives data $v now" dv.log
sed -i "1s/.*/{{! gen-data: $v }}/" templates/doc.mustache
"$GEN" build > dv2.log 2>&1 || true
check "current gen-data: no warning" lacks "template data" dv2.log

# Every command answers --help.
for c in build watch serve check init print dump render; do
	rc=0; "$GEN" $c --help > help.out 2>&1 || rc=$?
	check "gen $c --help: exit 0 (got $rc)" test "$rc" = 0
	check "gen $c --help: the usage" grep -q '^usage: gen build' help.out
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
