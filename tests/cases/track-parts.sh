#!/usr/bin/env bash
# track-parts.sh — a tracking page cuts paragraphs into parts
# (gen/site/track.c parts_of(), docs/tracking.md): a plan without
# numbered items that lists its commitments in running text (分别为：A、
# B、C; clauses between ；) has a row for each; a report's paragraph in
# parts (一是…二是…) answers each part apart; a commitment the report
# does not speak of apart reads the report's sentence about all items
# (这些项目均已如期完成); the words before a list (分别为：) do not.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP

mkdir -p "$tmp/c"
cat > "$tmp/c/plan.txt" <<'DOC'
---
title: 某市2025年民生实事项目
org: 某市人民政府
year: 2025
kind: 民生实事项目
---
会议确定了今年的民生实事项目,分别为:新建社区卫生服务站十个、改造老旧小区供水管网、开通夜间公交线路三条。

其中,卫健委负责儿童免费窝沟封闭;交通局负责农村客运站点建设。

涵盖教育、医疗、交通等方面。
DOC
cat > "$tmp/c/report.txt" <<'DOC'
---
title: 某市2025年民生实事项目完成情况
org: 某市人民政府
year: 2025
kind: 完成情况
---
这些项目均已如期完成。

全市新建社区卫生服务站十个,已投入使用。

一是开通夜间公交线路三条。二是农村客运站点建设正在推进。
DOC
site "" "$tmp/c" --no-search
page=$tmp/out/track/plan.html
check "the plan has its tracking page" test -f "$page"
# The rows: the words before the list, its three names, the two
# clauses, the paragraph whose short list (教育、医疗) is no list.
rows() {
	python3 - "$page" <<'PY'
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for li in re.findall(r'<li class="track-item.*?</li>', s, re.S):
    plan = re.search(r'<p class="track-plan">(.*?)</p>', li, re.S).group(1)
    st = re.search(r'<span class="st st-\w+">(.*?)</span>', li).group(1)
    ev = re.search(r'<q class="track-ev">(.*?)</q>', li)
    print(html.unescape(re.sub(r"<[^>]+>", "", plan)).strip(), st,
          html.unescape(ev.group(1)) if ev else "", sep="\t")
PY
}
rows > "$tmp/rows"
check "seven rows" test "$(wc -l < "$tmp/rows")" -eq 7
check "共 7 项" grep -q '共 7 项' "$page"
has() { grep -qxF "$1" "$tmp/rows"; }
check "the words before the list: 未提及" has "$(printf '会议确定了今年的民生实事项目,分别为:\t未提及\t')"
check "a name, its own paragraph of the report" has "$(printf '新建社区卫生服务站十个\t已完成\t全市新建社区卫生服务站十个,已投入使用。')"
check "a name the report speaks of in its first part" has "$(printf '开通夜间公交线路三条。\t已完成\t开通夜间公交线路三条。')"
check "a clause the report's second part answers" has "$(printf '交通局负责农村客运站点建设。\t推进中\t农村客运站点建设正在推进。')"
check "a name not spoken of apart: the sentence about all" has "$(printf '改造老旧小区供水管网\t已完成\t这些项目均已如期完成。')"
check "a clause not spoken of apart: the same" has "$(printf '其中,卫健委负责儿童免费窝沟封闭;\t已完成\t这些项目均已如期完成。')"
check "a short list between 、 stays whole" grep -q "^涵盖教育、医疗、交通等方面。	" "$tmp/rows"
check "parts have no number of their own: the list's shows" lacks 'has-num' "$page"
check "no errors" lacks -i error "$tmp/err"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
