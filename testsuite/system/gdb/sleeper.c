/*
 * testsuite/system/gdb/sleeper.c — a machine that sleeps in wfi (a timer
 * interrupt enabled for the far future, so the hart could wake, but not
 * soon) until a debugger sets `go`: the system-mode GDB test interrupts it
 * with Ctrl-C while the engine is not running at all.  A debugger halt
 * completes the wfi, so after `set var go = 1` and continue it powers off
 * with status 9.
 */
#include "rt.h"

volatile int go;

int main(void)
{
    *(volatile uint64_t *)CLINT_MTIMECMP = ~0ull >> 1; /* ~29,000 years at 10 MHz */
    csr_write(mie, 1ul << 7);                         /* MTIE: a wake-up source exists (mstatus.MIE stays 0) */
    while (!go) __asm__ volatile("wfi");
    puts_uart("awake\n");
    poweroff(9);
}
