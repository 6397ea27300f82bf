/*
 * devices/clint.h — the core-local interruptor of QEMU's virt board, one hart.
 *
 * Registers (offsets from 0x0200_0000):
 *   0x0000  msip      bit 0 drives mip.MSIP (software interrupt)
 *   0x4000  mtimecmp  mip.MTIP is set while mtime >= mtimecmp
 *   0xbff8  mtime     10 MHz, read from the host's monotonic clock
 * Writes to mtime are ignored: guest time is host time, so the time CSR
 * and mtime always agree.
 */
#ifndef RVDBT_DEVICES_CLINT_H
#define RVDBT_DEVICES_CLINT_H

#include <stdbool.h>
#include <stdint.h>

#define CLINT_BASE 0x2000000ull
#define CLINT_SIZE 0x10000ull

struct clint {
    uint32_t msip;
    uint64_t mtimecmp;
    uint64_t (*now)(void); /* mtime */
};

void dev_clint_init(struct clint *c, uint64_t (*now)(void));
bool dev_clint_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_clint_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
bool dev_clint_timer_pending(const struct clint *c);

#endif
