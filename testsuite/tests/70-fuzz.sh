# testsuite/tests/70-fuzz.sh — the differential fuzzer (testsuite/fuzz/fuzz_diff.c).
# 1. Thousands of random RV64GC sequences run under the interpreter and the translator
#    (four translator configurations, one with a tiny code cache); every final state
#    must be identical.  (`make fuzz` runs millions.)
# 2. A sample of sequences becomes a guest program that prints its final states;
#    qemu-riscv64 and every rvdbt engine must print the same bytes.
FUZZ=$BUILD/fuzz_diff
for seed in 1 2; do
  run_limited 300 "$FUZZ" 4000 "$seed"
  if [ "$rc" = 0 ]; then pass "fuzz/interp-vs-jit seed $seed: ${out#fuzz_diff: }"
  else fail "fuzz/interp-vs-jit seed $seed" "${err:0:2000}"; fi
done
if ! command -v qemu-riscv64 >/dev/null || ! command -v riscv64-linux-gnu-gcc >/dev/null; then
  skip "fuzz/sample-vs-qemu" "qemu-riscv64 or riscv64-linux-gnu-gcc not installed"
else
  "$FUZZ" --emit-asm 40 3 >"$TMP/fuzz.S"
  riscv64-linux-gnu-gcc -static -nostdlib -nostartfiles -march=rv64gc -mabi=lp64d -o "$TMP/fuzz.elf" "$TMP/fuzz.S"
  run_limited 60 qemu-riscv64 "$TMP/fuzz.elf"; cp "$TMP/out" "$TMP/fuzz.qemu"; want_rc=$rc
  for engine in interp jit check; do
    run_limited 60 "$RVDBT" run --engine=$engine "$TMP/fuzz.elf"
    if [ "$rc" = "$want_rc" ] && [ -s "$TMP/out" ] && cmp -s "$TMP/out" "$TMP/fuzz.qemu"; then
      pass "fuzz/sample-vs-qemu ($engine: 40 sequences, $(wc -c <"$TMP/out") bytes of final state identical)"
    else fail "fuzz/sample-vs-qemu ($engine)" "status $rc (qemu $want_rc); outputs differ"; fi
  done
fi
# 3. The ELF loader's fuzz corpus (hostile and truncated ELF files, kept as hex text in
#    testsuite/fuzz/elf-corpus; `make fuzz-elf` grows it with libFuzzer) is replayed:
#    every input must be loaded or rejected with a message, never crash the loader.
corpus=(testsuite/fuzz/elf-corpus/*.hex)
run_limited 120 "$BUILD/fuzz_elf" "${corpus[@]}"
if [ "$rc" = 0 ] && [[ "$out" == *"${#corpus[@]} corpus inputs replayed"* ]]; then pass "fuzz/elf-loader corpus (${#corpus[@]} inputs)"
else fail "fuzz/elf-loader corpus" "status $rc: ${err:0:300}"; fi
