/* testsuite/isa/rv64zicbo.S — Zicbom, Zicboz, Zicbop and Zihintpause in user mode.
 * cbo.zero writes zeros to the whole naturally aligned cache block holding the address
 * in rs1 (64 bytes here: the size rvdbt reports in riscv,cboz-block-size and
 * riscv_hwprobe), and nothing outside it; cbo.clean/flush/inval change nothing a
 * program can see; prefetch.i/r/w (ori with rd = 0) and pause (a fence) are HINTs.
 * binutils 2.40 assembles all of them; QEMU 7.2 implements none (cbo.* are illegal
 * there), so the oracle is the specification. */
#include "test_macros.h"
    .option arch, +zicbom, +zicboz, +zicbop, +zihintpause
    .data
    .balign 64
blk: .fill 192, 1, 0xff
TEST_BEGIN("rv64zicbo")
    TEST_CASE(1, x14, 0, lla x11, blk; addi x12, x11, 70; cbo.zero (x12); ld x14, 64(x11))
    TEST_CASE(2, x14, 0, lla x11, blk; ld x14, 120(x11))
    TEST_CASE(3, x14, 0xffffffffffffffff, lla x11, blk; ld x14, 56(x11))   /* the block before */
    TEST_CASE(4, x14, 0xffffffffffffffff, lla x11, blk; ld x14, 128(x11))  /* the block after */
    TEST_CASE(5, x14, 0xffffffffffffffff, lla x11, blk; cbo.clean (x11); cbo.flush (x11); cbo.inval (x11); ld x14, 0(x11))
    TEST_CASE(6, x14, 5, li x14, 5; lla x11, blk; prefetch.i 0(x11); prefetch.r 32(x11); prefetch.w -64(x11); pause)
    TEST_CASE(7, x14, 0, lla x11, blk; cbo.zero (x11); ld x14, 0(x11))     /* aligned address */
TEST_END
