#!/usr/bin/env bash
# slow
# tool-serve.sh — gen serve (issue 19) on a site made by gen init with
# the built-in templates: it serves out/ on 127.0.0.1 (a free port), an
# edited document's page changes (curl), an open page in headless
# Chromium reloads and says so; a failed build shows its message in the
# page while the last good site is still served; fixed, it reloads.
set -eu
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; wait 2> /dev/null; rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
export GEN_DATADIR=$TOP
command -v curl > /dev/null || { echo "FAIL curl is missing"; exit 1; }
"$GEN" init "$tmp/site" 2> /dev/null
cd "$tmp/site"
doc=content/2025-gongzuo-jihua.txt
"$GEN" serve --port 0 > serve.log 2>&1 &
pid=$!
for _ in $(seq 100); do
	grep -q 'serving out at' serve.log && break
	sleep 0.1
done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.log)
check "serving on a port" test -n "$port"
url=http://127.0.0.1:$port
page=$url/2025-gongzuo-jihua.html
check "the page is served" bash -c "curl -sf '$page' | grep -q 压减办理时限"
check "with the reload script" bash -c "curl -sf '$page' | grep -q '/__gen/reload.js'"
check "a folder redirects to its index" bash -c \
    "test \"\$(curl -s -o /dev/null -w '%{http_code}' '$url/year')\" = 301"
check "an unknown page: 404" bash -c \
    "test \"\$(curl -s -o /dev/null -w '%{http_code}' '$url/nosuch.html')\" = 404"
check "no way out of out/" bash -c \
    "! curl -s --path-as-is '$url/../config.ini' | grep -q base_url"
v1=$(curl -sf "$url/__gen/version")

sed -i 's/压减办理时限。/压减办理时限至5个工作日。/' "$doc"
changed() { for _ in $(seq 100); do curl -sf "$page" | grep -q "$1" && return 0; sleep 0.1; done; return 1; }
check "an edit: the page changes (curl)" changed 5个工作日
check "an edit: the version moves" bash -c "test \"\$(curl -sf '$url/__gen/version')\" != '$v1'"

# Chromium: an open page reloads after an edit and says so; a broken
# document shows the message while the last good page stays.
if command -v chromium > /dev/null; then
	TMPDIR=$tmp timeout -k 5 120 python3 - "$page" "$doc" <<'PY' > chrome.log 2>&1 || true
import os, sys, time
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "tools"))
import browse
page, doc = sys.argv[1], sys.argv[2]
b = browse.Browser(browse.find_chromium() or "chromium")
try:
    p = b.page()
    print("loaded", p.goto(page))
    p.eval("window.genMark = 1")
    time.sleep(1.0)
    text = open(doc, encoding="utf-8").read()
    open(doc, "w", encoding="utf-8").write(text.replace("全年不少于4次", "全年不少于6次"))
    print("reloaded", bool(p.wait("!window.genMark && document.body.innerText.includes('全年不少于6次')", 20)))
    print("message", p.wait("(e => e && e.textContent)(document.getElementById('gen-reloaded'))", 10))
    open("content/broken.txt", "w", encoding="utf-8").write("---\ntitle: 坏\n")
    print("error", (p.wait("(e => e && e.textContent)(document.getElementById('gen-error'))", 20) or "").replace("\n", " "))
    print("kept", "全年不少于6次" in p.eval("document.body.innerText"))
    os.remove("content/broken.txt")
    p.eval("window.genMark = 2")
    print("fixed", bool(p.wait("!window.genMark && !document.getElementById('gen-error')", 20)))
finally:
    b.close()
PY
	check "chromium: the page loaded" grep -qx 'loaded True' chrome.log
	check "chromium: reloaded after the edit" grep -qx 'reloaded True' chrome.log
	check "chromium: the reload message" grep -q '^message .*已重新生成并刷新本页' chrome.log
	check "chromium: a failed build's message shown" grep -q '^error .*front matter is not closed' chrome.log
	check "chromium: the last good page stays" grep -qx 'kept True' chrome.log
	check "chromium: fixed, reloaded without the message" grep -qx 'fixed True' chrome.log
else
	echo "FAIL chromium is missing (make deps)"
	failed=$((failed + 1))
fi
kill "$pid"; wait "$pid" 2> /dev/null || true; pid=
check "stops on SIGTERM" grep -q 'stopped serving' serve.log
[ "$failed" -eq 0 ] || { cat serve.log; cat chrome.log 2> /dev/null; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
