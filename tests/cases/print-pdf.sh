#!/usr/bin/env bash
# slow
# print-pdf.sh — the annual summary as PDF (scripts/print: gen print, then
# WeasyPrint), read back with poppler-utils: the CJK fonts are embedded
# (no Type 3 fallbacks), every document and section title of the year
# is in the text, and each contents entry names the page on which its
# heading is printed.  Makes one PDF (about 10 s of CPU).
set -eu
. "$TOP/tests/cases/print-fixture.inc"

for tool in weasyprint pdffonts pdftotext pdfinfo python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool is not installed (make deps installs" \
		    "weasyprint and poppler-utils)"
		exit 77
	fi
done
cmd=$(print_cmd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
print_fixture "$tmp"
out=$tmp/out/print

# scripts/print runs "$GEN print ..."; point it at the command found.
if ! GEN=$cmd "$TOP/scripts/print" -c "$tmp/config.ini" > "$tmp/log" 2>&1
then
	cat "$tmp/log"
	echo "FAIL: scripts/print exited non-zero"
	echo "0 passed, 1 failed"
	exit 1
fi
if [ ! -s "$out/2016.pdf" ]; then
	cat "$tmp/log"
	echo "FAIL: no $out/2016.pdf"
	echo "0 passed, 1 failed"
	exit 1
fi
"$GEN" dump --json "$tmp"/content/2016-plan.txt "$tmp"/content/2016-summary.md \
    > "$tmp/2016.json" 2>/dev/null || true

python3 - "$out/2016.pdf" "$out/2016.html" "$tmp/2016.json" <<'EOF'
import html, json, re, subprocess, sys

pdf, page_html, tree = sys.argv[1:4]
ok = bad = 0

def check(what, cond):
    global ok, bad
    if cond:
        ok += 1
    else:
        bad += 1
        print("FAIL:", what)

def run(*args):
    return subprocess.run(args, check=True, capture_output=True,
                          text=True).stdout

def squash(s):
    return "".join(s.split())

# Fonts: embedded, CJK, no Type 3.
fonts = run("pdffonts", pdf).splitlines()[2:]
check("fonts listed", len(fonts) > 0)
check("a CJK font", any("CJK" in f for f in fonts))
check("every font embedded", all(f.split()[-5] == "yes" for f in fonts))
check("no Type 3 font", not any("Type 3" in f for f in fonts))

npages = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", pdf)).group(1))
raw = [None] + [run("pdftotext", "-f", str(p), "-l", str(p), pdf, "-")
                for p in range(1, npages + 1)]
pages = [None] + [squash(t) for t in raw[1:]]
# Lines without blanks, for finding "title . . . . 12" entries even when
# a title wraps.
lines = [None] + ["\n".join(squash(l) for l in t.splitlines() if l.strip())
                  for t in raw[1:]]
alltext = "".join(pages[1:])

# Every document and section title of the year is printed.
def sections(nodes, acc):
    for n in nodes:
        if n.get("type") == "section":
            acc.append(n)
        sections(n.get("body") or [], acc)
    return acc

docs = json.load(open(tree))
nsec = 0
for d in docs:
    check("%s has a title" % d["source"], d.get("title"))
    if not d.get("title"):
        continue
    check("doc title in PDF: " + d["title"], squash(d["title"]) in alltext)
    for n in sections(d.get("body") or [], []):
        nsec += 1
        check("section title in PDF: " + n["title"],
              squash(n["title"]) in alltext)
check("the parser found sections", nsec >= 3)

# The contents: each entry's page number is where its heading is.
src = open(page_html, encoding="utf-8").read()
nav = re.search(r'<nav class="contents">(.*?)</nav>', src, re.S).group(1)
entries = [(h, squash(html.unescape(re.sub(r"<[^>]+>", "", t))))
           for h, t in re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav, re.S)]
check("contents has entries", len(entries) >= 5)
def entry(title, text):
    """The page number after title (which may wrap) in text, or None."""
    pat = "\n?".join(re.escape(c) for c in title)
    m = re.search(pat + r"[.．·…\n]*?(\d+)$", text, re.M)
    return int(m.group(1)) if m else None

start = next(p for p in range(1, npages + 1) if "目录" in pages[p])
# The contents run from its first page to the page before the first
# entry's target.
end = entry(entries[0][1], lines[start]) or start + 1
toc = "\n".join(lines[start:end])
last = 0
for href, title in entries:
    n = entry(title, toc)
    if n is None:
        check("contents entry with a page number: " + title, False)
        continue
    check("page %d exists for %s" % (n, title), end <= n <= npages)
    if end <= n <= npages:
        check("'%s' is on page %d" % (title, n), title in pages[n])
    check("contents in page order at " + title, n >= last)
    last = n
print("%d passed, %d failed" % (ok, bad))
sys.exit(1 if bad else 0)
EOF
