/* testsuite/isa/rv64i_branch_jump.S — conditional branches beq, bne, blt, bge, bltu,
 * bgeu (taken and not taken, signed vs unsigned, equal operands, forward and backward
 * targets) and the jumps jal and jalr: the link register gets pc+4, jalr clears bit 0
 * of rs1+imm, jalr with rd == rs1 uses the old rs1, rd = x0 discards the link. */
#include "test_macros.h"
TEST_BEGIN("rv64i_branch_jump")

    TEST_BR2_TAKEN(1, beq, 0, 0)
    TEST_BR2_TAKEN(2, beq, 0x8000000000000000, 0x8000000000000000)
    TEST_BR2_NOTTAKEN(3, beq, 0x0000000100000000, 0)          /* differs only above bit 31 */
    TEST_BR2_NOTTAKEN(4, beq, 1, 0xffffffffffffffff)
    TEST_BR2_TAKEN(5, bne, 0x0000000100000000, 0)
    TEST_BR2_TAKEN(6, bne, 1, 0xffffffffffffffff)
    TEST_BR2_NOTTAKEN(7, bne, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_BR2_TAKEN(10, blt, 0xffffffffffffffff, 1)             /* -1 < 1 */
    TEST_BR2_TAKEN(11, blt, 0x8000000000000000, 0x7fffffffffffffff)
    TEST_BR2_NOTTAKEN(12, blt, 1, 0xffffffffffffffff)
    TEST_BR2_NOTTAKEN(13, blt, 5, 5)
    TEST_BR2_TAKEN(14, blt, 0x00000000ffffffff, 0x0000000100000000)
    TEST_BR2_TAKEN(20, bge, 5, 5)
    TEST_BR2_TAKEN(21, bge, 1, 0xffffffffffffffff)
    TEST_BR2_TAKEN(22, bge, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR2_NOTTAKEN(23, bge, 0xffffffffffffffff, 0)
    TEST_BR2_NOTTAKEN(24, bge, 0x8000000000000000, 0x8000000000000001)
    TEST_BR2_TAKEN(30, bltu, 1, 0xffffffffffffffff)            /* 1 < 2^64-1 */
    TEST_BR2_TAKEN(31, bltu, 0x7fffffffffffffff, 0x8000000000000000)
    TEST_BR2_NOTTAKEN(32, bltu, 0xffffffffffffffff, 1)
    TEST_BR2_NOTTAKEN(33, bltu, 7, 7)
    TEST_BR2_NOTTAKEN(34, bltu, 0, 0)
    TEST_BR2_TAKEN(40, bgeu, 0xffffffffffffffff, 1)
    TEST_BR2_TAKEN(41, bgeu, 7, 7)
    TEST_BR2_TAKEN(42, bgeu, 0, 0)
    TEST_BR2_NOTTAKEN(43, bgeu, 1, 0xffffffffffffffff)
    TEST_BR2_NOTTAKEN(44, bgeu, 0x7fffffffffffffff, 0x8000000000000000)

    /* same register on both sides */
    TEST_CASE(50, x14, 1, li x14, 0; beq x11, x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(51, x14, 1, li x14, 1; blt x11, x11, fail; bltu x11, x11, fail; bne x11, x11, fail)
    TEST_CASE(52, x14, 1, li x14, 0; bge x11, x11, 1f; j fail; 1: bgeu x0, x0, 2f; j fail; 2: li x14, 1)

    /* backward branches: a count-down loop runs 10 times */
    TEST_CASE(55, x14, 10, li x14, 0; li x11, 10; 1: addi x14, x14, 1; addi x11, x11, -1; bnez x11, 1b)
    TEST_CASE(56, x14, 5, li x14, 0; li x11, -5; 1: addi x14, x14, 1; addi x11, x11, 1; blt x11, x0, 1b)
    /* the instructions after a taken branch do not execute */
    TEST_CASE(57, x14, 3, li x14, 3; beq x0, x0, 1f; li x14, 4; li x14, 5; 1: nop)

    /* jal: rd = pc + 4 */
    TEST_CASE(60, x14, 0, lla x15, 2f; jal x14, 1f; 2: j fail; 1: sub x14, x14, x15)
    TEST_CASE(61, x14, 7, li x14, 7; jal x0, 1f; li x14, 8; 1: nop)            /* j: no link */
    TEST_CASE(62, x1, 0, lla x15, 2f; jal x1, 1f; 2: j fail; 1: sub x1, x1, x15) /* ra */
    /* jal backwards */
    TEST_CASE(63, x14, 2,
        li x14, 0; j 3f;
        1: addi x14, x14, 1; j 4f;
        3: addi x14, x14, 1; jal x5, 1b;
        4: nop)

    /* jalr: target = (rs1 + imm) & ~1, rd = pc + 4 */
    TEST_CASE(70, x14, 0, lla x15, 1f; lla x16, 2f; jalr x14, 0(x15); 2: j fail; 1: sub x14, x14, x16)
    TEST_CASE(71, x14, 0, lla x15, 1f + 8; lla x16, 2f; jalr x14, -8(x15); 2: j fail; 1: sub x14, x14, x16)
    TEST_CASE(72, x14, 0, lla x15, 1f - 2044; lla x16, 2f; jalr x14, 2044(x15); 2: j fail; 1: sub x14, x14, x16)
    TEST_CASE(73, x14, 0, lla x15, 1f + 1; lla x16, 2f; jalr x14, 0(x15); 2: j fail; 1: sub x14, x14, x16) /* bit 0 cleared */
    TEST_CASE(74, x14, 0, lla x15, 1f; lla x16, 2f; jalr x14, 1(x15); 2: j fail; 1: sub x14, x14, x16)    /* rs1+imm odd */
    TEST_CASE(75, x14, 0, lla x14, 1f; lla x16, 2f; jalr x14, 0(x14); 2: j fail; 1: sub x14, x14, x16)    /* rd == rs1 */
    TEST_CASE(76, x14, 9, li x14, 9; lla x15, 1f; jalr x0, 0(x15); li x14, 10; 1: nop)                   /* jr */
    /* call/ret through ra */
    TEST_CASE(77, x14, 42, li x14, 0; jal x1, 5f; j 6f; 5: li x14, 42; jalr x0, 0(x1); 6: nop)

    /* x0 as the first operand (bgtz, blez, ...): the translator compares the other
     * register with 0 and swaps the condition (lower_control.c, --no-alu-forms) */
    TEST_CASE(80, x14, 1, li x14, 0; li x11, 5; bgtz x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(81, x14, 1, li x14, 0; li x11, 0; bgtz x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(82, x14, 1, li x14, 0; li x11, -1; bgtz x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(83, x14, 1, li x14, 0; li x11, 0; blez x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(84, x14, 1, li x14, 0; li x11, 0x8000000000000000; blez x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(85, x14, 1, li x14, 0; li x11, 1; blez x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(86, x14, 1, li x14, 0; li x11, -1; bltu x0, x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(87, x14, 1, li x14, 0; li x11, 0; bltu x0, x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(88, x14, 1, li x14, 0; li x11, 0; bgeu x0, x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(89, x14, 1, li x14, 0; li x11, 1; bgeu x0, x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(90, x14, 1, li x14, 0; li x11, 0x100000000; beq x0, x11, 1f; li x14, 1; 1: nop)
    TEST_CASE(91, x14, 1, li x14, 0; li x11, 0x100000000; bne x0, x11, 1f; j fail; 1: li x14, 1)
    TEST_CASE(92, x14, 5, li x14, 0; li x11, 5; 1: addi x14, x14, 1; addi x11, x11, -1; blt x0, x11, 1b)

    /* jalr to an odd address, again and again: the translator probes its jump
     * cache with bit 0 as computed (--odd-target-miss), so from the second turn
     * on the even target is in the cache and the odd one must still miss; the
     * miss path must clear bit 0 (pc 5f, not 5f + 1), for the call and for the
     * return through an odd ra */
    TEST_CASE(93, x14, 8,
        li x14, 0; li x11, 4; lla x15, 5f;
        1: jalr x1, 1(x15); addi x11, x11, -1; bnez x11, 1b; j 6f;
        5: auipc x12, 0; lla x13, 5b; bne x12, x13, fail; addi x14, x14, 2; addi x1, x1, 1; jalr x0, 0(x1);
        6: nop)

TEST_END
