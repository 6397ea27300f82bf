/*
 * testsuite/system/decode_cache.c — a long straight run of code, run again
 * and again in the interpreter.
 *
 * 12,000 instructions (48 KiB of addi and xori), called 20 times.  rvdbt's
 * interpreter keeps decoded instructions in a per-thread cache indexed by
 * pc: with its default 32,768 entries the whole run stays decoded after the
 * first call; with --no-big-decode-cache (4,096) every call decodes it all
 * again.  Group 80 compares the decode counts of --stats; here the sum just
 * has to be right (checked against QEMU).
 */
#include "rt.h"

#define CALLS 20

/* a0 += 12,000 (6,000 addi of 2, 6,000 xori of 0: a pair per 8 bytes) */
__asm__(".text\n.option push\n.option norvc\n.balign 4\nlong_run:\n"
        ".rept 6000\naddi a0, a0, 2\nxori a0, a0, 0\n.endr\nret\n.option pop\n");
uint64_t long_run(uint64_t a);

int main(void)
{
    test_name = "decode_cache";
    uint64_t sum = 0;
    for (int i = 0; i < CALLS; i++) sum = long_run(sum);
    check(1, sum == 12000ull * CALLS, "20 calls of a 12,000-instruction run add 240,000");
    test_pass(test_name);
}
