/* testsuite/isa/rv64a.S — RV64A: lr.w/d and sc.w/d (success writes memory and rd = 0;
 * failure leaves memory alone and rd != 0), and every AMO in W and D width (amoswap,
 * amoadd, amoxor, amoand, amoor, amomin, amomax, amominu, amomaxu): rd receives the old
 * memory value (sign-extended from 32 bits for .w), memory receives op(old, rs2).  W forms
 * use only the low 32 bits of rs2 (the test puts junk in the upper half), compare min/max
 * as 32-bit signed/unsigned, and leave the neighbouring word untouched (a carry out of
 * amoadd.w is dropped).  aq, rl and aqrl variants of each are exercised.
 * LR/SC failure cases are the ones the spec mandates: an SC with no reservation, a second
 * SC after an SC (every SC invalidates the reservation), and an SC to an address outside
 * the reservation set of the most recent LR (here a different page). */
#include "test_macros.h"

    .data
    .balign 64
amodat: .dword 0, 0
        .balign 4096
amofar: .dword 0

/* W-width AMO: memory dword = 0x55555555_<init32>; the AMO hits its low word.
 * Checks rd == oldexp (64-bit) and the whole dword == 0x55555555_<new32>. */
#define TEST_AMO_W(n, inst, oldexp, new64, init64, val)                       \
test_##n:                                                                     \
    li TESTNUM, n;                                                            \
    lla x11, amodat;                                                          \
    li x12, init64;                                                           \
    sd x12, 0(x11);                                                           \
    li x13, val;                                                              \
    inst x14, x13, (x11);                                                     \
    li x7, oldexp;                                                            \
    bne x14, x7, fail;                                                        \
    ld x15, 0(x11);                                                           \
    li x7, new64;                                                             \
    bne x15, x7, fail;

#define TEST_AMO_D TEST_AMO_W

TEST_BEGIN("rv64a")

    /* ---- amo*.w: init low word 0x80000001 (negative), rs2 low word 0x7fffffff (positive)
     *      with 0xdeadbeef in rs2's upper half, which must be ignored */
    TEST_AMO_W(1,  amoswap.w,  0xffffffff80000001, 0x555555557fffffff, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(2,  amoadd.w,   0xffffffff80000001, 0x5555555500000000, 0x5555555580000001, 0xdeadbeef7fffffff) /* carry dropped */
    TEST_AMO_W(3,  amoxor.w,   0xffffffff80000001, 0x55555555fffffffe, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(4,  amoand.w,   0xffffffff80000001, 0x5555555500000001, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(5,  amoor.w,    0xffffffff80000001, 0x55555555ffffffff, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(6,  amomin.w,   0xffffffff80000001, 0x5555555580000001, 0x5555555580000001, 0xdeadbeef7fffffff) /* -2^31+1 < 2^31-1 */
    TEST_AMO_W(7,  amomax.w,   0xffffffff80000001, 0x555555557fffffff, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(8,  amominu.w,  0xffffffff80000001, 0x555555557fffffff, 0x5555555580000001, 0xdeadbeef7fffffff)
    TEST_AMO_W(9,  amomaxu.w,  0xffffffff80000001, 0x5555555580000001, 0x5555555580000001, 0xdeadbeef7fffffff)
    /* the other way round: rs2 is the negative one */
    TEST_AMO_W(10, amomin.w,   0x0000000000000005, 0x55555555fffffffd, 0x5555555500000005, 0x00000000fffffffd) /* 32-bit -3 < 5 */
    TEST_AMO_W(11, amomax.w,   0x0000000000000005, 0x5555555500000005, 0x5555555500000005, 0x00000000fffffffd)
    TEST_AMO_W(12, amominu.w,  0x0000000000000005, 0x5555555500000005, 0x5555555500000005, 0x00000000fffffffd)
    TEST_AMO_W(13, amomaxu.w,  0x0000000000000005, 0x55555555fffffffd, 0x5555555500000005, 0x00000000fffffffd)
    TEST_AMO_W(14, amoadd.w,   0x0000000000000001, 0x55555555ffffffff, 0x5555555500000001, 0xfffffffffffffffe) /* 1 + -2 */
    TEST_AMO_W(15, amoswap.w,  0x000000007fffffff, 0x5555555580000000, 0x555555557fffffff, 0x0000000080000000)

    /* ---- amo*.d: init 0x8000000000000001, rs2 0x7fffffffffffffff */
    TEST_AMO_D(20, amoswap.d,  0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(21, amoadd.d,   0x8000000000000001, 0x0000000000000000, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(22, amoxor.d,   0x8000000000000001, 0xfffffffffffffffe, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(23, amoand.d,   0x8000000000000001, 0x0000000000000001, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(24, amoor.d,    0x8000000000000001, 0xffffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(25, amomin.d,   0x8000000000000001, 0x8000000000000001, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(26, amomax.d,   0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(27, amominu.d,  0x8000000000000001, 0x7fffffffffffffff, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(28, amomaxu.d,  0x8000000000000001, 0x8000000000000001, 0x8000000000000001, 0x7fffffffffffffff)
    TEST_AMO_D(29, amomin.d,   0x0000000000000005, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(30, amomax.d,   0x0000000000000005, 0x0000000000000005, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(31, amominu.d,  0x0000000000000005, 0x0000000000000005, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(32, amomaxu.d,  0x0000000000000005, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(33, amoadd.d,   0x00000000ffffffff, 0x0000000100000000, 0x00000000ffffffff, 0x0000000000000001) /* carries into bit 32 */

    /* ---- ordering variants: same semantics */
    TEST_AMO_W(40, amoswap.w.aq,   0x0000000000000001, 0x5555555500000002, 0x5555555500000001, 2)
    TEST_AMO_W(41, amoadd.w.rl,    0x0000000000000001, 0x5555555500000003, 0x5555555500000001, 2)
    TEST_AMO_W(42, amoxor.w.aqrl,  0x0000000000000001, 0x5555555500000003, 0x5555555500000001, 2)
    TEST_AMO_W(43, amoand.w.aq,    0x0000000000000003, 0x5555555500000002, 0x5555555500000003, 6)
    TEST_AMO_W(44, amoor.w.rl,     0x0000000000000003, 0x5555555500000007, 0x5555555500000003, 6)
    TEST_AMO_W(45, amomin.w.aqrl,  0x0000000000000003, 0x5555555500000003, 0x5555555500000003, 6)
    TEST_AMO_W(46, amomax.w.aq,    0x0000000000000003, 0x5555555500000006, 0x5555555500000003, 6)
    TEST_AMO_W(47, amominu.w.rl,   0xffffffffffffffff, 0x5555555500000006, 0x55555555ffffffff, 6)
    TEST_AMO_W(48, amomaxu.w.aqrl, 0xffffffffffffffff, 0x55555555ffffffff, 0x55555555ffffffff, 6)
    TEST_AMO_D(50, amoswap.d.aqrl, 0x0000000000000001, 0x0000000000000002, 0x0000000000000001, 2)
    TEST_AMO_D(51, amoadd.d.aq,    0x0000000000000001, 0x0000000000000003, 0x0000000000000001, 2)
    TEST_AMO_D(52, amoxor.d.rl,    0x0000000000000001, 0x0000000000000003, 0x0000000000000001, 2)
    TEST_AMO_D(53, amoand.d.aqrl,  0x0000000000000003, 0x0000000000000002, 0x0000000000000003, 6)
    TEST_AMO_D(54, amoor.d.aq,     0x0000000000000003, 0x0000000000000007, 0x0000000000000003, 6)
    TEST_AMO_D(55, amomin.d.rl,    0x0000000000000003, 0x0000000000000003, 0x0000000000000003, 6)
    TEST_AMO_D(56, amomax.d.aqrl,  0x0000000000000003, 0x0000000000000006, 0x0000000000000003, 6)
    TEST_AMO_D(57, amominu.d.aq,   0xffffffffffffffff, 0x0000000000000006, 0xffffffffffffffff, 6)
    TEST_AMO_D(58, amomaxu.d.rl,   0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 6)

    /* ---- AMO register corner cases */
    /* the high word of a doubleword: the low word stays untouched */
    TEST_CASE(60, x15, 0x8000000011111111,
        lla x11, amodat; li x12, 0x7fffffff11111111; sd x12, 0(x11);
        addi x11, x11, 4; li x13, 1; amoadd.w x14, x13, (x11);
        li x7, 0x000000007fffffff; bne x14, x7, fail; ld x15, -4(x11))
    /* rd == rs2: the old rs2 is what gets stored */
    TEST_CASE(61, x15, 0x0000000000000009,
        lla x11, amodat; li x12, 4; sd x12, 0(x11); li x13, 9;
        amoswap.d x13, x13, (x11); li x7, 4; bne x13, x7, fail; ld x15, 0(x11))
    /* rd == x0: a plain atomic store-op */
    TEST_CASE(62, x15, 0x000000000000000c,
        lla x11, amodat; li x12, 4; sd x12, 0(x11); li x13, 8; amoor.d x0, x13, (x11); ld x15, 0(x11))
    /* rd == rs1: the address is read before rd is written */
    TEST_CASE(63, x11, 0x0000000000000004,
        lla x11, amodat; li x12, 4; sd x12, 0(x11); li x13, 1; amoadd.d x11, x13, (x11))

    /* ---- lr / sc */
    /* SC with no reservation held (none taken yet in this program) fails */
    TEST_CASE(70, x15, 0x0000000000000007,
        lla x11, amofar; li x12, 7; sd x12, 0(x11); li x13, 99;
        sc.d x14, x13, (x11); beqz x14, fail; ld x15, 0(x11))
    /* lr.w sign-extends */
    TEST_CASE(71, x14, 0xffffffff80000000,
        lla x11, amodat; li x12, 0x1234567880000000; sd x12, 0(x11); lr.w x14, (x11))
    TEST_CASE(72, x14, 0x0000000012345678,
        lla x11, amodat; li x12, 0x1234567880000000; sd x12, 0(x11); addi x11, x11, 4; lr.w x14, (x11))
    TEST_CASE(73, x14, 0x1234567880000000,
        lla x11, amodat; li x12, 0x1234567880000000; sd x12, 0(x11); lr.d x14, (x11))
    /* successful lr.w/sc.w (constrained loop: the spec guarantees eventual success);
     * sc.w stores only the low 32 bits */
    TEST_CASE(74, x15, 0x5555555500000001,
        lla x11, amodat; li x12, 0x55555555ffffffff; sd x12, 0(x11);
        1: lr.w x14, (x11); addi x13, x14, 2; sc.w x16, x13, (x11); bnez x16, 1b;
        li x7, 0xffffffffffffffff; bne x14, x7, fail; ld x15, 0(x11))
    /* successful lr.d/sc.d, then a second sc.d without a new lr.d must fail */
    TEST_CASE(75, x15, 0x0000000100000000,
        lla x11, amodat; li x12, 0x00000000ffffffff; sd x12, 0(x11);
        1: lr.d x14, (x11); addi x13, x14, 1; sc.d x16, x13, (x11); bnez x16, 1b;
        li x13, 0x777; sc.d x16, x13, (x11); beqz x16, fail; ld x15, 0(x11))
    TEST_CASE(76, x15, 0x0000000000000006,           /* same with the .w forms */
        lla x11, amodat; li x12, 5; sd x12, 0(x11);
        1: lr.w x14, (x11); addi x13, x14, 1; sc.w x16, x13, (x11); bnez x16, 1b;
        li x13, 0x777; sc.w x16, x13, (x11); beqz x16, fail; ld x15, 0(x11))
    /* SC to an address outside the reservation set (another page) fails, even though
     * an LR reservation is held elsewhere; the target is unchanged */
    TEST_CASE(77, x15, 0x0000000000000003,
        lla x11, amodat; lla x12, amofar; li x13, 3; sd x13, 0(x12);
        lr.d x14, (x11); li x13, 0x999; sc.d x16, x13, (x12); beqz x16, fail; ld x15, 0(x12))
    TEST_CASE(78, x15, 0x0000000000000003,
        lla x11, amodat; lla x12, amofar; li x13, 3; sd x13, 0(x12);
        lr.w x14, (x11); li x13, 0x999; sc.w x16, x13, (x12); beqz x16, fail; ld x15, 0(x12))
    /* aq/rl variants of lr/sc */
    TEST_CASE(79, x15, 0x000000000000000b,
        lla x11, amodat; li x12, 10; sd x12, 0(x11);
        1: lr.d.aq x14, (x11); addi x13, x14, 1; sc.d.rl x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    TEST_CASE(80, x15, 0x000000000000000c,
        lla x11, amodat; li x12, 11; sd x12, 0(x11);
        1: lr.d.aqrl x14, (x11); addi x13, x14, 1; sc.d.aqrl x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    TEST_CASE(81, x15, 0x000000000000000d,
        lla x11, amodat; li x12, 12; sd x12, 0(x11);
        1: lr.w.aq x14, (x11); addi x13, x14, 1; sc.w.rl x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    TEST_CASE(82, x15, 0x000000000000000e,
        lla x11, amodat; li x12, 13; sd x12, 0(x11);
        1: lr.w.aqrl x14, (x11); addi x13, x14, 1; sc.w.aqrl x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    TEST_CASE(83, x15, 0x000000000000000f,
        lla x11, amodat; li x12, 14; sd x12, 0(x11);
        1: lr.w.rl x14, (x11); addi x13, x14, 1; sc.w.aq x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    TEST_CASE(84, x15, 0x0000000000000010,
        lla x11, amodat; li x12, 15; sd x12, 0(x11);
        1: lr.d.rl x14, (x11); addi x13, x14, 1; sc.d.aq x16, x13, (x11); bnez x16, 1b; ld x15, 0(x11))
    /* sc.d with rd == rs2: stores the old rs2, then writes the result code into it */
    TEST_CASE(85, x15, 0x0000000000000021,
        lla x11, amodat; li x12, 32; sd x12, 0(x11);
        1: lr.d x14, (x11); addi x13, x14, 1; sc.d x13, x13, (x11); bnez x13, 1b; ld x15, 0(x11))
    /* a store of a new value to the reserved address between LR and SC makes the SC
     * fail (rvdbt and QEMU: SC compares memory with the value LR read).  The store is
     * translated inline and never looks at the reservation */
    TEST_CASE(86, x15, 0x0000000000000042,
        lla x11, amodat; li x12, 5; sd x12, 0(x11);
        lr.d x14, (x11); li x13, 0x42; sd x13, 0(x11); li x13, 0x999; sc.d x16, x13, (x11);
        beqz x16, fail; ld x15, 0(x11))
    /* ... a store elsewhere on that page does not; and after the SC, stores there work */
    TEST_CASE(87, x15, 0x0000000000000048,
        lla x11, amodat; li x12, 5; sd x12, 0(x11);
        1: lr.d x14, (x11); li x13, 0x42; sd x13, 8(x11); addi x13, x14, 1; sc.d x16, x13, (x11); bnez x16, 1b;
        ld x15, 0(x11); li x7, 6; bne x15, x7, fail; ld x15, 8(x11); addi x15, x15, 6; sd x15, 0(x11); ld x15, 0(x11))

TEST_END
