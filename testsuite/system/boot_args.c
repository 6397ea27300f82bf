/*
 * testsuite/system/boot_args.c — what the boot ROM hands over with -bios none:
 * a0 = hart id, a1 = a flattened device tree (magic 0xd00dfeed) whose
 * /chosen/bootargs is the -append string; and misaligned loads and stores
 * to RAM, which the virt board performs rather than trapping.
 * Run with -append "rvdbt-boot-args-test".
 */
#include "rt.h"

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }

static int contains(const uint8_t *hay, uint32_t n, const char *needle)
{
    uint32_t k = 0;
    while (needle[k]) k++;
    for (uint32_t i = 0; i + k <= n; i++) {
        uint32_t j = 0;
        while (j < k && hay[i + j] == (uint8_t)needle[j]) j++;
        if (j == k) return 1;
    }
    return 0;
}

static uint8_t buf[16] __attribute__((aligned(8)));

int main(uint64_t hartid, uint64_t dtb)
{
    test_name = "boot_args";
    const uint8_t *fdt = (const uint8_t *)dtb;
    check(1, hartid == 0, "a0 = hart id 0");
    check(2, dtb >= 0x80000000ul && be32(fdt) == 0xd00dfeed, "a1 = device tree in RAM (magic d00dfeed)");
    uint32_t size = be32(fdt + 4);
    check(3, contains(fdt, size, "rvdbt-boot-args-test"), "bootargs carry -append");
    check(4, contains(fdt, size, "ns16550a") && contains(fdt, size, "riscv,plic0"), "UART and PLIC described");

    for (int i = 0; i < 16; i++) buf[i] = (uint8_t)(i + 1);
    uint64_t v = *(volatile uint64_t *)(buf + 3);
    *(volatile uint32_t *)(buf + 9) = 0xa1b2c3d4;
    check(5, v == 0x0b0a090807060504ul, "misaligned 8-byte load");
    check(6, buf[9] == 0xd4 && buf[12] == 0xa1 && buf[13] == 14, "misaligned 4-byte store");
    test_pass(test_name);
}
