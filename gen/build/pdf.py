#!/usr/bin/python3
"""gen/build/pdf.py — the PDFs of the print editions, run by gen print
--pdf (gen/build/pdf.c) with the Python of WeasyPrint; compiled into gen
(the Makefile makes pdfdriver.c of it), so an installed gen needs no
file of the source tree.

    python3 pdf.py HTML...

Makes each HTML's PDF (beside it, .pdf for .html) in one WeasyPrint
process; gen gives only the HTML files whose PDF is missing or older
than them or than print.css.

The faces: each HTML names the faces of its roles in <style id="fonts">
(templates/print/fonts.mustache: a comment naming the config key, then a
font-family list).  The first installed family of each list (fontconfig)
is subset with fontTools to the characters of every HTML of the folder
and of print.css, into $GEN_FONT_CACHE (gen sets it: a cache, never
inside the published out/), and given to WeasyPrint by
@font-face under the same family name: WeasyPrint then subsets a face of
some thousand glyphs for each PDF, not a collection of 65,000 (that took
ten seconds a PDF).  The subsets are kept while they cover the
characters needed and their sources are unchanged.  A configured face
that is not installed is warned about, naming the face used instead.

Prints "print: PATH (S.SS s)" per PDF made and a total line on stdout.
Exit 1 when a PDF could not be made.
"""
import functools
import glob
import hashlib
import json
import logging
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

FONTS_RE = re.compile(r'<style id="fonts">(.*?)</style>', re.S)
ROLE_RE = re.compile(r'(/\* (font_\w+) \*/[^{]*\{\s*font-family:\s*)([^;]+)'
                     r'(;\s*font-weight:\s*(\w+))?')
# The characters of generated content (page numbers, leaders, labels)
# beside those of the HTML text.
EXTRA = "".join(chr(c) for c in range(0x20, 0x7f)) + "—．·…：，。、（）"


def log(*args):
    print("print:", *args, file=sys.stderr)


def families(text):
    """The roles of the HTML text: [(key, [family, ...], bold)]."""
    m = FONTS_RE.search(text)
    if m is None:
        return []
    out = []
    for _, key, stack, _, weight in ROLE_RE.findall(m.group(1)):
        names = [n.strip().strip('"\'') for n in stack.split(",")]
        out.append((key, names, weight == "bold"))
    return out


def with_faces(text, faces):
    """The HTML text with each role's font-family list replaced by the
    subset face of its first installed family: a name of its own, since
    fontconfig would as well choose the installed face of the same
    name (and WeasyPrint then subsets all of it)."""
    def role(m):
        names = [n.strip().strip('"\'') for n in m.group(3).split(",")]
        bold = m.group(5) == "bold"
        for n in names:
            if (n, bold) in faces:
                return '%s"%s", %s%s' % (m.group(1), faces[(n, bold)][2],
                                         m.group(3), m.group(4) or "")
        return m.group(0)

    def block(m):
        return m.group(0)[:m.start(1) - m.start(0)] + \
            ROLE_RE.sub(role, m.group(1)) + "</style>"
    return FONTS_RE.sub(block, text, count=1)


@functools.lru_cache(maxsize=None)
def fc_match(family, bold=False):
    """(file, index, style) of the installed face of family, or None."""
    try:
        r = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}\t%{style}",
             family + (":bold" if bold else "")], capture_output=True,
            text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    parts = r.stdout.split("\t")
    if len(parts) != 4:
        return None
    path, index, fams, style = parts
    if family.lower() not in (f.strip().lower() for f in fams.split(",")):
        return None
    return path, int(index or 0), style


WARNED = set()     # (key, face) warned about once a run


def resolve(roles, faces):
    """Add to faces {(family, bold): (file, index)} the first installed
    family of each role; warn about a configured face (first of a list
    whose defaults follow) that is missing."""
    for key, names, bold in roles:
        for i, name in enumerate(names):
            if name in ("serif", "sans-serif"):
                break
            face = fc_match(name, bold)
            if face is not None:
                faces.setdefault((name, bold), face[:2])
                break
            if i == 0 and len(names) > 2 and (key, name) not in WARNED:
                WARNED.add((key, name))
                used = next((n for n in names[1:]
                             if n in ("serif", "sans-serif")
                             or fc_match(n)), "serif")
                log('[print] %s: the face "%s" is not installed; '
                    'printing with "%s"' % (key, name, used))
    return faces


def chars_of(paths):
    """Every character of the files at paths but their faces' style
    (face names are never printed), and of EXTRA."""
    seen = set(EXTRA)
    for p in paths:
        try:
            with open(p, encoding="utf-8") as f:
                seen.update(FONTS_RE.sub("", f.read()))
        except OSError:
            pass
    return "".join(sorted(c for c in seen if c >= " "))


def subset(faces, text, cache):
    """@font-face rules for faces, their files subset to text in cache
    (remade when a character is new or a source changed); faces[k]
    becomes (file, index, name of the subset's family)."""
    os.makedirs(cache, exist_ok=True)
    state_path = os.path.join(cache, "state.json")
    try:
        with open(state_path, encoding="utf-8") as f:
            state = json.load(f)
    except (OSError, ValueError):
        state = {}
    rules = []
    for key, (path, index) in sorted(faces.items()):
        family = key[0]
        st = os.stat(path)
        source = "%s#%d@%d:%d" % (path, index, st.st_mtime_ns, st.st_size)
        name = hashlib.sha1(source.encode()).hexdigest()[:12] + ".ttf"
        # A name of its own, which still says which face it is.
        faces[key] = (path, index, "gen-%s-%s" % (
            re.sub(r"[^A-Za-z0-9]", "", family), name[:6]))
        out = os.path.join(cache, name)
        have = state.get(name, {})
        if (have.get("source") != source or not os.path.exists(out)
                or not set(text) <= set(have.get("chars", ""))):
            want = "".join(sorted(set(text) | set(have.get("chars", ""))))
            t = time.monotonic()
            make_subset(path, index, want, out)
            log("subset %s (%d characters) in %.2f s" %
                (family, len(want), time.monotonic() - t))
            state[name] = {"source": source, "chars": want,
                           "family": family}
        for weight in ("normal", "bold"):
            rules.append('@font-face { font-family: "%s"; font-weight: %s; '
                         'src: url("%s"); }' % (faces[key][2], weight,
                                                pathlib.Path(out).resolve()
                                                .as_uri()))
    with open(state_path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False, sort_keys=True)
    os.replace(state_path + ".tmp", state_path)
    return "\n".join(rules)


def make_subset(path, index, text, out):
    """Write the face index of the font file path, subset to text, to
    out (atomically)."""
    from fontTools import subset as ftsubset
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    opts = ftsubset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.drop_tables += ["FFTM"]
    opts.desubroutinize = True
    sub = ftsubset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in text])
    sub.subset(font)
    if "CFF " in font:
        to_truetype(font)
    font.save(out + ".tmp")
    os.replace(out + ".tmp", out)


def to_truetype(font):
    """Give font (CFF outlines) quadratic glyf outlines instead: the
    subsetter WeasyPrint runs for each PDF interprets every CFF glyph
    program (seconds a face in Python); glyf data it copies.  After
    fontTools' snippet otf2ttf.py."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    gset = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(gset)
        gset[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs",
              "maxInstructionDefs", "maxStackElements",
              "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\0\1\0\0"


def main(argv):
    todo = [h for h in argv if h.endswith(".html")]
    if not todo:
        return 0
    t0 = time.monotonic()
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").setLevel(logging.ERROR)

    dirs = sorted({os.path.dirname(h) or "." for h in todo})
    faces, texts = {}, {}
    for h in todo:
        with open(h, encoding="utf-8") as f:
            texts[h] = f.read()
        resolve(families(texts[h]), faces)
    # The characters of every edition of the folder, not only those
    # made now, so the subsets seldom change.
    every = []
    for d in dirs:
        every += glob.glob(os.path.join(d, "*.html"))
        every.append(os.path.join(d, "print.css"))
    font_config = FontConfiguration()
    cache = os.environ.get("GEN_FONT_CACHE") or os.path.join(
        tempfile.gettempdir(), "gen-print-fonts")
    rules = subset(faces, chars_of(every), cache)
    css = CSS(string=rules, font_config=font_config)
    t1 = time.monotonic()
    made, status = 0, 0
    for h in todo:
        pdf = h[:-5] + ".pdf"
        t, c = time.monotonic(), time.process_time()
        try:
            HTML(string=with_faces(texts[h], faces), base_url=h).write_pdf(
                pdf + ".tmp", stylesheets=[css], font_config=font_config)
            os.replace(pdf + ".tmp", pdf)
        except Exception as e:  # one bad edition must not stop the rest
            log("%s: WeasyPrint failed: %s" % (pdf, e))
            if os.path.exists(pdf + ".tmp"):
                os.remove(pdf + ".tmp")
            status = 1
            continue
        made += 1
        print("print: %s (%.2f s, %.2f s CPU)" % (
            pdf, time.monotonic() - t, time.process_time() - c))
    print("print: %d PDF(s) made, %.2f s, %.2f s CPU (fonts %.2f s)" % (
        made, time.monotonic() - t0, time.process_time(), t1 - t0))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
