/*
 * mmu/sv39.c — the Sv39 page-table walk.
 *
 * Three levels of 512 eight-byte PTEs; a virtual address is
 *   [63:39] copies of bit 38 | VPN[2] 9 bits | VPN[1] 9 | VPN[0] 9 | offset 12
 * A PTE with R or X set is a leaf; at level 2 or 1 it maps a 1 GiB or 2 MiB
 * superpage, whose low PPN fields must then be zero.  The steps follow the
 * specification's algorithm (section 4.3.2) in order, so each fault can be
 * traced back to the sentence that demands it.
 */
#include "mmu/sv39.h"

#include <string.h>

#include "cpu/priv_state.h"
#include "mmu/mmu.h"

#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK ((1ull << 44) - 1)
#define PTE_RESERVED_MASK (~0ull << 54) /* N, PBMT and reserved bits: we implement none of them */

const struct sv39_observer *sv39_observer;

static bool leaf_allows(const struct sv39_ctx *ctx, uint64_t pte, int access)
{
    if (pte & PTE_U) {
        if (ctx->priv == RV_PRIV_S && (access == MMU_EXEC || !ctx->sum)) return false;
    } else if (ctx->priv == RV_PRIV_U) {
        return false;
    }
    switch (access) {
    case MMU_EXEC: return pte & PTE_X;
    case MMU_WRITE: return pte & PTE_W;
    default: return (pte & PTE_R) || (ctx->mxr && (pte & PTE_X));
    }
}

int sv39_translate(const struct bus *bus, const struct sv39_ctx *ctx, uint64_t va, int access, uint64_t *pa,
                   uint64_t *page_size)
{
    if (page_size) *page_size = MMU_PAGE_SIZE;
    if (ctx->priv == RV_PRIV_M || (ctx->satp >> SATP_MODE_SHIFT) != SATP_MODE_SV39) {
        *pa = va;
        return MMU_OK;
    }
    /* bits 63:39 must all equal bit 38 */
    if ((uint64_t)((int64_t)(va << 25) >> 25) != va) return MMU_FAULT_PROT;

    uint64_t table = (ctx->satp & SATP_PPN_MASK) << MMU_PAGE_SHIFT;
    for (int level = 2; level >= 0; level--) {
        unsigned vpn = (unsigned)(va >> (MMU_PAGE_SHIFT + 9 * level)) & 511;
        uint64_t pte_addr = table + 8ull * vpn;
        uint8_t *p = bus_ram_ptr(bus, pte_addr, 8, false);
        if (!p) return MMU_FAULT_ACCESS;
        uint64_t pte = __atomic_load_n((const uint64_t *)p, __ATOMIC_RELAXED); /* (other harts may write it) */
        if (sv39_observer && access != SV39_DEBUG) sv39_observer->pte(sv39_observer->arg, level, pte_addr, pte);
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & PTE_RESERVED_MASK)) return MMU_FAULT_PROT;
        uint64_t ppn = (pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK;
        if (!(pte & (PTE_R | PTE_X))) { /* pointer to the next level */
            table = ppn << MMU_PAGE_SHIFT;
            continue;
        }
        if (access != SV39_DEBUG && !leaf_allows(ctx, pte, access)) return MMU_FAULT_PROT;
        uint64_t low_ppn_mask = (1ull << (9 * level)) - 1;
        if (ppn & low_ppn_mask) return MMU_FAULT_PROT; /* misaligned superpage */
        /* Hardware A/D update (as QEMU does): set A, and D for a store. */
        uint64_t want = PTE_A | (access == MMU_WRITE ? PTE_D : 0);
        if (access != SV39_DEBUG && (pte & want) != want) {
            uint8_t *w = bus_ram_ptr(bus, pte_addr, 8, true);
            if (!w) return MMU_FAULT_ACCESS;
            /* atomically, and only if the PTE is unchanged: another hart (or
             * the OS on it) may be rewriting it; if so, walk again */
            if (!__atomic_compare_exchange_n((uint64_t *)w, &pte, pte | want, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
                return sv39_translate(bus, ctx, va, access, pa, page_size);
            pte |= want;
        }
        uint64_t offset_mask = (MMU_PAGE_SIZE << (9 * level)) - 1;
        *pa = (ppn << MMU_PAGE_SHIFT & ~offset_mask) | (va & offset_mask);
        if (page_size) *page_size = offset_mask + 1;
        return MMU_OK;
    }
    return MMU_FAULT_PROT; /* level 0 PTE was a pointer */
}
