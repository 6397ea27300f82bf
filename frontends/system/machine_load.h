/*
 * frontends/system/machine_load.h — putting firmware, kernel, initrd and device tree into guest RAM.
 */
#ifndef RVDBT_FRONTENDS_MACHINE_LOAD_H
#define RVDBT_FRONTENDS_MACHINE_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct machine;

/* What the reset vector needs, and where HTIF lives. */
struct machine_boot {
    uint64_t start;     /* where the boot ROM jumps: firmware, or the kernel with -bios none */
    uint64_t next_addr; /* the kernel's entry, handed to the firmware (fw_dynamic_info) */
    uint64_t dtb;
    uint64_t tohost, fromhost; /* 0 if the kernel ELF has no such symbols */
};

/* Loads m->opt's images into m's RAM.  On failure, one line in err. */
bool machine_load_images(struct machine *m, struct machine_boot *boot, char *err, size_t errlen);

#endif
