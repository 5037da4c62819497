#!/usr/bin/env python3
"""bench/report.py — the tables of `make bench` from bench/run.sh's raw rows.

    python3 bench/report.py RAW.tsv [OUT.md]

RAW.tsv has one row per timed run, tab-separated:
    N  TOOL  WHAT  WALL_S  USER_S  SYS_S  RSS_KB  STATUS  NOTE
and lines "#meta KEY VALUE".  Prints the report (Markdown, readable as
text) and writes it to OUT.md when given.  Medians, with min–max, over
the runs of each (N, TOOL, WHAT); peak RSS is the largest of the runs.
"""

import statistics
import sys

TARGETS = {             # issue 22's
    "speedup": 5.0,      # Hugo wall / gen wall, full build, 10,000 docs
    "rss_mb": 128.0,     # peak RSS of that build, every pass on
    "mbps": 100.0,       # MB of input per CPU second (user + system)
    "edit_ms": 50.0,     # one document edited, every run (first included)
    "noop_ms": 30.0,     # nothing changed
    "single_ms": 5.0,    # a one-document site
    "out_ratio": 4.0,    # HTML+JSON+XML bytes (not src/ pagefind/ print/)
                         # per input byte
}

LABELS = [
    ("gen-txt", "full", "gen build, .txt, from scratch"),
    ("gen-txt", "noop", "gen build, .txt, nothing changed"),
    ("gen-txt", "edit1", "gen build, .txt, 1 document edited, first "
     "after a full build"),
    ("gen-txt", "edit", "gen build, .txt, 1 document edited"),
    ("pagefind", "index", "Pagefind's search index of the .txt site"),
    ("gen-md", "full", "gen build, .md, from scratch"),
    ("floor-txt", "full", "floor: read + copy + write, .txt"),
    ("floor-md", "full", "floor: read + cmark + write, .md"),
    ("hugo-md", "full", "hugo, .md, from scratch"),
    ("hugo-md", "noop", "hugo, .md, nothing changed"),
]


class Series:
    def __init__(self):
        self.wall, self.cpu, self.user, self.rss, self.status, \
            self.notes = [], [], [], [], [], []

    def ok(self):
        return self.wall and all(s == 0 for s in self.status)


def load(path):
    meta, rows = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#meta\t"):
                _, k, v = line.split("\t", 2)
                meta[k] = v
                continue
            n, tool, what, wall, user, sys_, rss, status, note = \
                (line.split("\t") + [""])[:9]
            s = rows.setdefault((int(n), tool, what), Series())
            s.wall.append(float(wall))
            s.cpu.append(float(user) + float(sys_))
            s.user.append(float(user))
            s.rss.append(int(rss) / 1024.0)
            s.status.append(int(status))
            if note:
                s.notes.append(note)
    return meta, rows


def fmt_t(sec):
    if sec < 1.0:
        return "%.1f ms" % (sec * 1000)
    return "%.2f s" % sec


def fmt_rate(mbps):
    """MB/s: whole numbers, but a slow rate keeps its first figures."""
    return "%.0f" % mbps if mbps >= 10 else "%.2g" % mbps


def spread(v):
    if len(v) == 1:
        return fmt_t(v[0])
    return "%s (%s–%s)" % (fmt_t(statistics.median(v)), fmt_t(min(v)),
                           fmt_t(max(v)))


def mark(ok):
    return "✓" if ok else "✗"


def note_of(s):
    bad = [n for n in s.notes if n not in ("unchanged", "reflected")]
    if bad:
        return ", ".join(sorted(set(bad)))
    if s.notes and all(n == "unchanged" for n in s.notes):
        return "wrote nothing"
    if s.notes and all(n == "reflected" for n in s.notes):
        return "edit in output"
    return ""


def table(meta, rows, n):
    out = []
    mb = {f: int(meta.get("bytes-%d-%s" % (n, f), "0")) / 1e6
          for f in ("txt", "md")}
    out.append("### %d documents (%.1f MB .txt, %.1f MB .md)\n"
               % (n, mb["txt"], mb["md"]))
    out.append("| build | runs | wall median (min–max) | CPU median "
               "| MB/s wall | MB/s CPU | peak RSS | note |")
    out.append("|---|---:|---|---:|---:|---:|---:|---|")
    for tool, what, label in LABELS:
        s = rows.get((n, tool, what))
        if s is None:
            continue
        if not s.ok():
            codes = sorted(set(c for c in s.status if c != 0))
            out.append("| %s | %d | FAILED (exit %s) | | | | | %s |"
                       % (label, len(s.wall),
                          ",".join(map(str, codes)), note_of(s)))
            continue
        w, c = statistics.median(s.wall), statistics.median(s.cpu)
        size = mb["md" if tool.endswith("-md") else "txt"]
        rate = (what == "full")
        out.append("| %s | %d | %s | %s | %s | %s | %.1f MB | %s |" % (
            label, len(s.wall), spread(s.wall), fmt_t(c),
            fmt_rate(size / w) if rate and w > 0 else "",
            fmt_rate(size / c) if rate and c > 0 else "",
            max(s.rss), note_of(s)))
    ratios = []
    g, h = rows.get((n, "gen-txt", "full")), rows.get((n, "hugo-md", "full"))
    gm = rows.get((n, "gen-md", "full"))
    for name, a in (("gen .txt", g), ("gen .md", gm)):
        if a and a.ok() and h and h.ok():
            ratios.append("Hugo ÷ %s: %.1f× wall, %.1f× CPU" % (
                name, statistics.median(h.wall) / statistics.median(a.wall),
                statistics.median(h.cpu) / statistics.median(a.cpu)))
    for name, a, fl in (("gen .txt", g, "floor-txt"),
                        ("gen .md", gm, "floor-md")):
        f = rows.get((n, fl, "full"))
        if a and a.ok() and f and f.ok():
            ratios.append("%s ÷ floor: %.1f× wall" % (
                name, statistics.median(a.wall) / statistics.median(f.wall)))
    if ratios:
        out.append("")
        out.append("; ".join(ratios) + ".")
    runs = []
    for what, name in (("edit1", "first edit after a full build"),
                       ("edit", "later edits"), ("noop", "nothing changed")):
        s = rows.get((n, "gen-txt", what))
        if s is not None:
            runs.append("%s: %s" % (name, ", ".join(
                "%.0f ms" % (w * 1000) for w in s.wall)))
    if runs:
        out.append("")
        out.append("Every run (wall): " + "; ".join(runs) + ".")
    out.append("")
    out += bytes_table(meta, n)
    return out


KINDS = [("doc-html", "document pages SLUG.html"),
         ("doc-json", "document data SLUG.json"),
         ("html", "all HTML pages (documents included)"),
         ("json", "all JSON pages"), ("xml", "XML (sitemap, feed)"),
         ("src", "src/ (source pages and copies)"), ("print", "print/"),
         ("pagefind", "pagefind/"), ("other", "other (assets, CSV, ...)")]


def out_ratio(meta, n, fmt="txt"):
    """HTML + JSON + XML pages per input byte, or None."""
    inp = int(meta.get("bytes-%d-%s" % (n, fmt), "0"))
    key = "out-%d-%s-" % (n, fmt)
    if not inp or not any(k.startswith(key) for k in meta):
        return None
    return sum(int(meta.get(key + k, "0")) for k in ("html", "json",
                                                      "xml")) / inp


def bytes_table(meta, n):
    """What the .txt site's pages weigh per input byte."""
    inp = int(meta.get("bytes-%d-txt" % n, "0"))
    key = "out-%d-txt-" % n
    if not inp or not any(k.startswith(key) for k in meta):
        return []
    out = ["Output of the .txt build, bytes per input byte (%.1f MB in):\n"
           % (inp / 1e6), "| pages | MB | per input byte |",
           "|---|---:|---:|"]
    for k, label in KINDS:
        if key + k in meta:
            b = int(meta[key + k])
            out.append("| %s | %.1f | %.2f |" % (label, b / 1e6, b / inp))
    out.append("| **HTML + JSON + XML (not src/, pagefind/, print/)** | | "
               "**%.2f** |" % out_ratio(meta, n))
    out.append("")
    return out


def single_table(rows):
    out = []
    found = [(t, rows[(1, t, "single")]) for t in ("gen-txt", "gen-md",
                                                   "hugo-md")
             if (1, t, "single") in rows]
    if not found:
        return out
    out.append("### One document (startup)\n")
    out.append("| build | runs | wall median (min–max) | CPU median "
               "| peak RSS |")
    out.append("|---|---:|---|---:|---:|")
    for tool, s in found:
        if not s.ok():
            out.append("| %s | %d | FAILED | | |" % (tool, len(s.wall)))
            continue
        out.append("| %s, 1 document from scratch | %d | %s | %s | %.1f MB |"
                   % (tool.replace("-", " ."), len(s.wall), spread(s.wall),
                      fmt_t(statistics.median(s.cpu)), max(s.rss)))
    out.append("")
    return out


def targets(meta, rows, ns):
    """The issue's targets at 10,000 documents (or the largest N run)."""
    n = 10000 if 10000 in ns else max(ns)
    where = "" if n == 10000 else " (measured at N=%d, not 10,000)" % n
    out = ["### Targets (issue 22)%s\n" % where,
           "| target | measured | |", "|---|---|---|"]

    def row(what, measured, ok):
        out.append("| %s | %s | %s |" % (what, measured,
                                         "–" if ok is None else mark(ok)))

    g = rows.get((n, "gen-txt", "full"))
    h = rows.get((n, "hugo-md", "full"))
    gok = g is not None and g.ok()
    if gok and h and h.ok():
        r = statistics.median(h.wall) / statistics.median(g.wall)
        rc = statistics.median(h.cpu) / statistics.median(g.cpu)
        row("full build ≥ %.0f× faster than Hugo" % TARGETS["speedup"],
            "%.1f× wall (%.1f× CPU)" % (r, rc), r >= TARGETS["speedup"])
    else:
        row("full build ≥ %.0f× faster than Hugo" % TARGETS["speedup"],
            "not measured" if g is None or h is None else "gen or hugo "
            "failed", None if h is None else False)
    if gok:
        rss = max(g.rss)
        row("peak RSS ≤ %.0f MB" % TARGETS["rss_mb"], "%.1f MB" % rss,
            rss <= TARGETS["rss_mb"])
        mb = int(meta.get("bytes-%d-txt" % n, "0")) / 1e6
        rate = mb / statistics.median(g.cpu)
        urate = mb / statistics.median(g.user)
        row("≥ %.0f MB of input per CPU-second (user + system)"
            % TARGETS["mbps"], "%s MB/s (user time alone, without the "
            "kernel's file writing: %s MB/s)" % (fmt_rate(rate),
                                                 fmt_rate(urate)),
            rate >= TARGETS["mbps"])
    else:
        row("peak RSS ≤ %.0f MB" % TARGETS["rss_mb"], "gen build failed",
            False)
        row("≥ %.0f MB/s of input on one core" % TARGETS["mbps"],
            "gen build failed", False)
    for what, key, text, good in (
            ("edit1", "edit_ms", "the first edit after a full build "
             "reflected in ≤ %.0f ms (every run)", "reflected"),
            ("edit", "edit_ms", "1 edited document reflected in ≤ %.0f ms "
             "(every run)", "reflected"),
            ("noop", "noop_ms", "nothing changed: ≤ %.0f ms, writes nothing",
             "unchanged")):
        s = rows.get((n, "gen-txt", what))
        if s is None:
            row(text % TARGETS[key], "not measured", False if not gok
                else None)
            continue
        if not s.ok():
            row(text % TARGETS[key], "gen build failed", False)
            continue
        ms = statistics.median(s.wall) * 1000
        worst = max(s.wall) * 1000
        clean = all(x == good for x in s.notes) and len(s.notes) == len(s.wall)
        row(text % TARGETS[key], "%s median, %s at most, %s" % (
            fmt_t(ms / 1000), fmt_t(worst / 1000), note_of(s) or "?"),
            worst <= TARGETS[key] and clean)
    r = out_ratio(meta, n)
    if r is not None:
        row("HTML, JSON and XML pages ≤ %.0f bytes per input byte"
            % TARGETS["out_ratio"], "%.2f" % r, r <= TARGETS["out_ratio"])
    s = rows.get((1, "gen-txt", "single"))
    if s is not None and s.ok():
        ms = statistics.median(s.wall) * 1000
        row("a single document in ≤ %.0f ms" % TARGETS["single_ms"],
            "%.1f ms" % ms, ms <= TARGETS["single_ms"])
    else:
        row("a single document in ≤ %.0f ms" % TARGETS["single_ms"],
            "not measured" if s is None else "gen build failed",
            None if s is None else False)
    out.append("")
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: report.py RAW.tsv [OUT.md]\n")
        return 2
    meta, rows = load(sys.argv[1])
    ns = sorted(set(n for (n, _, _) in rows if n > 1))
    out = ["## gen build benchmark\n"]
    info = [meta.get(k) for k in ("date", "gen", "hugo", "hugo-site", "cpu",
                                  "runs")]
    out.append("%s; %s; %s (%s); %s; %s; load average %s at the start, %s "
               "at the end.\n" % tuple(x or "?" for x in info + [
                   meta.get("load-start"), meta.get("load-end")]))
    try:
        busy = float(meta.get("load-start", "0").split()[0]) >= \
            float(meta.get("cores", "0")) > 0
    except ValueError:
        busy = False
    if busy:
        out.append("**The machine was busy (load average ≥ cores): wall "
                   "times are inflated; the CPU columns are the steadier "
                   "figures.**\n")
    if meta.get("failure"):
        out.append("gen build failed: `%s`\n" % meta["failure"])
    for n in ns:
        out += table(meta, rows, n)
    out += single_table(rows)
    if ns:
        out += targets(meta, rows, ns)
    out.append("Wall and CPU from wait4 around each run (bench/tick.c); "
               "peak RSS of full builds from /usr/bin/time -v.  MB/s = "
               "input bytes ÷ median time.  Output on %s.\n"
               % meta.get("work", "?"))
    text = "\n".join(out)
    sys.stdout.write(text)
    if len(sys.argv) == 3:
        with open(sys.argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
