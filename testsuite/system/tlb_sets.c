/*
 * testsuite/system/tlb_sets.c — stale translations after traps, privilege
 * changes and sfence.vma.
 *
 * rvdbt keeps one soft TLB per translation context (privilege, satp, SUM,
 * MXR, MPRV: mmu/mmu_system.h) and no longer empties them all at every
 * trap; sfence.vma of one address drops only what maps it.  Each check here
 * is something the privileged spec requires to be seen after the guest
 * changed a PTE and fenced, in a context other than the one that fenced,
 * or through a superpage, or through the translator's jump cache:
 *   1-2  a PTE changed in M mode + sfence.vma there: S and U see the new page
 *   3    SUM set/cleared around a change: the S+SUM context sees it too
 *   4    sfence.vma of one address: that page is seen anew
 *   5    sfence.vma of one address inside a 2 MiB superpage: another 4 KiB
 *        piece of that superpage is seen anew too
 *   6    code remapped by S mode itself + sfence.vma of its address: the
 *        next indirect call (translated code, jump cache) runs the new code
 *   7    a satp write to other page tables: their mapping is used
 *   8    code S may run and U may not, called by S and then by U at the same
 *        address: U faults every time (each privilege has its own jump cache)
 *   9    in one block, a load that misses the TLB and then a load that the
 *        translator checks inline: the second looks in the current context's
 *        set, not in M mode's (which holds, for the same address, the
 *        identity mapping M has just used); the first load's slow path is
 *        shared code (translator/cold_stubs.c) that must give r10 back as
 *        the current set
 *   10   a code page written through two virtual addresses (two TLB
 *        indices: two write tags), then run until translated, then written
 *        again through the first address: the new code runs (marking the
 *        page as code must drop the write tag at every index the page got
 *        one, not only the last: mmu_system.c, write_index)
 * Nothing is delegated: every trap goes to the M-mode handler.
 */
#include "sv39_pages.h"

/* (root, l1 and l0: sv39_pages.h) */
static uint64_t root2[512] __attribute__((aligned(4096)));
static uint64_t l1b[512] __attribute__((aligned(4096)));
static uint64_t l0b[512] __attribute__((aligned(4096)));
static uint64_t root3[512] __attribute__((aligned(4096)));
static uint64_t l1c[512] __attribute__((aligned(4096)));
static uint64_t pages[6][512] __attribute__((aligned(4096)));
static uint32_t code[2][1024] __attribute__((aligned(4096)));
static uint32_t alias_code[1024] __attribute__((aligned(4096)));

#define CODE_VA VA(16)
#define ALIAS_X VA(20) /* alias_code, writable and executable */
#define ALIAS_Y VA(21) /* alias_code again, writable (another TLB index) */
#define MEGA_VA 0x800000ul        /* l1[4]: a 2 MiB page */
#define MEGA_P1 0x80400000ul      /* two 2 MiB-aligned physical regions above the program */
#define MEGA_P2 0x80600000ul

static uint64_t s_load(uint64_t va) { return *(volatile uint64_t *)va; }

/* Runs in S mode: one loop calls the code at CODE_VA, then remaps CODE_VA
 * to the other code page and fences that one address, 60 times: the loop
 * soon runs as translated code whose call looks in the jump cache.
 * Returns the number of calls that ran the code of the page mapped before. */
static uint64_t s_remap_code(uint64_t unused)
{
    (void)unused;
    uint64_t (*volatile fn)(void) = (uint64_t(*)(void))CODE_VA;
    uint64_t stale = 0;
    for (unsigned i = 0; i < 60; i++) {
        if (fn() != 1 + (i & 1)) stale++;
        l0[16] = LEAF(code[(i + 1) & 1], PTE_V | PTE_R | PTE_X | PTE_A);
        sfence_va(CODE_VA);
    }
    return stale;
}

/* Two loads in one block: VA(5) (fenced before each call: a TLB miss),
 * then MEGA_P1 + 0x3000, which root3 maps to MEGA_P2 + 0x3000. */
static uint64_t s_miss_then_load(uint64_t unused)
{
    (void)unused;
    uint64_t a = *(volatile uint64_t *)VA(5);
    uint64_t b = *(volatile uint64_t *)(MEGA_P1 + 0x3000);
    return a << 16 | b;
}

/* S calls CODE_VA 50 times; U then calls it (a supervisor page: it faults) */
static uint64_t call_code(uint64_t n)
{
    uint64_t (*volatile fn)(void) = (uint64_t(*)(void))CODE_VA;
    uint64_t sum = 0;
    for (uint64_t i = 0; i < n; i++) sum += fn();
    return sum;
}

static void put_code(uint32_t *p, unsigned n);

/* Check 10, in S mode: writes "li a0, 1; ret" through both aliases, calls
 * it 50 times (it gets translated), writes "li a0, 2; ret" through ALIAS_X
 * and calls it once more.  Returns the sum of the 50 calls << 8 | the last. */
static uint64_t s_alias_code(uint64_t unused)
{
    (void)unused;
    uint64_t (*volatile fn)(void) = (uint64_t(*)(void))ALIAS_X;
    put_code((uint32_t *)ALIAS_X, 1);
    put_code((uint32_t *)ALIAS_Y, 1);
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t sum = 0;
    for (int i = 0; i < 50; i++) sum += fn();
    put_code((uint32_t *)ALIAS_X, 2);
    __asm__ volatile("fence.i" ::: "memory");
    return sum << 8 | fn();
}

/* A fetch fault resumes at the caller (ra). */
static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)epc, (void)tval;
    return cause == 12 ? f->x[1] : 0;
}

/* "li a0, N; ret" */
static void put_code(uint32_t *p, unsigned n)
{
    p[0] = 0x00000513u | (n << 20);
    p[1] = 0x00008067u;
}

int main(void)
{
    test_name = "tlb_sets";
    for (int i = 0; i < 6; i++) pages[i][0] = 0x1111 * (uint64_t)(i + 1);
    *(volatile uint64_t *)(MEGA_P1 + 0x3000) = 0xaaaa;
    *(volatile uint64_t *)(MEGA_P2 + 0x3000) = 0xbbbb;
    put_code(code[0], 1);
    put_code(code[1], 2);
    __asm__ volatile("fence.i" ::: "memory");

    /* the program: identity 1 GiB page at 0x80000000, supervisor (user for check 2) */
    sv39_tables();
    l1[4] = LEAF(MEGA_P1, PTE_V | PTE_R | PTE_A);
    l0[0] = LEAF(pages[0], PTE_V | PTE_R | PTE_A);
    l0[1] = LEAF(pages[1], PTE_V | PTE_R | PTE_U | PTE_A);
    l0[2] = LEAF(pages[2], PTE_V | PTE_R | PTE_U | PTE_A);
    l0[16] = LEAF(code[0], PTE_V | PTE_R | PTE_X | PTE_A);
    sv39_on(root);

    /* 1: S reads page 0, M changes the PTE and fences, S reads again */
    uint64_t a = run_in_mode(1, s_load, VA(0));
    l0[0] = LEAF(pages[3], PTE_V | PTE_R | PTE_A);
    sfence_all();
    uint64_t b = run_in_mode(1, s_load, VA(0));
    check(1, a == 0x1111 && b == 0x4444, "PTE changed and fenced in M: S sees the new page");

    /* 2: the same from U */
    root[2] |= PTE_U;
    sfence_all();
    a = run_in_mode(0, s_load, VA(1));
    l0[1] = LEAF(pages[4], PTE_V | PTE_R | PTE_U | PTE_A);
    sfence_all();
    b = run_in_mode(0, s_load, VA(1));
    root[2] &= ~PTE_U;
    sfence_all();
    check(2, a == 0x2222 && b == 0x5555, "PTE changed and fenced in M: U sees the new page");

    /* 3: S with SUM reads a U page; SUM off, change + fence; SUM on again */
    csr_set(mstatus, 1ul << 18);
    a = run_in_mode(1, s_load, VA(2));
    csr_clear(mstatus, 1ul << 18);
    l0[2] = LEAF(pages[5], PTE_V | PTE_R | PTE_U | PTE_A);
    sfence_all();
    csr_set(mstatus, 1ul << 18);
    b = run_in_mode(1, s_load, VA(2));
    csr_clear(mstatus, 1ul << 18);
    check(3, a == 0x3333 && b == 0x6666, "SUM context: fenced change seen after SUM off and on");

    /* 4: sfence.vma of that one address */
    a = run_in_mode(1, s_load, VA(0));
    l0[0] = LEAF(pages[0], PTE_V | PTE_R | PTE_A);
    sfence_va(VA(0));
    b = run_in_mode(1, s_load, VA(0));
    check(4, a == 0x4444 && b == 0x1111, "sfence.vma ADDR: that page seen anew");

    /* 5: a superpage, fenced through another address inside it */
    a = run_in_mode(1, s_load, MEGA_VA + 0x3000);
    l1[4] = LEAF(MEGA_P2, PTE_V | PTE_R | PTE_A);
    sfence_va(MEGA_VA + 0x1000);
    b = run_in_mode(1, s_load, MEGA_VA + 0x3000);
    check(5, a == 0xaaaa && b == 0xbbbb, "sfence.vma ADDR in a 2 MiB page: its other pieces seen anew");

    /* 6: code remapped and fenced by S itself, called through a pointer */
    uint64_t r = run_in_mode(1, s_remap_code, 0);
    check(6, r == 0, "code page remapped + sfence.vma ADDR in S, 60 times: the new code runs");

    /* 7: satp switched to other tables mapping VA(0) elsewhere (no sfence) */
    a = run_in_mode(1, s_load, VA(0));
    root2[2] = root[2];
    root2[0] = TABLE(l1b);
    l1b[2] = TABLE(l0b);
    l0b[0] = LEAF(pages[2], PTE_V | PTE_R | PTE_A);
    csr_write(satp, SV39_SATP(root2));
    b = run_in_mode(1, s_load, VA(0));
    csr_write(satp, SV39_SATP(root));
    uint64_t c = run_in_mode(1, s_load, VA(0));
    check(7, a == 0x1111 && b == 0x3333 && c == 0x1111, "satp write: the other tables' mapping, and back");

    /* 8: the program made user-accessible by fencing one address in its
     * gigapage (the whole gigapage's translation goes), then U calls the
     * supervisor code S has just called 50 times, 20 times over */
    m_trap_hook = m_hook;
    l0[16] = LEAF(code[0], PTE_V | PTE_R | PTE_X | PTE_A);
    sfence_va(CODE_VA);
    a = run_in_mode(1, call_code, 50);
    root[2] |= PTE_U;
    sfence_va((uint64_t)&main);
    uint64_t n = last_trap.count, faults = 0;
    for (int i = 0; i < 20; i++) {
        run_in_mode(0, call_code, 1);
        faults += last_trap.cause == 12 && last_trap.tval == CODE_VA;
    }
    n = last_trap.count - n;
    root[2] &= ~PTE_U;
    sfence_va((uint64_t)&main);
    check(8, a == 50 && faults == 20 && n == 20, "supervisor code called by S, then by U: U faults every time");

    /* 9: root3 maps the program's gigapage as 2 MiB pages, identity except
     * MEGA_P1's, which goes to MEGA_P2; M reads MEGA_P1 + 0x3000 (its own,
     * identity entry) before each S call; 100 calls: the last ones run as
     * translated code */
    m_trap_hook = 0;
    l0[5] = LEAF(pages[5], PTE_V | PTE_R | PTE_A);
    root3[0] = TABLE(l1);
    root3[2] = TABLE(l1c);
    for (uint64_t i = 0; i < 512; i++) l1c[i] = LEAF(0x80000000ul + (i << 21), PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    l1c[(MEGA_P1 - 0x80000000ul) >> 21] = LEAF(MEGA_P2, PTE_V | PTE_R | PTE_A);
    sv39_on(root3);
    uint64_t good = 0;
    for (int i = 0; i < 100; i++) {
        sfence_va(VA(5));
        if (*(volatile uint64_t *)(MEGA_P1 + 0x3000) != 0xaaaa) break;
        good += run_in_mode(1, s_miss_then_load, 0) == (0x6666ul << 16 | 0xbbbb);
    }
    check(9, good == 100, "a TLB miss, then an inline load in the same block: the current context's mapping");

    /* 10: one code page at two virtual addresses, written through both */
    csr_write(satp, SV39_SATP(root));
    l0[20] = LEAF(alias_code, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    l0[21] = LEAF(alias_code, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    sfence_all();
    r = run_in_mode(1, s_alias_code, 0);
    check(10, r == (50ul << 8 | 2), "code written through two addresses, translated, rewritten through the first: new code runs");

    csr_write(satp, 0);
    test_pass(test_name);
}
