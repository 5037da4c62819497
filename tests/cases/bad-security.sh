#!/usr/bin/env bash
# slow
# bad-security.sh — hostile content: every piece of it escaped in HTML
# text and attributes, URLs percent-encoded and never javascript:, no
# file written outside out/ whatever the names (../../x, /etc/passwd,
# control bytes, bytes that are not UTF-8), every page valid UTF-8, and
# symbolic links: a linked file is read, a linked folder is not walked.
# (site-escape.sh covers titles and text; this covers the rest.)
set -eu
. "$TOP/tests/bad/lib.sh"

c=$tmp/w/content
out=$tmp/w/site/out
mkdir -p "$c" "$tmp/outside"
cat > "$c/evil-txt.txt" <<'DOC'
---
title: x"><script>alert(1)</script> javascript:alert(2) & {{x}}
year: 2021
org: ../../org"><script>alert(3)</script>
kind: /etc/passwd
../../key: "<script>alert(4)</script>"
<k onmouseover="alert(5)">: 'v'&amp;
---
一、部分（../../etc/passwd）

1.任务一（办实事项目1"><script>alert(6)</script>）
2.任务二（/etc/passwd）
3.任务三（javascript:alert(7)）
4.任务四（..）
5.任务五（{{x}}负责）
DOC
cat > "$c/evil-md.md" <<'DOC'
---
title: '<img src=x onerror=alert(8)>'
org: 'javascript:alert(9)'
kind: "' onclick='alert(10)"
---
# 链接

1. [点我](javascript:alert(11)) <a href="javascript:alert(12)">x</a>
2. ![图](javascript:alert(13)) <script>alert(14)</script> {{x}}
DOC
# Names: markup, quotes, a leading dash, dots, control bytes, bytes that
# are not UTF-8, percent escapes.
for n in '<script>alert(15)<' "q'\"" '-x' '..x' $'ctl\x01\x7f' $'bad\xc0\x80\xff' '%2e%2e%2fy%00'; do
	printf '一、名称\n1.内容。\n' > "$c/$n.txt"
done
# Links: a file outside content/ is read (when allowed); a folder outside is not walked.
printf '一、外部文件\n1.链接的文件照常读取。\n' > "$tmp/outside/linked.txt"
printf '一、外部目录\n' > "$tmp/outside/walked.txt"
ln -s "$tmp/outside/linked.txt" "$c/linked.txt"
ln -s "$tmp/outside" "$c/outside-dir"
ln -s / "$c/root"
# Links outside content/ are refused unless allowed (bad-links.sh).
site_config "$tmp/w/config.ini" "$c" "$TOP/templates" "$out" \
    $'[build]\nfollow_outside_links = yes\n[site]\nmeta_keys = ../../key, <k onmouseover="alert(5)">'
touch "$tmp/stamp"
sleep 1
(cd "$tmp/w" && run "$GEN" build -c config.ini)
check "build: exit 0 (got $rc)" test "$rc" -eq 0

# 1. Escaping: nothing from content becomes markup.
pages=$(find "$out" -name '*.html' -o -name '*.xml')
for p in $pages; do
	check "${p#$out/}: no raw markup from content" \
	    lacks -e "<script>alert" -e "<img src=x" -e "<k " -e "<a href=\"javascript" "$p"
done
doc=$out/evil-txt.html
check "title in text" grep -qF 'x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(2) &amp; {{x}}' "$doc"
check "org escaped" grep -qF '../../org&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;' "$doc"
check "extra key and value escaped" grep -qF '<dt>../../key</dt><dd>&lt;script&gt;alert(4)&lt;/script&gt;</dd>' "$doc"
check "extra key with an attribute escaped" grep -qF '&lt;k onmouseover=&quot;alert(5)&quot;&gt;' "$doc"
check "tag escaped" grep -qF '办实事项目1&quot;&gt;&lt;script&gt;alert(6)&lt;/script&gt;' "$doc"
check "Markdown title escaped" grep -qF '&lt;img src=x onerror=alert(8)&gt;' "$out/evil-md.html"
check "kind with quotes escaped" grep -qF '&#39; onclick=&#39;alert(10)' "$out/evil-md.html"
check "{{x}} in content shown as is" grep -qF '{{x}}' "$out/evil-md.html"

# 2. Every link from a page is a relative or http(s) URL, percent-
# encoded: no javascript:, no blank, quote, < > or raw non-ASCII byte.
grep -rhoE '(href|src|action)="[^"]*"' "$out" --include='*.html' |
    sed -E 's/^[a-z]+="(.*)"$/\1/' | sort -u > "$tmp/urls"
check "links found" test "$(wc -l < "$tmp/urls")" -gt 20
check "no javascript: URL" lacks -i "^ *javascript:" "$tmp/urls"
check "URLs percent-encoded (ASCII, no blank or quote)" \
    sh -c '! LC_ALL=C grep -q "[^]A-Za-z0-9._~:/?#[@!\$&()*+,;=%-]" "$1"' _ "$tmp/urls"
check "URLs of tags with Chinese are percent-encoded" \
    grep -q '^tag/.*%E5%8A%9E%E5%AE%9E%E4%BA%8B' "$tmp/urls"

# 3. Nothing written outside out/; names sanitised.
find "$tmp/w" "$tmp/outside" -newer "$tmp/stamp" ! -type d |
    grep -v "^$out/" > "$tmp/outside.list" || true
check "no file written outside out/" test ! -s "$tmp/outside.list"
check "no passwd file outside out/" \
    test -z "$(find "$tmp/w" "$tmp/outside" -name '*passwd*' | grep -v "^$out/")"
find "$out" -mindepth 1 | sed "s|^$out/||" > "$tmp/names"
check "output names: no markup, quote, blank, control or dot-dot" \
    sh -c '! LC_ALL=C grep -q -e "[<>\"'"'"' &%\\\\]" -e "[[:cntrl:]]" -e "\.\." "$1"' _ "$tmp/names"
check "output names: no leading dash" lacks -e "^-" -e "/-" "$tmp/names"
check "tag ../../etc/passwd stays in tag/" sh -c 'ls "$1/tag" | grep -q "etc-passwd.html$"' _ "$out"
check "kind /etc/passwd stays in kind/" test -f "$out/kind/etc-passwd.html"
check "org ../../x stays in org/" test -n "$(ls "$out/org" | grep '^org-script')"

# 4. Every page and tree is valid UTF-8: a file name that is not UTF-8
# shows as U+FFFD (value.c does so in JSON; the title taken from the
# file name in site.c, or html_escape, must do so in pages).
for f in $(find "$out" -name '*.html' -o -name '*.json' -o -name '*.xml'); do
	check "${f#$out/}: valid UTF-8" sh -c 'iconv -f UTF-8 -t UTF-8 "$1" > /dev/null 2>&1' _ "$f"
done

# 5. Links: the linked file is read; the linked folders are not walked.
check "linked file read" test -s "$out/linked.html"
check "linked folder not walked" lacks -r "外部目录" "$out"
check "link to / not walked: 9 documents" test "$(ls "$out"/*.json | wc -l)" -eq 9
finish
