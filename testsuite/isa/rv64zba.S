/* testsuite/isa/rv64zba.S — Zba (address generation): add.uw, sh1add, sh2add, sh3add,
 * sh1add.uw, sh2add.uw, sh3add.uw, slli.uw.  From the Zba chapter of the specification:
 * shNadd computes rs2 + (rs1 << N) in 64 bits (bits shifted past bit 63 are lost);
 * the .uw forms first zero-extend the low 32 bits of rs1 (add.uw rd,rs1,x0 is zext.w);
 * slli.uw shifts the zero-extended low word of rs1 by a 6-bit amount.
 * Expected values worked by hand; qemu-riscv64 (7.2 has Zba on by default) agrees. */
#include "test_macros.h"
    .option arch, +zba
TEST_BEGIN("rv64zba")
    TEST_RR_OP(1,  add.uw, 0x0000000080000001, 0xffffffff80000000, 1)
    TEST_RR_OP(2,  add.uw, 0x00000000fffffffe, 0x00000000ffffffff, 0xffffffffffffffff)
    TEST_RR_OP(3,  add.uw, 0x000000009abcdf00, 0x123456789abcdef0, 0x10)
    TEST_RR_ZEROSRC2(4, add.uw, 0x000000009abcdef0, 0x123456789abcdef0)  /* zext.w */
    TEST_RR_SRC1_EQ_DEST(5, add.uw, 0x0000000100000000, 0xffffffffffffffff, 1)
    TEST_RR_ZERODEST(6, add.uw, 5, 6)

    TEST_RR_OP(10, sh1add, 10, 3, 4)
    TEST_RR_OP(11, sh1add, 0x0000000000000002, 0x8000000000000001, 0)
    TEST_RR_OP(12, sh1add, 0xffffffffffffffff, 0xffffffffffffffff, 1)
    TEST_RR_OP(13, sh2add, 16, 3, 4)
    TEST_RR_OP(14, sh2add, 5, 0x4000000000000000, 5)
    TEST_RR_OP(15, sh3add, 28, 3, 4)
    TEST_RR_OP(16, sh3add, 7, 0x2000000000000000, 7)
    TEST_RR_OP(17, sh3add, 0x7ff8, 0x1000, 0xfffffffffffffff8)
    TEST_RR_SRC2_EQ_DEST(18, sh2add, 0x0000000000000104, 0x40, 4)
    TEST_RR_SRC12_EQ_DEST(19, sh3add, 0x90, 0x10)

    TEST_RR_OP(20, sh1add.uw, 0x00000001fffffffe, 0xffffffffffffffff, 0)
    TEST_RR_OP(21, sh1add.uw, 0x0000000100000001, 0x1234567880000000, 1)
    TEST_RR_OP(22, sh2add.uw, 0x00000003fffffffc, 0xffffffffffffffff, 0)
    TEST_RR_OP(23, sh2add.uw, 16, 0x0000000100000003, 4)
    TEST_RR_OP(24, sh3add.uw, 0x00000007fffffff9, 0xffffffffffffffff, 1)
    TEST_RR_ZEROSRC1(25, sh3add.uw, 0x55, 0x55)

    TEST_IMM_OP(30, slli.uw, 0x0000000ffffffff0, 0xffffffffffffffff, 4)
    TEST_IMM_OP(31, slli.uw, 0x000000009abcdef0, 0x123456789abcdef0, 0)
    TEST_IMM_OP(32, slli.uw, 0x8000000000000000, 0x0000000000000001, 63)
    TEST_IMM_OP(33, slli.uw, 0x8000000100000000, 0xffffffff80000001, 32)
    TEST_IMM_SRC1_EQ_DEST(34, slli.uw, 0x00000001fffffffe, 0x87654321ffffffff, 1)
TEST_END
