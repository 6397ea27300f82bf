# testsuite/tests/45-proc.sh — the guest's /proc/self is its own (linux_procfs.c).
# testsuite/hostile/proc_escape.c tries every road to the emulator's memory it knows:
# /proc/self/mem spelt as self, PID, task/TID, thread-self, with "." and "..", through a
# directory descriptor, a symbolic link and the cwd; pagemap, syscall, map_files;
# process_vm_writev/readv, ptrace, prctl(PR_SET_MM).  Each must be refused, under every
# engine; /proc/self/maps must show guest addresses only (and the stack), cmdline the
# guest's argv.  (Under a real kernel, or qemu-riscv64, most of these roads open: the
# memory behind them is the program's own there, so there is no oracle to compare with.)
prog=$GUEST/hostile/proc_escape.elf
for cfg in "--engine=interp" "--engine=jit" "--engine=jit --no-tiering" "--engine=check"; do
  # shellcheck disable=SC2086
  run_limited 60 "$RVDBT" run $cfg "$prog"
  roads=$(printf '%s\n' "$out" | grep -c ': refused$')
  open=$(printf '%s\n' "$out" | grep -E ': (OPEN|ALLOWED)' | head -3 | tr '\n' ';')
  if [ "$rc" = 0 ] && [ "$roads" = 17 ] && [ -z "$open" ] &&
     [[ "$out" == *"/proc/self/maps: "*" lines, all below 32 GiB, [stack] listed"* ]] &&
     [[ "$out" == *"/proc/self/cmdline: argv[0] ends in proc_escape.elf"* ]]; then
    pass "proc/every road to rvdbt's memory refused, maps and cmdline the guest's ($cfg)"
  else
    fail "proc/every road to rvdbt's memory refused ($cfg)" "status $rc, $roads refused, open: $open; ${out:0:600} ${err:0:200}"
  fi
done
# what stays the host's: /proc/self/status, the guest's own descriptors under fd/
run_limited 30 "$RVDBT" run -L build/guests/sysroot build/guests/sysroot/usr/bin/busybox sh -c 'busybox grep -c "^Name:" /proc/self/status; busybox ls /proc/self/fd/ >/dev/null && echo fd-listed'
if [ ! -f build/guests/sysroot/.rvdbt-packages ]; then
  skip "proc/host files stay readable" "no Debian riscv64 sysroot (testsuite/fetch-guests.sh failed: no network?)"
elif [ "$rc" = 0 ] && [ "$out" = $'1\nfd-listed' ]; then pass "proc/host files stay readable (status, fd/)"
else fail "proc/host files stay readable" "status $rc: $out ${err:0:200}"; fi
# --strace names every system call, the ones rvdbt refuses too (it printed syscall_271)
run_limited 60 "$RVDBT" run --strace "$prog"
if [[ "$err" == *"process_vm_writev(0x"*") = -1 ENOSYS"* ]] && [[ "$err" == *"ptrace(0x"* ]] && [[ "$err" != *"syscall_"* ]]; then
  pass "proc/--strace names the refused calls (process_vm_writev, ptrace)"
else fail "proc/--strace names the refused calls" "$(printf '%s\n' "$err" | grep -E 'process_vm|ptrace|syscall_' | head -3)"; fi
# ... and the table is the kernel's: checked against Debian's riscv64 asm-generic/unistd.h
hdr=/usr/riscv64-linux-gnu/include/asm-generic/unistd.h
if [ ! -f "$hdr" ]; then skip "proc/syscall names match the kernel's" "$hdr not installed (linux-libc-dev-riscv64-cross)"
else
  run_limited 30 python3 testsuite/docs/check_syscall_names.py frontends/linux/syscall_names.c "$hdr"
  if [ "$rc" = 0 ]; then pass "proc/syscall names match the kernel's ($(printf '%s' "$out" | tail -1))"
  else fail "proc/syscall names match the kernel's" "$(printf '%s' "$out" | tail -4 | tr '\n' ' ')"; fi
fi
