/*
 * testsuite/system/smp_lrsc.c — (-smp 2) an SC after another hart stored to
 * the reserved word fails even if that hart put the old value back (A, B, A).
 *
 * The specification requires the failure.  QEMU does not give it: its SC is
 * a compare-and-swap against the value LR read, so it succeeds here; this
 * test is therefore run under rvdbt only.  rvdbt gets it right because a
 * hart loses its reservation whenever another hart takes a turn
 * (frontends/system/machine.c, machine_switch_hart).
 */
#include "rt.h"

static volatile uint32_t word = 1, lr_taken, stored, result = 99;

void hart_main(uint64_t h)
{
    if (h != 1) return;
    uint32_t v, fail;
    __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(&word) : "memory");
    lr_taken = 1;
    while (!stored) {
        cpu_relax();
    }
    __asm__ volatile("sc.w %0, %2, (%1)" : "=r"(fail) : "r"(&word), "r"(v + 40) : "memory");
    result = fail;
}

int main(void)
{
    test_name = "smp_lrsc";
    uint64_t t = mtime();
    while (!lr_taken && mtime() - t < 50000000) { /* (5 s: without a second hart, fail instead of hanging) */
    }
    check(1, lr_taken, "hart 1 took a reservation");
    word = 2; /* B ... */
    word = 1; /* ... and A again */
    stored = 1;
    while (result == 99) {
        cpu_relax();
    }
    check(2, result != 0 && word == 1, "sc.w fails after another hart wrote the reserved word, old value back (A-B-A)");
    test_pass("smp_lrsc");
}
