#!/usr/bin/env bash
# slow
# bad-links.sh — content that reaches outside the content folder: a
# symbolic link to /etc/passwd, /proc/self/status or a file beside
# content/ is refused by default (an error naming the file and its
# target; the document is left out; build and check alike), read with
# [build] follow_outside_links = yes; a link inside content/ is always
# read.  And a device (a link to /dev/zero) is read by every command up
# to [limits] file_size only (build read it without a limit).
set -eu
. "$TOP/tests/bad/lib.sh"

c=$tmp/w/content
out=$tmp/w/out
mkdir -p "$c/sub"
printf '一、部分\n1.正常的文件。\n' > "$c/good.txt"
printf '一、子目录\n1.目录里的文件。\n' > "$c/sub/doc.txt"
printf '一、外部\n1.内容外的文件。\n' > "$tmp/w/beside.txt"
ln -s /etc/passwd "$c/passwd.txt"
ln -s /proc/self/status "$c/status.txt"
ln -s ../beside.txt "$c/beside.txt"
ln -s sub/doc.txt "$c/inside.txt"
site_config "$tmp/w/config.ini" "$c" "$TOP/templates" "$out"

# 1. By default: refused, named with the target, left out (an error:
# without --keep-going nothing would be published).
run timeout 60 "$GEN" build -c "$tmp/w/config.ini"
check "build without --keep-going: exit 1 (got $rc)" test "$rc" -eq 1
check "build without --keep-going: nothing published" test ! -e "$out"
run timeout 60 "$GEN" build --keep-going -c "$tmp/w/config.ini"
check "build: exit 1 (got $rc)" test "$rc" -eq 1
check "/etc/passwd link refused, target named" \
    has "$c/passwd.txt: error: symbolic link to /etc/passwd, outside the content folder: left out ([build] follow_outside_links)"
check "/proc link refused" has "$c/status.txt: error: symbolic link to /proc/"
check "link beside content/ refused" \
    has "$c/beside.txt: error: symbolic link to $tmp/w/beside.txt, outside the content folder"
check "good documents built" test -s "$out/good.html"
check "link inside content/ read" test -s "$out/inside.html"
check "no page of the outside files" \
    sh -c '! ls "$1"/passwd.* "$1"/status.* "$1"/beside.* 2>/dev/null | grep -q .' _ "$out"
check "nothing of /etc/passwd published" lacks -r "root:" "$out"
check "no Uid line of /proc published" lacks -r "Uid:" "$out"
run "$GEN" check -c "$tmp/w/config.ini"
check "check: exit 1 (got $rc)" test "$rc" -eq 1
check "check: the same refusal" \
    has "$c/passwd.txt: error: symbolic link to /etc/passwd, outside the content folder"

# 2. Allowed by the option.
site_config "$tmp/w/config.ini" "$c" "$TOP/templates" "$out" \
    $'[build]\nfollow_outside_links = yes'
rm "$c/passwd.txt" "$c/status.txt"
run timeout 60 "$GEN" build -c "$tmp/w/config.ini"
check "allowed: exit 0 (got $rc)" test "$rc" -eq 0
check "allowed: the file beside content/ built" test -s "$out/beside.html"

# 3. A device: read up to the size limit, by build as by check.
ln -s /dev/zero "$c/zero.txt"
site_config "$tmp/w/config.ini" "$c" "$TOP/templates" "$out" \
    $'[build]\nfollow_outside_links = yes\n[limits]\nfile_size = 1M'
# (Under a memory limit: without the bound, build reads until it dies;
# not under ASan or valgrind, which need the address space.)
lim='ulimit -v 4000000;'
case $B in *asan*) lim= ;; esac
[ "${GEN_VALGRIND:-0}" = 1 ] && lim=
for cmd in build check; do
	run sh -c "$lim"' exec timeout 60 "$@"' _ "$GEN" $cmd -c "$tmp/w/config.ini"
	check "$cmd /dev/zero: exit 1, not killed (got $rc)" test "$rc" -eq 1
	check "$cmd /dev/zero: over the limit" \
	    has "$c/zero.txt: error: file is over the limit of 1048576 bytes ([limits] file_size)"
done
run timeout 60 "$GEN" dump --json "$c/zero.txt"
check "dump /dev/zero: over the (default) limit" has "file is over the limit of"
finish
