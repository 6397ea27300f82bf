#!/usr/bin/env bash
# testsuite/bench/linux-boot.sh — boot Debian's riscv64 kernel (OpenSBI + busybox
# initramfs, from testsuite/fetch-linux.sh) to the /init marker and on to
# power-off, under rvdbt's translator, rvdbt's interpreter and
# qemu-system-riscv64 -M virt -smp 1, with the same files, in one run, and
# print the times and the ratios to QEMU; then the translator and QEMU with
# -smp 2 (each ratio is to QEMU with the same -smp).  The console is driven by
# testsuite/system/linux-session.py (the same commands as the 85-linux test).
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
done
printf '%s\n' "${results[@]}" | awk -v runs="$RUNS" '
  { boot[$1] += $2; total[$1] += $3 }
  END {
    printf "Linux 6.12 boot (OpenSBI -> kernel -> /init marker; then 4 commands and poweroff -f), mean of %d run(s)\n", runs
    printf "%-15s %12s %12s %14s\n", "engine", "to /init (s)", "total (s)", "vs qemu (total)"
    n = split("qemu rvdbt-jit rvdbt-interp qemu-smp2 rvdbt-jit-smp2", order, " ")
    for (i = 1; i <= n; i++) { e = order[i]; base = e ~ /-smp2$/ ? "qemu-smp2" : "qemu"
      printf "%-15s %12.1f %12.1f %13.2fx\n", e, boot[e] / runs, total[e] / runs, total[e] / total[base] }
  }'
