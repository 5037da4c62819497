#!/usr/bin/env bash
# incr-related.sh — related items (相关事项) on an incremental build: an
# edit rewrites the pages of the documents whose related items changed
# and no other document's page (their mtimes stay), and every build
# gives the site a full build gives: an edit that keeps an item's
# related items, one that makes it related to other documents' items
# (and no longer to one), a document removed, one added, an item no
# longer related.  GEN_RELATE=0
# builds the site without them, and turning them on again is a full
# build.  Every build's exit status is checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
. "$TOP/tests/cases/incr.inc"
out=$tmp/site/out
# doc FILE TITLE ITEM1 ITEM2: a plan of two items.
doc() {
	printf '%s\n\n一、重点工作\n\n1.%s\n\n2.%s\n' "$2" "$3" "$4" \
	    > "$tmp/content/$1"
	touch -d '2020-01-02 03:04:05' "$tmp/content/$1"
}
SIGN='落实家庭医生签约服务，扩大重点人群签约覆盖面，提升签约服务质量。'
ZHONG='加强中医药传承创新，建设社区卫生服务中心中医馆，推广中医适宜技术。'
FOOD='完善食品安全风险监测，开展食源性疾病主动监测，提高抽检覆盖率。'
doc a.txt 2021年甲区卫生健康工作要点 "$SIGN" '推进医疗废物集中处置，规范收运台账管理。'
doc b.txt 2022年甲区卫生健康工作要点 "$SIGN" '开展爱国卫生运动，整治城乡环境卫生死角。'
doc c.txt 2022年乙区卫生健康工作要点 "$ZHONG" '深化平安医院创建，完善医患纠纷调解机制。'
doc d.txt 2023年乙区卫生健康工作要点 "$ZHONG" '推动智慧医疗建设，上线互联网医院预约平台。'
doc e.txt 2023年丙区卫生健康工作要点 "$FOOD" '加强托育服务体系建设，新增普惠性托位。'

# links FROM TO: FROM's page shows a related item in TO's page.
links() { grep -q "class=\"related-items\".*href=\"$2.html#" "$out/$1.html"; }
# jlinks FROM TO: FROM's tree (FROM.json) has a node whose "related"
# names an item of TO by its slug, title, year, place and an anchor
# TO's page has; jnone FROM: FROM.json has no "related".
jrel() {
	python3 - "$out" "$1" "$2" <<'PY'
import json, sys
out, frm, to = sys.argv[1:4]
tree = json.load(open(f"{out}/{frm}.json", encoding="utf-8"))
page = open(f"{out}/{to}.html", encoding="utf-8").read() if to else ""
def walk(ns):
    for n in ns:
        for r in n.get("related", []):
            yield r
        yield from walk(n.get("body", []))
rel = list(walk(tree["body"]))
if not to:
    sys.exit(1 if rel else 0)
ok = [r for r in rel if r["doc"] == to and r["title"] and
      isinstance(r["year"], int) and r["place"] and
      f'id="{r["anchor"]}"' in page and
      set(r) == {"doc", "title", "year", "place", "anchor"}]
sys.exit(0 if ok else 1)
PY
}
jlinks() { jrel "$1" "$2"; }
# labelled PAGE: each related item of PAGE is a link whose text is its
# document's short label (year, office, kind; its title when the office
# is not known, as 甲区's) and place, and the page gives each linked
# document's title as a tooltip once (issue 22).
labelled() {
	python3 - "$out/$1.html" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
links = [a for aside in re.findall(r'<aside class="related-items".*?</aside>', s, re.S)
         for a in re.findall(r'<a href="([^"#]*)#[^"]*"( title="[^"]*")?>([^<]*)</a>', aside)]
titled = {}
for href, tip, text in links:
    if not re.match(r'20[0-9][0-9]年[甲乙丙]区卫生健康工作要点 一、1\.$', text):
        sys.exit(f"label {text!r}")
    if tip:
        titled[href] = titled.get(href, 0) + 1
sys.exit(0 if links and all(titled.get(h) == 1 for h, _, _ in links) else 1)
PY
}
jnone() { jrel "$1" ""; }
# stamp: mark the time before a build; kept PAGE...: none of the pages
# (SLUG, or a file SLUG.json) written since; rewritten PAGE...: each of
# them written since.
stamp() { sleep 0.05; touch "$tmp/stamp"; sleep 0.05; }
kept() {
	local p
	for p in "$@"; do
		case $p in *.*) ;; *) p=$p.html ;; esac
		[ "$out/$p" -nt "$tmp/stamp" ] && return 1
	done
	return 0
}
rewritten() {
	local p
	for p in "$@"; do
		case $p in *.*) ;; *) p=$p.html ;; esac
		[ "$out/$p" -nt "$tmp/stamp" ] || return 1
	done
	return 0
}

build
check "first: a full build" grep -q 'full build' "$tmp/b$n.err"
check "first: a relates to b" links a b
check "first: b relates to a" links b a
check "first: c relates to d" links c d
check "first: a's related items by label, each title once" labelled a
check "first: e relates to none" lacks 'class="related-items"' "$out/e.html"
check "first: a.json relates to b" jlinks a b
check "first: c.json relates to d" jlinks c d
check "first: e.json relates to none" jnone e
check "first: gen dump --json has no related items" \
    lacks '"related"' <("$GEN" dump --json "$tmp/content/a.txt")

# c's related item stays d's: only c's own page is written.
stamp
doc c.txt 2022年乙区卫生健康工作要点 "${ZHONG}全年完成10家。" '深化平安医院创建，完善医患纠纷调解机制。'
build
check "same relations: not a full build" lacks 'full build' "$tmp/b$n.err"
check "same relations: c's page written" rewritten c
check "same relations: a, b, d, e pages kept" kept a b d e
check "same relations: a, b, d, e JSON kept" kept a.json b.json d.json e.json
check "same relations: c still relates to d" links c d
check "same relations: same site as a full build" same_as_full

# c's item becomes a's and b's: a, b and c gain items, d loses its one;
# e is not touched.
stamp
doc c.txt 2022年乙区卫生健康工作要点 "$SIGN" '深化平安医院创建，完善医患纠纷调解机制。'
build
check "new relations: a, b, c, d pages written" rewritten a b c d
check "new relations: e's page kept" kept e
check "new relations: a, b, d JSON written, e's kept" \
    eval 'rewritten a.json b.json d.json && kept e.json'
check "new relations: a relates to c" links a c
check "new relations: a's related items by label, each title once" labelled a
check "new relations: d relates to none" lacks 'class="related-items"' "$out/d.html"
check "new relations: a.json relates to c" jlinks a c
check "new relations: d.json relates to none" jnone d
check "new relations: same site as a full build" same_as_full

# b removed: a and c lose their items to it (every page shows the
# number of documents, so every page is written).
rm "$tmp/content/b.txt"
build
check "removed: a relates to b no more" lacks 'href="b.html#' "$out/a.html"
check "removed: a relates to c" links a c
check "removed: same site as a full build" same_as_full

# f added, e's item in it: e gains one.
doc f.txt 2024年丙区卫生健康工作要点 "$FOOD" '推进健康村镇建设。'
build
check "added: e relates to f" links e f
check "added: same site as a full build" same_as_full

# f's item is no longer e's: e and f lose theirs; a, c, d are kept.
stamp
doc f.txt 2024年丙区卫生健康工作要点 '推进健康村镇建设，开展健康社区评选。' '推进健康村镇建设。'
build
check "dropped: e relates to none" lacks 'class="related-items"' "$out/e.html"
check "dropped: e.json relates to none" jnone e
check "dropped: e, f pages written" rewritten e f
check "dropped: a, c, d pages kept" kept a c d
check "dropped: same site as a full build" same_as_full
build
check "after them: nothing changed" grep -q 'nothing changed' "$tmp/b$n.err"

# Off for measuring, then on again (a full build).
run off env GEN_RELATE=0 "$GEN" build -c "$tmp/config.ini"
check "GEN_RELATE=0: exits 0" rc_is off 0
check "GEN_RELATE=0: a full build" grep -q 'full build' "$tmp/off.err"
check "GEN_RELATE=0: no related items" lacks 'class="related-items"' "$out/a.html" "$out/e.html"
build
check "on again: a full build" grep -q 'full build' "$tmp/b$n.err"
check "on again: a relates to c" links a c

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
