/* testsuite/isa/rv64i_w.S — RV64I word instructions addw, subw, addiw, sllw, srlw, sraw,
 * slliw, srliw, sraiw.  They operate on the low 32 bits of the sources (upper bits are
 * ignored) and sign-extend the 32-bit result to 64 bits — also for the logical shift
 * srlw/srliw when the result has bit 31 set (only possible with shift amount 0).
 * Register W shifts use only the low 5 bits of rs2.  Values follow from the spec. */
#include "test_macros.h"
TEST_BEGIN("rv64i_w")

    /* addw / subw */
    TEST_RR_OP(1,  addw, 0x0000000000000003, 0x0000000000000001, 0x0000000000000002)
    TEST_RR_OP(2,  addw, 0xffffffff80000000, 0x000000007fffffff, 0x0000000000000001) /* wraps, sign-extended */
    TEST_RR_OP(3,  addw, 0x0000000000000000, 0x00000000ffffffff, 0x0000000000000001)
    TEST_RR_OP(4,  addw, 0x0000000000000003, 0x0000000100000001, 0x0000000200000002) /* upper halves ignored */
    TEST_RR_OP(5,  addw, 0x0000000000000000, 0x0000000080000000, 0x0000000080000000)
    TEST_RR_OP(6,  addw, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(7,  addw, 0xffffffff80000000, 0x1234567880000000, 0x0000000000000000) /* = sext.w */
    TEST_RR_SRC12_EQ_DEST(8, addw, 0xfffffffffffffffe, 0x000000007fffffff)
    TEST_RR_ZERODEST(9, addw, 1, 2)
    TEST_RR_OP(10, subw, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000001)
    TEST_RR_OP(11, subw, 0x000000007fffffff, 0x0000000080000000, 0x0000000000000001)
    TEST_RR_OP(12, subw, 0xffffffff80000000, 0x0000000000000000, 0x0000000080000000)
    TEST_RR_OP(13, subw, 0x0000000000000000, 0x0000000100000000, 0x0000000000000000)
    TEST_RR_OP(14, subw, 0x0000000000000001, 0xabcdef0000000003, 0x1234567800000002)
    TEST_RR_ZEROSRC1(15, subw, 0x0000000000000001, 0xffffffffffffffff)   /* negw */

    /* addiw */
    TEST_IMM_OP(20, addiw, 0xffffffff80000000, 0x000000007fffffff, 1)
    TEST_IMM_OP(21, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0)   /* sext.w */
    TEST_IMM_OP(22, addiw, 0x0000000023456789, 0x0000000123456789, 0)
    TEST_IMM_OP(23, addiw, 0xfffffffffffff800, 0x0000000000000000, -2048)
    TEST_IMM_OP(24, addiw, 0x000000007fffffff, 0xffffffff80000000, -1)
    TEST_IMM_OP(25, addiw, 0x00000000000007fe, 0xffffffffffffffff, 2047)
    TEST_IMM_SRC1_EQ_DEST(26, addiw, 0x0000000000000018, 0x100000000000000d, 11)
    TEST_IMM_ZERODEST(27, addiw, 1, 1)

    /* sllw: low 5 bits of rs2 */
    TEST_RR_OP(30, sllw, 0x0000000000000001, 0x0000000000000001, 0)
    TEST_RR_OP(31, sllw, 0xffffffff80000000, 0x0000000000000001, 31)
    TEST_RR_OP(32, sllw, 0x0000000000000001, 0x0000000000000001, 32)   /* 32 & 31 = 0 */
    TEST_RR_OP(33, sllw, 0x0000000000000002, 0x0000000000000001, 33)
    TEST_RR_OP(34, sllw, 0xffffffff80000000, 0x0000000000000001, 63)   /* 63 & 31 = 31 */
    TEST_RR_OP(35, sllw, 0xffffffff80000000, 0x0000000000000003, 31)   /* bit 32 falls off */
    TEST_RR_OP(36, sllw, 0x0000000000000001, 0xffffffff00000001, 0)
    TEST_RR_OP(37, sllw, 0x0000000042424242, 0xffffffff21212121, 0xffffffffffffffe1) /* by 1 */
    /* srlw */
    TEST_RR_OP(40, srlw, 0x0000000000000001, 0x0000000080000000, 31)
    TEST_RR_OP(41, srlw, 0xffffffff80000000, 0x0000000080000000, 0)    /* shift 0: bit 31 -> sign-extended */
    TEST_RR_OP(42, srlw, 0x0000000040000000, 0xffffffff80000000, 1)
    TEST_RR_OP(43, srlw, 0x0000000000000000, 0x0000000100000000, 0)
    TEST_RR_OP(44, srlw, 0xffffffffffffffff, 0xffffffffffffffff, 32)   /* 32 & 31 = 0 */
    TEST_RR_OP(45, srlw, 0x000000007fffffff, 0xffffffffffffffff, 33)
    TEST_RR_OP(46, srlw, 0x0000000000000001, 0xffffffffffffffff, 0xffffffffffffffff) /* by 31 */
    /* sraw */
    TEST_RR_OP(50, sraw, 0xffffffffffffffff, 0x0000000080000000, 31)
    TEST_RR_OP(51, sraw, 0xffffffffc0000000, 0x0000000080000000, 1)
    TEST_RR_OP(52, sraw, 0x0000000000000001, 0x000000007fffffff, 30)
    TEST_RR_OP(53, sraw, 0xffffffff80000000, 0x0000000080000000, 32)   /* 32 & 31 = 0 */
    TEST_RR_OP(54, sraw, 0x000000007fffffff, 0xffffffff7fffffff, 0)    /* bit 63 is not the sign */
    TEST_RR_OP(55, sraw, 0x0000000000000000, 0x800000007fffffff, 63)
    TEST_RR_OP(56, sraw, 0xfffffffff8123456, 0x0000000081234567, 36)   /* by 4 */
    TEST_RR_SRC1_EQ_DEST(57, sraw, 0xffffffffffffff00, 0x00000000ffff0000, 8)

    /* slliw / srliw / sraiw: 5-bit immediate */
    TEST_IMM_OP(60, slliw, 0xffffffff80000000, 0x0000000000000001, 31)
    TEST_IMM_OP(61, slliw, 0x0000000000000001, 0xffffffff00000001, 0)
    TEST_IMM_OP(62, slliw, 0xfffffffffffffff0, 0x000000000fffffff, 4)
    TEST_IMM_OP(63, slliw, 0x0000000000000000, 0x0000000080000000, 1)
    TEST_IMM_OP(64, srliw, 0x0000000000000001, 0x0000000080000000, 31)
    TEST_IMM_OP(65, srliw, 0xffffffffffffffff, 0x00000000ffffffff, 0)  /* shift 0: sign-extended */
    TEST_IMM_OP(66, srliw, 0x000000007fffffff, 0xffffffffffffffff, 1)
    TEST_IMM_OP(67, srliw, 0x0000000000012345, 0xabcdef0012345678, 12)
    TEST_IMM_OP(70, sraiw, 0xffffffffffffffff, 0x0000000080000000, 31)
    TEST_IMM_OP(71, sraiw, 0x000000007fffffff, 0x123456787fffffff, 0)
    TEST_IMM_OP(72, sraiw, 0xfffffffff8000000, 0x0000000080000000, 4)
    TEST_IMM_OP(73, sraiw, 0x0000000000000000, 0xffffffff00000000, 31)
    TEST_IMM_SRC1_EQ_DEST(74, sraiw, 0xffffffffffffffff, 0x00000000ffffffff, 17)

TEST_END
