#!/usr/bin/env python3
"""split.py — put every label of related.tsv, matches.tsv, figures.tsv and
statuses.tsv in the tuning part or the held-out part, by a hash of its set
and id with a fixed salt (about half each; the same label always lands in the same part,
whatever is added later). Writes split.tsv: set, id, part. Tune thresholds
and rules on "tune" only; report the issue's figures on "heldout".
Run from the repository root: python3 tests/labels/split.py
"""
import hashlib, os

SALT = "gen-issue-21"
here = os.path.dirname(os.path.abspath(__file__))

def part(name, ident):
    h = hashlib.sha256(f"{SALT}:{name}:{ident}".encode()).digest()
    return "tune" if h[0] % 2 == 0 else "heldout"

def main():
    rows = []
    for name in ("related", "matches", "figures", "statuses"):
        with open(os.path.join(here, name + ".tsv"), encoding="utf-8") as f:
            for line in f.read().split("\n")[1:]:
                if line:
                    ident = line.split("\t", 1)[0]
                    rows.append((name, ident, part(name, ident)))
    with open(os.path.join(here, "split.tsv"), "w", encoding="utf-8") as f:
        f.write("set\tid\tpart\n")
        for r in rows:
            f.write("\t".join(r) + "\n")

if __name__ == "__main__":
    main()
