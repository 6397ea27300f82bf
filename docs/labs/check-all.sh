#!/usr/bin/env bash
# docs/labs/check-all.sh — `make labs-check`: runs every lab's checker, one after the
# other (a failing lab does not stop the next), and sums the score.
#
# Usage: check-all.sh RVDBT GUEST_DIR
#   LAB_FORMAT=text   each checker's lines, then "labs: N of M checks pass"
#   LAB_FORMAT=json   one JSON object {"score", "max", "labs": [each checker's object]}
#   LAB_FORMAT=junit  one JUnit document with a <testsuite> a lab
# Exit status: 0 if every lab is done, 1 otherwise.
set -u
if [ $# -ne 2 ]; then echo "usage: $0 RVDBT GUEST_DIR" >&2; exit 2; fi
RVDBT=$1 GUEST=$2
HERE=$(cd "$(dirname "$0")" && pwd)
format=${LAB_FORMAT:-text}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/labs-check.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# lab N ARGS...: runs lab N's checker; its report (json) is kept in $TMP/labN.json
all_done=1
lab() {
  local n=$1; shift
  LAB_REPORT_DIR=$TMP "$HERE/lab$n/check.sh" "$@" >"$TMP/lab$n.out" || all_done=0
  [ "$format" = text ] && cat "$TMP/lab$n.out"
  [ -f "$TMP/lab$n.json" ] || { echo "labs: lab $n's checker wrote no report" >&2; all_done=0; }
}
lab 1 "$RVDBT" "$GUEST/labs/lab1_pack.elf"
lab 2 "$RVDBT" "$GUEST/labs/lab2_rtc.elf"
lab 3 "$RVDBT" "$HERE/lab3/results.txt"
lab 4 "$RVDBT" "$GUEST/labs/lab4_sv48.elf"
lab 5 "$RVDBT" "$GUEST/labs/lab5_jumps.elf"

# the sums, from each report's first two numbers: {"lab": N, "score": S, "max": M, ...
score=0 max=0
for f in "$TMP"/lab*.json; do
  read -r s m < <(sed -n 's/^{"lab": [0-9]*, "score": \([0-9]*\), "max": \([0-9]*\),.*/\1 \2/p' "$f")
  score=$((score + ${s:-0})) max=$((max + ${m:-0}))
done
case $format in
  text) printf 'labs: %d of %d checks pass\n' "$score" "$max" ;;
  json) printf '{"score": %d, "max": %d, "labs": [%s]}\n' "$score" "$max" "$(cat "$TMP"/lab*.json | paste -sd, -)" ;;
  junit)
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rvdbt labs" tests="%d" failures="%d">\n' \
      "$max" "$(grep -c '<failure ' "$TMP"/lab*.xml | awk -F: '{ n += $2 } END { print n }')"
    cat "$TMP"/lab*.xml | grep -v -e '^<?xml' -e '^<testsuites' -e '^</testsuites>'
    printf '</testsuites>\n' ;;
esac
[ "$all_done" = 1 ]
