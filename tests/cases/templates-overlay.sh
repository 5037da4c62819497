#!/usr/bin/env bash
# templates-overlay.sh — a site's templates/ overrides the built-in
# templates file by file (README "Templates"): with three of its own,
# those three pages carry the site's mark, the others the built-in
# templates', and each file of the site is used once.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
mkdir -p "$tmp/content" "$tmp/tpl"
printf '2023年甲区卫生健康工作要点\n\n一、加强综合监管\n\n1.落实依法执业监管。开展专项检查。（办实事项目1）\n' \
    > "$tmp/content/a.txt"
for t in doc index tag; do
	{ cat "$TOP/templates/$t.mustache"; printf '<!-- site-own-%s -->' "$t"; } \
	    > "$tmp/tpl/$t.mustache"
done
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $tmp/tpl
out = $tmp/out
CFG
run b env GEN_DATADIR="$TOP" "$GEN" build -c "$tmp/config.ini"
check "build exits 0 (got $(cat "$tmp/b.rc"))" rc_is b 0
check "doc page: the site's doc.mustache" grep -q 'site-own-doc' "$tmp/out/a.html"
check "index: the site's index.mustache" grep -q 'site-own-index' "$tmp/out/index.html"
check "tag page: the site's tag.mustache" \
    sh -c 'grep -l "site-own-tag" "$1"/tag/*.html | grep -q .' _ "$tmp/out"
check "doc page: no other mark" lacks -e 'site-own-index' -e 'site-own-tag' "$tmp/out/a.html"
check "feed: built-in (no mark)" lacks 'site-own-' "$tmp/out/feed.xml"
check "404: built-in, there" test -s "$tmp/out/404.html"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
