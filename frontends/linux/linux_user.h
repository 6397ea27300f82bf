/*
 * frontends/linux/linux_user.h — one RISC-V Linux process running on the host (user mode).
 *
 * A linux_process is one guest thread: the hart state, its engine, its
 * signal mask; with a pointer to the address space and to the state all
 * threads of the process share (linux_threads.h: program break, signal
 * dispositions, exit status).  Guest file descriptors, pids and
 * children are the host's own: rvdbt is the process, like qemu-riscv64.
 *
 * Who does what:
 *   linux_user.c     loads the program (and its dynamic loader) and runs it
 *   linux_stack.c    the initial stack: argc, argv, envp, auxv
 *   linux_path.c     guest paths -> host paths (the -L sysroot, /proc/self/exe)
 *   linux_signal.c   dispositions, host-signal delivery, the riscv64 signal frame
 *   linux_threads.c  guest threads: one struct linux_process each, sharing a group
 *   syscalls*.c      the system calls (table-driven), strace.c prints them
 */
#ifndef RVDBT_FRONTENDS_LINUX_USER_H
#define RVDBT_FRONTENDS_LINUX_USER_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "frontends/common/elf_loader.h"
#include "translator/engine.h"
#include "frontends/linux/linux_procfs.h"
#include "frontends/linux/linux_signal.h"
#include "frontends/linux/linux_threads.h"
#include "mmu/mmu.h"

/* The guest address space, top down: stack, a guard gap, the mmap area
 * (growing down), ..., the program break above the program. */
#define LINUX_STACK_TOP MMU_SPACE_SIZE
#define LINUX_STACK_SIZE (8ull << 20) /* 8 MiB, Linux's default RLIMIT_STACK */
#define LINUX_MMAP_TOP (LINUX_STACK_TOP - LINUX_STACK_SIZE - (1ull << 30))
/* Where a position-independent executable goes: like Linux's ELF_ET_DYN_BASE,
 * two thirds of the way up the space, leaving room for its heap above it. */
#define LINUX_PIE_BASE ((MMU_SPACE_SIZE / 3 * 2) & ~MMU_PAGE_MASK)
/* mmaps without an address hint stay above this, so the heap can grow. */
#define LINUX_MMAP_FLOOR (1ull << 32)

struct run_options {
    struct engine_options engine;
    bool stats;
    bool strace;
    const char *sysroot;  /* -L DIR or $RVDBT_SYSROOT; NULL for none */
    const char *argv0;    /* --argv0: the guest's argv[0], when it differs from PROGRAM */
    struct gdb_stub *gdb; /* -g PORT: the guest runs under the debugger (NULL: not) */
    struct tui *tui;      /* rvdbt tui: the guest runs under the terminal stepper (NULL: not) */
    /* The options that a re-executed rvdbt must get again (engine, tracing),
     * for execve of another RISC-V program. */
    char **rerun_args;
    int rerun_count;
};

struct linux_process {
    struct cpu cpu;
    struct mmu *mmu;
    const struct run_options *opt;
    struct engine *engine;     /* what runs the guest (fork gives the child its own) */
    bool exited;               /* this thread has exited (exit, exit_group) */
    int exit_status;
    uint64_t clear_child_tid;  /* set_tid_address */
    /* Threads (frontends/linux/linux_threads.h): each guest thread has its own
     * struct linux_process; what they share is in the group. */
    struct linux_group *group;
    struct linux_process *next_thread;
    int tid;                   /* the host thread's tid: also the guest's */
    uint64_t robust_list;      /* set_robust_list: walked when the thread exits */
    char exe_path[PATH_MAX];   /* host path of the program: what /proc/self/exe means */
    struct linux_signals sig;
    uint64_t syscalls;         /* count, for --stats (this thread's) */
    double start_time;         /* for --stats */
    struct linux_procfs_info proc; /* what the guest's /proc/self shows (linux_procfs.c) */
};

/* Loads `argv[0]` (the guest sees `opt->argv0` as its argv[0] if set) and
 * runs it to completion.  Returns the exit status the rvdbt process should
 * end with (the guest's own status, or 126/127 when the program cannot be
 * loaded).  A guest killed by a signal kills rvdbt with the same signal. */
int linux_run_program(int argc, char **argv, char **envp, const struct run_options *opt);

/* Performs the system call in a7 with arguments a0..a5; the result goes to
 * a0 (pc already points after the ecall: rt_sigreturn and execve replace it). */
void linux_syscall(struct linux_process *p);

/* From now on a host SIGBUS in the guest space (a file page past the end
 * of a truncated file: a shared mapping, or the program's own pages) kills
 * the guest with one line on stderr, as SIGBUS would natively
 * (syscalls_mem.c). */
void linux_catch_sigbus(struct linux_process *p);

/* Builds the initial stack (linux_stack.c): strings, AT_RANDOM bytes, auxv,
 * envp, argv, argc; sets sp.  `interp_base` is AT_BASE (0 without one). */
bool linux_build_stack(struct linux_process *p, const struct elf_image *img, uint64_t interp_base, int argc,
                       char **argv, char **envp, const char *execfn);

/* Resolves a guest path for a host call (linux_path.c): "/proc/self/exe" is
 * the program; an absolute path that exists under the sysroot is taken from
 * there (QEMU's -L rule); anything else is used as it is.  Returns `guest`
 * itself or `buf`. */
const char *linux_host_path(const struct linux_process *p, const char *guest, char *buf, size_t len);

/* Runs the guest thread `p` until it exits (p->exited), handling system
 * calls, signals and faults.  Returns 0, or 3 if the check engine found a
 * difference. */
int linux_run_loop(struct linux_process *p);

/* Ends rvdbt the way the guest would have ended natively: killed by `sig`. */
_Noreturn void linux_die_by_signal(int sig);

/* The one-line report of a guest fault nobody handles, then death by its signal. */
_Noreturn void linux_report_fault(struct linux_process *p);

/* Seconds since the guest started running (for --stats). */
double linux_run_seconds(const struct linux_process *p);

#endif
