#!/usr/bin/env bash
# testsuite/isa/run-qemu.sh — builds every ISA test in testsuite/isa/ and runs it under
# qemu-riscv64, the oracle for the expected values written in the tests.
#
# Usage: testsuite/isa/run-qemu.sh [BUILD_DIR]     (default /tmp/isa-build)
#
# Each program must print exactly "PASS <name>" and exit 0.  Programs named fault_*
# are probes that must die with the signal named by the "EXPECT-SIGNAL: N" line in
# their source (4 = SIGILL if there is none) and print nothing.
# Prints one line per program and a final "N passed, N failed" line; the exit status
# is 0 only if nothing failed.
set -u
OUT=${1:-/tmp/isa-build}
SRC=$(cd "$(dirname "$0")" && pwd)
CC=${GUEST_CC:-riscv64-linux-gnu-gcc}
QEMU=${QEMU:-qemu-riscv64}
FLAGS="-static -nostdlib -nostartfiles ${GUEST_ARCH:--march=rv64gc -mabi=lp64d} -O2 -I $SRC"
mkdir -p "$OUT" || exit 1

passed=0 failed=0
for src in "$SRC"/*.S "$SRC"/*.c; do
  [ -e "$src" ] || continue
  name=$(basename "${src%.*}")
  elf=$OUT/$name.elf
  # shellcheck disable=SC2086
  if ! $CC $FLAGS -o "$elf" "$src" 2>"$OUT/$name.log"; then
    printf 'FAIL %s: does not build (see %s)\n' "$name" "$OUT/$name.log"
    failed=$((failed + 1)); continue
  fi
  { out=$(timeout -k 2 20 "$QEMU" "$elf" 2>"$OUT/$name.err" </dev/null); rc=$?; } 2>/dev/null
  case "$name" in
    fault_*)
      sig=$(sed -n 's/.*EXPECT-SIGNAL: *\([0-9]*\).*/\1/p' "$src" | head -n 1)
      sig=${sig:-4}
      if [ "$rc" = $((128 + sig)) ] && [ -z "$out" ]; then
        printf 'PASS %s (killed by SIG%s, as expected)\n' "$name" "$(kill -l "$sig")"; passed=$((passed + 1))
      else
        printf 'FAIL %s: expected death by SIG%s (status %d) and no output, got status %s, stdout: %s\n' \
          "$name" "$(kill -l "$sig")" $((128 + sig)) "$rc" "${out:0:200}"; failed=$((failed + 1))
      fi ;;
    *)
      if [ "$rc" = 0 ] && [ "$out" = "PASS $name" ]; then
        printf '%s\n' "$out"; passed=$((passed + 1))
      else
        printf 'FAIL %s: status %s, stdout: %s\n' "$name" "$rc" "${out:0:200}"; failed=$((failed + 1))
      fi ;;
  esac
done
printf '%d passed, %d failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
