# testsuite/tests/80-system.sh — system mode (`rvdbt system`): the bare-metal
# privileged tests of testsuite/system/, run under every engine and, where the
# behaviour is architectural, under qemu-system-riscv64 -M virt, the oracle:
# rvdbt must print exactly what QEMU prints and exit with the same status.
# Then the rvdbt-only programs (HTIF, satp WARL, cache-block enables, console
# input, wedged guests) and the bad inputs of `rvdbt system`.
SYS=$GUEST/system
# (--no-tiering: every block translated from its first run; plain jit interprets a
# block until it has run 8 times, and these programs run most blocks once)
SYS_ENGINES=(
  "--engine=interp"
  "--engine=interp --no-interp-blocks"
  "--engine=interp --no-interp-blocks --no-big-decode-cache"
  "--engine=jit"
  "--engine=check"
  "--engine=jit --no-tiering"
  "--engine=jit --no-tiering --no-chain"
  "--engine=jit --no-tiering --no-inline-tlb"
  "--engine=jit --no-tiering --no-regcache"
  "--engine=jit --no-tiering --no-sys-fp"
  "--engine=jit --no-tiering --no-sized-tables"
  "--engine=jit --no-late-translate"
  "--engine=jit --no-irq-csr-filter"
  "--engine=jit --no-tiering --no-follow-jumps"
  "--engine=jit --no-tiering --no-follow-branches"
  "--engine=jit --no-tiering --no-follow-calls"
)
have_qemu_system=1
command -v qemu-system-riscv64 >/dev/null || have_qemu_system=0

if [ ! -e "$SYS/traps.elf" ]; then
  skip "system/*" "bare-metal programs not built (riscv64-unknown-elf-gcc missing?)"
else
  # Architectural tests: same output and status as QEMU.
  for name in traps interrupts sv39 uart_plic smc smc_cross boot_args preempt fp_flags smp smp_smc smp_tlb_smc cross_page tlb_sets irq_csr decode_cache smc_follow amo_tlb csr_in_block; do
    elf=$SYS/$name.elf
    extra=()
    [ "$name" = boot_args ] && extra=(-append rvdbt-boot-args-test)
    [ "$name" = smp ] && extra=(-smp 4) # four harts: AMO/LR-SC races, IPIs, per-hart timers and PLIC contexts
    # code hart 0 writes and hart 1 runs: with a thread (and a translator) per hart, hart 0's
    # stores must drop hart 1's blocks (fails with that queue disabled: hart 1 runs stale code)
    [ "$name" = smp_smc ] && extra=(-smp 2)
    # the same, written from S mode by a hart that then waits in M mode: its S-mode TLB
    # set keeps a write tag for the page, which the other hart must drop when it marks the
    # page as code (fails if the mark drops only the tags of the writer's current set)
    [ "$name" = smp_tlb_smc ] && extra=(-smp 2)
    want_out=""
    if [ "$have_qemu_system" = 1 ]; then
      run_limited 60 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$elf" "${extra[@]}"
      if [ "$rc" = 0 ] && [[ "$out" == *"PASS $name" ]]; then pass "system/$name (qemu oracle)"; want_out=$out
      else fail "system/$name (qemu oracle)" "exit $rc, stdout: ${out:0:300}"; fi
    else
      skip "system/$name (qemu oracle)" "qemu-system-riscv64 not installed: checking PASS lines only"
    fi
    cfgs=("${SYS_ENGINES[@]}")
    # smp: every engine with the harts taking turns on one host thread and with a thread each
    if [ "$name" = smp ] || [ "$name" = smp_smc ] || [ "$name" = smp_tlb_smc ]; then
      cfgs=(); for c in "${SYS_ENGINES[@]}"; do cfgs+=("$c -accel tcg,thread=single" "$c -accel tcg,thread=multi"); done
    fi
    # AMOs inline behind the TLB's write tag (translator/lower_amo.c), and all through the interpreter
    [ "$name" = amo_tlb ] && cfgs+=("--engine=jit --no-tiering --no-inline-amo")
    # CSR instructions in the middle of a block (translator/lower_control.c), and each ending its block
    [ "$name" = csr_in_block ] && cfgs+=("--engine=jit --no-tiering --no-csr-in-block")
    for cfg in "${cfgs[@]}"; do
      # shellcheck disable=SC2086
      run_limited 60 "$RVDBT" system -bios none -kernel "$elf" "${extra[@]}" $cfg
      ok=0
      if [ -n "$want_out" ]; then [ "$rc" = 0 ] && [ "$out" = "$want_out" ] && ok=1
      else [ "$rc" = 0 ] && [[ "$out" == *"PASS $name" ]] && ok=1; fi
      if [ "$ok" = 1 ]; then pass "system/$name ($cfg)"
      else fail "system/$name ($cfg)" "exit $rc, stdout: ${out:0:400} stderr: ${err:0:600}"; fi
    done
  done

  # The check engine must run blocks the way the default engine does.  A planted
  # bug (translator/tx_internal.h) makes the dispatcher leave a stale inexact flag
  # in the host's MXCSR when it enters a block -- system mode's real bug once, which
  # --engine=check did not see because it entered blocks through its own code.
  # The default engine then gets fp_flags wrong, and check must stop with its report.
  # (--no-tiering: translated from the first run; a tiered run interprets these blocks)
  RVDBT_TEST_MISTRANSLATE=fpflags run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/fp_flags.elf" --engine=jit --no-tiering
  if [ "$rc" != 0 ] && [[ "$out" == *"FAIL fp_flags"* ]]; then pass "system/planted FP-flags bug breaks --engine=jit"
  else fail "system/planted FP-flags bug breaks --engine=jit" "status $rc: ${out:0:300}"; fi
  RVDBT_TEST_MISTRANSLATE=fpflags run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/fp_flags.elf" --engine=check
  if [ "$rc" = 3 ] && [[ "$err" == *"translated code and interpreter differ"* ]] && [[ "$err" == *"differs: fflags"* ]]; then
    pass "system/check engine catches the planted FP-flags bug"
  else fail "system/check engine catches the planted FP-flags bug" "status $rc, stderr: ${err:0:400}"; fi

  # Console input through a pipe: the same line comes back upper-cased (QEMU too).
  want="> HELLO, WORLD
PASS echo"
  if [ "$have_qemu_system" = 1 ]; then
    q=$(printf 'hello, world\n' | timeout -k 5 30 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$SYS/echo.elf" 2>/dev/null | tr -d '\r')
    if [ "$q" = "$want" ]; then pass "system/echo (qemu oracle)"; else fail "system/echo (qemu oracle)" "got: ${q:0:200}"; fi
  fi
  for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=check" \
             "--engine=interp --no-input-throttle" "--engine=jit --no-input-throttle"; do
    # shellcheck disable=SC2086
    r=$(printf 'hello, world\n' | timeout -k 5 30 "$RVDBT" system -bios none -kernel "$SYS/echo.elf" $cfg 2>&1); s=$?
    if [ "$s" = 0 ] && [ "$r" = "$want" ]; then pass "system/echo ($cfg)"; else fail "system/echo ($cfg)" "exit $s: ${r:0:200}"; fi
  done
  # The single-thread loop looks for console input once per 1 ms tick, not at every
  # return (a poll system call each: 260,000 in Linux's boot to /init); traps.elf
  # returns to the loop at each of its ~900 traps in about a millisecond
  for cfg in "--engine=interp" "--engine=jit"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/traps.elf" $cfg --stats
    lazy=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: console input checks: \([0-9]*\)$/\1/p') lazy_rc=$rc
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/traps.elf" $cfg --stats --no-input-throttle
    every=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: console input checks: \([0-9]*\)$/\1/p')
    if [ "$lazy_rc" = 0 ] && [ "$rc" = 0 ] && [ -n "$lazy" ] && [ -n "$every" ] && [ "$every" -gt 500 ] && [ $((lazy * 4)) -lt "$every" ]; then
      pass "system/console input checks ($cfg): $lazy, $every with --no-input-throttle"
    else fail "system/console input checks ($cfg)" "exit $lazy_rc/$rc, checks '$lazy' (default) vs '$every' (--no-input-throttle)"; fi
  done

  # On a terminal (a pty from script(1)): raw mode (Enter arrives as \r), Ctrl-A C prints
  # statistics, Ctrl-A X quits with status 0.
  if command -v script >/dev/null; then
    r=$( (sleep 1; printf 'hi\r') | timeout -k 5 20 script -qec "$RVDBT system -bios none -kernel $SYS/echo.elf" /dev/null | tr -d '\r'; exit "${PIPESTATUS[1]}"); s=$?
    if [ "$s" = 0 ] && [ "$r" = "> HI
PASS echo" ]; then pass "system/console on a terminal: raw input"; else fail "system/console on a terminal: raw input" "exit $s: ${r:0:200}"; fi
    r=$( (sleep 1; printf '\001c'; sleep 0.5; printf '\001x') | timeout -k 5 20 script -qec "$RVDBT system -bios none -kernel $SYS/echo.elf" /dev/null | tr -d '\r'; exit "${PIPESTATUS[1]}"); s=$?
    if [ "$s" = 0 ] && [[ "$r" == *"rvdbt: guest instructions: "* ]]; then pass "system/console on a terminal: Ctrl-A C statistics, Ctrl-A X quits"
    else fail "system/console on a terminal: Ctrl-A C, Ctrl-A X" "exit $s: ${r:0:300}"; fi
  else
    skip "system/console on a terminal" "script(1) not installed (package bsdutils)"
  fi

  # rvdbt only (QEMU virt has no HTIF; QEMU's CPU has Sv48/Sv57; QEMU's minstret write
  # differs from the spec): expectations from the spec.
  for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=check"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/satp_modes.elf" $cfg
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS satp_modes" ]]; then pass "system/satp_modes ($cfg)"
    else fail "system/satp_modes ($cfg)" "exit $rc: ${out:0:300}"; fi
    # (QEMU 7.2 does not suppress the increment of an instruction that writes minstret)
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/counters.elf" $cfg
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS counters" ]]; then pass "system/counters: minstret and mcycle writes ($cfg)"
    else fail "system/counters ($cfg)" "exit $rc: ${out:0:300}"; fi
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/htif.elf" $cfg
    if [ "$rc" = 5 ] && [ "$out" = "htif ok" ]; then pass "system/htif exit status and console ($cfg)"
    else fail "system/htif ($cfg)" "want status 5 and 'htif ok', got $rc: ${out:0:200} ${err:0:200}"; fi
  done

  # Self-modifying code in the framebuffer (RAM-like memory outside main RAM; QEMU virt has
  # nothing there, so the oracle is the program's own arithmetic): every engine must run
  # the rewritten instructions after fence.i, not the first translation.
  want_fb="ok 1 first version in the framebuffer: adds 5
ok 2 rewritten + fence.i: adds -3
ok 3 across a page boundary: adds 7
ok 4 its second page rewritten: adds 7 + 2
PASS fb_smc"
  for cfg in "${SYS_ENGINES[@]}"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/fb_smc.elf" $cfg
    if [ "$rc" = 0 ] && [ "$out" = "$want_fb" ]; then pass "system/fb_smc: code rewritten in the framebuffer ($cfg)"
    else fail "system/fb_smc ($cfg)" "exit $rc: ${out:0:300} ${err:0:300}"; fi
  done
  # Zicbom/Zicboz enables in menvcfg/senvcfg (rvdbt only: QEMU 7.2 has neither
  # extension; the expectations come from the specifications), every engine.
  for cfg in "${SYS_ENGINES[@]}"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/cbo_envcfg.elf" $cfg
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS cbo_envcfg" ]]; then pass "system/cbo_envcfg ($cfg)"
    else fail "system/cbo_envcfg ($cfg)" "exit $rc: ${out: -300} ${err:0:300}"; fi
  done
  # cbo.zero inline behind the TLB's write tag and a run-time envcfg check
  # (translator/lower_amo.c), and all through the interpreter (rvdbt only, as above)
  for cfg in "${SYS_ENGINES[@]}" "--engine=jit --no-tiering --no-inline-cbo-zero"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -bios none -kernel "$SYS/cbo_tlb.elf" $cfg
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS cbo_tlb" ]]; then pass "system/cbo_tlb ($cfg)"
    else fail "system/cbo_tlb ($cfg)" "exit $rc: ${out: -300} ${err:0:300}"; fi
  done

  # Reboot (0x7777 to the SiFive test device) restarts the machine: the program boots again and again.
  # (-smp 2 thread=multi: the I/O thread stops and joins the harts' threads, resets, starts them again)
  for cfg in "--engine=interp" "--engine=jit" "--engine=jit -smp 2 -accel tcg,thread=multi"; do
    # shellcheck disable=SC2086
    run_limited 3 "$RVDBT" system -bios none -kernel "$SYS/reboot.elf" $cfg
    boots=$(printf '%s\n' "$out" | grep -c '^boot$')
    if [ "$rc" = 124 ] && [ "$boots" -ge 3 ]; then pass "system/reboot restarts the machine ($cfg)"
    else fail "system/reboot ($cfg)" "want a timeout (124) after 3+ boots; got status $rc, $boots boots: ${err:0:200}"; fi
  done

  # A wedged guest is reported (status 4, one line), not left spinning or sleeping.
  for cfg in "--engine=interp" "--engine=jit"; do
    # shellcheck disable=SC2086
    expect_error "system/wedge: wfi with no possible interrupt ($cfg)" 4 "guest wedged: wfi" \
      "$RVDBT" system -bios none -kernel "$SYS/wedge_wfi.elf" $cfg
    # shellcheck disable=SC2086
    expect_error "system/wedge: trap loop at the vector ($cfg)" 4 "trap loop" \
      "$RVDBT" system -bios none -kernel "$SYS/wedge_trap_loop.elf" $cfg
  done

  # Bad input: one clear line and a non-zero status.
  good=$SYS/traps.elf
  head -c 40 "$good" >"$TMP/sys-trunc-header.elf"
  head -c 300 "$good" >"$TMP/sys-trunc-segments.elf"
  : >"$TMP/sys-empty.bin"
  head -c $((7 << 20)) /dev/zero >"$TMP/sys-big-initrd"
  # initrds made by host tools: a complete gzip (accepted) and the same cut short
  seq 1 20000 | gzip -c >"$TMP/sys-initrd.gz"
  head -c $(($(stat -c %s "$TMP/sys-initrd.gz") / 2)) "$TMP/sys-initrd.gz" >"$TMP/sys-trunc-initrd.gz"
  expect_error system/bad-input/missing-kernel 1 "cannot open kernel" "$RVDBT" system -bios none -kernel "$TMP/nope.elf"
  expect_error system/bad-input/truncated-kernel-header 1 "truncated" "$RVDBT" system -bios none -kernel "$TMP/sys-trunc-header.elf"
  expect_error system/bad-input/truncated-kernel-segments 1 "outside the file" "$RVDBT" system -bios none -kernel "$TMP/sys-trunc-segments.elf"
  expect_error system/bad-input/wrong-machine-kernel 1 "not a RISC-V program" "$RVDBT" system -bios none -kernel /bin/true
  if [ -e "$GUEST/demo/primes.elf" ]; then
    expect_error system/bad-input/kernel-outside-ram 1 "outside RAM" "$RVDBT" system -bios none -kernel "$GUEST/demo/primes.elf"
  fi
  expect_error system/bad-input/missing-firmware 1 "cannot open firmware" "$RVDBT" system -bios "$TMP/nope.bin" -kernel "$good"
  expect_error system/bad-input/empty-firmware 1 "is empty" "$RVDBT" system -bios "$TMP/sys-empty.bin" -kernel "$good"
  expect_error system/bad-input/missing-initrd 1 "cannot open initrd" "$RVDBT" system -bios none -kernel "$good" -initrd "$TMP/nope.img"
  expect_error system/bad-input/truncated-gzip-initrd 1 "is truncated: its gzip stream ends" "$RVDBT" system -bios none -kernel "$good" -initrd "$TMP/sys-trunc-initrd.gz"
  run_limited 30 "$RVDBT" system -bios none -kernel "$good" -initrd "$TMP/sys-initrd.gz"
  if [ "$rc" = 0 ]; then pass "system/a complete gzip initrd is accepted"
  else fail "system/a complete gzip initrd is accepted" "status $rc: ${err:0:200}"; fi
  expect_error system/bad-input/initrd-too-large 1 "too large for RAM" "$RVDBT" system -bios none -kernel "$good" -m 8M -initrd "$TMP/sys-big-initrd"
  # endless or oversized inputs are refused before reading (they used to be read into host
  # memory, up to 16 GiB of /dev/zero; a FIFO with no writer blocked the open)
  rm -f "$TMP/sys-fifo"; mkfifo "$TMP/sys-fifo"
  truncate -s 9M "$TMP/sys-sparse-9M"
  expect_error system/bad-input/firmware-dev-zero 1 "firmware '/dev/zero': not a regular file" "$RVDBT" system -bios /dev/zero -kernel "$good"
  expect_error system/bad-input/kernel-dev-zero 1 "kernel '/dev/zero': not a regular file" "$RVDBT" system -bios none -kernel /dev/zero
  expect_error system/bad-input/kernel-fifo 1 "not a regular file" "$RVDBT" system -bios none -kernel "$TMP/sys-fifo"
  expect_error system/bad-input/initrd-dev-zero 1 "initrd '/dev/zero': not a regular file" "$RVDBT" system -bios none -kernel "$good" -initrd /dev/zero
  expect_error system/bad-input/initrd-fifo 1 "not a regular file" "$RVDBT" system -bios none -kernel "$good" -initrd "$TMP/sys-fifo"
  expect_error system/bad-input/kernel-larger-than-ram 1 "is larger than the RAM (9437184 bytes; at most 8388608)" \
    "$RVDBT" system -bios none -m 8M -kernel "$TMP/sys-sparse-9M"
  expect_error system/bad-input/ram-too-small 2 "RAM must be between" "$RVDBT" system -bios none -kernel "$good" -m 4M
  expect_error system/bad-input/bad-ram-size 2 "bad -m size" "$RVDBT" system -bios none -kernel "$good" -m lots
  for smp in 0 9 -1 lots 2,sockets=2 cpus=2,maxcpus=4 ''; do
    expect_error "system/bad-input/smp '$smp'" 2 "bad -smp" "$RVDBT" system -bios none -kernel "$good" -smp "$smp"
  done
  expect_error system/bad-input/smp-with-tui 2 "--tui steps one hart" "$RVDBT" system -bios none -kernel "$good" -smp 2 --tui
  expect_error system/bad-input/smp-with-gdb 2 "-g debugs one hart" "$RVDBT" system -bios none -kernel "$good" -smp 2 -g 1234
  # (-smp 2) an SC after another hart's A-B-A stores must fail (the spec; QEMU's
  # value-compare SC lets it succeed, so rvdbt only): a hart loses its reservation
  # whenever another hart takes a turn.  Only with thread=single: with a host thread
  # per hart SC is a host compare-and-swap of the value LR read, QEMU's MTTCG rule,
  # and misses A-B-A as QEMU does (docs/architecture.md)
  for cfg in "${SYS_ENGINES[@]}"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -smp 2 -accel tcg,thread=single -bios none -kernel "$SYS/smp_lrsc.elf" $cfg
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS smp_lrsc" ]]; then pass "system/smp_lrsc: A-B-A breaks the reservation ($cfg)"
    else fail "system/smp_lrsc ($cfg)" "exit $rc: ${out:0:300} ${err:0:300}"; fi
  done
  # --stats with -smp: a line per hart, and the total is their sum
  for accel in single multi; do
    run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=$accel -bios none -kernel "$SYS/smp.elf" --stats
    sum=$(printf '%s\n' "$err" | awk '/^rvdbt: hart [0-9]+: [0-9]+ instructions$/ { s += $4; n++ } END { if (n == 4) print s }')
    total=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: guest instructions: \([0-9]*\)$/\1/p')
    if [ "$rc" = 0 ] && [ -n "$sum" ] && [ "$sum" = "$total" ] && [ "$sum" -gt 0 ]; then pass "system/--stats -smp 4 thread=$accel: per-hart instructions add up to the total"
    else fail "system/--stats -smp 4 thread=$accel" "exit $rc, sum '$sum', total '$total': ${err:0:300}"; fi
  done
  # Direct calls to another page are not chained in system mode; they find their target
  # in the jump cache instead of returning to the dispatcher (--no-cross-page: they return)
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/cross_page.elf" --stats
  d_probe=$(printf '%s\n' "$err" | sed -n 's/.*returns to the dispatcher: \([0-9]*\).*/\1/p')
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/cross_page.elf" --stats --no-cross-page
  d_plain=$(printf '%s\n' "$err" | sed -n 's/.*returns to the dispatcher: \([0-9]*\).*/\1/p')
  if [ "$rc" = 0 ] && [ -n "$d_probe" ] && [ -n "$d_plain" ] && [ "$d_probe" -lt 10000 ] && [ "$d_plain" -gt 400000 ]; then
    pass "system/cross_page: 400000 calls across pages, $d_probe returns to the dispatcher ($d_plain with --no-cross-page)"
  else fail "system/cross_page --stats" "exit $rc, returns to the dispatcher: '$d_probe' (default), '$d_plain' (--no-cross-page)"; fi
  # One soft TLB per translation context (mmu/mmu_system.h): the stale-translation tests
  # also with --no-tlb-sets (one TLB emptied at every context change), and --stats shows
  # the sets being found again (tlb_sets.c switches between M, S, U and S+SUM many times)
  # (and --no-mode-jump-caches: one jump cache emptied at every privilege change)
  for name in tlb_sets sv39; do
    for sw in --no-tlb-sets --no-mode-jump-caches; do
      run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/$name.elf" "$sw"
      if [ "$rc" = 0 ] && [[ "$out" == *"PASS $name" ]]; then pass "system/$name ($sw)"
      else fail "system/$name ($sw)" "exit $rc, stdout: ${out:0:300}"; fi
    done
  done
  # The block lookup table grows with the code cache (--no-sized-tables: fixed), and the
  # page-crossing blocks are found by their second page (smc_cross.c rewrites one half of
  # a crossing instruction; a big cache has more page-list buckets than the default)
  for cc in 512M 128K; do
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/smc_cross.elf" --no-tiering --code-cache=$cc --stats
    sized=$(printf '%s\n' "$err" | sed -n 's/.*block lookup: \([0-9]*\) buckets.*/\1/p')
    sized_out=$out sized_rc=$rc
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/smc_cross.elf" --no-tiering --code-cache=$cc --stats --no-sized-tables
    fixed=$(printf '%s\n' "$err" | sed -n 's/.*block lookup: \([0-9]*\) buckets.*/\1/p')
    if [ "$sized_rc" = 0 ] && [ "$rc" = 0 ] && [[ "$sized_out" == *"PASS smc_cross" ]] && [[ "$out" == *"PASS smc_cross" ]] &&
       [ -n "$sized" ] && [ -n "$fixed" ] && { [ "$cc" = 128K ] && [ "$sized" = "$fixed" ] || [ "$sized" -gt "$fixed" ]; }; then
      pass "system/smc_cross --code-cache=$cc: $sized lookup buckets ($fixed with --no-sized-tables)"
    else fail "system/smc_cross --code-cache=$cc (sized tables)" "exit $sized_rc/$rc, buckets '$sized' vs '$fixed': ${out:0:200} ${err:0:300}"; fi
  done
  # Parallel harts: a hart that runs pause (spinning on a lock) gives its host core away
  # (sched_yield) and, when nothing else asked it to stop, goes on without the machine
  # loop and its lock; --no-pause-yield: pause does nothing.  smp.c's harts wait for each
  # other in pause loops; both ways its output is QEMU's (checked above for the default)
  for e in "--engine=jit" "--engine=interp"; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=multi -bios none -kernel "$SYS/smp.elf" $e --stats
    y_on=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: host cores given away at a pause: \([0-9]*\)$/\1/p') on_rc=$rc on_out=$out
    on_runs=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: of those, back to the guest without the machine loop: \([0-9]*\)$/\1/p')
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=multi -bios none -kernel "$SYS/smp.elf" $e --stats --no-pause-yield
    y_off=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: host cores given away at a pause: \([0-9]*\)$/\1/p')
    if [ "$on_rc" = 0 ] && [ "$rc" = 0 ] && [[ "$on_out" == *"PASS smp" ]] && [[ "$out" == *"PASS smp" ]] &&
       [ -n "$y_on" ] && [ "$y_on" -gt 0 ] && [ "$y_off" = 0 ] && [ -n "$on_runs" ] && [ "$on_runs" -gt 0 ] && [ "$on_runs" -le "$y_on" ]; then
      pass "system/smp -smp 4 thread=multi $e: $y_on pauses gave the host core away ($on_runs went on without the machine loop), 0 with --no-pause-yield"
    else fail "system/smp pause yield ($e)" "exit $on_rc/$rc, yields '$y_on' (default, '$on_runs' without the loop) '$y_off' (--no-pause-yield): default: ${on_out: -400} --no-pause-yield: ${out: -400}"; fi
  done
  # Parallel harts share tiering's marks of translated pcs: a hart reaching a block that
  # another hart has translated translates it at once (--no-peer-hot: it interprets it
  # while it is cold on this hart, as thread=single's one translator never needs to).
  # smp.c's four harts run the same code; its output is QEMU's every way (checked above
  # for the defaults).  Fails if each hart's translator gets marks of its own (checked).
  # --no-shared-heap (each hart thread its own malloc arena) must change nothing visible.
  run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=multi -bios none -kernel "$SYS/smp.elf" --engine=jit --stats
  ph_on=$(printf '%s\n' "$err" | sed -n 's/.*translated at once because another hart had (--no-peer-hot): \([0-9]*\)$/\1/p') ph_rc=$rc ph_out=$out
  run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=multi -bios none -kernel "$SYS/smp.elf" --engine=jit --stats --no-peer-hot --no-shared-heap
  ph_off=$(printf '%s\n' "$err" | sed -n 's/.*translated at once because another hart had (--no-peer-hot): \([0-9]*\)$/\1/p')
  run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=single -bios none -kernel "$SYS/smp.elf" --engine=jit --stats
  ph_single=$(printf '%s\n' "$err" | sed -n 's/.*translated at once because another hart had (--no-peer-hot): \([0-9]*\)$/\1/p') single_rc=$rc
  if [ "$ph_rc" = 0 ] && [ "$rc" = 0 ] && [ "$single_rc" = 0 ] && [[ "$ph_out" == *"PASS smp" ]] && [[ "$out" == *"PASS smp" ]] &&
     [ -n "$ph_on" ] && [ "$ph_on" -gt 0 ] && [ "$ph_off" = 0 ] && [ "$ph_single" = 0 ]; then
    pass "system/smp -smp 4 thread=multi: $ph_on blocks translated at once because another hart had, 0 with --no-peer-hot or thread=single"
  else fail "system/smp peer-hot marks" "exit $ph_rc/$rc/$single_rc, at once '$ph_on' (default) '$ph_off' (--no-peer-hot) '$ph_single' (single): ${err:0:300}"; fi
  expect_error "run --no-peer-hot refused" 2 "--no-peer-hot" "$RVDBT" run --no-peer-hot "$SYS/smp.elf"
  expect_error "run --no-shared-heap refused" 2 "--no-shared-heap" "$RVDBT" run --no-shared-heap "$SYS/smp.elf"
  # Tiering in system mode translates a block on its 24th visit (user mode: 8th;
  # --no-late-translate: 8th too): traps.elf runs many blocks 8 to 23 times
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/traps.elf" --stats
  late=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: blocks translated: \([0-9]*\) .*/\1/p') late_rc=$rc late_out=$out
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/traps.elf" --stats --no-late-translate
  early=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: blocks translated: \([0-9]*\) .*/\1/p')
  if [ "$late_rc" = 0 ] && [ "$rc" = 0 ] && [[ "$late_out" == *"PASS traps" ]] && [[ "$out" == *"PASS traps" ]] &&
     [ -n "$late" ] && [ -n "$early" ] && [ "$late" -lt "$early" ]; then
    pass "system/traps: $late blocks translated, $early with --no-late-translate"
  else fail "system/traps --no-late-translate" "exit $late_rc/$rc, blocks translated '$late' vs '$early'"; fi
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/tlb_sets.elf" --stats
  found=$(printf '%s\n' "$err" | sed -n 's/.*context changes that found their set: \([0-9]*\).*/\1/p')
  if [ "$rc" = 0 ] && [ -n "$found" ] && [ "$found" -gt 10 ]; then pass "system/tlb_sets --stats: $found context changes found their TLB set"
  else fail "system/tlb_sets --stats" "exit $rc, found '$found': ${err:0:300}"; fi
  # A CSR write that enables no interrupt (sstatus.SUM, SIE off) does not return to the
  # machine loop (--no-irq-csr-filter: every write to sstatus, mstatus, sie or mie does);
  # irq_csr.c makes 300,000 such writes in S mode (its QEMU comparison above checks that an
  # enabling write is still followed by the interrupt before the next instruction)
  for sw in "" --no-irq-csr-filter; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/irq_csr.elf" --stats $sw
    back=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: returns to the machine loop: \([0-9]*\)$/\1/p')
    if [ -z "$sw" ]; then back_ok=$([ -n "$back" ] && [ "$back" -lt 10000 ] && echo 1)
    else back_ok=$([ -n "$back" ] && [ "$back" -ge 300000 ] && echo 1); fi
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS irq_csr"* ]] && [ "$back_ok" = 1 ]; then
      pass "system/irq_csr --stats ${sw:-(default)}: $back returns to the machine loop"
    else fail "system/irq_csr --stats $sw" "exit $rc, returns '$back': ${err:0:300}"; fi
  done
  # The interpreter's decoded-instruction cache has 32,768 entries per thread (4,096 with
  # --no-big-decode-cache): decode_cache.c calls a 12,000-instruction run 20 times, which
  # the small cache decodes again at every call (cold code runs in the interpreter, jit too)
  for e in "--engine=interp --no-interp-blocks" "--engine=jit"; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/decode_cache.elf" --stats $e
    big=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: instructions the interpreter decoded (not in its cache): \([0-9]*\)$/\1/p') big_out=$out
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/decode_cache.elf" --stats $e --no-big-decode-cache
    small=$(printf '%s\n' "$err" | sed -n 's/^rvdbt: system: instructions the interpreter decoded (not in its cache): \([0-9]*\)$/\1/p')
    if [ "$rc" = 0 ] && [[ "$big_out" == *"PASS decode_cache"* ]] && [[ "$out" == *"PASS decode_cache"* ]] &&
       [ -n "$big" ] && [ -n "$small" ] && [ "$big" -lt 30000 ] && [ "$small" -ge 240000 ]; then
      pass "system/decode_cache $e: $big instructions decoded ($small with --no-big-decode-cache)"
    else fail "system/decode_cache $e" "exit $rc, decoded '$big' (default) '$small' (--no-big-decode-cache): ${err:0:300}"; fi
  done
  # parallel harts keep TLB sets too (each hart its own; one set each before, and with
  # --no-tlb-sets): smp_tlb_smc's hart 1 goes from M to S and back 30 times
  for sw in "" --no-tlb-sets; do
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -smp 2 -accel tcg,thread=multi -bios none -kernel "$SYS/smp_tlb_smc.elf" --stats $sw
    sets=$(printf '%s\n' "$err" | sed -n 's/.*TLB sets (--no-tlb-sets: 1): \([0-9]*\);.*/\1/p')
    found=$(printf '%s\n' "$err" | sed -n 's/.*context changes that found their set: \([0-9]*\).*/\1/p')
    if [ -z "$sw" ]; then want_sets=8 found_ok=$([ -n "$found" ] && [ "$found" -ge 29 ] && echo 1)
    else want_sets=1 found_ok=$([ "$found" = 0 ] && echo 1); fi
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS smp_tlb_smc"* ]] && [ "$sets" = "$want_sets" ] && [ "$found_ok" = 1 ]; then
      pass "system/smp_tlb_smc thread=multi --stats ${sw:-(default)}: $sets TLB sets, $found context changes found theirs"
    else fail "system/smp_tlb_smc thread=multi --stats $sw" "exit $rc, sets '$sets', found '$found': ${err:0:300}"; fi
  done
  for accel in single multi; do
    # -d int with -smp: every line names its hart (smp.c sends each hart IPIs and timer interrupts)
    run_limited 60 "$RVDBT" system -smp 4 -accel tcg,thread=$accel -bios none -kernel "$SYS/smp.elf" -d int
    harts=$(printf '%s\n' "$err" | grep -oE '^int: hart [0-9]+: (interrupt|exception) ' | cut -d' ' -f3 | sort -u | tr -d '\n')
    if [ "$rc" = 0 ] && [ "$harts" = "0:1:2:3:" ] && ! printf '%s\n' "$err" | grep -E '^int: ' | grep -qvE '^int: hart [0-3]: '; then
      pass "system/-d int -smp 4 thread=$accel: each line names its hart"
    else fail "system/-d int -smp 4 thread=$accel" "exit $rc, harts '$harts': ${err:0:300}"; fi
    # every hart asleep with nothing to wake any: wedged (one hart asleep is not: see smp)
    expect_error "system/wedge: -smp 2 thread=$accel, every hart in wfi" 4 "guest wedged: every hart in wfi" \
      "$RVDBT" system -smp 2 -accel tcg,thread=$accel -bios none -kernel "$SYS/wedge_wfi.elf"
  done
  expect_error "system/bad-input/accel" 2 "unknown -accel" "$RVDBT" system -bios none -kernel "$good" -accel kvm
  # QEMU's spellings of two harts; the other hart parks in wfi (testsuite/system/rt/rt.c)
  for smp in 2 cpus=2 2,maxcpus=2,sockets=1,cores=2,threads=1; do
    run_limited 30 "$RVDBT" system -bios none -kernel "$good" -smp "$smp"
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS traps" ]]; then pass "system/-smp $smp"
    else fail "system/-smp $smp" "exit $rc: ${err:0:200}"; fi
  done
  # a bare number is MiB (QEMU's rule): 8388609 is 8 TiB, and the message says so; a number
  # whose size overflows 64 bits is bad (it used to wrap round to 8 MiB and run)
  expect_error system/bad-input/ram-bare-number 2 "-m 8388609 is 8388609 MiB (a number without a unit means MiB" \
    "$RVDBT" system -bios none -kernel "$good" -m 8388609
  expect_error system/bad-input/ram-size-overflow 2 "bad -m size '17592186044424'" \
    "$RVDBT" system -bios none -kernel "$good" -m 17592186044424
  # sizes in bytes and sizes that are not page multiples are rounded up to 8K, as QEMU does
  for m in 9000001B 8193K; do
    run_limited 30 "$RVDBT" system -bios none -kernel "$good" -m $m
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS traps" ]]; then pass "system/-m $m (rounded up to 8K, as QEMU)"
    else fail "system/-m $m" "exit $rc: ${err:0:200}"; fi
  done
  expect_error system/bad-input/nothing-to-run 1 "needs -kernel" "$RVDBT" system -bios none
  # the default firmware (OpenSBI) with no kernel used to spin at 100 % CPU after its banner
  expect_error system/bad-input/default-firmware-no-kernel 1 "nothing to run: no -kernel given" "$RVDBT" system
  expect_error system/bad-input/default-firmware-no-kernel-m 1 "nothing to run: no -kernel given" "$RVDBT" system -m 512M
  expect_error system/bad-input/unknown-option 2 "unknown option" "$RVDBT" system -bios none -kernel "$good" -frobnicate
  expect_error system/bad-input/missing-value 2 "needs a value" "$RVDBT" system -bios none -kernel
  expect_error system/bad-input/near-miss 2 "did you mean '-bios'?" "$RVDBT" system -biso none -kernel "$good"
  expect_error system/bad-input/abbreviation 2 "did you mean '--stats'?" "$RVDBT" system --stat -bios none -kernel "$good"
  expect_error system/bad-input/run-only-option 2 "unknown option '--strace'" "$RVDBT" system --strace -bios none -kernel "$good"
  # The engine options are the same table as run's: --trace logs the boot ROM (QEMU virt's
  # reset vector: auipc t0; addi a2,t0,40; csrr a0,mhartid; ld a1,32(t0); ld t0,24(t0);
  # jr t0) in machine mode (privilege 3), --explain-hot and --code-cache work too.
  run_limited 60 "$RVDBT" system -bios none -kernel "$good" --trace-count 6
  got=$(printf '%s\n' "$err" | grep '^core' | sed -E 's/^core   0: ([0-9]) 0x0*([0-9a-f]+) \((0x[0-9a-f]+)\).*/\1 \2 \3/' | tr '\n' ' ')
  want="3 1000 0x00000297 3 1004 0x02828613 3 1008 0xf1402573 3 100c 0x0202b583 3 1010 0x0182b283 3 1014 0x00028067 "
  if [ "$got" = "$want" ]; then pass "system/--trace logs the reset vector in M-mode"
  else fail "system/--trace" "got '$got', want '$want'; stderr ${err:0:300}"; fi
  # -d int: the trap log of traps.elf has the causes and tvals the program itself checks
  # (testsuite/system/traps.c: ecall from M, illegal, ebreak, load fault with tval 0, store
  # fault with tval 8, fetch fault at 0x40 with tval 0x40, all in and to M), under every engine;
  # -D writes it to a file and --log-limit bounds it; interrupts are logged too.
  for cfg in "--engine=interp" "--engine=jit" "--engine=check"; do
    run_limited 60 "$RVDBT" system -bios none -kernel "$good" -d int $cfg
    got=$(printf '%s\n' "$err" | grep '^int: ' | head -6 | sed -E 's/^int: exception ([0-9]+) \([^)]+\) at pc 0x[0-9a-f]+ in (.), tval (0x[0-9a-f]+) -> (.), handler 0x[0-9a-f]+$/\1:\2:\3:\4/' |
          sed -E 's/^2:M:0x[0-9a-f]+:M$/2:M:bits:M/; s/^3:M:0x[0-9a-f]+:M$/3:M:pc:M/' | tr '\n' ' ')
    want="11:M:0x0:M 2:M:bits:M 3:M:pc:M 5:M:0x0:M 7:M:0x8:M 1:M:0x40:M "
    if [ "$rc" = 0 ] && [ "$got" = "$want" ]; then pass "system/-d int logs traps.elf's traps ($cfg)"
    else fail "system/-d int ($cfg)" "status $rc: got '$got', want '$want'"; fi
  done
  rm -f "$TMP/int.log"
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/interrupts.elf" -d int -D "$TMP/int.log" --log-limit 3
  if [ "$rc" = 0 ] && [ "$(grep -c '^int: ' "$TMP/int.log")" = 4 ] && grep -q 'log limit of 3 lines reached' "$TMP/int.log" &&
     [[ "$err" != *"int: "* ]]; then
    pass "system/-d int -D FILE --log-limit 3"
  else fail "system/-d int -D --log-limit" "status $rc, log: $(head -5 "$TMP/int.log" 2>&1 | tr '\n' ' ')"; fi
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/interrupts.elf" -d int
  if [[ "$err" =~ int:\ interrupt\ 7\ \(machine\ timer\) ]]; then pass "system/-d int logs interrupts (machine timer)"
  else fail "system/-d int logs interrupts" "$(printf '%s' "$err" | head -5)"; fi
  expect_error system/bad-input/d-unknown-item 2 "unknown log item 'cpu'" "$RVDBT" system -bios none -kernel "$good" -d cpu
  expect_error system/bad-input/d-unknown-item-in-list 2 "unknown log item 'tlb'" "$RVDBT" system -bios none -kernel "$good" -d mmu,tlb
  expect_error system/bad-input/D-without-d 2 "-D needs -d int or -d mmu" "$RVDBT" system -bios none -kernel "$good" -D "$TMP/x.log"
  # -d mmu: the walks of testsuite/system/mmu_log.c, whose page tables sit at fixed
  # addresses.  Worked out by hand from them: a PTE is (pa >> 12) << 10 | flags, and
  # the PTE of VPN[i] at level i sits at table + 8 * VPN[i].
  #   root 0x80800000, root[0] = TABLE(0x80801000) = 0x80801 << 10 | V = 0x20200401
  #   l1   0x80801000, l1[2] at 0x80801010 = TABLE(0x80802000) = 0x20200801
  #   l0   0x80802000, l0[0] = LEAF(0x80803000, V R W A D = 0xc7) = 0x20200cc7, l0[1] at 0x80802008 = 0
  #   0x400010: VPN 0/2/0, offset 0x10 -> 0x80803010;  0x40000000: VPN[2] 1, root[1] at 0x80800008 = 0;
  #   0x4000000000: bit 38 set, bits 63:39 not -> no PTE read
  mmu_elf=$SYS/mmu_log.elf
  want_mmu="mmu: load va 0x400010 in S, sv39 root 0x80800000: L2 0x80800000 = 0x20200401, L1 0x80801010 = 0x20200801, L0 0x80802000 = 0x20200cc7 -> pa 0x80803010
mmu: load va 0x401000 in S, sv39 root 0x80800000: L2 0x80800000 = 0x20200401, L1 0x80801010 = 0x20200801, L0 0x80802008 = 0x0 -> page fault
mmu: load va 0x40000000 in S, sv39 root 0x80800000: L2 0x80800008 = 0x0 -> page fault
mmu: load va 0x4000000000 in S, sv39 root 0x80800000: -> page fault (the address is not canonical)"
  for cfg in "--engine=interp" "--engine=jit" "--engine=check"; do
    run_limited 60 "$RVDBT" system -bios none -kernel "$mmu_elf" -d mmu $cfg
    got=$(printf '%s\n' "$err" | grep '^mmu: load ' | awk '!seen[$0]++')
    # and the program's own code, fetched in S through the identity gigapage root[2] (0x200000cf)
    if [ "$rc" = 0 ] && [ "$got" = "$want_mmu" ] &&
       printf '%s\n' "$err" | grep -qE '^mmu: fetch va 0x(8000[0-9a-f]{4}) in S, sv39 root 0x80800000: L2 0x80800010 = 0x200000cf -> pa 0x\1$'; then
      pass "system/-d mmu logs mmu_log.elf's walks as worked out by hand ($cfg)"
    else fail "system/-d mmu ($cfg)" "status $rc: got '$got'; stderr ${err:0:400}"; fi
  done
  rm -f "$TMP/mmu.log"
  run_limited 60 "$RVDBT" system -bios none -kernel "$mmu_elf" -d int,mmu -D "$TMP/mmu.log" --log-limit 4
  if [ "$rc" = 0 ] && [ "$(wc -l <"$TMP/mmu.log")" = 5 ] && [ "$(grep -c '^mmu: ' "$TMP/mmu.log")" -ge 2 ] &&
     tail -1 "$TMP/mmu.log" | grep -qE '^(int|mmu): log limit of 4 lines reached' && [[ "$err" != *"mmu: "* ]]; then
    pass "system/-d int,mmu -D FILE --log-limit 4 (one budget for both)"
  else fail "system/-d int,mmu -D --log-limit" "status $rc, log: $(head -6 "$TMP/mmu.log" 2>&1 | tr '\n' ' ')"; fi
  run_limited 60 "$RVDBT" system -bios none -kernel "$mmu_elf" -d int
  if [ "$rc" = 0 ] && [[ "$err" == *"int: exception 13"* ]] && [[ "$err" != *"mmu: "* ]]; then pass "system/-d int alone logs no walks"
  else fail "system/-d int alone" "status $rc: ${err:0:300}"; fi
  run_limited 60 "$RVDBT" system -bios none -kernel "$good" --explain-hot 1 --code-cache=64K
  if [ "$rc" = 0 ] && [[ "$err" == *"== the 1 hottest of "* ]] && [[ "$err" == *"== block 0x8"* ]]; then
    pass "system/--explain-hot and --code-cache"
  else fail "system/--explain-hot and --code-cache" "status $rc: ${err:0:300}"; fi
  expect_error system/bad-input/unknown-engine 2 "unknown engine" "$RVDBT" system -bios none -kernel "$good" --engine=warp
fi

# Firmware: Debian's OpenSBI (fw_dynamic, handed the fw_dynamic_info record in
# a2 by the boot ROM) boots to its banner and starts an S-mode payload, which
# prints through SBI and powers off through SBI SRST -> the SiFive test device.
FW=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
PAYLOAD=$SYS/payload/sbi_hello.bin
payload_line="payload: hello from S-mode through SBI"
if [ ! -e "$FW" ]; then
  skip "system/opensbi" "$FW not installed (Debian package opensbi)"
elif [ ! -e "$PAYLOAD" ]; then
  skip "system/opensbi" "payload not built"
else
  if [ "$have_qemu_system" = 1 ]; then
    run_limited 60 qemu-system-riscv64 -M virt -nographic -bios "$FW" -kernel "$PAYLOAD"
    out=$(printf '%s' "$out" | tr -d '\r')
    if [ "$rc" = 0 ] && [[ "$out" == *"OpenSBI v"* ]] && [[ "$out" == *"$payload_line"* ]]; then pass "system/opensbi + payload (qemu oracle)"
    else fail "system/opensbi + payload (qemu oracle)" "exit $rc: ${out: -300}"; fi
  fi
  for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=check"; do
    # shellcheck disable=SC2086
    run_limited 120 "$RVDBT" system -nographic -bios "$FW" -kernel "$PAYLOAD" $cfg
    out=$(printf '%s' "$out" | tr -d '\r')
    if [ "$rc" = 0 ] && [[ "$out" == *"OpenSBI v"* ]] && [[ "$out" == *"Platform Console Device   : uart8250"* ]] &&
       [[ "$out" == *"Boot HART ISA Extensions  : time,sstc"* ]] && [[ "$out" == *"$payload_line" ]]; then
      pass "system/opensbi banner, payload, SBI shutdown ($cfg)"
    else fail "system/opensbi ($cfg)" "exit $rc: ${out: -400} stderr: ${err:0:300}"; fi
  done
  # --stats in system mode: the translator's counters must be on (they were not: a 0% TLB
  # hit rate and 0 indirect jumps were printed for every run)
  run_limited 120 "$RVDBT" system -nographic -bios "$FW" -kernel "$PAYLOAD" --stats
  if [ "$rc" = 0 ] && [[ "$err" =~ TLB:\ [1-9][0-9]*\ guest\ loads/stores.*hit\ rate\ (9[0-9]|100)\. ]] &&
     [[ "$err" =~ indirect\ jumps:\ [1-9][0-9]*,\ jump-cache\ hit\ rate\ [1-9] ]]; then
    pass "system/--stats counts TLB hits and indirect jumps"
  else fail "system/--stats counts TLB hits and indirect jumps" "exit $rc: $(printf '%s' "$err" | grep -E 'TLB|indirect' | tr '\n' ' ')"; fi
  # fw_jump: the same firmware built to jump to a fixed 0x80200000, taking the device tree from a1
  FWJ=/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.bin
  if [ -e "$FWJ" ]; then
    run_limited 120 "$RVDBT" system -bios "$FWJ" -kernel "$PAYLOAD"
    out=$(printf '%s' "$out" | tr -d '\r')
    if [ "$rc" = 0 ] && [[ "$out" == *"$payload_line" ]]; then pass "system/opensbi fw_jump.bin + payload"
    else fail "system/opensbi fw_jump.bin" "exit $rc: ${out: -300}"; fi
  fi
fi
