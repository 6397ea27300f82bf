#!/usr/bin/env bash
# testsuite/bench/linux-boot.sh — boot Debian's riscv64 kernel (OpenSBI + busybox
# initramfs, from testsuite/fetch-linux.sh) to the /init marker and on to
# power-off, under rvdbt's translator, rvdbt's interpreter and
# qemu-system-riscv64 -M virt -smp 1, with the same files, in one run, and
# print the times and the ratios to QEMU; then the translator and QEMU with
# -smp 2 (each ratio is to QEMU with the same -smp).  The console is driven by
# testsuite/system/linux-session.py (the same commands as the 85-linux test).
# Then the Debian image of testsuite/fetch-debian-rootfs.sh booted with
# systemd to the login prompt on ttyS0 (testsuite/system/debian-session.py
# --login-only), rvdbt vs QEMU with the same options, -smp 1 and -smp 2
# (DEBIAN_SMP2=0: -smp 1 only).  rvdbt's -smp 2 rows run its harts in parallel
# (the default -accel tcg,thread=multi); the -single rows with thread=single.
#
# Usage: linux-boot.sh RVDBT [RUNS]   (`make bench-linux`)
set -u
RVDBT=$1
RUNS=${2:-1}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
L=$TOP/build/linux
"$TOP/testsuite/fetch-linux.sh" "$L" || { echo "bench-linux: no kernel (fetch-linux.sh failed)"; exit 1; }
ARGS=(-m 512M -bios "$L/fw_dynamic.bin" -kernel "$L/Image" -initrd "$L/initramfs.cpio.gz" -append console=ttyS0)

measure() { # NAME COMMAND... ; prints "NAME boot total"
  local name=$1; shift
  local o; o=$(python3 "$TOP/testsuite/system/linux-session.py" 1200 "$@" 2>&1)
  local boot total
  boot=$(printf '%s\n' "$o" | sed -n 's/^boot: \(.*\) s$/\1/p')
  total=$(printf '%s\n' "$o" | sed -n 's/^total: \(.*\) s$/\1/p')
  if printf '%s\n' "$o" | grep -q '^FAIL'; then echo "$name FAILED: $(printf '%s' "$o" | grep -m1 FAIL)" >&2; fi
  echo "$name ${boot:-nan} ${total:-nan}"
}

results=()
for run in $(seq "$RUNS"); do
  results+=("$(measure qemu qemu-system-riscv64 -M virt -smp 1 -nographic "${ARGS[@]}")")
  results+=("$(measure rvdbt-jit "$RVDBT" system --engine=jit "${ARGS[@]}")")
  results+=("$(measure rvdbt-interp "$RVDBT" system --engine=interp "${ARGS[@]}")")
  results+=("$(measure qemu-smp2 qemu-system-riscv64 -M virt -smp 2 -nographic "${ARGS[@]}")")
  results+=("$(measure rvdbt-jit-smp2 "$RVDBT" system --engine=jit -smp 2 "${ARGS[@]}")")
  results+=("$(measure rvdbt-smp2-single "$RVDBT" system --engine=jit -smp 2 -accel tcg,thread=single "${ARGS[@]}")")
done
printf '%s\n' "${results[@]}" | awk -v runs="$RUNS" '
  { boot[$1] += $2; total[$1] += $3 }
  END {
    printf "Linux 6.12 boot (OpenSBI -> kernel -> /init marker; then 4 commands and poweroff -f), mean of %d run(s)\n", runs
    printf "%-15s %12s %12s %14s\n", "engine", "to /init (s)", "total (s)", "vs qemu (total)"
    n = split("qemu rvdbt-jit rvdbt-interp qemu-smp2 rvdbt-jit-smp2 rvdbt-smp2-single", order, " ")
    for (i = 1; i <= n; i++) { e = order[i]; base = e ~ /-smp2/ ? "qemu-smp2" : "qemu"
      printf "%-15s %12.1f %12.1f %13.2fx\n", e, boot[e] / runs, total[e] / runs, total[e] / total[base] }
  }'

# ---- Debian with systemd: boot to the login prompt ----------------------------
D=$TOP/build/debian
if ! "$TOP/testsuite/fetch-debian-rootfs.sh" "$D"; then
  echo "bench-linux: no Debian image (fetch-debian-rootfs.sh failed): the systemd rows are left out"
  exit 0
fi
DARGS=(-m 512M -bios "$L/fw_dynamic.bin" -kernel "$L/Image" -initrd "$D/initrd.cpio.gz"
       -append "root=/dev/vda rw console=ttyS0" -snapshot -netdev user,id=n0 -device virtio-net-device,netdev=n0)
measure_login() { # NAME COMMAND... ; prints "NAME seconds-to-the-login-prompt"
  local name=$1; shift
  local o; o=$(python3 "$TOP/testsuite/system/debian-session.py" --login-only 1200 "$@" 2>&1)
  local boot; boot=$(printf '%s\n' "$o" | sed -n 's/^boot: \(.*\) s$/\1/p')
  [ -n "$boot" ] || echo "$name FAILED: $(printf '%s' "$o" | grep -m1 FAIL | cut -c1-200)" >&2
  echo "$name ${boot:-nan}"
}
smps="1 2"
[ "${DEBIAN_SMP2:-1}" = 0 ] && smps="1"
dres=()
for _ in $(seq "$RUNS"); do
  for n in $smps; do
    # (QEMU's virtio-mmio is legacy by default; rvdbt's is modern: the same driver either way)
    dres+=("$(measure_login "qemu-smp$n" qemu-system-riscv64 -M virt -smp "$n" -nographic "${DARGS[@]}" \
              -global virtio-mmio.force-legacy=false -drive file="$D/debian.img",format=raw,if=none,id=d0 -device virtio-blk-device,drive=d0)")
    dres+=("$(measure_login "rvdbt-jit-smp$n" "$RVDBT" system --engine=jit -smp "$n" "${DARGS[@]}" \
              -drive file="$D/debian.img",format=raw,if=virtio)")
    [ "$n" = 1 ] || dres+=("$(measure_login "rvdbt-smp$n-single" "$RVDBT" system --engine=jit -smp "$n" -accel tcg,thread=single \
              "${DARGS[@]}" -drive file="$D/debian.img",format=raw,if=virtio)")
  done
done
printf '%s\n' "${dres[@]}" | awk -v runs="$RUNS" -v smps="$smps" '
  { t[$1] += $2 }
  END {
    printf "\nDebian trixie, systemd (OpenSBI -> kernel -> initramfs -> systemd -> login prompt on ttyS0), mean of %d run(s)\n", runs
    printf "%-15s %16s %10s\n", "engine", "to login (s)", "vs qemu"
    n = split(smps, s, " ")
    for (i = 1; i <= n; i++) {
      q = "qemu-smp" s[i]; r = "rvdbt-jit-smp" s[i]
      printf "%-15s %16.1f %9.2fx\n", q, t[q] / runs, 1
      printf "%-15s %16.1f %9.2fx\n", r, t[r] / runs, t[r] / t[q]
      r = "rvdbt-smp" s[i] "-single"
      if (r in t) printf "%-15s %16.1f %9.2fx\n", r, t[r] / runs, t[r] / t[q]
    }
  }'
