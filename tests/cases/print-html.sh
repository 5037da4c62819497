#!/usr/bin/env bash
# print-html.sh — `gen print` (print.c and templates/print/) on a small
# content folder: which files it writes and lists for PDFs, one summary
# per year holding that year's documents only, contents and index links
# that resolve, escaping, a date that depends only on the input
# (SOURCE_DATE_EPOCH, else the newest source), byte-identical output
# across runs, and unchanged files left untouched.  No WeasyPrint needed.
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
check "--docs lists editions too" test "$(wc -l < "$tmp/list2")" -eq 5
check "--docs lists 2016-plan" grep -qx "$out/2016-plan.html" "$tmp/list2"

# 2. The date is the newest source of the year, or SOURCE_DATE_EPOCH.
check "date of newest source" grep -q '2021年5月6日' "$out/2016.html"
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

# 4. scripts/print without WeasyPrint: the HTML, no PDF, exit 0.
GEN=$cmd WEASYPRINT=/nonexistent/weasyprint "$TOP/scripts/print" \
    -c "$tmp/config.ini" -o "$tmp/out4" > "$tmp/log4" 2>&1 &&
    rc=0 || rc=$?
check "no weasyprint: exit 0" test "$rc" -eq 0
check "no weasyprint: says so" grep -q 'skipped the' "$tmp/log4"
check "no weasyprint: HTML written" test -s "$tmp/out4/print/2016.html"
check "no weasyprint: no PDF" test ! -e "$tmp/out4/print/2016.pdf"

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
for f in 2017-doc index-doc index-doc-2; do
	check "edition $f.html" grep -q 'class="print edition"' \
	    "$tmp/out5/print/$f.html"
done

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
check("2017 plan in the 2017 summary", "2017年示范区卫生健康工作要点" in s17)
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
