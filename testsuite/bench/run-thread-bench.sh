#!/usr/bin/env bash
# testsuite/bench/run-thread-bench.sh — part of `make bench`: guest threads.
# Runs testsuite/bench/threads/parallel.c (a fixed amount of work split over
# N threads) at 1 and 2 threads natively, under rvdbt's translator and under
# qemu-riscv64, checks that every run prints the native checksum, and prints
# each one's time and its speed-up from 1 to 2 threads (on a 2-core machine
# shared with other work the ideal is 2.0x).
#
# Usage: run-thread-bench.sh RVDBT_BINARY BUILD_DIR   (BENCH_RUNS=N: best of N, default 3)
set -u
RVDBT=$1
OUT=$2/bench
RUNS=${BENCH_RUNS:-3}
SRC=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$OUT"
riscv64-linux-gnu-gcc -static -O2 -o "$OUT/parallel.riscv64" "$SRC/threads/parallel.c" || exit 2
gcc -static -O2 -o "$OUT/parallel.native" "$SRC/threads/parallel.c" || exit 2
want=$("$OUT/parallel.native" 1)

# best wall time in seconds of RUNS runs of "$@"; empty if a run's output is wrong
best() {
  local b="" t0 t1 out
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s.%N)
    out=$("$@" 2>/dev/null) || return
    t1=$(date +%s.%N)
    [ "$out" = "$want" ] || return
    b=$(echo "$t0 $t1 ${b:-999999}" | awk '{d = $2 - $1; print (d < $3 ? d : $3)}')
  done
  echo "$b"
}

status=0
printf '%-14s %10s %10s %9s\n' "parallel.c" "1 thread" "2 threads" "speed-up"
row() {
  local name=$1; shift
  local t1 t2
  t1=$(best "$@" 1); t2=$(best "$@" 2)
  if [ -z "$t1" ] || [ -z "$t2" ]; then
    printf '%-14s %s\n' "$name" "FAILED (wrong checksum or error)"; status=1; return
  fi
  printf '%-14s %9.3fs %9.3fs %8.2fx\n' "$name" "$t1" "$t2" "$(echo "$t1 $t2" | awk '{print $1 / $2}')"
}
row native "$OUT/parallel.native"
row "rvdbt jit" "$RVDBT" run "$OUT/parallel.riscv64"
if command -v qemu-riscv64 >/dev/null; then row qemu-riscv64 qemu-riscv64 "$OUT/parallel.riscv64"
else echo "qemu-riscv64    n/a (not installed)"; fi
exit $status
