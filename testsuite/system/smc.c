/*
 * testsuite/system/smc.c — self-modifying code: a function written into RAM
 * at run time, called, rewritten, fence.i, called again.  The translator
 * must notice (fence.i) and run the new instructions, not its stale copy.
 */
#include "rt.h"

static uint32_t code[16] __attribute__((aligned(64)));

/* addi a0, a0, imm; ret */
static void write_adder(int imm)
{
    code[0] = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    code[1] = 0x00008067u;
    __asm__ volatile("fence.i" ::: "memory");
}

int main(void)
{
    test_name = "smc";
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)code;
    write_adder(5);
    uint64_t a = 0;
    for (int i = 0; i < 1000; i++) a = fn(a); /* hot: the translator has compiled it */
    write_adder(-3);
    uint64_t b = 0;
    for (int i = 0; i < 1000; i++) b = fn(b);
    check(1, a == 5000, "first version: adds 5");
    check(2, b == (uint64_t)-3000, "rewritten + fence.i: adds -3");
    test_pass(test_name);
}
