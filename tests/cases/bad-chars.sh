#!/usr/bin/env bash
# slow
# bad-chars.sh — characters no page may hold and characters that hide
# or reorder text.  U+FFFE/U+FFFF (also from GB18030 input), U+FDD0,
# C0 and C1 controls never reach a page or the feed (feed.xml stays
# well-formed XML), wherever they come from (body, front matter,
# Markdown, a file name); bidirectional controls (U+202A-202E,
# U+2066-2069, U+200E/200F, U+061C) and zero-width characters (U+200B-
# 200D, U+2060, U+FEFF) are removed by cleaning from every line, titles
# included, and from front-matter values; the source page (the text
# before cleaning) shows each as [U+202E].  The source download stays
# byte for byte.
set -eu
. "$TOP/tests/bad/lib.sh"
command -v python3 > /dev/null || { echo "skip: no python3"; exit 77; }

c=$tmp/content
out=$tmp/out
mkdir -p "$c"
# Every character in question, as UTF-8 (C1 U+0085 and U+0090 too).
bad=$'\xef\xbf\xbe\xef\xbf\xbf\xef\xb7\x90\x01\x7f\xc2\x85\xc2\x90'
hide=$'\xe2\x80\xae\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c\xe2\x80\x8b\xe2\x80\x8c\xe2\x80\x8d\xe2\x81\xa0\xef\xbb\xbf'
printf '标题%s甲%s乙\n\n一、部分%s甲\n1.任务%s一%s完成。\n2.说明%s文字%s。\n' \
    "$hide" "$bad" "$hide" "$bad" "$hide" "$hide" "$bad" > "$c/plain.txt"
printf -- '---\ntitle: 前言%s标题%s甲\norg: 机关%s\nkind: 要点%s\nnote: 值%s%s\n---\n一、部分\n1.任务。\n' \
    "$hide" "$bad" "$hide" "$bad" "$hide" "$bad" > "$c/front.txt"
printf '# 文档%s标题%s\n\n## 第一%s部分\n\n1. 条目%s内容%s。\n' \
    "$hide" "$bad" "$hide" "$bad" "$hide" > "$c/mark.md"
# GB18030 input: U+FFFE and U+FFFF are four-byte sequences there.
printf '国标文件\n\n一、部分\n1.任务' | iconv -f UTF-8 -t GB18030 > "$c/gb.txt"
printf '\x84\x31\xa4\x38' >> "$c/gb.txt"
printf '一' | iconv -f UTF-8 -t GB18030 >> "$c/gb.txt"
printf '\x84\x31\xa4\x39' >> "$c/gb.txt"
printf '完成。\n' | iconv -f UTF-8 -t GB18030 >> "$c/gb.txt"
# A file name with them: its title comes from the name.
name=名$'\xef\xbf\xbe'字$'\xe2\x80\xae'
printf '一、部分\n1.任务。\n' > "$c/$name.txt"
# And the site's title (config.ini is not cleaned: escaping drops them).
site_config "$tmp/config.ini" "$c" "$TOP/templates" "$out" \
    "[site]"$'\n'"title = 站点"$'\xef\xbf\xbe\xef\xbf\xbf\x01'"名"$'\xef\xbf\xbe\xef\xb7\xaf'$'\n'"meta_keys = note"
run "$GEN" build -c "$tmp/config.ini"
check "build: exit 0 (got $rc)" test "$rc" -eq 0

# 1. No page or feed holds a character no page may hold.
cat > "$tmp/scan.py" <<'PY'
import sys, re
bad = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]')
hide = re.compile('[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b-\u200d\u2060\ufeff]')
rc = 0
for f in sys.argv[2:]:
    t = open(f, encoding='utf-8').read()
    r = bad if sys.argv[1] == 'bad' else hide
    m = r.search(t)
    if m:
        print('%s: U+%04X' % (f, ord(m.group())))
        rc = 1
sys.exit(rc)
PY
pages=$(find "$out" -name '*.html' -o -name '*.xml')
check "pages and feed: no control or noncharacter" python3 "$tmp/scan.py" bad $pages
check "pages and feed: no bidi control or zero-width character" python3 "$tmp/scan.py" hide $pages
# (The tree of the file with them in its name names its source file.)
check "trees (JSON): no bidi control or zero-width character" \
    python3 "$tmp/scan.py" hide "$out/plain.json" "$out/front.json" "$out/mark.json"
# xmllint (libxml2-utils, installed by make deps) is required: a missing
# tool must fail the case, not shorten it.
check "xmllint is installed (make deps)" command -v xmllint
check "feed.xml is well-formed XML" xmllint --noout "$out/feed.xml"
check "sitemap.xml is well-formed XML" xmllint --noout "$out/sitemap.xml"
check "feed.xml parses (python)" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$out/feed.xml"

# 2. Text around them is kept, joined.
check "plain: title cleaned" grep -qF 'page-title">标题甲乙<' "$out/plain.html"
check "plain: item cleaned" grep -qF '任务一完成。' "$out/plain.html"
check "front matter: title cleaned" grep -qF '前言标题甲' "$out/front.html"
check "front matter: extra value cleaned" grep -qF '<dd>值</dd>' "$out/front.html"
check "source page: a bidi control shown as its code" grep -qF '标题[U+202E][U+202A]' "$out/src/plain.html"
check "source page: a zero-width character shown as its code" grep -qF '[U+200B][U+200C][U+200D][U+2060][U+FEFF]' "$out/src/plain.html"
check "Markdown: title cleaned" grep -qF '文档标题' "$out/mark.html"
check "Markdown: item cleaned" grep -qF '条目内容。' "$out/mark.html"
check "GB18030: U+FFFE and U+FFFF gone" grep -qF '任务一完成。' "$out/gb.html"
check "site title: U+FFFE dropped" grep -qF '站点名' "$out/feed.xml"
check "file name: a page" test -n "$(ls "$out" | grep '^名.*html$')"
run "$GEN" dump --json "$c/plain.txt" "$c/front.txt" "$c/mark.md"
check "dump: no bidi control or zero-width character" python3 "$tmp/scan.py" hide "$tmp/log"

# 3. The source downloads stay byte for byte.
for f in plain.txt front.txt mark.md gb.txt; do
	check "source $f byte for byte" cmp -s "$c/$f" "$out/src/$f"
done
finish
