#!/usr/bin/env python3
"""figscore.py — gen's key figures against the hand labels of
tests/labels/figures.tsv (issue 21; docs/figures.md "Measuring").

    figscore.py GEN SHARED [--part tune|heldout|all] [--target 95]

Each labelled item is found in gen's own tree (`gen dump --json` of its
document, read in place: content/ here, seeds/ and corpus/ under SHARED):
the item or paragraph whose first line is the label's line, else the
last one that starts before it (an item the parser read as a paragraph
keeps its figures there).  A labelled figure is found when one of the item's
figures has the same numbers (the runs of digits of its value, so
1万元以内 = 1万元以内, 1年、2年或3年 = 1年、2年或3年); it is right when
that figure's unit is the label's (without its bracketed gloss) and its
subject holds the label subject's head: its last two Han characters
once a bracketed part and a trailing dimension word (年龄, 面积) are
dropped, or the last one when the one before is 的 (结核病筛查的村).
Prints every labelled figure with what gen found; exits 1 below target.
"""
import json, os, re, subprocess, sys

HAN = re.compile(r'[\u4e00-\u9fff]')


def head(subject):
    s = re.sub(r'（[^）]*）|\([^)]*\)', '', subject)
    for dim in ('年龄', '面积'):
        if s.endswith(dim) and len(HAN.findall(s)) > len(dim):
            s = s[:-len(dim)]
    h = HAN.findall(s)
    if len(h) >= 2 and h[-2] == '的':
        return h[-1]
    return ''.join(h[-2:])


def digits(v):
    return re.findall(r'\d+(?:\.\d+)?', v)


def unit_of(u):
    return re.sub(r'（.*', '', u).strip()


def items(node, out):
    if node.get('type') in ('item', 'paragraph'):
        out.append(node)
    for c in node.get('body', []) or []:
        items(c, out)
    return out


def main():
    a = sys.argv[1:]
    if len(a) < 2:
        print(__doc__)
        return 2
    gen, shared = a[0], a[1]
    part, target = 'heldout', 95.0
    if '--part' in a:
        part = a[a.index('--part') + 1]
    if '--target' in a:
        target = float(a[a.index('--target') + 1])
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(os.path.dirname(here))
    lab = os.path.join(top, 'tests', 'labels')
    split = {}
    for line in open(os.path.join(lab, 'split.tsv'), encoding='utf-8'):
        f = line.rstrip('\n').split('\t')
        if f[0] == 'figures':
            split[f[1]] = f[2]
    roots = {'content': os.path.join(top, 'content'),
             'seeds': os.path.join(shared, 'seeds'),
             'corpus': os.path.join(shared, 'corpus', 'docs')}
    trees = {}
    total = right = found = extra = 0
    rows = open(os.path.join(lab, 'figures.tsv'), encoding='utf-8').read()
    for line in rows.splitlines()[1:]:
        f = line.split('\t')
        fid, ref, figs = f[0], f[1], f[3]
        if part != 'all' and split.get(fid) != part:
            continue
        path, lno = ref.rsplit(':', 1)
        lno = int(lno)
        top_dir, rest = path.split('/', 1)
        full = os.path.join(roots[top_dir], rest)
        if not os.path.exists(full):
            print('skip: %s is missing' % full)
            return 77
        if full not in trees:
            j = subprocess.run([gen, 'dump', '--json', full],
                               capture_output=True, text=True).stdout
            trees[full] = items(json.loads(j), [])
        cand = [it for it in trees[full] if it['line'] <= lno]
        exact = [it for it in cand if it['line'] == lno]
        it = exact[0] if exact else (max(cand, key=lambda x: x['line'])
                                     if cand else None)
        got = (it or {}).get('figures', [])
        want = [] if figs == '(none)' else [
            [p.strip() for p in g.split('|')] for g in figs.split(';;')]
        used = set()
        for value, unit, subject in want:
            total += 1
            hit = None
            for k, g in enumerate(got):
                if k not in used and digits(g['value']) == digits(value):
                    hit = k
                    break
            if hit is None:
                print('%s MISS   %s | %s | %s' % (fid, value, unit, subject))
                continue
            used.add(hit)
            found += 1
            g = got[hit]
            ok_u = g['unit'] == unit_of(unit)
            ok_s = head(subject) in g['subject']
            if ok_u and ok_s:
                right += 1
            print('%s %s %s | %s | %s   gen: %s | %s | %s' % (
                fid, 'ok    ' if ok_u and ok_s else
                ('UNIT  ' if not ok_u else 'SUBJ  '),
                value, unit, subject, g['value'], g['unit'], g['subject']))
        for k, g in enumerate(got):
            if k not in used:
                extra += 1
                print('%s EXTRA gen: %s | %s | %s' % (
                    fid, g['value'], g['unit'], g['subject']))
    share = 100.0 * right / total if total else 0.0
    print('figures %s: %d labelled, %d found, %d right (%.1f%%), '
          '%d found that are not labelled; target %.0f%%' % (
              part, total, found, right, share, extra, target))
    return 0 if share >= target else 1


if __name__ == '__main__':
    sys.exit(main())
