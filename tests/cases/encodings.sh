#!/usr/bin/env bash
# slow
# encodings.sh — one document (seed 002, the 2015 Changping plan) saved
# as GB18030, as UTF-16LE with a BOM, with CRLF and a UTF-8 BOM, and
# hard-wrapped every 17 characters must give the same `gen dump --json`
# tree as the original, apart from "encoding", "source" and "line".
# The hard-wrap case depends on outline.c rejoining wrapped lines.
set -eu

src=
for f in "$TOP"/tests/outline/*changping*.txt "$TOP"/tests/outline/seed-002.txt "$TOP"/tests/outline/002*.txt \
    "$TOP"/content/2015-changping-weisheng-jisheng-gongzuo-yaodian.txt; do
	if [ -f "$f" ]; then
		src=$f
		break
	fi
done
if [ -z "$src" ]; then
	echo "skip: seed 002 is in neither tests/outline/ nor content/"
	exit 77
fi
for tool in iconv python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "skip: $tool is not installed"
		exit 77
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src" "$tmp/orig.txt"
cd "$tmp"

iconv -f UTF-8 -t GB18030 orig.txt > gb18030.txt
{ printf '\357\273\277'; sed 's/$/\r/' orig.txt; } > crlf-bom.txt
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE orig.txt; } > utf16le-bom.txt
python3 - orig.txt > wrap17.txt <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
out = []
for line in text.split("\n"):
    if not line:
        out.append(line)
    for i in range(0, len(line), 17):
        out.append(line[i:i + 17])
sys.stdout.write("\n".join(out))
EOF

"$GEN" dump --json orig.txt > orig.json

passed=0
failed=0
# check NAME ENCODING: NAME.txt gives orig's tree and says ENCODING.
check() {
	if ! "$GEN" dump --json "$1.txt" > "$1.json" 2> "$1.err"; then
		echo "FAIL $1: gen dump failed: $(head -c 300 "$1.err")"
		failed=$((failed + 1))
		return
	fi
	if python3 - orig.json "$1.json" "$2" <<'EOF'
import json, sys

def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items()
                if k not in ("encoding", "source", "line")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v

def first_diff(a, b, path="$"):
    if type(a) != type(b):
        return f"{path}: {str(a)[:60]!r} vs {str(b)[:60]!r}"
    if isinstance(a, dict):
        for k in list(a) + [k for k in b if k not in a]:
            if k not in a or k not in b:
                return f"{path}.{k}: only in one tree"
            d = first_diff(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_diff(x, y, f"{path}[{i}]")
            if d:
                return d
        if len(a) != len(b):
            return f"{path}: {len(a)} vs {len(b)} members"
        return None
    return None if a == b else f"{path}: {str(a)[:60]!r} vs {str(b)[:60]!r}"

orig = json.load(open(sys.argv[1], encoding="utf-8"))
got = json.load(open(sys.argv[2], encoding="utf-8"))
if got.get("encoding") != sys.argv[3]:
    print(f"encoding is {got.get('encoding')!r}, want {sys.argv[3]!r}")
    sys.exit(1)
d = first_diff(strip(orig), strip(got))
if d:
    print("trees differ at " + d)
    sys.exit(1)
EOF
	then
		echo "ok   $1"
		passed=$((passed + 1))
	else
		echo "FAIL $1"
		failed=$((failed + 1))
	fi
}

check gb18030 GB18030
check crlf-bom UTF-8
check utf16le-bom UTF-16LE
check wrap17 UTF-8

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
