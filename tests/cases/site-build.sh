#!/usr/bin/env bash
# site-build.sh — the default content builds into a site: the home page
# links a page per document; each page shows every section title and
# every item (with an anchor) of the document's tree; the JSON and the
# source copy are exact; every page is UTF-8 zh-CN; feed and sitemap
# are well-formed XML with absolute URLs.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$GEN" build -o "$tmp/out" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
for f in content/*.txt content/*.md; do
	[ -f "$f" ] || continue
	"$GEN" dump --json "$f" > "$tmp/$(basename "$f").json" 2>/dev/null
done
python3 - "$tmp" <<'PY'
import glob, json, os, re, sys
import xml.etree.ElementTree as ET
tmp = sys.argv[1]
out = os.path.join(tmp, "out")
passed = failed = 0
def check(ok, msg):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL", msg)
def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))
def slug(name):
    s = re.sub(r"[^0-9a-z_\x80-\U0010ffff]+", "-", name.lower())
    return s.strip("-") or "doc"
def walk(body):
    for n in body:
        yield n
        yield from walk(n.get("body", []))
index = open(os.path.join(out, "index.html"), encoding="utf-8").read()
srcs = sorted(glob.glob("content/*.txt") + glob.glob("content/*.md"))
check(len(srcs) > 0, "no content")
for src in srcs:
    base = os.path.splitext(os.path.basename(src))[0]
    s = slug(base)
    page = os.path.join(out, s + ".html")
    check(f'href="{s}.html"' in index, f"index.html links {s}.html")
    check(os.path.isfile(page), f"{page} exists")
    if not os.path.isfile(page):
        continue
    html = open(page, encoding="utf-8").read()
    dump = open(os.path.join(tmp, os.path.basename(src) + ".json"), encoding="utf-8").read()
    published = open(os.path.join(out, s + ".json"), encoding="utf-8").read()
    pub = json.loads(published)
    jcounts = pub.pop("counts", None)
    # and each node's related items (what the site knows: docs/relations.md)
    rel = [n.pop("related") for n in walk(pub["body"]) if "related" in n]
    check(all(r and all(set(x) == {"doc", "title", "year", "place", "anchor"}
          for x in r) for r in rel), f"{s}.json: related items have doc, title, year, place, anchor")
    check(pub == json.loads(dump),
          f"{s}.json is the tree gen dump --json prints for {src}, with its counts and related items")
    check(isinstance(jcounts, dict) and "items" in jcounts, f"{s}.json has counts")
    check(published.count("\n") == 1 and published.endswith("\n"),
          f"{s}.json is one line")
    copies = glob.glob(os.path.join(out, "src", s + ".*"))
    check(any(open(c, "rb").read() == open(src, "rb").read() for c in copies),
          f"src copy of {src}")
    tree = json.loads(dump)
    if tree.get("title"):
        check(f"<h1 class=\"page-title\">{esc(tree['title'])}</h1>" in html,
              f"{s}: title")
    nodes = list(walk(tree["body"]))
    for n in nodes:
        if n["type"] == "section" and n.get("title"):
            check(esc(n["title"]) in html, f"{s}: section {n['title']}")
        if n["type"] == "item" and n.get("title"):
            check(esc(n["title"]) in html, f"{s}: item {n['title'][:30]}")
    nitems = sum(1 for n in nodes if n["type"] == "item")
    shown = len(re.findall(r'class="(?:item(?: bullet)?|enum|row)" id="[^"]+"', html))
    check(shown == nitems, f"{s}: {shown} items with anchors, tree has {nitems}")
    # A ¶ for every item but the inline sub-points (一是…), which have none.
    nblock = len(re.findall(r'class="(?:item(?: bullet)?|row)" id="[^"]+"', html))
    check(html.count("class=\"permalink\"") >= nblock, f"{s}: a permalink per item")
    check(not re.search(r'class="enum"[^>]*>(?:(?!</span></span>).)*class="permalink"', html),
          f"{s}: no permalink in an inline sub-point")
for p in glob.glob(os.path.join(out, "**", "*.html"), recursive=True):
    h = open(p, encoding="utf-8").read()
    check('<html lang="zh-CN">' in h and '<meta charset="utf-8">' in h,
          f"{p}: lang and charset")
    check("//fonts." not in h and "cdn" not in h.lower(), f"{p}: no external requests")
for name in ("feed.xml", "sitemap.xml"):
    root = ET.parse(os.path.join(out, name)).getroot()
    urls = [e.text for e in root.iter() if e.tag.endswith("}loc") or e.tag.endswith("}id")]
    urls += [e.get("href") for e in root.iter() if e.tag.endswith("}link")]
    check(len(urls) > len(srcs), f"{name}: has entries")
    check(all(u and u.startswith(("http://", "https://")) for u in urls),
          f"{name}: absolute URLs")
for f in ("404.html", "search.html", "robots.txt", "assets/style.css",
          "year/index.html", "org/index.html", "kind/index.html", "tag/index.html"):
    check(os.path.isfile(os.path.join(out, f)), f"{f} exists")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
