/*
 * frontends/common/options.h — every command-line option of `rvdbt run`, `explain`,
 * `system`, `compare` and `tui`, in one table (options.c).
 *
 * One table means: an option is spelt, documented and checked once; the
 * engine options (--engine, --no-*, --explain, --stats, --trace...) mean the
 * same in user and system mode because one function applies them
 * (options_apply_engine); --help is printed from the table, so it cannot
 * forget an option; and a mistyped option gets a suggestion ("did you mean
 * '--stats'?").  Parsing is getopt_long_only's: `--name`, `--name=value`,
 * `--name value`, and QEMU's single-dash style (`-bios FILE`) all work.
 *
 * To add an option: an enum value here, a row in options.c's table (name,
 * argument, which commands take it, help text), and its effect in the
 * command's switch (or in options_apply_engine for an engine option).
 */
#ifndef RVDBT_FRONTENDS_OPTIONS_H
#define RVDBT_FRONTENDS_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

#include "translator/engine.h"

/* Exit statuses of the rvdbt process itself (a guest's own status passes through). */
enum rvdbt_exit {
    EXIT_CANNOT_START = 1, /* the machine or program cannot be set up */
    EXIT_BAD_USAGE = 2,    /* a bad command line */
    EXIT_DIVERGED = 3,     /* --engine=check found a difference */
    EXIT_WEDGED = 4,       /* system mode: the guest can never make progress */
    EXIT_CANNOT_EXEC = 126, /* user mode: PROGRAM is not a RISC-V program */
    EXIT_NOT_FOUND = 127,  /* user mode: PROGRAM or its dynamic loader does not exist */
};

/* Which commands take an option. */
enum option_scope { FOR_RUN = 1, FOR_SYSTEM = 2, FOR_COMPARE = 4, FOR_TUI = 8 };

enum option_id {
    OPT_END = -1,   /* (options_next) no more options */
    OPT_ERROR = -2, /* (options_next) a bad option: reported, exit with EXIT_BAD_USAGE */
    /* engine options: run and system (options_apply_engine).  The ids start above
     * every character: getopt returns a one-letter option as its character and a
     * missing value as ':', so an id equal to one of those would be misread (when
     * the list grew to 58 entries, --help became ':' and "needed a value"). */
    OPT_ENGINE = 256, OPT_CPU, OPT_NO_CHAIN, OPT_NO_REGCACHE, OPT_NO_INLINE_TLB, OPT_NO_HOST_MMU, OPT_NO_FUSION, OPT_NO_CROSS_PAGE,
    OPT_NO_INLINE_FFLAGS, OPT_NO_INLINE_FMA, OPT_NO_HOIST_FRM, OPT_NO_FP_AVX, OPT_NO_FP_PRELOAD, OPT_NO_FP_DIRECT_MEM,
    OPT_NO_INLINE_SINGLE, OPT_NO_TIERING, OPT_CODE_CACHE, OPT_EXPLAIN, OPT_EXPLAIN_HOT, OPT_CFG, OPT_PERF_MAP, OPT_STATS,
    OPT_STATS_CHART, OPT_TRACE,
    OPT_TRACE_DISASM, OPT_TRACE_FROM, OPT_TRACE_COUNT, OPT_TRACE_FILE, OPT_GDB, OPT_GDB_WAIT,
    OPT_NO_TLB_SETS,
    OPT_NO_MODE_JUMP_CACHES,
    OPT_NO_COLD_STUBS,
    OPT_NO_BOUNDS_REUSE,
    OPT_NO_FP_WRITEBACK, OPT_NO_FP_LAZY_NAN,
    OPT_NO_SYS_FP, OPT_NO_INLINE_MINMAX, OPT_NO_INLINE_BITS, OPT_NO_INLINE_AMO,
    OPT_NO_INTERP_BLOCKS,
    OPT_NO_QUIET_COMPARE,
    OPT_NO_FP_LOOP_NAN,
    OPT_NO_BASE_BOUNDS,
    OPT_NO_SHORT_PROBE,
    OPT_NO_FORWARD_SKIP,
    OPT_NO_FOLLOW_JUMPS,
    OPT_NO_FOLLOW_BRANCHES,
    OPT_NO_FOLLOW_CALLS,
    OPT_NO_ALU_FORMS,
    OPT_NO_LOW_JUMP_CACHE,
    OPT_NO_ODD_TARGET_MISS,
    OPT_NO_PROBE_IN_PLACE,
    OPT_NO_PIN_REGS,
    /* run */
    OPT_STRACE, OPT_SYSROOT, OPT_ARGV0,
    /* system */
    OPT_BIOS, OPT_KERNEL, OPT_INITRD, OPT_APPEND, OPT_RAM, OPT_MACHINE, OPT_SMP, OPT_ACCEL, OPT_NOGRAPHIC, OPT_DISPLAY,
    OPT_FB, OPT_SCREENSHOT, OPT_RUN_FOR, OPT_LOG_ITEMS, OPT_LOG_FILE, OPT_LOG_LIMIT,
    OPT_DRIVE, OPT_DEVICE, OPT_NETDEV, OPT_NIC, OPT_SNAPSHOT, OPT_TUI,
    /* compare */
    OPT_RUNS, OPT_CHART,
    /* tui */
    OPT_HISTORY,
    OPT_HELP,
    /* (newer options, any command: appended here to keep merges simple) */
    OPT_NO_SIZED_TABLES,
    OPT_NO_INPUT_THROTTLE,
    OPT_NO_LATE_TRANSLATE,
    OPT_NO_PAUSE_YIELD,
    OPT_NO_PEER_HOT,
    OPT_NO_SHARED_HEAP,
    OPT_NO_IRQ_CSR_FILTER,
    OPT_NO_BIG_DECODE_CACHE,
    OPT_NO_CSR_IN_BLOCK,
    OPT_NO_INLINE_CBO_ZERO,
    OPT_NO_HUGE_PAGES,
};

/* Walks a command's options (argv[0] is the first option, not a program name).
 * Stops at the first non-option (the guest PROGRAM) or "--". */
struct options_parser {
    enum option_scope scope;
    const char *command; /* "run", "system", "compare": for messages */
    int argc;
    char **argv;
    int next;            /* index in argv of the first argument not yet parsed */
    int first;           /* (after options_next) where the option just returned began */
};
void options_init(struct options_parser *p, enum option_scope scope, const char *command, int argc, char **argv);
/* The next option's id (and its value, or NULL); OPT_END when done (then p->next
 * indexes the first non-option); OPT_ERROR after one line on stderr. */
int options_next(struct options_parser *p, const char **value);

/* Prints "rvdbt: <command>: <message> (try 'rvdbt <command> --help')" and returns EXIT_BAD_USAGE. */
int options_usage_error(const char *command, const char *fmt, const char *arg);

/* Everything the engine options set, beyond struct engine_options. */
struct engine_settings {
    struct engine_options engine;
    bool stats;
    int gdb_port;         /* -g PORT (0: none) */
    bool gdb_wait;        /* -S */
    bool trace;           /* any --trace* option */
    const char *trace_file;
};
/* The defaults: the translator with every optimisation on. */
void options_engine_defaults(struct engine_settings *s);
/* Applies one engine option; false if it is not one (the caller's own), or
 * EXIT_BAD_USAGE reported in *status for a bad value. */
bool options_apply_engine(struct engine_settings *s, int id, const char *value, const char *command, int *status);
/* After all options: --trace makes the engine the interpreter and opens the
 * log, --perf-map opens its file, --explain turns tiering off, ...  Returns 0
 * or an exit status (after one line on stderr). */
int options_finish_engine(struct engine_settings *s, const char *command);

/* The option lines of --help for one scope, generated from the table. */
void options_print_help(FILE *out, enum option_scope scope);

/* For tests: the option in `scope` nearest to `name` (edit distance at most 2), or NULL. */
const char *options_suggest(enum option_scope scope, const char *name);

#endif
