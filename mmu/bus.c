/*
 * mmu/bus.c — physical address decoding: memory regions and device ranges.
 *
 * A handful of entries, searched linearly: only the MMU's slow path and
 * the loaders come here, never the TLB fast path.
 */
#include "mmu/bus.h"

#include <string.h>

#include "mmu/mmu.h"

bool bus_add_ram(struct bus *b, uint64_t base, uint64_t size, uint8_t *host, bool writable)
{
    if (b->n_ram == BUS_MAX_RAM) return false;
    b->ram[b->n_ram++] = (struct bus_ram){base, size, host, writable};
    return true;
}

bool bus_add_device(struct bus *b, const struct bus_device *d)
{
    if (b->n_dev == BUS_MAX_DEVICES) return false;
    b->dev[b->n_dev++] = *d;
    return true;
}

/* Is [pa, pa+len) inside [base, base+size)?  Written to never overflow. */
static bool inside(uint64_t pa, uint64_t len, uint64_t base, uint64_t size)
{
    return pa >= base && pa - base < size && len <= size - (pa - base);
}

const struct bus_ram *bus_find_ram(const struct bus *b, uint64_t pa, uint64_t len)
{
    for (int i = 0; i < b->n_ram; i++)
        if (inside(pa, len, b->ram[i].base, b->ram[i].size)) return &b->ram[i];
    return NULL;
}

uint8_t *bus_ram_ptr(const struct bus *b, uint64_t pa, uint64_t len, bool write)
{
    const struct bus_ram *r = bus_find_ram(b, pa, len);
    if (!r || (write && !r->writable)) return NULL;
    return r->host + (pa - r->base);
}

static const struct bus_device *find_device(const struct bus *b, uint64_t pa, unsigned size)
{
    for (int i = 0; i < b->n_dev; i++)
        if (inside(pa, size, b->dev[i].base, b->dev[i].size)) return &b->dev[i];
    return NULL;
}

int bus_read(const struct bus *b, uint64_t pa, unsigned size, uint64_t *val)
{
    const uint8_t *p = bus_ram_ptr(b, pa, size, false);
    if (p) {
        *val = bus_ram_get(p, size); /* little-endian host */
        return MMU_OK;
    }
    const struct bus_device *d = find_device(b, pa, size);
    if (!d || !d->read || !d->read(d->opaque, pa - d->base, size, val)) return MMU_FAULT_ACCESS;
    return MMU_OK;
}

int bus_write(const struct bus *b, uint64_t pa, unsigned size, uint64_t val)
{
    uint8_t *p = bus_ram_ptr(b, pa, size, true);
    if (p) {
        bus_ram_put(p, size, val);
        return MMU_OK;
    }
    const struct bus_device *d = find_device(b, pa, size);
    if (!d || !d->write || !d->write(d->opaque, pa - d->base, size, val)) return MMU_FAULT_ACCESS;
    return MMU_OK;
}
