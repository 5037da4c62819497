#!/usr/bin/env bash
# incr-mirror.sh — a build after one that stopped half way (the mirror
# beside out/ no longer out/'s twin: its manifest is not out/'s) makes
# the mirror a copy of out/ again and writes what out/ lost: one file
# as well as several, each back with the bytes a full build gives.
# Every build's exit status is checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
. "$TOP/tests/cases/incr.inc"
doc() { # file title
	printf '%s\n\n一、加强综合监管\n\n1.落实依法执业监管。开展专项检查。\n\n2.提升公共卫生服务。完善服务体系。\n' \
	    "$2" > "$tmp/content/$1"
}
doc a.txt "2021年甲区卫生健康工作要点"
doc b.txt "2022年乙区卫生健康工作要点"
doc c.txt "2023年丙区卫生健康工作要点"
touch -d '2020-01-02 03:04:05' "$tmp/content"/*
mirror=$tmp/site/.out.gen-shadow

build
sed -i 's/开展专项检查/开展专项整治/' "$tmp/content/b.txt"
touch -d '2020-01-02 03:04:05' "$tmp/content/b.txt"
build
check "an incremental build leaves the mirror" test -f "$mirror/.gen-manifest"

# Stopped half way, then out/ lost one file (a.html), then two.
for lost in "a.html" "a.html c.json"; do
	rm -f "$mirror/.gen-manifest"
	for f in $lost; do
		rm "$tmp/site/out/$f"
	done
	build
	for f in $lost; do
		check "lost $lost: $f is back" test -f "$tmp/site/out/$f"
	done
	check "lost $lost: same site as a full build" same_as_full
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
