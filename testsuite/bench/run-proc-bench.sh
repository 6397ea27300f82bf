#!/usr/bin/env bash
# testsuite/bench/run-proc-bench.sh — part of `make bench`: process creation,
# rvdbt (translator) against qemu-riscv64.
#
#   fork+exit    testsuite/bench/procs/spawn.c: 200 forks, each child exits at once
#   fork+exec    100 forks, each child execs a static do-nothing program (procs/true.c)
#   dash 200     Debian's riscv64 dash running a loop that starts that program 200 times
#   bash 200     the same loop in Debian's riscv64 bash
#
# Fairness: qemu-riscv64 without binfmt_misc hands a guest's execve to the host
# kernel, which cannot run a RISC-V program (or runs the HOST's /bin/true, if
# that is the path).  So under qemu the exec'd command is "qemu-riscv64 true",
# a host exec of the emulator, and under rvdbt it is "true", which rvdbt's
# execve runs by executing itself again (syscalls_proc.c): both start the
# emulator once per command.
#
# Each cell: the best of BENCH_RUNS runs (default 3) of wall-clock seconds, and
# the CPU seconds (user + system, the emulator and all its children) of that
# run; on a machine shared with other work the CPU time is the steadier number.
# Every run must print "ok N".
#
# Usage: run-proc-bench.sh RVDBT_BINARY BUILD_DIR
# dash and bash come from build/shells (fetch-guests.sh: libc6 dash bash).
set -u
RVDBT=$1
OUT=$2/bench
RUNS=${BENCH_RUNS:-3}
SRC=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$SRC/../.." && pwd)
SHELLS=$TOP/build/shells/sysroot
mkdir -p "$OUT"
riscv64-linux-gnu-gcc -static -O2 ${GUEST_ARCH:--march=rv64gc -mabi=lp64d} -o "$OUT/spawn.riscv64" "$SRC/procs/spawn.c" &&
  riscv64-linux-gnu-gcc -static -O2 ${GUEST_ARCH:--march=rv64gc -mabi=lp64d} -o "$OUT/true.riscv64" "$SRC/procs/true.c" ||
  { echo "run-proc-bench: cannot build the guest programs" >&2; exit 2; }
if ! command -v qemu-riscv64 >/dev/null; then
  echo "== process creation: SKIPPED: qemu-riscv64 is not installed"
  exit 0
fi
QEMU=$(command -v qemu-riscv64)
SPAWN=$OUT/spawn.riscv64 TRUE=$OUT/true.riscv64
LOOP='i=0; while [ $i -lt 200 ]; do $CMD || exit 1; i=$((i + 1)); done; echo ok $i'

# shellcheck source=testsuite/bench/bench-lib.sh
. "$SRC/bench-lib.sh"

# cell WANT CMD...: "wall cpu" of the best run (by wall time), or FAIL
cell() {
  local want=$1; shift
  local b="" bc="" r t
  for _ in $(seq "$RUNS"); do
    r=$(/usr/bin/time -f '%e %U %S' -o "$OUT/proc-time" timeout -k 5 600 "$@" 2>/dev/null) || { echo FAIL; return; }
    [ "$r" = "$want" ] || { echo FAIL; return; }
    t=$(awk '{ printf "%.2f %.2f", $1, $2 + $3 }' "$OUT/proc-time")
    if [ -z "$b" ] || awk -v t="${t% *}" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=${t% *} bc=${t#* }; fi
  done
  echo "$b $bc"
}
row() {
  local name=$1 want=$2 q r
  q=$(eval "cell '$want' $3"); r=$(eval "cell '$want' $4")
  local qw=${q% *} qc=${q#* } rw=${r% *} rc=${r#* }
  [ "$q" = FAIL ] && qw=FAIL qc=FAIL
  [ "$r" = FAIL ] && rw=FAIL rc=FAIL
  echo "$name|$qw|$rw|$(ratio "$rw" "$qw")|$qc|$rc|$(ratio "$rc" "$qc")"
  summary "$name" qemu "$qw"; summary "$name" jit "$rw"
  summary "$name" qemu-cpu "$qc"; summary "$name" jit-cpu "$rc"
}

echo "== process creation: rvdbt --engine=jit vs qemu-riscv64 (best of $RUNS; wall and CPU seconds)"
rows=$OUT/proc-rows
echo "workload|qemu wall|rvdbt wall|rvdbt/qemu|qemu cpu|rvdbt cpu|rvdbt/qemu cpu" >"$rows"
{
  row "fork+exit x200" "ok 200" '"$QEMU" "$SPAWN" fork 200' '"$RVDBT" run "$SPAWN" fork 200'
  row "fork+exec x100" "ok 100" '"$QEMU" "$SPAWN" exec 100 "$QEMU" "$TRUE"' '"$RVDBT" run "$SPAWN" exec 100 "$TRUE"'
  if [ -x "$SHELLS/usr/bin/dash" ] && [ -x "$SHELLS/usr/bin/bash" ]; then
    for sh in dash bash; do
      row "$sh: 200 commands" "ok 200" \
        'env CMD="$QEMU $TRUE" "$QEMU" -L "$SHELLS" "$SHELLS/usr/bin/'$sh'" -c "$LOOP"' \
        'env CMD="$TRUE" "$RVDBT" run -L "$SHELLS" "$SHELLS/usr/bin/'$sh'" -c "$LOOP"'
    done
  else
    echo "(no riscv64 dash and bash in $SHELLS: the shell rows are left out)" >&2
  fi
} >>"$rows"
print_table <"$rows"
grep -q FAIL "$rows" && status=1
echo "X/Y: how many times the time of X is Y's; cpu: user + system seconds of the emulator and its children"
[ "$status" = 0 ] || echo "!!! a process-creation run failed or printed the wrong count"
exit "$status"
