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
# Usage: linux-boot.sh RVDBT [RUNS [LOGIN_RUNS]]   (`make bench-linux`)
# RUNS boots to /init per engine, LOGIN_RUNS (default RUNS) systemd boots; each
# row keeps the best (least) wall and the best CPU seconds of its runs, as
# bench-lib's `measure` does for the user-mode rows: on a shared machine the
# least is the run that was least disturbed.  (`make bench`: 3 and 1.)
set -u
RVDBT=$1
RUNS=${2:-1}
LOGIN_RUNS=${3:-$RUNS}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
L=$TOP/build/linux
"$TOP/testsuite/fetch-linux.sh" "$L" || { echo "bench-linux: no kernel (fetch-linux.sh failed)"; exit 1; }
ARGS=(-m 512M -bios "$L/fw_dynamic.bin" -kernel "$L/Image" -initrd "$L/initramfs.cpio.gz" -append console=ttyS0)

measure() { # NAME COMMAND... ; prints "NAME boot-wall boot-cpu total"
  local name=$1; shift
  local o; o=$(python3 "$TOP/testsuite/system/linux-session.py" 1200 "$@" 2>&1)
  local boot cpu total
  boot=$(printf '%s\n' "$o" | sed -n 's/^boot: \(.*\) s$/\1/p')
  cpu=$(printf '%s\n' "$o" | sed -n 's/^boot cpu: \(.*\) s$/\1/p')
  total=$(printf '%s\n' "$o" | sed -n 's/^total: \(.*\) s$/\1/p')
  if printf '%s\n' "$o" | grep -q '^FAIL'; then echo "$name FAILED: $(printf '%s' "$o" | grep -m1 FAIL)" >&2; fi
  echo "$name ${boot:-nan} ${cpu:-nan} ${total:-nan}"
}

# summary ROW RVDBT_WALL QEMU_WALL RVDBT_CPU QEMU_CPU: lines for make bench's
# last table (testsuite/bench/summary.sh), when BENCH_SUMMARY names its file.
summary() {
  [ -n "${BENCH_SUMMARY:-}" ] && printf '%s|jit|%s\n%s|qemu|%s\n%s|jit-cpu|%s\n%s|qemu-cpu|%s\n' \
    "$1" "$2" "$1" "$3" "$1" "$4" "$1" "$5" >>"$BENCH_SUMMARY"
  return 0
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
# The best of the runs: wall and CPU seconds to the /init marker, wall to the end.
table=$(printf '%s\n' "${results[@]}" | awk '
  function least(a, k, v) { if (v != "nan" && (!(k in a) || v + 0 < a[k])) a[k] = v + 0 }
  function val(a, k) { return k in a ? sprintf("%.2f", a[k]) : "nan" }
  function ratio(a, k, q) { return (k in a) && a[q] > 0 ? sprintf("%.2f", a[k] / a[q]) : "nan" }
  { least(boot, $1, $2); least(cpu, $1, $3); least(total, $1, $4) }
  END {
    n = split("qemu rvdbt-jit rvdbt-interp qemu-smp2 rvdbt-jit-smp2 rvdbt-smp2-single", order, " ")
    for (i = 1; i <= n; i++) { e = order[i]; base = e ~ /-smp2/ ? "qemu-smp2" : "qemu"
      print e, val(boot, e), val(cpu, e), val(total, e), ratio(boot, e, base), ratio(cpu, e, base) }
  }')
echo "Linux 6.12 boot (OpenSBI -> kernel -> /init marker; then 4 commands and poweroff -f), best of $RUNS run(s)"
printf '%-18s %12s %12s %10s %14s %14s\n' engine "to /init (s)" "cpu (s)" "total (s)" "vs qemu (wall)" "vs qemu (cpu)"
printf '%s\n' "$table" | awk '{ printf "%-18s %12.1f %12.2f %10.1f %13.2fx %13.2fx\n", $1, $2, $3, $4, $5, $6 }'
echo "to /init: wall seconds to the initramfs marker; cpu: the emulator's user + system seconds by then (all its threads); each ratio is to QEMU with the same -smp"
row() { printf '%s\n' "$table" | awk -v e="$1" -v f="$2" '$1 == e { print $f }'; }
summary linux-smp1 "$(row rvdbt-jit 2)" "$(row qemu 2)" "$(row rvdbt-jit 3)" "$(row qemu 3)"
summary linux-smp2 "$(row rvdbt-jit-smp2 2)" "$(row qemu-smp2 2)" "$(row rvdbt-jit-smp2 3)" "$(row qemu-smp2 3)"

# ---- Debian with systemd: boot to the login prompt ----------------------------
D=$TOP/build/debian
if ! "$TOP/testsuite/fetch-debian-rootfs.sh" "$D"; then
  echo "bench-linux: no Debian image (fetch-debian-rootfs.sh failed): the systemd rows are left out"
  exit 0
fi
DARGS=(-m 512M -bios "$L/fw_dynamic.bin" -kernel "$L/Image" -initrd "$D/initrd.cpio.gz"
       -append "root=/dev/vda rw console=ttyS0" -snapshot -netdev user,id=n0 -device virtio-net-device,netdev=n0)
measure_login() { # NAME COMMAND... ; prints "NAME wall-to-the-login-prompt cpu"
  local name=$1; shift
  local o; o=$(python3 "$TOP/testsuite/system/debian-session.py" --login-only 1200 "$@" 2>&1)
  local boot; boot=$(printf '%s\n' "$o" | sed -n 's/^boot: \(.*\) s$/\1/p')
  local cpu; cpu=$(printf '%s\n' "$o" | sed -n 's/^boot cpu: \(.*\) s$/\1/p')
  [ -n "$boot" ] || echo "$name FAILED: $(printf '%s' "$o" | grep -m1 FAIL | cut -c1-200)" >&2
  echo "$name ${boot:-nan} ${cpu:-nan}"
}
smps="1 2"
[ "${DEBIAN_SMP2:-1}" = 0 ] && smps="1"
dres=()
for _ in $(seq "$LOGIN_RUNS"); do
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
dtable=$(printf '%s\n' "${dres[@]}" | awk '
  function least(a, k, v) { if (v != "nan" && (!(k in a) || v + 0 < a[k])) a[k] = v + 0 }
  function val(a, k) { return k in a ? sprintf("%.2f", a[k]) : "nan" }
  function ratio(a, k, q) { return (k in a) && a[q] > 0 ? sprintf("%.2f", a[k] / a[q]) : "nan" }
  { least(t, $1, $2); least(c, $1, $3); if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
  END { for (i = 1; i <= n; i++) { e = order[i]; q = e; sub(/^rvdbt-(jit-)?/, "qemu-", q); sub(/-single$/, "", q)
          print e, val(t, e), val(c, e), ratio(t, e, q), ratio(c, e, q) } }')
echo
echo "Debian trixie, systemd (OpenSBI -> kernel -> initramfs -> systemd -> login prompt on ttyS0), best of $LOGIN_RUNS run(s)"
printf '%-18s %14s %10s %14s %14s\n' engine "to login (s)" "cpu (s)" "vs qemu (wall)" "vs qemu (cpu)"
printf '%s\n' "$dtable" | awk '{ printf "%-18s %14.1f %10.2f %13.2fx %13.2fx\n", $1, $2, $3, $4, $5 }'
drow() { printf '%s\n' "$dtable" | awk -v e="$1" -v f="$2" '$1 == e { print $f }'; }
for n in $smps; do
  summary "systemd-smp$n" "$(drow rvdbt-jit-smp$n 2)" "$(drow qemu-smp$n 2)" "$(drow rvdbt-jit-smp$n 3)" "$(drow qemu-smp$n 3)"
done
