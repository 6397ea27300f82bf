/*
 * frontends/gdb/gdb_local.c — a connectionless stub for `rvdbt tui` (see gdb_local.h).
 */
#include "frontends/gdb/gdb_local.h"

#include <stdlib.h>

#include "frontends/gdb/gdbstub_internal.h"

struct gdb_stub *gdb_local_create(struct cpu *cpu)
{
    struct gdb_stub *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->listen_fd = g->fd = -1;
    g->wake[0] = g->wake[1] = -1;
    g->state = GDB_DETACHED; /* (never talks: nothing to report to) */
    g->cpu = cpu;
    return g;
}

void gdb_local_destroy(struct gdb_stub *g) { free(g); }

bool gdb_local_insert_breakpoint(struct gdb_stub *g, uint64_t addr) { return gdb_bp_insert(g, addr) == 0; }

void gdb_local_remove_breakpoints(struct gdb_stub *g) { gdb_bp_remove_all(g); }

bool gdb_local_stopped_at_breakpoint(struct gdb_stub *g, const struct cpu *cpu)
{
    return cpu->trap_cause == RV_CAUSE_BREAKPOINT && gdb_bp_is_ours(g, cpu->pc);
}

size_t gdb_local_copy(struct gdb_stub *g, uint64_t addr, void *buf, size_t len, bool write)
{
    size_t n = gdb_mem_copy(g, addr, buf, len, write);
    if (!write) gdb_bp_hide(g, addr, buf, n);
    return n;
}
