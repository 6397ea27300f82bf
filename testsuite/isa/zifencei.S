/* testsuite/isa/zifencei.S — Zifencei: self-modifying code made visible by fence.i.
 * The code that gets rewritten lives in a writable and executable section (.smc, flags
 * "awx"; the linker puts it in an RWX segment — no mmap is needed, the program uses only
 * write and exit).  Each case stores new instruction words with ordinary stores, executes
 * fence.i, then runs the code: the spec guarantees the new instructions are fetched.
 * Covered: replacing a 32-bit instruction in a function already executed many times (a
 * translating emulator has it cached), replacing it with a compressed instruction pair
 * (16-bit stores), rewriting the instruction right after the store/fence.i sequence
 * inside the same straight-line block, and patching an immediate used in a loop. */
#include "test_macros.h"

/* instruction encodings (I-type addi rd=a0 rs1=x0: imm<<20 | 10<<7 | 0x13) */
#define ADDI_A0_X0(imm) (((imm) << 20) | (10 << 7) | 0x13)
#define C_LI_A0_5  0x4515      /* c.li a0, 5: 010 0 01010 00101 01 */
#define C_NOP      0x0001

    .option norvc              /* full 32-bit encodings: the offsets below depend on it */
    .section .smc, "awx"
    .balign 4
smc_fn:                        /* a0 = 1; ret  -- the first word gets rewritten */
    addi a0, x0, 1
    ret

    .balign 4
smc_block:                     /* a0 = 7, unless the word at +12 is rewritten first */
    sw t1, 12(t0)              /* t0 = smc_block, t1 = the new instruction */
    fence.i
    nop
    addi a0, x0, 7             /* smc_block + 12 */
    ret

    .balign 4
smc_loop:                      /* a0 += imm, a1 times */
    li a0, 0
1:  addi a0, a0, 1             /* smc_loop + 4: the immediate gets patched */
    addi a1, a1, -1
    bnez a1, 1b
    ret
    .text

TEST_BEGIN("zifencei")

    /* the original code */
    TEST_CASE(1, a0, 1, lla t0, smc_fn; jalr ra, 0(t0))
    /* run it often, so a translator has it hot, then patch and fence.i */
    TEST_CASE(2, a0, 2,
        li s2, 100; 1: lla t0, smc_fn; jalr ra, 0(t0); addi s2, s2, -1; bnez s2, 1b;
        li t1, ADDI_A0_X0(2); lla t0, smc_fn; sw t1, 0(t0); fence.i; jalr ra, 0(t0))
    TEST_CASE(3, a0, 3,
        li t1, ADDI_A0_X0(3); lla t0, smc_fn; sw t1, 0(t0); fence.i; jalr ra, 0(t0))
    /* a 32-bit slot rewritten as two compressed instructions (c.li a0, 5; c.nop) */
    TEST_CASE(4, a0, 5,
        lla t0, smc_fn; li t1, C_LI_A0_5; sh t1, 0(t0); li t1, C_NOP; sh t1, 2(t0); fence.i; jalr ra, 0(t0))
    /* and back to a 32-bit instruction, stored bytewise */
    TEST_CASE(5, a0, 0x7ff,
        lla t0, smc_fn; li t1, ADDI_A0_X0(0x7ff);
        sb t1, 0(t0); srli t1, t1, 8; sb t1, 1(t0); srli t1, t1, 8; sb t1, 2(t0); srli t1, t1, 8; sb t1, 3(t0);
        fence.i; jalr ra, 0(t0))
    /* the block rewrites an instruction that follows it in the same straight-line code */
    TEST_CASE(6, a0, 7, lla t0, smc_block; li t1, ADDI_A0_X0(7); jalr ra, 0(t0))
    TEST_CASE(7, a0, 9, lla t0, smc_block; li t1, ADDI_A0_X0(9); jalr ra, 0(t0))
    TEST_CASE(8, a0, 0xfffffffffffffffc, lla t0, smc_block; li t1, ADDI_A0_X0(0xffc); jalr ra, 0(t0))  /* -4 */
    /* a loop body's immediate, patched between runs */
    TEST_CASE(9, a0, 10, lla t0, smc_loop; li a1, 10; jalr ra, 0(t0))
    TEST_CASE(10, a0, 30,
        lla t0, smc_loop; lw t1, 4(t0); li t2, 0xfff00000; not t2, t2; and t1, t1, t2;   /* clear imm */
        li t2, (3 << 20); or t1, t1, t2; sw t1, 4(t0); fence.i; li a1, 10; jalr ra, 0(t0))
    TEST_CASE(11, a0, 0xffffffffffffffec,          /* imm -2: 10 * -2 */
        lla t0, smc_loop; lw t1, 4(t0); li t2, 0xfff00000; not t2, t2; and t1, t1, t2;
        li t2, 0xffe00000; or t1, t1, t2; sw t1, 4(t0); fence.i; li a1, 10; jalr ra, 0(t0))
    /* fence.i with nothing modified is harmless */
    TEST_CASE(12, a0, 0x7ff, fence.i; fence.i; lla t0, smc_fn; jalr ra, 0(t0))

TEST_END
