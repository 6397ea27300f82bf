# testsuite/tests/97-readme.sh — the README's examples, run again: each command shown
# with `$ ` in a fenced block must still print what the README says it prints (numbers,
# addresses and the checkout's path aside; `...` marks an excerpt).  Commands that need
# a debugger, perf, a Linux boot or minutes are not run here: they are listed with the
# group that tests them ("note:" lines, not counted).  testsuite/docs/readme_examples.py
# does the work.
# examples DOC LABEL [ROOT]: run DOC's examples through readme_examples.py, one
# pass/fail per command ("NOT RUN" ones as notes, not counted).
examples() {
  local doc=$1 label=$2 line rest; shift 2
  python3 testsuite/docs/readme_examples.py "$doc" "$BUILD" "$@" >"$TMP/$label.out" 2>&1
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "$label/${line#PASS }" ;;
      "FAIL "*) rest=${line#FAIL }; fail "$label/${rest%%: *}" "${rest#*: }" ;;
      "NOT RUN "*) printf 'note: %s/%s\n' "$label" "${line#NOT RUN }" ;;
      *) fail "$label/examples" "unexpected output: $line" ;;
    esac
  done <"$TMP/$label.out"
  [ -s "$TMP/$label.out" ] || fail "$label/examples" "no example found in $doc"
}

if ! command -v python3 >/dev/null; then
  skip "readme/*" "python3 not installed"
  skip "tour/*" "python3 not installed"
else
  examples README.md readme
  # docs/tour.md's commands too (`$ build/rvdbt ...`, run from the top of the tree): each
  # must still print what the tour shows, excerpts (`...`) and addresses aside.
  examples docs/tour.md tour .
fi
