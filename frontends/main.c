/*
 * frontends/main.c — the `rvdbt` command line.
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

#include "frontends/compare.h"
#include "frontends/engine.h"
#include "frontends/gdbstub.h"
#include "frontends/host_fds.h"
#include "frontends/linux_user.h"
#include "frontends/system.h"

#define RVDBT_VERSION "0.1"

extern char **environ;

static const char usage_text[] =
    "usage: rvdbt run [options] PROGRAM [ARGS...]\n"
    "       rvdbt explain [options] PROGRAM [ARGS...]\n"
    "       rvdbt compare [options] PROGRAM [ARGS...]\n"
    "       rvdbt system [options]\n"
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
    "\n"
    "Options for run (they go before PROGRAM; everything after it is the guest's):\n"
    "  --engine=ENGINE         interp: the interpreter (reference semantics)\n"
    "                          jit: translate blocks to x86-64 (default)\n"
    "                          check: run every block translated AND interpreted,\n"
    "                                 stop at the first difference (exit status 3);\n"
    "                                 guest threads then run one at a time, in turns\n"
    "  --no-chain              translator: do not chain blocks (every block returns\n"
    "                          to the dispatcher; no indirect-jump cache)\n"
    "  --no-regcache           translator: keep guest registers in memory only\n"
    "  --no-inline-tlb         translator: every load/store calls the slow path\n"
    "  --no-host-mmu           translator: check each load/store against the\n"
    "                          software TLB instead of letting host page\n"
    "                          protections catch the faults\n"
    "  --no-fusion             translator: do not fuse instruction pairs\n"
    "  --code-cache=SIZE       translator code cache size (e.g. 512K, 32M; default 32M)\n"
    "  --explain               print every translated block on stderr: guest\n"
    "                          instructions, each with the x86-64 code it became\n"
    "  --perf-map              write /tmp/perf-PID.map so that Linux perf names\n"
    "                          samples in translated code by guest pc (rv:ADDR)\n"
    "  --explain-hot N         at exit, print the N blocks that executed the most\n"
    "                          guest instructions, in the --explain view\n"
    "  --stats                 print engine statistics on stderr at exit (the\n"
    "                          translator then counts block executions and\n"
    "                          jump-cache probes in its code, for the hit rates)\n"
    "  --strace                print each guest system call on stderr, like strace\n"
    "  -L DIR                  the riscv64 sysroot: the dynamic loader and every\n"
    "                          absolute path the guest opens are looked up in DIR\n"
    "                          first (default: $RVDBT_SYSROOT)\n"
    "  --argv0 NAME            the guest's argv[0] (default: PROGRAM)\n"
    "  -g PORT                 wait for GDB on 127.0.0.1:PORT before the first\n"
    "                          instruction (gdb-multiarch: target remote :PORT)\n"
    "  -S                      with -g: stay stopped at the first instruction\n"
    "                          (the default with -g; accepted as in qemu-system)\n"
    "  --trace                 log every instruction on stderr in Spike's commit-log\n"
    "                          format (pc, bits, register and memory written);\n"
    "                          runs the interpreter, whatever --engine says\n"
    "  --trace-from ADDR       start the log the first time pc == ADDR (hex)\n"
    "  --trace-count N         log at most N instructions\n"
    "  --trace-file FILE       write the log to FILE instead of stderr\n"
    "  --trace-disasm          end each log line with the disassembly\n"
    "                          (each --trace-* option implies --trace)\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: the guest's own exit status; a guest killed by a signal kills\n"
    "rvdbt with the same signal; 126 if PROGRAM cannot be run (not a RISC-V ELF),\n"
    "127 if it or its dynamic loader does not exist, 2 for a bad command line.\n"
    "\n"
    "Environment:\n"
    "  RVDBT_SYSROOT           the sysroot when -L is not given\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "rvdbt: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'rvdbt --help')\n");
    return 2;
}

/* Matches "--name=value" or "--name value"; advances *i past a separate value. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0) return NULL;
    if (argv[*i][n] == '=') return argv[*i] + n + 1;
    if (argv[*i][n] == 0 && *i + 1 < argc) return argv[++*i];
    return NULL;
}

/* Parses "65536", "64K", "32M", "1G". */
static bool parse_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return false;
    if (*end == 'K' || *end == 'k') v <<= 10, end++;
    else if (*end == 'M' || *end == 'm') v <<= 20, end++;
    else if (*end == 'G' || *end == 'g') v <<= 30, end++;
    if (*end || v < (64u << 10) || v > (1u << 30)) return false;
    *out = (size_t)v;
    return true;
}

/* Parses an address for --trace-from: hex, with or without 0x. */
static bool parse_hex_addr(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 16);
    if (*end || errno) return false;
    *out = v;
    return true;
}

static int cmd_run(int argc, char **argv)
{
    struct run_options opt = {.engine = {.kind = ENGINE_JIT,
                                         .tx = {.chain = true, .regcache = true, .inline_tlb = true, .host_mmu = true,
                                                .fusion = true, .code_cache_size = TX_DEFAULT_CODE_CACHE}}};
    /* Options a re-executed rvdbt (guest execve) must get again: everything
     * but -L and --argv0, which the exec gives itself. */
    static char *rerun[64];
    opt.rerun_args = rerun;
    opt.sysroot = getenv("RVDBT_SYSROOT");
    if (opt.sysroot && !*opt.sysroot) opt.sysroot = NULL;
    int gdb_port = 0;
    bool trace = false, stop_at_start = false;
    const char *trace_file = NULL;
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v;
        int first = i;
        if ((v = option_value(argc, argv, &i, "-L"))) {
            opt.sysroot = v;
            continue;
        }
        if (!strncmp(argv[i], "-L", 2) && argv[i][2]) {
            opt.sysroot = argv[i] + 2;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--argv0"))) {
            opt.argv0 = v;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "-g"))) { /* not for a re-executed rvdbt: one debugger */
            if (!gdb_parse_port(v, &gdb_port)) return usage_error("-g: bad port '%s' (want 1-65535)", v);
            continue;
        }
        if (!strcmp(argv[i], "-S")) { /* stopping at the first instruction is what -g does anyway */
            stop_at_start = true;
            continue;
        }
        /* --trace*: not passed on to a re-executed rvdbt either (an execve'd
         * program is not traced: its log would mix into the same file). */
        if ((v = option_value(argc, argv, &i, "--trace-file"))) {
            trace = true, trace_file = v;
            continue;
        }
        if (!strcmp(argv[i], "--trace") || !strcmp(argv[i], "--trace-disasm")) {
            trace = true;
            if (!strcmp(argv[i], "--trace-disasm")) opt.engine.trace.disasm = true;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--trace-from"))) {
            if (!parse_hex_addr(v, &opt.engine.trace.from))
                return usage_error("--trace-from: '%s' is not a hex address", v);
            trace = opt.engine.trace.has_from = true;
            continue;
        }
        if ((v = option_value(argc, argv, &i, "--trace-count"))) {
            char *end;
            errno = 0;
            opt.engine.trace.count = strtoull(v, &end, 10);
            if (!*v || *end || errno || v[0] == '-' || !opt.engine.trace.count)
                return usage_error("--trace-count: '%s' is not a positive number", v);
            trace = true;
            continue;
        }
        if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(argv[i], "--stats")) {
            opt.stats = true;
        } else if (!strcmp(argv[i], "--strace")) {
            opt.strace = true;
        } else if (!strcmp(argv[i], "--perf-map")) {
            char path[64];
            snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
            if (!(opt.engine.tx.perf_map = fopen(path, "w"))) return usage_error("cannot write '%s'", path);
        } else if (!strcmp(argv[i], "--explain")) {
            opt.engine.tx.explain = stderr;
        } else if (!strcmp(argv[i], "--no-chain")) {
            opt.engine.tx.chain = false;
        } else if (!strcmp(argv[i], "--no-regcache")) {
            opt.engine.tx.regcache = false;
        } else if (!strcmp(argv[i], "--no-inline-tlb")) {
            opt.engine.tx.inline_tlb = false;
        } else if (!strcmp(argv[i], "--no-host-mmu")) {
            opt.engine.tx.host_mmu = false;
        } else if (!strcmp(argv[i], "--no-fusion")) {
            opt.engine.tx.fusion = false;
        } else if ((v = option_value(argc, argv, &i, "--engine"))) {
            if (!engine_parse_kind(v, &opt.engine.kind))
                return usage_error("unknown engine '%s' (available: interp, jit, check)", v);
        } else if ((v = option_value(argc, argv, &i, "--explain-hot"))) {
            char *end;
            unsigned long n = strtoul(v, &end, 10);
            if (*end || !*v || n < 1 || n > 100000)
                return usage_error("bad --explain-hot count '%s' (a number of blocks, at least 1)", v);
            opt.engine.tx.explain_hot = (unsigned)n;
        } else if ((v = option_value(argc, argv, &i, "--code-cache"))) {
            if (!parse_size(v, &opt.engine.tx.code_cache_size))
                return usage_error("bad --code-cache size '%s' (use e.g. 256K, 32M; at least 64K, at most 1G)", v);
        } else if (!strncmp(argv[i], "--engine", 8) || !strncmp(argv[i], "--code-cache", 12) ||
                   !strcmp(argv[i], "--explain-hot") || !strcmp(argv[i], "-L") || !strcmp(argv[i], "--argv0") || !strcmp(argv[i], "-g") ||
                   !strcmp(argv[i], "--trace-from") || !strcmp(argv[i], "--trace-count") ||
                   !strcmp(argv[i], "--trace-file")) {
            return usage_error("%s needs a value", argv[i]);
        } else {
            return usage_error("unknown option '%s'", argv[i]);
        }
        for (int k = first; k <= i && opt.rerun_count < 64; k++) rerun[opt.rerun_count++] = argv[k];
    }
    opt.engine.tx.count = opt.stats; /* the hit-rate counters go into translated code only when asked for */
    if (i >= argc) return usage_error("%s: missing PROGRAM", "run");
    if (stop_at_start && !gdb_port) return usage_error("%s needs -g PORT", "-S");
    if (trace) { /* the log comes from the interpreter */
        opt.engine.kind = ENGINE_INTERP;
        opt.engine.trace.out = stderr;
        if (trace_file && !(opt.engine.trace.out = fopen(trace_file, "w"))) {
            fprintf(stderr, "rvdbt: --trace-file: cannot write '%s': %s\n", trace_file, strerror(errno));
            return 2;
        }
    }
    if (gdb_port && !(opt.gdb = gdb_stub_listen(gdb_port))) return 2;
    if (opt.engine.tx.explain_hot && opt.engine.kind == ENGINE_INTERP)
        return usage_error("%s needs a translating engine (jit or check): the interpreter has no blocks",
                           "--explain-hot");
    struct stat st;
    if (opt.sysroot && (stat(opt.sysroot, &st) || !S_ISDIR(st.st_mode)))
        return usage_error("sysroot '%s' (-L or RVDBT_SYSROOT) is not a directory", opt.sysroot);
    /* Absolute, so it still holds after the guest changes directory and execs. */
    static char sysroot[PATH_MAX];
    if (opt.sysroot && realpath(opt.sysroot, sysroot)) opt.sysroot = sysroot;
    return linux_run_program(argc - i, argv + i, environ, &opt);
}

/* `rvdbt explain ARGS...` is `rvdbt run --explain ARGS...`: the view a student
 * wants most often gets a command of its own. */
static int cmd_explain(int argc, char **argv)
{
    if (argc == 0) return usage_error("%s: missing PROGRAM", "explain");
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

int main(int argc, char **argv)
{
    host_fds_note_inherited(); /* before rvdbt opens anything of its own */
    if (argc < 2) return usage_error("%s", "missing command: usage: rvdbt run [options] PROGRAM [ARGS...]");
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(usage_text, stdout);
        fputs("\n", stdout);
        fputs(system_usage_text, stdout);
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
    return usage_error("unknown command '%s'", argv[1]);
}
