#!/usr/bin/env bash
# docs/labs/lab3/measure.sh — host instructions executed by each translator configuration
# (`make lab3-measure`), counted by valgrind's callgrind.
#
# Usage: measure.sh RVDBT PROGRAM [ARGS...]
#
# Wall time on a shared machine varies from run to run; the number of host (x86)
# instructions the CPU executes does not, or hardly: it is what an optimisation
# saves, without the noise.  callgrind counts every instruction of the process —
# rvdbt's own C code, the translator, and the translated code.  rvdbt writes
# code (block chaining patches jumps) through a second mapping of the code
# cache, which valgrind cannot connect to the one it runs: rvdbt tells it
# with a client request (code_cache_changed() in translator/code_cache.c).
#
# Prints a table: configuration, host instructions, host instructions per guest
# instruction, and the ratio to the plain translator.  Exit status 0, or 1 if a
# run failed, or 2 for a bad command line or a missing valgrind.
set -u
if [ $# -lt 2 ]; then echo "usage: $0 RVDBT PROGRAM [ARGS...]" >&2; exit 2; fi
RVDBT=$1; shift
if ! command -v valgrind >/dev/null; then
  echo "lab3: valgrind is not installed (apt-get install valgrind)" >&2
  exit 2
fi
TMP=$(mktemp -d "${TMPDIR:-/tmp}/lab3-measure.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

configs=("jit" "jit --no-chain" "jit --no-regcache" "jit --no-inline-tlb")
printf 'host instructions executed (valgrind --tool=callgrind), program: %s\n' "$*"
printf '%-22s %18s %22s %8s\n' "configuration" "host instructions" "per guest instruction" "vs jit"
base=""
for cfg in "${configs[@]}"; do
  opts=${cfg#jit}
  # shellcheck disable=SC2086
  timeout 300 valgrind --tool=callgrind --smc-check=all --callgrind-out-file=/dev/null \
      "$RVDBT" run --stats $opts "$@" >/dev/null 2>"$TMP/err" </dev/null
  rc=$?
  host=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' "$TMP/err")
  guest=$(sed -n 's/^rvdbt: guest instructions: \([0-9]*\)$/\1/p' "$TMP/err")
  if [ -z "$host" ] || [ -z "$guest" ] || [ "$guest" = 0 ]; then
    echo "lab3: the run '$cfg' failed (status $rc): $(grep -v '^==[0-9]*== ' "$TMP/err" | head -2)" >&2
    exit 1
  fi
  [ -n "$base" ] || base=$host
  awk -v c="$cfg" -v h="$host" -v g="$guest" -v b="$base" \
      'BEGIN { printf "%-22s %18d %22.2f %7.2fx\n", c, h, h / g, h / b }'
done
