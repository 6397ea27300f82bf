#!/usr/bin/env bash
# testsuite/bench/summary.sh — the last table of `make bench`: the rows the
# performance issue asks about, gathered from the tables printed before it
# (run-bench.sh, run-real-bench.sh, run-proc-bench.sh, linux-boot.sh each add
# "ROW|KEY|VALUE" lines to the file BENCH_SUMMARY names), with each row's goal.
# It measures nothing itself: every number comes from a run printed above.
#
# Each ratio is given twice: in wall time and in CPU time (user + system of
# the emulator and its children).  On an idle machine they agree; on a shared
# one wall time is partly waiting for a core, so a goal is judged on the CPU
# ratio where there is one.
#
# Usage: summary.sh FILE
set -u
FILE=$1
[ -s "$FILE" ] || { echo "bench summary: nothing was measured ($FILE is empty)"; exit 0; }

awk -F'|' '
  { v[$1, $2] = $3 }
  function num(x) { return x ~ /^[0-9]+(\.[0-9]*)?$/ && x + 0 > 0 }
  function fmt(q) { return sprintf(q < 10 ? "%.2fx" : "%.1fx", q) }
  function line(what, measured, wall, cpu, goal, ok) {
    printf "%-36s %-52s %-6s %-6s %-8s %s\n", what, measured, wall, cpu, goal, ok
  }
  # row WHAT ROW A B OP LIMIT: the ratio of key A to key B of ROW, in wall
  # and CPU time (keys A-cpu, B-cpu).  OP "le": goal ratio <= LIMIT; "lt":
  # < LIMIT; "ge": the inverse, B/A, >= LIMIT ("N times faster"); "": none.
  function row(what, r, a, b, op, limit,   x, y, xc, yc, q, qc, judged, goal, ok, m) {
    x = v[r, a]; y = v[r, b]; xc = v[r, a "-cpu"]; yc = v[r, b "-cpu"]
    if (!num(x) || !num(y)) { line(what, "not measured", "", "", "", ""); return }
    q = (op == "ge") ? y / x : x / y
    qc = ""; judged = q
    if (num(xc) && num(yc)) { qc = (op == "ge") ? yc / xc : xc / yc; judged = qc }
    goal = op == "le" ? "<= " limit "x" : op == "ge" ? ">= " limit "x" : op == "lt" ? "< " limit "x" : "-"
    ok = op == "" ? "" : (op == "le" ? judged <= limit : op == "ge" ? judged >= limit : judged < limit) ? "met" : "not met"
    m = sprintf("%s %s s, %s %s s", a == "jit" ? "rvdbt" : a, x, b, y)
    if (qc != "") m = m sprintf(" (cpu %s/%s)", xc, yc)
    line(what, m, fmt(q), qc == "" ? "-" : fmt(qc), goal, ok)
  }
  END {
    line("row (rvdbt: its translator)", "wall seconds (cpu seconds)", "wall", "cpu", "goal", "")
    row("FP kernels (fpmath) / native", "fpmath", "jit", "native", "le", 2.5)
    row("FP kernels: times faster than QEMU", "fpmath", "jit", "qemu", "ge", 8)
    row("integer (intmix) / native", "intmix", "jit", "native", "", 0)
    row("memory (memchase) / native", "memchase", "jit", "native", "", 0)
    row("calls (calls) / native", "calls", "jit", "native", "", 0)
    row("lua5.4 on a script / native", "lua", "jit", "native", "le", 2)
    row("static hello start-up / qemu", "startup", "jit", "qemu", "le", 0.33)
    row("dynamic hello start-up / qemu", "startup-dyn", "jit", "qemu", "le", 0.33)
    row("fork+exec x100 / qemu", "fork+exec x100", "jit", "qemu", "", 0)
    row("Linux to /init, -smp 1 / qemu", "linux-smp1", "jit", "qemu", "le", 0.5)
    row("Linux to /init, -smp 2 / qemu", "linux-smp2", "jit", "qemu", "le", 0.5)
    row("systemd to login, -smp 1 / qemu", "systemd-smp1", "jit", "qemu", "lt", 1)
    row("systemd to login, -smp 2 / qemu", "systemd-smp2", "jit", "qemu", "lt", 1)
    # the interpreter: geometric mean over the four C programs, FP included
    split("intmix memchase fpmath calls", names, " ")
    n = nc = s = sc = 0; parts = ""
    for (i = 1; i <= 4; i++) {
      e = names[i]
      if (num(v[e, "interp"]) && num(v[e, "native"])) {
        q = v[e, "interp"] / v[e, "native"]; s += log(q); n++
        parts = parts sprintf("%s%s %.0f", parts == "" ? "" : ", ", e, q) }
      if (num(v[e, "interp-cpu"]) && num(v[e, "native-cpu"])) { sc += log(v[e, "interp-cpu"] / v[e, "native-cpu"]); nc++ }
    }
    if (n == 4) {
      g = exp(s / n); gc = nc == 4 ? exp(sc / nc) : g
      line("interpreter / native, geomean of 4", parts " (wall)", fmt(g), nc == 4 ? fmt(gc) : "-", "<= 25x", gc <= 25 ? "met" : "not met")
    } else line("interpreter / native, geomean of 4", "not measured", "", "", "", "")
    # code expansion: host bytes per guest byte (without --stats counters), the largest
    worst = 0; parts = ""
    split("intmix memchase fpmath calls lua", names, " ")
    for (i = 1; i <= 5; i++) if (num(v[names[i], "expansion"])) {
      x = v[names[i], "expansion"] + 0; if (x > worst) worst = x
      parts = parts sprintf("%s%s %s", parts == "" ? "" : ", ", names[i], v[names[i], "expansion"]) }
    if (worst > 0)
      line("code expansion, host/guest bytes", parts, sprintf("%.1f", worst), "", "<= 10", worst <= 10 ? "met" : "not met")
    else line("code expansion, host/guest bytes", "not measured", "", "", "", "")
  }' "$FILE"
echo "X / Y: X's time divided by Y's (\"times faster than QEMU\": QEMU's divided by rvdbt's); cpu: user + system seconds;"
echo "a goal (the performance issue's) is judged on the cpu ratio where there is one; code expansion: the largest, without --stats's counters"
