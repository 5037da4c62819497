#!/usr/bin/env python3
"""browse.py DIR PATH EXPR [SECONDS] — load a page of a site in Chromium.

Serves DIR over HTTP on 127.0.0.1 (a free port), opens PATH in headless
Chromium driven through the DevTools protocol on a pipe (no packages
needed), and evaluates the JavaScript EXPR every 0.25 s until it gives
a truthy value or SECONDS (default 20) pass.  Prints the last value as
JSON; exits 0 when it was truthy, 1 when not, 77 when Chromium is
missing.  CHROMIUM names the browser (default: chromium).

As a module (tests/cases/site-*browser.sh): Case() builds the site of a
page case and keeps its checks; serve(DIR) starts the server,
Browser(exe) starts Chromium, Browser.page() opens a tab whose methods
navigate, wait for a condition, click, type and take screenshots.  Every
wait is bounded; Browser.close() ends Chromium and its children (they
also die with this process) and removes the profile folder.
"""
import base64
import ctypes
import functools
import http.server
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

# Flags for a machine without network: no background fetches, no
# first-run work, no GPU; each run gets a fresh profile.
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--no-default-browser-check --disable-background-networking "
         "--disable-component-update --disable-sync --disable-extensions "
         "--disable-default-apps --disable-dev-shm-usage --mute-audio "
         "--hide-scrollbars --disable-breakpad --disable-crash-reporter "
         "--remote-debugging-pipe")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass    # the browser closed a connection early: no matter


# Serves folder TOP on 127.0.0.1 (a free port) from a thread; returns the
# server (stop it with shutdown()) and its base URL ending in "/".
def serve(top):
    handler = functools.partial(Quiet, directory=top)
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class ProtocolError(RuntimeError):
    pass


# In the child before exec: die with the parent (Linux), so that no
# Chromium outlives a killed test.
def _die_with_parent():
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class Browser:
    # Starts Chromium EXE headless with a fresh profile, talking DevTools
    # on fds 3 (commands) and 4 (replies); each call waits at most TIMEOUT
    # seconds for its reply.
    def __init__(self, exe, timeout=30.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="gen-browse-")
        r3, self.w = os.pipe()      # commands: Chromium reads fd 3
        self.r, w4 = os.pipe()      # replies: Chromium writes fd 4
        cmd = (f'exec "$0" {FLAGS} --user-data-dir="$1" about:blank '
               f'3<&{r3} 4>&{w4}')
        self.proc = subprocess.Popen(
            ["sh", "-c", cmd, exe, self.profile], pass_fds=(r3, w4),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=_die_with_parent)
        os.close(r3)
        os.close(w4)
        self.buf = b""
        self.next_id = 0
        self.events = []            # messages without an id, in order

    def _read_message(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise ProtocolError("Chromium did not answer in time")
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise ProtocolError("Chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    # Sends METHOD with PARAMS (to SESSION, a tab, when given) and returns
    # its result; raises ProtocolError on an error reply or a timeout.
    def call(self, method, params=None, session=None, timeout=None):
        self.next_id += 1
        want = self.next_id
        msg = {"id": want, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + (timeout or self.timeout)
        while True:
            reply = self._read_message(deadline)
            if "id" not in reply:
                self.events.append(reply)
                if len(self.events) > 5000:
                    del self.events[:1000]
            elif reply["id"] == want:
                if "error" in reply:
                    raise ProtocolError(f"{method}: {reply['error']}")
                return reply["result"]

    # Opens a new tab on about:blank and returns its Page.
    def page(self):
        target = self.call("Target.createTarget", {"url": "about:blank"})
        session = self.call("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        return Page(self, session)

    # Ends Chromium (politely, then by killing its process group) and
    # removes the profile folder.
    def close(self):
        try:
            self.call("Browser.close", timeout=5)
        except (ProtocolError, OSError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for fd in (self.r, self.w):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


class Page:
    """One tab.  Script errors and failed requests are collected (problems)."""

    def __init__(self, browser, session):
        self.b = browser
        self.session = session
        self.seen = 0               # events of the browser already sorted
        self.problems = []
        self.last_error = None      # of the last failed evaluation in wait()
        for domain in ("Page", "Runtime", "Network"):
            self.call(f"{domain}.enable")

    def call(self, method, params=None, timeout=None):
        return self.b.call(method, params, self.session, timeout)

    # Sorts the events received so far: exceptions, console errors and
    # HTTP errors of this tab go to self.problems.
    def _collect(self):
        events = self.b.events
        for ev in events[self.seen:]:
            if ev.get("sessionId") != self.session:
                continue
            p = ev.get("params", {})
            m = ev.get("method")
            if m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                text = d.get("exception", {}).get("description") or d.get("text")
                self.problems.append(f"script error: {text}")
            elif m == "Runtime.consoleAPICalled" and p.get("type") == "error":
                args = [a.get("value", a.get("description", ""))
                        for a in p.get("args", [])]
                self.problems.append(f"console error: {args}")
            elif m == "Network.responseReceived":
                r = p.get("response", {})
                if r.get("status", 200) >= 400:
                    self.problems.append(f"HTTP {r['status']}: {r.get('url')}")
            elif m == "Network.loadingFailed" and not p.get("canceled"):
                self.problems.append(f"request failed: {p.get('errorText')}")
        self.seen = len(events)

    # Returns and forgets the problems seen since the last call.
    def take_problems(self):
        self._collect()
        out, self.problems = self.problems, []
        return out

    # Evaluates EXPR in the page and returns its value (by value, after
    # awaiting a promise); raises ProtocolError when the script throws.
    def eval(self, expr, timeout=None):
        r = self.call("Runtime.evaluate", {
            "expression": expr, "returnByValue": True, "awaitPromise": True,
            "userGesture": True}, timeout)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise ProtocolError(
                d.get("exception", {}).get("description") or d.get("text"))
        return r.get("result", {}).get("value")

    # Evaluates EXPR every 0.25 s until it gives a truthy value or SECONDS
    # pass; returns the last value.  Errors while a page loads (no
    # context, context destroyed) count as not yet.
    def wait(self, expr, seconds=15.0):
        deadline = time.time() + seconds
        value = None
        while True:
            try:
                value = self.eval(expr, timeout=max(1.0, deadline - time.time()))
            except ProtocolError as e:
                value = None
                self.last_error = str(e)
            if value or time.time() >= deadline:
                return value
            time.sleep(0.25)

    # Opens URL and waits (SECONDS at most) until it is the loaded
    # document; returns True when it is.
    def goto(self, url, seconds=15.0):
        self.call("Page.navigate", {"url": url})
        return bool(self.wait(
            f"location.href === {json.dumps(url)} && "
            f"document.readyState === 'complete'", seconds))

    # Sets the viewport to WIDTH x HEIGHT CSS pixels at SCALE device
    # pixels each; MOBILE emulates a phone (meta viewport, touch).
    def viewport(self, width, height, scale=1, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": scale,
            "mobile": mobile})
        self.call("Emulation.setTouchEmulationEnabled", {"enabled": mobile})

    # Saves a PNG of the viewport to PATH and returns its size in bytes.
    def screenshot(self, path):
        r = self.call("Page.captureScreenshot", {"format": "png"}, timeout=30)
        data = base64.b64decode(r["data"])
        with open(path, "wb") as f:
            f.write(data)
        return len(data)

    # Clicks with the mouse in the middle of the element that the
    # JavaScript expression ELEMENT gives, after scrolling it into view.
    # Returns False when there is no such element.
    def click(self, element):
        box = self.eval(f"""(() => {{
            const e = {element};
            if (!e) return null;
            e.scrollIntoView({{block: "center"}});
            const r = e.getClientRects()[0] || e.getBoundingClientRect();
            return {{x: r.left + Math.min(r.width / 2, 20), y: r.top + r.height / 2}};
        }})()""")
        if not box:
            return False
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {
                "type": kind, "x": box["x"], "y": box["y"],
                "button": "none" if kind == "mouseMoved" else "left",
                "clickCount": 0 if kind == "mouseMoved" else 1})
        return True

    # Types TEXT into the focused element as the keyboard would (one
    # input event, as an input method commits Chinese text).
    def type(self, text):
        self.call("Input.insertText", {"text": text})


# Makes SIGTERM (from timeout(1)) unwind through finally blocks.
def exit_on_sigterm():
    def stop(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)


# The executable of Chromium (CHROMIUM, else chromium), or None.
def find_chromium():
    return shutil.which(os.environ.get("CHROMIUM", "chromium"))


# The counters of a case (browse.Checks): one home, tests/cases/check.py.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "cases"))
from check import Checks  # noqa: E402


def session(top, root, timeout, check, *runs):
    """Serve folder TOP, start Chromium (exit 77 when there is none) and
    call each run(browser, URL of ROOT under TOP); a session that ends
    early is a failed check.  The browser and the server are stopped."""
    exe = find_chromium()
    exit_on_sigterm()
    server, base = serve(top)
    browser = None
    try:
        browser = Browser(exe, timeout=timeout)
        for run in runs:
            run(browser, base + root)
    except (ProtocolError, OSError, SystemExit) as e:
        check(False, f"the browser session ended early: {e!r}")
    finally:
        if browser:
            browser.close()
        server.shutdown()


class Case:
    """The set-up of a page case (tests/cases/site-*-browser.sh): the
    repository's site built by $GEN (gen build ARGS, 60 s at most; its
    log and exit 1 when it fails) into TMP/site, TMP the case's
    temporary folder (sys.argv[1]); screenshots into tests/out/; the
    case's Checks.  run(...) is session() on the site and check.finish()."""

    def __init__(self, *args):
        self.tmp = sys.argv[1]
        self.site = os.path.join(self.tmp, "site")
        self.shots = os.path.join(os.environ["TOP"], "tests", "out")
        self.check = Checks()
        os.makedirs(self.shots, exist_ok=True)
        try:
            r = subprocess.run([os.environ["GEN"], "build", *args, "-o", self.site],
                               capture_output=True, text=True, timeout=60)
            failed, log = r.returncode != 0, r.stdout + r.stderr
        except subprocess.TimeoutExpired as e:
            failed, log = True, f"gen build did not end in 60 s: {e}"
        if failed:
            print(log)
            sys.exit(1)

    # Saves a screenshot of PAGE as tests/out/NAME and says so.
    def shot(self, page, name):
        n = page.screenshot(os.path.join(self.shots, name))
        print(f"screenshot {name}: {n} bytes")

    # Runs each run(browser, root) on the site (ROOT: its /site/) and
    # ends the case with its counts.
    def run(self, *runs, timeout=30):
        session(self.tmp, "site/", timeout, self.check, *runs)
        self.check.finish()


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    top, path, expr = sys.argv[1:4]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
    exe = find_chromium()
    if exe is None:
        print("no chromium")
        return 77
    exit_on_sigterm()
    server, base = serve(top)
    browser = Browser(exe)
    value = None
    try:
        page = browser.page()
        page.call("Page.navigate", {"url": base + path})
        value = page.wait(expr, seconds)
    finally:
        browser.close()
        server.shutdown()
    print(json.dumps(value, ensure_ascii=False))
    return 0 if value else 1


if __name__ == "__main__":
    sys.exit(main())
