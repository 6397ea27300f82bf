/*
 * testsuite/system/smc_cross.c — self-modifying code across a page boundary:
 * a 4-byte instruction whose second half (its immediate) lies on the next
 * page, made hot, then rewritten by a store to that second page only,
 * fence.i, and run again.  The translator must find the block that crosses
 * into the written page (translator/sys_code.c files page-crossing blocks
 * by the page they cross into) and run the new immediate, not its stale copy.
 */
#include "rt.h"

/* Two pages: the crossing function starts 2 bytes before the second. */
static uint16_t pages[4096] __attribute__((aligned(4096)));

static uint32_t addi_a0(int imm) { return 0x00050513u | ((uint32_t)imm & 0xfff) << 20; }

/* addi a0, a0, imm (2 bytes on each page); c.jr ra */
static void write_crossing_adder(int imm)
{
    pages[2047] = (uint16_t)addi_a0(imm);         /* first page: opcode, rd, rs1's low bit */
    pages[2048] = (uint16_t)(addi_a0(imm) >> 16); /* second page: the rest of rs1, the immediate */
    pages[2049] = 0x8082;                         /* c.jr ra */
    __asm__ volatile("fence.i" ::: "memory");
}

int main(void)
{
    test_name = "smc_cross";
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)&pages[2047];
    write_crossing_adder(7);
    uint64_t a = 0;
    for (int i = 0; i < 1000; i++) a = fn(a); /* hot: the translator has compiled it */
    pages[2048] = (uint16_t)(addi_a0(11) >> 16); /* only the second page is written */
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t b = 0;
    for (int i = 0; i < 1000; i++) b = fn(b);
    pages[2048] = (uint16_t)(addi_a0(-2) >> 16); /* and once more: the new block was filed too */
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t c = 0;
    for (int i = 0; i < 1000; i++) c = fn(c);
    check(1, a == 7000, "page-crossing function: adds 7");
    check(2, b == 11000, "its second page rewritten + fence.i: adds 11");
    check(3, c == (uint64_t)-2000, "rewritten again: adds -2");
    test_pass(test_name);
}
