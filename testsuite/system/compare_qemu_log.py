#!/usr/bin/env python3
"""testsuite/system/compare_qemu_log.py — rvdbt's system-mode logs against QEMU's.

  compare_qemu_log.py trace RVDBT_TRACE QEMU_LOG RVDBT_INT_LOG
      RVDBT_TRACE: `rvdbt system --trace-file` (Spike's commit log: one line per
      instruction that completed); QEMU_LOG: `qemu-system-riscv64 -M virt -singlestep
      -d in_asm,exec,nochain` (QEMU 7.2: -singlestep makes every translation block one
      instruction; `exec` logs each block as it starts, `in_asm` each translation, so
      the instruction word of an executed pc is that of its latest translation: code
      rewritten by the guest is translated again).  The two sequences of (pc, word)
      must be the same, except that QEMU also logs an instruction that trapped (it
      started, then raised the exception) and Spike's format does not (it did not
      complete): each instruction only QEMU logs must be at the pc of the next trap in
      RVDBT_INT_LOG (`-d int`), in order, and every trap must be accounted for so
      (except fetch faults, which neither logs: there was no instruction to start).
  compare_qemu_log.py int RVDBT_INT_LOG QEMU_INT_LOG
      Every trap and interrupt, in order: cause, interrupt or not, epc and tval, from
      `rvdbt -d int` and `qemu-system-riscv64 -d int`.  One difference is allowed: the
      tval of a breakpoint (ebreak) is 0 in QEMU 7.2 and the pc in rvdbt; the privileged
      spec lets an implementation write either.

Prints one line, "ok: ..." or "FAIL: ...", and exits 0 or 1.
"""
import re
import sys


def rvdbt_trace(path):
    out = []
    for line in open(path):
        m = re.match(r"core\s+\d+: \d (0x[0-9a-f]+) \((0x[0-9a-f]+)\)", line)
        if m:
            out.append((int(m.group(1), 16), int(m.group(2), 16)))
    return out


def qemu_trace(path):
    words, out = {}, []
    for line in open(path, errors="replace"):
        m = re.match(r"^0x([0-9a-f]+):\s+([0-9a-f]{4}|[0-9a-f]{8})\s", line)
        if m:  # an in_asm line: the translation's instruction
            words[int(m.group(1), 16)] = int(m.group(2), 16)
            continue
        m = re.match(r"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/", line)
        if m:
            pc = int(m.group(1), 16)
            out.append((pc, words.get(pc)))
    return out


def rvdbt_int(path):
    out = []
    for line in open(path):
        m = re.match(r"int: (exception|interrupt) (\d+) \([^)]*\) at pc (0x[0-9a-f]+) in \w, tval (0x[0-9a-f]+)", line)
        if m:
            out.append((m.group(1) == "interrupt", int(m.group(2)), int(m.group(3), 16), int(m.group(4), 16)))
    return out


def qemu_int(path):
    out = []
    for line in open(path):
        m = re.match(r"riscv_cpu_do_interrupt: hart:\d+, async:(\d), cause:([0-9a-f]+), epc:0x([0-9a-f]+), tval:0x([0-9a-f]+)", line)
        if m:
            out.append((m.group(1) == "1", int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)))
    return out


def compare_trace(ours, theirs, traps):
    # (a fetch fault — misaligned, access or page fault: causes 0, 1, 12 — happens before
    # QEMU has a block to run, so QEMU logs nothing for it either)
    trap_pcs = [epc for is_int, cause, epc, tval in traps if not is_int and cause not in (0, 1, 12)]
    i = j = t = 0
    while i < len(ours) or j < len(theirs):
        if i < len(ours) and j < len(theirs) and ours[i] == theirs[j]:
            i += 1
            j += 1
            continue
        # only QEMU logs it: must be the next trap's instruction
        if j < len(theirs) and t < len(trap_pcs) and theirs[j][0] == trap_pcs[t]:
            j += 1
            t += 1
            continue
        where = "rvdbt's instruction %d %s, QEMU's %d %s" % (
            i, "(%#x, %#x)" % ours[i] if i < len(ours) else "(end)",
            j, "(%#x, %s)" % (theirs[j][0], "%#x" % theirs[j][1] if theirs[j][1] is not None else "?")
            if j < len(theirs) else "(end)")
        return False, "the logs part at %s (traps matched so far: %d)" % (where, t)
    if t != len(trap_pcs):
        return False, "%d of rvdbt's %d traps were not seen in QEMU's log" % (len(trap_pcs) - t, len(trap_pcs))
    return True, "%d instructions the same in both (pc and word), plus %d that trapped (logged by QEMU only)" % (
        len(ours), t)


def compare_int(ours, theirs):
    if not ours:
        return False, "rvdbt logged no traps"
    for k, (a, b) in enumerate(zip(ours, theirs)):
        if a == b:
            continue
        if a[:3] == b[:3] and not a[0] and a[1] == 3 and b[3] == 0 and a[3] == a[2]:
            continue  # ebreak: tval = pc (rvdbt) or 0 (QEMU 7.2), both allowed
        return False, "trap %d differs: rvdbt (interrupt, cause, epc, tval) = %s, QEMU %s" % (
            k + 1, tuple(hex(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in a),
            tuple(hex(x) if isinstance(x, int) and not isinstance(x, bool) else x for x in b))
    if len(ours) != len(theirs):
        return False, "rvdbt logged %d traps, QEMU %d" % (len(ours), len(theirs))
    return True, "%d traps: the same cause, epc and tval in both" % len(ours)


def main():
    if sys.argv[1] == "trace":
        ok, why = compare_trace(rvdbt_trace(sys.argv[2]), qemu_trace(sys.argv[3]), rvdbt_int(sys.argv[4]))
    else:
        ok, why = compare_int(rvdbt_int(sys.argv[2]), qemu_int(sys.argv[3]))
    print(("ok: " if ok else "FAIL: ") + why)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
