# testsuite/tests/50-programs.sh — real C programs (static glibc) give the same output
# and exit status under every rvdbt engine as under qemu-riscv64.
# (--no-tiering: every block translated from its first run; plain jit interprets cold blocks)
ENGINE_CONFIGS=("--engine=interp" "--engine=jit" "--engine=check" "--engine=jit --no-tiering" "--engine=jit --no-tiering --no-chain"
                "--engine=jit --no-tiering --no-regcache" "--engine=jit --no-tiering --no-inline-tlb" "--engine=jit --no-tiering --no-host-mmu"
                "--engine=jit --no-tiering --no-fusion"
                "--engine=jit --no-tiering --code-cache=64K")  # a tiny cache: forces flushes
demo=$GUEST/demo/primes.elf
for args in "2" "100" "20000"; do
  if ! command -v qemu-riscv64 >/dev/null; then skip "programs/primes $args" "qemu-riscv64 not installed"; continue; fi
  run_limited 60 qemu-riscv64 "$demo" $args; want_out=$out want_rc=$rc
  for cfg in "${ENGINE_CONFIGS[@]}"; do
    # shellcheck disable=SC2086
    run_limited 120 "$RVDBT" run $cfg "$demo" $args
    if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ -n "$out" ]; then pass "programs/primes $args ($cfg)"
    else fail "programs/primes $args ($cfg)" "status $rc (want $want_rc), output: ${out:0:200}, stderr: ${err:0:300}"; fi
  done
done
# every program in testsuite/programs/: same output and status as qemu-riscv64, every engine
for elf in "$GUEST"/programs/*.elf; do
  [ -e "$elf" ] || continue
  name=$(basename "$elf" .elf)
  if ! command -v qemu-riscv64 >/dev/null; then skip "programs/$name" "qemu-riscv64 not installed"; continue; fi
  run_limited 60 qemu-riscv64 "$elf"; want_out=$out want_rc=$rc
  for cfg in "${ENGINE_CONFIGS[@]}"; do
    # shellcheck disable=SC2086
    run_limited 120 "$RVDBT" run $cfg "$elf"
    if [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ] && [ -n "$out" ]; then pass "programs/$name ($cfg)"
    else fail "programs/$name ($cfg)" "status $rc (want $want_rc), output: ${out:0:200}, stderr: ${err:0:300}"; fi
  done
done
# the guest's exit status and stderr pass through (primes exits 2 with a usage line)
run_limited 60 "$RVDBT" run "$demo" 1
if [ "$rc" = 2 ] && [[ "$err" == usage:* ]]; then pass "programs/exit-status-and-stderr"
else fail "programs/exit-status-and-stderr" "status $rc, stderr: ${err:0:200}"; fi
# --stats reports a plausible instruction count, the same for both engines and the
# interpreter's old loop (all count retired guest instructions exactly)
declare -A count
for engine in interp "interp --no-interp-blocks" jit; do
  # shellcheck disable=SC2086
  run_limited 60 "$RVDBT" run --engine=$engine --stats "$demo" 1000
  count[$engine]=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
done
if [ -n "${count[interp]}" ] && [ "${count[interp]}" -gt 10000 ] && [ "${count[interp]}" = "${count[jit]}" ] &&
   [ "${count[interp]}" = "${count[interp --no-interp-blocks]}" ]; then
  pass "programs/stats (${count[interp]} instructions under both engines and --no-interp-blocks)"
else fail "programs/stats" "interp ${count[interp]:-none}, --no-interp-blocks ${count[interp --no-interp-blocks]:-none}, jit ${count[jit]:-none}; stderr: ${err:0:300}"; fi
# The check engine must notice a wrong translation: a test hook makes the translator
# emit addi with an off-by-one immediate; check must stop with its report and status 3.
RVDBT_TEST_MISTRANSLATE=1 run_limited 60 "$RVDBT" run --engine=check "$demo" 100
if [ "$rc" = 3 ] && [[ "$err" == *"translated code and interpreter differ"* ]]; then pass "programs/check-engine-catches-a-mistranslation"
else fail "programs/check-engine-catches-a-mistranslation" "status $rc, stderr: ${err:0:300}"; fi
# The same for a planted FP bug (inline fadd.d computes a subtraction): check reports the
# FP register that differs.
RVDBT_TEST_MISTRANSLATE=fp run_limited 60 "$RVDBT" run --engine=check "$GUEST/isa/rv64d_arith.elf"
if [ "$rc" = 3 ] && [[ "$err" == *"translated code and interpreter differ"* ]] && [[ "$err" == *"differs: f3 "* ]]; then
  pass "programs/check-engine-catches-a-planted-fp-bug"
else fail "programs/check-engine-catches-a-planted-fp-bug" "status $rc, stderr: ${err:0:300}"; fi
# The FP cache (translator/fpcache.c) keeps FP values in xmm2..xmm15 across loads and
# stores whose slow paths call C, which may clobber those registers; the slow paths
# reload them.  RVDBT_TEST_CLOBBER_XMM=1 makes the helpers really clobber them (plain C
# seldom does), and --no-inline-tlb / --no-host-mmu send accesses to slow paths.
elf=$GUEST/programs/fp_kernels.elf
if ! command -v qemu-riscv64 >/dev/null; then
  skip "programs/fp-cache-reload" "qemu-riscv64 not installed"
else
  run_limited 60 qemu-riscv64 "$elf"; want_out=$out
  for cfg in "--no-inline-tlb" "--no-host-mmu" ""; do
    # shellcheck disable=SC2086
    RVDBT_TEST_CLOBBER_XMM=1 run_limited 60 "$RVDBT" run $cfg "$elf"
    if [ "$rc" = 0 ] && [ "$out" = "$want_out" ] && [ -n "$out" ]; then pass "programs/fp-cache-reload (helpers clobber xmm; jit $cfg)"
    else fail "programs/fp-cache-reload (jit $cfg)" "status $rc, output: ${out:0:200} (want ${want_out:0:200}), stderr: ${err:0:200}"; fi
  done
fi
# make demo's script: both engines report the same guest instruction count (they did not
# when one run printed to the terminal and the other to /dev/null: glibc buffers the two
# differently, so the guest itself ran different code)
# (under `script`, so the guest's stdout is a terminal as in a user's make demo)
if command -v script >/dev/null; then
  run_limited 120 script -qec "testsuite/demo/run-demo.sh $RVDBT $demo 20000" /dev/null
else
  run_limited 120 testsuite/demo/run-demo.sh "$RVDBT" "$demo" 20000
fi
out=$(printf '%s' "$out" | tr -d '\r')
counts=$(printf '%s\n' "$out" | sed -n 's/^rvdbt: guest instructions: //p' | sort -u | wc -l)
if [ "$rc" = 0 ] && [ "$counts" = 1 ] && [[ "$out" == *"same program, same output"* ]]; then
  pass "programs/make demo's script: both engines, same instruction count"
else fail "programs/make demo's script" "status $rc, $counts different counts: ${out:0:400} ${err:0:200}"; fi
# Tiering: by default a block runs in the interpreter until it has been reached 8 times,
# so a short run translates only its loops; --no-tiering translates every block it runs.
# Both must give the same output and instruction count as the interpreter.
run_limited 60 "$RVDBT" run --stats "$demo" 1000; tier_out=$out
tier_blocks=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: blocks translated: \([0-9]*\) .*/\1/p')
tier_cold=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: blocks run in the interpreter while cold (tiering): //p')
tier_insns=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
run_limited 60 "$RVDBT" run --stats --no-tiering "$demo" 1000
all_blocks=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: blocks translated: \([0-9]*\) .*/\1/p')
all_cold=$(printf '%s\n' "$err" | grep -c 'while cold')
run_limited 60 "$RVDBT" run --stats --engine=interp "$demo" 1000
interp_insns=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
if [ -n "$tier_blocks" ] && [ -n "$all_blocks" ] && [ "${tier_cold:-0}" -gt 0 ] && [ "$all_cold" = 0 ] &&
   [ $((tier_blocks * 2)) -lt "$all_blocks" ] && [ "$tier_out" = "$out" ] && [ "$tier_insns" = "$interp_insns" ]; then
  pass "programs/tiering: $tier_blocks blocks translated ($tier_cold cold runs interpreted) vs $all_blocks with --no-tiering"
else
  fail "programs/tiering" "blocks $tier_blocks vs $all_blocks, cold runs '$tier_cold' vs $all_cold lines, instructions $tier_insns vs interp $interp_insns"
fi
