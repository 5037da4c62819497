#!/usr/bin/env python3
"""browse.py DIR PATH EXPR [SECONDS] — load a page of a site in Chromium.

Serves DIR over HTTP on 127.0.0.1 (a free port), opens PATH in headless
Chromium driven through the DevTools protocol on a pipe (no packages
needed), and evaluates the JavaScript EXPR every 0.25 s until it gives
a truthy value or SECONDS (default 20) pass.  Prints the last value as
JSON; exits 0 when it was truthy, 1 when not, 77 when Chromium is
missing.  CHROMIUM names the browser (default: chromium).
"""
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass    # the browser closed a connection early: no matter


class Browser:
    def __init__(self, exe):
        self.profile = tempfile.mkdtemp(prefix="gen-browse-")
        r3, self.w = os.pipe()      # commands: Chromium reads fd 3
        self.r, w4 = os.pipe()      # replies: Chromium writes fd 4
        cmd = (f'exec "$0" --headless=new --no-sandbox --disable-gpu '
               f'--no-first-run --user-data-dir="$1" '
               f'--remote-debugging-pipe about:blank 3<&{r3} 4>&{w4}')
        self.proc = subprocess.Popen(
            ["sh", "-c", cmd, exe, self.profile], pass_fds=(r3, w4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(r3)
        os.close(w4)
        self.buf = b""
        self.next_id = 0

    def call(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.w, json.dumps(msg).encode() + b"\0")
        while True:
            while b"\0" not in self.buf:
                chunk = os.read(self.r, 65536)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self.buf += chunk
            raw, self.buf = self.buf.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply["result"]

    def close(self):
        try:
            self.call("Browser.close")
        except (RuntimeError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    if len(sys.argv) < 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    top, path, expr = sys.argv[1:4]
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 20.0
    exe = shutil.which(os.environ.get("CHROMIUM", "chromium"))
    if exe is None:
        print("no chromium")
        return 77
    handler = functools.partial(Quiet, directory=top)
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{path}"
    browser = Browser(exe)
    value = None
    try:
        target = browser.call("Target.createTarget", {"url": url})
        session = browser.call("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        deadline = time.time() + seconds
        while time.time() < deadline:
            r = browser.call("Runtime.evaluate", {
                "expression": expr, "returnByValue": True}, session)
            value = r.get("result", {}).get("value")
            if value:
                break
            time.sleep(0.25)
    finally:
        browser.close()
        server.shutdown()
    print(json.dumps(value, ensure_ascii=False))
    return 0 if value else 1


if __name__ == "__main__":
    sys.exit(main())
