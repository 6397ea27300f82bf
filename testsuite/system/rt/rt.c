/*
 * testsuite/system/rt/rt.c — console, checks, and the default trap handlers.
 *
 * The default handlers record the trap in last_trap and continue after the
 * trapping instruction (or at resume_at if a test set it), so a test can
 * provoke a fault and then look at cause, epc and tval.
 */
#include "rt.h"

const char *test_name = "?";
volatile struct trap_record last_trap;
volatile uint64_t resume_at;
uint64_t (*m_trap_hook)(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval);
uint64_t (*s_trap_hook)(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval);
void return_to_m(uint64_t value) __attribute__((noreturn));

/* Harts other than 0 (-smp N) park here unless the test has its own. */
__attribute__((weak)) void hart_main(uint64_t hartid)
{
    (void)hartid;
    for (;;) __asm__ volatile("wfi");
}

void putc_uart(char c)
{
    while (!(MMIO8(UART + 5) & 0x20)) {
    }
    MMIO8(UART) = (uint8_t)c;
}

void puts_uart(const char *s)
{
    while (*s) putc_uart(*s++);
}

void puthex(uint64_t v)
{
    puts_uart("0x");
    for (int i = 60; i >= 0; i -= 4) putc_uart("0123456789abcdef"[(v >> i) & 15]);
}

void putdec(uint64_t v)
{
    char buf[24];
    int n = 0;
    do buf[n++] = (char)('0' + v % 10); while (v /= 10);
    while (n) putc_uart(buf[--n]);
}

void poweroff(int status)
{
    MMIO32(0x100000) = status ? (uint32_t)(0x3333 | (status << 16)) : 0x5555;
    for (;;) {
    }
}

void check(int n, int cond, const char *what)
{
    if (cond) {
        puts_uart("ok ");
        putdec((uint64_t)n);
        puts_uart(" ");
        puts_uart(what);
        puts_uart("\n");
        return;
    }
    puts_uart("FAIL ");
    puts_uart(test_name);
    puts_uart(" test ");
    putdec((uint64_t)n);
    puts_uart(" (");
    puts_uart(what);
    puts_uart(")\n");
    poweroff(n);
}

void test_pass(const char *name)
{
    puts_uart("PASS ");
    puts_uart(name);
    puts_uart("\n");
    poweroff(0);
}

/* Length of the instruction at pc (2 for compressed). */
static uint64_t insn_len(uint64_t pc)
{
    return (*(volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

static uint64_t resume(uint64_t epc, uint64_t cause)
{
    if (resume_at) {
        uint64_t r = resume_at;
        resume_at = 0;
        return r;
    }
    if (cause & INTERRUPT) return epc;
    return epc + insn_len(epc);
}

/* What both default handlers do: record the trap (taken in `mode`), let the
 * test's hook for that mode pick the resume pc, else resume(). */
static uint64_t record_trap(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval, int mode,
                            uint64_t (*hook)(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval))
{
    last_trap.count++;
    last_trap.cause = cause;
    last_trap.epc = epc;
    last_trap.tval = tval;
    last_trap.mode = mode;
    if (hook) {
        uint64_t r = hook(f, cause, epc, tval);
        if (r) return r;
    }
    return resume(epc, cause);
}

uint64_t m_trap(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    if ((cause == 8 || cause == 9) && f->x[17] == 0x5eed) return_to_m(f->x[10]);
    return record_trap(f, cause, epc, tval, 3, m_trap_hook);
}

uint64_t s_trap(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval)
{
    if (cause == 8 && f->x[17] == 0x5eed) { /* run_in_mode's return from U, delegated here: pass it on to M */
        register uint64_t a0 __asm__("a0") = f->x[10];
        register uint64_t a7 __asm__("a7") = 0x5eed;
        __asm__ volatile("ecall" ::"r"(a0), "r"(a7));
    }
    return record_trap(f, cause, epc, tval, 1, s_trap_hook);
}
