#!/bin/sh
# tests/labels/tune.sh [IDF.tsv] [-DNAME=VALUE ...] — related items'
# figures on the TUNING part of tests/labels/ only (issue 21: tune on
# `tune`, measure on `heldout` once, at the end).  It compiles
# gen/relate/relate.c with the -D overrides given (its knobs: TEXT_CP,
# LEAD_W, HEAD_W, SCORE_SMOOTH, ... and RELATE_THRESHOLD) and, when an
# IDF table is given, the term weights made from it instead of
# data/relate-idf.tsv; links tests/tools/relate_eval.c with them and the
# rest of $B/libgen.a; runs it on the tuning part and prints:
#   the precision and recall at the threshold (with counts),
#   the precision-recall curve's best recall at precision >= 0.90 and
#   the threshold half-way between that pair and the next lower score,
#   the average precision, and the plan-to-report matches' accuracy.
# Run from the top of the repository after `make` (needs ../shared).
set -eu
B=${B:-build}
SHARED=${SHARED:-../shared}
[ -d "$SHARED/corpus/docs" ] || SHARED=/work/shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
idf=data/relate-idf.tsv
case ${1:-} in
*.tsv) idf=$1; shift ;;
esac
CC=${CC:-cc}
FLAGS="-O2 -std=c11 -D_GNU_SOURCE -Igen"
sh scripts/tsvdata.sh relate "$idf" > "$tmp/relatedata.c"
$CC $FLAGS "$@" -c -o "$tmp/relate.o" gen/relate/relate.c
$CC $FLAGS -c -o "$tmp/relatedata.o" "$tmp/relatedata.c"
$CC $FLAGS "$@" -o "$tmp/eval" tests/tools/relate_eval.c "$tmp/relate.o" \
    "$tmp/relatedata.o" "$B/libgen.a" -lcmark -lcjson -lm -lpthread -ldl
"$tmp/eval" tests/labels "$SHARED" tune sweep > "$tmp/out"
python3 - "$tmp/out" <<'EOF'
import sys
rows, other = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.split()
    if len(p) >= 3 and p[1] in ("REL", "---"):
        rows.append((float(p[0]), p[1] == "REL", p[2]))
    elif line.startswith(("related tune", "matches tune")):
        other.append(line.rstrip())
npos = sum(r for _, r, _ in rows)
tp = ap = 0
best = (0.0, None)
for i, (s, rel, _) in enumerate(rows):
    if rel:
        tp += 1
        ap += tp / (i + 1)
    nxt = rows[i + 1][0] if i + 1 < len(rows) else 0.0
    if tp / (i + 1) >= 0.9 and tp / npos > best[0] and s > nxt:
        best = (tp / npos, (s + nxt) / 2, tp, i + 1 - tp)
print("\n".join(other))
if best[1] is not None:
    print("tune: best recall at precision >= 0.90: %.3f (tp %d fp %d) at "
          "threshold %.4f" % (best[0], best[2], best[3], best[1]))
print("tune: average precision %.3f (%d related of %d pairs)" %
      (ap / npos, npos, len(rows)))
EOF
if [ -n "${VERBOSE:-}" ]; then cat "$tmp/out"; fi
