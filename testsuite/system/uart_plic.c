/*
 * testsuite/system/uart_plic.c — 16550 registers, loopback, receive and
 * transmit-empty interrupts through the PLIC (claim/complete, threshold,
 * pending bits, the M and S contexts), and mip.SEIP: the logical OR of the
 * PLIC's line and a software-writable bit, of which only the software bit
 * takes part in csrs/csrc's read-modify-write (privileged spec, mip).
 */
#include "rt.h"

#define RBR (UART + 0)
#define IER (UART + 1)
#define IIR (UART + 2)
#define FCR (UART + 2)
#define LCR (UART + 3)
#define MCR (UART + 4)
#define LSR (UART + 5)
#define MSR (UART + 6)
#define SCR (UART + 7)
#define PRIORITY(s) (PLIC + 4 * (s))
#define PENDING0 (PLIC + 0x1000)
#define ENABLE0(ctx) (PLIC + 0x2000 + 0x80 * (ctx))
#define THRESHOLD(ctx) (PLIC + 0x200000 + 0x1000 * (ctx))
#define CLAIM(ctx) (PLIC + 0x200004 + 0x1000 * (ctx))
#define MEIP_BIT (1ul << 11)
#define SEIP_BIT (1ul << 9)
#define SSIP_BIT (1ul << 1)

static volatile uint32_t claimed, iir_seen, received;
static volatile int irqs;

/* The external-interrupt handler a driver would have: claim, service, complete. */
static void service(int ctx)
{
    claimed = MMIO32(CLAIM(ctx));
    iir_seen = MMIO8(IIR);
    /* received data (0x4), or the character timeout (0xc) that a 16550
     * with FIFOs raises when data waited for four character times: QEMU's
     * does, on a host timer, when the interrupt was held back long enough */
    if ((iir_seen & 0x07) == 0x04) received = MMIO8(RBR);
    if ((iir_seen & 0x0f) == 0x02) MMIO8(IER) = 0; /* THRE acknowledged by the IIR read; stop it */
    MMIO32(CLAIM(ctx)) = claimed;
    irqs++;
}

static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (cause == (INTERRUPT | 11)) service(0);
    return 0;
}

static uint64_t s_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    if (cause == (INTERRUPT | 9)) service(1);
    return 0;
}

/* Waits for the n-th interrupt, returning as soon as it came.  The bound is
 * generous because under QEMU (the oracle) a device's interrupt reaches the
 * hart after a host-time delay: on a loaded host 100,000 nops were sometimes
 * not enough (1 run in 6 with four busy processes on 2 cores). */
static void wait_irqs(int n)
{
    for (int i = 0; i < 50000000 && irqs < n; i++) __asm__ volatile("nop");
}

/* Gives an interrupt that must NOT come the time to come anyway. */
static void settle(void)
{
    for (int i = 0; i < 100000; i++) __asm__ volatile("nop");
}

/* Waits for mip.SEIP to show `v` (a device's line may reach mip late, as on
 * hardware, and under QEMU after a host-time delay); true if it does. */
static int seip_becomes(int v)
{
    for (int i = 0; i < 1000000; i++)
        if (((csr_read(mip) & SEIP_BIT) != 0) == v) return 1;
    return 0;
}

/* In S: take the UART's receive interrupt through PLIC context 1. */
static uint64_t s_receive(uint64_t arg)
{
    csr_set(sie, SEIP_BIT);
    csr_set(sstatus, 2);
    MMIO8(RBR) = (uint8_t)arg; /* loopback: transmitted = received */
    wait_irqs(1);
    csr_clear(sstatus, 2);
    return irqs;
}

int main(void)
{
    test_name = "uart_plic";
    m_trap_hook = m_hook;
    s_trap_hook = s_hook;

    MMIO8(SCR) = 0xa5;
    check(1, MMIO8(SCR) == 0xa5, "scratch register");
    MMIO8(LCR) = 0x83;
    MMIO8(RBR) = 0x12;
    MMIO8(IER) = 0x00;
    uint8_t dll = MMIO8(RBR), dlm = MMIO8(IER);
    MMIO8(LCR) = 0x03;
    check(2, dll == 0x12 && dlm == 0x00 && MMIO8(LCR) == 0x03, "divisor latch behind DLAB");
    check(3, (MMIO8(LSR) & 0x61) == 0x60, "LSR: transmitter empty, no data");
    check(4, MMIO8(IIR) == 0x01, "IIR: no interrupt, FIFOs off");
    MMIO8(FCR) = 0x07;
    check(5, MMIO8(IIR) == 0xc1, "IIR: FIFOs enabled");

    /* (nothing may be printed in loopback mode: it would come back as input) */
    MMIO8(MCR) = 0x1a; /* loopback, RTS, OUT2 */
    uint8_t msr = MMIO8(MSR);
    MMIO8(RBR) = 'Z';
    uint8_t lsr = MMIO8(LSR), c = MMIO8(RBR);
    MMIO8(MCR) = 0;
    check(6, (msr & 0xf0) == 0x90, "loopback: MSR mirrors RTS->CTS, OUT2->DCD");
    check(7, (lsr & 1) && c == 'Z' && !(MMIO8(LSR) & 1), "loopback byte received, DR clears after reading");

    /* receive interrupt through PLIC context 0 (M) */
    MMIO32(PRIORITY(10)) = 1;
    MMIO32(ENABLE0(0)) = 1u << 10;
    MMIO32(THRESHOLD(0)) = 1; /* masks priority 1 */
    MMIO8(IER) = 0x01;
    csr_write(mie, MEIP_BIT);
    csr_set(mstatus, 8);
    MMIO8(MCR) = 0x10;
    MMIO8(RBR) = 'Q';
    settle();
    int masked = irqs == 0 && (MMIO32(PENDING0) & (1u << 10));
    MMIO32(THRESHOLD(0)) = 0;
    wait_irqs(1);
    csr_clear(mstatus, 8);
    MMIO8(MCR) = 0;
    check(8, masked, "threshold 1 masks priority 1; source 10 pending");
    check(9, irqs == 1 && claimed == 10 && received == 'Q' && last_trap.cause == (INTERRUPT | 11),
          "RX interrupt: mcause 11, claim 10, byte read");
    check(10, (iir_seen & 0x07) == 0x04, "IIR said received data (or character timeout)");
    check(11, MMIO32(CLAIM(0)) == 0 && !(MMIO32(PENDING0) & (1u << 10)), "nothing left to claim");

    /* transmitter-empty interrupt: raised when enabled with THR empty */
    irqs = 0;
    csr_set(mstatus, 8);
    MMIO8(IER) = 0x02;
    wait_irqs(1);
    csr_clear(mstatus, 8);
    check(12, irqs == 1 && (iir_seen & 0x0f) == 0x02 && claimed == 10, "THRE interrupt, IIR said THR empty");

    /* S context: delegate SEI, enable source 10 for context 1 only */
    irqs = 0;
    MMIO32(ENABLE0(0)) = 0;
    MMIO32(ENABLE0(1)) = 1u << 10;
    MMIO32(THRESHOLD(1)) = 0;
    MMIO8(IER) = 0x01;
    csr_write(mideleg, SEIP_BIT);
    csr_write(stvec, s_trap_entry);
    csr_write(mie, SEIP_BIT);
    MMIO8(MCR) = 0x10;
    uint64_t n = run_in_mode(1, s_receive, 'S');
    MMIO8(MCR) = 0;
    check(13, n == 1 && received == 'S' && last_trap.mode == 1 && last_trap.cause == (INTERRUPT | 9),
          "S context: scause 9, claimed through context 1");
    MMIO8(IER) = 0;
    MMIO8(MCR) = 0;

    /* mip.SEIP = PLIC line | software bit.  A csrs/csrc of another mip bit
     * while the line is up must not copy the line into the software bit:
     * OpenSBI sets mip.SSIP that way for every IPI to S-mode, and a latched
     * SEIP then interrupts the kernel for ever with nothing to claim (the
     * Linux -smp 2 hang under load, issue 18). */
    csr_write(mie, 0);
    MMIO8(IER) = 0x02; /* THR empty: the UART's line goes up at once */
    int line_up = seip_becomes(1);
    csr_set(mip, SSIP_BIT);
    csr_clear(mip, SSIP_BIT);
    MMIO8(IER) = 0; /* the line goes down */
    uint32_t src = MMIO32(CLAIM(1)); /* (a gateway may hold the request until it is claimed, as QEMU's does) */
    if (src) MMIO32(CLAIM(1)) = src;
    check(14, line_up, "mip.SEIP shows the PLIC's line for context 1");
    check(15, seip_becomes(0), "csrs/csrc mip.SSIP did not latch the line into mip.SEIP");
    csr_set(mip, SEIP_BIT); /* the software bit alone */
    int sw_set = (csr_read(mip) & SEIP_BIT) != 0;
    csr_clear(mip, SEIP_BIT);
    check(16, sw_set && !(csr_read(mip) & SEIP_BIT), "mip.SEIP's software bit: set and cleared by csrs/csrc");
    MMIO32(ENABLE0(1)) = 0;
    test_pass(test_name);
}
