/*
 * frontends/gdb/gdb_watchpoints.c — which watchpoint an instruction would
 * trigger.  Watchpoints are checked by decoding the next instruction before
 * the interpreter runs it: its access is [x[rs1] + imm, + width) with the
 * width from funct3 (b, h, w, d), and its kind (read, write, both for an
 * AMO) from the instruction table's flags.  The caller (gdbstub.c) stops
 * before the instruction when one is hit, as GDB expects on RISC-V.
 */
#include <stdio.h>

#include "cpu/interp.h"
#include "frontends/gdb/gdbstub_internal.h"


/* The memory range [*addr, *addr + *size) the instruction at pc would access
 * and how (GDB_WATCH_READ / WRITE, or ACCESS for both); 0 if none. */
static int access_of(struct cpu *cpu, uint64_t *addr, uint64_t *size)
{
    struct rv_insn in;
    if (!cpu_fetch_decode(cpu, &in)) return 0; /* it will trap when executed */
    uint16_t flags = rv_insn_info[in.op].flags;
    if (!(flags & (RV_F_LOAD | RV_F_STORE | RV_F_AMO))) return 0;
    *addr = cpu->x[in.rs1] + (uint64_t)((flags & RV_F_AMO) ? 0 : in.imm);
    *size = 1ull << (in.rm & 3); /* funct3's low bits give the width: b, h, w, d */
    if (flags & RV_F_LOAD) return GDB_WATCH_READ;
    if (flags & RV_F_STORE) return GDB_WATCH_WRITE;
    if (in.op == RV_OP_LR_W || in.op == RV_OP_LR_D) return GDB_WATCH_READ;
    if (in.op == RV_OP_SC_W || in.op == RV_OP_SC_D) return GDB_WATCH_WRITE;
    return GDB_WATCH_ACCESS; /* amoswap, amoadd, ...: read and write */
}

/* The watchpoint the instruction at pc triggers, formatted as a stop-reply
 * part ("watch:addr;"), or "" if none. */
void gdb_watch_hit(struct gdb_stub *g, struct cpu *cpu, char *out, size_t size)
{
    out[0] = 0;
    uint64_t a, n;
    int how = access_of(cpu, &a, &n);
    if (!how) return;
    for (int i = 0; i < g->n_wp; i++) {
        const struct gdb_watchpoint *w = &g->wp[i];
        if (a >= w->addr + w->len || w->addr >= a + n) continue;
        bool reads = how != GDB_WATCH_WRITE, writes = how != GDB_WATCH_READ;
        const char *name = NULL;
        if (w->kind == GDB_WATCH_WRITE && writes) name = "watch";
        else if (w->kind == GDB_WATCH_READ && reads) name = "rwatch";
        else if (w->kind == GDB_WATCH_ACCESS) name = "awatch";
        if (!name) continue;
        snprintf(out, size, "%s:%llx;", name, (unsigned long long)w->addr);
        return;
    }
}
