#!/usr/bin/env bash
# site-track.sh — pages that follow commitments (docs/tracking.md):
# the tracking pages of content/ (the 2017 Beijing table whose column
# 四季度完成情况描述 reports each row; 海南 2024's plan against its
# report), each item's status and evidence, the links from the plan's
# and the report's pages; a year-to-year comparison of a small site
# (continued items with <ins>/<del>, new, dropped); and which pages an
# edit writes again.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP

# site N CONTENT (check.inc): CONTENT built into $tmp/outN.

# ---- content/ ----
site 1 "$TOP/content"
bj=$tmp/out1/track/2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.html
hn=$tmp/out1/track/2024-hainan-shengji-minsheng-shishi-xiangmu.html
check "bj2017 has its tracking page" test -f "$bj"
check "hn2024 has its tracking page" test -f "$hn"
# 41 rows; each row's status from its own cell.
check "bj2017: 41 rows" grep -q '共 41 项' "$bj"
# row 2: the rules still await approval (已报请市政府审定): 基本完成,
# with that sentence as evidence.
row() { # N: the <li> of row N of the bj2017 page
	python3 - "$bj" "$1" 2>/dev/null <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
items = re.findall(r'<li class="track-item.*?</li>', s, re.S)
print(items[int(sys.argv[2]) - 1])
PY
}
check "bj2017 row 2 基本完成" sh -c "$(declare -f row); bj='$bj'; row 2 | grep -q 'st-mostly\">基本完成'"
check "bj2017 row 2 evidence" sh -c "$(declare -f row); bj='$bj'; row 2 | grep -q '<q class=\"track-ev\">制定了《北京市人民政府中医药工作部门联席会议制度》，已报请市政府审定执行。</q>'"
check "bj2017 row 1 已完成" sh -c "$(declare -f row); bj='$bj'; row 1 | grep -q 'st-done\">已完成'"
check "bj2017 row 1 evidence: the act" sh -c "$(declare -f row); bj='$bj'; row 1 | grep -q '印发了《关于促进卫生与健康事业改革发展的意见》'"
# row 4's target is to start the registration: started is done.
check "bj2017 row 4 启动 is done" sh -c "$(declare -f row); bj='$bj'; row 4 | grep -q 'st-done\">已完成'"
# row 21: a study started, its first step (任务书) done: under way.
check "bj2017 row 21 推进中" sh -c "$(declare -f row); bj='$bj'; row 21 | grep -q 'st-ongoing\">推进中'"
# The row links to itself on the document's page.
check "bj2017 row link" grep -q 'href="../2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.html#' "$bj"
check "bj2017 chart" grep -q '各年度计划事项完成比例' "$bj"
# 海南 2024: the plan against the year-end report, linked both ways.
# The news page's subtitle and byline are the page's, not plan items.
check "hn2024: no subtitle as an item" lacks '>属全国首次<' "$hn"
check "hn2024: no byline as an item" lacks '作者 :记者' "$hn"
check "hn2024 names its report" grep -q '海南2024年十大民生實事項目如期完成' "$hn"
check "hn2024 plan links to its page" grep -q 'href="track/2024-hainan-shengji-minsheng-shishi-xiangmu.html"' "$tmp/out1/2024-hainan-shengji-minsheng-shishi-xiangmu.html"
check "hn2024 report links to its page" grep -q 'href="track/2024-hainan-shengji-minsheng-shishi-xiangmu.html"' "$tmp/out1/2024-hainan-shengji-minsheng-shishi-wancheng.html"
check "a document without a pair has no link" lacks 'class="doc-track' "$tmp/out1/2020-dongcheng-weisheng-jiankang-gongzuo-yaodian.html"
check "no errors" lacks -i error "$tmp/err1"
# A table row's place says it is a row (第21行), not a bare "21" that
# reads as an item's number: on the tracking page, in the related items
# of another document pointing at it, in the key-figures table.
check "bj2017 row 21's place" sh -c "$(declare -f row); bj='$bj'; row 21 | grep -q '<span class=\"label\">第21行</span>'"
check "a related item names a row as one" grep -q '<span>第[0-9]*行</span>' "$tmp/out1/2018-shijingshan-weisheng-gongzuo-huiyi.html"
check "the figures table names a row as one" grep -q '<td><a href="#i17">第17行</a></td>' "$tmp/out1/2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.html"
check "no bare number as a place" lacks '<td><a href="#i[0-9]*">[0-9]*</a></td>' "$tmp/out1/2017-beijing-weijiwei-jixiao-renwu-wancheng-qingkuang.html"

# ---- year to year ----
mkdir -p "$tmp/c2"
cat > "$tmp/c2/a.txt" <<'DOC'
2023年东城区卫生健康工作要点

一、加强综合监管

1.落实依法执业监管，开展医疗机构专项检查20次。

2.建设社区卫生服务站3个。

3.开展控烟宣传进社区活动。
DOC
cat > "$tmp/c2/b.txt" <<'DOC'
2024年东城区卫生健康工作要点

一、加强综合监管

1.落实依法执业监管，开展医疗机构专项检查30次。

2.建设社区卫生服务站3个。

3.推进老年友善医疗机构建设。
DOC
site 2 "$tmp/c2"
cmp=$tmp/out2/compare/b.html
check "compare page" test -f "$cmp"
check "2 continued, 1 changed, 1 new, 1 dropped" grep -q '延续 2 项（其中表述有变化 1 项），新增 1 项，不再列出 1 项' "$cmp"
check "diff marks the changed figure" grep -q '专项检查<del>2</del><ins>3</ins>0次' "$cmp"
check "new item" grep -q '推进老年友善医疗机构建设' "$cmp"
check "dropped item" grep -q '开展控烟宣传进社区活动' "$cmp"
check "the newer links to it" grep -q 'href="compare/b.html"' "$tmp/out2/b.html"
check "the older links to it" grep -q 'href="compare/b.html"' "$tmp/out2/a.html"
check "no tracking page without a report" test ! -e "$tmp/out2/track"

# ---- incremental: an edit of one document rewrites the pages that
# read it, and only those ----
cat > "$tmp/c2/c.txt" <<'DOC'
2024年西城区卫生健康工作要点

一、提升服务能力

1.推进家庭医生签约服务。
DOC
"$GEN" build -c "$tmp/c2.ini" >/dev/null 2>&1
before=$(stat -c %Y.%i "$cmp")
sleep 1.1
sed -i 's/推进家庭医生签约服务/做实家庭医生签约服务/' "$tmp/c2/c.txt"
"$GEN" build -c "$tmp/c2.ini" >/dev/null 2>&1
check "an unrelated edit leaves the comparison" test "$(stat -c %Y.%i "$cmp")" = "$before"
sed -i 's/老年友善医疗机构/老年友善医院/' "$tmp/c2/b.txt"
"$GEN" build -c "$tmp/c2.ini" >/dev/null 2>&1
check "an edit of its document rewrites it" grep -q '推进老年友善医院建设' "$cmp"
rm "$tmp/c2/a.txt"
"$GEN" build -c "$tmp/c2.ini" >/dev/null 2>&1
check "a comparison goes with its older document" test ! -e "$cmp"
check "and so does the link" lacks 'compare/b.html' "$tmp/out2/b.html"
# ---- a plan tracked with nothing done: the chart prints 0%; items
# with numbers of their own show those, not the list's too ----
mkdir -p "$tmp/c3"
cat > "$tmp/c3/plan.txt" <<'DOC'
2025年西城区卫生健康工作要点

一、提升服务能力

1.建设社区卫生服务站3个。

2.推进老年友善医院建设。
DOC
cat > "$tmp/c3/report.txt" <<'DOC'
2025年西城区卫生健康工作总结

一、提升服务能力

1.社区卫生服务站建设正在推进，已完成选址。

2.老年友善医院建设正在推进。
DOC
site 3 "$tmp/c3"
tp=$tmp/out3/track/plan.html
check "c3: the plan has its tracking page" test -f "$tp"
# The summary line says so, as the chart does (issue 21: it hid the
# count when nothing was done).
check "c3: nothing done, 0 shown" grep -q '共 2 项，已完成 0 项（0%）：' "$tp"
check "c3: the chart prints 0%" grep -q '<span class="value">0%</span>' "$tp"
check "c3: numbered items show their own number alone" \
    test "$(grep -c '<li class="track-item st-[a-z]* has-num">' "$tp")" -eq 2
check "c3: the list's number hidden for them" \
    grep -q '^\.track-item\.has-num { list-style: none; }' "$tmp/out3/assets/style.css"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
