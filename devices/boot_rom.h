/*
 * devices/boot_rom.h — the reset vector at 0x1000.
 *
 * Six instructions and a data block, executed in M-mode at reset:
 *     auipc t0, 0           t0 = 0x1000
 *     addi  a2, t0, 40      a2 = &fw_dynamic_info (OpenSBI's handover record)
 *     csrr  a0, mhartid     a0 = hart id
 *     ld    a1, 32(t0)      a1 = device tree address
 *     ld    t0, 24(t0)      the firmware (or, with -bios none, the kernel)
 *     jr    t0
 *     .dword start, dtb
 *     fw_dynamic_info { magic "OSBI", version 1, next_addr, next_mode = S, options = 0 }
 */
#ifndef RVDBT_DEVICES_BOOT_ROM_H
#define RVDBT_DEVICES_BOOT_ROM_H

#include <stddef.h>
#include <stdint.h>

#define BOOT_ROM_BASE 0x1000ull
#define BOOT_ROM_SIZE 0x1000ull

/* Writes the ROM image into rom[BOOT_ROM_SIZE]. */
void dev_boot_rom_build(uint8_t *rom, uint64_t start, uint64_t dtb, uint64_t next_addr);

#endif
