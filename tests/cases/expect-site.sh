#!/usr/bin/env bash
# expect-site.sh — what the site shows, against expectations written
# here by hand: an item's place on a tag page (一、1.: its section's
# number and its own, as the document writes them; 二（三）12. where the
# bracket parts them), the source copy a page links (src/SLUG.txt), a
# file name that is not UTF-8 shown with U+FFFD for each bad byte.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
mkdir -p "$tmp/content"
cat > "$tmp/content/a.txt" <<'DOC'
2023年甲区卫生健康工作要点

一、加强综合监管

1.落实依法执业监管。一是开展专项检查；二是加强日常监督。（办实事项目1）

二、推进医疗改革

2.深化医联体建设。推进分级诊疗。（办实事项目1）

三、做实基层服务

（一）加强社区卫生服务

3.完善家庭医生签约。扩大覆盖面。（办实事项目1）
DOC
# No title inside: the page is named after the file, bytes FF FE in it.
printf '一、加强综合监管\n\n1.落实依法执业监管。开展专项检查。\n' \
    > "$tmp/content/$(printf 'b\377\376计划').txt"
cat > "$tmp/config.ini" <<CFG
[paths]
content = $tmp/content
templates = $TOP/templates
out = $tmp/out
CFG
run b "$GEN" build -c "$tmp/config.ini"
check "build exits 0 (got $(cat "$tmp/b.rc"))" rc_is b 0
tag=$(ls "$tmp/out/tag/"*办实事项目1.html 2>/dev/null | head -n 1)
check "the tag page is there" test -n "$tag"
check "tag page: item 1 of section 一 is 一、1." grep -qF \
    '<a href="../a.html#s1-i1"><span class="label">一、1.</span>落实依法执业监管。</a>' "${tag:-/nonexistent}"
check "tag page: item 2 of section 二 is 二、2." grep -qF \
    '<span class="label">二、2.</span>深化医联体建设。</a>' "${tag:-/nonexistent}"
check "tag page: item 3 of 三（一） is 三（一）3." grep -qF \
    '<span class="label">三（一）3.</span>完善家庭医生签约。</a>' "${tag:-/nonexistent}"
check "doc page links its source page src/a.html" grep -qF \
    '<a href="src/a.html">源文本</a>' "$tmp/out/a.html"
check "doc page offers the raw file src/a.txt as a download" grep -qF \
    '<a href="src/a.txt" download>原始文件</a>' "$tmp/out/a.html"
check "the source copy is there, the same bytes" cmp -s "$tmp/content/a.txt" "$tmp/out/src/a.txt"
check "no UTF-8 copy of a UTF-8 file" test ! -e "$tmp/out/src/a.utf8.txt"
check "a file name's bad bytes: U+FFFD each, in the title" grep -qF \
    '<title>b��计划 · ' "$tmp/out/b-计划.html"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
