# testsuite/tests/93-tui.sh — `rvdbt tui`, driven through tmux as a student would use it:
# keys in (send-keys), the screen out (capture-pane).  Expected pcs and register values
# come from riscv64-linux-gnu-objdump of the program and from what its instructions do,
# never from rvdbt.  Every session is killed at the end (and rvdbt runs under timeout).
tracee=$GUEST/gdb/tracee.elf
tui_runs=0
TUI_SOCK="rvdbt-tui-test-$$-0"
tm() { tmux -S "$TMP/$TUI_SOCK" "$@"; }

# Starts `rvdbt ARGS...` (tui ..., system --tui ...) in a fresh 160x50 tmux session, on a tmux server of its own
# (a new server: one still shutting down could take the new session with it); the exit
# status lands in $TMP/tui.rc.
tui_start() {
  tm kill-server 2>/dev/null
  tui_runs=$((tui_runs + 1))
  TUI_SOCK="rvdbt-tui-test-$$-$tui_runs"
  rm -f "$TMP/tui.rc"
  tm new-session -d -s t -x 160 -y 50 \
    "timeout --foreground -k 5 120 $RVDBT $*; echo \$? >$TMP/tui.rc; sleep 60" 2>/dev/null
}
tui_screen() { tm capture-pane -p -t t 2>/dev/null; }
tui_keys() { tm send-keys -t t "$@"; }
# Waits (up to 10 s) until the screen contains TEXT; true if it did.  The screen is in $screen.
tui_wait() {
  for _ in $(seq 100); do
    screen=$(tui_screen)
    [[ "$screen" == *"$1"* ]] && return 0
    sleep 0.1
  done
  return 1
}
# The register line text "NAME VALUE" as the registers pane prints it (16 hex digits).
reg() { printf '%-4s %016x' "$1" "$2"; }

if ! command -v tmux >/dev/null; then
  skip "tui" "tmux is not installed (apt-get install tmux)"
elif ! command -v riscv64-linux-gnu-objdump >/dev/null; then
  skip "tui" "riscv64-linux-gnu-objdump is not installed (binutils-riscv64-linux-gnu)"
elif [ ! -f "$tracee" ]; then
  skip "tui" "$tracee is not built (make test-build)"
else
  dis=$(riscv64-linux-gnu-objdump -d "$tracee")
  # every instruction address in program order (_start first, then square)
  mapfile -t addr < <(printf '%s\n' "$dis" | awk '/^ +[0-9a-f]+:\t/ { sub(":", "", $1); print $1 }')
  square=$(printf '%s\n' "$dis" | sed -n 's/^0*\([0-9a-f]*\) <square>:$/\1/p')
  buffer=$(riscv64-linux-gnu-nm "$tracee" | awk '$3 == "buffer" { print $1 }')
  fcvt=$(printf '%s\n' "$dis" | awk '/fcvt.d.l/ { sub(":", "", $1); print $1; exit }')

  tui_start tui "$tracee"
  if ! tui_wait "at the program's first instruction"; then
    if [[ "$screen" == *"cannot load"* ]]; then skip "tui" "${screen%%$'\n'*}"
    else fail "tui starts" "no first screen: ${screen:0:400}"; fi
  else
    pass "tui starts"
    [[ "$screen" == *"$(reg pc 0x${addr[0]})"* && "$screen" == *"> "*"${addr[0]}:"* ]] \
      && pass "tui: stops at the entry point objdump shows (${addr[0]})" \
      || fail "tui: stops at the entry point" "want pc ${addr[0]}: ${screen:0:600}"
    [[ "$screen" == *"engine: jit"* && "$screen" == *"x86-64 code of the translated block at ${addr[0]}"* ]] \
      && pass "tui: shows the jit engine and the translated block at pc" \
      || fail "tui: engine and block panes" "${screen:0:600}"

    # s: one instruction at a time, as the disassembly says (li, li, mv; jal goes to square)
    tui_keys s
    tui_wait "$(reg pc 0x${addr[1]})" && pass "tui: s steps to the next instruction (${addr[1]})" \
      || fail "tui: s steps" "want pc ${addr[1]}: ${screen:0:600}"
    tui_keys s s s
    # after li s1,5 (the 3rd instruction) s1 is 5; 4 instructions done: at the mv
    tui_wait "$(reg pc 0x${addr[4]})" && [[ "$screen" == *"$(reg s1 5)"* && "$screen" == *"$(reg a0 0) "* ]] \
      && pass "tui: after 4 steps pc is the mv (${addr[4]}), s1 = 5 (li s1,5)" \
      || fail "tui: 4 steps" "want pc ${addr[4]}, s1 5: ${screen:0:900}"
    tui_keys s
    tui_wait "$(reg pc 0x${addr[5]})" && [[ "$screen" == *"$(reg a0 5)*"* ]] \
      && pass "tui: mv a0,s1 sets a0 = 5, marked as changed" || fail "tui: mv a0,s1" "${screen:0:900}"
    # r: back to the mv, a0 as it was
    tui_keys r
    tui_wait "stepped back to ${addr[4]}" && [[ "$screen" == *"$(reg pc 0x${addr[4]})"* && "$screen" == *"$(reg a0 0)*"* ]] \
      && pass "tui: r steps back to the previous pc (${addr[4]}) and register value (a0 = 0)" \
      || fail "tui: reverse step" "want pc ${addr[4]}, a0 0: ${screen:0:900}"
    # the jal: to square, ra = the instruction after it
    tui_keys s s
    tui_wait "$(reg pc 0x$square)" && [[ "$screen" == *"$(reg ra 0x${addr[6]})"* ]] \
      && pass "tui: jal steps into square ($square), ra = ${addr[6]}" \
      || fail "tui: jal" "want pc $square: ${screen:0:900}"
    # mul, ret, sd a0,0(s0): 25 (0x19) stored, the memory pane marks it; r takes it back
    tui_keys s s s
    tui_wait "$(reg pc 0x${addr[7]})" && [[ "$screen" == *"$(printf '%09x' 0x$buffer) 19*00*00*00*00*00*00*00*"* ]] \
      && pass "tui: sd a0 stores 25 = 0x19 at buffer ($buffer), marked in the memory pane" \
      || fail "tui: store in the memory pane" "${screen:0:1400}"
    tui_keys r
    tui_wait "stepped back to ${addr[6]}" && [[ "$screen" == *"$(printf '%09x' 0x$buffer) 00*00*00*00*00*00*00*00*"* ]] \
      && pass "tui: r undoes the store (memory back to zero, marked)" || fail "tui: reverse store" "${screen:0:1400}"

    # B + c: a breakpoint at the fcvt.d.l after the loop, under the jit
    tui_keys B
    tui_wait "breakpoint at (hex" && tui_keys "$fcvt" Enter
    tui_wait "breakpoint at $fcvt" && tui_keys c
    tui_wait "$(reg pc 0x$fcvt)" && [[ "$screen" == *"breakpoint at $fcvt"* && "$screen" == *"$(reg s2 55)"* ]] \
      && pass "tui: c (jit) stops at the breakpoint ($fcvt) with s2 = 55 (25+16+9+4+1)" \
      || fail "tui: continue to a breakpoint (jit)" "want pc $fcvt: ${screen:0:900}"

    # e: the other engine
    tui_keys e
    tui_wait "engine: interp" && pass "tui: e shows the other engine (interp)" || fail "tui: engine toggle" "${screen:0:300}"

    # c under the interpreter, to the end: the console pane shows what the program wrote
    tui_keys c
    tui_wait "the program exited with status 0" && tui_wait "|traced " \
      && pass "tui: the console pane shows the program's output; exit status 0 shown" \
      || fail "tui: console pane" "${screen:0:3000}"
    tui_keys q
    for _ in $(seq 50); do [ -f "$TMP/tui.rc" ] && break; sleep 0.1; done
    after=$(tui_screen)
    [ "$(cat "$TMP/tui.rc" 2>/dev/null)" = 0 ] && [[ "$after" == *traced* ]] \
      && pass "tui: q gives the terminal back, prints the program's output, status 0" \
      || fail "tui: quit" "rc $(cat "$TMP/tui.rc" 2>/dev/null): ${after:0:300}"
  fi

  # c under the interpreter from the start, to a breakpoint inside the loop (the 2nd pass of the sd)
  tui_start tui --engine=interp "$tracee"
  if tui_wait "engine: interp"; then
    tui_keys B
    tui_wait "breakpoint at (hex" && tui_keys "${addr[6]}" Enter
    tui_wait "breakpoint at ${addr[6]}" && tui_keys c
    tui_wait "$(reg pc 0x${addr[6]})" && [[ "$screen" == *"$(reg a0 25)"* ]] && tui_keys c \
      && tui_wait "$(reg a0 16)" && [[ "$screen" == *"$(reg pc 0x${addr[6]})"* ]] \
      && pass "tui: c (interp) stops at the breakpoint each time round the loop (a0 = 25, then 16)" \
      || fail "tui: continue to a breakpoint (interp)" "${screen:0:900}"
    # t: the TLB pane
    tui_keys t
    tui_wait "software TLB" && [[ "$screen" == *"$(printf '%09x' $((0x${addr[0]} & ~0xfff)))"*"exec"* ]] \
      && pass "tui: t shows the TLB with the code page" || fail "tui: TLB pane" "${screen:0:1500}"
    tui_keys q
  else
    fail "tui --engine=interp" "${screen:0:300}"
  fi
  tm kill-server 2>/dev/null

  # n: one translated block (jit).  By default the block follows the call into
  # square and ends at its ret (--no-follow-calls: the block ends at the jal)
  tui_start tui "$tracee"
  if tui_wait "at the program's first instruction"; then
    tui_keys n
    tui_wait "$(reg pc 0x${addr[6]})" && [[ "$screen" == *"$(reg s1 5)"* && "$screen" == *"$(reg a0 25)"* ]] \
      && pass "tui: n runs the first block through the call into square and its ret (to ${addr[6]}, a0 = 25)" \
      || fail "tui: block step" "${screen:0:900}"
    tui_keys q
  else
    fail "tui: block step" "no first screen"
  fi
  tm kill-server 2>/dev/null
  tui_start tui --no-follow-calls "$tracee"
  if tui_wait "at the program's first instruction"; then
    tui_keys n
    tui_wait "$(reg pc 0x$square)" && [[ "$screen" == *"$(reg s1 5)"* ]] \
      && pass "tui --no-follow-calls: n runs the first block to the jal's target ($square)" \
      || fail "tui: block step (--no-follow-calls)" "${screen:0:900}"
    tui_keys q
  else
    fail "tui: block step (--no-follow-calls)" "no first screen"
  fi
  # --history=2: the ring keeps the last two steps; a third r has nothing to take back
  tui_start tui --history=2 "$tracee"
  if tui_wait "history: 0 of 2 steps"; then
    tui_keys s s s
    tui_wait "$(reg pc 0x${addr[3]})" && tui_keys r r && tui_wait "stepped back to ${addr[1]}" && tui_keys r \
      && tui_wait "no step to take back" && [[ "$screen" == *"$(reg pc 0x${addr[1]})"* ]] \
      && pass "tui --history=2: two steps back (to ${addr[1]}), not three" || fail "tui --history" "${screen:0:900}"
    tui_keys q
  else
    fail "tui --history" "no first screen: ${screen:0:300}"
  fi

  # a fault: shown in the TUI; after q, rvdbt's one-line report and death by the guest's signal
  wild=$GUEST/faults/fault_wild_load.elf
  tui_start tui "$wild"
  if tui_wait "at the program's first instruction"; then
    tui_keys c
    tui_wait "the guest dies of SIGSEGV" && pass "tui: a guest fault is shown" || fail "tui: fault shown" "${screen:0:600}"
    tui_keys q
    for _ in $(seq 50); do [ -f "$TMP/tui.rc" ] && break; sleep 0.1; done
    after=$(tui_screen)
    [ "$(cat "$TMP/tui.rc" 2>/dev/null)" = 139 ] && [[ "$after" == *"rvdbt: guest killed by SIGSEGV"* ]] \
      && pass "tui: after q, the fault report on the terminal and death by SIGSEGV (139)" \
      || fail "tui: fault exit" "rc $(cat "$TMP/tui.rc" 2>/dev/null): ${after:0:300}"
  else
    fail "tui: fault" "no first screen"
  fi
  tm kill-server 2>/dev/null
fi

# System mode: rvdbt system --tui on the bare-metal Sv39 test.  It starts at virt's reset
# vector (0x1000, QEMU's boot ROM address); a breakpoint at s_load (nm) stops there in S-mode,
# and t shows the walk of pc: testsuite/system/sv39.c maps 0x80000000 with root[2], an
# identity 1 GiB leaf (V R W X A D).
sv39=$GUEST/system/sv39.elf
if command -v tmux >/dev/null && [ -f "$sv39" ] && command -v riscv64-unknown-elf-nm >/dev/null; then
  s_load=$(riscv64-unknown-elf-nm "$sv39" | awk '$3 == "s_load" { sub(/^0+/, "", $1); print $1 }')
  tui_start system --tui -bios none -kernel "$sv39"
  if tui_wait "at the program's first instruction"; then
    [[ "$screen" == *"$(reg pc 0x1000)  priv M"* && "$screen" == *"history: off"* ]] \
      && pass "system --tui: starts at the reset vector 0x1000 in M-mode, no stepping back" \
      || fail "system --tui: start" "${screen:0:600}"
    tui_keys B
    tui_wait "breakpoint at (hex" && tui_keys "$s_load" Enter
    tui_wait "breakpoint at $s_load" && tui_keys c
    tui_wait "$(reg pc 0x$s_load)" && [[ "$screen" == *"priv S"* ]] && tui_keys t \
      && tui_wait "Sv39 walk of pc" && [[ "$screen" == *"level 2: vpn[2] = 002"* && "$screen" == *"DA--XWRV"* \
      && "$screen" == *"leaf (1 GiB page): pa $s_load"* ]] \
      && pass "system --tui: breakpoint at s_load ($s_load) in S-mode; t shows its Sv39 walk (1 GiB leaf at level 2)" \
      || fail "system --tui: breakpoint and Sv39 walk" "${screen:0:2500}"
    tui_keys B
    tui_wait "breakpoint at (hex" && tui_keys Enter
    tui_wait "removed" && tui_keys c
    tui_wait "the program exited with status 0" && tui_wait "PASS sv39" \
      && pass "system --tui: runs to the end, the UART's output in the console pane" \
      || fail "system --tui: to the end" "${screen:0:3000}"
    tui_keys q
  else
    fail "system --tui" "no first screen: ${screen:0:300}"
  fi
  tm kill-server 2>/dev/null
else
  skip "system --tui" "tmux, $sv39 or riscv64-unknown-elf-nm missing"
fi
expect_error "system --tui with -g" 2 "one debugger at a time" "$RVDBT" system --tui -g 1234 -bios none -kernel "$sv39"

# Misuse: one line, a meaningful status (no terminal needed for these)
expect_error "tui: not a terminal" 1 "tui: needs a terminal" "$RVDBT" tui "$tracee"
expect_error "tui: no program" 2 "missing PROGRAM" "$RVDBT" tui
expect_error "tui: engine check refused" 2 "interp and jit" "$RVDBT" tui --engine=check "$tracee"
expect_error "tui: run's option refused" 2 "unknown option '--strace'" "$RVDBT" tui --strace "$tracee"
expect_error "tui: bad --history" 2 "bad --history" "$RVDBT" tui --history=0 "$tracee"
expect_error "tui: missing program file" 127 "no-such-file" "$RVDBT" tui "$TMP/no-such-file"
run_limited 10 "$RVDBT" tui --help
[ "$rc" = 0 ] && [[ "$out" == *"r        step back"* && "$out" == *"--history=N"* && "$out" == *"--no-regcache"* ]] \
  && [[ "$out" != *"--strace"* ]] && pass "tui --help: keys and its options from the table" \
  || fail "tui --help" "$rc: ${out:0:500}"
