/* testsuite/isa/rv64zicond.S — Zicond: czero.eqz, czero.nez.  From the Zicond chapter:
 * czero.eqz rd, rs1, rs2 writes 0 if rs2 is zero, else rs1; czero.nez writes 0 if rs2
 * is non-zero, else rs1 (all 64 bits of rs2 count).  binutils 2.40 does not know
 * Zicond, so the instructions are written with .insn (R type, opcode OP, funct7
 * 0000111, funct3 101 / 111).  QEMU 7.2 does not implement Zicond either: the
 * oracle for these values is the specification, worked by hand. */
#include "test_macros.h"
.macro czero.eqz rd, rs1, rs2
    .insn r 0x33, 5, 7, \rd, \rs1, \rs2
.endm
.macro czero.nez rd, rs1, rs2
    .insn r 0x33, 7, 7, \rd, \rs1, \rs2
.endm
TEST_BEGIN("rv64zicond")
    TEST_RR_OP(1,  czero.eqz, 0, 5, 0)
    TEST_RR_OP(2,  czero.eqz, 5, 5, 7)
    TEST_RR_OP(3,  czero.eqz, 0xffffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)
    TEST_RR_OP(4,  czero.eqz, 0x123456789, 0x123456789, 0x100000000) /* upper bits of rs2 count */
    TEST_RR_OP(5,  czero.nez, 5, 5, 0)
    TEST_RR_OP(6,  czero.nez, 0, 5, 7)
    TEST_RR_OP(7,  czero.nez, 0, 0xffffffffffffffff, 0x100000000)
    TEST_RR_SRC1_EQ_DEST(8, czero.eqz, 9, 9, 1)
    TEST_RR_SRC2_EQ_DEST(9, czero.nez, 0, 9, 1)
    TEST_RR_SRC12_EQ_DEST(10, czero.eqz, 0x77, 0x77)
    TEST_RR_ZEROSRC2(11, czero.nez, 0x1234, 0x1234)
    TEST_RR_ZEROSRC1(12, czero.eqz, 0, 3)
    TEST_RR_ZERODEST(13, czero.nez, 5, 0)
TEST_END
