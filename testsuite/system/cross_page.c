/*
 * testsuite/system/cross_page.c — direct calls between pages: a hot loop
 * whose calls (jal) and their targets sit on different 4 KiB pages, and a
 * direct call into a page of code that is rewritten (fence.i) after the
 * call got hot.  In system mode the translator does not chain jumps to
 * another page; it finds their targets through the jump cache, which must
 * then forget a block whose code changed (translator/trampolines.c).
 */
#include "rt.h"

/* each on a page of its own: every call below crosses a page */
__attribute__((noinline, aligned(4096))) static uint64_t far_b(uint64_t x) { return x * 3 + 1; }
__attribute__((noinline, aligned(4096))) static uint64_t far_a(uint64_t x) { return far_b(x) ^ (x >> 3); }

/* a page of code written at run time, reached by a direct `call` */
uint32_t code_page[1024] __attribute__((aligned(4096)));

/* addi a0, a0, imm; ret */
static void write_adder(int imm)
{
    code_page[0] = 0x00050513u | ((uint32_t)imm & 0xfff) << 20;
    code_page[1] = 0x00008067u;
    __asm__ volatile("fence.i" ::: "memory");
}

static uint64_t call_code_page(uint64_t x)
{
    register uint64_t a0 __asm__("a0") = x;
    __asm__ volatile("call code_page"
                     : "+r"(a0)
                     :
                     : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a1", "a2", "a3", "a4", "a5", "a6", "a7",
                       "memory");
    return a0;
}

int main(void)
{
    test_name = "cross_page";
    uint64_t x = 1;
    for (int i = 0; i < 200000; i++) x = far_a(x + (uint64_t)i);
    puts_uart("checksum ");
    puthex(x);
    puts_uart("\n");
    check(1, x != 1, "200000 calls across pages");
    write_adder(5);
    uint64_t a = 0;
    for (int i = 0; i < 1000; i++) a = call_code_page(a);
    write_adder(-3);
    uint64_t b = 0;
    for (int i = 0; i < 1000; i++) b = call_code_page(b);
    check(2, a == 5000, "direct calls into a code page: adds 5");
    check(3, b == (uint64_t)-3000, "the page rewritten + fence.i: the same calls add -3");
    test_pass(test_name);
}
