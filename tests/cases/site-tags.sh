#!/usr/bin/env bash
# site-tags.sh — an annotation's page is keyed by organisation, year and
# the annotation (family and number): the same annotation in two
# organisations' documents gives two pages; one office's plan and report
# of the same year share one; one office's two years give two.  The tag
# index is grouped by organisation and year; a tag page shows each node
# with its full place in the numbering (二（二）5.) and its document.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
doc() {	# doc FILE ORG YEAR KIND
	cat > "$tmp/content/$1" <<DOC
---
title: $3年$2卫生工作$4
year: $3
org: $2
kind: $4
---
一、总体要求

1.加强组织领导。各单位落实责任。

二、主要任务

（一）医疗服务

1.改善医疗服务。

2.建设区域医疗中心。支持区属医院建设胸痛中心。（区政府折子工程15）
DOC
}
doc a.txt 甲区 2024 工作计划
doc b.txt 甲区 2024 完成情况
doc c.txt 乙区 2024 工作计划
doc d.txt 甲区 2023 工作计划
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
if ! "$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
python3 - "$tmp/out" <<'PY'
import glob, os, re, sys
out = sys.argv[1]
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, reader
check = Checks()
read = reader(out)
pages = sorted(os.path.basename(p) for p in glob.glob(out + "/tag/*.html") if not p.endswith("/index.html"))
check(len(pages) == 3, f"three pages of 区政府折子工程15 (甲区 2024, 甲区 2023, 乙区 2024): {pages}")
def docs_of(page):
    return sorted(re.findall(r'<h2><a href="\.\./([^"#]*)\.html">', read("tag/" + page)))
by_docs = {tuple(docs_of(p)): p for p in pages}
slug = {f: None for f in "abcd"}
check(("a", "b") in by_docs, f"甲区's 2024 plan and report share one page: {sorted(by_docs)}")
check(("c",) in by_docs, "乙区's plan has its own page")
check(("d",) in by_docs, "甲区's 2023 plan has its own page")
if ("a", "b") in by_docs:
    t = read("tag/" + by_docs[("a", "b")])
    check("甲区 · 2024年" in t, "the page names its office and year")
    places = re.findall(r'<span class="label">([^<]*)</span>', t)
    check(places == ["二（一）2.", "二（一）2."], f"each node with its full place: {places}")
    check(t.count('href="../a.html#') == 1 and t.count('href="../b.html#') == 1, "each node links into its document")
# The pages of the documents link their own office's page.
for f, key in (("a", ("a", "b")), ("b", ("a", "b")), ("c", ("c",)), ("d", ("d",))):
    if key in by_docs:
        from urllib.parse import quote
        check(quote("tag/" + by_docs[key]) in read(f + ".html"), f"{f}.html links tag/{by_docs[key]}")
idx = read("tag/index.html")
heads = re.findall(r"<h2>([^<]*)</h2>", idx)
check(sorted(heads) == sorted(["甲区 · 2024年", "甲区 · 2023年", "乙区 · 2024年"]), f"index grouped by organisation and year: {heads}")
check("甲区 · 2024年" in heads and heads.index("甲区 · 2023年") == heads.index("甲区 · 2024年") + 1,
      f"an office's years together, newest first: {heads}")
check.finish()
PY
