#!/usr/bin/env bash
# slow
# tool-install.sh — gen as an installed tool (issue 19): make install
# into a temporary prefix (a build tree of its own), gen init in an
# empty folder outside the source tree, gen build there with the
# built-in templates, search through Pagefind in headless Chromium, the
# PDF of its print edition by gen print --pdf (the same bytes when made
# again), then one template and one asset overridden by the site, file
# by file.
set -eu
pf=$TOP/node_modules/.bin/pagefind
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
unset GEN_DATADIR	# the path compiled in is the one under test

make -s -C "$TOP" install B="$tmp/b" GEN="$tmp/b/gen" OPT=-O0 \
    PREFIX="$tmp/prefix" > "$tmp/make.log" 2>&1 || { cat "$tmp/make.log"; exit 1; }
gen=$tmp/prefix/bin/gen
check "gen installed" test -x "$gen"
check "templates installed" test -f "$tmp/prefix/share/gen/templates/doc.mustache"
check "assets installed" test -f "$tmp/prefix/share/gen/templates/assets/style.css"
check "print templates installed" test -f "$tmp/prefix/share/gen/templates/print/print.css"

mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
"$gen" init site 2> "$tmp/init.log"
check "init: config.ini" test -f site/config.ini
check "init: one example document" test "$(ls site/content | wc -l)" = 1
check "init: .gitignore has out/ and the shadow folder" \
    grep -q '^/.out.gen-shadow/' site/.gitignore
check "init: workflow with Pages" grep -q 'deploy-pages' site/.github/workflows/site.yml
check "init: workflow installs no test tools" \
    bash -c "! grep -Eq 'valgrind|cmocka|chromium' site/.github/workflows/site.yml"
check "init: README explains the Pages setting" \
    grep -q 'Source: GitHub Actions' site/README.md
check "init: no templates copied" test ! -e site/templates
check "init refuses a non-empty folder" bash -c "! '$gen' init site 2> '$tmp/again'"
check "init says why" grep -q 'not empty' "$tmp/again"

cd site
check "the example passes gen check --werror" "$gen" check --werror
check "build with the built-in templates" "$gen" build --strict
GEN_PAGEFIND=/nonexistent/pagefind "$gen" build --full > /dev/null 2> "$tmp/nopf.log"
check "no Pagefind: a clear message" grep -q 'no search index: Pagefind' "$tmp/nopf.log"
check "a document page" grep -q '2025年工作计划' out/2025-gongzuo-jihua.html
check "built-in assets copied" test -f out/assets/style.css
check "built-in print editions" "$gen" print
check "print.css copied" test -f out/print/print.css
# PDFs by the installed gen, outside the source tree: WeasyPrint found
# on the PATH, the faces subset into the user's cache (not into out/).
if command -v weasyprint > /dev/null && command -v pdftotext > /dev/null; then
	XDG_CACHE_HOME=$tmp/cache "$gen" print --pdf > "$tmp/pdf.log" 2>&1 &&
	    st=0 || { st=$?; cat "$tmp/pdf.log"; }
	check "gen print --pdf: exit 0 ($st)" test "$st" = 0
	check "the annual PDF" test -s out/print/2025.pdf
	check "its text" bash -c "pdftotext out/print/2025.pdf - | tr -d ' \n' |
	    grep -q '2025年工作计划'"
	check "made by the WeasyPrint on the PATH" grep -q \
	    "PDF made by $(command -v weasyprint)" "$tmp/pdf.log"
	check "the faces cached in XDG_CACHE_HOME" test -f \
	    "$tmp/cache/gen/print-fonts/state.json"
	check "no font cache in out/" test -z "$(find out -name '*.ttf')"
	XDG_CACHE_HOME=$tmp/cache "$gen" print --pdf > "$tmp/pdf2.log" 2>&1
	check "again: up to date" grep -q 'gen: 1 PDF up to date' "$tmp/pdf2.log"
	cp out/print/2025.pdf "$tmp/first.pdf"
	touch out/print/print.css
	XDG_CACHE_HOME=$tmp/cache "$gen" print --pdf > /dev/null 2>&1
	check "made again: the same bytes" cmp -s out/print/2025.pdf "$tmp/first.pdf"
	check "made again: newer" test out/print/2025.pdf -nt out/print/print.css
else
	echo "FAIL weasyprint or poppler-utils missing (make deps)"
	failed=$((failed + 1))
fi

if [ -x "$pf" ] && command -v chromium > /dev/null; then
	# gen build runs Pagefind itself, named in config.ini.
	printf '[build]\npagefind = %s\n' "$pf" >> config.ini
	GEN_PAGEFIND= "$gen" build --full > "$tmp/pf.log" 2>&1 || cat "$tmp/pf.log"
	check "gen build ran Pagefind" grep -q "search index by $pf" "$tmp/pf.log"
	GEN_PAGEFIND= "$gen" build > "$tmp/pf2.log" 2>&1
	check "the index is no edit of out/: the next build does nothing" \
	    grep -q 'nothing changed' "$tmp/pf2.log"
	check "and runs no Pagefind" bash -c "! grep -q 'search index' '$tmp/pf2.log'"
	links='(() => {
		const m = document.querySelector(".pagefind-ui__message");
		if (!m || /正在|Searching/.test(m.textContent)) return null;
		const n = document.querySelectorAll(".pagefind-ui__result").length;
		const links = document.querySelectorAll(".pagefind-ui__result-link");
		if (document.querySelector(".pagefind-ui__result .pagefind-ui__loading") ||
		    links.length < n) return null;
		return [...links].map(a => a.getAttribute("href")).join("\n") || "none";
	})()'
	# 政务公开 is in the example document only.
	TMPDIR=$tmp timeout 120 python3 "$TOP/tests/tools/browse.py" "$PWD" \
	    "out/search.html?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80" "$links" 30 |
	    python3 -c 'import json,sys; print(json.load(sys.stdin) or "")' > "$tmp/hits" || true
	check "search finds the example" grep -q '2025-gongzuo-jihua.html' "$tmp/hits"
else
	echo "FAIL pagefind or chromium missing (make deps)"
	failed=$((failed + 1))
fi

# The site overrides one template and one asset; the rest stays built in.
mkdir -p templates/assets
sed 's|<article|<p class="mine">自己的模板</p><article|' \
    "$tmp/prefix/share/gen/templates/doc.mustache" > templates/doc.mustache
check "the override differs" bash -c "! cmp -s templates/doc.mustache '$tmp/prefix/share/gen/templates/doc.mustache'"
printf 'body { color: #123456 }\n' > templates/assets/style.css
"$gen" build --strict 2> "$tmp/b2.log" || { cat "$tmp/b2.log"; failed=$((failed + 1)); }
check "a changed override is a full build" grep -q 'full build' "$tmp/b2.log"
check "the site's doc.mustache is used" grep -q '自己的模板' out/2025-gongzuo-jihua.html
check "the built-in index.mustache still is" grep -q '2025年工作计划' out/index.html
check "index has no override" bash -c "! grep -q '自己的模板' out/index.html"
check "the site's asset replaces the built-in one" grep -q '#123456' out/assets/style.css
check "the other built-in assets stay" test -f out/assets/favicon.svg
# A typo in the site's template names the site's file.
printf '{{>nodee}}\n' >> templates/doc.mustache
"$gen" build --strict > /dev/null 2> "$tmp/b3.log" && st=0 || st=$?
check "a missing partial fails --strict" test "$st" = 1
check "it names templates/doc.mustache" grep -q '^templates/doc.mustache:[0-9]*:[0-9]*: error: partial "nodee" not found' "$tmp/b3.log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
