/*
 * frontends/linux_user.h — one RISC-V Linux process running on the host (user mode).
 *
 * A linux_process owns the guest address space, the hart state and the
 * process-level state the kernel would keep (program break, exit status).
 * linux_user.c builds it from an ELF and runs it; syscalls.c implements the
 * system calls on top of it.
 */
#ifndef RVDBT_FRONTENDS_LINUX_USER_H
#define RVDBT_FRONTENDS_LINUX_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu/cpu.h"
#include "frontends/engine.h"
#include "mmu/mmu.h"

struct linux_process {
    struct cpu cpu;
    struct mmu *mmu;
    uint64_t brk_start, brk;   /* program break: [brk_start, brk) is the heap */
    uint64_t mmap_top;         /* anonymous mmaps are placed below this, growing down */
    bool exited;
    int exit_status;
    bool strace;               /* print each system call (--strace) */
    uint64_t syscalls;         /* count, for --stats */
};

struct run_options {
    struct engine_options engine;
    bool stats;
    bool strace;
};

/* Loads `argv[0]` and runs it to completion.  Returns the exit status the
 * rvdbt process should end with (the guest's own status, or 126/127 when
 * the program cannot be loaded).  A guest killed by a signal kills rvdbt
 * with the same signal. */
int linux_run_program(int argc, char **argv, char **envp, const struct run_options *opt);

/* Performs the system call in a7 with arguments a0..a5; the result goes to a0. */
void linux_syscall(struct linux_process *p);

#endif
