#!/usr/bin/env bash
# testsuite/stress/run-stress-ng.sh — `make stress-guest`: Debian's riscv64 stress-ng
# (fetched by fetch-guests.sh into build/stress-ng) running system-call stressors under
# rvdbt, one stressor at a time, so a crash or hang of rvdbt is pinned to one stressor.
#
# Each stressor: one instance for STRESS_TIME seconds (default 1), under a 60 s limit.
# What counts against rvdbt: a run killed by the limit (a hang), death by a signal, or
# an "rvdbt:" line on stderr other than a refused system call; stress-ng's own
# pass/fail/skip verdicts are reported as they are (a stressor skips when a call it
# needs is refused, as under qemu-riscv64).
# The list leaves out what would reach the host as root (mount, swap, reboot, modules,
# sysfs/procfs writes, raw sockets, floods) and what needs lots of memory.
#
# Usage: run-stress-ng.sh RVDBT [STRESSOR...]
set -u
RVDBT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
TOP=$(cd "$(dirname "$0")/../.." && pwd)
S=$TOP/build/stress-ng/sysroot
T=${STRESS_TIME:-1}
LIST=(access alarm brk chdir chmod chown clock clone close dentry dir dup epoll eventfd
      exit-group fcntl fifo flock fork fstat futex get getdent getrandom inotify itimer kill
      link locka lockf lockofd madvise memfd mincore mknod mmap mprotect mremap msync munmap
      nanosleep nice null open personality pipe poll prctl pthread rename rlimit schedpolicy
      seal seek sendfile session set sigchld sigfd sigpending sigpipe sigq sigrt sigsegv
      sigsuspend sleep sockpair splice symlink tee timer timerfd touch umask unlink urandom
      utime vfork wait yield zero zombie enosys)
[ $# -gt 0 ] && LIST=("$@")
[ -x "$S/usr/bin/stress-ng" ] || { echo "stress-guest: no stress-ng in $S (fetch failed?)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/rvdbt-stress.XXXXXX")
trap 'rm -rf "$work"' EXIT
bad=0; declare -A verdict
for s in "${LIST[@]}"; do
  (cd "$work" && timeout -k 5 60 "$RVDBT" run -L "$S" "$S/usr/bin/stress-ng" --"$s" 1 -t "$T" \
     --temp-path "$work" >"$work/out" 2>&1)
  rc=$?
  v=$(grep -oE '(passed|failed|skipped): [1-9][0-9]*' "$work/out" | head -1 | cut -d: -f1)
  rv=$(grep '^rvdbt: ' "$work/out" | grep -v 'refused\|not supported\|ENOSYS' | head -1)
  if [ "$rc" -ge 124 ] || [ -n "$rv" ]; then
    echo "RVDBT-PROBLEM $s: status $rc ${rv:0:200}"; bad=$((bad + 1))
  else
    verdict[$s]=${v:-status-$rc}
  fi
done
for k in passed failed skipped; do
  printf '%s:' "$k"; for s in "${!verdict[@]}"; do [ "${verdict[$s]}" = "$k" ] && printf ' %s' "$s"; done; echo
done
other=$(for s in "${!verdict[@]}"; do case ${verdict[$s]} in passed|failed|skipped) ;; *) printf ' %s(%s)' "$s" "${verdict[$s]}";; esac; done)
[ -n "$other" ] && echo "other:$other"
echo "stress-guest: ${#LIST[@]} stressors, $bad with an rvdbt crash or hang"
[ "$bad" = 0 ]
