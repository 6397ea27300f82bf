/*
 * frontends/gdb/gdbstub.c — the GDB stub's run control: how the guest runs while
 * a debugger is attached (the strategy is explained in gdbstub.h and
 * docs/architecture.md), and the frontends' hooks (fatal fault, exit, kill,
 * fork; the machine's sleep in wfi).  The socket and the conversation are in
 * gdb_conn.c, what each packet does in gdb_commands.c, the wire format in
 * gdb_packets.c, memory as the debugger sees it in gdb_memory.c.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/interp.h"
#include "frontends/gdb/gdb_local.h"
#include "frontends/gdb/gdbstub_internal.h"
#include "mmu/mmu.h"

/* Executes one instruction with the interpreter — unless it would touch a
 * watched range: then it is not executed, `hit` names the watchpoint and the
 * result is STEP_WATCH.  Stopping *before* the access is what GDB expects on
 * RISC-V (it marks watchpoints "non-steppable", as the RISC-V debug
 * triggers fire before the instruction): GDB then removes the watchpoints,
 * steps over the instruction itself and compares the old and new values.
 * The first instruction after a watchpoint stop is not checked again, so a
 * client that resumes without stepping over it still makes progress. */
enum gdb_step_result gdb_step_one(struct gdb_stub *g, struct cpu *cpu, bool *skip_once, uint64_t *skip_pc, char *hit,
                                  size_t hit_size)
{
    hit[0] = 0;
    bool skip = *skip_once && cpu->pc == *skip_pc;
    if (g->n_wp && !skip) gdb_watch_hit(g, cpu, hit, hit_size);
    if (hit[0]) {
        *skip_once = true;
        *skip_pc = cpu->pc;
        return STEP_WATCH;
    }
    *skip_once = false;
    uint64_t before = cpu->instret;
    if (cpu_run_interp(cpu, 1)) return STEP_TRAP;
    /* No trap and nothing retired: a host signal raised exit_request first. */
    return cpu->instret == before ? STEP_INTERRUPTED : STEP_DONE;
}

static enum gdb_step_result step_one(struct gdb_stub *g, struct cpu *cpu, char *hit, size_t hit_size)
{
    return gdb_step_one(g, cpu, &g->skip_watch_once, &g->watch_stop_pc, hit, hit_size);
}

/* Continue while watchpoints exist: the interpreter, one instruction at a
 * time, checking each load and store before it runs. */
static enum engine_stop run_checked(struct gdb_stub *g, struct cpu *cpu)
{
    char hit[48];
    for (unsigned n = 0;; n++) {
        if ((n & 4095) == 4095 && gdb_check_input(g, false)) {
            gdb_report_stop(g, GDB_SIGINT, NULL);
            return ENGINE_EXIT_REQUEST;
        }
        if (g->state != GDB_RUNNING) return ENGINE_EXIT_REQUEST; /* the debugger hung up */
        switch (step_one(g, cpu, hit, sizeof hit)) {
        case STEP_TRAP: return ENGINE_TRAP;
        case STEP_INTERRUPTED: return ENGINE_EXIT_REQUEST;
        case STEP_WATCH: gdb_report_stop(g, GDB_SIGTRAP, hit); return ENGINE_EXIT_REQUEST;
        case STEP_DONE: break;
        }
    }
}

/* Continue with nothing to check: the chosen engine, with the watcher. */
static enum engine_stop run_free(struct gdb_stub *g, struct engine *e, struct cpu *cpu)
{
    if (gdb_check_input(g, false)) { /* a Ctrl-C already waiting */
        g->pending_interrupt = true;
        return ENGINE_EXIT_REQUEST;
    }
    if (g->state != GDB_RUNNING) return ENGINE_EXIT_REQUEST;
    g->skip_watch_once = false; /* GDB stepped over the access its own way */
    /* System mode needs no watcher: the machine's 1 ms tick brings the
     * engine back to its loop, and so here (the poll above), that often. */
    if (cpu->system) return engine_run(e, cpu);
    if (!gdb_start_watcher(g)) return engine_run(e, cpu); /* no thread: no Ctrl-C, still correct */
    enum engine_stop stop = engine_run(e, cpu);
    if (gdb_stop_watcher(g) && gdb_check_input(g, true)) g->pending_interrupt = true;
    return stop;
}

/* A breakpoint trap at one of the debugger's breakpoints (a guest's own
 * ebreak elsewhere is the guest's business: SIGTRAP). */
bool gdb_is_our_ebreak(struct gdb_stub *g, const struct cpu *cpu)
{
    if (cpu->trap_cause != RV_CAUSE_BREAKPOINT) return false;
    /* User mode: the address is the location, and mapped (the ebreak ran
     * there); not gdb_mem_locate, which looks through g->cpu — another
     * thread's, which the thread taking a stop may be changing. */
    if (!cpu->system) return gdb_bp_at(g, cpu->pc);
    return gdb_bp_is_ours(g, cpu->pc);
}

/* Copies the auxiliary vector from the initial stack, as Linux lays it out
 * (sp: argc, argv[], NULL, envp[], NULL, then (key, value) pairs up to
 * AT_NULL).  Called before the first instruction, while the stack is
 * still pristine; a stack that does not look like that leaves it empty
 * (GDB then assumes the program was not relocated). */
void gdb_snapshot_auxv(struct gdb_stub *g, struct cpu *cpu)
{
    uint64_t sp = cpu->x[2], argc, word = 1;
    g->auxv_len = 0;
    if (mmu_read_bytes(cpu->mmu, sp, &argc, 8, MMU_READ) != MMU_OK || argc > (1u << 20)) return;
    uint64_t a = sp + 8 * (argc + 2); /* past argc, argv[] and its NULL */
    for (int n = 0; word && n < (1 << 20); n++, a += 8) /* past envp[] and its NULL */
        if (mmu_read_bytes(cpu->mmu, a, &word, 8, MMU_READ) != MMU_OK) return;
    for (size_t len = 0; len + 16 <= sizeof g->auxv; len += 16, a += 16) {
        uint64_t pair[2];
        if (mmu_read_bytes(cpu->mmu, a, pair, 16, MMU_READ) != MMU_OK) return;
        memcpy(g->auxv + len, pair, 16);
        if (pair[0] == 0) { /* AT_NULL ends it, and is part of it */
            g->auxv_len = len + 16;
            return;
        }
    }
}

/* Range stepping: is the step over with the pc here? */
static bool step_ends_at(struct gdb_stub *g, uint64_t pc) { return pc < g->range_start || pc >= g->range_end; }

void gdb_stub_attach_later(struct gdb_stub *g)
{
    g->attach_later = true;
    fprintf(stderr, "rvdbt: GDB may attach on 127.0.0.1:%d (in gdb-multiarch: target remote :%d)\n", g->port,
            g->port);
}

/* Attach-later mode: a debugger is connecting; the machine stops where it is.
 * False if none is (or accept failed: then the stub is detached for good). */
static bool attach_now(struct gdb_stub *g)
{
    if (!gdb_connection_pending(g)) return false;
    if (!gdb_accept_debugger(g)) {
        gdb_drop_connection(g);
        return false;
    }
    g->state = GDB_STOPPED; /* its first question, '?', gets the stop reply */
    return true;
}

enum engine_stop gdb_stub_run(struct gdb_stub *g, struct engine *e, struct cpu *cpu)
{
    if (g->forgotten) return engine_run(e, cpu); /* a forked child: no debugger (and no lock to take) */
    if (g->threaded) return gdb_run_thread(g, e, cpu);
    g->cpu = cpu;
    if (g->state == GDB_WAITING && g->attach_later) {
        /* (the machine loop comes back here at least every 1 ms tick) */
        if (!attach_now(g)) return g->state == GDB_WAITING ? engine_run(e, cpu) : ENGINE_EXIT_REQUEST;
    } else if (g->state == GDB_WAITING) {
        if (!cpu->system) gdb_snapshot_auxv(g, cpu); /* (a machine has no auxiliary vector) */
        if (gdb_accept_debugger(g)) g->state = GDB_STOPPED;
        else gdb_drop_connection(g);
    }
    for (;;) {
        /* Back from a trap the frontend handled (a system call): a step is done. */
        if (g->after_trap) {
            g->after_trap = false;
            if (g->state == GDB_RUNNING && g->stepping && step_ends_at(g, cpu->pc))
                gdb_report_stop(g, GDB_SIGTRAP, NULL);
        }
        if (g->pending_interrupt && g->state == GDB_RUNNING) gdb_report_stop(g, GDB_SIGINT, NULL);
        g->pending_interrupt = false;
        if (g->state == GDB_STOPPED) gdb_serve(g);
        if (g->state == GDB_DETACHED) return engine_run(e, cpu);
        if (g->state != GDB_RUNNING) continue;
        /* A host signal for the guest: let the frontend deliver it first.
         * (In system mode exit_request only asks the machine loop to look at
         * interrupts, which a single step need not wait for.) */
        if (cpu->system && g->stepping) cpu->exit_request = 0;
        if (cpu->exit_request) return ENGINE_EXIT_REQUEST;

        enum engine_stop stop;
        if (g->stepping) {
            char hit[48];
            enum gdb_step_result r = step_one(g, cpu, hit, sizeof hit);
            if (r == STEP_INTERRUPTED) return ENGINE_EXIT_REQUEST;
            if (r == STEP_TRAP && gdb_is_our_ebreak(g, cpu)) {
                gdb_report_stop(g, GDB_SIGTRAP, NULL);
                continue;
            }
            if (r == STEP_TRAP) {
                g->after_trap = true;
                return ENGINE_TRAP;
            }
            if (r == STEP_DONE && !step_ends_at(g, cpu->pc)) { /* range stepping: go on */
                if ((++g->range_steps & 4095) == 0 && gdb_check_input(g, false))
                    gdb_report_stop(g, GDB_SIGINT, NULL);
                continue;
            }
            gdb_report_stop(g, GDB_SIGTRAP, r == STEP_WATCH ? hit : NULL);
            continue;
        }
        if (g->n_wp) {
            stop = run_checked(g, cpu);
            if (stop == ENGINE_EXIT_REQUEST && !cpu->exit_request) continue; /* our own stop */
        } else {
            stop = run_free(g, e, cpu);
        }
        if (stop == ENGINE_TRAP && gdb_is_our_ebreak(g, cpu)) {
            gdb_report_stop(g, GDB_SIGTRAP, NULL);
            continue;
        }
        if (stop == ENGINE_TRAP) g->after_trap = true;
        return stop;
    }
}

void gdb_stub_idle(struct gdb_stub *g, struct cpu *cpu)
{
    g->cpu = cpu;
    bool attached = g->state == GDB_WAITING && g->attach_later && attach_now(g);
    if (!attached && (g->state != GDB_RUNNING || !gdb_check_input(g, false))) return;
    /* A halt completes the wfi (as the RISC-V debug spec has it): resumed,
     * the hart goes on after it, e.g. to see a flag the debugger set. */
    cpu->priv.wfi = false;
    if (!attached) gdb_report_stop(g, GDB_SIGINT, NULL);
    gdb_serve(g);
}

void gdb_stub_fatal_signal(struct gdb_stub *g, struct cpu *cpu, int host_sig)
{
    if (g->forgotten) return;
    if (g->threaded) return gdb_thread_fatal(g, cpu, gdb_signal_from_host(host_sig));
    g->cpu = cpu;
    if (g->state != GDB_RUNNING && g->state != GDB_STOPPED) return;
    gdb_report_stop(g, gdb_signal_from_host(host_sig), NULL);
    gdb_serve(g); /* returns on continue, step or detach: the guest then dies */
}

void gdb_stub_exited(struct gdb_stub *g, int status)
{
    if (g->forgotten) return;
    if (g->threaded) { /* the watcher of the last resume must not outlive the connection */
        pthread_mutex_lock(&g->lock);
        bool watching = g->watcher_running;
        g->watcher_running = false;
        pthread_mutex_unlock(&g->lock);
        if (watching) gdb_stop_watcher(g);
    }
    if (g->fd >= 0 && g->state != GDB_DETACHED) {
        char reply[8];
        snprintf(reply, sizeof reply, "W%02x", status & 0xff);
        gdb_send_str(g, reply);
    }
    if (g->fd >= 0) close(g->fd);
    if (g->threaded) { /* exit_group: other threads may still pass through the stub until the process ends */
        g->fd = -1;
        g->state = GDB_DETACHED;
        return;
    }
    if (g->listen_fd >= 0) close(g->listen_fd);
    close(g->wake[0]);
    close(g->wake[1]);
    if (gdb_active_stub == g) gdb_active_stub = NULL;
    free(g);
}

void gdb_stub_killed(int host_sig)
{
    struct gdb_stub *g = gdb_active_stub;
    if (!g || g->fd < 0 || g->state == GDB_DETACHED) return;
    char reply[8];
    snprintf(reply, sizeof reply, "X%02x", gdb_signal_from_host(host_sig) & 0xff);
    gdb_send_str(g, reply);
    close(g->fd);
    g->fd = -1;
}

void gdb_stub_forget(struct gdb_stub *g)
{
    if (g->fd >= 0) close(g->fd);
    if (g->listen_fd >= 0) close(g->listen_fd);
    g->fd = g->listen_fd = -1;
    g->state = GDB_DETACHED;
    /* (the stub's lock may have been held by a thread that is not in the
     * child: from here on nothing in the stub takes it) */
    g->forgotten = true;
    gdb_clear_points(g); /* the child's copy of the code must not keep our ebreaks */
}

/* gdb_local.h: the stub's own single step, for the TUI. */
int gdb_local_step(struct gdb_stub *g, struct cpu *cpu)
{
    char hit[48];
    enum gdb_step_result r = step_one(g, cpu, hit, sizeof hit);
    return r == STEP_TRAP ? 1 : r == STEP_DONE ? 0 : -1;
}
