#!/usr/bin/env bash
# figures-labels.sh — issue 21's key figures on the held-out labels of
# tests/labels/figures.tsv (split.tsv: part heldout; rules tuned on the
# tune part only): the share of labelled figures gen finds with the
# right unit and subject (tests/tools/figscore.py says how), which must
# be >= 95%.  Prints every figure; reads ../shared/corpus in place.
# needs: shared
set -u

shared=${SHARED:-$TOP/../shared}
if [ ! -d "$shared/corpus/docs" ]; then
	echo "skip: $shared/corpus/docs is missing"
	exit 77
fi
python3 "$TOP/tests/tools/figscore.py" "$GEN" "$shared" --part heldout \
    --target 95
rc=$?
[ "$rc" -eq 77 ] && exit 77
if [ "$rc" -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
