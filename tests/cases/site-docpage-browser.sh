#!/usr/bin/env bash
# slow
# site-docpage-browser.sh — a document's page in headless Chromium, served
# over HTTP: the action bar's 字号 大/中/小 changes the text's size, is
# remembered across a reload and set before the first paint (no layout
# shift); without JavaScript the controls that need it are not shown;
# printing shows no chart, menu, search box or action bar and ends
# without a blank page; a source-line link lands on its line of the
# source page; neither page scrolls sideways on a phone.  Saves
# screenshots in tests/out/ (docpage*.png, srcpage*.png).
set -eu
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing: skipped"; exit 77; }
command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1 ||
    { echo "chromium not installed: skipped"; exit 77; }
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext (poppler-utils) is missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TMPDIR=$tmp timeout -k 5 180 python3 - "$tmp" <<'PY'
import base64, json, os, re, subprocess, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "tools"))
import browse

case = browse.Case("--no-search")
tmp, check, shot = case.tmp, case.check, case.shot
SLUG = "2015-changping-weisheng-jisheng-gongzuo-yaodian"


def display(sel):
    return f"""[...document.querySelectorAll({json.dumps(sel)})]
        .map(e => getComputedStyle(e).display)"""


FS = 'parseFloat(getComputedStyle(document.querySelector(".doc-body p")).fontSize)'


def run(browser, root):
    page = browser.page()
    url = root + SLUG + ".html"
    page.viewport(1280, 900)
    check(page.goto(url), "the document page loads")
    # 1. The action bar, shown with JavaScript.
    d = page.eval(display("#act-print") + '.concat(' + display(".act-fs") + ')')
    check(d and len(d) == 2 and "none" not in d, f"打印 and 字号 are shown with JavaScript ({d})")
    check(page.eval('document.querySelector(".act-fs [aria-pressed=true]").textContent') == "中",
          "中 is pressed at first")
    base = page.eval(FS)
    check(page.click('document.querySelector(".act-fs [data-fs=l]")'), "大 can be clicked")
    big = page.wait(f'{FS} > {base} && {FS}', 5)
    check(big and big > base, f"大 makes the text larger ({base} → {big})")
    check(page.eval('localStorage.getItem("gen-fs")') == "l", "大 is remembered")
    check(page.eval('document.querySelector(".act-fs [aria-pressed=true]").textContent') == "大",
          "大 is marked pressed")
    # 2. Reloaded: the size is set before the first paint, nothing moves.
    page.eval("""window.genShift = 0""")
    page.call("Page.reload")
    check(page.wait("document.readyState === 'complete' && !window.genShift_probe", 10) is not None, "reloaded")
    page.wait("document.readyState === 'complete'", 10)
    after = page.eval(FS)
    check(after == big, f"the size is kept after a reload ({after}, was {big})")
    shift = page.eval("""new Promise(r => {
        let s = 0;
        new PerformanceObserver(l => { for (const e of l.getEntries()) s += e.value; })
            .observe({type: "layout-shift", buffered: true});
        setTimeout(() => r(s), 500);
    })""")
    check(shift is not None and shift < 0.01, f"no layout shift on load with 大 kept (CLS {shift})")
    check(page.click('document.querySelector(".act-fs [data-fs=s]")'), "小 can be clicked")
    small = page.wait(f'{FS} < {base} && {FS}', 5)
    check(small and small < base, f"小 makes the text smaller ({small} < {base})")
    page.click('document.querySelector(".act-fs [data-fs=m]")')
    check(page.wait(f'{FS} === {base}', 5), "中 gives the size back")
    shot(page, "docpage.png")
    # 3. Printing: no chart, menu, search, action bar or related boxes.
    page.call("Emulation.setEmulatedMedia", {"media": "print"})
    for sel in (".chart", ".site-nav", ".site-search", ".doc-actions", ".doc-data", ".toc", ".pager", ".srcline"):
        d = page.eval(display(sel))
        check(d and all(x == "none" for x in d), f"print: {sel} not shown ({d})")
    check(page.eval(display(".doc-info")) == ["grid"], "print: the metadata table is kept")
    page.call("Emulation.setEmulatedMedia", {"media": ""})
    pdf = page.call("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True}, timeout=60)
    path = os.path.join(tmp, "doc.pdf")
    with open(path, "wb") as f:
        f.write(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    m = re.search(r"Pages:\s+(\d+)", info)
    pages = int(m.group(1)) if m else 0
    check(pages > 1, f"the printed document has pages ({pages})")
    for p in range(1, pages + 1):
        t = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), path, "-"],
                           capture_output=True, text=True).stdout
        check(len(t.strip()) > 20, f"printed page {p} of {pages} is not blank ({len(t.strip())} characters)")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", path, "-"], capture_output=True, text=True).stdout
    check("各部分事项数" not in first and "站内搜索" not in first, "the chart and the search box are not printed")
    # 4. Without JavaScript: the controls that need it are not shown.
    page.call("Emulation.setScriptExecutionDisabled", {"value": True})
    page.call("Page.reload")
    page.wait("document.readyState === 'complete'", 10)
    check(page.eval(display("#act-print")) == ["none"], "no JavaScript: 打印 not shown")
    check(page.eval(display(".act-fs")) == ["none"], "no JavaScript: 字号 not shown")
    page.call("Emulation.setScriptExecutionDisabled", {"value": False})
    # 5. A source-line link lands on its line.
    page.goto(url)
    href = page.eval('document.querySelector("#s5-2-i57 .srcline").href')
    check(href and "#L" in href, f"item 57 links its source line: {href}")
    if href:
        page.goto(href.split("#")[0])
        page.call("Page.navigate", {"url": href})
        line = page.wait(f"""location.hash === {json.dumps('#' + href.split('#')[1])} &&
            document.querySelector(":target") && document.querySelector(":target").textContent""", 10)
        check(line and "57" in line and "计划生育协会" in line, f"the source line is item 57: {line!r}")
        shot(page, "srcpage.png")
    # 6. Phones: nothing scrolls sideways.
    page.viewport(390, 844, 3, True)
    for name in (SLUG + ".html", "src/" + SLUG + ".html"):
        page.goto(root + name)
        w = page.wait("document.readyState === 'complete' && [document.documentElement.scrollWidth, innerWidth]", 10)
        check(w and max(w) <= 390, f"{name} fits 390 px: {w}")
        shot(page, "docpage-phone.png" if "src/" not in name else "srcpage-phone.png")
    probs = page.take_problems()
    check(not probs, f"no script errors or failed requests: {probs}")


case.run(run)
PY
