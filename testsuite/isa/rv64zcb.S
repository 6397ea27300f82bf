/* testsuite/isa/rv64zcb.S — Zcb, the compressed forms RVA23 adds: c.lbu, c.lhu, c.lh,
 * c.sb, c.sh, c.zext.b, c.sext.b, c.zext.h, c.sext.h, c.zext.w, c.not, c.mul.  Each is
 * defined (Zc* specification) as the 32-bit instruction it expands to: lbu/lhu/lh/sb/sh
 * with a 2-bit unsigned offset (1 bit for the halfword forms), andi rd,rd,255, sext.b,
 * zext.h, sext.h, add.uw rd,rd,x0, xori rd,rd,-1, mul rd,rd,rs2.  binutils 2.40 and
 * QEMU 7.2 know none of them: the halfwords are written with .insn 2 (a0 is rd'/rs2',
 * a1 is rs1'), and the oracle is the specification. */
#include "test_macros.h"
    .data
    .balign 8
zbuf: .byte 0x11, 0x82, 0x34, 0xf6, 0, 0, 0, 0
TEST_BEGIN("rv64zcb")
    TEST_CASE(1,  x10, 0x82, lla x11, zbuf; .insn 2, 0x81c8; nop)               /* c.lbu a0,1(a1) */
    TEST_CASE(2,  x10, 0xf634, lla x11, zbuf; .insn 2, 0x85a8; nop)             /* c.lhu a0,2(a1) */
    TEST_CASE(3,  x10, 0xffffffffffff8211, lla x11, zbuf; .insn 2, 0x85c8; nop) /* c.lh a0,0(a1) */
    TEST_CASE(4,  x14, 0x5a, lla x11, zbuf; li x10, 0x125a; .insn 2, 0x89c8; nop; lbu x14, 1(x11)) /* c.sb a0,1(a1) */
    TEST_CASE(5,  x14, 0xbeef, lla x11, zbuf; li x10, 0x1beef; .insn 2, 0x8da8; nop; lhu x14, 2(x11)) /* c.sh a0,2(a1) */
    TEST_CASE(6,  x14, 0x00000000beef5a11, lla x11, zbuf; lwu x14, 0(x11))      /* c.sb/c.sh wrote only their bytes */
    TEST_CASE(10, x10, 0x34, li x10, 0x1234; .insn 2, 0x9d61; nop)              /* c.zext.b a0 */
    TEST_CASE(11, x10, 0xffffffffffffff80, li x10, 0x180; .insn 2, 0x9d65; nop) /* c.sext.b a0 */
    TEST_CASE(12, x10, 0x8001, li x10, 0xffffffffffff8001; .insn 2, 0x9d69; nop) /* c.zext.h a0 */
    TEST_CASE(13, x10, 0xffffffffffff8000, li x10, 0x18000; .insn 2, 0x9d6d; nop) /* c.sext.h a0 */
    TEST_CASE(14, x10, 0x80000000, li x10, 0xffffffff80000000; .insn 2, 0x9d71; nop) /* c.zext.w a0 */
    TEST_CASE(15, x10, 0xffffffffffffffff, li x10, 0; .insn 2, 0x9d75; nop)     /* c.not a0 */
    TEST_CASE(16, x10, 0xffffffffffffffeb, li x10, 7; li x11, -3; .insn 2, 0x9d4d; nop) /* c.mul a0,a1 */
TEST_END
