/*
 * testsuite/system/rt/pte.h — page-table entries for the bare-metal tests
 * that build their own Sv39/Sv48 tables (sv39.c, mmu_log.c, gdb/debugme.c,
 * lab 4's lab4_sv48.c, and sv39_pages.h, the tables cbo_tlb.c, amo_tlb.c and
 * tlb_sets.c share).
 *
 * The bits are the privileged specification's (the Sv39 PTE format; Sv48
 * keeps the same low ten bits); a PTE holds the physical page number
 * shifted to bit 10.  A table entry is V alone: no R, W or X means
 * "the next level".
 */
#ifndef RT_PTE_H
#define RT_PTE_H

#include <stdint.h>

#define PTE_V 1ul
#define PTE_R 2ul
#define PTE_W 4ul
#define PTE_X 8ul
#define PTE_U 16ul
#define PTE_A 64ul
#define PTE_D 128ul
#define LEAF(pa, flags) ((((uint64_t)(pa)) >> 12) << 10 | (flags))
#define TABLE(pa) ((((uint64_t)(pa)) >> 12) << 10 | PTE_V)

#endif
