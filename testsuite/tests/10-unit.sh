# testsuite/tests/10-unit.sh — the cmocka unit tests (decoder, disassembler, softfloat, ...).
# Every cmocka test case counts as one test; cmocka's TAP output is parsed.
for bin in "$BUILD"/unit/test_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  CMOCKA_MESSAGE_OUTPUT=TAP timeout -k 5 600 "$bin" >"$TMP/tap" 2>&1
  rc=$?
  seen=0
  while IFS= read -r line; do
    case "$line" in
      "ok "*) seen=1; pass "$name: ${line#ok * - }" ;;
      "not ok "*"# SKIP"*) seen=1; skip "$name: ${line##*# SKIP }" "skipped by the test (see its output)" ;;
      "not ok - "*) ;; # cmocka's group summary line
      "not ok "*) seen=1; fail "$name: ${line#not ok * - }" "$(grep -A3 -F "$line" "$TMP/tap" | sed -n '2,4p' | tr '\n' ' ')" ;;
    esac
  done <"$TMP/tap"
  if [ "$seen" = 0 ]; then fail "$name" "no test results (exit status $rc): $(tail -3 "$TMP/tap" | tr '\n' ' ')"; fi
done
