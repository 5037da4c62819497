#!/usr/bin/env bash
# slow
# site-reader.sh — what a reader sees of a document is true to its source:
# a document marked "sample: true" says 示例（虚构） on its page, in lists
# and on its print covers, and no other does;
# only a lead sentence followed by more text is bold, never a whole item;
# a table gets a 序号 column only when its rows are numbered; anchors come
# from the place in the numbering (二（三）12. → s2-3-i12), so an edit
# elsewhere in a document (a repeated number, an item added) changes no
# other anchor; every page has a labelled search box in its header and
# its menu entry marked aria-current.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
cat > "$tmp/content/p.txt" <<'DOC'
2024年某区卫生工作要点

一、医疗服务

（一）医院

1.改善医疗服务。推行预约诊疗。

2.建设区域医疗中心。

（二）社区

3.做实家庭医生签约服务。推行团队服务模式。

二、公共卫生

4.完善疾病预防控制体系。推进新址建设。

5.做好重点传染病防控。
DOC
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
"$GEN" build -o "$tmp/site" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
"$GEN" print -o "$tmp/site" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
cp "$tmp/out/p.html" "$tmp/p1.html"
# An edit elsewhere: item 5 renumbered to repeat 4, an item added.
sed -i 's/^5\.做好/4.做好/' "$tmp/content/p.txt"
printf '\n6.新增一项。内容。\n' >> "$tmp/content/p.txt"
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
python3 - "$tmp" <<'PY'
import glob, os, re, sys
tmp = sys.argv[1]
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, read_text
check = Checks()
read = read_text
def ids(t):
    # the document's own nodes: not the page's boxes (doc-data-h, ...)
    return [i for i in re.findall(r'<(?:li|section|h[2-6])[^>]* id="([^"]*)"', t)
            if not i.startswith("doc-")]
def text(h):
    h = re.sub(r'<a class="(?:tag|permalink)"[^>]*>.*?</a>', "", h)
    return re.sub(r"<[^>]*>|&#8288;|\s", "", h)
# 1. Bold only for a lead followed by more text, on every page of content/.
site = os.path.join(tmp, "site")
nlead = 0
for p in sorted(glob.glob(site + "/*.html")):
    for m in re.finditer(r'<strong class="item-lead">([^<]*)</strong>(.*?)</p>', read(p), re.S):
        nlead += 1
        check(text(m.group(2)) != "", f"{os.path.basename(p)}: {m.group(1)!r} is bold with nothing after it")
check(nlead > 50, f"leads found in content/ ({nlead})")
one = read(os.path.join(tmp, "p1.html"))
m = re.search(r'<span class="label">2\.</span>(.*?)</p>', one)
check(m is not None and "<strong" not in m.group(1), f"one-sentence item 2 is not bold: {m and m.group(1)}")
m = re.search(r'<span class="label">1\.</span>(.*?)</p>', one)
check(m is not None and '<strong class="item-lead">改善医疗服务。</strong>推行' in m.group(1), "item 1's lead is bold")
# 2. A 序号 column only where the rows are numbered.
def heads(slug):
    # the document's own tables (class report), not its 关键指标 table
    return [re.findall(r"<th scope=\"col\">([^<]*)</th>", t) for t in re.findall(r"<table class=\"report.*?</thead>", read(os.path.join(site, slug + ".html")), re.S)]
h = [x for x in heads("2023-haidian-weisheng-jiankang-gongzuo-zongjie") if "指标" in x]
check(h == [["指标", "2022年", "2023年", "目标"]], f"2023 indicator table without 序号: {h}")
h = [x for x in heads("2024-haidian-weisheng-jiankang-gongzuo-jihua") if "项目名称" in x]
check(len(h) == 1 and h[0][0] == "序号" and h[0].count("序号") == 1, f"2024 project table keeps its 序号: {h}")
# 3. Anchors from the place in the numbering, stable across edits.
first = ids(one)
check(first == ["s1", "s1-1", "s1-1-i1", "s1-1-i2", "s1-2", "s1-2-i3", "s2", "s2-i4", "s2-i5"], f"ids from the numbering: {first}")
after = ids(read(os.path.join(tmp, "out", "p.html")))
for i in ("s1", "s1-1", "s1-1-i1", "s1-1-i2", "s1-2", "s1-2-i3", "s2", "s2-i4"):
    check(i in after, f"{i} survives an edit elsewhere: {after}")
page = read(os.path.join(site, "2015-changping-weisheng-jisheng-gongzuo-yaodian.html"))
check('id="s5-2-i57"' in page and 'id="s2-3-i19-2"' in page, "2015: item 五（二）57 is s5-2-i57, 二（三）19's 二是 s2-3-i19-2")
# 4. Fictional samples (content/'s Markdown documents say sample: true).
SAMPLES = {"2023-haidian-weisheng-jiankang-gongzuo-zongjie", "2024-haidian-weisheng-jiankang-gongzuo-jihua"}
home = read(os.path.join(site, "index.html"))
for p in sorted(glob.glob(os.path.join(os.environ["TOP"], "content", "*"))):
    slug = os.path.splitext(os.path.basename(p))[0]
    sample = slug in SAMPLES
    check(("sample: true" in read(p)) == sample, f"{slug}: front matter flag as expected")
    page = read(os.path.join(site, slug + ".html"))
    check(('class="sample-banner"' in page) == sample, f"{slug}.html banner {'missing' if sample else 'shown'}")
    m = re.search(r'href="' + re.escape(slug) + r'\.html">[^<]*</a>(<span class="sample-mark">)?', home)
    check(m is not None and (m.group(1) is not None) == sample, f"index.html line of {slug}: mark {'missing' if sample else 'shown'}")
    # A document's edition has the banner when it is a sample; its year's
    # edition when any document of that year is one.
    for pp, want in ((f"print/{slug}.html", sample),
            (f"print/{slug[:4]}.html", any(x[:4] == slug[:4] for x in SAMPLES))):
        t = read(os.path.join(site, pp))
        check(('class="sample-banner"' in t) == want, f"{pp}: cover banner {'missing' if want else 'shown'}")
    check("<dt>sample</dt>" not in page, f"{slug}.html does not list the flag as metadata")
# 5. A labelled search box in the header of every page, to search.html?q=.
for p in sorted(glob.glob(site + "/**/*.html", recursive=True)):
    if "/print/" in p or "/pagefind/" in p:
        continue
    t = read(p)
    m = re.search(r'<form class="site-search" role="search" action="((?:\.\./)*)search\.html" method="get">\s*<label for="site-q">[^<]+</label>\s*<input id="site-q" name="q"', t)
    depth = os.path.relpath(p, site).count("/")
    # 404.html links from the base URL's path (it is served anywhere).
    want = re.search(r'action="[^"]*/search\.html"', t) is not None if p.endswith("/404.html") else m is not None and m.group(1) == "../" * depth
    check(want and 'name="q"' in t, f"{os.path.relpath(p, site)}: header search box")
# 7. 上一篇/下一篇 are labelled as such.
pages = [os.path.splitext(os.path.basename(p))[0] for p in sorted(glob.glob(os.path.join(os.environ["TOP"], "content", "*")))]
for slug in pages:
    t = read(os.path.join(site, slug + ".html"))
    for rel, label in (("prev", "上一篇"), ("next", "下一篇")):
        for m in re.finditer(r'<a rel="' + rel + r'" href="[^"]*">(.*?)</a>', t):
            check(label in m.group(1), f"{slug}.html: the {rel} link says {label}: {m.group(1)}")
    check(len(re.findall(r'<a rel="(?:prev|next)"', t)) >= 1, f"{slug}.html has a pager link")
# 6. aria-current marks the menu entry of the page, and only there.
for page, want in (("index.html", "首页"), ("year/index.html", "年份"), ("year/2015.html", "年份"),
                   ("org/index.html", "机构"), ("tag/index.html", "标注"), ("search.html", "搜索"),
                   ("2015-changping-weisheng-jisheng-gongzuo-yaodian.html", None)):
    cur = re.findall(r'<a href="[^"]*" aria-current="page">([^<]*)</a>', read(os.path.join(site, page)))
    check(cur == ([want] if want else []), f"{page}: aria-current on {cur}, want {want}")
check.finish()
PY
