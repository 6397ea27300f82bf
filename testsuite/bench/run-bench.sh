#!/usr/bin/env bash
# testsuite/bench/run-bench.sh — what `make bench` runs: builds the benchmark
# programs in testsuite/bench/*.c for riscv64 and for the host, runs each one
# natively, under qemu-riscv64 and under every rvdbt engine, checks that all of
# them print the same checksum, and prints a table of times and ratios.
# This is a benchmark, not a test: it passes or fails only on checksums.
#
# Usage: run-bench.sh RVDBT_BINARY BUILD_DIR [SCALE_PERCENT]
#
# Environment (all optional):
#   BENCH_SCALE=N     workload in percent of the default (default 100; the
#                     third argument wins). At 100 each program runs about
#                     0.2-0.5 s natively on a current x86-64.
#   BENCH_RUNS=N      runs per program and engine; the best (shortest) wall
#                     time counts (default 3)
#   BENCH_BUDGET=S    stop repeating a program under one engine once its runs
#                     have taken S seconds in total (default 60), so a slow
#                     interpreter does not make the suite take forever
#   BENCH_TIMEOUT=S   a single run taking longer than S seconds fails (default 900)
#   BENCH_ONLY="a b"  run only these benchmarks (names without .c)
#   HOST_CC=cc        the compiler for the native builds (default gcc)
#
# Exit status: 0 if every run printed the native checksum, 1 if any run
# printed a different checksum or failed, 2 for a bad command line, a missing
# rvdbt binary, or programs that cannot be built.
set -u

if [ $# -lt 2 ]; then
  echo "usage: $0 RVDBT_BINARY BUILD_DIR [SCALE_PERCENT]" >&2
  exit 2
fi
RVDBT=$1
BUILD=$2
SCALE=${3:-${BENCH_SCALE:-100}}
RUNS=${BENCH_RUNS:-3}
BUDGET=${BENCH_BUDGET:-60}
TIMEOUT=${BENCH_TIMEOUT:-900}
SRC=$(cd "$(dirname "$0")" && pwd)
OUT=$BUILD/bench
for setting in "scale=$SCALE" "BENCH_RUNS=$RUNS" "BENCH_BUDGET=$BUDGET" "BENCH_TIMEOUT=$TIMEOUT"; do
  case ${setting#*=} in
    '' | *[!0-9]* | 0) echo "run-bench: $setting is not a positive whole number" >&2; exit 2 ;;
  esac
done

RV_CC=riscv64-linux-gnu-gcc
RV_FLAGS=(-static -O2 ${GUEST_ARCH:--march=rv64gc -mabi=lp64d} -ffp-contract=off -Wall -Wextra)
NATIVE_CC=${HOST_CC:-gcc}
NATIVE_FLAGS=(-static -O2 -ffp-contract=off -Wall -Wextra)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/rvdbt-bench.XXXXXX")
# shellcheck source=testsuite/bench/bench-lib.sh
. "$SRC/bench-lib.sh"
trap 'rm -rf "$TMP"' EXIT

# ---- which benchmarks, which engines ---------------------------------------

names=""
for src in "$SRC"/*.c; do
  name=$(basename "$src" .c)
  if [ -n "${BENCH_ONLY:-}" ]; then
    case " $BENCH_ONLY " in *" $name "*) ;; *) continue ;; esac
  fi
  names="$names $name"
done
if [ -z "$names" ]; then
  echo "run-bench: no benchmarks selected (BENCH_ONLY='${BENCH_ONLY:-}')" >&2
  exit 2
fi

if [ ! -x "$RVDBT" ]; then
  echo "run-bench: $RVDBT is not an executable (build it first: make)" >&2
  exit 2
fi
help=$("$RVDBT" --help 2>&1)
engines="interp"
case "$help" in *jit*) engines="interp jit" ;; esac
stats=""
case "$help" in *--stats*) stats="--stats" ;; esac
have_qemu=0
command -v qemu-riscv64 >/dev/null 2>&1 && have_qemu=1

# ---- build -----------------------------------------------------------------

mkdir -p "$OUT"
echo "== building benchmarks into $OUT/ (riscv64: $RV_CC, native: $NATIVE_CC)"
for name in $names; do
  if ! "$RV_CC" "${RV_FLAGS[@]}" -o "$OUT/$name.riscv64" "$SRC/$name.c" -lm; then
    echo "run-bench: cannot build $name for riscv64" >&2
    exit 2
  fi
  if ! "$NATIVE_CC" "${NATIVE_FLAGS[@]}" -o "$OUT/$name.native" "$SRC/$name.c" -lm; then
    echo "run-bench: cannot build $name natively (static glibc: libc6-dev)" >&2
    exit 2
  fi
done

echo "== host: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) CPUs"
echo "== $("$RVDBT" --version 2>&1 | head -1); engines: $engines$([ -n "$stats" ] && echo ", with --stats")"
if [ $have_qemu = 1 ]; then
  echo "== $(qemu-riscv64 --version | head -1)"
else
  echo "== qemu-riscv64 not found: its column shows n/a"
fi
echo "== scale $SCALE%, best of $RUNS run(s) (no more repeats once a cell has used ${BUDGET} s)"
echo

# ---- measuring ---------------------------------------------------------------

status=0
mismatches=""

# The guest instruction count from --stats output in $TMP/err, or nothing.
instructions() {
  sed -n 's/^rvdbt: guest instructions: \([0-9][0-9]*\).*/\1/p' "$TMP/err" | head -1
}

# Per benchmark: results[name,column] for the table.
declare -A results
# Also time the translator with each optimisation switched off (one run each)?
has_jit_switches=0
case "$help" in *--no-regcache*) case " $engines " in *" jit "*) has_jit_switches=1 ;; esac ;; esac
[ "${BENCH_SWITCHES:-1}" = 0 ] && has_jit_switches=0

for name in $names; do
  native=$OUT/$name.native
  guest=$OUT/$name.riscv64

  measure "$name native" "" "$native" "$SCALE"
  expected=$out
  results[$name,native]=$best results[$name,native-cpu]=$best_cpu
  if [ "$best" = FAIL ]; then
    expected=""        # nothing trustworthy to compare against
  elif ! printf '%s\n' "$expected" | grep -Eq "^checksum $name [0-9a-f]{16}$"; then
    echo "!!! $name native printed '$expected', not 'checksum $name <16 hex digits>'"
    mismatches="$mismatches\n  $name native: malformed output"
    status=1
  fi
  line="$name: native ${results[$name,native]}"

  if [ $have_qemu = 1 ]; then
    measure "$name qemu-riscv64" "$expected" qemu-riscv64 "$guest" "$SCALE"
    results[$name,qemu]=$best results[$name,qemu-cpu]=$best_cpu
  else
    results[$name,qemu]=n/a
  fi
  line="$line, qemu ${results[$name,qemu]}"

  # Timed runs carry no --stats: with it, translated code counts block executions
  # and jump-cache probes.  One more jit run with --stats gives the instruction
  # count (the same under every engine) and the translator's figures.
  n=""
  if [ -n "$stats" ]; then
    RUNS_SAVED=$RUNS; RUNS=1
    measure "$name rvdbt --stats" "$expected" "$RVDBT" run --engine="$(echo $engines | awk '{print $NF}')" --stats "$guest" "$SCALE"
    RUNS=$RUNS_SAVED
    n=$(instructions)
    # translation cost and code expansion, from the --stats lines
    results[$name,xlate]=$(awk '
      /blocks translated:/ { g = $0; sub(/.*\(/, "", g); sub(/ guest instructions.*/, "", g)
                             h = $0; sub(/.*-> /, "", h); sub(/ host bytes.*/, "", h) }
      /time translating:/  { t = $4 }
      END { if (g > 0) printf "%.2f|%.1f", t * 1e6 / g, h / g; else print "n/a|n/a" }' "$TMP/err")
    # host bytes per guest byte, without --stats's own counters (the issue's measure)
    summary "$name" expansion "$(sed -n 's/^rvdbt: of the host bytes.*(without them: \([0-9.]*\)x).*/\1/p' "$TMP/err" | head -1)"
  fi
  for engine in $engines; do
    measure "$name rvdbt --engine=$engine" "$expected" "$RVDBT" run --engine="$engine" "$guest" "$SCALE"
    results[$name,$engine]=$best results[$name,$engine-cpu]=$best_cpu
    results[$name,$engine-mips]=n/a
    if [ -n "$n" ] && [ "$best" != FAIL ]; then
      results[$name,$engine-mips]=$(awk -v n="$n" -v t="$best" 'BEGIN { if (t > 0) printf "%.1f", n / t / 1e6; else print "n/a" }')
    fi
    line="$line, $engine $best"
  done
  echo "$line   ($expected)"
  for key in native qemu interp jit native-cpu qemu-cpu interp-cpu jit-cpu; do summary "$name" "$key" "${results[$name,$key]:-n/a}"; done
  if [ $has_jit_switches = 1 ] && [ "${results[$name,jit]:-FAIL}" != FAIL ]; then
    for sw in --no-chain --no-regcache --no-inline-tlb --no-host-mmu --no-fusion; do
      RUNS_SAVED=$RUNS; RUNS=1
      measure "$name rvdbt --engine=jit $sw" "$expected" "$RVDBT" run --engine=jit "$sw" "$guest" "$SCALE"
      RUNS=$RUNS_SAVED
      results[$name,$sw]=$best
    done
  fi
done

# ---- the table ------------------------------------------------------------------

# One row per benchmark, cells separated by "|".
has_jit=0
case " $engines " in *" jit "*) has_jit=1 ;; esac

header=("benchmark" "native s" "qemu s" "interp s")
[ $has_jit = 1 ] && header+=("jit s")
header+=("qemu/native" "interp/native" "interp/qemu")
[ $has_jit = 1 ] && header+=("jit/native" "jit/qemu")
header+=("interp MIPS")
[ $has_jit = 1 ] && header+=("jit MIPS")

rows=()
for name in $names; do
  nat=${results[$name,native]} qe=${results[$name,qemu]} it=${results[$name,interp]}
  row="$name|$nat|$qe|$it"
  [ $has_jit = 1 ] && row="$row|${results[$name,jit]}"
  row="$row|$(ratio "$qe" "$nat")|$(ratio "$it" "$nat")|$(ratio "$it" "$qe")"
  [ $has_jit = 1 ] && row="$row|$(ratio "${results[$name,jit]}" "$nat")|$(ratio "${results[$name,jit]}" "$qe")"
  row="$row|${results[$name,interp-mips]}"
  [ $has_jit = 1 ] && row="$row|${results[$name,jit-mips]}"
  rows+=("$row")
done

# Prints the rows as aligned columns, with a last row holding the geometric
# mean of every ratio column (the columns whose header contains a "/").
echo
{
  (IFS='|'; echo "${header[*]}")
  printf '%s\n' "${rows[@]}"
} | print_table
echo
echo "times: best wall-clock seconds of up to $RUNS run(s) at scale $SCALE%; X/Y: how many times slower X is than Y"
echo "MIPS: guest instructions (from one extra rvdbt --stats run) per second of the best timed run"

# ---- translator details: translation cost, code size, what each optimisation buys ----
if [ $has_jit = 1 ] && [ -n "$stats" ]; then
  echo
  {
    echo "benchmark|translate us/guest insn|host bytes/guest insn|--no-chain|--no-regcache|--no-inline-tlb|--no-host-mmu|--no-fusion"
    for name in $names; do
      x=${results[$name,xlate]:-n/a|n/a}
      row="$name|$x"
      for sw in --no-chain --no-regcache --no-inline-tlb --no-host-mmu --no-fusion; do
        row="$row|$(ratio "${results[$name,$sw]:-n/a}" "${results[$name,jit]}")"
      done
      echo "$row"
    done
  } | print_table
  echo
  echo "translate us/guest insn: host time spent translating per guest instruction translated"
  echo "host bytes/guest insn: code expansion; --no-X: jit time with that optimisation off / jit time (1 run)"
fi

if [ $status -ne 0 ]; then
  echo
  echo "!!! BENCHMARK RESULTS ARE WRONG OR RUNS FAILED:"
  printf '%b\n' "$mismatches" | sed '/^$/d'
  exit 1
fi
exit 0
