#!/usr/bin/env bash
# docs/labs/lab5/check.sh — the checker of lab 5 (`make lab5-check`): does the
# translator fuse `lui rd, hi; jalr rl, lo(rd)` into one direct, chainable exit?
#
# Usage: check.sh RVDBT LAB5_ELF
#
# It runs the lab's guest program (docs/labs/lab5/lab5_jumps.S: a million rounds of
# three lui+jalr jumps and one ret, checking the link and lui's register itself)
# and checks, step by step:
#   1. the program is right under every engine: interp, jit, check, jit --no-fusion;
#   2. --explain shows the three lui+jalr pairs fused;
#   3. --stats counts one indirect jump a round (the ret), not four: the fused
#      jumps no longer probe the jump cache;
#   4. `rvdbt compare` runs every configuration and they agree; its table shows
#      what the fusion buys (jit against jit --no-fusion).
# It prints PASS or FAIL for each step and stops at the first failure.
# Output for graders: LAB_FORMAT=json or LAB_FORMAT=junit (see ../checker-lib.sh).
# Exit status: 0 if every step passes, 1 otherwise, 2 for a bad command line.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT LAB5_ELF" >&2; exit 2; fi
RVDBT=$1 ELF=$2
ROUNDS=1000000
WANT="lab5: $ROUNDS rounds, sum $((8 * ROUNDS))"
# shellcheck source=../checker-lib.sh
. "$(dirname "$0")/../checker-lib.sh"
lab_begin 5 7 docs/labs/lab5-fuse-a-jump.md

# indirect: the "indirect jumps: N" count of the last run_user --stats
indirect() { sed -n 's/^rvdbt: indirect jumps: \([0-9]*\),.*/\1/p' <<<"$err"; }

step "1: every engine runs the program right"
runs_right " (a fused pair must leave the link and lui's register as the two instructions would)" \
  "--engine=interp" "--engine=jit" "--engine=check" "--engine=jit --no-fusion"

step "2: --explain shows the pairs fused"
run_user --engine=jit --explain
fused=$(awk '/^  [0-9a-f]+: lui t1,/ { pc = $1; next }
             pc != "" && /; fused: this instruction and the next/ { print pc }
             { pc = "" }' "$TMP/err" | sort -u | wc -l)
if [ "$fused" -ge 3 ]; then pass "the 3 lui t1 + jalr pairs are fused"
else fail "$fused of the 3 lui+jalr pairs are fused: lab5_fuse_lui_jalr() in translator/lab5_fusion.c still says 0 (not optimised)" \
          "$(grep -A1 -E '^  [0-9a-f]+: lui t1,' "$TMP/err" | head -4 | paste -sd' ')"; fi

step "3: the fused jumps do not probe the jump cache"
run_user --engine=jit --stats
jit=$(indirect)
run_user --engine=jit --no-fusion --stats
nofusion=$(indirect)
# by hand: 4 indirect jumps a round unfused (call, ret, 2 jumps), 1 fused (the ret)
if [ -z "$jit" ] || [ -z "$nofusion" ] || [ "$nofusion" -lt $((39 * ROUNDS / 10)) ]; then
  fail "--stats does not count about 4 indirect jumps a round with --no-fusion (got '${nofusion:-none}')" "$err"
elif [ "$jit" -le $((ROUNDS + ROUNDS / 100)) ]; then
  pass "indirect jumps: $jit with the fusion (the ret of each round), $nofusion with --no-fusion"
else
  fail "indirect jumps: $jit with the fusion, $nofusion without: want one a round (the ret), about $ROUNDS"
fi

step "4: rvdbt compare"
{ timeout -k 2 120 "$RVDBT" compare "$ELF" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?; } 2>/dev/null
row() { awk -v c="$1" 'substr($0, 1, 22) == sprintf("%-22s", c) { print $4 " (" $3 " MIPS)" }' "$TMP/out"; }
if [ "$rc" = 0 ] && grep -q '^all runs agree' "$TMP/out"; then
  pass "every configuration agrees; speed-up jit $(row jit), jit --no-fusion $(row 'jit --no-fusion')"
else
  fail "rvdbt compare: status $rc" "$(head -c 600 "$TMP/out") $(head -c 300 "$TMP/err")"
fi

lab_done 'lui+jalr is one direct, chainable exit'
