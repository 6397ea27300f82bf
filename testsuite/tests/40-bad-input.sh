# testsuite/tests/40-bad-input.sh — every bad input ends with one clear line on stderr
# and a meaningful exit status: never a crash (status >= 128) or a hang.
# Usage: expect_error NAME WANT_STATUS WANT_TEXT cmd...
expect_error() {
  local name=$1 want=$2 text=$3; shift 3
  run_limited 20 "$@"
  local lines
  lines=$(printf '%s\n' "$err" | grep -c .)
  if [ "$rc" = "$want" ] && [ "$lines" = 1 ] && [[ "$err" == *"$text"* ]]; then pass "bad-input/$name"
  else fail "bad-input/$name" "want status $want and one line with '$text'; got $rc, ${lines} lines: ${err:0:300}"; fi
}
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

expect_error missing-file 127 "No such file" "$RVDBT" run "$TMP/does-not-exist"
expect_error directory 126 "" "$RVDBT" run "$TMP"
expect_error text-file 126 "not an ELF file" "$RVDBT" run "$TMP/text.txt"
expect_error empty-file 126 "not an ELF file" "$RVDBT" run "$TMP/empty.elf"
expect_error truncated-header 126 "truncated" "$RVDBT" run "$TMP/trunc-header.elf"
expect_error truncated-segments 126 "outside the file" "$RVDBT" run "$TMP/trunc-segments.elf"
expect_error hostile-phoff 126 "outside the file" "$RVDBT" run "$TMP/bad-phoff.elf"
expect_error bad-entry 126 "entry point" "$RVDBT" run "$TMP/bad-entry.elf"
expect_error elf32 126 "not a 64-bit ELF" "$RVDBT" run "$TMP/elf32.elf"
expect_error x86-64-program 126 "not a RISC-V program" "$RVDBT" run /bin/true
expect_error no-arguments 2 "usage" "$RVDBT"
expect_error unknown-command 2 "unknown command" "$RVDBT" frobnicate
expect_error unknown-option 2 "unknown option" "$RVDBT" run --frobnicate "$demo"
expect_error unknown-engine 2 "unknown engine" "$RVDBT" run --engine=warp "$demo"
expect_error missing-program 2 "missing PROGRAM" "$RVDBT" run --stats
