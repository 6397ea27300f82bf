# testsuite/tests/85-linux.sh — boots Debian's riscv64 Linux kernel (6.12) with
# Debian's OpenSBI and a busybox initramfs (testsuite/fetch-linux.sh fetches
# them into build/linux), types commands on the console through a pipe
# (testsuite/system/linux-session.py: uname -a, /proc/cpuinfo, arithmetic, a
# pipeline), and powers off with `poweroff -f` — under qemu-system-riscv64
# (the oracle for the script itself), the translator and the interpreter.
LINUX=build/linux
# Every test of this group by name, so that a group that cannot run is
# counted as that many skips, each with its reason (not one line for all).
LINUX_TESTS=("linux/bad-input/truncated-kernel" "linux/bad-input/truncated-initrd"
  "linux/bad-input/truncated-firmware (reported as wedged)" "linux/bad-input/ram-too-small-for-kernel"
  "linux/qemu oracle" "linux/rvdbt --engine=jit" "linux/rvdbt --engine=interp" "linux/rvdbt --engine=check"
  "linux/-smp 2 (qemu oracle)" "linux/-smp 2 (--engine=jit, thread=single)" "linux/-smp 2 (--engine=jit, thread=multi)"
  "linux/-smp 2 (--engine=interp, thread=single)" "linux/-smp 2 (--engine=interp, thread=multi)")
skip_linux_tests() { local t; for t in "${LINUX_TESTS[@]}"; do skip "$t" "$1"; done; }
if ! testsuite/fetch-linux.sh "$TOP/$LINUX" 2>"$TMP/fetch-linux.err"; then
  skip_linux_tests "cannot fetch Debian's kernel: $(tail -1 "$TMP/fetch-linux.err")"
elif ! command -v python3 >/dev/null; then
  skip_linux_tests "python3 (the console driver) not installed"
else
  LINUX_ARGS=(-m 512M -bios "$LINUX/fw_dynamic.bin" -kernel "$LINUX/Image" -initrd "$LINUX/initramfs.cpio.gz" -append console=ttyS0)
  session() { # NAME SECONDS COMMAND...  (STEPS=FILE: linux-session.py --steps FILE)
    local name=$1 secs=$2 what="boot, uname, cpuinfo, arithmetic, pipeline, poweroff"; shift 2
    local steps=(); [ -n "${STEPS:-}" ] && steps=(--steps "$STEPS") && what="boot, $STEPS_WHAT, poweroff"
    local o; o=$(timeout -k 5 $((secs + 10)) python3 testsuite/system/linux-session.py "${steps[@]}" "$secs" "$@" 2>&1); local s=$?
    if [ "$s" = 0 ]; then pass "$name: $what ($(printf '%s' "$o" | grep -E '^(boot|total):' | tr '\n' ' '))"
    else fail "$name" "$(printf '%s' "$o" | tail -4 | tr '\n' ' ')"; fi
  }
  # bad input with the real kernel: truncated (its PE section table says so), RAM too small
  head -c 10000000 "$LINUX/Image" >"$TMP/trunc.Image"
  expect_error "linux/bad-input/truncated-kernel" 1 "is truncated" "$RVDBT" system -bios "$LINUX/fw_dynamic.bin" -kernel "$TMP/trunc.Image"
  head -c 500000 "$LINUX/initramfs.cpio.gz" >"$TMP/trunc-initramfs.cpio.gz"
  expect_error "linux/bad-input/truncated-initrd" 1 "is truncated" "$RVDBT" system -bios "$LINUX/fw_dynamic.bin" -kernel "$LINUX/Image" -initrd "$TMP/trunc-initramfs.cpio.gz"
  # a firmware cut short has no header to check: it runs, fails, and parks the hart in wfi
  # with nothing to wake it, which is reported as a wedged guest instead of a silent hang
  head -c 100000 "$LINUX/fw_dynamic.bin" >"$TMP/trunc-fw.bin"
  expect_error "linux/bad-input/truncated-firmware (reported as wedged)" 4 "guest wedged" "$RVDBT" system -bios "$TMP/trunc-fw.bin" -kernel "$LINUX/Image" -append console=ttyS0
  expect_error "linux/bad-input/ram-too-small-for-kernel" 1 "try a larger -m" "$RVDBT" system -m 24M -bios "$LINUX/fw_dynamic.bin" -kernel "$LINUX/Image"
  if command -v qemu-system-riscv64 >/dev/null; then
    session "linux/qemu oracle" 120 qemu-system-riscv64 -M virt -smp 1 -nographic "${LINUX_ARGS[@]}"
  else
    skip "linux/qemu oracle" "qemu-system-riscv64 not installed"
  fi
  session "linux/rvdbt --engine=jit" 300 "$RVDBT" system --engine=jit "${LINUX_ARGS[@]}"
  session "linux/rvdbt --engine=interp" 900 "$RVDBT" system --engine=interp "${LINUX_ARGS[@]}"
  # -smp 2: OpenSBI's boot hart starts hart 1 through SBI HSM (an IPI through the CLINT's
  # msip); Linux must report both harts online, then take hart 1 offline (HSM stop) and
  # back (HSM start)
  printf '%s\t%s\n' 'cat /sys/devices/system/cpu/online' '0-1' 'grep -c ^processor /proc/cpuinfo' $'2\r' \
    'cd /sys/devices/system/cpu && echo in-$((1+1))' 'in-2' 'echo 0 > cpu1/online; cat online' $'0\r' \
    'echo 1 > cpu1/online; cat online' $'0-1\r' >"$TMP/smp-steps"
  export STEPS="$TMP/smp-steps" STEPS_WHAT="2 CPUs online, cpu1 offline and online again"
  if command -v qemu-system-riscv64 >/dev/null; then
    session "linux/-smp 2 (qemu oracle)" 180 qemu-system-riscv64 -M virt -smp 2 -nographic "${LINUX_ARGS[@]}"
  else
    skip "linux/-smp 2 (qemu oracle)" "qemu-system-riscv64 not installed"
  fi
  # (Under host load this once hung 1 run in 2-3: OpenSBI's `csrs mip, SSIP` for an IPI
  # latched the PLIC's line into mip.SEIP, an endless interrupt storm on CPU 0; uart_plic.c
  # checks 14-16 test the rule.  Fixed, it passed 10 of 10 with busy loops beside it.)
  # both ways of running harts: taking turns on one host thread, and one host thread each
  for accel in single multi; do
    session "linux/-smp 2 (--engine=jit, thread=$accel)" 300 "$RVDBT" system --engine=jit -smp 2 -accel tcg,thread=$accel "${LINUX_ARGS[@]}"
    # (the interpreter: 16-20 s here since its block loop; it was gated as slow before)
    session "linux/-smp 2 (--engine=interp, thread=$accel)" 900 "$RVDBT" system --engine=interp -smp 2 -accel tcg,thread=$accel "${LINUX_ARGS[@]}"
  done
  unset STEPS STEPS_WHAT
  # The check engine compares every block of the boot (~1.9 billion instructions) translated
  # vs interpreted: about 2.5 minutes here, so only on request.
  if [ "${RVDBT_SLOW_TESTS:-0}" = 1 ]; then
    session "linux/rvdbt --engine=check" 1500 "$RVDBT" system --engine=check "${LINUX_ARGS[@]}"
  else
    skip "linux/rvdbt --engine=check" "takes minutes: run with RVDBT_SLOW_TESTS=1"
  fi
fi
