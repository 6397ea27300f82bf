#!/usr/bin/env bash
# testsuite/run-tests.sh — runs every rvdbt test and prints one summary line.
#
# Usage: run-tests.sh BUILD_DIR GUEST_DIR   (the Makefile's `make test` calls it)
#        TESTS='20 60' run-tests.sh ...      runs only the groups whose file names
#                                             start with one of these prefixes
#
# Each test reports PASS, FAIL or SKIP (with the reason) on its own line; the
# last line is "N passed, N failed, N skipped".  The exit status is 0 only if
# nothing failed.  Test groups live in testsuite/tests/*.sh; each is sourced
# here and uses the pass/fail/skip functions below.
set -u
BUILD=${1:-build}
GUEST=${2:-build/guest}
RVDBT=$BUILD/rvdbt
TOP=$(cd "$(dirname "$0")/.." && pwd)
cd "$TOP" || exit 1
export BUILD GUEST RVDBT TOP
# rvdbt system opens a window when DISPLAY is set: tests that want one set it themselves
unset DISPLAY WAYLAND_DISPLAY

# (the counters' names are the runner's own: a group is sourced, and a group that set
# "passed" once reset the count)
RT_PASSED=0 RT_FAILED=0 RT_SKIPPED=0
TMP=$(mktemp -d /tmp/rvdbt-test.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
export TMP

pass() { RT_PASSED=$((RT_PASSED + 1)); printf 'PASS %s\n' "$1"; }
fail() { RT_FAILED=$((RT_FAILED + 1)); printf 'FAIL %s: %s\n' "$1" "${2:-}"; }
skip() { RT_SKIPPED=$((RT_SKIPPED + 1)); printf 'SKIP %s: %s\n' "$1" "$2"; }

# Runs a command with a time limit so that a hang is a failure, not a stuck CI.
# Usage: run_limited SECONDS cmd...   (sets $rc, $out, $err)
run_limited() {
  local secs=$1; shift
  # (the group's stderr goes to /dev/null so bash does not announce a guest killed by a signal)
  { timeout -k 5 "$secs" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?; } 2>/dev/null
  out=$(tr -d '\0' <"$TMP/out")  # (binary output: drop NUL bytes, which bash cannot hold)
  err=$(cat "$TMP/err")
}

# A bad input must end with exactly one line on stderr (containing WANT_TEXT) and the
# status WANT_STATUS: never a crash or a hang.
# Usage: expect_error NAME WANT_STATUS WANT_TEXT cmd...
expect_error() {
  local name=$1 want=$2 text=$3; shift 3
  run_limited 20 "$@"
  local lines
  lines=$(printf '%s\n' "$err" | grep -c .)
  if [ "$rc" = "$want" ] && [ "$lines" = 1 ] && [[ "$err" == *"$text"* ]]; then pass "$name"
  else fail "$name" "want status $want and one line with '$text'; got $rc, ${lines} lines: ${err:0:300}"; fi
}

for group in testsuite/tests/*.sh; do
  if [ -n "${TESTS:-}" ]; then
    want=0
    for prefix in $TESTS; do [[ $(basename "$group") == "$prefix"* ]] && want=1; done
    [ "$want" = 1 ] || continue
  fi
  printf '== %s\n' "$(basename "$group" .sh)"
  group_start=$SECONDS
  # shellcheck source=/dev/null
  . "$group"
  # (what each group costs: CI's whole run must stay well under its time limit)
  printf -- '-- %s: %d s\n' "$(basename "$group" .sh)" $((SECONDS - group_start))
done

printf '%d passed, %d failed, %d skipped\n' "$RT_PASSED" "$RT_FAILED" "$RT_SKIPPED"
[ "$RT_FAILED" = 0 ]
