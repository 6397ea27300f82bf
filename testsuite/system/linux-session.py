#!/usr/bin/env python3
# testsuite/system/linux-session.py — drive a Linux console through a pipe, like a user.
#
# Usage: linux-session.py [--steps FILE] TIMEOUT COMMAND...
#        (COMMAND is rvdbt or qemu with its options; FILE replaces the script
#        below: one step a line, the command, a tab, the text it must print —
#        a text that the command line itself does not contain)
#
# Starts COMMAND with its console on pipes, waits for the initramfs marker
# "rvdbt-init: up" and a shell prompt, then types each command of the script
# below and waits for its expected answer, and finally "poweroff -f".  Prints
# one line per step ("ok <step>" / "FAIL <step>: <what was seen>") and
# "boot: N.N s" (to the marker) and "total: N.N s"; exits 0 if every step
# passed and the emulator exited with status 0, 1 otherwise.
import os, select, subprocess, sys, time

STEPS = [
    # (command typed, text that must appear in the answer)
    ("uname -a", "riscv64 GNU/Linux"),
    ("grep -m1 isa /proc/cpuinfo", "rv64imafdc"),
    # the bit-manipulation extensions reach Linux through the device tree
    # (rvdbt: cpu/isa_ext.h; QEMU 7.2's virt CPU has them too)
    ("grep -m1 -c zba_zbb_zbc_zbs /proc/cpuinfo", "1\r\n"),
    ("echo $((6*7))", "42"),
    ("echo hello world | tr a-z A-Z | wc -c", "12"),
]

def main():
    global STEPS
    args = sys.argv[1:]
    if args[:1] == ["--steps"]:
        with open(args[1]) as f:
            STEPS = [tuple(line.rstrip("\n").split("\t", 1)) for line in f if "\t" in line]
        args = args[2:]
    deadline = time.time() + float(args[0])
    start = time.time()
    p = subprocess.Popen(args[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = b""

    def wait_for(text):
        nonlocal seen
        want = text.encode()
        while want not in seen:
            left = deadline - time.time()
            if left <= 0:
                return False
            r, _, _ = select.select([p.stdout], [], [], min(left, 1.0))
            if r:
                chunk = os.read(p.stdout.fileno(), 65536)
                if not chunk:
                    return False
                seen += chunk
        return True

    ok = True
    if wait_for("rvdbt-init: up") and wait_for("# "):
        print("boot: %.1f s" % (time.time() - start))
        for cmd, want in STEPS:
            seen = b""
            p.stdin.write((cmd + "\n").encode())
            p.stdin.flush()
            # the answer must come after the echoed command line
            if wait_for(cmd) and wait_for("\n") and wait_for(want) and wait_for("# "):
                print("ok " + cmd)
            else:
                print("FAIL %s: %r" % (cmd, seen[-300:]))
                ok = False
                break
    else:
        print("FAIL boot: no shell; last output %r" % seen[-400:])
        ok = False
    if ok:
        p.stdin.write(b"poweroff -f\n")
        p.stdin.flush()
    try:
        rest, _ = p.communicate(timeout=max(1.0, deadline - time.time()) if ok else 1.0)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, _ = p.communicate()
        print("FAIL poweroff: the emulator did not exit")
        ok = False
    if ok and p.returncode != 0:
        print("FAIL poweroff: exit status %d: %r" % (p.returncode, rest[-300:]))
        ok = False
    if ok:
        print("ok poweroff -f (status 0)")
    print("total: %.1f s" % (time.time() - start))
    return 0 if ok else 1

sys.exit(main())
