# testsuite/bench/bench-lib.sh — what the benchmark scripts share: timing a
# command (best of several runs, checking its output), ratios, and printing
# aligned tables.  Sourced by run-bench.sh and run-real-bench.sh, which set
# RUNS, BUDGET, TIMEOUT and TMP first.

status=0
mismatches=""

# measure LABEL EXPECTED CMD...
# Runs CMD up to $RUNS times (fewer once $BUDGET seconds are used up) and sets
#   best   the shortest wall time in seconds, or FAIL
#   best_cpu  the smallest CPU time (user + system of the command and every
#          process it waited for), or FAIL: on a shared machine wall time is
#          partly waiting for a core, CPU time much less so
#   out    the last run's standard output; $TMP/err holds its standard error.
# A run that exits non-zero, times out, or prints anything but EXPECTED (when
# EXPECTED is not empty) is reported loudly and makes the whole script fail.
measure() {
  local label=$1 expected=$2; shift 2
  local run t c spent=0 rc TIMEFORMAT='%3R %3U %3S'
  best="" best_cpu=""
  for ((run = 1; run <= RUNS; run++)); do
    # (bash's time: wall, and the CPU of the children it waited for, in ms)
    { time timeout -k 5 "$TIMEOUT" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null; } 2>"$TMP/time"
    rc=$?
    # (MEASURE_DIGEST=1: compare the md5 of a binary output instead of the bytes)
    if [ "${MEASURE_DIGEST:-0}" = 1 ]; then out=$(md5sum <"$TMP/out" | cut -d' ' -f1); else out=$(cat "$TMP/out"); fi
    t=$(awk '{ printf "%.3f", $1 }' "$TMP/time")
    c=$(awk '{ printf "%.3f", $2 + $3 }' "$TMP/time")
    if [ $rc -ne 0 ]; then
      echo "!!! $label FAILED: exit status $rc$([ $rc = 124 ] && echo " (timed out after $TIMEOUT s)")"
      sed 's/^/!!!     /' "$TMP/err" | tail -5
      mismatches="$mismatches\n  $label: exit status $rc"
      status=1 best=FAIL best_cpu=FAIL
      return
    fi
    if [ -n "$expected" ] && [ "$out" != "$expected" ]; then
      echo "!!! CHECKSUM MISMATCH: $label printed '$out', expected '$expected'"
      mismatches="$mismatches\n  $label: printed '$out', expected '$expected'"
      status=1 best=FAIL best_cpu=FAIL
      return
    fi
    if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then
      best=$t
    fi
    if [ -z "$best_cpu" ] || awk -v t="$c" -v b="$best_cpu" 'BEGIN { exit !(t < b) }'; then
      best_cpu=$c
    fi
    spent=$(awk -v s="$spent" -v t="$t" 'BEGIN { print s + t }')
    awk -v s="$spent" -v b="$BUDGET" 'BEGIN { exit !(s >= b) }' && break
  done
}

# summary ROW KEY VALUE: one line for the last table of `make bench`
# (testsuite/bench/summary.sh), when BENCH_SUMMARY names its file; KEY is
# native, qemu, interp, jit, expansion, or qemu-cpu / jit-cpu.
summary() {
  [ -n "${BENCH_SUMMARY:-}" ] && echo "$1|$2|$3" >>"$BENCH_SUMMARY"
  return 0
}

# ratio A B: "A/B" formatted like 12.3x, or n/a when either is not a number.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) { print "n/a"; exit }
    r = a / b
    printf (r < 10 ? "%.2fx" : "%.1fx"), r }'
}

# Reads rows of cells separated by "|" (the first row is the header) and prints
# them as aligned columns.  With two or more data rows, a last row holds the
# geometric mean of every ratio column (a header containing "/", cells like 1.5x).
print_table() {
  awk -F'|' '
    { for (i = 1; i <= NF; i++) cell[NR, i] = $i
      if (NF > nf) nf = NF }
    NR > 1 { for (i = 2; i <= NF; i++)
               if ($i ~ /^[0-9.]+x$/) { v = $i; sub(/x$/, "", v); logsum[i] += log(v); count[i]++ } }
    END {
      rows = NR
      mean_row = 0
      any = 0
      for (i = 2; i <= nf; i++) if (cell[1, i] ~ /\// && count[i]) any = 1
      if (rows > 2 && any) {                          # two or more benchmarks
        mean_row = ++rows
        cell[rows, 1] = "geomean"
        for (i = 2; i <= nf; i++)
          if (cell[1, i] ~ /\// && count[i]) cell[rows, i] = fmt(exp(logsum[i] / count[i]))
      }
      for (i = 1; i <= nf; i++)
        for (r = 1; r <= rows; r++)
          if (length(cell[r, i]) > w[i]) w[i] = length(cell[r, i])
      for (r = 1; r <= rows; r++) {
        if (r == 2 || r == mean_row) rule()
        line = sprintf("%-*s", w[1], cell[r, 1])
        for (i = 2; i <= nf; i++) line = line " | " sprintf("%*s", w[i], cell[r, i])
        sub(/ +$/, "", line)
        print line
      }
    }
    function fmt(r) { return sprintf(r < 10 ? "%.2fx" : "%.1fx", r) }
    function rule(  line, i, dashes) {
      line = ""
      for (i = 1; i <= nf; i++) {
        dashes = sprintf("%*s", w[i], ""); gsub(/ /, "-", dashes)
        line = line (i > 1 ? "-+-" : "") dashes
      }
      print line
    }'
}
