# testsuite/tests/46-sent-signals.sh — a SIGSEGV that is sent (kill), not a fault.
# The translator's host-MMU handler owns SIGSEGV; it must pass a sent one to the guest
# (its handler, or death by the default action) and keep working for real faults
# afterwards (testsuite/hostile/async_segv.c).  qemu-riscv64 is the oracle for the
# two modes the guest does alone; --no-tiering makes the translator (and its handler)
# run from the first block.
prog=$GUEST/hostile/async_segv.elf
for mode in self handler; do
  if command -v qemu-riscv64 >/dev/null; then
    run_limited 30 qemu-riscv64 "$prog" $mode; want_out=$out want_rc=$rc
  else
    want_out="" want_rc=""
  fi
  for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=jit --no-tiering --no-host-mmu" "--engine=check"; do
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" run $cfg "$prog" $mode
    if [ "$rc" = 139 ] && { [ -z "$want_rc" ] || { [ "$rc" = "$want_rc" ] && [ "$out" = "$want_out" ]; }; } &&
       [[ "$err" != *"internal error"* ]] && [[ "$out" != *survived* ]]; then
      pass "sent-signals/kill SIGSEGV, $mode ($cfg)"
    else
      fail "sent-signals/kill SIGSEGV, $mode ($cfg)" "status $rc (qemu $want_rc), out '${out:0:200}' (qemu '${want_out:0:200}'), err ${err:0:300}"
    fi
  done
done
# from outside: kill -SEGV on the emulator while the guest spins with a handler installed
for cfg in "--engine=jit --no-tiering" "--engine=jit" "--engine=interp" "--engine=check"; do
  # shellcheck disable=SC2086
  "$RVDBT" run $cfg "$prog" wait >"$TMP/sent.out" 2>"$TMP/sent.err" </dev/null &
  pid=$!
  for _ in $(seq 1200); do grep -q ready "$TMP/sent.out" 2>/dev/null && break; sleep 0.05; done
  sleep 0.2 # (into the translated spin loop)
  kill -SEGV $pid 2>/dev/null
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  if [ "$rc" = 0 ] && grep -q "caught the sent SIGSEGV" "$TMP/sent.out"; then pass "sent-signals/kill -SEGV from outside reaches the guest's handler ($cfg)"
  else fail "sent-signals/kill -SEGV from outside ($cfg)" "status $rc: $(cat "$TMP/sent.out" "$TMP/sent.err" | head -5 | tr '\n' ' ')"; fi
done
# kill -SEGV from outside on a guest without a handler: it dies of it (139) without a
# word (it is not a fault); on one that ignores SIGSEGV it changes nothing, and a real
# fault afterwards is still reported and kills (SIGUSR1 tells the guest to make it).
# Under every engine: under check a signal that came while a translated block ran was
# lost (see check.c's rewind_cpu), so the ignoring guest never saw its SIGUSR1.
for cfg in "--engine=jit --no-tiering" "--engine=jit" "--engine=interp" "--engine=check" "--engine=check --no-tiering"; do
  # shellcheck disable=SC2086
  "$RVDBT" run $cfg "$prog" spin >"$TMP/sent.out" 2>"$TMP/sent.err" </dev/null &
  pid=$!
  for _ in $(seq 1200); do grep -q ready "$TMP/sent.out" 2>/dev/null && break; sleep 0.05; done
  kill -SEGV $pid 2>/dev/null
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null || kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  if [ "$rc" = 139 ] && [ ! -s "$TMP/sent.err" ]; then pass "sent-signals/kill -SEGV from outside, no handler: status 139, silent ($cfg)"
  else fail "sent-signals/kill -SEGV from outside, no handler ($cfg)" "status $rc (want 139): $(cat "$TMP/sent.out" "$TMP/sent.err" | head -5 | tr '\n' ' ')"; fi

  # shellcheck disable=SC2086
  "$RVDBT" run $cfg "$prog" ignore >"$TMP/sent.out" 2>"$TMP/sent.err" </dev/null &
  pid=$!
  for _ in $(seq 1200); do grep -q ready "$TMP/sent.out" 2>/dev/null && break; sleep 0.05; done
  # (into the translated spin loop: tiering interprets it first.  Not longer: under check
  # the interpreter replays all the translated loop ran before the signal came)
  sleep 0.2
  kill -SEGV $pid 2>/dev/null; sleep 0.05; kill -USR1 $pid 2>/dev/null
  { timeout 60 tail --pid=$pid -f /dev/null; } 2>/dev/null || kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  if [ "$rc" = 139 ] && grep -q "now a real fault" "$TMP/sent.out" && ! grep -q survived "$TMP/sent.out" &&
     grep -q "guest killed by SIGSEGV" "$TMP/sent.err" && ! grep -q "internal error" "$TMP/sent.err"; then
    pass "sent-signals/an ignored SIGSEGV from outside changes nothing, a later fault is reported ($cfg)"
  else fail "sent-signals/ignored SIGSEGV from outside, then a fault ($cfg)" "status $rc: $(cat "$TMP/sent.out" "$TMP/sent.err" | head -6 | tr '\n' ' ')"; fi
done
# SIGILL, SIGFPE, SIGTRAP, SIGBUS sent from outside to a guest with handlers for them:
# the handlers run (si_code SI_USER), as under qemu-riscv64 (rvdbt died of SIGILL).
if command -v qemu-riscv64 >/dev/null; then
  qemu-riscv64 "$prog" others >"$TMP/others-q.out" 2>/dev/null </dev/null &
  pid=$!
  for _ in $(seq 1200); do grep -q ready "$TMP/others-q.out" 2>/dev/null && break; sleep 0.05; done
  for s in ILL FPE TRAP BUS; do kill -$s $pid 2>/dev/null; sleep 0.1; done
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null || kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null; want_rc=$?; want=$(cat "$TMP/others-q.out")
else
  want_rc=0 want=$'ready\nSIGILL: handler ran, SI_USER\nSIGFPE: handler ran, SI_USER\nSIGTRAP: handler ran, SI_USER\nSIGBUS: handler ran, SI_USER'
fi
for cfg in "--engine=jit --no-tiering" "--engine=jit" "--engine=interp" "--engine=check"; do
  # shellcheck disable=SC2086
  "$RVDBT" run $cfg "$prog" others >"$TMP/sent.out" 2>"$TMP/sent.err" </dev/null &
  pid=$!
  for _ in $(seq 1200); do grep -q ready "$TMP/sent.out" 2>/dev/null && break; sleep 0.05; done
  for s in ILL FPE TRAP BUS; do kill -$s $pid 2>/dev/null; sleep 0.1; done
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null || kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  if [ "$rc" = "$want_rc" ] && [ "$(cat "$TMP/sent.out")" = "$want" ] && [[ "$want" == *"SIGBUS: handler ran, SI_USER"* ]]; then
    pass "sent-signals/kill -ILL, -FPE, -TRAP, -BUS from outside reach the guest's handlers, as under qemu ($cfg)"
  else fail "sent-signals/kill -ILL, -FPE, -TRAP, -BUS from outside ($cfg)" "status $rc (qemu $want_rc): $(cat "$TMP/sent.out" "$TMP/sent.err" | head -6 | tr '\n' ' ') / qemu: $(tr '\n' ' ' <<<"$want")"; fi
done
# Ctrl-C (SIGINT) or kill (SIGTERM) on a guest that leaves them at the default: rvdbt
# still prints its --stats report, then dies of the signal as the guest would
# (a shell sees 130 or 143).  (python3 starts it with SIGINT at the default: a
# background job of a script has SIGINT ignored, and so would the guest.)
for sig in INT TERM; do
  for cfg in "--engine=jit" "--engine=interp"; do
    run_limited 30 python3 -c '
import signal, subprocess, sys, time
p = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
line = p.stdout.readline()  # "ready": the guest spins now
time.sleep(0.2)
p.send_signal(getattr(signal, "SIG" + sys.argv[1]))
out, err = p.communicate(timeout=20)
sys.stderr.write(err.decode())
print("killed by", -p.returncode if p.returncode < 0 else "nothing: status %d" % p.returncode)
' "$sig" "$RVDBT" run $cfg --stats "$prog" wait
    want=$([ $sig = INT ] && echo 2 || echo 15)
    if [ "$rc" = 0 ] && [ "$out" = "killed by $want" ] && [[ "$err" == *"rvdbt: guest instructions: "* ]]; then
      pass "sent-signals/SIG$sig at the default: --stats printed, then death by SIG$sig ($cfg)"
    else fail "sent-signals/SIG$sig keeps --stats ($cfg)" "status $rc: $out; ${err:0:300}"; fi
  done
done
