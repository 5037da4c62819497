#!/usr/bin/env python3
"""Run the example tests of docs/parsing.md (tests/spec/*.spec).

usage: spec.py [--gen GEN] [--rules docs/parsing.md] [-v] FILE.spec...
       spec.py [--gen GEN] --tree DOC...

The format is described in tests/spec/README.md (the md4c manner: a short
input, the expected tree in a compact form).  Each example runs through
`GEN dump --json` once per front end it names (txt, md; crlf adds a run of
each with CRLF line ends) and passes when every run matches.  With --rules,
every `Rule: <id>` of that file must have an example and every example must
name one of them; each broken link counts as a failure.  The last line is
"N passed, N failed"; exit 1 when anything failed.  --tree prints the
compact tree of documents, to write an expectation from.
"""
import json, os, re, subprocess, sys, tempfile

RULE = re.compile(r"^\s*(?:#+\s*|[-*]\s*)?(?:\*\*)?Rule:(?:\*\*)?\s*`?([A-Za-z0-9_.-]+)`?")
FRONTS = ("txt", "md", "crlf")


class SpecError(Exception):
    pass


def parse_spec(path):
    """The examples of one .spec file: dicts with name, line, fronts,
    input (text), keys ({key: value}), tree (list of lines or None)."""
    out, ex, mode = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for no, raw in enumerate(lines, 1):
        where = f"{path}:{no}"
        if mode == "input":
            if raw.rstrip() == "--- expect":
                mode = "expect"
            else:
                ex["input"].append(raw)
            continue
        if raw.startswith("#!"):
            continue
        if mode == "tree":
            if raw.rstrip() == "===":
                mode = None
                out.append(ex)
                ex = None
            else:
                ex["tree"].append(raw.rstrip())
            continue
        if mode == "expect":
            s = raw.rstrip()
            if s == "===":
                mode = None
                out.append(ex)
                ex = None
            elif s == "tree:":
                ex["tree"] = []
                mode = "tree"
            elif s == "":
                continue
            else:
                m = re.match(r"^([^\W\d]\w*):\s?(.*)$", s)
                if not m:
                    raise SpecError(f"{where}: expected KEY: VALUE, tree: or ===")
                ex["keys"][m.group(1)] = m.group(2)
            continue
        s = raw.rstrip()
        if s == "":
            continue
        if s.startswith("example:"):
            if ex is not None:
                raise SpecError(f"{where}: example {ex['name']!r} has no --- expect / ===")
            name = s[len("example:"):].strip()
            if not name:
                raise SpecError(f"{where}: example without a rule id")
            ex = {"name": name, "file": path, "line": no, "fronts": ["txt", "md"],
                  "crlf": False, "input": [], "keys": {}, "tree": None}
        elif s.startswith("front:"):
            if ex is None:
                raise SpecError(f"{where}: front: outside an example")
            words = s[len("front:"):].split()
            bad = [w for w in words if w not in FRONTS]
            if bad or not [w for w in words if w != "crlf"]:
                raise SpecError(f"{where}: front: takes txt, md and crlf")
            ex["fronts"] = [w for w in words if w != "crlf"]
            ex["crlf"] = "crlf" in words
        elif s == "--- input":
            if ex is None:
                raise SpecError(f"{where}: --- input outside an example")
            mode = "input"
        else:
            raise SpecError(f"{where}: unexpected line {s!r}")
    if ex is not None or mode is not None:
        raise SpecError(f"{path}: the last example is not closed with ===")
    return out


def tags(n):
    return "".join(" {%s}" % t for t in n.get("tags") or [])


def compact(nodes, depth=0, out=None):
    """The compact tree of a JSON body, as lines."""
    if out is None:
        out = []
    for n in nodes:
        t, pad = n.get("type"), "  " * depth
        if t == "list":
            compact(n.get("body") or [], depth, out)
            continue
        if t == "section":
            label, title = n.get("label") or "", n.get("title") or ""
            out.append(f"{pad}# {label} {title}".rstrip() + tags(n))
        elif t == "item":
            # the whole text: the title, then what follows it ("text")
            label = n.get("label") or ""
            text = (n.get("title") or "") + (n.get("text") or "")
            head = f"{pad}- {label} " if label else f"{pad}- "
            if n.get("category") is not None:
                head += f"[{n['category']}] "
            out.append(f"{head}{text}".rstrip() + tags(n))
        elif t == "paragraph":
            out.append(f"{pad}p {n.get('text') or ''}".rstrip() + tags(n))
        else:
            out.append(f"{pad}? {t}")
        compact(n.get("body") or [], depth + 1, out)
    return out


def line_ok(want, got):
    if want == got:
        return True
    return want.endswith("…") and got.startswith(want[:-1])


def value_text(v):
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def dump(gen, path):
    r = subprocess.run([gen, "dump", "--json", path], capture_output=True, timeout=60)
    try:
        doc = json.loads(r.stdout.decode("utf-8"))
    except ValueError:
        raise SpecError(f"gen dump failed (exit {r.returncode}): "
                        f"{r.stderr.decode('utf-8', 'replace').strip()[:300]}")
    return doc[0] if isinstance(doc, list) else doc


def check(ex, doc):
    """What differs between example ex and the dumped document: a list of
    messages (empty when it matches)."""
    bad = []
    for key, want in ex["keys"].items():
        got = doc.get(key)
        if want == "-":
            if got is not None:
                bad.append(f"{key}: {value_text(got)!r}, want absent")
            continue
        if got is None:
            bad.append(f"{key}: absent, want {want!r}")
            continue
        try:
            norm = value_text(json.loads(want)) if not isinstance(got, str) else want
        except ValueError:
            norm = want
        if value_text(got) != norm:
            bad.append(f"{key}: {value_text(got)!r}, want {want!r}")
    if ex["tree"] is not None:
        got = compact(doc.get("body") or [])
        want = ex["tree"]
        for i in range(max(len(got), len(want))):
            g = got[i] if i < len(got) else "(nothing)"
            w = want[i] if i < len(want) else "(nothing)"
            if i >= len(got) or i >= len(want) or not line_ok(w, g):
                bad.append(f"tree line {i + 1}:\n      want: {w}\n      got:  {g}")
                break
        if bad and len(got) != len(want):
            bad.append(f"tree: {len(got)} lines, want {len(want)}")
        if bad:
            bad.append("whole tree:\n" + "\n".join("      " + g for g in got))
    return bad


def runs(ex):
    for front in ex["fronts"]:
        yield front, "\n"
        if ex["crlf"]:
            yield front, "\r\n"


def run_example(gen, ex, tmp):
    fails = []
    for front, eol in runs(ex):
        path = os.path.join(tmp, f"doc.{front}")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write("".join(l + eol for l in ex["input"]))
        what = front + (" crlf" if eol != "\n" else "")
        try:
            bad = check(ex, dump(gen, path))
        except (SpecError, subprocess.TimeoutExpired) as e:
            bad = [str(e)]
        if bad:
            fails.append((what, bad))
    return fails


def rules_of(path):
    ids = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = RULE.match(line)
            if m:
                ids.append(m.group(1))
    return ids


def main(argv):
    gen, rules, verbose, tree, files = os.environ.get("GEN", "bin/gen"), None, False, False, []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--gen", "--rules") and i + 1 < len(argv):
            if a == "--gen":
                gen = argv[i + 1]
            else:
                rules = argv[i + 1]
            i += 2
            continue
        if a == "-v":
            verbose = True
        elif a == "--tree":
            tree = True
        elif a.startswith("-"):
            print(__doc__.strip().splitlines()[2], file=sys.stderr)
            return 2
        else:
            files.append(a)
        i += 1
    if not files:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    if tree:
        for p in files:
            doc = dump(gen, p)
            for k in ("title", "year", "org", "kind"):
                print(f"{k}: {value_text(doc.get(k)) if doc.get(k) is not None else '-'}")
            print("tree:")
            print("\n".join(compact(doc.get("body") or [])))
        return 0
    passed = failed = 0
    examples = []
    for p in files:
        try:
            examples.extend(parse_spec(p))
        except SpecError as e:
            print(f"FAIL {e}")
            failed += 1
    with tempfile.TemporaryDirectory() as tmp:
        for ex in examples:
            fails = run_example(gen, ex, tmp)
            fronts = " ".join(f + ("-crlf" if e != "\n" else "") for f, e in runs(ex))
            if fails:
                failed += 1
                print(f"FAIL {ex['file']}:{ex['line']} {ex['name']} ({fronts})")
                for what, bad in fails:
                    for b in bad:
                        print(f"     [{what}] {b}")
            else:
                passed += 1
                if verbose:
                    print(f"ok   {ex['file']}:{ex['line']} {ex['name']} ({fronts})")
    if rules is not None:
        ids = rules_of(rules)
        named = {ex["name"] for ex in examples}
        seen = set()
        for r in ids:
            if r in seen:
                print(f"FAIL {rules}: rule {r} is defined twice")
                failed += 1
            seen.add(r)
            if r not in named:
                print(f"FAIL {rules}: rule {r} has no example")
                failed += 1
        for ex in examples:
            if ex["name"] not in seen:
                print(f"FAIL {ex['file']}:{ex['line']}: example names rule "
                      f"{ex['name']}, which {rules} does not define")
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
