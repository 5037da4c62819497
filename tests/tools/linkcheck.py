#!/usr/bin/env python3
"""linkcheck.py OUT — check every page of a built site.

For each .html file under OUT: every relative href/src resolves to a
file inside OUT (after %XX decoding, query dropped); a #fragment names
an id (or a name) of the target page; ids are unique in a page; the
page is UTF-8 and has lang.  Absolute URLs (scheme://, //host, /path)
are not followed.  Prints each problem as "page: message" and a last
line "N passed, N failed" (one check per link and per page).
"""
import html.parser
import os
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = []
        self.lang = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for k in ("id", "name") if tag == "a" else ("id",):
            if a.get(k):
                self.ids.append(a[k])
        for k in ("href", "src"):
            if a.get(k) is not None:
                self.links.append((tag, a[k]))


def parse(path, cache):
    if path not in cache:
        p = Page()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        p.close()
        cache[path] = p
    return cache[path]


def main():
    top = os.path.realpath(sys.argv[1])
    cache = {}
    passed = failed = 0
    problems = []
    pages = []
    for d, _, files in os.walk(top):
        for f in files:
            if f.endswith(".html"):
                pages.append(os.path.join(d, f))
    pages.sort()
    if not pages:
        print("no pages under", top)
        print("0 passed, 1 failed")
        return 1
    for page in pages:
        rel = os.path.relpath(page, top)
        try:
            p = parse(page, cache)
        except UnicodeDecodeError as e:
            problems.append(f"{rel}: not UTF-8: {e}")
            failed += 1
            continue
        seen = set()
        dup = [i for i in p.ids if i in seen or seen.add(i)]
        if dup or not p.lang:
            problems.append(f"{rel}: duplicate ids {dup[:5]}" if dup
                            else f"{rel}: no lang on <html>")
            failed += 1
        else:
            passed += 1
        for tag, url in p.links:
            u = urllib.parse.urlsplit(url)
            if u.scheme or u.netloc or url.startswith("/"):
                continue
            target = page
            if u.path:
                target = os.path.normpath(os.path.join(
                    os.path.dirname(page), urllib.parse.unquote(u.path)))
            why = None
            if not (target == top or target.startswith(top + os.sep)):
                why = "leaves the site"
            elif not os.path.isfile(target):
                why = "no such file"
            elif u.fragment:
                if not target.endswith(".html"):
                    why = "fragment on a non-page"
                else:
                    frag = urllib.parse.unquote(u.fragment)
                    if frag not in parse(target, cache).ids:
                        why = "no id " + frag
            if why:
                problems.append(f"{rel}: {tag} {url}: {why}")
                failed += 1
            else:
                passed += 1
    for p in problems[:50]:
        print(p)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
