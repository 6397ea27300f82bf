# testsuite/tests/62-extensions.sh — --cpu: the extension list (cpu/isa_ext.h) is what the
# guest sees.  Under the default CPU the RVA23 extensions run (their semantics are the
# ISA tests' job, 20-isa.sh); under --cpu rv64gc (or QEMU's -cpu rv64,EXT=false) their
# instructions are illegal again — SIGILL in user mode, status 128+4 — under every
# engine; AT_HWCAP and riscv_hwprobe report the same set; a bad --cpu is one line.
# The expected hwprobe names are the bits of Linux's uapi <asm/hwprobe.h>.
BM=$GUEST/programs/bitmanip.elf
HP=$GUEST/cpuopt/hwprobe.elf
for cfg in "--engine=interp" "--engine=jit" "--engine=check"; do
  # shellcheck disable=SC2086
  run_limited 30 "$RVDBT" run $cfg --cpu rv64gc "$BM"
  if [ "$rc" = 132 ] && [[ "$err" == *"SIGILL: illegal instruction"* ]]; then
    pass "extensions/bitmanip-sigill-under-rv64gc ($cfg)"
  else fail "extensions/bitmanip-sigill-under-rv64gc ($cfg)" "status $rc, stderr: ${err:0:300}"; fi
done
# the program really is built with Zba/Zbb/Zbs (else the test above proves nothing)
if command -v riscv64-linux-gnu-objdump >/dev/null; then
  found=$(riscv64-linux-gnu-objdump -d "$BM" | grep -cE $'\t(sh3add|cpop|rev8|andn|bset|zext\\.w)\t')
  if [ "$found" -ge 6 ]; then pass "extensions/bitmanip-uses-zba-zbb-zbs ($found instructions)"
  else fail "extensions/bitmanip-uses-zba-zbb-zbs" "only $found of sh3add/cpop/rev8/andn/bset/zext.w"; fi
fi
# QEMU's form turns off one extension at a time: Zbb off, Zba and Zbs stay
run_limited 30 "$RVDBT" run -cpu rv64,zbb=false "$GUEST/isa/rv64zba.elf"
if [ "$rc" = 0 ] && [ "$out" = "PASS rv64zba" ]; then pass "extensions/zba-with-zbb-off"
else fail "extensions/zba-with-zbb-off" "status $rc: $out ${err:0:200}"; fi
for t in zbb:rv64zbb zbc:rv64zbc zbs:rv64zbs zicond:rv64zicond zimop:rv64zimop zcb:rv64zcb zicboz:rv64zicbo zfa:rv64zfa; do
  ext=${t%%:*} prog=${t#*:}
  run_limited 30 "$RVDBT" run -cpu "rv64,$ext=false" "$GUEST/isa/$prog.elf"
  if [ "$rc" = 132 ]; then pass "extensions/$prog-sigill-with-$ext=false"
  else fail "extensions/$prog-sigill-with-$ext=false" "status $rc: $out ${err:0:200}"; fi
done

# what software is told
want_max="hwcap: a c d f i m
hwprobe: 0 base 1 zicboz-block 64 unknown-key -1/0
ima_ext_0: fd c zba zbb zbs zicboz zbc zihintntl zfa zicond zihintpause zimop zcb zcmop
flags=1: -1, bad pointer: -1"
want_gc="hwcap: a c d f i m
hwprobe: 0 base 1 zicboz-block 0 unknown-key -1/0
ima_ext_0: fd c
flags=1: -1, bad pointer: -1"
for cpu in max rv64gc; do
  want=$want_max; [ $cpu = rv64gc ] && want=$want_gc
  run_limited 30 "$RVDBT" run --cpu=$cpu "$HP"
  if [ "$rc" = 0 ] && [ "$out" = "$want" ]; then pass "extensions/hwcap-hwprobe (--cpu $cpu)"
  else fail "extensions/hwcap-hwprobe (--cpu $cpu)" "status $rc: $(diff <(echo "$want") <(echo "$out") | tr '\n' ' ')"; fi
done
run_limited 30 "$RVDBT" run --strace --cpu rv64gc_zba "$HP"
if [[ "$err" == *"riscv_hwprobe("* ]]; then pass "extensions/strace-names-riscv_hwprobe"
else fail "extensions/strace-names-riscv_hwprobe" "${err:0:300}"; fi

expect_error "extensions/bad-cpu-name" 2 "rvdbt: --cpu: unknown extension 'zfoo'" "$RVDBT" run --cpu rv64gc_zfoo "$HP"
expect_error "extensions/base-cannot-go" 2 "is part of rv64gc and cannot be turned off" "$RVDBT" run -cpu rv64,m=false "$HP"
expect_error "extensions/bad-cpu-system" 2 "unknown CPU 'pentium'" "$RVDBT" system -cpu pentium -bios none -kernel /dev/null

# --explain names the new instructions (as objdump with Zba) and shows them inline:
# sh1add/sh2add/sh3add become one lea, not a call into the interpreter
run_limited 30 "$RVDBT" run --explain "$GUEST/isa/rv64zba.elf"
helper=$(awk '/^  [0-9a-f]+: sh[123]add / { cur = $0; next } /^  [0-9a-f]+: / { cur = "" }
              cur != "" && /not translated inline/ { print cur }' <<<"$err" | head -3)
leas=$(awk '/^  [0-9a-f]+: sh[123]add / { cur = 1; next } /^  [0-9a-f]+: / { cur = 0 }
            cur && / lea / { n++ } END { print n + 0 }' <<<"$err")
if [ "$rc" = 0 ] && [ -z "$helper" ] && [ "$leas" -ge 6 ]; then pass "extensions/explain-shadd-is-one-lea ($leas)"
else fail "extensions/explain-shadd-is-one-lea" "status $rc, $leas lea, via the interpreter: $helper"; fi
