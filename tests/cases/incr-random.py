#!/usr/bin/env python3
"""incr-random.py — run by incr-random.sh: seeded random sequences of
changes to a small site, an incremental build after each, and the check
that its out/ equals, byte for byte, what a full build of the same
inputs (same configuration) makes in another folder, with the same
diagnostics.

Kinds of step, each at least MIN_EACH times (the rest drawn at random):
  edit      a document's text changes (an item more or less, a title, an
            annotation, a number skipped, a sentence)
  add       a new document (sometimes in a subfolder, sometimes taking a
            name another has: a.txt beside a.md)
  rename    a document moves to another name or folder
  delete    a document goes
  racy      a same-size edit just after a build, its mtime then put
            back as it was: only the racy-mtime rule can see it
  template  a template changes (a visible word, or back)
  config    the configuration changes (site title, base URL, pdf links)

Environment: SEED (default: a new one, printed), STEPS (default 504;
fewer under ASan or valgrind), GEN, TOP, B as tests/run sets them.
KEEP=1 keeps the scratch folder.  A failure prints the step, the seed and the first lines of the diff;
SEED=N ./tests/run incr-random runs the same sequence again.
"""
import filecmp
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

KINDS = ["edit", "add", "rename", "delete", "racy", "template", "config"]

GEN = os.environ.get("GEN", "bin/gen")
TOP = os.environ.get("TOP", os.getcwd())
B = os.environ.get("B", "build")
slow = "asan" in B or os.environ.get("GEN_VALGRIND") == "1"
MIN_EACH = int(os.environ.get("MIN_EACH", "8" if slow else "50"))
STEPS = int(os.environ.get("STEPS", "70" if slow else "504"))
SEED = int(os.environ.get("SEED", str(int(time.time() * 1000) % 1000000)))

DISTRICTS = ["甲", "乙", "丙", "丁", "戊"]
YEARS = [2021, 2022, 2023]
KINDS_DOC = ["工作要点", "工作要点完成情况"]
HEADS = ["加强综合监管", "推进医疗改革", "提升服务能力", "强化疾病防控"]
ITEMS = ["落实依法执业监管", "深化医联体建设", "完善公共卫生服务",
         "推进分级诊疗", "加强队伍建设", "开展健康宣传"]
SENTS = ["开展专项检查。", "完善服务体系。", "推进信息共享。", "落实责任分工。"]
NOTES = ["", "", "（办实事项目1）", "（办实事项目9）", "（办实事项目25）",
         "（区政府折子工程3）", "（牵头单位：区卫生健康委）"]
NAMES = ["a", "b", "c", "d", "e", "f"]
FOLDERS = ["", "", "", "sub/"]
FRONT = ["draft: true", "date: 2023-03-05", "published: 2024年3月5日",
         "aliases: [old-x.html]", "title: 2020年前区卫生健康工作要点",
         "check-ignore: numbering-gap"]
# Characters and others of the same byte length (same-size edits).
SWAP = {"甲": "乙", "乙": "丙", "丙": "丁", "丁": "戊", "戊": "甲",
        "1": "2", "2": "3", "3": "1", "9": "8", "8": "9"}


def fail(msg):
    print("FAIL " + msg)
    print("reproduce: SEED=%d STEPS=%d ./tests/run incr-random" % (SEED, STEPS))
    print("0 passed, 1 failed")
    sys.exit(1)


class Site:
    def __init__(self, rng, tmp):
        self.rng = rng
        self.tmp = tmp
        self.content = os.path.join(tmp, "content")
        self.tpl = os.path.join(tmp, "tpl")
        self.out = os.path.join(tmp, "site", "out")
        self.ref = os.path.join(tmp, "ref", "out")
        self.cfg = os.path.join(tmp, "config.ini")
        self.title = "测试站点"
        self.base = "https://example.org/"
        self.pdf = "no"
        self.marks = {}	# template: marker appended
        self.kept = 0	# steps that kept a last good version
        os.makedirs(self.content)
        os.makedirs(os.path.join(tmp, "site"))
        shutil.copytree(os.path.join(TOP, "templates"), self.tpl)
        self.write_config()

    def write_config(self):
        with open(self.cfg, "w", encoding="utf-8") as f:
            f.write("[site]\ntitle = %s\nbase_url = %s\n[paths]\n"
                    "content = %s\ntemplates = %s\nout = %s\n[print]\n"
                    "pdf = %s\n" % (self.title, self.base, self.content,
                                    self.tpl, self.out, self.pdf))

    def docs(self):
        out = []
        for d, _, fs in os.walk(self.content):
            for f in fs:
                out.append(os.path.relpath(os.path.join(d, f), self.content))
        return sorted(out)

    def text(self, md):
        r = self.rng
        title = "%d年%s区卫生健康%s" % (r.choice(YEARS), r.choice(DISTRICTS),
                                     r.choice(KINDS_DOC))
        lines = [("# " if md else "") + title, "", "总体要求：坚持以人民健康为中心。", ""]
        n = 1
        for h in range(r.randint(1, 3)):
            lines += [("## " if md else "") + "一二三四"[h] + "、" +
                      r.choice(HEADS), ""]
            for _ in range(r.randint(1, 3)):
                lines += ["%d.%s。%s%s" % (n, r.choice(ITEMS), r.choice(SENTS),
                                          r.choice(NOTES)), ""]
                n += r.choice([1, 1, 1, 1, 2, 3])
        return "\n".join(lines)

    def put(self, rel, text, enc="utf-8"):
        p = os.path.join(self.content, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(text.encode(enc))

    def read(self, rel):
        """A document's text and the encoding it is written in."""
        data = open(os.path.join(self.content, rel), "rb").read()
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            return data.decode("gb18030", errors="replace"), "gb18030"

    def new_name(self):
        r = self.rng
        return r.choice(FOLDERS) + r.choice(NAMES) + r.choice([".txt", ".txt", ".md"])

    # ---- the kinds of step; each returns what it did ----

    def add(self):
        have = self.docs()
        for _ in range(20):
            rel = self.new_name()
            if rel not in have:
                break
        else:
            return self.edit()
        self.put(rel, self.text(rel.endswith(".md")))
        return "add " + rel

    def edit(self):
        have = self.docs()
        if not have:
            return self.add()
        rel = self.rng.choice(have)
        text, enc = self.read(rel)
        lines = text.split("\n")
        r = self.rng
        how = r.choice(["title", "item", "drop", "note", "sentence", "all",
                        "title", "item", "note", "front", "encoding",
                        "broken", "empty"])
        items = [i for i, l in enumerate(lines) if re.match(r"\d+\.", l)]
        if how == "title":
            lines[0] = ("# " if rel.endswith(".md") else "") + "%d年%s区卫生健康%s" % (
                r.choice(YEARS), r.choice(DISTRICTS), r.choice(KINDS_DOC))
        elif how == "item" or not items:
            last = int(lines[items[-1]].split(".")[0]) if items else 0
            lines += ["", "%d.%s。%s%s" % (last + r.choice([1, 1, 2]),
                                          r.choice(ITEMS), r.choice(SENTS),
                                          r.choice(NOTES))]
        elif how == "drop" and len(items) > 1:
            del lines[r.choice(items)]
        elif how == "note":
            i = r.choice(items)
            num, rest = lines[i].split(".", 1)
            rest = rest.split("（")[0]
            lines[i] = num + "." + rest + r.choice(NOTES)
        elif how == "sentence":
            i = r.choice(items)
            lines[i] = lines[i].replace("。", "。" + r.choice(SENTS), 1)
        elif how == "front":
            if lines[0] == "---":
                lines = lines[lines.index("---", 1) + 1:]
            else:
                lines = ["---", r.choice(FRONT), "---"] + lines
        elif how == "encoding":
            enc = "gb18030" if enc == "utf-8" else "utf-8"
        elif how == "broken":
            lines = ["PNG\0\1"]
        elif how == "empty":
            lines = [""]
        else:
            return self.replace_all(rel)
        self.put(rel, "\n".join(lines), enc)
        return "edit %s (%s)" % (rel, how)

    def replace_all(self, rel):
        self.put(rel, self.text(rel.endswith(".md")))
        return "edit %s (all)" % rel

    def rename(self):
        have = self.docs()
        if not have:
            return self.add()
        old = self.rng.choice(have)
        for _ in range(20):
            new = self.new_name()
            if new not in have and new.endswith(old[-3:]):
                break
        else:
            return self.edit()
        p = os.path.join(self.content, new)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        os.rename(os.path.join(self.content, old), p)
        return "rename %s %s" % (old, new)

    def delete(self):
        have = self.docs()
        if len(have) < 2:
            return self.add()
        rel = self.rng.choice(have)
        os.unlink(os.path.join(self.content, rel))
        return "delete " + rel

    def racy_first(self):
        """A same-size edit to a document (one character for another of
        its byte length); its name, or None."""
        have = [d for d in self.docs() if self.read(d)[1] == "utf-8" and
                any(ch in SWAP for ch in self.read(d)[0])]
        if not have:
            return None
        rel = self.rng.choice(have)
        self.same_size_edit(rel)
        return rel

    def same_size_edit(self, rel):
        p = os.path.join(self.content, rel)
        text = open(p, encoding="utf-8").read()
        spots = [i for i, ch in enumerate(text) if ch in SWAP]
        i = self.rng.choice(spots)
        size = os.stat(p).st_size
        with open(p, "w", encoding="utf-8") as f:
            f.write(text[:i] + SWAP[text[i]] + text[i + 1:])
        if os.stat(p).st_size != size:
            fail("the same-size edit of %s changed its size" % rel)

    def template(self):
        r = self.rng
        t = r.choice(["doc.mustache", "index.mustache", "group.mustache",
                      "tag.mustache", "base.mustache", "node.mustache"])
        p = os.path.join(self.tpl, t)
        text = open(p, encoding="utf-8").read()
        if t in self.marks:
            text = text.replace(self.marks.pop(t), "")
            what = "template %s back" % t
        else:
            m = "<!-- v%d -->" % r.randint(0, 999)
            text += m
            self.marks[t] = m
            what = "template %s %s" % (t, m)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
        return what

    def config(self):
        r = self.rng
        k = r.choice(["title", "base", "pdf"])
        if k == "title":
            self.title = r.choice(["测试站点", "另一个站点", "卫生健康工作"])
        elif k == "base":
            self.base = r.choice(["https://example.org/", "https://example.org/gen/"])
        else:
            self.pdf = "yes" if self.pdf == "no" else "no"
        self.write_config()
        return "config %s" % k

    # ---- builds ----

    def start(self, args):
        return subprocess.Popen([GEN, "build", "-c", self.cfg] + args,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                errors="replace")

    def step_check(self, n, what):
        """Build incrementally and, at the same time, fully into another
        folder; compare."""
        shutil.rmtree(os.path.dirname(self.ref), ignore_errors=True)
        # Mostly --keep-going: a document with errors leaves the others
        # published; without it a build with errors publishes nothing.
        kg = ["--keep-going"] if self.rng.random() < 0.8 else []
        inc = self.start(kg)
        full = self.start(kg + ["--full", "-o", self.ref])
        log, rlog = inc.communicate()[0], full.communicate()[0]
        rc, rrc = inc.returncode, full.returncode
        if rc not in (0, 1) or "Sanitizer" in log or "runtime error" in log:
            fail("step %d (%s): gen build exit %d\n%s" % (n, what, rc, log))
        if rrc != rc:
            fail("step %d (%s): incremental exit %d, full exit %d\n%s\n%s" %
                 (n, what, rc, rrc, log, rlog))
        kept = "its last good version stays published" in log
        if kept:
            # --keep-going keeps the last good version of a document
            # that has errors now (README, gen build --keep-going): a full build has
            # none to keep, so only the diagnostics compare.
            # Its page cannot be made again when others change it (the
            # file has errors now): an error the full build cannot have.
            self.kept += 1
            log = "\n".join(l for l in log.split("\n")
                            if "its last good version stays published" not in l
                            and "cannot be read again for its page" not in l)
        if kept or rc == 1 and not kg:
            if not kept and "the site was left as it was" not in log:
                fail("step %d (%s): exit 1 without --keep-going, and no word "
                     "that the site was left as it was\n%s" % (n, what, log))
            d = []
        else:
            d = tree_diff(self.ref, self.out)
        if d:
            fail("step %d (%s): out/ differs from a full build's:\n  %s" %
                 (n, what, "\n  ".join(d[:10])))
        a = [l for l in rlog.split("\n") if not l.startswith("gen:")]
        b = [l for l in log.split("\n") if not l.startswith("gen:")]
        if a != b:
            fail("step %d (%s): diagnostics differ from a full build's:\n"
                 "full:\n%s\nincremental:\n%s" % (n, what, "\n".join(a), "\n".join(b)))
        return log


def tree_diff(a, b):
    """The files (not .gen-*) that differ between the trees a and b."""
    def walk(top):
        out = {}
        for d, dirs, fs in os.walk(top):
            dirs[:] = [x for x in dirs if not x.startswith(".gen-")]
            for f in fs:
                if not f.startswith(".gen-"):
                    p = os.path.join(d, f)
                    out[os.path.relpath(p, top)] = p
        return out
    fa, fb = walk(a), walk(b)
    diff = ["only in the full build: " + k for k in sorted(set(fa) - set(fb))]
    diff += ["only in the incremental: " + k for k in sorted(set(fb) - set(fa))]
    for k in sorted(set(fa) & set(fb)):
        if not filecmp.cmp(fa[k], fb[k], shallow=False):
            diff.append("differs: " + k)
    return diff


def main():
    print("incr-random: SEED=%d STEPS=%d" % (SEED, STEPS))
    rng = random.Random(SEED)
    plan = [k for k in KINDS for _ in range(MIN_EACH)]
    plan += [rng.choice(KINDS) for _ in range(max(0, STEPS - len(plan)))]
    rng.shuffle(plan)
    tmp = tempfile.mkdtemp(prefix="incr-random.")
    counts = dict((k, 0) for k in KINDS)
    t0 = time.time()
    try:
        s = Site(rng, tmp)
        for _ in range(4):
            s.add()
        s.step_check(0, "first build")
        for n, kind in enumerate(plan, 1):
            if kind == "racy":
                rel = s.racy_first()
                if rel is None:
                    what = s.add()
                else:
                    # The first edit is built at once (its mtime is too
                    # fresh at that build to be trusted); the second has
                    # its mtime put back to the first one's.
                    s.step_check(n, "racy %s: first same-size edit" % rel)
                    p = os.path.join(s.content, rel)
                    st = os.stat(p)
                    s.same_size_edit(rel)
                    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
                    what = "racy %s: same-size edit, mtime put back" % rel
            else:
                what = getattr(s, kind)()
            counts[kind] += 1
            s.step_check(n, what)
    finally:
        if os.environ.get("KEEP"):
            print("incr-random: kept " + tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print("incr-random: %s in %.1f s; %d steps kept a last good version" % (
        ", ".join("%d %s" % (counts[k], k) for k in KINDS), time.time() - t0,
        s.kept))
    short = [k for k in KINDS if counts[k] < MIN_EACH]
    if short:
        fail("fewer than %d steps of %s" % (MIN_EACH, " ".join(short)))
    print("%d passed, 0 failed" % (len(plan) + 1))


main()
