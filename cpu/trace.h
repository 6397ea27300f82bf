/*
 * cpu/trace.h — `--trace`: an instruction-by-instruction commit log.
 *
 * The interpreter runs one instruction at a time and, after each one that
 * completes, a line in Spike's commit-log format is written:
 *
 *   core   0: 0 0x0000000000010078 (0x00000513) x10 0x0000000000000000
 *   core   0: 0 0x000000000001007c (0xe022) mem 0x0000007ffffff4c0 0x0000000000000000
 *   core   0: 0 0x0000000000010160 (0x00043283) x5  0x0000000000000019 mem 0x00000000000111a8
 *
 * i.e. hart, privilege (0 user, 1 supervisor, 3 machine; user mode's
 * programs are all 0), pc, the instruction bits as fetched
 * (4 hex digits for a compressed one), then the register it wrote (x or f,
 * with its value), the address it loaded from, and every memory store
 * (address, value sized like the store).  So a log can be diffed against
 * Spike's (`spike --log-commits`), or its pc and register columns against
 * QEMU's `-d cpu` log.  Differences from Spike: CSR side effects (fflags)
 * are not listed, and an instruction that traps is not logged — except
 * `ecall`, which in user mode completes once the system call is done (its
 * result in a0 is the kernel's doing, so no register is listed).
 */
#ifndef RVDBT_CPU_TRACE_H
#define RVDBT_CPU_TRACE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"

struct trace_options {
    FILE *out;         /* NULL: no tracing */
    bool has_from;     /* start logging the first time pc == from */
    uint64_t from;
    uint64_t count;    /* log at most this many instructions; 0: no limit */
    bool disasm;       /* append "  ; disassembly" to each line */
};

struct trace;
/* NULL if out of memory. */
struct trace *trace_create(const struct trace_options *opt);
void trace_destroy(struct trace *t);

/* Runs the interpreter like cpu_run_interp(cpu, UINT64_MAX), logging each
 * instruction inside the window the options give.  True: stopped on a
 * trap; false: an exit request. */
bool trace_run(struct trace *t, struct cpu *cpu);

#endif
