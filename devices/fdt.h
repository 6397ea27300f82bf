/*
 * devices/fdt.h — the flattened device tree handed to firmware and kernels (a1 at reset).
 *
 * Describes exactly what the machine has, with QEMU virt's node names and
 * compatible strings so OpenSBI and Linux drivers bind as they do there.
 */
#ifndef RVDBT_DEVICES_FDT_H
#define RVDBT_DEVICES_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fdt_machine {
    uint64_t ram_base, ram_size;
    const char *bootargs;              /* NULL: none */
    uint64_t initrd_start, initrd_end; /* 0, 0: none */
    uint32_t fb_width, fb_height;      /* 0, 0: no framebuffer (nor keyboard) */
    unsigned n_harts;                  /* cpu nodes (0 means 1) */
};

/* Builds the tree into buf; returns false if it does not fit. */
bool dev_fdt_build(void *buf, size_t size, const struct fdt_machine *m);

#endif
