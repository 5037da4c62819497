#!/usr/bin/env bash
# slow
# incr-random.sh — the randomized incremental-equals-full test: seeded
# sequences of edits, additions, renames, deletions, same-size edits
# with the mtime put back, template and configuration changes; after
# each step the incremental out/ equals a full build's byte for byte
# (tests/cases/incr-random.py says how).  SEED=N STEPS=N reproduce a run.
exec python3 "$TOP/tests/cases/incr-random.py"
