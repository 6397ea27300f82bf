# testsuite/tests/44-host-fds.sh — a guest cannot use rvdbt's own descriptors.
#
# In user mode guest descriptor N is host descriptor N.  While the guest runs,
# rvdbt holds a few of its own (the --perf-map and --trace files here; the GDB
# stub's sockets), and they must be as closed to the guest as to a process that
# never opened them: testsuite/hostile/fd_probe.c writes a marker into every
# descriptor it can fstat, tries to dup stdout over 3..15 and to pass those it cannot
# fstat through a socket (SCM_RIGHTS).  rvdbt's trace file must not receive the
# marker, and dup3 onto rvdbt's two descriptors and passing them must fail.
# A descriptor the guest inherited (7>file) stays the guest's.
probe=$GUEST/hostile/fd_probe.elf
for engine in interp jit check; do
  rm -f "$TMP/fd-trace"
  # (in the background to learn rvdbt's pid, which names its perf map; a watchdog bounds it)
  "$RVDBT" run --engine=$engine --perf-map --trace --trace-count 3 --trace-file "$TMP/fd-trace" \
    "$probe" >"$TMP/fd-out" 2>&1 </dev/null &
  pid=$!
  { sleep 60; kill -9 $pid; } 2>/dev/null &
  watchdog=$!
  wait $pid; rc=$?; out=$(cat "$TMP/fd-out")
  kill $watchdog 2>/dev/null; wait $watchdog 2>/dev/null
  map=/tmp/perf-$pid.map
  [ -f "$map" ] || rc="$rc (no perf map $map)"
  refused=$(printf '%s\n' "$out" | grep -c '^dup3 onto .*Bad file descriptor')
  scm_passed=$(printf '%s\n' "$out" | grep -c '^pass .*: passed')
  if [ "$rc" = 0 ] && [[ "$out" == *done* ]] && [ "$refused" -ge 2 ] && [ "$scm_passed" = 0 ] && [ -s "$TMP/fd-trace" ] &&
     ! grep -q GUEST-WAS-HERE "$TMP/fd-trace" "$map"; then
    pass "host-fds/rvdbt's descriptors are closed to the guest (--engine=$engine)"
  else
    fail "host-fds/rvdbt's descriptors are closed to the guest (--engine=$engine)" \
      "status $rc, $refused dup3 refusals, $scm_passed passed with SCM_RIGHTS, markers in trace file and perf map: $(grep -c GUEST-WAS-HERE "$TMP/fd-trace" "$map" 2>&1 | tr '\n' ' '); out: ${out:0:300}"
  fi
  rm -f "$map"
  rm -f "$TMP/fd-inherited"
  run_limited 60 "$RVDBT" run --engine=$engine --trace --trace-file "$TMP/fd-trace" "$probe" 7>"$TMP/fd-inherited"
  if [ "$rc" = 0 ] && [[ "$out" == *"open 7: write ok"* ]] && grep -q GUEST-WAS-HERE "$TMP/fd-inherited"; then
    pass "host-fds/an inherited descriptor is the guest's (--engine=$engine)"
  else
    fail "host-fds/an inherited descriptor is the guest's (--engine=$engine)" "status $rc, out: ${out:0:300}"
  fi
done
