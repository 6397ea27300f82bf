# testsuite/tests/90-compare.sh — `rvdbt compare`: every configuration runs, a real
# difference is caught, --chart draws an SVG with gnuplot, bad input is one line.
prog=$GUEST/demo/primes.elf
configs=("interp" "jit" "jit --no-chain" "jit --no-regcache" "jit --no-inline-tlb" "jit --no-host-mmu" "jit --no-fusion" "jit --no-tiering"
         "jit --no-inline-fflags" "jit --no-inline-fma" "jit --no-hoist-frm" "jit --no-fp-avx" "jit --no-fp-preload"
         "jit --no-fp-direct-mem" "jit --no-inline-single"
         "jit --no-cold-stubs" "jit --no-bounds-reuse")
configs+=("jit --no-fp-writeback" "jit --no-fp-lazy-nan" "jit --no-inline-minmax" "jit --no-inline-bits" "jit --no-inline-amo")
configs+=("interp --no-interp-blocks")
configs+=("jit --no-quiet-compare" "jit --no-fp-loop-nan")
configs+=("jit --no-base-bounds" "jit --no-short-probe" "jit --no-forward-skip" "jit --no-follow-jumps" "jit --no-follow-branches" "jit --no-follow-calls")
configs+=("jit --no-alu-forms" "jit --no-pin-regs" "jit --no-low-jump-cache" "jit --no-odd-target-miss" "jit --no-probe-in-place")
configs+=("jit --no-huge-pages")

# 1. Every configuration is listed, the outputs agree, the numeric columns parse.
run_limited 120 "$RVDBT" compare "$prog" 300000
rows_ok=1 why=""
for cfg in "${configs[@]}"; do
  row=$(printf '%s\n' "$out" | grep -E "^$cfg +[0-9]" | head -1)
  # configuration, then time, MIPS, speed-up (Nx) numbers; jit rows also translating %, blocks, host bytes
  rest=${row#"$cfg"}
  read -r t mips speed share blocks bytes <<<"$rest"
  num='^[0-9]+(\.[0-9]+)?$'
  if ! [[ $t =~ $num && $mips =~ $num && ${speed%x} =~ $num ]]; then rows_ok=0; why="$why [$cfg: '$row']"; continue; fi
  if [[ "$cfg" = interp* ]]; then
    [ "$share $blocks $bytes" = "- - -" ] || { rows_ok=0; why="$why [interp has translator columns: '$row']"; }
  elif ! [[ ${share%\%} =~ $num && $blocks =~ ^[1-9][0-9]*$ && $bytes =~ ^[1-9][0-9]*$ ]]; then
    rows_ok=0; why="$why [$cfg: '$row']"
  fi
done
if [ "$rc" = 0 ] && [ "$rows_ok" = 1 ] && [[ "$out" == *"all runs agree"* ]] && [[ "$out" != *DIFFERENT* ]]; then
  pass "compare/every-configuration-agrees"
else
  fail "compare/every-configuration-agrees" "status $rc;$why out: ${out:0:600} err: ${err:0:300}"
fi
# The byte count compare reports is the program's real output size (qemu-riscv64 as the oracle).
if command -v qemu-riscv64 >/dev/null; then
  want=$(qemu-riscv64 "$prog" 300000 | wc -c)
  if [[ "$out" == *"same stdout ($want bytes)"* ]]; then pass "compare/stdout-size-matches-qemu ($want bytes)"
  else fail "compare/stdout-size-matches-qemu" "qemu printed $want bytes; compare said: $(printf '%s\n' "$out" | grep 'all runs')"; fi
else
  skip "compare/stdout-size-matches-qemu" "qemu-riscv64 not installed"
fi
# The instruction count is the same exact count a plain run reports.
n=$(printf '%s\n' "$out" | sed -n 's/^guest instructions: \([0-9]*\) in every configuration$/\1/p')
run_limited 60 "$RVDBT" run --engine=interp --stats "$prog" 300000
m=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
if [ -n "$n" ] && [ "$n" = "$m" ]; then pass "compare/instruction-count ($n)"
else fail "compare/instruction-count" "compare: '$n', rvdbt run: '$m'"; fi

# --runs N repeats each configuration (each repetition must agree too).
run_limited 120 "$RVDBT" compare --runs 2 "$prog" 50000
if [ "$rc" = 0 ] && [[ "$out" == *"(${#configs[@]} configurations, 2 runs each)"* ]] && [[ "$out" == *"all runs agree"* ]]; then
  pass "compare/runs-2"
else
  fail "compare/runs-2" "status $rc: ${out:0:300} ${err:0:200}"
fi

# 2. A translator that computes wrong results (the test hook makes addi off by one)
#    must be reported, and compare must fail.
RVDBT_TEST_MISTRANSLATE=1 run_limited 120 "$RVDBT" compare "$prog" 2000
if [ "$rc" = 1 ] && [[ "$out" == *"DIFFERENT stdout: jit "* ]] && [[ "$err" == *"configurations disagree"* ]]; then
  pass "compare/reports-a-mistranslation"
else
  fail "compare/reports-a-mistranslation" "status $rc; out: ${out:0:400} err: ${err:0:300}"
fi

# 3. --chart: an SVG drawn by gnuplot, with every configuration named in it.
if ! command -v gnuplot >/dev/null; then
  skip "compare/chart-svg" "gnuplot not installed"
else
  rm -f "$TMP/chart.svg"
  run_limited 120 "$RVDBT" compare --chart "$TMP/chart.svg" "$prog" 100000
  missing=""
  for cfg in "${configs[@]}"; do grep -qF -- "$cfg" "$TMP/chart.svg" 2>/dev/null || missing="$missing [$cfg]"; done
  if [ "$rc" = 0 ] && grep -q '<svg' "$TMP/chart.svg" && grep -q '</svg>' "$TMP/chart.svg" && [ -z "$missing" ]; then
    pass "compare/chart-svg"
  else
    fail "compare/chart-svg" "status $rc, missing names:$missing; err: ${err:0:300}"
  fi
fi
# --chart FILE.png: a PNG image (its 8-byte signature), drawn by gnuplot's cairo terminal.
if command -v gnuplot >/dev/null && command -v xxd >/dev/null; then
  rm -f "$TMP/chart.png"
  run_limited 120 "$RVDBT" compare --chart "$TMP/chart.png" "$prog" 20000
  sig=$(xxd -p -l 8 "$TMP/chart.png" 2>/dev/null)
  if [ "$rc" = 0 ] && [ "$sig" = 89504e470d0a1a0a ]; then pass "compare/chart-png"
  else fail "compare/chart-png" "status $rc, signature '$sig', stderr: ${err:0:300}"; fi
else
  skip "compare/chart-png" "gnuplot or xxd not installed"
fi
# Without gnuplot on PATH: one line saying so, non-zero status, no chart.
rm -f "$TMP/nochart.svg"
run_limited 20 env PATH=/nonexistent "$RVDBT" compare --chart "$TMP/nochart.svg" "$prog" 10
if [ "$rc" != 0 ] && [ "$(printf '%s\n' "$err" | grep -c .)" = 1 ] && [[ "$err" == *gnuplot* ]] && [ ! -e "$TMP/nochart.svg" ]; then
  pass "compare/chart-without-gnuplot"
else
  fail "compare/chart-without-gnuplot" "status $rc, stderr: ${err:0:300}"
fi

# 4. Bad input: one line on stderr, status 2.
expect_error "compare/missing-program" 2 "missing PROGRAM" "$RVDBT" compare
expect_error "compare/no-such-program" 2 "cannot read PROGRAM" "$RVDBT" compare "$TMP/does-not-exist"
expect_error "compare/unknown-option" 2 "unknown option '--fast'" "$RVDBT" compare --fast "$prog"
expect_error "compare/runs-needs-a-number" 2 "bad --runs" "$RVDBT" compare --runs many "$prog"
expect_error "compare/not-risc-v" 2 "not a RISC-V program" "$RVDBT" compare /bin/true
