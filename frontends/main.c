/*
 * frontends/main.c — the `rvdbt` command line.
 *
 * Parses the subcommand and its options, then hands over to the frontend
 * that implements it.  Every misuse ends with one line on stderr and exit
 * status 2, the convention for command-line errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frontends/linux_user.h"

#define RVDBT_VERSION "0.1"

extern char **environ;

static const char usage_text[] =
    "usage: rvdbt run [options] PROGRAM [ARGS...]\n"
    "       rvdbt --help | --version\n"
    "\n"
    "rvdbt is a RISC-V (RV64GC) emulator for learning how ISA emulation and\n"
    "dynamic binary translation work.\n"
    "\n"
    "Commands:\n"
    "  run PROGRAM [ARGS...]   run a static riscv64 Linux ELF program (user mode)\n"
    "\n"
    "Options for run (they go before PROGRAM; everything after it is the guest's):\n"
    "  --engine=interp         execution engine (only the interpreter exists so far)\n"
    "  --stats                 print engine statistics on stderr at exit\n"
    "  --strace                print each guest system call on stderr\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: the guest's own exit status; a guest killed by a signal kills\n"
    "rvdbt with the same signal; 126 if PROGRAM cannot be run (not a RISC-V ELF),\n"
    "127 if it does not exist, 2 for a bad command line.\n";

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

static int cmd_run(int argc, char **argv)
{
    struct run_options opt = {.engine = "interp"};
    int i = 0;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *v;
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
        } else if ((v = option_value(argc, argv, &i, "--engine"))) {
            if (strcmp(v, "interp") != 0) return usage_error("unknown engine '%s' (available: interp)", v);
            opt.engine = v;
        } else if (!strncmp(argv[i], "--engine", 8)) {
            return usage_error("%s needs a value", "--engine");
        } else {
            return usage_error("unknown option '%s'", argv[i]);
        }
    }
    if (i >= argc) return usage_error("%s: missing PROGRAM", "run");
    return linux_run_program(argc - i, argv + i, environ, &opt);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        fputs(usage_text, stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("rvdbt %s\n", RVDBT_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "run")) return cmd_run(argc - 2, argv + 2);
    return usage_error("unknown command '%s'", argv[1]);
}
