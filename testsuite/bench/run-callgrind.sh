#!/usr/bin/env bash
# testsuite/bench/run-callgrind.sh — `make bench-callgrind`: the repeatable
# measure of the translator's cost.  For each benchmark program (the four C
# programs of run-bench.sh and Debian's lua5.4 on real/workload.lua) it counts
# the host instructions rvdbt executes under valgrind's callgrind, divided by
# the guest instructions the program runs (from one --stats run: the same
# count under every engine).  Unlike a time, the count does not depend on the
# machine's load, so two rvdbt binaries (before and after a change) can be
# compared on a busy host.  Start-up and translation are included: the
# workloads are small (SCALE percent, default 10) so callgrind's ~50x
# slow-down stays bearable.
#
# Usage: run-callgrind.sh RVDBT BUILD_DIR [SCALE] [RVDBT_FLAGS...]
#   e.g. run-callgrind.sh build/rvdbt build 10 --engine=jit --no-fp-writeback
set -u
RVDBT=$1 BUILD=$2 SCALE=${3:-10}
shift $(($# < 3 ? $# : 3))
FLAGS=("$@")
[ ${#FLAGS[@]} -gt 0 ] || FLAGS=(--engine=jit)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$BUILD/bench
SYSROOT=$TOP/build/guests/sysroot
command -v valgrind >/dev/null || { echo "bench-callgrind: valgrind is not installed (apt-get install valgrind)"; exit 2; }
[ -x "$RVDBT" ] || { echo "bench-callgrind: $RVDBT is not an executable"; exit 2; }
for name in intmix memchase fpmath calls; do
  [ -x "$OUT/$name.riscv64" ] || riscv64-linux-gnu-gcc -static -O2 -march=rv64gc -mabi=lp64d -ffp-contract=off \
    -o "$OUT/$name.riscv64" "$TOP/testsuite/bench/$name.c" -lm || exit 2
done
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rvdbt-callgrind.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# count NAME CMD...: "guest host host/guest" for one program
count() {
  local name=$1; shift
  "$RVDBT" run --engine=interp --stats "$@" >/dev/null 2>"$TMP/stats" </dev/null
  local guest; guest=$(sed -n 's/^rvdbt: guest instructions: \([0-9]*\).*/\1/p' "$TMP/stats")
  # --smc-check=all: the translator writes code valgrind must see anew
  valgrind --tool=callgrind --smc-check=all --callgrind-out-file=/dev/null \
    "$RVDBT" run "${FLAGS[@]}" "$@" >/dev/null 2>"$TMP/cg" </dev/null
  local host; host=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$TMP/cg")
  if [ -z "$guest" ] || [ -z "$host" ]; then echo "$name|FAIL|FAIL|n/a"; return; fi
  echo "$name|$guest|$host|$(awk -v h="$host" -v g="$guest" 'BEGIN { printf "%.2f", h / g }')"
}

echo "== callgrind: host instructions per guest instruction, rvdbt run ${FLAGS[*]}, scale $SCALE%"
{
  echo "program|guest insns|host insns|host/guest"
  for name in intmix memchase fpmath calls; do count "$name" "$OUT/$name.riscv64" "$SCALE"; done
  if [ -x "$SYSROOT/usr/bin/lua5.4" ]; then
    count lua5.4 -L "$SYSROOT" "$SYSROOT/usr/bin/lua5.4" "$TOP/testsuite/bench/real/workload.lua" 8
  fi
} | column -t -s'|'
echo "host insns: what callgrind counted in the whole run (start-up and translation included); lua5.4: fannkuch 8"
