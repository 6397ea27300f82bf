#!/usr/bin/env python3
"""testsuite/gdb/compare_trace.py — checks an rvdbt --trace log against QEMU's.

Usage: compare_trace.py QEMU_CPU_LOG RVDBT_TRACE

QEMU_CPU_LOG comes from `qemu-riscv64 -singlestep -d nochain,cpu,fpu`: one
block per executed instruction, the pc and all integer and FP registers as
they are *before* that instruction.  So the registers QEMU shows before
instruction k+1 are the results of instruction k, and every "xN VALUE" or
"fN VALUE" that rvdbt logs for instruction k must equal QEMU's register
there.  The pc columns must be equal line for line.  Prints what differs,
then a summary; exit status 1 if anything differs.
"""
import re
import sys

qemu_log, trace = sys.argv[1], sys.argv[2]
states = []  # (pc, {"x5": value, "f10": value, ...})
for line in open(qemu_log):
    m = re.match(r"^ pc\s+([0-9a-f]+)", line)
    if m:
        states.append((int(m.group(1), 16), {}))
        continue
    for reg, val in re.findall(r"\b([xf]\d+)/\w+\s+([0-9a-f]{16})", line):
        if states:
            states[-1][1][reg] = int(val, 16)

ours = []
for line in open(trace):
    m = re.match(r"^core   0: \d 0x([0-9a-f]{16}) \(0x[0-9a-f]+\)(?: ([xf]\d+) +0x([0-9a-f]{16}))?", line)
    if not m:
        print("unparsed trace line: " + line.rstrip())
        sys.exit(1)
    ours.append((int(m.group(1), 16), m.group(2), m.group(3) and int(m.group(3), 16)))

problems = []
if [s[0] for s in states] != [o[0] for o in ours]:
    problems.append("pc sequences differ (qemu %d instructions, rvdbt %d)" % (len(states), len(ours)))
checked = 0
for k, (pc, reg, val) in enumerate(ours):
    if reg is None or k + 1 >= len(states):
        continue
    want = states[k + 1][1].get(reg)
    checked += 1
    if want != val:
        problems.append("pc %x: rvdbt wrote %s = %x, qemu has %s" % (pc, reg, val, want if want is None else "%x" % want))
for p in problems[:10]:
    print(p)
print("%d instructions, %d register writes checked, %d problems" % (len(ours), checked, len(problems)))
sys.exit(1 if problems or not checked else 0)
