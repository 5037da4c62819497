#!/usr/bin/env bash
# slow
# site-search.sh — full-text search of the built site with Pagefind, in
# headless Chromium over HTTP from a sub-path: a Chinese query finds the
# documents (links under the sub-path, to pages that exist); words only
# in the page furniture are not indexed; without an index the search
# page says so.  Skipped without node_modules/pagefind or chromium.
set -eu
pf=$TOP/node_modules/.bin/pagefind
[ -x "$pf" ] || { echo "pagefind is not installed (make deps)"; exit 77; }
command -v chromium >/dev/null 2>&1 || { echo "chromium is missing"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
browse() { TMPDIR=$tmp timeout 120 python3 "$TOP/tests/tools/browse.py" "$tmp" "$@"; }
. "$TOP/tests/cases/check.inc"
"$GEN" build -o "$tmp/site" > "$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }

# No index yet: the page says so instead of failing silently.
status='(s => s && !s.hidden && !/正在载入/.test(s.textContent) &&
    s.textContent)(document.getElementById("search-status"))'
browse "site/search.html" "$status" 20 > "$tmp/msg" || true
check "no index: says it is not built" grep -q 'search index not built' "$tmp/msg"

"$pf" --site "$tmp/site" > "$tmp/pf.log" 2>&1 || { cat "$tmp/pf.log"; exit 1; }
check "pagefind indexed the Chinese pages" grep -q 'zh-cn' "$tmp/pf.log"

links='(() => {
	const m = document.querySelector(".pagefind-ui__message");
	if (!m || /正在|Searching/.test(m.textContent)) return null;
	// Results load one by one: wait until none is a placeholder.
	const n = document.querySelectorAll(".pagefind-ui__result").length;
	const links = document.querySelectorAll(".pagefind-ui__result-link");
	if (document.querySelector(".pagefind-ui__result .pagefind-ui__loading") ||
	    links.length < n) return null;
	return [...links]
	    .map(a => a.getAttribute("href")).join("\n") || "none";
})()'
# 家庭医生 (family doctors) appears in several plans.
browse "site/search.html?q=%E5%AE%B6%E5%BA%AD%E5%8C%BB%E7%94%9F" "$links" 30 |
    python3 -c 'import json,sys; print(json.load(sys.stdin) or "")' > "$tmp/hits"
check "家庭医生 finds documents" grep -q '\.html' "$tmp/hits"
while read -r href; do
	case $href in
	/site/*.html*) check "hit $href exists" test -f "$tmp${href%%#*}" ;;
	*) check "hit $href is under the sub-path" false ;;
	esac
done < <(grep '\.html' "$tmp/hits")
# 订阅 (subscribe) is only in the footer, outside data-pagefind-body.
browse "site/search.html?q=%E8%AE%A2%E9%98%85" "$links" 30 |
    python3 -c 'import json,sys; print(json.load(sys.stdin) or "")' > "$tmp/none"
check "page furniture is not indexed" grep -qx 'none' "$tmp/none"
# 相关事项 is only in the lines of related items (data-pagefind-ignore):
# other documents' titles and places are not this page's words, so a
# search finds each item in its own page, not in those pointing to it.
# (A query would not tell: Pagefind matches 事项 in 实事项目.)  What the
# index holds: each page's fragment, gzipped JSON after a signature,
# its words apart by U+200B.
check "the site shows related items" grep -q 'class="related-items"' \
    "$tmp"/site/*.html
python3 - "$tmp/site/pagefind/fragment" > "$tmp/frag" <<'PY' || true
import glob, gzip, json, sys
texts = []
for f in glob.glob(sys.argv[1] + "/*.pf_fragment"):
    b = gzip.decompress(open(f, "rb").read())
    texts.append(json.loads(b[b.index(b"{"):])["content"].replace("\u200b", ""))
print("fragments", len(texts))
print("related", sum("相关事项" in t for t in texts))
PY
check "the index has the pages" grep -Eqx 'fragments [1-9][0-9]*' "$tmp/frag"
check "related items are not indexed: no 相关事项 in any page's text" \
    grep -qx 'related 0' "$tmp/frag"
# Pagefind's own API: filters, results, sub-results and their excerpts.
api='(async () => {
	const pf = await import(new URL("pagefind/pagefind.js", location.href).href);
	await pf.options({baseUrl: new URL(".", location.href).pathname});
	const s = await pf.search("家庭医生");
	const data = await Promise.all(s.results.map(r => r.data()));
	/* 区政府折子工程… is only in tag chips (data-pagefind-ignore). */
	const c = await pf.search("折子工程");
	const chips = await Promise.all(c.results.map(r => r.data()));
	return {filters: await pf.filters(), results: data.map(d => ({url: d.url,
	    excerpt: d.excerpt, subs: d.sub_results.map(x => [x.url, x.title, x.excerpt])})),
	    chips: chips.map(d => d.excerpt + d.sub_results.map(x => x.title + x.excerpt).join(""))};
})()'
browse "site/search.html" "$api" 30 > "$tmp/api.json" || true
python3 - "$tmp/api.json" "$tmp/site" > "$tmp/api.out" <<'PY' || true
import glob, json, os, re, sys
got = json.load(open(sys.argv[1], encoding="utf-8")) or {}
site = sys.argv[2]
docs = [json.load(open(f, encoding="utf-8")) for f in glob.glob(site + "/*.json")]
docs = [d for d in docs if isinstance(d, dict) and "body" in d]
f = got.get("filters") or {}
print("filters", sorted(f))
for name, key in (("年份", "year"), ("机构", "org"), ("类别", "kind")):
    print(f"filter {name}:", sum((f.get(name) or {}).values()), "of",
          sum(1 for d in docs if d.get(key)))
years = {f"{d['year']}年" for d in docs if d.get("year")}
print("years", "same" if set(f.get("年份", {})) == years else f"differ {sorted(f.get('年份', {}))} {sorted(years)}")
subs = [x for r in got.get("results", []) for x in r["subs"]]
print("subresults", len(subs))
for url, title, excerpt in subs:
    path, _, anchor = url.partition("#")
    html = open(site + path[len("/site"):], encoding="utf-8").read() if path.startswith("/site/") else ""
    ok = anchor and re.search(r'<h[1-6][^>]* id="%s"' % re.escape(anchor), html)
    print("sub", "ok" if ok or not anchor else "bad", url, title)
texts = [r["excerpt"] for r in got.get("results", [])] + [x[1] + x[2] for x in subs]
print("pilcrows", sum(t.count("¶") + t.count("\u2060") for t in texts))
print("chips", sum(t.count("折子") for t in got.get("chips", [])), "in", len(got.get("chips", [])))
PY
cat "$tmp/api.out"
check "the index has the filters 年份, 机构, 类别" grep -qx "filters \['年份', '机构', '类别'\]" "$tmp/api.out"
for f in 年份 机构 类别; do
	check "every document with a $f is in the filter $f" \
	    grep -Eqx "filter $f: ([1-9][0-9]*) of \\1" "$tmp/api.out"
done
check "the 年份 filter's values are the documents' years" grep -qx "years same" "$tmp/api.out"
check "家庭医生 has sub-results" grep -q '^subresults [1-9]' "$tmp/api.out"
check "every sub-result links a heading of its page" test -z "$(grep '^sub bad' "$tmp/api.out")"
check "no ¶ (nor its U+2060) in titles and excerpts" grep -qx 'pilcrows 0' "$tmp/api.out"
check "tag chips are not indexed: no 折子 in any excerpt" grep -Eqx 'chips 0 in [0-9]+' "$tmp/api.out"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
