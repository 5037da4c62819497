#!/usr/bin/env bash
# parse-spec.sh — the example tests of docs/parsing.md: every example of
# tests/spec/*.spec runs through gen dump --json (tests/tools/spec.py),
# and every rule docs/parsing.md defines (a "Rule: <id>" line) must have
# an example, every example name such a rule.  The runner's last line is
# "N passed, N failed".
set -eu

if ! command -v python3 >/dev/null; then
	echo "python3 is not installed (make deps)"
	exit 1
fi
cd "$TOP"
exec python3 tests/tools/spec.py --gen "$GEN" --rules docs/parsing.md tests/spec/*.spec
