#!/usr/bin/env bash
# slow
# tool-front.sh — front matter with a meaning for the site (issue 19):
# dates (published/发布日期, else date/成文日期, else none) in the feed,
# the sitemap and the page data; the feed never invents 1 January nor
# uses the build's time; draft: true is left out unless --drafts;
# aliases make redirect pages for old paths.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP
cd "$tmp"
mkdir content
printf '[site]\ntitle = 测试\nbase_url = https://example.org/s/\n' > config.ini
doc() {	# doc FILE TITLE FRONT-MATTER-LINES...
	local f=$1 t=$2; shift 2
	{ printf -- '---\ntitle: %s\nyear: 2024\n' "$t"; printf '%s\n' "$@"; printf -- '---\n一、总体要求\n\n1.做好工作。\n'; } > "content/$f"
}
doc a.txt 甲计划 'published: 2024-03-05' 'date: 2024年3月1日'
doc b.txt 乙计划 '成文日期: 2023/12/20'
doc c.txt 丙计划
doc d.txt 丁草稿 'draft: true'
doc e.txt 戊计划 'aliases: [old-name.html, /2019/old/]' '发布日期: 2024年1月2日'

"$GEN" build > b1.log 2>&1 || { cat b1.log; exit 1; }
entry() { python3 - "$1" <<'PY'
import re, sys
feed = open("out/feed.xml", encoding="utf-8").read()
for e in re.findall(r"<entry>.*?</entry>", feed, re.S):
    if "<title>%s</title>" % sys.argv[1] in e:
        m = re.search(r"<updated>(.*?)</updated>", e)
        print(m.group(1) if m else "none")
PY
}
check "feed: published wins over date" test "$(entry 甲计划)" = 2024-03-05T00:00:00Z
check "feed: 成文日期 when not published" test "$(entry 乙计划)" = 2023-12-20T00:00:00Z
check "feed: 发布日期" test "$(entry 戊计划)" = 2024-01-02T00:00:00Z
check "feed: no date, no <updated>" test "$(entry 丙计划)" = none
check "feed: never 1 January" lacks -- "-01-01T" out/feed.xml
check "feed: its date is the newest entry's" \
    grep -q '^<updated>2024-03-05T00:00:00Z</updated>' out/feed.xml
cp out/feed.xml feed1.xml
sleep 1.1; "$GEN" build --full > /dev/null 2>&1
check "feed: the same on the next build (no build time)" cmp -s feed1.xml out/feed.xml
check "sitemap: lastmod of a dated page" \
    grep -q '<loc>https://example.org/s/a.html</loc><lastmod>2024-03-05</lastmod>' out/sitemap.xml
check "sitemap: none for an undated one" \
    grep -q '<loc>https://example.org/s/c.html</loc></url>' out/sitemap.xml
"$GEN" dump --view content/a.txt > a.json
check "page data: doc.date and doc.published" python3 -c '
import json; d = json.load(open("a.json"))["doc"]
assert d["published"] == "2024-03-05" and d["date"] == "2024-03-01", d'

# Drafts.
check "draft: no page" test ! -e out/d.html
check "draft: not listed" lacks 丁草稿 out/index.html out/feed.xml out/sitemap.xml
check "draft: not counted" grep -q '4 documents' b1.log
"$GEN" build --drafts > /dev/null 2>&1
check "--drafts: the page" grep -q 丁草稿 out/d.html
check "--drafts: listed" grep -q 丁草稿 out/index.html
"$GEN" build > /dev/null 2>&1
check "without --drafts again: gone" test ! -e out/d.html
sed -i 's/^draft: true/draft: false/' content/d.txt
"$GEN" build > /dev/null 2>&1
check "draft: false is published" test -f out/d.html
"$GEN" print > /dev/null 2>&1
sed -i 's/^draft: false/draft: true/' content/d.txt
rm -rf out/print; "$GEN" print > /dev/null 2>&1
check "print: a draft has no edition" lacks -r 丁草稿 out/print

# Aliases.
check "alias: old-name.html" test -f out/old-name.html
check "alias: refresh to the page" grep -q 'http-equiv="refresh" content="0; url=e.html"' out/old-name.html
check "alias: canonical link" grep -q '<link rel="canonical" href="https://example.org/s/e.html">' out/old-name.html
check "alias: a folder path" grep -q 'url=../../e.html' out/2019/old/index.html
# A renamed file keeps its old address through an alias.
mv content/e.txt content/e2.txt
sed -i 's|^aliases: .*|aliases: e.html|' content/e2.txt
"$GEN" build > b2.log 2>&1
check "renamed: new page" test -f out/e2.html
check "renamed: the old address redirects" grep -q 'url=e2.html' out/e.html
check "renamed: old aliases removed" test ! -e out/old-name.html
printf -- '---\ntitle: 己\naliases: a.html\n---\n正文。\n' > content/f.txt
"$GEN" build > b3.log 2>&1
check "an alias onto a page: warned" grep -q 'alias a.html: the site has that page already' b3.log
check "an alias onto a page: the page stays" grep -q 甲计划 out/a.html
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
