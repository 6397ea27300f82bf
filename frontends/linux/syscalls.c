/*
 * frontends/linux/syscalls.c — system-call dispatch and the helpers the handlers share.
 *
 * The handlers live in syscalls_fs.c (files and directories), syscalls_mem.c
 * (brk, mmap and friends), syscalls_proc.c (processes, time, identity,
 * limits), syscalls_signal.c and syscalls_hwprobe.c (riscv_hwprobe); each
 * exports a table (syscalls.h).  Here
 * they are merged into one array indexed by riscv64 call number.  A number
 * no table has returns -ENOSYS, as Linux does for calls it lacks.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <fcntl.h>

#include "frontends/common/host_fds.h"
#include "frontends/linux/syscalls.h"

#define MAX_SYSCALL_NR 512
#define FUTEX_CMD_MASK_ 0x7f /* (op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)): 0 WAIT, 9 WAIT_BITSET */

static const struct syscall_def *by_nr[MAX_SYSCALL_NR];

static void build_index(void)
{
    static const struct syscall_table *const tables[] = {&syscalls_fs, &syscalls_mem, &syscalls_proc,
                                                         &syscalls_signal, &syscalls_hwprobe,
                                                         &syscalls_timers,
                                                         &syscalls_net,
                                                         &syscalls_events,
                                                         &syscalls_fileops};
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t]->count; i++) by_nr[tables[t]->defs[i].nr] = &tables[t]->defs[i];
}

void *guest_ptr(struct linux_process *p, uint64_t addr, size_t len, int need)
{
    static char empty;
    if (len == 0) return &empty;
    return mmu_host_ptr(p->mmu, addr, len, need);
}

int64_t guest_string(struct linux_process *p, uint64_t addr, char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (mmu_read_bytes(p->mmu, addr + i, &buf[i], 1, MMU_READ)) return -EFAULT;
        if (!buf[i]) return 0;
    }
    return -ENAMETOOLONG;
}

int64_t guest_path(struct linux_process *p, uint64_t addr, struct guest_path *gp)
{
    int64_t r = guest_string(p, addr, gp->guest, sizeof gp->guest);
    if (r) return r;
    gp->host = linux_host_path(p, gp->guest, gp->buf, sizeof gp->buf);
    /* rvdbt's memory, registers and descriptors under /proc are not the guest's */
    if (!strncmp(gp->host, "/proc/", 6) || !strncmp(gp->host, "//", 2)) {
        char resolved[PATH_MAX];
        const char *rest;
        if (linux_procfs_classify(AT_FDCWD, gp->host, &rest, resolved, sizeof resolved) == PROCFS_REFUSED)
            return -EACCES;
    }
    return 0;
}

/* Whether an argument the table marks as a descriptor ('f') is one of rvdbt's
 * own (host_fds.h): the guest gets EBADF for it, as for a closed one. */
static bool touches_rvdbt_fd(const struct syscall_def *def, const uint64_t a[6])
{
    for (int i = 0; i < 6 && def->args[i]; i++)
        if (def->args[i] == 'f' && (int)a[i] >= 0 && host_fd_is_rvdbt((int)a[i])) return true;
    return false;
}

/* Calls Linux never restarts after a handler, SA_RESTART or not (signal(7)): they
 * fail with EINTR.  rt_sigreturn's "result" is the interrupted a0, and
 * rt_sigsuspend's EINTR is its normal end. */
static bool restartable(uint64_t nr, const uint64_t a[6])
{
    switch (nr) {
    case 4: case 22: case 72: case 73: case 101: case 115: case 133: case 137: case 139:
    case 188: case 189: case 192: case 243: case 292: case 441:
        return false; /* io_getevents, epoll_pwait, pselect6, ppoll, nanosleep, clock_nanosleep,
                         rt_sigsuspend, rt_sigtimedwait, rt_sigreturn, msgrcv, msgsnd, semtimedop,
                         recvmmsg, io_pgetevents, epoll_pwait2 */
    case 98: /* futex: a wait with a timeout ends with EINTR */
        return a[3] == 0 || ((a[1] & FUTEX_CMD_MASK_) != 0 && (a[1] & FUTEX_CMD_MASK_) != 9);
    default: return true;
    }
}

void linux_syscall(struct linux_process *p)
{
    if (!by_nr[64]) build_index();
    struct cpu *c = &p->cpu;
    uint64_t nr = c->x[17];
    uint64_t a[6] = {c->x[10], c->x[11], c->x[12], c->x[13], c->x[14], c->x[15]};
    const struct syscall_def *def = nr < MAX_SYSCALL_NR ? by_nr[nr] : NULL;
    p->syscalls++;
    if (p->opt->strace) strace_enter(p, def, a);
    uint64_t token;
    linux_threads_syscall_begin(p, nr, &token); /* (other threads: linux_threads.c) */
    int64_t ret = !def ? -ENOSYS : touches_rvdbt_fd(def, a) ? -EBADF : def->fn(p, a);
    linux_threads_syscall_end(p, nr, token);
    if (p->opt->strace) strace_exit(p, def, nr, a, ret);
    /* A host signal interrupted the host call (rvdbt's handlers never ask the host to
     * restart one): as Linux's -ERESTARTSYS, the ecall runs again with the same
     * arguments after the guest handler returns (or at once if none runs). */
    if (ret == -EINTR && !p->exited && restartable(nr, a) && linux_signal_restarts_call(p)) {
        c->pc -= 4;
        c->instret--;
        return;
    }
    if (!p->exited) c->x[10] = (uint64_t)ret;
}
