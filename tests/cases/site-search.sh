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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
