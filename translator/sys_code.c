/*
 * translator/sys_code.c — system mode: keeping translations right without flushing them all.
 *
 * Blocks are looked up by (virtual pc, privilege), but in system mode what a
 * virtual pc means changes (satp, page tables + sfence.vma) and the code
 * under it changes (Linux patches tens of thousands of code sites while
 * booting).  Flushing the whole code cache at every sfence.vma or fence.i
 * would retranslate the kernel over and over, so instead:
 *
 *  - Mapping changes: each block remembers the host address its code came
 *    from (guest RAM is one host buffer).  When the dispatcher finds a block
 *    it checks, through the TLB, that the pc still maps there; if not, the
 *    block is dropped and the pc translated afresh.  Chaining, which skips
 *    the dispatcher, only links blocks of the same virtual page that came
 *    from the same physical page: if the first block of a page was valid
 *    when entered, so are the blocks it chains to.  The indirect-jump cache
 *    is emptied when translations change (sfence.vma, satp).
 *  - Code changes: the pages blocks were translated from are marked in the
 *    MMU (mmu_sys_mark_code); stores to marked pages take the MMU's slow
 *    path, which calls back here (code_written) to drop the blocks of that one
 *    page.  So fence.i needs no work, and invalidation is per page.
 * Dropped blocks are only unlinked; their memory goes at the next full
 * flush (code cache full, or a reset of the machine).
 */
#include <string.h>

#include "mmu/mmu_system.h"
#include "translator/tx_internal.h"

static unsigned page_hash(const struct translator *tx, uintptr_t host_page)
{
    return (unsigned)(host_page >> MMU_PAGE_SHIFT) & tx->page_mask;
}
/* The list a block crossing into host_page2 is on: --no-sized-tables keeps
 * them all on one list (scanned whole at every write to a code page). */
static struct tx_block **cross_list(struct translator *tx, uintptr_t host_page2)
{
    return &tx->cross_hash[tx->opt.sized_tables ? page_hash(tx, host_page2) : 0];
}

/* The MMU's callback: a store hit a page holding translated code. */
static void code_written(void *opaque, uintptr_t host_page)
{
    struct translator *tx = opaque;
    for (struct tx_block *b = tx->page_hash[page_hash(tx, host_page)], *next; b; b = next) {
        next = b->page_next;
        if (b->host_page == host_page) tx_sys_unlink(tx, b);
    }
    for (struct tx_block *b = *cross_list(tx, host_page), *next; b; b = next) {
        next = b->cross_next;
        if (b->host_page2 == host_page) tx_sys_unlink(tx, b);
    }
    tx_jmp_cache_clear(tx);
    tx->stats.page_invalidations++;
}

void tx_sys_attach(struct translator *tx, struct cpu *cpu)
{
    struct mmu_system *s = cpu->mmu->sys;
    tx->system = true;
    tx->sys_mmu = cpu->mmu;
    /* the larger jump caches (before the first block: its probes use the size) */
    tx->jmp_size = TX_SYS_JMP_CACHE_SIZE;
    /* (a full clear: the new entries hold 0, empty but for each privilege's
     * entry 0, now at another place; an unused cache costs only those) */
    tx->n_jmp_filled = TX_JMP_FILLED_MAX + 1;
    tx_jmp_cache_clear(tx);
    tx->seen_memory_generation = s->memory_generation;
    s->code_write = code_written;
    s->code_opaque = tx;
}

/* Host address of the code at virtual pc, through the TLB's fetch tag (filled if needed). */
static bool host_of_pc(struct cpu *cpu, uint64_t pc, uintptr_t *host)
{
    struct tlb_entry *e = mmu_tlb_entry(cpu->mmu, pc);
    if (e->tag_exec != (pc & ~MMU_PAGE_MASK)) {
        uint16_t half;
        if (mmu_fetch16(cpu->mmu, pc & ~1ull, &half) != MMU_OK) return false; /* (parcels are 2-aligned) */
    }
    *host = (uintptr_t)(pc + e->addend);
    return true;
}

void tx_sys_register_block(struct translator *tx, struct cpu *cpu, struct tx_block *b)
{
    uintptr_t first, last;
    /* discover() has just fetched these bytes, so both translations succeed */
    if (!host_of_pc(cpu, b->pc, &first)) return; /* (cannot happen) not on a list: never reused */
    if (!host_of_pc(cpu, b->code_end - 1, &last)) last = first; /* (all of it on pc's page but this tail) */
    b->host_code = first;
    b->host_page = first & ~(uintptr_t)MMU_PAGE_MASK;
    struct tx_block **head = &tx->page_hash[page_hash(tx, b->host_page)];
    b->page_next = *head;
    *head = b;
    mmu_sys_mark_code(cpu->mmu, (const void *)b->host_page);
    uintptr_t page2 = last & ~(uintptr_t)MMU_PAGE_MASK;
    if (page2 != b->host_page) {
        b->host_page2 = page2;
        struct tx_block **cross = cross_list(tx, page2);
        b->cross_next = *cross;
        *cross = b;
        mmu_sys_mark_code(cpu->mmu, (const void *)page2);
    }
}

bool tx_sys_block_valid(struct cpu *cpu, const struct tx_block *b)
{
    uintptr_t host;
    return b->host_page && host_of_pc(cpu, b->pc, &host) && host == b->host_code;
}

bool tx_sys_maps_to(struct cpu *cpu, uint64_t pc, uintptr_t host_code)
{
    uintptr_t host; /* (an unlinked block is never in the recent cache: host_page is not checked) */
    return host_of_pc(cpu, pc, &host) && host == host_code;
}

void tx_sys_unlink(struct translator *tx, struct tx_block *b)
{
    struct tx_recent *recent = &tx->recent[(b->pc >> 1) & (TX_RECENT_SIZE - 1)];
    if (recent->tag && tx_recent_block(recent) == b) *recent = (struct tx_recent){0};
    for (struct tx_block **pp = &tx->hash[tx_block_hash(tx, b->pc)]; *pp; pp = &(*pp)->hash_next)
        if (*pp == b) {
            *pp = b->hash_next;
            break;
        }
    if (b->host_page)
        for (struct tx_block **pp = &tx->page_hash[page_hash(tx, b->host_page)]; *pp; pp = &(*pp)->page_next)
            if (*pp == b) {
                *pp = b->page_next;
                break;
            }
    if (b->host_page2)
        for (struct tx_block **pp = cross_list(tx, b->host_page2); *pp; pp = &(*pp)->cross_next)
            if (*pp == b) {
                *pp = b->cross_next;
                break;
            }
    b->host_page = b->host_page2 = 0;
}

void tx_sys_flush(struct translator *tx)
{
    memset(tx->page_hash, 0, sizeof *tx->page_hash * ((size_t)tx->page_mask + 1));
    memset(tx->cross_hash, 0, sizeof *tx->cross_hash * ((size_t)tx->page_mask + 1));
    if (tx->sys_mmu) mmu_sys_clear_code_marks(tx->sys_mmu);
}

/* A chained jump must go only to a block that is on no page list `from` is
 * not on: a store to a page drops the blocks on its lists, and a block left
 * chained to a dropped one would run its stale code (the page a block
 * crosses into counts too: smc_follow.c). */
bool tx_sys_may_chain(const struct tx_block *from, const struct tx_block *to)
{
    return ((from->pc ^ to->pc) & ~MMU_PAGE_MASK) == 0 && from->host_page != 0 && from->host_page == to->host_page &&
           (to->host_page2 == 0 || to->host_page2 == from->host_page2);
}
