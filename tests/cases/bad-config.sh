#!/usr/bin/env bash
# slow
# bad-config.sh — a broken config.ini (every bad line named), a missing
# or unreadable config, a missing content folder, and an output folder
# that cannot be written (out is a file, out lies under a file, its
# parent is read-only): each gives its message and exit 1, builds
# nothing and leaves the previous out/ byte for byte.
set -eu
. "$TOP/tests/bad/lib.sh"

c=$tmp/content
out=$tmp/site/out
mkdir -p "$c"
cp "$BAD/good/plan.txt" "$BAD/good/summary.md" "$c/"
site_config "$tmp/config.ini" "$c" "$TOP/templates" "$out"
run "$GEN" build -c "$tmp/config.ini"
[ "$rc" -eq 0 ] || { cat "$tmp/log"; exit 1; }
cp -R "$out" "$tmp/before"
untouched() {
	same_tree "$tmp/before" "$out" && alone "$out"
}

# 1. A broken config.ini: every bad line is reported with its number.
cat > "$tmp/broken.ini" <<CFG
# a comment
[paths]
content = $c
out = $out
[limits]
file_size = lots
colour = blue
[build
strict = perhaps
no equals sign here
 = value
[nosuch]
key = 1
CFG
run "$GEN" build -c "$tmp/broken.ini"
check "broken config: exit 1 (got $rc)" test "$rc" -eq 1
check "broken config: bad value, line 6" has "$tmp/broken.ini:6: error: bad value for file_size: \"lots\""
check "broken config: unknown key, line 7" has "$tmp/broken.ini:7: error: unknown key [limits] colour"
check "broken config: section without ], line 8" has "$tmp/broken.ini:8: error: section header without ']'"
check "broken config: bad boolean, line 9" has "$tmp/broken.ini:9: error: unknown key [limits] strict"
check "broken config: no '=', line 10" has "$tmp/broken.ini:10: error: expected \"key = value\""
check "broken config: empty key, line 11" has "$tmp/broken.ini:11: error: empty key"
check "broken config: unknown section, line 13" has "$tmp/broken.ini:13: error: unknown key [nosuch] key"
check "broken config: seven errors" test "$(grep -c ': error: ' "$tmp/log")" -eq 7
check "broken config: out/ untouched" untouched
printf '[build]\nstrict = perhaps\n' > "$tmp/bool.ini"
run "$GEN" build -c "$tmp/bool.ini"
check "bad boolean: line 2" has "$tmp/bool.ini:2: error: bad value for strict: \"perhaps\""
printf '[site]\ntitle = ok\ntitle = \xff\xfe\n' > "$tmp/utf8.ini"
run "$GEN" build -c "$tmp/utf8.ini"
check "config not UTF-8: exit 1" test "$rc" -eq 1
check "config not UTF-8: line 3" has "$tmp/utf8.ini:3: error: invalid UTF-8 byte 0xFF"
printf '[site]\nbase_url = https://x\0.org/\n' > "$tmp/nul.ini"
run "$GEN" build -c "$tmp/nul.ini"
check "config with a NUL byte: exit 1" test "$rc" -eq 1
check "config with a NUL byte: line 2" has "$tmp/nul.ini:2: error: NUL byte (not a text file?)"
run "$GEN" build -c "$tmp/no-such.ini"
check "missing config: exit 1" test "$rc" -eq 1
check "missing config: message" has "$tmp/no-such.ini: error: cannot read: No such file or directory"
check "config errors: out/ untouched" untouched

# 2. A content folder that does not exist: the previous site must not
# be replaced by an empty one (main.c builds on after the error).
site_config "$tmp/nocontent.ini" "$tmp/no-content" "$TOP/templates" "$out"
run "$GEN" build -c "$tmp/nocontent.ini"
check "no content folder: exit 1 (got $rc)" test "$rc" -eq 1
check "no content folder: message" has "$tmp/no-content: error: cannot open folder: No such file or directory"
check "no content folder: out/ untouched (needs main.c:cmd_build to stop)" untouched
rm -rf "$out" "$out".tmp.* "$out".old.*
cp -R "$tmp/before" "$out"
# An empty content folder builds an empty site (under UBSan, main.c's
# collect() must not call qsort with a NULL array).
mkdir -p "$tmp/empty-content"
site_config "$tmp/empty.ini" "$tmp/empty-content" "$TOP/templates" "$tmp/empty-out"
run "$GEN" build -c "$tmp/empty.ini"
check "empty content folder: exit 0 (got $rc)" test "$rc" -eq 0
check "empty content folder: no runtime error" hasnt "runtime error"
check "empty content folder: a home page" test -s "$tmp/empty-out/index.html"

# 3. out is a file.
echo precious > "$tmp/file"
site_config "$tmp/outfile.ini" "$c" "$TOP/templates" "$tmp/file"
run "$GEN" build -c "$tmp/outfile.ini"
check "out is a file: exit 1" test "$rc" -eq 1
check "out is a file: message" has "$tmp/file: error: output folder exists and is not a folder"
check "out is a file: file untouched" test "$(cat "$tmp/file")" = precious
check "out is a file: nothing left beside it" alone "$tmp/file"

# 4. out lies under a file: its folder cannot be created.
site_config "$tmp/under.ini" "$c" "$TOP/templates" "$tmp/file/out"
run "$GEN" build -c "$tmp/under.ini"
check "out under a file: exit 1" test "$rc" -eq 1
check "out under a file: says the folder cannot be created" \
    has "error: cannot create folder"
check "out under a file: names the cause" has ": Not a directory"
check "out under a file: no false 'cannot remove' (publish.c:remove_at)" \
    hasnt "cannot remove"
check "out under a file: file untouched" test "$(cat "$tmp/file")" = precious

# 5. A read-only parent.  Root writes anywhere, so there it is skipped
# (the folder under a file above stands in for it).
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$tmp/ro"
	site_config "$tmp/ro.ini" "$c" "$TOP/templates" "$tmp/ro/out"
	chmod 555 "$tmp/ro"
	run "$GEN" build -c "$tmp/ro.ini"
	chmod 755 "$tmp/ro"
	check "read-only parent: exit 1" test "$rc" -eq 1
	check "read-only parent: message" has "error: cannot create folder: Permission denied"
	check "read-only parent: nothing written" test -z "$(ls -A "$tmp/ro")"
else
	echo "note: running as root: the read-only parent check is skipped"
fi

# 6. Output folders gen must refuse: ".", "..", "" and a folder of
# someone else's files.
for o in . .. /; do
	site_config "$tmp/dot.ini" "$c" "$TOP/templates" "$o"
	run "$GEN" build -c "$tmp/dot.ini"
	check "out = \"$o\": exit 1" test "$rc" -eq 1
	check "out = \"$o\": refused" has "error: bad output folder \"$o\""
done
mkdir -p "$tmp/mine"
echo notes > "$tmp/mine/notes.txt"
site_config "$tmp/mine.ini" "$c" "$TOP/templates" "$tmp/mine"
run "$GEN" build -c "$tmp/mine.ini"
check "foreign folder: exit 1" test "$rc" -eq 1
check "foreign folder: untouched" test "$(ls -A "$tmp/mine")" = notes.txt
check "all: out/ untouched" untouched

# 7. base_url: an http(s) URL or an absolute path, nothing else (a CR
# wrote raw lines into robots.txt; javascript: reached canonical links).
n=0
for u in 'javascript:alert(1)' $'/a\rSitemap: https://evil.example/' \
    'https://a b/' 'ftp://x.org/' '//evil.example/' 'https://' 'site/' \
    'https:///x' '/a"b' $'/a\tb' 'data:text/html,x'; do
	n=$((n + 1))
	printf '[paths]\ncontent = %s\nout = %s\ntemplates = %s\n[site]\nbase_url = %s\n' \
	    "$c" "$out" "$TOP/templates" "$u" > "$tmp/url.ini"
	run "$GEN" build -c "$tmp/url.ini"
	check "base_url #$n: exit 1 (got $rc)" test "$rc" -eq 1
	check "base_url #$n: file:line and the key" \
	    has "$tmp/url.ini:6: error: bad value for base_url: "
	check "base_url #$n: no raw control character in the message" \
	    sh -c '! LC_ALL=C grep -q "[[:cntrl:]]" "$1"' _ "$tmp/log"
done
check "bad base_url: out/ untouched" untouched
for u in 'https://example.org/site' 'http://localhost:8080' '/' '/sub/dir/' ''; do
	printf '[paths]\ncontent = %s\nout = %s\ntemplates = %s\n[site]\nbase_url = %s\n' \
	    "$c" "$tmp/url-out" "$TOP/templates" "$u" > "$tmp/url.ini"
	run "$GEN" build -c "$tmp/url.ini"
	check "base_url \"$u\": accepted (got $rc)" test "$rc" -eq 0
done
finish
