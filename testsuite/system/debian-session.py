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
import os, select, subprocess, sys, time

PROMPT = "root-ok# "  # PS1='\u-ok# ': the typed line does not contain it


def main():
    args = sys.argv[1:]
    steps, password, login_only = [], "rvdbt", False
    while args and args[0].startswith("--"):
        if args[0] == "--steps":
            with open(args[1]) as f:
                steps = [tuple(line.rstrip("\n").split("\t", 1)) for line in f if "\t" in line]
            args = args[2:]
        elif args[0] == "--password":
            password, args = args[1], args[2:]
        elif args[0] == "--login-only":
            login_only, args = True, args[1:]
        else:
            sys.exit("debian-session.py: unknown option " + args[0])
    start = time.time()
    deadline = start + float(args[0])
    p = subprocess.Popen(args[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seen = b""
    log = open(os.environ["DEBIAN_SESSION_LOG"], "wb") if os.environ.get("DEBIAN_SESSION_LOG") else None

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
                if log:
                    log.write(chunk)
                    log.flush()
        # keep only what follows the match, so the next wait needs new output
        seen = seen[seen.index(want) + len(want):]
        return True

    def send(line):
        p.stdin.write((line + "\n").encode())
        p.stdin.flush()

    ok = True
    if not wait_for("login: "):
        print("FAIL boot: no login prompt; last output %r" % seen[-400:])
        ok = False
    else:
        print("boot: %.1f s" % (time.time() - start))
        if login_only:
            p.kill()
            p.wait()
            return 0
        send("root")
        if wait_for("Password: "):
            send(password)
        if wait_for("# "):
            send("PS1='\\u-ok# '")
        if wait_for(PROMPT):
            print("ok login as root")
        else:
            print("FAIL login: %r" % seen[-300:])
            ok = False
    for cmd, want in steps if ok else []:
        seen = b""
        send(cmd)
        # the answer must come after the echoed command line
        if wait_for(cmd) and wait_for(want) and wait_for(PROMPT):
            print("ok " + cmd)
        else:
            print("FAIL %s: %r" % (cmd, seen[-300:]))
            ok = False
            break
    if ok:
        send("poweroff")
    try:
        rest, _ = p.communicate(timeout=max(1.0, deadline - time.time()) if ok else 1.0)
    except subprocess.TimeoutExpired:
        p.kill()
        rest, _ = p.communicate()
        print("FAIL poweroff: the emulator did not exit; last output %r" % rest[-300:])
        ok = False
    if log:
        log.write(rest)
    if ok and p.returncode != 0:
        print("FAIL poweroff: exit status %d: %r" % (p.returncode, rest[-300:]))
        ok = False
    if ok:
        print("ok poweroff (status 0)")
    print("total: %.1f s" % (time.time() - start))
    return 0 if ok else 1


sys.exit(main())
