/* testsuite/isa/rv64zimop.S — Zimop and Zcmop, the "may-be-operations": mop.r.N
 * (N = 0..31) and mop.rr.N (N = 0..7) write 0 to rd until an extension gives them a
 * meaning; c.mop.N (N odd, 1..15) writes nothing.  Encodings from the Zimop chapter
 * (SYSTEM opcode, funct3 100, bit 31 set; N spread over bits 30, 27:26, 21:20) and
 * Zcmop (c.lui xN, 0), written as raw words since binutils 2.40 and QEMU 7.2 know
 * neither: the oracle is the specification. */
#include "test_macros.h"
TEST_BEGIN("rv64zimop")
    TEST_CASE(1, x14, 0, li x14, 123; li x11, 5; .insn 4, 0x81c5c773)   /* mop.r.0 a4,a1 */
    TEST_CASE(2, x14, 0, li x14, -1; li x11, 5; .insn 4, 0xcdf5c773)    /* mop.r.31 a4,a1 */
    TEST_CASE(3, x14, 0, li x14, 7; li x11, 5; li x12, 6; .insn 4, 0xcec5c773) /* mop.rr.7 a4,a1,a2 */
    TEST_CASE(4, x11, 5, li x11, 5; .insn 4, 0x81c5c773)                /* rs1 untouched */
    TEST_CASE(5, x0, 0, .insn 4, 0x81c5c073)                              /* mop.r.0 zero,a1 */
    TEST_CASE(6, x1, 42, li x1, 42; .insn 2, 0x6081)                      /* c.mop.1: x1 not written */
    TEST_CASE(7, x15, 43, li x15, 43; .insn 2, 0x6781)                    /* c.mop.15 */
    TEST_CASE(8, x14, 44, li x14, 44; .insn 2, 0x6081; .insn 2, 0x6081)   /* (keeps 4-byte alignment) */
TEST_END
