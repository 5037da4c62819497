#!/usr/bin/env bash
# slow
# bad-overlap.sh — content, templates and output folders that overlap
# are refused before anything is read or written, compared by real
# path (through symbolic links and ".."), with an error naming both:
# an out/ inside content/ was read back as input (the site grew each
# build, gen watch looped), a content/ inside out/ was deleted by the
# build.  Folders apart, even with a common prefix, build.
set -eu
. "$TOP/tests/bad/lib.sh"

w=$tmp/w
mkdir -p "$w/content" "$w/site"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$w/content/"
cp -R "$TOP/templates" "$w/tpl"
cfg() {	# content templates out
	printf '[paths]\ncontent = %s\ntemplates = %s\nout = %s\n' "$1" "$2" "$3" > "$w/config.ini"
}
refused() {	# what, first folder's words, second folder's words
	run timeout 30 "$GEN" build -c "$w/config.ini"
	check "$1: exit 1 (got $rc)" test "$rc" -eq 1
	check "$1: names both folders" has "$w/config.ini: error: the $2 folder"
	check "$1: ... and the other" has "and the $3 folder"
	check "$1: says they overlap" has "overlap"
}
docs_kept() { test -s "$w/content/plan.txt" && test -s "$w/content/summary.md"; }

# 1. out/ inside content/: nothing is made in content/.
cfg "$w/content" "$w/tpl" "$w/content/out"
refused "out inside content" content output
check "out inside content: nothing written in content/" \
    test "$(ls -A "$w/content" | sort | tr '\n' ' ')" = "plan.txt summary.md "
# ... also through "..", a link, a folder to be made, for gen watch too.
cfg "$w/content" "$w/tpl" "$w/tpl/../content/new/deeper/out"
refused "out inside content, through .. and folders to be made" content output
check "nothing made in content/" test ! -e "$w/content/new"
ln -s "$w/content" "$w/link"
cfg "$w/link" "$w/tpl" "$w/content/out"
refused "content through a link, out inside it" content output
cfg "$w/content" "$w/tpl" "$w/link/out"
refused "out through a link into content" content output
cfg "$w/content" "$w/tpl" "$w/content/out"
run timeout 30 "$GEN" watch -c "$w/config.ini"
check "watch: refused at once, exit 1 (got $rc)" test "$rc" -eq 1
check "watch: the error" has "overlap"

# 2. content/ inside out/: the build must not delete the documents.
cfg "$w/content" "$w/tpl" "$w/site/out"
run "$GEN" build -c "$w/config.ini"
check "apart: builds (rc $rc)" test "$rc" -eq 0
mv "$w/content" "$w/site/out/content"
cfg "$w/site/out/content" "$w/tpl" "$w/site/out"
refused "content inside out" content output
check "content inside out: the documents are still there" \
    test -s "$w/site/out/content/plan.txt"
mv "$w/site/out/content" "$w/content"

# 3. The same folder twice, templates inside content, out = templates.
cfg "$w/content" "$w/tpl" "$w/content"
refused "out is content" content output
check "out is content: documents kept" docs_kept
cfg "$w/content" "$w/content/tpl" "$w/site/out"
refused "templates inside content" content templates
cfg "$w/content" "$w/tpl" "$w/tpl"
refused "out is templates" templates output
check "out is templates: templates kept" test -s "$w/tpl/doc.mustache"

# 4. Apart, with a common prefix: content vs content-site.
cfg "$w/content" "$w/tpl" "$w/content-site"
run "$GEN" build -c "$w/config.ini"
check "content and content-site are apart: builds (rc $rc)" test "$rc" -eq 0
check "content-site built" test -s "$w/content-site/plan.html"
finish
