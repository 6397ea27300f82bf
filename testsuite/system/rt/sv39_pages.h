/*
 * testsuite/system/rt/sv39_pages.h — the Sv39 page tables that cbo_tlb.c,
 * amo_tlb.c and tlb_sets.c start from: the program's identity gigapage and
 * a run of 4 KiB pages at VA(i), each mapped by l0[i].
 *
 * root[2] maps 0x80000000, where link.ld puts the program, to itself as one
 * 1 GiB supervisor page, so that S mode runs the same code at the same
 * addresses as M mode; root[0] -> l1 and l1[2] -> l0 leave l0[i] to map
 * VA(i).  A test puts its own leaves in l0 (and l1) and may add tables of
 * its own.  RW_VA, RO_VA and CLEAN_VA are the three kinds of data page that
 * a store-like access (an AMO, cbo.zero) must be tried on: writable and
 * dirty, read-only, and writable with D clear (the access must set D).
 *
 * The tables are defined here (static): include this in one file only.
 */
#ifndef RT_SV39_PAGES_H
#define RT_SV39_PAGES_H

#include <stdint.h>

#include "pte.h"
#include "rt.h"

static uint64_t root[512] __attribute__((aligned(4096)));
static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l0[512] __attribute__((aligned(4096)));

#define VA(i) (0x400000ul + 0x1000ul * (i))
#define RW_VA VA(0)
#define RO_VA VA(1)
#define CLEAN_VA VA(2)

/* satp's value for Sv39 (mode 8) with the root table at `r` (ASID 0) */
#define SV39_SATP(r) ((8ul << 60) | ((uint64_t)(r) >> 12))

static inline void sfence_all(void) { __asm__ volatile("sfence.vma" ::: "memory"); }
static inline void sfence_va(uint64_t va) { __asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory"); }

/* root[2] = the program's gigapage, root[0] -> l1, l1[2] -> l0 */
static inline void sv39_tables(void)
{
    root[2] = LEAF(0x80000000ul, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D); /* the program */
    root[0] = TABLE(l1);
    l1[2] = TABLE(l0);
}

/* RW_VA, RO_VA and CLEAN_VA mapped to data[0], data[1] and data[2] */
static inline void sv39_rw_ro_clean(uint64_t data[3][512])
{
    l0[0] = LEAF(data[0], PTE_V | PTE_R | PTE_W | PTE_A | PTE_D);
    l0[1] = LEAF(data[1], PTE_V | PTE_R | PTE_A);
    l0[2] = LEAF(data[2], PTE_V | PTE_R | PTE_W | PTE_A);
}

/* Translation on through `r`, with nothing left of earlier mappings. */
static inline void sv39_on(const uint64_t *r)
{
    csr_write(satp, SV39_SATP(r));
    sfence_all();
}

#endif
