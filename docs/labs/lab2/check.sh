#!/usr/bin/env bash
# docs/labs/lab2/check.sh — the checker of lab 2 (`make lab2-check`): does the machine
# have a Goldfish real-time clock, described in its device tree, that tells the time?
#
# Usage: check.sh RVDBT LAB2_ELF
#
# It boots the lab's bare-metal program (docs/labs/lab2/lab2_rtc.c, which passes
# under qemu-system-riscv64 -M virt, whose board has this device) with
# `rvdbt system -bios none -kernel LAB2_ELF` and checks, step by step:
#   1. the device tree has a node compatible with "google,goldfish-rtc";
#   2. its reg is <0x101000 0x1000> and the registers answer (no access fault);
#   3. the time it gives is the host's (within 10 s) and advances at the CLINT
#      timer's rate;
#   4. the same under the translator (--engine=jit) and the check engine.
# It prints PASS or FAIL for each step and stops at the first failure.
# Output for graders: LAB_FORMAT=json or LAB_FORMAT=junit (see ../checker-lib.sh).
# Exit status: 0 if every step passes, 1 otherwise, 2 for a bad command line.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT LAB2_ELF" >&2; exit 2; fi
RVDBT=$1 ELF=$2
# shellcheck source=../checker-lib.sh
. "$(dirname "$0")/../checker-lib.sh"
lab_begin 2 6 docs/labs/lab2-add-a-device.md

boot interp
step "1: the device tree"
if has 1; then pass "$(grep '^ok 1 ' <<<"$out" | cut -c6-)"
else fail "the device tree has no node compatible with \"google,goldfish-rtc\" yet" "${out:-$err}"; fi

step "2: the device on the bus"
has 2 || fail "the node's reg is not <0x101000 0x1000>" "$out"
pass "reg = <0x101000 0x1000>"
has 3 || fail "reading TIME_LOW/TIME_HIGH at 0x101000 raises an access fault: nothing answers on the bus there" "$out"
pass "TIME_LOW and TIME_HIGH answer"

step "3: the time"
has 4 || fail "the time read is not a date between 2024 and 2100 (nanoseconds since 1970, low half first?)" "$out"
has 5 || fail "the time does not go forward" "$out"
has 6 || fail "the time does not advance at the rate of the CLINT's timer" "$out"
guest_s=$(sed -n 's/^lab2: time \([0-9]*\) s since 1970$/\1/p' <<<"$out")
host_s=$(date +%s)
if [ -z "$guest_s" ] || [ $((guest_s - host_s)) -gt 10 ] || [ $((host_s - guest_s)) -gt 10 ]; then
  fail "the guest's time ${guest_s:-?} s is not the host's $host_s s (within 10 s)" "$out"
fi
[ "$rc" = 0 ] && grep -q '^PASS lab2$' <<<"$out" || fail "the program did not finish: status $rc" "$out $err"
pass "the guest reads $guest_s s since 1970; the host says $host_s"

step "4: every engine"
for engine in jit check; do
  boot $engine
  if [ "$rc" = 0 ] && grep -q '^PASS lab2$' <<<"$out"; then pass "rvdbt system --engine=$engine"
  else fail "rvdbt system --engine=$engine: status $rc" "${out:-$err}"; fi
done

lab_done 'the Goldfish RTC is on the bus, in the device tree, and tells the time'
