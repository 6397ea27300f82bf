#!/usr/bin/env python3
# testsuite/system/debian-session.py — log in to the Debian image's serial
# console like a user, run commands, power off (for the 87-debian tests and
# make bench-linux).
#
# Usage: debian-session.py [--steps FILE] [--password PW] [--login-only] TIMEOUT COMMAND...
#        (COMMAND is rvdbt or qemu with its options; FILE: one step a line,
#        the command, a tab, a text its answer must contain that the command
#        line itself does not contain)
#
# Waits for the getty's "login:" prompt, types root and the password, sets a
# recognisable prompt, then types each step and waits for its text and the
# next prompt; finally `poweroff` and waits for the emulator to exit.
# Prints "boot: N.N s" (to the login prompt), one line per step
# ("ok <step>" / "FAIL <step>: <what was seen>"), "total: N.N s"; exits 0 if
# every step passed and the emulator exited with status 0.  --login-only
# stops at the login prompt (kills the emulator): the boot benchmark.
import os
import sys
from serial_console import SerialConsole, read_steps

PROMPT = "root-ok# "  # PS1='\u-ok# ': the typed line does not contain it


def main():
    args = sys.argv[1:]
    steps, password, login_only = [], "rvdbt", False
    while args and args[0].startswith("--"):
        if args[0] == "--steps":
            steps, args = read_steps(args[1]), args[2:]
        elif args[0] == "--password":
            password, args = args[1], args[2:]
        elif args[0] == "--login-only":
            login_only, args = True, args[1:]
        else:
            sys.exit("debian-session.py: unknown option " + args[0])
    console = SerialConsole(args[1:], float(args[0]), os.environ.get("DEBIAN_SESSION_LOG"))
    ok = console.wait_for("login: ")
    if not ok:
        print("FAIL boot: no login prompt; last output %s" % console.tail(400))
    else:
        console.print_boot()
        if login_only:
            console.kill()
            return 0
        console.send("root")
        if console.wait_for("Password: "):
            console.send(password)
        if console.wait_for("# "):
            console.send("PS1='\\u-ok# '")
        ok = console.wait_for(PROMPT)
        print("ok login as root" if ok else "FAIL login: %s" % console.tail())
    ok = ok and console.run_steps(steps, PROMPT)
    return 0 if console.power_off(ok, "poweroff") else 1


sys.exit(main())
