/*
 * testsuite/system/irq_csr.c — writes to sstatus that do not enable an
 * interrupt, and one that does.
 *
 * Linux clears and sets sstatus.SIE around every critical section and sets
 * and clears sstatus.SUM around every copy to or from user space.  rvdbt
 * returns to its machine loop only after a write that turns an interrupt
 * enable on (cpu/csr.c; --no-irq-csr-filter: after every write to sstatus,
 * mstatus, sie or mie), so --stats counts few returns for this program's
 * 300,000 writes that enable nothing (group 80 checks the count).  What must
 * not change: a pending interrupt is taken right after the write that
 * enables it, before the next instruction, as on QEMU, which ends its
 * translation block at such a write.
 */
#include "rt.h"

#define SSIP_BIT (1ul << 1)
#define SIE_BIT (1ul << 1)
#define SUM_BIT (1ul << 18)

static volatile uint64_t marker, seen_marker = 99, taken;

static uint64_t s_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (cause == (INTERRUPT | 1)) {
        seen_marker = marker;
        taken++;
        csr_clear(sip, SSIP_BIT);
    }
    return 0;
}

/* S mode: SUM on and off, SIE off (it is off), 100,000 times: nothing enabled. */
static uint64_t s_toggles(uint64_t n)
{
    for (uint64_t i = 0; i < n; i++) {
        csr_set(sstatus, SUM_BIT);
        csr_clear(sstatus, SUM_BIT);
        csr_clear(sstatus, SIE_BIT);
    }
    return taken;
}

/* S mode: SSIP pending with SIE off, then SIE on: the interrupt comes
 * before the store right after the csrs. */
static uint64_t s_enable(uint64_t unused)
{
    (void)unused;
    marker = 0;
    csr_set(sip, SSIP_BIT);
    __asm__ volatile("csrs sstatus, %0\n\tli t0, 1\n\tsd t0, %1" : : "r"(SIE_BIT), "m"(marker) : "t0", "memory");
    csr_clear(sstatus, SIE_BIT);
    return taken;
}

int main(void)
{
    test_name = "irq_csr";
    s_trap_hook = s_hook;
    csr_write(stvec, s_trap_entry);
    csr_write(mideleg, SSIP_BIT);
    csr_write(mie, 0);
    csr_set(sie, SSIP_BIT); /* (sie is mie's delegated view: enables SSIE) */
    uint64_t r = run_in_mode(1, s_toggles, 100000);
    check(1, r == 0, "100,000 rounds of SUM on/off and SIE off in S: no interrupt");
    r = run_in_mode(1, s_enable, 0);
    check(2, r == 1 && seen_marker == 0, "SSIP pending, SIE set: the interrupt before the next instruction");
    test_pass(test_name);
}
