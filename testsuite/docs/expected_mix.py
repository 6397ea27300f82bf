#!/usr/bin/env python3
"""testsuite/docs/expected_mix.py — the instruction mix testsuite/demo/insn_mix.S must show,
worked out from objdump, not from rvdbt (the oracle of --stats-chart's test, 60-explain.sh).

Each instruction is counted by objdump -M no-aliases (the names rvdbt's table uses),
times how often its stretch of the program runs: the code from _start to `loop` and
from `end` once, `loop`..`odd` and `join`..`end` once per iteration (N), `odd`..`join`
on the odd iterations (N/2, N even).  Prints "MNEMONIC COUNT" lines, most first (ties
by name), the order the chart's data file (insn-mix.dat) must have.

Usage: expected_mix.py ELF N
"""
import collections
import re
import subprocess
import sys

elf, n = sys.argv[1], int(sys.argv[2])
syms = {}
for line in subprocess.run(["riscv64-linux-gnu-nm", elf], capture_output=True, text=True, check=True).stdout.split("\n"):
    f = line.split()
    if len(f) == 3:
        syms[f[2]] = int(f[0], 16)
runs = [(syms["_start"], 1), (syms["loop"], n), (syms["odd"], n // 2), (syms["join"], n), (syms["end"], 1)]
dump = subprocess.run(["riscv64-linux-gnu-objdump", "-d", "-M", "no-aliases", elf], capture_output=True, text=True,
                      check=True).stdout
mix = collections.Counter()
for line in dump.split("\n"):
    m = re.match(r"^\s*([0-9a-f]+):\s+[0-9a-f]+\s+(\S+)", line)
    if not m:
        continue
    addr = int(m.group(1), 16)
    times = [t for start, t in runs if addr >= start]
    if times:
        mix[m.group(2)] += times[-1]
for name, count in sorted(mix.items(), key=lambda kv: (-kv[1], kv[0])):
    print(name, count)
