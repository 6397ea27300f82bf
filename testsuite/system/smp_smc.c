/*
 * testsuite/system/smp_smc.c — code one hart writes, another hart runs (-smp 2).
 *
 * Hart 1 calls a function in RAM often enough to get it translated; hart 0
 * rewrites the function (a new immediate each round), executes fence.i and
 * tells hart 1, which executes its own fence.i and calls the function again:
 * it must run the new instructions, not its translator's stale copy.  With
 * one host thread per hart each hart has its own translator, so hart 0's
 * store must reach hart 1's blocks (rvdbt queues the page for hart 1, which
 * drops its blocks before it next enters translated code).  The output does
 * not depend on how the harts interleave: it equals QEMU's.
 */
#include "rt.h"

#define ROUNDS 40
#define CALLS 50 /* per round: past the translator's tiering threshold */

/* the function, alone on its page: addi a0, a0, imm; ret */
static uint32_t code[1024] __attribute__((aligned(4096)));
static volatile uint32_t phase, ack;
static volatile int64_t seen[ROUNDS + 1];

static void write_version(int imm)
{
    code[0] = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    code[1] = 0x00008067u;
    __asm__ volatile("fence.i" ::: "memory");
}

void hart_main(uint64_t hartid)
{
    if (hartid != 1) {
        for (;;) __asm__ volatile("wfi");
    }
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)code;
    for (uint32_t k = 1; k <= ROUNDS; k++) {
        while (phase != k) cpu_relax();
        __asm__ volatile("fence.i" ::: "memory"); /* this hart's own: now it must see hart 0's code */
        uint64_t r = 0;
        for (int i = 0; i < CALLS; i++) r = fn(0);
        seen[k] = (int64_t)r;
        ack = k;
    }
    for (;;) __asm__ volatile("wfi");
}

int main(void)
{
    test_name = "smp_smc";
    int stale = 0, missing = 0;
    for (uint32_t k = 1; k <= ROUNDS; k++) {
        write_version((int)k * 3);
        phase = k;
        uint64_t t = mtime();
        while (ack != k && mtime() - t < 50000000) cpu_relax(); /* (about 5 s) */
        if (ack != k) {
            missing++;
            break;
        }
        if (seen[k] != (int64_t)k * 3) stale++;
    }
    check(1, missing == 0, "hart 1 ran every round");
    check(2, stale == 0, "after hart 0 rewrote the code and hart 1's fence.i, hart 1 ran the new code each round");
    test_pass(test_name);
}
