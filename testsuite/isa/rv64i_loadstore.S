/* testsuite/isa/rv64i_loadstore.S — RV64I loads lb, lh, lw, ld, lbu, lhu, lwu and stores
 * sb, sh, sw, sd: little-endian byte order, sign- vs zero-extension, positive and
 * negative 12-bit offsets, stores writing only their own bytes (the rest of the
 * doubleword is unchanged), store of x0, load into x0, load with rd == rs1, plus the
 * memory-ordering instructions fence (several predecessor/successor sets) and fence.tso,
 * which have no visible effect in a single-threaded program.  All naturally aligned. */
#include "test_macros.h"

    .data
    .balign 8
tdat:   .dword 0x8877665544332211            /* bytes 11 22 33 44 55 66 77 88 */
tdat2:  .dword 0xf00ff00f80ff7f01            /* bytes 01 7f ff 80 0f f0 0f f0 */
tdat3:  .dword 0x0000000000000000
scratch: .dword 0, 0, 0, 0
        .skip 2048
far:    .dword 0x0123456789abcdef

TEST_BEGIN("rv64i_loadstore")

    /* lb / lbu: bytes 0x01 0x7f 0xff 0x80 */
    TEST_LD_OP(1,  lb,  0x0000000000000001, 0, tdat2)
    TEST_LD_OP(2,  lb,  0x000000000000007f, 1, tdat2)
    TEST_LD_OP(3,  lb,  0xffffffffffffffff, 2, tdat2)
    TEST_LD_OP(4,  lb,  0xffffffffffffff80, 3, tdat2)
    TEST_LD_OP(5,  lb,  0xfffffffffffffff0, -1, tdat3)       /* last byte of tdat2 */
    TEST_LD_OP(6,  lb,  0x0000000000000011, -8, tdat2)
    TEST_LD_OP(7,  lbu, 0x0000000000000001, 0, tdat2)
    TEST_LD_OP(8,  lbu, 0x00000000000000ff, 2, tdat2)
    TEST_LD_OP(9,  lbu, 0x0000000000000080, 3, tdat2)
    TEST_LD_OP(10, lbu, 0x0000000000000088, 7, tdat)
    TEST_LD_OP(11, lbu, 0x00000000000000f0, -1, tdat3)
    /* lh / lhu */
    TEST_LD_OP(20, lh,  0x0000000000007f01, 0, tdat2)
    TEST_LD_OP(21, lh,  0xffffffffffff80ff, 2, tdat2)
    TEST_LD_OP(22, lh,  0xfffffffffffff00f, 4, tdat2)
    TEST_LD_OP(23, lh,  0x0000000000002211, 0, tdat)
    TEST_LD_OP(24, lh,  0xfffffffffffff00f, -2, tdat3)
    TEST_LD_OP(25, lhu, 0x00000000000080ff, 2, tdat2)
    TEST_LD_OP(26, lhu, 0x000000000000f00f, 6, tdat2)
    TEST_LD_OP(27, lhu, 0x0000000000008877, 6, tdat)
    TEST_LD_OP(28, lhu, 0x0000000000007f01, -8, tdat3)
    /* lw / lwu */
    TEST_LD_OP(30, lw,  0xffffffff80ff7f01, 0, tdat2)
    TEST_LD_OP(31, lw,  0xfffffffff00ff00f, 4, tdat2)
    TEST_LD_OP(32, lw,  0x0000000044332211, 0, tdat)
    TEST_LD_OP(33, lw,  0xffffffff88776655, 4, tdat)
    TEST_LD_OP(34, lw,  0xfffffffff00ff00f, -4, tdat3)
    TEST_LD_OP(35, lwu, 0x0000000080ff7f01, 0, tdat2)
    TEST_LD_OP(36, lwu, 0x00000000f00ff00f, 4, tdat2)
    TEST_LD_OP(37, lwu, 0x0000000088776655, -4, tdat2)
    /* ld */
    TEST_LD_OP(40, ld,  0x8877665544332211, 0, tdat)
    TEST_LD_OP(41, ld,  0xf00ff00f80ff7f01, 8, tdat)
    TEST_LD_OP(42, ld,  0x8877665544332211, -16, tdat3)
    TEST_LD_OP(43, ld,  0x0123456789abcdef, 2047, far - 2047)  /* largest positive offset */
    TEST_LD_OP(44, ld,  0x8877665544332211, -2048, tdat + 2048) /* most negative offset */
    /* rd == rs1, rd == x0 */
    TEST_CASE(45, x11, 0x8877665544332211, lla x11, tdat; ld x11, 0(x11))
    TEST_CASE(46, x14, 0x0000000044332211, lla x11, tdat; li x14, 0x0000000044332211; lw x0, 0(x11); add x14, x14, x0)

    /* stores read back with the matching load (upper register bits are dropped) */
    TEST_ST_OP(50, lb,  sb,  0xffffffffffffffaa, 0x00000000000000aa, 0, scratch)
    TEST_ST_OP(51, lbu, sb,  0x0000000000000055, 0x1234567812345655, 1, scratch)
    TEST_ST_OP(52, lh,  sh,  0xffffffffffffbeef, 0x123456789abcbeef, 2, scratch)
    TEST_ST_OP(53, lhu, sh,  0x000000000000beef, 0x000000000000beef, 6, scratch)
    TEST_ST_OP(54, lw,  sw,  0xffffffffdeadbeef, 0x00000000deadbeef, 8, scratch)
    TEST_ST_OP(55, lwu, sw,  0x00000000deadbeef, 0x55555555deadbeef, 12, scratch)
    TEST_ST_OP(56, ld,  sd,  0x0123456789abcdef, 0x0123456789abcdef, 16, scratch)
    TEST_ST_OP(57, ld,  sd,  0xfedcba9876543210, 0xfedcba9876543210, -8, scratch + 32)

    /* stores change only their own bytes */
    TEST_CASE(60, x14, 0x11111111aa111111,
        lla x11, scratch; li x12, 0x1111111111111111; sd x12, 0(x11);
        li x13, 0xffffffffffffffaa; sb x13, 3(x11); ld x14, 0(x11))
    TEST_CASE(61, x14, 0x11111111beef1111,
        lla x11, scratch; li x12, 0x1111111111111111; sd x12, 0(x11);
        li x13, 0x123456789abcbeef; sh x13, 2(x11); ld x14, 0(x11))
    TEST_CASE(62, x14, 0xdeadbeef11111111,
        lla x11, scratch; li x12, 0x1111111111111111; sd x12, 0(x11);
        li x13, 0x77777777deadbeef; sw x13, 4(x11); ld x14, 0(x11))
    TEST_CASE(63, x14, 0x1111111100000000,
        lla x11, scratch; li x12, 0x1111111111111111; sd x12, 0(x11);
        sw x0, 0(x11); ld x14, 0(x11))                        /* store x0 */
    TEST_CASE(64, x14, 0x2211,                               /* little-endian */
        lla x11, scratch; li x12, 0x11; sb x12, 0(x11); li x12, 0x22; sb x12, 1(x11); lhu x14, 0(x11))
    TEST_CASE(65, x14, 0x0123456789abcdef,                   /* sd at -2048 */
        lla x11, scratch + 2048; li x12, 0x0123456789abcdef; sd x12, -2048(x11); lla x11, scratch; ld x14, 0(x11))
    TEST_CASE(66, x14, 0x00000000cafe0000,                   /* store base == data register */
        lla x11, scratch; sd x0, 0(x11); sd x0, 8(x11); sw x11, 8(x11);
        lwu x14, 8(x11); lla x15, scratch; li x16, 0xffffffff; and x15, x15, x16; sub x14, x14, x15;
        li x15, 0xcafe0000; add x14, x14, x15)

    /* fences: no architectural effect here; loads/stores around them still work */
    TEST_CASE(70, x14, 5,
        lla x11, scratch; li x12, 5; sd x12, 0(x11);
        fence; fence rw, rw; fence r, r; fence w, w; fence iorw, iorw; fence i, o; fence.tso;
        ld x14, 0(x11))

TEST_END
