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
for cfg in "--engine=jit --no-tiering" "--engine=jit" "--engine=interp"; do
  # shellcheck disable=SC2086
  "$RVDBT" run $cfg "$prog" wait >"$TMP/sent.out" 2>"$TMP/sent.err" </dev/null &
  pid=$!
  for _ in $(seq 100); do grep -q ready "$TMP/sent.out" 2>/dev/null && break; sleep 0.05; done
  sleep 0.2 # (into the translated spin loop)
  kill -SEGV $pid 2>/dev/null
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  if [ "$rc" = 0 ] && grep -q "caught the sent SIGSEGV" "$TMP/sent.out"; then pass "sent-signals/kill -SEGV from outside reaches the guest's handler ($cfg)"
  else fail "sent-signals/kill -SEGV from outside ($cfg)" "status $rc: $(cat "$TMP/sent.out" "$TMP/sent.err" | head -5 | tr '\n' ' ')"; fi
done
