/* testsuite/isa/rv64zbb.S — Zbb (basic bit manipulation): andn, orn, xnor, clz, ctz, cpop,
 * clzw, ctzw, cpopw, max, maxu, min, minu, sext.b, sext.h, zext.h, rol, ror, rori, rolw,
 * rorw, roriw, orc.b, rev8.  From the Zbb chapter: counts of an all-zero value are the
 * width (64, or 32 for the W forms, which look at the low word only); rotate amounts
 * use the low 6 bits of rs2 (5 for the W forms, whose 32-bit result is sign-extended);
 * orc.b sets each byte to 0xff if any bit in it is set; rev8 reverses the byte order.
 * Expected values worked by hand; qemu-riscv64 (7.2 has Zbb on by default) agrees. */
#include "test_macros.h"
    .option arch, +zbb
TEST_BEGIN("rv64zbb")
    TEST_RR_OP(1,  andn, 0xf000f000f000f000, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR_OP(2,  orn,  0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR_OP(3,  xnor, 0x0f0f0f0f0f0f0f0f, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)
    TEST_RR_SRC12_EQ_DEST(4, andn, 0, 0x1234)
    TEST_RR_ZEROSRC1(5, orn, 0xffffffffffffedcb, 0x1234)
    TEST_RR_SRC2_EQ_DEST(6, xnor, 0xffffffffffffffff, 7, 7)

    TEST_R_OP(10, clz, 64, 0)
    TEST_R_OP(11, clz, 63, 1)
    TEST_R_OP(12, clz, 0, 0x8000000000000000)
    TEST_R_OP(13, clz, 47, 0x0000000000010000)
    TEST_R_OP(14, clz, 31, 0x0000000100000000)
    TEST_R_OP(15, ctz, 64, 0)
    TEST_R_OP(16, ctz, 0, 1)
    TEST_R_OP(17, ctz, 63, 0x8000000000000000)
    TEST_R_OP(18, ctz, 8, 0xff00)
    TEST_R_OP(19, cpop, 0, 0)
    TEST_R_OP(20, cpop, 64, 0xffffffffffffffff)
    TEST_R_OP(21, cpop, 32, 0x5555555555555555)
    TEST_R_OP(22, cpop, 4, 0xf0)
    TEST_R_OP(23, clzw, 32, 0)
    TEST_R_OP(24, clzw, 32, 0xffffffff00000000)
    TEST_R_OP(25, clzw, 31, 1)
    TEST_R_OP(26, clzw, 0, 0x80000000)
    TEST_R_OP(27, clzw, 16, 0x0000ffff)
    TEST_R_OP(28, ctzw, 32, 0)
    TEST_R_OP(29, ctzw, 32, 0x0000000100000000)
    TEST_R_OP(30, ctzw, 31, 0x80000000)
    TEST_R_OP(31, ctzw, 16, 0x00010000)
    TEST_R_OP(32, cpopw, 32, 0xffffffffffffffff)
    TEST_R_OP(33, cpopw, 4, 0xffffffff0000000f)
    TEST_R_SRC1_EQ_DEST(34, cpopw, 0, 0)

    TEST_RR_OP(40, max,  1, 0xffffffffffffffff, 1)
    TEST_RR_OP(41, max,  0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_OP(42, max,  5, 5, 3)
    TEST_RR_OP(43, maxu, 0xffffffffffffffff, 0xffffffffffffffff, 1)
    TEST_RR_OP(44, maxu, 0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_OP(45, min,  0xffffffffffffffff, 0xffffffffffffffff, 1)
    TEST_RR_OP(46, min,  0x8000000000000000, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_OP(47, minu, 1, 0xffffffffffffffff, 1)
    TEST_RR_OP(48, minu, 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_SRC1_EQ_DEST(49, min, 2, 9, 2)
    TEST_RR_SRC2_EQ_DEST(50, maxu, 9, 9, 2)
    TEST_RR_ZEROSRC1(51, min, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_RR_ZEROSRC2(52, minu, 0, 0x1234)

    TEST_R_OP(60, sext.b, 0xffffffffffffff80, 0x80)
    TEST_R_OP(61, sext.b, 0x7f, 0x7f)
    TEST_R_OP(62, sext.b, 1, 0x123456789abcde01)
    TEST_R_OP(63, sext.b, 0xffffffffffffffff, 0xff)
    TEST_R_OP(64, sext.h, 0xffffffffffff8000, 0x8000)
    TEST_R_OP(65, sext.h, 0x7fff, 0x12347fff)
    TEST_R_OP(66, zext.h, 0x8001, 0xffffffffffff8001)
    TEST_R_SRC1_EQ_DEST(67, zext.h, 0xcdef, 0x0123456789abcdef)

    TEST_RR_OP(70, rol, 0x0000000000000003, 0x8000000000000001, 1)
    TEST_RR_OP(71, rol, 0x123456789abcdef0, 0x0123456789abcdef, 4)
    TEST_RR_OP(72, rol, 0x0123456789abcdef, 0x0123456789abcdef, 64)  /* amount mod 64 */
    TEST_RR_OP(73, rol, 0x123456789abcdef0, 0x0123456789abcdef, 68)
    TEST_RR_OP(74, ror, 0x8000000000000000, 1, 1)
    TEST_RR_OP(75, ror, 0xf0123456789abcde, 0x0123456789abcdef, 4)
    TEST_RR_OP(76, rolw, 3, 0x0000000080000001, 1)
    TEST_RR_OP(77, rolw, 0xffffffff80000000, 0x0000000040000000, 1)
    TEST_RR_OP(78, rolw, 0x34567812, 0xffffffff12345678, 8)
    TEST_RR_OP(79, rolw, 0x23456781, 0x12345678, 36)                 /* amount mod 32 */
    TEST_RR_OP(80, rorw, 0xffffffff80000000, 1, 1)
    TEST_RR_OP(81, rorw, 0x78123456, 0x12345678, 8)
    TEST_IMM_OP(82, rori, 0xf0123456789abcde, 0x0123456789abcdef, 4)
    TEST_IMM_OP(83, rori, 2, 1, 63)
    TEST_IMM_OP(84, roriw, 0xffffffff81234567, 0x12345678, 4)
    TEST_IMM_OP(85, roriw, 2, 0xffffffff00000001, 31)
    TEST_RR_SRC1_EQ_DEST(86, ror, 0x4000000000000000, 1, 2)

    TEST_R_OP(90, orc.b, 0x00ff000000ff00ff, 0x0001000000ff0080)
    TEST_R_OP(91, orc.b, 0, 0)
    TEST_R_OP(92, rev8, 0xefcdab8967452301, 0x0123456789abcdef)
    TEST_R_SRC1_EQ_DEST(93, rev8, 0x00000000000000ff, 0xff00000000000000)
TEST_END
