/* testsuite/isa/rv64d_fploop.S —
 * loops whose bodies read more FP registers than the translator's FP cache
 * holds (14 xmm registers, translator/fpcache.c).  A self-loop loads the FP
 * registers its body reads before the loop head (--no-fp-preload turns that
 * off), and its back edge must put back whatever the body evicted or an
 * interpreter call clobbered: an iteration that found the wrong value in a
 * cache register would add the wrong number.  40 iterations of
 * f(2k-1) += f(2k), k = 1..15, f(2k) = k, from 0: f(2k-1) = 40k exactly.
 * The second loop also runs fmin.d (through the interpreter, which may
 * clobber every xmm register) in its body. */
#include "test_macros.h"
TEST_BEGIN("rv64d_fploop")
    li t0, 1
    fcvt.d.w f2, t0
    fcvt.d.w f1, x0
    li t0, 2
    fcvt.d.w f4, t0
    fcvt.d.w f3, x0
    li t0, 3
    fcvt.d.w f6, t0
    fcvt.d.w f5, x0
    li t0, 4
    fcvt.d.w f8, t0
    fcvt.d.w f7, x0
    li t0, 5
    fcvt.d.w f10, t0
    fcvt.d.w f9, x0
    li t0, 6
    fcvt.d.w f12, t0
    fcvt.d.w f11, x0
    li t0, 7
    fcvt.d.w f14, t0
    fcvt.d.w f13, x0
    li t0, 8
    fcvt.d.w f16, t0
    fcvt.d.w f15, x0
    li t0, 9
    fcvt.d.w f18, t0
    fcvt.d.w f17, x0
    li t0, 10
    fcvt.d.w f20, t0
    fcvt.d.w f19, x0
    li t0, 11
    fcvt.d.w f22, t0
    fcvt.d.w f21, x0
    li t0, 12
    fcvt.d.w f24, t0
    fcvt.d.w f23, x0
    li t0, 13
    fcvt.d.w f26, t0
    fcvt.d.w f25, x0
    li t0, 14
    fcvt.d.w f28, t0
    fcvt.d.w f27, x0
    li t0, 15
    fcvt.d.w f30, t0
    fcvt.d.w f29, x0
    li s2, 40
    .balign 256                      /* the loop stays inside one page */
1:
    fadd.d f1, f1, f2
    fadd.d f3, f3, f4
    fadd.d f5, f5, f6
    fadd.d f7, f7, f8
    fadd.d f9, f9, f10
    fadd.d f11, f11, f12
    fadd.d f13, f13, f14
    fadd.d f15, f15, f16
    fadd.d f17, f17, f18
    fadd.d f19, f19, f20
    fadd.d f21, f21, f22
    fadd.d f23, f23, f24
    fadd.d f25, f25, f26
    fadd.d f27, f27, f28
    fadd.d f29, f29, f30
    addi s2, s2, -1
    bnez s2, 1b
    li TESTNUM, 1
    fcvt.l.d t1, f1, rtz
    li t2, 40
    bne t1, t2, fail
    li TESTNUM, 2
    fcvt.l.d t1, f3, rtz
    li t2, 80
    bne t1, t2, fail
    li TESTNUM, 3
    fcvt.l.d t1, f5, rtz
    li t2, 120
    bne t1, t2, fail
    li TESTNUM, 4
    fcvt.l.d t1, f7, rtz
    li t2, 160
    bne t1, t2, fail
    li TESTNUM, 5
    fcvt.l.d t1, f9, rtz
    li t2, 200
    bne t1, t2, fail
    li TESTNUM, 6
    fcvt.l.d t1, f11, rtz
    li t2, 240
    bne t1, t2, fail
    li TESTNUM, 7
    fcvt.l.d t1, f13, rtz
    li t2, 280
    bne t1, t2, fail
    li TESTNUM, 8
    fcvt.l.d t1, f15, rtz
    li t2, 320
    bne t1, t2, fail
    li TESTNUM, 9
    fcvt.l.d t1, f17, rtz
    li t2, 360
    bne t1, t2, fail
    li TESTNUM, 10
    fcvt.l.d t1, f19, rtz
    li t2, 400
    bne t1, t2, fail
    li TESTNUM, 11
    fcvt.l.d t1, f21, rtz
    li t2, 440
    bne t1, t2, fail
    li TESTNUM, 12
    fcvt.l.d t1, f23, rtz
    li t2, 480
    bne t1, t2, fail
    li TESTNUM, 13
    fcvt.l.d t1, f25, rtz
    li t2, 520
    bne t1, t2, fail
    li TESTNUM, 14
    fcvt.l.d t1, f27, rtz
    li t2, 560
    bne t1, t2, fail
    li TESTNUM, 15
    fcvt.l.d t1, f29, rtz
    li t2, 600
    bne t1, t2, fail
    li t0, 1
    fcvt.d.w f2, t0
    fcvt.d.w f1, x0
    li t0, 2
    fcvt.d.w f4, t0
    fcvt.d.w f3, x0
    li t0, 3
    fcvt.d.w f6, t0
    fcvt.d.w f5, x0
    li t0, 4
    fcvt.d.w f8, t0
    fcvt.d.w f7, x0
    li t0, 5
    fcvt.d.w f10, t0
    fcvt.d.w f9, x0
    li t0, 6
    fcvt.d.w f12, t0
    fcvt.d.w f11, x0
    li t0, 7
    fcvt.d.w f14, t0
    fcvt.d.w f13, x0
    li t0, 8
    fcvt.d.w f16, t0
    fcvt.d.w f15, x0
    li t0, 9
    fcvt.d.w f18, t0
    fcvt.d.w f17, x0
    li t0, 10
    fcvt.d.w f20, t0
    fcvt.d.w f19, x0
    li t0, 11
    fcvt.d.w f22, t0
    fcvt.d.w f21, x0
    li t0, 12
    fcvt.d.w f24, t0
    fcvt.d.w f23, x0
    li t0, 13
    fcvt.d.w f26, t0
    fcvt.d.w f25, x0
    li t0, 14
    fcvt.d.w f28, t0
    fcvt.d.w f27, x0
    li t0, 15
    fcvt.d.w f30, t0
    fcvt.d.w f29, x0
    fmv.d f31, f2
    li s2, 40
    .balign 256                      /* the loop stays inside one page */
2:
    fadd.d f1, f1, f2
    fadd.d f3, f3, f4
    fadd.d f5, f5, f6
    fadd.d f7, f7, f8
    fadd.d f9, f9, f10
    fadd.d f11, f11, f12
    fadd.d f13, f13, f14
    fmin.d f31, f31, f2             /* the interpreter, mid-body */
    fadd.d f15, f15, f16
    fadd.d f17, f17, f18
    fadd.d f19, f19, f20
    fadd.d f21, f21, f22
    fadd.d f23, f23, f24
    fadd.d f25, f25, f26
    fadd.d f27, f27, f28
    fadd.d f29, f29, f30
    addi s2, s2, -1
    bnez s2, 2b
    li TESTNUM, 21
    fcvt.l.d t1, f1, rtz
    li t2, 40
    bne t1, t2, fail
    li TESTNUM, 22
    fcvt.l.d t1, f3, rtz
    li t2, 80
    bne t1, t2, fail
    li TESTNUM, 23
    fcvt.l.d t1, f5, rtz
    li t2, 120
    bne t1, t2, fail
    li TESTNUM, 24
    fcvt.l.d t1, f7, rtz
    li t2, 160
    bne t1, t2, fail
    li TESTNUM, 25
    fcvt.l.d t1, f9, rtz
    li t2, 200
    bne t1, t2, fail
    li TESTNUM, 26
    fcvt.l.d t1, f11, rtz
    li t2, 240
    bne t1, t2, fail
    li TESTNUM, 27
    fcvt.l.d t1, f13, rtz
    li t2, 280
    bne t1, t2, fail
    li TESTNUM, 28
    fcvt.l.d t1, f15, rtz
    li t2, 320
    bne t1, t2, fail
    li TESTNUM, 29
    fcvt.l.d t1, f17, rtz
    li t2, 360
    bne t1, t2, fail
    li TESTNUM, 30
    fcvt.l.d t1, f19, rtz
    li t2, 400
    bne t1, t2, fail
    li TESTNUM, 31
    fcvt.l.d t1, f21, rtz
    li t2, 440
    bne t1, t2, fail
    li TESTNUM, 32
    fcvt.l.d t1, f23, rtz
    li t2, 480
    bne t1, t2, fail
    li TESTNUM, 33
    fcvt.l.d t1, f25, rtz
    li t2, 520
    bne t1, t2, fail
    li TESTNUM, 34
    fcvt.l.d t1, f27, rtz
    li t2, 560
    bne t1, t2, fail
    li TESTNUM, 35
    fcvt.l.d t1, f29, rtz
    li t2, 600
    bne t1, t2, fail
TEST_END
