/* testsuite/isa/rv64zbc.S — Zbc (carry-less multiplication): clmul, clmulh, clmulr.
 * From the Zbc chapter: the 128-bit carry-less product XORs rs1 << i for every set bit
 * i of rs2; clmul returns bits 63:0, clmulh bits 127:64, clmulr bits 126:63.  For
 * all-ones operands, product bit k is the parity of the number of pairs i + j = k
 * (k + 1 pairs for k <= 63, 127 - k above): bits 0,2,..,62 for clmul and clmulh,
 * 1,3,..,63 for clmulr.  qemu-riscv64 (7.2 has Zbc on by default) agrees. */
#include "test_macros.h"
    .option arch, +zbc
TEST_BEGIN("rv64zbc")
    TEST_RR_OP(1,  clmul,  5, 3, 3)
    TEST_RR_OP(2,  clmul,  0, 0x8000000000000000, 2)
    TEST_RR_OP(3,  clmul,  0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(4,  clmul,  0x1230, 0x123, 0x10)
    TEST_RR_OP(5,  clmulh, 0x5555555555555555, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(6,  clmulh, 1, 0x8000000000000000, 2)
    TEST_RR_OP(7,  clmulh, 0, 0x123, 0x10)
    TEST_RR_OP(8,  clmulr, 0xaaaaaaaaaaaaaaaa, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR_OP(9,  clmulr, 1, 0x8000000000000000, 1)
    TEST_RR_SRC12_EQ_DEST(10, clmul, 0x5, 3)
    TEST_RR_ZEROSRC1(11, clmulh, 0, 0xffffffffffffffff)
    /* The destination a register the translator pins across blocks (a0, a1, a5, sp:
     * translator/regcache.c, --no-pin-regs): clmul runs in the interpreter from the middle
     * of its block, and the host register holding the pinned register must be loaded
     * again after it (case 10 above: a1).  A missing reload (planted) fails 10, and each of 12-14 alone. */
    TEST_CASE(12, x10, 0x1230, li x10, 0x123; li x12, 0x10; clmul x10, x10, x12)
    TEST_CASE(13, x15, 0x1230, li x15, 0x123; li x12, 0x10; clmul x15, x15, x12)
    TEST_CASE(14, x5, 0x1230, mv x6, sp; li x5, 0x123; li x12, 0x10; clmul sp, x5, x12; mv x5, sp; mv sp, x6)
TEST_END
