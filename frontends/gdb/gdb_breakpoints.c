/*
 * frontends/gdb/gdb_breakpoints.c — software breakpoints, the way hardware
 * debuggers do them: the instruction at the address is replaced by an
 * `ebreak` (`c.ebreak` over a compressed instruction) and its original
 * bytes are kept here.
 *
 * Why patching instead of comparing the pc before every instruction: the
 * guest keeps running in whatever engine was chosen, translated code
 * included.  Patching sets cpu->code_changed, the same signal `fence.i`
 * gives, so the translator drops its translations and re-translates the
 * code with the ebreak in it; executing it raises a breakpoint trap with
 * the pc at the breakpoint — precise, in every engine — and the stub turns
 * that trap into a stop.  (GDB inserts breakpoints when the guest resumes
 * and removes them when it stops, so the code cache is flushed at each
 * resume: the price of debugging, paid only while debugging.)
 *
 * While a breakpoint is in place, the debugger must still see the original
 * code: reads are overlaid with the saved bytes, and a debugger write over
 * a breakpoint updates the saved bytes and re-patches.
 *
 * System mode: the address is virtual; the ebreak goes to the physical
 * location it maps to at insertion (bp->loc), and is removed from there
 * even if the guest has switched page tables since.  Writing through
 * gdb_mem_copy_at drops the translated blocks of that one page
 * (translator/sys_code.c), so the kernel's other code stays translated.
 */
#include <string.h>

#include "cpu/decode.h"
#include "frontends/gdb/gdbstub_internal.h"
#include "mmu/mmu.h"

static const uint8_t ebreak_bytes[4] = {0x73, 0x00, 0x10, 0x00}; /* 0x00100073 */
static const uint8_t c_ebreak_bytes[2] = {0x02, 0x90};           /* 0x9002 */

static struct gdb_breakpoint *find(struct gdb_stub *g, uint64_t addr)
{
    for (int i = 0; i < g->n_bp; i++)
        if (g->bp[i].addr == addr) return &g->bp[i];
    return NULL;
}

bool gdb_bp_at(struct gdb_stub *g, uint64_t pc) { return find(g, pc) != NULL; }

bool gdb_bp_is_ours(struct gdb_stub *g, uint64_t pc)
{
    const struct gdb_breakpoint *bp = find(g, pc);
    uint64_t loc;
    return bp && gdb_mem_locate(g, pc, &loc) && loc == bp->loc;
}

/* Writes the ebreak over the instruction (whose length is bp->len). */
static bool patch(struct gdb_stub *g, const struct gdb_breakpoint *bp)
{
    const uint8_t *code = bp->len == 2 ? c_ebreak_bytes : ebreak_bytes;
    uint8_t bytes[4];
    memcpy(bytes, code, bp->len);
    return gdb_mem_copy_at(g, bp->loc, bytes, bp->len, true);
}

int gdb_bp_insert(struct gdb_stub *g, uint64_t addr)
{
    if (find(g, addr)) return 0; /* already there: GDB may insert twice */
    if (g->n_bp == GDB_MAX_BREAKPOINTS) return -1;
    struct gdb_breakpoint bp = {.addr = addr};
    uint16_t lo;
    if ((addr & 1) || !gdb_mem_locate(g, addr, &bp.loc) || !gdb_mem_copy_at(g, bp.loc, &lo, 2, false)) return -2;
    /* The instruction's own length decides, not the kind GDB sends: a wrong
     * guess would cut the next instruction in half.  A 4-byte instruction
     * across a page end gets a c.ebreak over its first half (RV64GC decodes
     * that first), as its second half may live on another physical page. */
    bp.len = (uint8_t)rv_insn_length(lo);
    if (g->cpu->system && (addr & MMU_PAGE_MASK) + bp.len > MMU_PAGE_SIZE) bp.len = 2;
    if (!gdb_mem_copy_at(g, bp.loc, bp.orig, bp.len, false) || !patch(g, &bp)) return -2;
    g->bp[g->n_bp++] = bp;
    return 0;
}

void gdb_bp_remove(struct gdb_stub *g, uint64_t addr)
{
    struct gdb_breakpoint *bp = find(g, addr);
    if (!bp) return; /* removing an absent one is harmless */
    /* (the page may have been unmapped by the guest since: nothing to restore then) */
    (void)gdb_mem_copy_at(g, bp->loc, bp->orig, bp->len, true);
    *bp = g->bp[--g->n_bp];
}

void gdb_bp_remove_all(struct gdb_stub *g)
{
    while (g->n_bp) gdb_bp_remove(g, g->bp[g->n_bp - 1].addr);
}

void gdb_bp_hide(struct gdb_stub *g, uint64_t addr, uint8_t *data, size_t len)
{
    for (int i = 0; i < g->n_bp; i++) {
        const struct gdb_breakpoint *bp = &g->bp[i];
        for (unsigned k = 0; k < bp->len; k++) {
            uint64_t a = bp->addr + k;
            if (a >= addr && a - addr < len) data[a - addr] = bp->orig[k];
        }
    }
}

void gdb_bp_after_write(struct gdb_stub *g, uint64_t addr, size_t len)
{
    for (int i = 0; i < g->n_bp; i++) {
        struct gdb_breakpoint *bp = &g->bp[i];
        if (bp->addr >= addr + len || addr >= bp->addr + bp->len) continue;
        uint8_t now[4];
        if (!gdb_mem_copy_at(g, bp->loc, now, bp->len, false)) continue;
        memcpy(bp->orig, now, bp->len); /* the debugger's new code is what runs after removal */
        (void)patch(g, bp);
    }
}
