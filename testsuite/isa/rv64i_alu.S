/* testsuite/isa/rv64i_alu.S — RV64I register-register and register-immediate ALU
 * instructions (add, sub, and, or, xor, slt, sltu, addi, andi, ori, xori, slti, sltiu)
 * plus lui and auipc: wrap-around at 64 bits, sign-extension of 12-bit immediates,
 * signed vs unsigned compares, rd=rs1/rd=rs2/x0 source and destination variants.
 * Expected values follow from the RV64I definitions (two's complement, modulo 2^64). */
#include "test_macros.h"
TEST_BEGIN("rv64i_alu")

    /* add: modulo 2^64, no 32-bit truncation on RV64 */
    TEST_RR_OP(1,  add, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR_OP(2,  add, 0x000000000000000a, 0x0000000000000003, 0x0000000000000007)
    TEST_RR_OP(3,  add, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000001)
    TEST_RR_OP(4,  add, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR_OP(5,  add, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000)
    TEST_RR_OP(6,  add, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(7,  add, 0x0000000100000000, 0x00000000ffffffff, 0x0000000000000001)   /* carries past bit 31 */
    TEST_RR_OP(8,  add, 0x0000000080000000, 0x000000007fffffff, 0x0000000000000001)   /* no sign-extension */
    TEST_RR_SRC1_EQ_DEST(9,  add, 24, 13, 11)
    TEST_RR_SRC2_EQ_DEST(10, add, 25, 14, 11)
    TEST_RR_SRC12_EQ_DEST(11, add, 26, 13)
    TEST_RR_ZEROSRC1(12, add, 15, 15)
    TEST_RR_ZEROSRC2(13, add, 32, 32)
    TEST_RR_ZERODEST(14, add, 16, 30)

    /* sub */
    TEST_RR_OP(20, sub, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000001)
    TEST_RR_OP(21, sub, 0x7fffffffffffffff, 0x8000000000000000, 0x0000000000000001)
    TEST_RR_OP(22, sub, 0x8000000000000000, 0x0000000000000000, 0x8000000000000000)  /* -INT64_MIN wraps */
    TEST_RR_OP(23, sub, 0x0000000000000000, 0x1234567890abcdef, 0x1234567890abcdef)
    TEST_RR_OP(24, sub, 0xffffffff00000001, 0x0000000000000000, 0x00000000ffffffff)
    TEST_RR_SRC1_EQ_DEST(25, sub, 2, 13, 11)
    TEST_RR_SRC2_EQ_DEST(26, sub, 3, 14, 11)
    TEST_RR_SRC12_EQ_DEST(27, sub, 0, 13)
    TEST_RR_ZEROSRC1(28, sub, 0xfffffffffffffff1, 15)
    TEST_RR_ZERODEST(29, sub, 16, 30)

    /* and / or / xor */
    TEST_RR_OP(40, and, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR_OP(41, and, 0x00f000f000f000f0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
    TEST_RR_SRC12_EQ_DEST(42, and, 0xff00ff00ff00ff00, 0xff00ff00ff00ff00)
    TEST_RR_ZEROSRC1(43, and, 0, 0xffffffffffffffff)
    TEST_RR_OP(44, or,  0xff0fff0fff0fff0f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR_OP(45, or,  0xfff0fff0fff0fff0, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
    TEST_RR_ZEROSRC2(46, or, 0x123456789abcdef0, 0x123456789abcdef0)
    TEST_RR_OP(47, xor, 0xf00ff00ff00ff00f, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f)
    TEST_RR_OP(48, xor, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf0f0f0f0f0f0f0f0)
    TEST_RR_SRC12_EQ_DEST(49, xor, 0, 0x5555aaaa5555aaaa)
    TEST_RR_ZERODEST(50, xor, 1, 2)

    /* slt / sltu: signed vs unsigned view of the same bits */
    TEST_RR_OP(60, slt,  1, 0xffffffffffffffff, 0x0000000000000001)   /* -1 < 1 */
    TEST_RR_OP(61, slt,  0, 0x0000000000000001, 0xffffffffffffffff)
    TEST_RR_OP(62, slt,  1, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_OP(63, slt,  0, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_RR_OP(64, slt,  0, 0x0000000000000005, 0x0000000000000005)   /* equal: not less */
    TEST_RR_OP(65, slt,  1, 0x0000000080000000, 0x0000000100000000)   /* compares all 64 bits */
    TEST_RR_OP(66, sltu, 0, 0xffffffffffffffff, 0x0000000000000001)   /* 2^64-1 > 1 unsigned */
    TEST_RR_OP(67, sltu, 1, 0x0000000000000001, 0xffffffffffffffff)
    TEST_RR_OP(68, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_RR_OP(69, sltu, 0, 0x0000000000000000, 0x0000000000000000)
    TEST_RR_ZEROSRC1(70, sltu, 1, 7)                                  /* snez */
    TEST_RR_ZEROSRC1(71, sltu, 0, 0)
    TEST_RR_ZEROSRC2(72, slt, 1, 0xfffffffffffffff0)                  /* sltz */
    TEST_RR_SRC12_EQ_DEST(73, sltu, 0, 9)

    /* addi: 12-bit immediate sign-extended to 64 bits */
    TEST_IMM_OP(80, addi, 0x0000000000000000, 0x0000000000000000, 0)
    TEST_IMM_OP(81, addi, 0xfffffffffffff800, 0x0000000000000000, -2048)
    TEST_IMM_OP(82, addi, 0x00000000000007ff, 0x0000000000000000, 2047)
    TEST_IMM_OP(83, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_IMM_OP(84, addi, 0x7fffffffffffffff, 0x8000000000000000, -1)
    TEST_IMM_OP(85, addi, 0x0000000080000000, 0x000000007fffffff, 1)   /* not addiw: no wrap */
    TEST_IMM_OP(86, addi, 0x0000000000000000, 0xffffffffffffffff, 1)
    TEST_IMM_SRC1_EQ_DEST(87, addi, 24, 13, 11)
    TEST_IMM_ZEROSRC1(88, addi, 32, 32)
    TEST_IMM_ZERODEST(89, addi, 33, 50)

    /* andi / ori / xori: imm -241 = 0xf0f sign-extended = 0xffffffffffffff0f */
    TEST_IMM_OP(90,  andi, 0x00ff00ff00ff000f, 0x00ff00ff00ff00ff, -241)
    TEST_IMM_OP(91,  andi, 0x00000000000000f0, 0xff00ff00ff00fff0, 0x0f0)
    TEST_IMM_OP(92,  andi, 0x0000000000000000, 0xffffffffffffffff, 0)
    TEST_IMM_OP(93,  ori,  0xffffffffffffff0f, 0xff00ff00ff00ff00, -241)
    TEST_IMM_OP(94,  ori,  0xff00ff00ff00fff0, 0xff00ff00ff00ff00, 0x0f0)
    TEST_IMM_OP(95,  xori, 0xff00ff00ff00fff0, 0x00ff00ff00ff00ff, -241)
    TEST_IMM_OP(96,  xori, 0xedcba9876543210f, 0x123456789abcdef0, -1)   /* not */
    TEST_IMM_SRC1_EQ_DEST(97, xori, 0xff00ff00ff00ff0f, 0xff00ff00ff00ff00, 0x00f)
    TEST_IMM_ZEROSRC1(98, ori, 0x7ff, 0x7ff)

    /* slti / sltiu: the immediate is sign-extended before either compare */
    TEST_IMM_OP(100, slti,  0, 0x0000000000000000, -1)
    TEST_IMM_OP(101, slti,  1, 0xfffffffffffffffe, -1)
    TEST_IMM_OP(102, slti,  1, 0x8000000000000000, -2048)
    TEST_IMM_OP(103, slti,  0, 0x7fffffffffffffff, 2047)
    TEST_IMM_OP(104, slti,  0, 0x00000000000007ff, 2047)
    TEST_IMM_OP(105, slti,  1, 0x00000000000007fe, 2047)
    TEST_IMM_OP(106, sltiu, 1, 0x0000000000000000, 1)                    /* seqz */
    TEST_IMM_OP(107, sltiu, 0, 0x0000000000000001, 1)
    TEST_IMM_OP(108, sltiu, 1, 0xfffffffffffffffe, -1)                   /* -1 -> 2^64-1 */
    TEST_IMM_OP(109, sltiu, 0, 0xffffffffffffffff, -1)
    TEST_IMM_OP(110, sltiu, 0, 0x0000000000000800, 2047)
    TEST_IMM_OP(111, sltiu, 1, 0x8000000000000000, -2048)                /* 2^63 < 2^64-2048 */
    TEST_IMM_ZERODEST(112, sltiu, 0, 1)

    /* lui: imm << 12, sign-extended from bit 31 */
    TEST_CASE(120, x14, 0x0000000000000000, lui x14, 0x00000)
    TEST_CASE(121, x14, 0x000000007ffff000, lui x14, 0x7ffff)
    TEST_CASE(122, x14, 0xffffffff80000000, lui x14, 0x80000)
    TEST_CASE(123, x14, 0xfffffffffffff000, lui x14, 0xfffff)
    TEST_CASE(124, x14, 0x0000000000012000, lui x14, 0x00012)
    TEST_CASE(125, x14, 0xffffffff80000123, lui x14, 0x80000; addi x14, x14, 0x123)
    TEST_CASE(126, x0,  0, lui x0, 0x80000)

    /* auipc: pc + (imm << 12), sign-extended offset */
    TEST_CASE(130, x14, 0,
        1: auipc x14, 0; la x15, 1b; sub x14, x14, x15)
    TEST_CASE(131, x14, 0x1000,
        1: auipc x14, 1; la x15, 1b; sub x14, x14, x15)
    TEST_CASE(132, x14, 0xffffffff80000000,
        1: auipc x14, 0x80000; la x15, 1b; sub x14, x14, x15)
    TEST_CASE(133, x14, 0xfffffffffffff000,
        1: auipc x14, 0xfffff; la x15, 1b; sub x14, x14, x15)
    TEST_CASE(134, x14, 8,                       /* each auipc sees its own pc */
        1: auipc x14, 0; auipc x15, 0; auipc x16, 0; sub x14, x16, x14)

    /* x0 stays zero whatever is written to it */
    TEST_CASE(140, x14, 0, addi x0, x0, 5; add x14, x0, x0)
    TEST_CASE(141, x14, 0, nop; mv x14, x0)

    /* neg (sub rd, x0, rs) and zext.b (andi rd, rs, 0xff): the translator's own forms */
    TEST_CASE(142, x14, 0xffffffffffffff85, li x12, 0x7b; neg x14, x12)
    TEST_CASE(143, x14, 0x8000000000000000, li x12, 0x8000000000000000; neg x14, x12)
    TEST_CASE(144, x12, 0x0000000000000001, li x12, 0xffffffffffffffff; neg x12, x12)
    TEST_CASE(145, x14, 0x00000000000000f0, li x11, 0xfedcba98765432f0; andi x14, x11, 0xff)
    TEST_CASE(146, x11, 0x0000000000000080, li x11, 0xffffffffffffff80; andi x11, x11, 0xff)

TEST_END
