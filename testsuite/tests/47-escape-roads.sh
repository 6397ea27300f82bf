# testsuite/tests/47-escape-roads.sh — more roads to rvdbt's memory (testsuite/hostile/escape_roads.c).
# Beyond proc_escape.c (group 45): /proc/self/maps must be the guest's in every spelling
# (//proc, a directory descriptor, /dev/fd/.., the cwd, a symbolic link: the host's maps
# is rvdbt's layout); smaps is refused; a forked child is another rvdbt, so its
# /proc/CHILD/mem, pagemap and map_files are refused too (they opened, and mem read the
# child's ELF header); readlink of exe in every spelling names the guest program (it gave
# rvdbt's path, or EINVAL for //proc/self/exe); and the files the guest may read (exe, cmdline, environ, auxv, stat)
# are its own.  Each line of the probe says "blocked" or "REACHED"; its status counts
# the REACHED ones.  Run with only stdin/stdout/stderr open (anything else it finds must
# be rvdbt's), a trace file as rvdbt's own descriptor, under every engine.
prog=$GUEST/hostile/escape_roads.elf
mkdir -p "$TMP/roads"
for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=check"; do
  # shellcheck disable=SC2016,SC2086
  run_limited 60 env ISOLATION_TEST=env bash -c \
    'for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-" 2>/dev/null; done; exec "$@"' _ \
    "$RVDBT" run $cfg --trace --trace-count 3 --trace-file "$TMP/roads/trace" "$prog" "$TMP/roads"
  blocked=$(printf '%s\n' "$out" | grep -c ' blocked (')
  if [ "$rc" = 0 ] && [ "$blocked" -ge 52 ] && [[ "$out" == *"0 roads reached rvdbt"* ]] &&
     [[ "$out" == *"/proc/CHILD/mem (a forked child)"*blocked* ]]; then
    pass "escape-roads/$blocked roads blocked, none reached ($cfg)"
  else
    fail "escape-roads ($cfg)" "status $rc, $blocked blocked: $(printf '%s\n' "$out" | grep -E 'REACHED|FAILED' | head -4 | tr '\n' ';') ${err:0:200}"
  fi
done
