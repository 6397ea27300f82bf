# testsuite/tests/60-explain.sh — --explain lists exactly the guest instructions of each
# block, as objdump prints them (objdump is the oracle), and the program still runs right.
elf=$GUEST/demo/tiny_loop.elf
if ! command -v riscv64-linux-gnu-objdump >/dev/null; then
  skip "explain/tiny_loop" "riscv64-linux-gnu-objdump not installed"
else
  run_limited 20 "$RVDBT" run --explain "$elf"
  # guest lines of the loop block: "  10110: add a0,a0,a1"
  ours=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1; next} /^== block/{p=0} p && /^  [0-9a-f]+: /' | sed 's/^ *//')
  theirs=$(riscv64-linux-gnu-objdump -d "$elf" | awk -F'\t' '/^ *1011[0-9a-f]:/ { sub(/^ */, "", $1); sub(/ <.*/, "", $4);
            print $1 " " $3 ($4 != "" ? " " $4 : "") }' | awk '$1 >= "10110:" && $1 <= "10114:"')
  host_lines=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1; next} /^== block/{p=0} p && /^        [0-9a-f]+:  /' | wc -l)
  if [ "$rc" = 55 ] && [ -n "$ours" ] && [ "$ours" = "$theirs" ] && [ "$host_lines" -gt 5 ]; then
    pass "explain/tiny_loop (guest lines = objdump's, $host_lines host instructions)"
  else
    fail "explain/tiny_loop" "status $rc; ours: [$ours] objdump: [$theirs] host lines: $host_lines"
  fi
fi

# `rvdbt explain PROGRAM` is `rvdbt run --explain PROGRAM`: same status, same blocks and
# guest lines (host addresses differ from run to run, so only the guest side is compared).
run_limited 20 "$RVDBT" run --explain "$elf"
run_rc=$rc run_guest=$(printf '%s\n' "$err" | grep -E '^(== block|  [0-9a-f]+: )')
run_limited 20 "$RVDBT" explain "$elf"
explain_guest=$(printf '%s\n' "$err" | grep -E '^(== block|  [0-9a-f]+: )')
if [ "$rc" = 55 ] && [ "$run_rc" = 55 ] && [ -n "$explain_guest" ] && [ "$explain_guest" = "$run_guest" ] &&
   "$RVDBT" --help | grep -q '^  explain PROGRAM'; then
  pass "explain/alias (rvdbt explain = rvdbt run --explain; in --help)"
else
  fail "explain/alias" "status $rc vs $run_rc; guest lines differ or --help lacks it: ${explain_guest:0:300}"
fi

# --perf-map: /tmp/perf-PID.map names each block's host code by its guest pc (Linux perf's
# JIT symbol format: "START SIZE NAME"); the loop block at 0x10110 must be there.
"$RVDBT" run --perf-map "$elf" >/dev/null 2>&1 &
pid=$!
wait $pid
rc=$?
map=/tmp/perf-$pid.map
if [ "$rc" = 55 ] && [ -s "$map" ] && grep -qE '^[0-9a-f]+ [0-9a-f]+ rv:10110$' "$map" &&
   ! grep -vqE '^[0-9a-f]+ [0-9a-f]+ rv:[0-9a-f]+$' "$map"; then
  pass "explain/perf-map ($(wc -l <"$map") blocks named)"
else
  fail "explain/perf-map" "status $rc; $map: $(head -3 "$map" 2>/dev/null | tr '\n' ' ')"
fi
# ... and Linux perf really uses it: samples in translated code are named rv:ADDR.  (perf
# reads perf-PID.map only for anonymous memory; the code cache was a memfd, which perf
# takes for a file, so every sample showed as a bare offset.)
if ! command -v perf >/dev/null; then skip "explain/perf report names translated code" "perf not installed (linux-perf)"
elif ! perf record -q -e cpu-clock -o "$TMP/perf.probe" true >/dev/null 2>&1; then
  skip "explain/perf report names translated code" "perf record is not allowed here (perf_event_paranoid or a container)"
else
  perf record -q -e cpu-clock -o "$TMP/perf.data" "$RVDBT" run --perf-map "$GUEST/demo/primes.elf" 3000000 >/dev/null 2>&1 &
  pid=$!
  wait $pid
  top=$(perf report -i "$TMP/perf.data" --stdio --sort sym 2>/dev/null | grep -E '^ +[0-9.]+%' | head -3)
  # (perf's pid is not rvdbt's: remove the map rvdbt wrote, named by its own pid)
  rpid=$(perf script -i "$TMP/perf.data" -F pid 2>/dev/null | head -1 | tr -d ' ')
  [ -n "$rpid" ] && rm -f "/tmp/perf-$rpid.map"
  rm -f "$TMP/perf.data" "$TMP/perf.probe"
  if [[ "$top" == *"rv:"* ]]; then pass "explain/perf report names translated code ($(printf '%s' "$top" | head -1 | tr -s ' '))"
  else fail "explain/perf report names translated code" "top symbols: $(printf '%s' "$top" | tr '\n' ';')"; fi
fi
rm -f "$map"
# The host code listed is a faithful disassembly of the bytes listed: GNU objdump, decoding
# the same bytes independently of capstone, finds the same instruction boundaries and
# mnemonics.  Covers the whole block, out-of-line part included.
if ! command -v objdump >/dev/null || ! command -v xxd >/dev/null; then
  skip "explain/host-bytes-vs-objdump" "objdump (binutils) or xxd not installed"
else
  # (--no-pin-regs: the loop block has more than 10 instructions then; pinned, 8)
  run_limited 20 "$RVDBT" run --explain --no-pin-regs "$GUEST/demo/tiny_loop.elf"
  block=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1; next} /^== block/{p=0} p')
  ours=$(printf '%s\n' "$block" | sed -n 's/^        \([0-9a-f]*\):  \(\([0-9a-f][0-9a-f] \)*\) *\([a-z][a-z0-9]*\).*/\1 \4/p')
  hex=$(printf '%s\n' "$block" | sed -n 's/^        [0-9a-f]*:  \(\([0-9a-f][0-9a-f] \)*\).*/\1/p' | tr -d ' \n')
  first=$(printf '%s\n' "$ours" | head -1 | cut -d' ' -f1)
  printf '%s' "$hex" | xxd -r -p > "$TMP/block.bin"
  theirs=$(objdump -D -b binary -m i386:x86-64 -M intel --insn-width=16 --adjust-vma="0x$first" "$TMP/block.bin" |
           awk -F'\t' '/^ *[0-9a-f]+:\t/ { a = $1; gsub(/[ :]/, "", a); split($3, m, " "); print a, m[1] }')
  n=$(printf '%s\n' "$ours" | grep -c .)
  if [ -n "$first" ] && [ "$n" -gt 10 ] && [ "$ours" = "$theirs" ]; then
    pass "explain/host-bytes-vs-objdump ($n instructions, $((${#hex} / 2)) bytes)"
  else
    fail "explain/host-bytes-vs-objdump" "capstone listing vs objdump differ: $(diff <(printf '%s\n' "$ours") <(printf '%s\n' "$theirs") | head -5)"
  fi
fi

# Labels: the loop block of tiny_loop (add a0,a0,a1; addi a1,a1,-1; bnez a1,loop) is a
# self-loop: it loads a0 and a1 once, then at its loop head checks for an exit request, adds 3
# to instret per iteration, branches back to the loop head with them still cached, and writes
# them back at its one exit, 0x10116 (fall through).  (--no-pin-regs: by default a0 and a1
# are pinned across blocks, regcache.c, so the loop has no loads or write-backs at all.)
run_limited 20 "$RVDBT" run --explain --no-pin-regs "$GUEST/demo/tiny_loop.elf"
block=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1} /^== block 0x101[^1]/{p=0} p')
missing=""
for label in "ended by a conditional branch" "; loop head: every iteration comes here" "; write back cached registers: a0 a1" "; instret += 3" \
             "; exit to 10116: jmp to the stub" "; -> the dispatcher" "; self-loop: load the cached registers once" \
             "; -> the loop head: next iteration, registers stay cached" "out of line" "; exit-request exit: write back, pc = 10110"; do
  [[ "$block" == *"$label"* ]] || missing="$missing [$label]"
done
if [ -z "$missing" ] && [[ "$err" != *$'\e['* ]]; then pass "explain/labels (plain text when not a terminal)"
else fail "explain/labels" "missing:$missing; escape codes: $([[ "$err" == *$'\e['* ]] && echo yes || echo no)"; fi

# Memory accesses: every "slow path of the load/store at ADDR" label names an address where
# objdump sees a load/store, and the host-MMU bounds check is labelled (user mode's default);
# --no-host-mmu labels the inline TLB check instead; --no-inline-tlb says neither is there.
elf=$GUEST/isa/rv64i_loadstore.elf
if ! command -v riscv64-linux-gnu-objdump >/dev/null; then
  skip "explain/memory-labels" "riscv64-linux-gnu-objdump not installed"
else
  run_limited 30 "$RVDBT" run --explain "$elf"
  dump=$(riscv64-linux-gnu-objdump -d "$elf")
  bad="" n=0
  while read -r kind addr; do
    n=$((n + 1))
    insn=$(printf '%s\n' "$dump" | awk -F'\t' -v a="$addr:" '{ x = $1; gsub(/ /, "", x) } x == a { print $3 }')
    case "$kind:$insn" in
      load:l[bhwd]|load:l[bhw]u|load:fl[wd]|store:s[bhwd]|store:fs[wd]) ;;
      *) bad="$bad [$kind at $addr is '$insn']" ;;
    esac
  done < <(printf '%s\n' "$err" | sed -n 's/.*; slow path of the \(load\|store\) at \([0-9a-f]*\):.*/\1 \2/p' | sort -u)
  hostmmu=$(printf '%s\n' "$err" | grep -c '; host MMU (')
  tlb_by_default=$(printf '%s\n' "$err" | grep -c '; inline TLB check')
  run_limited 30 "$RVDBT" run --explain --no-host-mmu "$elf"
  tlb=$(printf '%s\n' "$err" | grep -c '; inline TLB check')
  hostmmu_left=$(printf '%s\n' "$err" | grep -c '; host MMU (')
  run_limited 30 "$RVDBT" run --explain --no-inline-tlb "$elf"
  notlb=$(printf '%s\n' "$err" | grep -c '; --no-inline-tlb: every access goes to the slow path')
  inl=$(printf '%s\n' "$err" | grep -c '; inline TLB check\|; host MMU (')
  if [ "$n" -gt 20 ] && [ -z "$bad" ] && [ "$hostmmu" -gt 20 ] && [ "$tlb_by_default" = 0 ] && [ "$tlb" -gt 20 ] &&
     [ "$hostmmu_left" = 0 ] && [ "$notlb" -gt 20 ] && [ "$inl" = 0 ]; then
    pass "explain/memory-labels ($n slow paths at real loads/stores, $hostmmu host-MMU checks, $tlb inline TLB checks with --no-host-mmu)"
  else
    fail "explain/memory-labels" "slow paths $n, bad:$bad; host MMU labels $hostmmu (TLB $tlb_by_default); --no-host-mmu TLB labels $tlb (host MMU $hostmmu_left); --no-inline-tlb labels $notlb, inline left $inl"
  fi
fi

# Colour only on a terminal, and never with NO_COLOR (script(1) gives the run a pty).
if ! command -v script >/dev/null; then
  skip "explain/colour-on-a-terminal" "script (util-linux) not installed"
else
  tty_out=$(NO_COLOR= timeout 20 script -qec "$RVDBT run --explain $GUEST/demo/tiny_loop.elf" /dev/null 2>/dev/null)
  nocolor_out=$(NO_COLOR=1 timeout 20 script -qec "$RVDBT run --explain $GUEST/demo/tiny_loop.elf" /dev/null 2>/dev/null)
  if [[ "$tty_out" == *$'\e[1;33m  10110: add a0,a0,a1'* ]] && [[ "$nocolor_out" == *"10110: add a0,a0,a1"* ]] &&
     [[ "$nocolor_out" != *$'\e['* ]]; then pass "explain/colour-on-a-terminal (and NO_COLOR honoured)"
  else fail "explain/colour-on-a-terminal" "tty: ${tty_out:0:200} / NO_COLOR: ${nocolor_out:0:200}"; fi
fi

# --explain-hot: tiny_loop runs block 0x1010c once (li, li and the first iteration: 5
# instructions), the loop block 0x10110 nine more times (a1 = 9..1: 3 instructions each)
# and block 0x10116 once (li a7; ecall): 5 + 27 + 2 = 34 instructions.  (--no-pin-regs:
# the back edge to "the loop head" is labelled only when it is not the branch itself.)
run_limited 20 "$RVDBT" run --explain-hot 2 --no-pin-regs "$GUEST/demo/tiny_loop.elf"
if [ "$rc" = 55 ] && [[ "$err" == *"the 2 hottest of 3 blocks, by guest instructions executed (34 in the whole run)"* ]] &&
   [[ "$err" == *"#1: block 0x10110 ran 9 times x 3 instructions = 27 guest instructions"* ]] &&
   [[ "$err" == *"#2: block 0x1010c ran 1 times x 5 instructions = 5 guest instructions"* ]] &&
   [[ "$err" != *"#3:"* ]] && [[ "$err" == *"; -> the loop head"* ]]; then
  pass "explain/explain-hot-counts"
else
  fail "explain/explain-hot-counts" "status $rc: ${err:0:600}"
fi
# The execution counter is emitted only with --explain-hot: plain --explain code has none.
run_limited 20 "$RVDBT" run --explain "$GUEST/demo/tiny_loop.elf"
plain=$(printf '%s\n' "$err" | grep -c "count this block's executions")
run_limited 20 "$RVDBT" run --explain --explain-hot 1 "$GUEST/demo/tiny_loop.elf"
counted=$(printf '%s\n' "$err" | grep -c "count this block's executions")
if [ "$plain" = 0 ] && [ "$counted" -ge 3 ]; then pass "explain/counter-only-with-explain-hot"
else fail "explain/counter-only-with-explain-hot" "counter labels without: $plain, with: $counted"; fi
# On a real program the top blocks' counts add up to no more than the whole run.
run_limited 60 "$RVDBT" run --stats --explain-hot 5 "$GUEST/demo/primes.elf" 100000
total=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: //p')
sum=$(printf '%s\n' "$err" | sed -n 's/^#[0-9]*: block 0x[0-9a-f]* ran [0-9]* times x [0-9]* instructions = \([0-9]*\) guest.*/\1/p' |
      awk '{ s += $1 } END { print s + 0 }')
ranks=$(printf '%s\n' "$err" | grep -c '^#[0-9]*: block')
if [ "$rc" = 0 ] && [ "$ranks" = 5 ] && [ -n "$total" ] && [ "$sum" -gt 0 ] && [ "$sum" -le "$total" ]; then
  pass "explain/explain-hot-primes (top 5: $sum of $total instructions)"
else
  fail "explain/explain-hot-primes" "status $rc, ranks $ranks, sum $sum, total $total"
fi
expect_error "explain/explain-hot-needs-a-count" 2 "bad --explain-hot count" "$RVDBT" run --explain-hot x "$GUEST/demo/tiny_loop.elf"
expect_error "explain/explain-hot-not-with-interp" 2 "needs a translating engine" "$RVDBT" run --engine=interp --explain-hot 3 "$GUEST/demo/tiny_loop.elf"

# Control-flow labels, each under the kind of guest instruction it belongs to:
# the jump-cache lookup only under jalr (ret, jr, jalr), a helper call under ecall,
# and a fused pair's second instruction says it has no code of its own.
run_limited 30 "$RVDBT" run --explain "$GUEST/demo/primes.elf" 10
checks=$(printf '%s\n' "$err" | awk '
  /^  [0-9a-f]+: / { insn = $2; next }
  /; indirect jump: jump cache/ { n_ind++; if (insn !~ /^(ret|jr|jalr)$/) bad = bad " indirect-under-" insn }
  /; not translated inline: the interpreter runs it/ { if (insn == "ecall") n_ecall++ }
  /; fused: this instruction and the next/ { n_fused++ }
  /; \(no host code of its own: fused into the instruction above\)/ { n_nocode++ }
  END { printf "%d %d %d %d %s\n", n_ind, n_ecall, n_fused, n_nocode, bad }')
read -r n_ind n_ecall n_fused n_nocode bad <<<"$checks"
if [ "$rc" = 0 ] && [ "$n_ind" -gt 0 ] && [ "$n_ecall" -gt 0 ] && [ "$n_fused" -gt 0 ] && [ "$n_fused" = "$n_nocode" ] &&
   [ -z "$bad" ]; then
  pass "explain/control-labels ($n_ind jump-cache lookups under jalr, $n_ecall ecalls, $n_fused fused pairs)"
else
  fail "explain/control-labels" "status $rc; indirect $n_ind, ecall helper calls $n_ecall, fused $n_fused vs no-code $n_nocode; bad:$bad"
fi

# --cfg: the hot blocks' graph.  Lab 5's program (docs/labs/lab5/lab5_jumps.S) has a
# known shape: the block at `back` (addi s0; bnez s0, loop) runs once a round, 1000000
# rounds, and branches back to `loop` (999999 times) or falls through (once): both
# exits of its final branch carry 1000000 "in all"; the block at `add5` ends in a
# lui+jalr the shipped translator does not fuse, an indirect jump (addresses from nm).
# (--no-follow-branches: that shape has the loop's back edge end the block at `back`.)
elf=$GUEST/labs/lab5_jumps.elf
if [ ! -f "$elf" ] || ! command -v riscv64-linux-gnu-nm >/dev/null; then
  skip "explain/--cfg" "$elf or riscv64-linux-gnu-nm missing"
else
  sym() { riscv64-linux-gnu-nm "$elf" | awk -v s="$1" '$3 == s { sub(/^0+/, "", $1); print "0x" $1 }'; }
  back=$(sym back) loop=$(sym loop) add5=$(sym add5)
  rm -f "$TMP/cfg.dot"
  run_limited 30 "$RVDBT" run --no-follow-branches --cfg "$TMP/cfg.dot" "$elf"
  if [ "$rc" = 0 ] && [ -z "$err" ] && head -1 "$TMP/cfg.dot" | grep -q '^digraph rvdbt {$' && [ "$(tail -1 "$TMP/cfg.dot")" = "}" ] &&
     grep -qF "\"$back\" [label=\"$back\\n2 instructions\\nran 1000000 times" "$TMP/cfg.dot" &&
     grep -qF "\"$back\" -> \"$loop\" [label=\"1000000 in all\", style=solid];" "$TMP/cfg.dot" &&
     grep -qF "\"$add5\" -> \"jump cache\" [style=dotted];" "$TMP/cfg.dot"; then
    pass "explain/--cfg FILE.dot: lab 5's loop and its indirect jump, counted"
  else
    fail "explain/--cfg FILE.dot" "status $rc: ${err:0:200}; back=$back loop=$loop add5=$add5: $(head -c 600 "$TMP/cfg.dot" 2>&1)"
  fi
  if command -v dot >/dev/null; then
    rm -f "$TMP/cfg.svg"
    run_limited 60 "$RVDBT" explain --cfg "$TMP/cfg.svg" "$elf"
    if [ "$rc" = 0 ] && [[ "$err" == *"== block $back"* || "$err" == *"block 0x"* ]] &&
       python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); sys.exit(not (r.tag.endswith("svg") and sys.argv[2] in open(sys.argv[1]).read()))' "$TMP/cfg.svg" "$back"; then
      pass "explain/rvdbt explain --cfg FILE.svg (drawn by dot, valid SVG)"
    else
      fail "explain/rvdbt explain --cfg FILE.svg" "status $rc: ${err:0:200}; $(head -c 300 "$TMP/cfg.svg" 2>&1)"
    fi
  else
    skip "explain/--cfg FILE.svg" "Graphviz's dot not installed"
    expect_error explain/bad-input/cfg-svg-without-dot 2 "needs Graphviz's dot on PATH" "$RVDBT" run --cfg "$TMP/x.svg" "$elf"
  fi
  expect_error explain/bad-input/cfg-bad-extension 2 "should end in .dot, .svg, .png or .pdf" "$RVDBT" run --cfg "$TMP/x.txt" "$elf"
  expect_error explain/bad-input/cfg-interp 2 "--cfg needs a translating engine" "$RVDBT" run --engine=interp --cfg "$TMP/x.dot" "$elf"
  expect_error explain/bad-input/cfg-unwritable 0 "rvdbt: --cfg: cannot write '/nonexistent/x.dot'" "$RVDBT" run --cfg /nonexistent/x.dot "$elf"
fi

# --stats-chart DIR: the instruction-mix and hot-block charts (gnuplot).  The program
# (testsuite/demo/insn_mix.S) has a known mix; testsuite/docs/expected_mix.py works it out
# from objdump and the loop's shape (not from rvdbt), and the chart's data must be exactly
# that, most frequent first (mul, xor, sub: the subs are skipped on even iterations by a
# branch inside the block, so a count that ignored the skip would put sub first), and the
# SVG must carry those labels in that order.  The hottest block is the loop at `loop`
# (nm): 11 instructions an iteration and the 5 subs every other one, over the 100000
# iterations (the first may run in the block that enters the loop).  Every translating engine.
# (--no-follow-branches: else the block before the loop follows its back edge into it.)
elf=$GUEST/demo/insn_mix.elf
if ! command -v gnuplot >/dev/null || ! command -v riscv64-linux-gnu-objdump >/dev/null || ! command -v python3 >/dev/null; then
  skip "explain/--stats-chart" "needs gnuplot (gnuplot-nox), riscv64-linux-gnu-objdump and python3"
  if ! command -v gnuplot >/dev/null; then
    expect_error explain/bad-input/stats-chart-without-gnuplot 2 "needs gnuplot on PATH" "$RVDBT" run --stats-chart="$TMP/c" "$elf"
  fi
else
  want=$(python3 testsuite/docs/expected_mix.py "$elf" 100000)
  loop=$(riscv64-linux-gnu-nm "$elf" | awk '$3 == "loop" { sub(/^0+/, "", $1); print "0x" $1 }')
  for engine in jit check; do
    rm -rf "$TMP/chart"
    run_limited 60 "$RVDBT" run --engine=$engine --no-follow-branches --stats-chart="$TMP/chart" "$elf"
    got=$(grep -v '^#' "$TMP/chart/insn-mix.dat" 2>/dev/null | tr -d '"')
    labels=$(python3 -c 'import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
assert r.tag.endswith("svg")
print(" ".join(t.text for t in r.iter() if t.tag.endswith("text") and t.text and t.text.isalpha()))' "$TMP/chart/insn-mix.svg" 2>&1)
    top=$(grep -v '^#' "$TMP/chart/hot-blocks.dat" 2>/dev/null | head -1)
    top_pc=$(printf '%s' "$top" | sed -E 's/^"(0x[0-9a-f]+),.*/\1/') top_n=${top##* }
    lo=$(( 11 * 99999 + 5 * 49999 )) hi=$(( 11 * 100000 + 5 * 50000 ))
    if [ "$rc" = 0 ] && [ -n "$want" ] && [ "$got" = "$want" ] && [[ "$labels" == "mul xor sub addi "* ]] &&
       [ -s "$TMP/chart/hot-blocks.svg" ] && [ "$top_pc" = "$loop" ] && [ "$top_n" -ge "$lo" ] && [ "$top_n" -le "$hi" ] &&
       [[ "$err" == *"rvdbt: guest instructions: 1350007"* ]]; then
      pass "explain/--stats-chart under $engine (mix = objdump's x the loop's counts; hottest block $loop)"
    else
      fail "explain/--stats-chart under $engine" "status $rc ${err:0:200}; mix [$(echo $got)] want [$(echo $want)]; svg labels [$labels]; top block [$top] loop $loop"
    fi
  done
  # the script is kept beside the chart, to redraw it
  if (cd "$TMP/chart" && rm -f insn-mix.svg && gnuplot insn-mix.gp 2>/dev/null) && grep -q '>mul<' "$TMP/chart/insn-mix.svg"; then
    pass "explain/--stats-chart: cd DIR && gnuplot insn-mix.gp redraws it"
  else
    fail "explain/--stats-chart: the kept .gp" "$(ls "$TMP/chart" 2>&1)"
  fi
  expect_error explain/bad-input/stats-chart-interp 2 "--stats-chart needs a translating engine" "$RVDBT" run --engine=interp --stats-chart="$TMP/c" "$elf"
  expect_error explain/bad-input/stats-chart-without-gnuplot 2 "needs gnuplot on PATH" env PATH=/nonexistent "$RVDBT" run --stats-chart="$TMP/c" "$elf"
  run_limited 30 "$RVDBT" run --stats-chart=/nonexistent/dir "$elf"
  if [ "$rc" = 0 ] && [ "$(printf '%s\n' "$err" | grep -c '^rvdbt: --stats-chart')" = 1 ] &&
     [[ "$err" == *"rvdbt: --stats-chart: cannot create the directory '/nonexistent/dir'"* ]]; then
    pass "explain/bad-input/stats-chart-unwritable (one line; the guest's status kept)"
  else
    fail "explain/bad-input/stats-chart-unwritable" "status $rc: ${err:0:300}"
  fi
fi

# testsuite/demo/precise.c (the tour's section 10): a host fault in the middle of a
# translated self-loop; the guest's SIGSEGV handler must see the load's pc and a0/a1 as
# after the instructions before the load: a0 = 1000, a1 = 1+...+1000 + 100*999 = 600400
# (worked out from the program, and the same as qemu-riscv64 prints), under every engine.
elf=$GUEST/demo/precise.elf
want='SIGSEGV: pc == the load, fault address == the guard page
a0 = 1000 (iterations), a1 = 600400 (sum), a2 = 7 (loaded)'
if command -v qemu-riscv64 >/dev/null; then
  q=$(timeout 30 qemu-riscv64 "$elf" 2>&1)
  [ "$q" = "$want" ] || fail "explain/precise (qemu-riscv64 oracle)" "qemu-riscv64 printed: $q"
fi
for engine in interp "interp --no-interp-blocks" jit check; do
  run_limited 30 "$RVDBT" run --engine=$engine --stats "$elf"
  faults=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: host faults sent to a slow path: //p')
  if [ "$rc" = 0 ] && [ "$out" = "$want" ] && { [[ "$engine" = interp* ]] || [ "${faults:-0}" -ge 1 ]; }; then
    pass "explain/precise exception mid-block under $engine (host faults: ${faults:-n/a})"
  else
    fail "explain/precise exception mid-block under $engine" "status $rc, host faults '${faults}'; out: $out"
  fi
done

# The optimisations below label their code in --explain, and each one's --no-* switch
# takes its label away; the program must pass either way.
label_count() { # PROGRAM LABEL [OPTIONS...]: how many times --explain prints LABEL
  local elf=$1 label=$2; shift 2
  run_limited 60 "$RVDBT" run --explain "$@" "$elf"
  [ "$rc" = 0 ] && [ "$out" = "PASS $(basename "$elf" .elf)" ] || { echo fail; return; }
  printf '%s\n' "$err" | grep -c -- "$label"
}
# One test, NAME: testsuite/isa/PROGRAM passes with OPTIONS and --explain prints LABEL (a
# grep pattern) at least MIN times; with SWITCH added too it passes and prints OFF_LABEL
# not once ("" for LABEL itself; a shorter pattern where the label could have other forms).
label_on_off() { # NAME PROGRAM MIN LABEL OFF_LABEL SWITCH [OPTIONS...]
  local name=$1 prog=$2 min=$3 label=$4 off_label=${5:-$4} switch=$6 on off; shift 6
  on=$(label_count "$GUEST/isa/$prog.elf" "$label" "$@")
  off=$(label_count "$GUEST/isa/$prog.elf" "$off_label" "$@" "$switch")
  if [[ $on =~ ^[0-9]+$ ]] && [ "$on" -ge "$min" ] && [ "$off" = 0 ]; then pass "$name ($prog: $on labelled, none with $switch)"
  else fail "$name" "$prog: '$on' labelled by default (want >= $min), '$off' with $switch"; fi
}
# The FP optimisations are labelled in --explain, and their --no-* switches take them
# away: fflags CSR instructions and fused multiply-adds inline (rv64fd_fma's checks read
# fflags after every operation), the per-block frm check (rv64d_rounding uses rm = dyn),
# AVX three-operand arithmetic (rv64d_fploop).  Each program must still pass.
no_fma() { grep -qw fma /proc/cpuinfo && return 1; skip "explain/fp-label $1" "the host has no FMA3/AVX"; }
label_on_off "explain/fp-label --no-inline-fflags" rv64fd_fma 1 "fflags inline (--no-inline-fflags" "" --no-inline-fflags
no_fma --no-inline-fma || label_on_off "explain/fp-label --no-inline-fma" rv64fd_fma 1 "fused multiply-add on the host's FMA3 unit" "" --no-inline-fma
label_on_off "explain/fp-label --no-hoist-frm" rv64d_rounding 1 "frm check, once per block entry" "" --no-hoist-frm
no_fma --no-fp-avx || label_on_off "explain/fp-label --no-fp-avx" rv64d_fploop 1 vaddsd "" --no-fp-avx

# Short cold stubs (translator/cold_stubs.c; --no-cold-stubs emits the slow paths in
# full): a load/store's slow path is one call into shared code, and --explain labels
# that short form by default and never with the switch.  That holds for a host-MMU
# access and for an inline TLB check's miss (--no-host-mmu, as in system mode); only
# --no-inline-tlb, where every access takes its slow path, keeps them in full.  The
# program passes each way.
on=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "short form (--no-cold-stubs" --no-tiering)
off=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "short form (--no-cold-stubs" --no-tiering --no-cold-stubs)
tlb=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "short form (--no-cold-stubs" --no-tiering --no-host-mmu)
always=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "short form (--no-cold-stubs" --no-tiering --no-inline-tlb)
if [[ $on =~ ^[0-9]+$ ]] && [ "$on" -gt 0 ] && [ "$off" = 0 ] && [ "$tlb" = "$on" ] && [ "$always" = 0 ]; then pass "explain/cold-stubs label (rv64i_loadstore: $on short slow paths, as many with --no-host-mmu, none with --no-cold-stubs or --no-inline-tlb)"
else fail "explain/cold-stubs label" "rv64i_loadstore: '$on' labelled by default, '$off' with --no-cold-stubs, '$tlb' with --no-host-mmu, '$always' with --no-inline-tlb"; fi

# The pre-pass (translator/prepass.c; --no-bounds-reuse): a host-MMU access whose base
# register an earlier access of the block checked has no bounds check of its own, and
# --explain says so; with the switch every access has its check.  (The guard pages that
# make it safe: testsuite/usermode/bounds_edge.c, in 60-user-mode.)
label_on_off "explain/bounds-reuse label" rv64i_loadstore 1 "no bounds check: an earlier access" "" --no-bounds-reuse --no-tiering

# The base-register bounds check (translator/lower_mem.c; --no-base-bounds checks base +
# offset): a host-MMU access's check compares the base register alone with the end of
# the guest space, and --explain labels it; with the switch no access has that check
# (and the old three-instruction check is back).  (Its edges, where base and address
# lie on different sides of the space's ends: testsuite/usermode/base_bounds.c.)
on=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "the offset is not checked: a guard page" --no-tiering)
off=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "the offset is not checked: a guard page" --no-tiering --no-base-bounds)
old=$(label_count "$GUEST/isa/rv64i_loadstore.elf" "address >> 35 != 0, outside the guest space" --no-tiering --no-base-bounds)
if [[ $on =~ ^[0-9]+$ ]] && [ "$on" -gt 0 ] && [ "$off" = 0 ] && [[ $old =~ ^[0-9]+$ ]] && [ "$old" -gt 0 ]; then pass "explain/base-bounds label (rv64i_loadstore: $on base-only checks; with --no-base-bounds none, $old base + offset checks)"
else fail "explain/base-bounds label" "rv64i_loadstore: '$on' labelled by default, '$off' with --no-base-bounds ('$old' old checks)"; fi

# The jump-cache probe with a scaled index (translator/trampolines.c; --no-short-probe):
# an indirect jump's probe addresses the entry as [rcx + rax*8] and --explain says so;
# with the switch the label and the scaled operand are gone.  (rv64i_branch_jump's jalrs run
# translated and pass either way.)
label_on_off "explain/short-probe label" rv64i_branch_jump 1 "a scaled index (--no-short-probe" "" --no-short-probe --no-tiering

# The jump cache in the low 2 GiB (dispatch.c, trampolines.c; --no-low-jump-cache): the probe
# names the cache by its address as the displacement, [rax*8 + cache], no movabs; and jalr
# probes an odd target as it is (lower_control.c; --no-odd-target-miss): no and rdx, -2.
label_on_off "explain/low-jump-cache label" rv64i_branch_jump 1 "the cache's low address (--no-low-jump-cache" "" --no-low-jump-cache --no-tiering
label_on_off "explain/odd-target-miss label" rv64i_branch_jump 1 "bit 0 not cleared: an odd target misses" "" --no-odd-target-miss --no-tiering
# A ret through a cache register probes with that register (lower_control.c; --no-probe-in-place)
label_on_off "explain/probe-in-place label" rv64i_branch_jump 1 "the target probed in its cache register" "" --no-probe-in-place --no-tiering

# Forward chained jumps past the entry check (translator/trampolines.c; --no-forward-skip):
# in spin_signal's loop (block A jumps forward to block B, B back to A) --explain-hot
# shows A's chained jump entering B past its check, and B's backward jump entering A at
# its start; with the switch no chained jump skips a check.  (That the signal still
# reaches the loop: spin_signal in 60-user-mode.)
spin=$GUEST/usermode/spin_signal.static.elf
run_limited 60 "$RVDBT" run --explain-hot 3 "$spin"
on=$(printf '%s\n' "$err" | grep -c "(chained, past its entry check: a forward jump)"); on_rc=$rc
back=$(printf '%s\n' "$err" | grep -c -- "-> block [0-9a-f]* (chained)$")
run_limited 60 "$RVDBT" run --explain-hot 3 --no-forward-skip "$spin"
off=$(printf '%s\n' "$err" | grep -c "past its entry check"); off_rc=$rc
if [ "$on_rc" = 0 ] && [ "$off_rc" = 0 ] && [ "$on" -gt 0 ] && [ "$back" -gt 0 ] && [ "$off" = 0 ]; then
  pass "explain/forward-skip label (spin_signal: $on forward chained jumps past a check, $back chained at a block's start; none past with --no-forward-skip)"
else fail "explain/forward-skip label" "spin_signal: status $on_rc/$off_rc, '$on' past a check by default, '$back' at the start, '$off' with --no-forward-skip"; fi

# Followed jumps (translator/discover.c; --no-follow-jumps): rv64i_branch_jump's blocks go
# on at the targets of its `j`s, each such jump listed as having no host code of its own
# and the block's header counting them; with the switch every `j` ends its block.
on=$(label_count "$GUEST/isa/rv64i_branch_jump.elf" "a followed jump, the block goes on at its target (--no-follow-jumps)" --no-tiering --no-follow-branches --no-follow-calls)
hdr=$(label_count "$GUEST/isa/rv64i_branch_jump.elf" "direct jumps\? or branch\(es\)\? followed$" --no-tiering --no-follow-branches --no-follow-calls)
off=$(label_count "$GUEST/isa/rv64i_branch_jump.elf" "followed" --no-tiering --no-follow-jumps --no-follow-branches --no-follow-calls)
if [[ $on =~ ^[0-9]+$ ]] && [ "$on" -gt 0 ] && [[ $hdr =~ ^[0-9]+$ ]] && [ "$hdr" -gt 0 ] && [ "$hdr" -le "$on" ] && [ "$off" = 0 ]; then
  pass "explain/follow-jumps label (rv64i_branch_jump: $on jumps followed in $hdr blocks, none with --no-follow-jumps)"
else fail "explain/follow-jumps label" "rv64i_branch_jump: '$on' followed jumps, '$hdr' blocks, '$off' with --no-follow-jumps"; fi
# ... and backward conditional branches (--no-follow-branches): rv64d_fploopnan has loops
# whose back edge goes to a block other than its own.
label_on_off "explain/follow-branches label" rv64d_fploopnan 1 \
  "a followed branch: the block goes on at its target, the fall-through is the side exit (--no-follow-branches)" "a followed branch" --no-follow-branches --no-tiering
# ... and direct calls (--no-follow-calls): rv64c's test macros call a checking routine.
label_on_off "explain/follow-calls label" rv64c 1 \
  "a followed call: the link register gets its value, the block goes on in the callee (--no-follow-calls)" "a followed call" --no-follow-calls --no-tiering
# One-instruction ALU forms (translator/lower_alu.c; --no-alu-forms): rv64i_w's srliw,
# sraiw and sext.w cases each get one, labelled; with the switch none.
label_on_off "explain/alu-forms label" rv64i_w 8 "one x86 instruction fewer than mov + op (--no-alu-forms)" "fewer than mov + op" --no-alu-forms --no-tiering
# ... and branches with x0 first (lower_control.c): rv64i_branch_jump's bgtz, blez, bltu x0 ...
label_on_off "explain/alu-forms branch label" rv64i_branch_jump 13 "x0 first: the other register compared with 0, the condition swapped" "x0 first" --no-alu-forms --no-tiering
# Pinned registers (translator/regcache.c; --no-pin-regs): every block's header says which
# guest registers live in which host registers across blocks; with the switch none does.
label_on_off "explain/pinned-registers label" rv64zbc 2 \
  "pinned across blocks, never loaded or written back here (--no-pin-regs): a0 in r14, a1 in r13, a5 in r12, sp in rbx" "pinned across blocks" --no-pin-regs --no-tiering

# Code expansion: issue 19's goal is at most 10 host bytes per guest byte for an
# interpreter-heavy real program (lua5.4 on the bench's script), as --stats counts it
# without its own counters; the full slow paths (--no-cold-stubs) take more.
DEBIAN_ROOT=build/guests/sysroot
if [ -f "$DEBIAN_ROOT/.rvdbt-packages" ] && [ -x "$DEBIAN_ROOT/usr/bin/lua5.4" ]; then
  expansion() { # OPTIONS...: the "without them: X.Yx" figure
    run_limited 120 "$RVDBT" run --stats "$@" -L "$DEBIAN_ROOT" "$DEBIAN_ROOT/usr/bin/lua5.4" testsuite/bench/real/workload.lua 6
    printf '%s\n' "$err" | sed -n 's/^rvdbt: of the host bytes, --stats.s counters: [0-9]* (without them: \([0-9.]*\)x)$/\1/p'
  }
  short=$(expansion)
  full=$(expansion --no-cold-stubs)
  if [ -n "$short" ] && [ -n "$full" ] && awk -v s="$short" -v f="$full" 'BEGIN { exit !(s <= 10 && s < f) }'; then
    pass "explain/code-expansion (lua5.4: $short host bytes per guest byte, $full with --no-cold-stubs)"
  else
    fail "explain/code-expansion" "lua5.4: '$short' host bytes per guest byte (goal: at most 10), '$full' with --no-cold-stubs"
  fi
else
  skip "explain/code-expansion" "no Debian riscv64 sysroot with lua5.4 in $DEBIAN_ROOT (make fetch-guests)"
fi
