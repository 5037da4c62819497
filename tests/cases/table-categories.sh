#!/usr/bin/env bash
# table-categories.sh — issue 17: every row of the 2017 table report
# carries its 主要职责 category, checked against
# tests/site/2017-categories.tsv (made by hand from the source text, not
# from gen's output) in the JSON (gen dump --json), on the built page
# (one table, a <tbody> per category opened by a th scope=rowgroup
# heading, a contents list of the categories linking to them, no
# category column, no label or page furniture outside the table) and in
# the print edition (a heading row where the category changes); gen
# check is quiet on content/ and warns of the five open boundaries of
# the unmarked text (tests/outline/seed-003.txt).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
doc=2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang
src="$TOP/content/$doc.txt"
if ! "$GEN" build --no-search -o "$tmp/out" > "$tmp/log" 2>&1 ||
    ! "$GEN" print -o "$tmp/print" "$src" >> "$tmp/log" 2>&1 ||
    ! "$GEN" dump --json "$src" > "$tmp/doc.json" 2>> "$tmp/log"; then
	cat "$tmp/log"
	exit 1
fi
"$GEN" check "$src" > "$tmp/check-content" 2>&1 || true
"$GEN" check "$TOP/tests/outline/seed-003.txt" > "$tmp/check-seed" 2>&1 || true
python3 - "$TOP/tests/site/2017-categories.tsv" "$tmp" "$doc" <<'PY'
import glob, json, os, re, sys
from html.parser import HTMLParser

tsv, tmp, doc = sys.argv[1:4]
want = {}
for line in open(tsv, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    num, cat = line.rstrip("\n").split("\t")
    want[num] = cat
cats = []
for n in sorted(want, key=int):
    if want[n] not in cats:
        cats.append(want[n])

passed = failed = 0
def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL " + name + (": " + detail if detail else ""))

check("the hand-made file has rows 1-41",
      sorted(want, key=int) == [str(i) for i in range(1, 42)])

# 1. The JSON.
d = json.load(open(os.path.join(tmp, "doc.json"), encoding="utf-8"))
check("category_column", d.get("category_column") == "主要职责",
      repr(d.get("category_column")))
body = d["body"]
check("the body is one list", len(body) == 1 and body[0]["type"] == "list",
      repr([n["type"] for n in body]))
rows = [n for b in body for n in b.get("body", []) if n["type"] == "item"]
got = {r["num"]: r.get("category") for r in rows}
bad = [n for n in want if got.get(n) != want[n]]
check("JSON: every row's category as by hand", not bad,
      "; ".join("%s: %r, by hand %r" % (n, got.get(n), want[n]) for n in bad))
bad = [r["num"] for r in rows
       if r.get("fields", {}).get("主要职责") != r.get("category")]
check("JSON: the 主要职责 field is the category", not bad, repr(bad))

# 2. The page.
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables = self.tbodies = 0
        self.inreport = False    # inside the report's table (not 关键指标)
        self.heads = []          # (tbody id, heading text)
        self.rowgroup = None     # inside th scope=rowgroup
        self.rows = {}           # row id -> heading of its tbody
        self.tbody_id = None
        self.nav = False
        self.links = []          # (href, text) of the contents list
        self.link = None
        self.thead = False
        self.cols = []
        self.col = None
        self.para = []
        self.ptext = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.inreport = "report" in (a.get("class") or "")
            self.tables += self.inreport
        elif tag == "tbody" and self.inreport:
            self.tbodies += 1
            self.tbody_id = a.get("id")
        elif tag == "thead":
            self.thead = True
        elif tag == "th" and self.thead:
            self.col = ""
        elif tag == "th" and a.get("scope") == "rowgroup":
            self.rowgroup = ""
        elif tag == "tr" and (a.get("id") or "").startswith("i"):
            self.rows[a["id"][1:]] = self.heads[-1][1] if self.heads else None
        elif tag == "nav" and "row-groups" in (a.get("class") or ""):
            self.nav = True
        elif tag == "a" and self.nav:
            self.link = [a.get("href"), ""]
        elif tag == "p":
            self.ptext = ""
    def handle_endtag(self, tag):
        if tag == "th" and self.rowgroup is not None:
            self.heads.append((self.tbody_id, self.rowgroup))
            self.rowgroup = None
        elif tag == "th" and self.col is not None:
            self.cols.append(self.col)
            self.col = None
        elif tag == "thead":
            self.thead = False
        elif tag == "a" and self.link is not None:
            self.links.append(tuple(self.link))
            self.link = None
        elif tag == "nav":
            self.nav = False
        elif tag == "p" and self.ptext is not None:
            self.para.append(self.ptext)
            self.ptext = None
    def handle_data(self, data):
        if self.rowgroup is not None:
            self.rowgroup += data
        if self.col is not None:
            self.col += data
        if self.link is not None:
            self.link[1] += data
        if self.ptext is not None:
            self.ptext += data

p = Page()
p.feed(open(os.path.join(tmp, "out", doc + ".html"), encoding="utf-8").read())
check("page: one table", p.tables == 1, str(p.tables))
check("page: a tbody per category", p.tbodies == len(cats) == 20,
      "%d tbodies, %d categories" % (p.tbodies, len(cats)))
check("page: the row-group headings are the categories in order",
      [h for _, h in p.heads] == cats, repr([h for _, h in p.heads]))
bad = [n for n in want if p.rows.get(n) != want[n]]
check("page: every row under its category's heading", not bad,
      "; ".join("%s: %r, by hand %r" % (n, p.rows.get(n), want[n]) for n in bad))
check("page: no column of categories", "主要职责" not in p.cols, repr(p.cols))
check("page: the contents list links to each group in order",
      p.links == [("#" + i, h) for i, h in p.heads] and len(p.links) == 20,
      repr(p.links[:3]))
label = re.compile(r"^\s*[一二三四五六七八九十]+、")
check("page: no label or page furniture as a paragraph",
      not [t for t in p.para if label.match(t) or "序号" in t or
           "个性任务部分" in t], repr(p.para[:3]))

# 3. The print edition.
html = open(glob.glob(os.path.join(tmp, "print", "print", doc + ".html"))[0],
            encoding="utf-8").read()
cur, prow = None, {}
for m in re.finditer(r'<tr class="row-group"[^>]*><th[^>]*>([^<]*)</th>'
                     r'|<tr id="[^"]*"><td class="c-num">(\d+)</td>', html):
    if m.group(1) is not None:
        cur = m.group(1)
    else:
        prow[m.group(2)] = cur
bad = [n for n in want if prow.get(n) != want[n]]
check("print: every row under its category's heading", not bad,
      "; ".join("%s: %r" % (n, prow.get(n)) for n in bad[:5]))

# 4. gen check.
c = open(os.path.join(tmp, "check-content"), encoding="utf-8").read()
check("check: content/ has no category warning", "category-" not in c, c)
s = open(os.path.join(tmp, "check-seed"), encoding="utf-8").read()
check("check: the unmarked text warns of its five open boundaries",
      s.count("[category-guess]") == 5 and "[category-unplaced]" not in s, s)
check("check: a warning names file:line",
      re.search(r"seed-003\.txt:\d+: warning: rows 24-27:", s) is not None, s)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
