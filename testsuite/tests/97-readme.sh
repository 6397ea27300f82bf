# testsuite/tests/97-readme.sh — the README's examples, run again: each command shown
# with `$ ` in a fenced block must still print what the README says it prints (numbers,
# addresses and the checkout's path aside; `...` marks an excerpt).  Commands that need
# a debugger, perf, a Linux boot or minutes are not run here: they are listed with the
# group that tests them ("note:" lines, not counted).  testsuite/docs/readme_examples.py
# does the work.
if ! command -v python3 >/dev/null; then
  skip "readme/*" "python3 not installed"
else
  python3 testsuite/docs/readme_examples.py README.md "$BUILD" >"$TMP/readme.out" 2>&1
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "readme/${line#PASS }" ;;
      "FAIL "*) rest=${line#FAIL }; fail "readme/${rest%%: *}" "${rest#*: }" ;;
      "NOT RUN "*) printf 'note: readme/%s\n' "${line#NOT RUN }" ;;
      *) fail "readme/examples" "unexpected output: $line" ;;
    esac
  done <"$TMP/readme.out"
fi

# docs/tour.md's commands too (`$ build/rvdbt ...`, run from the top of the tree): each
# must still print what the tour shows, excerpts (`...`) and addresses aside.
if command -v python3 >/dev/null; then
  python3 testsuite/docs/readme_examples.py docs/tour.md "$BUILD" . >"$TMP/tour.out" 2>&1
  while IFS= read -r line; do
    case $line in
      "PASS "*) pass "tour/${line#PASS }" ;;
      "FAIL "*) rest=${line#FAIL }; fail "tour/${rest%%: *}" "${rest#*: }" ;;
      "NOT RUN "*) printf 'note: tour/%s\n' "${line#NOT RUN }" ;;
      *) fail "tour/examples" "unexpected output: $line" ;;
    esac
  done <"$TMP/tour.out"
  [ -s "$TMP/tour.out" ] || fail "tour/examples" "no example found in docs/tour.md"
fi
