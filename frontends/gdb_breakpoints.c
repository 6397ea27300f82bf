/*
 * frontends/gdb_breakpoints.c — software breakpoints, the way hardware
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
 */
#include <string.h>

#include "cpu/decode.h"
#include "frontends/gdbstub_internal.h"
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

/* Writes the ebreak over the instruction (whose length is bp->len). */
static bool patch(struct gdb_stub *g, const struct gdb_breakpoint *bp)
{
    const uint8_t *code = bp->len == 2 ? c_ebreak_bytes : ebreak_bytes;
    if (mmu_write_bytes(g->cpu->mmu, bp->addr, code, bp->len, 0) != MMU_OK) return false;
    g->cpu->code_changed = 1;
    return true;
}

int gdb_bp_insert(struct gdb_stub *g, uint64_t addr)
{
    if (find(g, addr)) return 0; /* already there: GDB may insert twice */
    if (g->n_bp == GDB_MAX_BREAKPOINTS) return -1;
    struct gdb_breakpoint bp = {.addr = addr};
    uint16_t lo;
    if ((addr & 1) || mmu_read_bytes(g->cpu->mmu, addr, &lo, 2, 0) != MMU_OK) return -2;
    /* The instruction's own length decides, not the kind GDB sends: a wrong
     * guess would cut the next instruction in half. */
    bp.len = (uint8_t)rv_insn_length(lo);
    if (mmu_read_bytes(g->cpu->mmu, addr, bp.orig, bp.len, 0) != MMU_OK || !patch(g, &bp)) return -2;
    g->bp[g->n_bp++] = bp;
    return 0;
}

void gdb_bp_remove(struct gdb_stub *g, uint64_t addr)
{
    struct gdb_breakpoint *bp = find(g, addr);
    if (!bp) return; /* removing an absent one is harmless */
    /* (the page may have been unmapped by the guest since: nothing to restore then) */
    if (mmu_write_bytes(g->cpu->mmu, bp->addr, bp->orig, bp->len, 0) == MMU_OK) g->cpu->code_changed = 1;
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
        if (mmu_read_bytes(g->cpu->mmu, bp->addr, now, bp->len, 0) != MMU_OK) continue;
        memcpy(bp->orig, now, bp->len); /* the debugger's new code is what runs after removal */
        (void)patch(g, bp);
    }
}
