"""check.py — imported by the Python of tests/cases/*.sh (not a test), as
check.inc is sourced by their shell: the counters and reading a page.

    sys.path.insert(0, os.path.join(os.environ["TOP"], "tests", "cases"))
    from check import Checks, reader
    check = Checks()          # check(ok, what) ... check.finish()
    read = reader(out)        # read("tag/index.html"): the page's text
"""
import os
import sys


class Checks:
    """The counters of a case: check(ok, what) counts ok, or prints FAIL
    what; finish() prints "N passed, N failed" and exits 1 on a failure."""

    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL", what)
        return ok

    def finish(self, status=None):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(status if status is not None else 1 if self.failed else 0)


def read_text(*path):
    """The text of the UTF-8 file at os.path.join(*path)."""
    with open(os.path.join(*path), encoding="utf-8") as f:
        return f.read()


def reader(folder):
    """read(p): the text of the UTF-8 file p under folder (p may be
    absolute)."""
    return lambda p: read_text(folder, p)
