/*
 * testsuite/system/htif.c — HTIF: console output through tohost (device 1,
 * command 1) and exit with a status (tohost = status << 1 | 1).
 * rvdbt only: QEMU's virt board has no HTIF.  Expected: prints "htif ok"
 * and exits with status 5, the value the program chose.
 */
#include <stdint.h>

volatile uint64_t tohost __attribute__((section(".htif"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".htif"), aligned(8)));

static void htif_putc(char c)
{
    tohost = (1ul << 56) | (1ul << 48) | (uint8_t)c;
    while (tohost) {
    }
}

int main(void)
{
    for (const char *s = "htif ok\n"; *s; s++) htif_putc(*s);
    tohost = (5 << 1) | 1;
    for (;;) {
    }
}
