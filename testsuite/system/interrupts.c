/*
 * testsuite/system/interrupts.c — CLINT software and timer interrupts, wfi,
 * priorities, vectored mtvec, delegation of S interrupts, Sstc stimecmp.
 */
#include "rt.h"

#define MSIP_BIT (1ul << 3)
#define MTIP_BIT (1ul << 7)
#define SSIP_BIT (1ul << 1)
#define STIP_BIT (1ul << 5)
#define MIE_BIT (1ul << 3)

static volatile uint64_t order[4];
static volatile int n_order;

static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (n_order < 4) order[n_order++] = cause;
    if (cause == (INTERRUPT | 3)) MMIO32(CLINT) = 0;                            /* clear msip */
    if (cause == (INTERRUPT | 7)) *(volatile uint64_t *)CLINT_MTIMECMP = ~0ul; /* disarm */
    return 0;
}

static uint64_t s_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (n_order < 4) order[n_order++] = cause;
    if (cause == (INTERRUPT | 1)) csr_clear(sip, SSIP_BIT);
    if (cause == (INTERRUPT | 5)) csr_write(0x14d, ~0ul); /* stimecmp */
    return 0;
}

/* In S: raise SSIP ourselves; the delegated interrupt arrives at once. */
static uint64_t s_software_interrupt(uint64_t arg)
{
    (void)arg;
    csr_set(sie, SSIP_BIT);
    csr_set(sstatus, 2);
    csr_set(sip, SSIP_BIT);
    for (int i = 0; i < 1000 && n_order == 0; i++) __asm__ volatile("nop");
    csr_clear(sstatus, 2);
    return n_order;
}

/* In S with Sstc: program stimecmp 1 ms ahead and wait for the interrupt. */
static uint64_t s_stimecmp(uint64_t arg)
{
    (void)arg;
    csr_set(sie, STIP_BIT);
    csr_set(sstatus, 2);
    uint64_t t = csr_read(time);
    csr_write(0x14d, t + 10000);
    while (n_order == 0 && csr_read(time) < t + 10000000) __asm__ volatile("wfi");
    csr_clear(sstatus, 2);
    return n_order;
}

/* The vectored table: entry 7 (machine timer) marks mscratch, then joins the common entry. */
__asm__(".text\n.option push\n.option norvc\n.balign 256\nvector_table:\n"
        ".rept 7\nj m_trap_entry\n.endr\n"
        "j vector_timer\n"
        ".rept 8\nj m_trap_entry\n.endr\n"
        "vector_timer:\ncsrwi mscratch, 7\nj m_trap_entry\n.option pop\n");
extern char vector_table[];

int main(void)
{
    test_name = "interrupts";
    m_trap_hook = m_hook;
    s_trap_hook = s_hook;

    /* software interrupt through CLINT msip */
    csr_write(mie, MSIP_BIT);
    csr_set(mstatus, MIE_BIT);
    MMIO32(CLINT) = 1;
    for (int i = 0; i < 100 && n_order == 0; i++) __asm__ volatile("nop");
    csr_clear(mstatus, MIE_BIT);
    check(1, n_order == 1 && order[0] == (INTERRUPT | 3), "msip: machine software interrupt, mcause 3");
    check(2, !(csr_read(mip) & MSIP_BIT), "msip cleared: mip.MSIP clear");

    /* timer with interrupts globally off: wfi still wakes, no trap is taken */
    n_order = 0;
    csr_write(mie, MTIP_BIT);
    *(volatile uint64_t *)CLINT_MTIMECMP = mtime() + 20000;
    while (!(csr_read(mip) & MTIP_BIT)) __asm__ volatile("wfi");
    check(3, n_order == 0 && (csr_read(mip) & MTIP_BIT), "wfi wakes on a pending timer with MIE off");
    csr_set(mstatus, MIE_BIT);
    __asm__ volatile("nop");
    csr_clear(mstatus, MIE_BIT);
    check(4, n_order == 1 && order[0] == (INTERRUPT | 7), "enabling MIE takes the timer interrupt, mcause 7");
    check(5, mtime() >= 20000 && !(csr_read(mip) & MTIP_BIT), "mtimecmp rearmed: mip.MTIP clear");

    /* both pending at once: software (3) before timer (7) */
    n_order = 0;
    MMIO32(CLINT) = 1;
    *(volatile uint64_t *)CLINT_MTIMECMP = 0;
    csr_write(mie, MSIP_BIT | MTIP_BIT);
    csr_set(mstatus, MIE_BIT);
    for (int i = 0; i < 100 && n_order < 2; i++) __asm__ volatile("nop");
    csr_clear(mstatus, MIE_BIT);
    check(6, n_order == 2 && order[0] == (INTERRUPT | 3) && order[1] == (INTERRUPT | 7), "priority: MSI before MTI");

    /* vectored mode: the timer goes to base + 4*7 */
    n_order = 0;
    csr_write(mscratch, 0);
    csr_write(mtvec, (uint64_t)vector_table | 1);
    *(volatile uint64_t *)CLINT_MTIMECMP = mtime() + 5000;
    csr_write(mie, MTIP_BIT);
    csr_set(mstatus, MIE_BIT);
    while (n_order == 0) __asm__ volatile("wfi");
    csr_clear(mstatus, MIE_BIT);
    csr_write(mtvec, m_trap_entry);
    check(7, csr_read(mscratch) == 7 && order[0] == (INTERRUPT | 7), "vectored mtvec: timer entered at base + 28");

    /* S software interrupt, delegated */
    n_order = 0;
    csr_write(stvec, s_trap_entry);
    csr_write(mideleg, SSIP_BIT | STIP_BIT);
    csr_write(mie, 0);
    uint64_t r = run_in_mode(1, s_software_interrupt, 0);
    check(8, r == 1 && order[0] == (INTERRUPT | 1) && last_trap.mode == 1, "SSIP delegated: S handler, scause 1");

    /* a delegated interrupt never interrupts M */
    n_order = 0;
    csr_write(mie, SSIP_BIT);
    csr_set(mip, SSIP_BIT);
    csr_set(mstatus, MIE_BIT);
    for (int i = 0; i < 100; i++) __asm__ volatile("nop");
    csr_clear(mstatus, MIE_BIT);
    check(9, n_order == 0 && (csr_read(mip) & SSIP_BIT), "pending SSIP, delegated: M is not interrupted");
    csr_clear(mip, SSIP_BIT);
    csr_write(mie, 0);

    /* M can pend STIP by writing mip (no Sstc yet) */
    csr_set(mip, STIP_BIT);
    check(10, (csr_read(mip) & STIP_BIT) != 0, "mip.STIP writable by M");
    csr_clear(mip, STIP_BIT);

    /* Sstc: stimecmp in S */
    n_order = 0;
    csr_write(0x30a, 1ul << 63); /* menvcfg.STCE */
    csr_write(mcounteren, 2);     /* S may read time */
    r = run_in_mode(1, s_stimecmp, 0);
    check(11, r == 1 && order[0] == (INTERRUPT | 5), "Sstc: stimecmp raises STIP, scause 5");
    test_pass(test_name);
}
