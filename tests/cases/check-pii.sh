#!/usr/bin/env bash
# check-pii.sh — gen check warns about personal data before it is
# published: a resident ID number (check digit right) and a mobile
# number in a document's text, at file:line:col, the id [personal-data]
# at the end, the number itself not repeated; a number that only looks
# like one (wrong check digit, a longer run) is not flagged.  The
# content folder and the seeds hold none.  (test_pii covers the rule.)
set -eu
. "$TOP/tests/bad/lib.sh"

printf -- '---\ntitle: 名单\n---\n一、人员\n1.张三，身份证号11010519491231002X。\n2.联系电话：13812345678。\n3.编号440304198802291235，流水号138123456789。\n' > "$tmp/list.txt"
printf '# 名单\n\n- 李四 440304198802291234\n' > "$tmp/list.md"
run "$GEN" check "$tmp/list.txt" "$tmp/list.md"
check "check: warnings only, exit 0 (got $rc)" test "$rc" -eq 0
check "ID number: file:line:col and the id" \
    has "$tmp/list.txt:5:10: warning: a resident ID number (personal data): remove it before the document is published [personal-data]"
check "mobile number: file:line:col and the id" \
    has "$tmp/list.txt:6:8: warning: a mobile phone number (personal data)"
check "Markdown too" has "$tmp/list.md:3:6: warning: a resident ID number"
check "three in all (not the look-alikes)" test "$(grep -c 'personal-data' "$tmp/log")" -eq 3
check "the numbers are not repeated" hasnt "13812345678"
run "$GEN" check --werror "$tmp/list.txt"
check "--werror: exit 1 (got $rc)" test "$rc" -eq 1
(cd "$TOP" && run "$GEN" check)
check "content/: no personal data flagged" hasnt "personal-data"
finish
