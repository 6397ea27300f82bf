/*
 * frontends/linux/syscalls_timers.c — interval timers and POSIX timers:
 * getitimer, setitimer (glibc's alarm() on riscv64, which has no alarm call),
 * timer_create, timer_settime, timer_gettime, timer_getoverrun, timer_delete.
 *
 * The host kernel keeps the timers: struct itimerval, itimerspec and the
 * kernel's struct sigevent have the same layout on riscv64 and x86-64, timer
 * ids are the kernel's, and the guest's pids/tids are the host's.  When a
 * timer fires, the host signal goes where any host signal for the guest goes
 * (linux_signal.c): a guest handler gets the host's siginfo (si_code
 * SI_TIMER, si_timerid, si_overrun, si_value = sigev_value), a default
 * disposition ends rvdbt as it would end the program (SIGALRM: status 142).
 *
 * One refusal: a timer may not raise SIGSEGV, SIGBUS, SIGILL, SIGFPE or
 * SIGTRAP.  On the host those are rvdbt's own faults (linux_signal.h): a
 * guest timer must not be able to fake one.  timer_create says EINVAL.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

/* The kernel's struct sigevent (uapi asm-generic/siginfo.h): 64 bytes. */
struct guest_sigevent {
    uint64_t value;
    int32_t signo;
    int32_t notify;
    int32_t tid; /* SIGEV_THREAD_ID's thread (the rest of the union is padding) */
    int32_t pad[11];
};
_Static_assert(sizeof(struct guest_sigevent) == 64, "kernel sigevent");
enum { G_SIGEV_SIGNAL = 0, G_SIGEV_NONE = 1, G_SIGEV_THREAD = 2, G_SIGEV_THREAD_ID = 4 };

static bool host_only_signal(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static int64_t sys_getitimer(struct linux_process *p, const uint64_t a[6])
{
    struct itimerval *v = guest_ptr(p, a[1], sizeof *v, MMU_WRITE);
    if (!v) return -EFAULT;
    return sys_result(getitimer((int)a[0], v));
}

static int64_t sys_setitimer(struct linux_process *p, const uint64_t a[6])
{
    struct itimerval nv, ov;
    if (a[1] && mmu_read_bytes(p->mmu, a[1], &nv, sizeof nv, MMU_READ)) return -EFAULT;
    if (!a[1]) memset(&nv, 0, sizeof nv); /* Linux: a NULL new value disarms the timer */
    if (setitimer((int)a[0], &nv, &ov)) return -errno;
    if (a[2] && mmu_write_bytes(p->mmu, a[2], &ov, sizeof ov, MMU_WRITE)) return -EFAULT;
    return 0;
}

static int64_t sys_timer_create(struct linux_process *p, const uint64_t a[6])
{
    struct guest_sigevent ev;
    if (a[1]) {
        if (mmu_read_bytes(p->mmu, a[1], &ev, sizeof ev, MMU_READ)) return -EFAULT;
        if (ev.notify != G_SIGEV_NONE && host_only_signal(ev.signo)) return -EINVAL;
    }
    int32_t *id = guest_ptr(p, a[2], sizeof *id, MMU_WRITE);
    if (!id) return -EFAULT;
    return sys_result(syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &ev : NULL, id));
}

static int64_t sys_timer_settime(struct linux_process *p, const uint64_t a[6])
{
    struct itimerspec nv, ov;
    if (mmu_read_bytes(p->mmu, a[2], &nv, sizeof nv, MMU_READ)) return -EFAULT;
    long r = syscall(SYS_timer_settime, (int)a[0], (int)a[1], &nv, a[3] ? &ov : NULL);
    if (r) return -errno;
    if (a[3] && mmu_write_bytes(p->mmu, a[3], &ov, sizeof ov, MMU_WRITE)) return -EFAULT;
    return 0;
}

static int64_t sys_timer_gettime(struct linux_process *p, const uint64_t a[6])
{
    struct itimerspec *v = guest_ptr(p, a[1], sizeof *v, MMU_WRITE);
    if (!v) return -EFAULT;
    return sys_result(syscall(SYS_timer_gettime, (int)a[0], v));
}

static int64_t sys_timer_getoverrun(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_timer_getoverrun, (int)a[0]));
}

static int64_t sys_timer_delete(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_timer_delete, (int)a[0]));
}

static const struct syscall_def defs[] = {
    {102, "getitimer", "dp", 'd', sys_getitimer},
    {103, "setitimer", "dpp", 'd', sys_setitimer},
    {107, "timer_create", "cpp", 'd', sys_timer_create},
    {108, "timer_gettime", "dp", 'd', sys_timer_gettime},
    {109, "timer_getoverrun", "d", 'd', sys_timer_getoverrun},
    {110, "timer_settime", "dxpp", 'd', sys_timer_settime},
    {111, "timer_delete", "d", 'd', sys_timer_delete},
};
SYSCALL_TABLE(syscalls_timers, defs);
