/*
 * frontends/gdb/gdbstub_internal.h — the stub's state, shared by its parts:
 * gdbstub.c (how the guest runs), gdb_conn.c (the connection),
 * gdb_commands.c (what each packet does), gdb_breakpoints.c and
 * gdb_watchpoints.c.  Not for use outside the stub.
 */
#ifndef RVDBT_FRONTENDS_GDBSTUB_INTERNAL_H
#define RVDBT_FRONTENDS_GDBSTUB_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "frontends/gdb/gdb_packets.h"
#include "frontends/gdb/gdbstub.h"
#include "translator/engine.h"

#define GDB_MAX_BREAKPOINTS 64
#define GDB_MAX_WATCHPOINTS 8

/* GDB's own signal numbers (gdb/signals.def): the same as Linux's for the
 * first few, different for others (SIGBUS is 10 to GDB, 7 to Linux). */
#define GDB_SIGINT 2
#define GDB_SIGTRAP 5

enum gdb_state {
    GDB_WAITING,   /* listening; no debugger yet */
    GDB_STOPPED,   /* the guest is stopped; we are talking to the debugger */
    GDB_RUNNING,   /* the guest runs (stepping or continuing) */
    GDB_DETACHED,  /* no debugger (detached, disconnected): run freely */
};

enum gdb_watch_kind { GDB_WATCH_WRITE = 2, GDB_WATCH_READ = 3, GDB_WATCH_ACCESS = 4 }; /* Z2/Z3/Z4 */

struct gdb_breakpoint {
    uint64_t addr;
    uint64_t loc;     /* where the ebreak went (gdb_mem_locate): physical in system mode */
    uint8_t len;      /* 2 or 4: the length of the instruction it covers */
    uint8_t orig[4];  /* the instruction bytes the ebreak replaced */
};

struct gdb_watchpoint {
    uint64_t addr, len;
    enum gdb_watch_kind kind;
};

/* What a resume asked of one guest thread (user mode, gdb_threads.c): stay
 * stopped, continue, or step (a range, vCont;r, or one instruction). */
enum gdb_action { GDB_ACT_PARK, GDB_ACT_CONT, GDB_ACT_STEP };

/* One guest thread under the stub (user mode).  Fields below `action` are
 * written by the thread that talks to GDB while this one is parked, or by
 * this thread itself; both under the stub's lock where the other may look. */
struct gdb_thread {
    struct gdb_thread *next;   /* the registry, oldest first (GDB numbers them in this order) */
    int tid;
    struct cpu *cpu;
    void (*wait_hook)(void *ctx, bool parking); /* around a park (the check engine's turn) */
    void *hook_ctx;
    enum gdb_action action;
    uint64_t range_start, range_end; /* GDB_ACT_STEP: step while start <= pc < end (empty: one) */
    bool parked;               /* waiting in the stub for a resume: its registers are stable */
    bool after_trap;           /* a step's trap went to the frontend (resume trap_gen) */
    uint64_t trap_gen;
    bool skip_watch_once;      /* as the stub's own fields, per thread */
    uint64_t watch_stop_pc;
};

struct gdb_stub {
    int listen_fd, fd;
    int port;
    enum gdb_state state;
    bool attach_later;      /* waiting, but the guest runs meanwhile (system mode without -S) */
    bool stepping;          /* the resume in progress is a single step */
    /* Range stepping (vCont;r): keep stepping while start <= pc < end
     * (empty: a plain step).  Saves GDB a round trip per instruction of a
     * source line. */
    uint64_t range_start, range_end;
    unsigned range_steps;   /* steps so far, to poll for Ctrl-C now and then */
    bool after_trap;        /* we returned a trap to the frontend; it has handled it */
    bool pending_interrupt; /* Ctrl-C seen while the guest ran; report when back */
    bool no_ack;            /* QStartNoAckMode accepted */
    bool skip_watch_once;   /* resuming at the access a watchpoint stopped before */
    uint64_t watch_stop_pc; /* ... which is here */
    struct cpu *cpu;        /* the hart being debugged (for the commands) */
    /* The thread whose registers g/p read (Hg; 0 = the one that stopped)
     * with a copy of them, and the one a plain 's' steps (Hc; 0 = the same). */
    int reg_tid, cont_tid;
    struct cpu *reg_copy;

    /* Guest threads in user mode, all-stop (gdb_threads.c).  `threaded`: the
     * registry is in use (a user-mode run: every thread runs under the stub);
     * otherwise (system mode) there is one hart, thread id 1.  The lock
     * guards the registry and the stop hand-over: `stop_pending` means one
     * thread (`reporter`) is stopping the others or talking to GDB, and every
     * other thread must park until `resume_gen` changes; `n_in_guest` counts
     * the threads inside guest code, which the reporter waits to reach 0. */
    bool threaded, forgotten;
    pthread_mutex_t lock;
    pthread_cond_t resume_cv, gather_cv;
    struct gdb_thread *thread_list;
    bool stop_pending;
    struct gdb_thread *reporter;
    uint64_t resume_gen;
    int n_in_guest;
    int stop_tid;                    /* the thread the last stop reply named */
    enum gdb_action default_action;  /* for threads the last resume did not name (and new ones) */
    bool watcher_running;            /* threaded: one watcher for a whole running period */

    struct gdb_breakpoint bp[GDB_MAX_BREAKPOINTS];
    int n_bp;
    struct gdb_watchpoint wp[GDB_MAX_WATCHPOINTS];
    int n_wp;

    /* Input: bytes read from the socket but not yet fed to the parser. */
    uint8_t in[4096];
    size_t in_pos, in_len;
    struct gdb_rx rx;

    /* The last frame sent, to resend when GDB answers '-'. */
    char tx[GDB_MAX_PACKET + 8];
    size_t tx_len;
    char last_stop[64];     /* the stop reply '?' repeats */

    /* The auxiliary vector the guest started with (qXfer:auxv:read): GDB
     * finds where a position-independent program and its dynamic loader
     * were loaded from AT_ENTRY, AT_PHDR and AT_BASE. */
    uint8_t auxv[64 * 16];
    size_t auxv_len;

    /* The Ctrl-C watcher thread, while the engine runs freely. */
    pthread_t watcher;
    int wake[2];            /* a pipe that tells the watcher to finish */
    volatile int input_ready;
};

/* ---- gdb_conn.c: the connection ---- */

/* The process's one stub (gdb_stub_killed needs it on the death path). */
extern struct gdb_stub *gdb_active_stub;

/* Waits for the debugger to connect; false if accept fails. */
bool gdb_accept_debugger(struct gdb_stub *g);
/* Is a debugger trying to connect (accept would not block)? */
bool gdb_connection_pending(struct gdb_stub *g);
/* Closes the connection; the guest then runs on without a debugger
 * (breakpoints removed). */
void gdb_drop_connection(struct gdb_stub *g);
/* Talks to GDB while the guest is stopped, until a command resumes it. */
void gdb_serve(struct gdb_stub *g);
/* While the guest runs: did GDB send a Ctrl-C (true)?  Consumes the input;
 * a hang-up detaches.  `known_ready`: input is waiting, read without polling. */
bool gdb_check_input(struct gdb_stub *g, bool known_ready);
/* The Ctrl-C watcher thread around a free run of the engine; stop returns
 * true if it saw input.  Start fails (false) only if no thread can be made. */
bool gdb_start_watcher(struct gdb_stub *g);
bool gdb_stop_watcher(struct gdb_stub *g);

/* Sends one packet (payload of `len` bytes); a broken connection makes the
 * stub detached. */
void gdb_send(struct gdb_stub *g, const char *payload, size_t len);
void gdb_send_str(struct gdb_stub *g, const char *payload);

/* Handles one packet while the guest is stopped (gdb_commands.c).  It may
 * change g->state (a resume, detach) or end the process (kill). */
void gdb_handle_packet(struct gdb_stub *g, char *pkt, size_t len);

/* Sends the stop reply for `gdb_sig` (with an optional "watch:addr;" part)
 * and enters the stopped state. */
void gdb_report_stop(struct gdb_stub *g, int gdb_sig, const char *extra);

/* Removes every breakpoint (restoring the code) and watchpoint (detach,
 * disconnect). */
void gdb_clear_points(struct gdb_stub *g);

/* Software breakpoints (gdb_breakpoints.c).  Insert returns 0, -1 if there
 * are too many, -2 if the address is not mapped guest code. */
int gdb_bp_insert(struct gdb_stub *g, uint64_t addr);
void gdb_bp_remove(struct gdb_stub *g, uint64_t addr);
void gdb_bp_remove_all(struct gdb_stub *g);
bool gdb_bp_at(struct gdb_stub *g, uint64_t pc);
/* A breakpoint trap at pc is one of ours: a breakpoint is at pc and (system
 * mode) pc still maps to where its ebreak was written. */
bool gdb_bp_is_ours(struct gdb_stub *g, uint64_t pc);
/* Puts the original bytes back into `data` (guest bytes [addr, addr+len))
 * wherever a breakpoint's ebreak sits, so the debugger sees the real code. */
void gdb_bp_hide(struct gdb_stub *g, uint64_t addr, uint8_t *data, size_t len);
/* After the debugger wrote [addr, addr+len): breakpoints there keep the new
 * bytes as their original and are patched again. */
void gdb_bp_after_write(struct gdb_stub *g, uint64_t addr, size_t len);

/* gdb_memory.c: guest memory at the addresses the debugger uses (virtual,
 * under the current translation, in system mode; never device MMIO).
 * locate: where addr's byte lives (false: not mapped); copy_at: len bytes
 * there, not crossing a page; copy: any range, page by page, returning how
 * many bytes were copied before the first inaccessible page.  Writes drop
 * stale translations. */
bool gdb_mem_locate(struct gdb_stub *g, uint64_t addr, uint64_t *loc);
bool gdb_mem_copy_at(struct gdb_stub *g, uint64_t loc, void *buf, size_t len, bool write);
size_t gdb_mem_copy(struct gdb_stub *g, uint64_t addr, void *buf, size_t len, bool write);

/* gdb_watchpoints.c: the watchpoint the instruction at pc would trigger,
 * as a stop-reply part ("watch:addr;"), or "" if none. */
void gdb_watch_hit(struct gdb_stub *g, struct cpu *cpu, char *out, size_t size);

/* gdbstub.c's single step, shared with gdb_threads.c: one instruction through
 * the interpreter unless it would touch a watched range (`skip`, `skip_pc`:
 * the watchpoint-stop bookkeeping of the thread that steps). */
enum gdb_step_result { STEP_DONE, STEP_TRAP, STEP_INTERRUPTED, STEP_WATCH };
enum gdb_step_result gdb_step_one(struct gdb_stub *g, struct cpu *cpu, bool *skip, uint64_t *skip_pc, char *hit,
                                  size_t hit_size);
bool gdb_is_our_ebreak(struct gdb_stub *g, const struct cpu *cpu);
void gdb_snapshot_auxv(struct gdb_stub *g, struct cpu *cpu);

/* gdb_threads.c: all-stop run control for guest threads (user mode). */
enum engine_stop gdb_run_thread(struct gdb_stub *g, struct engine *e, struct cpu *cpu);
/* The fatal-signal stop of a threaded run (the other threads stopped first). */
void gdb_thread_fatal(struct gdb_stub *g, struct cpu *cpu, int gdb_sig);
/* Thread ids, oldest first (at most max); and one thread's registers: copied
 * into *out (false: no such thread) or written from *in if it is parked. */
int gdb_thread_ids(struct gdb_stub *g, int *tids, int max);
bool gdb_thread_read(struct gdb_stub *g, int tid, struct cpu *out);
bool gdb_thread_alive(struct gdb_stub *g, int tid);
/* Runs fn on thread tid's hart if that thread is parked or is the one that
 * stopped (false otherwise: its registers may be changing). */
bool gdb_thread_modify(struct gdb_stub *g, int tid, void (*fn)(struct cpu *, void *), void *arg);
/* A resume: each thread's action (tid -1: every thread not named before). */
void gdb_threads_resume_begin(struct gdb_stub *g);
void gdb_threads_resume_one(struct gdb_stub *g, int tid, enum gdb_action a, uint64_t start, uint64_t end);

/* Converts a host signal number to GDB's numbering. */
int gdb_signal_from_host(int host_sig);

#endif
