/*
 * testsuite/system/cbo_tlb.c — cbo.zero as translated code does it.
 *
 * The translator does a system-mode cbo.zero inline -- eight stores of zero
 * -- when the TLB holds a write tag for the page and menvcfg/senvcfg allow
 * it, checked at run time (translator/lower_amo.c, lower_cbo_zero), and
 * leaves the rest to the interpreter.  Each check runs cbo.zero in a loop,
 * often enough that the loop runs as translated code, and says what the
 * Zicboz and privileged specifications require:
 *   1  Sv39, S mode, menvcfg.CBZE = 1: the naturally aligned 64-byte block
 *      holding the (unaligned) address is zeroed, its neighbours are not
 *   2  the same loop again with menvcfg.CBZE = 0: an illegal-instruction
 *      exception each time (mtval = the instruction), memory unchanged
 *   3  a read-only page that S has just read (its TLB entry allows reads):
 *      a store page fault (cause 15, mtval = rs1) each time, memory unchanged
 *   4  a writable page whose PTE has D clear: zeroed, and D is set
 *   5  satp = Bare, U mode, menvcfg.CBZE = senvcfg.CBZE = 1: zeroed; then
 *      the same loop with senvcfg.CBZE = 0: illegal each time
 * QEMU 7.2 implements no Zicboz (cbo.zero is illegal there even in M mode),
 * so it cannot be the oracle: the expectations come from the specifications,
 * as in cbo_envcfg.c.  Nothing is delegated: every trap goes to the M-mode
 * handler, which records it and resumes after the instruction.
 */
#include "sv39_pages.h"

#define MENVCFG 0x30a
#define SENVCFG 0x10a
#define CBZE (1ul << 7)
#define CBO_ZERO_A0 0x0045200f /* cbo.zero (a0) */
#define STR(x) #x
#define XSTR(x) STR(x)

static uint64_t data[3][512] __attribute__((aligned(4096))); /* at RW_VA, RO_VA, CLEAN_VA */
static uint64_t bare[512] __attribute__((aligned(4096)));

static inline void cbo_zero(uint64_t addr)
{
    register uint64_t a0 __asm__("a0") = addr;
    __asm__ volatile(".4byte " XSTR(CBO_ZERO_A0) : : "r"(a0) : "memory");
}

/* where s_zero works: RW_VA (Sv39) or bare (satp = Bare) */
static volatile uint64_t zero_base;

/* Fills blocks 1-4 of zero_base's page in turn with a pattern, cbo.zero at
 * an address inside the block, and counts the rounds that left the block
 * all zero. */
static uint64_t s_zero(uint64_t rounds)
{
    uint64_t ok = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        volatile uint64_t *blk = (volatile uint64_t *)(zero_base + 64 + 64 * (i % 4));
        for (int k = 0; k < 8; k++) blk[k] = ~0ul - (uint64_t)k;
        cbo_zero((uint64_t)(uintptr_t)blk + (i * 5) % 64);
        uint64_t s = 0;
        for (int k = 0; k < 8; k++) s |= blk[k];
        ok += s == 0;
    }
    return ok;
}

/* 3: read RO_VA, then cbo.zero inside its first block */
static uint64_t s_zero_readonly(uint64_t rounds)
{
    uint64_t seen = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        seen += *(volatile uint64_t *)RO_VA;
        cbo_zero(RO_VA + 13);
    }
    return seen;
}

/* 4: cbo.zero the second block of a page whose PTE has D clear */
static uint64_t s_zero_clean(uint64_t rounds)
{
    for (uint64_t i = 0; i < rounds; i++) cbo_zero(CLEAN_VA + 64 + 7);
    return *(volatile uint64_t *)(CLEAN_VA + 64);
}

/* The guard words around blocks 1-4 (blocks 0 and 5) still hold `v`. */
static int guards(const uint64_t *page, uint64_t v)
{
    for (int k = 0; k < 8; k++)
        if (page[k] != v || page[40 + k] != v) return 0;
    return 1;
}

int main(void)
{
    test_name = "cbo_tlb";
    sv39_tables();
    sv39_rw_ro_clean(data);
    for (int k = 0; k < 512; k++) data[0][k] = data[1][k] = data[2][k] = bare[k] = 0x5a5a5a5a5a5a5a5aul;
    sv39_on(root);

    /* 1 */
    csr_write(0x30a, CBZE);
    zero_base = RW_VA;
    uint64_t n = last_trap.count;
    uint64_t got = run_in_mode(1, s_zero, 200);
    check(1, got == 200 && last_trap.count == n && guards(data[0], 0x5a5a5a5a5a5a5a5aul),
          "S, menvcfg.CBZE = 1: 200 rounds zero the 64-byte block, not its neighbours");

    /* 2 */
    csr_write(0x30a, 0);
    n = last_trap.count;
    got = run_in_mode(1, s_zero, 50);
    check(2, got == 0 && last_trap.count - n == 50 && last_trap.cause == 2 && last_trap.tval == CBO_ZERO_A0,
          "the same loop with menvcfg.CBZE = 0: illegal instruction each time, memory unchanged");

    /* 3 */
    csr_write(0x30a, CBZE);
    n = last_trap.count;
    got = run_in_mode(1, s_zero_readonly, 100);
    check(3, got == 100 * 0x5a5a5a5a5a5a5a5aul && last_trap.count - n == 100 && last_trap.cause == 15 &&
                 last_trap.tval == RO_VA + 13 && data[1][0] == 0x5a5a5a5a5a5a5a5aul,
          "read-only page just read: a store page fault each time (mtval = rs1), memory unchanged");

    /* 4 */
    got = run_in_mode(1, s_zero_clean, 100);
    check(4, got == 0 && data[2][8] == 0 && data[2][15] == 0 && data[2][16] == 0x5a5a5a5a5a5a5a5aul && (l0[2] & PTE_D),
          "page with D clear: the block zeroed, and D set");

    /* 5 */
    csr_write(satp, 0);
    sfence_all();
    zero_base = (uint64_t)(uintptr_t)bare;
    csr_write(0x10a, CBZE);
    n = last_trap.count;
    got = run_in_mode(0, s_zero, 200);
    uint64_t traps = last_trap.count - n;
    csr_write(0x10a, 0);
    for (int k = 0; k < 512; k++) bare[k] = 0x5a5a5a5a5a5a5a5aul;
    n = last_trap.count;
    uint64_t got2 = run_in_mode(0, s_zero, 50);
    check(5, got == 200 && traps == 0 && got2 == 0 && last_trap.count - n == 50 && last_trap.cause == 2 &&
                 guards(bare, 0x5a5a5a5a5a5a5a5aul),
          "U, Bare: zeroes with both CBZE set; the same loop with senvcfg.CBZE = 0: illegal each time");

    csr_write(0x30a, 0);
    test_pass(test_name);
}
