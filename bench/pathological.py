#!/usr/bin/env python3
"""bench/pathological.py — hostile inputs of a given size, for the
complexity check (bench/complexity.sh, tests/cases/hostile-complexity.sh).

    python3 bench/pathological.py --list            # NAME EXT per line
    python3 bench/pathological.py NAME BYTES [-o FILE] [--seed S]
    python3 bench/pathological.py --dir DIR BYTES... # DIR/NAME-BYTES.EXT
                                                    # of every shape

writes the input NAME of at least BYTES bytes (UTF-8; the shape repeated
until it is that long, so 8n is the same shape eight times as big).  The
same name, size and seed give the same bytes on any Python 3 (a
SplitMix64 of its own picks the filler words).

The shapes are those issue 16 found slow or large in gen (repeated item
numbers, emphasis warnings, sub-items) and the pathological cases of
cmark's test/pathological_tests.py (nested brackets and block quotes,
emphasis and link openers and closers, backticks, link references), made
to scale with the size instead of a fixed count.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from corpus import Rng, write  # noqa: E402  (one generator, one writer)


WORDS = ["任务", "工作", "项目", "服务", "管理", "监督", "保障", "建设"]


def repeat(unit, size):
    """unit(i) for i = 0, 1, … until size bytes are reached."""
    parts, n, i = [], 0, 0
    while n < size:
        s = unit(i)
        parts.append(s)
        n += len(s.encode())
        i += 1
    return "".join(parts)


def between(head, body, tail, size):
    """head, then body repeated, then tail, at least size bytes."""
    fixed = len(head.encode()) + len(tail.encode())
    k = max(1, -(-(size - fixed) // len(body.encode())))
    return head + body * k + tail


def nested(left, mid, right, size):
    """left * k + mid + right * k, at least size bytes."""
    unit = len(left.encode()) + len(right.encode())
    k = max(1, -(-(size - len(mid.encode())) // unit))
    return left * k + mid + right * k


def triangle(line, size):
    """line(x) for x = 0, 1, … (lines that grow): nested lists, backticks."""
    return repeat(line, size)


def shapes(rng):
    w = lambda: rng.pick(WORDS)
    return {
        # issue 16, finding 1 and 11: item numbers that repeat
        "items-alternating": (".txt", lambda n: repeat(
            lambda i: "%d.%s。\n" % (i % 2 + 1, w()), n)),
        # finding 1: a section per item, each item 1.
        "sections-items": (".txt", lambda n: repeat(
            lambda i: "一、部分\n1.%s。\n" % w(), n)),
        # finding 11: an item and a sub-item, repeated
        "items-subitems": (".txt", lambda n: repeat(
            lambda i: "1.%s\n（1）%s\n" % (w(), w()), n)),
        # finding 1: Markdown lists that restart at 1
        "md-lists-restart": (".md", lambda n: repeat(
            lambda i: "1. %s\n\n%s\n\n" % (w(), w()), n)),
        # finding 2: emphasis cmark leaves as text, on one line
        "md-emphasis-line": (".md", lambda n: between(
            "", "*a **a ", "\n", n)),
        # cmark's pathological_tests.py, scaled
        "cm-nested-strong-emph": (".md", lambda n: nested(
            "*a **a ", "b", " a** a*", n)),
        "cm-emph-closers": (".md", lambda n: between("", "a_ ", "", n)),
        "cm-emph-openers": (".md", lambda n: between("", "_a ", "", n)),
        "cm-link-closers": (".md", lambda n: between("", "a]", "", n)),
        "cm-link-openers": (".md", lambda n: between("", "[a", "", n)),
        "cm-mismatched": (".md", lambda n: between("", "*a_ ", "", n)),
        "cm-multiple-of-3": (".md", lambda n: between("a**b", "c* ", "", n)),
        "cm-link-emph": (".md", lambda n: between("", "[ a_", "", n)),
        "cm-nested-brackets": (".md", lambda n: nested("[", "a", "]", n)),
        "cm-nested-quotes": (".md", lambda n: between("", "> ", "a", n)),
        "cm-nested-lists": (".md", lambda n: triangle(
            lambda x: "  " * x + "* a\n", n)),
        "cm-backticks": (".md", lambda n: triangle(
            lambda x: "e" + "`" * (x + 1), n)),
        "cm-unclosed-links-a": (".md", lambda n: between(
            "", "[a](<b", "", n)),
        "cm-unclosed-links-b": (".md", lambda n: between(
            "", "[a](b", "", n)),
        "cm-references": (".md", lambda n: references(n)),
    }


def references(size):
    """[1]: u … [k]: u, then [0] used k/16 times (cmark's many references)."""
    defs = repeat(lambda i: "[%d]: u\n" % (i + 1), size * 15 // 16)
    return defs + between("", "[0] ", "", size - len(defs.encode()))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("name", nargs="?")
    ap.add_argument("size", nargs="?", type=int)
    ap.add_argument("-o", dest="out")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--dir")
    a, rest = ap.parse_known_args()
    table = shapes(Rng(a.seed))
    if a.list:
        for name, (ext, _) in table.items():
            print(name, ext)
        return 0
    if a.dir:
        sizes = [int(x) for x in [a.name, a.size] + rest if x is not None]
        for name, (ext, _) in table.items():
            for size in sizes:
                # A fresh generator: the same words as NAME SIZE alone.
                make = shapes(Rng(a.seed))[name][1]
                path = os.path.join(a.dir, "%s-%d%s" % (name, size, ext))
                write(path, make(size))
        return 0
    if a.name not in table or a.size is None or a.size < 1:
        ap.error("want NAME BYTES (--list for the names)")
    text = table[a.name][1](a.size)
    if a.out:
        write(a.out, text)
    else:
        sys.stdout.buffer.write(text.encode())
    return 0


if __name__ == "__main__":
    sys.exit(main())
