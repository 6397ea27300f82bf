# testsuite/tests/20-isa.sh — the self-checking guest ISA tests (testsuite/isa/).
# Each program prints "PASS name" and exits 0, or "FAIL name test N".  Every
# program runs under qemu-riscv64, the oracle (QEMU passing proves the
# expectations, written from the spec, are right), and under every rvdbt
# engine: the interpreter, the translator, the check engine (translated and
# interpreted in lockstep), and the translator with each optimisation off.
# Plain --engine=jit interprets a block until it has run 8 times (tiering), and
# these programs run most blocks once: so every other translator configuration
# has --no-tiering, which translates each block from its first run.
ENGINE_CONFIGS=(
  "--engine=interp"
  "--engine=interp --no-interp-blocks"
  "--engine=jit"
  "--engine=check"
  "--engine=jit --no-tiering"
  "--engine=jit --no-tiering --no-chain"
  "--engine=jit --no-tiering --no-regcache"
  "--engine=jit --no-tiering --no-inline-tlb"
  "--engine=jit --no-tiering --no-host-mmu"
  "--engine=jit --no-tiering --no-fusion"
  "--engine=jit --no-tiering --no-inline-fflags"
  "--engine=jit --no-tiering --no-inline-fma"
  "--engine=jit --no-tiering --no-hoist-frm"
  "--engine=jit --no-tiering --no-fp-avx"
  "--engine=jit --no-tiering --no-fp-preload"
  "--engine=jit --no-tiering --no-fp-direct-mem"
  "--engine=jit --no-tiering --no-inline-single"
  "--engine=jit --no-tiering --no-cold-stubs"
  "--engine=jit --no-tiering --no-bounds-reuse"
  "--engine=jit --no-tiering --no-fp-writeback"
  "--engine=jit --no-tiering --no-fp-lazy-nan"
  "--engine=jit --no-tiering --no-inline-minmax"
  "--engine=jit --no-tiering --no-inline-bits"
  "--engine=jit --no-tiering --no-inline-amo"
  "--engine=jit --no-tiering --no-quiet-compare"
  "--engine=jit --no-tiering --no-fp-loop-nan"
  "--engine=jit --no-tiering --no-base-bounds"
  "--engine=jit --no-tiering --no-short-probe"
  "--engine=jit --no-tiering --no-forward-skip"
  "--engine=jit --no-tiering --no-follow-jumps"
  "--engine=jit --no-tiering --no-follow-branches"
  "--engine=jit --no-tiering --no-follow-calls"
  "--engine=jit --no-tiering --no-alu-forms"
  "--engine=jit --no-tiering --no-low-jump-cache"
  "--engine=jit --no-tiering --no-odd-target-miss"
  "--engine=jit --no-tiering --no-probe-in-place"
  "--engine=jit --no-tiering --no-pin-regs"
  "--engine=jit --no-tiering --no-huge-pages"
  "--engine=check --no-pin-regs"
  "--engine=check --no-inline-fflags --no-inline-fma --no-hoist-frm --no-fp-avx --no-fp-preload --no-fp-direct-mem --no-inline-single --no-fp-writeback --no-fp-lazy-nan --no-inline-minmax --no-inline-bits --no-inline-amo --no-quiet-compare --no-fp-loop-nan"
)
have_qemu=1
command -v qemu-riscv64 >/dev/null || have_qemu=0
for elf in "$GUEST"/isa/*.elf; do
  [ -e "$elf" ] || continue
  name=$(basename "$elf" .elf)
  case "$name" in fault_*) continue ;; esac # expected to die: see 30-faults.sh
  # QEMU 7.2 lacks these extensions (binutils 2.40 too: raw .insn words); the
  # oracle for their expected values is the specification, as each file says
  case " $(grep -v '^#' testsuite/isa/not-in-qemu.txt | tr '\n' ' ') " in
    *" $name "*)
      skip "isa/$name (qemu oracle)" "QEMU 7.2 does not implement it (values from the specification)" ;;
    *)
      if [ "$have_qemu" = 1 ]; then
        run_limited 60 qemu-riscv64 "$elf"
        if [ "$rc" = 0 ] && [ "$out" = "PASS $name" ]; then pass "isa/$name (qemu oracle)"
        else fail "isa/$name (qemu oracle)" "exit $rc, stdout: ${out:0:200}"; fi
      else
        skip "isa/$name (qemu oracle)" "qemu-riscv64 not installed"
      fi ;;
  esac
  for cfg in "${ENGINE_CONFIGS[@]}"; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" run $cfg "$elf"
    if [ "$rc" = 0 ] && [ "$out" = "PASS $name" ]; then pass "isa/$name ($cfg)"
    else fail "isa/$name ($cfg)" "exit $rc, stdout: ${out:0:200} stderr: ${err:0:400}"; fi
  done
done
