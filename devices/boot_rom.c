/*
 * devices/boot_rom.c — assembling the reset vector (see boot_rom.h).
 */
#include "devices/boot_rom.h"

#include <string.h>

#define FW_DYNAMIC_MAGIC 0x4942534full /* "OSBI" */
#define FW_DYNAMIC_VERSION 1
#define NEXT_MODE_S 1

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

void dev_boot_rom_build(uint8_t *rom, uint64_t start, uint64_t dtb, uint64_t next_addr)
{
    static const uint32_t code[] = {
        0x00000297, /* auipc t0, 0 */
        0x02828613, /* addi  a2, t0, 40 */
        0xf1402573, /* csrr  a0, mhartid */
        0x0202b583, /* ld    a1, 32(t0) */
        0x0182b283, /* ld    t0, 24(t0) */
        0x00028067, /* jr    t0 */
    };
    memset(rom, 0, BOOT_ROM_SIZE);
    for (size_t i = 0; i < sizeof code / sizeof code[0]; i++) put32(rom + 4 * i, code[i]);
    put64(rom + 24, start);
    put64(rom + 32, dtb);
    put64(rom + 40, FW_DYNAMIC_MAGIC);
    put64(rom + 48, FW_DYNAMIC_VERSION);
    put64(rom + 56, next_addr);
    put64(rom + 64, NEXT_MODE_S);
    put64(rom + 72, 0); /* options */
}
