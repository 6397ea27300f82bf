/*
 * testsuite/system/csr_in_block.c — CSR instructions in the middle of
 * translated code.
 *
 * In system mode the translator runs a CSR instruction on sstatus, a trap
 * CSR or a counter in the middle of its block (--no-csr-in-block: each
 * ends its block).  What the block's later instructions assumed must still
 * hold after the write, or the block must stop.  Each check runs in S mode
 * often enough to be translated:
 *   1  csrc sstatus.FS (Off), then fadd.d in the same block: an illegal
 *      instruction every time (the block checked FS on entry, when it was
 *      Dirty)
 *   2  csrs sstatus.SUM, a load from a user page, csrc sstatus.SUM, a load
 *      from it again, in one block: the first reads it, the second faults
 *      (cause 13) every time (SUM selects another TLB set)
 *   3  csrw sscratch / csrr sscratch and rdtime in a block: the value
 *      written is read back, time does not go backwards
 * Nothing is delegated: every trap goes to the M-mode handler, which
 * records it and resumes after the instruction.
 */
#include "pte.h"
#include "rt.h"

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t user_page[512] __attribute__((aligned(4096)));

#define USER_VA 0x400000ul
#define SSTATUS_FS (3ul << 13)
#define SSTATUS_SUM (1ul << 18)

/* FS off, then an FP instruction (its block was entered with FS Dirty),
 * then FS Dirty again for the caller's own FP code */
static __attribute__((noinline)) double fs_off_then_fp(double a, double b)
{
    double r;
    __asm__ volatile("csrc sstatus, %1\n\tfadd.d %0, %2, %3\n\tcsrs sstatus, %1"
                     : "=f"(r)
                     : "r"(SSTATUS_FS), "f"(a), "f"(b)
                     : "memory");
    return r;
}

static uint64_t s_fs(uint64_t rounds)
{
    double (*volatile fn)(double, double) = fs_off_then_fp; /* (an indirect call: fn's block starts at fn) */
    double sum = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        csr_set(sstatus, SSTATUS_FS); /* Dirty */
        sum += fn(1.0, 2.0);
    }
    csr_set(sstatus, SSTATUS_FS);
    return (uint64_t)sum;
}

/* SUM on, load, SUM off, load: one block */
static uint64_t s_sum(uint64_t rounds)
{
    uint64_t seen = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        uint64_t a = 0, b = 0;
        __asm__ volatile("csrs sstatus, %2\n\tld %0, 0(%3)\n\tcsrc sstatus, %2\n\tld %1, 0(%3)"
                         : "+r"(a), "+r"(b)
                         : "r"(SSTATUS_SUM), "r"(USER_VA)
                         : "memory");
        seen += a + (b << 32);
    }
    return seen;
}

/* sscratch round trips and time, in one block per iteration */
static uint64_t s_scratch_time(uint64_t rounds)
{
    uint64_t bad = 0, last = 0;
    for (uint64_t i = 0; i < rounds; i++) {
        uint64_t back, t;
        __asm__ volatile("csrw sscratch, %2\n\tcsrr %0, sscratch\n\trdtime %1" : "=r"(back), "=r"(t) : "r"(i * 3 + 1));
        bad += back != i * 3 + 1 || t < last;
        last = t;
    }
    return bad;
}

int main(void)
{
    test_name = "csr_in_block";
    root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* the program */
    root[0] = TABLE(l1);
    l1[2] = TABLE(l0);
    l0[0] = LEAF(user_page, PTE_V | PTE_R | PTE_U | PTE_A);
    user_page[0] = 7;
    csr_write(satp, (8ul << 60) | ((uint64_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    csr_set(mstatus, SSTATUS_FS);

    /* 1: each fadd.d after FS off traps (the handler skips it: the result
     * register keeps what it had, so only the count is checked) */
    uint64_t n = last_trap.count;
    run_in_mode(1, s_fs, 100);
    check(1, last_trap.count - n == 100 && last_trap.cause == 2,
          "csrc sstatus.FS, then fadd.d in the same block: an illegal instruction every time");

    /* 2: the first load reads 7, the second faults (and leaves 0) */
    n = last_trap.count;
    uint64_t seen = run_in_mode(1, s_sum, 100);
    check(2, seen == 700 && last_trap.count - n == 100 && last_trap.cause == 13 && last_trap.tval == USER_VA,
          "SUM on, load, SUM off, load, in one block: the first reads the user page, the second faults");

    /* 3 */
    uint64_t bad = run_in_mode(1, s_scratch_time, 200);
    check(3, bad == 0, "csrw/csrr sscratch and rdtime in a block: the value back, time never backwards");

    csr_write(satp, 0);
    test_pass(test_name);
}
