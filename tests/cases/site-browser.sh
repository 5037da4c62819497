#!/usr/bin/env bash
# slow
# site-browser.sh — the built site in headless Chromium, served over HTTP
# from a sub-path (/site/): the home page shows every document title; a
# click on a title opens the document; item and section anchors land in
# view; a Chinese query typed into the search box finds the document and
# its link opens it; no page has script errors or failed requests; no
# page scrolls sideways on a phone.  Saves screenshots in tests/out/.
# Skipped without chromium; without pagefind only the search checks are
# skipped.
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: skipped"; exit 77; }
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 ||
    { echo "chromium not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! timeout 60 "$GEN" build -o "$tmp/site" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
pf=$TOP/node_modules/.bin/pagefind
search=0
if [ -x "$pf" ]; then
	timeout 60 "$pf" --site "$tmp/site" > "$tmp/pf.log" 2>&1 ||
	    { cat "$tmp/pf.log"; exit 1; }
	search=1
else
	echo "note: pagefind is not installed (make deps): search checks skipped"
fi
mkdir -p "$TOP/tests/out"
TMPDIR=$tmp timeout -k 5 100 python3 - "$tmp" "$TOP/tests/out" "$search" <<'PY'
import glob, json, os, sys
sys.dont_write_bytecode = True     # no __pycache__ in tests/tools
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "tools"))
import browse

tmp, shots, search = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
site = os.path.join(tmp, "site")
DOC = "2015年昌平区卫生计生工作要点"
ITEM = ("s5-2-i57", "发挥计划生育协会的作用")
QUERY = "新农合"
check = browse.Checks()


def js(v):
    return json.dumps(v, ensure_ascii=False)


def sections(body):
    return [n for n in body if n["type"] == "section"]


# The documents: {slug: tree} from the built JSON (site-build.sh checks
# that it is the dump of content/).
docs = {}
for f in sorted(glob.glob(os.path.join(site, "*.json"))):
    tree = json.load(open(f, encoding="utf-8"))
    if isinstance(tree, dict) and "body" in tree:
        docs[os.path.basename(f)[:-5]] = tree
check(len(docs) > 0, "the site has documents")
slug = next((s for s, t in docs.items() if t.get("title") == DOC), None)
check(slug is not None, f"a document is titled {DOC}")
if slug is None:
    check.finish(1)
tree = docs[slug]
try:
    sec21 = sections(sections(tree["body"])[1]["body"])[0]["title"]
except (IndexError, KeyError):
    sec21 = None
check(sec21 is not None, f"{slug} has a section 2.1")

# JavaScript: the element with id I is in view (its top near the top of
# the viewport, or within it when the page cannot scroll further), not
# hidden under anything, and the page did scroll to it.
def in_view(i):
    return f"""(() => {{
        const e = document.getElementById({js(i)});
        if (!e || document.readyState !== "complete") return null;
        const r = e.getBoundingClientRect();
        const end = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
        const near = r.top >= -2 && (r.top < 100 || (end && r.top < innerHeight));
        const hit = document.elementFromPoint(r.left + 4, Math.max(r.top, 0) + 4);
        return near && scrollY > 0 && hit !== null && e.contains(hit) &&
            {{top: Math.round(r.top), scrollY: Math.round(scrollY),
              text: e.textContent.trim().slice(0, 80)}};
    }})()"""

H1 = 'document.querySelector("h1") && document.querySelector("h1").textContent.trim()'
NO_OVERFLOW = ("document.readyState === 'complete' && "
               "[document.documentElement.scrollWidth, innerWidth]")


def shot(page, name):
    path = os.path.join(shots, name)
    n = page.screenshot(path)
    print(f"screenshot {name}: {n} bytes")
    check(n > 5000, f"{name} is a real picture ({n} bytes)")


def no_problems(page, where):
    probs = page.take_problems()
    check(not probs, f"{where}: no script errors or failed requests: {probs}")


def run(browser, root):
    page = browser.page()

    # 1. The home page shows every document title, linked to its page.
    page.viewport(1280, 900)
    if not check(page.goto(root + "index.html"), "home page loads"):
        return
    links = page.eval("""[...document.querySelectorAll("a")]
        .filter(a => a.getClientRects().length > 0)
        .map(a => [a.textContent.trim(), a.href])""")
    text = page.eval("document.body.innerText")
    for s, t in docs.items():
        # no title found: the file name stands for it (gen check's no-title)
        title = t.get("title") or s
        check(title and title in text, f"home shows the title of {s}: {title!r}")
        check([title, root + s + ".html"] in links, f"home links {title!r} to {s}.html")
    no_problems(page, "home")
    height = page.eval("document.documentElement.scrollHeight")
    page.viewport(1280, min(max(height, 900), 4000))
    shot(page, "home.png")
    page.viewport(1280, 900)

    # 2. A click on the title of DOC opens its page.
    page.eval("window.genMark = 1")
    link = f'[...document.querySelectorAll("a")].find(a => a.textContent.trim() === {js(DOC)})'
    check(page.click(link), f"home has a link {DOC}")
    path = "/site/" + slug + ".html"
    arrived = page.wait(f"""location.pathname === {js(path)} &&
        document.readyState === "complete" && window.genMark === undefined""")
    check(arrived, f"the click opens {path} (a new document)")
    check(page.eval(H1) == DOC, f"{path}: h1 is {DOC}")
    check(DOC in page.eval("document.title"), f"{path}: <title> has {DOC}")
    no_problems(page, path)
    page.viewport(1280, 2000)
    shot(page, "document.png")

    # 3. Anchors: a fresh load of doc#s5-2-i57 and doc#s2-1 scrolls the target
    # into view; so does a click in the table of contents.
    page.viewport(1280, 800)
    for anchor, want in (ITEM, ("s2-1", sec21)):
        page.goto(root + "index.html")
        check(page.goto(root + slug + ".html#" + anchor), f"{slug}.html#{anchor} loads")
        got = page.wait(in_view(anchor), 10)
        check(got, f"#{anchor} is scrolled into view: {page.eval(in_view(anchor))}")
        check(got and want and want in got["text"], f"#{anchor} is {want!r}: {got}")
        if anchor == ITEM[0]:
            check(page.eval(f'document.querySelector(":target") === '
                            f'document.getElementById({js(anchor)})'), f"#{anchor} is :target")
            shot(page, "anchor.png")
    page.goto(root + slug + ".html#" + ITEM[0])
    page.wait(in_view(ITEM[0]), 10)
    check(page.click('document.querySelector(".toc a[href=\\"#s2-1\\"]") || '
                     'document.querySelector("a[href=\\"#s2-1\\"]")'),
          "the page links #s2-1 (table of contents)")
    got = page.wait(f'location.hash === "#s2-1" && {in_view("s2-1")}', 10)
    check(got, "a click on the #s2-1 link scrolls the section into view")
    no_problems(page, "anchors")

    # 4. Search: type the query into Pagefind's box, find DOC, open it.
    if search:
        page.viewport(1280, 900)
        check(page.goto(root + "search.html"), "search page loads")
        box = 'document.querySelector("#search input")'
        check(page.wait(f"!!{box}", 10), "the search box appears")
        check(page.click(box), "click into the search box")
        check(page.wait(f"document.activeElement === {box}", 5), "the search box has focus")
        page.type(QUERY)
        results = page.wait("""(() => {
            const m = document.querySelector(".pagefind-ui__message");
            const r = [...document.querySelectorAll(".pagefind-ui__result-link")];
            if (!m || /正在|Searching/.test(m.textContent) || !r.length ||
                document.querySelector(".pagefind-ui__result .pagefind-ui__loading") ||
                r.length < document.querySelectorAll(".pagefind-ui__result").length)
                return null;
            return r.map(a => [a.textContent.trim(), a.getAttribute("href"), a.href]);
        })()""", 15)
        check(results, f"{QUERY} gives results")
        hit = next((r for r in results or [] if r[0] == DOC), None)
        check(hit, f"{QUERY} finds {DOC}: {[r[0] for r in results or []]}")
        check(hit and hit[1].startswith("/site/"), f"the hit is under /site/: {hit}")
        check(hit and hit[2].split("#")[0] == root + slug + ".html",
              f"the hit links {slug}.html: {hit}")
        no_problems(page, "search")
        shot(page, "search.png")
        if hit:
            page.click(f'[...document.querySelectorAll(".pagefind-ui__result-link")]'
                       f'.find(a => a.getAttribute("href") === {js(hit[1])})')
            check(page.wait(f'location.pathname === {js(path)} && '
                            f'document.readyState === "complete" && {H1}') == DOC,
                  f"the hit opens {DOC}")
    else:
        print("note: search checks skipped (no pagefind)")

    # 5. On a phone no page scrolls sideways.
    page.viewport(390, 844, scale=2, mobile=True)
    for name in ["index"] + list(docs):
        page.goto(root + name + ".html")
        w = page.wait(NO_OVERFLOW, 10)
        # A phone zooms out to fit a page that is too wide, so innerWidth
        # grows with the overflow: both must stay at the device width.
        check(w and max(w) <= 390, f"{name}.html fits 390 px: scrollWidth, innerWidth = {w}")
        if name == "index":
            shot(page, "home-phone.png")
        if name == slug:
            shot(page, "doc-phone.png")
    no_problems(page, "phone")


browse.session(tmp, "site/", 20, check, run)
for f in ("index.html", slug + ".html"):
    print(f"page {f}: {os.path.getsize(os.path.join(site, f))} bytes")
check.finish()
PY
