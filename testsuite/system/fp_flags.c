/*
 * testsuite/system/fp_flags.c — F/D results and accrued flags (fflags) in
 * system mode, as the conformance suites check them: operation, then
 * frflags/fsflags, compared with the values worked out from the spec.
 *
 * Written for a translator bug: system mode's dispatcher never cleared the
 * host's SSE flags (MXCSR) before entering a block, so the inexact flag
 * left by the emulator's own C code (timing arithmetic) was folded into
 * fflags by the next CSR instruction: fsflags after an exact 2.5 + 1.0
 * read NX.  Each case sits in its own function, so translation (and the
 * host C code it runs) happens between cases.  Also: flags survive a trap
 * taken and returned from, and FP use marks mstatus.FS Dirty (and SD).
 */
#include "rt.h"

#define NOINLINE __attribute__((noinline))
#define MSTATUS_FS (3ul << 13)
#define MSTATUS_SD (1ul << 63)

static volatile uint32_t s_in[4] = {0x40200000u /* 2.5 */, 0x3f800000u /* 1.0 */, 0x40400000u /* 3.0 */,
                                    0x7f800001u /* a signalling NaN */};
static volatile uint64_t d_in[2] = {0x4004000000000000ull /* 2.5 */, 0x3ff0000000000000ull /* 1.0 */};

/* result bits and the accrued flags of one operation, flags cleared before */
struct r { uint64_t v, flags; };

NOINLINE static struct r fadd_s(void)
{
    struct r r;
    __asm__ volatile("flw fa0, 0(%2)\n flw fa1, 4(%2)\n fsflags zero\n fadd.s fa3, fa0, fa1\n"
                     "fmv.x.w %0, fa3\n fsflags %1, zero"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1", "fa3");
    return r;
}

NOINLINE static struct r fdiv_s(void) /* 1/3: inexact */
{
    struct r r;
    __asm__ volatile("flw fa0, 4(%2)\n flw fa1, 8(%2)\n fsflags zero\n fdiv.s fa3, fa0, fa1\n"
                     "fmv.x.w %0, fa3\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1", "fa3");
    return r;
}

NOINLINE static struct r feq_snan(void) /* feq with a signalling NaN: 0, invalid */
{
    struct r r;
    __asm__ volatile("flw fa0, 12(%2)\n flw fa1, 4(%2)\n fsflags zero\n feq.s %0, fa0, fa1\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1");
    return r;
}

NOINLINE static struct r flt_ordered(void) /* 1.0 < 3.0, no flags */
{
    struct r r;
    __asm__ volatile("flw fa0, 4(%2)\n flw fa1, 8(%2)\n fsflags zero\n flt.s %0, fa0, fa1\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1");
    return r;
}

NOINLINE static struct r fcvt_w_s(void) /* 2.5 -> 2 (rtz): inexact */
{
    struct r r;
    __asm__ volatile("flw fa0, 0(%2)\n fsflags zero\n fcvt.w.s %0, fa0, rtz\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0");
    return r;
}

NOINLINE static struct r fmadd_s(void) /* 2.5 * 1.0 + 3.0 = 5.5, exact */
{
    struct r r;
    __asm__ volatile("flw fa0, 0(%2)\n flw fa1, 4(%2)\n flw fa2, 8(%2)\n fsflags zero\n"
                     "fmadd.s fa3, fa0, fa1, fa2\n fmv.x.w %0, fa3\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1", "fa2", "fa3");
    return r;
}

NOINLINE static struct r fmin_s(void)
{
    struct r r;
    __asm__ volatile("flw fa0, 0(%2)\n flw fa1, 4(%2)\n fsflags zero\n fmin.s fa3, fa0, fa1\n"
                     "fmv.x.w %0, fa3\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(s_in) : "fa0", "fa1", "fa3");
    return r;
}

NOINLINE static struct r fscsr_swap(void) /* fscsr returns the old fcsr: frm 0, flags 0 */
{
    struct r r;
    uint64_t nv = 0x1f; /* all five flags, frm = RNE */
    __asm__ volatile("fscsr zero\n fscsr %0, %2\n frcsr %1\n fscsr zero" : "=&r"(r.v), "=&r"(r.flags) : "r"(nv));
    return r;
}

NOINLINE static struct r fadd_d(void)
{
    struct r r;
    __asm__ volatile("fld fa0, 0(%2)\n fld fa1, 8(%2)\n fsflags zero\n fadd.d fa3, fa0, fa1\n"
                     "fmv.x.d %0, fa3\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(d_in) : "fa0", "fa1", "fa3");
    return r;
}

NOINLINE static struct r fcvt_s_d(void) /* fcvt.s.d 2.5: exact */
{
    struct r r;
    __asm__ volatile("fld fa0, 0(%2)\n fsflags zero\n fcvt.s.d fa3, fa0\n fmv.x.w %0, fa3\n frflags %1"
                     : "=r"(r.v), "=r"(r.flags) : "r"(d_in) : "fa0", "fa3");
    return r;
}

NOINLINE static uint64_t flags_across_trap(void) /* 1/3 sets NX, an ecall traps to M and back */
{
    uint64_t f;
    __asm__ volatile("flw fa0, 4(%1)\n flw fa1, 8(%1)\n fsflags zero\n fdiv.s fa3, fa0, fa1\n"
                     "li a7, 0\n ecall\n frflags %0"
                     : "=r"(f) : "r"(s_in) : "fa0", "fa1", "fa3", "a7", "memory");
    return f;
}

/* fld, fadd.d, fsd: three FP instructions in one block (translated once it is
 * hot; with FS Off each must raise illegal instruction and do nothing) */
static volatile uint64_t fs_cell = 0x3ff0000000000000ull; /* 1.0 */
NOINLINE static void fp_double_cell(void)
{
    __asm__ volatile("fld fa0, 0(%0)\n fadd.d fa0, fa0, fa0\n fsd fa0, 0(%0)" : : "r"(&fs_cell) : "fa0", "memory");
}

/* fflags CSR instructions only (no other FP instruction): translated inline
 * (tx_fflags_inline), so the block's FS check must cover them too */
static volatile uint64_t flags_cell;
NOINLINE static void fflags_only(void)
{
    uint64_t v;
    __asm__ volatile("frflags %0\n fsflags %0" : "=&r"(v));
    flags_cell = v + 1;
}
/* The quiet comparison idiom (frflags; flt.d; fsflags: one piece of host
 * code, translator/lower_quiet_cmp.c) */
NOINLINE static void quiet_less(void)
{
    uint64_t v, lt;
    __asm__ volatile("fld fa0, 0(%2)\n frflags %0\n flt.d %1, fa0, fa0\n fsflags %0"
                     : "=&r"(v), "=&r"(lt) : "r"(&fs_cell) : "fa0");
    flags_cell = v + 1 + lt;
}

int main(void)
{
    test_name = "fp_flags";
    csr_clear(mstatus, MSTATUS_FS);
    csr_set(mstatus, 1ul << 13); /* FS = Initial */
    check(1, (csr_read(mstatus) & MSTATUS_FS) == (1ul << 13), "mstatus.FS Initial");
    struct r r = fadd_s();
    check(2, r.v == 0x40600000, "fadd.s 2.5 + 1.0 = 3.5");
    check(3, r.flags == 0, "fadd.s exact: no flags");
    check(4, (csr_read(mstatus) & MSTATUS_FS) == MSTATUS_FS && (csr_read(mstatus) & MSTATUS_SD), "FS Dirty, SD");
    r = fdiv_s();
    check(5, r.v == 0x3eaaaaab && r.flags == 1, "fdiv.s 1/3: 0x3eaaaaab, NX");
    r = feq_snan();
    check(6, r.v == 0 && r.flags == 0x10, "feq.s sNaN: 0, NV");
    r = flt_ordered();
    check(7, r.v == 1 && r.flags == 0, "flt.s 1 < 3: 1, no flags");
    r = fcvt_w_s();
    check(8, r.v == 2 && r.flags == 1, "fcvt.w.s 2.5 rtz: 2, NX");
    r = fmadd_s();
    check(9, r.v == 0x40b00000 && r.flags == 0, "fmadd.s 2.5*1+3 = 5.5, no flags");
    r = fmin_s();
    check(10, r.v == 0x3f800000 && r.flags == 0, "fmin.s 2.5, 1.0: 1.0, no flags");
    r = fscsr_swap();
    check(11, r.v == 0 && r.flags == 0x1f, "fscsr: old fcsr 0, new 0x1f");
    r = fadd_d();
    check(12, r.v == 0x400c000000000000ull && r.flags == 0, "fadd.d 2.5 + 1.0 = 3.5, no flags");
    r = fcvt_s_d();
    check(13, r.v == 0x40200000 && r.flags == 0, "fcvt.s.d 2.5: exact");
    check(14, flags_across_trap() == 1 && last_trap.cause == 11, "NX survives an ecall to M and back");
    /* FS Off after the block ran (and was translated) with FS Dirty: its FP
     * instructions must trap, not run as translated code (the translator
     * checks FS at the block's entry). */
    for (int i = 0; i < 20; i++) fp_double_cell(); /* 1.0 * 2^20 */
    check(15, fs_cell == 0x4130000000000000ull, "fld/fadd.d/fsd x20 with FS Dirty: 2^20");
    csr_clear(mstatus, MSTATUS_FS);
    uint64_t traps = last_trap.count;
    fp_double_cell();
    check(16, last_trap.count == traps + 3 && last_trap.cause == 2, "FS Off: three illegal-instruction traps");
    check(17, fs_cell == 0x4130000000000000ull && (csr_read(mstatus) & MSTATUS_FS) == 0, "FS Off: nothing written, FS stays Off");
    csr_set(mstatus, 1ul << 13); /* Initial: the next FP instruction makes it Dirty */
    fp_double_cell();
    check(18, fs_cell == 0x4140000000000000ull && (csr_read(mstatus) & MSTATUS_FS) == MSTATUS_FS, "FS Initial -> Dirty");
    /* The same for blocks with fflags CSR instructions, translated inline */
    for (int i = 0; i < 20; i++) fflags_only(), quiet_less();
    csr_clear(mstatus, MSTATUS_FS);
    traps = last_trap.count;
    fflags_only();
    check(19, last_trap.count == traps + 2 && last_trap.cause == 2, "FS Off: frflags, fsflags trap");
    quiet_less();
    check(20, last_trap.count == traps + 6 && last_trap.cause == 2, "FS Off: fld, frflags, flt.d, fsflags trap");
    check(21, (csr_read(mstatus) & MSTATUS_FS) == 0, "FS Off: stays Off");
    csr_set(mstatus, 1ul << 13);
    test_pass("fp_flags");
}
