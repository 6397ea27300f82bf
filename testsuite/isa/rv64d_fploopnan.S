/* testsuite/isa/rv64d_fploopnan.S —
 * Self-loops whose FP registers the translator carries around the back edge
 * without making them canonical (translator/fp_loop_nan.c, --no-fp-loop-nan
 * turns it off): a register stays marked "may hold an x86 NaN" at the loop
 * head only if its last write in the body is double arithmetic (whose NaN is
 * always the canonical one), no inner jump can skip that write, and, on the
 * first iteration, the value the loop started with is not a NaN other than
 * the canonical one.  Each case stores the register at the top of the body,
 * before that write, where a NaN loaded from memory must keep its bits.
 * Outer loops run each inner loop 20 times (tiering translates a block on
 * its 8th visit), each inner loop 3 iterations.
 * Expected values from the specification: fld/fsd move bits unchanged (a
 * signalling NaN keeps its payload); arithmetic with a NaN operand returns
 * the canonical NaN 0x7ff8000000000000. */
#include "test_macros.h"

#define LOAD_D(f, bits) li t0, bits; fmv.d.x f, t0
#define EXPECT_X(num, reg, bits) li TESTNUM, num; li t2, bits; bne reg, t2, fail

TEST_BEGIN("rv64d_fploopnan")
    la s3, out
    LOAD_D(f1, 0x3ff0000000000000)   /* 1.0 */
    li s4, 20
    /* A: the loop starts with a signalling NaN in f5 (not canonical: the
     * first iteration's store must keep it); later iterations store the
     * canonical NaN that f5 + 1 gave */
10: LOAD_D(f5, 0x7ff0000000000abc)
    mv s5, s3
    li s2, 3
    j 11f                            /* (the loop starts a block of its own) */
    .balign 256
11: fsd f5, 0(s5)
    fadd.d f5, f5, f1
    addi s5, s5, 8
    addi s2, s2, -1
    bnez s2, 11b
    ld a0, 0(s3)
    EXPECT_X(1, a0, 0x7ff0000000000abc)
    ld a0, 8(s3)
    EXPECT_X(2, a0, 0x7ff8000000000000)
    ld a0, 16(s3)
    EXPECT_X(3, a0, 0x7ff8000000000000)
    addi s4, s4, -1
    bnez s4, 10b

    /* B: the last write of f6 is a load (of a signalling NaN from the
     * second iteration on): the next iteration's store keeps its bits */
    li s4, 20
20: LOAD_D(f6, 0x3ff0000000000000)
    la s5, arr_b
    li s2, 3
    j 21f                            /* (the loop starts a block of its own) */
    .balign 256
21: fsd f6, 32(s3)
    fadd.d f6, f1, f1
    fld f6, 0(s5)
    addi s5, s5, 8
    addi s2, s2, -1
    bnez s2, 21b
    ld a0, 32(s3)
    EXPECT_X(4, a0, 0x7ff0000000000123)
    addi s4, s4, -1
    bnez s4, 20b

    /* C: the last write in block order is arithmetic, but an inner jump
     * skips it, so f8 reaches the back edge holding a loaded signalling NaN */
    li s4, 20
    li t1, 1
30: LOAD_D(f8, 0x3ff0000000000000)
    li s2, 3
    j 31f                            /* (the loop starts a block of its own) */
    .balign 256
31: fsd f8, 40(s3)
    fld f8, 48(s3)
    bnez t1, 32f
    fadd.d f8, f1, f1
32: addi s2, s2, -1
    bnez s2, 31b
    ld a0, 40(s3)
    EXPECT_X(5, a0, 0x7ff0000000000456)
    addi s4, s4, -1
    bnez s4, 30b
TEST_END

    .data
    .balign 8
out:   .dword 0, 0, 0, 0, 0, 0, 0x7ff0000000000456, 0
arr_b: .dword 0x7ff0000000000123, 0x7ff0000000000123, 0x7ff0000000000123, 0x7ff0000000000123
