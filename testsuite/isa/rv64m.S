/* testsuite/isa/rv64m.S — RV64M: mul, mulh, mulhsu, mulhu, div, divu, rem, remu and the
 * word forms mulw, divw, divuw, remw, remuw.  Edge cases from the M chapter of the spec:
 * division by zero gives quotient -1 (all ones, also for divu/divuw) and remainder =
 * dividend; signed overflow INT_MIN / -1 gives quotient INT_MIN and remainder 0;
 * division truncates toward zero and the remainder takes the dividend's sign; the high
 * products are the upper 64 bits of the exact 128-bit product; W forms use the low 32
 * bits of their operands and sign-extend the 32-bit result (also divuw/remuw). */
#include "test_macros.h"
TEST_BEGIN("rv64m")

    /* mul: low 64 bits */
    TEST_RR_OP(1,  mul, 21, 3, 7)
    TEST_RR_OP(2,  mul, 1, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(3,  mul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff)
    TEST_RR_OP(4,  mul, 0x0000000000000000, 0x0000000100000000, 0x0000000100000000)
    TEST_RR_OP(5,  mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 2)
    TEST_RR_OP(6,  mul, 0xfffffffe00000001, 0x00000000ffffffff, 0x00000000ffffffff)
    TEST_RR_OP(7,  mul, 0xfffffffffffffff9, 0xffffffffffffffff, 7)
    TEST_RR_SRC12_EQ_DEST(8, mul, 169, 13)
    TEST_RR_ZEROSRC1(9, mul, 0, 0x123)
    /* mulh: signed x signed, high half */
    TEST_RR_OP(10, mulh, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff) /* 1 */
    TEST_RR_OP(11, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000) /* 2^126 */
    TEST_RR_OP(12, mulh, 0x0000000000000000, 0x8000000000000000, 0xffffffffffffffff) /* +2^63 */
    TEST_RR_OP(13, mulh, 0xffffffffffffffff, 0x8000000000000000, 0x0000000000000001) /* -2^63 */
    TEST_RR_OP(14, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff) /* (2^63-1)^2 */
    TEST_RR_OP(15, mulh, 0xffffffffffffffff, 0xfffffffffffffffe, 0x4000000000000000) /* -2^63 */
    TEST_RR_OP(16, mulh, 0x0000000000000000, 0x0000000000000002, 0x4000000000000000) /* +2^63 */
    TEST_RR_OP(17, mulh, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001) /* -1 */
    TEST_RR_OP(18, mulh, 0x0000000000000001, 0x0000000100000000, 0x0000000100000000) /* 2^64 */
    /* mulhu: unsigned x unsigned */
    TEST_RR_OP(20, mulhu, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(21, mulhu, 0x0000000000000001, 0x8000000000000000, 0x0000000000000002)
    TEST_RR_OP(22, mulhu, 0x0000000000000001, 0x0000000100000000, 0x0000000100000000)
    TEST_RR_OP(23, mulhu, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR_OP(24, mulhu, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000)
    TEST_RR_OP(25, mulhu, 0x0000000000000000, 0x0000000000000000, 0xffffffffffffffff)
    /* mulhsu: rs1 signed, rs2 unsigned */
    TEST_RR_OP(30, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff) /* -(2^64-1) */
    TEST_RR_OP(31, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000001) /* -1 */
    TEST_RR_OP(32, mulhsu, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff) /* 2^64-1 */
    TEST_RR_OP(33, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff) /* -2^127+2^63 */
    TEST_RR_OP(34, mulhsu, 0x0000000000000001, 0x0000000000000002, 0x8000000000000000) /* 2^64 */
    TEST_RR_OP(35, mulhsu, 0xffffffffffffffff, 0xfffffffffffffffe, 0x8000000000000000) /* -2^64 -> high -1 */
    TEST_RR_OP(36, mulhsu, 0x0000000000000000, 0x0000000000000000, 0xffffffffffffffff)
    TEST_RR_OP(37, mulhsu, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff)

    /* div: truncates toward zero */
    TEST_RR_OP(40, div, 3, 20, 6)
    TEST_RR_OP(41, div, 0xfffffffffffffffd, 0xffffffffffffffec, 6)     /* -20/6 = -3 */
    TEST_RR_OP(42, div, 0xfffffffffffffffd, 20, 0xfffffffffffffffa)     /* 20/-6 = -3 */
    TEST_RR_OP(43, div, 3, 0xffffffffffffffec, 0xfffffffffffffffa)      /* -20/-6 = 3 */
    TEST_RR_OP(44, div, 0xffffffffffffffff, 20, 0)                      /* /0 -> -1 */
    TEST_RR_OP(45, div, 0xffffffffffffffff, 0, 0)
    TEST_RR_OP(46, div, 0xffffffffffffffff, 0x8000000000000000, 0)
    TEST_RR_OP(47, div, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff) /* overflow */
    TEST_RR_OP(48, div, 0xc000000000000000, 0x8000000000000000, 2)
    TEST_RR_OP(49, div, 0, 5, 7)
    /* divu */
    TEST_RR_OP(50, divu, 3, 20, 6)
    TEST_RR_OP(51, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 6)     /* (2^64-20)/6 */
    TEST_RR_OP(52, divu, 0, 20, 0xfffffffffffffffa)
    TEST_RR_OP(53, divu, 0xffffffffffffffff, 20, 0)                     /* /0 -> 2^64-1 */
    TEST_RR_OP(54, divu, 0xffffffffffffffff, 0, 0)
    TEST_RR_OP(55, divu, 0, 0x8000000000000000, 0xffffffffffffffff)
    TEST_RR_OP(56, divu, 0x4000000000000000, 0x8000000000000000, 2)
    /* rem: sign of the dividend */
    TEST_RR_OP(60, rem, 2, 20, 6)
    TEST_RR_OP(61, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 6)      /* -20%6 = -2 */
    TEST_RR_OP(62, rem, 2, 20, 0xfffffffffffffffa)                      /* 20%-6 = 2 */
    TEST_RR_OP(63, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa)
    TEST_RR_OP(64, rem, 20, 20, 0)                                      /* %0 -> dividend */
    TEST_RR_OP(65, rem, 0x8000000000000000, 0x8000000000000000, 0)
    TEST_RR_OP(66, rem, 0, 0x8000000000000000, 0xffffffffffffffff)     /* overflow -> 0 */
    TEST_RR_OP(67, rem, 0xffffffffffffffff, 0xffffffffffffffff, 0x8000000000000000) /* |a|<|b| */
    /* remu */
    TEST_RR_OP(70, remu, 2, 20, 6)
    TEST_RR_OP(71, remu, 2, 0xffffffffffffffec, 6)
    TEST_RR_OP(72, remu, 20, 20, 0xfffffffffffffffa)
    TEST_RR_OP(73, remu, 20, 20, 0)
    TEST_RR_OP(74, remu, 0xffffffffffffffec, 0xffffffffffffffec, 0)
    TEST_RR_OP(75, remu, 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)

    /* mulw: low 32 bits of the low-32-bit operands, sign-extended */
    TEST_RR_OP(80, mulw, 0xfffffffffffffffe, 0x000000007fffffff, 2)
    TEST_RR_OP(81, mulw, 1, 0x0000000100000001, 0x0000000100000001)     /* upper halves ignored */
    TEST_RR_OP(82, mulw, 1, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(83, mulw, 0, 0x0000000000010000, 0x0000000000010000)     /* 2^32 -> 0 */
    TEST_RR_OP(84, mulw, 0xffffffff80000000, 0x0000000000008000, 0x0000000000010000)
    TEST_RR_OP(85, mulw, 0x0000000000000015, 0x1234567800000003, 0xabcdef0000000007)
    /* divw / divuw */
    TEST_RR_OP(90, divw, 0xfffffffffffffffd, 0x00000000ffffffec, 6)     /* -20/6, low 32 bits */
    TEST_RR_OP(91, divw, 3, 0x0000000100000014, 6)
    TEST_RR_OP(92, divw, 0xffffffff80000000, 0x0000000080000000, 0x00000000ffffffff) /* overflow */
    TEST_RR_OP(93, divw, 0xffffffffffffffff, 0x0000000000000014, 0)
    TEST_RR_OP(94, divw, 0xffffffffffffffff, 0x0000000000000014, 0xffffffff00000000) /* low 32 = 0 */
    TEST_RR_OP(95, divw, 3, 0xffffffff00000014, 0x0000000100000006)
    TEST_RR_OP(96, divuw, 0x000000002aaaaaa7, 0xffffffffffffffec, 6)    /* (2^32-20)/6 */
    TEST_RR_OP(97, divuw, 0xffffffffffffffff, 0x0000000000000014, 0)    /* /0 -> 0xffffffff, sign-extended */
    TEST_RR_OP(98, divuw, 0xffffffff80000000, 0x0000000080000000, 1)    /* result bit 31 -> sign-extended */
    TEST_RR_OP(99, divuw, 0, 0x0000000080000000, 0x00000000ffffffff)
    /* remw / remuw */
    TEST_RR_OP(100, remw, 0xfffffffffffffffe, 0x00000000ffffffec, 6)
    TEST_RR_OP(101, remw, 0xffffffff80000000, 0x0000000180000000, 0)    /* %0 -> sext(low 32 of dividend) */
    TEST_RR_OP(102, remw, 0, 0x0000000080000000, 0xffffffffffffffff)    /* overflow -> 0 */
    TEST_RR_OP(103, remw, 2, 0x0000000700000014, 6)
    TEST_RR_OP(104, remw, 0x0000000000000014, 0x0000000000000014, 0xffffffff00000000) /* divisor low 32 = 0 */
    TEST_RR_OP(105, remuw, 2, 0xffffffffffffffec, 6)
    TEST_RR_OP(106, remuw, 0xffffffff80000001, 0x0000000080000001, 0)   /* %0 -> dividend, sign-extended */
    TEST_RR_OP(107, remuw, 0x000000007fffffff, 0x00000000ffffffff, 0x0000000080000000)
    TEST_RR_OP(108, remuw, 0xfffffffffffffffe, 0x00000000fffffffe, 0x00000000ffffffff) /* sext of 0xfffffffe */
    TEST_RR_ZERODEST(109, remuw, 7, 3)
    TEST_RR_ZERODEST(110, div, 7, 0)

TEST_END
