/* testsuite/isa/zicsr.S — Zicsr instructions (csrrw, csrrs, csrrc, csrrwi, csrrsi,
 * csrrci and their aliases csrr/csrw/csrs/csrc/csrwi/csrsi/csrci, frflags/fsflags/
 * fsflagsi, frrm/fsrm/fsrmi, frcsr/fscsr) on the user-level CSRs fflags (0x001),
 * frm (0x002), fcsr (0x003), and reads of cycle, time, instret.
 * From the spec: fcsr = frm << 5 | fflags; fflags and frm are views of fcsr; fcsr bits
 * 31:8 read as zero and ignore writes; writes to fflags keep 5 bits and to frm 3 bits;
 * frm may hold the reserved values 5..7 (only a later dyn-rounded FP op would trap);
 * every instruction returns the old value; csrrs/csrrc with rs1 = x0 (or imm 0) do not
 * write; FP exceptions accrue (OR) into fflags and are never cleared by other FP ops;
 * rm = dyn takes the rounding mode from frm, a static rm ignores frm.
 * cycle, instret count up; time does not go backwards. */
#include "test_macros.h"
TEST_BEGIN("zicsr")

    /* initial state (TEST_BEGIN cleared fcsr) */
    TEST_CASE(1, a4, 0, csrr a4, fcsr)
    TEST_CASE(2, a4, 0, frflags a4)
    TEST_CASE(3, a4, 0, frrm a4)

    /* writes and views */
    TEST_CASE(4, a4, 0x1f, li a5, 0x1f; csrw fflags, a5; csrr a4, fcsr)
    TEST_CASE(5, a4, 0x1f, li a5, 0xff; csrw fflags, a5; csrr a4, fflags)          /* 5 bits kept */
    TEST_CASE(6, a4, 0x7f, li a5, 3; csrw frm, a5; csrr a4, fcsr)                  /* 3 << 5 | 0x1f */
    TEST_CASE(7, a4, 0x03, csrr a4, frm)
    TEST_CASE(8, a4, 0x05, li a5, 0xfd; csrw frm, a5; csrr a4, frm)                /* 3 bits kept: 0xfd & 7 */
    TEST_CASE(9, a4, 0xff, li a5, 0xffffffffffffffff; csrw fcsr, a5; csrr a4, fcsr) /* bits 31:8 stay 0 */
    TEST_CASE(10, a4, 0x07, csrr a4, frm)
    TEST_CASE(11, a4, 0x1f, csrr a4, fflags)
    TEST_CASE(12, a4, 0x45, li a5, 0x245; csrw fcsr, a5; csrr a4, fcsr)
    TEST_CASE(13, a4, 0x02, frrm a4)
    TEST_CASE(14, a4, 0x05, frflags a4)
    TEST_CASE(15, a4, 0x05, li a5, 5; fsrm a5; frrm a4)                            /* reserved value is stored */
    TEST_CASE(16, a4, 0x00, fscsr x0; frcsr a4)

    /* csrrw returns the old value */
    TEST_CASE(20, a4, 0x00, li a5, 0x13; csrrw a4, fflags, a5)
    TEST_CASE(21, a4, 0x13, li a5, 0x01; csrrw a4, fflags, a5)
    TEST_CASE(22, a4, 0x01, csrr a4, fflags)
    TEST_CASE(23, a4, 0x01, li a5, 0x81; csrrw a4, fcsr, a5)                      /* fcsr was 0x01 */
    TEST_CASE(24, a4, 0x04, csrr a4, frm)
    TEST_CASE(25, a4, 0x04, li a5, 2; fsrm a4, a5)                                 /* fsrm rd, rs returns old */
    TEST_CASE(26, a4, 0x01, li a5, 0x10; fsflags a4, a5)
    TEST_CASE(27, a4, 0x50, frcsr a4)                                              /* 2 << 5 | 0x10 */
    TEST_CASE(28, a4, 0x50, li a5, 0x0; fscsr a4, a5)
    TEST_CASE(29, a4, 0x00, li a5, 0x1f; csrrw x0, fflags, a5; csrr a4, fcsr; addi a4, a4, -0x1f) /* rd = x0 still writes */

    /* csrrs / csrrc: set and clear bits, return the old value */
    TEST_CASE(30, a4, 0x1f, fscsr x0; li a5, 0x1f; csrrs a4, fflags, a5; li a5, 0x1f; csrrs a4, fflags, a5)
    TEST_CASE(31, a4, 0x1f, li a5, 0x0a; csrrc a4, fflags, a5)
    TEST_CASE(32, a4, 0x15, csrr a4, fflags)
    TEST_CASE(33, a4, 0x15, li a5, 0x60; csrrs a4, fcsr, a5)
    TEST_CASE(34, a4, 0x75, csrr a4, fcsr)
    TEST_CASE(35, a4, 0x03, csrr a4, frm)
    TEST_CASE(36, a4, 0x75, li a5, 0x41; csrrc a4, fcsr, a5)
    TEST_CASE(37, a4, 0x34, csrr a4, fcsr)
    TEST_CASE(38, a4, 0x34, csrrs a4, fcsr, x0; csrrc x0, fcsr, x0; csrr a4, fcsr)  /* rs1 = x0: no write */
    TEST_CASE(39, a4, 0x34, li a5, 0x100; csrs fcsr, a5; csrr a4, fcsr)             /* reserved bit: ignored */
    TEST_CASE(40, a4, 0x30, li a5, 0x04; csrc fflags, a5; csrr a4, fcsr)
    TEST_CASE(41, a4, 0x31, li a5, 0x01; csrs fflags, a5; csrr a4, fcsr)

    /* immediate forms (5-bit zero-extended immediate) */
    TEST_CASE(50, a4, 0x11, csrrwi a4, fflags, 0x1f)                                /* old fflags (fcsr was 0x31) */
    TEST_CASE(51, a4, 0x3f, csrr a4, fcsr)
    TEST_CASE(52, a4, 0x1f, csrrci a4, fflags, 0x15)
    TEST_CASE(53, a4, 0x2a, csrr a4, fcsr)
    TEST_CASE(54, a4, 0x0a, csrrsi a4, fflags, 0x04)
    TEST_CASE(55, a4, 0x2e, csrr a4, fcsr)
    TEST_CASE(56, a4, 0x01, csrrwi a4, frm, 4)
    TEST_CASE(57, a4, 0x8e, csrr a4, fcsr)
    TEST_CASE(58, a4, 0x04, csrrsi a4, frm, 3)                                     /* 4 | 3 = 7 */
    TEST_CASE(59, a4, 0x07, csrrci a4, frm, 5)                                     /* 7 & ~5 = 2 */
    TEST_CASE(60, a4, 0x4e, csrr a4, fcsr)
    TEST_CASE(61, a4, 0x4e, csrrsi a4, fcsr, 0; csrrci x0, fcsr, 0; csrr a4, fcsr) /* imm 0: no write */
    TEST_CASE(62, a4, 0x11, csrrwi a4, fcsr, 0x11; csrsi fcsr, 0x1f; csrci fcsr, 0x0e; csrr a4, fcsr)
    TEST_CASE(63, a4, 0x0c, csrwi fcsr, 0; fsflagsi 0x0c; frflags a4)
    TEST_CASE(64, a4, 0x0c, fsflagsi a4, 0x03)                                     /* returns old */
    TEST_CASE(65, a4, 0x83, fsrmi 4; frcsr a4)
    TEST_CASE(66, a4, 0x04, fsrmi a4, 0)
    TEST_CASE(67, a4, 0x03, csrwi fcsr, 0; csrwi fflags, 0x03; csrr a4, fcsr)

    /* accrued exceptions: flags OR together and survive later exact operations */
    TEST_CASE(70, a4, 0x09,                       /* DZ from 1/0, then NX from 1/3 */
        fscsr x0; li a5, 0x3f800000; fmv.w.x f0, a5; fmv.w.x f1, x0; li a5, 0x40400000; fmv.w.x f2, a5;
        fdiv.s f3, f0, f1; fdiv.s f3, f0, f2; fadd.s f3, f0, f0; frflags a4)
    TEST_CASE(71, a4, 0x19,                       /* + NV from 0/0 */
        fdiv.s f3, f1, f1; frflags a4)
    TEST_CASE(72, a4, 0x1f,                       /* + OF|NX from MAX*MAX, + UF from MIN*MIN */
        li a5, 0x7f7fffff; fmv.w.x f4, a5; fmul.s f3, f4, f4; li a5, 0x00800000; fmv.w.x f4, a5; fmul.s f3, f4, f4;
        frflags a4)
    TEST_CASE(73, a4, 0x1f,                       /* exact ops and moves leave them alone */
        fadd.s f3, f0, f0; fmv.x.w a5, f3; fsgnj.s f3, f0, f1; feq.s a5, f0, f0; fclass.s a5, f3; frflags a4)
    TEST_CASE(74, a4, 0x04,                       /* fflags is sticky per bit: write, then accrue */
        csrwi fflags, 0; li a5, 0x7f7fffff; fmv.w.x f4, a5; fadd.s f3, f4, f4, rtz; li a5, 0x04; and a4, a5, a5; frflags a5; and a4, a4, a5)
    TEST_CASE(75, a4, 0x10,                       /* feq with sNaN sets NV; the flag stays after */
        fscsr x0; li a5, 0x7f800001; fmv.w.x f4, a5; feq.s a5, f4, f0; fadd.s f3, f0, f0; frflags a4)
    /* flags do not depend on frm, and writing frm keeps fflags */
    TEST_CASE(76, a4, 0x70, fscsr x0; fsflagsi 0x10; fsrmi 3; frcsr a4)

    /* frm drives rm = dyn; a static rm ignores frm.  1 + 0.75 ulp: RTZ -> 1.0, RUP -> 1+ulp */
    TEST_CASE(80, a4, 0x3f800000,
        fscsr x0; li a5, 0x3f800000; fmv.w.x f0, a5; li a5, 0x33c00000; fmv.w.x f1, a5;
        fsrmi 1; fadd.s f3, f0, f1, dyn; fmv.x.w a4, f3)
    TEST_CASE(81, a4, 0x3f800001, fsrmi 3; fadd.s f3, f0, f1, dyn; fmv.x.w a4, f3)
    TEST_CASE(82, a4, 0x3f800000, fsrmi 3; fadd.s f3, f0, f1, rtz; fmv.x.w a4, f3)
    TEST_CASE(83, a4, 0x3f800001, fsrmi 1; fadd.s f3, f0, f1, rup; fmv.x.w a4, f3)
    TEST_CASE(84, a4, 0x3f800001, fsrmi 0; fadd.s f3, f0, f1; fmv.x.w a4, f3)   /* assembler default rm is dyn */
    TEST_CASE(85, a4, 0x3f800000, fsrmi 2; fadd.s f3, f0, f1; fmv.x.w a4, f3)
    TEST_CASE(86, a4, 0x3f800001, fsrmi 4; fadd.s f3, f0, f1; fmv.x.w a4, f3)
    TEST_CASE(87, a4, 0x00000002,                 /* fcvt.w.s 2.5 with frm = RNE */
        fsrmi 0; li a5, 0x40200000; fmv.w.x f4, a5; fcvt.w.s a4, f4, dyn)
    TEST_CASE(88, a4, 0x00000003, fsrmi 4; fcvt.w.s a4, f4, dyn)                  /* RMM: ties away */
    TEST_CASE(89, a4, 0x00000003, fsrmi 3; fcvt.w.s a4, f4, dyn)
    TEST_CASE(90, a4, 0x00000002, fsrmi 3; fcvt.w.s a4, f4, rtz)
    TEST_CASE(91, a4, 0x00000000, fscsr x0; frcsr a4)

    /* counters: readable from user mode; cycle and instret advance over a loop,
     * time is non-decreasing */
    TEST_CASE(100, a4, 1,
        rdinstret a5; li a6, 1000; 1: addi a6, a6, -1; bnez a6, 1b; rdinstret a4; sltu a4, a5, a4)
    TEST_CASE(101, a4, 1,
        rdcycle a5; li a6, 1000; 1: addi a6, a6, -1; bnez a6, 1b; rdcycle a4; sltu a4, a5, a4)
    TEST_CASE(102, a4, 0,
        rdtime a5; li a6, 1000; 1: addi a6, a6, -1; bnez a6, 1b; rdtime a4; sltu a4, a4, a5)
    TEST_CASE(103, a4, 1,
        csrr a5, instret; nop; nop; nop; csrr a4, instret; sltu a4, a5, a4)
    TEST_CASE(104, a4, 0,
        csrr a5, time; csrr a4, time; sltu a4, a4, a5)
    TEST_CASE(105, a4, 1,
        csrrs a5, cycle, x0; li a6, 100; 1: addi a6, a6, -1; bnez a6, 1b; csrrs a4, cycle, x0; sltu a4, a5, a4)

TEST_END
