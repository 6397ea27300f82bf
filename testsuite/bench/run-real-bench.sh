#!/usr/bin/env bash
# testsuite/bench/run-real-bench.sh — the second half of `make bench`: real
# Debian riscv64 programs (from testsuite/fetch-guests.sh) as workloads.
#
#   lua       lua5.4 running testsuite/bench/real/workload.lua
#   sqlite3   sqlite3 running testsuite/bench/real/workload.sql on a new file database
#   gzip      busybox gzip -9 of 4 MiB of text
#   startup   20 starts of a static hello world (the emulator's own start-up cost)
#   startup-dyn  20 starts of a dynamic hello world (loader and libc from the sysroot)
#
# Each runs under qemu-riscv64 (the oracle: the other runs must print what it
# prints), the interpreter, the translator, and natively with the host's amd64
# build of the same program when Debian's package is installed (lua5.4,
# sqlite3, busybox: install-deps.sh installs them).  The native programs are
# Debian 12's versions while the guests are trixie's, so the native column is a
# yardstick, not the same code; its output is not compared.
#
# Usage: run-real-bench.sh RVDBT_BINARY BUILD_DIR
# Environment: BENCH_RUNS, BENCH_BUDGET, BENCH_TIMEOUT as for run-bench.sh;
#              BENCH_LUA_N (fannkuch size, default 9).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 RVDBT_BINARY BUILD_DIR" >&2
  exit 2
fi
RVDBT=$1
BUILD=$2
RUNS=${BENCH_RUNS:-3}
BUDGET=${BENCH_BUDGET:-60}
TIMEOUT=${BENCH_TIMEOUT:-900}
LUA_N=${BENCH_LUA_N:-9}
SRC=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$SRC/../.." && pwd)
SYSROOT=$TOP/build/guests/sysroot
OUT=$BUILD/bench
TMP=$(mktemp -d "${TMPDIR:-/tmp}/rvdbt-real-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# shellcheck source=testsuite/bench/bench-lib.sh
. "$SRC/bench-lib.sh"

if [ ! -f "$SYSROOT/.rvdbt-packages" ]; then
  echo "== real workloads: SKIPPED: no Debian riscv64 sysroot in $SYSROOT (make fetch-guests failed: no network?)"
  exit 0
fi
if ! command -v qemu-riscv64 >/dev/null; then
  echo "== real workloads: SKIPPED: qemu-riscv64 (the oracle for these programs) is not installed"
  exit 0
fi

mkdir -p "$OUT"
riscv64-linux-gnu-gcc -static -O2 -o "$OUT/hello.riscv64" "$SRC/real/hello.c" &&
  gcc -static -O2 -o "$OUT/hello.native" "$SRC/real/hello.c" &&
  riscv64-linux-gnu-gcc -O2 -o "$OUT/hello-dyn.riscv64" "$SRC/real/hello.c" &&
  gcc -O2 -o "$OUT/hello-dyn.native" "$SRC/real/hello.c" || { echo "run-real-bench: cannot build hello" >&2; exit 2; }
# 4 MiB of compressible text, made by host tools
seq 1 400000 | awk '{ printf "%d %x %s\n", $1 * 7919 % 100003, $1, ($1 % 3 ? "even" : "odd") }' |
  head -c 4194304 >"$TMP/gzip-input.txt"

RV=$SYSROOT/usr/bin
# Runners that go in front of a command (plain sh, so `timeout` can run them):
# 20 starts one after the other (the start-up workload), and a new, empty
# database file for every sqlite3 run.
STARTS=(sh -c 'i=0; while [ $i -lt 20 ]; do "$@" >/dev/null || exit 1; i=$((i + 1)); done; echo ok' sh)
FRESH_DB=(sh -c 'rm -f "$1"; shift; exec "$@"' sh "$TMP/bench.db")

# workload NAME NATIVE_CMD... -- GUEST_CMD...   (guest command without the emulator)
declare -A results
names=""
workload() {
  local name=$1; shift
  local native=() guest=()
  while [ "$1" != -- ]; do native+=("$1"); shift; done
  shift
  guest=("$@")
  names="$names $name"
  local runner=()
  [ "$name" = sqlite3 ] && runner=("${FRESH_DB[@]}")
  [ "$name" = startup ] || [ "$name" = startup-dyn ] && runner=("${STARTS[@]}")
  if [ -n "${native[0]}" ] && command -v "${native[0]}" >/dev/null; then
    measure "$name native" "" "${runner[@]}" "${native[@]}"
    results[$name,native]=$best results[$name,native-cpu]=$best_cpu
  else
    results[$name,native]=n/a
  fi
  measure "$name qemu-riscv64" "" "${runner[@]}" qemu-riscv64 -L "$SYSROOT" "${guest[@]}"
  results[$name,qemu]=$best results[$name,qemu-cpu]=$best_cpu
  local expected=$out
  [ "$best" = FAIL ] && expected=""
  for engine in interp jit; do
    measure "$name rvdbt --engine=$engine" "$expected" "${runner[@]}" "$RVDBT" run --engine=$engine -L "$SYSROOT" "${guest[@]}"
    results[$name,$engine]=$best results[$name,$engine-cpu]=$best_cpu
  done
  echo "$name: native ${results[$name,native]}, qemu ${results[$name,qemu]}, interp ${results[$name,interp]}, jit ${results[$name,jit]}"
  for key in native qemu interp jit native-cpu qemu-cpu interp-cpu jit-cpu; do summary "$name" "$key" "${results[$name,$key]:-n/a}"; done
  if [ "$name" = lua ]; then   # code expansion, from one more run with --stats
    "${runner[@]}" "$RVDBT" run --engine=jit --stats -L "$SYSROOT" "${guest[@]}" >/dev/null 2>"$TMP/stats" </dev/null
    summary "$name" expansion "$(sed -n 's/^rvdbt: of the host bytes.*(without them: \([0-9.]*\)x).*/\1/p' "$TMP/stats" | head -1)"
  fi
}

echo "== real workloads: Debian trixie riscv64 programs from $SYSROOT; native: the host's Debian packages"
echo "== best of $RUNS run(s) (no more repeats once a cell has used ${BUDGET} s)"
workload lua lua5.4 "$SRC/real/workload.lua" "$LUA_N" -- "$RV/lua5.4" "$SRC/real/workload.lua" "$LUA_N"
workload sqlite3 sqlite3 "$TMP/bench.db" ".read $SRC/real/workload.sql" -- "$RV/sqlite3" "$TMP/bench.db" ".read $SRC/real/workload.sql"
MEASURE_DIGEST=1 workload gzip busybox gzip -9 -c "$TMP/gzip-input.txt" -- "$RV/busybox" gzip -9 -c "$TMP/gzip-input.txt"
workload startup "$OUT/hello.native" -- "$OUT/hello.riscv64"
workload startup-dyn "$OUT/hello-dyn.native" -- "$OUT/hello-dyn.riscv64"

echo
{
  echo "workload|native s|qemu s|interp s|jit s|qemu/native|jit/native|jit/qemu|interp/jit"
  for name in $names; do
    n=${results[$name,native]} q=${results[$name,qemu]} i=${results[$name,interp]} j=${results[$name,jit]}
    echo "$name|$n|$q|$i|$j|$(ratio "$q" "$n")|$(ratio "$j" "$n")|$(ratio "$j" "$q")|$(ratio "$i" "$j")"
  done
} | print_table
echo
echo "times: best wall-clock seconds; startup (static hello) and startup-dyn (dynamic hello, with the sysroot's loader and libc) are 20 starts (divide by 20 for one); X/Y: how many times slower X is than Y"
echo "native: $(lua5.4 -v 2>&1 | head -1); sqlite3 $(sqlite3 --version 2>/dev/null | cut -d' ' -f1); $(busybox 2>&1 | head -1 | cut -d' ' -f1-2)"
if [ $status -ne 0 ]; then
  echo
  echo "!!! REAL-WORKLOAD RESULTS ARE WRONG OR RUNS FAILED:"
  printf '%b\n' "$mismatches" | sed '/^$/d'
  exit 1
fi
exit 0
