/*
 * devices/clint.c — CLINT registers: msip, mtimecmp, mtime.
 *
 * Every register may be accessed in 4- or 8-byte pieces, so a read takes
 * the bytes of the 64-bit register that the access covers.
 */
#include "devices/clint.h"

#define MSIP 0x0000
#define MTIMECMP 0x4000
#define MTIME 0xbff8

void dev_clint_init(struct clint *c, uint64_t (*now)(void))
{
    *c = (struct clint){.mtimecmp = ~0ull, .now = now};
}

/* The bytes [offset - reg, +size) of a 64-bit register value. */
static uint64_t part(uint64_t value, uint64_t byte, unsigned size)
{
    uint64_t v = value >> (8 * byte);
    return size == 8 ? v : v & ((1ull << (8 * size)) - 1);
}

static uint64_t merge(uint64_t old, uint64_t byte, unsigned size, uint64_t val)
{
    uint64_t mask = (size == 8 ? ~0ull : (1ull << (8 * size)) - 1) << (8 * byte);
    return (old & ~mask) | ((val << (8 * byte)) & mask);
}

bool dev_clint_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct clint *c = opaque;
    if (size < 4) return false;
    if (offset < 4) *val = c->msip;
    else if (offset >= MTIMECMP && offset + size <= MTIMECMP + 8) *val = part(c->mtimecmp, offset - MTIMECMP, size);
    else if (offset >= MTIME && offset + size <= MTIME + 8) *val = part(c->now(), offset - MTIME, size);
    else *val = 0; /* other harts' registers: none here */
    return true;
}

bool dev_clint_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct clint *c = opaque;
    if (size < 4) return false;
    if (offset < 4) c->msip = val & 1;
    else if (offset >= MTIMECMP && offset + size <= MTIMECMP + 8)
        c->mtimecmp = merge(c->mtimecmp, offset - MTIMECMP, size, val);
    return true;
}

bool dev_clint_timer_pending(const struct clint *c)
{
    return c->now() >= c->mtimecmp;
}
