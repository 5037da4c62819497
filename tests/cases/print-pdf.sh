#!/usr/bin/env bash
# slow
# print-pdf.sh — the print editions as PDF (gen print --pdf: the HTML,
# then WeasyPrint with gen/build/pdf.py), read back with poppler-utils:
# the faces of the title, body and heading lines are GB/T 9704's roles
# (pdftohtml -xml's font specs), embedded, no Type 3; every document and
# section title and every item number is in the text, and no file path
# nor program name; the contents name the pages of their headings; a
# bookmark for every section; title, author, subject and language in the
# metadata; the page holding a five-column table is landscape
# (pdfinfo), the fixture's 2017 table and the default content's 2017
# report alike.  Makes the summaries of 2015-2017 and the editions of
# their documents (a few seconds of CPU once the faces are subset).
set -eu
. "$TOP/tests/cases/print-fixture.inc"

for tool in weasyprint pdffonts pdftotext pdfinfo pdftohtml python3 fc-list; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool is not installed (make deps installs" \
		    "weasyprint and poppler-utils)"
		exit 77
	fi
done
cmd=$(print_cmd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
print_fixture "$tmp" all
out=$tmp/out/print
# The default content's 2015 plan and 2017 table report (in the repository).
cp "$TOP"/content/2015-*.txt "$TOP"/content/2017-*.txt "$tmp/content/"

# The faces are subset once into the build tree's cache, as make print
# does.
case ${B:-build} in
/*) export GEN_FONT_CACHE=$B/print-fonts ;;
*) export GEN_FONT_CACHE=$TOP/${B:-build}/print-fonts ;;
esac
if ! "$cmd" print --pdf --docs -c "$tmp/config.ini" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	echo "FAIL: gen print --pdf exited non-zero"
	echo "0 passed, 1 failed"
	exit 1
fi
for f in 2015 2016 2017 2017-table; do
	if [ ! -s "$out/$f.pdf" ]; then
		cat "$tmp/log"
		echo "FAIL: no $out/$f.pdf"
		echo "0 passed, 1 failed"
		exit 1
	fi
done
# A configured face that is not installed: a warning naming the face
# printed instead (the PDFs are made again: their HTML changed).
cp "$tmp/config.ini" "$tmp/cfg2.ini"
printf '[print]\nfont_body = 没有这种仿宋\n' >> "$tmp/cfg2.ini"
mkdir -p "$tmp/out2/print"
"$cmd" print --pdf -c "$tmp/cfg2.ini" -o "$tmp/out2" \
    "$tmp/content/2016-plan.txt" > "$tmp/log2" 2>&1 || true
"$GEN" dump --json "$tmp"/content/*.txt "$tmp"/content/*.md \
    > "$tmp/all.json" 2>/dev/null || true

python3 - "$out" "$tmp/all.json" "$tmp" <<'EOF'
import html, json, os, re, subprocess, sys

out, tree, tmp = sys.argv[1:4]
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

def installed(family):
    return run("fc-list", ":family=" + family).strip() != ""

class Pdf:
    """The text of a PDF by page, its lines with their faces
    (pdftohtml -xml), its bookmarks, metadata and page sizes."""
    def __init__(self, path):
        self.path = path
        self.info = run("pdfinfo", path)
        self.npages = int(re.search(r"Pages:\s+(\d+)", self.info).group(1))
        raw = run("pdftotext", path, "-").split("\f")
        self.raw = [None] + raw[:self.npages]
        self.pages = [None] + [squash(t) for t in raw[:self.npages]]
        self.text = "".join(self.pages[1:])
        xml = run("pdftohtml", "-xml", "-i", "-stdout", path)
        fonts = {i: (f, int(z)) for i, z, f in re.findall(
            r'<fontspec id="(\d+)" size="(\d+)" family="([^"]+)"', xml)}
        self.lines = []         # (page, (face, size), text)
        for page, body in re.findall(r'<page number="(\d+)"(.*?)</page>',
                                     xml, re.S):
            for f, t in re.findall(r'<text [^>]*font="(\d+)"[^>]*>(.*?)</text>',
                                   body):
                t = squash(html.unescape(re.sub(r"<[^>]+>", "", t)))
                self.lines.append((int(page), fonts[f], t))
        m = re.search(r"<outline>.*</outline>", xml, re.S)
        self.bookmarks = [squash(html.unescape(b)) for b in
                          re.findall(r"<item[^>]*>(.*?)</item>",
                                     m.group(0) if m else "")]
        sizes = run("pdfinfo", "-f", "1", "-l", str(self.npages), path)
        self.size = {int(n): (float(w), float(h)) for n, w, h in
                     re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)",
                                sizes)}

    def meta(self, key):
        m = re.search(r"^%s:\s+(.*)$" % key, self.info, re.M)
        return m.group(1).strip() if m else None

    def face(self, start):
        """The face of the line that starts with start in the largest
        size, the last of them (a heading, not its contents entry)."""
        start = squash(start)
        best = None
        for _, face, t in self.lines:
            if t.startswith(start) and (best is None or
                                        face[1] >= best[1]):
                best = face
        return best[0] if best else None

    def page_of(self, s):
        s = squash(s)
        return next((p for p in range(1, self.npages + 1)
                     if s in self.pages[p]), None)

    def landscape(self, p):
        w, h = self.size.get(p, (0, 0))
        return w > h

pdfs = {n: Pdf("%s/%s.pdf" % (out, n)) for n in
        ("2015", "2016", "2017", "2017-table")}
docs = {d["source"].rsplit("/", 1)[1]: d for d in json.load(open(tree))}
p16, p17, p15 = pdfs["2016"], pdfs["2017"], pdfs["2015"]

# 1. Faces: embedded, no Type 3, and each role's face (make deps
# installs the free ones: FandolFang, Noto Serif CJK Black, Noto Sans
# CJK, AR PL UKai).
for n, pdf in pdfs.items():
    fonts = run("pdffonts", pdf.path).splitlines()[2:]
    check(n + ": fonts listed", len(fonts) > 0)
    check(n + ": every font embedded",
          all(f.split()[-5] == "yes" for f in fonts))
    check(n + ": no Type 3 font", not any("Type 3" in f for f in fonts))
for family in ("FandolFang", "Noto Serif CJK SC Black", "Noto Sans CJK SC",
               "AR PL UKai CN"):
    check("face installed (make deps): " + family, installed(family))
roles = [
    (p16, "2016年示范区卫生健康工作要点", "NotoSerifCJKSCBlack", "title"),
    (p16, "2016年度工作汇编", "NotoSerifCJKSCBlack", "cover title"),
    (p16, "2016年全区卫生健康工作坚持", "FandolFang", "body"),
    (p16, "1.完善家庭医生签约服务", "FandolFang", "item"),
    (p16, "一、深化医药卫生体制改革", "NotoSansCJKSC", "heading 1"),
    (p16, "（一）推进分级诊疗制度建设", "ARPLUKaiCN", "heading 2"),
    (p17, "1.分级诊疗与公共卫生", "FandolFang", "heading 3"),
    (p15, "2015年昌平区卫生计生工作要点", "NotoSerifCJKSCBlack", "title"),
    (p15, "一、保持新农合参合率", "NotoSansCJKSC", "heading 1"),
]
for pdf, start, want, role in roles:
    face = pdf.face(start)
    check("%s: %s in %s (found %s)" % (pdf.path.rsplit("/", 1)[1], role,
                                        want, face),
          face is not None and want in face.replace("-", ""))
face = p16.face("1.完善家庭医生签约服务") or ""
check("the body face is not the heading face",
      "NotoSansCJKSC" not in face.replace("-", ""))

# 2. Text: every document and section title, every item's number; no
# file path, no program name.
def walk(nodes, acc):
    for n in nodes:
        acc.append(n)
        walk(n.get("body") or [], acc)
    return acc

def label(lab):
    m = re.fullmatch(r"(\d+)[、．]", lab or "")
    return m.group(1) + "." if m else lab

where = {"2016": p16, "2017": p17, "2015": p15}
nsec = nitem = 0
for name, d in sorted(docs.items()):
    pdf = where.get(str(d.get("year")))
    if pdf is None or not d.get("title"):
        check("%s: a year and a title" % name, False)
        continue
    check("doc title in PDF: " + d["title"], squash(d["title"]) in pdf.text)
    check("doc title bookmarked: " + d["title"],
          squash(d["title"]) in pdf.bookmarks)
    for n in walk(d.get("body") or [], []):
        if n.get("type") == "section":
            nsec += 1
            t = squash((n.get("label") or "") + n["title"])
            check("section in PDF: " + t, t in pdf.text)
            check("section bookmarked: " + t,
                  any(b.startswith(t) for b in pdf.bookmarks))
        elif n.get("type") == "item" and n.get("num") and not n.get("fields"):
            nitem += 1
            lab = label(n.get("label"))
            t = squash((lab or "") + (n.get("title") or n.get("text") or "")[:6])
            check("item number in PDF: " + t, t in pdf.text)
        elif n.get("type") == "item" and n.get("fields"):
            nitem += 1
            # Four characters: a narrow column holds four a line.  A
            # row may go on over a page break (print.css), and a cell
            # of two lines then moves whole (widows, orphans): its text
            # is on the page of the number or the next.
            cell = squash(next(v for v in n["fields"].values() if v))[:4]
            check("table row in PDF: %s %s" % (n["num"], cell), any(
                cell in "".join(pdf.pages[p:p + 2]) and re.search(
                    r"(?m)^\s*%s\s*$" % n["num"], pdf.raw[p])
                for p in range(1, pdf.npages + 1)))
check("the parser found sections", nsec >= 30)
check("the parser found items", nitem >= 100)
for n, pdf in pdfs.items():
    check(n + ": no path in the text", not re.search(
        re.escape(tmp) + r"|content/|\.txt\b|\.md\b", pdf.text))
    check(n + ": no program name", not re.search(
        r"(?i)\bgen\b|weasyprint|0\.1\.0", " ".join(pdf.raw[1:])))

# 3. Metadata: title, author (the issuer), subject, language.
check("title", p16.meta("Title") == "2016年度工作汇编")
check("author is the issuer", p16.meta("Author") == "示范区卫生健康委员会")
check("subject", (p16.meta("Subject") or "").startswith("2016年度工作汇编"))
check("edition title", pdfs["2017-table"].meta("Title") ==
      "2017年示范区重点任务完成情况")
check("edition author", pdfs["2017-table"].meta("Author") ==
      "示范区卫生健康委员会")
for n, pdf in pdfs.items():
    check(n + ": language", b"/Lang (zh-CN)" in open(pdf.path, "rb").read())

# 4. 横排表格: the pages holding a five-column table are landscape; the
# text pages are not.
for pdf, cell in ((p17, "完成分级诊疗试点"), (pdfs["2017-table"], "完成分级诊疗试点"),
                  (p17, "促进卫生与健康事业改革"), (p17, "支持中医药振兴发展")):
    n = pdf.page_of(cell)
    check("%s: table text found: %s" % (pdf.path, cell), n is not None)
    if n is not None:
        check("%s: page %d of %s is landscape" % (pdf.path, n, cell),
              pdf.landscape(n))
n = p17.page_of("1.分级诊疗与公共卫生")
check("the headings before the table on its landscape page",
      n is not None and p17.landscape(n) and n == p17.page_of("完成分级诊疗试点"))
n = p17.page_of("2017年延庆区卫生健康工作要点开展")
for pdf in (p15, p16):
    check(pdf.path + ": text pages portrait",
          not any(pdf.landscape(p) for p in range(1, pdf.npages + 1)))

# 5. The contents: each entry's page number is where its heading is.
pdf = p16
src = open(out + "/2016.html", encoding="utf-8").read()
nav = re.search(r'<nav class="contents">(.*?)</nav>', src, re.S).group(1)
entries = [(h, squash(html.unescape(re.sub(r"<[^>]+>", "", t))))
           for h, t in re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav, re.S)]
check("contents has entries", len(entries) >= 5)
lines = [None] + ["\n".join(squash(l) for l in t.splitlines() if l.strip())
                  for t in pdf.raw[1:]]
def entry(title, text):
    """The page number after title (which may wrap) in text, or None."""
    pat = "\n?".join(re.escape(c) for c in title)
    m = re.search(pat + r"[.．·…\n]*?(\d+)$", text, re.M)
    return int(m.group(1)) if m else None

start = next(p for p in range(1, pdf.npages + 1) if "目录" in pdf.pages[p])
end = entry(entries[0][1], lines[start]) or start + 1
toc = "\n".join(lines[start:end])
last = 0
for href, title in entries:
    n = entry(title, toc)
    if n is None:
        check("contents entry with a page number: " + title, False)
        continue
    check("page %d exists for %s" % (n, title), end <= n <= pdf.npages)
    if end <= n <= pdf.npages:
        check("'%s' is on page %d" % (title, n), title in pdf.pages[n])
    check("contents in page order at " + title, n >= last)
    last = n

# 6. A missing configured face is named, with the face used instead.
log2 = open(tmp + "/log2", encoding="utf-8").read()
check("missing face warned about", '[print] font_body: the face "没有这种仿宋" '
      'is not installed; printing with "FandolFang"' in log2 or print(log2))
check("the PDF made all the same", os.path.exists(tmp + "/out2/print/2016.pdf"))
print("%d passed, %d failed" % (ok, bad))
sys.exit(1 if bad else 0)
EOF
