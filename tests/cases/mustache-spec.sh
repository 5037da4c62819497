#!/usr/bin/env bash
# The Mustache specification v1.4.2 (tests/mustache-spec): every required
# module and the optional inheritance and dynamic-names modules; lambdas
# are skipped (they need code in the data).  Fails on any failed test.
set -eu
: "${B:=build}"
if [ ! -x "$B/tests/mustache_spec" ]; then
	echo "no $B/tests/mustache_spec: build it with make $B/tests/mustache_spec" >&2
	exit 1
fi
"$B/tests/mustache_spec" tests/mustache-spec
