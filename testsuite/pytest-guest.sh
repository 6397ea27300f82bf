#!/usr/bin/env bash
# testsuite/pytest-guest.sh — a peer's test suite: CPython's own regression
# tests (Debian trixie's riscv64 libpython3.13-testsuite) run by the riscv64
# python3.13 under rvdbt and under qemu-riscv64, module by module, with a
# table of the counts side by side.  `make pytest-guest` runs it; it is not
# part of `make test` (it takes an hour or more on two cores).
#
# Usage: pytest-guest.sh [MODULE...]      (default: the list below)
#   PYTEST_TIMEOUT=600   seconds per module and runner (then the run is killed
#                        and the counts are what its verbose log shows so far)
#   PYTEST_RUNNERS="rvdbt qemu"   which runners (rvdbt: `rvdbt run`, default engine)
#   PYTEST_PARALLEL=1    run rvdbt and qemu on a module at the same time
#   RVDBT=build/rvdbt    the rvdbt binary
#   PYTEST_OUT=build/pytest-guest   where the logs and the table go
# Output: build/pytest-guest/{rvdbt,qemu}/MODULE.{log,xml} and table.md.
# regrtest runs with -u network,subprocess (test_socketserver needs `network`:
# it only uses 127.0.0.1; there is no Internet here, so tests that would reach
# it skip alike under both runners).
#
# Making the comparison fair.  Both runners start the same guest program
# (SYSROOT/usr/bin/python3.13) with -L SYSROOT, in a fresh empty working and
# temporary directory each.  Many tests start sys.executable again (subprocess,
# multiprocessing, script_helper).  Under rvdbt, a guest execve of a riscv64
# ELF (or a #! script whose interpreter is one) re-executes rvdbt, so the child
# runs emulated too.  qemu-riscv64 without binfmt_misc hands execve to the
# host kernel, which cannot run a riscv64 ELF (ENOEXEC); so under qemu
# sys.executable is made a small host program (passed as argv[0] with -0) that
# runs qemu-riscv64 -L SYSROOT on the guest python again — what a binfmt_misc
# registration would do.  Other programs a test starts by absolute path
# (/bin/sh, /bin/bash, /bin/echo, tar...) come from the sysroot under rvdbt (dash,
# bash, coreutils, tar, zip, unzip are fetched for that: rvdbt runs only riscv64 programs,
# and a path missing from the sysroot is the host's x86-64 one, ENOEXEC) and
# from the host under qemu (qemu's execve does not look in -L); both run them.
set -uo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
RVDBT=${RVDBT:-$TOP/build/rvdbt}
GUESTS=$TOP/build/pyguest
SYSROOT=$GUESTS/sysroot
OUT=${PYTEST_OUT:-$TOP/build/pytest-guest}
TIMEOUT=${PYTEST_TIMEOUT:-600}
RUNNERS=${PYTEST_RUNNERS:-rvdbt qemu}
PARALLEL=${PYTEST_PARALLEL:-0}
MODULES=(test_os test_posix test_signal test_select test_selectors test_epoll test_socket
         test_socketserver test_asyncio test_subprocess test_mmap test_time test_fcntl test_pty
         test_tempfile test_shutil test_threading test_thread test_queue test_concurrent_futures)
[ $# -gt 0 ] && MODULES=("$@")
# Tests left out under both runners, each with the reason (regrtest --ignore):
# test_stress_modifying_handlers kills the guest python with SIGSEGV under
# rvdbt and under qemu-riscv64 alike (a signal raised in a loop by one thread
# while another swaps handlers), so nothing after it in test_signal ran.
# test_time's clock tests set the real-time clock (back an hour, then forward)
# when they can: qemu-riscv64 passes clock_settime to the host, and as root
# that moves the clock of the whole machine.  (rvdbt answers EPERM: they skip.)
declare -A IGNORE=([test_signal]=test_stress_modifying_handlers
                   [test_time]="test_clock_settime test_monotonic_settime")

say() { printf 'pytest-guest: %s\n' "$*" >&2; }

# The guest: python3.13 with its full standard library and test suite, and a
# shell, bash, coreutils, tar, zip and unzip for the tests that run them (/bin/sh,
# /bin/echo, shutil's archive tests).
"$TOP/testsuite/fetch-guests.sh" "$GUESTS" libc6 python3.13 libpython3.13-testsuite dash coreutils bash tar zip unzip || {
  say "cannot fetch the riscv64 python3.13 test suite"; exit 1; }
[ -x "$RVDBT" ] || { say "$RVDBT not built (make build/rvdbt)"; exit 1; }
if [[ " $RUNNERS " == *" qemu "* ]] && ! command -v qemu-riscv64 >/dev/null; then
  say "qemu-riscv64 not found: running rvdbt only"; RUNNERS=rvdbt
fi

mkdir -p "$OUT/qemu-bin"
# sys.executable under qemu (see above): a host program that runs the guest
# python under qemu with itself as argv[0].  A C program, not a shell script:
# a shell drops environment variables whose names are not shell names, and
# test_os passes one named by a UUID to its children.
QEMU=$(command -v qemu-riscv64 || echo /usr/bin/qemu-riscv64)
cat >"$OUT/qemu-bin/python3.13.c" <<WRAPPER
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char **argv)
{
    char **v = calloc((size_t)argc + 6, sizeof *v);
    int n = 0;
    if (!v) return 127;
    v[n++] = "qemu-riscv64", v[n++] = "-L", v[n++] = "$SYSROOT", v[n++] = "-0", v[n++] = argv[0];
    v[n++] = "$SYSROOT/usr/bin/python3.13";
    for (int i = 1; i < argc; i++) v[n++] = argv[i];
    execv("$QEMU", v);
    return 127;
}
WRAPPER
cc -O2 -o "$OUT/qemu-bin/python3.13" "$OUT/qemu-bin/python3.13.c" || { say "cannot build the qemu wrapper"; exit 1; }

run_one() { # RUNNER MODULE: one regrtest run, its log and JUnit XML in $OUT/RUNNER/
  local runner=$1 mod=$2 dir=$OUT/$1
  local work=$dir/work-$mod
  rm -rf "$work" "$dir/$mod.xml"
  mkdir -p "$work/tmp"
  local cmd
  case $runner in
    rvdbt) cmd=("$RVDBT" run -L "$SYSROOT" "$SYSROOT/usr/bin/python3.13") ;;
    qemu) cmd=("$OUT/qemu-bin/python3.13") ;;
  esac
  local t0=$SECONDS ign=()
  local pat
  for pat in ${IGNORE[$mod]:-}; do ign+=(--ignore "$pat"); done
  (cd "$work" && TMPDIR=$work/tmp timeout -k 10 "$TIMEOUT" "${cmd[@]}" -m test -v -u network,subprocess "${ign[@]}" \
      --junit-xml "$dir/$mod.xml" "$mod" >"$dir/$mod.log" 2>&1 </dev/null)
  local rc=$?
  echo "$rc $((SECONDS - t0))" >"$dir/$mod.status"
  rm -rf "$work"
  say "$runner $mod: status $rc after $((SECONDS - t0)) s"
}

for r in $RUNNERS; do mkdir -p "$OUT/$r"; done
for mod in "${MODULES[@]}"; do
  if [ "$PARALLEL" = 1 ]; then
    for r in $RUNNERS; do run_one "$r" "$mod" & done
    wait
  else
    for r in $RUNNERS; do run_one "$r" "$mod"; done
  fi
done

python3 "$TOP/testsuite/pytest-guest-table.py" "$OUT" $RUNNERS -- "${MODULES[@]}" | tee "$OUT/table.md"
