/*
 * docs/labs/lab1/lab1_max.S — the guest program of lab 1: Zbb's max and maxu.
 *
 *   max  rd, rs1, rs2   rd = the larger of rs1 and rs2 as signed 64-bit numbers
 *   maxu rd, rs1, rs2   rd = the larger as unsigned 64-bit numbers
 *
 * Both are R-type instructions in the OP major opcode (0110011) with
 * funct7 = 0000101; funct3 = 110 for max, 111 for maxu (RISC-V Bit-Manipulation
 * ISA-extensions, version 1.0.0, chapter "Zbb").  They are written with `.insn`
 * so that an assembler without Zbb support assembles them:
 *     .insn r OPCODE, FUNCT3, FUNCT7, rd, rs1, rs2
 *
 * Each CASE computes one result and compares it with the value worked out by
 * hand from the definition above.  On success the program prints
 * "lab1: all 20 cases pass" and exits with status 0; at the first wrong
 * result it prints "lab1: case N failed" and exits with status N (cases
 * are numbered below).  An rvdbt that does not know the instructions
 * stops at the first one with SIGILL.
 */
#define MAX(rd, rs1, rs2)  .insn r 0x33, 6, 5, rd, rs1, rs2
#define MAXU(rd, rs1, rs2) .insn r 0x33, 7, 5, rd, rs1, rs2

/* CASE n: a0 = A, a1 = B, a2 = OP(a0, a1); a2 must equal WANT */
.macro CASE n, f3, a, b, want
    li   gp, \n
    li   a0, \a
    li   a1, \b
    .insn r 0x33, \f3, 5, a2, a0, a1
    li   t0, \want
    bne  a2, t0, fail
.endm

    /* the messages first: `li a2, LEN` needs the lengths defined before use */
    .section .rodata
pass_msg: .ascii "lab1: all 20 cases pass\n"
    .equ pass_len, . - pass_msg
    .data
fail_msg: .ascii "lab1: case ?? failed\n"
    .equ fail_len, . - fail_msg

    .text
    .globl _start
_start:
    /* max: signed */
    CASE 1,  6, 1, 2, 2
    CASE 2,  6, -1, 1, 1                          /* maxu would pick -1 */
    CASE 3,  6, -5, -3, -3
    CASE 4,  6, 0x8000000000000000, 0x7fffffffffffffff, 0x7fffffffffffffff
    CASE 5,  6, 0x8000000000000000, -1, -1
    CASE 6,  6, 7, 7, 7
    CASE 7,  6, 0x8000000000000000, 0, 0
    CASE 8,  6, 0x123456789, 0x123456788, 0x123456789  /* all 64 bits count */
    /* maxu: unsigned */
    CASE 9,  7, 1, 2, 2
    CASE 10, 7, -1, 1, -1                         /* 0xffff_ffff_ffff_ffff is the largest */
    CASE 11, 7, 0x8000000000000000, 0x7fffffffffffffff, 0x8000000000000000
    CASE 12, 7, 0, 0, 0
    CASE 13, 7, -3, -5, -3                        /* 0x...fffd > 0x...fffb */

    /* Register corner cases: a destination that is also a source, x0. */
    li   gp, 14                                   /* rd == rs1 */
    li   a0, -9
    li   a1, 4
    MAX(a0, a0, a1)
    li   t0, 4
    bne  a0, t0, fail

    li   gp, 15                                   /* rd == rs2 */
    li   a0, 12
    li   a1, -12
    MAX(a1, a0, a1)
    li   t0, 12
    bne  a1, t0, fail

    li   gp, 16                                   /* rs1 == rs2 == rd */
    li   a0, 5
    MAXU(a0, a0, a0)
    li   t0, 5
    bne  a0, t0, fail

    li   gp, 17                                   /* rs1 = x0: max(0, -5) = 0 */
    li   a1, -5
    MAX(a2, zero, a1)
    bnez a2, fail

    li   gp, 18                                   /* rs2 = x0: maxu(-5, 0) = -5 */
    li   a1, -5
    MAXU(a2, a1, zero)
    li   t0, -5
    bne  a2, t0, fail

    li   gp, 19                                   /* rd = x0: the result is dropped */
    li   a0, 3
    li   a1, 4
    MAX(zero, a0, a1)
    add  a2, zero, a0                             /* 3 only if x0 is still 0 */
    li   t0, 3
    bne  a2, t0, fail

    li   gp, 20                                   /* other registers, in a loop: */
    li   s2, 0                                    /* s2 = max over i of (i - 50) * (i - 50) */
    li   s3, 0                                    /* for i = 0..99, i.e. 2500 at i = 0 */
1:  addi t3, s3, -50
    mul  t4, t3, t3
    MAX(s2, s2, t4)
    addi s3, s3, 1
    li   t5, 100
    blt  s3, t5, 1b
    li   t0, 2500
    bne  s2, t0, fail

    /* all passed */
    li   a0, 1
    la   a1, pass_msg
    li   a2, pass_len
    li   a7, 64                                   /* write(1, pass_msg, pass_len) */
    ecall
    li   a0, 0
    li   a7, 93                                   /* exit(0) */
    ecall

fail:                                             /* "lab1: case N failed", exit(N) */
    la   a1, fail_msg
    li   t1, 10
    divu t2, gp, t1                               /* the case number in two digits */
    remu t3, gp, t1
    addi t2, t2, '0'
    addi t3, t3, '0'
    sb   t2, 11(a1)
    sb   t3, 12(a1)
    li   a0, 1
    li   a2, fail_len
    li   a7, 64
    ecall
    mv   a0, gp
    li   a7, 93
    ecall
