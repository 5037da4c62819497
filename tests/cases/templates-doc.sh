#!/usr/bin/env bash
# templates-doc.sh — docs/templates.md documents every template and
# the data it reads: each template of templates/ and templates/print/
# is named in a heading of its part of the page ("The site's pages",
# "Print editions"), and every part of every name a template reads
# (doc.counts.text: doc, counts, text), as gen's compiler lists them
# ($B/tests/tplnames), is in a code span of its part or of the parts
# for both ("One naming scheme", "Every page").  Then the check itself
# must fail on a copy of the templates that reads an undocumented name.
set -eu
: "${B:=build}"
. "$TOP/tests/cases/check.inc"
case $B in
/*) tool=$B/tests/tplnames ;;
*) tool=$TOP/$B/tests/tplnames ;;
esac
if [ ! -x "$tool" ]; then
	echo "no $tool: build it with make $B/tests/tplnames" >&2
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "skip: python3 is not installed"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# names DIR OUT: the names of DIR's templates into OUT.
names() {
	(cd "$1" && "$tool" . $(ls *.mustache |
	    sed 's/\.mustache$//')) > "$2"
}

# doc_check WEB PRINT: 0 when docs/templates.md covers both lists.
doc_check() {
	python3 - "$TOP/docs/templates.md" "$1" "$2" <<'PY'
import re, sys

doc, web, prt = sys.argv[1:4]
text = open(doc, encoding="utf-8").read()
parts, cur = {}, None
for line in text.splitlines():
    m = re.match(r"## (.*)", line)
    if m:
        h = m.group(1)
        cur = ("web" if h.startswith("The site's pages") else
               "print" if h.startswith("Print editions") else
               "common" if h in ("One naming scheme", "Every page") else
               None)
    if cur:
        parts.setdefault(cur, []).append(line)

def tokens(lines):
    out = set()
    for span in re.findall(r"`([^`]*)`", "\n".join(lines)):
        out.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", span))
    return out

def headings(lines):
    return set(re.findall(r"^### .*?`?([a-z0-9_-]+\.mustache)",
                          "\n".join(lines), re.M) +
               re.findall(r"^### .*", "\n".join(lines), re.M))

common = tokens(parts.get("common", []))
bad = 0
for part, path in (("web", web), ("print", prt)):
    lines = parts.get(part, [])
    known = common | tokens(lines)
    heads = "\n".join(l for l in lines if l.startswith("### "))
    files = set()
    for row in open(path, encoding="utf-8"):
        where, kind, name = row.rstrip("\n").split("\t")
        files.add(where.split(":")[0])
        if kind in ("partial", "parent"):
            continue
        for word in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", name):
            if word not in known:
                print("%s: %s: %s reads %s: not in docs/templates.md "
                      "(%s)" % (part, where, kind, name, word))
                bad += 1
    for f in sorted(files):
        if not re.search(r"(^|[ ,])%s\b" % re.escape(f), heads, re.M):
            print("%s: %s has no heading in docs/templates.md" % (part, f))
            bad += 1
sys.exit(1 if bad else 0)
PY
}

names "$TOP/templates" "$tmp/web"
names "$TOP/templates/print" "$tmp/print"
check "templates listed" test -s "$tmp/web" -a -s "$tmp/print"
check "every web template read" test "$(cut -f1 "$tmp/web" | cut -d: -f1 |
    sort -u | wc -l)" -eq "$(ls "$TOP"/templates/*.mustache | wc -l)"
check "docs/templates.md covers every template and name" \
    doc_check "$tmp/web" "$tmp/print"
# The print templates use the web's names: none of the old ones.
check "print data named as the web's" bash -c "! grep -Eq \
    '	(site_title|lang|n_[a-z]+)\$' '$tmp/print'"

# The check can fail: an undocumented name, and an undocumented file.
cp -r "$TOP/templates/print" "$tmp/p2"
printf '{{doc.nosuchname}}\n' >> "$tmp/p2/doc.mustache"
names "$tmp/p2" "$tmp/print2"
doc_check "$tmp/web" "$tmp/print2" > "$tmp/out2" && st=0 || st=1
check "an undocumented name fails" test "$st" = 1
check "it is named" grep -q 'doc.mustache:[0-9]*: var reads doc.nosuchname: not in docs/templates.md (nosuchname)' "$tmp/out2"
cp -r "$TOP/templates/print" "$tmp/p3"
printf '{{site.title}}\n' > "$tmp/p3/extra.mustache"
names "$tmp/p3" "$tmp/print3"
doc_check "$tmp/web" "$tmp/print3" > "$tmp/out3" && st=0 || st=1
check "an undocumented template fails" test "$st" = 1
check "it is named" grep -q 'extra.mustache has no heading' "$tmp/out3"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
