/* testsuite/isa/rv64f_long_block.S —
 * a straight run of 56 fadd.s with rm = dyn while frm = RTZ, run 20 times (a
 * block is translated on its 8th visit, and this one is first reached when
 * the block before it has been translated).  The translator handles each with
 * inline SSE code (which rounds to nearest) plus three out-of-line checks
 * that send it to the interpreter: frm is not RNE, and each operand's
 * NaN boxing.  This block needs 168 of them: a translator whose table of
 * out-of-line paths held fewer once left the last checks' jumps pointing
 * at the next instruction, so the inline code ran with the wrong rounding.
 * Expected value (from the spec, as in rv64f_rounding.S case 2):
 * 0x1p+0 + 0x1.8p-24 rounded toward zero is 0x1p+0 = 0x3f800000. */
#include "test_macros.h"
TEST_BEGIN("rv64f_long_block")
    li TESTNUM, 1
    li s2, 20
    li t0, 0x3f800000
    fmv.w.x f1, t0                   /* 1.0 (NaN-boxed by fmv.w.x) */
    li t0, 0x33c00000
    fmv.w.x f2, t0                   /* 0x1.8p-24 */
    li t2, 0x3f800000
    .balign 512                      /* the block below stays inside one page */
1:
    fsrmi 1                          /* RTZ; a CSR instruction ends a block: the next one starts below */
    .rept 56
    fadd.s f3, f1, f2, dyn
    .endr
    fmv.x.w t1, f3                   /* the last fadd.s's result */
    bne t1, t2, fail
    addi s2, s2, -1
    bnez s2, 1b
    fsrmi 0
TEST_END
