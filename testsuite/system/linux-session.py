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
import sys
from serial_console import SerialConsole, read_steps

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
    args, steps = sys.argv[1:], STEPS
    if args[:1] == ["--steps"]:
        steps, args = read_steps(args[1]), args[2:]
    console = SerialConsole(args[1:], float(args[0]))
    ok = console.wait_for("rvdbt-init: up") and console.wait_for("# ")
    if ok:
        console.print_boot()
        ok = console.run_steps(steps, "# ")
    else:
        print("FAIL boot: no shell; last output %s" % console.tail(400))
    return 0 if console.power_off(ok, "poweroff -f") else 1


sys.exit(main())
