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

void dev_clint_init(struct clint *c, unsigned n_harts, uint64_t (*now)(void))
{
    *c = (struct clint){.n_harts = n_harts, .now = now};
    for (unsigned h = 0; h < CLINT_MAX_HARTS; h++) c->mtimecmp[h] = ~0ull;
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

/* The msip word of hart h (0 for harts the machine does not have). */
static uint64_t msip(const struct clint *c, uint64_t h) { return h < c->n_harts ? c->msip[h] : 0; }

bool dev_clint_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct clint *c = opaque;
    if (size < 4) return false;
    uint64_t h = offset / 4, t = (offset - MTIMECMP) / 8;
    if (offset < MTIMECMP) /* (an 8-byte read takes two harts' words) */
        *val = size == 8 ? msip(c, h) | msip(c, h + 1) << 32 : msip(c, h);
    else if (offset < MTIMECMP + 8 * c->n_harts && (offset - MTIMECMP) % 8 + size <= 8)
        *val = part(c->mtimecmp[t], (offset - MTIMECMP) % 8, size);
    else if (offset >= MTIME && offset + size <= MTIME + 8) *val = part(c->now(), offset - MTIME, size);
    else *val = 0; /* harts the machine does not have */
    return true;
}

static void write_msip(struct clint *c, uint64_t h, uint64_t val)
{
    if (h >= c->n_harts) return;
    if ((val & 1) && !c->msip[h]) c->ipis++;
    c->msip[h] = val & 1;
}

bool dev_clint_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct clint *c = opaque;
    if (size < 4) return false;
    uint64_t h = offset / 4, t = (offset - MTIMECMP) / 8;
    if (offset < MTIMECMP) {
        write_msip(c, h, val);
        if (size == 8) write_msip(c, h + 1, val >> 32);
    } else if (offset < MTIMECMP + 8 * c->n_harts && (offset - MTIMECMP) % 8 + size <= 8) {
        c->mtimecmp[t] = merge(c->mtimecmp[t], (offset - MTIMECMP) % 8, size, val);
    }
    return true;
}

bool dev_clint_timer_pending(const struct clint *c, unsigned hart)
{
    return c->now() >= c->mtimecmp[hart];
}
