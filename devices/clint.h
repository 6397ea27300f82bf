/*
 * devices/clint.h — the core-local interruptor of QEMU's virt board, 1-8 harts.
 *
 * Registers (offsets from 0x0200_0000):
 *   0x0000 + 4*hart  msip      bit 0 drives that hart's mip.MSIP (software interrupt)
 *   0x4000 + 8*hart  mtimecmp  its mip.MTIP is set while mtime >= mtimecmp
 *   0xbff8           mtime     10 MHz, read from the host's monotonic clock
 * Registers of harts the machine does not have read as zero and ignore writes.
 * Writes to mtime are ignored: guest time is host time, so the time CSR
 * and mtime always agree.
 */
#ifndef RVDBT_DEVICES_CLINT_H
#define RVDBT_DEVICES_CLINT_H

#include <stdbool.h>
#include <stdint.h>

#define CLINT_BASE 0x2000000ull
#define CLINT_SIZE 0x10000ull
#define CLINT_MAX_HARTS 8

struct clint {
    unsigned n_harts;
    uint32_t msip[CLINT_MAX_HARTS];
    uint64_t mtimecmp[CLINT_MAX_HARTS];
    uint64_t (*now)(void); /* mtime */
    /* Counts writes that raise a hart's msip (IPIs), so the machine loop can
     * let the target run soon instead of at the end of the sender's turn. */
    uint64_t ipis;
};

void dev_clint_init(struct clint *c, unsigned n_harts, uint64_t (*now)(void));
bool dev_clint_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_clint_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
/* Is mtime >= mtimecmp of `hart`? */
bool dev_clint_timer_pending(const struct clint *c, unsigned hart);

#endif
