/*
 * docs/labs/lab1/lab1_pack.S — the guest program of lab 1: Zbkb's pack and packh.
 *
 *   pack  rd, rs1, rs2   rd = the low 32 bits of rs2, then the low 32 bits of rs1:
 *                        rd[63:32] = rs2[31:0], rd[31:0] = rs1[31:0]
 *   packh rd, rs1, rs2   rd = zero-extended 16 bits: rd[15:8] = rs2[7:0],
 *                        rd[7:0] = rs1[7:0], rd[63:16] = 0
 *
 * Both are R-type instructions in the OP major opcode (0110011) with
 * funct7 = 0000100; funct3 = 100 for pack, 111 for packh (RISC-V Scalar
 * Cryptography extensions, version 1.0.1, "Zbkb").  They are written with
 * `.insn` so that the assembler needs no Zbkb support:
 *     .insn r OPCODE, FUNCT3, FUNCT7, rd, rs1, rs2
 *
 * Each CASE computes one result and compares it with the value worked out by
 * hand from the definition above.  On success the program prints
 * "lab1: all 20 cases pass" and exits with status 0; at the first wrong
 * result it prints "lab1: case N failed" and exits with status N (cases
 * are numbered below).  An rvdbt that does not know the instructions
 * stops at the first one with SIGILL.
 */
#define PACK(rd, rs1, rs2)  .insn r 0x33, 4, 4, rd, rs1, rs2
#define PACKH(rd, rs1, rs2) .insn r 0x33, 7, 4, rd, rs1, rs2

/* CASE n: a0 = A, a1 = B, a2 = OP(a0, a1); a2 must equal WANT */
.macro CASE n, f3, a, b, want
    li   gp, \n
    li   a0, \a
    li   a1, \b
    .insn r 0x33, \f3, 4, a2, a0, a1
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
    /* pack: two low words side by side */
    CASE 1,  4, 0x11111111, 0x22222222, 0x2222222211111111
    CASE 2,  4, 0xffffffff80000000, 1, 0x0000000180000000   /* rs1's upper half is dropped */
    CASE 3,  4, -1, -1, -1
    CASE 4,  4, 0x123456789abcdef0, 0xfedcba9876543210, 0x765432109abcdef0
    CASE 5,  4, 0, 0xffffffff, 0xffffffff00000000
    CASE 6,  4, 7, 0, 7
    CASE 7,  4, 0x80000000, 0x80000000, 0x8000000080000000 /* no sign extension anywhere */
    CASE 8,  4, 0x100000000, 0x100000000, 0                 /* only the low words count */
    /* packh: two low bytes side by side, zero-extended */
    CASE 9,  7, 0x12, 0x34, 0x3412
    CASE 10, 7, -1, -1, 0xffff
    CASE 11, 7, 0x1234, 0x5678, 0x7834
    CASE 12, 7, 0x80, 0, 0x80
    CASE 13, 7, 0, 0x180, 0x8000

    /* Register corner cases: a destination that is also a source, x0. */
    li   gp, 14                                   /* rd == rs1 */
    li   a0, 0x11111111
    li   a1, 0x22222222
    PACK(a0, a0, a1)
    li   t0, 0x2222222211111111
    bne  a0, t0, fail

    li   gp, 15                                   /* rd == rs2 */
    li   a0, 0xab
    li   a1, 0xcd
    PACKH(a1, a0, a1)
    li   t0, 0xcdab
    bne  a1, t0, fail

    li   gp, 16                                   /* rs1 == rs2 == rd */
    li   a0, 0x0000123489abcdef
    PACK(a0, a0, a0)
    li   t0, 0x89abcdef89abcdef
    bne  a0, t0, fail

    li   gp, 17                                   /* rs1 = x0: the low word is 0 */
    li   a1, 0x12345678
    PACK(a2, zero, a1)
    li   t0, 0x1234567800000000
    bne  a2, t0, fail

    li   gp, 18                                   /* rs2 = x0: packh(-5, 0) = 0xfb */
    li   a1, -5
    PACKH(a2, a1, zero)
    li   t0, 0xfb
    bne  a2, t0, fail

    li   gp, 19                                   /* rd = x0: the result is dropped */
    li   a0, 3
    li   a1, 4
    PACK(zero, a0, a1)
    add  a2, zero, a0                             /* 3 only if x0 is still 0 */
    li   t0, 3
    bne  a2, t0, fail

    li   gp, 20                                   /* other registers, in a loop: */
    li   s2, 0                                    /* s2 = sum over i = 0..99 of pack(i, i) */
    li   s3, 0                                    /* = 4950 * 0x1_0000_0001 */
1:  PACK(t4, s3, s3)
    add  s2, s2, t4
    addi s3, s3, 1
    li   t5, 100
    blt  s3, t5, 1b
    li   t0, 0x0000135600001356
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
