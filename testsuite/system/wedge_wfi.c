/*
 * testsuite/system/wedge_wfi.c — a guest that waits for an interrupt that
 * can never come (mie = 0): rvdbt must report it and stop (status 4)
 * instead of sleeping forever.
 */
#include "rt.h"

int main(void)
{
    csr_write(mie, 0);
    puts_uart("waiting forever\n");
    for (;;) __asm__ volatile("wfi");
}
