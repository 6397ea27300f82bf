# testsuite/tests/70-fuzz.sh — the differential fuzzer (testsuite/fuzz/fuzz_diff.c).
# 1. Thousands of random RV64GC sequences run under the interpreter, its block loop (the
#    interpreter engine's default; every round writes new code at the same address) and
#    the translator (four translator configurations, one with a tiny code cache); every
#    final state must be identical.  (`make fuzz` runs millions.)
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
  riscv64-linux-gnu-gcc -static -nostdlib -nostartfiles ${GUEST_ARCH:--march=rv64gc -mabi=lp64d} -o "$TMP/fuzz.elf" "$TMP/fuzz.S"
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
# 4. libFuzzer on the ELF loader for a bounded time (FUZZ_ELF_TEST_SECONDS, default 30;
#    `make fuzz-elf` runs longer), from the corpus: no crash, no sanitizer report, no hang.
#    The fuzz target links the whole library (Makefile: FUZZ_ELF_LIBFUZZER), so it cannot
#    stop linking when the loader comes to need another file, as it once did unnoticed.
lf=build/fuzz-elf/fuzz_elf
if ! command -v clang >/dev/null; then
  skip "fuzz/elf-loader libFuzzer" "clang not installed (apt-get install -y clang libclang-rt-14-dev)"
elif [ ! -x "$lf" ]; then
  fail "fuzz/elf-loader libFuzzer" "$lf not built (make test-build builds it with clang)"
else
  mkdir -p "$TMP/elf-corpus"
  for f in testsuite/fuzz/elf-corpus/*.hex; do
    python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read()))' "$f" \
      >"$TMP/elf-corpus/$(basename "$f" .hex)"
  done
  secs=${FUZZ_ELF_TEST_SECONDS:-30}
  run_limited $((secs + 60)) "$lf" -max_total_time="$secs" -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$TMP/" "$TMP/elf-corpus"
  runs=$(printf '%s\n' "$err" | sed -n 's/^Done \([0-9]*\) runs.*/\1/p')
  if [ "$rc" = 0 ] && [ -n "$runs" ]; then pass "fuzz/elf-loader libFuzzer ($runs inputs in $secs s, from ${#corpus[@]} seeds)"
  else fail "fuzz/elf-loader libFuzzer" "status $rc: $(printf '%s\n' "$err" | grep -E 'ERROR|SUMMARY|Test unit written' | head -5)"; fi
fi
