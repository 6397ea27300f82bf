/*
 * testsuite/system/smp_tlb_smc.c — code one hart writes from S mode and
 * another hart runs, while the writer's S-mode TLB entries wait unused (-smp 2).
 *
 * Hart 1 writes a function (addi a0, a0, imm; ret) into a page from S mode
 * (Sv39, an identity gigapage: its soft TLB now holds a write tag for the
 * page in the set of that context), returns to M mode and tells hart 0.
 * Hart 0 calls the function often enough to get it translated, which marks
 * the page as code, and reports what it got.  Next round hart 1 writes a
 * new immediate from S mode again.  With one host thread per hart (rvdbt
 * -accel tcg,thread=multi) each hart has its own TLB with one set per
 * context: when hart 0 marks the page it must drop the write tag in hart 1's
 * S-mode set even though hart 1 is in M mode at that moment; if the tag
 * survived, hart 1's next store would go straight to memory, no one would
 * drop hart 0's translation, and hart 0 would keep running the old
 * immediate.  The output does not depend on how the harts interleave: it
 * equals QEMU's.
 */
#include "pte.h"
#include "rt.h"

#define ROUNDS 30
#define CALLS 60 /* per round: past the translator's tiering threshold */

static uint64_t root[512] __attribute__((aligned(4096)));
static uint32_t code[1024] __attribute__((aligned(4096))); /* the function, alone on its page */
static volatile uint32_t phase, ack;
static volatile int64_t seen[ROUNDS + 1];

/* S mode: "addi a0, a0, imm; ret" into the code page. */
static uint64_t s_write_version(uint64_t imm)
{
    volatile uint32_t *p = code;
    p[0] = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    p[1] = 0x00008067u;
    return 0;
}

void hart_main(uint64_t hartid)
{
    if (hartid != 1) {
        for (;;) __asm__ volatile("wfi");
    }
    /* this hart's own translation: the program's gigapage, identity, supervisor */
    root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    csr_write(satp, (8ul << 60) | ((uint64_t)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");
    for (uint32_t k = 1; k <= ROUNDS; k++) {
        run_in_mode(1, s_write_version, k * 3);
        __asm__ volatile("fence.i" ::: "memory");
        phase = k;
        uint64_t t = mtime();
        while (ack != k && mtime() - t < 50000000) cpu_relax(); /* (about 5 s) */
    }
    for (;;) __asm__ volatile("wfi");
}

int main(void)
{
    test_name = "smp_tlb_smc";
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)code;
    int stale = 0, missing = 0;
    for (uint32_t k = 1; k <= ROUNDS; k++) {
        uint64_t t = mtime();
        while (phase != k && mtime() - t < 50000000) cpu_relax();
        if (phase != k) {
            missing++;
            break;
        }
        __asm__ volatile("fence.i" ::: "memory"); /* this hart's own: now it must see hart 1's code */
        uint64_t r = 0;
        for (int i = 0; i < CALLS; i++) r = fn(0);
        seen[k] = (int64_t)r;
        if (seen[k] != (int64_t)k * 3) stale++;
        ack = k;
    }
    check(1, missing == 0, "hart 1 wrote every round");
    check(2, stale == 0, "after hart 1 rewrote the code from S mode and hart 0's fence.i, hart 0 ran the new code each round");
    test_pass(test_name);
}
