/*
 * testsuite/system/smc.c — self-modifying code: a function written into RAM
 * at run time, called, rewritten, fence.i, called again.  The translator
 * must notice (fence.i) and run the new instructions, not its stale copy.
 * Then the same across a page boundary: a 4-byte instruction whose second
 * half (its immediate) lies on the next page, rewritten by a store to that
 * second page only (the translator must find the block that crosses into
 * it: translator/sys_code.c's lists of page-crossing blocks).
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

/* Two pages: the crossing function starts 2 bytes before the second. */
static uint16_t pages[4096] __attribute__((aligned(4096)));

/* addi a0, a0, imm (2 bytes on each page); c.jr ra */
static void write_crossing_adder(int imm)
{
    uint32_t addi = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    pages[2047] = (uint16_t)addi;         /* first page: opcode, rd, rs1's low bit */
    pages[2048] = (uint16_t)(addi >> 16); /* second page: the rest of rs1, the immediate */
    pages[2049] = 0x8082;                 /* c.jr ra */
    __asm__ volatile("fence.i" ::: "memory");
}

/* Rewrites only the half on the second page (the immediate). */
static void rewrite_second_half(int imm)
{
    pages[2048] = (uint16_t)((0x00050513u | ((uint32_t)imm & 0xfff) << 20) >> 16);
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
    uint64_t (*cross)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)&pages[2047];
    write_crossing_adder(7);
    uint64_t c = 0;
    for (int i = 0; i < 1000; i++) c = cross(c);
    rewrite_second_half(11);
    uint64_t d = 0;
    for (int i = 0; i < 1000; i++) d = cross(d);
    check(3, c == 7000, "page-crossing function: adds 7");
    check(4, d == 11000, "its second page rewritten + fence.i: adds 11");
    test_pass(test_name);
}
