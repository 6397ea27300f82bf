# testsuite/tests/86-virtio.sh — the virtio-mmio devices of `rvdbt system`.
#  1. Bare metal (testsuite/system/virtio_blk.c) drives a virtio-blk disk:
#     rvdbt must print what qemu-system-riscv64 -M virt prints with the same
#     image (QEMU's virtio-mmio made modern with force-legacy=false), under
#     every engine, and leave the same bytes in the image file as QEMU left
#     in its copy; with -snapshot the file is unchanged; readonly=on refuses
#     the write.
#  2. A hostile driver (testsuite/system/virtio_bad.c): malformed queues
#     and chains end in DEVICE_NEEDS_RESET seen by the guest, one line on
#     stderr, the image untouched, never a crash (also under SANITIZE=1).
#  3. Bad command lines: one clear line each.
#  4. Debian's Linux with the virtio modules (they are modules in Debian's
#     config: testsuite/system/virtio-initramfs.sh adds them to the
#     initramfs): reads and writes /dev/vda, virtio-rng is the hwrng, and
#     eth0 gets 10.0.2.15 from slirp's DHCP and reaches a TCP port this
#     script opens on the host's 127.0.0.1 through the gateway 10.0.2.2 —
#     under QEMU (the oracle for the script) and rvdbt's translator.
SYS=$GUEST/system
VIRTIO_ENGINES=("--engine=interp" "--engine=jit" "--engine=check" "--engine=jit --no-chain"
  "--engine=jit --no-inline-tlb" "--engine=jit --no-regcache")
QEMU_MODERN=(-global virtio-mmio.force-legacy=false) # QEMU's virtio-mmio is legacy (version 1) by default
have_qemu_system=1
command -v qemu-system-riscv64 >/dev/null || have_qemu_system=0
GUEST_MSG="sector 1 written by the guest through virtio-blk"

# An 8-sector image: text in sector 0, 0xaa in sector 1 (which the guest overwrites).
python3 - "$TMP/vblk.img" <<'PY'
import sys
d = bytearray(4096)
m = b"rvdbt virtio-blk test image, sector 0"
d[:len(m)] = m
d[512:1024] = b"\xaa" * 512
open(sys.argv[1], "wb").write(d)
PY
sector1() { dd if="$1" bs=512 skip=1 count=1 2>/dev/null | head -c ${#GUEST_MSG}; }

if [ ! -e "$SYS/virtio_blk.elf" ]; then
  skip "virtio/bare-metal" "bare-metal programs not built (riscv64-unknown-elf-gcc missing?)"
else
  want_out="" qemu_img=""
  if [ "$have_qemu_system" = 1 ]; then
    cp "$TMP/vblk.img" "$TMP/vblk-qemu.img"
    run_limited 60 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$SYS/virtio_blk.elf" "${QEMU_MODERN[@]}" \
      -drive file="$TMP/vblk-qemu.img",format=raw,if=none,id=d0 -device virtio-blk-device,drive=d0
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS virtio_blk" ]] && [ "$(sector1 "$TMP/vblk-qemu.img")" = "$GUEST_MSG" ]; then
      pass "virtio/blk bare metal (qemu oracle)"; want_out=$out; qemu_img=$TMP/vblk-qemu.img
    else fail "virtio/blk bare metal (qemu oracle)" "exit $rc, stdout: ${out:0:300}"; fi
  else
    skip "virtio/blk bare metal (qemu oracle)" "qemu-system-riscv64 not installed: checking PASS lines and the image only"
  fi
  for cfg in "${VIRTIO_ENGINES[@]}"; do
    cp "$TMP/vblk.img" "$TMP/vblk-rvdbt.img"
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/virtio_blk.elf" -drive file="$TMP/vblk-rvdbt.img",format=raw,if=virtio $cfg
    ok=0
    if [ -n "$want_out" ]; then [ "$rc" = 0 ] && [ "$out" = "$want_out" ] && cmp -s "$TMP/vblk-rvdbt.img" "$qemu_img" && ok=1
    else [ "$rc" = 0 ] && [[ "$out" == *"PASS virtio_blk" ]] && [ "$(sector1 "$TMP/vblk-rvdbt.img")" = "$GUEST_MSG" ] && ok=1; fi
    if [ "$ok" = 1 ]; then pass "virtio/blk bare metal: same output and image bytes as QEMU ($cfg)"
    else fail "virtio/blk bare metal ($cfg)" "exit $rc, sector 1 '$(sector1 "$TMP/vblk-rvdbt.img")', stdout: ${out:0:300} stderr: ${err:0:300}"; fi
  done
  # QEMU's other spelling: a drive with if=none and its -device
  cp "$TMP/vblk.img" "$TMP/vblk-rvdbt.img"
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/virtio_blk.elf" \
    -drive file="$TMP/vblk-rvdbt.img",if=none,id=d0 -device virtio-blk-device,drive=d0
  if [ "$rc" = 0 ] && [[ "$out" == *"PASS virtio_blk" ]] && [ "$(sector1 "$TMP/vblk-rvdbt.img")" = "$GUEST_MSG" ]; then
    pass "virtio/blk: -drive if=none,id=d0 -device virtio-blk-device,drive=d0"
  else fail "virtio/blk: -drive if=none -device virtio-blk-device" "exit $rc: ${out: -200} ${err:0:200}"; fi
  # -snapshot: the guest reads back what it wrote, the file keeps its bytes
  cp "$TMP/vblk.img" "$TMP/vblk-snap.img"
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/virtio_blk.elf" -drive file="$TMP/vblk-snap.img",format=raw -snapshot
  if [ "$rc" = 0 ] && [[ "$out" == *"ok 12 sector 1 holds what was written"*"PASS virtio_blk" ]] && cmp -s "$TMP/vblk-snap.img" "$TMP/vblk.img"; then
    pass "virtio/blk: -snapshot keeps the writes in memory (guest reads them back, the file is unchanged)"
  else fail "virtio/blk: -snapshot" "exit $rc, sector 1 now '$(sector1 "$TMP/vblk-snap.img")': ${out: -200}"; fi
  # readonly=on: the write fails with VIRTIO_BLK_S_IOERR (the guest's test 10), the file is unchanged
  cp "$TMP/vblk.img" "$TMP/vblk-ro.img"
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/virtio_blk.elf" -drive file="$TMP/vblk-ro.img",format=raw,readonly=on
  if [[ "$out" == *"ok 9 "*"FAIL virtio_blk test 10"* ]] && cmp -s "$TMP/vblk-ro.img" "$TMP/vblk.img"; then
    pass "virtio/blk: readonly=on refuses the guest's write"
  else fail "virtio/blk: readonly=on" "exit $rc: ${out: -200}"; fi

  # A hostile driver: every malformed queue is a device error, never a crash, the image untouched.
  for cfg in "--engine=interp" "--engine=jit" "--engine=check"; do
    cp "$TMP/vblk.img" "$TMP/vblk-bad.img"
    # shellcheck disable=SC2086
    run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/virtio_bad.elf" -drive file="$TMP/vblk-bad.img",format=raw $cfg
    lines=$(printf '%s\n' "$err" | grep -c .)
    if [ "$rc" = 0 ] && [[ "$out" == *"ok 25 a good request works after the reset"*"PASS virtio_bad" ]] &&
       [ "$lines" = 1 ] && [[ "$err" == "rvdbt: virtio-blk at 0x10008000: "*"; device needs reset" ]] &&
       cmp -s "$TMP/vblk-bad.img" "$TMP/vblk.img"; then
      pass "virtio/malformed queues and chains: DEVICE_NEEDS_RESET each time, image untouched ($cfg)"
    else fail "virtio/malformed queues ($cfg)" "exit $rc, stderr ($lines lines): ${err:0:300} stdout: ${out: -400}"; fi
  done
fi

# Bad command lines: one line, status 2 (usage) or 1 (cannot start).
K=(-bios none -kernel "$SYS/virtio_blk.elf")
expect_error "virtio/bad-input/drive-without-file" 2 "file=IMAGE is missing" "$RVDBT" system "${K[@]}" -drive format=raw
expect_error "virtio/bad-input/missing-image" 1 "cannot open disk image" "$RVDBT" system "${K[@]}" -drive file="$TMP/nope.img"
expect_error "virtio/bad-input/image-is-a-directory" 1 "disk image '$TMP'" "$RVDBT" system "${K[@]}" -drive file="$TMP",readonly=on
expect_error "virtio/bad-input/qcow2" 2 "only raw" "$RVDBT" system "${K[@]}" -drive file="$TMP/vblk.img",format=qcow2
expect_error "virtio/bad-input/if=ide" 2 "if=ide is not supported" "$RVDBT" system "${K[@]}" -drive file="$TMP/vblk.img",if=ide
expect_error "virtio/bad-input/drive-unknown-key" 2 "unknown parameter 'bogus'" "$RVDBT" system "${K[@]}" -drive file="$TMP/vblk.img",bogus=1
expect_error "virtio/bad-input/unknown-device" 2 "unknown device 'virtio-gpu-device'" "$RVDBT" system "${K[@]}" -device virtio-gpu-device
expect_error "virtio/bad-input/blk-without-drive" 2 "drive=ID is missing" "$RVDBT" system "${K[@]}" -device virtio-blk-device
expect_error "virtio/bad-input/blk-unknown-drive" 2 "no -drive with id=d9" "$RVDBT" system "${K[@]}" -device virtio-blk-device,drive=d9
expect_error "virtio/bad-input/netdev-not-user" 2 "only user" "$RVDBT" system "${K[@]}" -netdev socket,id=n0
expect_error "virtio/bad-input/netdev-without-id" 2 "id=NAME is missing" "$RVDBT" system "${K[@]}" -netdev user
expect_error "virtio/bad-input/bad-hostfwd" 2 "bad hostfwd 'tcp:2222:22'" "$RVDBT" system "${K[@]}" -netdev user,id=n0,hostfwd=tcp:2222:22
expect_error "virtio/bad-input/net-unknown-netdev" 2 "no -netdev with id=n9" "$RVDBT" system "${K[@]}" -device virtio-net-device,netdev=n9
expect_error "virtio/bad-input/bad-mac" 2 "bad mac" "$RVDBT" system "${K[@]}" -nic user,mac=01:02:03
expect_error "virtio/bad-input/nine-devices" 2 "too many virtio devices" "$RVDBT" system "${K[@]}" \
  -device virtio-rng-device -device virtio-rng-device -device virtio-rng-device -device virtio-rng-device -device virtio-rng-device \
  -device virtio-rng-device -device virtio-rng-device -device virtio-rng-device -device virtio-rng-device
expect_error "virtio/bad-input/drive-needs-value" 2 "-drive needs a value" "$RVDBT" system "${K[@]}" -drive
# a hostfwd port that is already taken
python3 -c 'import socket,sys,time; s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(1); print(s.getsockname()[1], flush=True); time.sleep(30)' >"$TMP/busy-port" &
busy_pid=$!
for _ in $(seq 100); do [ -s "$TMP/busy-port" ] && break; sleep 0.1; done
expect_error "virtio/bad-input/hostfwd-port-in-use" 1 "hostfwd: cannot listen on tcp 127.0.0.1:$(cat "$TMP/busy-port")" \
  "$RVDBT" system "${K[@]}" -netdev user,id=n0,hostfwd=tcp:127.0.0.1:"$(cat "$TMP/busy-port")"-:22 -device virtio-net-device,netdev=n0
kill "$busy_pid" 2>/dev/null; wait "$busy_pid" 2>/dev/null

# Linux: the virtio drivers of Debian's kernel against rvdbt's devices (and QEMU's).
LINUX=build/linux
VIRTIO_LINUX_TESTS=("virtio/linux (qemu oracle)" "virtio/linux rvdbt --engine=jit"
  "virtio/linux rvdbt: the guest's dd reached the image file" "virtio/linux rvdbt -snapshot"
  "virtio/linux rvdbt -snapshot: the image file is unchanged")
if ! testsuite/fetch-linux.sh "$TOP/$LINUX" 2>"$TMP/fetch-linux.err"; then
  for t in "${VIRTIO_LINUX_TESTS[@]}"; do skip "$t" "cannot fetch Debian's kernel: $(tail -1 "$TMP/fetch-linux.err")"; done
elif ! testsuite/system/virtio-initramfs.sh "$LINUX" "$TMP/virtio-initramfs.cpio.gz" 2>"$TMP/vinit.err"; then
  for t in "${VIRTIO_LINUX_TESTS[@]}"; do skip "$t" "$(tail -1 "$TMP/vinit.err")"; done
else
  python3 - "$TMP/vlinux.img" <<'PY'
import sys
d = bytearray(1 << 20)
m = b"rvdbt-disk-marker-0123456789"
d[:len(m)] = m
open(sys.argv[1], "wb").write(d)
PY
  # a host listener answers one connection and records what the guest sent
  virtio_session() { # NAME IMAGE EMULATOR-AND-OPTIONS...
    local name=$1 img=$2; shift 2
    rm -f "$TMP/net-port" "$TMP/net-got" # (before the listener starts: it writes its port there)
    python3 testsuite/system/host-listener.py 120 "$TMP/net-got" >"$TMP/net-port" 2>/dev/null &
    local lpid=$! i
    for i in $(seq 100); do [ -s "$TMP/net-port" ] && break; sleep 0.1; done
    printf '%s\t%s\n' 'sh /etc/load-virtio.sh; echo mods-$((40+2))' 'mods-42' \
      'head -c 28 /dev/vda; echo' 'rvdbt-disk-marker-0123456789' \
      'echo guest-wrote-this | dd of=/dev/vda seek=2; sync' 'records out' \
      'cat /sys/devices/virtual/misc/hw_random/rng_current' 'virtio_rng.0' \
      'head -c 1000 /dev/hwrng | wc -c' '1000' \
      'ifconfig eth0 up; udhcpc -i eth0 -n -q -s /etc/udhcpc.sh' 'eth0 is 10.0.2.15' \
      "echo guest-says-hi | nc 10.0.2.2 $(cat "$TMP/net-port")" 'hello-from-the-host' >"$TMP/virtio-steps"
    local o; o=$(timeout -k 5 130 python3 testsuite/system/linux-session.py --steps "$TMP/virtio-steps" 120 "$@" \
      -m 512M -bios "$LINUX/fw_dynamic.bin" -kernel "$LINUX/Image" -initrd "$TMP/virtio-initramfs.cpio.gz" -append console=ttyS0 \
      -device virtio-rng-device -netdev user,id=n0 -device virtio-net-device,netdev=n0 2>&1); local s=$?
    kill "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null
    local got; got=$(cat "$TMP/net-got" 2>/dev/null)
    session_ok=0
    if [ "$s" = 0 ] && [ "$got" = "guest-says-hi" ]; then
      session_ok=1
      pass "$name: /dev/vda read+write, hwrng, DHCP, TCP to the host ($(printf '%s' "$o" | grep -E '^(boot|total):' | tr '\n' ' '))"
    else fail "$name" "host got '$got'; $(printf '%s' "$o" | grep -v '^ok' | tail -4 | tr '\n' ' ')"; fi
  }
  wrote() { [ "$(dd if="$1" bs=512 skip=2 count=1 2>/dev/null | head -c 16)" = "guest-wrote-this" ]; }
  if [ "$have_qemu_system" = 1 ]; then
    cp "$TMP/vlinux.img" "$TMP/vlinux-qemu.img"
    virtio_session "virtio/linux (qemu oracle)" "$TMP/vlinux-qemu.img" qemu-system-riscv64 -M virt -smp 1 -nographic "${QEMU_MODERN[@]}" \
      -drive file="$TMP/vlinux-qemu.img",format=raw,if=none,id=d0 -device virtio-blk-device,drive=d0
    wrote "$TMP/vlinux-qemu.img" || fail "virtio/linux (qemu oracle): the write reached the image" "sector 2 does not hold it"
  else
    skip "virtio/linux (qemu oracle)" "qemu-system-riscv64 not installed"
  fi
  cp "$TMP/vlinux.img" "$TMP/vlinux-rvdbt.img"
  virtio_session "virtio/linux rvdbt --engine=jit" "$TMP/vlinux-rvdbt.img" "$RVDBT" system --engine=jit \
    -drive file="$TMP/vlinux-rvdbt.img",format=raw,if=virtio
  if wrote "$TMP/vlinux-rvdbt.img"; then pass "virtio/linux rvdbt: the guest's dd reached the image file"
  else fail "virtio/linux rvdbt: the guest's dd reached the image file" "sector 2: $(dd if="$TMP/vlinux-rvdbt.img" bs=512 skip=2 count=1 2>/dev/null | head -c 16 | od -An -c | head -1)"; fi
  cp "$TMP/vlinux.img" "$TMP/vlinux-snap.img"
  virtio_session "virtio/linux rvdbt -snapshot" "$TMP/vlinux-snap.img" "$RVDBT" system --engine=jit -snapshot \
    -drive file="$TMP/vlinux-snap.img",format=raw,if=virtio
  if [ "$session_ok" = 1 ] && cmp -s "$TMP/vlinux-snap.img" "$TMP/vlinux.img"; then pass "virtio/linux rvdbt -snapshot: the image file is unchanged"
  else fail "virtio/linux rvdbt -snapshot: the image file is unchanged" "the session failed, or the file was written"; fi
fi
