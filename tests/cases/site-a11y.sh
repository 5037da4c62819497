#!/usr/bin/env bash
# slow
# site-a11y.sh — accessibility of the built site (issue 17): axe-core
# (node_modules/axe-core, pinned in package-lock.json) runs the rules
# tagged wcag2a, wcag2aa and wcag21aa on every page type (home, each
# document, the year, organisation, kind and tag indexes and one page of
# each, the search page with a query and its results, 404, source pages
# when the site has them) at 1280 px and at 390 px (a phone), in
# headless Chromium over HTTP from a sub-path.  Every page must have no
# violation; the "incomplete" results (what axe could not decide, e.g.
# contrast over a background it cannot read) are listed in the output
# and saved to tests/out/a11y-incomplete.json.  The same run on a copy
# of a document page with an <img> without alt and grey-on-white text
# injected must report both, so a broken harness cannot pass.  It then
# types a query into the header search box of a document page, submits
# it, and follows a sub-result to the section it names: the page opens
# at that heading, whose section holds the query.  On a phone it checks
# that no ¶ shows (touch screen), that a small table stays a table
# that scrolls, that a wide one (class cards) is cards and that the fields of a table card are labelled with
# their column names.  Screenshots go to tests/out/ (SHOTS overrides).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: skipped"; exit 77; }
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 ||
    { echo "chromium not installed (make deps): skipped"; exit 77; }
axe=$TOP/node_modules/axe-core/axe.min.js
[ -f "$axe" ] || { echo "axe-core is not installed (make deps): skipped"; exit 77; }
pf=$TOP/node_modules/.bin/pagefind
[ -x "$pf" ] || { echo "pagefind is not installed (make deps): skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! timeout 60 "$GEN" build -o "$tmp/site" > "$tmp/log" 2>&1; then
	cat "$tmp/log"
	exit 1
fi
timeout 60 "$pf" --site "$tmp/site" > "$tmp/pf.log" 2>&1 ||
    { cat "$tmp/pf.log"; exit 1; }
out=$TOP/tests/out
shots=${SHOTS:-$out}
mkdir -p "$out" "$shots"
TMPDIR=$tmp timeout -k 5 400 python3 - "$tmp" "$axe" "$out" "$shots" <<'PY'
import glob, json, os, re, sys
from urllib.parse import quote
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "tools"))
import browse

tmp, axe_path, out, shots = sys.argv[1:5]
site = os.path.join(tmp, "site")
TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
QUERY = "新农合"            # in one section of the 2015 plan
WIDTHS = ((1280, 900, False), (390, 844, True))
check = browse.Checks()


def js(v):
    return json.dumps(v, ensure_ascii=False)


def rel(p):
    return os.path.relpath(p, site)


def first(pattern):
    got = sorted(p for p in glob.glob(os.path.join(site, pattern))
                 if not p.endswith("/index.html"))
    return rel(got[0]) if got else None


# The pages: one of each type, every document page (each has its own
# structure: sections, lists, tables), source pages when there are some.
docs = sorted(rel(p) for p in glob.glob(os.path.join(site, "*.html"))
              if os.path.basename(p) not in ("index.html", "404.html", "search.html"))
check(len(docs) >= 2, f"the site has document pages: {docs}")
pages = ["index.html"] + docs
for d in ("year", "org", "kind", "tag"):
    pages.append(d + "/index.html")
    one = first(d + "/*.html")
    check(one is not None, f"{d}/ has a page")
    if one:
        pages.append(one)
pages += [p for p in (first("src/*.html"),) if p]
pages += ["404.html", "search.html?q=" + quote(QUERY)]

# A copy of a document page with two violations injected.
with open(os.path.join(site, docs[0]), encoding="utf-8") as f:
    html = f.read()
bad = html.replace("</main>", '<p style="color:#c8c8c8">浅灰色的文字</p>'
                   '<img src="assets/favicon.svg" width="32" height="32"></main>', 1)
check(bad != html, "the injection point exists")
with open(os.path.join(site, "bad.html"), "w", encoding="utf-8") as f:
    f.write(bad)

# The 404 page's links are absolute, under the path of the site's URL.
m = re.search(r'href="/([^"]*)assets/style.css"', open(os.path.join(site, "404.html"), encoding="utf-8").read())
SUB = m.group(1) if m else ""
if SUB:
    os.makedirs(os.path.join(tmp, os.path.dirname(SUB.rstrip("/")) or "."), exist_ok=True)
    os.symlink(site, os.path.join(tmp, SUB.rstrip("/")))

AXE = open(axe_path, encoding="utf-8").read()
RUN = """axe.run(document, {runOnly: {type: "tag", values: %s},
    resultTypes: ["violations", "incomplete"]}).then(r => ({
    violations: r.violations.map(v => ({id: v.id, impact: v.impact,
        help: v.help, nodes: v.nodes.slice(0, 5).map(n =>
            [n.target.join(" "), (n.failureSummary || "").slice(0, 300)])})),
    incomplete: r.incomplete.map(v => ({id: v.id, help: v.help,
        nodes: v.nodes.map(n => [n.target.join(" "),
            ((n.any[0] || n.all[0] || n.none[0] || {}).message || "").slice(0, 200)])}))
}))""" % js(TAGS)

# Search results: every result loaded, as [text, href] of every link.
RESULTS = """(() => {
    const m = document.querySelector(".pagefind-ui__message");
    const r = [...document.querySelectorAll(".pagefind-ui__result-link")];
    if (!m || /正在|Searching/.test(m.textContent) || !r.length ||
        document.querySelector(".pagefind-ui__result .pagefind-ui__loading"))
        return null;
    return r.map(a => [a.textContent.trim(), a.getAttribute("href")]);
})()"""


def axe(page, where):
    if not page.eval("typeof axe !== 'undefined'"):
        page.eval(AXE + ";0")
    return page.eval(RUN, timeout=120)


def load(page, root, p):
    url = root + quote(p, safe="/?=%")
    if p == "404.html" and SUB:
        # Served for any missing path, it links by absolute paths from
        # the site's URL (config.ini): load it where those point.
        url = root.replace("/site/", "/" + SUB) + p
    if not page.goto(url, 20):
        return False
    if p.startswith("search.html"):
        return bool(page.wait(RESULTS, 20))
    return True


incomplete = {}
# The menu entry each index page is (aria-current="page").
NAV = {"index.html": "首页", "year/index.html": "年份", "org/index.html": "机构",
       "kind/index.html": "类别", "tag/index.html": "标注", "search.html": "搜索"}


def run(browser, root):
    page = browser.page()

    # 1. The harness finds violations where there are some.
    page.viewport(1280, 900)
    check(page.goto(root + "bad.html"), "bad.html loads")
    r = axe(page, "bad.html")
    ids = {v["id"] for v in r["violations"]}
    check("image-alt" in ids, f"the injected <img> without alt is reported: {sorted(ids)}")
    check("color-contrast" in ids, f"the injected grey text is reported: {sorted(ids)}")

    # 2. No violation on any page, at either width.
    for w, h, mobile in WIDTHS:
        page.viewport(w, h, scale=2 if mobile else 1, mobile=mobile)
        for p in pages:
            where = f"{p} at {w} px"
            if not check(load(page, root, p), f"{where} loads"):
                continue
            r = axe(page, where)
            check(not r["violations"], f"{where}: no violations: " +
                  json.dumps(r["violations"], ensure_ascii=False, indent=1))
            for v in r["incomplete"]:
                e = incomplete.setdefault(v["id"], {"help": v["help"], "pages": {}})
                e["pages"].setdefault(p, set()).update(n[0] for n in v["nodes"])
                e.setdefault("example", v["nodes"][0] if v["nodes"] else None)
            cur = NAV.get(p.split("?")[0])
            if cur and not mobile:
                got = page.eval('[...document.querySelectorAll(".site-nav [aria-current=page]")]'
                                '.map(a => a.textContent.trim())')
                check(got == [cur], f"{p}: the menu marks {cur} with aria-current: {got}")
            no = page.take_problems()
            check(not no, f"{where}: no script errors or failed requests: {no}")

    # 3. The header search box: type, submit, follow a sub-result to the
    # section, which must be in view and hold the query.
    page.viewport(1280, 900)
    start = docs[0]
    check(page.goto(root + start), f"{start} loads")
    box = 'document.getElementById("site-q")'
    check(page.eval(f'!!{box} && !!document.querySelector("label[for=site-q]")'),
          "the header has a labelled search box")
    check(page.click(box), "click into the header search box")
    check(page.wait(f"document.activeElement === {box}", 5), "the header box has focus")
    page.type(QUERY)
    check(page.click('document.querySelector(".site-search button")'), "press 搜索")
    want = "/site/search.html?q=" + QUERY
    check(page.wait(f"decodeURIComponent(location.pathname + location.search) === {js(want)}", 10),
          f"the form opens {want}")
    results = page.wait(RESULTS, 20)
    check(results, f"{QUERY} gives results")
    check(page.eval(f"{box}.value") == QUERY, "the header box shows the query")
    check(page.eval('document.getElementById("search-q") && '
                    'document.getElementById("search-q").value') == QUERY,
          "the search field shows the query and has the visible label's id")
    check(page.eval('!!document.querySelector(".pagefind-ui__filter-panel, '
                    '.pagefind-ui__filter-block")'), "the search page shows filters")
    filters = page.eval('[...document.querySelectorAll(".pagefind-ui__filter-name, '
                        'summary")].map(e => e.textContent.trim()).join(" ")') or ""
    for f in ("年份", "机构", "类别"):
        check(f in filters, f"the filter {f} is shown: {filters!r}")
    page.viewport(1280, 1600)
    shot(page, "search.png")
    page.viewport(1280, 900)
    sub = next((r for r in results or [] if "#" in (r[1] or "")), None)
    check(sub, f"a result links to a section: {results}")
    if sub:
        anchor = sub[1].split("#", 1)[1]
        check(page.click(f'[...document.querySelectorAll(".pagefind-ui__result-link")]'
                         f'.find(a => a.getAttribute("href") === {js(sub[1])})'),
              f"click the result {sub}")
        landed = page.wait(f"""(() => {{
            const e = document.getElementById({js(anchor)});
            if (!e || location.hash !== {js("#" + anchor)} ||
                document.readyState !== "complete") return null;
            const r = e.getBoundingClientRect();
            return {{tag: e.tagName, top: Math.round(r.top), in: r.top >= -2 && r.top < innerHeight,
                     section: (e.closest("section") || e).textContent}};
        }})()""", 15)
        check(landed and landed["in"], f"the result opens #{anchor} in view: "
              f"{landed and {k: v for k, v in landed.items() if k != 'section'}}")
        check(landed and re.fullmatch(r"H[2-6]", landed["tag"]), f"#{anchor} is a heading")
        check(landed and QUERY in landed["section"], f"the section #{anchor} holds {QUERY}")
        shot(page, "search-landed.png")

    # 4. Phones: no ¶ on a touch screen, small tables scroll, card fields
    # are labelled with their column names.
    page.viewport(390, 844, scale=2, mobile=True)
    page.call("Emulation.setEmulatedMedia", {"features": [
        {"name": "hover", "value": "none"}, {"name": "pointer", "value": "coarse"}]})
    seen_cards = seen_small = 0
    for d in docs:
        page.goto(root + d)
        shown = page.eval("""[...document.querySelectorAll(".permalink")]
            .filter(a => getComputedStyle(a).display !== "none").length""")
        check(shown == 0, f"{d}: no ¶ shows on a touch screen ({shown})")
        tables = page.eval("""[...document.querySelectorAll("table.report")].map(t => {
            const heads = [...t.querySelectorAll("thead th")].map(e => e.textContent.trim());
            const td = t.querySelector("tbody td[data-label]");
            return {cols: t.querySelector("thead tr").children.length,
                cards: t.classList.contains("cards"),
                display: getComputedStyle(t).display, heads: heads,
                wrap: getComputedStyle(t.parentElement).overflowX,
                label: td && getComputedStyle(td, "::before").content,
                want: td && td.dataset.label};
        })""") or []
        for t in tables:
            seen_cards += t["cards"]
            seen_small += not t["cards"]
            if not t["cards"]:
                check(t["display"] == "table" and t["wrap"] == "auto",
                      f"{d}: a small table stays a table that scrolls: {t}")
            else:
                check(t["display"] == "block", f"{d}: a wide table is cards: {t}")
                check(t["want"] in t["heads"] and t["label"] == js(t["want"]),
                      f"{d}: a card field is labelled with its column name: {t}")
    page.call("Emulation.setEmulatedMedia", {"features": []})
    check(seen_cards and seen_small, f"the site has a small table and a wide one "
          f"({seen_small}, {seen_cards})")


def shot(page, name):
    n = page.screenshot(os.path.join(shots, name))
    check(n > 5000, f"{name} is a real picture ({n} bytes)")


def pictures(browser, root):
    page = browser.page()
    tag = first("tag/*.html")
    doc = next((d for d in docs if d.startswith("2015")), docs[0])
    for w, h, mobile, suffix in ((1280, 900, False, ""), (390, 844, True, "-phone")):
        page.viewport(w, h, scale=2 if mobile else 1, mobile=mobile)
        for name, p in (("home", "index.html"), ("doc", doc), ("tag", tag),
                        ("search-q", "search.html?q=" + quote(QUERY))):
            load(page, root, p)
            page.eval("scrollTo(0, 0)")
            shot(page, f"a11y-{name}{suffix}.png")


browse.session(tmp, "site/", 30, check, run, pictures)

# The incomplete results: what axe could not decide, by rule.
report = {k: {"help": v["help"], "example": v["example"],
              "pages": {p: sorted(n) for p, n in sorted(v["pages"].items())}}
          for k, v in sorted(incomplete.items())}
with open(os.path.join(out, "a11y-incomplete.json"), "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False, indent=1)
print(f"note: axe-core {re.search(r'axe v([0-9.]+)', AXE).group(1)}, rules {', '.join(TAGS)}, "
      f"{len(pages)} pages at {len(WIDTHS)} widths")
for k, v in report.items():
    n = sum(len(x) for x in v["pages"].values())
    print(f"note: incomplete {k} ({v['help']}): {n} nodes on {len(v['pages'])} pages, "
          f"e.g. {v['example']}")
check.finish()
PY
