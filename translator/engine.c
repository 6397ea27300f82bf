/*
 * translator/engine.c — the engine switch: interpreter, translator, or both in lockstep.
 */
#include "translator/engine.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "translator/check.h"

struct engine {
    struct engine_options opt;
    struct translator *tx;
    struct trace *trace;   /* --trace (interpreter only) */
};

static const char *const kind_names[] = {"interp", "jit", "check"};

bool engine_parse_kind(const char *name, enum engine_kind *kind)
{
    for (int i = 0; i < 3; i++)
        if (!strcmp(name, kind_names[i])) {
            *kind = (enum engine_kind)i;
            return true;
        }
    return false;
}

const char *engine_kind_name(enum engine_kind kind) { return kind_names[kind]; }

struct engine *engine_create(const struct engine_options *opt)
{
    struct engine *e = calloc(1, sizeof *e);
    if (!e) return NULL;
    e->opt = *opt;
    if (opt->kind != ENGINE_INTERP && !(e->tx = tx_create(&opt->tx))) {
        free(e);
        return NULL;
    }
    if (opt->kind == ENGINE_INTERP && opt->trace.out && !(e->trace = trace_create(&opt->trace))) {
        free(e);
        return NULL;
    }
    return e;
}

void engine_destroy(struct engine *e)
{
    if (!e) return;
    tx_destroy(e->tx);
    trace_destroy(e->trace);
    free(e);
}

void engine_before_fork(struct engine *e)
{
    if (e->tx) (void)tx_before_fork(e->tx); /* (no copy: the child makes a new translator) */
}

void engine_fork_parent(struct engine *e)
{
    if (e->tx) tx_fork_parent(e->tx);
}
void engine_lock_for_fork(void) { tx_lock_for_fork(); }
void engine_unlock_after_fork(bool child) { tx_unlock_after_fork(child); }

bool engine_fork_child(struct engine *e)
{
    if (!e->tx) return true;
    if (tx_fork_child(e->tx)) return true;
    tx_destroy(e->tx); /* unmaps the shared cache in this process only */
    e->tx = tx_create(&e->opt.tx);
    return e->tx != NULL;
}

enum engine_stop engine_run(struct engine *e, struct cpu *cpu)
{
    switch (e->opt.kind) {
    case ENGINE_INTERP:
        if (e->trace) return trace_run(e->trace, cpu) ? ENGINE_TRAP : ENGINE_EXIT_REQUEST;
        if (e->opt.no_interp_blocks) return cpu_run_interp(cpu, UINT64_MAX) ? ENGINE_TRAP : ENGINE_EXIT_REQUEST;
        return cpu_run_interp_blocks(cpu) ? ENGINE_TRAP : ENGINE_EXIT_REQUEST;
    case ENGINE_JIT: return tx_run(e->tx, cpu) ? ENGINE_TRAP : ENGINE_EXIT_REQUEST;
    default:
        switch (tx_run_check(e->tx, cpu)) {
        case TX_CHECK_TRAP: return ENGINE_TRAP;
        case TX_CHECK_EXIT: return ENGINE_EXIT_REQUEST;
        default: return ENGINE_DIVERGED;
        }
    }
}

bool engine_have_dot(void) { return engine_have_program("dot"); }

bool engine_have_program(const char *name)
{
    const char *path = getenv("PATH");
    size_t nlen = strlen(name);
    char dir[4096];
    while (path && *path) {
        size_t len = strcspn(path, ":");
        if (len > 0 && len + nlen + 2 < sizeof dir) {
            memcpy(dir, path, len);
            dir[len] = '/';
            memcpy(dir + len + 1, name, nlen + 1);
            if (access(dir, X_OK) == 0) return true;
        }
        path += len + (path[len] == ':');
    }
    return false;
}

/* --cfg: the DOT text to the file itself, or through `dot -Tsvg` (png, pdf) into it. */
static void write_cfg(struct translator *tx, unsigned n, const char *file)
{
    const char *ext = strrchr(file, '.') + 1; /* (options.c checked the name) */
    bool draw = strcmp(ext, "dot") != 0;
    char tmp[] = "/tmp/rvdbt-cfg.XXXXXX";
    int fd = draw ? mkstemp(tmp) : open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!out) {
        fprintf(stderr, "rvdbt: --cfg: cannot write '%s': %s\n", draw ? tmp : file, strerror(errno));
        if (fd >= 0) close(fd);
        return;
    }
    tx_write_cfg(tx, n, out);
    bool ok = fclose(out) == 0;
    if (ok && draw) {
        char format[8];
        snprintf(format, sizeof format, "-T%s", ext);
        pid_t pid = fork();
        if (pid == 0) {
            int null = open("/dev/null", O_WRONLY);
            if (null >= 0) dup2(null, 1), dup2(null, 2);
            execlp("dot", "dot", format, "-o", file, tmp, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        ok = pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!ok) fprintf(stderr, "rvdbt: --cfg: Graphviz's dot could not draw '%s'\n", file);
        unlink(tmp);
    } else if (!ok) {
        fprintf(stderr, "rvdbt: --cfg: cannot write '%s'\n", file);
    }
}

struct translator *engine_translator(struct engine *e) { return e->tx; }

void engine_print_hot(const struct engine *e, const struct cpu *cpu, FILE *out)
{
    if (e->tx && e->opt.stats_chart) tx_write_stats_charts(e->tx, cpu->instret, e->opt.stats_chart);
    if (!e->tx || !e->opt.tx.explain_hot) return;
    if (!e->opt.hot_text_off) tx_explain_hot(e->tx, e->opt.tx.explain_hot, cpu->instret, out);
    if (e->opt.cfg_file) write_cfg(e->tx, e->opt.tx.explain_hot, e->opt.cfg_file);
}

#if defined(__SANITIZE_THREAD__)
/* ThreadSanitizer's built-in suppressions (it calls this at start-up).  One
 * race is by design: --stats at exit_group (or a deadly signal) sums the
 * counters of threads that are still running, which write them with plain
 * stores on their hot paths (instret, the translator's statistics); the sum
 * is a snapshot (linux_print_stats, through here).  Nothing else is suppressed. */
const char *__tsan_default_suppressions(void);
const char *__tsan_default_suppressions(void) { return "race:linux_print_stats\nrace:engine_add_counts\n"; }
#endif

void engine_add_counts(struct engine_counts *sum, const struct engine *e, const struct cpu *cpu)
{
    /* (relaxed atomic reads: at exit_group the other threads may still be running) */
    sum->instret += __atomic_load_n(&cpu->instret, __ATOMIC_RELAXED);
    if (!e->tx) return;
    const struct tx_stats *s = tx_get_stats(e->tx);
    sum->accesses += tx_memory_accesses(e->tx);
#define ADD(field) sum->tx.field += __atomic_load_n(&s->field, __ATOMIC_RELAXED)
    ADD(blocks_translated); ADD(guest_bytes); ADD(host_bytes); ADD(guest_insns_translated); ADD(helper_insns);
    ADD(flushes); ADD(chained); ADD(dispatches); ADD(indirect_lookups); ADD(indirect_misses);
    ADD(unchecked_blocks); ADD(page_invalidations); ADD(stale_blocks); ADD(host_faults); ADD(cold_blocks_interpreted); ADD(peer_hot_blocks);
    ADD(frm_blocks_interpreted); ADD(counter_bytes); ADD(lookups); ADD(lookup_steps);
#undef ADD
    sum->tx.translate_seconds += s->translate_seconds;
}

void engine_print_stats(const struct engine *e, const struct cpu *cpu, double seconds, FILE *out)
{
    struct engine_counts c;
    memset(&c, 0, sizeof c);
    engine_add_counts(&c, e, cpu);
    engine_print_counts(e, cpu, &c, seconds, out);
}

void engine_print_counts(const struct engine *e, const struct cpu *cpu, const struct engine_counts *c,
                         double seconds, FILE *out)
{
    fprintf(out, "rvdbt: engine: %s\n", engine_kind_name(e->opt.kind));
    fprintf(out, "rvdbt: guest instructions: %llu\n", (unsigned long long)c->instret);
    fprintf(out, "rvdbt: run time: %.3f s, %.1f guest MIPS\n", seconds,
            seconds > 0 ? (double)c->instret / seconds / 1e6 : 0.0);
    uint64_t misses = cpu->mmu->tlb_misses;
    if (!e->tx) {
        fprintf(out, "rvdbt: TLB misses (slow-path entries): %llu\n", (unsigned long long)misses);
        return;
    }
    const struct tx_stats *s = &c->tx;
    /* The denominator counts the accesses of translated code; the misses
     * also include the few of instructions run through the interpreter. */
    uint64_t accesses = c->accesses;
    bool host_mmu = e->opt.tx.host_mmu && e->opt.tx.inline_tlb && !cpu->system;
    fprintf(out, "rvdbt: %s: %llu guest loads/stores in translated code, %llu slow-path entries, hit rate %.2f%%\n",
            host_mmu ? "host MMU" : "TLB", (unsigned long long)accesses, (unsigned long long)misses,
            accesses > misses ? 100.0 * (double)(accesses - misses) / (double)accesses : 0.0);
    if (host_mmu)
        fprintf(out, "rvdbt: host faults sent to a slow path: %llu\n", (unsigned long long)s->host_faults);
    fprintf(out, "rvdbt: blocks translated: %llu (%llu guest instructions, %llu guest bytes -> %llu host bytes, %.1fx)\n",
            (unsigned long long)s->blocks_translated, (unsigned long long)s->guest_insns_translated,
            (unsigned long long)s->guest_bytes, (unsigned long long)s->host_bytes,
            s->guest_bytes ? (double)s->host_bytes / (double)s->guest_bytes : 0.0);
    fprintf(out, "rvdbt: of the host bytes, --stats's counters: %llu (without them: %.1fx)\n",
            (unsigned long long)s->counter_bytes,
            s->guest_bytes ? (double)(s->host_bytes - s->counter_bytes) / (double)s->guest_bytes : 0.0);
    fprintf(out, "rvdbt: instructions translated as interpreter calls: %llu\n", (unsigned long long)s->helper_insns);
    if (e->opt.tx.tiering && !cpu->system)
        fprintf(out, "rvdbt: blocks run in the interpreter while cold (tiering): %llu\n",
                (unsigned long long)s->cold_blocks_interpreted);
    if (cpu->system && e->opt.tx.tiering)
        fprintf(out, "rvdbt: system mode: blocks run in the interpreter while cold: %llu; translated at once because "
                "another hart had (--no-peer-hot): %llu\n",
                (unsigned long long)s->cold_blocks_interpreted, (unsigned long long)s->peer_hot_blocks);
    if (s->frm_blocks_interpreted)
        fprintf(out, "rvdbt: blocks run in the interpreter because frm was not RNE: %llu\n",
                (unsigned long long)s->frm_blocks_interpreted);
    fprintf(out, "rvdbt: code cache flushes: %llu\n", (unsigned long long)s->flushes);
    if (cpu->system)
        fprintf(out, "rvdbt: system mode: code pages written (their blocks dropped): %llu, blocks whose pc maps elsewhere now: %llu\n",
                (unsigned long long)s->page_invalidations, (unsigned long long)s->stale_blocks);
    if (cpu->system)
        fprintf(out, "rvdbt: system mode: block lookup: %zu buckets (--no-sized-tables: %u), %.2f blocks looked at per lookup\n",
                tx_lookup_buckets(e->tx), (unsigned)TX_FIXED_LOOKUP_BUCKETS,
                s->lookups ? (double)s->lookup_steps / (double)s->lookups : 0.0);
    fprintf(out, "rvdbt: chained exits: %llu, returns to the dispatcher: %llu\n", (unsigned long long)s->chained,
            (unsigned long long)s->dispatches);
    fprintf(out, "rvdbt: indirect jumps: %llu, jump-cache hit rate %.1f%%\n", (unsigned long long)s->indirect_lookups,
            s->indirect_lookups ? 100.0 * (double)(s->indirect_lookups - s->indirect_misses) / (double)s->indirect_lookups
                                : 0.0);
    fprintf(out, "rvdbt: time translating: %.3f s (%.1f%% of the run)\n", s->translate_seconds,
            seconds > 0 ? 100.0 * s->translate_seconds / seconds : 0.0);
}
