/*
 * frontends/gdb/gdbstub.h — a GDB remote stub for user mode (`rvdbt run -g PORT`)
 * and system mode (`rvdbt system -g PORT`).
 *
 * The stub sits between the frontend's run loop and the engine: the loop
 * calls gdb_stub_run() where it would call engine_run(), and the stub
 * decides how the guest runs while a debugger is attached:
 *
 *   - breakpoints: the stub patches an `ebreak` into the guest's code
 *     (gdb_breakpoints.c) and tells the translator its code changed, so
 *     every engine — translated code too — runs at full speed and traps
 *     precisely at the breakpoint, and the stub reports that trap as a stop;
 *   - single-step: one instruction through the interpreter;
 *   - continue with watchpoints set: the interpreter, one instruction at a
 *     time, checking each load and store against the watchpoints first;
 *   - continue otherwise: the chosen engine, with a helper thread that
 *     watches the socket for Ctrl-C and raises cpu->exit_request, which
 *     every engine honours at the next block boundary.
 *
 * docs/architecture.md says why these choices.  In user mode every guest
 * thread runs under the stub, all-stop (gdb_threads.c: a stop stops every
 * thread first; the Ctrl-C watcher lives for a whole running period).
 *
 * Traps the frontend must handle (a system call, a fault) come back out of
 * gdb_stub_run() exactly as from engine_run(); the stub remembers whether
 * it was single-stepping and reports the step as finished when called again.
 *
 * One stub per process: it listens on 127.0.0.1 only.  A forked guest
 * child runs without the debugger (gdb_stub_forget).
 *
 * System mode differs in a few places: addresses are virtual under the
 * hart's current translation (gdb_memory.c; device MMIO is not readable),
 * the target description adds the privileged CSRs and the privilege mode
 * (gdb_target.c), the machine loop's 1 ms tick replaces the Ctrl-C watcher
 * thread, traps the stub returns are delivered to the guest's own handler
 * (a step into a trap stops at the handler's first instruction), and the
 * machine loop calls gdb_stub_idle() while the hart sleeps in wfi.
 */
#ifndef RVDBT_FRONTENDS_GDBSTUB_H
#define RVDBT_FRONTENDS_GDBSTUB_H

#include <stdbool.h>

#include "cpu/cpu.h"
#include "translator/engine.h"

struct gdb_stub;


/* Listens on 127.0.0.1:port.  Returns NULL after one line on stderr if the
 * port cannot be used (in use, or not permitted). */
struct gdb_stub *gdb_stub_listen(int port);

/* System mode without -S: the machine starts at once and a debugger may
 * attach at any time (as with qemu-system's -s); when it connects, the
 * machine stops where it is.  (Otherwise the first gdb_stub_run() waits
 * for the debugger before the first instruction.) */
void gdb_stub_attach_later(struct gdb_stub *g);

/* Runs the guest under the debugger's control; the same contract as
 * engine_run().  The first call waits for the debugger to connect, and the
 * guest stays stopped before its first instruction until it says continue. */
enum engine_stop gdb_stub_run(struct gdb_stub *g, struct engine *e, struct cpu *cpu);

/* System mode, while the hart sleeps in wfi (the engine is not running):
 * a Ctrl-C from the debugger stops the machine here, which completes the
 * wfi; returns once the debugger resumes it. */
void gdb_stub_idle(struct gdb_stub *g, struct cpu *cpu);

/* The guest is about to die of `host_sig` (an unhandled fault): report it to
 * the debugger as a stop, so the user can look at the state, and return
 * when they resume (the guest then dies) or kill it. */
void gdb_stub_fatal_signal(struct gdb_stub *g, struct cpu *cpu, int host_sig);

/* The guest exited with `status` ("W" reply) / was killed by `host_sig`
 * ("X" reply); the connection is closed afterwards.  gdb_stub_killed uses
 * the process's one stub, if any, so the death path needs no pointer. */
void gdb_stub_exited(struct gdb_stub *g, int status);
void gdb_stub_killed(int host_sig);

/* User mode: every guest thread runs under the stub, all-stop as GDB expects
 * (gdb_threads.c): when one stops (breakpoint, step, watchpoint, fatal
 * signal, Ctrl-C) every other thread is stopped first, and the T reply names
 * it.  A thread registers before it runs its first instruction (for a new
 * thread: before clone returns to its parent) and leaves when its run loop
 * ends.  `wait_hook(ctx, true/false)` (may be NULL) is called before and
 * after the thread parks in the stub: the check engine gives up its turn. */
void gdb_stub_thread_start(struct gdb_stub *g, int tid, struct cpu *cpu, void (*wait_hook)(void *ctx, bool parking),
                           void *hook_ctx);
void gdb_stub_thread_end(struct gdb_stub *g, struct cpu *cpu);

/* In a forked child: drop the connection without telling the debugger
 * (it belongs to the parent) and run on undebugged. */
void gdb_stub_forget(struct gdb_stub *g);

#endif
