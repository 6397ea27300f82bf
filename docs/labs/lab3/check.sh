#!/usr/bin/env bash
# docs/labs/lab3/check.sh — the checker of lab 3 (`make lab3-check`).
#
# Usage: check.sh RVDBT RESULTS_FILE
#
# Checks the student's results file (docs/labs/lab3/results.txt, from the template
# results.template next to this script):
#   1. every field is there and every number is a plain positive number;
#   2. the numbers are sane: the translator is faster than the interpreter, and
#      the stated ranking follows from the student's own instruction counts;
#   3. they come from real runs: the host instruction counts are measured again
#      here (measure.sh, callgrind — counts, not wall time, so the check does
#      not depend on how busy the machine is) and each of the student's counts
#      must be within a factor of 1.5 of the fresh one, and the ranking of the
#      three optimisations must be the fresh measurement's;
#   4. each "why" answer is a sentence (at least 8 words).
# Output for graders: LAB_FORMAT=json or LAB_FORMAT=junit (see ../checker-lib.sh).
# Exit status: 0 if everything holds, 1 if not, 2 for a bad command line.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT RESULTS_FILE" >&2; exit 2; fi
RVDBT=$1 RESULTS=$2
HERE=$(cd "$(dirname "$0")" && pwd)

# shellcheck source=../checker-lib.sh
. "$HERE/../checker-lib.sh"
lab_begin 3 3 docs/labs/lab3-measure-optimisations.md

# field KEY: the value after "KEY:" (first match; comments and blank lines ignored)
field() { sed -n "s/^$1:[[:space:]]*//p" "$RESULTS" | grep -v '^#' | head -1 | sed 's/[[:space:]]*$//'; }
is_number() { [[ $1 =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v x="$1" 'BEGIN { exit !(x > 0) }'; }

step "1: the results file"
[ -f "$RESULTS" ] || fail "$RESULTS does not exist: copy docs/labs/lab3/results.template there and fill it in"
switches=("chain" "regcache" "inline-tlb")
declare -A speedup minstr why
program=$(field program)
[ -n "$program" ] || fail "no 'program:' line"
for cfg in "jit" "jit --no-chain" "jit --no-regcache" "jit --no-inline-tlb"; do
  speedup[$cfg]=$(field "speedup $cfg")
  minstr[$cfg]=$(field "minstr $cfg")
  is_number "${speedup[$cfg]}" || fail "'speedup $cfg:' should be a positive number (the table's speed-up column without the x), not '${speedup[$cfg]}'"
  is_number "${minstr[$cfg]}" || fail "'minstr $cfg:' should be a positive number (millions of host instructions), not '${minstr[$cfg]}'"
done
ranking=$(field ranking | tr -d ' ')
for s in "${switches[@]}"; do
  why[$s]=$(field "why $s")
  [ "$(printf '%s\n' "${why[$s]}" | wc -w)" -ge 8 ] || fail "'why $s:' needs a real answer (a sentence of 8 words or more)"
done
pass "every field is filled in"

step "2: the numbers are sane"
awk -v s="${speedup[jit]}" 'BEGIN { exit !(s > 1 && s < 1000) }' ||
  fail "the translator's speed-up over the interpreter (${speedup[jit]}) should be above 1: check 'speedup jit'"
# the ranking the student's own counts imply: the most host instructions added first
own=$(for s in "${switches[@]}"; do
        awk -v s="$s" -v off="${minstr[jit --no-$s]}" -v on="${minstr[jit]}" 'BEGIN { printf "%s %.6f\n", s, off - on }'
      done | sort -k2,2 -g -r | cut -d' ' -f1 | paste -sd, -)
sorted_given=$(printf '%s\n' "$ranking" | tr ',' '\n' | sort | paste -sd, -)
[ "$sorted_given" = "chain,inline-tlb,regcache" ] ||
  fail "'ranking:' should list chain, regcache and inline-tlb once each, comma separated (got '$ranking')"
[ "$ranking" = "$own" ] || fail "your ranking '$ranking' does not follow from your own minstr numbers (they say '$own')"
pass "speed-up ${speedup[jit]}x; ranking $ranking agrees with your counts"

step "3: a fresh measurement agrees (callgrind, this may take a minute)"
command -v valgrind >/dev/null || fail "valgrind is not installed (apt-get install valgrind): cannot re-measure"
# shellcheck disable=SC2086
table=$("$HERE/measure.sh" "$RVDBT" $program) || fail "measuring '$program' failed"
declare -A fresh
for cfg in "jit" "jit --no-chain" "jit --no-regcache" "jit --no-inline-tlb"; do
  n=$(printf '%s\n' "$table" | awk -v c="$cfg" 'substr($0, 1, 23) == sprintf("%-22s ", c) { print $(NF - 2) }')
  [ -n "$n" ] || fail "no fresh count for '$cfg' in: $table"
  fresh[$cfg]=$(awk -v n="$n" 'BEGIN { printf "%.1f", n / 1e6 }')
  awk -v a="${minstr[$cfg]}" -v b="${fresh[$cfg]}" 'BEGIN { exit !(a <= 1.5 * b && b <= 1.5 * a) }' ||
    fail "'minstr $cfg: ${minstr[$cfg]}' is far from a fresh measurement (${fresh[$cfg]} million)"
done
fresh_rank=$(for s in "${switches[@]}"; do
               awk -v s="$s" -v off="${fresh[jit --no-$s]}" -v on="${fresh[jit]}" 'BEGIN { printf "%s %.6f\n", s, off - on }'
             done | sort -k2,2 -g -r | cut -d' ' -f1 | paste -sd, -)
[ "$ranking" = "$fresh_rank" ] || fail "the fresh measurement ranks the optimisations '$fresh_rank', you wrote '$ranking'"
pass "host instructions (millions) now: jit ${fresh[jit]}, --no-chain ${fresh[jit --no-chain]}, --no-regcache ${fresh[jit --no-regcache]}, --no-inline-tlb ${fresh[jit --no-inline-tlb]}"
lab_done 'your measurements hold'
