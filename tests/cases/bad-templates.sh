#!/usr/bin/env bash
# slow
# bad-templates.sh — every error of the template engine, met in a real
# build: the message names TEMPLATE:LINE:COL, the build exits 1 and the
# previous out/ is left byte for byte with nothing beside it.  Then a
# missing template, a missing templates/ folder, names that leave the
# folder ({{>../../etc/passwd}}), and content that looks like a
# template (never read as one).
set -eu
. "$TOP/tests/bad/lib.sh"

c=$tmp/content
tpl=$tmp/tpl
out=$tmp/site/out
mkdir -p "$c"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$c/"
cp -R "$TOP/templates" "$tpl"
cp "$tpl/doc.mustache" "$tmp/doc.orig"
cp "$tpl/node.mustache" "$tmp/node.orig"
site_config "$tmp/config.ini" "$c" "$tpl" "$out"
run "$GEN" build -c "$tmp/config.ini"
[ "$rc" -eq 0 ] || { cat "$tmp/log"; exit 1; }
cp -R "$out" "$tmp/before"

restore() {
	cp "$tmp/doc.orig" "$tpl/doc.mustache"
	cp "$tmp/node.orig" "$tpl/node.mustache"
}
# broken WHAT MESSAGE [gen options]: template text on stdin replaces
# doc.mustache (or node.mustache when WHAT starts with "node:").
broken() {
	local what=$1 msg=$2 file=doc.mustache
	shift 2
	case $what in node:*) file=node.mustache ;; esac
	restore
	cat > "$tpl/$file"
	run timeout 60 "$GEN" build "$@" -c "$tmp/config.ini"
	check "$what: exit 1 (got $rc)" test "$rc" -eq 1
	check "$what: message" has "$msg"
	check "$what: out/ untouched" same_tree "$tmp/before" "$out"
	check "$what: nothing left beside out/" alone "$out"
}

broken "unclosed section" \
    'doc.mustache:4:1: error: unclosed section "body" opened at 3:1' <<'T'
{{<base}}{{$main}}<h1>{{doc.title}}</h1>
{{/main}}{{/base}}
{{#body}}
T
broken "mismatched close" \
    'doc.mustache:3:1: error: closing tag "main" does not match section "doc" opened at 2:1' <<'T'
{{<base}}{{$main}}<h1>{{doc.title}}</h1>
{{#doc}}
{{/main}}{{/base}}
T
broken "close without open" \
    'doc.mustache:2:3: error: closing tag "doc" without an open section' <<'T'
{{<base}}{{$main}}{{/main}}{{/base}}
x {{/doc}}
T
broken "unclosed tag" \
    'doc.mustache:3:5: error: unclosed tag: no "}}" after "{{"' <<'T'
{{<base}}{{$main}}
{{/main}}{{/base}}
<h1>{{doc.title</h1>
T
broken "bad delimiter" \
    "doc.mustache:2:1: error: bad delimiter change \"<%\": want two delimiters without '=' or blanks" <<'T'
{{<base}}{{$main}}{{/main}}{{/base}}
{{=<% =}}
T
broken "empty tag" 'doc.mustache:1:19: error: empty tag name' <<'T'
{{<base}}{{$main}}{{}}{{/main}}{{/base}}
T
broken "sections nested 101 deep" \
    'error: template too deeply nested: more than 100 sections inside each other' < <(
	printf '{{<base}}{{$main}}'
	for i in $(seq 101); do printf '{{#doc}}'; done
	for i in $(seq 101); do printf '{{/doc}}'; done
	printf '{{/main}}{{/base}}\n')
broken "missing partial (strict)" \
    'doc.mustache:2:1: error: partial "no-such-partial" not found' --strict <<'T'
{{<base}}{{$main}}
{{>no-such-partial}}
{{/main}}{{/base}}
T
broken "node: partial recursion" \
    'node.mustache:2:1: error: "node": partials, parents and blocks nested deeper than 100 levels (recursion?)' <<'T'
<div>{{title}}
{{>node}}
</div>
T
broken "parent recursion" \
    'doc.mustache:1:1: error: "doc": partials, parents and blocks nested deeper than 100 levels (recursion?)' <<'T'
{{<doc}}{{/doc}}
T
broken "partial outside templates/" \
    'doc.mustache:2:1: error: template name "../../../etc/passwd" is not allowed (absolute, ".." or NUL)' <<'T'
{{<base}}{{$main}}
{{>../../../etc/passwd}}
{{/main}}{{/base}}
T
broken "absolute parent" \
    'doc.mustache:1:1: error: template name "/etc/passwd" is not allowed (absolute, ".." or NUL)' <<'T'
{{</etc/passwd}}{{/etc/passwd}}
T
# A dynamic name taken from content (a title) cannot leave templates/.
printf -- '---\ntitle: ../../../etc/passwd\n---\n一、标题\n' > "$c/dots.txt"
broken "dynamic partial named by content" \
    'doc.mustache:2:9: error: partial name "../../../etc/passwd" is not allowed (absolute, ".." or NUL)' <<'T'
{{<base}}{{$main}}
{{#doc}}{{>*title}}{{/doc}}
{{/main}}{{/base}}
T
rm -f "$c/dots.txt"
check "no template made a page from /etc/passwd" \
    lacks -r "root:" "$out"

# Not strict: a missing partial renders as nothing and the build goes on.
restore
printf '{{<base}}{{$main}}<p id="np">{{>no-such-partial}}</p>{{/main}}{{/base}}\n' > "$tpl/doc.mustache"
run "$GEN" build -c "$tmp/config.ini"
check "missing partial (not strict): exit 0 (got $rc)" test "$rc" -eq 0
check "missing partial (not strict): rendered as nothing" grep -q '<p id="np"></p>' "$out/plan.html"
rm -rf "$out"
cp -R "$tmp/before" "$out"
restore

# A missing template, a missing templates/ folder.
mv "$tpl/tag.mustache" "$tmp/tag.orig"
run "$GEN" build -c "$tmp/config.ini"
check "missing tag.mustache: exit 1" test "$rc" -eq 1
check "missing tag.mustache: message" has "tag.mustache: error: template not found: no $tpl/tag.mustache"
check "missing tag.mustache: out/ untouched" same_tree "$tmp/before" "$out"
mv "$tmp/tag.orig" "$tpl/tag.mustache"
site_config "$tmp/notpl.ini" "$c" "$tmp/no-templates" "$out"
run "$GEN" build -c "$tmp/notpl.ini"
check "no templates/: exit 1" test "$rc" -eq 1
check "no templates/: message" has "doc.mustache: error: template not found: no $tmp/no-templates/doc.mustache"
check "no templates/: out/ untouched" same_tree "$tmp/before" "$out"
check "no templates/: nothing left beside out/" alone "$out"

# Content is never read as a template: tags in a document are text.
cat > "$c/tricky.txt" <<'DOC'
一、{{>doc}}{{#site}}x{{/site}}
1.{{=<% %>=}}<%site.title%>{{! c }}{{<base}}{{/base}}。
DOC
run "$GEN" build -c "$tmp/config.ini"
check "template-like content: exit 0 (got $rc)" test "$rc" -eq 0
check "template-like content: shown as written" \
    grep -q '{{&gt;doc}}{{#site}}x{{/site}}' "$out/tricky.html"
check "template-like content: delimiters as written" \
    grep -qF '{{=&lt;% %&gt;=}}&lt;%site.title%&gt;{{!' "$out/tricky.html"
check "template-like content: a parent tag as written" \
    grep -qF '{{&lt;base}}{{/base}}' "$out/tricky.html"
finish
