# testsuite/tests/50-programs.sh — real C programs (static glibc) give the same output
# and exit status under rvdbt as under qemu-riscv64.
for args in "2" "100" "20000"; do
  demo=$GUEST/demo/primes.elf
  if ! command -v qemu-riscv64 >/dev/null; then skip "programs/primes $args" "qemu-riscv64 not installed"; continue; fi
  run_limited 60 qemu-riscv64 "$demo" $args; want_out=$out want_rc=$rc
  run_limited 120 "$RVDBT" run "$demo" $args
  if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ -n "$out" ]; then pass "programs/primes $args"
  else fail "programs/primes $args" "status $rc (want $want_rc), output: ${out:0:200}, stderr: ${err:0:200}"; fi
done
# the guest's exit status and stderr pass through (primes exits 2 with a usage line)
run_limited 60 "$RVDBT" run "$GUEST/demo/primes.elf" 1
if [ "$rc" = 2 ] && [[ "$err" == usage:* ]]; then pass "programs/exit-status-and-stderr"
else fail "programs/exit-status-and-stderr" "status $rc, stderr: ${err:0:200}"; fi
# --stats reports a plausible instruction count
run_limited 60 "$RVDBT" run --stats "$GUEST/demo/primes.elf" 1000
n=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
if [ "$rc" = 0 ] && [ -n "$n" ] && [ "$n" -gt 10000 ]; then pass "programs/stats ($n instructions)"
else fail "programs/stats" "status $rc, stderr: ${err:0:300}"; fi
