# testsuite/tests/95-labs.sh — the student labs' checkers are honest: each FAILS on the
# tree as shipped and PASSES once the reference solution (docs/labs/solutions/*.patch)
# is applied to a scratch copy of the tree, built there from scratch.

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

# ---- lab 1: add Zbkb's pack/packh ----------------------------------------------
elf=$GUEST/labs/lab1_pack.elf
if [ ! -f "$elf" ]; then
  skip "labs/lab1" "$elf not built (make test-build builds it)"
else
  # The lab's expected values are right: qemu-riscv64 (with Zbb) passes every case.
  if command -v qemu-riscv64 >/dev/null; then
    run_limited 20 qemu-riscv64 -cpu rv64,zbkb=true "$elf"
    if [ "$rc" = 0 ] && [ "$out" = "lab1: all 20 cases pass" ]; then pass "labs/lab1-program-passes-under-qemu"
    else fail "labs/lab1-program-passes-under-qemu" "status $rc: $out $err"; fi
  else
    skip "labs/lab1-program-passes-under-qemu" "qemu-riscv64 not installed"
  fi
  run_limited 60 docs/labs/lab1/check.sh "$RVDBT" "$elf"
  if [ "$rc" = 1 ] && [[ "$out" == *"FAIL the interpreter does not know pack/packh yet"* ]]; then
    pass "labs/lab1-check-fails-as-shipped"
  else
    fail "labs/lab1-check-fails-as-shipped" "status $rc: ${out:0:400}"
  fi
  dir=$TMP/lab1-solution
  scratch_copy "$dir"
  if ! (cd "$dir" && patch -p1 -s <"$TOP/docs/labs/solutions/lab1.patch"); then
    fail "labs/lab1-check-passes-with-solution" "docs/labs/solutions/lab1.patch does not apply"
  else
    run_limited 240 "${student_make[@]}" -C "$dir" lab1-check
    if [ "$rc" = 0 ] && [[ "$out" == *"lab1: done"* ]] && [ "$(printf '%s\n' "$out" | grep -c '  PASS ')" = 6 ]; then
      pass "labs/lab1-check-passes-with-solution"
    else
      fail "labs/lab1-check-passes-with-solution" "status $rc: ${out:0:600} ${err:0:300}"
    fi
  fi
fi

# ---- lab 2: add a memory-mapped device (a Goldfish RTC) ----------------------
elf=$GUEST/labs/lab2_rtc.elf
if [ ! -f "$elf" ]; then
  skip "labs/lab2" "$elf not built (make test-build builds it; needs riscv64-unknown-elf-gcc)"
else
  # The lab's expected values are right: QEMU's virt board has this device, and the
  # program passes there.
  if command -v qemu-system-riscv64 >/dev/null; then
    run_limited 20 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$elf"
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS lab2"* ]]; then pass "labs/lab2-program-passes-under-qemu-system"
    else fail "labs/lab2-program-passes-under-qemu-system" "status $rc: ${out:0:400} $err"; fi
  else
    skip "labs/lab2-program-passes-under-qemu-system" "qemu-system-riscv64 not installed"
  fi
  run_limited 60 docs/labs/lab2/check.sh "$RVDBT" "$elf"
  if [ "$rc" = 1 ] && [[ "$out" == *'FAIL the device tree has no node compatible with "google,goldfish-rtc" yet'* ]]; then
    pass "labs/lab2-check-fails-as-shipped"
  else
    fail "labs/lab2-check-fails-as-shipped" "status $rc: ${out:0:400}"
  fi
  dir=$TMP/lab2-solution
  scratch_copy "$dir"
  if ! (cd "$dir" && patch -p1 -s <"$TOP/docs/labs/solutions/lab2.patch"); then
    fail "labs/lab2-check-passes-with-solution" "docs/labs/solutions/lab2.patch does not apply"
  else
    # the solution's unit test of the device, then the checker
    run_limited 240 "${student_make[@]}" -C "$dir" build/unit/test_devices lab2-check
    unit_out=$out
    [ "$rc" = 0 ] && run_limited 20 "$dir/build/unit/test_devices"
    if [ "$rc" = 0 ] && [[ "$unit_out" == *"lab2: done"* ]] && [ "$(printf '%s\n' "$unit_out" | grep -c '  PASS ')" = 6 ] &&
       [[ "$out" == *"[       OK ] goldfish_rtc_latches_and_sets_the_time"* ]]; then
      pass "labs/lab2-check-passes-with-solution"
    else
      fail "labs/lab2-check-passes-with-solution" "status $rc: ${unit_out:0:600} ${out:0:300} ${err:0:300}"
    fi
  fi
fi

# ---- lab 3: measure chaining, the register cache, the inline TLB -------------------
run_limited 60 docs/labs/lab3/check.sh "$RVDBT" "$TOP/docs/labs/lab3/results.txt"
if [ "$rc" = 1 ] && [[ "$out" == *"results.txt does not exist"* ]]; then pass "labs/lab3-check-fails-as-shipped"
else fail "labs/lab3-check-fails-as-shipped" "status $rc: ${out:0:400}"; fi
if ! command -v valgrind >/dev/null; then
  skip "labs/lab3-check-passes-with-solution" "valgrind not installed (the checker re-measures with callgrind)"
else
  dir=$TMP/lab3-solution
  scratch_copy "$dir"
  if ! (cd "$dir" && patch -p1 -s <"$TOP/docs/labs/solutions/lab3.patch"); then
    fail "labs/lab3-check-passes-with-solution" "docs/labs/solutions/lab3.patch does not apply"
  else
    # A results file whose ranking contradicts its own numbers is refused (no callgrind needed).
    sed 's/^ranking: .*/ranking: regcache, chain, inline-tlb/' "$dir/docs/labs/lab3/results.txt" >"$TMP/lab3-wrong.txt"
    run_limited 60 docs/labs/lab3/check.sh "$RVDBT" "$TMP/lab3-wrong.txt"
    if [ "$rc" = 1 ] && [[ "$out" == *"does not follow from your own minstr numbers"* ]]; then
      pass "labs/lab3-check-refuses-a-wrong-ranking"
    else
      fail "labs/lab3-check-refuses-a-wrong-ranking" "status $rc: ${out:0:400}"
    fi
    run_limited 300 "${student_make[@]}" -C "$dir" lab3-check
    if [ "$rc" = 0 ] && [[ "$out" == *"lab3: done"* ]] && [ "$(printf '%s\n' "$out" | grep -c '  PASS ')" = 3 ]; then
      pass "labs/lab3-check-passes-with-solution"
    else
      fail "labs/lab3-check-passes-with-solution" "status $rc: ${out:0:600} ${err:0:300}"
    fi
  fi
fi

# ---- lab 4: Sv48 in the system-mode MMU ---------------------------------------------
elf=$GUEST/labs/lab4_sv48.elf
if [ ! -f "$elf" ]; then
  skip "labs/lab4" "$elf not built (make test-build builds it; needs riscv64-unknown-elf-gcc)"
else
  # The lab's expected values are right: QEMU's harts have Sv48, and the program passes there.
  if command -v qemu-system-riscv64 >/dev/null; then
    run_limited 20 qemu-system-riscv64 -M virt -bios none -nographic -kernel "$elf"
    if [ "$rc" = 0 ] && [[ "$out" == *"PASS lab4"* ]]; then pass "labs/lab4-program-passes-under-qemu-system"
    else fail "labs/lab4-program-passes-under-qemu-system" "status $rc: ${out:0:400} $err"; fi
  else
    skip "labs/lab4-program-passes-under-qemu-system" "qemu-system-riscv64 not installed"
  fi
  run_limited 60 docs/labs/lab4/check.sh "$RVDBT" "$elf"
  if [ "$rc" = 1 ] && [[ "$out" == *"FAIL a write of satp with MODE = 9 (Sv48) does not stay"* ]]; then
    pass "labs/lab4-check-fails-as-shipped"
  else
    fail "labs/lab4-check-fails-as-shipped" "status $rc: ${out:0:400}"
  fi
  # the grader's output: one JSON object with the score
  LAB_FORMAT=json run_limited 60 docs/labs/lab4/check.sh "$RVDBT" "$elf"
  if [ "$rc" = 1 ] && printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["lab"] == 4 and d["score"] == 0 and d["max"] == 7 and d["steps"][-1]["result"] == "fail"))'; then
    pass "labs/lab4-check-json-as-shipped (valid JSON, score 0 of 7)"
  else
    fail "labs/lab4-check-json-as-shipped" "status $rc: ${out:0:400}"
  fi
  dir=$TMP/lab4-solution
  scratch_copy "$dir"
  if ! (cd "$dir" && patch -p1 -s <"$TOP/docs/labs/solutions/lab4.patch"); then
    fail "labs/lab4-check-passes-with-solution" "docs/labs/solutions/lab4.patch does not apply"
  else
    run_limited 240 "${student_make[@]}" -C "$dir" lab4-check
    if [ "$rc" = 0 ] && [[ "$out" == *"lab4: done"* ]] && [ "$(printf '%s\n' "$out" | grep -c '  PASS ')" = 7 ]; then
      pass "labs/lab4-check-passes-with-solution"
      LAB_FORMAT=json run_limited 60 "$dir/docs/labs/lab4/check.sh" "$dir/build/rvdbt" "$dir/build/guest/labs/lab4_sv48.elf"
      if [ "$rc" = 0 ] && printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(not (d["score"] == 7 and all(s["result"] == "pass" for s in d["steps"])))'; then
        pass "labs/lab4-check-json-with-solution (score 7 of 7)"
      else
        fail "labs/lab4-check-json-with-solution" "status $rc: ${out:0:400}"
      fi
    else
      fail "labs/lab4-check-passes-with-solution" "status $rc: ${out:0:600} ${err:0:300}"
    fi
  fi
fi
