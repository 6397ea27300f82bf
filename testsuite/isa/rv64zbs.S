/* testsuite/isa/rv64zbs.S — Zbs (single-bit instructions): bclr, bclri, bext, bexti, binv,
 * binvi, bset, bseti.  From the Zbs chapter: the bit index is the low 6 bits of rs2 (or
 * the 6-bit immediate); bclr clears it, binv inverts it, bset sets it, bext returns it
 * in bit 0.  Indices 31 and 32 and up are included (a 32-bit immediate trick would get
 * them wrong).  qemu-riscv64 (7.2 has Zbs on by default) agrees. */
#include "test_macros.h"
    .option arch, +zbs
TEST_BEGIN("rv64zbs")
    TEST_RR_OP(1,  bclr, 0xfffffffffffffffe, 0xffffffffffffffff, 0)
    TEST_RR_OP(2,  bclr, 0x7fffffffffffffff, 0xffffffffffffffff, 63)
    TEST_RR_OP(3,  bclr, 0xffffffffffffffdf, 0xffffffffffffffff, 69)     /* index mod 64 */
    TEST_IMM_OP(4, bclri, 0xffffffff7fffffff, 0xffffffffffffffff, 31)
    TEST_IMM_OP(5, bclri, 0xfffffffeffffffff, 0xffffffffffffffff, 32)
    TEST_IMM_OP(6, bclri, 0xf7, 0xff, 3)
    TEST_RR_OP(10, bext, 1, 0x10, 4)
    TEST_RR_OP(11, bext, 0, 0x10, 3)
    TEST_RR_OP(12, bext, 1, 0x8000000000000000, 63)
    TEST_RR_OP(13, bext, 1, 0x8000000000000000, 127)
    TEST_IMM_OP(14, bexti, 1, 0x8000000000000000, 63)
    TEST_IMM_OP(15, bexti, 1, 5, 2)
    TEST_IMM_OP(16, bexti, 0, 5, 1)
    TEST_IMM_OP(17, bexti, 1, 0x80000000, 31)
    TEST_RR_OP(20, binv, 0x8000000000000000, 0, 63)
    TEST_RR_OP(21, binv, 0xfe, 0xff, 0)
    TEST_IMM_OP(22, binvi, 0x80000000, 0, 31)
    TEST_IMM_OP(23, binvi, 0, 0x80000000, 31)
    TEST_IMM_OP(24, binvi, 0x0000010000000001, 1, 40)
    TEST_RR_OP(30, bset, 0x8000000000000000, 0, 63)
    TEST_RR_OP(31, bset, 2, 0, 65)
    TEST_IMM_OP(32, bseti, 0x0000000080000000, 0, 31)
    TEST_IMM_OP(33, bseti, 1, 0, 0)
    TEST_IMM_OP(34, bseti, 0x10, 0x10, 4)
    TEST_IMM_OP(35, bseti, 0x0000200000000000, 0, 45)
    TEST_IMM_SRC1_EQ_DEST(36, bseti, 0x8000000000000001, 1, 63)
    TEST_RR_SRC1_EQ_DEST(37, bset, 0x0000000000000101, 1, 8)
    TEST_RR_SRC2_EQ_DEST(38, binv, 0x0000000000000008, 0, 3)
    TEST_RR_ZEROSRC1(39, bset, 0x0000000000000080, 7)
TEST_END
