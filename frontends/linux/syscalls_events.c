/*
 * frontends/linux/syscalls_events.c — descriptors that deliver events: epoll
 * (epoll_create1, epoll_ctl, epoll_pwait, epoll_pwait2), eventfd2,
 * timerfd_create/settime/gettime, signalfd4, inotify_init1/add_watch/rm_watch,
 * memfd_create; and the scheduling-policy calls (sched_getparam and friends).
 *
 * All are the host's objects, with two layouts to convert:
 *  - struct epoll_event is packed on x86-64 (12 bytes: u32 events, u64 data)
 *    but naturally aligned on riscv64 (16 bytes: events, 4 bytes padding,
 *    data): converted both ways, entry by entry;
 *  - a sigset (epoll_pwait's mask, signalfd's) is the guest's 8-byte kernel
 *    sigset, passed to the host kernel as it is, except that SIGSEGV, SIGBUS,
 *    SIGILL, SIGFPE and SIGTRAP are left out: on the host they are rvdbt's own
 *    faults and must never be blocked or read from a signalfd
 *    (linux_signal.h).  The guest's blocked mask is already mirrored on the
 *    host (linux_set_blocked), so a signal the guest blocks stays pending in
 *    the host kernel, where the guest's signalfd reads it: signalfd_siginfo
 *    is the same 128 bytes on both.
 * itimerspec (timerfd), inotify_event and sched_param have the same layout;
 * inotify watches a guest path (linux_host_path).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

enum { MAX_EVENTS_PER_CALL = 1024 }; /* epoll_pwait returns at most this many at once */

/* riscv64's struct epoll_event: natural alignment. */
struct guest_epoll_event {
    uint32_t events, pad;
    uint64_t data;
};

static int fd_arg(uint64_t v) { return (int)v; }

/* A guest kernel sigset (sigsetsize must be 8): *guest as given, *set minus
 * the signals rvdbt keeps for itself.  *out is NULL when the guest passed none. */
static int64_t guest_sigset(struct linux_process *p, uint64_t addr, uint64_t size, uint64_t *guest, uint64_t *set,
                            uint64_t **out)
{
    *out = NULL;
    if (!addr) return 0;
    if (size != 8) return -EINVAL;
    if (mmu_read_bytes(p->mmu, addr, guest, 8, MMU_READ)) return -EFAULT;
    *set = *guest;
    static const int own[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) *set &= ~(1ull << (own[i] - 1));
    *out = set;
    return 0;
}

/* A wait with a temporary signal mask (epoll_pwait) was interrupted: as
 * the kernel does (and rt_sigsuspend here), the handlers run with that mask
 * and their frames save the mask from before the call, which comes back
 * afterwards (linux_signal_deliver, restore_saved). */
static void interrupted_with_mask(struct linux_process *p, uint64_t mask)
{
    p->sig.saved_blocked = p->sig.blocked;
    p->sig.restore_saved = true;
    linux_set_blocked(p, mask);
}

/* ---- epoll ----------------------------------------------------------------------------- */

static int64_t sys_epoll_create1(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(epoll_create1((int)a[0]));
}

static int64_t sys_epoll_ctl(struct linux_process *p, const uint64_t a[6])
{
    struct epoll_event ev, *evp = NULL;
    if (a[1] != EPOLL_CTL_DEL) { /* DEL ignores the event (old kernels wanted one: not needed) */
        struct guest_epoll_event g;
        if (mmu_read_bytes(p->mmu, a[3], &g, sizeof g, MMU_READ)) return -EFAULT;
        ev.events = g.events;
        ev.data.u64 = g.data;
        evp = &ev;
    }
    return sys_result(epoll_ctl(fd_arg(a[0]), (int)a[1], fd_arg(a[2]), evp));
}

/* epoll_pwait and epoll_pwait2: `timeout` is milliseconds or a guest timespec. */
static int64_t epoll_wait_common(struct linux_process *p, const uint64_t a[6], bool timespec)
{
    int max = (int)a[2];
    if (max <= 0 || (uint64_t)max > INT32_MAX / sizeof(struct guest_epoll_event)) return -EINVAL;
    uint64_t guest, set, *mask;
    int64_t r = guest_sigset(p, a[4], a[5], &guest, &set, &mask);
    if (r) return r;
    struct epoll_event ev[MAX_EVENTS_PER_CALL];
    int n = max < MAX_EVENTS_PER_CALL ? max : MAX_EVENTS_PER_CALL;
    if (!guest_ptr(p, a[1], (size_t)n * sizeof(struct guest_epoll_event), MMU_WRITE)) return -EFAULT;
    if (timespec) {
        struct timespec ts;
        if (a[3] && mmu_read_bytes(p->mmu, a[3], &ts, sizeof ts, MMU_READ)) return -EFAULT;
        r = sys_result(syscall(SYS_epoll_pwait2, fd_arg(a[0]), ev, n, a[3] ? &ts : NULL, mask, 8));
    } else {
        r = sys_result(syscall(SYS_epoll_pwait, fd_arg(a[0]), ev, n, (int)a[3], mask, 8));
    }
    if (r == -EINTR && mask) interrupted_with_mask(p, guest);
    for (int64_t i = 0; i < r; i++) {
        struct guest_epoll_event g = {ev[i].events, 0, ev[i].data.u64};
        if (mmu_write_bytes(p->mmu, a[1] + i * sizeof g, &g, sizeof g, MMU_WRITE)) return -EFAULT;
    }
    return r;
}

static int64_t sys_epoll_pwait(struct linux_process *p, const uint64_t a[6]) { return epoll_wait_common(p, a, false); }
static int64_t sys_epoll_pwait2(struct linux_process *p, const uint64_t a[6]) { return epoll_wait_common(p, a, true); }

/* ---- eventfd, timerfd, signalfd, memfd, inotify ---------------------------------------- */

static int64_t sys_eventfd2(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1]));
}

static int64_t sys_timerfd_create(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_timerfd_create, (int)a[0], (int)a[1]));
}

static int64_t sys_timerfd_settime(struct linux_process *p, const uint64_t a[6])
{
    struct itimerspec nv, ov;
    if (mmu_read_bytes(p->mmu, a[2], &nv, sizeof nv, MMU_READ)) return -EFAULT;
    int64_t r = sys_result(syscall(SYS_timerfd_settime, fd_arg(a[0]), (int)a[1], &nv, a[3] ? &ov : NULL));
    if (!r && a[3] && mmu_write_bytes(p->mmu, a[3], &ov, sizeof ov, MMU_WRITE)) return -EFAULT;
    return r;
}

static int64_t sys_timerfd_gettime(struct linux_process *p, const uint64_t a[6])
{
    struct itimerspec *v = guest_ptr(p, a[1], sizeof *v, MMU_WRITE);
    return v ? sys_result(syscall(SYS_timerfd_gettime, fd_arg(a[0]), v)) : -EFAULT;
}

static int64_t sys_signalfd4(struct linux_process *p, const uint64_t a[6])
{
    uint64_t guest, set, *mask;
    if (!a[1]) return -EFAULT;
    int64_t r = guest_sigset(p, a[1], a[2], &guest, &set, &mask);
    return r ? r : sys_result(syscall(SYS_signalfd4, fd_arg(a[0]), mask, 8, (int)a[3]));
}

static int64_t sys_memfd_create(struct linux_process *p, const uint64_t a[6])
{
    char name[250]; /* the kernel's limit: 249 bytes and the NUL */
    int64_t r = guest_string(p, a[0], name, sizeof name);
    if (r == -ENAMETOOLONG) return -EINVAL;
    return r ? r : sys_result(syscall(SYS_memfd_create, name, (unsigned)a[1]));
}

static int64_t sys_inotify_init1(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_inotify_init1, (int)a[0]));
}

static int64_t sys_inotify_add_watch(struct linux_process *p, const uint64_t a[6])
{
    struct guest_path gp;
    int64_t r = guest_path(p, a[1], &gp);
    return r ? r : sys_result(syscall(SYS_inotify_add_watch, fd_arg(a[0]), gp.host, (uint32_t)a[2]));
}

static int64_t sys_inotify_rm_watch(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_inotify_rm_watch, fd_arg(a[0]), (int)a[1]));
}

/* ---- scheduling policy (pids are the host's; struct sched_param is one int) ------------ */

static int64_t sys_sched_setparam(struct linux_process *p, const uint64_t a[6])
{
    int *prio = guest_ptr(p, a[1], sizeof *prio, MMU_READ);
    return prio ? sys_result(syscall(SYS_sched_setparam, (pid_t)a[0], prio)) : -EFAULT;
}

static int64_t sys_sched_setscheduler(struct linux_process *p, const uint64_t a[6])
{
    int *prio = guest_ptr(p, a[2], sizeof *prio, MMU_READ);
    return prio ? sys_result(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], prio)) : -EFAULT;
}

static int64_t sys_sched_getscheduler(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

static int64_t sys_sched_getparam(struct linux_process *p, const uint64_t a[6])
{
    int *prio = guest_ptr(p, a[1], sizeof *prio, MMU_WRITE);
    return prio ? sys_result(syscall(SYS_sched_getparam, (pid_t)a[0], prio)) : -EFAULT;
}

static int64_t sys_sched_get_priority_max(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

static int64_t sys_sched_get_priority_min(struct linux_process *p, const uint64_t a[6])
{
    (void)p;
    return sys_result(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

static int64_t sys_sched_rr_get_interval(struct linux_process *p, const uint64_t a[6])
{
    struct timespec *ts = guest_ptr(p, a[1], sizeof *ts, MMU_WRITE);
    return ts ? sys_result(syscall(SYS_sched_rr_get_interval, (pid_t)a[0], ts)) : -EFAULT;
}

static const struct syscall_def defs[] = {
    {19, "eventfd2", "ux", 'd', sys_eventfd2},
    {20, "epoll_create1", "x", 'd', sys_epoll_create1},
    {21, "epoll_ctl", "fdfp", 'd', sys_epoll_ctl},
    {22, "epoll_pwait", "fpddpu", 'd', sys_epoll_pwait},
    {26, "inotify_init1", "x", 'd', sys_inotify_init1},
    {27, "inotify_add_watch", "fsx", 'd', sys_inotify_add_watch},
    {28, "inotify_rm_watch", "fd", 'd', sys_inotify_rm_watch},
    {74, "signalfd4", "fpux", 'd', sys_signalfd4},
    {85, "timerfd_create", "cx", 'd', sys_timerfd_create},
    {86, "timerfd_settime", "fxpp", 'd', sys_timerfd_settime},
    {87, "timerfd_gettime", "fp", 'd', sys_timerfd_gettime},
    {118, "sched_setparam", "dp", 'd', sys_sched_setparam},
    {119, "sched_setscheduler", "ddp", 'd', sys_sched_setscheduler},
    {120, "sched_getscheduler", "d", 'd', sys_sched_getscheduler},
    {121, "sched_getparam", "dp", 'd', sys_sched_getparam},
    {125, "sched_get_priority_max", "d", 'd', sys_sched_get_priority_max},
    {126, "sched_get_priority_min", "d", 'd', sys_sched_get_priority_min},
    {127, "sched_rr_get_interval", "dp", 'd', sys_sched_rr_get_interval},
    {279, "memfd_create", "sx", 'd', sys_memfd_create},
    {441, "epoll_pwait2", "fpdppu", 'd', sys_epoll_pwait2},
};
SYSCALL_TABLE(syscalls_events, defs);
