#!/usr/bin/env bash
# expect-parse.sh — parsing outcomes against expectations written here
# by hand: the numbers messages name in Chinese (十, 十一, 二十), which
# trailing notes become tags (docs/parsing.md, "Annotations").
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"

# Chinese heading numbers past ten in the numbering messages.
{
	printf '2023年甲区卫生健康工作要点\n\n'
	for h in 一 二 三 四 五 六 七 八 九 十 十二 十五 二十 二十一 二十一 十九; do
		printf '%s、加强工作\n\n1.落实。开展检查。\n\n' "$h"
	done
} > "$tmp/cn.txt"
run cn "$GEN" check "$tmp/cn.txt"
check "cn: check exits 0" rc_is cn 0
check "cn: 十一 missing" has "$tmp/cn.err" \
    "$tmp/cn.txt:43:1: warning: heading 十二 follows 十: 十一 is missing [numbering-gap]"
check "cn: 十三 and 十四 missing" has "$tmp/cn.err" \
    "$tmp/cn.txt:47:1: warning: heading 十五 follows 十二: 十三 and 十四 are missing [numbering-gap]"
check "cn: 十六 to 十九 missing" has "$tmp/cn.err" \
    "$tmp/cn.txt:51:1: warning: heading 二十 follows 十五: 十六 to 十九 are missing [numbering-gap]"
check "cn: 二十一 repeated" has "$tmp/cn.err" \
    "$tmp/cn.txt:59:1: warning: heading 二十一 is numbered like the one before it [numbering-repeat]"
check "cn: 十九 after 二十一" has "$tmp/cn.err" \
    "$tmp/cn.txt:63:1: warning: heading 十九 follows 二十一: the numbers go backwards [numbering-backwards]"
check "cn: five numbering warnings" count_is "$tmp/cn.err" 5 "[numbering-"

# A note in brackets before an item's final stop is a tag only when it
# reads like an annotation: a duty (牵头单位：…), a label and its value
# (口径：…), a programme and its number; a plain word in brackets stays.
cat > "$tmp/notes.txt" <<'DOC'
2023年甲区卫生健康工作要点

一、加强综合监管

1.推进改革，开展专项检查，完善工作机制（试点）。

2.推进改革，开展专项检查，完善工作机制（牵头单位：医政科）。

3.推进改革，开展专项检查，完善工作机制（口径：按年）。

4.推进改革，开展专项检查，完善工作机制（办实事项目7）。

5.推进改革，开展专项检查，完善工作机制（项目负责人）。
DOC
run n "$GEN" dump --json "$tmp/notes.txt"
check "notes: dump exits 0" rc_is n 0
check "notes: a plain word stays in the text" json "$tmp/n.out" \
    'text(items(d)[0]) == "推进改革，开展专项检查，完善工作机制（试点）。" and tags(items(d)[0]) == []'
check "notes: a duty is a tag" json "$tmp/n.out" \
    'text(items(d)[1]) == "推进改革，开展专项检查，完善工作机制。" and tags(items(d)[1]) == ["牵头单位：医政科"]'
check "notes: a label and value is a tag" json "$tmp/n.out" \
    'text(items(d)[2]) == "推进改革，开展专项检查，完善工作机制。" and tags(items(d)[2]) == ["口径：按年"]'
check "notes: a programme is a tag" json "$tmp/n.out" \
    'text(items(d)[3]) == "推进改革，开展专项检查，完善工作机制。" and tags(items(d)[3]) == ["办实事项目7"]'
check "notes: 负责人 (a person) is no duty: stays" json "$tmp/n.out" \
    'text(items(d)[4]) == "推进改革，开展专项检查，完善工作机制（项目负责人）。" and tags(items(d)[4]) == []'

# Zero numbers nothing: 零、 and 〇、 start no heading and warn of nothing.
printf '2023年甲区卫生健康工作要点\n\n一、加强综合监管\n\n1.落实监管。开展检查。\n\n零、其他事项\n\n〇、其他事项\n\n2.提升服务。完善体系。\n' \
    > "$tmp/zero.txt"
run z "$GEN" dump --json "$tmp/zero.txt"
check "zero: dump exits 0" rc_is z 0
check "zero: one section, 一" json "$tmp/z.out" \
    '[s.get("num") for s in d["body"] if s["type"] == "section"] == ["一"]'
check "zero: no heading numbered 零 or 〇" json "$tmp/z.out" \
    'all(n.get("num") not in ("零", "〇", "0") for n in [d] + items(d))'
check "zero: its text kept" grep -q '零、其他事项' "$tmp/z.out"
check "zero: no numbering warning" lacks numbering "$tmp/z.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
