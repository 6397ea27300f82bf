/*
 * frontends/gdb/gdb_local.h — the stub's run-control pieces for a frontend
 * that is its own debugger (`rvdbt tui`): a stub with no connection whose
 * single step, software breakpoints and memory view are used directly, so
 * that the TUI steps and stops exactly as a GDB session would.
 */
#ifndef RVDBT_FRONTENDS_GDB_LOCAL_H
#define RVDBT_FRONTENDS_GDB_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cpu/cpu.h"

struct gdb_stub;

/* A stub without a socket, for `cpu`; NULL if out of memory. */
struct gdb_stub *gdb_local_create(struct cpu *cpu);
void gdb_local_destroy(struct gdb_stub *g);

/* One instruction through the interpreter, as the stub single-steps:
 * 0 done, 1 it trapped (cpu->trap_* set, pc at it), -1 an exit request
 * (a host signal) came first and nothing ran. */
int gdb_local_step(struct gdb_stub *g, struct cpu *cpu);

/* Breakpoints are patched in (an ebreak) only while the guest runs freely:
 * insert each before a continue, remove them all when it stops.  Insert
 * returns false if addr is not mapped code or there are too many. */
bool gdb_local_insert_breakpoint(struct gdb_stub *g, uint64_t addr);
void gdb_local_remove_breakpoints(struct gdb_stub *g);
/* The trap the engine returned is one of those breakpoints. */
bool gdb_local_stopped_at_breakpoint(struct gdb_stub *g, const struct cpu *cpu);

/* Guest memory as the debugger sees it (gdb_memory.c): bytes copied before
 * the first inaccessible page.  A write drops stale translations. */
size_t gdb_local_copy(struct gdb_stub *g, uint64_t addr, void *buf, size_t len, bool write);

#endif
