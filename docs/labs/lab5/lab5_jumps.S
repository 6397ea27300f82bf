/*
 * docs/labs/lab5/lab5_jumps.S — the guest program of lab 5: calls and jumps to
 * absolute addresses, `lui t1, %hi(f); jalr rl, %lo(f)(t1)`.
 *
 * Each of the N = 1000000 rounds makes four jumps whose target is only known
 * to the hardware from a register:
 *   1. a call of add3 through lui+jalr (link in ra),
 *   2. add3's return (ret = jalr zero, 0(ra): a real indirect jump),
 *   3. a jump to add5 through lui+jalr (no link),
 *   4. add5's jump back through lui+jalr.
 * Three of the four are lui+jalr pairs with a constant target, so a
 * translator that fuses them leaves 1 indirect jump a round instead of 4.
 *
 * The program also checks what the fused pair must keep: the link register
 * holds the address after the jalr, and t1 still holds lui's value.  At the end
 * s1 must be N * (3 + 5) = 8000000.  On success it prints "lab5: 1000000 rounds,
 * sum 8000000" and exits 0; otherwise "lab5: wrong" and exit status 1.
 */
    .equ N, 1000000

    .section .rodata
pass_msg: .ascii "lab5: 1000000 rounds, sum 8000000\n"
    .equ pass_len, . - pass_msg
fail_msg: .ascii "lab5: wrong\n"
    .equ fail_len, . - fail_msg

    .text
    .globl _start
_start:
    li   s0, N               /* rounds left */
    li   s1, 0               /* the sum */
loop:
    lui  t1, %hi(add3)
    jalr ra, %lo(add3)(t1)   /* 1: call add3 */
after_call:
    lui  t1, %hi(add5)
    jalr zero, %lo(add5)(t1) /* 3: jump to add5 */
back:
    addi s0, s0, -1
    bnez s0, loop
    li   t0, 8 * N
    bne  s1, t0, fail
    li   a0, 1
    lla  a1, pass_msg
    li   a2, pass_len
    li   a7, 64              /* write */
    ecall
    li   a0, 0
    li   a7, 93              /* exit */
    ecall

add3:
    addi s1, s1, 3
    lla  t2, after_call     /* the link must be the address after the jalr */
    bne  ra, t2, fail
    lui  t2, %hi(add3)       /* and t1 must still hold lui's value */
    bne  t1, t2, fail
    ret                      /* 2: an indirect jump in any translator */

add5:
    addi s1, s1, 5
    lui  t2, %hi(add5)
    bne  t1, t2, fail
    lui  t1, %hi(back)
    jalr zero, %lo(back)(t1) /* 4: jump back */

fail:
    li   a0, 1
    lla  a1, fail_msg
    li   a2, fail_len
    li   a7, 64
    ecall
    li   a0, 1
    li   a7, 93
    ecall
