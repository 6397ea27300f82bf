# testsuite/tests/60-explain.sh — --explain lists exactly the guest instructions of each
# block, as objdump prints them (objdump is the oracle), and the program still runs right.
elf=$GUEST/demo/tiny_loop.elf
if ! command -v riscv64-linux-gnu-objdump >/dev/null; then
  skip "explain/tiny_loop" "riscv64-linux-gnu-objdump not installed"
else
  run_limited 20 "$RVDBT" run --explain "$elf"
  # guest lines of the loop block: "  10110: add a0,a0,a1"
  ours=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1; next} /^== block/{p=0} p && /^  [0-9a-f]+: /' | sed 's/^ *//')
  theirs=$(riscv64-linux-gnu-objdump -d "$elf" | awk -F'\t' '/^ *1011[0-9a-f]:/ { sub(/^ */, "", $1); sub(/ <.*/, "", $4);
            print $1 " " $3 ($4 != "" ? " " $4 : "") }' | awk '$1 >= "10110:" && $1 <= "10114:"')
  host_lines=$(printf '%s\n' "$err" | awk '/^== block 0x10110:/{p=1; next} /^== block/{p=0} p && /^        [0-9a-f]+:  /' | wc -l)
  if [ "$rc" = 55 ] && [ -n "$ours" ] && [ "$ours" = "$theirs" ] && [ "$host_lines" -gt 5 ]; then
    pass "explain/tiny_loop (guest lines = objdump's, $host_lines host instructions)"
  else
    fail "explain/tiny_loop" "status $rc; ours: [$ours] objdump: [$theirs] host lines: $host_lines"
  fi
fi

# --perf-map: /tmp/perf-PID.map names each block's host code by its guest pc (Linux perf's
# JIT symbol format: "START SIZE NAME"); the loop block at 0x10110 must be there.
"$RVDBT" run --perf-map "$elf" >/dev/null 2>&1 &
pid=$!
wait $pid
rc=$?
map=/tmp/perf-$pid.map
if [ "$rc" = 55 ] && [ -s "$map" ] && grep -qE '^[0-9a-f]+ [0-9a-f]+ rv:10110$' "$map" &&
   ! grep -vqE '^[0-9a-f]+ [0-9a-f]+ rv:[0-9a-f]+$' "$map"; then
  pass "explain/perf-map ($(wc -l <"$map") blocks named)"
else
  fail "explain/perf-map" "status $rc; $map: $(head -3 "$map" 2>/dev/null | tr '\n' ' ')"
fi
rm -f "$map"
