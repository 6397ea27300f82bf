/*
 * translator/engine.h — choosing and running an execution engine.
 *
 * The frontends (user mode, later system mode) do not care how guest code
 * runs: they call engine_run() until it reports a trap, handle the trap
 * (a system call, a signal), and call it again.  The engine is the
 * interpreter, the translator, or the check engine that runs both.
 */
#ifndef RVDBT_FRONTENDS_ENGINE_H
#define RVDBT_FRONTENDS_ENGINE_H

#include <stdbool.h>
#include <stdio.h>

#include "cpu/cpu.h"
#include "cpu/trace.h"
#include "translator/translator.h"

enum engine_kind { ENGINE_INTERP, ENGINE_JIT, ENGINE_CHECK };

struct engine_options {
    enum engine_kind kind;
    struct tx_options tx;  /* translator switches (jit and check) */
    struct trace_options trace; /* --trace: the interpreter logs each instruction */
    const char *cfg_file;  /* --cfg FILE: the hot blocks' graph (.dot, or drawn by dot) */
    bool hot_text_off;     /* --cfg without --explain-hot: count, print no text */
    const char *stats_chart; /* --stats-chart DIR: the instruction-mix and hot-block charts */
    bool no_interp_blocks; /* --no-interp-blocks: the interpreter fetches and decodes one instruction at a time */
    bool small_decode_cache; /* system mode: --no-big-decode-cache (system.c calls cpu_interp_set_decode_cache) */
};

/* True if Graphviz's dot is on PATH (--cfg FILE.svg needs it). */
bool engine_have_dot(void);
/* True if an executable `name` is on PATH (gnuplot for --stats-chart). */
bool engine_have_program(const char *name);

/* Parses "interp", "jit" or "check"; false if unknown. */
bool engine_parse_kind(const char *name, enum engine_kind *kind);
const char *engine_kind_name(enum engine_kind kind);

struct engine;
struct engine *engine_create(const struct engine_options *opt);
void engine_destroy(struct engine *e);

/* Around fork(): the translator's code cache is shared memory (mapped
 * twice, for W^X), so parent and child would write each other's
 * translations.  engine_before_fork (in the parent) copies it; after the
 * fork the child calls engine_fork_child, which makes the copy its own cache
 * and keeps every translation (or, if there is no copy, gets a fresh
 * translator: false if even that fails, out of memory), and the parent
 * calls engine_fork_parent, which drops the copy (also when fork failed). */
void engine_before_fork(struct engine *e);
bool engine_fork_child(struct engine *e);
void engine_fork_parent(struct engine *e);
/* Around the fork itself (before it, then after it in parent and child):
 * the translators' own locks, so that none is held by a thread the child
 * does not have (see tx_lock_for_fork). */
void engine_lock_for_fork(void);
void engine_unlock_after_fork(bool child);

enum engine_stop { ENGINE_TRAP, ENGINE_EXIT_REQUEST, ENGINE_DIVERGED };
/* Runs guest code from cpu->pc until a trap (cpu->trap_* set, pc at the
 * instruction), an exit request, or (check engine) a divergence. */
enum engine_stop engine_run(struct engine *e, struct cpu *cpu);

/* The translator of a jit or check engine (NULL for the interpreter). */
struct translator *engine_translator(struct engine *e);

/* --explain-hot: prints the hottest translated blocks (nothing for the
 * interpreter, which has none); --cfg: writes their graph (a failure is
 * one "rvdbt: --cfg: ..." line on stderr). */
void engine_print_hot(const struct engine *e, const struct cpu *cpu, FILE *out);

/* Prints --stats lines ("rvdbt: ...") for a run of `seconds`. */
void engine_print_stats(const struct engine *e, const struct cpu *cpu, double seconds, FILE *out);

/* The counters of --stats, summable over several engines (user mode: one
 * engine per guest thread). */
struct engine_counts {
    uint64_t instret;
    uint64_t accesses;       /* guest loads/stores in translated code */
    struct tx_stats tx;      /* (all zero for the interpreter) */
};
/* Adds e's counters (the hart `cpu` runs on it) to *sum. */
void engine_add_counts(struct engine_counts *sum, const struct engine *e, const struct cpu *cpu);
/* engine_print_stats with counters summed by engine_add_counts; `e` and `cpu`
 * (any of the engines) give the engine's kind, options and TLB. */
void engine_print_counts(const struct engine *e, const struct cpu *cpu, const struct engine_counts *c,
                         double seconds, FILE *out);

#endif
