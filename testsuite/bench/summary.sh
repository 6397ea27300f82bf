#!/usr/bin/env bash
# testsuite/bench/summary.sh — the last table of `make bench`: the rows the
# performance issue asks about, gathered from the tables printed before it
# (run-bench.sh, run-real-bench.sh, run-proc-bench.sh, linux-boot.sh each add
# "ROW|KEY|VALUE" lines to the file BENCH_SUMMARY names), with each row's goal.
# It measures nothing itself: every number is one printed above in the same run.
#
# Usage: summary.sh FILE
set -u
FILE=$1
[ -s "$FILE" ] || { echo "bench summary: nothing was measured ($FILE is empty)"; exit 0; }

awk -F'|' '
  { v[$1, $2] = $3 }
  function num(x) { return x ~ /^[0-9]+(\.[0-9]*)?$/ && x + 0 > 0 }
  # line WHAT RVDBT REF RATIO GOAL OK: one row of the table
  function line(what, measured, r, goal, ok) {
    printf "%-40s %-36s %-7s %-8s %s\n", what, measured, r, goal, ok
  }
  # row WHAT ROW A B LABEL_A LABEL_B OP LIMIT UNIT: ratio v[ROW,A] / v[ROW,B]
  # (OP "le": goal ratio <= LIMIT; "lt": < LIMIT; "ge": the inverse, B/A, >= LIMIT; "": no goal)
  function row(what, r, a, b, la, lb, op, limit,   x, y, q, goal, ok, shown) {
    x = v[r, a]; y = v[r, b]
    if (!num(x) || !num(y)) { line(what, "not measured", "", "", ""); return }
    q = (op == "ge") ? y / x : x / y
    shown = sprintf(q < 10 ? "%.2fx" : "%.1fx", q)
    goal = op == "le" ? "<= " limit "x" : op == "ge" ? ">= " limit "x" : op == "lt" ? "< " limit "x" : "-"
    ok = op == "" ? "" : (op == "le" ? q <= limit : op == "ge" ? q >= limit : q < limit) ? "met" : "not met"
    line(what, sprintf("%s %s s, %s %s s", la, x, lb, y), shown, goal, ok)
  }
  END {
    line("row (rvdbt: the translator)", "measured (in the tables above)", "ratio", "goal", "")
    row("FP kernels (fpmath): rvdbt / native", "fpmath", "jit", "native", "rvdbt", "native", "le", 2.5)
    row("FP kernels: qemu-riscv64 / rvdbt", "fpmath", "jit", "qemu", "rvdbt", "qemu", "ge", 8)
    row("integer (intmix): rvdbt / native", "intmix", "jit", "native", "rvdbt", "native", "", 0)
    row("memory (memchase): rvdbt / native", "memchase", "jit", "native", "rvdbt", "native", "", 0)
    row("calls (calls): rvdbt / native", "calls", "jit", "native", "rvdbt", "native", "", 0)
    row("lua5.4 on a script: rvdbt / native", "lua", "jit", "native", "rvdbt", "native", "le", 2)
    row("static hello start-up: rvdbt / qemu", "startup", "jit", "qemu", "rvdbt", "qemu", "le", 0.33)
    row("dynamic hello start-up: rvdbt / qemu", "startup-dyn", "jit", "qemu", "rvdbt", "qemu", "le", 0.33)
    row("fork+exec x100: rvdbt / qemu (cpu)", "fork+exec x100", "jit-cpu", "qemu-cpu", "rvdbt", "qemu", "", 0)
    row("Linux to /init -smp 1: rvdbt / qemu", "linux-smp1", "jit", "qemu", "rvdbt", "qemu", "le", 0.5)
    row("  the same in CPU time", "linux-smp1", "jit-cpu", "qemu-cpu", "rvdbt", "qemu", "le", 0.5)
    row("Linux to /init -smp 2: rvdbt / qemu", "linux-smp2", "jit", "qemu", "rvdbt", "qemu", "le", 0.5)
    row("  the same in CPU time", "linux-smp2", "jit-cpu", "qemu-cpu", "rvdbt", "qemu", "le", 0.5)
    row("systemd to login -smp 1: rvdbt / qemu", "systemd-smp1", "jit", "qemu", "rvdbt", "qemu", "lt", 1)
    row("  the same in CPU time", "systemd-smp1", "jit-cpu", "qemu-cpu", "rvdbt", "qemu", "lt", 1)
    row("systemd to login -smp 2: rvdbt / qemu", "systemd-smp2", "jit", "qemu", "rvdbt", "qemu", "lt", 1)
    row("  the same in CPU time", "systemd-smp2", "jit-cpu", "qemu-cpu", "rvdbt", "qemu", "lt", 1)
    # the interpreter: geometric mean over the four C programs, FP included
    n = 0; s = 0; parts = ""
    split("intmix memchase fpmath calls", names, " ")
    for (i = 1; i <= 4; i++) if (num(v[names[i], "interp"]) && num(v[names[i], "native"])) {
      q = v[names[i], "interp"] / v[names[i], "native"]; s += log(q); n++
      parts = parts sprintf("%s%s %.0f", parts == "" ? "" : ", ", names[i], q) }
    if (n == 4) { g = exp(s / n)
      line("interpreter / native, geomean of 4", parts, sprintf("%.1fx", g), "<= 25x", g <= 25 ? "met" : "not met") }
    else line("interpreter / native, geomean of 4", "not measured", "", "", "")
    # code expansion: host bytes per guest byte (without --stats counters), the largest
    worst = 0; parts = ""
    split("intmix memchase fpmath calls lua", names, " ")
    for (i = 1; i <= 5; i++) if (num(v[names[i], "expansion"])) {
      x = v[names[i], "expansion"] + 0; if (x > worst) worst = x
      parts = parts sprintf("%s%s %s", parts == "" ? "" : ", ", names[i], v[names[i], "expansion"]) }
    if (worst > 0)
      line("code expansion, host/guest bytes, max", parts, sprintf("%.1f", worst), "<= 10", worst <= 10 ? "met" : "not met")
    else line("code expansion, host/guest bytes, max", "not measured", "", "", "")
  }' "$FILE"
echo "ratio: rvdbt's time / the other's (qemu-riscv64 / rvdbt for \"faster than QEMU\"); wall seconds unless \"cpu\"; goals: the performance issue's"
