/* testsuite/isa/rv64d_quietcmp.S —
 * The quiet-comparison idiom GCC emits for isless()/isgreater() and glibc's
 * sqrt() wrapper: frflags rX; flt/fle/feq.d rY, fa, fb; fsflags rX.  The
 * translator lowers the three as one (translator/lower_quiet_cmp.c,
 * --no-quiet-compare turns it off); this runs each case 20 times in a loop
 * (tiering translates a block on its 8th visit) and checks the result, the
 * value frflags read, and fflags afterwards.
 * Expected values from the specification: flt/fle/feq write 0 when an operand
 * is a NaN; flt/fle raise NV for any NaN, feq only for a signalling one; the
 * fsflags restores fflags to the value frflags read, so nothing the compare
 * raised survives; 1/3 raises NX (inexact) and nothing else; a subnormal
 * operand raises no flag in a comparison. */
#include "test_macros.h"

#define LOAD_D(f, bits) li t0, bits; fmv.d.x f, t0
#define EXPECT_X(num, reg, bits) li TESTNUM, num; li t2, bits; bne reg, t2, fail

TEST_BEGIN("rv64d_quietcmp")
    LOAD_D(f1, 0x3ff0000000000000)   /* 1.0 */
    LOAD_D(f2, 0x4008000000000000)   /* 3.0 */
    LOAD_D(f3, 0x7ff8000000000000)   /* a quiet NaN */
    LOAD_D(f4, 0x7ff0000000000001)   /* a signalling NaN */
    LOAD_D(f5, 0x0000000000000001)   /* the smallest subnormal */
    li s2, 20
    .balign 512                      /* the loop stays inside one page */
1:  fsflags x0
    fdiv.d f7, f1, f2                /* 1/3: NX, left in MXCSR by translated code */
    frflags a0                       /* ordered, true */
    flt.d a1, f1, f2
    fsflags a0
    frflags a2
    EXPECT_X(1, a0, FFLAG_NX)
    EXPECT_X(2, a1, 1)
    EXPECT_X(3, a2, FFLAG_NX)

    frflags t3                       /* a signalling NaN: false, its NV discarded */
    flt.d a3, f4, f1
    fsflags t3
    frflags a4
    EXPECT_X(4, t3, FFLAG_NX)
    EXPECT_X(5, a3, 0)
    EXPECT_X(6, a4, FFLAG_NX)

    fsflags x0
    fdiv.d f7, f1, f2                /* NX again, after a clear */
    frflags s5                       /* a quiet NaN, fle: false, NV discarded */
    fle.d s6, f3, f1
    fsflags s5
    frflags s7
    EXPECT_X(7, s6, 0)
    EXPECT_X(8, s7, FFLAG_NX)

    frflags s8                       /* feq of a signalling NaN with itself */
    feq.d s9, f4, f4
    fsflags s8
    frflags s10
    EXPECT_X(9, s9, 0)
    EXPECT_X(10, s10, FFLAG_NX)

    frflags a5                       /* equal operands: feq, fle true, flt false */
    feq.d a6, f2, f2
    fsflags a5
    frflags a5
    fle.d a7, f2, f2
    fsflags a5
    frflags a5
    flt.d t4, f2, f2
    fsflags a5
    frflags t5
    EXPECT_X(11, a6, 1)
    EXPECT_X(12, a7, 1)
    EXPECT_X(13, t4, 0)
    EXPECT_X(14, t5, FFLAG_NX)

    fsflags x0                       /* a subnormal operand: no flag (x86's DE has none) */
    frflags a0
    flt.d a1, f5, f1
    fsflags a0
    frflags a2
    EXPECT_X(15, a1, 1)
    EXPECT_X(16, a2, 0)

    frflags a0                       /* flags from before the idiom kept through */
    fle.d a1, f2, f1                 /* a NaN case: NV raised before it survives */
    fsflags a0
    flt.d a3, f3, f1                 /* outside the idiom: NV */
    frflags a4
    EXPECT_X(17, a1, 0)
    EXPECT_X(18, a4, FFLAG_NV)
    frflags a0
    flt.d a1, f3, f1
    fsflags a0
    frflags a2
    EXPECT_X(19, a0, FFLAG_NV)
    EXPECT_X(20, a2, FFLAG_NV)

    frflags a0                       /* rY = rX: fflags becomes the result (not the idiom) */
    flt.d a0, f1, f2
    fsflags a0
    frflags a2
    EXPECT_X(21, a2, FFLAG_NX)

    frflags a5                       /* feq of different values: false, either order */
    feq.d a6, f2, f1
    fsflags a5
    frflags a5
    feq.d a7, f1, f2
    fsflags a5
    EXPECT_X(22, a6, 0)
    EXPECT_X(23, a7, 0)

    addi s2, s2, -1
    bnez s2, 1b
TEST_END
