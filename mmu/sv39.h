/*
 * mmu/sv39.h — the Sv39 page-table walk (privileged spec, section 4.4).
 *
 * Pure function of the page tables in guest memory and a translation
 * context; the only side effect is the hardware update of a leaf PTE's A
 * and D bits.  The soft TLB (mmu/mmu_system.c) calls it on a miss; the
 * unit tests (testsuite/unit/test_sv39.c) call it directly.
 */
#ifndef RVDBT_MMU_SV39_H
#define RVDBT_MMU_SV39_H

#include <stdbool.h>
#include <stdint.h>

#include "mmu/bus.h"

#define SATP_MODE_SHIFT 60
#define SATP_MODE_BARE 0ull
#define SATP_MODE_SV39 8ull
#define SATP_PPN_MASK ((1ull << 44) - 1)

/* PTE bits */
enum {
    PTE_V = 1 << 0, PTE_R = 1 << 1, PTE_W = 1 << 2, PTE_X = 1 << 3,
    PTE_U = 1 << 4, PTE_G = 1 << 5, PTE_A = 1 << 6, PTE_D = 1 << 7,
};

/* Who is asking: the effective privilege of the access (after MPRV) and
 * the mstatus bits that change the permission rules. */
struct sv39_ctx {
    uint64_t satp;
    int priv;  /* enum rv_priv */
    bool sum;  /* S-mode may load/store U pages */
    bool mxr;  /* loads may read execute-only pages */
};

/* A debugger's look (the GDB stub): no permission check and no A/D update,
 * so it neither faults on a page the guest could not touch at this moment
 * nor leaves a trace in the page tables. */
#define SV39_DEBUG 0

/* Translates `va` for an access of kind `access` (one of MMU_READ,
 * MMU_WRITE, MMU_EXEC, or SV39_DEBUG).  With translation off (satp mode bare, or
 * machine mode) pa = va.  Returns MMU_OK with *pa set; MMU_FAULT_PROT for
 * any page fault (invalid or reserved PTE, permission, non-canonical va,
 * misaligned superpage); MMU_FAULT_ACCESS if a PTE is not in memory.
 * *page_size (if not NULL) receives the leaf's size: 4 KiB, 2 MiB or 1 GiB. */
int sv39_translate(const struct bus *bus, const struct sv39_ctx *ctx, uint64_t va, int access, uint64_t *pa,
                   uint64_t *page_size);

/* Someone watching the page walks (`rvdbt system -d mmu`, frontends/system/mmu_log.c):
 * mmu_system.c calls begin and end around each walk of a TLB miss (not the
 * debugger's), and sv39_translate calls pte for every PTE it reads, with the
 * value as read (before an A/D update).  One machine a process: a plain global,
 * NULL when nobody watches (the cost is then one test a PTE). */
struct sv39_observer {
    void (*begin)(void *arg, const struct sv39_ctx *ctx, uint64_t va, int access);
    void (*pte)(void *arg, int level, uint64_t pte_addr, uint64_t pte);
    void (*end)(void *arg, int result, uint64_t pa);
    void *arg;
};
extern const struct sv39_observer *sv39_observer;

#endif
