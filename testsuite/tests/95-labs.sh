# testsuite/tests/95-labs.sh — the student labs' checkers are honest: each FAILS on the
# tree as shipped and PASSES once the reference solution (docs/labs/solutions/*.patch)
# is applied to a scratch copy of the tree, built there from scratch; and in both
# cases their grader output (LAB_FORMAT=json, LAB_FORMAT=junit) parses and scores
# what the text says.

# make in the scratch copy, as a student would type it: not a sub-make of `make test`
# (whose MAKEFLAGS and environment would pass SANITIZE=1 on; callgrind cannot run an ASan binary).
student_make=(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u SANITIZE -u EXTRA_CFLAGS make -s -j2)

# Copies the source tree (what git tracks or would track, no build output) to $1.
scratch_copy() {
  mkdir -p "$1"
  if git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$TOP" && git ls-files -co --exclude-standard -z | tar --null -cf - -T - 2>/dev/null) | tar -xf - -C "$1"
  else
    (cd "$TOP" && tar --exclude=./build -cf - .) | tar -xf - -C "$1"
  fi
}

# Checks a checker's grader report: FORMAT (json or junit), FILE, lab N, MAX checks,
# and WANT: "fail" (a first check failed: score 0, one failure) or "pass" (MAX of MAX).
report_ok() {
  python3 - "$@" <<'PY'
import json, sys, xml.etree.ElementTree as ET
fmt, path, lab, most, want = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
text = open(path).read()
if fmt == "json":
    d = json.loads(text)
    results = [s["result"] for s in d["steps"]]
    ok = d["lab"] == lab and d["max"] == most and d["score"] == sum(s["score"] for s in d["steps"]) and \
         d["score"] == results.count("pass")
    ok = ok and (results == ["pass"] * most if want == "pass" else (results[-1:] == ["fail"] and d["score"] < most))
else:
    suite = ET.fromstring(text).find("testsuite")
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    plain = [c for c in cases if len(c) == 0]
    ok = suite.get("name") == "lab%d" % lab and int(suite.get("tests")) == most
    ok = ok and (len(plain) == most and not failures if want == "pass" else
                 len(failures) == 1 and int(suite.get("failures")) == 1 and len(plain) < most)
sys.exit(0 if ok else 1)
PY
}

# prove_lab N MAX SHIPPED_FAIL INPUT [MAKE_TARGETS...]: lab N's checker fails as shipped
# with the text SHIPPED_FAIL (and says so in JSON and JUnit XML), and passes all MAX
# checks once solutions/labN.patch is applied to a scratch copy ($TMP/labN-solution),
# where `make MAKE_TARGETS labN-check` builds and checks everything (and writes the
# JSON and XML reports through LAB_REPORT_DIR).  INPUT is the checker's second argument:
# guest:PATH (under the guest build folder) or tree:PATH (in the source tree).
# Set LAB_NEEDS=PROGRAM when the passing run needs a tool that may be missing.
prove_lab() {
  local n=$1 most=$2 shipped=$3 input=$4 fmt dir
  shift 4
  local here=$TOP/${input#tree:}
  [[ $input == guest:* ]] && here=$GUEST/${input#guest:}
  if [ ! -f "$here" ] && [[ $input == guest:* ]]; then
    skip "labs/lab$n" "$here not built (make test-build builds it; lab 2 and 4 need riscv64-unknown-elf-gcc)"
    return
  fi
  run_limited 60 "docs/labs/lab$n/check.sh" "$RVDBT" "$here"
  if [ "$rc" = 1 ] && [[ "$out" == *"FAIL $shipped"* ]]; then pass "labs/lab$n-check-fails-as-shipped"
  else fail "labs/lab$n-check-fails-as-shipped" "status $rc: ${out:0:400}"; fi
  for fmt in json junit; do
    LAB_FORMAT=$fmt run_limited 60 "docs/labs/lab$n/check.sh" "$RVDBT" "$here"
    printf '%s\n' "$out" >"$TMP/lab$n-report"
    if [ "$rc" = 1 ] && report_ok "$fmt" "$TMP/lab$n-report" "$n" "$most" fail; then
      pass "labs/lab$n-check-$fmt-as-shipped (valid, one failure, score below $most)"
    else
      fail "labs/lab$n-check-$fmt-as-shipped" "status $rc: ${out:0:400}"
    fi
  done
  if [ -n "${LAB_NEEDS:-}" ] && ! command -v "$LAB_NEEDS" >/dev/null; then
    skip "labs/lab$n-check-passes-with-solution" "$LAB_NEEDS not installed"
    return
  fi
  dir=$TMP/lab$n-solution
  scratch_copy "$dir"
  if ! (cd "$dir" && patch -p1 -s <"$TOP/docs/labs/solutions/lab$n.patch"); then
    fail "labs/lab$n-check-passes-with-solution" "docs/labs/solutions/lab$n.patch does not apply"
    return
  fi
  LAB_REPORT_DIR=$TMP/lab$n-reports run_limited 300 "${student_make[@]}" -C "$dir" "$@" "lab$n-check"
  if [ "$rc" = 0 ] && [[ "$out" == *"lab$n: done"* ]] && [ "$(printf '%s\n' "$out" | grep -c '  PASS ')" = "$most" ]; then
    pass "labs/lab$n-check-passes-with-solution"
  else
    fail "labs/lab$n-check-passes-with-solution" "status $rc: ${out:0:600} ${err:0:300}"
  fi
  for fmt in json junit; do
    if report_ok "$fmt" "$TMP/lab$n-reports/lab$n.$([ $fmt = json ] && echo json || echo xml)" "$n" "$most" pass; then
      pass "labs/lab$n-check-$fmt-with-solution (valid, $most of $most)"
    else
      fail "labs/lab$n-check-$fmt-with-solution" "$(head -c 400 "$TMP/lab$n-reports/lab$n".* 2>&1)"
    fi
  done
}

# ---- lab 1: add Zbkb's pack/packh ----------------------------------------------
# The lab's expected values are right: qemu-riscv64 (with Zbkb) passes every case.
elf=$GUEST/labs/lab1_pack.elf
if ! command -v qemu-riscv64 >/dev/null; then skip "labs/lab1-program-passes-under-qemu" "qemu-riscv64 not installed"
elif [ -f "$elf" ]; then
  run_limited 20 qemu-riscv64 -cpu rv64,zbkb=true "$elf"
  if [ "$rc" = 0 ] && [ "$out" = "lab1: all 20 cases pass" ]; then pass "labs/lab1-program-passes-under-qemu"
  else fail "labs/lab1-program-passes-under-qemu" "status $rc: $out $err"; fi
fi
prove_lab 1 6 "the interpreter does not know pack/packh yet" guest:labs/lab1_pack.elf

# ---- lab 2: add a memory-mapped device (a Goldfish RTC) ----------------------
# The lab's expected values are right: QEMU's virt board has this device, and the
# program passes there.  Lab 4's program likewise (QEMU's harts have Sv48).
for lab in lab2_rtc lab4_sv48; do
  elf=$GUEST/labs/$lab.elf
  if ! command -v qemu-system-riscv64 >/dev/null; then
    skip "labs/$lab-program-passes-under-qemu-system" "qemu-system-riscv64 not installed"
  elif [ -f "$elf" ]; then
    run_limited 20 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$elf"
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS ${lab%_*}"* ]]; then pass "labs/$lab-program-passes-under-qemu-system"
    else fail "labs/$lab-program-passes-under-qemu-system" "status $rc: ${out:0:400} $err"; fi
  fi
done
prove_lab 2 6 'the device tree has no node compatible with "google,goldfish-rtc" yet' guest:labs/lab2_rtc.elf \
  build/unit/test_devices
# the solution's unit test of the device
if [ -x "$TMP/lab2-solution/build/unit/test_devices" ]; then
  run_limited 20 "$TMP/lab2-solution/build/unit/test_devices"
  if [ "$rc" = 0 ] && [[ "$out" == *"[       OK ] goldfish_rtc_latches_and_sets_the_time"* ]]; then
    pass "labs/lab2-solution-unit-test"
  else
    fail "labs/lab2-solution-unit-test" "status $rc: ${out:0:300} ${err:0:300}"
  fi
fi

# ---- lab 3: measure chaining, the register cache, the inline TLB -------------------
# (the checker re-measures with callgrind)
LAB_NEEDS=valgrind prove_lab 3 3 "$TOP/docs/labs/lab3/results.txt does not exist" tree:docs/labs/lab3/results.txt
if [ -f "$TMP/lab3-solution/docs/labs/lab3/results.txt" ]; then
  # A results file whose ranking contradicts its own numbers is refused (no callgrind needed).
  sed 's/^ranking: .*/ranking: regcache, chain, inline-tlb/' "$TMP/lab3-solution/docs/labs/lab3/results.txt" >"$TMP/lab3-wrong.txt"
  run_limited 60 docs/labs/lab3/check.sh "$RVDBT" "$TMP/lab3-wrong.txt"
  if [ "$rc" = 1 ] && [[ "$out" == *"does not follow from your own minstr numbers"* ]]; then
    pass "labs/lab3-check-refuses-a-wrong-ranking"
  else
    fail "labs/lab3-check-refuses-a-wrong-ranking" "status $rc: ${out:0:400}"
  fi
fi

# ---- lab 4: Sv48 in the system-mode MMU ---------------------------------------------
prove_lab 4 7 "a write of satp with MODE = 9 (Sv48) does not stay" guest:labs/lab4_sv48.elf

# ---- lab 5: fuse lui+jalr into a direct exit (translator/lab5_fusion.c) -------------
prove_lab 5 7 "0 of the 3 lui+jalr pairs are fused" guest:labs/lab5_jumps.elf

# ---- make labs-check: every checker, one summed report ---------------------------------
if [ -f "$GUEST/labs/lab4_sv48.elf" ] && [ -f "$GUEST/labs/lab2_rtc.elf" ]; then
  LAB_FORMAT=json run_limited 120 docs/labs/check-all.sh "$RVDBT" "$GUEST"
  if [ "$rc" = 1 ] && printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (
        [l["lab"] for l in d["labs"]] == [1, 2, 3, 4, 5] and d["max"] == sum(l["max"] for l in d["labs"]) and d["score"] == 4))'; then
    pass "labs/labs-check-json (every lab, valid, score 4 as shipped: lab 5 step 1)"
  else
    fail "labs/labs-check-json" "status $rc: ${out:0:400}"
  fi
fi
