#!/usr/bin/env python3
"""Compare gen's organisation and kind with the corpus gold, and check that
every organisation gen returns is one by the grammar of docs/parsing.md
("Metadata"): a national body, or [中共] places of data/divisions.tsv (or
data/divisions-former.tsv) and words ending in a head of
data/org-bodies.tsv, or a level (市, 县 …) and such words, or places alone.

usage: corpusmeta.py GEN TOP SHARED
TOP is the repository (data/, content/), SHARED the shared folder
(corpus/, seeds/).  Prints a line per check and "N passed, N failed";
exit 0 when every check passes.  The grammar here is written apart from
gen/org.c, from the same data files, so that the two check each other.
"""
import json, os, re, subprocess, sys


def tsv(path):
    with open(path, encoding="utf-8") as f:
        return [l.rstrip("\n").split("\t") for l in f
                if l.strip() and not l.startswith("#")]


class Grammar:
    def __init__(self, top):
        d = os.path.join(top, "data")
        self.full, self.name_of = {}, {}
        self.places = {}                       # name → full current name
        for code, name, level, parent, short in tsv(os.path.join(d, "divisions.tsv")):
            self.name_of[code] = name
            self.places[name] = name
            for s in filter(None, short.split(",")):
                self.places.setdefault(s, name)
        for name, level, succ, year, src in tsv(os.path.join(d, "divisions-former.tsv")):
            self.places[name] = self.name_of[succ]
        self.heads = [r[0] for r in tsv(os.path.join(d, "org-bodies.tsv"))]
        self.national = {r[0]: r[1] for r in tsv(os.path.join(d, "org-national.tsv"))}
        self.aliases = {r[0]: r[1] for r in tsv(os.path.join(d, "org-aliases.tsv"))}
        # the documents' one fold: the forms by hand win (rule fold)
        self.trad = {r[0]: r[1] for r in tsv(os.path.join(d, "fold.tsv"))}
        self.trad.update({r[0]: r[1] for r in tsv(os.path.join(d, "fold-extra.tsv"))})
        self.maxplace = max(len(p) for p in self.places)

    def simple(self, s):
        return "".join(self.trad.get(c, c) for c in s)

    def place_at(self, s):
        for n in range(min(self.maxplace, len(s)), 1, -1):
            if s[:n] in self.places:
                return n
        return 0

    STOP = ("关于", "印发", "转发", "通知", "的", "年", "各", "全市", "全区", "全县",
            "全省", "会同", "联合", "围绕", "坚持", "按照", "根据", "认真", "在", "对",
            "为", "将", "把", "向", "由", "以", "是", "了", "着", "等", "我")

    def body(self, s):
        return (0 < len(s) <= 20 and re.fullmatch(r"[\u3400-\u9fff]+", s) is not None
                and not any(w in s for w in self.STOP)
                and any(s.endswith(h) for h in self.heads))

    def parse(self, s):
        """('national'|'body'|'level'|'place', places) or None."""
        s = self.simple(s)
        nat = max((n for n in self.national if s.startswith(n)), key=len, default=None)
        if nat and (s == nat or self.body(s[len(nat):])):
            return "national", []
        if s.startswith("国家") and self.body(s[2:]):
            return "national", []
        p = 0
        if s.startswith("中国共产党"):
            p = 5
        elif s.startswith("中共") and not s.startswith("中共中央"):
            p = 2
        places = []
        while len(places) < 4:
            n = self.place_at(s[p:])
            if not n:
                break
            places.append(s[p:p + n])
            p += n
        if places:
            if p == len(s):
                return "place", places
            return ("body", places) if self.body(s[p:]) else None
        if s[:1] in "省市区县州旗镇乡" and self.body(s[1:]):
            return "level", []
        return None

    def key(self, s):
        """The canonical key: places by their full current names, the body
        by its canonical name (alias table, a few rounds)."""
        s = self.simple(s)
        kind = self.parse(s)
        if kind is None:
            return s
        nat = max((n for n in self.national if s.startswith(n)), key=len, default=None)
        head, rest = "", s
        if nat:
            head, rest = self.national[nat], s[len(nat):]
        elif kind[0] in ("body", "place"):
            p = 5 if s.startswith("中国共产党") else 2 if s.startswith("中共") else 0
            head, rest = s[:p], s[p:]
            for pl in kind[1]:
                head += self.places[pl]
                rest = rest[len(pl):]
        for _ in range(3):
            a = max((a for a in self.aliases if rest.endswith(a)), key=len, default=None)
            if not a or rest.endswith(self.aliases[a]):
                break
            rest = rest[:-len(a)] + self.aliases[a]
        return head + rest


def dump(gen, path):
    r = subprocess.run([gen, "dump", "--json", path], capture_output=True, timeout=60)
    t = json.loads(r.stdout or b"{}")
    return t[0] if isinstance(t, list) else t


def kind_match(got, want):
    """Exactly the gold kind, or exactly one of its alternatives (工作计划（工作思路）,
    工作总结+工作思路 is one kind)."""
    if not got:
        return False
    alts = [a for a in re.split(r"[（）()/、]", want) if a]
    return got == want or got in alts


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    gen, top, shared = sys.argv[1:]
    g = Grammar(top)
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print("ok   " + name)
        else:
            failed += 1
            print("FAIL " + name + (": " + detail if detail else ""))

    corpus = os.path.join(shared, "corpus")
    docs = sorted(os.listdir(os.path.join(corpus, "docs")))
    n_org = n_org_ok = n_kind = n_kind_ok = 0
    misses = []
    for f in docs:
        stem = os.path.splitext(f)[0]
        gp = os.path.join(corpus, "gold", stem + ".json")
        if not os.path.exists(gp):
            continue
        gold = json.load(open(gp, encoding="utf-8"))
        t = dump(gen, os.path.join(corpus, "docs", f))
        if gold.get("org"):
            n_org += 1
            want = [g.key(w) for w in re.split("[、，]", gold["org"])]
            if t.get("org") and g.key(t["org"]) in want:
                n_org_ok += 1
            else:
                misses.append("%s: %r vs %r" % (stem, t.get("org"), gold["org"]))
        if gold.get("kind"):
            n_kind += 1
            if kind_match(t.get("kind"), gold["kind"]):
                n_kind_ok += 1
            else:
                misses.append("%s: kind %r vs %r" % (stem, t.get("kind"), gold["kind"]))
    for m in misses:
        print("     miss " + m)
    check("organisations found: %d of %d gold (>= 90%%)" % (n_org_ok, n_org),
          n_org and n_org_ok * 10 >= n_org * 9)
    check("kinds exact: %d of %d gold (>= 75%%)" % (n_kind_ok, n_kind),
          n_kind and n_kind_ok * 4 >= n_kind * 3)

    # No organisation outside the grammar, on every document we have.
    paths = [os.path.join(corpus, "docs", f) for f in docs]
    seeds = os.path.join(shared, "seeds")
    paths += [os.path.join(seeds, f) for f in sorted(os.listdir(seeds)) if f.endswith(".txt")]
    for root, _, files in os.walk(os.path.join(top, "content")):
        paths += [os.path.join(root, f) for f in sorted(files) if f.endswith((".txt", ".md"))]
    bad = []
    for p in paths:
        t = dump(gen, p)
        for o in (t.get("orgs") or []) + ([t["org"]] if t.get("org") else []):
            if g.parse(o) is None:
                bad.append("%s: %s" % (os.path.basename(p), o))
    for b in bad:
        print("     not an organisation: " + b)
    check("every organisation returned (%d documents) is one by the grammar" % len(paths),
          not bad)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
