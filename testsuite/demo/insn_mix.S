/* testsuite/demo/insn_mix.S — a loop with a known instruction mix, for
 * `rvdbt run --stats-chart=DIR` (README, testsuite/tests/60-explain.sh).
 *
 * 100000 iterations; each runs 4 mul, 3 xor, andi, beq, addi and bne, and
 * every odd one also the 5 sub between `odd` and `join`: the mix is
 * mul 400000, xor 300000, sub 250000, then the four 100000s.  The branch to
 * `join` skips the subs in the middle of the block, so counting them right
 * needs the counters of that skip.  No compressed instructions, so objdump
 * -M no-aliases names them exactly as rvdbt does.  Exit status 0. */
    .option norvc
    .globl _start
_start:
    li a0, 100000
    li a2, 3
    li a3, 5
loop:
    mul a2, a2, a3
    mul a2, a2, a3
    mul a2, a2, a3
    mul a2, a2, a3
    xor a4, a4, a2
    xor a4, a4, a2
    xor a4, a4, a2
    andi t0, a0, 1
    beqz t0, join
odd:
    sub a5, a5, a2
    sub a5, a5, a2
    sub a5, a5, a2
    sub a5, a5, a2
    sub a5, a5, a2
join:
    addi a0, a0, -1
    bnez a0, loop
end:
    li a0, 0
    li a7, 93
    ecall
