/*
 * frontends/tui/tui.h — `rvdbt tui PROGRAM`: an interactive stepper in the terminal.
 *
 * The TUI is to the user-mode frontend what the GDB stub is: the run loop
 * calls tui_run() where it would call engine_run(), and the TUI decides how
 * the guest runs — one instruction (the interpreter, the reference
 * semantics), one translated block, or on to a breakpoint, in the engine
 * the user toggles — and shows, between steps, the registers, the guest
 * code, the x86-64 code the translator made of the current block, memory
 * (or the TLB) and what the guest printed.  The last steps can be undone
 * (reverse stepping).  Traps come back out of tui_run() as from
 * engine_run(): the frontend performs the system call and calls it again.
 *
 * Who does what:
 *   tui_term.c     the terminal (ncurses, through curses_dyn.c), the guest's
 *                  console (stdout/stderr into a pty the TUI reads) and the
 *                  thread that drains it and notices keys while the guest runs
 *   tui_run.c      run control and keys
 *   tui_history.c  the record of the last steps, for reverse stepping
 *   tui_draw.c     the panes
 */
#ifndef RVDBT_FRONTENDS_TUI_H
#define RVDBT_FRONTENDS_TUI_H

#include <stdbool.h>

#include "cpu/cpu.h"
#include "translator/engine.h"

struct tui;

struct tui_options {
    const char *program;  /* for the title */
    bool interp;          /* continue and block steps start in the interpreter */
    unsigned history;     /* instructions that can be stepped back over */
};

/* Takes over the terminal (stdin and stdout must be one) and redirects the
 * guest's stdout and stderr into the console pane (its stdin reads
 * /dev/null).  Call before the guest's descriptors are fixed
 * (host_fds_claim_opened).  NULL after one line on stderr. */
struct tui *tui_open(const struct tui_options *opt);

/* The same contract as engine_run(); `jit` is the frontend's translating
 * engine (the TUI's jit, and the source of the host-code pane). */
enum engine_stop tui_run(struct tui *t, struct engine *jit, struct cpu *cpu);

/* The guest is about to die of a fault: show it and wait for q. */
void tui_fatal(struct tui *t, struct cpu *cpu, int host_sig);

/* The guest exited with `status` (its engine is gone, its memory not yet):
 * show it, wait for q, give the terminal back and print there what the
 * guest printed. */
void tui_exited(struct tui *t, int status);
/* After the run: the terminal back if it is not yet, and the memory. */
void tui_free(struct tui *t);

/* The guest is about to create a thread (called before it exists, by the
 * thread that asks: the first time, the TUI's own thread, so the TUI is not
 * running a step).  Reverse stepping ends there: the MMU's store log cannot
 * tell the threads' stores apart, and other threads must never write to it. */
void tui_thread_created(struct tui *t);

/* Death paths (_exit, killed by a signal): the terminal back at once. */
void tui_end_now(void);
/* In a forked child: never touch the terminal (it is the parent's). */
void tui_forget(void);

#endif
