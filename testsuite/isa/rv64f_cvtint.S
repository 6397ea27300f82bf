/* testsuite/isa/rv64f_cvtint.S —
 * Conversions between single precision and signed integers whose results
 * differ between rounding modes (rv64f_convert.S's rtz cases, 2.5 and -2.5,
 * give the same integer under rtz and rne): what tells a truncating host
 * conversion (cvttss2si) from a rounding one (cvtss2si), and an integer that
 * single precision cannot hold exactly.  Expected values from the
 * specification; qemu-riscv64 is the oracle. */
#include "test_macros.h"
TEST_BEGIN("rv64f_cvtint")
    TEST_FCVT_INT_S(1, fcvt.w.s, rtz, FFLAG_NX, 0x0000000000000002, 0x402ccccd)   /* 2.7 -> 2 */
    TEST_FCVT_INT_S(2, fcvt.w.s, rne, FFLAG_NX, 0x0000000000000003, 0x402ccccd)   /* 2.7 -> 3 */
    TEST_FCVT_INT_S(3, fcvt.w.s, rtz, FFLAG_NX, 0xfffffffffffffffe, 0xc02ccccd)   /* -2.7 -> -2 */
    TEST_FCVT_INT_S(4, fcvt.w.s, rne, FFLAG_NX, 0x0000000000000002, 0x3fc00000)   /* 1.5 -> 2 (even) */
    TEST_FCVT_INT_S(5, fcvt.l.s, rtz, FFLAG_NV, 0x7fffffffffffffff, 0x5f000000)   /* 2^63 -> saturates */
    TEST_FCVT_INT_S(6, fcvt.l.s, rne, 0, 0x0000000100000000, 0x4f800000)          /* 2^32 */
    TEST_FCVT_INT_S(7, fcvt.l.s, rtz, 0, 0xffffffff7fffff00, 0xcf000001)          /* -(2^31 + 2^8) */
    TEST_FCVT_INT_S(8, fcvt.l.s, rtz, FFLAG_NX, 0x0000000000000002, 0x402ccccd)   /* 2.7 -> 2 */
    TEST_FCVT_INT_S(9, fcvt.l.s, rne, FFLAG_NX, 0x0000000000000003, 0x402ccccd)   /* 2.7 -> 3 */
    TEST_FCVT_FROM_INT_S(10, fcvt.s.w, rne, FFLAG_NX, 0x4b800000, 0x0000000001000001) /* 2^24 + 1 -> 2^24 */
    TEST_FCVT_FROM_INT_S(11, fcvt.s.w, rne, 0, 0xc0a00000, 0xfffffffffffffffb)        /* -5 */
    TEST_FCVT_FROM_INT_S(12, fcvt.s.w, dyn, FFLAG_NX, 0x4b800002, 0x0000000001000003) /* 2^24 + 3 -> 2^24 + 4 (even) */
    TEST_FCVT_FROM_INT_S(13, fcvt.s.l, rne, FFLAG_NX, 0x5a000000, 0x0020000000000001) /* 2^53 + 1 -> 2^53 */
    TEST_FCVT_FROM_INT_S(14, fcvt.s.l, rne, FFLAG_NX, 0x5f000000, 0x7fffffffffffffff) /* 2^63 - 1 -> 2^63 */
    TEST_FCVT_FROM_INT_S(15, fcvt.s.l, rne, 0, 0xdf000000, 0x8000000000000000)        /* -2^63 */
TEST_END
