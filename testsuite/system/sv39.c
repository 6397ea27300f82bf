/*
 * testsuite/system/sv39.c — Sv39 translation from S and U mode: 4 KiB pages and
 * superpages, A/D updates, every kind of page fault with its tval, SUM,
 * MXR, MPRV and sfence.vma.
 * The M-mode handler catches every fault (nothing is delegated).
 */
#include "pte.h"
#include "rt.h"


static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t pages[8][512] __attribute__((aligned(4096)));

/* test pages at 0x400000: a hole in the physical map of both rvdbt and QEMU virt,
 * so an untranslated access there is an access fault */
#define VA(i) (0x400000ul + 0x1000ul * (i))
#define MEGA_VA 0x600000ul

static uint64_t s_load(uint64_t va) { return *(volatile uint64_t *)va; }
static uint64_t s_store(uint64_t va)
{
    *(volatile uint64_t *)va = 0x5a5a;
    return 0;
}
static uint64_t s_call(uint64_t va)
{
    ((void (*)(void))va)();
    return 0;
}

/* Fetch faults resume at the caller (ra); others after the instruction. */
static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)epc, (void)tval;
    if (cause == 12 || cause == 1) return f->x[1];
    return 0;
}

static int faulted(uint64_t cause, uint64_t tval, uint64_t count_before)
{
    return last_trap.count == count_before + 1 && last_trap.cause == cause && last_trap.tval == tval;
}

static void sfence(void) { __asm__ volatile("sfence.vma" ::: "memory"); }

int main(void)
{
    test_name = "sv39";
    m_trap_hook = m_hook;
    for (int i = 0; i < 8; i++) pages[i][0] = 0x1111 * (uint64_t)(i + 1);

    /* the program itself: one identity 1 GiB page at 0x80000000, supervisor only */
    root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    root[0] = TABLE(l1);
    l1[2] = TABLE(l0);
    l0[0] = LEAF(pages[0], PTE_V | PTE_R | PTE_W);                 /* A and D clear */
    l0[1] = LEAF(pages[1], PTE_V | PTE_R | PTE_A | PTE_D);         /* read-only */
    l0[2] = LEAF(pages[2], PTE_V | PTE_X | PTE_A);                 /* execute-only */
    l0[3] = LEAF(pages[3], PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D); /* user page */
    l0[4] = LEAF(pages[4], PTE_R | PTE_W | PTE_A | PTE_D);         /* not valid */
    l0[5] = LEAF(pages[5], PTE_V | PTE_W | PTE_A | PTE_D);         /* W without R: reserved */
    l0[7] = LEAF(pages[6], PTE_V | PTE_R | PTE_A);
    l1[3] = LEAF(0x80001000ul, PTE_V | PTE_R | PTE_A);             /* 2 MiB page, misaligned PPN */
    csr_write(satp, (8ul << 60) | ((uint64_t)root >> 12));
    sfence();
    check(1, csr_read(satp) == ((8ul << 60) | ((uint64_t)root >> 12)), "satp holds Sv39 and the root");

    uint64_t n = last_trap.count;
    uint64_t v = run_in_mode(1, s_load, VA(0));
    check(2, v == 0x1111 && last_trap.count == n, "S load through a 4 KiB page");
    check(3, (l0[0] & PTE_A) && !(l0[0] & PTE_D), "load sets A, not D");
    run_in_mode(1, s_store, VA(0) + 8);
    check(4, (l0[0] & PTE_D) && pages[0][1] == 0x5a5a, "store sets D and reaches the page");

    n = last_trap.count;
    run_in_mode(1, s_store, VA(1) + 16);
    check(5, faulted(15, VA(1) + 16, n) && pages[1][2] == 0, "store to read-only page: fault 15, tval = address");

    n = last_trap.count;
    run_in_mode(1, s_load, VA(2));
    check(6, faulted(13, VA(2), n), "load from execute-only page: fault 13");
    csr_set(mstatus, 1ul << 19); /* MXR */
    n = last_trap.count;
    v = run_in_mode(1, s_load, VA(2));
    csr_clear(mstatus, 1ul << 19);
    check(7, v == 0x3333 && last_trap.count == n, "MXR: execute-only page readable");

    n = last_trap.count;
    run_in_mode(1, s_load, VA(3));
    check(8, faulted(13, VA(3), n), "S load from U page without SUM: fault 13");
    csr_set(mstatus, 1ul << 18); /* SUM */
    n = last_trap.count;
    v = run_in_mode(1, s_load, VA(3));
    check(9, v == 0x4444 && last_trap.count == n, "SUM: S may load from a U page");
    n = last_trap.count;
    run_in_mode(1, s_call, VA(3));
    csr_clear(mstatus, 1ul << 18);
    check(10, faulted(12, VA(3), n), "S fetch from U page (even with SUM): fault 12");

    n = last_trap.count;
    run_in_mode(1, s_load, VA(4) + 0x10);
    check(11, faulted(13, VA(4) + 0x10, n), "invalid PTE: load fault 13");
    n = last_trap.count;
    run_in_mode(1, s_store, VA(4));
    check(12, faulted(15, VA(4), n), "invalid PTE: store fault 15");
    n = last_trap.count;
    run_in_mode(1, s_load, VA(5));
    check(13, faulted(13, VA(5), n), "W without R (reserved): fault 13");
    n = last_trap.count;
    run_in_mode(1, s_call, VA(1));
    check(14, faulted(12, VA(1), n), "fetch from non-executable page: fault 12, tval = target");
    n = last_trap.count;
    run_in_mode(1, s_load, VA(6));
    check(15, faulted(13, VA(6), n), "unmapped (zero PTE): fault 13");
    n = last_trap.count;
    run_in_mode(1, s_load, MEGA_VA);
    check(16, faulted(13, MEGA_VA, n), "misaligned superpage: fault 13");
    n = last_trap.count;
    run_in_mode(1, s_load, 0x0000004000000000ul);
    check(17, faulted(13, 0x0000004000000000ul, n), "non-canonical address: fault 13");

    /* sfence.vma makes a changed PTE visible */
    v = run_in_mode(1, s_load, VA(7));
    l0[7] = LEAF(pages[7], PTE_V | PTE_R | PTE_A);
    sfence();
    uint64_t w = run_in_mode(1, s_load, VA(7));
    check(18, v == 0x7777 && w == 0x8888, "PTE changed + sfence.vma: new page seen");

    /* U mode: the program's page made user-accessible for the occasion */
    root[2] |= PTE_U;
    sfence();
    n = last_trap.count;
    v = run_in_mode(0, s_load, VA(3));
    check(19, v == 0x4444 && last_trap.count == n, "U load from U page");
    n = last_trap.count;
    run_in_mode(0, s_load, VA(1));
    check(20, faulted(13, VA(1), n), "U load from supervisor page: fault 13");
    root[2] &= ~PTE_U;
    sfence();

    /* M with MPRV and MPP = S translates its loads */
    csr_clear(mstatus, 3ul << 11);
    csr_set(mstatus, (1ul << 11) | (1ul << 17));
    v = *(volatile uint64_t *)VA(1);
    csr_clear(mstatus, 1ul << 17);
    check(21, v == 0x2222, "MPRV: M load translated as S");
    n = last_trap.count;
    v = *(volatile uint64_t *)VA(1);
    check(22, faulted(5, VA(1), n), "M without MPRV: no translation, access fault 5");

    /* 1 GiB page through the identity mapping, read from S */
    v = run_in_mode(1, s_load, (uint64_t)&pages[6][0]);
    check(23, v == 0x7777, "1 GiB superpage");

    csr_write(satp, 0);
    test_pass(test_name);
}
