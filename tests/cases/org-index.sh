#!/usr/bin/env bash
# org-index.sh — the site's organisation index groups documents under
# the canonical key of their issuer (docs/parsing.md org-key): a short
# form (湖州卫健委), the full name (湖州市卫生健康委员会) and a predecessor
# (湖州市卫生计生委) are one organisation with one page; each document's
# own page shows the name as the document writes it; a document that
# names only a place is under the place.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
. "$TOP/tests/cases/check.inc"

c=$tmp/content
mkdir -p "$c"
doc() { # file title
	printf '%s\n一、总体要求\n1.加强领导。各单位要认真落实。\n' "$2" > "$c/$1"
}
doc a.txt 湖州卫健委2023年工作要点
doc b.txt 湖州市卫生健康委员会2022年工作总结
doc c.txt 湖州市卫生计生委2017年工作要点
doc d.txt 2015年昌平区卫生计生工作要点
cat > "$tmp/config.ini" <<CFG
[paths]
content = $c
templates = $TOP/templates
out = $tmp/out
CFG
"$GEN" build -c "$tmp/config.ini" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }

pages=$(cd "$tmp/out/org" && ls | grep -v '^index.html$' | sort | tr '\n' ' ')
check "one page for the key, one for the place (got: $pages)" \
    [ "$pages" = "昌平区.html 湖州市卫生健康委员会.html " ]
key=$tmp/out/org/湖州市卫生健康委员会.html
check "the key's page lists the three documents" \
    [ "$(grep -o 'href="\.\./[abcd]\.html"' "$key" | sort -u | tr '\n' ' ')" = \
    'href="../a.html" href="../b.html" href="../c.html" ' ]
check "the place's page lists its document" \
    grep -q 'href="\.\./d\.html"' "$tmp/out/org/昌平区.html"
for f in a b c; do
	"$GEN" dump --json "$c/$f.txt" > "$tmp/$f.json"
done
check "shown as written" grep -q '"org": "湖州卫健委"' "$tmp/a.json"
check "one key" [ "$(grep -ho '"org_key": "[^"]*"' "$tmp"/[abc].json | sort -u | wc -l)" -eq 1 ]
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
