# testsuite/tests/80-system-qemu-log.sh — system mode's logs against QEMU's, instruction by
# instruction (testsuite/system/compare_qemu_log.py does the comparing):
#  - `rvdbt system --trace` of bare-metal programs (self-modifying code, Sv39 with page
#    faults, FP flags with a trap) against `qemu-system-riscv64 -M virt -d
#    in_asm,exec,nochain` with one instruction per translation block (QEMU 7.2:
#    -singlestep; from 8.1: -accel tcg,one-insn-per-tb=on): the same pcs and instruction
#    words in the same order, QEMU's extra entries being exactly the instructions that
#    trapped (at the pcs of rvdbt's -d int log).  (Not traps.elf: its fetch from address
#    0x40 makes QEMU 7.2's in_asm log loop forever.)
#  - `rvdbt system -d int` against `qemu-system-riscv64 -d int`: every trap with the same
#    cause, epc and tval (ebreak's tval: 0 in QEMU 7.2, the pc in rvdbt, both allowed),
#    under every engine.
SYS=$GUEST/system
if ! command -v qemu-system-riscv64 >/dev/null || ! command -v python3 >/dev/null; then
  skip "system-qemu-log/*" "needs qemu-system-riscv64 (qemu-system-misc) and python3"
else
  if qemu-system-riscv64 -version | grep -qE 'version ([0-7]\.|8\.0\.)'; then one_insn=(-singlestep)
  else one_insn=(-accel tcg,one-insn-per-tb=on); fi
  # QEMU under a size limit (a run that loops would fill the disk with its log) and SIGKILL
  qemu_log() { # qemu_log LOGFILE ITEMS ELF [ARGS...]
    local log=$1 items=$2 elf=$3; shift 3
    ( ulimit -f 200000; timeout -s KILL 60 qemu-system-riscv64 -M virt -bios none -nographic -display none \
        -kernel "$elf" -d "$items" -D "$log" "$@" >/dev/null 2>&1 </dev/null )
  }
  for p in smc sv39 fp_flags; do
    elf=$SYS/$p.elf
    if [ ! -f "$elf" ]; then fail "system-qemu-log/--trace $p" "$elf not built"; continue; fi
    rm -f "$TMP/q.log" "$TMP/r.trace" "$TMP/r.int"
    run_limited 60 "$RVDBT" system -bios none -kernel "$elf" --trace-file "$TMP/r.trace" -d int -D "$TMP/r.int"
    rrc=$rc
    qemu_log "$TMP/q.log" in_asm,exec,nochain "$elf" "${one_insn[@]}"
    res=$(python3 testsuite/system/compare_qemu_log.py trace "$TMP/r.trace" "$TMP/q.log" "$TMP/r.int")
    if [ "$rrc" = 0 ] && [[ "$res" == ok:* ]]; then pass "system-qemu-log/--trace $p = QEMU's -d in_asm,exec (${res#ok: })"
    else fail "system-qemu-log/--trace $p" "rvdbt status $rrc; $res"; fi
    if [ "$p" = smc ]; then
      # the comparison can fail: the same logs with one instruction of rvdbt's left out
      sed '5000d' "$TMP/r.trace" >"$TMP/r-cut.trace"
      res=$(python3 testsuite/system/compare_qemu_log.py trace "$TMP/r-cut.trace" "$TMP/q.log" "$TMP/r.int")
      if [[ "$res" == FAIL:* ]]; then pass "system-qemu-log/--trace comparison notices one missing instruction"
      else fail "system-qemu-log/--trace comparison with an instruction left out" "$res"; fi
    fi
    rm -f "$TMP/q.log" "$TMP/r.trace" "$TMP/r-cut.trace"
  done
  for p in traps sv39; do
    elf=$SYS/$p.elf
    [ -f "$elf" ] || { fail "system-qemu-log/-d int $p" "$elf not built"; continue; }
    rm -f "$TMP/qi.log"
    qemu_log "$TMP/qi.log" int "$elf"
    for engine in interp jit check; do
      rm -f "$TMP/ri.log"
      run_limited 60 "$RVDBT" system --engine=$engine -bios none -kernel "$elf" -d int -D "$TMP/ri.log"
      res=$(python3 testsuite/system/compare_qemu_log.py int "$TMP/ri.log" "$TMP/qi.log")
      if [ "$rc" = 0 ] && [[ "$res" == ok:* ]]; then pass "system-qemu-log/-d int $p under $engine = QEMU's -d int (${res#ok: })"
      else fail "system-qemu-log/-d int $p under $engine" "status $rc; $res"; fi
    done
  done
  # ... and notices a wrong tval
  rm -f "$TMP/qi.log"
  qemu_log "$TMP/qi.log" int "$SYS/traps.elf"
  run_limited 60 "$RVDBT" system -bios none -kernel "$SYS/traps.elf" -d int -D "$TMP/ri.log"
  sed -E '0,/tval 0x8 /s//tval 0x10 /' "$TMP/ri.log" >"$TMP/ri-bad.log"
  res=$(python3 testsuite/system/compare_qemu_log.py int "$TMP/ri-bad.log" "$TMP/qi.log")
  if [[ "$res" == FAIL:*"trap 5 differs"* ]]; then pass "system-qemu-log/-d int comparison notices a wrong tval"
  else fail "system-qemu-log/-d int comparison with a wrong tval" "$res"; fi
fi
