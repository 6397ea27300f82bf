# testsuite/tests/85-gdb-trace.sh — the GDB stub, driven by the real gdb-multiarch
# (and by a raw protocol client sending malformed packets), and --trace, whose pc
# sequence and register values must equal what qemu-riscv64 logs for the same program.
# Every run is under a time limit (timeout or run_limited), so a hang is a failure.
debugme=$GUEST/gdb/debugme.elf
hotloop=$GUEST/gdb/hotloop.elf
tracee=$GUEST/gdb/tracee.elf

# A TCP port nobody listens on now (the kernel picks it); a different one per call.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts rvdbt -g PORT in the background (output in $TMP/gdb-guest.*); sets $port, $guest_pid.
start_debuggee() {
  port=$(free_port)
  rm -f "$TMP/gdb-guest.err" # (the wait below must not see the previous run's text)
  # (the group's stderr goes to /dev/null so bash does not announce a guest killed by a signal)
  { timeout -k 5 60 "$RVDBT" run -g "$port" "$@" >"$TMP/gdb-guest.out" 2>"$TMP/gdb-guest.err" </dev/null
    echo $? >"$TMP/gdb-guest.rc"; } 2>/dev/null &
  guest_pid=$!
  # wait until it listens, so gdb does not race it
  for _ in $(seq 100); do
    grep -qs "waiting for GDB" "$TMP/gdb-guest.err" && break
    sleep 0.05
  done
}

# Waits for the debuggee; sets $guest_rc.
wait_debuggee() {
  wait "$guest_pid"
  guest_rc=$(cat "$TMP/gdb-guest.rc")
}

gdb_batch() { # gdb_batch ELF -ex ... ; output in $TMP/gdb.out
  local elf=$1; shift
  timeout -k 5 60 gdb-multiarch -batch -nx -ex 'set architecture riscv:rv64' -ex "target remote :$port" "$@" "$elf" \
    >"$TMP/gdb.out" 2>&1 </dev/null
}

if ! command -v gdb-multiarch >/dev/null; then
  skip "gdb/debugme" "gdb-multiarch not installed"
  skip "gdb/hot-loop" "gdb-multiarch not installed"
elif ! command -v python3 >/dev/null; then
  skip "gdb/debugme" "python3 (to pick a free port) not installed"
  skip "gdb/hot-loop" "python3 (to pick a free port) not installed"
else
  # (RVDBT_THREADS_ONLY=1, make test SANITIZE=thread: only the two thread tests below)
  for engine in interp jit check; do
    [ "${RVDBT_THREADS_ONLY:-0}" = 1 ] && break
    # break at main, step, print, set a variable, watch one, continue to the exit.
    # Expected values: the breakpoint address is the one gdb computed from the ELF's
    # line table, x is 3 after `int x = 3;` (the source), and with x set to 5 the
    # program prints 5 and 25 and exits with 5.
    start_debuggee --engine=$engine "$debugme"
    gdb_batch "$debugme" -ex 'break main' -ex c -ex 'info registers pc' -ex next -ex 'print x' -ex 'set var x=5' \
      -ex step -ex 'print v' -ex finish -ex 'watch y' -ex c -ex delete -ex c
    wait_debuggee
    g=$(cat "$TMP/gdb.out")
    bp=$(sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\): file .*debugme.c, line 13\./\1/p' "$TMP/gdb.out")
    problems=""
    [ -n "$bp" ] || problems+="no breakpoint at line 13; "
    grep -q "^Breakpoint 1, main () at .*debugme.c:13" <<<"$g" || problems+="breakpoint not hit; "
    grep -Eq "^pc +$bp[[:space:]]" <<<"$g" || problems+="pc is not $bp; "
    grep -q '^\$1 = 3$' <<<"$g" || problems+="x is not 3; "
    grep -q '^square (v=5) at' <<<"$g" || problems+="step did not enter square(5); "
    grep -q 'Value returned is \$3 = 25' <<<"$g" || problems+="finish did not return 25; "
    grep -q '^New value = 25$' <<<"$g" || problems+="watchpoint on y not triggered; "
    grep -q 'exited with code 05\]' <<<"$g" || problems+="gdb did not see exit code 5; "
    [ "$(cat "$TMP/gdb-guest.out")" = "x=5 y=25" ] || problems+="guest output '$(cat "$TMP/gdb-guest.out")'; "
    [ "$guest_rc" = 5 ] || problems+="guest status $guest_rc; "
    if [ -z "$problems" ]; then pass "gdb/debugme under $engine (break, next, print, set var, step, finish, watch, exit)"
    else fail "gdb/debugme under $engine" "$problems gdb said: ${g:0:1500}"; fi
  done

  # Guest threads (threads_gdb.c: main stops in all_started() once its 4 workers sleep
  # in pthread_cond_wait): `info threads` lists 5 threads (qfThreadInfo), stop replies
  # name the thread, and `thread 3` + `bt` reads another thread's registers (Hg): its
  # frame is not main's all_started().  Then the program runs to its end (sum of 10+20+30+40).
  threads_gdb=$GUEST/gdb/threads_gdb.elf
  for engine in interp jit check; do
    start_debuggee --engine=$engine "$threads_gdb"
    gdb_batch "$threads_gdb" -ex 'break all_started' -ex c -ex 'info threads' -ex 'thread 3' -ex 'bt' \
      -ex 'thread 1' -ex 'print n' -ex c
    wait_debuggee
    g=$(cat "$TMP/gdb.out")
    problems=""
    grep -q "^Thread 1 hit Breakpoint 1, all_started (n=4)" <<<"$g" || problems+="breakpoint not hit in thread 1; "
    n=$(grep -cE '^[* ] +[0-9]+ +Thread [0-9]+ ' <<<"$g")
    [ "$n" = 5 ] || problems+="info threads lists $n threads, not 5; "
    # (a worker may still be inside glibc's futex calls, where gdb cannot always unwind
    # up to worker(): it must at least be somewhere else than thread 1)
    grep -qE '^\[Switching to thread 3 \(Thread [0-9]+\)\]' <<<"$g" || problems+="no switch to thread 3; "
    t3=$(sed -n '/^\[Switching to thread 3 /{n;p;q}' <<<"$g")
    [[ "$t3" == "#0 "* && "$t3" != *all_started* ]] || problems+="thread 3's frame is '$t3'; "
    grep -q '^\$1 = 4$' <<<"$g" || problems+="n is not 4 back in thread 1; "
    grep -q 'exited normally\]' <<<"$g" || problems+="gdb did not see the exit; "
    [ "$(cat "$TMP/gdb-guest.out")" = "sum 100" ] || problems+="guest output '$(cat "$TMP/gdb-guest.out")'; "
    if [ -z "$problems" ]; then pass "gdb/threads under $engine (info threads: 5, another thread's backtrace, exit)"
    else fail "gdb/threads under $engine" "$problems gdb said: ${g:0:1500}"; fi
  done

  # All-stop with threads (threads_bp.c): two worker threads each hit a breakpoint in
  # hit() while a third spins in translated code and main waits in pthread_join.  Each
  # stop must be reported in the worker that hit it (not thread 1: the old stub ran only
  # the first thread under the debugger, and a worker's breakpoint killed the guest with
  # SIGTRAP), once per worker (ids 1 and 2); every thread is listed; the spinner is
  # stopped while gdb looks (its counter does not move across a 0.5 s sleep); `thread 1`
  # and back (`thread $hitter`) reads each thread's own frame; after the second hit no
  # breakpoint is left to hit, so `next` stays in that worker (r = 10 * id); then the
  # program ends as without a debugger: "sum 30 spun", status 3.
  threads_bp=$GUEST/gdb/threads_bp.elf
  for engine in jit interp check; do
    start_debuggee --engine=$engine "$threads_bp"
    gdb_batch "$threads_bp" -ex 'break hit' -ex c -ex 'info threads' -ex bt -ex 'print spins' -ex 'shell sleep 0.5' \
      -ex 'print spins' -ex 'set $hitter = $_thread' -ex 'thread 1' -ex 'thread $hitter' -ex c -ex bt -ex next \
      -ex 'print r' -ex delete -ex c
    wait_debuggee
    g=$(cat "$TMP/gdb.out")
    problems=""
    hits=$(sed -n 's/^Thread \([0-9]*\) hit Breakpoint 1, hit (id=\([12]\)) at .*threads_bp.c:[0-9]*$/\1 \2/p' <<<"$g")
    [ "$(wc -l <<<"$hits")" = 2 ] || problems+="breakpoint not hit twice ('$hits'); "
    [ "$(cut -d' ' -f2 <<<"$hits" | sort | tr '\n' ' ')" = "1 2 " ] || problems+="hit ids are not 1 and 2; "
    grep -q '^1 ' <<<"$hits" && problems+="a hit was reported in thread 1 (main); "
    first=$(head -1 <<<"$hits" | cut -d' ' -f1)
    second_id=$(sed -n 2p <<<"$hits" | cut -d' ' -f2)
    n=$(grep -cE '^[* ] +[0-9]+ +Thread [0-9]+ ' <<<"$g")
    [ "$n" = 4 ] || problems+="info threads lists $n threads, not 4; "
    grep -qE '^\* +'"$first"' +Thread [0-9]+ +hit \(id=' <<<"$g" || problems+="thread $first not current in hit(); "
    grep -qE '^#1 .* in hitter \(arg=0x[12]\)' <<<"$g" || problems+="no hitter() frame in bt; "
    s1=$(sed -n 's/^\$1 = \([0-9]*\)$/\1/p' <<<"$g")
    s2=$(sed -n 's/^\$2 = \([0-9]*\)$/\1/p' <<<"$g")
    [ -n "$s1" ] && [ "$s1" = "$s2" ] || problems+="the spinner ran while stopped ($s1 then $s2); "
    grep -q '^\[Switching to thread 1 (Thread [0-9]*)\]' <<<"$g" || problems+="no switch to thread 1; "
    t1=$(sed -n '/^\[Switching to thread 1 /{n;p;q}' <<<"$g")
    [[ "$t1" == "#0 "* && "$t1" != *" hit "* ]] || problems+="thread 1's frame is '$t1'; "
    tb=$(sed -n '/^\[Switching to thread '"$first"' /{n;p;q}' <<<"$g")
    [[ "$tb" == "#0  hit (id="* ]] || problems+="back in thread $first the frame is '$tb'; "
    grep -q '^22[[:space:]]' <<<"$g" || problems+="next did not reach line 22; "
    grep -q '^\$3 = '"$((10 * ${second_id:-0}))"'$' <<<"$g" || problems+="r is not 10 * $second_id; "
    grep -q 'exited with code 03\]' <<<"$g" || problems+="gdb did not see exit code 3; "
    [ "$(cat "$TMP/gdb-guest.out")" = "sum 30 spun" ] || problems+="guest output '$(cat "$TMP/gdb-guest.out")'; "
    [ "$guest_rc" = 3 ] || problems+="guest status $guest_rc; "
    if [ -z "$problems" ]; then pass "gdb/threads-all-stop under $engine (2 worker hits in threads $(cut -d' ' -f1 <<<"$hits" | tr '\n' ' '); others stopped; exit 3)"
    else fail "gdb/threads-all-stop under $engine" "$problems gdb said: ${g:0:2000}"; fi
  done

  [ "${RVDBT_THREADS_ONLY:-0}" = 1 ] && return 0 # (the rest is not about threads)

  # A breakpoint inside a loop that is already translated: the loop spins under the
  # jit until gdb interrupts it (Ctrl-C, sent by gdb when it gets SIGINT), then a
  # breakpoint at the loop body must be hit, twice in a row one iteration apart.
  # (The same under the interpreter, for Ctrl-C there.)
  for engine in jit interp; do
    start_debuggee --engine=$engine --stats "$hotloop"
    rm -f "$TMP/continuing"
    timeout -k 5 60 gdb-multiarch -batch -nx -ex "target remote :$port" -ex "shell touch $TMP/continuing" -ex c \
      -ex 'break 14' -ex c -ex 'print counter' -ex c -ex 'print counter' -ex 'print stop_flag=1' -ex delete -ex c \
      "$hotloop" >"$TMP/gdb.out" 2>&1 </dev/null &
    timeout_pid=$!
    # Ctrl-C once gdb is past its first `continue` (a marker file just before it) and the loop has spun a while
    for _ in $(seq 200); do [ -e "$TMP/continuing" ] && break; sleep 0.05; done
    sleep 1
    kill -INT "$(pgrep -P $timeout_pid)" 2>/dev/null # gdb itself: it forwards Ctrl-C to the stub
    wait $timeout_pid
    wait_debuggee
    g=$(cat "$TMP/gdb.out")
    c1=$(sed -n 's/^\$1 = \([0-9]*\)$/\1/p' <<<"$g")
    c2=$(sed -n 's/^\$2 = \([0-9]*\)$/\1/p' <<<"$g")
    blocks=$(sed -n 's/^rvdbt: blocks translated: \([0-9]*\).*/\1/p' "$TMP/gdb-guest.err")
    problems=""
    grep -q "Program received signal SIGINT" <<<"$g" || problems+="no SIGINT stop; "
    [ "$(grep -c '^Breakpoint 1, main () at .*hotloop.c:14' <<<"$g")" = 2 ] || problems+="breakpoint not hit twice; "
    [ -n "$c1" ] && [ -n "$c2" ] && [ $((c2 - c1)) = 1 ] || problems+="counter $c1 then $c2 (want one apart); "
    [ -n "$c1" ] && [ "$c1" -gt 1000 ] || problems+="the loop did not run before the breakpoint; "
    [ $engine = interp ] || [ "${blocks:-0}" -gt 0 ] || problems+="nothing was translated; "
    [ "$guest_rc" = 7 ] || problems+="guest status $guest_rc; "
    if [ -z "$problems" ]; then pass "gdb/hot-loop under $engine (Ctrl-C, then a breakpoint in the running loop; counter $c1 -> $c2)"
    else fail "gdb/hot-loop under $engine" "$problems gdb said: ${g:0:1500}"; fi
  done
fi

if command -v gdb-multiarch >/dev/null && command -v python3 >/dev/null; then
  # stepi over a system call: the step ends after the ecall, with the write done.
  # The ecall's address comes from objdump.
  ecall=$(riscv64-linux-gnu-objdump -d "$tracee" | awk '$3 == "ecall" {sub(":", "", $1); print $1; exit}')
  start_debuggee "$tracee"
  gdb_batch "$tracee" -ex "break *0x$ecall" -ex c -ex stepi -ex 'info registers pc' -ex c
  wait_debuggee
  g=$(cat "$TMP/gdb.out")
  after=$(printf '0x%x' $((16#$ecall + 4)))
  if grep -Eq "^pc +$after[[:space:]]" <<<"$g" && grep -q 'exited normally' <<<"$g" && [ "$guest_rc" = 0 ] &&
     [ "$(cat "$TMP/gdb-guest.out")" = traced ]; then
    pass "gdb/stepi-over-ecall (pc $after after the system call)"
  else
    fail "gdb/stepi-over-ecall" "want pc $after; status $guest_rc; gdb said: ${g:0:800}"
  fi

  # A fault is shown to the debugger first, then kills the guest as it would natively.
  wild=$GUEST/faults/fault_wild_load.elf
  start_debuggee "$wild"
  gdb_batch "$wild" -ex c -ex c
  wait_debuggee
  g=$(cat "$TMP/gdb.out")
  if grep -q "Program received signal SIGSEGV" <<<"$g" && grep -q "Program terminated with signal SIGSEGV" <<<"$g" &&
     [ "$guest_rc" = 139 ]; then
    pass "gdb/fault (SIGSEGV stop, then the guest dies of it)"
  else
    fail "gdb/fault" "status $guest_rc; gdb said: ${g:0:800}"
  fi

  # read and access watchpoints: x is read once before square(x) (value 3); y is written
  # (0 -> 9) and then read for printf (value 9).  Values from the source.
  start_debuggee "$debugme"
  gdb_batch "$debugme" -ex 'break main' -ex c -ex 'rwatch x' -ex c -ex delete -ex 'awatch y' -ex c -ex c \
    -ex delete -ex c
  wait_debuggee
  g=$(cat "$TMP/gdb.out")
  if [ "$(grep -c '^Value = 3$' <<<"$g")" = 1 ] && grep -q '^Hardware read watchpoint 2: x$' <<<"$g" &&
     grep -Pzoq 'Old value = 0\nNew value = 9\n' "$TMP/gdb.out" && grep -q '^Value = 9$' <<<"$g" &&
     [ "$guest_rc" = 3 ]; then
    pass "gdb/rwatch-awatch (read 3 from x; y written 0 -> 9, then read 9)"
  else
    fail "gdb/rwatch-awatch" "status $guest_rc; gdb said: ${g:0:1000}"
  fi

  # detach: the breakpoints go away and the program runs to its end on its own.
  start_debuggee "$debugme"
  gdb_batch "$debugme" -ex 'break square' -ex c -ex detach
  wait_debuggee
  if grep -q "^Breakpoint 1, square (v=3)" "$TMP/gdb.out" && [ "$(cat "$TMP/gdb-guest.out")" = "x=3 y=9" ] &&
     [ "$guest_rc" = 3 ]; then
    pass "gdb/detach (the program finishes undebugged)"
  else
    fail "gdb/detach" "status $guest_rc, output $(cat "$TMP/gdb-guest.out"); gdb said: $(head -c 800 "$TMP/gdb.out")"
  fi
else
  for t in stepi-over-ecall fault rwatch-awatch detach; do skip "gdb/$t" "gdb-multiarch or python3 not installed"; done
fi

# A dynamically linked PIE: GDB finds where it and its libraries were loaded (from the
# auxiliary vector the stub sends), so a breakpoint in libc's uname() is hit from main.
dyn=$GUEST/usermode/hello.dynamic.elf
if ! command -v gdb-multiarch >/dev/null || ! command -v python3 >/dev/null; then
  skip "gdb/dynamic" "gdb-multiarch or python3 not installed"
elif [ ! -e /usr/riscv64-linux-gnu/lib/libc.so.6 ]; then
  skip "gdb/dynamic" "no riscv64 libc in /usr/riscv64-linux-gnu (libc6-riscv64-cross)"
else
  start_debuggee -L /usr/riscv64-linux-gnu "$dyn"
  timeout -k 5 60 gdb-multiarch -batch -nx -ex 'set sysroot /usr/riscv64-linux-gnu' -ex "target remote :$port" \
    -ex 'break main' -ex c -ex 'break uname' -ex c -ex bt -ex c "$dyn" >"$TMP/gdb.out" 2>&1 </dev/null
  wait_debuggee
  g=$(cat "$TMP/gdb.out")
  if grep -q "^Breakpoint 1, 0x[0-9a-f]* in main ()" <<<"$g" &&
     grep -q "^Breakpoint 2, 0x[0-9a-f]* in uname () from /usr/riscv64-linux-gnu/lib/libc.so.6" <<<"$g" &&
     grep -q "^#1  0x[0-9a-f]* in main ()" <<<"$g" && [ "$guest_rc" = 3 ]; then
    pass "gdb/dynamic (PIE + shared libc: breakpoints in main and in libc's uname)"
  else
    fail "gdb/dynamic" "status $guest_rc; gdb said: ${g:0:1000}"
  fi
fi

# Malformed and hostile packets from a raw client: error replies, no crash, and the stub
# still works afterwards (the client's checks are listed in rsp_probe.py).
if ! command -v python3 >/dev/null; then
  skip "gdb/bad-packets" "python3 not installed"
else
  entry=$(riscv64-linux-gnu-readelf -h "$tracee" | awk '/Entry point/ {print $4}')
  square=$(riscv64-linux-gnu-nm "$tracee" | awk '$3 == "square" {print $1}')
  start_debuggee "$tracee"
  run_limited 60 python3 testsuite/gdb/rsp_probe.py "$port" "$entry" "$square"
  wait_debuggee
  if [ "$rc" = 0 ] && [ "$guest_rc" = 0 ] && [ "$(cat "$TMP/gdb-guest.out")" = traced ]; then
    pass "gdb/bad-packets (malformed packets refused; then s, vCont;s, range stepping work)"
  else
    fail "gdb/bad-packets" "probe status $rc, guest status $guest_rc: $out $(cat "$TMP/gdb-guest.err")"
  fi
fi

# P of an odd pc, then c: the pc reads back even and the program runs to its exit
# (it used to hang at 100 % CPU), under every engine.
if ! command -v python3 >/dev/null; then
  skip "gdb/odd-pc" "python3 not installed"
else
  entry=$(riscv64-linux-gnu-readelf -h "$tracee" | awk '/Entry point/ {print $4}')
  for engine in interp jit check; do
    start_debuggee --engine=$engine "$tracee"
    run_limited 30 python3 testsuite/gdb/rsp_probe.py "$port" "$entry" odd-pc
    wait_debuggee
    if [ "$rc" = 0 ] && [ "$guest_rc" = 0 ] && [ "$(cat "$TMP/gdb-guest.out")" = traced ]; then
      pass "gdb/odd-pc ($engine: P pc=entry+1 reads back as entry, c runs to the exit)"
    else
      fail "gdb/odd-pc ($engine)" "probe status $rc ($out), guest status $guest_rc: $(cat "$TMP/gdb-guest.err")"
    fi
  done
fi

# Bad command lines and an unusable port: one line, status 2.
expect_error gdb/bad-port 2 "bad port" "$RVDBT" run -g 70000 "$tracee"
expect_error gdb/garbage-port 2 "bad port" "$RVDBT" run -g 12ab "$tracee"
expect_error gdb/missing-port 2 "needs a value" "$RVDBT" run -g
expect_error gdb/S-without-g 2 "-S needs -g PORT" "$RVDBT" run -S "$tracee"
expect_error trace/bad-from 2 "not a hex address" "$RVDBT" run --trace-from 0xzz "$tracee"
expect_error trace/bad-count 2 "not a positive number" "$RVDBT" run --trace-count -3 "$tracee"
expect_error trace/bad-file 2 "cannot write" "$RVDBT" run --trace-file /nonexistent/dir/log "$tracee"
if command -v python3 >/dev/null; then
  start_debuggee "$tracee" # it listens on $port, waiting
  expect_error gdb/port-in-use 2 "Address already in use" "$RVDBT" run -g "$port" "$tracee"
  kill "$(pgrep -P "$(pgrep -P "$guest_pid")")" 2>/dev/null # the rvdbt under timeout under the subshell
  wait_debuggee
else
  skip gdb/port-in-use "python3 not installed"
fi

# --trace against qemu-riscv64 (one instruction per translation block, `-d cpu,fpu` dumps
# the pc and the integer and FP registers before each): the pc sequence must be identical, and every
# register value the trace lists must be what qemu holds after that instruction
# (testsuite/gdb/compare_trace.py).  A program without libc, so both see the same
# system-call results, and an empty environment, so both build the same stack.
if ! command -v qemu-riscv64 >/dev/null || ! command -v python3 >/dev/null; then
  skip "trace/vs-qemu" "qemu-riscv64 or python3 not installed"
else
  env -i qemu-riscv64 -singlestep -d nochain,cpu,fpu -D "$TMP/qemu.log" "$tracee" >/dev/null
  run_limited 20 env -i "$RVDBT" run --trace --trace-file "$TMP/trace.log" "$tracee"
  trace_rc=$rc
  run_limited 20 python3 testsuite/gdb/compare_trace.py "$TMP/qemu.log" "$TMP/trace.log"
  if [ "$trace_rc" = 0 ] && [ "$rc" = 0 ]; then
    pass "trace/vs-qemu ($out)"
  else
    fail "trace/vs-qemu" "status $trace_rc; $out"
  fi
fi

# --trace line contents against values known from the program's source: the first
# `li s1,5` writes 5 to x9, `mul` in square writes 25 (0x19) to x10 the first time, the
# `sd` after it stores 25 at `buffer` (address from the symbol table) and the `ld` reads
# it back from there, and the ecalls are listed.  --trace-from starts at square's
# address (from the symbol table); --trace-count bounds the log.
square=$(riscv64-linux-gnu-nm "$tracee" | awk '$3 == "square" {print $1}' | sed 's/^0*//')
run_limited 20 "$RVDBT" run --trace "$tracee"
problems=""
grep -Eq '^core   0: 0 0x[0-9a-f]{16} \(0x00500493\) x9  0x0000000000000005$' <<<"$err" || problems+="li s1,5; "
grep -Eq '\(0x02a50533\) x10 0x0000000000000019$' <<<"$err" || problems+="mul; "
buffer=$(riscv64-linux-gnu-nm "$tracee" | awk '$3 == "buffer" {print $1}')
grep -q "(0x00a43023) mem 0x$buffer 0x0000000000000019\$" <<<"$err" || problems+="sd to buffer; "
grep -q "(0x00043283) x5  0x0000000000000019 mem 0x$buffer\$" <<<"$err" || problems+="ld from buffer; "
[ "$(grep -c '(0x00000073)$' <<<"$err")" = 2 ] || problems+="ecalls; "
grep -Eq '\(0x4505\) x10 0x0000000000000001$' <<<"$err" || problems+="compressed c.li; "
run_limited 20 "$RVDBT" run --trace-from "$square" --trace-count 3 --trace-disasm "$tracee"
first=$(head -1 <<<"$err")
[ "$(grep -c '^core' <<<"$err")" = 3 ] || problems+="--trace-count 3 gave $(grep -c '^core' <<<"$err") lines; "
[[ "$first" == "core   0: 0 0x$(printf '%016x' $((16#$square))) (0x02a50533) x10 0x0000000000000019  ; mul a0,a0,a0" ]] ||
  problems+="--trace-from line: $first; "
[ "$out" = traced ] && [ "$rc" = 0 ] || problems+="the traced program's output/status: $out/$rc; "
if [ -z "$problems" ]; then pass "trace/contents (register writes, loads, stores, ecall, --trace-from, --trace-count)"
else fail "trace/contents" "$problems"; fi
