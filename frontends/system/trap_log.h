/*
 * frontends/system/trap_log.h — `-d int`: a log line for every trap and interrupt
 * the machine takes in system mode (QEMU's -d int, in rvdbt's words).
 *
 *   int: exception 2 (illegal instruction) at pc 0x80000134 in M, tval 0x30200073 -> M, handler 0x80000010
 *   int: interrupt 5 (supervisor timer) at pc 0xffffffff8000a2c4 in S -> S, handler 0xffffffff80c03e40
 *   int: hart 1: interrupt 1 (supervisor software) at pc ... (with -smp above 1)
 *
 * Cause, where it happened (pc and privilege), mtval/stval, the privilege
 * the trap went to and the handler's pc — what a student needs to follow a
 * kernel's trap path.  Bounded: after `limit` lines one more says so.
 */
#ifndef RVDBT_FRONTENDS_TRAP_LOG_H
#define RVDBT_FRONTENDS_TRAP_LOG_H

#include <stdint.h>
#include <stdio.h>

#include "cpu/cpu.h"

struct trap_log {
    FILE *out;       /* NULL: not logging anything (-d int nor -d mmu) */
    uint64_t limit;  /* lines at most, -d int and -d mmu together */
    uint64_t count;
    bool traps;      /* -d int: log traps (out is shared with -d mmu) */
    bool harts;      /* -smp above 1: name the hart on each line */
};

/* True if one more line may be written to log->out; at the limit, writes the
 * one line that says so (prefixed "TAG: ") and returns false from then on. */
bool trap_log_take(struct trap_log *log, const char *tag);

/* The name of an exception or interrupt cause (the privileged spec's table). */
const char *trap_cause_name(uint64_t cause);

/* Logs one trap: `cause` and `tval` as raised at `pc` in privilege `mode`;
 * `cpu` is the state after the trap was taken (its mode and pc). */
void trap_log_record(struct trap_log *log, uint64_t cause, uint64_t tval, uint64_t pc, int mode,
                     const struct cpu *cpu);

#endif
