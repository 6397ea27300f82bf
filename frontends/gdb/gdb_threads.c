/*
 * frontends/gdb/gdb_threads.c — the GDB stub with guest threads (user mode):
 * all-stop run control, as GDB expects from gdbserver.
 *
 * Every guest thread runs under the stub (each calls gdb_stub_run from its
 * own run loop).  When one of them has something to report — a breakpoint, a
 * finished step, a watchpoint, a fatal signal, the debugger's Ctrl-C — it
 * becomes the "reporter": it marks a stop as pending, kicks every other
 * thread out of guest code (their exit_request, which translated code checks
 * at each block boundary and the interpreter before each instruction) and
 * waits until no thread is inside guest code.  The others, back in the stub,
 * park on a condition variable.  Only then does the reporter send the T stop
 * reply naming itself (thread:TID) and talk to GDB; when GDB resumes, it
 * hands each thread its action and wakes them all.
 *
 * A thread blocked in a system call (pthread_join's futex wait, a read) is
 * not in guest code: the reporter does not wait for it, GDB sees the
 * registers it had at its ecall, and it parks when the call returns.  (So a
 * Ctrl-C while every thread is blocked is reported only once one returns.)
 *
 * Resuming: each thread takes the first vCont action that names it or the
 * default one; a thread no action names stays parked (GDB steps one thread
 * over a breakpoint that way, the others stopped).  A plain 's' steps only
 * the Hc thread (or the one that stopped); 'c' continues every thread.  GDB's
 * usual `step`/`next` send vCont;r:TID;c (or s:TID;c): the stepping thread
 * steps while the others run, as on Linux with scheduler-locking off.
 *
 * Two threads may hit breakpoints at once: the first to take the stop
 * reports; the other parks without reporting, its pc still at the ebreak,
 * so after the resume it executes the ebreak again and reports then (if
 * the breakpoint is still there) — the way gdbserver discards and re-hits
 * a breakpoint it cannot report yet.  A finished step that loses the race
 * is dropped (GDB reports the other thread's stop, and cancels the step).
 *
 * New threads register (gdb_stub_thread_start) before clone returns to their
 * parent, so GDB can be told of them at the next stop; they take the default
 * action of the last resume.  A thread that exits leaves the registry;
 * neither sends a stop reply (T replies are for real stops only).
 */
#include <stdlib.h>
#include <string.h>

#include "frontends/gdb/gdbstub_internal.h"

/* ---- the registry ----------------------------------------------------------- */

void gdb_stub_thread_start(struct gdb_stub *g, int tid, struct cpu *cpu, void (*wait_hook)(void *ctx, bool parking),
                           void *hook_ctx)
{
    if (g->forgotten || cpu->system) return;
    struct gdb_thread *t = calloc(1, sizeof *t);
    if (!t) return; /* (out of memory: the thread runs on undebugged) */
    t->tid = tid;
    t->cpu = cpu;
    t->wait_hook = wait_hook;
    t->hook_ctx = hook_ctx;
    pthread_mutex_lock(&g->lock);
    if (!g->threaded) { /* the first thread: it waits for the debugger */
        g->threaded = true;
        g->stop_tid = tid;
        snprintf(g->last_stop, sizeof g->last_stop, "T%02xthread:%x;", GDB_SIGTRAP, (unsigned)tid);
    }
    t->action = g->default_action;
    struct gdb_thread **q = &g->thread_list;
    while (*q) q = &(*q)->next;
    *q = t;
    pthread_mutex_unlock(&g->lock);
}

void gdb_stub_thread_end(struct gdb_stub *g, struct cpu *cpu)
{
    if (g->forgotten || !g->threaded) return;
    pthread_mutex_lock(&g->lock);
    for (struct gdb_thread **q = &g->thread_list; *q; q = &(*q)->next)
        if ((*q)->cpu == cpu) {
            struct gdb_thread *t = *q;
            *q = t->next;
            free(t);
            break;
        }
    /* (the commands' hart for memory access must outlive this thread) */
    if (g->cpu == cpu && g->thread_list) g->cpu = g->thread_list->cpu;
    pthread_mutex_unlock(&g->lock);
}

static struct gdb_thread *find_tid(struct gdb_stub *g, int tid)
{
    for (struct gdb_thread *t = g->thread_list; t; t = t->next)
        if (t->tid == tid) return t;
    return NULL;
}

int gdb_thread_ids(struct gdb_stub *g, int *tids, int max)
{
    int n = 0;
    pthread_mutex_lock(&g->lock);
    for (struct gdb_thread *t = g->thread_list; t && n < max; t = t->next) tids[n++] = t->tid;
    pthread_mutex_unlock(&g->lock);
    return n;
}

bool gdb_thread_alive(struct gdb_stub *g, int tid)
{
    pthread_mutex_lock(&g->lock);
    bool alive = find_tid(g, tid) != NULL;
    pthread_mutex_unlock(&g->lock);
    return alive;
}

bool gdb_thread_read(struct gdb_stub *g, int tid, struct cpu *out)
{
    pthread_mutex_lock(&g->lock);
    struct gdb_thread *t = find_tid(g, tid);
    if (t) memcpy(out, t->cpu, sizeof *out);
    pthread_mutex_unlock(&g->lock);
    return t != NULL;
}

bool gdb_thread_modify(struct gdb_stub *g, int tid, void (*fn)(struct cpu *, void *), void *arg)
{
    pthread_mutex_lock(&g->lock);
    struct gdb_thread *t = find_tid(g, tid);
    bool ok = t && (t->parked || t->tid == g->stop_tid);
    if (ok) fn(t->cpu, arg);
    pthread_mutex_unlock(&g->lock);
    return ok;
}

void gdb_threads_resume_begin(struct gdb_stub *g)
{
    pthread_mutex_lock(&g->lock);
    for (struct gdb_thread *t = g->thread_list; t; t = t->next) t->action = GDB_ACT_PARK;
    g->default_action = GDB_ACT_PARK;
    pthread_mutex_unlock(&g->lock);
}

/* tid -1: every thread without an action yet (and new threads); 0: any
 * thread, which is the one that stopped. */
void gdb_threads_resume_one(struct gdb_stub *g, int tid, enum gdb_action a, uint64_t start, uint64_t end)
{
    pthread_mutex_lock(&g->lock);
    if (tid == 0) tid = g->stop_tid;
    for (struct gdb_thread *t = g->thread_list; t; t = t->next)
        if (t->action == GDB_ACT_PARK && (tid == -1 || t->tid == tid)) {
            t->action = a;
            t->range_start = start, t->range_end = end;
        }
    if (tid == -1 && g->default_action == GDB_ACT_PARK) g->default_action = a == GDB_ACT_STEP ? GDB_ACT_CONT : a;
    pthread_mutex_unlock(&g->lock);
}

/* ---- stopping and resuming --------------------------------------------------- */

/* Waits (holding g->lock, which the wait releases) for the next resume.
 * The check engine's turn is given up meanwhile (the wait hook), or a
 * thread GDB steps could never get it. */
static void park(struct gdb_stub *g, struct gdb_thread *t)
{
    uint64_t gen = g->resume_gen;
    t->parked = true;
    if (t->wait_hook) {
        pthread_mutex_unlock(&g->lock);
        t->wait_hook(t->hook_ctx, true);
        pthread_mutex_lock(&g->lock);
    }
    while (g->resume_gen == gen) pthread_cond_wait(&g->resume_cv, &g->lock);
    t->parked = false;
    if (t->wait_hook) {
        pthread_mutex_unlock(&g->lock);
        t->wait_hook(t->hook_ctx, false);
        pthread_mutex_lock(&g->lock);
    }
}

/* Parks while another thread's stop is pending or GDB keeps this one
 * stopped: before a trap goes to the frontend (a system call must not run
 * while GDB thinks every thread is stopped). */
static void wait_until_running(struct gdb_stub *g, struct gdb_thread *t)
{
    pthread_mutex_lock(&g->lock);
    while ((g->stop_pending && g->reporter != t) || (g->state == GDB_RUNNING && t->action == GDB_ACT_PARK))
        park(g, t);
    pthread_mutex_unlock(&g->lock);
}

/* Takes the stop for thread t: every other thread out of guest code.
 * False if another thread's stop came first (t has parked through it) or
 * there is no debugger any more.  `*input`: the watcher saw a Ctrl-C. */
static bool take_stop(struct gdb_stub *g, struct gdb_thread *t, bool must, bool *input)
{
    *input = false;
    pthread_mutex_lock(&g->lock);
    while (g->stop_pending && g->reporter != t) {
        park(g, t);
        if (!must) {
            pthread_mutex_unlock(&g->lock);
            return false;
        }
    }
    if (g->state != GDB_RUNNING && g->state != GDB_STOPPED) {
        pthread_mutex_unlock(&g->lock);
        return false;
    }
    g->stop_pending = true;
    g->reporter = t;
    for (struct gdb_thread *u = g->thread_list; u; u = u->next)
        if (u != t) __atomic_store_n(&u->cpu->exit_request, 1, __ATOMIC_SEQ_CST);
    bool watching = g->watcher_running;
    g->watcher_running = false;
    pthread_mutex_unlock(&g->lock);
    /* (the watcher takes g->lock to kick the threads: join it unlocked) */
    if (watching && gdb_stop_watcher(g)) *input = gdb_check_input(g, true);
    pthread_mutex_lock(&g->lock);
    while (g->n_in_guest > 0) pthread_cond_wait(&g->gather_cv, &g->lock);
    pthread_mutex_unlock(&g->lock);
    g->cpu = t->cpu;
    g->stop_tid = t->tid;
    g->cont_tid = 0;
    return true;
}

/* After the conversation (or a stop with nothing to report): every thread
 * goes on with its action, and a new watcher waits for the next Ctrl-C. */
static void resume_all(struct gdb_stub *g)
{
    pthread_mutex_lock(&g->lock);
    g->stop_pending = false;
    g->reporter = NULL;
    g->resume_gen++;
    __atomic_store_n(&g->input_ready, 0, __ATOMIC_SEQ_CST);
    if (g->state == GDB_RUNNING && gdb_start_watcher(g)) g->watcher_running = true;
    pthread_cond_broadcast(&g->resume_cv);
    pthread_mutex_unlock(&g->lock);
}

/* t stops with gdb_sig (extra: a "watch:ADDR;" part); false if another
 * thread's stop came first (t's event is dropped, see the top). */
static bool report(struct gdb_stub *g, struct gdb_thread *t, int gdb_sig, const char *extra)
{
    bool input;
    if (!take_stop(g, t, false, &input)) return false;
    gdb_report_stop(g, gdb_sig, extra);
    gdb_serve(g);
    resume_all(g);
    return true;
}

/* The watcher saw input: a Ctrl-C stops every thread (reported by the thread
 * that noticed first); anything else is dropped and the threads go on. */
static void report_input(struct gdb_stub *g, struct gdb_thread *t)
{
    bool input;
    if (!take_stop(g, t, false, &input)) return;
    if (input) {
        gdb_report_stop(g, GDB_SIGINT, NULL);
        gdb_serve(g);
    }
    resume_all(g);
}

void gdb_thread_fatal(struct gdb_stub *g, struct cpu *cpu, int gdb_sig)
{
    pthread_mutex_lock(&g->lock);
    struct gdb_thread *t = g->thread_list;
    while (t && t->cpu != cpu) t = t->next;
    pthread_mutex_unlock(&g->lock);
    bool input;
    if (!t || !take_stop(g, t, true, &input)) return;
    gdb_report_stop(g, gdb_sig, NULL);
    gdb_serve(g); /* returns on continue, step or detach: the guest then dies */
    resume_all(g);
}

/* Step stops where the range ends (an empty range: after one instruction). */
static bool step_ends_at(const struct gdb_thread *t, uint64_t pc) { return pc < t->range_start || pc >= t->range_end; }

/* ---- a thread's run under the stub --------------------------------------------- */

static void leave_guest(struct gdb_stub *g)
{
    pthread_mutex_lock(&g->lock);
    if (--g->n_in_guest == 0) pthread_cond_broadcast(&g->gather_cv);
    pthread_mutex_unlock(&g->lock);
}

enum engine_stop gdb_run_thread(struct gdb_stub *g, struct engine *e, struct cpu *cpu)
{
    pthread_mutex_lock(&g->lock);
    struct gdb_thread *t = g->thread_list;
    while (t && t->cpu != cpu) t = t->next;
    /* (g->state changes only while a stop is pending, or here: read it when none is) */
    bool waiting = !g->stop_pending && g->state == GDB_WAITING;
    pthread_mutex_unlock(&g->lock);
    if (!t) return engine_run(e, cpu); /* (not registered: out of memory) */

    if (waiting) { /* the first thread, before its first instruction */
        gdb_snapshot_auxv(g, cpu);
        if (!gdb_accept_debugger(g)) {
            gdb_drop_connection(g);
            return engine_run(e, cpu);
        }
        g->state = GDB_STOPPED; /* its first question, '?', gets the stop reply */
        pthread_mutex_lock(&g->lock);
        g->stop_pending = true;
        g->reporter = t;
        pthread_mutex_unlock(&g->lock);
        g->cpu = cpu;
        gdb_serve(g);
        resume_all(g);
    }
    char hit[48];
    for (;;) {
        /* Back from a trap of a step (a system call), in the same resume: the step is done. */
        if (t->after_trap) {
            t->after_trap = false;
            pthread_mutex_lock(&g->lock);
            bool same = t->trap_gen == g->resume_gen && t->action == GDB_ACT_STEP;
            pthread_mutex_unlock(&g->lock);
            if (same && step_ends_at(t, cpu->pc)) {
                report(g, t, GDB_SIGTRAP, NULL);
                continue;
            }
        }
        pthread_mutex_lock(&g->lock);
        if (g->stop_pending && g->reporter != t) { /* another thread's stop */
            park(g, t);
            pthread_mutex_unlock(&g->lock);
            continue;
        }
        if (g->state == GDB_DETACHED || g->state == GDB_WAITING) {
            pthread_mutex_unlock(&g->lock);
            return engine_run(e, cpu);
        }
        if (t->action == GDB_ACT_PARK) { /* GDB keeps this thread stopped */
            park(g, t);
            pthread_mutex_unlock(&g->lock);
            continue;
        }
        if (__atomic_load_n(&g->input_ready, __ATOMIC_SEQ_CST)) {
            pthread_mutex_unlock(&g->lock);
            report_input(g, t);
            continue;
        }
        /* A host signal for the guest (or a kick): let the frontend deliver it first. */
        if (cpu_exit_requested(cpu)) {
            pthread_mutex_unlock(&g->lock);
            return ENGINE_EXIT_REQUEST;
        }
        g->n_in_guest++;
        enum gdb_action action = t->action;
        pthread_mutex_unlock(&g->lock);

        if (action == GDB_ACT_CONT && !g->n_wp) { /* the chosen engine, at full speed */
            enum engine_stop stop = engine_run(e, cpu);
            /* (asked while still counted inside guest code: until we leave,
             * no stop is served, so nobody changes the breakpoints) */
            bool ours = stop == ENGINE_TRAP && gdb_is_our_ebreak(g, cpu);
            leave_guest(g);
            if (ours) {
                report(g, t, GDB_SIGTRAP, NULL); /* (lost to another stop: runs the ebreak again) */
                continue;
            }
            if (stop == ENGINE_EXIT_REQUEST) continue; /* a stop to join, a signal, or Ctrl-C: see above */
            wait_until_running(g, t);
            return stop;
        }
        /* A step, or continue with watchpoints: the interpreter, one
         * instruction at a time (a range step goes on inside the range). */
        enum gdb_step_result r;
        do r = gdb_step_one(g, cpu, &t->skip_watch_once, &t->watch_stop_pc, hit, sizeof hit);
        while (r == STEP_DONE && (action == GDB_ACT_CONT || !step_ends_at(t, cpu->pc)));
        bool ours = r == STEP_TRAP && gdb_is_our_ebreak(g, cpu);
        leave_guest(g);
        if (r == STEP_INTERRUPTED) continue;
        if (ours) {
            report(g, t, GDB_SIGTRAP, NULL);
            continue;
        }
        if (r == STEP_TRAP) {
            wait_until_running(g, t);
            pthread_mutex_lock(&g->lock);
            t->after_trap = t->action == GDB_ACT_STEP;
            t->trap_gen = g->resume_gen;
            pthread_mutex_unlock(&g->lock);
            return ENGINE_TRAP;
        }
        if (!report(g, t, GDB_SIGTRAP, r == STEP_WATCH ? hit : NULL) && r == STEP_WATCH)
            t->skip_watch_once = false; /* (not reported: the access is checked again) */
    }
}
