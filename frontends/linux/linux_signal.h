/*
 * frontends/linux/linux_signal.h — signals of a user-mode guest.
 *
 * The guest's dispositions live here; the host's mirror them so that the
 * host kernel does what it would do natively wherever it can:
 *   guest SIG_DFL  -> host SIG_DFL (a SIGPIPE kills rvdbt with SIGPIPE)
 *   guest SIG_IGN  -> host SIG_IGN (also inherited across execve, as on Linux)
 *   guest handler  -> a host handler that only records the signal and asks
 *                     the engine to stop; the run loop then builds a riscv64
 *                     signal frame and enters the guest handler between two
 *                     guest instructions.
 * The guest's blocked mask is mirrored to the host mask, so the host kernel
 * keeps blocked signals pending.  The guest's synchronous signals (SIGSEGV,
 * SIGILL, SIGBUS, SIGFPE, SIGTRAP) come from its traps (linux_signal_fault);
 * on the host, one the kernel raised (si_code > 0) is rvdbt's own crash,
 * while one somebody sent (kill: si_code <= 0) is delivered to the guest
 * like any other signal.  They are never blocked on the host.
 */
#ifndef RVDBT_FRONTENDS_LINUX_SIGNAL_H
#define RVDBT_FRONTENDS_LINUX_SIGNAL_H

#include <stdbool.h>
#include <stdint.h>

#define LINUX_NSIG 64

/* riscv64's struct sigaction as the kernel sees it (asm-generic: no sa_restorer). */
struct guest_sigaction {
    uint64_t handler; /* 0 = SIG_DFL, 1 = SIG_IGN, else a guest address */
    uint64_t flags;
    uint64_t mask;
};

/* Per thread, except the dispositions (`action` points into the thread
 * group's table: frontends/linux/linux_threads.h). */
struct linux_signals {
    struct guest_sigaction *action; /* [LINUX_NSIG + 1] */
    uint64_t blocked;        /* bit n-1 for signal n, like the kernel's sigset */
    uint64_t altstack_sp, altstack_size;
    uint32_t altstack_flags; /* SS_DISABLE when there is none */
    uint64_t trampoline;     /* guest address of `li a7, 139; ecall` (rt_sigreturn) */
    uint64_t self_pending;   /* synchronous signals sent to ourselves (kill/tgkill) */
    int self_code[LINUX_NSIG + 1]; /* their si_code: SI_USER or SI_TKILL */
    /* rt_sigsuspend: the mask to restore once a handler has run (the frame saves it) */
    uint64_t saved_blocked;
    bool restore_saved;
    /* Host signals for guest handlers that arrived on this thread (the host
     * kernel picks, for a process-directed one, a thread that does not block
     * it, as Linux would for the guest), with their siginfo. */
    uint64_t host_pending;
    uint8_t host_info[LINUX_NSIG + 1][128];
    /* Set by the host handler, which leaves the signal it took blocked on the
     * host thread until linux_signal_deliver has passed it to the guest (and
     * restores the guest's mask then). */
    bool host_masked;
};

struct linux_process;

/* Sets up the state for a new process image: maps the sigreturn trampoline,
 * takes over ignored signals from the host (they survive execve). */
bool linux_signal_init(struct linux_process *p);
/* Delivers pending, unblocked signals: enters the guest handler (building
 * its frame) or applies the default action.  Called by the run loop. */
void linux_signal_deliver(struct linux_process *p);
/* A guest trap other than ecall: if the guest handles the signal it means,
 * builds the frame and returns true; false means the process must die. */
bool linux_signal_fault(struct linux_process *p);
/* The signal Linux sends for a trap cause, with si_code and a word for messages. */
int linux_fault_signal(uint64_t cause, int *si_code, const char **what);

/* A host call returned EINTR (a host signal arrived): whether Linux would
 * restart the guest's call after the handler that runs next (its SA_RESTART), or
 * at once when no handler runs. */
bool linux_signal_restarts_call(struct linux_process *p);

/* System calls (frontends/linux/syscalls_signal.c uses these). */
int64_t linux_sigaction(struct linux_process *p, int sig, const struct guest_sigaction *act,
                        struct guest_sigaction *old);
void linux_set_blocked(struct linux_process *p, uint64_t blocked);
int64_t linux_sigreturn(struct linux_process *p);
/* rt_sigsuspend: waits with `mask` until a signal arrives for a handler. */
int64_t linux_sigsuspend(struct linux_process *p, uint64_t mask);
/* Signals pending for the guest (host-pending, self-sent), for rt_sigpending. */
uint64_t linux_signals_pending(struct linux_process *p);
/* Sends a signal to ourselves (kill, or tgkill/tkill when `thread`):
 * synchronous ones go straight to the guest. */
int64_t linux_signal_self(struct linux_process *p, int sig, bool thread);
/* tgkill/tkill to thread `tid` of this process (ourselves or another). */
int64_t linux_signal_thread(struct linux_process *p, int tid, int sig);
/* This host thread now runs guest thread p: host signals are recorded for
 * it, and its guest mask becomes the host thread's mask.  Detach: no longer. */
void linux_signal_attach(struct linux_process *p);
void linux_signal_detach(struct linux_process *p);

/* Called before the guest dies of a signal's default action (the run's
 * --stats and --explain-hot reports); also makes Ctrl-C and kill come
 * through the run loop when the guest leaves them at the default. */
void linux_signal_set_before_death(void (*fn)(struct linux_process *p));

#endif
