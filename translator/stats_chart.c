/*
 * translator/stats_chart.c — `--stats-chart=DIR`: two bar charts of a run, drawn by gnuplot.
 *
 *   DIR/insn-mix.svg    the guest instructions executed, by mnemonic (the 20 most frequent)
 *   DIR/hot-blocks.svg  the guest instructions executed in each of the 16 hottest blocks
 *
 * Next to each SVG are its data (.dat) and its gnuplot script (.gp), kept so a
 * student can restyle a chart: `cd DIR && gnuplot insn-mix.gp`.
 *
 * Both charts come from the counters --stats already has translated code keep
 * (translate.c, slow_paths.c): each block's entries (hot_count), the departures
 * through each side exit and each inner jump.  Instruction k of a block ran
 * once per entry, less the departures that skipped it: a side exit skips
 * everything after its branch, an inner jump the instructions it jumps over.
 * That is exact for blocks still in the code cache at exit; a code-cache flush
 * forgets the blocks before it (the title says so), and an instruction after
 * a load or store that trapped is counted as run (traps are rare).  Mnemonics
 * are cpu/insn_table.h's (objdump -M no-aliases: `addi`, not `li`; a compressed
 * instruction under the name of the one it expands to).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu/decode.h"
#include "translator/tx_internal.h"

#define MIX_BARS 20
#define HOT_BARS 16

/* Adds to counts[op] how often each instruction of b ran. */
static void add_block_mix(const struct tx_block *b, uint64_t *counts)
{
    for (int k = 0; k < b->n_insns; k++) {
        uint64_t n = b->hot_count;
        for (int i = 0; i < b->n_exits; i++)
            if (b->exits[i].skipped_insns && k >= b->n_insns - (int)b->exits[i].skipped_insns) n -= b->exits[i].hot_count;
        for (int i = 0; i < b->n_inner; i++)
            if (k > b->inner_at[i] && k <= b->inner_at[i] + (int)b->inner_skipped[i]) n -= b->inner_count[i];
        counts[b->insns[k].op] += n;
    }
}

static int by_executed(const void *x, const void *y)
{
    uint64_t a = tx_block_executed(*(const struct tx_block *const *)x);
    uint64_t b = tx_block_executed(*(const struct tx_block *const *)y);
    return a < b ? 1 : a > b ? -1 : 0;
}

struct bar {
    char label[48];
    uint64_t value;
};

static int by_value(const void *x, const void *y)
{
    const struct bar *a = x, *b = y;
    return a->value < b->value ? 1 : a->value > b->value ? -1 : strcmp(a->label, b->label);
}

/* Writes s as a gnuplot single-quoted string (a quote is written twice). */
static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        fputc(*s, f);
    }
    fputc('\'', f);
}

/* Writes NAME.dat and NAME.gp in dir, runs gnuplot there; false (and a message) if it could not.
 * (The labels in NAME.dat are mnemonics and addresses: no quotes in them.) */
static bool draw(const char *dir, const char *name, const char *title, const char *ylabel, const struct bar *bars,
                 int n)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.dat", dir, name);
    FILE *d = fopen(path, "we");
    if (!d) goto cannot_write;
    fprintf(d, "# %s\n# label  count\n", title);
    for (int i = 0; i < n; i++) fprintf(d, "\"%s\" %llu\n", bars[i].label, (unsigned long long)bars[i].value);
    if (fclose(d) != 0) goto cannot_write;
    snprintf(path, sizeof path, "%s/%s.gp", dir, name);
    FILE *s = fopen(path, "we");
    if (!s) goto cannot_write;
    fprintf(s,
            "# written by rvdbt --stats-chart; redraw with: gnuplot %s.gp (in this directory)\n"
            "set terminal svg size 900,520 dynamic font 'sans,12' background rgb 'white'\n"
            "set output '%s.svg'\n",
            name, name);
    fputs("set title ", s);
    put_quoted(s, title);
    fputs(" noenhanced\nset ylabel ", s);
    put_quoted(s, ylabel);
    fprintf(s,
            " noenhanced\n"
            "set style data histograms\n"
            "set style fill solid 0.85 border -1\n"
            "set boxwidth 0.8\n"
            "set yrange [0:*]\n"
            "set offsets 0, 0, graph 0.08, 0\n"
            "set grid ytics\n"
            "set format y '%%.0s%%c'\n"
            "set xtics noenhanced rotate by -35\n"
            "unset key\n"
            "plot '%s.dat' using 2:xtic(1) lc rgb '#3a6fb0'\n",
            name);
    if (fclose(s) != 0) goto cannot_write;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) dup2(null, 1), dup2(null, 2);
        if (chdir(dir) == 0) {
            snprintf(path, sizeof path, "%s.gp", name);
            execlp("gnuplot", "gnuplot", path, (char *)NULL);
        }
        _exit(127);
    }
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    fprintf(stderr, "rvdbt: --stats-chart: gnuplot could not draw %s/%s.svg (try: cd %s && gnuplot %s.gp)\n", dir,
            name, dir, name);
    return false;
cannot_write:
    fprintf(stderr, "rvdbt: --stats-chart: cannot write '%s': %s\n", path, strerror(errno));
    return false;
}

void tx_write_stats_charts(struct translator *tx, uint64_t instret, const char *dir)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "rvdbt: --stats-chart: cannot create the directory '%s': %s\n", dir, strerror(errno));
        return;
    }
    char note[120] = "";
    if (tx->stats.flushes)
        snprintf(note, sizeof note, " (%llu code-cache flushes: only blocks since the last)",
                 (unsigned long long)tx->stats.flushes);

    /* the instruction mix */
    static uint64_t counts[RV_OP_COUNT];
    memset(counts, 0, sizeof counts);
    uint64_t counted = 0;
    for (size_t i = 0; i < tx->n_all; i++) add_block_mix(tx->all[i], counts);
    struct bar mix[RV_OP_COUNT];
    int n = 0;
    for (int op = 0; op < RV_OP_COUNT; op++) {
        counted += counts[op];
        if (!counts[op]) continue;
        snprintf(mix[n].label, sizeof mix[n].label, "%s", op ? rv_insn_info[op].mnemonic : "(illegal)");
        mix[n++].value = counts[op];
    }
    qsort(mix, (size_t)n, sizeof *mix, by_value);
    char title[300];
    snprintf(title, sizeof title, "instruction mix: %llu of the run's %llu guest instructions ran in translated code%s",
             (unsigned long long)counted, (unsigned long long)instret, note);
    draw(dir, "insn-mix", title, "guest instructions executed", mix, n < MIX_BARS ? n : MIX_BARS);

    /* the hottest blocks */
    struct tx_block **sorted = malloc(sizeof *sorted * (tx->n_all ? tx->n_all : 1));
    if (!sorted) return;
    memcpy(sorted, tx->all, sizeof *sorted * tx->n_all);
    qsort(sorted, tx->n_all, sizeof *sorted, by_executed);
    struct bar hot[HOT_BARS];
    int h = 0;
    for (size_t i = 0; i < tx->n_all && h < HOT_BARS; i++, h++) {
        snprintf(hot[h].label, sizeof hot[h].label, "0x%llx, %u insns", (unsigned long long)sorted[i]->pc,
                 sorted[i]->n_insns);
        hot[h].value = tx_block_executed(sorted[i]);
    }
    free(sorted);
    snprintf(title, sizeof title, "the %d hottest of %zu blocks: guest instructions executed in each%s", h, tx->n_all,
             note);
    draw(dir, "hot-blocks", title, "guest instructions executed", hot, h);
}
