/* testsuite/isa/rv64d_fpcache.S —
 * double arithmetic in a block that uses more FP registers than the
 * translator's FP cache has xmm registers (14, translator/fpcache.c).  The
 * fourteen fcvt.d.w below fill the cache; with round-robin allocation each
 * of the four operations then finds rs1 cached but not rs2, and loading rs2
 * takes the oldest cache register — the one holding rs1.  Code that kept using "rs1's register" after that read
 * rs2's value in its place (the three-operand AVX form and the FMA path did,
 * before they checked).  The block runs 20 times (tiering translates it on
 * its 8th visit).  Expected values: small integers, exact in double. */
#include "test_macros.h"
TEST_BEGIN("rv64d_fpcache")
    li t0, 100
    fcvt.d.w f15, t0
    li t0, 1000
    fcvt.d.w f16, t0
    li t0, 0x3fe0000000000000        /* 0.5 */
    fmv.d.x f17, t0
    li t0, 10
    fcvt.d.w f18, t0
    li s2, 20
    .balign 512                      /* the block below stays inside one page */
1:
    fsrmi 0                          /* a CSR instruction ends a block: the next one starts below */
    li t0, 1
    fcvt.d.w f1, t0
    li t0, 2
    fcvt.d.w f2, t0
    li t0, 3
    fcvt.d.w f3, t0
    li t0, 4
    fcvt.d.w f4, t0
    li t0, 5
    fcvt.d.w f5, t0
    li t0, 6
    fcvt.d.w f6, t0
    li t0, 7
    fcvt.d.w f7, t0
    li t0, 8
    fcvt.d.w f8, t0
    li t0, 9
    fcvt.d.w f9, t0
    li t0, 10
    fcvt.d.w f10, t0
    li t0, 11
    fcvt.d.w f11, t0
    li t0, 12
    fcvt.d.w f12, t0
    li t0, 13
    fcvt.d.w f13, t0
    li t0, 14
    fcvt.d.w f14, t0
    fsub.d f20, f1, f15              /* f15 = 100 (set below, before the loop) */
    fmadd.d f21, f3, f16, f5         /* f16 = 1000: 3 * 1000 + 5 */
    fdiv.d f22, f5, f17              /* f17 = 0.5: 5 / 0.5 */
    fmsub.d f23, f7, f18, f8         /* f18 = 10: 7 * 10 - 8 */
    fcvt.l.d t1, f20, rtz
    li TESTNUM, 1
    li t2, -99
    bne t1, t2, fail
    fcvt.l.d t1, f21, rtz
    li TESTNUM, 2
    li t2, 3005
    bne t1, t2, fail
    fcvt.l.d t1, f22, rtz
    li TESTNUM, 3
    li t2, 10
    bne t1, t2, fail
    fcvt.l.d t1, f23, rtz
    li TESTNUM, 4
    li t2, 62
    bne t1, t2, fail
    addi s2, s2, -1
    bnez s2, 1b
TEST_END
