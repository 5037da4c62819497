#!/usr/bin/env bash
# slow
# hostile-output.sh — [limits] output (issue 16, finding 15): a template
# whose nested sections multiply its output (ten items nine deep: 2 GB)
# stops at the limit with "T:L:C: error: output over the limit of N bytes
# ([limits] output)" and exit 1, in `gen render` and in `gen build` (which
# then leaves out/ as it was); the default limit (256M) holds too, under a
# memory limit (skipped under valgrind and ASan).
set -eu
. "$TOP/tests/bad/lib.sh"

printf '%s' '{"a":[0,1,2,3,4,5,6,7,8,9]}' > "$tmp/ten.json"
python3 -c "print('{{#a}}' * 9 + 'xx' + '{{/a}}' * 9)" > "$tmp/deep.mustache"
printf '[limits]\noutput = 1M\n' > "$tmp/limit.ini"
# capped CMD...: CMD writing files of at most 16 MB (a gen without the
# limit would fill the disk with the log; it dies of SIGXFSZ instead).
capped() { bash -c 'ulimit -f 16384 && exec "$@"' _ "$@"; }

# 1. gen render -c: 1M.
run capped timeout 60 "$GEN" render -c "$tmp/limit.ini" "$tmp/deep.mustache" "$tmp/ten.json"
check "render, output = 1M: exit 1 (got $rc)" test "$rc" -eq 1
check "render, output = 1M: template, tag and limit named" \
    has "deep.mustache:1:55: error: output over the limit of 1048576 bytes ([limits] output)"
check "render, output = 1M: nothing on standard output" \
    test "$(grep -c xxxx "$tmp/log")" -eq 0

# 2. The default limit, without a configuration: 256M, then exit 1 (not
#    out of memory, not killed).
if [ "${GEN_VALGRIND:-0}" = 1 ] || case $B in *asan*) true ;; *) false ;; esac; then
	echo "note: the 256M render is skipped under valgrind and ASan"
else
	run timeout 120 sh -c 'ulimit -v 2097152 && exec "$@" > /dev/null' _ \
	    "$GEN" render "$tmp/deep.mustache" "$tmp/ten.json"
	check "render, default limit: exit 1 (got $rc)" test "$rc" -eq 1
	check "render, default limit: 268435456 bytes named" \
	    has "error: output over the limit of 268435456 bytes ([limits] output)"
fi

# 3. A bad value is a config error.
printf '[limits]\noutput = 0\n' > "$tmp/zero.ini"
run capped timeout 60 "$GEN" render -c "$tmp/zero.ini" "$tmp/deep.mustache" "$tmp/ten.json"
check "output = 0: exit 1 (got $rc)" test "$rc" -eq 1
check "output = 0: bad value named" has 'bad value for output: "0"'

# 4. gen build: index.mustache nests {{#docs}} 15 deep over four
#    documents (4^15 lines); the build fails, out/ stays as it was.
c=$tmp/content
mkdir -p "$c"
for i in 1 2 3 4; do cp "$BAD/good/plan.txt" "$c/p$i.txt"; done
cp -r "$TOP/templates" "$tmp/t"
out=$tmp/site/out
site_config "$tmp/config.ini" "$c" "$tmp/t" "$out" "[limits]
output = 1M"
run capped timeout 60 "$GEN" build -c "$tmp/config.ini"
check "build with the good templates: exit 0 (got $rc)" test "$rc" -eq 0
cp -a "$out" "$tmp/before"
python3 - "$tmp/t/index.mustache" <<'EOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
s = s.replace("{{#docs}}", "{{#docs}}" * 15 + "x" + "{{/docs}}" * 14, 1)
open(p, "w", encoding="utf-8").write(s)
EOF
run capped timeout 60 "$GEN" build -c "$tmp/config.ini"
check "build, index over 1M: exit 1 (got $rc)" test "$rc" -eq 1
check "build, index over 1M: template and limit named" \
    has "index.mustache:"
check "build, index over 1M: the message" \
    has ": error: output over the limit of 1048576 bytes ([limits] output)"
check "build, index over 1M: out/ left as it was" same_tree "$tmp/before" "$out"

finish
