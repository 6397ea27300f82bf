/*
 * frontends/cli/compare.c — `rvdbt compare`: the same program under every engine configuration.
 *
 * Runs PROGRAM under the interpreter, the translator, and the translator
 * with each optimisation switched off (--no-chain, --no-regcache,
 * --no-inline-tlb, --no-host-mmu, --no-fusion, --no-tiering, the FP switches; the
 * interpreter with --no-interp-blocks), each in a child
 * rvdbt (compare_run.c).
 * Two questions, in this order:
 *
 *   1. Do they agree?  Every run must print the same stdout and end with
 *      the same status as the interpreter, the reference.  A difference is
 *      reported and makes `compare` exit with status 1 — so it doubles as a
 *      quick differential test of the translator on any program.
 *   2. What does each configuration cost?  A table: run time, guest MIPS,
 *      speed-up over the interpreter, the share of the run spent
 *      translating, and code cache use (blocks, host bytes).  `--chart`
 *      draws the MIPS as a bar chart (compare_chart.c, with gnuplot).
 *
 * Wall times on a shared machine are noisy: `--runs N` keeps the fastest of
 * N runs per configuration, and the guest instruction count (exact, the
 * same for every engine) is the number to trust when times disagree.
 */
#include "frontends/cli/compare.h"
#include "frontends/common/options.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontends/cli/compare_chart.h"
#include "frontends/cli/compare_run.h"

/* The configurations, in the order of the table.  The first is the reference. */
static const struct {
    const char *name;
    const char *options[3];
} configs[] = {
    {"interp", {"--engine=interp", NULL}},
    {"jit", {"--engine=jit", NULL}},
    {"jit --no-chain", {"--engine=jit", "--no-chain", NULL}},
    {"jit --no-regcache", {"--engine=jit", "--no-regcache", NULL}},
    {"jit --no-inline-tlb", {"--engine=jit", "--no-inline-tlb", NULL}},
    {"jit --no-host-mmu", {"--engine=jit", "--no-host-mmu", NULL}},
    {"jit --no-fusion", {"--engine=jit", "--no-fusion", NULL}},
    {"jit --no-tiering", {"--engine=jit", "--no-tiering", NULL}},
    {"jit --no-inline-fflags", {"--engine=jit", "--no-inline-fflags", NULL}},
    {"jit --no-inline-fma", {"--engine=jit", "--no-inline-fma", NULL}},
    {"jit --no-hoist-frm", {"--engine=jit", "--no-hoist-frm", NULL}},
    {"jit --no-fp-avx", {"--engine=jit", "--no-fp-avx", NULL}},
    {"jit --no-fp-preload", {"--engine=jit", "--no-fp-preload", NULL}},
    {"jit --no-fp-direct-mem", {"--engine=jit", "--no-fp-direct-mem", NULL}},
    {"jit --no-inline-single", {"--engine=jit", "--no-inline-single", NULL}},
    {"jit --no-cold-stubs", {"--engine=jit", "--no-cold-stubs", NULL}},
    {"jit --no-bounds-reuse", {"--engine=jit", "--no-bounds-reuse", NULL}},
    {"jit --no-fp-writeback", {"--engine=jit", "--no-fp-writeback", NULL}},
    {"jit --no-fp-lazy-nan", {"--engine=jit", "--no-fp-lazy-nan", NULL}},
    {"jit --no-inline-minmax", {"--engine=jit", "--no-inline-minmax", NULL}},
    {"jit --no-inline-bits", {"--engine=jit", "--no-inline-bits", NULL}},
    {"jit --no-inline-amo", {"--engine=jit", "--no-inline-amo", NULL}},
    {"interp --no-interp-blocks", {"--engine=interp", "--no-interp-blocks", NULL}},
    {"jit --no-quiet-compare", {"--engine=jit", "--no-quiet-compare", NULL}},
    {"jit --no-fp-loop-nan", {"--engine=jit", "--no-fp-loop-nan", NULL}},
    {"jit --no-base-bounds", {"--engine=jit", "--no-base-bounds", NULL}},
    {"jit --no-short-probe", {"--engine=jit", "--no-short-probe", NULL}},
    {"jit --no-forward-skip", {"--engine=jit", "--no-forward-skip", NULL}},
    {"jit --no-follow-jumps", {"--engine=jit", "--no-follow-jumps", NULL}},
    {"jit --no-follow-branches", {"--engine=jit", "--no-follow-branches", NULL}},
    {"jit --no-follow-calls", {"--engine=jit", "--no-follow-calls", NULL}},
    {"jit --no-alu-forms", {"--engine=jit", "--no-alu-forms", NULL}},
    {"jit --no-pin-regs", {"--engine=jit", "--no-pin-regs", NULL}},
    {"jit --no-low-jump-cache", {"--engine=jit", "--no-low-jump-cache", NULL}},
    {"jit --no-odd-target-miss", {"--engine=jit", "--no-odd-target-miss", NULL}},
    {"jit --no-probe-in-place", {"--engine=jit", "--no-probe-in-place", NULL}},
    {"jit --no-huge-pages", {"--engine=jit", "--no-huge-pages", NULL}},
};
#define N_CONFIGS ((int)(sizeof configs / sizeof configs[0]))

static const char help_text[] =
    "usage: rvdbt compare [options] PROGRAM [ARGS...]\n"
    "\n"
    "Runs PROGRAM under the interpreter, the translator, and the translator with\n"
    "each optimisation off (--no-chain, --no-regcache, --no-inline-tlb,\n"
    "--no-host-mmu, --no-fusion, --no-tiering, and the FP ones: --no-inline-fflags,\n"
    "--no-inline-fma, --no-hoist-frm, --no-fp-avx, --no-fp-preload, --no-fp-direct-mem,\n"
    "--no-inline-single, --no-cold-stubs, --no-bounds-reuse, --no-fp-writeback,\n"
    "--no-fp-lazy-nan, --no-inline-minmax, --no-inline-bits, --no-inline-amo), and the interpreter with\n"
    "--no-interp-blocks; then --no-quiet-compare, --no-fp-loop-nan, --no-base-bounds,\n"
    "--no-short-probe, --no-forward-skip, --no-follow-jumps,\n"
    "--no-follow-branches, --no-follow-calls, --no-alu-forms, --no-pin-regs,\n"
    "--no-low-jump-cache, --no-odd-target-miss, --no-probe-in-place,\n"
    "--no-huge-pages;\n"
    "checks that every run prints the same stdout and exits with the same status,\n"
    "and prints a table: time, guest MIPS, speed-up over the interpreter, share of\n"
    "the time spent translating, code cache use.  The guest's stdin is /dev/null.\n"
    "\n"
    "Options (before PROGRAM):\n";
static const char help_tail[] =
    "\n"
    "Exit status: 0 if all runs agree, 1 if they differ (or the chart fails),\n"
    "2 for a bad command line or a program that cannot run at all.\n";

static int usage(const char *fmt, const char *arg) { return options_usage_error("compare", fmt, arg); }

/* Where two outputs first differ (they are known to differ). */
static size_t first_difference(const struct compare_run *a, const struct compare_run *b)
{
    size_t i = 0;
    while (i < a->out_len && i < b->out_len && a->out[i] == b->out[i]) i++;
    return i;
}

/* Prints the line of r's output that contains byte `at` (at most 100 bytes of it). */
static void print_line_at(const char *name, const struct compare_run *r, size_t at)
{
    if (at >= r->out_len) {
        printf("    %-24s (output ends here)\n", name);
        return;
    }
    size_t start = at, end = at;
    while (start > 0 && r->out[start - 1] != '\n') start--;
    while (end < r->out_len && r->out[end] != '\n' && end - start < 100) end++;
    printf("    %-24s %.*s\n", name, (int)(end - start), r->out + start);
}

static void describe_status(const struct compare_run *r, char *buf, size_t len)
{
    if (r->signaled) snprintf(buf, len, "SIG%s", sigabbrev_np(r->code) ? sigabbrev_np(r->code) : "?");
    else snprintf(buf, len, "exit status %d", r->code);
}

/* Compares run r (of configuration `name`) with `ref` (of `ref_name`); prints
 * and counts the differences. */
static int report_differences(const char *name, const struct compare_run *r, const char *ref_name,
                              const struct compare_run *ref)
{
    int diffs = 0;
    if (!r->started) { /* rvdbt itself failed before the guest ran, or crashed */
        printf("DIFFERENT: %s printed no statistics (%s)\n", name,
               r->first_error[0] ? r->first_error : "rvdbt itself crashed?");
        diffs++;
    }
    if (r->out_len != ref->out_len || memcmp(r->out, ref->out, r->out_len) != 0) {
        size_t at = first_difference(ref, r);
        printf("DIFFERENT stdout: %s printed %zu bytes, %s %zu; first difference at byte %zu:\n", name, r->out_len,
               ref_name, ref->out_len, at);
        print_line_at(ref_name, ref, at);
        print_line_at(name, r, at);
        diffs++;
    }
    if (r->signaled != ref->signaled || r->code != ref->code) {
        char a[48], b[48];
        describe_status(r, a, sizeof a);
        describe_status(ref, b, sizeof b);
        printf("DIFFERENT status: %s ended with %s, %s with %s\n", name, a, ref_name, b);
        diffs++;
    }
    return diffs;
}

static void print_table(const struct compare_run *runs)
{
    double ref_seconds = runs[0].seconds;
    printf("%-24s %9s %11s %9s %12s %8s %11s\n", "configuration", "time (s)", "guest MIPS", "speed-up", "translating",
           "blocks", "host bytes");
    for (int i = 0; i < N_CONFIGS; i++) {
        const struct compare_run *r = &runs[i];
        if (!r->started) {
            printf("%-24s (no statistics: see the differences below)\n", configs[i].name);
            continue;
        }
        double mips = r->seconds > 0 ? (double)r->instret / r->seconds / 1e6 : 0;
        char speedup[16] = "-", share[16] = "-", blocks[24] = "-", bytes[24] = "-";
        if (r->seconds > 0 && ref_seconds > 0) snprintf(speedup, sizeof speedup, "%.2fx", ref_seconds / r->seconds);
        if (r->translated) {
            snprintf(share, sizeof share, "%.1f%%", 100.0 * r->translate_share);
            snprintf(blocks, sizeof blocks, "%llu", (unsigned long long)r->blocks);
            snprintf(bytes, sizeof bytes, "%llu", (unsigned long long)r->host_bytes);
        }
        printf("%-24s %9.3f %11.1f %9s %12s %8s %11s\n", configs[i].name, r->seconds, mips, speedup, share, blocks,
               bytes);
    }
}

static int draw_chart(const char *path, const struct compare_run *runs, char **guest_argv)
{
    struct compare_bar bars[N_CONFIGS];
    for (int i = 0; i < N_CONFIGS; i++) {
        const struct compare_run *r = &runs[i];
        bars[i].label = configs[i].name;
        bars[i].mips = r->seconds > 0 ? (double)r->instret / r->seconds / 1e6 : 0;
        bars[i].speedup = r->seconds > 0 && runs[0].seconds > 0 ? runs[0].seconds / r->seconds : 0;
    }
    char title[256], err[300];
    snprintf(title, sizeof title, "rvdbt compare: %s", guest_argv[0]);
    if (!compare_chart_draw(path, title, bars, N_CONFIGS, err, sizeof err)) {
        fprintf(stderr, "rvdbt: compare: --chart %s: %s\n", path, err);
        return 1;
    }
    printf("chart: %s\n", path);
    return 0;
}

int compare_main(int argc, char **argv)
{
    const char *chart = NULL, *sysroot = NULL;
    int runs_per_config = 1;
    struct options_parser p;
    options_init(&p, FOR_COMPARE, "compare", argc, argv);
    int id;
    const char *v;
    while ((id = options_next(&p, &v)) != OPT_END) {
        if (id == OPT_ERROR) return EXIT_BAD_USAGE;
        if (id == OPT_HELP) {
            fputs(help_text, stdout);
            options_print_help(stdout, FOR_COMPARE);
            fputs(help_tail, stdout);
            return 0;
        } else if (id == OPT_CHART) {
            chart = v;
        } else if (id == OPT_SYSROOT) {
            sysroot = v;
        } else if (id == OPT_RUNS) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 1 || n > 100) return usage("bad --runs '%s' (a number from 1 to 100)", v);
            runs_per_config = (int)n;
        } else {
            return usage("option '%s' is not for compare", argv[p.first]);
        }
    }
    int i = p.next;
    if (i >= argc) return usage("%s", "missing PROGRAM");
    char **guest_argv = argv + i;
    if (access(guest_argv[0], R_OK) != 0) return usage("cannot read PROGRAM '%s'", guest_argv[0]);
    if (chart && !compare_chart_available()) {
        fprintf(stderr, "rvdbt: compare: --chart needs gnuplot, which is not installed (apt-get install gnuplot-nox)\n");
        return 1;
    }

    struct compare_run runs[N_CONFIGS];
    int diffs = 0;
    char err[256];
    for (int c = 0; c < N_CONFIGS; c++) {
        for (int rep = 0; rep < runs_per_config; rep++) {
            struct compare_run r;
            if (!compare_run_one(configs[c].options, sysroot, guest_argv, &r, err, sizeof err)) {
                fprintf(stderr, "rvdbt: compare: %s\n", err);
                for (int k = 0; k < c; k++) compare_run_free(&runs[k]);
                return 2;
            }
            if (!r.started && c == 0) { /* the reference did not even load the program: nothing to compare */
                fprintf(stderr, "rvdbt: compare: %s does not run under %s: %s\n", guest_argv[0], configs[c].name,
                        r.first_error[0] ? r.first_error : "no statistics printed");
                compare_run_free(&r);
                for (int k = 0; k < c; k++) compare_run_free(&runs[k]);
                return 2;
            }
            if (rep == 0) {
                runs[c] = r;
                continue;
            }
            /* A repetition must agree with itself too; keep the fastest time. */
            diffs += report_differences(configs[c].name, &r, "its first run", &runs[c]);
            if (r.seconds < runs[c].seconds) {
                compare_run_free(&runs[c]);
                runs[c] = r;
            } else {
                compare_run_free(&r);
            }
        }
    }

    printf("rvdbt compare:");
    for (char **a = guest_argv; *a; a++) printf(" %s", *a);
    printf("  (%d configuration%s, %d run%s each)\n", N_CONFIGS, N_CONFIGS == 1 ? "" : "s", runs_per_config,
           runs_per_config == 1 ? "" : "s");
    print_table(runs);
    for (int c = 1; c < N_CONFIGS; c++)
        diffs += report_differences(configs[c].name, &runs[c], configs[0].name, &runs[0]);
    bool same_count = true;
    for (int c = 1; c < N_CONFIGS; c++) same_count &= runs[c].instret == runs[0].instret;
    char status[48];
    describe_status(&runs[0], status, sizeof status);
    if (diffs == 0)
        printf("all runs agree: same stdout (%zu bytes), same %s\n", runs[0].out_len, status);
    if (!same_count) /* exact counts: a different number of instructions means a different path */
        printf("note: the guest instruction counts differ between configurations\n");
    else
        printf("guest instructions: %llu in every configuration\n", (unsigned long long)runs[0].instret);

    int result = diffs ? 1 : 0;
    if (diffs) fprintf(stderr, "rvdbt: compare: the configurations disagree (%d difference%s, listed above)\n", diffs,
                       diffs == 1 ? "" : "s");
    if (chart && draw_chart(chart, runs, guest_argv)) result = 1;
    for (int c = 0; c < N_CONFIGS; c++) compare_run_free(&runs[c]);
    return result;
}
