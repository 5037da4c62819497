#!/usr/bin/env bash
# escaped.sh — the five bugs issue 20 says make test let through, each
# against an expectation written here by hand (not gen's own output):
#   a. numbers missing in a sequence are warned, one, two and more;
#   b. a one-digit annotation （办实事项目1） leaves the title and is a tag;
#   c. build --full (and an incremental build) keeps out/print/ and
#      out/pagefind/, which other tools make;
#   d. a same-size edit right after a build, its mtime then put back,
#      is seen (the racy-mtime rule);
#   e. every full-width digit ０..９ is folded to ASCII.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"

# a. Numbering gaps.
cat > "$tmp/gaps.txt" <<'DOC'
2023年甲区卫生健康工作要点

一、加强综合监管

1.落实依法执业监管。开展专项检查。

3.提升公共卫生服务。完善服务体系。

6.深化医联体建设。推进分级诊疗。

11.加强队伍建设。开展培训。

11.开展健康宣传。进社区。

4.推进信息共享。建平台。
DOC
run a "$GEN" check "$tmp/gaps.txt"
check "a: check exits 0 without --werror (got $(cat "$tmp/a.rc"))" rc_is a 0
check "a: one missing" has "$tmp/a.err" \
    "$tmp/gaps.txt:7:1: warning: item 3 follows 1: 2 is missing [numbering-gap]"
check "a: two missing" has "$tmp/a.err" \
    "$tmp/gaps.txt:9:1: warning: item 6 follows 3: 4 and 5 are missing [numbering-gap]"
check "a: more missing" has "$tmp/a.err" \
    "$tmp/gaps.txt:11:1: warning: item 11 follows 6: 7 to 10 are missing [numbering-gap]"
check "a: a repeat" has "$tmp/a.err" \
    "$tmp/gaps.txt:13:1: warning: item 11 is numbered like the one before it [numbering-repeat]"
check "a: backwards" has "$tmp/a.err" \
    "$tmp/gaps.txt:15:1: warning: item 4 follows 11: the numbers go backwards [numbering-backwards]"
check "a: five numbering warnings, no more" count_is "$tmp/a.err" 5 "[numbering-"
run aw "$GEN" check --werror "$tmp/gaps.txt"
check "a: --werror exits 1 (got $(cat "$tmp/aw.rc"))" rc_is aw 1
# No gap: no warning, exit 0 even with --werror.
printf '2023年甲区卫生健康工作要点\n\n1.落实监管。开展检查。\n\n2.提升服务。完善体系。\n\n3.推进改革。分级诊疗。\n' \
    > "$tmp/nogap.txt"
run an "$GEN" check --werror "$tmp/nogap.txt"
check "a: a full sequence: no numbering warning" count_is "$tmp/an.err" 0 "numbering"
check "a: a full sequence: --werror exits 0 (got $(cat "$tmp/an.rc"))" rc_is an 0

# b. Annotations of one, two and three digits: out of the title and text,
# each a tag.
cat > "$tmp/notes.txt" <<'DOC'
2023年甲区卫生健康工作要点

一、加强综合监管

1.落实依法执业监管。开展专项检查。（办实事项目1）

2.提升公共卫生服务。完善服务体系。（办实事项目25）

3.深化医联体建设。推进分级诊疗。（区政府折子工程103）
DOC
run b "$GEN" dump --json "$tmp/notes.txt"
check "b: dump exits 0" rc_is b 0
check "b: one digit: title and tag" json "$tmp/b.out" \
    'd["body"][0]["body"][0]["body"][0]["title"] == "落实依法执业监管。" and d["body"][0]["body"][0]["body"][0]["tags"] == ["办实事项目1"]'
check "b: one digit: not in the text" json "$tmp/b.out" \
    'text(d["body"][0]["body"][0]["body"][0]) == "落实依法执业监管。开展专项检查。"'
check "b: two digits: tag" json "$tmp/b.out" \
    'd["body"][0]["body"][0]["body"][1]["tags"] == ["办实事项目25"] and "（" not in text(d["body"][0]["body"][0]["body"][1])'
check "b: three digits: tag" json "$tmp/b.out" \
    'd["body"][0]["body"][0]["body"][2]["tags"] == ["区政府折子工程103"] and "（" not in text(d["body"][0]["body"][0]["body"][2])'
# The same in Markdown.
sed -e '1s/^/# /' -e 's/^一、/## 一、/' "$tmp/notes.txt" > "$tmp/notes.md"
run bm "$GEN" dump --json "$tmp/notes.md"
check "b: Markdown: dump exits 0" rc_is bm 0
check "b: Markdown: one digit is a tag, not in the title" json "$tmp/bm.out" \
    'any(i.get("tags") == ["办实事项目1"] and "办实事" not in i["title"] for s in d["body"] for l in s["body"] for i in l.get("body", []))'

# c. out/print/ and out/pagefind/ stay through builds.
mkdir -p "$tmp/site/content"
cp "$tmp/notes.txt" "$tmp/site/content/a.txt"
cat > "$tmp/site/config.ini" <<CFG
[paths]
content = $tmp/site/content
templates = $TOP/templates
out = $tmp/site/out
CFG
run c1 "$GEN" build -c "$tmp/site/config.ini"
check "c: first build exits 0" rc_is c1 0
mkdir -p "$tmp/site/out/print" "$tmp/site/out/pagefind/sub"
echo 'pdf' > "$tmp/site/out/print/a.pdf"
echo 'index' > "$tmp/site/out/pagefind/sub/pagefind.js"
for how in "" --full "" --full; do
	run c2 "$GEN" build -c "$tmp/site/config.ini" $how
	check "c: build $how exits 0" rc_is c2 0
	check "c: build $how keeps print/a.pdf" \
	    eval '[ "$(cat "$tmp/site/out/print/a.pdf" 2>&1)" = pdf ]'
	check "c: build $how keeps pagefind/sub/pagefind.js" \
	    eval '[ "$(cat "$tmp/site/out/pagefind/sub/pagefind.js" 2>&1)" = index ]'
	check "c: build $how: a.html there" test -f "$tmp/site/out/a.html"
	# An edit between builds: the next one has work to do.
	echo "" >> "$tmp/site/content/a.txt"
done

# d. The racy-mtime rule.
mkdir -p "$tmp/racy/content"
cat > "$tmp/racy/config.ini" <<CFG
[paths]
content = $tmp/racy/content
templates = $TOP/templates
out = $tmp/racy/out
CFG
printf '2023年甲区卫生健康工作要点\n\n1.落实监管。开展甲项检查。\n' > "$tmp/racy/content/a.txt"
# Old: trusted from the first build on.
touch -d '2020-01-02 03:04:05' "$tmp/racy/content/a.txt"
run d1 "$GEN" build -c "$tmp/racy/config.ini"
check "d: first build exits 0" rc_is d1 0
check "d: first text in the page" grep -q '开展甲项检查' "$tmp/racy/out/a.html"
# Edited and built at once: its mtime is too fresh to be trusted.
# Written in place (same inode, the folder unchanged), as an editor may.
sed 's/开展甲项检查/开展乙项检查/' "$tmp/racy/content/a.txt" > "$tmp/racy/new"
cat "$tmp/racy/new" > "$tmp/racy/content/a.txt"
run d2 "$GEN" build -c "$tmp/racy/config.ini"
check "d: second build exits 0" rc_is d2 0
check "d: second text in the page" grep -q '开展乙项检查' "$tmp/racy/out/a.html"
# The same size again, the mtime put back: only the content tells.
size=$(stat -c %s "$tmp/racy/content/a.txt")
touch -r "$tmp/racy/content/a.txt" "$tmp/racy/stamp"
sed 's/开展乙项检查/开展丙项检查/' "$tmp/racy/content/a.txt" > "$tmp/racy/new"
cat "$tmp/racy/new" > "$tmp/racy/content/a.txt"
touch -r "$tmp/racy/stamp" "$tmp/racy/content/a.txt"
check "d: the edit kept the size" test "$(stat -c %s "$tmp/racy/content/a.txt")" = "$size"
check "d: the mtime is put back" test "$(stat -c %Y.%y "$tmp/racy/content/a.txt")" = \
    "$(stat -c %Y.%y "$tmp/racy/stamp")"
run d3 "$GEN" build -c "$tmp/racy/config.ini"
check "d: third build exits 0" rc_is d3 0
check "d: the same-size edit is seen" grep -q '开展丙项检查' "$tmp/racy/out/a.html"
check "d: the old text is gone" eval '! grep -q "开展乙项检查" "$tmp/racy/out/a.html"'
check "d: it says one document read" grep -q '(1 read)' "$tmp/d3.err"

# e. Full-width digits ０..９ fold, each of them.
{
	printf '２０１９年甲区卫生健康工作要点\n\n'
	printf '１.落实监管。编号０１２３４５６７８９。\n\n'
	printf '２.提升服务。共９项。\n\n'
	printf '３.推进改革。第８批。\n'
} > "$tmp/fw.txt"
run e "$GEN" dump --json "$tmp/fw.txt"
check "e: dump exits 0" rc_is e 0
check "e: the title's year folded" json "$tmp/e.out" \
    'd["title"] == "2019年甲区卫生健康工作要点" and d["year"] == 2019'
check "e: every digit folded" json "$tmp/e.out" \
    'text(d["body"][0]["body"][0]) == "落实监管。编号0123456789。"'
check "e: ９ and ８ folded" json "$tmp/e.out" \
    '[text(i) for i in d["body"][0]["body"][1:]] == ["提升服务。共9项。", "推进改革。第8批。"]'
check "e: the numbers" json "$tmp/e.out" \
    '[i["num"] for i in d["body"][0]["body"]] == ["1", "2", "3"]'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
