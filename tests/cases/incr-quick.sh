#!/usr/bin/env bash
# incr-quick.sh — the incremental build's rules, quick enough for make
# check (incr-basic, incr-folders and incr-random are slow): a second
# build with nothing changed writes nothing and says so; a text edit
# reads one document; a change to the first tag's documents, to the
# first year's and to a tag's name gives the site a full build gives
# (each index of groups is rewritten, not only the groups after the
# first).  Every build's exit status is checked.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$TOP/tests/cases/check.inc"
. "$TOP/tests/cases/expect.inc"
. "$TOP/tests/cases/incr.inc"
doc() { # file title tag
	printf '%s\n\n一、加强综合监管\n\n1.落实依法执业监管。开展专项检查。（%s）\n\n2.提升公共卫生服务。完善服务体系。\n' \
	    "$2" "$3" > "$tmp/content/$1"
}
doc a.txt "2021年甲区卫生健康工作要点" 办实事项目1
doc b.txt "2022年乙区卫生健康工作要点" 办实事项目2
doc c.txt "2023年丙区卫生健康工作要点" 办实事项目3
# Old: their stat data is trusted at once.
touch -d '2020-01-02 03:04:05' "$tmp/content"/*

build
check "first: a full build" grep -q 'full build' "$tmp/b$n.err"
build
check "nothing changed: says so" grep -q 'nothing changed' "$tmp/b$n.err"

sed -i 's/开展专项检查/开展专项整治/' "$tmp/content/b.txt"
touch -d '2020-01-02 03:04:05' "$tmp/content/b.txt"
build
check "text edit: one read" grep -q '(1 read)' "$tmp/b$n.err"
check "text edit: not a full build" lacks 'full build' "$tmp/b$n.err"
check "text edit: in the page" grep -q '开展专项整治' "$tmp/site/out/b.html"
check "text edit: same site as a full build" same_as_full

# b takes the first tag as well: its count on the tag index changes,
# and no tag comes or goes.
sed -i 's/（办实事项目2）/（办实事项目1）/; s/完善服务体系。/完善服务体系。（办实事项目2）/' \
    "$tmp/content/b.txt"
touch -d '2020-01-02 03:04:05' "$tmp/content/b.txt"
build
check "first tag: not a full build" lacks 'full build' "$tmp/b$n.err"
check "first tag: same site as a full build" same_as_full

# The first year's document changes its title: the year index.
sed -i '1s/.*/2021年甲区卫生健康工作要点（修订）/' "$tmp/content/a.txt"
touch -d '2020-01-02 03:04:05' "$tmp/content/a.txt"
build
check "first year: same site as a full build" same_as_full

# A tag renamed.
sed -i 's/（办实事项目3）/（办实事项目9）/' "$tmp/content/c.txt"
touch -d '2020-01-02 03:04:05' "$tmp/content/c.txt"
build
check "tag renamed: same site as a full build" same_as_full
build
check "after them: nothing changed" grep -q 'nothing changed' "$tmp/b$n.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
