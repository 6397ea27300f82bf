/* testsuite/isa/rv64fd_nanbox.S — NaN-boxing of single-precision values in the 64-bit
 * f registers.  Spec (F/D chapters, "NaN Boxing of Narrower Values"): a 32-bit value in
 * an f register is valid only if bits 63:32 are all ones; single-precision operations
 * (arithmetic, compare, fclass, fmin/fmax, sign injection, fcvt from single) treat any
 * other pattern as the canonical quiet NaN 0x7fc00000 — a quiet NaN, so it raises no NV,
 * even when its low half looks like a signalling NaN.  Narrow transfers ignore the box:
 * fmv.x.w and fsw move the low 32 bits as they are.  Writes of single values (flw,
 * fmv.w.x, every single-precision result) set bits 63:32 to ones.  Operand registers are
 * loaded raw with fmv.d.x; results are read back raw with fmv.x.d. */
#include "test_macros.h"

#define UB_ONE   0x000000003f800000    /* 1.0f without the box */
#define UB_ONE2  0xfffffffe3f800000    /* one bit short of a valid box */
#define UB_ONE3  0x7fffffff3f800000
#define UB_NEG   0x00000000bf800000    /* -1.0f without the box */
#define UB_SNAN  0x000000007f800001    /* low half is a sNaN, but the register reads as qNaN */
#define B_ONE    0xffffffff3f800000    /* properly boxed 1.0f */
#define B_TWO    0xffffffff40000000
#define B_NEGONE 0xffffffffbf800000
#define B_QNAN   0xffffffff7fc00000
#define B_NEGQNAN 0xffffffffffc00000

/* f0 = raw xv, f1 = raw yv, then `code`, which leaves its FP result in f3;
 * checks all 64 bits of f3 and the flags. */
#define NB_FP(n, result, flags, xv, yv, code...)                                \
test_##n:                                                                     \
    li TESTNUM, n;                                                            \
    li a5, xv; fmv.d.x f0, a5;                                                \
    li a5, yv; fmv.d.x f1, a5;                                                \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    li a3, result;                                                            \
    bne a2, a3, fail;                                                         \
    li x7, flags;                                                             \
    bne a1, x7, fail;

/* the same with an integer result in a4 */
#define NB_INT(n, result, flags, xv, yv, code...)                               \
test_##n:                                                                     \
    li TESTNUM, n;                                                            \
    li a5, xv; fmv.d.x f0, a5;                                                \
    li a5, yv; fmv.d.x f1, a5;                                                \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    li a3, result;                                                            \
    bne a4, a3, fail;                                                         \
    li x7, flags;                                                             \
    bne a1, x7, fail;

TEST_BEGIN("rv64fd_nanbox")

    /* control: a properly boxed value works */
    NB_FP(1,  B_TWO,  0, B_ONE, B_ONE, fadd.s f3, f0, f1)
    /* arithmetic on an improperly boxed operand: canonical NaN, no flags */
    NB_FP(2,  B_QNAN, 0, UB_ONE,  B_ONE, fadd.s f3, f0, f1)
    NB_FP(3,  B_QNAN, 0, UB_ONE2, B_ONE, fadd.s f3, f0, f1)
    NB_FP(4,  B_QNAN, 0, UB_ONE3, B_ONE, fsub.s f3, f1, f0)
    NB_FP(5,  B_QNAN, 0, UB_SNAN, B_ONE, fmul.s f3, f0, f1)         /* no NV: it reads as the quiet canonical NaN */
    NB_FP(6,  B_QNAN, 0, B_ONE, UB_ONE,  fdiv.s f3, f0, f1)
    NB_FP(7,  B_QNAN, 0, UB_ONE, 0xffffffff00000000, fdiv.s f3, f0, f1)   /* NaN / +0: no DZ */
    NB_FP(8,  B_QNAN, 0, UB_ONE, 0, fsqrt.s f3, f0)
    NB_FP(9,  B_QNAN, 0, B_ONE, B_ONE, fmv.d.x f2, x0; fmadd.s f3, f0, f1, f2)  /* addend 0x0000000000000000 is not +0.0f */
    NB_FP(10, B_QNAN, 0, UB_ONE, B_ONE, fnmsub.s f3, f1, f1, f0)
    /* fmin/fmax: the unboxed operand is a (quiet) NaN, so the other operand is returned */
    NB_FP(11, B_TWO,  0, UB_ONE, B_TWO, fmin.s f3, f0, f1)
    NB_FP(12, B_TWO,  0, UB_ONE, B_TWO, fmax.s f3, f1, f0)
    NB_FP(13, B_QNAN, 0, UB_ONE, UB_NEG, fmin.s f3, f0, f1)
    /* sign injection: an unboxed rs1 is the canonical NaN; an unboxed rs2 supplies the
     * canonical NaN's sign (+), not bit 31 of its low half */
    NB_FP(14, B_NEGQNAN, 0, UB_ONE, B_NEGONE, fsgnj.s f3, f0, f1)
    NB_FP(15, B_NEGQNAN, 0, UB_ONE, B_ONE,    fsgnjn.s f3, f0, f1)
    NB_FP(16, B_NEGQNAN, 0, UB_ONE, B_NEGONE, fsgnjx.s f3, f0, f1)
    NB_FP(17, B_ONE,     0, B_NEGONE, UB_NEG, fsgnj.s f3, f0, f1)     /* sign of rs2 = + (canonical NaN) */
    NB_FP(18, B_NEGONE,  0, B_ONE, UB_NEG,    fsgnjn.s f3, f0, f1)
    NB_FP(19, B_QNAN,    0, UB_NEG, 0,        fmv.s f3, f0)            /* fmv.s = fsgnj.s rs, rs */
    NB_FP(20, B_QNAN,    0, UB_NEG, 0,        fabs.s f3, f0)
    /* conversions from single */
    NB_FP(21, 0x7ff8000000000000, 0, UB_ONE, 0, fcvt.d.s f3, f0)      /* canonical double NaN, no NV */
    NB_INT(22, 0x000000007fffffff, FFLAG_NV, UB_ONE, 0, fcvt.w.s a4, f0, rtz)
    NB_INT(23, 0xffffffffffffffff, FFLAG_NV, UB_ONE, 0, fcvt.wu.s a4, f0, rtz)
    NB_INT(24, 0x7fffffffffffffff, FFLAG_NV, UB_NEG, 0, fcvt.l.s a4, f0, rtz)
    NB_INT(25, 0xffffffffffffffff, FFLAG_NV, UB_ONE, 0, fcvt.lu.s a4, f0, rtz)
    /* compares and fclass */
    NB_INT(26, 0, 0,        UB_ONE, UB_ONE, feq.s a4, f0, f1)          /* quiet compare of qNaNs: no NV */
    NB_INT(27, 0, FFLAG_NV, UB_ONE, B_TWO,  flt.s a4, f0, f1)
    NB_INT(28, 0, FFLAG_NV, B_ONE,  UB_ONE, fle.s a4, f0, f1)
    NB_INT(29, 0x200, 0, UB_ONE, 0, fclass.s a4, f0)                   /* quiet NaN */
    NB_INT(30, 0x200, 0, UB_SNAN, 0, fclass.s a4, f0)                  /* quiet, even with a sNaN low half */
    NB_INT(31, 0x040, 0, B_ONE, 0, fclass.s a4, f0)                    /* control: positive normal */
    /* narrow transfers out ignore the upper half */
    NB_INT(32, 0x000000003f800000, 0, UB_ONE, 0, fmv.x.w a4, f0)
    NB_INT(33, 0xffffffffbf800000, 0, UB_NEG, 0, fmv.x.w a4, f0)       /* and sign-extend bit 31 */
    NB_INT(34, 0x00000000bf800000, 0, UB_NEG, 0,
           lla a5, nbuf; sd x0, 0(a5); fsw f0, 0(a5); ld a4, 0(a5))    /* fsw stores the low 32 bits */
    /* narrow transfers in NaN-box */
    NB_FP(35, 0xffffffff12345678, 0, 0, 0, li a5, 0x0000000012345678; fmv.w.x f3, a5)
    NB_FP(36, 0xffffffffc0490fdb, 0, 0, 0,
          fmv.d.x f3, x0; lla a5, nbuf; li a6, 0xc0490fdb; sw a6, 0(a5); flw f3, 0(a5))
    /* single-precision results are boxed even if the destination held a double */
    NB_FP(37, B_TWO, 0, B_ONE, B_ONE, li a5, 0x400921fb54442d18; fmv.d.x f3, a5; fadd.s f3, f0, f1)
    NB_FP(38, 0xffffffff40400000, 0, 0, 0, li a5, 3; fcvt.s.w f3, a5)
    NB_FP(39, 0xffffffff3f800000, 0, 0x3ff0000000000000, 0, fcvt.s.d f3, f0)
    /* double-precision operations use all 64 bits: a boxed single is just a double NaN */
    NB_FP(40, 0x7ff8000000000000, 0, B_ONE, 0x3ff0000000000000, fadd.d f3, f0, f1)
    NB_INT(41, 0x200, 0, B_ONE, 0, fclass.d a4, f0)
    /* fld of a single's bit pattern does not box it */
    NB_FP(42, B_QNAN, 0, 0, B_ONE,
          lla a5, nbuf; li a6, 0x000000003f800000; sd a6, 0(a5); fld f0, 0(a5); fmul.s f3, f0, f1)

    .pushsection .data
    .balign 8
nbuf: .dword 0
    .popsection

TEST_END
