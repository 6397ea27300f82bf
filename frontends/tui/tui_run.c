/*
 * frontends/tui/tui_run.c — run control and keys for `rvdbt tui` (see tui.h).
 *
 * The guest runs only when a key says so, in one of three ways:
 *   s  one instruction, always through the interpreter: the reference
 *      semantics, stepped exactly as the GDB stub steps (gdb_local_step);
 *   n  one translated block: under the jit, the block's own host code runs
 *      once (tx_run_one, as the check engine runs blocks; a block that
 *      loops on itself stays in host code until the loop ends, which is
 *      what translated code does); under the interpreter, its instructions
 *      one by one until control leaves the block;
 *   c  on to a breakpoint: under the jit, the GDB stub's breakpoints (an
 *      ebreak patched in while the guest runs) and the engine at full
 *      speed; under the interpreter, step by step, comparing the pc.
 * Every step through the interpreter is recorded (tui_history.c), so `r`
 * can take it back.  A key stops a run that does not reach a breakpoint.
 */
#include <curses.h>

#include "frontends/tui/curses_dyn.h"
#include "frontends/tui/tui_internal.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "frontends/gdb/gdb_local.h"
#include "translator/check.h"

struct tui *tui_open(const struct tui_options *opt)
{
    struct tui *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "rvdbt: out of memory\n");
        return NULL;
    }
    t->opt = *opt;
    t->real_stdout = t->real_stderr = t->pty_master = t->tty_fd = -1;
    t->use_jit = !opt->interp;
    if (!tui_history_init(&t->hist, opt->history)) {
        fprintf(stderr, "rvdbt: tui: no memory for a history of %u steps\n", opt->history);
        free(t);
        return NULL;
    }
    if (!tui_term_open(t)) {
        tui_free(t);
        return NULL;
    }
    return t;
}

void tui_free(struct tui *t)
{
    if (!t) return;
    tui_term_close(t);
    tui_history_free(&t->hist);
    if (t->dbg) gdb_local_destroy(t->dbg);
    free(t);
}

static bool bp_at(const struct tui *t, uint64_t pc)
{
    for (int i = 0; i < t->n_bp; i++)
        if (t->bp[i] == pc) return true;
    return false;
}

static void toggle_bp(struct tui *t, uint64_t addr)
{
    for (int i = 0; i < t->n_bp; i++)
        if (t->bp[i] == addr) {
            t->bp[i] = t->bp[--t->n_bp];
            snprintf(t->status, sizeof t->status, "breakpoint at %llx removed", (unsigned long long)addr);
            return;
        }
    if (t->n_bp == TUI_MAX_BREAKPOINTS) {
        snprintf(t->status, sizeof t->status, "too many breakpoints (%d)", TUI_MAX_BREAKPOINTS);
        return;
    }
    t->bp[t->n_bp++] = addr;
    snprintf(t->status, sizeof t->status, "breakpoint at %llx", (unsigned long long)addr);
}

/* One instruction through the interpreter, recorded for reverse stepping:
 * 0 done, 1 trapped, -1 interrupted before it ran (as gdb_local_step). */
static int step_recorded(struct tui *t, struct cpu *cpu)
{
    if (t->no_back) {
        t->store_size = 0;
        return gdb_local_step(t->dbg, cpu);
    }
    tui_history_push(&t->hist, cpu);
    t->log.n = 0;
    t->log.overflow = false;
    int r = gdb_local_step(t->dbg, cpu);
    if (r < 0) {
        t->hist.count--; /* nothing ran */
        return r;
    }
    tui_history_stores(&t->hist, &t->log, r == 1 && cpu->trap_cause == RV_CAUSE_ECALL_U);
    t->store_size = t->log.n ? t->log.rec[0].size : 0; /* (the memory pane follows it) */
    t->store_addr = t->log.n ? t->log.rec[0].addr : 0;
    return r;
}

static void stop(struct tui *t, struct cpu *cpu, bool new_block, const char *why)
{
    t->mode = TUI_STOPPED;
    tui_follow_pc(t, cpu, new_block);
    if (why) snprintf(t->status, sizeof t->status, "%s", why);
}

/* Around a run of translated code: no store log (its stores would not
 * reach it anyway), keys watched, and no history from before it. */
static void jit_begin(struct tui *t, struct cpu *cpu)
{
    mmu_set_store_log(cpu->mmu, NULL);
    tui_history_clear(&t->hist);
    tui_watch_keys(t, cpu, true);
}

static void jit_end(struct tui *t, struct cpu *cpu)
{
    tui_watch_keys(t, cpu, false);
    if (!t->no_back) mmu_set_store_log(cpu->mmu, &t->log);
}

void tui_thread_created(struct tui *t)
{
    if (t->no_back || !t->cpu) return;
    t->no_back = "no stepping back once the program has threads (their stores cannot be told apart)";
    mmu_set_store_log(t->cpu->mmu, NULL);
    tui_history_clear(&t->hist);
}

/* A key stopped the run: the request was ours, not a signal's. */
static bool stopped_by_key(struct tui *t, struct cpu *cpu)
{
    if (!t->key_hit) return false;
    t->key_hit = 0;
    cpu_set_exit_request(cpu, 0);
    wgetch((WINDOW *)t->win); /* (the key that stopped it is not a command) */
    stop(t, cpu, true, "stopped by a key");
    return true;
}

static void prompt_address(struct tui *t, const char *prompt, uint64_t fallback, bool *ok, uint64_t *addr)
{
    char buf[40];
    *ok = false;
    if (!tui_prompt(t, prompt, buf, sizeof buf)) return;
    if (!buf[0]) {
        *addr = fallback, *ok = true;
        return;
    }
    char *end;
    *addr = strtoull(buf, &end, 16);
    if (*end) snprintf(t->status, sizeof t->status, "'%s' is not a hex address", buf);
    else *ok = true;
}

static void reverse_step(struct tui *t, struct cpu *cpu)
{
    memcpy(t->prev_x, cpu->x, sizeof t->prev_x);
    t->prev_pc = cpu->pc;
    bool syscall;
    if (!tui_history_pop(t, cpu, &syscall)) {
        snprintf(t->status, sizeof t->status, "%s", t->no_back ? t->no_back
                 : "no step to take back (the history holds the interpreter's steps since the last translated run)");
        return;
    }
    stop(t, cpu, false, NULL);
    snprintf(t->status, sizeof t->status, "stepped back to %llx (%u more)%s", (unsigned long long)cpu->pc,
             t->hist.count, syscall ? ": registers as before the ecall; what the system call did stays done" : "");
}

/* Keys while stopped; returns when the guest is to run (t->mode) or quit. */
static void interact(struct tui *t, struct cpu *cpu)
{
    unsigned seen = ~0u;
    bool dirty = true;
    for (;;) {
        if (dirty || seen != t->console_gen) {
            seen = t->console_gen;
            tui_draw(t, cpu);
            dirty = false;
        }
        int c = tui_get_key(t);
        if (c == ERR) continue;
        dirty = true;
        bool ok;
        uint64_t addr;
        switch (c) {
        case 's': t->mode = TUI_STEP; break;
        case 'n': case 'b': {
            t->mode = TUI_BLOCK;
            struct tx_block_info b = {.pc = cpu->pc, .n_insns = 1, .guest_size = 0};
            if (t->tx) (void)tx_show_block(t->tx, cpu, cpu->pc, &b, NULL);
            t->block_start = cpu->pc;
            t->block_left = b.n_insns ? b.n_insns : 1;
            t->block_end = cpu->pc + b.guest_size;
            break;
        }
        case 'c': t->mode = TUI_CONTINUE, t->cont_fresh = true; break;
        case 'B':
            prompt_address(t, "breakpoint at (hex; Enter: the cursor line): ", t->cursor, &ok, &addr);
            if (ok) toggle_bp(t, addr);
            continue;
        case 'm':
            prompt_address(t, "memory at (hex; Enter: sp): ", cpu->x[2], &ok, &addr);
            if (ok) t->mem_addr = addr & ~7ull;
            continue;
        case 'e':
            t->use_jit = !t->use_jit;
            snprintf(t->status, sizeof t->status, "blocks and continues now run in the %s",
                     t->use_jit ? "translator (jit)" : "interpreter");
            continue;
        case 't': t->show_tlb = !t->show_tlb; continue;
        case 'r': reverse_step(t, cpu); continue;
        case KEY_UP: case 'k': case KEY_DOWN: case 'j':
            for (int i = 0; i < t->dis_lines; i++)
                if (t->dis_addr[i] == t->cursor) {
                    int to = (c == KEY_UP || c == 'k') ? i - 1 : i + 1;
                    if (to >= 0 && to < t->dis_lines) t->cursor = t->dis_addr[to];
                    break;
                }
            continue;
        case 'q': t->mode = TUI_QUIT; return;
        default: continue;
        }
        /* the guest runs: what changes shows against this */
        memcpy(t->prev_x, cpu->x, sizeof t->prev_x);
        t->prev_pc = cpu->pc;
        t->status[0] = 0;
        if (t->mode == TUI_CONTINUE) {
            snprintf(t->status, sizeof t->status, "running in the %s: any key stops it", t->use_jit ? "jit" : "interpreter");
            tui_draw(t, cpu);
        }
        return;
    }
}

static _Noreturn void quit(struct tui *t)
{
    tui_term_close(t);
    fflush(NULL);
    _exit(0);
}

/* The modes, one round each: ENGINE_TRAP/EXIT_REQUEST to return to the frontend, -1 to go on. */
static int run_step(struct tui *t, struct cpu *cpu)
{
    int r = step_recorded(t, cpu);
    if (r < 0) return ENGINE_EXIT_REQUEST;
    if (r > 0) return t->after_trap = true, ENGINE_TRAP;
    stop(t, cpu, false, NULL);
    return -1;
}

static int run_block(struct tui *t, struct cpu *cpu)
{
    if (t->use_jit && t->tx) {
        jit_begin(t, cpu);
        struct tx_block *b;
        int r = tx_run_one(t->tx, cpu, &b);
        jit_end(t, cpu);
        if (stopped_by_key(t, cpu)) return -1;
        if (r == TX_CHECK_TRAP) return t->after_trap = true, ENGINE_TRAP;
        stop(t, cpu, true, NULL);
        return -1;
    }
    for (;;) {
        int r = step_recorded(t, cpu);
        if (r < 0) return ENGINE_EXIT_REQUEST;
        if (r > 0) return t->after_trap = true, ENGINE_TRAP;
        if (--t->block_left == 0 || cpu->pc <= t->block_start || cpu->pc >= t->block_end) {
            stop(t, cpu, true, NULL);
            return -1;
        }
    }
}

static int run_continue(struct tui *t, struct cpu *cpu)
{
    if (t->cont_fresh && bp_at(t, cpu->pc)) { /* leave the breakpoint we stand on first */
        t->cont_fresh = false;
        int r = step_recorded(t, cpu);
        if (r < 0) return ENGINE_EXIT_REQUEST;
        if (r > 0) return t->after_trap = true, ENGINE_TRAP;
    }
    t->cont_fresh = false;
    if (t->use_jit && t->jit) {
        for (int i = 0; i < t->n_bp; i++)
            if (!gdb_local_insert_breakpoint(t->dbg, t->bp[i]))
                snprintf(t->status, sizeof t->status, "breakpoint at %llx: not mapped code, ignored",
                         (unsigned long long)t->bp[i]);
        jit_begin(t, cpu);
        enum engine_stop s = engine_run(t->jit, cpu);
        jit_end(t, cpu);
        bool ours = s == ENGINE_TRAP && gdb_local_stopped_at_breakpoint(t->dbg, cpu);
        gdb_local_remove_breakpoints(t->dbg);
        if (ours) {
            stop(t, cpu, true, NULL);
            snprintf(t->status, sizeof t->status, "breakpoint at %llx", (unsigned long long)cpu->pc);
            return -1;
        }
        if (s == ENGINE_EXIT_REQUEST && stopped_by_key(t, cpu)) return -1;
        if (s == ENGINE_TRAP) t->after_trap = true;
        return (int)s;
    }
    tui_watch_keys(t, cpu, true);
    int r = 0;
    for (unsigned n = 0;; n++) {
        if (bp_at(t, cpu->pc)) {
            tui_watch_keys(t, cpu, false);
            stop(t, cpu, true, NULL);
            snprintf(t->status, sizeof t->status, "breakpoint at %llx", (unsigned long long)cpu->pc);
            return -1;
        }
        if ((r = step_recorded(t, cpu)) != 0) break;
    }
    tui_watch_keys(t, cpu, false);
    if (r < 0) return stopped_by_key(t, cpu) ? -1 : ENGINE_EXIT_REQUEST;
    return t->after_trap = true, ENGINE_TRAP;
}

enum engine_stop tui_run(struct tui *t, struct engine *jit, struct cpu *cpu)
{
    if (!t->dbg) { /* the first call: the guest stands at its first instruction */
        if (!(t->dbg = gdb_local_create(cpu))) {
            tui_term_close(t);
            fprintf(stderr, "rvdbt: out of memory\n");
            exit(1);
        }
        t->cpu = cpu;
        t->jit = jit;
        t->tx = engine_translator(jit);
        /* System mode: a step may change the privilege, CSRs, the translation; none of that is recorded. */
        if (cpu->system) t->no_back = "system mode: no stepping back (privilege and CSRs are not recorded)";
        else mmu_set_store_log(cpu->mmu, &t->log);
        t->mem_addr = cpu->x[2] & ~7ull;
        memcpy(t->prev_x, cpu->x, sizeof t->prev_x);
        t->prev_pc = cpu->pc;
        stop(t, cpu, true, "at the program's first instruction: s step, n block, c continue, q quit");
    }
    for (;;) {
        if (t->after_trap) { /* the frontend handled our trap (a system call): a step is complete */
            t->after_trap = false;
            if (t->mode == TUI_STEP || t->mode == TUI_BLOCK) stop(t, cpu, true, NULL);
        }
        if (t->mode == TUI_STOPPED) interact(t, cpu);
        if (t->mode == TUI_QUIT) quit(t);
        if (cpu_exit_requested(cpu)) return ENGINE_EXIT_REQUEST; /* a signal for the guest comes first */
        int r = t->mode == TUI_STEP ? run_step(t, cpu) : t->mode == TUI_BLOCK ? run_block(t, cpu) : run_continue(t, cpu);
        if (r >= 0) return (enum engine_stop)r;
    }
}

/* The guest cannot run any more: look around, then q. */
static void wait_for_quit(struct tui *t, struct cpu *cpu)
{
    char why[sizeof t->status];
    snprintf(why, sizeof why, "%s", t->status);
    for (;;) {
        interact(t, cpu);
        if (t->mode == TUI_QUIT) break;
        t->mode = TUI_STOPPED;
        snprintf(t->status, sizeof t->status, "%s", why);
    }
    tui_term_close(t);
}

void tui_fatal(struct tui *t, struct cpu *cpu, int host_sig)
{
    if (t->ended) return;
    stop(t, cpu, false, NULL);
    snprintf(t->status, sizeof t->status, "the guest dies of SIG%s at pc %llx: q quits", sigabbrev_np(host_sig),
             (unsigned long long)cpu->pc);
    t->tx = NULL, t->jit = NULL; /* nothing runs any more */
    wait_for_quit(t, cpu);
}

void tui_exited(struct tui *t, int status)
{
    if (t->ended || !t->cpu) return;
    t->tx = NULL, t->jit = NULL; /* the engine is gone */
    stop(t, t->cpu, false, NULL);
    snprintf(t->status, sizeof t->status, "the program exited with status %d: q quits", status);
    wait_for_quit(t, t->cpu);
}
