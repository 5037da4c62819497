#!/usr/bin/env bash
# slow
# site-escape.sh — text from content is escaped on every page that shows
# it and never becomes markup; "{{x}}" in content is shown as written,
# never read as a template; names with markup make safe file names.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
cat > "$tmp/content/evil.txt" <<'DOC'
---
title: <script>alert(1)</script> & "q" 'a' {{x}}
year: 2021
org: <b>org</b>&amp;
kind: 工作要点
---
<script>alert(2)</script> & {{x}} {{{y}}} "q"

一、第一部分<script>alert(3)</script>

1.任务一<script>alert(4)</script>。内容 & {{x}} 'a' "q"（办实事项目1<i>）
DOC
cat > "$tmp/content/evil2.md" <<'DOC'
---
title: 标题<img src=x onerror=alert(7)>
year: 2022
---
# 一、部分<script>alert(6)</script>

1. 任务<i>甲</i>。说明 {{x}} & "q"（办实事项目1）
DOC
cat > "$tmp/config.ini" <<CFG
[site]
title = T<script>alert(5)</script>
base_url = https://example.org/a&b/
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
. "$TOP/tests/cases/check.inc"
pages=$(find "$tmp/out" -name '*.html' -o -name '*.xml' | sort)
# Nothing raw: no <script>alert, <b>org or <i> from content in any page.
for p in $pages; do
	check "$p: no raw markup from content" \
	    lacks -e "<script>alert" -e "<b>org" -e "<i>" "$p"
done
doc=$tmp/out/evil.html
check "doc page exists" test -f "$doc"
check "title escaped on the doc page" grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; {{x}}' "$doc"
check "title escaped on the home page" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/out/index.html"
check "title escaped on the year page" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/out/year/2021.html"
check "title escaped in the feed" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/out/feed.xml"
check "org escaped" grep -q '&lt;b&gt;org&lt;/b&gt;&amp;amp;' "$doc"
check "paragraph escaped, {{x}} kept" grep -q '&lt;script&gt;alert(2)&lt;/script&gt; &amp; {{x}} {{{y}}} &quot;q&quot;' "$doc"
check "section title escaped" grep -q '第一部分&lt;script&gt;alert(3)&lt;/script&gt;' "$doc"
check "item escaped" grep -q '&lt;script&gt;alert(4)&lt;/script&gt;' "$doc"
check "site title escaped" grep -q 'T&lt;script&gt;alert(5)&lt;/script&gt;' "$doc"
check "base URL escaped in the sitemap" grep -q 'https://example.org/a&amp;b/evil.html' "$tmp/out/sitemap.xml"
check "Markdown title escaped" grep -q '标题&lt;img src=x onerror=alert(7)&gt;' "$tmp/out/evil2.html"
check "Markdown item escaped, {{x}} kept" grep -q '说明 {{x}} &amp; &quot;q&quot;' "$tmp/out/evil2.html"
check "no raw img from content" lacks -r --include='*.html' "<img src=x" "$tmp/out"
check "no file name with markup characters" \
    sh -c '! find "$1" -name "*[<>&\"]*" | grep -q .' _ "$tmp/out"
if command -v python3 >/dev/null 2>&1; then
	check "feed is well-formed XML" python3 -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$tmp/out/feed.xml"
	check "links resolve" sh -c 'python3 "$1/tests/tools/linkcheck.py" "$2" > /dev/null' _ "$TOP" "$tmp/out"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
