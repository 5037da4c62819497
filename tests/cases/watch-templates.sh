#!/usr/bin/env bash
# slow
# watch-templates.sh — gen watch on a site with no templates/ folder
# (the built-in templates only) notices one made after it started: the
# site's doc.mustache put there is used at once, later edits to it are
# rebuilt, and removing the folder goes back to the built-in one; gen
# serve serves the page of a templates/ made while it runs.  Every wait
# is bounded.
set -eu
. "$TOP/tests/cases/watch.inc"
export GEN_DATADIR=$TOP	# the built-in templates: the source tree's
mkdir -p "$tmp/content"
printf '甲工作要点\n\n一、部分\n\n1.第一项。\n' > "$tmp/content/a.txt"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $tmp/templates
out = $tmp/out
CFG
# page_has PATTERN: until out/a.html holds PATTERN (5 s).
page_has() {
	local i
	for i in $(seq 100); do
		grep -q -- "$1" "$tmp/out/a.html" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}
watch_start
check "first build, built-in templates" wait_for 1 'built in .*full build'
check "the built-in page" page_has '第一项'
check "no error about the missing folder" bash -c "! grep -q 'error' '$tmp/log'"

# 1. templates/ made after the start, with the site's doc.mustache.
mkdir "$tmp/templates"
sed 's|<article|<p class="mine">站点模板一</p><article|' \
    "$TOP/templates/doc.mustache" > "$tmp/templates/doc.mustache"
check "new templates/: rebuilt" wait_for 2 'built in'
check "new templates/: the site's doc.mustache used" page_has '站点模板一'

# 2. An edit in it is rebuilt: the folder is watched now.
sleep 0.3
sed -i 's|站点模板一|站点模板二|' "$tmp/templates/doc.mustache"
check "edit in the new folder: rebuilt" wait_for 3 'built in'
check "edit in the new folder: in the page" page_has '站点模板二'

# 3. Removed: the built-in template again.
sleep 0.3
rm -rf "$tmp/templates"
check "folder removed: rebuilt" wait_for 4 'built in'
for i in $(seq 100); do
	grep -q '站点模板' "$tmp/out/a.html" || break
	sleep 0.05
done
check "folder removed: the built-in page" bash -c \
    "! grep -q '站点模板' '$tmp/out/a.html' && grep -q '第一项' '$tmp/out/a.html'"

# 4. Made again: seen again.
sleep 0.3
mkdir "$tmp/templates"
sed 's|<article|<p class="mine">站点模板三</p><article|' \
    "$TOP/templates/doc.mustache" > "$tmp/templates/doc.mustache"
check "made again: the site's doc.mustache used" page_has '站点模板三'

kill -INT "$pid"
for i in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
wait "$pid" 2>/dev/null || true
pid=

# 5. gen serve (the same loop): a templates/ made while serving is used
# in the page served.
if command -v curl > /dev/null; then
	rm -rf "$tmp/templates" "$tmp/out"
	(cd "$tmp" && exec "$GEN" serve -c config.ini --port 0 --no-search) \
	    > "$tmp/log" 2>&1 &
	pid=$!
	check "serve: serving" wait_for 1 'serving .* at http://127.0.0.1:'
	port=$(sed -n 's|.*at http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/log" |
	    head -1)
	mkdir "$tmp/templates"
	sed 's|<article|<p class="mine">站点模板四</p><article|' \
	    "$TOP/templates/doc.mustache" > "$tmp/templates/doc.mustache"
	check "serve: new templates/ rebuilt" wait_for 2 'built in'
	served=
	for i in $(seq 100); do
		served=$(curl -s "http://127.0.0.1:$port/a.html" || true)
		case $served in *站点模板四*) break ;; esac
		sleep 0.05
	done
	check "serve: the page served uses it" grep -q '站点模板四' <<< "$served"
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || true
	pid=
else
	echo "FAIL curl missing (make deps)"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
