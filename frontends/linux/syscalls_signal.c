/*
 * frontends/linux/syscalls_signal.c — the signal system calls.
 *
 * Argument conversion only; the state and its mirroring on the host are in
 * linux_signal.c.  riscv64's struct sigaction is {handler, flags, mask}
 * (no sa_restorer, unlike x86-64's), its sigset 8 bytes: a sigsetsize other
 * than 8 is EINVAL, as on Linux.  stack_t is {sp, flags (int), size}.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "frontends/linux/syscalls.h"

enum { G_SIG_BLOCK = 0, G_SIG_UNBLOCK = 1, G_SIG_SETMASK = 2 };
enum { G_SS_ONSTACK = 1, G_SS_DISABLE = 2, G_SS_AUTODISARM = (int)(1u << 31), G_MINSIGSTKSZ = 2048 };

static int64_t sys_rt_sigaction(struct linux_process *p, const uint64_t a[6])
{
    if (a[3] != 8) return -EINVAL;
    struct guest_sigaction act, old;
    if (a[1] && mmu_read_bytes(p->mmu, a[1], &act, sizeof act, MMU_READ)) return -EFAULT;
    int64_t r = linux_sigaction(p, (int)a[0], a[1] ? &act : NULL, &old);
    if (!r && a[2] && mmu_write_bytes(p->mmu, a[2], &old, sizeof old, MMU_WRITE)) return -EFAULT;
    return r;
}

static int64_t sys_rt_sigprocmask(struct linux_process *p, const uint64_t a[6])
{
    if (a[3] != 8) return -EINVAL;
    uint64_t old = p->sig.blocked, set;
    if (a[1]) {
        if (mmu_read_bytes(p->mmu, a[1], &set, 8, MMU_READ)) return -EFAULT;
        switch (a[0]) {
        case G_SIG_BLOCK: linux_set_blocked(p, old | set); break;
        case G_SIG_UNBLOCK: linux_set_blocked(p, old & ~set); break;
        case G_SIG_SETMASK: linux_set_blocked(p, set); break;
        default: return -EINVAL;
        }
    }
    if (a[2] && mmu_write_bytes(p->mmu, a[2], &old, 8, MMU_WRITE)) return -EFAULT;
    return 0;
}

static int64_t sys_rt_sigreturn(struct linux_process *p, const uint64_t a[6])
{
    (void)a;
    return linux_sigreturn(p);
}

static int64_t sys_rt_sigsuspend(struct linux_process *p, const uint64_t a[6])
{
    uint64_t mask;
    if (a[1] != 8) return -EINVAL;
    if (mmu_read_bytes(p->mmu, a[0], &mask, 8, MMU_READ)) return -EFAULT;
    return linux_sigsuspend(p, mask);
}

static int64_t sys_rt_sigpending(struct linux_process *p, const uint64_t a[6])
{
    if (a[1] != 8) return -EINVAL;
    uint64_t set = linux_signals_pending(p);
    return mmu_write_bytes(p->mmu, a[0], &set, 8, MMU_WRITE) ? -EFAULT : 0;
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): sigwait, sigwaitinfo,
 * sigtimedwait.  A signal the guest blocks stays pending in the host kernel
 * (linux_set_blocked mirrors the mask), so the host's call takes it from
 * there, with the same siginfo layout (128 bytes, generic on both) and
 * timespec.  The synchronous signals never reach the host as sent ones
 * (linux_signal_self keeps them in self_pending): those are taken from there. */
_Static_assert(sizeof(siginfo_t) == 128, "the host's siginfo is riscv64's 128 bytes");

static int64_t sys_rt_sigtimedwait(struct linux_process *p, const uint64_t a[6])
{
    if (a[3] != 8) return -EINVAL;
    uint64_t set;
    if (mmu_read_bytes(p->mmu, a[0], &set, 8, MMU_READ)) return -EFAULT;
    const struct timespec *ts = NULL;
    if (a[2] && !(ts = guest_ptr(p, a[2], sizeof *ts, MMU_READ))) return -EFAULT;
    static const int sync[] = {SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV};
    uint64_t host_set = set;
    for (size_t i = 0; i < sizeof sync / sizeof sync[0]; i++) {
        uint64_t b = 1ull << (sync[i] - 1);
        host_set &= ~b;
        if (set & p->sig.self_pending & b) { /* one we sent ourselves: lowest number first, as Linux */
            p->sig.self_pending &= ~b;
            siginfo_t si = {.si_signo = sync[i], .si_code = p->sig.self_code[sync[i]]};
            si.si_pid = getpid(), si.si_uid = getuid();
            return a[1] && mmu_write_bytes(p->mmu, a[1], &si, sizeof si, MMU_WRITE) ? -EFAULT : sync[i];
        }
    }
    /* As Linux: the signal is taken first, then a bad info pointer is EFAULT (and the signal lost). */
    siginfo_t si;
    int64_t r = sys_result(syscall(SYS_rt_sigtimedwait, &host_set, &si, ts, 8));
    return r > 0 && a[1] && mmu_write_bytes(p->mmu, a[1], &si, sizeof si, MMU_WRITE) ? -EFAULT : r;
}

struct guest_stack {
    uint64_t sp;
    int32_t flags, pad;
    uint64_t size;
};

static int64_t sys_sigaltstack(struct linux_process *p, const uint64_t a[6])
{
    struct linux_signals *s = &p->sig;
    uint64_t sp = p->cpu.x[2];
    bool on_stack = !(s->altstack_flags & G_SS_DISABLE) && sp - s->altstack_sp <= s->altstack_size;
    struct guest_stack old = {s->altstack_sp, on_stack ? G_SS_ONSTACK : (int32_t)s->altstack_flags, 0, s->altstack_size};
    if (a[0]) {
        struct guest_stack ss;
        if (mmu_read_bytes(p->mmu, a[0], &ss, sizeof ss, MMU_READ)) return -EFAULT;
        if (on_stack) return -EPERM;
        int mode = ss.flags & ~G_SS_AUTODISARM;
        if (mode == G_SS_DISABLE) {
            s->altstack_sp = s->altstack_size = 0;
            s->altstack_flags = G_SS_DISABLE;
        } else if (mode == 0 || mode == G_SS_ONSTACK) {
            if (ss.size < G_MINSIGSTKSZ) return -ENOMEM;
            s->altstack_sp = ss.sp;
            s->altstack_size = ss.size;
            s->altstack_flags = 0;
        } else {
            return -EINVAL;
        }
    }
    if (a[1] && mmu_write_bytes(p->mmu, a[1], &old, sizeof old, MMU_WRITE)) return -EFAULT;
    return 0;
}

static int64_t sys_kill(struct linux_process *p, const uint64_t a[6])
{
    if ((pid_t)a[0] == getpid()) return linux_signal_self(p, (int)a[1], false);
    return sys_result(kill((pid_t)a[0], (int)a[1]));
}

static int64_t sys_tkill(struct linux_process *p, const uint64_t a[6])
{
    if (linux_multithreaded(p) || (pid_t)a[0] == gettid()) return linux_signal_thread(p, (int)a[0], (int)a[1]);
    return sys_result(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}

static int64_t sys_tgkill(struct linux_process *p, const uint64_t a[6])
{
    if ((pid_t)a[0] == getpid()) return linux_signal_thread(p, (int)a[1], (int)a[2]);
    return sys_result(tgkill((pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

/* The signals rvdbt's own faults raise: one the guest sends itself must not
 * reach the host (linux_signal_self keeps it for the guest). */
static bool synchronous(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

/* rt_sigqueueinfo(pid, sig, info) and rt_tgsigqueueinfo(tgid, tid, sig, info):
 * sigqueue and pthread_sigqueue.  The siginfo is the same 128 bytes on both;
 * the host kernel checks si_code as Linux does (EPERM for a kernel code sent
 * to another process: the guest's pid is the host's) and queues the signal
 * with its value, which host_handler keeps for the guest's handler (or the
 * host's sigtimedwait returns).  A synchronous one sent to this process goes
 * the way kill's does (without its value). */
static int64_t sys_rt_sigqueueinfo(struct linux_process *p, const uint64_t a[6])
{
    siginfo_t si;
    if (mmu_read_bytes(p->mmu, a[2], &si, sizeof si, MMU_READ)) return -EFAULT;
    int sig = (int)a[1];
    if ((pid_t)a[0] == getpid() && synchronous(sig)) return linux_signal_self(p, sig, false);
    return sys_result(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], sig, &si));
}

static int64_t sys_rt_tgsigqueueinfo(struct linux_process *p, const uint64_t a[6])
{
    siginfo_t si;
    if (mmu_read_bytes(p->mmu, a[3], &si, sizeof si, MMU_READ)) return -EFAULT;
    int sig = (int)a[2];
    if ((pid_t)a[0] == getpid() && synchronous(sig)) return linux_signal_thread(p, (int)a[1], sig);
    return sys_result(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], sig, &si));
}

static const struct syscall_def defs[] = {
    {129, "kill", "dS", 'd', sys_kill},
    {130, "tkill", "dS", 'd', sys_tkill},
    {131, "tgkill", "ddS", 'd', sys_tgkill},
    {132, "sigaltstack", "pp", 'd', sys_sigaltstack},
    {133, "rt_sigsuspend", "pu", 'd', sys_rt_sigsuspend},
    {134, "rt_sigaction", "Sppu", 'd', sys_rt_sigaction},
    {135, "rt_sigprocmask", "dppu", 'd', sys_rt_sigprocmask},
    {136, "rt_sigpending", "pu", 'd', sys_rt_sigpending},
    {137, "rt_sigtimedwait", "pppu", 'd', sys_rt_sigtimedwait},
    {138, "rt_sigqueueinfo", "dSp", 'd', sys_rt_sigqueueinfo},
    {139, "rt_sigreturn", "", 'd', sys_rt_sigreturn},
    {240, "rt_tgsigqueueinfo", "ddSp", 'd', sys_rt_tgsigqueueinfo},
};
SYSCALL_TABLE(syscalls_signal, defs);
