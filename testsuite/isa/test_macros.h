/* testsuite/isa/test_macros.h — shared macros for the self-checking RV64GC ISA tests.
 *
 * Every test program is a freestanding static executable (no libc, no crt files):
 *
 *     #include "test_macros.h"
 *     TEST_BEGIN("rv64i_alu")          -- defines _start; the name is what gets printed
 *     TEST_RR_OP(1, add, 3, 1, 2)      -- numbered cases; numbers must be unique
 *     ...
 *     TEST_END                         -- jumps to the pass path; emits pass/fail code
 *
 * The program writes exactly one line with the write syscall (64) and exits (93):
 *     "PASS <name>\n", status 0            when every case matched, or
 *     "FAIL <name> test <N>\n", status 1   at the first case N that did not.
 * Only the syscalls write and exit are used; no stack is needed (sp is not touched
 * except by rv64c.S, which points it at its own buffer).
 *
 * Conventions:
 *   - TESTNUM (gp, x3) holds the number of the case being run; a case that fails
 *     branches to `fail`.  gp is free because the header turns linker relaxation off
 *     (.option norelax), so nothing is addressed relative to gp.
 *   - The header also says `.option norvc`: every instruction in a test is the full
 *     32-bit encoding the test names.  rv64c.S switches `.option rvc` on and writes
 *     c.* mnemonics explicitly.
 *   - Integer cases compare a result register against a 64-bit constant loaded with li;
 *     x7 (t2) is the scratch register for the expected value.
 *   - Integer operands: x11 (a1) = val1, x12 (a2) = val2, result in x14 (a4).
 *   - FP cases take their operands and expected result as raw IEEE-754 bit patterns
 *     (hex), so nothing depends on the assembler's decimal-to-binary conversion.  The
 *     operands are placed in .data next to the case and loaded with flw/fld into
 *     f0, f1, f2; the instruction(s) under test are the macro's last (variadic) argument
 *     and must write f3 (FP result) or a4 (integer result).  fflags is cleared
 *     (fsflags x0) right before the instruction(s) and read right after; both the
 *     result bits and the accrued flags must match.
 *   - A single-precision result is checked through fmv.x.d, i.e. all 64 bits of f3:
 *     the upper 32 bits must be all ones (NaN-boxing of every single-precision result).
 *   - fflags values: FFLAG_NV 0x10 (invalid), FFLAG_DZ 0x08 (divide by zero),
 *     FFLAG_OF 0x04 (overflow), FFLAG_UF 0x02 (underflow), FFLAG_NX 0x01 (inexact).
 */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

#define TESTNUM gp

#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

/* Rounding-mode field values (frm / instruction rm). */
#define RM_RNE 0
#define RM_RTZ 1
#define RM_RDN 2
#define RM_RUP 3
#define RM_RMM 4

/* Canonical NaNs (the only NaNs RISC-V arithmetic produces). */
#define QNAN_S 0x7fc00000
#define QNAN_D 0x7ff8000000000000

/* ---------------------------------------------------------------- program frame */

#ifndef RVDBT_SYSTEM
#define TEST_BEGIN(name)                                                      \
    .option norelax;                                                          \
    .option norvc;                                                            \
    .section .rodata;                                                         \
_t_name: .ascii name;                                                         \
_t_name_end:                                                                  \
    .text;                                                                    \
    .globl _start;                                                            \
    .balign 4;                                                                \
_start:                                                                       \
    fscsr x0;                                                                 \
    li TESTNUM, 0;
#else
/* System mode (bare metal, -bios none, the machine's RAM at 0x80000000):
 * _start runs in M mode, _T_SYSTEM_PROLOGUE (below) prepares the
 * environment RVDBT_SYSTEM names, then the same test body runs. */
#define TEST_BEGIN(name)                                                      \
    .option norelax;                                                          \
    .option norvc;                                                            \
    .section .rodata;                                                         \
_t_name: .ascii name;                                                         \
_t_name_end:                                                                  \
    .section .text.start, "ax";                                               \
    .globl _start;                                                            \
_start:                                                                       \
    _T_SYSTEM_PROLOGUE;                                                       \
    .text;                                                                    \
    .balign 4;                                                                \
_t_body:                                                                      \
    fscsr x0;                                                                 \
    li TESTNUM, 0;
#endif

#ifdef RVDBT_SYSTEM
/* ---------------------------------------------------------------- system mode
 *
 * Built with -DRVDBT_SYSTEM=1 or 2 (the Makefile's build/guest/isa-sys/ *.p.elf
 * and *.v.elf) and run with `rvdbt system -bios none -kernel X` and
 * `qemu-system-riscv64 -M virt -bios none -kernel X`:
 *   1 ("p", physical): the body runs in M mode, no translation;
 *   2 ("v", virtual):  the body runs in U mode under Sv39: a root table of
 *      three 1 GiB pages maps the first 3 GiB onto themselves (devices user
 *      read/write, RAM user read/write/execute), so every address is the
 *      same as in the physical variant.
 * Either way mstatus.FS starts Initial (FP usable), counters are readable
 * from U mode (mcounteren and scounteren), a PMP entry opens all memory to S and U (QEMU denies them
 * everything otherwise), and any trap is a failure: the M-mode handler
 * reports "FAIL name test N" for the case in TESTNUM (the bodies never trap).
 * The report goes to the UART (16550 at 0x10000000) byte by byte, and the
 * exit status to the SiFive test device (0x100000): 0x5555 powers off with
 * status 0, 0x3333 | status << 16 with `status`. */
#define _T_UART 0x10000000
#define _T_POWEROFF 0x100000

#define _T_SYSTEM_PROLOGUE                                                    \
    la t0, _t_trap;                                                           \
    csrw mtvec, t0;                                                           \
    li t0, -1;                                                                \
    csrw pmpaddr0, t0;                                                        \
    li t0, 0x1f;                                                              \
    csrw pmpcfg0, t0;                                                         \
    li t0, -1;                                                                \
    csrw mcounteren, t0;                                                      \
    csrw scounteren, t0;               /* U needs both */                     \
    li t0, 0xf0;                       /* CBO enables, as an OS sets them */   \
    csrs 0x30a, t0;                    /* menvcfg: CBZE CBCFE CBIE=11 */       \
    csrs 0x10a, t0;                    /* senvcfg: the same, for U */          \
    li t0, 3 << 13;                                                           \
    csrc mstatus, t0;                                                         \
    li t0, 1 << 13;                                                           \
    csrs mstatus, t0;                                                         \
    _T_ENTER_BODY

#if RVDBT_SYSTEM == 1
#define _T_ENTER_BODY j _t_body
#else
/* PTE: ppn << 10 | D A G U X W R V (1 GiB leaves: ppn = pa >> 12) */
#define _T_ENTER_BODY                                                         \
    la t0, _t_root;                                                           \
    srli t0, t0, 12;                                                          \
    li t1, 8 << 60;                                                           \
    or t0, t0, t1;                                                            \
    csrw satp, t0;                                                            \
    sfence.vma;                                                               \
    li t0, 3 << 11;                                                           \
    csrc mstatus, t0;                  /* MPP = U */                          \
    la t0, _t_body;                                                           \
    csrw mepc, t0;                                                            \
    mret;                                                                     \
    .section .data;                                                           \
    .balign 4096;                                                             \
_t_root:                                                                      \
    .dword (0x00000000 >> 12 << 10) | 0xd7;  /* devices: D A U W R V */       \
    .dword (0x40000000 >> 12 << 10) | 0xd7;                                   \
    .dword (0x80000000 >> 12 << 10) | 0xdf;  /* RAM: D A U X W R V */         \
    .fill 509, 8, 0;                                                          \
    .text
#endif

/* Write the a2 bytes at a1 to the UART, then power off with status a0. */
#define _T_OUTPUT_AND_EXIT                                                    \
    li   t1, _T_UART;                                                         \
1:  beqz a2, 3f;                                                              \
2:  lbu  t0, 5(t1);                    /* LSR: THR empty? */                  \
    andi t0, t0, 0x20;                                                        \
    beqz t0, 2b;                                                              \
    lbu  t0, 0(a1);                                                           \
    sb   t0, 0(t1);                                                           \
    addi a1, a1, 1;                                                           \
    addi a2, a2, -1;                                                          \
    j    1b;                                                                  \
3:  li   t1, _T_POWEROFF;                                                     \
    li   t0, 0x5555;                                                          \
    beqz s0, 4f;                                                              \
    slli t0, s0, 16;                                                          \
    li   t2, 0x3333;                                                          \
    or   t0, t0, t2;                                                          \
4:  sw   t0, 0(t1);                                                           \
5:  j    5b

/* An unexpected trap (in M mode): report the case that was running. */
#define _T_TRAP_HANDLER                                                       \
    .balign 4;                                                                \
_t_trap:                                                                      \
    j fail
#else
#define _T_OUTPUT_AND_EXIT                                                    \
    li   a0, 1;                 /* stdout */                                  \
    li   a7, 64;                /* write */                                   \
    ecall;                                                                    \
    mv   a0, s0;                                                              \
    li   a7, 93;                /* exit */                                    \
    ecall;                                                                    \
1:  j    1b
#define _T_TRAP_HANDLER
#endif

/* The pass/fail reporting code, shared by every test (gas macro: readable). */
.macro _T_REPORT_CODE
_t_pass:
    lla  a0, _t_buf
    lla  a1, _t_s_pass
    lla  a2, _t_s_pass_end
    jal  t6, _t_append
    lla  a1, _t_name
    lla  a2, _t_name_end
    jal  t6, _t_append
    li   s0, 0                  /* exit status */
    j    _t_newline
fail:
    mv   s1, TESTNUM
    lla  a0, _t_buf
    lla  a1, _t_s_fail
    lla  a2, _t_s_fail_end
    jal  t6, _t_append
    lla  a1, _t_name
    lla  a2, _t_name_end
    jal  t6, _t_append
    lla  a1, _t_s_test
    lla  a2, _t_s_test_end
    jal  t6, _t_append
    /* decimal digits of the case number, built backwards in _t_digits */
    lla  a3, _t_digits_end
    li   t2, 10
1:  remu t0, s1, t2
    divu s1, s1, t2
    addi t0, t0, '0'
    addi a3, a3, -1
    sb   t0, 0(a3)
    bnez s1, 1b
    mv   a1, a3
    lla  a2, _t_digits_end
    jal  t6, _t_append
    li   s0, 1
_t_newline:
    li   t0, '\n'
    sb   t0, 0(a0)
    addi a0, a0, 1
    lla  a1, _t_buf
    sub  a2, a0, a1             /* length */
    _T_OUTPUT_AND_EXIT
    _T_TRAP_HANDLER

/* append the bytes [a1, a2) at a0, advancing a0; returns through t6 */
_t_append:
1:  bgeu a1, a2, 2f
    lbu  t0, 0(a1)
    sb   t0, 0(a0)
    addi a1, a1, 1
    addi a0, a0, 1
    j    1b
2:  jr   t6

    .section .rodata
_t_s_pass: .ascii "PASS "
_t_s_pass_end:
_t_s_fail: .ascii "FAIL "
_t_s_fail_end:
_t_s_test: .ascii " test "
_t_s_test_end:
    .bss
    .balign 8
_t_buf:    .skip 256
_t_digits: .skip 24
_t_digits_end:
    .text
.endm

#define TEST_END                                                              \
    j _t_pass;                                                                \
    _T_REPORT_CODE

/* ---------------------------------------------------------------- generic cases */

/* Run `code`, then compare register testreg with the 64-bit constant correctval. */
#define TEST_CASE(testnum, testreg, correctval, code...)                      \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    code;                                                                     \
    li x7, correctval;                                                        \
    bne testreg, x7, fail;

/* ---------------------------------------------------------------- integer ALU */

/* rd = inst(rs1=val1, rs2=val2) */
#define TEST_RR_OP(testnum, inst, result, val1, val2)                         \
    TEST_CASE(testnum, x14, result,                                           \
        li x11, val1; li x12, val2; inst x14, x11, x12)

/* rd == rs1 */
#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)               \
    TEST_CASE(testnum, x11, result,                                           \
        li x11, val1; li x12, val2; inst x11, x11, x12)

/* rd == rs2 */
#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)               \
    TEST_CASE(testnum, x12, result,                                           \
        li x11, val1; li x12, val2; inst x12, x11, x12)

/* rd == rs1 == rs2 */
#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1)                    \
    TEST_CASE(testnum, x11, result,                                           \
        li x11, val1; inst x11, x11, x11)

/* rs1 = x0 */
#define TEST_RR_ZEROSRC1(testnum, inst, result, val)                          \
    TEST_CASE(testnum, x14, result,                                           \
        li x12, val; inst x14, x0, x12)

/* rs2 = x0 */
#define TEST_RR_ZEROSRC2(testnum, inst, result, val)                          \
    TEST_CASE(testnum, x14, result,                                           \
        li x11, val; inst x14, x11, x0)

/* rd = x0: the write is discarded, x0 still reads 0 */
#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                           \
    TEST_CASE(testnum, x0, 0,                                                 \
        li x11, val1; li x12, val2; inst x0, x11, x12)

/* rd = inst(rs1=val1, imm) */
#define TEST_IMM_OP(testnum, inst, result, val1, imm)                         \
    TEST_CASE(testnum, x14, result,                                           \
        li x11, val1; inst x14, x11, imm)

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)               \
    TEST_CASE(testnum, x11, result,                                           \
        li x11, val1; inst x11, x11, imm)

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm)                         \
    TEST_CASE(testnum, x14, result, inst x14, x0, imm)

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm)                           \
    TEST_CASE(testnum, x0, 0, li x11, val1; inst x0, x11, imm)

/* rd = inst(rs1=val1): one-operand instructions (clz, rev8, sext.b, ...) */
#define TEST_R_OP(testnum, inst, result, val1)                                \
    TEST_CASE(testnum, x14, result, li x11, val1; inst x14, x11)

#define TEST_R_SRC1_EQ_DEST(testnum, inst, result, val1)                      \
    TEST_CASE(testnum, x11, result, li x11, val1; inst x11, x11)

/* ---------------------------------------------------------------- loads / stores */

/* Load from base+offset; base is the address of label `base`. */
#define TEST_LD_OP(testnum, inst, result, offset, base)                       \
    TEST_CASE(testnum, x14, result,                                           \
        lla x11, base; inst x14, offset(x11))

/* Store val at base+offset with `sinst`, read it back with `linst`. */
#define TEST_ST_OP(testnum, linst, sinst, result, val, offset, base)          \
    TEST_CASE(testnum, x14, result,                                           \
        lla x11, base; li x12, val; sinst x12, offset(x11);                    \
        linst x14, offset(x11))

/* ---------------------------------------------------------------- branches */

#define TEST_BR2_TAKEN(testnum, inst, val1, val2)                             \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    li x11, val1;                                                             \
    li x12, val2;                                                             \
    inst x11, x12, 2f;                                                        \
    j fail;                                                                   \
2:

#define TEST_BR2_NOTTAKEN(testnum, inst, val1, val2)                          \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    li x11, val1;                                                             \
    li x12, val2;                                                             \
    inst x11, x12, 1f;                                                        \
    j 2f;                                                                     \
1:  j fail;                                                                   \
2:

/* ---------------------------------------------------------------- floating point */

/* Check the accrued flags (already read into a1) against `flags`. */
#define _T_CHECK_FLAGS(flags)                                                 \
    li x7, flags;                                                             \
    bne a1, x7, fail;

/* Single precision, FP result in f3.  a, b, c: operand bits into f0, f1, f2.
 * The whole 64-bit register f3 must equal 0xffffffff_<result>. */
#define TEST_FP_S(testnum, flags, result, a, b, c, code...)                   \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    lla a0, _t_fpdata_##testnum;                                              \
    flw f0, 0(a0);                                                            \
    flw f1, 4(a0);                                                            \
    flw f2, 8(a0);                                                            \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    ld a3, 16(a0);                                                            \
    bne a2, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)                                                     \
    .pushsection .data;                                                       \
    .balign 8;                                                                \
_t_fpdata_##testnum:                                                          \
    .word a, b, c, 0;                                                         \
    .dword 0xffffffff00000000 | (result);                                     \
    .popsection;

/* Double precision, FP result in f3. */
#define TEST_FP_D(testnum, flags, result, a, b, c, code...)                   \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    lla a0, _t_fpdata_##testnum;                                              \
    fld f0, 0(a0);                                                            \
    fld f1, 8(a0);                                                            \
    fld f2, 16(a0);                                                           \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    ld a3, 24(a0);                                                            \
    bne a2, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)                                                     \
    .pushsection .data;                                                       \
    .balign 8;                                                                \
_t_fpdata_##testnum:                                                          \
    .dword a, b, c, result;                                                   \
    .popsection;

/* Single-precision operands, integer result in a4 (compared as 64 bits). */
#define TEST_FP_INT_S(testnum, flags, result, a, b, code...)                  \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    lla a0, _t_fpdata_##testnum;                                              \
    flw f0, 0(a0);                                                            \
    flw f1, 4(a0);                                                            \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    ld a3, 8(a0);                                                             \
    bne a4, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)                                                     \
    .pushsection .data;                                                       \
    .balign 8;                                                                \
_t_fpdata_##testnum:                                                          \
    .word a, b;                                                               \
    .dword result;                                                            \
    .popsection;

/* Double-precision operands, integer result in a4. */
#define TEST_FP_INT_D(testnum, flags, result, a, b, code...)                  \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    lla a0, _t_fpdata_##testnum;                                              \
    fld f0, 0(a0);                                                            \
    fld f1, 8(a0);                                                            \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    ld a3, 16(a0);                                                            \
    bne a4, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)                                                     \
    .pushsection .data;                                                       \
    .balign 8;                                                                \
_t_fpdata_##testnum:                                                          \
    .dword a, b, result;                                                      \
    .popsection;

/* Single-precision operand a (in f0), 64-bit (double) result in f3 (fcvt.d.s). */
#define TEST_FP_S_TO_D(testnum, flags, result, a, code...)                    \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    lla a0, _t_fpdata_##testnum;                                              \
    flw f0, 0(a0);                                                            \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    ld a3, 8(a0);                                                             \
    bne a2, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)                                                     \
    .pushsection .data;                                                       \
    .balign 8;                                                                \
_t_fpdata_##testnum:                                                          \
    .word a, 0;                                                               \
    .dword result;                                                            \
    .popsection;

/* Integer operand in a4 (64-bit constant), single-precision result in f3. */
#define TEST_INT_FP_S(testnum, flags, result, ival, code...)                  \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    li a4, ival;                                                              \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    li a3, 0xffffffff00000000 | (result);                                     \
    bne a2, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)

/* Integer operand in a4, double-precision result in f3. */
#define TEST_INT_FP_D(testnum, flags, result, ival, code...)                  \
test_##testnum:                                                               \
    li TESTNUM, testnum;                                                      \
    li a4, ival;                                                              \
    fsflags x0;                                                               \
    code;                                                                     \
    frflags a1;                                                               \
    fmv.x.d a2, f3;                                                           \
    li a3, result;                                                            \
    bne a2, a3, fail;                                                         \
    _T_CHECK_FLAGS(flags)

/* Shorthands for the common FP shapes: rm is a static rounding-mode name
 * (rne, rtz, rdn, rup, rmm, dyn). */
#define TEST_FP_OP1_S(n, inst, rm, flags, result, a)                          \
    TEST_FP_S(n, flags, result, a, 0, 0, inst f3, f0, rm)
#define TEST_FP_OP2_S(n, inst, rm, flags, result, a, b)                       \
    TEST_FP_S(n, flags, result, a, b, 0, inst f3, f0, f1, rm)
#define TEST_FP_OP3_S(n, inst, rm, flags, result, a, b, c)                    \
    TEST_FP_S(n, flags, result, a, b, c, inst f3, f0, f1, f2, rm)
#define TEST_FP_OP1_D(n, inst, rm, flags, result, a)                          \
    TEST_FP_D(n, flags, result, a, 0, 0, inst f3, f0, rm)
#define TEST_FP_OP2_D(n, inst, rm, flags, result, a, b)                       \
    TEST_FP_D(n, flags, result, a, b, 0, inst f3, f0, f1, rm)
#define TEST_FP_OP3_D(n, inst, rm, flags, result, a, b, c)                    \
    TEST_FP_D(n, flags, result, a, b, c, inst f3, f0, f1, f2, rm)
/* no rounding-mode operand (fmin, fmax, fsgnj*) */
#define TEST_FP_OP2NR_S(n, inst, flags, result, a, b)                         \
    TEST_FP_S(n, flags, result, a, b, 0, inst f3, f0, f1)
#define TEST_FP_OP2NR_D(n, inst, flags, result, a, b)                         \
    TEST_FP_D(n, flags, result, a, b, 0, inst f3, f0, f1)
/* comparisons: integer result */
#define TEST_FP_CMP_S(n, inst, flags, result, a, b)                           \
    TEST_FP_INT_S(n, flags, result, a, b, inst a4, f0, f1)
#define TEST_FP_CMP_D(n, inst, flags, result, a, b)                           \
    TEST_FP_INT_D(n, flags, result, a, b, inst a4, f0, f1)
/* FP -> int conversion */
#define TEST_FCVT_INT_S(n, inst, rm, flags, result, a)                        \
    TEST_FP_INT_S(n, flags, result, a, 0, inst a4, f0, rm)
#define TEST_FCVT_INT_D(n, inst, rm, flags, result, a)                        \
    TEST_FP_INT_D(n, flags, result, a, 0, inst a4, f0, rm)
/* int -> FP conversion */
#define TEST_FCVT_FROM_INT_S(n, inst, rm, flags, result, ival)                \
    TEST_INT_FP_S(n, flags, result, ival, inst f3, a4, rm)
#define TEST_FCVT_FROM_INT_D(n, inst, rm, flags, result, ival)                \
    TEST_INT_FP_D(n, flags, result, ival, inst f3, a4, rm)

#endif
