/*
 * testsuite/system/smc_follow.c — self-modifying code in a block that
 * followed a jump (translator/discover.c, opt.follow_jumps): a function that
 * starts with `j` over some halfwords to a 4-byte instruction whose second
 * half (its immediate) lies on the next page.  Its block is the jump and
 * that instruction, so it holds fewer bytes than the distance from its start
 * to its end: the page it crosses into must be found from where its code
 * ends (tx_block.code_end), not from its start plus its size.  Made hot,
 * rewritten by a store to the second page only, fence.i, and run again: the
 * new immediate must run, not a stale copy.
 */
#include "rt.h"

/* Two pages: the function starts 14 bytes before the second. */
static uint16_t pages[4096] __attribute__((aligned(4096)));

static uint32_t addi_a0(int imm) { return 0x00050513u | ((uint32_t)imm & 0xfff) << 20; }

/* jal x0, offset (J-type; offset even, within +-1 MiB) */
static uint32_t jal_x0(int offset)
{
    uint32_t o = (uint32_t)offset;
    return 0x6fu | ((o >> 20) & 1) << 31 | ((o >> 1) & 0x3ff) << 21 | ((o >> 11) & 1) << 20 | ((o >> 12) & 0xff) << 12;
}

/* pages[2041]: j to pages[2047] (12 bytes on); pages[2043..2046]: never run;
 * pages[2047..2048]: addi a0, a0, imm (2 bytes on each page); pages[2049]: c.jr ra */
static void write_function(int imm)
{
    pages[2041] = (uint16_t)jal_x0(12);
    pages[2042] = (uint16_t)(jal_x0(12) >> 16);
    for (int i = 2043; i <= 2046; i++) pages[i] = 0; /* (c.unimp: must not run) */
    pages[2047] = (uint16_t)addi_a0(imm);         /* first page: opcode, rd, rs1's low bit */
    pages[2048] = (uint16_t)(addi_a0(imm) >> 16); /* second page: the rest of rs1, the immediate */
    pages[2049] = 0x8082;                         /* c.jr ra */
    __asm__ volatile("fence.i" ::: "memory");
}

int main(void)
{
    test_name = "smc_follow";
    uint64_t (*fn)(uint64_t) = (uint64_t (*)(uint64_t))(uintptr_t)&pages[2041];
    write_function(5);
    uint64_t a = 0;
    for (int i = 0; i < 1000; i++) a = fn(a); /* hot: the translator has compiled it */
    pages[2048] = (uint16_t)(addi_a0(9) >> 16); /* only the second page is written */
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t b = 0;
    for (int i = 0; i < 1000; i++) b = fn(b);
    pages[2048] = (uint16_t)(addi_a0(-3) >> 16); /* and once more: the new block was filed too */
    __asm__ volatile("fence.i" ::: "memory");
    uint64_t c = 0;
    for (int i = 0; i < 1000; i++) c = fn(c);
    check(1, a == 5000, "a function that jumps to a page-crossing addi: adds 5");
    check(2, b == 9000, "the addi's second page rewritten + fence.i: adds 9");
    check(3, c == (uint64_t)-3000, "rewritten again: adds -3");
    test_pass(test_name);
}
