/*
 * testsuite/system/smp.c — four harts (-smp 4): AMO and LR/SC races, a
 * spin lock, IPIs through the CLINT's msip, each hart's own timer, an SC
 * that another hart's store must break, and a PLIC interrupt routed to one
 * hart's context.
 *
 * Hart 0 runs main() and prints; harts 1-3 run hart_main() and follow the
 * phases hart 0 announces in `phase`, reporting through `done`.  What is
 * printed does not depend on how the harts interleave, so it equals what
 * qemu-system-riscv64 -M virt -smp 4 -bios none prints (harts in parallel
 * there, taking turns in rvdbt).
 */
#include "rt.h"

#define NHARTS 4
#define ITER 20000
#define MSIE (1ul << 3)
#define MTIE (1ul << 7)
#define MEIE (1ul << 11)
#define MSTATUS_MIE (1ul << 3)
#define UART_IRQ 10
#define PLIC_ENABLE(ctx) (PLIC + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx) (PLIC + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx) (PLIC + 0x200004 + 0x1000 * (ctx))
#define MTIMECMP(h) (*(volatile uint64_t *)(CLINT_MTIMECMP + 8 * (h)))
#define MSIP(h) MMIO32(CLINT + 4 * (h))

static volatile uint32_t arrived, phase, done;
static volatile uint32_t amo_counter;
static volatile uint64_t lrsc_counter;
static volatile uint32_t lock;
static volatile uint64_t locked_counter;
static volatile uint32_t ipi_seen[NHARTS], timer_seen[NHARTS], timer_on_time[NHARTS], ext_claim[NHARTS];
static volatile uint32_t other_interrupts;
static volatile uint32_t reserved_word = 1, lr_taken, stored, sc_broken, sc_again;
/* How far each hart got (steps below): printed when hart 0 waits in vain, so
 * that a failure says where a hart stopped.  1 arrived, 2 raced, 3 took its
 * IPI, 4 took its timer interrupt, 5 saw phase 5, 6 enabled MEIE, 7 took
 * the UART's interrupt, 8 reported it. */
static volatile uint32_t step[NHARTS];

static uint64_t hartid(void) { return csr_read(mhartid); }

static uint32_t amoadd_w(volatile uint32_t *p, uint32_t v)
{
    uint32_t old;
    __asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old) : "r"(p), "r"(v) : "memory");
    return old;
}

static void lrsc_add(volatile uint64_t *p, uint64_t v)
{
    uint64_t tmp, fail;
    __asm__ volatile("1: lr.d %0, (%2)\n add %0, %0, %3\n sc.d %1, %0, (%2)\n bnez %1, 1b"
                     : "=&r"(tmp), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void lock_acquire(void)
{
    uint32_t old;
    for (;;) {
        __asm__ volatile("amoswap.w.aq %0, %2, (%1)" : "=r"(old) : "r"(&lock), "r"(1u) : "memory");
        if (!old) return;
        while (lock) {
            cpu_relax();
        }
    }
}

static void lock_release(void) { __asm__ volatile("amoswap.w.rl zero, zero, (%0)" ::"r"(&lock) : "memory"); }

static uint64_t m_hook(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    (void)f, (void)epc, (void)tval;
    uint64_t h = hartid();
    if (cause == (INTERRUPT | 3)) {
        MSIP(h) = 0;
        ipi_seen[h]++;
    } else if (cause == (INTERRUPT | 7)) {
        timer_on_time[h] = mtime() >= MTIMECMP(h);
        MTIMECMP(h) = ~0ul;
        timer_seen[h]++;
    } else if (cause == (INTERRUPT | 11)) {
        uint32_t id = MMIO32(PLIC_CLAIM(2 * h));
        ext_claim[h] = id;
        step[h] = 7;
        MMIO8(UART + 1) = 0; /* IER: the THRE interrupt off */
        MMIO32(PLIC_CLAIM(2 * h)) = id;
    } else {
        amoadd_w(&other_interrupts, 1);
    }
    return 0;
}

/* Phase 1, on every hart: the same counters from all harts at once. */
static void race(void)
{
    for (int i = 0; i < ITER; i++) {
        amoadd_w(&amo_counter, 1);
        lrsc_add(&lrsc_counter, 1);
        lock_acquire();
        locked_counter = locked_counter + 1; /* plain load and store: only the lock keeps it right */
        lock_release();
    }
}

/* Sleeps in wfi with `bits` enabled in mie until *flag is set. */
static void wait_interrupt(uint64_t bits, volatile uint32_t *flag)
{
    if (bits == MEIE) step[hartid()] = 6;
    csr_set(mie, bits);
    csr_set(mstatus, MSTATUS_MIE);
    while (!*flag) __asm__ volatile("wfi");
    csr_clear(mstatus, MSTATUS_MIE);
    csr_clear(mie, bits);
}

static void wait_phase(uint32_t p)
{
    while (phase != p) {
        cpu_relax();
    }
}

void hart_main(uint64_t h)
{
    if (h >= NHARTS) return; /* (more harts than the test knows: park) */
    step[h] = 1;
    amoadd_w(&arrived, 1);
    wait_phase(1);
    race();
    step[h] = 2;
    amoadd_w(&done, 1);
    wait_phase(2); /* hart 0 sends each of us an IPI */
    wait_interrupt(MSIE, &ipi_seen[h]);
    step[h] = 3;
    amoadd_w(&done, 1);
    wait_phase(3); /* our own timer, later for lower hart ids */
    MTIMECMP(h) = mtime() + (NHARTS - h) * 20000;
    wait_interrupt(MTIE, &timer_seen[h]);
    step[h] = 4;
    amoadd_w(&done, 1);
    if (h == 1) { /* phase 4: an LR whose reservation hart 0's store breaks */
        wait_phase(4);
        uint32_t v, fail;
        __asm__ volatile("lr.w %0, (%1)" : "=r"(v) : "r"(&reserved_word) : "memory");
        lr_taken = 1;
        while (!stored) {
            cpu_relax();
        }
        __asm__ volatile("sc.w %0, %2, (%1)" : "=r"(fail) : "r"(&reserved_word), "r"(v + 10) : "memory");
        sc_broken = fail != 0;
        __asm__ volatile("lr.w %0, (%2)\n sc.w %1, %3, (%2)"
                         : "=&r"(v), "=&r"(fail)
                         : "r"(&reserved_word), "r"(7u)
                         : "memory");
        sc_again = fail == 0;
        amoadd_w(&done, 1);
    }
    if (h == 2) { /* phase 5: the UART's interrupt, routed to this hart's M context only */
        wait_phase(5);
        step[h] = 5;
        wait_interrupt(MEIE, &ext_claim[h]);
        step[h] = 8;
        amoadd_w(&done, 1);
    }
}

/* Waits until `done` reaches n (or 20 s of mtime pass: the other harts may be
 * host threads of an interpreter under ASan on a busy host).  In vain, it
 * prints how far each hart got. */
static int wait_done(uint32_t n)
{
    uint64_t t = mtime();
    while (done < n && mtime() - t < 200000000) {
        cpu_relax();
    }
    if (done >= n) return 1;
    puts_uart("waited 20 s in vain: done ");
    putdec(done);
    for (unsigned h = 1; h < NHARTS; h++) {
        puts_uart(", hart ");
        putdec(h);
        puts_uart(" at step ");
        putdec(step[h]);
    }
    puts_uart(", claims ");
    for (unsigned h = 0; h < NHARTS; h++) {
        putdec(ext_claim[h]);
        puts_uart(h + 1 < NHARTS ? " " : "\n");
    }
    return 0;
}

int main(void)
{
    test_name = "smp";
    m_trap_hook = m_hook;
    uint64_t t = mtime();
    while (arrived < NHARTS - 1 && mtime() - t < 50000000) {
        cpu_relax();
    }
    check(1, arrived == NHARTS - 1 && csr_read(mhartid) == 0, "four harts arrived, main runs on hart 0");

    done = 0;
    phase = 1;
    race();
    int ok = wait_done(NHARTS - 1);
    check(2, ok && amo_counter == NHARTS * ITER, "amoadd.w from four harts: no increment lost");
    check(3, lrsc_counter == NHARTS * ITER, "lr.d/sc.d loops from four harts: no increment lost");
    check(4, locked_counter == NHARTS * ITER, "amoswap spin lock: plain increments under it all counted");

    done = 0;
    phase = 2;
    for (unsigned h = 1; h < NHARTS; h++) MSIP(h) = 1;
    ok = wait_done(NHARTS - 1);
    check(5, ok && ipi_seen[1] == 1 && ipi_seen[2] == 1 && ipi_seen[3] == 1 && ipi_seen[0] == 0,
          "msip IPIs: each of harts 1-3 took one software interrupt, hart 0 none");
    check(6, MSIP(1) == 0 && MSIP(2) == 0 && MSIP(3) == 0, "each hart cleared its own msip");
    check(7, !(csr_read(mip) & MSIE), "hart 0's mip.MSIP stayed clear");

    done = 0;
    phase = 3;
    MTIMECMP(0) = mtime() + NHARTS * 20000;
    wait_interrupt(MTIE, &timer_seen[0]);
    ok = wait_done(NHARTS - 1);
    int timers = ok;
    for (unsigned h = 0; h < NHARTS; h++) timers = timers && timer_seen[h] == 1 && timer_on_time[h];
    check(8, timers, "per-hart mtimecmp: each hart took exactly its own timer interrupt, not before its deadline");
    check(9, MTIMECMP(1) == ~0ul && MTIMECMP(3) == ~0ul, "mtimecmp of harts 1 and 3 read back through 0x4000 + 8*hart");

    done = 0;
    phase = 4;
    while (!lr_taken) {
        cpu_relax();
    }
    reserved_word = 2; /* another hart's store to the reserved word */
    stored = 1;
    ok = wait_done(1);
    check(10, ok && sc_broken && reserved_word == 7, "sc.w fails after another hart stored to the reserved word");
    check(11, sc_again, "a fresh lr.w/sc.w pair then succeeds");

    done = 0;
    MMIO32(PLIC + 4 * UART_IRQ) = 1;
    MMIO32(PLIC_ENABLE(4)) = 1u << UART_IRQ; /* context 4: hart 2, M mode */
    MMIO32(PLIC_THRESHOLD(4)) = 0;
    phase = 5;
    while (MMIO32(PLIC_ENABLE(4)) != 1u << UART_IRQ) {
        cpu_relax();
    }
    MMIO8(UART + 1) = 2; /* IER: THR empty -> interrupt */
    ok = wait_done(1);
    MMIO32(PLIC_ENABLE(4)) = 0;
    check(12, ok && ext_claim[2] == UART_IRQ && !ext_claim[0] && !ext_claim[1] && !ext_claim[3],
          "PLIC context 4 (hart 2, M): the UART interrupt reached hart 2 only");
    check(13, other_interrupts == 0, "no other interrupt on any hart");
    test_pass("smp");
}
