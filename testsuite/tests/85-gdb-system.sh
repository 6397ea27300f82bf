# testsuite/tests/85-gdb-system.sh — the GDB stub in system mode (`rvdbt system -g
# PORT`), driven by the real gdb-multiarch on a bare-metal program with symbols
# (testsuite/system/gdb/debugme.c): break at a C function, step, print registers
# (CSRs and the privilege mode included) and variables, read memory through the
# hart's Sv39 translation, set variables, continue to power-off; and Ctrl-C in a
# running loop and in a hart sleeping in wfi.  Under the interpreter and the translator.
#
# Expected values come from the program's source and the privileged spec (an M-mode
# ecall is cause 11; after mret, mstatus has MPIE=1, MPP=U and SXL=UXL=2 on RV64),
# from the ELF (objdump gives the ecall's address; rt's handler leaves mepc just
# past it), and — when it is
# installed — from qemu-system-riscv64's own GDB stub running the same gdb script:
# the two transcripts must be identical.
sysdebug=$GUEST/system/gdb/debugme.elf
syssleeper=$GUEST/system/gdb/sleeper.elf

gdbsys_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a machine (the command after the port) in the background; sets $port and
# $machine_pid; output in $TMP/gdbsys.{out,err,rc}.  Waits until the port listens
# (seen in /proc/net/tcp, so no probe connection disturbs the stub).
gdbsys_start() {
  port=$(gdbsys_free_port)
  local cmd=("${@//@PORT@/$port}")
  { timeout -k 5 60 "${cmd[@]}" >"$TMP/gdbsys.out" 2>"$TMP/gdbsys.err" </dev/null
    echo $? >"$TMP/gdbsys.rc"; } 2>/dev/null &
  machine_pid=$!
  local hex
  hex=$(printf '%04X' "$port")
  for _ in $(seq 100); do
    grep -qs ":$hex 00000000:0000 0A" /proc/net/tcp && break
    sleep 0.05
  done
}

gdbsys_wait() {
  wait "$machine_pid"
  machine_rc=$(cat "$TMP/gdbsys.rc")
}

# The session: everything the brief asks of a debugger on a bare-metal program.
GDBSYS_SCRIPT=(
  -ex 'break square' -ex c -ex 'print v' -ex 'print $mcause' -ex 'info registers mstatus priv mepc'
  -ex step -ex up -ex 'set var x = 5' -ex 'set var go = 1'
  -ex 'break in_s_mode' -ex c -ex 'info registers priv' -ex 'p $satp == (((unsigned long)&root >> 12) | (8ul << 60))'
  -ex next -ex next -ex 'x/gx 0x400000' -ex 'p/x shared[0]' -ex 'x/gx 0x10000000' -ex c
)

gdbsys_session() { # gdbsys_session OUTFILE
  timeout -k 5 60 gdb-multiarch -batch -nx -ex "target remote :$port" "${GDBSYS_SCRIPT[@]}" "$sysdebug" \
    >"$1" 2>&1 </dev/null
}

if ! command -v gdb-multiarch >/dev/null; then
  skip "gdb-system/*" "gdb-multiarch not installed"
elif ! command -v python3 >/dev/null; then
  skip "gdb-system/*" "python3 (to pick a free port) not installed"
elif [ ! -e "$sysdebug" ]; then
  skip "gdb-system/*" "$sysdebug not built (riscv64-unknown-elf-gcc missing?)"
else
  ecall_pc=$(riscv64-unknown-elf-objdump -d "$sysdebug" 2>/dev/null | awk '/<main>:/,/^$/' |
             sed -n 's/^ *\([0-9a-f]*\):.*\becall\b.*/\1/p' | head -1)
  # rt's handler resumes after the ecall by writing that address into mepc before mret
  [ -n "$ecall_pc" ] && resume_pc=$(printf '0x%x' $((0x$ecall_pc + 4)))
  return_line=$(grep -n '^    return r;' testsuite/system/gdb/debugme.c | cut -d: -f1)
  qemu_transcript=""
  if command -v qemu-system-riscv64 >/dev/null; then
    gdbsys_start qemu-system-riscv64 -M virt -bios none -nographic -kernel "$sysdebug" -gdb tcp:127.0.0.1:@PORT@ -S
    gdbsys_session "$TMP/gdbsys-qemu.gdb"
    gdbsys_wait
    qemu_transcript="$TMP/gdbsys-qemu.gdb"
  fi
  for engine in interp jit; do
    gdbsys_start "$RVDBT" system --engine=$engine --stats -g @PORT@ -S -bios none -kernel "$sysdebug"
    gdbsys_session "$TMP/gdbsys.gdb"
    gdbsys_wait
    g=$(cat "$TMP/gdbsys.gdb")
    problems=""
    grep -q '^Breakpoint 1, square (v=3) at .*debugme.c:' <<<"$g" || problems+="breakpoint in square not hit; "
    grep -q '^\$1 = 3$' <<<"$g" || problems+="v is not 3; "
    grep -q '^\$2 = 11$' <<<"$g" || problems+="mcause is not 11 (ecall from M); "
    grep -Eq '^mstatus +0xa00000080[[:space:]]' <<<"$g" || problems+="mstatus is not 0xa00000080; "
    grep -Eq '^priv +0x3[[:space:]]+prv:3 \[Machine\]' <<<"$g" || problems+="priv is not Machine; "
    [ -n "$ecall_pc" ] && grep -Eq "^mepc +$resume_pc[[:space:]]" <<<"$g" || problems+="mepc is not $resume_pc; "
    grep -Pq "^$return_line\t    return r;" <<<"$g" || problems+="step did not reach line $return_line; "
    grep -q '^Breakpoint 2, in_s_mode (va=4194304)' <<<"$g" || problems+="breakpoint in S mode not hit; "
    grep -Eq '^priv +0x1[[:space:]]+prv:1 \[Supervisor\]' <<<"$g" || problems+="priv is not Supervisor; "
    grep -q '^\$3 = 1$' <<<"$g" || problems+="satp does not point at root; "
    grep -Pq '^0x400000:\t0x0000000000005eed$' <<<"$g" || problems+="virtual 0x400000 not read through Sv39; "
    grep -q '^\$4 = 0x5eed$' <<<"$g" || problems+="shared[0] is not 0x5eed; "
    grep -q 'Cannot access memory at address 0x10000000' <<<"$g" || problems+="UART MMIO was readable; "
    grep -q 'exited with code 05\]' <<<"$g" || problems+="gdb did not see power-off status 5; "
    [ "$(cat "$TMP/gdbsys.out")" = "x=5 y=9 r=0x0000000000005eee" ] || problems+="machine output '$(cat "$TMP/gdbsys.out")'; "
    [ "$machine_rc" = 5 ] || problems+="machine status $machine_rc; "
    blocks=$(sed -n 's/^rvdbt: blocks translated: \([0-9]*\).*/\1/p' "$TMP/gdbsys.err")
    [ $engine = interp ] || [ "${blocks:-0}" -gt 0 ] || problems+="nothing was translated; "
    if [ -n "$qemu_transcript" ]; then
      # the last line differs by design: QEMU just closes, rvdbt reports the power-off status
      if ! diff <(sed '$d' "$qemu_transcript") <(sed '$d' "$TMP/gdbsys.gdb") >"$TMP/gdbsys.diff"; then
        problems+="transcript differs from qemu-system-riscv64's: $(head -c 600 "$TMP/gdbsys.diff"); "
      fi
    fi
    what="break, step, up, CSRs, priv, Sv39 memory, set var, power-off"
    [ -n "$qemu_transcript" ] && what+="; same transcript as qemu-system-riscv64" || what+="; qemu-system-riscv64 not installed: not compared"
    if [ -z "$problems" ]; then pass "gdb-system/debugme under $engine ($what)"
    else fail "gdb-system/debugme under $engine" "$problems gdb said: ${g:0:1500}"; fi
  done

  # Attach to a running machine (no -S: it starts at once, as qemu-system with -s),
  # then Ctrl-C: the machine spins (translated, under jit) until gdb interrupts it.
  for engine in jit interp; do
    gdbsys_start "$RVDBT" system --engine=$engine -g @PORT@ -bios none -kernel "$sysdebug"
    rm -f "$TMP/gdbsys-continuing"
    timeout -k 5 60 gdb-multiarch -batch -nx -ex "target remote :$port" -ex 'p spins > 0' \
      -ex "shell touch $TMP/gdbsys-continuing" \
      -ex c -ex 'p spins > 1000' -ex 'info registers priv' -ex 'set var go = 1' -ex c \
      "$sysdebug" >"$TMP/gdbsys.gdb" 2>&1 </dev/null &
    gdb_timeout_pid=$!
    for _ in $(seq 200); do [ -e "$TMP/gdbsys-continuing" ] && break; sleep 0.05; done
    sleep 1
    kill -INT "$(pgrep -P $gdb_timeout_pid)" 2>/dev/null # gdb itself: it forwards Ctrl-C to the stub
    wait $gdb_timeout_pid
    gdbsys_wait
    g=$(cat "$TMP/gdbsys.gdb")
    problems=""
    grep -q "Program received signal SIGINT" <<<"$g" || problems+="no SIGINT stop; "
    grep -q '^\$1 = 1$' <<<"$g" || problems+="the machine was not running before gdb attached; "
    grep -q '^\$2 = 1$' <<<"$g" || problems+="the loop had not spun; "
    grep -q 'prv:3 \[Machine\]' <<<"$g" || problems+="priv is not Machine; "
    grep -q 'exited with code 03\]' <<<"$g" || problems+="gdb did not see power-off status 3; "
    [ "$machine_rc" = 3 ] || problems+="machine status $machine_rc; "
    if [ -z "$problems" ]; then pass "gdb-system/ctrl-c under $engine (attach to a running machine, Ctrl-C, set var, power-off)"
    else fail "gdb-system/ctrl-c under $engine" "$problems gdb said: ${g:0:1500}"; fi
  done

  # Ctrl-C while the hart sleeps in wfi (the engine is not running: the machine loop
  # polls the debugger); the halt completes the wfi, so after go = 1 it powers off.
  gdbsys_start "$RVDBT" system -g @PORT@ -S -bios none -kernel "$syssleeper"
  rm -f "$TMP/gdbsys-continuing"
  timeout -k 5 60 gdb-multiarch -batch -nx -ex "target remote :$port" -ex "shell touch $TMP/gdbsys-continuing" \
    -ex c -ex 'p $mie' -ex 'set var go = 1' -ex c "$syssleeper" >"$TMP/gdbsys.gdb" 2>&1 </dev/null &
  gdb_timeout_pid=$!
  for _ in $(seq 200); do [ -e "$TMP/gdbsys-continuing" ] && break; sleep 0.05; done
  sleep 1
  kill -INT "$(pgrep -P $gdb_timeout_pid)" 2>/dev/null
  wait $gdb_timeout_pid
  gdbsys_wait
  g=$(cat "$TMP/gdbsys.gdb")
  problems=""
  grep -q "Program received signal SIGINT" <<<"$g" || problems+="no SIGINT stop; "
  grep -q 'sleeper.c:[0-9]*$' <<<"$g" && grep -q 'while (!go) __asm__ volatile("wfi");' <<<"$g" ||
    problems+="not stopped in the wfi loop; "
  grep -q '^\$1 = 128$' <<<"$g" || problems+="mie is not MTIE (128); "
  grep -q 'exited with code 011\]\|exited with code 09\]' <<<"$g" || problems+="gdb did not see power-off status 9; "
  [ "$machine_rc" = 9 ] && [ "$(cat "$TMP/gdbsys.out")" = awake ] || problems+="machine status $machine_rc, output '$(cat "$TMP/gdbsys.out")'; "
  if [ -z "$problems" ]; then pass "gdb-system/ctrl-c-in-wfi (interrupt a sleeping hart, set var, power-off)"
  else fail "gdb-system/ctrl-c-in-wfi" "$problems gdb said: ${g:0:1500}"; fi
fi

# Attach while the hart already sleeps in wfi (no -S): the machine loop accepts the
# debugger between its sleeps, and the halt completes the wfi.
if command -v gdb-multiarch >/dev/null && command -v python3 >/dev/null && [ -e "$syssleeper" ]; then
  gdbsys_start "$RVDBT" system -g @PORT@ -bios none -kernel "$syssleeper"
  sleep 0.5 # (well into its wfi)
  timeout -k 5 60 gdb-multiarch -batch -nx -ex "target remote :$port" -ex 'p $mie' -ex 'set var go = 1' -ex c \
    "$syssleeper" >"$TMP/gdbsys.gdb" 2>&1 </dev/null
  gdbsys_wait
  g=$(cat "$TMP/gdbsys.gdb")
  if grep -q 'while (!go) __asm__ volatile("wfi");' <<<"$g" && grep -q '^\$1 = 128$' <<<"$g" &&
     [ "$machine_rc" = 9 ] && [ "$(cat "$TMP/gdbsys.out")" = awake ]; then
    pass "gdb-system/attach-in-wfi (attach to a sleeping machine, set var, power-off)"
  else
    fail "gdb-system/attach-in-wfi" "status $machine_rc, output '$(cat "$TMP/gdbsys.out")'; gdb said: ${g:0:1000}"
  fi
fi
# Malformed and hostile packets, MMIO refusal, and the privileged registers, from a raw
# protocol client (its checks are listed in rsp_probe_system.py); traps.elf then runs to
# its power-off.  The UART write the client tries must not reach the console.
if command -v python3 >/dev/null && [ -e "$GUEST/system/traps.elf" ]; then
  gdbsys_start "$RVDBT" system -g @PORT@ -S -bios none -kernel "$GUEST/system/traps.elf"
  run_limited 60 python3 testsuite/gdb/rsp_probe_system.py "$port"
  gdbsys_wait
  if [ "$rc" = 0 ] && [ "$machine_rc" = 0 ] && [ "$(head -c 5 "$TMP/gdbsys.out")" = "ok 1 " ] &&
     grep -q '^PASS traps$' "$TMP/gdbsys.out"; then
    pass "gdb-system/raw-protocol (hostile packets, MMIO refused, CSRs, ROM breakpoint, step, power-off)"
  else
    fail "gdb-system/raw-protocol" "status $rc/$machine_rc: ${out:0:600} machine: $(head -c 200 "$TMP/gdbsys.out")"
  fi
fi
expect_error "gdb-system/-S-needs-g" 2 "-S needs -g PORT" "$RVDBT" system -S -bios none -kernel /dev/null
expect_error "gdb-system/bad-port" 2 "-g: bad port" "$RVDBT" system -g 99999 -bios none
