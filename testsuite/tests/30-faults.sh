# testsuite/tests/30-faults.sh — guest programs that fault must end like native ones.
# Each testsuite/faults/*.S program (and testsuite/isa/fault_*) dies with a signal; rvdbt must
# die with the same signal as under qemu-riscv64 (the oracle; the native kernel's answer;
# for an extension QEMU 7.2 lacks, the specification's, as marked below), after exactly
# one line on stderr that names the signal and the guest pc — under every engine.  Under
# --engine=check this also proves the translator's exceptions are precise: the check
# engine compares the state at the fault with the interpreter's.
sig_name() { kill -l "$(($1 - 128))" 2>/dev/null; }
for elf in "$GUEST"/faults/*.elf "$GUEST"/isa/fault_*.elf; do
  [ -e "$elf" ] || continue
  name=$(basename "$elf" .elf)
  if [ "$name" = fault_cbo_zero_unmapped ]; then
    # QEMU 7.2 does not implement Zicboz (SIGILL there): the CMO specification makes
    # cbo.zero a store, so an unmapped block is a store page fault, SIGSEGV
    want=139
  elif command -v qemu-riscv64 >/dev/null; then
    run_limited 30 qemu-riscv64 "$elf"; want=$rc
  else
    skip "faults/$name" "qemu-riscv64 not installed (it tells which signal is expected)"; continue
  fi
  # (jit --no-tiering: translated from the first run; plain jit interprets a block
  # until it has run 8 times, and these programs fault the first time)
  for engine in interp "interp --no-interp-blocks" jit check "jit --no-tiering" "jit --no-tiering --no-inline-amo"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" run --engine=$engine "$elf"
    lines=$(printf '%s\n' "$err" | grep -c .)
    signame=$(sig_name "$rc")
    if [ "$rc" -gt 128 ] && [ "$rc" = "$want" ] && [ "$lines" = 1 ] && [[ "$err" == *"SIG$signame"*"pc 0x"* ]]; then
      pass "faults/$name ($engine: SIG$signame, one line)"
    else
      fail "faults/$name ($engine)" "want status $want, got $rc; stderr ($lines lines): ${err:0:300}"
    fi
  done
done

# The translator's default user-mode path lets the host MMU catch a store to read-only
# text: --stats counts the host fault that was sent to the store's slow path; with
# --no-host-mmu the software TLB catches it and no host fault happens.
elf=$GUEST/faults/fault_store_text.elf
run_limited 30 "$RVDBT" run --stats --no-tiering "$elf"  # (translated from its first run)
with=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: host faults sent to a slow path: //p')
run_limited 30 "$RVDBT" run --stats --no-tiering --no-host-mmu "$elf"
without=$(printf '%s\n' "$err" | grep -c 'host faults')
if [ "$with" = 1 ] && [ "$without" = 0 ] && [[ "$err" == *"store fault at pc"* ]]; then
  pass "faults/host-mmu (a host fault became the guest's store fault; none with --no-host-mmu)"
else
  fail "faults/host-mmu" "host faults: '$with' (want 1); --no-host-mmu host-fault lines: $without; ${err:0:200}"
fi
