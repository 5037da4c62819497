#!/usr/bin/env bash
# slow
# corpus-meta.sh — gen's organisation and kind against the corpus gold
# (../shared/corpus): at least 90% of the gold organisations found
# exactly after alias normalisation, kinds exact on at least 75%, and no
# organisation returned, on any corpus document, seed or content/ file,
# that the grammar of docs/parsing.md ("Metadata") does not accept
# (tests/tools/corpusmeta.py).
# needs: shared
set -eu

shared=${SHARED:-$TOP/../shared}
if [ ! -d "$shared/corpus/gold" ] || [ ! -d "$shared/seeds" ]; then
	echo "skip: $shared/corpus or $shared/seeds is missing"
	exit 77
fi
exec python3 "$TOP/tests/tools/corpusmeta.py" "$GEN" "$TOP" "$shared"
