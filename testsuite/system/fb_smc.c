/*
 * testsuite/system/fb_smc.c — self-modifying code in the framebuffer, not in
 * main RAM: a function written at FB_BASE (0x28000000, RAM-like: rvdbt's
 * framebuffer is plain memory on the bus), fence.i, called until hot, then
 * rewritten with ordinary stores, fence.i, called again; a third version is
 * written on a second framebuffer page, past a page boundary.  The
 * translator must run the new instructions each time, not a stale copy.
 *
 * rvdbt only: QEMU's virt board has nothing at 0x28000000 (an access fault),
 * so the oracle is this program's own arithmetic (the instructions it
 * writes), and the interpreter must agree under every engine.
 */
#include "rt.h"

#define FB_BASE 0x28000000ul

/* Writes `addi a0, a0, imm; ret` at `at` (4-byte aligned), then fence.i. */
static void write_adder(volatile uint32_t *at, int imm)
{
    at[0] = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    at[1] = 0x00008067u;
    __asm__ volatile("fence.i" ::: "memory");
}

static uint64_t run(volatile uint32_t *at)
{
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)at;
    uint64_t a = 0;
    for (int i = 0; i < 1000; i++) a = fn(a); /* hot: the translator has compiled it */
    return a;
}

int main(void)
{
    test_name = "fb_smc";
    volatile uint32_t *first = (volatile uint32_t *)FB_BASE;
    volatile uint32_t *second = (volatile uint32_t *)(FB_BASE + 0x1000 - 4); /* straddles two pages */
    write_adder(first, 5);
    uint64_t a = run(first);
    write_adder(first, -3);
    uint64_t b = run(first);
    write_adder(second, 7);
    uint64_t c = run(second);
    second[1] = 0x00050513u | (2u << 20); /* addi a0,a0,2 on the next page only; ret follows */
    second[2] = 0x00008067u;
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t d = run(second);
    check(1, a == 5000, "first version in the framebuffer: adds 5");
    check(2, b == (uint64_t)-3000, "rewritten + fence.i: adds -3");
    check(3, c == 7000, "across a page boundary: adds 7");
    check(4, d == 9000, "its second page rewritten: adds 7 + 2");
    test_pass(test_name);
}
