# docs/labs/checker-lib.sh — what every lab checker (docs/labs/labN/check.sh) shares:
# steps, PASS/FAIL lines, and the grader's output.  A checker sources it, calls
# lab_begin, then step/pass/fail for each thing it checks, and lab_done at the end.
#
# Output, chosen by LAB_FORMAT:
#   text  (default)  "labN step ...", "  PASS ...", "  FAIL ..." lines for the student;
#   json             one JSON object: {"lab", "score", "max", "steps": [one entry a check]};
#   junit            one JUnit XML document (a <testsuite> with a <testcase> a check),
#                    which CI systems (GitLab, Jenkins) show as a test report.
# LAB_REPORT_DIR=DIR also writes DIR/labN.json and DIR/labN.xml next to any of them,
# so a grader can keep the student's text and still score it.
# Every check is worth one point; the first failure ends the checker (a later step
# builds on the earlier ones), so the checks not reached score 0.
# Exit status: 0 if every check passes, 1 otherwise.

LAB_FORMAT=${LAB_FORMAT:-text}
case $LAB_FORMAT in
  text|json|junit) ;;
  *) echo "LAB_FORMAT must be text, json or junit (not '$LAB_FORMAT')" >&2; exit 2 ;;
esac

# lab_begin N MAX GUIDE: lab number, how many checks it has, the lab's instructions
# (named when a check fails).  Makes $TMP, a scratch folder removed at exit.
lab_begin() {
  LAB=$1 LAB_MAX=$2 LAB_GUIDE=$3
  lab_step="" lab_passed=0
  lab_checks=()  # one "step<TAB>result<TAB>what<TAB>why" a check
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/lab$LAB-check.XXXXXX")
  trap 'rm -rf "$TMP"' EXIT
}

# (a check is kept on one line: tabs and newlines become spaces)
lab_one_line() { printf '%s' "${1:0:2000}" | tr '\t\n' '  '; }

lab_say() { [ "$LAB_FORMAT" != text ] || printf '%s\n' "$*"; }

# step "K: name": starts step K
step() { lab_step=$1; lab_say "lab$LAB step $1"; }

# pass WHAT: one check passed
pass() {
  lab_say "  PASS $1"
  lab_passed=$((lab_passed + 1))
  lab_checks+=("${lab_step%%:*}"$'\t'pass$'\t'"$(lab_one_line "$1")"$'\t')
}

# fail WHAT [DETAIL]: the check failed; prints the report and exits 1
fail() {
  lab_checks+=("${lab_step%%:*}"$'\t'fail$'\t'"$(lab_one_line "$1")"$'\t'"$(lab_one_line "${2:-}")")
  if [ "$LAB_FORMAT" = text ]; then
    printf '  FAIL %s\n' "$1"
    [ -n "${2:-}" ] && printf '       %s\n' "$2"
    printf 'lab%s: not done yet (see %s)\n' "$LAB" "$LAB_GUIDE"
  fi
  lab_report
  exit 1
}

# lab_done MESSAGE: every check passed
lab_done() {
  lab_say "lab$LAB: done — $1"
  lab_report
  exit 0
}

# JSON and XML string escapes (control characters become spaces; detail is cut at 500 bytes)
lab_json_str() {
  local s=${1:0:500}
  s=${s//\\/\\\\} s=${s//\"/\\\"}
  printf '"%s"' "$(printf '%s' "$s" | tr '\000-\037' ' ')"
}
lab_xml_str() {
  printf '%s' "${1:0:500}" | tr '\000-\037' ' ' | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'
}

lab_json() {
  local sep="" c st res what why
  printf '{"lab": %d, "score": %d, "max": %d, "steps": [' "$LAB" "$lab_passed" "$LAB_MAX"
  for c in "${lab_checks[@]}"; do
    IFS=$'\t' read -r st res what why <<<"$c"
    printf '%s{"step": %s, "check": %s, "result": "%s", "score": %d' "$sep" "$(lab_json_str "$st")" \
      "$(lab_json_str "$what")" "$res" "$([ "$res" = pass ] && echo 1 || echo 0)"
    [ "$res" = fail ] && printf ', "why": %s' "$(lab_json_str "$why")"
    printf '}'
    sep=", "
  done
  printf ']}\n'
}

lab_junit() {
  local c st res what why failures=0 reached=${#lab_checks[@]}
  [ "$lab_passed" = "$reached" ] || failures=1
  printf '<?xml version="1.0" encoding="UTF-8"?>\n'
  printf '<testsuites name="rvdbt labs" tests="%d" failures="%d">\n' "$LAB_MAX" "$failures"
  printf '  <testsuite name="lab%d" tests="%d" failures="%d" skipped="%d">\n' "$LAB" "$LAB_MAX" "$failures" \
    "$((LAB_MAX - reached))"
  for c in "${lab_checks[@]}"; do
    IFS=$'\t' read -r st res what why <<<"$c"
    printf '    <testcase classname="lab%d.step%s" name="%s"' "$LAB" "$(lab_xml_str "$st")" "$(lab_xml_str "$what")"
    if [ "$res" = pass ]; then printf '/>\n'
    else printf '>\n      <failure message="%s">%s</failure>\n    </testcase>\n' "$(lab_xml_str "$what")" \
           "$(lab_xml_str "$why")"; fi
  done
  # the checks after a failure are not run: one skipped case stands for them
  [ "$reached" -lt "$LAB_MAX" ] &&
    printf '    <testcase classname="lab%d" name="%d checks not reached"><skipped/></testcase>\n' "$LAB" \
      "$((LAB_MAX - reached))"
  printf '  </testsuite>\n</testsuites>\n'
}

lab_report() {
  case $LAB_FORMAT in
    json) lab_json ;;
    junit) lab_junit ;;
  esac
  if [ -n "${LAB_REPORT_DIR:-}" ]; then
    mkdir -p "$LAB_REPORT_DIR" && lab_json >"$LAB_REPORT_DIR/lab$LAB.json" && lab_junit >"$LAB_REPORT_DIR/lab$LAB.xml"
  fi
}

# ---- running rvdbt ---------------------------------------------------------------
# (each sets $rc, $out and $err; the group's stderr goes to /dev/null so bash does
#  not announce a guest killed by a signal)

# run_user OPTIONS...: `rvdbt run OPTIONS... $ELF` (10 s limit)
run_user() {
  { timeout -k 2 10 "$RVDBT" run "$@" "$ELF" >"$TMP/out" 2>"$TMP/err" </dev/null; rc=$?; } 2>/dev/null
  out=$(cat "$TMP/out") err=$(head -c 2000 "$TMP/err")
}

# runs_right HINT OPTIONS...: each OPTIONS word list (e.g. "--engine=jit --no-fusion")
# runs $ELF; stdout must be $WANT and the status 0; HINT is added to a failure.
runs_right() {
  local hint=$1 opts; shift
  for opts in "$@"; do
    # shellcheck disable=SC2086
    run_user $opts
    if [ "$rc" = 0 ] && [ "$out" = "$WANT" ]; then pass "rvdbt run $opts"
    else fail "rvdbt run $opts: status $rc$hint" "${out:-$err}"; fi
  done
}

# boot ENGINE [OPTIONS...]: `rvdbt system` with the bare-metal $ELF as kernel (20 s limit)
boot() {
  local engine=$1; shift
  { timeout -k 2 20 "$RVDBT" system --engine="$engine" "$@" -bios none -kernel "$ELF" >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?; } 2>/dev/null
  out=$(cat "$TMP/out") err=$(head -c 2000 "$TMP/err")
}

# has N: did the guest program print "ok N ..."?
has() { grep -q "^ok $1 " <<<"$out"; }
