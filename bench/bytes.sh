#!/usr/bin/env bash
# bench/bytes.sh — what a built site weighs per input byte, by kind of
# page (as bench/run.sh counts them: issue 22's figure is HTML + JSON +
# XML outside src/, pagefind/ and print/):
#
#   bench/bytes.sh OUT INPUT-BYTES
set -eu
[ $# -eq 2 ] || { echo "usage: $0 OUT INPUT-BYTES" >&2; exit 2; }
export LC_ALL=C
find "$1" -type f ! -name '.*' -printf '%s %P\n' | awk -v in_bytes="$2" '
    { size = $1; path = $2; top = path; sub(/\/.*/, "", top)
      if (top == "src" || top == "pagefind" || top == "print") {
          k[top] += size; next }
      if (path ~ /\.html$/) { k["all HTML"] += size; k["sum"] += size
          if (path !~ /\//) k["document pages SLUG.html"] += size
          else k["other HTML (" top "/)"] += size }
      else if (path ~ /\.json$/) { k["sum"] += size
          if (path !~ /\//) k["document data SLUG.json"] += size
          else k["other JSON"] += size }
      else if (path ~ /\.xml$/) { k["sum"] += size; k["XML"] += size }
      else k["other files"] += size }
    END { for (x in k) printf "| %s | %.2f |\n", (x == "sum" ? \
          "**HTML + JSON + XML**" : x), k[x] / in_bytes }' | sort
