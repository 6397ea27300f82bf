/*
 * devices/plic.c — PLIC gateways, claim/complete and the two context outputs.
 */
#include "devices/plic.h"

#include <string.h>

#define PRIORITY_MASK 7u /* 3 priority bits, like QEMU virt */

void dev_plic_init(struct plic *p, unsigned n_harts)
{
    memset(p, 0, sizeof *p);
    p->n_contexts = 2 * n_harts;
}

static bool bit(const uint32_t *words, unsigned i) { return (words[i / 32] >> (i % 32)) & 1; }
static void set_bit(uint32_t *words, unsigned i, bool v)
{
    if (v) words[i / 32] |= 1u << (i % 32);
    else words[i / 32] &= ~(1u << (i % 32));
}

/* Pending: the line is up and the source is not being serviced. */
static bool pending(const struct plic *p, unsigned src)
{
    return bit(p->level, src) && !bit(p->in_service, src);
}

/* The source context `ctx` would claim now, or 0. */
static unsigned best_source(const struct plic *p, int ctx)
{
    uint32_t any = 0; /* the common case, nothing pending and enabled, in three word tests */
    for (unsigned w = 0; w < PLIC_WORDS; w++) any |= p->level[w] & ~p->in_service[w] & p->enable[ctx][w];
    if (!any) return 0;
    unsigned best = 0, best_prio = p->threshold[ctx];
    for (unsigned s = 1; s < PLIC_SOURCES; s++)
        if (pending(p, s) && bit(p->enable[ctx], s) && p->priority[s] > best_prio) {
            best = s;
            best_prio = p->priority[s];
        }
    return best;
}

bool dev_plic_output(const struct plic *p, int ctx)
{
    return best_source(p, ctx) != 0;
}

void dev_plic_set_level(struct plic *p, unsigned source, bool level)
{
    if (source > 0 && source < PLIC_SOURCES) set_bit(p->level, source, level);
}

bool dev_plic_read(void *opaque, uint64_t offset, unsigned size, uint64_t *val)
{
    struct plic *p = opaque;
    if (size != 4) return false;
    *val = 0;
    if (offset < 4 * PLIC_SOURCES) {
        *val = p->priority[offset / 4];
    } else if (offset >= 0x1000 && offset < 0x1000 + 4 * PLIC_WORDS) {
        unsigned w = (unsigned)(offset - 0x1000) / 4;
        for (unsigned i = 0; i < 32; i++)
            if (pending(p, w * 32 + i)) *val |= 1ull << i;
    } else if (offset >= 0x2000 && offset < 0x2000 + 0x80 * p->n_contexts) {
        unsigned ctx = (unsigned)(offset - 0x2000) / 0x80, w = (unsigned)(offset - 0x2000) % 0x80 / 4;
        if (w < PLIC_WORDS) *val = p->enable[ctx][w];
    } else if (offset >= 0x200000 && offset < 0x200000 + 0x1000 * p->n_contexts) {
        unsigned ctx = (unsigned)(offset - 0x200000) / 0x1000, reg = (unsigned)(offset - 0x200000) % 0x1000;
        if (reg == 0) *val = p->threshold[ctx];
        if (reg == 4) { /* claim */
            unsigned s = best_source(p, (int)ctx);
            if (s) set_bit(p->in_service, s, true);
            *val = s;
        }
    }
    return true;
}

bool dev_plic_write(void *opaque, uint64_t offset, unsigned size, uint64_t val)
{
    struct plic *p = opaque;
    if (size != 4) return false;
    if (offset < 4 * PLIC_SOURCES) {
        if (offset >= 4) p->priority[offset / 4] = (uint32_t)val & PRIORITY_MASK; /* source 0 does not exist */
    } else if (offset >= 0x2000 && offset < 0x2000 + 0x80 * p->n_contexts) {
        unsigned ctx = (unsigned)(offset - 0x2000) / 0x80, w = (unsigned)(offset - 0x2000) % 0x80 / 4;
        if (w < PLIC_WORDS) p->enable[ctx][w] = (uint32_t)val & (w == 0 ? ~1u : ~0u);
    } else if (offset >= 0x200000 && offset < 0x200000 + 0x1000 * p->n_contexts) {
        unsigned ctx = (unsigned)(offset - 0x200000) / 0x1000, reg = (unsigned)(offset - 0x200000) % 0x1000;
        if (reg == 0) p->threshold[ctx] = (uint32_t)val & PRIORITY_MASK;
        /* complete: ignored for a source this context has not enabled (spec) */
        if (reg == 4 && val > 0 && val < PLIC_SOURCES && bit(p->enable[ctx], (unsigned)val))
            set_bit(p->in_service, (unsigned)val, false);
    }
    return true; /* pending bits are read-only */
}
