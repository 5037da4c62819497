#!/usr/bin/env bash
# slow
# print-html.sh — `gen print` (print.c and templates/print/) on a small
# content folder: which files it writes and lists for PDFs, one summary
# per year holding that year's documents only, contents and index links
# that resolve, escaping, a date that depends only on the input
# (SOURCE_DATE_EPOCH, else the newest source), byte-identical output
# across runs, and unchanged files left untouched; what an office signs:
# no file path or program name, the cover's issuer and date from
# [print], a masthead only when configured, one-document summaries
# without overview or second outline, the faces of [print] font_*, wide
# tables on landscape pages, dates unbroken, bullets as GB/T 9704 writes
# items, PDF metadata, and the site's link to each edition's PDF; gen
# print --pdf without WeasyPrint (exit 4) and with a stand-in for it
# (which PDFs are made, and when again).  No WeasyPrint needed.
set -eu
. "$TOP/tests/cases/print-fixture.inc"

if ! command -v python3 >/dev/null; then
	echo "skip: python3 is not installed"
	exit 77
fi
cmd=$(print_cmd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
print_fixture "$tmp" all
out=$tmp/out/print
touch -d '2021-03-04 10:00:00 UTC' "$tmp"/content/*
touch -d '2021-05-06 10:00:00 UTC' "$tmp/content/2016-summary.md"

. "$TOP/tests/cases/check.inc"

# 1. Without --docs only the summaries are listed for PDFs.
if ! (unset SOURCE_DATE_EPOCH; "$cmd" print -c "$tmp/config.ini") \
    > "$tmp/list1" 2> "$tmp/err1"; then
	cat "$tmp/err1"
	echo "FAIL: gen print exited non-zero"
	echo "0 passed, 1 failed"
	exit 1
fi
check "summaries listed" diff <(printf '%s\n' "$out/2016.html" \
    "$out/2017.html") "$tmp/list1"
for f in 2016.html 2017.html 2016-plan.html 2016-summary.html \
    2017-plan.html index.html print.css; do
	check "$f written" test -s "$out/$f"
done
"$cmd" print --docs -c "$tmp/config.ini" > "$tmp/list2" 2>/dev/null
check "--docs lists editions too" test "$(wc -l < "$tmp/list2")" -eq 6
check "--docs lists 2016-plan" grep -qx "$out/2016-plan.html" "$tmp/list2"

# 2. The date is the newest source of the year, or SOURCE_DATE_EPOCH.
check "date of newest source" grep -q '汇编日期：2021年5月6日' "$out/2016.html"
check "2017 has its own date" grep -q '2021年3月4日' "$out/2017.html"
SOURCE_DATE_EPOCH=1700000000 "$cmd" print -c "$tmp/config.ini" \
    -o "$tmp/out2" > /dev/null 2>&1
check "SOURCE_DATE_EPOCH date" grep -q '2023年11月14日' \
    "$tmp/out2/print/2016.html"

# 3. Byte-identical across runs; unchanged files keep their time.
SOURCE_DATE_EPOCH=1700000000 "$cmd" print -c "$tmp/config.ini" \
    -o "$tmp/out3" > /dev/null 2>&1
check "same bytes across runs" diff -r "$tmp/out2/print" "$tmp/out3/print"
touch -d '2000-01-01 UTC' "$tmp/out3/print/2016.html"
SOURCE_DATE_EPOCH=1700000000 "$cmd" print -c "$tmp/config.ini" \
    -o "$tmp/out3" > /dev/null 2>&1
check "unchanged file not rewritten" test \
    "$(date -u -r "$tmp/out3/print/2016.html" +%Y)" = 2000

# 4. gen print --pdf without WeasyPrint: the HTML, no PDF, a message
# naming what to do, exit status 4 (gen.1); with a weasyprint that is
# no Python script (a standalone executable; here a shell script that
# logs its arguments), one run per PDF, HTML then PDF, and only the PDFs
# missing or older than their HTML or print.css are made again; a
# WeasyPrint that fails is exit status 1, the PDF not made.
GEN_WEASYPRINT=/nonexistent/weasyprint "$cmd" print --pdf \
    -c "$tmp/config.ini" -o "$tmp/out4" > "$tmp/log4" 2>&1 &&
    rc=0 || rc=$?
check "no weasyprint: exit 4 ($rc)" test "$rc" -eq 4
check "no weasyprint: says so" grep -q \
    'gen: no PDFs: WeasyPrint is not at $GEN_WEASYPRINT (apt install weasyprint, or \[print\] weasyprint = PATH); the HTML is in' "$tmp/log4"
check "no weasyprint: HTML written" test -s "$tmp/out4/print/2016.html"
check "no weasyprint: no PDF" test ! -e "$tmp/out4/print/2016.pdf"
check "--pdf: nothing on stdout" test -z \
    "$(GEN_WEASYPRINT=/nonexistent "$cmd" print --pdf -c "$tmp/config.ini" \
    -o "$tmp/out4" 2>/dev/null)"
cp "$tmp/config.ini" "$tmp/nowp.ini"
printf '[print]\nweasyprint = %s\n' "$tmp/no/weasyprint" >> "$tmp/nowp.ini"
"$cmd" print --pdf -c "$tmp/nowp.ini" \
    -o "$tmp/out4" > "$tmp/log4b" 2>&1 && rc=0 || rc=$?
check "[print] weasyprint missing: exit 4 ($rc)" test "$rc" -eq 4
check "[print] weasyprint missing: says so" grep -q \
    'WeasyPrint is not at \[print\] weasyprint' "$tmp/log4b"
cat > "$tmp/fakewp" <<'SH'
#!/bin/sh
# A stand-in WeasyPrint: logs its arguments, writes a PDF of its input.
echo "$*" >> "${0%/*}/fakewp.log"
[ -z "${FAKEWP_FAIL:-}" ] || exit 1
{ echo '%PDF-1.7'; echo "SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"; cat "$2"; } > "$3"
SH
chmod +x "$tmp/fakewp"
export GEN_WEASYPRINT=$tmp/fakewp
"$cmd" print --pdf --docs -c "$tmp/config.ini" -o "$tmp/out4" \
    > /dev/null 2> "$tmp/log4c" && rc=0 || rc=$?
check "fake weasyprint: exit 0 ($rc)" test "$rc" -eq 0
n=$(ls "$tmp/out4/print/"*.html | grep -vc '/index.html$' || true)
check "a PDF for each summary and edition ($n)" test "$(ls \
    "$tmp/out4/print/"*.pdf | wc -l)" -eq "$n"
check "one run per PDF: --quiet HTML PDF.tmp" test "$(grep -c \
    -- '^--quiet .*/out4/print/2016.html .*/out4/print/2016.pdf.tmp$' \
    "$tmp/fakewp.log")" -eq 1
check "SOURCE_DATE_EPOCH 0 when unset" grep -q '^SOURCE_DATE_EPOCH=0$' \
    "$tmp/out4/print/2016.pdf"
check "the count said" grep -q "gen: $n PDFs made by $tmp/fakewp, 0 up to date" \
    "$tmp/log4c"
check "no .tmp left" test -z "$(ls "$tmp/out4/print" | grep '\.tmp$' || true)"
: > "$tmp/fakewp.log"
"$cmd" print --pdf --docs -c "$tmp/config.ini" -o "$tmp/out4" \
    > /dev/null 2> "$tmp/log4d"
check "again: nothing made" test ! -s "$tmp/fakewp.log"
check "again: all up to date" grep -q "gen: $n PDFs up to date" "$tmp/log4d"
printf '\n3.新的一项。\n' >> "$tmp/content/2017-plan.txt"
touch -d '2021-03-04 10:00:00 UTC' "$tmp/content/2017-plan.txt"
"$cmd" print --pdf --docs -c "$tmp/config.ini" -o "$tmp/out4" \
    > /dev/null 2>&1
check "a changed document: its edition and its year's summary only" \
    test "$(sed 's/.*print\/\([^ ]*\)\.html .*/\1/' "$tmp/fakewp.log" |
    sort | tr '\n' ' ')" = "2017 2017-plan "
: > "$tmp/fakewp.log"
touch "$tmp/out4/print/print.css"
"$cmd" print --pdf -c "$tmp/config.ini" -o "$tmp/out4" > /dev/null 2>&1
check "print.css newer: the annual PDFs made again" \
    test "$(wc -l < "$tmp/fakewp.log")" -eq "$(ls "$tmp/out4/print/" |
    grep -c '^20[0-9][0-9]\.html$')"
rm -f "$tmp/out4/print/2016.pdf"
FAKEWP_FAIL=1 "$cmd" print --pdf -c "$tmp/config.ini" -o "$tmp/out4" \
    > /dev/null 2> "$tmp/log4e" && rc=0 || rc=$?
check "WeasyPrint failing: exit 1 ($rc)" test "$rc" -eq 1
check "WeasyPrint failing: the PDF named" grep -q \
    "out4/print/2016.pdf: error: WeasyPrint failed (exit status 1)" "$tmp/log4e"
check "WeasyPrint failing: no PDF, no .tmp" test ! -e "$tmp/out4/print/2016.pdf" \
    -a ! -e "$tmp/out4/print/2016.pdf.tmp"
unset GEN_WEASYPRINT
# [print] weasyprint names the program.
cp "$tmp/config.ini" "$tmp/wp.ini"
printf '[print]\nweasyprint = %s\n' "$tmp/fakewp" >> "$tmp/wp.ini"
: > "$tmp/fakewp.log"
"$cmd" print --pdf -c "$tmp/wp.ini" -o "$tmp/out4w" > /dev/null 2>&1 &&
    rc=0 || rc=$?
check "[print] weasyprint: used ($rc)" grep -q 'out4w/print/2016.html' \
    "$tmp/fakewp.log"
# A WeasyPrint that is a Python script (#!/usr/bin/env NAME, NAME a
# python): that Python runs gen's driver, -c DRIVER HTML..., once for
# every PDF, with GEN_FONT_CACHE under XDG_CACHE_HOME.
mkdir -p "$tmp/bin"
cat > "$tmp/bin/python3-fake" <<'SH'
#!/bin/sh
# A stand-in Python: logs how it was run, makes a PDF of each HTML.
log=${0%/*}/python.log
echo "run $# GEN_FONT_CACHE=$GEN_FONT_CACHE" >> "$log"
[ "$1" = -c ] || exit 9
case $2 in *'gen/build/pdf.py'*'def main(argv)'*) ;; *) exit 8 ;; esac
shift 2
for h; do echo "html $h" >> "$log"; echo '%PDF-1.7' > "${h%.html}.pdf"; done
SH
printf '#!/usr/bin/env python3-fake\nimport weasyprint\n' > "$tmp/bin/weasyprint"
chmod +x "$tmp/bin/python3-fake" "$tmp/bin/weasyprint"
PATH=$tmp/bin:$PATH XDG_CACHE_HOME=$tmp/xdg GEN_FONT_CACHE= "$cmd" print \
    --pdf --docs -c "$tmp/config.ini" -o "$tmp/out4p" > /dev/null \
    2> "$tmp/log4p" && rc=0 || rc=$?
check "Python WeasyPrint: exit 0 ($rc)" test "$rc" -eq 0
check "Python WeasyPrint: one run for all" test "$(grep -c '^run' \
    "$tmp/bin/python.log")" -eq 1
check "Python WeasyPrint: every HTML given" test "$(grep -c '^html' \
    "$tmp/bin/python.log")" -eq "$(ls "$tmp/out4p/print/"*.html |
    grep -vc '/index.html$')"
check "Python WeasyPrint: the font cache" grep -q \
    "GEN_FONT_CACHE=$tmp/xdg/gen/print-fonts\$" "$tmp/bin/python.log"
check "Python WeasyPrint: the PDFs" test -s "$tmp/out4p/print/2016.pdf"

# 5. Escaping: content never reaches the HTML as markup.
check "< escaped" grep -q '&lt;试行&gt;' "$out/2016.html"
check "& escaped" grep -q 'A&amp;B' "$out/2016.html"
check "no raw markup from content" test -z "$(grep -F '<试行>' \
    "$out/2016.html" "$out/2016-plan.html")"

# 6. Names: an edition never overwrites a summary or the list.
mkdir -p "$tmp/names/sub"
for f in 2017.txt index.txt sub/index.txt; do
	cp "$tmp/content/2017-plan.txt" "$tmp/names/$f"
done
"$cmd" print -c "$tmp/config.ini" -o "$tmp/out5" "$tmp/names/2017.txt" \
    "$tmp/names/index.txt" "$tmp/names/sub/index.txt" > /dev/null 2>&1
check "2017.html is the summary" grep -q 'class="cover"' \
    "$tmp/out5/print/2017.html"
check "index.html is the list" grep -q 'class="print list"' \
    "$tmp/out5/print/index.html"
# Editions are named as the site names the documents' pages.
for f in 2017-doc index-2 index-3; do
	check "edition $f.html" grep -q 'class="print edition"' \
	    "$tmp/out5/print/$f.html"
done

# 8. What an office signs: no file path, no program name or version.
check "no source path in the print" test -z "$(grep -l -e "$tmp" \
    -e 'content/' -e '\.txt' -e '\.md[^a-z]' "$out"/*.html)"
check "no program name or version" test -z "$(grep -l -i \
    -e 'gen [0-9]' -e 'generator' -e '0\.1\.0' "$out"/*.html)"
check "no red masthead unless configured" test -z "$(grep -l \
    'class="masthead"' "$out"/*.html)"
check "site title not on the cover" test -z "$(sed -n \
    '/class="cover"/,/<\/section>/p' "$out/2016.html" | grep '示范区卫生健康委员会</p>' | grep -v cover-issuer)"
# 2016's documents share an organisation: it is the issuer.
check "cover issuer: the shared organisation" grep -q \
    'class="cover-issuer">示范区卫生健康委员会<' "$out/2016.html"
check "author meta" grep -q '<meta name="author" content="示范区卫生健康委员会">' \
    "$out/2016.html"
check "subject meta" grep -q '<meta name="description" content="2016年度工作汇编' \
    "$out/2016.html"
check "language" grep -q '<html lang="zh-CN">' "$out/2016.html"
# 2017's differ (示范区, 示范区卫生健康委员会) and no [print] issuer: none.
check "no issuer when none is known" test -z "$(grep 'class="cover-issuer"' \
    "$out/2017.html")"

# 9. [print] issuer, date, masthead and faces.
cat "$tmp/config.ini" > "$tmp/cfg9.ini"
cat >> "$tmp/cfg9.ini" <<EOF
out = $tmp/out9
[print]
issuer = 示范区人民政府办公室
date = 2017年1月20日
masthead = 示范区卫生健康工作简报
font_body = 方正仿宋_GBK
font_title = 方正小标宋简体
EOF
sed -i '/^out = .*out$/d' "$tmp/cfg9.ini"
"$cmd" print --docs -c "$tmp/cfg9.ini" > /dev/null 2> "$tmp/err9"
o9=$tmp/out9/print
check "[print] issuer on a cover" grep -q \
    'class="cover-issuer">示范区人民政府办公室<' "$o9/2017.html"
check "[print] date without a label" grep -q \
    'class="cover-date">2017年1月20日<' "$o9/2017.html"
check "[print] masthead" grep -q 'class="masthead">示范区卫生健康工作简报<' \
    "$o9/2017.html"
check "font_body first in its role" grep -q \
    'font_body \*/ html, .h.l4 { font-family: "方正仿宋_GBK", "FandolFang"' \
    "$o9/2016.html"
check "font_title first in its role" grep -q \
    'font-family: "方正小标宋简体", "Noto Serif CJK SC Black"' "$o9/2016.html"
check "default faces by role" grep -q \
    'font_heading2 \*/ .h.l2 { font-family: "AR PL UKai CN"' "$o9/2016.html"
# An edition's issuer is its document's organisation.
check "edition signed by its organisation" grep -q \
    'class="sign-issuer">示范区卫生健康委员会<' "$o9/2016-plan.html"
check "edition signed by its own organisation" grep -q \
    'class="sign-issuer">延庆区<' "$o9/2017-plan.html"
sed 's/^font_body = .*/font_body = 仿宋"; color: red/' "$tmp/cfg9.ini" \
    > "$tmp/cfg9b.ini"
"$cmd" print -c "$tmp/cfg9b.ini" > /dev/null 2> "$tmp/err9b" && rc=0 || rc=$?
check "a face name with a quote: an error" test "$rc" -eq 1
check "the error names the key" grep -q 'font_body' "$tmp/err9b"
check "the quote never reaches the style" test -z "$(grep -l 'color: red' \
    "$o9"/*.html)"

# 10. One-document summary: no overview, no second outline; its issuer is
# the document's organisation even with [print] issuer.
"$cmd" print -c "$tmp/cfg9.ini" -o "$tmp/out10" "$tmp/content/2016-plan.txt" \
    > /dev/null 2>&1
o10=$tmp/out10/print
check "one document: no overview" test -z "$(grep -e 'class="overview"' \
    -e '<svg' -e '概　览' "$o10/2016.html")"
check "one document: no outline after the contents" test -z "$(grep \
    'class="outline"' "$o10/2016.html")"
check "one document: contents list its sections" grep -q \
    '<li><a href="#d1-s1">一、深化医药卫生体制改革</a></li>' "$o10/2016.html"
check "one document: issuer is its organisation" grep -q \
    'class="cover-issuer">示范区卫生健康委员会<' "$o10/2016.html"
check "an edition keeps its outline" grep -q 'class="outline"' \
    "$o10/2016-plan.html"
check "several documents: overview" grep -q 'class="overview"' \
    "$out/2016.html"

# 11. Tables: five columns on a landscape page with the headings just
# before them (一、 and （一）; the table is in item 1., a "#### 1." heading
# under （一） being an item: docs/parsing.md, md-numeral-level); dates
# unbroken; bullets not printed.
t=$out/2017-table.html
check "wide table" grep -q '<div class="table-wrap wide short">' "$t"
for h in 'l1 wide" id="d1-s1"' 'l2 wide" id="d1-s2"' 'depth0 wide" id="d1-i1"'; do
	check "heading before the table on its page: $h" grep -q "$h" "$t"
done
check "a later heading stays portrait" grep -q 'class="h l1" id="d1-s3"' "$t"
check "heading row repeated" grep -q '<thead><tr><th class="c-num">序号</th><th>主要职责</th>' "$t"
check "date unbroken" grep -q '<span class="nw">2017年12月31日</span>' "$t"
check "no bullet printed" test -z "$(grep -e 'class="num">-<' \
    -e 'class="num">•<' "$t")"
check "a narrow table is not wide" test -z "$(grep 'table-wrap wide' \
    "$out/2016-plan.html")"

# 12. The site's page of a document links its PDF ([print] pdf = yes),
# named as print names the edition.
cat > "$tmp/cfg12.ini" <<EOF
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/site
[print]
pdf = yes
EOF
"$cmd" build -c "$tmp/cfg12.ini" > /dev/null 2>&1
"$cmd" print --docs -c "$tmp/cfg12.ini" > "$tmp/list12" 2>/dev/null
for d in 2016-plan 2017-table; do
	check "site page of $d links its PDF" grep -q \
	    "<a class=\"act\" href=\"print/$d.pdf\">下载PDF</a>" "$tmp/site/$d.html"
	check "the linked edition exists: $d" grep -qx "$tmp/site/print/$d.html" \
	    "$tmp/list12"
done
"$cmd" build -c "$tmp/config.ini" -o "$tmp/site2" > /dev/null 2>&1 || true
check "no PDF link by default" test -z "$(grep -l '下载PDF' \
    "$tmp"/site2/*.html 2>/dev/null)"

# 7. Structure, checked against the tree `gen dump --json` gives.
"$GEN" dump --json "$tmp"/content/2016-plan.txt "$tmp"/content/2016-summary.md \
    > "$tmp/2016.json" 2>/dev/null || true
python3 - "$tmp/2016.json" "$out" <<'EOF' > "$tmp/py.out" || true
import html, json, re, sys

docs = json.load(open(sys.argv[1]))
out = sys.argv[2]
s = open(out + "/2016.html", encoding="utf-8").read()
try:
    s17 = open(out + "/2017.html", encoding="utf-8").read()
except OSError:
    s17 = ""
ok = bad = 0

def check(what, cond):
    global ok, bad
    if cond:
        ok += 1
    else:
        bad += 1
        print("FAIL:", what)

def sections(nodes, acc):
    for n in nodes:
        if n.get("type") == "section":
            acc.append(n)
        sections(n.get("body") or [], acc)
    return acc

text = html.unescape(re.sub(r"<[^>]+>", "", s))
ids = set(re.findall(r'\sid="([^"]+)"', s))
nsec = 0
for d in docs:
    check("%s has a title" % d["source"], d.get("title"))
    if not d.get("title"):
        continue
    check("doc title in summary: %s" % d["title"], d["title"] in text)
    for n in sections(d.get("body") or [], []):
        nsec += 1
        check("section title in summary: %s" % n["title"], n["title"] in text)
check("the parser found sections", nsec >= 3)
check("2017 plan not in the 2016 summary", "2017年示范区" not in text)
check("2017 plan in the 2017 summary", "2017年延庆区卫生健康工作要点" in s17)
check("ids unique", len(re.findall(r'\sid="', s)) == len(ids))
hrefs = re.findall(r'href="#([^"]+)"', s)
check("internal links present", len(hrefs) >= 8)
check("every internal link resolves",
      all(h in ids for h in hrefs) or print([h for h in hrefs if h not in ids]))
m = re.search(r'<section class="annotations".*?</section>', s, re.S)
check("annotation index present", m is not None)
if m:
    idx = html.unescape(m.group(0))
    for tag in ("办实事项目3", "办实事项目12", "区政府折子工程7",
                "区政府折子工程15"):
        check("index lists " + tag, tag in idx)
    check("index in natural order",
          idx.find("办实事项目3<") < idx.find("办实事项目12<"))
check("overview chart", "<svg" in s and "<rect" in s)
print("%d passed, %d failed" % (ok, bad))
EOF
grep -v '^[0-9]* passed' "$tmp/py.out" || true
py=$(grep '^[0-9]* passed' "$tmp/py.out" || echo "0 passed, 1 failed")
passed=$((passed + $(echo "$py" | cut -d' ' -f1)))
failed=$((failed + $(echo "$py" | cut -d' ' -f3)))

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
