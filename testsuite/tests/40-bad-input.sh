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
expect_error bad-input/directory 126 "is a directory" "$RVDBT" run "$TMP"
# endless files are refused before reading (/dev/zero was read up to 1 GiB; a FIFO with
# no writer blocked the open for ever)
rm -f "$TMP/fifo"; mkfifo "$TMP/fifo"
expect_error bad-input/dev-zero 126 "/dev/zero: not a regular file" "$RVDBT" run /dev/zero
expect_error bad-input/fifo 126 "fifo: not a regular file" "$RVDBT" run "$TMP/fifo"
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
# (user mode keeps the small decoded-instruction cache: the switch is system mode's alone)
expect_error bad-input/system-switch-for-run 2 "unknown option '--no-big-decode-cache'" "$RVDBT" run --no-big-decode-cache "$demo"
expect_error bad-input/unknown-engine 2 "unknown engine" "$RVDBT" run --engine=warp "$demo"
expect_error bad-input/missing-program 2 "missing PROGRAM" "$RVDBT" run --stats

# Hostile but well-formed ELF files (testsuite/fuzz/craft_elf.py; each program exits with
# status 42): segments that overlap each other (28 GiB each, a few KB of file) load within
# seconds, as Linux's mapping over each other does; too many program headers (Linux reads
# at most 4096 bytes of them: 73) and segments copying more than 1 GiB from the file are
# refused with one line.
if ! command -v python3 >/dev/null; then
  skip "bad-input/crafted-elf" "python3 not installed (it writes the files)"
else
  for kind in overlap2 overlap64 phnum-73 phnum-74 phnum-65535 odd-entry copy-bomb interp-forge; do
    python3 testsuite/fuzz/craft_elf.py $kind >"$TMP/$kind.elf"
  done
  for kind in overlap2 overlap64 phnum-73 odd-entry; do
    for engine in interp jit check; do
      start=$(date +%s%N)
      run_limited 20 "$RVDBT" run --engine=$engine "$TMP/$kind.elf"
      ms=$((($(date +%s%N) - start) / 1000000))
      if [ "$rc" = 42 ] && [ -z "$err" ] && [ "$ms" -lt 5000 ]; then pass "bad-input/$kind ($engine: loaded and ran in $ms ms)"
      else fail "bad-input/$kind ($engine)" "want status 42 within 5 s, nothing on stderr; got $rc after $ms ms: ${err:0:300}"; fi
    done
  done
  expect_error bad-input/phnum-74 126 "too many program headers (74; Linux accepts at most 73)" "$RVDBT" run "$TMP/phnum-74.elf"
  expect_error bad-input/phnum-65535 126 "too many program headers" "$RVDBT" run "$TMP/phnum-65535.elf"
  # a PT_INTERP path with a newline, a forged "rvdbt:" line and escape sequences is shown escaped,
  # on one line, with or without -L
  expect_error bad-input/interp-forge 127 'dynamic loader /lib/x\x0arvdbt: forged line\x1b[2J\x9b0m not found' \
    "$RVDBT" run "$TMP/interp-forge.elf"
  expect_error bad-input/interp-forge-sysroot 127 'x\x0arvdbt: forged line\x1b[2J\x9b0m: No such file' \
    "$RVDBT" run -L "$TMP" "$TMP/interp-forge.elf"
  expect_error bad-input/copy-bomb 126 "segments load more than 1024 MiB from the file in total" "$RVDBT" run "$TMP/copy-bomb.elf"
fi

# --help and -h of every command: status 0, the usage on stdout, nothing on stderr.
# (When the option list grew to 58 entries, --help's id became ':', which getopt
# returns for a missing value: every --help said "--help needs a value".)
for cmd in "" run explain system compare tui; do
  for flag in --help -h; do
    # shellcheck disable=SC2086
    run_limited 10 "$RVDBT" $cmd $flag
    if [ "$rc" = 0 ] && [ -z "$err" ] && grep -qE '^(usage: rvdbt|Options for system)' <<<"$out"; then
      pass "bad-input/help: rvdbt ${cmd:+$cmd }$flag"
    else fail "bad-input/help: rvdbt ${cmd:+$cmd }$flag" "status $rc, stderr: ${err:0:200}, stdout: ${out:0:100}"; fi
  done
done

# The program's own file truncated while it runs.  rvdbt maps a program's whole pages
# from its file (as Linux does, frontends/common/elf_loader.c), so the pages are gone:
# the guest dies of SIGBUS with one line on stderr, never a host crash or a hang.
# (Natively the truncation itself fails, ETXTBSY; a truncated library gives SIGBUS.)
# Untruncated, truncated.c calls its far function and prints "far: 42".
for kind in static dynamic; do
  if [ $kind = dynamic ] && [ ! -e /usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1 ]; then
    skip "bad-input/truncated.$kind" "no riscv64 cross glibc in /usr/riscv64-linux-gnu (libc6-riscv64-cross)"; continue
  fi
  run_limited 20 "$RVDBT" run -L /usr/riscv64-linux-gnu "$GUEST/usermode/truncated.$kind.elf" <<<"go"
  if [ "$rc" = 0 ] && [ "$out" = $'ready\nfar: 42' ]; then pass "bad-input/truncated.$kind untouched runs"
  else fail "bad-input/truncated.$kind untouched runs" "status $rc, stdout: ${out:0:100}, stderr: ${err:0:200}"; fi
  cp "$GUEST/usermode/truncated.$kind.elf" "$TMP/truncated.elf"
  rm -f "$TMP/truncated.in"; mkfifo "$TMP/truncated.in"
  "$RVDBT" run -L /usr/riscv64-linux-gnu "$TMP/truncated.elf" <"$TMP/truncated.in" >"$TMP/truncated.out" 2>"$TMP/truncated.err" &
  pid=$!
  exec 7>"$TMP/truncated.in"
  for _ in $(seq 400); do grep -q ready "$TMP/truncated.out" 2>/dev/null && break; sleep 0.05; done
  : >"$TMP/truncated.elf"
  echo go >&7
  exec 7>&-
  { timeout 30 tail --pid=$pid -f /dev/null; } 2>/dev/null || kill -KILL $pid 2>/dev/null
  wait $pid 2>/dev/null; rc=$?
  lines=$(grep -c . "$TMP/truncated.err")
  if [ "$rc" = 135 ] && [ "$lines" = 1 ] && grep -q "guest killed by SIGBUS" "$TMP/truncated.err" &&
     ! grep -q "far:" "$TMP/truncated.out"; then
    pass "bad-input/the program's file truncated under it ($kind): SIGBUS, one line, status 135"
  else fail "bad-input/the program's file truncated under it ($kind)" "status $rc, $lines lines on stderr: $(head -c 300 "$TMP/truncated.err"); stdout: $(head -c 100 "$TMP/truncated.out")"; fi
done
