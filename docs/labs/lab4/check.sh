#!/usr/bin/env bash
# docs/labs/lab4/check.sh — the checker of lab 4 (`make lab4-check`): does the
# system-mode MMU translate Sv48 (four levels, 48-bit virtual addresses)?
#
# Usage: check.sh RVDBT LAB4_ELF
#
# It boots the lab's bare-metal program (docs/labs/lab4/lab4_sv48.c, which passes
# under qemu-system-riscv64 -M virt, whose harts have Sv48) with
# `rvdbt system -bios none -kernel LAB4_ELF` and checks, step by step:
#   1. satp keeps MODE 9 (Sv48) when it is written;
#   2. the walk goes through four levels (a 4 KiB page, A and D updated);
#   3. a leaf at level 3 (512 GiB) works, and its alignment is checked;
#   4. the canonical-address rule is Sv48's (bits 63:48 = bit 47), and Sv39
#      still works as before;
#   5. the same under the translator (--engine=jit) and the check engine.
# It prints PASS or FAIL for each step and stops at the first failure.
# Output for graders: LAB_FORMAT=json or LAB_FORMAT=junit (see ../checker-lib.sh).
# Exit status: 0 if every step passes, 1 otherwise, 2 for a bad command line.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT LAB4_ELF" >&2; exit 2; fi
RVDBT=$1 ELF=$2
# shellcheck source=../checker-lib.sh
. "$(dirname "$0")/../checker-lib.sh"
lab_begin 4 7 docs/labs/lab4-virtual-memory.md

boot interp
step "1: satp"
has 1 || fail "a write of satp with MODE = 9 (Sv48) does not stay: cpu/csr_priv.c ignores modes it does not know" "$out"
pass "satp holds MODE 9"
has 2 || fail "with Sv48 on, S-mode cannot even run its own code (the identity 1 GiB page under VPN[3] 0)" "$out"
pass "the program runs under Sv48"

step "2: four levels"
has 3 || fail "a load at 0x8000001000 (VPN[3] = 1) does not reach the 4 KiB page four levels down" "$out"
pass "a 4 KiB page, four levels down"
{ has 4 && has 5; } || fail "A and D are not updated in the leaf PTE as for Sv39" "$out"
pass "A and D"

step "3: the 512 GiB leaf"
{ has 6 && has 7; } || fail "a leaf at level 3 is not a 512 GiB page, or its PPN alignment is not checked" "$out"
pass "a terapage, aligned or refused"

step "4: canonical addresses"
{ has 8 && has 9; } || fail "the canonical rule is not Sv48's: bits 63:48 must equal bit 47" "$out"
has 10 || fail "Sv39 no longer works as before (0x8000001000 must fault under Sv39)" "$out"
[[ "$out" == *"PASS lab4"* ]] && [ "$rc" = 0 ] || fail "the program did not finish (status $rc)" "$out $err"
pass "Sv48's rule, and Sv39 unchanged"

step "5: the translator and the check engine"
for engine in jit check; do
  boot "$engine"
  [[ "$out" == *"PASS lab4"* ]] && [ "$rc" = 0 ] || fail "under --engine=$engine the program fails (status $rc)" "$out $err"
done
pass "--engine=jit and --engine=check agree"
lab_done 'rvdbt translates Sv48'
