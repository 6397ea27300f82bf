#!/usr/bin/env python3
"""testsuite/pytest-guest-table.py — the table of testsuite/pytest-guest.sh.

Usage: pytest-guest-table.py OUT RUNNER... -- MODULE...

Reads OUT/RUNNER/MODULE.xml (regrtest's --junit-xml) and, when a run was cut
short (timeout, crash) and wrote no XML, counts the outcomes its verbose log
(OUT/RUNNER/MODULE.log) shows so far.  Prints a Markdown table (tests run,
failures, errors, skipped per runner), then, per module, the tests that fail
under the first runner but not under the second: what to look at.
"""
import re
import sys
import xml.etree.ElementTree as ET

# "name (id) ... outcome", or with a docstring: "name (id)\nDocstring ... outcome"
LINE = re.compile(r"^(test\w*) \(([\w.]+)\)(?:\n[^\n]*?)?.*? \.\.\. (ok|FAIL|ERROR|skipped|expected failure|unexpected success)", re.M)


def from_xml(path):
    """{test name: outcome} from a JUnit file, or None if there is none."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    res = {}
    for case in root.iter("testcase"):
        out = "ok"
        for tag, name in (("skipped", "skipped"), ("failure", "FAIL"), ("error", "ERROR")):
            if case.find(tag) is not None:
                out = name
        res[case.get("name")] = out
    return res


def from_log(path):
    """{test name: outcome} from a verbose log (a run that did not finish)."""
    try:
        text = open(path, errors="replace").read()
    except OSError:
        return {}
    return {f"{m.group(2)}": m.group(3) for m in LINE.finditer(text)}


def status(out, runner, mod):
    try:
        rc, secs = open(f"{out}/{runner}/{mod}.status").read().split()
    except (OSError, ValueError):
        return None, "not run"
    rc = int(rc)
    if rc == 124 or rc == 137:
        return rc, f"timeout {secs}s"
    return rc, f"{secs}s"


def main():
    args = sys.argv[1:]
    out, rest = args[0], args[1:]
    sep = rest.index("--")
    runners, modules = rest[:sep], rest[sep + 1:]
    head = "| module | " + " | ".join(f"{r}: run / fail / error / skip (time)" for r in runners) + " |"
    print(head)
    print("|" + "---|" * (1 + len(runners)))
    results = {}
    for mod in modules:
        cells = []
        for r in runners:
            rc, st = status(out, r, mod)
            res = from_xml(f"{out}/{r}/{mod}.xml")
            partial = res is None
            if partial:
                res = from_log(f"{out}/{r}/{mod}.log")
            results[(r, mod)] = res
            n = len(res)
            fail = sum(v == "FAIL" for v in res.values())
            err = sum(v == "ERROR" for v in res.values())
            skip = sum(v == "skipped" for v in res.values())
            note = st
            if partial and rc is not None:
                note += ", no XML: counted from the log so far" if n else f", no XML, exit status {rc}"
            elif rc not in (None, 0):
                note += f", exit {rc}"
            cells.append(f"{n} / {fail} / {err} / {skip} ({note})")
        print(f"| {mod} | " + " | ".join(cells) + " |")
    if len(runners) >= 2:
        a, b = runners[0], runners[1]
        print()
        for mod in modules:
            ra, rb = results[(a, mod)], results[(b, mod)]
            worse = sorted(t for t, v in ra.items() if v in ("FAIL", "ERROR") and rb.get(t) not in ("FAIL", "ERROR"))
            better = sorted(t for t, v in rb.items() if v in ("FAIL", "ERROR") and ra.get(t) not in ("FAIL", "ERROR"))
            for t in worse:
                print(f"- {mod}: {a} {ra[t]}, {b} {rb.get(t, 'not run')}: {t}")
            for t in better:
                print(f"- {mod}: {b} {rb[t]}, {a} {ra.get(t, 'not run')}: {t}")


if __name__ == "__main__":
    main()
