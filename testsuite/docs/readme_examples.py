#!/usr/bin/env python3
"""testsuite/docs/readme_examples.py — re-runs the README's examples and compares their output.

The README shows commands (`$ rvdbt ...`) in fenced blocks, each followed by the
output it printed.  This script runs every such command again (with BUILD first on
PATH, so `rvdbt` is the one just built) and compares what it prints with what the
README says, so that the README cannot drift away from the program.

What may differ: numbers (times, addresses, counts, pids: every number becomes
`#` on both sides before comparing) and the absolute path of the checkout.  A
line `...` in the README stands for any number of lines (an excerpt).
Commands that need a debugger, a network, a window, a background process or
minutes of time are not run; the script names each one it leaves out and why.

Usage: readme_examples.py README.md BUILD_DIR [TOP]
(TOP: the directory the commands run in, default the document's own: docs/tour.md's
commands run from the top of the tree.)
Prints one line per example: "PASS <command>", "FAIL <command>: <why>" or
"NOT RUN <command>: <why>" (not a test: the reason names where it is tested).
Exit status 1 if any failed.
"""
import os
import re
import subprocess
import sys

# (pattern in the command, why it is not run here)
NOT_RUN = [
    (r"(^|\s)&\s*$", "starts a background process (the GDB examples: 85-gdb tests cover them)"),
    (r"^gdb-multiarch", "needs the rvdbt started just above"),
    (r"^perf ", "needs perf events (60-explain.sh runs the same check)"),
    (r"^env -i |^python3 testsuite/gdb", "a three-step trace comparison (85-gdb-trace.sh runs it)"),
    (r"make bench", "a benchmark: minutes, and its numbers are the point"),
    (r"make pytest-guest", "CPython's test suite under two emulators: an hour, and its table is the point"),
    (r"build/linux/", "boots Linux interactively (85-linux.sh does, with a script)"),
    (r"--screenshot docs/", "would rewrite docs/mandelbrot.png (82-framebuffer.sh covers screenshots)"),
]


def examples(readme):
    """Yields (command, expected output lines) for every `$ ` command in a fenced block."""
    in_block = False
    cmd, out = None, []
    lines = open(readme, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```"):
            if in_block and cmd is not None:
                yield cmd, out
            in_block, cmd, out = not in_block, None, []
        elif in_block and line.startswith("$ "):
            if cmd is not None:
                yield cmd, out
            cmd, out = line[2:], []
            while cmd.endswith("\\") and i + 1 < len(lines):  # a command continued on the next line
                i += 1
                cmd = cmd[:-1] + " " + lines[i].strip()
        elif in_block and cmd is not None:
            out.append(line)
        i += 1


def normalise(line, top):
    line = line.replace("\r", "").rstrip()
    # strace's truncated strings first: where the cut falls depends on the checkout's path
    line = re.sub(r'"/[^"]*"\.\.\.', '"<PATH>"...', line)
    line = line.replace(top, "<TOP>")
    line = re.sub(r"0x[0-9a-fA-F]+", "#", line)
    line = re.sub(r"\b(?:[0-9a-f]{2} )+[0-9a-f]{2}\b", "#", line)   # instruction bytes (may hold addresses)
    line = re.sub(r"\b[0-9a-f]*[0-9][0-9a-f]*\b", "#", line)   # hex without 0x: addresses, bytes
    line = re.sub(r"\d+(\.\d+)?", "#", line)
    line = re.sub(r"#( +#)*", "#", line)   # column widths follow the numbers
    line = re.sub(r" {2,}", " ", line)
    return line


def matches(expected, actual):
    """expected may contain '...' lines: each run between them must appear, in order."""
    segments, seg = [], []
    for line in expected:
        if line.strip() == "...":
            segments.append(seg)
            seg = []
        else:
            seg.append(line)
    segments.append(seg)
    if len(segments) == 1:
        return expected == actual, "output differs"
    pos = 0
    for k, seg in enumerate(segments):
        if not seg:
            continue
        if k == 0:  # before the first '...': the output starts with it
            if actual[:len(seg)] != seg:
                return False, "the first lines differ"
            pos = len(seg)
            continue
        found = -1
        for p in range(pos, len(actual) - len(seg) + 1):
            if actual[p:p + len(seg)] == seg:
                found = p
                break
        if found < 0:
            return False, "not found in the output: %r" % seg[0]
        pos = found + len(seg)
    if segments[-1] and actual[-len(segments[-1]):] != segments[-1]:
        return False, "the last lines differ"
    return True, ""


def main():
    readme, build = sys.argv[1], sys.argv[2]
    top = os.path.abspath(sys.argv[3]) if len(sys.argv) > 3 else os.path.dirname(os.path.abspath(readme))
    env = dict(os.environ)
    env["PATH"] = os.path.abspath(build) + os.pathsep + env.get("PATH", "")
    env.pop("DISPLAY", None)
    failed = 0
    for cmd, out in examples(readme):
        short = cmd if len(cmd) <= 100 else cmd[:97] + "..."
        why = next((w for pat, w in NOT_RUN if re.search(pat, cmd)), None)
        if why:
            print("NOT RUN %s: %s" % (short, why))
            continue
        while out and not out[-1].strip():
            out.pop()
        try:
            r = subprocess.run(["bash", "-c", cmd], cwd=top, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
            got = r.stdout.decode("utf-8", "replace").split("\n")
        except subprocess.TimeoutExpired:
            print("FAIL %s: timed out" % short)
            failed += 1
            continue
        # (bash's own report of a child killed by a signal, which the README leaves out)
        got = [l for l in got if not re.match(r"bash: line \d+: +\d+ (Segmentation fault|Bus error|Illegal instruction)", l)]
        while got and not got[-1].strip():
            got.pop()
        exp_n = [normalise(l, top) for l in out]
        got_n = [normalise(l, top) for l in got]
        ok, why = matches(exp_n, got_n)
        if ok:
            print("PASS %s" % short)
        else:
            failed += 1
            diff = [(e, g) for e, g in zip(exp_n, got_n) if e != g][:1]
            detail = "; README %r, now %r" % diff[0] if diff else "; README %d lines, now %d" % (len(exp_n), len(got_n))
            print("FAIL %s: %s%s" % (short, why, detail))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
