/*
 * frontends/linux/linux_threads.h — guest threads in user mode (clone with CLONE_THREAD).
 *
 * One host thread per guest thread.  Each guest thread has its own struct
 * linux_process (registers, engine and translator, signal mask, alternate
 * stack, pending signals, clear_child_tid, robust list): the system calls
 * keep receiving "the process" they always did, and what a call changes
 * in it is per thread.  What the whole process shares lives in one struct
 * linux_group that every thread's struct points to: the address space
 * (struct mmu, with its own lock), the signal dispositions, the program
 * break, the list of live threads and the exit status.  docs/architecture.md
 * explains the choice (per-thread translators, shared TLB) and the memory
 * model.
 */
#ifndef RVDBT_FRONTENDS_LINUX_THREADS_H
#define RVDBT_FRONTENDS_LINUX_THREADS_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "frontends/linux/linux_signal.h"
#include "translator/engine.h"

struct linux_process;
struct cpu;

struct linux_group {
    pthread_mutex_t lock;            /* the thread list, live, exit */
    struct linux_process *threads;   /* live threads (linked by next_thread) */
    /* The thread that runs linux_run_program (it returns the process's
     * status); NULL in a child forked by another thread, where the last
     * thread to exit ends the process itself. */
    struct linux_process *first;
    int live;                        /* how many; the process ends when it reaches 0 */
    bool done;                       /* the last thread has exited: exit_status is final */
    int exit_status;
    pthread_cond_t all_gone;         /* the first thread waits here for `done` and `hosts` */
    /* Host threads of guest threads other than the first that have not yet
     * returned: the last guest thread sets `done` inside its exit call and
     * then still releases its futexes, engine and record, all of which the
     * first thread frees with the process once it sees `done`; so it waits
     * for this to reach 0 too (ThreadSanitizer saw the use after free). */
    int hosts;
    struct guest_sigaction action[LINUX_NSIG + 1]; /* dispositions are per process */
    uint64_t brk_start, brk;         /* the program break: [brk_start, brk) is the heap */
    /* --stats: how many threads the process has had, and the counters of the
     * ones that have exited (their engines are gone) */
    int threads_started;
    struct engine_counts counts;
    uint64_t syscalls;
    /* --engine=check runs one thread at a time, in turns: a ticket lock
     * (FIFO, so a thread spinning on a guest lock cannot starve the
     * thread that would release it). */
    pthread_mutex_t serial;
    pthread_cond_t serial_turn;
    uint64_t serial_next, serial_serving;
    struct cpu *serial_holder;
};

/* --stats for the process: its one thread's counters, or once it has had
 * several threads, the sums over all of them (labelled so). */
void linux_print_stats(struct linux_process *p, double seconds);

/* -g: registers thread p with the GDB stub (every thread runs under it). */
void linux_gdb_thread_start(struct linux_process *p);

/* Creates the group of a new process whose first thread is `p`. */
bool linux_group_init(struct linux_process *p);
/* More than one thread now (for --strace's tid prefix). */
bool linux_multithreaded(const struct linux_process *p);

/* clone with CLONE_VM|CLONE_THREAD (and glibc's companions): starts a new
 * guest thread at the caller's pc, with a0 = 0, sp = newsp, tp = tls.
 * Returns its tid or -errno. */
int64_t linux_clone_thread(struct linux_process *p, uint64_t flags, uint64_t newsp, uint64_t parent_tid,
                           uint64_t tls, uint64_t child_tid);
/* exit (group = false: this thread) and exit_group.  The run loop of this
 * thread then ends (p->exited); exit_group with other threads alive ends
 * the process at once. */
void linux_thread_exit(struct linux_process *p, int status, bool group);
/* The run loop of the first thread has ended: wait for the others (a main
 * thread that called exit while others run), return the process's status. */
int linux_group_wait(struct linux_process *p);
/* fork(): take every lock of rvdbt's before it (the group's, the address
 * space's, the check engine's turn, the translators' registry) and give them
 * back after it in both processes; in the child only the calling thread exists. */
void linux_group_before_fork(struct linux_process *p);
void linux_group_after_fork(struct linux_process *p, bool child);

/* Around every system call (syscalls.c): calls that change the mappings
 * run under the address-space lock; a change to translated pages, or
 * riscv_flush_icache, makes every other thread drop its translations. */
void linux_threads_syscall_begin(struct linux_process *p, uint64_t nr, uint64_t *token);
void linux_threads_syscall_end(struct linux_process *p, uint64_t nr, uint64_t token);

/* After rvdbt sent a host signal to thread `tid` of this process (0: to the
 * process, any thread): make it (them) come back to the run loop, which
 * looks for pending signals at once — under ThreadSanitizer the only way a
 * thread spinning in translated code gets the signal (linux_signal_deliver). */
void linux_threads_kick(struct linux_process *p, int tid);

/* --engine=check: one thread runs guest code at a time (see the header). */
void linux_serial_enter(struct linux_process *p);
void linux_serial_leave(struct linux_process *p);

/* A synchronous signal (SIGSEGV...) sent by tgkill to another guest thread:
 * queued for it directly (the host must not see it); false if no such thread. */
bool linux_thread_queue_signal(struct linux_process *p, int tid, int sig, int code);

/* System calls (table in syscalls_proc.c). */
int64_t linux_sys_futex(struct linux_process *p, const uint64_t a[6]);
int64_t linux_sys_set_robust_list(struct linux_process *p, const uint64_t a[6]);
int64_t linux_sys_get_robust_list(struct linux_process *p, const uint64_t a[6]);
int64_t linux_sys_clone3(struct linux_process *p, const uint64_t a[6]);

#endif
