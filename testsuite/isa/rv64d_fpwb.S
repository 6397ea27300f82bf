/* testsuite/isa/rv64d_fpwb.S —
 * FP results that the translator keeps in xmm registers only (write-back,
 * --no-fp-writeback) and NaNs it makes canonical only where their bits can
 * be seen (--no-fp-lazy-nan), in self-loops that run 20 times (tiering
 * translates a block on its 8th visit).  Each value below is read the ways
 * that look at its bits or at struct cpu: fsd, fmv.x.d, fmv.x.w, fsgnjn.d,
 * an instruction the interpreter runs (fclass.d, fmin.d), a side exit, the
 * loop's exit, and more dirty registers than the cache holds.
 * Expected values from the specification: arithmetic returns the canonical
 * NaN 0x7ff8000000000000 (x86 gives 0xfff8000000000000 for inf - inf and
 * passes an input NaN's payload on); a NaN that was only loaded and stored
 * keeps its bits (payload and signalling bit), also when loaded into a
 * register that held an arithmetic result; fsgnjn flips the sign of the
 * canonical NaN (0xfff8000000000000); fclass.d of a quiet NaN is 0x200. */
#include "test_macros.h"

#define LOAD_D(f, bits) li t0, bits; fmv.d.x f, t0
#define EXPECT_X(num, reg, bits) li TESTNUM, num; li t2, bits; bne reg, t2, fail

TEST_BEGIN("rv64d_fpwb")
    LOAD_D(f1, 0x7ff0000000000000)   /* +inf */
    LOAD_D(f2, 0x7ff8000000000abc)   /* a quiet NaN with a payload */
    LOAD_D(f3, 0x3ff0000000000000)   /* 1.0 */
    LOAD_D(f4, 0x7ff0000000000123)   /* a signalling NaN, only moved around */
    LOAD_D(f9, 0x4000000000000000)   /* 2.0 */
    LOAD_D(f13, 0x3cb0000000000000)  /* 2^-52 */
    la s3, wb_out
    li s4, 0
    li s2, 20
    .balign 512                      /* the loop stays inside one page */
1:  fsd f7, 16(s3)                   /* the previous iteration's NaN, across the back edge: canonical */
    fsub.d f5, f1, f1                /* inf - inf: x86's NaN is negative */
    fadd.d f6, f2, f3                /* NaN(payload) + 1: x86 keeps the payload */
    fmul.d f7, f5, f3                /* a NaN through a chain */
    fsd f6, 0(s3)                    /* stored: canonical */
    fsd f4, 8(s3)                    /* only loaded: bit for bit */
    fmv.x.d a0, f7                   /* moved: canonical */
    fsgnjn.d f8, f5, f5              /* sign-injected: the canonical NaN, negated */
    fmv.x.d a1, f8
    fclass.d a2, f5                  /* the interpreter reads f5 from struct cpu */
    fadd.d f10, f3, f13              /* 1 + 2^-52 = 0x3ff0000000000001 */
    fmv.x.w a3, f10                  /* its low word, 1, read from struct cpu */
    add s4, s4, a3
    fmin.d f11, f9, f3               /* interpreted: 1.0 */
    fadd.d f12, f11, f9              /* after the call: 3.0 */
    addi s2, s2, -1
    bnez s2, 1b
    EXPECT_X(1, a0, 0x7ff8000000000000)
    EXPECT_X(2, a1, 0xfff8000000000000)
    EXPECT_X(3, a2, 0x200)
    EXPECT_X(4, s4, 20)
    ld t1, 0(s3)
    EXPECT_X(5, t1, 0x7ff8000000000000)
    ld t1, 8(s3)
    EXPECT_X(6, t1, 0x7ff0000000000123)
    /* the registers as the loop's exit left them (written back there) */
    fmv.x.d t1, f5
    EXPECT_X(7, t1, 0x7ff8000000000000)
    fmv.x.d t1, f6
    EXPECT_X(8, t1, 0x7ff8000000000000)
    fmv.x.d t1, f4
    EXPECT_X(9, t1, 0x7ff0000000000123)
    fmv.x.d t1, f2
    EXPECT_X(10, t1, 0x7ff8000000000abc)
    fmv.x.d t1, f12
    EXPECT_X(11, t1, 0x4008000000000000)
    ld t1, 16(s3)
    EXPECT_X(19, t1, 0x7ff8000000000000)

    /* A side exit in the middle of a loop leaves with f20 (a NaN) and
     * f21 dirty: after it, both must be in struct cpu, f20 canonical.
     * f22 counts iterations: 1 + 1 + ... (exact). */
    LOAD_D(f22, 0)
    li s2, 20
    .balign 512
2:  fsd f20, 24(s3)                  /* the last iteration's NaN, across the back edge: canonical */
    fsub.d f20, f1, f1
    fadd.d f22, f22, f3
    fadd.d f21, f22, f22
    addi s2, s2, -1
    beqz s2, 3f                      /* the side exit, on the 20th iteration */
    fadd.d f23, f21, f3
    j 2b
3:  fmv.x.d t1, f20
    EXPECT_X(12, t1, 0x7ff8000000000000)
    fcvt.l.d t1, f21, rtz
    EXPECT_X(13, t1, 40)
    fcvt.l.d t1, f23, rtz
    EXPECT_X(14, t1, 39)
    ld t1, 24(s3)
    EXPECT_X(20, t1, 0x7ff8000000000000)

    /* An out-of-range conversion goes to the interpreter out of line: it
     * reads f27, computed just before, from struct cpu. */
    LOAD_D(f26, 0x4415af1d78b58c40)  /* 1e20 */
    fmul.d f27, f26, f26             /* 1e40 */
    fcvt.l.d t1, f27, rtz            /* saturates */
    EXPECT_X(21, t1, 0x7fffffffffffffff)

    /* Sixteen dirty results in one block: the cache (14 registers)
     * evicts the oldest, which must be stored (a NaN made canonical) and
     * is then read back from struct cpu. */
    fsub.d f10, f1, f1
    fadd.d f11, f3, f3
    fadd.d f12, f11, f3
    fadd.d f13, f12, f3
    fadd.d f14, f13, f3
    fadd.d f15, f14, f3
    fadd.d f16, f15, f3
    fadd.d f17, f16, f3
    fadd.d f18, f17, f3
    fadd.d f19, f18, f3
    fadd.d f20, f19, f3
    fadd.d f21, f20, f3
    fadd.d f22, f21, f3
    fadd.d f23, f22, f3
    fadd.d f24, f23, f3
    fadd.d f25, f24, f3
    fmv.x.d a0, f10                  /* f10 was evicted: from struct cpu */
    fmv.x.d a1, f11
    EXPECT_X(15, a0, 0x7ff8000000000000)
    EXPECT_X(16, a1, 0x4000000000000000)
    fcvt.l.d t1, f25, rtz
    EXPECT_X(17, t1, 16)
    /* A load or fmv.d.x into a register that last held an arithmetic result
     * (marked "may hold an x86 NaN"): the new bits are RISC-V's, kept as
     * they are (the mark once stayed, and the store made them canonical) */
    la s3, wb_out
    li t1, 0x7ff0000000000789
    sd t1, 24(s3)
    fadd.d f20, f1, f1
    fld f20, 24(s3)
    fsd f20, 16(s3)
    ld t1, 16(s3)
    EXPECT_X(18, t1, 0x7ff0000000000789)
    fadd.d f21, f1, f1
    li t0, 0x7ff0000000000abc
    fmv.d.x f21, t0
    fmv.x.d a0, f21
    EXPECT_X(19, a0, 0x7ff0000000000abc)
TEST_END

    .data
    .balign 8
wb_out: .dword 0, 0, 0, 0
