/* testsuite/isa/rv64c.S — every RV64C instruction, written explicitly with c.*
 * mnemonics under `.option rvc`: c.addi4spn, c.fld, c.lw, c.ld, c.fsd, c.sw, c.sd, c.nop,
 * c.addi, c.addiw, c.li, c.addi16sp, c.lui, c.srli, c.srai, c.andi, c.sub, c.xor, c.or,
 * c.and, c.subw, c.addw, c.j, c.beqz, c.bnez, c.slli, c.fldsp, c.lwsp, c.ldsp, c.jr,
 * c.mv, c.jalr, c.add, c.fsdsp, c.swsp, c.sdsp (c.ebreak is left to the fault tests:
 * it raises SIGTRAP).  Each expands to its 32-bit equivalent (RVC chapter), so the
 * expectations are those of the base instructions: sign-extended 6-bit immediates
 * (c.li/c.addi/c.andi: -32..31), c.lui's 6-bit immediate at bits 17:12 sign-extended to
 * 64 bits, 6-bit shift amounts (up to 63) for c.slli/c.srli/c.srai, the W forms
 * sign-extend, the scaled unsigned load/store offsets reach their maxima (c.lw 124,
 * c.ld/c.fld 248, c.lwsp 252, c.ldsp/c.fldsp 504), c.addi4spn adds a scaled unsigned
 * immediate to sp, c.addi16sp adds a multiple of 16 (-512..496), and c.jalr links to
 * pc + 2 (the next compressed instruction), not pc + 4.  sp points at a local buffer. */
#include "test_macros.h"

    .bss
    .balign 16
cstack: .skip 4096
cstack_mid:
        .skip 4096
    .data
    .balign 8
cdat:   .dword 0x8877665544332211, 0x00000000fedcba98
        .skip 232
cdat_248: .dword 0x0123456789abcdef     /* cdat + 248 */
cdat_fp:  .dword 0x400921fb54442d18     /* pi */

TEST_BEGIN("rv64c")
    .option rvc
    lla sp, cstack_mid

    /* c.li / c.lui */
    TEST_CASE(1,  a0, 0xffffffffffffffe0, c.li a0, -32)
    TEST_CASE(2,  a0, 31, c.li a0, 31)
    TEST_CASE(3,  t3, 0, li t3, 5; c.li t3, 0)                         /* any rd, not only x8-x15 */
    TEST_CASE(4,  a0, 0x0000000000001000, c.lui a0, 1)
    TEST_CASE(5,  a0, 0x000000000001f000, c.lui a0, 31)
    TEST_CASE(6,  a0, 0xfffffffffffff000, c.lui a0, 0xfffff)           /* nzimm -1 */
    TEST_CASE(7,  a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)           /* nzimm -32 */
    TEST_CASE(8,  ra, 0x0000000000003000, c.lui ra, 3)

    /* c.addi / c.addiw / c.addi16sp / c.addi4spn */
    TEST_CASE(10, a0, 0xffffffffffffffe0, li a0, 0; c.addi a0, -32)
    TEST_CASE(11, a0, 0x000000000000002e, li a0, 15; c.addi a0, 31)
    TEST_CASE(12, a0, 0x8000000000000000, li a0, 0x7fffffffffffffff; c.addi a0, 1)     /* 64-bit wrap */
    TEST_CASE(13, t4, 0x0000000080000000, li t4, 0x7fffffff; c.addi t4, 1)              /* not sign-extended */
    TEST_CASE(14, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)             /* sign-extended */
    TEST_CASE(15, a0, 0xffffffffffffffff, li a0, 0x00000000ffffffff; c.addiw a0, 0)     /* sext.w */
    TEST_CASE(16, a0, 0x0000000000000005, li a0, 0x1234567800000025; c.addiw a0, -32)
    TEST_CASE(17, t5, 0x000000007fffffff, li t5, 0x0000000080000000; c.addiw t5, -1)
    TEST_CASE(18, a0, 0xfffffffffffffe00, mv s2, sp; c.addi16sp sp, -512; sub a0, sp, s2; mv sp, s2)
    TEST_CASE(19, a0, 0x00000000000001f0, mv s2, sp; c.addi16sp sp, 496; sub a0, sp, s2; mv sp, s2)
    TEST_CASE(20, a0, 0x0000000000000010, mv s2, sp; c.addi16sp sp, 16; sub a0, sp, s2; mv sp, s2)
    TEST_CASE(21, a0, 0x00000000000003fc, c.addi4spn a0, sp, 1020; sub a0, a0, sp)
    TEST_CASE(22, a5, 0x0000000000000004, c.addi4spn a5, sp, 4; sub a5, a5, sp)
    TEST_CASE(23, s0, 0x0000000000000100, c.addi4spn s0, sp, 256; sub s0, s0, sp)

    /* shifts: 6-bit shamt */
    TEST_CASE(30, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
    TEST_CASE(31, a0, 0x0000000200000000, li a0, 1; c.slli a0, 33)
    TEST_CASE(32, t6, 0xfffffffffffffffe, li t6, -1; c.slli t6, 1)                     /* any rd */
    TEST_CASE(33, a0, 0x0000000000000001, li a0, 0x8000000000000000; c.srli a0, 63)
    TEST_CASE(34, a0, 0x00000000ffffffff, li a0, -1; c.srli a0, 32)
    TEST_CASE(35, s1, 0x7fffffffffffffff, li s1, -1; c.srli s1, 1)
    TEST_CASE(36, a0, 0xffffffffffffffff, li a0, 0x8000000000000000; c.srai a0, 63)
    TEST_CASE(37, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
    TEST_CASE(38, a0, 0x3fffffffffffffff, li a0, 0x7fffffffffffffff; c.srai a0, 1)

    /* c.andi: sign-extended 6-bit immediate */
    TEST_CASE(40, a0, 0xffffffffffffffe0, li a0, -1; c.andi a0, -32)
    TEST_CASE(41, a0, 0x0000000000000015, li a0, 0xffffffffffffff35; c.andi a0, 31)
    TEST_CASE(42, a0, 0x0000000000000000, li a0, 0x123456789abcdef0; c.andi a0, 0)
    TEST_CASE(43, s0, 0x1234567890abcde0, li s0, 0x1234567890abcdef; c.andi s0, -16)

    /* c.mv / c.add (any registers) */
    TEST_CASE(50, t3, 0x123456789abcdef0, li t4, 0x123456789abcdef0; c.mv t3, t4)
    TEST_CASE(51, a0, 0x0000000100000000, li a0, 0xffffffff; li a1, 1; c.add a0, a1)
    TEST_CASE(52, t0, 0x0000000000000000, li t0, -1; li s11, 1; c.add t0, s11)
    TEST_CASE(53, ra, 0x8000000000000000, li ra, 0x7fffffffffffffff; li gp, 1; c.add ra, gp; li gp, 53)
    /* c.sub / c.xor / c.or / c.and (x8-x15) */
    TEST_CASE(54, a0, 0xffffffffffffffff, li a0, 0; li a1, 1; c.sub a0, a1)
    TEST_CASE(55, s1, 0x7fffffffffffffff, li s1, 0x8000000000000000; li a5, 1; c.sub s1, a5)
    TEST_CASE(56, a2, 0xf00ff00ff00ff00f, li a2, 0xff00ff00ff00ff00; li a3, 0x0f0f0f0f0f0f0f0f; c.xor a2, a3)
    TEST_CASE(57, a2, 0xff0fff0fff0fff0f, li a2, 0xff00ff00ff00ff00; li a3, 0x0f0f0f0f0f0f0f0f; c.or a2, a3)
    TEST_CASE(58, a2, 0x0f000f000f000f00, li a2, 0xff00ff00ff00ff00; li a3, 0x0f0f0f0f0f0f0f0f; c.and a2, a3)
    /* c.addw / c.subw: 32-bit, sign-extended */
    TEST_CASE(59, a4, 0xffffffff80000000, li a4, 0x7fffffff; li a5, 1; c.addw a4, a5)
    TEST_CASE(60, a4, 0x0000000000000003, li a4, 0x1111111100000001; li a5, 0x2222222200000002; c.addw a4, a5)
    TEST_CASE(61, a4, 0x000000007fffffff, li a4, 0x80000000; li a5, 1; c.subw a4, a5)
    TEST_CASE(62, a4, 0xffffffffffffffff, li a4, 0; li a5, 1; c.subw a4, a5)
    TEST_CASE(63, s0, 0x0000000000000000, li s0, 0x00000001ffffffff; li s1, 0xffffffff; c.subw s0, s1)

    /* loads / stores via a register base (x8-x15, scaled unsigned offsets) */
    TEST_CASE(70, a0, 0x0000000044332211, lla s0, cdat; c.lw a0, 0(s0))
    TEST_CASE(71, a0, 0xffffffff88776655, lla s0, cdat; c.lw a0, 4(s0))                  /* sign-extended */
    TEST_CASE(72, a0, 0xfffffffffedcba98, lla s0, cdat; c.lw a0, 8(s0))
    TEST_CASE(73, a0, 0x8877665544332211, lla s0, cdat; c.ld a0, 0(s0))
    TEST_CASE(74, a1, 0x0123456789abcdef, lla a5, cdat; c.ld a1, 248(a5))               /* max c.ld offset */
    TEST_CASE(75, a2, 0xffffffffcafef00d,
        lla s1, cdat_248 - 124; li a3, 0xcafef00d; c.sw a3, 124(s1); c.lw a2, 124(s1))   /* max c.sw/c.lw offset */
    TEST_CASE(76, a2, 0x0123456789abcdef,                 /* restore the low word, read it whole */
        lla s1, cdat_248 - 124; li a3, 0x89abcdef; c.sw a3, 124(s1); lla s1, cdat_248; c.ld a2, 0(s1))
    TEST_CASE(77, a2, 0xa5a5a5a55a5a5a5a,
        lla s1, cdat; li a3, 0xa5a5a5a55a5a5a5a; c.sd a3, 16(s1); ld a2, 16(s1))
    TEST_CASE(78, a2, 0x7766554433221100,
        lla s1, cdat; li a3, 0x7766554433221100; c.sd a3, 248(s1); c.ld a2, 248(s1))
    TEST_CASE(79, a0, 0x400921fb54442d18, lla s0, cdat_fp; c.fld fa0, 0(s0); fmv.x.d a0, fa0)
    TEST_CASE(80, a0, 0xc00921fb54442d18,
        lla s0, cdat; li a1, 0xc00921fb54442d18; fmv.d.x fs1, a1; c.fsd fs1, 24(s0); ld a0, 24(s0))
    TEST_CASE(81, a0, 0x3ff0000000000000,
        lla s0, cdat; li a1, 0x3ff0000000000000; fmv.d.x fa5, a1; c.fsd fa5, 248(s0); c.fld fa2, 248(s0); fmv.x.d a0, fa2)

    /* sp-based loads / stores */
    TEST_CASE(90, t3, 0xffffffff80000001, li a0, 0x80000001; c.swsp a0, 252(sp); c.lwsp t3, 252(sp))   /* max offsets */
    TEST_CASE(91, t3, 0x0000000012345678, li a0, 0x12345678; c.swsp a0, 0(sp); c.lwsp t3, 0(sp))
    TEST_CASE(92, ra, 0xfedcba9876543210, li a0, 0xfedcba9876543210; c.sdsp a0, 504(sp); c.ldsp ra, 504(sp))
    TEST_CASE(93, a1, 0xfedcba9876543210, ld a1, 504(sp))                          /* really at sp + 504 */
    TEST_CASE(94, a1, 0x0000000080000001, lwu a1, 252(sp))
    TEST_CASE(95, t2, 0x1111222233334444, li a0, 0x1111222233334444; c.sdsp a0, 8(sp); c.ldsp t2, 8(sp))
    TEST_CASE(96, a0, 0x400921fb54442d18,
        lla a1, cdat_fp; fld ft0, 0(a1); c.fsdsp ft0, 504(sp); c.fldsp ft11, 504(sp); fmv.x.d a0, ft11)  /* any f reg */
    TEST_CASE(97, a0, 0x400921fb54442d18, ld a0, 504(sp))
    TEST_CASE(98, a0, 0xbff0000000000000,
        li a1, 0xbff0000000000000; fmv.d.x fs11, a1; c.fsdsp fs11, 0(sp); c.fldsp fa0, 0(sp); fmv.x.d a0, fa0)

    /* control transfer */
    TEST_CASE(100, a0, 1, li a0, 0; c.j 1f; li a0, 2; 1: c.addi a0, 1)
    TEST_CASE(101, a0, 3,                                  /* c.j backward */
        li a0, 0; c.j 2f; 1: c.addi a0, 1; c.j 3f; 2: c.addi a0, 2; c.j 1b; 3: c.nop)
    TEST_CASE(102, a0, 1, li a0, 0; lla a1, 1f; c.jr a1; li a0, 2; 1: c.addi a0, 1)
    TEST_CASE(103, a0, 2,                                  /* c.jalr links to pc + 2 */
        lla a1, 1f; 2: c.jalr a1; c.j fail_c; 1: lla a2, 2b; sub a0, ra, a2)
    TEST_CASE(104, a0, 0,                                  /* c.jalr + c.jr ra as call/return */
        lla t1, 5f; c.jalr t1; c.j 6f; 5: li a0, 0; c.jr ra; 6: c.nop)
    TEST_CASE(105, a0, 1, li a0, 0; li s0, 0; c.beqz s0, 1f; c.j fail_c; 1: li a0, 1)
    TEST_CASE(106, a0, 1, li a0, 1; li s0, 0x100000000; c.beqz s0, 1f; c.j 2f; 1: c.j fail_c; 2: c.nop)  /* all 64 bits tested */
    TEST_CASE(107, a0, 1, li a0, 0; li a5, -1; c.bnez a5, 1f; c.j fail_c; 1: li a0, 1)
    TEST_CASE(108, a0, 1, li a0, 1; li a5, 0; c.bnez a5, 1f; c.j 2f; 1: c.j fail_c; 2: c.nop)
    TEST_CASE(109, a0, 5,                                  /* c.bnez backward loop */
        li a0, 0; li a4, 5; 1: c.addi a0, 1; c.addi a4, -1; c.bnez a4, 1b)
    TEST_CASE(110, a0, 0x42, li a0, 0x42; c.nop; c.nop)
    /* a mix of 16- and 32-bit instructions at 2-byte (not 4-byte) alignment */
    TEST_CASE(111, a0, 0x10,
        .balign 4; c.nop; li a0, 0x7ff; addi a0, a0, 0x7ff; c.li a1, 0x10; and a0, a0, a1)

    j 1f
fail_c:
    j fail
1:
TEST_END
