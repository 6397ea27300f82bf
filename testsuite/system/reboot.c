/*
 * testsuite/system/reboot.c — the SiFive test device's reboot command (0x7777):
 * the machine starts again from the reset vector with fresh RAM, so this
 * program prints "boot" and reboots forever.  The test runs it for a few
 * seconds and expects several "boot" lines.
 */
#include "rt.h"

int main(void)
{
    puts_uart("boot\n");
    MMIO32(0x100000) = 0x7777;
    for (;;) {
    }
}
