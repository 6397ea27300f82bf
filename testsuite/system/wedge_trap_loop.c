/*
 * testsuite/system/wedge_trap_loop.c — a trap vector pointing at nothing:
 * the first exception sends the hart to 0x40, whose fetch faults again,
 * forever.  rvdbt must report the trap loop (status 4).
 */
#include "rt.h"

int main(void)
{
    puts_uart("breaking the trap vector\n");
    csr_write(mtvec, 0x40);
    __asm__ volatile("ecall");
    return 0;
}
