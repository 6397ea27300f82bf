/* testsuite/isa/rv64zfa.S — Zfa, the additional floating-point instructions (RV64, F and D
 * forms): fli.s/fli.d, fminm/fmaxm, fround/froundnx, fcvtmod.w.d, fleq/fltq.
 * binutils 2.40 does not know Zfa, so each instruction is written with .insn (OP-FP
 * opcode 0x53; funct7, funct3 and the rs2 field as the Zfa chapter gives them), and
 * QEMU 7.2 does not implement it: the oracle for these values is the specification
 * (the Zfa chapter and IEEE 754-2019), worked by hand.  What the chapter says, case
 * by case:
 *   - fli loads entry rs1 of its 32-constant table and sets no flag; entry 1 is the
 *     smallest positive normal of the format, 30 is +inf, 31 the canonical NaN;
 *   - fminm/fmaxm are fmin/fmax, except that a NaN operand (quiet too) gives the
 *     canonical NaN; NV only for a signalling NaN;
 *   - fround rounds to an integral value in the rm mode and raises no flag but NV for a
 *     signalling NaN; froundnx also raises NX when the value changed; zeros and
 *     infinities come back unchanged, and the sign of a result that rounds to zero stays;
 *   - fcvtmod.w.d (rm must be rtz) writes bits 31:0 of the truncated, unbounded integer,
 *     sign-extended; NaN and infinities give 0; its flags are those fcvt.w.d (rtz) raises
 *     for the same input: NV when the value does not fit in 32 bits (then no NX), else NX
 *     when it had a fraction;
 *   - fleq/fltq are fle/flt without NV for quiet NaNs (a signalling NaN still raises it).
 */
#include "test_macros.h"
/* fli.s/fli.d rd, entry: funct7 1111000/1111001, rs2 = 1, rs1 = the entry */
.macro fli.s rd, idx
    .insn r 0x53, 0, 0x78, \rd, x\idx, x1
.endm
.macro fli.d rd, idx
    .insn r 0x53, 0, 0x79, \rd, x\idx, x1
.endm
/* fminm/fmaxm: fmin/fmax's encodings with bit 13 set (funct3 010 / 011) */
.macro fminm.s rd, rs1, rs2
    .insn r 0x53, 2, 0x14, \rd, \rs1, \rs2
.endm
.macro fmaxm.s rd, rs1, rs2
    .insn r 0x53, 3, 0x14, \rd, \rs1, \rs2
.endm
.macro fminm.d rd, rs1, rs2
    .insn r 0x53, 2, 0x15, \rd, \rs1, \rs2
.endm
.macro fmaxm.d rd, rs1, rs2
    .insn r 0x53, 3, 0x15, \rd, \rs1, \rs2
.endm
/* fround/froundnx rd, rs1, rm: fcvt.s.d's / fcvt.d.s's funct7 with rs2 = 4 / 5 */
.macro fround.s rd, rs1, rm
    .insn r 0x53, \rm, 0x20, \rd, \rs1, x4
.endm
.macro froundnx.s rd, rs1, rm
    .insn r 0x53, \rm, 0x20, \rd, \rs1, x5
.endm
.macro fround.d rd, rs1, rm
    .insn r 0x53, \rm, 0x21, \rd, \rs1, x4
.endm
.macro froundnx.d rd, rs1, rm
    .insn r 0x53, \rm, 0x21, \rd, \rs1, x5
.endm
/* fcvtmod.w.d rd, rs1, rtz: fcvt.w.d's funct7 1100001, rs2 = 8, rm = 001 */
.macro fcvtmod.w.d rd, rs1
    .insn r 0x53, 1, 0x61, \rd, \rs1, x8
.endm
/* fleq/fltq: fle/flt with bit 14 set (funct3 100 / 101) */
.macro fleq.s rd, rs1, rs2
    .insn r 0x53, 4, 0x50, \rd, \rs1, \rs2
.endm
.macro fltq.s rd, rs1, rs2
    .insn r 0x53, 5, 0x50, \rd, \rs1, \rs2
.endm
.macro fleq.d rd, rs1, rs2
    .insn r 0x53, 4, 0x51, \rd, \rs1, \rs2
.endm
.macro fltq.d rd, rs1, rs2
    .insn r 0x53, 5, 0x51, \rd, \rs1, \rs2
.endm

#define SNAN_D 0x7ff0000000000001
#define SNAN_S 0x7f800001

TEST_BEGIN("rv64zfa")
    /* ---- fli.d: entry 1 is the smallest normal double (exponent field 1) */
    TEST_FP_D(1,  0, 0xbff0000000000000, 0, 0, 0, fli.d f3, 0)   /* -1.0 */
    TEST_FP_D(2,  0, 0x0010000000000000, 0, 0, 0, fli.d f3, 1)   /* min */
    TEST_FP_D(3,  0, 0x3ef0000000000000, 0, 0, 0, fli.d f3, 2)   /* 2^-16 */
    TEST_FP_D(4,  0, 0x3fd4000000000000, 0, 0, 0, fli.d f3, 9)   /* 0.3125 */
    TEST_FP_D(5,  0, 0x3fe0000000000000, 0, 0, 0, fli.d f3, 12)  /* 0.5 */
    TEST_FP_D(6,  0, 0x4004000000000000, 0, 0, 0, fli.d f3, 21)  /* 2.5 */
    TEST_FP_D(7,  0, 0x4008000000000000, 0, 0, 0, fli.d f3, 22)  /* 3 */
    TEST_FP_D(8,  0, 0x40f0000000000000, 0, 0, 0, fli.d f3, 29)  /* 2^16 */
    TEST_FP_D(9,  0, 0x7ff0000000000000, 0, 0, 0, fli.d f3, 30)  /* inf */
    TEST_FP_D(10, 0, QNAN_D, 0, 0, 0, fli.d f3, 31)              /* nan */
    /* ---- fli.s: the single-precision values, NaN-boxed */
    TEST_FP_S(11, 0, 0xbf800000, 0, 0, 0, fli.s f3, 0)           /* -1.0 */
    TEST_FP_S(12, 0, 0x00800000, 0, 0, 0, fli.s f3, 1)           /* min: the smallest normal single */
    TEST_FP_S(13, 0, 0x3fe00000, 0, 0, 0, fli.s f3, 19)          /* 1.75 */
    TEST_FP_S(14, 0, 0x47000000, 0, 0, 0, fli.s f3, 28)          /* 2^15 */
    TEST_FP_S(15, 0, QNAN_S, 0, 0, 0, fli.s f3, 31)              /* nan */

    /* ---- fminm/fmaxm */
    TEST_FP_OP2NR_D(20, fminm.d, 0, 0x3ff0000000000000, 0x3ff0000000000000, 0x4000000000000000)
    TEST_FP_OP2NR_D(21, fmaxm.d, 0, 0x4000000000000000, 0x3ff0000000000000, 0x4000000000000000)
    TEST_FP_OP2NR_D(22, fminm.d, 0, QNAN_D, QNAN_D, 0x3ff0000000000000)           /* fmin.d would give 1.0 */
    TEST_FP_OP2NR_D(23, fmaxm.d, 0, QNAN_D, 0x3ff0000000000000, 0x7ff8000000000001) /* payload dropped */
    TEST_FP_OP2NR_D(24, fminm.d, FFLAG_NV, QNAN_D, SNAN_D, 0x3ff0000000000000)
    TEST_FP_OP2NR_D(25, fminm.d, 0, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000) /* -0 < +0 */
    TEST_FP_OP2NR_D(26, fmaxm.d, 0, 0x0000000000000000, 0x8000000000000000, 0x0000000000000000)
    TEST_FP_OP2NR_S(27, fminm.s, 0, QNAN_S, QNAN_S, 0x3f800000)
    TEST_FP_OP2NR_S(28, fmaxm.s, 0, 0x40000000, 0x40000000, 0xc0400000)             /* max(2, -3) */
    TEST_FP_OP2NR_S(29, fmaxm.s, FFLAG_NV, QNAN_S, 0x3f800000, SNAN_S)

    /* ---- fround/froundnx: 2.5 is a tie, so rne and rmm differ */
    TEST_FP_D(30, 0, 0x4000000000000000, 0x4004000000000000, 0, 0, fround.d f3, f0, RM_RNE) /* 2.5 -> 2 */
    TEST_FP_D(31, 0, 0x4008000000000000, 0x4004000000000000, 0, 0, fround.d f3, f0, RM_RMM) /* 2.5 -> 3 */
    TEST_FP_D(32, 0, 0x4000000000000000, 0x4004000000000000, 0, 0, fround.d f3, f0, RM_RTZ)
    TEST_FP_D(33, 0, 0x4000000000000000, 0x4004000000000000, 0, 0, fround.d f3, f0, RM_RDN)
    TEST_FP_D(34, 0, 0x4008000000000000, 0x4004000000000000, 0, 0, fround.d f3, f0, RM_RUP)
    TEST_FP_D(35, 0, 0xc008000000000000, 0xc004000000000000, 0, 0, fround.d f3, f0, RM_RDN) /* -2.5 -> -3 */
    TEST_FP_D(36, 0, 0xc000000000000000, 0xc004000000000000, 0, 0, fround.d f3, f0, RM_RTZ) /* -2.5 -> -2 */
    TEST_FP_D(37, 0, 0x4010000000000000, 0x400c000000000000, 0, 0, fround.d f3, f0, RM_RNE) /* 3.5 -> 4 */
    TEST_FP_D(38, 0, 0x8000000000000000, 0xbfd0000000000000, 0, 0, fround.d f3, f0, RM_RNE) /* -0.25 -> -0 */
    TEST_FP_D(39, 0, 0x3ff0000000000000, 0x3fd0000000000000, 0, 0, fround.d f3, f0, RM_RUP) /* 0.25 -> 1 */
    TEST_FP_D(40, 0, 0x43b0000000000000, 0x43b0000000000000, 0, 0, fround.d f3, f0, RM_RNE) /* 2^60 stays */
    TEST_FP_D(41, 0, 0x7ff0000000000000, 0x7ff0000000000000, 0, 0, fround.d f3, f0, RM_RNE) /* inf stays */
    TEST_FP_D(42, FFLAG_NV, QNAN_D, SNAN_D, 0, 0, fround.d f3, f0, RM_RNE)
    TEST_FP_D(43, FFLAG_NX, 0x4000000000000000, 0x4004000000000000, 0, 0, froundnx.d f3, f0, RM_RNE)
    TEST_FP_D(44, 0, 0x4010000000000000, 0x4010000000000000, 0, 0, froundnx.d f3, f0, RM_RNE) /* exact: no NX */
    TEST_FP_D(45, 0, QNAN_D, QNAN_D, 0, 0, froundnx.d f3, f0, RM_RNE)               /* quiet NaN: no flag */
    /* rm = dyn takes frm (rup here): 1.25 -> 2 */
    TEST_FP_D(46, 0, 0x4000000000000000, 0x3ff4000000000000, 0, 0, fsrmi RM_RUP; fround.d f3, f0, 7; fsrmi RM_RNE)
    /* the smallest subnormal, 2^-1074: rounds up to 1, down to +0; -2^-1074 down to -1 */
    TEST_FP_D(51, 0, 0x3ff0000000000000, 0x0000000000000001, 0, 0, fround.d f3, f0, RM_RUP)
    TEST_FP_D(52, 0, 0x0000000000000000, 0x0000000000000001, 0, 0, fround.d f3, f0, RM_RDN)
    TEST_FP_D(53, 0, 0xbff0000000000000, 0x8000000000000001, 0, 0, fround.d f3, f0, RM_RDN)
    TEST_FP_D(54, FFLAG_NX, 0x8000000000000000, 0x8000000000000001, 0, 0, froundnx.d f3, f0, RM_RNE)
    TEST_FP_S(47, 0, 0x40400000, 0x40200000, 0, 0, fround.s f3, f0, RM_RMM)          /* 2.5f -> 3 */
    TEST_FP_S(48, 0, 0xc0000000, 0xbfc00000, 0, 0, fround.s f3, f0, RM_RNE)          /* -1.5f -> -2 */
    TEST_FP_S(49, FFLAG_NX, 0x00000000, 0x3f000000, 0, 0, froundnx.s f3, f0, RM_RNE) /* 0.5f -> +0 */
    TEST_FP_S(50, 0, 0x4b800001, 0x4b800001, 0, 0, fround.s f3, f0, RM_RDN)          /* 2^24+2: an integer */

    /* ---- fcvtmod.w.d: low 32 bits of the truncated value */
    TEST_FP_INT_D(60, FFLAG_NV, 5, 0x41f0000000580000, 0, fcvtmod.w.d a4, f0)        /* 2^32+5.5 */
    TEST_FP_INT_D(61, FFLAG_NV, 0xfffffffffffffffb, 0xc1f0000000580000, 0, fcvtmod.w.d a4, f0) /* -(2^32+5.5) */
    TEST_FP_INT_D(62, FFLAG_NX, 5, 0x4016000000000000, 0, fcvtmod.w.d a4, f0)        /* 5.5 */
    TEST_FP_INT_D(63, FFLAG_NX, 0xfffffffffffffffb, 0xc016000000000000, 0, fcvtmod.w.d a4, f0) /* -5.5 */
    TEST_FP_INT_D(64, FFLAG_NV, 0xffffffff80000000, 0x41e0000000000000, 0, fcvtmod.w.d a4, f0) /* 2^31 */
    TEST_FP_INT_D(65, FFLAG_NV, 0xffffffff80000007, 0x41f8000000700000, 0, fcvtmod.w.d a4, f0) /* 2^32+2^31+7 */
    TEST_FP_INT_D(66, FFLAG_NX, 0x7fffffff, 0x41dfffffffe00000, 0, fcvtmod.w.d a4, f0) /* 2^31-0.5 */
    TEST_FP_INT_D(67, FFLAG_NV, 0, 0x43e0000000000000, 0, fcvtmod.w.d a4, f0)        /* 2^63 */
    TEST_FP_INT_D(68, FFLAG_NV, 0, 0x4630000000000000, 0, fcvtmod.w.d a4, f0)        /* 2^100 */
    TEST_FP_INT_D(69, FFLAG_NV, 0, QNAN_D, 0, fcvtmod.w.d a4, f0)                    /* fcvt.w.d: 2^31-1 */
    TEST_FP_INT_D(70, FFLAG_NV, 0, 0x7ff0000000000000, 0, fcvtmod.w.d a4, f0)        /* +inf */
    TEST_FP_INT_D(71, FFLAG_NV, 0, 0xfff0000000000000, 0, fcvtmod.w.d a4, f0)        /* -inf */
    TEST_FP_INT_D(72, 0, 0, 0x8000000000000000, 0, fcvtmod.w.d a4, f0)               /* -0 */
    TEST_FP_INT_D(73, 0, 0xffffffff80000000, 0xc1e0000000000000, 0, fcvtmod.w.d a4, f0) /* -2^31 fits */
    TEST_FP_INT_D(74, FFLAG_NV, 1, 0x4330000000000001, 0, fcvtmod.w.d a4, f0)        /* 2^52+1 */
    TEST_FP_INT_D(75, FFLAG_NX, 0, 0x0000000000000001, 0, fcvtmod.w.d a4, f0)        /* 2^-1074 */

    /* ---- fleq/fltq: quiet compares */
    TEST_FP_CMP_D(80, fleq.d, 0, 0, QNAN_D, 0x3ff0000000000000)        /* fle.d would raise NV */
    TEST_FP_CMP_D(81, fltq.d, 0, 0, 0x3ff0000000000000, QNAN_D)
    TEST_FP_CMP_D(82, fleq.d, FFLAG_NV, 0, SNAN_D, 0x3ff0000000000000)
    TEST_FP_CMP_D(83, fltq.d, FFLAG_NV, 0, 0x3ff0000000000000, SNAN_D)
    TEST_FP_CMP_D(84, fleq.d, 0, 1, 0x3ff0000000000000, 0x3ff0000000000000)
    TEST_FP_CMP_D(85, fltq.d, 0, 0, 0x3ff0000000000000, 0x3ff0000000000000)
    TEST_FP_CMP_D(86, fltq.d, 0, 0, 0x8000000000000000, 0x0000000000000000) /* -0 == +0 */
    TEST_FP_CMP_D(87, fleq.d, 0, 1, 0x8000000000000000, 0x0000000000000000)
    TEST_FP_CMP_D(88, fltq.d, 0, 1, 0xbff0000000000000, 0x4000000000000000) /* -1 < 2 */
    TEST_FP_CMP_S(89, fleq.s, 0, 0, QNAN_S, 0x3f800000)
    TEST_FP_CMP_S(90, fltq.s, 0, 1, 0x3f800000, 0x40000000)
    TEST_FP_CMP_S(91, fltq.s, FFLAG_NV, 0, SNAN_S, 0x3f800000)
TEST_END
