/*
 * testsuite/system/counters.c — writing minstret (and mcycle).
 *
 * The privileged spec: a value written to minstret is the value the next
 * instruction reads (the writing instruction's own increment is
 * suppressed), and then every retired instruction adds one; the unprivileged
 * alias instret reads the same counter.  (riscv-tests rv64mi
 * instret_overflow checks the first rule; rvdbt used to ignore the write.)
 * rvdbt-only: QEMU 7.2 does not suppress the increment (it reads X + 1).
 * mcycle: rvdbt counts one cycle per instruction, so a written value is read
 * back the same way (the spec asks only that the write takes effect).
 */
#include "rt.h"

/* write minstret, then read it at once, then after three nops, via instret too */
static void instret_after_write(uint64_t x, uint64_t *r0, uint64_t *r1, uint64_t *r2)
{
    __asm__ volatile("csrw minstret, %3\n csrr %0, minstret\n nop\n nop\n nop\n csrr %1, minstret\n csrr %2, instret"
                     : "=&r"(*r0), "=&r"(*r1), "=&r"(*r2) : "r"(x));
}

int main(void)
{
    test_name = "counters";
    csr_write(mcounteren, 7);
    uint64_t a, b, c;
    instret_after_write(1000, &a, &b, &c);
    check(1, a == 1000, "minstret: the next instruction reads the value written");
    check(2, b == 1004, "minstret: then one per retired instruction");
    check(3, c == 1005, "instret reads the same counter");
    instret_after_write(~0ull, &a, &b, &c);
    check(4, a == ~0ull && b == 3 && c == 4, "minstret wraps to 0 after all ones");
    uint64_t m;
    __asm__ volatile("csrw mcycle, %1\n csrr %0, mcycle" : "=&r"(m) : "r"(5000ull));
    check(5, m == 5000, "mcycle: the next instruction reads the value written");
    test_pass("counters");
}
