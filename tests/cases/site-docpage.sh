#!/usr/bin/env bash
# slow
# site-docpage.sh — a document's page and its source page (issue 17):
# src/SLUG.html holds the text before conversion, decoded (a GB18030
# file with CRLF line breaks too), in UTF-8 with a charset, one anchor
# per line numbered as gen check numbers them, so that an item's link
# and a gen check message point at the right line; the raw file stays
# as published, byte for byte; the page has a metadata table with
# Chinese labels (unknown front-matter keys only when [site] meta_keys
# lists them), an action bar (打印, 字号, 下载PDF only with [print] pdf),
# the JSON, source and PDF links in a 数据下载 box after the text, the
# plan and the report of an office's year linked both ways, the year
# before and after (上一年/下一年), labelled 上一篇/下一篇; a changed
# document rewrites its source page and a removed one removes it.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
command -v iconv >/dev/null 2>&1 || { echo "iconv is missing"; exit 77; }
. "$TOP/tests/cases/check.inc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
c=$tmp/content
mkdir -p "$c"
# The plan of 2022 (a numbering gap: item 3 missing, warned at its line).
cat > "$c/2022-plan.txt" <<'DOC'
---
文号: 东卫发〔2022〕3号
索引号: 11010100/2022-00123
主题分类: 卫生、体育\医药管理
date: 2022-01-20
published: 2022-01-25
备注: 不在页面上显示
---
2022年东城区卫生健康工作要点

一、总体要求

1. 提高医疗服务水平。推行预约诊疗。

2. 建设区域医疗中心。完成主体工程。

4. 做实家庭医生签约服务。推行团队服务模式。
DOC
# Its report, in GB18030 with CRLF line breaks.
cat > "$tmp/report.txt" <<'DOC'
2022年东城区卫生健康工作完成情况

一、总体情况

1. 医疗服务水平提高。预约诊疗全面推行。

2. 区域医疗中心主体工程完工。
DOC
sed 's/$/\r/' "$tmp/report.txt" | iconv -f UTF-8 -t GB18030 > "$c/2022-report.txt"
# The same office's plan of the year before.
cat > "$c/2021-plan.txt" <<'DOC'
2021年东城区卫生健康工作要点

1. 巩固疫情防控成果。落实常态化防控措施。

2. 推进社区卫生服务。优化机构布局。
DOC
cat > "$tmp/config.ini" <<CFG
[paths]
content = $c
templates = $TOP/templates
out = $tmp/out
CFG
build() {
	"$GEN" build --no-search -c "$tmp/config.ini" > "$tmp/log" 2>&1 ||
	    { cat "$tmp/log"; exit 1; }
}
build
"$GEN" check -c "$tmp/config.ini" "$c/2022-plan.txt" > "$tmp/check.log" 2>&1 || true
o=$tmp/out
check "source pages written" test -f "$o/src/2022-plan.html" -a -f "$o/src/2022-report.html"
check "the raw GB18030 file published byte for byte" cmp -s "$c/2022-report.txt" "$o/src/2022-report.txt"
check "the raw plan published byte for byte" cmp -s "$c/2022-plan.txt" "$o/src/2022-plan.txt"
check "no UTF-8 copy beside the raw file any more" test ! -e "$o/src/2022-report.utf8.txt"
python3 - "$tmp" > "$tmp/py.log" <<'PY' || true
import html, html.parser, os, re, sys
tmp = sys.argv[1]
out = os.path.join(tmp, "out")
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, read_text, reader
check = Checks()
read = reader(out)
def src_lines(page):
    s = read(page)
    return {int(n): html.unescape(t) for n, t in re.findall(
        r'<div class="src-line" id="L(\d+)"><a[^>]*>\d+</a><span class="src-lt">(.*?)</span></div>', s)}

# 0. Every element closed in order (the pages are well formed).
VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "source"}
class Nest(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.bad = [], []
    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)
    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.bad.append(tag)
for page in ("src/2022-plan.html", "src/2022-report.html", "2022-plan.html", "2022-report.html"):
    n = Nest()
    n.feed(read(page))
    check(not n.bad and not n.stack, f"{page}: well formed ({n.bad}, open {n.stack})")

# 1. The source page: charset, every line of the file, numbered as the
# file's lines (front matter included), the text decoded, not cleaned.
for name in ("2022-plan", "2022-report", "2021-plan"):
    s = read(f"src/{name}.html")
    check('<meta charset="utf-8">' in s, f"{name}: the source page declares its charset")
    raw = open(os.path.join(tmp, "content", name + ".txt"), "rb").read()
    enc = "gb18030" if name == "2022-report" else "utf-8"
    want = raw.decode(enc).replace("\r\n", "\n").split("\n")
    if want and want[-1] == "":
        want.pop()
    got = src_lines(f"src/{name}.html")
    check(sorted(got) == list(range(1, len(want) + 1)), f"{name}: lines 1..{len(want)} each with an anchor (got {len(got)})")
    check([got.get(i + 1) for i in range(len(want))] == [html.unescape(html.escape(w)) for w in want], f"{name}: each line's text as in the file")
    check(f'href="{name}.txt" download' in s, f"{name}: the raw file is a download from the source page")
    check("转换前的文本" in s, f"{name}: labelled as the text before conversion")
rep = src_lines("src/2022-report.html")
check(rep.get(1) == "2022年东城区卫生健康工作完成情况", f"GB18030 decoded on the source page: {rep.get(1)!r}")
check(all("\r" not in t for t in rep.values()), "CRLF: no carriage return left in a line")

# 2. Items link their source line, which holds the item's number.
plan = read("2022-plan.html")
plines = src_lines("src/2022-plan.html")
links = re.findall(r'<span class="label">([^<]*)</span>.*?href="src/2022-plan\.html#L(\d+)"', plan)
check(len(links) >= 3, f"items link their source line ({len(links)})")
for label, n in links:
    check(plines.get(int(n), "").lstrip().startswith(label.strip()), f"item {label} → line {n}: {plines.get(int(n))!r}")
# 3. gen check's line numbers are the source page's.
log = read_text(tmp, "check.log")
m = re.search(r"2022-plan\.txt:(\d+):\d+: warning: .*\[numbering-gap\]", log)
check(m is not None, f"gen check warns about the gap: {log!r}")
if m:
    check(plines.get(int(m.group(1)), "").startswith("4."), f"the warning's line {m.group(1)} is item 4 on the source page: {plines.get(int(m.group(1)))!r}")

# 4. The metadata table: labels in Chinese, known keys, no unknown key.
info = re.search(r'<dl class="doc-info">(.*?)</dl>', plan, re.S)
check(info is not None, "the page has a metadata table")
rows = re.findall(r"<dt>([^<]*)</dt><dd>(?:<a [^>]*>)?([^<]*)", info.group(1) if info else "")
d = dict(rows)
for label, value in (("索引号", "11010100/2022-00123"), ("主题分类", "卫生、体育\\医药管理"),
                     ("成文日期", "2022-01-20"), ("文号", "东卫发〔2022〕3号"),
                     ("发布日期", "2022-01-25"), ("年份", "2022年"), ("类别", "工作要点")):
    check(d.get(label) == value, f"metadata {label} = {value!r} (got {d.get(label)!r})")
check(any(l in ("发文机关", "机构") and "东城区" in v for l, v in rows), f"metadata names the office: {rows}")
labels = [l for l, _ in rows]
check(labels.index("索引号") < labels.index("文号") < labels.index("发布日期"), f"rows in gov.cn's order: {labels}")
check("备注" not in plan and "不在页面上显示" not in plan, "an unknown front-matter key is not shown")
check(not any(re.search(r"[a-z]", l) for l in labels), f"no English labels: {labels}")

# 5. The action bar, the downloads after the text, the pager's labels.
bar = re.search(r'<div class="doc-actions"[^>]*>(.*?)</div>', plan, re.S)
check(bar is not None and "打印" in bar.group(1) and "字号" in bar.group(1), "an action bar with 打印 and 字号")
check(bar is not None and all(x in bar.group(1) for x in (">大<", ">中<", ">小<")), "字号 大/中/小")
check(bar is not None and "下载PDF" not in bar.group(1), "no 下载PDF without [print] pdf")
check('localStorage' in plan and 'data-fs' in plan, "the font size is remembered")
head = plan[plan.index('<header class="doc-head">'):plan.index("</header>")]
check(".json" not in head, "the JSON link is out of the header")
data = re.search(r'<aside class="doc-data" id="doc-data"[^>]*>(.*?)</aside>', plan, re.S)
check(data is not None and "数据下载" in data.group(1), "a 数据下载 box")
for href in ('href="2022-plan.json"', 'href="src/2022-plan.html"', 'href="src/2022-plan.txt" download'):
    check(data is not None and href in data.group(1), f"数据下载 links {href}")
check(plan.index("doc-body") < plan.index('id="doc-data"'), "数据下载 comes after the text")
check(re.search(r'rel="(?:prev|next)"[^>]*><span class="pager-label">[^<]*(?:上一篇|下一篇)', plan) is not None, "上一篇/下一篇 labelled")
check("print/index.html" not in plan, "no link to print editions without [print] pdf")

# 6. Related documents: the plan and the report of one office's year
# link each other; the year before and after link each other.
def related(name):
    s = read(name + ".html")
    m = re.search(r'<aside class="related"[^>]*>(.*?)</aside>', s, re.S)
    if not m:
        return {}
    return {dt: re.findall(r'href="([^"]*)"', dd) for dt, dd in
            re.findall(r"<dt>([^<]*)</dt><dd>(.*?)</dd>", m.group(1), re.S)}
r = related("2022-report")
check(r.get("本年度的计划") == ["2022-plan.html"], f"the report links its plan: {r}")
r = related("2022-plan")
check(r.get("本年度的完成情况") == ["2022-report.html"], f"the plan links its report: {r}")
check(r.get("上一年（2021年）") == ["2021-plan.html"], f"the plan links the year before: {r}")
r = related("2021-plan")
check(sorted(r.get("下一年（2022年）", [])) == ["2022-plan.html", "2022-report.html"], f"2021 links the year after: {r}")
check("本年度的完成情况" not in r, f"no report of 2021: {r}")
check.finish()
PY
cat "$tmp/py.log"
read -r pp _ pf _ < <(tail -n 1 "$tmp/py.log")
case $pp$pf in *[!0-9]*|'') pp=0 pf=1 ;; esac
passed=$((passed + pp)) failed=$((failed + pf))
# 7. [site] meta_keys shows a key the page does not know; [print] pdf
# adds 下载PDF and a link to the print editions.
printf '[site]\nmeta_keys = 备注, 其他\n[print]\npdf = yes\n' >> "$tmp/config.ini"
build
check "meta_keys: the listed key is shown" grep -q '<dt>备注</dt><dd>不在页面上显示</dd>' "$o/2022-plan.html"
check "pdf: 下载PDF in the action bar" grep -q '<a class="act" href="print/2022-plan.pdf">下载PDF</a>' "$o/2022-plan.html"
check "pdf: the PDF in 数据下载" grep -q '<li><a href="print/2022-plan.pdf">PDF</a>' "$o/2022-plan.html"
check "pdf: the footer links the print editions" grep -q 'href="print/index.html">印刷版' "$o/index.html"
check "pdf: from the source page too" grep -q 'href="../print/index.html">印刷版' "$o/src/2022-plan.html"

# 8. Incremental builds: an edit rewrites the source page, a removed
# document takes its source page with it.
sleep 2.1
printf '\n5. 新增一项工作。内容。\n' >> "$c/2022-plan.txt"
build
check "edit: the source page has the new line" grep -q '新增一项工作' "$o/src/2022-plan.html"
check "edit: the raw copy too" cmp -s "$c/2022-plan.txt" "$o/src/2022-plan.txt"
rm "$c/2021-plan.txt"
build
check "removed: its source page is gone" test ! -e "$o/src/2021-plan.html"
check "removed: its raw copy is gone" test ! -e "$o/src/2021-plan.txt"
check "removed: no 上一年 link left" sh -c '! grep -q "上一年" "$1"' _ "$o/2022-plan.html"
"$GEN" build --no-search --full -c "$tmp/config.ini" -o "$tmp/full" > "$tmp/log" 2>&1
check "incremental = full build (src/)" diff -r "$o/src" "$tmp/full/src"
check "incremental = full build (page)" cmp -s "$o/2022-plan.html" "$tmp/full/2022-plan.html"
echo "$passed passed, $failed failed"
test "$failed" -eq 0
