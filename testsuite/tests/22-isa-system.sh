# testsuite/tests/22-isa-system.sh — the guest ISA suite (testsuite/isa/) in system mode.
# The same test bodies as 20-isa.sh, built for bare metal twice (Makefile: isa-sys/):
# *.p.elf runs the body in M mode on physical addresses, *.v.elf in U mode under Sv39
# (test_macros.h, "system mode").  qemu-system-riscv64 -M virt -bios none is the
# oracle (its passing proves the expectations, written from the spec, hold in this
# environment too); then every rvdbt engine and every --no-* switch that applies to
# system mode (--no-host-mmu does not: system mode always uses the soft TLB).
# The expected output is "PASS name" and status 0 (the SiFive test device).
# (--no-tiering: every block translated from its first run; plain jit interprets a
# block until it has run 8 times, and these programs run most blocks once)
ISA_SYS_CONFIGS=(
  "--engine=interp"
  "--engine=interp --no-interp-blocks"
  "--engine=interp --no-interp-blocks --no-big-decode-cache"
  "--engine=jit"
  "--engine=check"
  "--engine=jit --no-tiering"
  "--engine=jit --no-tiering --no-chain"
  "--engine=jit --no-tiering --no-regcache"
  "--engine=jit --no-tiering --no-inline-tlb"
  "--engine=jit --no-tiering --no-fusion"
  "--engine=jit --no-tiering --no-cold-stubs"
  "--engine=jit --no-tiering --no-sys-fp"
  "--engine=jit --no-tiering --no-fp-writeback --no-fp-lazy-nan"
  "--engine=jit --no-tiering --no-inline-fflags"
  "--engine=jit --no-tiering --no-quiet-compare"
  "--engine=jit --no-tiering --no-fp-loop-nan"
  "--engine=jit --no-tiering --no-sized-tables"
  "--engine=jit --no-tiering --no-huge-pages"
  "--engine=jit --no-late-translate"
  "--engine=jit --no-irq-csr-filter"
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
  "--engine=jit --no-tiering --no-inline-amo"
  "--engine=jit --no-tiering --no-csr-in-block"
)
have_qemu_system=1
command -v qemu-system-riscv64 >/dev/null || have_qemu_system=0
n_sys=0
for elf in "$GUEST"/isa-sys/*.elf; do
  [ -e "$elf" ] || continue
  n_sys=$((n_sys + 1))
  base=$(basename "$elf" .elf)  # name.p or name.v
  name=${base%.*}
  env=${base##*.}
  label="isa-sys/$name [$([ "$env" = p ] && echo "M, physical" || echo "U, Sv39")]"
  if grep -qx "$name" testsuite/isa/not-in-qemu.txt; then
    skip "$label (qemu oracle)" "QEMU 7.2 does not implement it (values from the specification)"
  elif [ "$have_qemu_system" = 1 ]; then
    run_limited 60 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$elf"
    out=${out//$'\r'/}
    if [ "$rc" = 0 ] && [ "$out" = "PASS $name" ]; then pass "$label (qemu oracle)"
    else fail "$label (qemu oracle)" "exit $rc, stdout: ${out:0:200}"; fi
  else
    skip "$label (qemu oracle)" "qemu-system-riscv64 not installed"
  fi
  for cfg in "${ISA_SYS_CONFIGS[@]}"; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$elf" $cfg
    if [ "$rc" = 0 ] && [ "$out" = "PASS $name" ]; then pass "$label ($cfg)"
    else fail "$label ($cfg)" "exit $rc, stdout: ${out:0:200} stderr: ${err:0:400}"; fi
  done
done
[ "$n_sys" -gt 0 ] || skip "isa-sys/*" "not built (riscv64-unknown-elf-gcc missing?)"
