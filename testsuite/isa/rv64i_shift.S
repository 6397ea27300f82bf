/* testsuite/isa/rv64i_shift.S — RV64I shifts sll, srl, sra, slli, srli, srai.
 * Register shifts use only the low 6 bits of rs2 (64 shifts by 0, 65 by 1, -1 by 63);
 * immediate shifts take a 6-bit shamt (0..63).  srl fills with zeros, sra with copies
 * of bit 63.  Expected values follow directly from the RV64I definitions. */
#include "test_macros.h"
TEST_BEGIN("rv64i_shift")

    /* sll */
    TEST_RR_OP(1,  sll, 0x0000000000000001, 0x0000000000000001, 0)
    TEST_RR_OP(2,  sll, 0x0000000000000002, 0x0000000000000001, 1)
    TEST_RR_OP(3,  sll, 0x0000000100000000, 0x0000000000000001, 32)   /* no 32-bit wrap */
    TEST_RR_OP(4,  sll, 0x8000000000000000, 0x0000000000000001, 63)
    TEST_RR_OP(5,  sll, 0x0000000000000001, 0x0000000000000001, 64)   /* 64 & 63 = 0 */
    TEST_RR_OP(6,  sll, 0x0000000000000002, 0x0000000000000001, 65)   /* 65 & 63 = 1 */
    TEST_RR_OP(7,  sll, 0x8000000000000000, 0x0000000000000001, -1)   /* -1 & 63 = 63 */
    TEST_RR_OP(8,  sll, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffc1) /* low 6 bits = 1 */
    TEST_RR_OP(9,  sll, 0x4242424242424242, 0x2121212121212121, 0x0000000000000101) /* 0x101 & 63 = 1 */
    TEST_RR_OP(10, sll, 0x2121212121212121, 0x2121212121212121, 0x0000000000000040) /* 64 -> 0 */
    TEST_RR_SRC1_EQ_DEST(11, sll, 0x0000000000000080, 1, 7)
    TEST_RR_SRC2_EQ_DEST(12, sll, 0x0000000000004000, 1, 14)
    TEST_RR_SRC12_EQ_DEST(13, sll, 24, 3)
    TEST_RR_ZEROSRC1(14, sll, 0, 15)
    TEST_RR_ZEROSRC2(15, sll, 32, 32)

    /* srl: logical, zero-filling */
    TEST_RR_OP(20, srl, 0x8000000000000000, 0x8000000000000000, 0)
    TEST_RR_OP(21, srl, 0x4000000000000000, 0x8000000000000000, 1)
    TEST_RR_OP(22, srl, 0x0000000080000000, 0x8000000000000000, 32)
    TEST_RR_OP(23, srl, 0x0000000000000001, 0x8000000000000000, 63)
    TEST_RR_OP(24, srl, 0x7fffffffffffffff, 0xffffffffffffffff, 1)
    TEST_RR_OP(25, srl, 0xffffffffffffffff, 0xffffffffffffffff, 64)   /* shift by 0 */
    TEST_RR_OP(26, srl, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff) /* by 63 */
    TEST_RR_OP(27, srl, 0x00000000ffffffff, 0xffffffffffffffff, 0xffffffffffffffe0) /* by 32 */
    TEST_RR_SRC12_EQ_DEST(28, srl, 0, 7)
    TEST_RR_ZEROSRC2(29, srl, 0x8000000000000000, 0x8000000000000000)

    /* sra: arithmetic, copies of bit 63 */
    TEST_RR_OP(40, sra, 0x8000000000000000, 0x8000000000000000, 0)
    TEST_RR_OP(41, sra, 0xc000000000000000, 0x8000000000000000, 1)
    TEST_RR_OP(42, sra, 0xffffffff80000000, 0x8000000000000000, 32)
    TEST_RR_OP(43, sra, 0xffffffffffffffff, 0x8000000000000000, 63)
    TEST_RR_OP(44, sra, 0x0000000000000001, 0x7fffffffffffffff, 62)
    TEST_RR_OP(45, sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 1)
    TEST_RR_OP(46, sra, 0xf812345678000000, 0x8123456780000000, 68)   /* 68 & 63 = 4 */
    TEST_RR_OP(47, sra, 0x0000000080000000, 0x0000000080000000, 0)    /* bit 31 is not the sign */
    TEST_RR_OP(48, sra, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_SRC1_EQ_DEST(49, sra, 0xffffffffffffff00, 0xffffffffffff0000, 8)
    TEST_RR_ZERODEST(50, sra, 0x8000000000000000, 3)

    /* slli / srli / srai: 6-bit immediate */
    TEST_IMM_OP(60, slli, 0x0000000000000001, 0x0000000000000001, 0)
    TEST_IMM_OP(61, slli, 0x0000000100000000, 0x0000000000000001, 32)
    TEST_IMM_OP(62, slli, 0x8000000000000000, 0x0000000000000001, 63)
    TEST_IMM_OP(63, slli, 0xfffffffe00000000, 0xffffffffffffffff, 33)
    TEST_IMM_OP(64, slli, 0x8484848484848484, 0x2121212121212121, 2)
    TEST_IMM_SRC1_EQ_DEST(65, slli, 0x0000000000000080, 1, 7)
    TEST_IMM_ZERODEST(66, slli, 1, 3)
    TEST_IMM_OP(67, slli, 0x0000000000000002, 0x8000000000000001, 1)   /* by 1, 2, 3: lea */
    TEST_IMM_OP(68, slli, 0x0909090909090908, 0x2121212121212121, 3)
    TEST_IMM_OP(69, slli, 0xfffffffffffffff8, 0xfffffffffffffffe, 2)
    TEST_IMM_OP(70, srli, 0x8000000000000000, 0x8000000000000000, 0)
    TEST_IMM_OP(71, srli, 0x0000000080000000, 0x8000000000000000, 32)
    TEST_IMM_OP(72, srli, 0x0000000000000001, 0x8000000000000000, 63)
    TEST_IMM_OP(73, srli, 0x000000007fffffff, 0xfffffffffffffffe, 33)
    TEST_IMM_SRC1_EQ_DEST(74, srli, 0x00ffffffffffffff, 0xffffffffffffffff, 8)
    TEST_IMM_OP(80, srai, 0x8000000000000000, 0x8000000000000000, 0)
    TEST_IMM_OP(81, srai, 0xffffffff80000000, 0x8000000000000000, 32)
    TEST_IMM_OP(82, srai, 0xffffffffffffffff, 0x8000000000000000, 63)
    TEST_IMM_OP(83, srai, 0x0000000000000000, 0x7fffffffffffffff, 63)
    TEST_IMM_OP(84, srai, 0xffffffffff000000, 0xffffffff80000000, 7)
    TEST_IMM_OP(85, srai, 0x0000000001000000, 0x0000000080000000, 7)
    TEST_IMM_SRC1_EQ_DEST(86, srai, 0xfffffffffffffff8, 0xffffffffffffff80, 4)

TEST_END
