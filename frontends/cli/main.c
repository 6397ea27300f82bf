/*
 * frontends/cli/main.c — the `rvdbt` command line.
 *
 * Parses the subcommand and its options, then hands over to the frontend
 * that implements it.  Every misuse ends with one line on stderr and exit
 * status 2, the convention for command-line errors.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpu/isa_ext.h"
#include "frontends/cli/compare.h"
#include "translator/engine.h"
#include "frontends/gdb/gdbstub.h"
#include "frontends/common/host_fds.h"
#include "frontends/linux/linux_user.h"
#include "frontends/common/options.h"
#include "frontends/system/system.h"
#include "frontends/tui/tui.h"

#define RVDBT_VERSION "0.1"

extern char **environ;

static const char usage_head[] =
    "usage: rvdbt run [options] PROGRAM [ARGS...]\n"
    "       rvdbt explain [options] PROGRAM [ARGS...]\n"
    "       rvdbt compare [options] PROGRAM [ARGS...]\n"
    "       rvdbt system [options]\n"
    "       rvdbt tui [options] PROGRAM [ARGS...]\n"
    "       rvdbt --help | --version\n"
    "\n"
    "rvdbt is a RISC-V (RV64GC) emulator for learning how ISA emulation and\n"
    "dynamic binary translation work.\n"
    "\n"
    "Commands:\n"
    "  run PROGRAM [ARGS...]   run a riscv64 Linux ELF program, static or dynamic\n"
    "                          (user mode, like qemu-riscv64)\n"
    "  explain PROGRAM [ARGS...]  the same as run --explain: run it and print every\n"
    "                          translated block, each guest instruction with the\n"
    "                          x86-64 code it became (takes run's options)\n"
    "  compare PROGRAM [ARGS...]  run it under the interpreter, the translator and\n"
    "                          each --no-* switch; check the outputs agree and print\n"
    "                          a speed table ('rvdbt compare --help' for options)\n"
    "  system                  run a whole machine: firmware, kernel, devices\n"
    "                          (system mode, like qemu-system-riscv64 -M virt)\n"
    "  tui PROGRAM [ARGS...]   step it in the terminal: registers, guest code, the\n"
    "                          x86-64 code of its block, memory, its output\n"
    "                          ('rvdbt tui --help' for keys and options)\n"
    "\n"
    "Options for run (they go before PROGRAM; everything after it is the guest's):\n";

static const char usage_tail[] =
    "\n"
    "Exit status: the guest's own exit status; a guest killed by a signal kills\n"
    "rvdbt with the same signal; 126 if PROGRAM cannot be run (not a RISC-V ELF),\n"
    "127 if it or its dynamic loader does not exist, 2 for a bad command line,\n"
    "3 if --engine=check finds a difference.\n"
    "\n"
    "Environment:\n"
    "  RVDBT_SYSROOT           the sysroot when -L is not given\n";

static void print_run_help(void)
{
    fputs(usage_head, stdout);
    options_print_help(stdout, FOR_RUN);
    fputs(usage_tail, stdout);
}

/* Whether an option must be given again to the rvdbt that a guest execve
 * starts: the engine's, not -L and --argv0 (the exec gives those itself),
 * not the debugger's or the trace's (one debugger, one log per run). */
static bool passed_on_exec(int id)
{
    switch (id) {
    case OPT_SYSROOT: case OPT_ARGV0: case OPT_GDB: case OPT_GDB_WAIT: case OPT_TRACE: case OPT_TRACE_DISASM:
    case OPT_TRACE_FROM: case OPT_TRACE_COUNT: case OPT_TRACE_FILE: return false;
    default: return true;
    }
}

static int cmd_run(int argc, char **argv)
{
    /* (static: the guest's exit ends the process from deep inside
     * linux_run_program, and what opt points to must still be reachable then) */
    static struct run_options opt;
    struct engine_settings es;
    options_engine_defaults(&es);
    /* Options a re-executed rvdbt (guest execve) must get again: never more than argc. */
    opt.rerun_args = calloc((size_t)argc + 1, sizeof *opt.rerun_args);
    if (!opt.rerun_args) {
        fprintf(stderr, "rvdbt: out of memory\n");
        return EXIT_CANNOT_START;
    }
    opt.sysroot = getenv("RVDBT_SYSROOT");
    if (opt.sysroot && !*opt.sysroot) opt.sysroot = NULL;
    struct options_parser p;
    options_init(&p, FOR_RUN, "run", argc, argv);
    int id, status;
    const char *v;
    while ((id = options_next(&p, &v)) != OPT_END) {
        if (id == OPT_ERROR) return EXIT_BAD_USAGE;
        if (options_apply_engine(&es, id, v, "run", &status)) {
            if (status) return status;
        } else if (id == OPT_HELP) {
            print_run_help();
            return 0;
        } else if (id == OPT_STRACE) {
            opt.strace = true;
        } else if (id == OPT_SYSROOT) {
            opt.sysroot = v;
        } else if (id == OPT_ARGV0) {
            opt.argv0 = v;
        } else {
            return options_usage_error("run", "option '%s' is not for run", argv[p.first]);
        }
        if (passed_on_exec(id))
            for (int k = p.first; k < p.next; k++) opt.rerun_args[opt.rerun_count++] = argv[k];
    }
    int i = p.next;
    if (i >= argc) return options_usage_error("run", "%s: missing PROGRAM", "run");
    if ((status = options_finish_engine(&es, "run"))) return status;
    opt.engine = es.engine;
    opt.stats = es.stats;
    if (es.gdb_port && !(opt.gdb = gdb_stub_listen(es.gdb_port))) return EXIT_BAD_USAGE;
    struct stat st;
    if (opt.sysroot && (stat(opt.sysroot, &st) || !S_ISDIR(st.st_mode)))
        return options_usage_error("run", "sysroot '%s' (-L or RVDBT_SYSROOT) is not a directory", opt.sysroot);
    /* Absolute, so it still holds after the guest changes directory and execs. */
    static char sysroot[PATH_MAX];
    if (opt.sysroot && realpath(opt.sysroot, sysroot)) opt.sysroot = sysroot;
    return linux_run_program(argc - i, argv + i, environ, &opt);
}

/* `rvdbt explain ARGS...` is `rvdbt run --explain ARGS...`: the view a student
 * wants most often gets a command of its own. */
static int cmd_explain(int argc, char **argv)
{
    if (argc == 0) return options_usage_error("run", "%s: missing PROGRAM", "explain");
    char **args = malloc(sizeof *args * (size_t)(argc + 2));
    if (!args) {
        fprintf(stderr, "rvdbt: out of memory\n");
        return 1;
    }
    args[0] = "--explain";
    memcpy(args + 1, argv, sizeof *args * (size_t)argc);
    args[argc + 1] = NULL;
    int status = cmd_run(argc + 1, args);
    free(args);
    return status;
}

static const char tui_usage_head[] =
    "usage: rvdbt tui [options] PROGRAM [ARGS...]\n"
    "\n"
    "Runs a riscv64 Linux program (user mode) one step at a time in the terminal:\n"
    "registers (the changed ones highlighted), the guest code around pc, the x86-64\n"
    "code the translator made of the current block (the current instruction's part\n"
    "highlighted), memory or the software TLB, and what the program printed (its\n"
    "stdout and stderr go to that pane; its stdin is /dev/null).\n"
    "\n"
    "Keys:\n"
    "  s        one instruction (always the interpreter: the reference semantics)\n"
    "  n or b   one translated block (in the engine shown: jit or interp)\n"
    "  c        continue to a breakpoint (any key stops it)\n"
    "  B        set or clear a breakpoint (at a typed hex address, or the cursor)\n"
    "  j/k      move the cursor in the guest code\n"
    "  e        toggle the engine of n and c: jit / interp\n"
    "  t        the software TLB instead of memory;  m  memory at a typed address\n"
    "  r        step back (the interpreter's last steps: registers and memory)\n"
    "  q        quit\n"
    "\n"
    "Options (before PROGRAM; --engine=interp|jit: what n and c start with):\n";

/* `rvdbt tui PROGRAM`: user mode under the terminal stepper (frontends/tui/). */
static int cmd_tui(int argc, char **argv)
{
    static struct run_options opt; /* (static: see cmd_run) */
    struct engine_settings es;
    options_engine_defaults(&es);
    opt.sysroot = getenv("RVDBT_SYSROOT");
    if (opt.sysroot && !*opt.sysroot) opt.sysroot = NULL;
    struct tui_options to = {.history = 10000};
    struct options_parser p;
    options_init(&p, FOR_TUI, "tui", argc, argv);
    int id, status;
    const char *v;
    while ((id = options_next(&p, &v)) != OPT_END) {
        if (id == OPT_ERROR) return EXIT_BAD_USAGE;
        if (options_apply_engine(&es, id, v, "tui", &status)) {
            if (status) return status;
        } else if (id == OPT_HELP) {
            fputs(tui_usage_head, stdout);
            options_print_help(stdout, FOR_TUI);
            return 0;
        } else if (id == OPT_SYSROOT) {
            opt.sysroot = v;
        } else if (id == OPT_ARGV0) {
            opt.argv0 = v;
        } else if (id == OPT_HISTORY) {
            char *end;
            unsigned long n = strtoul(v, &end, 10);
            if (!*v || *end || *v == '-' || n < 1 || n > 10000000)
                return options_usage_error("tui", "bad --history '%s' (a number of steps, 1 to 10000000)", v);
            to.history = (unsigned)n;
        } else {
            return options_usage_error("tui", "option '%s' is not for tui", argv[p.first]);
        }
    }
    int i = p.next;
    if (i >= argc) return options_usage_error("tui", "%s: missing PROGRAM", "tui");
    if (es.engine.kind == ENGINE_CHECK)
        return options_usage_error("tui", "--engine=%s: the TUI toggles between interp and jit", "check");
    if ((status = options_finish_engine(&es, "tui"))) return status;
    to.interp = es.engine.kind == ENGINE_INTERP;
    to.program = argv[i];
    /* The frontend's engine is the translator, whatever n and c start with:
     * the host-code pane shows its blocks, labelled as --explain labels them. */
    opt.engine = es.engine;
    opt.engine.kind = ENGINE_JIT;
    opt.engine.tx.explain_later = true;
    struct stat st;
    if (opt.sysroot && (stat(opt.sysroot, &st) || !S_ISDIR(st.st_mode)))
        return options_usage_error("tui", "sysroot '%s' (-L or RVDBT_SYSROOT) is not a directory", opt.sysroot);
    static char sysroot[PATH_MAX];
    if (opt.sysroot && realpath(opt.sysroot, sysroot)) opt.sysroot = sysroot;
    if (access(argv[i], F_OK)) { /* before the terminal is taken over: the error is readable */
        fprintf(stderr, "rvdbt: %s: %s\n", argv[i], strerror(errno));
        return EXIT_NOT_FOUND;
    }
    if (!(opt.tui = tui_open(&to))) return EXIT_CANNOT_START;
    status = linux_run_program(argc - i, argv + i, environ, &opt);
    tui_free(opt.tui); /* (the terminal is back already, unless loading failed) */
    return status;
}

int main(int argc, char **argv)
{
    host_fds_note_inherited(); /* before rvdbt opens anything of its own */
    if (argc < 2) return options_usage_error("run", "%s", "missing command: usage: rvdbt run [options] PROGRAM [ARGS...]");
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        print_run_help();
        fputs("\n", stdout);
        system_print_help(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("rvdbt %s\n", RVDBT_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "run")) return cmd_run(argc - 2, argv + 2);
    if (!strcmp(argv[1], "explain")) return cmd_explain(argc - 2, argv + 2);
    if (!strcmp(argv[1], "compare")) return compare_main(argc - 2, argv + 2);
    if (!strcmp(argv[1], "system")) return system_main(argc - 2, argv + 2);
    if (!strcmp(argv[1], "tui")) return cmd_tui(argc - 2, argv + 2);
    return options_usage_error("run", "unknown command '%s'", argv[1]);
}
