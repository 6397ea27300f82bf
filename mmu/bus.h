/*
 * mmu/bus.h — the physical address space of a system-mode machine.
 *
 * Two kinds of things live at physical addresses:
 *   - memory (RAM, the boot ROM): a host buffer the guest reaches through
 *     TLB entries, so ordinary loads, stores and fetches never leave the
 *     fast path;
 *   - devices (UART, CLINT, PLIC, ...): a {base, size, read, write} entry
 *     each.  Device pages never get TLB entries, so every access to them
 *     takes the MMU's slow path and ends in the device's callback.
 * An address that is neither is an access fault (cause 1, 5 or 7).
 */
#ifndef RVDBT_MMU_BUS_H
#define RVDBT_MMU_BUS_H

#include <stdbool.h>
#include <stdint.h>

#define BUS_MAX_RAM 4
#define BUS_MAX_DEVICES 16

struct bus_ram {
    uint64_t base, size;
    uint8_t *host;       /* host address of `base` */
    bool writable;       /* false for the boot ROM */
};

/* Device callbacks: `offset` is relative to the device's base, size is 1,
 * 2, 4 or 8.  Return false for an access the device does not accept
 * (the guest gets an access fault). */
typedef bool (*bus_read_fn)(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
typedef bool (*bus_write_fn)(void *opaque, uint64_t offset, unsigned size, uint64_t val);

struct bus_device {
    const char *name;
    uint64_t base, size;
    void *opaque;
    bus_read_fn read;
    bus_write_fn write;
};

struct bus {
    struct bus_ram ram[BUS_MAX_RAM];
    int n_ram;
    struct bus_device dev[BUS_MAX_DEVICES];
    int n_dev;
};

/* Registration (machine assembly).  False if the table is full. */
bool bus_add_ram(struct bus *b, uint64_t base, uint64_t size, uint8_t *host, bool writable);
bool bus_add_device(struct bus *b, const struct bus_device *d);

/* The memory region holding [pa, pa+len), or NULL (device, hole, or straddling). */
const struct bus_ram *bus_find_ram(const struct bus *b, uint64_t pa, uint64_t len);
/* Host pointer to [pa, pa+len) of memory (writable memory if `write`), or NULL. */
uint8_t *bus_ram_ptr(const struct bus *b, uint64_t pa, uint64_t len, bool write);

/* Guest RAM may be written by another hart's thread at any time (parallel
 * harts): an aligned access of 1, 2, 4 or 8 bytes is one whole-word relaxed
 * atomic (a plain mov on x86-64, and data-race-free C for ThreadSanitizer);
 * a misaligned one is a plain copy. */
static inline uint64_t bus_ram_get(const uint8_t *p, unsigned size)
{
    if ((uintptr_t)p & (size - 1)) {
        uint64_t v = 0;
        for (unsigned i = 0; i < size; i++) v |= (uint64_t)__atomic_load_n(p + i, __ATOMIC_RELAXED) << (8 * i);
        return v;
    }
    switch (size) {
    case 1: return __atomic_load_n(p, __ATOMIC_RELAXED);
    case 2: return __atomic_load_n((const uint16_t *)p, __ATOMIC_RELAXED);
    case 4: return __atomic_load_n((const uint32_t *)p, __ATOMIC_RELAXED);
    default: return __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED);
    }
}

static inline void bus_ram_put(uint8_t *p, unsigned size, uint64_t v)
{
    if ((uintptr_t)p & (size - 1)) {
        for (unsigned i = 0; i < size; i++) __atomic_store_n(p + i, (uint8_t)(v >> (8 * i)), __ATOMIC_RELAXED);
        return;
    }
    switch (size) {
    case 1: __atomic_store_n(p, (uint8_t)v, __ATOMIC_RELAXED); break;
    case 2: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_RELAXED); break;
    case 4: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_RELAXED); break;
    default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_RELAXED); break;
    }
}

/* A physical access of 1, 2, 4 or 8 bytes to memory or a device.
 * Returns MMU_OK or MMU_FAULT_ACCESS (enum mmu_result in mmu/mmu.h). */
int bus_read(const struct bus *b, uint64_t pa, unsigned size, uint64_t *val);
int bus_write(const struct bus *b, uint64_t pa, unsigned size, uint64_t val);

#endif
