#!/usr/bin/env bash
# slow
# site-figures-browser.sh — a document's 关键指标 table (figures.mustache)
# in headless Chromium at 1280 px and on a 390 px phone: the table is
# there after the text with one row a figure of the document's JSON, its
# place links land on the item they name, its CSV link is in the
# 数据下载 box and serves the BOM-prefixed CSV, every unit is shown (on
# a phone under its value, the 单位 column hidden), and neither width
# makes the page scroll sideways (a wide table scrolls inside its box).
# Saves screenshots in tests/out/ (figures-1280.png, figures-390.png).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: skipped"; exit 77; }
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 ||
    { echo "chromium not installed: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp timeout -k 5 180 python3 - "$tmp" <<'PY'
import json, os, re, sys, urllib.request
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "tools"))
import browse

case = browse.Case("--no-search")
site, check = case.site, case.check
SLUG = "2015-changping-weisheng-jisheng-gongzuo-yaodian"


def nfigs(node):
    n = len(node.get("figures", []))
    for c in node.get("body", []) or []:
        n += nfigs(c)
    return n


want = nfigs(json.load(open(os.path.join(site, SLUG + ".json"), encoding="utf-8")))
check(want > 20, f"the JSON has the document's figures: {want}")


def run(browser, root):
    page = browser.page()
    url = root + SLUG + ".html"
    for width, height, scale, mobile, name in (
            (1280, 900, 1, False, "figures-1280.png"),
            (390, 844, 3, True, "figures-390.png")):
        page.viewport(width, height, scale, mobile)
        page.goto(url)
        page.wait("document.readyState === 'complete'", 10)
        rows = page.eval("document.querySelectorAll('#figures tbody tr').length")
        check(rows == want, f"{width}px: {rows} rows for {want} figures")
        after = page.eval("""(() => { const b = document.querySelector('.doc-body'),
            f = document.querySelector('#figures');
            return !!(b && f && (b.compareDocumentPosition(f) & 4)); })()""")
        check(after, f"{width}px: the table comes after the text")
        w = page.eval("[document.documentElement.scrollWidth, innerWidth]")
        check(w and w[0] <= w[1], f"{width}px: the page does not scroll sideways: {w}")
        cell = page.eval("""(() => { const r = document.querySelector('#figures tbody tr');
            return r ? [...r.cells].map(c => c.textContent) : null; })()""")
        check(cell and cell[1] and cell[2] in cell[1], f"{width}px: a row reads value and unit: {cell}")
        # Every unit is on screen at both widths: its column, or on a
        # phone (where the column is hidden) the line under the value.
        hidden = page.eval("""[...document.querySelectorAll('#figures tbody tr')]
            .filter(r => r.cells[2].textContent &&
                !r.cells[2].getClientRects().length &&
                ![...r.querySelectorAll('.fig-unit')].some(e =>
                    e.getClientRects().length && e.textContent.includes(r.cells[2].textContent)))
            .map(r => r.cells[0].textContent)""")
        check(hidden == [], f"{width}px: every unit is shown: hidden for {(hidden or [])[:3]}")
        places = page.eval("[...document.querySelectorAll('#figures tbody td:nth-child(4)')].map(c => c.textContent)")
        bad = [p for p in places or [] if not re.fullmatch(r"[一二三四五六七八九十（）0-9.、]+", p)]
        check(places and not bad, f"{width}px: every place is a numbering label: {bad[:3]}")
        page.eval("document.querySelector('#figures').scrollIntoView()")
        browse.time.sleep(0.3)
        case.shot(page, name)
    # A place link lands on its item.
    href = page.eval("(document.querySelector('#figures tbody a') || {}).href")
    check(href and "#" in href, f"a place link: {href}")
    if href:
        page.goto(href)
        t = page.wait("""document.querySelector(':target') &&
            document.querySelector(':target').textContent""", 10)
        first = page.eval("document.querySelector('#figures tbody tr td').textContent")
        check(t and first and first[:4] in t, f"the link lands on the item of {first!r}: {t and t[:60]!r}")
    csv = page.eval("""[...document.querySelectorAll('#doc-data a')]
        .map(a => a.getAttribute('href')).find(h => h.endsWith('.figures.csv'))""")
    check(csv == SLUG + ".figures.csv", f"the 数据下载 box links the CSV: {csv}")
    data = urllib.request.urlopen(root + SLUG + ".figures.csv").read()
    check(data.startswith(b"\xef\xbb\xbf\xe6\x8c\x87\xe6\xa0\x87,"), f"the CSV starts with a BOM and 指标: {data[:12]!r}")
    lines = data.count(b"\r\n")
    check(lines == want + 1, f"the CSV has a header and {want} rows: {lines} lines")
    probs = page.take_problems()
    check(not probs, f"no console errors: {probs}")


case.run(run)
PY
