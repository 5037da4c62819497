#!/usr/bin/env bash
# site-order.sh — organisations and kinds are listed in a reader's order
# (reader_cmp): national bodies, then by administrative level and GB/T
# 2260 code (北京市 110000, 长治市 140400, 东城区 110101, 昌平区 110114),
# then names without a place, in pinyin order; kinds in pinyin order.
# Code-point order would put 东 (U+4E1C) before 北 (U+5317) and 长
# (U+957F) last, so the check fails on it.  The organisation index, the
# kind index and the tag index (grouped by organisation) are checked.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
n=0
for d in "昌平区卫生健康委员会 工作要点" "东城区卫生健康委员会 完成情况" \
    "长治市卫生健康委员会 总结" "北京市卫生健康委员会 工作计划" \
    "国家卫生健康委员会 工作要点" "区卫生健康委员会 工作要点" \
    "市卫生健康委员会 工作要点"; do
	set -- $d
	n=$((n + 1))
	cat > "$tmp/content/d$n.txt" <<DOC
---
title: 2024年$1$2
year: 2024
org: $1
kind: $2
---
一、总体要求

1.加强组织领导。各单位落实责任（办实事项目1）。
DOC
done
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
python3 - "$tmp/out" <<'PY'
import os, re, sys
out = sys.argv[1]
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
from check import Checks, reader
check = Checks()
read = reader(out)
def listed(page, pattern):
    return re.findall(pattern, read(page))
orgs = ["国家卫生健康委员会", "北京市卫生健康委员会", "长治市卫生健康委员会",
        "东城区卫生健康委员会", "昌平区卫生健康委员会", "区卫生健康委员会",
        "市卫生健康委员会"]
got = listed("org/index.html", r'<li><a href="[^"]*">([^<]*)</a>')
check(got == orgs, f"org/index.html: {got}")
kinds = ["工作计划", "工作要点", "完成情况", "总结"]
got = listed("kind/index.html", r'<li><a href="[^"]*">([^<]*)</a>')
check(got == kinds, f"kind/index.html: {got}")
got = [g.split(" · ")[0] for g in listed("tag/index.html", r'<h2>([^<]*)</h2>')]
check(got == orgs, f"tag/index.html groups: {got}")
check.finish()
PY
