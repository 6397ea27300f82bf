#!/usr/bin/env python3
"""testsuite/docs/check_syscall_names.py — rvdbt's table of riscv64 system-call names
(frontends/linux/syscall_names.c) against the kernel headers of Debian's riscv64 cross
toolchain (asm-generic/unistd.h, which riscv64 uses): every number the header defines
must have the header's name (fstatat's 64-bit spelling is newfstatat, as strace writes
it).  Prints what differs; exit status 1 if anything does.

Usage: check_syscall_names.py SYSCALL_NAMES_C UNISTD_H
"""
import re
import sys

ours = {}
for m in re.finditer(r'\[(\d+)\] = "([a-z0-9_]+)"', open(sys.argv[1]).read()):
    ours[int(m.group(1))] = m.group(2)
theirs = {}
for m in re.finditer(r"^#define __NR(?:3264)?_([a-z0-9_]+) (\d+)\s*$", open(sys.argv[2]).read(), re.M):
    theirs[int(m.group(2))] = m.group(1)
spelling = {"fstatat": "newfstatat"}  # the header's 64-bit name, as strace and rvdbt print it
# not calls: the arch-specific base, the count; 403-423 are the 32-bit architectures'
# time64 calls (under __BITS_PER_LONG == 32 in the header), not riscv64's
theirs = {nr: name for nr, name in theirs.items()
          if name not in ("syscalls", "arch_specific_syscall") and not 403 <= nr <= 423}
bad = []
for nr, name in sorted(theirs.items()):
    want = spelling.get(name, name)
    if ours.get(nr) != want:
        bad.append("%d: header %s, rvdbt %s" % (nr, want, ours.get(nr)))
for line in bad:
    print(line)
print("%d numbers in the header, %d names in rvdbt's table, %d differ" % (len(theirs), len(ours), len(bad)))
sys.exit(1 if bad else 0)
