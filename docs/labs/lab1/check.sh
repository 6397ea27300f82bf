#!/usr/bin/env bash
# docs/labs/lab1/check.sh — the checker of lab 1 (`make lab1-check`): are Zbkb's pack and
# packh in rvdbt, first in the interpreter, then in the translator?
#
# Usage: check.sh RVDBT LAB1_ELF
#
# It runs the lab's guest program (docs/labs/lab1/lab1_pack.S, whose expected values
# are worked out by hand from the specification) and checks, step by step:
#   1. the interpreter runs it and every case passes;
#   2. the disassembler prints the new instructions as objdump would with Zbkb;
#   3. the translator (and the check engine, and --no-regcache) runs it too;
#   4. the translator emits them inline: under --explain, no pack/packh line is
#      followed by a call into the interpreter.
# It prints PASS or FAIL for each step and stops at the first failure.
# Output for graders: LAB_FORMAT=json or LAB_FORMAT=junit (see ../checker-lib.sh).
# Exit status: 0 if every step passes, 1 otherwise, 2 for a bad command line.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT LAB1_ELF" >&2; exit 2; fi
RVDBT=$1 ELF=$2
WANT="lab1: all 20 cases pass"
# shellcheck source=../checker-lib.sh
. "$(dirname "$0")/../checker-lib.sh"
lab_begin 1 6 docs/labs/lab1-add-an-instruction.md

step "1: the interpreter"
run_user --engine=interp
if [ "$rc" = 0 ] && [ "$out" = "$WANT" ]; then pass "rvdbt run --engine=interp: $out"
elif [[ "$err" == *SIGILL* ]]; then fail "the interpreter does not know pack/packh yet" "$err"
else fail "rvdbt run --engine=interp: status $rc" "${out:-$err}"; fi

step "2: the disassembler"
run_user --engine=jit --explain
missing=""
for want in "pack a2,a0,a1" "packh a2,a0,a1" "pack a0,a0,a1" "packh a1,a0,a1" "pack a0,a0,a0" "pack a2,zero,a1" \
            "packh a2,a1,zero" "pack zero,a0,a1" "pack t4,s3,s3"; do
  grep -qE "^  [0-9a-f]+: $want\$" "$TMP/err" || missing="$missing [$want]"
done
if [ -z "$missing" ]; then pass "--explain lists pack and packh as objdump would"
else fail "these instructions are not disassembled as expected:$missing" \
          "$(grep -E '^  [0-9a-f]+: (\.4byte|pack)' "$TMP/err" | head -3)"; fi

step "3: the translator"
runs_right "" "--engine=jit" "--engine=check" "--engine=jit --no-regcache"

step "4: translated inline, not through the interpreter"
run_user --engine=jit --explain
# the label --explain prints over a helper call into the interpreter
helper_calls=$(awk '/^  [0-9a-f]+: packh? / { cur = $0; next }
                    /^  [0-9a-f]+: / { cur = "" }
                    /^== block/ { cur = "" }
                    cur != "" && /not translated inline: the interpreter runs it/ { print cur }' "$TMP/err" | sort -u)
count=$(grep -cE '^  [0-9a-f]+: packh? ' "$TMP/err")
if [ "$count" -ge 9 ] && [ -z "$helper_calls" ]; then pass "all $count pack/packh lines have inline x86 code"
else fail "pack/packh still run through the interpreter (lower_via_interpreter) at:" "$(echo $helper_calls | head -c 300)"; fi

lab_done 'pack and packh work in the interpreter and the translator'
