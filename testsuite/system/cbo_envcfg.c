/*
 * testsuite/system/cbo_envcfg.c — who may run the cache-block operations:
 * menvcfg and senvcfg's CBZE (cbo.zero), CBCFE (cbo.clean, cbo.flush) and
 * CBIE (cbo.inval: 00 illegal, 01 performed as a flush, 11 an invalidate).
 *
 * From the CMO specification (Zicbom/Zicboz) and the privileged spec's
 * envcfg registers: M mode may always use them; in S mode the menvcfg field
 * must enable the instruction, in U mode the senvcfg field too, otherwise
 * it is an illegal-instruction exception (mtval = the instruction bits) and
 * memory is untouched.  The fields are WARL; CBIE's 10 is reserved.
 * QEMU 7.2 implements neither Zicbom nor Zicboz (cbo.zero is illegal there
 * even in M mode), so it cannot be the oracle: the expectations come from
 * the specifications.  binutils 2.40 knows neither menvcfg nor senvcfg by
 * name under privileged spec 1.11: they are written as numbers.
 */
#include "rt.h"

#define MENVCFG 0x30a
#define SENVCFG 0x10a
#define CBIE(v) ((uint64_t)(v) << 4)
#define CBCFE (1ul << 6)
#define CBZE (1ul << 7)

/* cbo.* (a0), as words: cbo.inval/clean/flush/zero are 0x0000200f / 0x0010200f /
 * 0x0020200f / 0x0040200f with rs1 in bits 19:15 (a0 = x10) */
#define CBO_INVAL 0x0005200f
#define CBO_CLEAN 0x0015200f
#define CBO_FLUSH 0x0025200f
#define CBO_ZERO 0x0045200f
#define STR(x) #x
#define XSTR(x) STR(x)

static uint8_t blk[128] __attribute__((aligned(64)));

#define CBO_FN(name, word)                                                               \
    static uint64_t name(uint64_t addr)                                                  \
    {                                                                                    \
        register uint64_t a0 __asm__("a0") = addr;                                      \
        __asm__ volatile(".4byte " XSTR(word) : : "r"(a0) : "memory");                   \
        return 1;                                                                        \
    }
CBO_FN(cbo_zero, CBO_ZERO)
CBO_FN(cbo_clean, CBO_CLEAN)
CBO_FN(cbo_flush, CBO_FLUSH)
CBO_FN(cbo_inval, CBO_INVAL)

static void fill(void)
{
    for (unsigned i = 0; i < sizeof blk; i++) blk[i] = 0xff;
}

/* Every byte of the first block is `v`, and the second block is untouched. */
static int block_is(uint8_t v)
{
    for (unsigned i = 0; i < 64; i++)
        if (blk[i] != v || blk[64 + i] != 0xff) return 0;
    return 1;
}

/* Runs fn(blk) in `mode`; true if it raised an illegal instruction whose mtval is `word`. */
static int illegal_in(int mode, uint64_t (*fn)(uint64_t), uint64_t word)
{
    last_trap.count = 0;
    run_in_mode(mode, fn, (uint64_t)(uintptr_t)blk);
    return last_trap.count == 1 && last_trap.cause == 2 && last_trap.tval == word;
}

/* Runs fn(blk) in `mode`; true if it completed without a trap. */
static int runs_in(int mode, uint64_t (*fn)(uint64_t))
{
    last_trap.count = 0;
    uint64_t r = run_in_mode(mode, fn, (uint64_t)(uintptr_t)blk);
    return r == 1 && last_trap.count == 0;
}

int main(void)
{
    test_name = "cbo_envcfg";

    /* WARL: the three fields exist (rvdbt has Zicbom and Zicboz); CBIE = 10 keeps the old value */
    csr_write(0x30a, CBIE(3) | CBCFE | CBZE);
    uint64_t m = csr_read(0x30a) & (CBIE(3) | CBCFE | CBZE);
    csr_write(0x30a, CBIE(1));
    csr_write(0x30a, CBIE(2));
    uint64_t kept = csr_read(0x30a) & CBIE(3);
    csr_write(0x10a, CBIE(3) | CBCFE | CBZE);
    uint64_t s = csr_read(0x10a) & (CBIE(3) | CBCFE | CBZE);
    check(1, m == (CBIE(3) | CBCFE | CBZE) && s == m, "menvcfg, senvcfg: CBIE, CBCFE, CBZE writable");
    check(2, kept == CBIE(1), "CBIE = 10 (reserved) keeps the old value");

    /* M mode ignores the enables */
    csr_write(0x30a, 0);
    csr_write(0x10a, 0);
    fill();
    last_trap.count = 0;
    cbo_zero((uint64_t)(uintptr_t)(blk + 40));
    check(3, last_trap.count == 0 && block_is(0), "M: cbo.zero with menvcfg = 0 zeroes the block");

    fill();
    check(4, illegal_in(1, cbo_zero, CBO_ZERO) && block_is(0xff), "S, menvcfg.CBZE = 0: cbo.zero illegal, memory kept");
    csr_write(0x30a, CBZE);
    check(5, runs_in(1, cbo_zero) && block_is(0), "S, menvcfg.CBZE = 1: cbo.zero zeroes");
    fill();
    check(6, illegal_in(0, cbo_zero, CBO_ZERO) && block_is(0xff), "U, senvcfg.CBZE = 0: cbo.zero illegal");
    csr_write(0x10a, CBZE);
    check(7, runs_in(0, cbo_zero) && block_is(0), "U, both CBZE = 1: cbo.zero zeroes");
    csr_write(0x30a, 0);
    fill();
    check(8, illegal_in(0, cbo_zero, CBO_ZERO), "U, senvcfg.CBZE = 1 but menvcfg.CBZE = 0: illegal");

    /* cbo.clean, cbo.flush: CBCFE */
    check(9, illegal_in(1, cbo_clean, CBO_CLEAN), "S, CBCFE = 0: cbo.clean illegal");
    check(10, illegal_in(1, cbo_flush, CBO_FLUSH), "S, CBCFE = 0: cbo.flush illegal");
    csr_write(0x30a, CBCFE);
    check(11, runs_in(1, cbo_clean) && runs_in(1, cbo_flush), "S, CBCFE = 1: cbo.clean, cbo.flush run");
    check(12, illegal_in(0, cbo_flush, CBO_FLUSH), "U, senvcfg.CBCFE = 0: cbo.flush illegal");
    csr_write(0x10a, CBCFE);
    check(13, runs_in(0, cbo_clean) && runs_in(0, cbo_flush), "U, both CBCFE = 1: cbo.clean, cbo.flush run");

    /* cbo.inval: CBIE */
    csr_write(0x30a, 0);
    check(14, illegal_in(1, cbo_inval, CBO_INVAL), "S, CBIE = 00: cbo.inval illegal");
    csr_write(0x30a, CBIE(1));
    check(15, runs_in(1, cbo_inval), "S, CBIE = 01: cbo.inval runs (as a flush)");
    csr_write(0x30a, CBIE(3));
    check(16, runs_in(1, cbo_inval), "S, CBIE = 11: cbo.inval runs");
    csr_write(0x10a, 0);
    check(17, illegal_in(0, cbo_inval, CBO_INVAL), "U, senvcfg.CBIE = 00: cbo.inval illegal");
    csr_write(0x10a, CBIE(1));
    check(18, runs_in(0, cbo_inval), "U, senvcfg.CBIE = 01: cbo.inval runs");
    csr_write(0x30a, 0);
    check(19, illegal_in(0, cbo_inval, CBO_INVAL), "U, menvcfg.CBIE = 00: cbo.inval illegal");
    test_pass(test_name);
}
