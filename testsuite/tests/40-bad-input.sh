# testsuite/tests/40-bad-input.sh — every bad input ends with one clear line on stderr
# and a meaningful exit status: never a crash (status >= 128) or a hang.
# (expect_error is in run-tests.sh)
demo=$GUEST/demo/primes.elf
printf 'hello\n' >"$TMP/text.txt"
head -c 40 "$demo" >"$TMP/trunc-header.elf"
head -c 300 "$demo" >"$TMP/trunc-segments.elf"
: >"$TMP/empty.elf"
# an ELF whose program header offset points far outside the file
cp "$demo" "$TMP/bad-phoff.elf"; printf '\xff\xff\xff\x7f' | dd of="$TMP/bad-phoff.elf" bs=1 seek=32 conv=notrunc status=none
# an ELF whose entry point is not in executable memory
cp "$demo" "$TMP/bad-entry.elf"; printf '\x00\x00\x00\x10' | dd of="$TMP/bad-entry.elf" bs=1 seek=24 conv=notrunc status=none
# a 32-bit class byte
cp "$demo" "$TMP/elf32.elf"; printf '\x01' | dd of="$TMP/elf32.elf" bs=1 seek=4 conv=notrunc status=none

expect_error bad-input/missing-file 127 "No such file" "$RVDBT" run "$TMP/does-not-exist"
expect_error bad-input/directory 126 "" "$RVDBT" run "$TMP"
expect_error bad-input/text-file 126 "not an ELF file" "$RVDBT" run "$TMP/text.txt"
expect_error bad-input/empty-file 126 "not an ELF file" "$RVDBT" run "$TMP/empty.elf"
expect_error bad-input/truncated-header 126 "truncated" "$RVDBT" run "$TMP/trunc-header.elf"
expect_error bad-input/truncated-segments 126 "outside the file" "$RVDBT" run "$TMP/trunc-segments.elf"
expect_error bad-input/hostile-phoff 126 "outside the file" "$RVDBT" run "$TMP/bad-phoff.elf"
expect_error bad-input/bad-entry 126 "entry point" "$RVDBT" run "$TMP/bad-entry.elf"
expect_error bad-input/elf32 126 "not a 64-bit ELF" "$RVDBT" run "$TMP/elf32.elf"
expect_error bad-input/x86-64-program 126 "not a RISC-V program" "$RVDBT" run /bin/true
expect_error bad-input/no-arguments 2 "usage" "$RVDBT"
expect_error bad-input/unknown-command 2 "unknown command" "$RVDBT" frobnicate
expect_error bad-input/unknown-option 2 "unknown option" "$RVDBT" run --frobnicate "$demo"
expect_error bad-input/near-miss-option 2 "unknown option '--stat' (did you mean '--stats'?)" "$RVDBT" run --stat "$demo"
expect_error bad-input/system-option-for-run 2 "unknown option '-kernel'" "$RVDBT" run -kernel x "$demo"
expect_error bad-input/unknown-engine 2 "unknown engine" "$RVDBT" run --engine=warp "$demo"
expect_error bad-input/missing-program 2 "missing PROGRAM" "$RVDBT" run --stats
