#!/usr/bin/env bash
# incr-figures.sh — key figures over the years, incrementally
# (docs/figures.md): one office's indicator stated in 2023 and 2024 is
# a chart on both documents' pages; an edit of the 2024 figure alone
# reads one document and rewrites the 2023 page too, which then shows
# the new value; a figure of another office's document changes no page
# of the first office; a third year joins the series; every state is
# the site a full build gives.  Every build's exit status is checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
. "$TOP/tests/cases/incr.inc"
# Each year's document of another kind (总结, 要点, 计划): no tracking
# or comparison page ties them, only the figures' series.
doc() { # file year org rate kind
	printf -- '---\ntitle: %s年%s卫生健康%s\nyear: %s\norg: %s\nkind: %s\n---\n一、基层卫生\n\n1.做实家庭医生签约服务。重点人群签约率达到%s%%。\n\n2.招录全科医生不少于30名。\n' \
	    "$2" "$3" "$5" "$2" "$3" "$5" "$4" > "$tmp/content/$1"
}
doc a.txt 2023 甲区卫生健康委员会 78.6 工作总结
doc b.txt 2024 甲区卫生健康委员会 80 工作要点
doc c.txt 2024 乙区卫生健康委员会 85 工作要点
touch -d '2020-01-02 03:04:05' "$tmp/content"/*
out=$tmp/site/out
# series_of PAGE: the rows of its 重点人群签约率 chart, "year value" each.
series_of() {
	python3 - "$out/$1" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<figure class="chart chart-series" id="([^"]+)">(.*?)</figure>', t, re.S)
if m and "重点人群签约率" in m.group(2):
    for r in re.findall(r'<tr[^>]*>(.*?)</tr>', m.group(2), re.S):
        cells = [re.sub(r"<[^>]*>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)]
        if cells and cells[0]:
            print(" ".join(cells))
PY
}

build
check "first: a full build" grep -q 'full build' "$tmp/b$n.err"
check "2023's page charts 2023 and 2024" test "$(series_of a.html)" = "$(printf '2023年 78.6%%\n2024年 80%%')"
check "2024's page the same" test "$(series_of b.html)" = "$(series_of a.html)"
check "the table links its row to the chart" grep -q 'href="#fig-series-1"' "$out/a.html"
check "another office: no series" lacks 'chart-series' "$out/c.html"

cp "$out/c.html" "$tmp/c.before"
doc b.txt 2024 甲区卫生健康委员会 82 工作要点
build
check "edit: one read" grep -q '(1 read)' "$tmp/b$n.err"
check "edit: the 2023 page shows the new 2024 value" test "$(series_of a.html)" = "$(printf '2023年 78.6%%\n2024年 82%%')"
check "edit: the other office's page as it was" cmp -s "$tmp/c.before" "$out/c.html"
check "edit: same site as a full build" same_as_full

cp "$out/a.html" "$tmp/a.before"
doc c.txt 2024 乙区卫生健康委员会 90 工作要点
build
check "another office's edit: 2023's page as it was" cmp -s "$tmp/a.before" "$out/a.html"
check "another office's edit: same site as a full build" same_as_full

doc d.txt 2025 甲区卫生健康委员会 85 工作计划
build
check "a third year joins the series" test "$(series_of a.html)" = "$(printf '2023年 78.6%%\n2024年 82%%\n2025年 85%%')"
check "a third year: same site as a full build" same_as_full

rm "$tmp/content/d.txt"
build
check "a year removed: 2023's page without it" test "$(series_of a.html)" = "$(printf '2023年 78.6%%\n2024年 82%%')"
check "a year removed: same site as a full build" same_as_full

# The next year's document of b's kind makes a comparison page; removed
# again, no empty compare/ folder is left (a full build makes none).
doc e.txt 2025 甲区卫生健康委员会 85 工作要点
build
check "a comparison page made" test -n "$(ls "$out/compare" 2>/dev/null)"
check "a comparison page: same site as a full build" same_as_full
rm "$tmp/content/e.txt"
build
check "the comparison page gone: no compare/ folder" test ! -e "$out/compare"
check "the comparison page gone: same site as a full build" same_as_full

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
