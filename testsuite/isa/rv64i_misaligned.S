/* testsuite/isa/rv64i_misaligned.S — misaligned integer and FP loads and stores
 * (lh, lhu, lw, lwu, ld, sh, sw, sd, flw, fld, fsw, fsd at odd addresses, including
 * ones that cross an 8-byte boundary).  The base ISA lets an execution environment
 * either perform misaligned accesses or trap them; the Linux user-mode environment
 * performs them (the kernel emulates them where the hardware does not), so a Linux
 * program sees ordinary little-endian results.  (Misaligned AMOs and LR/SC do fault;
 * see testsuite/faults/fault_misaligned_amo.S.) */
#include "test_macros.h"

    .data
    .balign 8
mdat:   .byte 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77
        .byte 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
mbuf:   .dword 0, 0, 0

TEST_BEGIN("rv64i_misaligned")

    TEST_LD_OP(1,  lh,  0x0000000000002211, 1, mdat)
    TEST_LD_OP(2,  lh,  0xffffffffffff8877, 7, mdat)            /* crosses the doubleword */
    TEST_LD_OP(3,  lhu, 0x0000000000008877, 7, mdat)
    TEST_LD_OP(4,  lw,  0x0000000044332211, 1, mdat)
    TEST_LD_OP(5,  lw,  0xffffffffaa998877, 7, mdat)
    TEST_LD_OP(6,  lwu, 0x00000000aa998877, 7, mdat)
    TEST_LD_OP(7,  lw,  0xffffffff88776655, 5, mdat)
    TEST_LD_OP(8,  ld,  0x8877665544332211, 1, mdat)
    TEST_LD_OP(9,  ld,  0xeeddccbbaa998877, 7, mdat)
    TEST_LD_OP(10, ld,  0xbbaa998877665544, 4, mdat)
    TEST_ST_OP(11, lh,  sh,  0xffffffffffffbeef, 0xbeef, 7, mbuf)
    TEST_ST_OP(12, lw,  sw,  0xffffffffdeadbeef, 0xdeadbeef, 5, mbuf)
    TEST_ST_OP(13, ld,  sd,  0x0123456789abcdef, 0x0123456789abcdef, 3, mbuf)
    /* the bytes really land where expected */
    TEST_CASE(14, a4, 0x0123456789abcdef,
        lla a1, mbuf; sd x0, 0(a1); sd x0, 8(a1); li a2, 0x0123456789abcdef; sd a2, 1(a1);
        lbu a4, 8(a1); li a5, 0x01; bne a4, a5, fail; ld a4, 1(a1))
    TEST_CASE(15, a4, 0x00000000000000ef, lla a1, mbuf; lbu a4, 1(a1))
    TEST_CASE(16, a4, 0xffffffffc0490fdb,
        lla a1, mbuf; li a2, 0xc0490fdb; sw a2, 9(a1); flw f3, 9(a1); fmv.x.d a4, f3; srai a5, a4, 32; li a6, -1; bne a5, a6, fail; sext.w a4, a4)
    TEST_CASE(17, a4, 0x400921fb54442d18,
        lla a1, mbuf; li a2, 0x400921fb54442d18; fmv.d.x f4, a2; fsd f4, 3(a1); fld f5, 3(a1); fmv.x.d a4, f5)
    TEST_CASE(18, a4, 0x000000003f800000,
        lla a1, mbuf; li a2, 0x3f800000; fmv.w.x f4, a2; fsw f4, 6(a1); lwu a4, 6(a1))

TEST_END
