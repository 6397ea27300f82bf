/*
 * devices/plic.h — the platform-level interrupt controller, 1-8 harts.
 *
 * Sources 1..PLIC_SOURCES-1 (0 means "none"), each with a priority; two
 * contexts per hart, as on QEMU virt: 2*hart = the hart's M mode (drives
 * its mip.MEIP) and 2*hart+1 = its S mode (drives its mip.SEIP), each
 * with an enable bit per source and a threshold.
 * A context claims the highest-priority pending source it has enabled
 * above its threshold; the source stays masked until completed.  Sources
 * are level-triggered: a device holds its line while it wants service.
 *   0x000000 + 4*src        priority
 *   0x001000                pending bits
 *   0x002000 + 0x80*ctx     enable bits
 *   0x200000 + 0x1000*ctx   threshold;  +4: claim (read) / complete (write)
 */
#ifndef RVDBT_DEVICES_PLIC_H
#define RVDBT_DEVICES_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#define PLIC_BASE 0xc000000ull
#define PLIC_SIZE 0x600000ull
#define PLIC_SOURCES 96 /* like QEMU virt: riscv,ndev = 95 */
#define PLIC_CONTEXTS 16 /* two per hart, up to 8 harts */
#define PLIC_WORDS (PLIC_SOURCES / 32)

struct plic {
    unsigned n_contexts; /* 2 * harts: the others read as zero and ignore writes */
    uint32_t priority[PLIC_SOURCES];
    uint32_t enable[PLIC_CONTEXTS][PLIC_WORDS];
    uint32_t threshold[PLIC_CONTEXTS];
    uint32_t level[PLIC_WORDS];      /* the devices' lines */
    uint32_t in_service[PLIC_WORDS]; /* claimed, not yet completed */
};

void dev_plic_init(struct plic *p, unsigned n_harts);
bool dev_plic_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val);
bool dev_plic_write(void *opaque, uint64_t offset, unsigned size, uint64_t val);
void dev_plic_set_level(struct plic *p, unsigned source, bool level);
/* Does context `ctx` have a source to claim (its interrupt output)? */
bool dev_plic_output(const struct plic *p, int ctx);

#endif
