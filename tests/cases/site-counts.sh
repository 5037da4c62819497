#!/usr/bin/env bash
# site-counts.sh — what each document of content/ holds, counted by hand
# from its source text (not from gen's output), is what its page, the
# home page, the feed, its JSON and its print edition say: 项 are numbered
# items and numbered table rows, 分项 the inline 一是/二是 points, 条 the
# unnumbered entries (Markdown bullets); sections and subsections apart.
# No page prints a zero count.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$GEN" build -o "$tmp/out" > "$tmp/log" 2>&1 ||
    ! "$GEN" print -o "$tmp/out" >> "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
python3 - "$tmp/out" <<'PY'
import glob, html, json, os, re, sys
out = sys.argv[1]
# Counted by hand from content/ (see the comment of each):
#   sections, subsections, items (项), points (一是…), entries (bullets), rows
HAND = {
    # 一…十; （一）-（四） under 二, （一）-（五） under 三, （一）-（四） under 五;
    # items 1.-85.; 一是/二是 in item 19 (2), 57 (4), 58 (3)
    "2015-changping-weisheng-jisheng-gongzuo-yaodian": (10, 13, 85, 9, 0, 0),
    # a table of 41 numbered rows (个性任务部分共41项)
    "2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang": (0, 0, 41, 0, 0, 0),
    # no numbering; 一是…三是 (lines 18-23), 一是…十是, 一是…九是, 一是…七是
    "2018-shijingshan-weisheng-gongzuo-huiyi": (0, 0, 0, 29, 0, 0),
    # items 1.-9.
    "2020-dongcheng-weisheng-jiankang-gongzuo-yaodian": (0, 0, 9, 0, 0, 0),
    # ## 一-三, ### （一）-（四）; 1.-4. under 三; bullets 3+4+3+3;
    # an indicator table of 4 rows without 序号
    "2023-haidian-weisheng-jiankang-gongzuo-zongjie": (3, 4, 4, 0, 13, 4),
    # ## 一-五, ### （一）-（六）; items 4+4(+3 nested)+5+4+3+2, 4 under 四,
    # 7 table rows with 序号; 4 bullets under 一
    "2024-haidian-weisheng-jiankang-gongzuo-jihua": (5, 6, 36, 0, 4, 0),
    # (issue 21's plan/report pairs, excerpts of web pages as stored)
    # no numbering at all: the nine 事项 are named in running prose
    "2022-hainan-weimin-banshishi-jihua": (0, 0, 0, 0, 0, 0),
    # unnumbered item names as lines; the excerpt is cut inside its one
    # 一是 (line 28), before any 二是: a label that counts no further is no
    # enumeration (docs/parsing.md, inline-enumeration: labels counting
    # 1, 2, …), so no 分项 — line 28 is a paragraph of its own that
    # begins 一是 (rule list-after-name)
    "2022-hainan-weimin-banshishi-jinzhan": (0, 0, 0, 0, 0, 0),
    # a table whose rows are numbered 81, 85, 87 (序号; row 87 cut), the
    # columns separated by spaces, cells broken over lines (lines 24-28)
    "2023-qingyang-weijian-zhongdian-gongzuo-jinzhan-qingkuang": (0, 0, 3, 0, 0, 0),
    # items "1 医疗卫生" ... "6 城乡宜居" (a numeral, a space, the heading;
    # the text under it on the next paragraph; item 6 cut)
    "2024-zhejiang-minsheng-shishi-jihua": (0, 0, 6, 0, 0, 0),
    # a table of 4 numbered rows (序号 1-4), one cell a paragraph
    "2024-zhejiang-weijian-minsheng-shishi-jinzhan-qingkuang": (0, 0, 4, 0, 0, 0),
    # no numbering: the ten projects named in one sentence (line 28)
    "2024-hainan-shengji-minsheng-shishi-xiangmu": (0, 0, 0, 0, 0, 0),
    # no numbering: a paragraph for each project
    "2024-hainan-shengji-minsheng-shishi-wancheng": (0, 0, 0, 0, 0, 0),
}
KEYS = ("sections", "subsections", "items", "points", "entries", "rows")
CN = "零一二三四五六七八九"

def cn(v):
    if v < 10: return CN[v]
    if v < 20: return "十" + (CN[v % 10] if v % 10 else "")
    return CN[v // 10] + "十" + (CN[v % 10] if v % 10 else "")

def words(c):
    s, ss, it, pt, en, rw = c
    parts = []
    if s: parts.append(cn(s) + "个部分")
    if ss: parts.append(cn(ss) + "个小节")
    if it: parts.append(f"{it}项")
    if pt: parts.append(f"{pt}个分项")
    if en: parts.append(f"{en}条")
    if rw: parts.append(f"表格{rw}行")
    return "、".join(parts)

sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, read_text, reader
check = Checks()
read = reader(out)

assert sorted(HAND) == sorted(os.path.splitext(os.path.basename(p))[0]
    for p in glob.glob(os.path.join(os.environ["TOP"], "content", "*"))), \
    "content/ changed: count the new document by hand"
home = read("index.html")
feed = html.unescape(read("feed.xml"))
for slug, c in sorted(HAND.items()):
    w = words(c)
    j = json.loads(read(slug + ".json"))
    if not w:
        # Nothing counted: no 规模 line, no counts on the home page.
        check([j["counts"][k] for k in KEYS] == list(c), f"{slug}.json counts {j['counts']} != {c}")
        check(j["counts"]["text"] == "", f"{slug}.json text {j['counts']['text']!r} != ''")
        check("<dt>规模</dt>" not in read(slug + ".html"), f"{slug}.html has a 规模 line")
        continue
    check([j["counts"][k] for k in KEYS] == list(c), f"{slug}.json counts {j['counts']} != {c}")
    check(j["counts"]["text"] == w, f"{slug}.json text {j['counts']['text']!r} != {w!r}")
    page = read(slug + ".html")
    m = re.search(r"<dt>规模</dt><dd>([^<]*)</dd>", page)
    check(m is not None and m.group(1) == "共" + w, f"{slug}.html 规模 {m and m.group(1)!r} != 共{w}")
    m = re.search(r'href="' + re.escape(slug) + r'\.html">[^<]*</a>(?:<span class="sample-mark">[^<]*</span>)?<span class="doc-meta">(.*?)</span></li>', home)
    check(m is not None and f"<span>{w}</span>" in m.group(1), f"index.html line of {slug}: {m and m.group(1)}")
    m = re.search(r"<id>[^<]*" + re.escape(slug) + r"\.html</id>.*?<summary>([^<]*)</summary>", feed, re.S)
    check(m is not None and m.group(1).endswith("共" + w), f"feed.xml {slug}: {m and m.group(1)!r}")
    year = slug[:4]
    p = read(f"print/{year}.html")
    # The overview's row per document is there when the year has several
    # documents (a year of one has its counts on the cover only).
    if 'class="overview"' in p:
        check(f"<td>{w}</td>" in p, f"print/{year}.html per-document row lacks {w}")
# A year's print cover counts all its documents: the sum of their hand
# counts.
for year in sorted({slug[:4] for slug in HAND}):
    slugs = [slug for slug in HAND if slug[:4] == year]
    w = words(tuple(sum(HAND[slug][k] for slug in slugs) for k in range(6)))
    if not w:
        continue
    m = re.search(r'class="cover-sub">([^<]*)<', read(f"print/{year}.html"))
    check(m is not None and m.group(1).endswith("共" + w), f"print/{year}.html cover: {m and m.group(1)!r} (want 共{w})")
# No zero count anywhere: "0 项", "0项", "0 个部分", "零个"… but a
# tracking page's "已完成 0 项（0%）": nothing done of a plan is a
# finding, printed as its chart prints 0% (docs/tracking.md).
zero = re.compile(r"(?<![0-9.])(?<!已完成 )0 ?(项|个部分|个小节|个分项|条)(?![0-9])|零个")
for p in sorted(glob.glob(out + "/**/*.html", recursive=True)) + [out + "/feed.xml"]:
    t = re.sub(r"<[^>]*>", "", read_text(p))
    m = zero.search(t)
    check(m is None, f"{os.path.relpath(p, out)} prints a zero count: {t[max(0, m.start() - 20):m.end()] if m else ''}")
check.finish()
PY
