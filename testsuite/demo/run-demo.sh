#!/usr/bin/env bash
# testsuite/demo/run-demo.sh — what `make demo` shows: a real C program (static glibc,
# built for riscv64) running under rvdbt's translator with statistics, then the same
# run under the interpreter, and one line comparing the two engines.
# Usage: run-demo.sh RVDBT DEMO_ELF [N]
#
# Both runs write the guest's stdout to a file: glibc buffers a terminal by line
# and a file by block, so the guest itself runs a different number of
# instructions when one run prints to the terminal and the other does not.
set -eu
RVDBT=$1 DEMO=$2 N=${3:-5000000}
T=${TMPDIR:-/tmp}/rvdbt-demo.$$
echo "== rvdbt run --stats $DEMO $N        (translator, the default engine)"
"$RVDBT" run --stats "$DEMO" "$N" >"$T.jit.out" 2>"${TMPDIR:-/tmp}/rvdbt-demo-jit.txt"
cat "$T.jit.out" "${TMPDIR:-/tmp}/rvdbt-demo-jit.txt"
echo
echo "== rvdbt run --engine=interp --stats $DEMO $N        (interpreter)"
"$RVDBT" run --engine=interp --stats "$DEMO" "$N" >"$T.interp.out" 2>"${TMPDIR:-/tmp}/rvdbt-demo-interp.txt"
grep -E "guest instructions|run time" "${TMPDIR:-/tmp}/rvdbt-demo-interp.txt"
cmp -s "$T.jit.out" "$T.interp.out" || { echo "demo: the two engines printed different output" >&2; exit 1; }
rm -f "$T.jit.out" "$T.interp.out"
t_jit=$(sed -n 's/.*run time: \([0-9.]*\) s.*/\1/p' "${TMPDIR:-/tmp}/rvdbt-demo-jit.txt")
t_int=$(sed -n 's/.*run time: \([0-9.]*\) s.*/\1/p' "${TMPDIR:-/tmp}/rvdbt-demo-interp.txt")
echo
awk -v j="$t_jit" -v i="$t_int" 'BEGIN { printf "== same program, same output: interpreter %.3f s, translator %.3f s: the translator is %.1fx faster\n", i, j, (j > 0 ? i / j : 0) }'
rm -f "${TMPDIR:-/tmp}/rvdbt-demo-jit.txt" "${TMPDIR:-/tmp}/rvdbt-demo-interp.txt"
