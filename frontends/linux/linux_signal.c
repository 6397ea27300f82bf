/*
 * frontends/linux/linux_signal.c — signal dispositions, delivery and the riscv64 signal frame.
 *
 * See linux_signal.h for how guest dispositions map onto the host's.  A
 * host signal for a guest handler only sets a bit (and the hart's
 * exit_request, so translated code returns at the next block boundary and
 * the interpreter before the next instruction); linux_signal_deliver() then
 * does what the kernel does on the way back to user space: it pushes a
 * struct rt_sigframe (siginfo + ucontext, below) on the guest stack — or the
 * alternate stack — and enters the handler with a0 = signal, a1 = &info,
 * a2 = &uc, ra = a `li a7, 139; ecall` trampoline (Linux uses the vDSO's
 * __vdso_rt_sigreturn the same way).  rt_sigreturn reads the ucontext back,
 * so a handler that edits uc_mcontext changes where the guest resumes.
 */
#include "frontends/linux/linux_signal.h"

#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "frontends/linux/linux_user.h"

/* Kernel sa_flags values (asm-generic/signal-defs.h; x86-64 uses the same). */
enum { G_SA_NOCLDSTOP = 1, G_SA_NOCLDWAIT = 2, G_SA_SIGINFO = 4, G_SA_ONSTACK = 0x08000000,
       G_SA_RESTART = 0x10000000, G_SA_NODEFER = 0x40000000, G_SA_RESETHAND = 0x80000000u };
enum { G_SIG_DFL = 0, G_SIG_IGN = 1 };
enum { G_SS_ONSTACK = 1, G_SS_DISABLE = 2 };

/* struct ucontext of riscv64 (uapi asm/ucontext.h + sigcontext.h).  The kernel
 * reserves 1024 bits for the signal mask and uses 64; mcontext is 16-byte
 * aligned because its FP union has a Q-extension variant with aligned(16).
 * The FP area holds the D state (f0..f31, fcsr); the rest, including the
 * extension-context header at its end, is zero ("no more context"). */
struct rv_ucontext {
    uint64_t flags;
    uint64_t link;
    uint64_t ss_sp;
    int32_t ss_flags, ss_pad;
    uint64_t ss_size;
    uint64_t sigmask;
    uint8_t unused[120];
    uint8_t align_pad[8];
    uint64_t gregs[32];   /* gregs[0] = pc, gregs[i] = x[i] */
    uint64_t fpregs[32];
    uint32_t fcsr;
    uint8_t fp_rest[528 - 32 * 8 - 4];
};
_Static_assert(offsetof(struct rv_ucontext, sigmask) == 40, "uc_sigmask");
_Static_assert(offsetof(struct rv_ucontext, gregs) == 176, "uc_mcontext");
_Static_assert(offsetof(struct rv_ucontext, fpregs) == 432, "fp state");
_Static_assert(sizeof(struct rv_ucontext) == 960, "riscv64 ucontext");

struct rv_sigframe {
    uint8_t info[128]; /* siginfo_t: the same 128-byte layout as the x86-64 host's */
    struct rv_ucontext uc;
};
_Static_assert(sizeof(struct rv_sigframe) == 1088, "riscv64 rt_sigframe");

/* The guest thread this host thread runs (each guest thread is a host
 * thread: linux_threads.c).  A host signal is handled on the host thread
 * the kernel chose, and is recorded for that guest thread. */
static _Thread_local struct linux_process *current;

static uint64_t bit(int sig) { return 1ull << (sig - 1); }

static bool is_synchronous(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static void (*before_death)(struct linux_process *p);

void linux_signal_set_before_death(void (*fn)(struct linux_process *p)) { before_death = fn; }

/* Signals that kill by default and that a user sends (Ctrl-C, kill): while a
 * report is wanted at the end (--stats, --explain-hot), they come through
 * the run loop even when the guest leaves them at the default, so that
 * rvdbt prints the report before it dies of them. */
static bool reported_death(int sig)
{
    return before_death && (sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT);
}

/* The signal stays blocked on this host thread when the handler returns (its
 * ucontext's mask is what the host's sigreturn restores), until
 * linux_signal_deliver has handed it to the guest and put the guest's mask
 * back, as qemu-user does.  Otherwise a signal that comes faster than this
 * handler returns (a POSIX timer with a 1 µs interval: stress-ng's `timer`)
 * keeps the host thread in the handler and the guest never runs: a
 * livelock.  It also keeps a second real-time signal of the same number
 * queued in the host kernel, with its own siginfo, instead of overwriting
 * host_info. */
static void host_handler(int sig, siginfo_t *si, void *uc)
{
    struct linux_process *p = current;
    if (!p) return; /* (a host thread between guest threads: every signal is blocked there) */
    memcpy(p->sig.host_info[sig], si, sizeof p->sig.host_info[sig]);
    __atomic_fetch_or(&p->sig.host_pending, bit(sig), __ATOMIC_SEQ_CST);
    /* (not the synchronous ones, sent from outside and passed on by
     * async_fault_signal without a ucontext: rvdbt's own faults must never
     * find them blocked) */
    if (uc && !is_synchronous(sig)) {
        sigaddset(&((ucontext_t *)uc)->uc_sigmask, sig);
        __atomic_store_n(&p->sig.host_masked, true, __ATOMIC_SEQ_CST);
    }
    cpu_set_exit_request(&p->cpu, 1);
}

void linux_signal_attach(struct linux_process *p)
{
    current = p;
    linux_set_blocked(p, p->sig.blocked);
}

void linux_signal_detach(struct linux_process *p)
{
    if (current == p) current = NULL;
}

/* Mirrors the guest disposition of `sig` on the host. */
static void set_host_action(const struct guest_sigaction *act, int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP || is_synchronous(sig)) return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask); /* the host handler itself must not be interrupted */
    if (act->handler == G_SIG_DFL && reported_death(sig)) {
        sa.sa_sigaction = host_handler;
        sa.sa_flags = SA_SIGINFO;
    } else if (act->handler == G_SIG_DFL) sa.sa_handler = SIG_DFL;
    else if (act->handler == G_SIG_IGN) sa.sa_handler = SIG_IGN;
    else {
        sa.sa_sigaction = host_handler;
        /* Never SA_RESTART on the host, whatever the guest asked: a host call the
         * guest thread sleeps in (futex, read) must return EINTR so that the guest
         * handler runs now, as on Linux; the guest's SA_RESTART is applied after the
         * handler (linux_signal_restarts_call, syscalls.c). */
        sa.sa_flags = SA_SIGINFO;
    }
    if (sig == SIGCHLD) sa.sa_flags |= (int)(act->flags & (G_SA_NOCLDSTOP | G_SA_NOCLDWAIT));
    sigaction(sig, &sa, NULL); /* may fail for glibc's internal signals 32, 33: harmless */
}

void linux_set_blocked(struct linux_process *p, uint64_t blocked)
{
    blocked &= ~(bit(SIGKILL) | bit(SIGSTOP));
    p->sig.blocked = blocked;
    sigset_t set;
    sigemptyset(&set);
    for (int s = 1; s <= LINUX_NSIG; s++)
        if ((blocked & bit(s)) && !is_synchronous(s)) sigaddset(&set, s);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

/* A SIGSEGV that was sent (kill from the guest with the default action, or
 * from outside), seen by the translator's fault handler: the guest's
 * disposition decides.  Runs in the signal handler: only what is safe there. */
static void async_fault_signal(int sig, siginfo_t *si)
{
    if (!current) return;
    uint64_t handler = current->sig.action[sig].handler;
    if (handler == G_SIG_IGN) return;
    if (handler != G_SIG_DFL) { /* delivered by the run loop, as any host signal */
        host_handler(sig, si, NULL);
        return;
    }
    signal(sig, SIG_DFL); /* the default action: die of it, as the guest would */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig);
}

/* The synchronous signals (SIGSEGV and SIGBUS before the translator installs
 * its fault handler, and with the interpreter, which never does; SIGILL,
 * SIGFPE and SIGTRAP always): a sent one goes to the guest as above, as it
 * would natively (`kill -ILL` on a program with a SIGILL handler runs the
 * handler); a real fault is rvdbt's own bug, so the handler that was there
 * before (the default, or a sanitizer's) takes it when the instruction runs
 * again. */
static struct sigaction previous_sync[LINUX_NSIG + 1];

static void sent_or_fault(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (si->si_code <= 0) {
        async_fault_signal(sig, si);
        return;
    }
    sigaction(sig, &previous_sync[sig], NULL);
}

bool linux_signal_init(struct linux_process *p)
{
    tx_set_async_signal_hook(async_fault_signal);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = sent_or_fault;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    static bool installed; /* (once per host process: previous_sync must stay the original) */
    for (int s = 1; s <= LINUX_NSIG && !installed; s++)
        if (is_synchronous(s)) sigaction(s, &sa, &previous_sync[s]);
    installed = true;
    static const uint32_t trampoline[2] = {0x08b00893, /* li a7, 139 (rt_sigreturn) */
                                           0x00000073}; /* ecall */
    uint64_t at = mmu_find_free(p->mmu, MMU_PAGE_SIZE, LINUX_MMAP_FLOOR, LINUX_MMAP_TOP);
    if (at == UINT64_MAX || !mmu_map(p->mmu, at, MMU_PAGE_SIZE, MMU_READ | MMU_EXEC) ||
        mmu_write_bytes(p->mmu, at, trampoline, sizeof trampoline, 0))
        return false;
    p->sig.trampoline = at;
    p->sig.altstack_flags = G_SS_DISABLE;
    /* As after execve: ignored signals stay ignored, the mask is kept. */
    sigset_t mask;
    sigprocmask(SIG_SETMASK, NULL, &mask);
    for (int s = 1; s <= LINUX_NSIG; s++) {
        struct sigaction old;
        if (s != SIGKILL && s != SIGSTOP && sigaction(s, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            p->sig.action[s].handler = G_SIG_IGN;
        if (sigismember(&mask, s) == 1) p->sig.blocked |= bit(s);
    }
    current = p;
    for (int sig = 1; sig <= LINUX_NSIG; sig++)
        if (reported_death(sig) && p->sig.action[sig].handler == G_SIG_DFL) set_host_action(&p->sig.action[sig], sig);
    return true;
}

int linux_fault_signal(uint64_t cause, int *si_code, const char **what)
{
    *si_code = 1; /* ILL_ILLOPC, TRAP_BRKPT, BUS_ADRALN, SEGV_MAPERR */
    switch (cause) {
    case RV_CAUSE_ILLEGAL_INSN: *what = "illegal instruction"; return SIGILL;
    case RV_CAUSE_BREAKPOINT: *what = "breakpoint"; return SIGTRAP;
    case RV_CAUSE_MISALIGNED_LOAD: case RV_CAUSE_MISALIGNED_STORE: case RV_CAUSE_MISALIGNED_FETCH:
        *what = "misaligned access"; return SIGBUS;
    case RV_CAUSE_FETCH_PAGE_FAULT: case RV_CAUSE_FETCH_ACCESS: *what = "instruction fetch fault"; return SIGSEGV;
    case RV_CAUSE_LOAD_PAGE_FAULT: case RV_CAUSE_LOAD_ACCESS: *what = "load fault"; return SIGSEGV;
    default: *what = "store fault"; return SIGSEGV;
    }
}

static bool on_altstack(const struct linux_process *p, uint64_t sp)
{
    return !(p->sig.altstack_flags & G_SS_DISABLE) && sp - p->sig.altstack_sp <= p->sig.altstack_size;
}

static int32_t altstack_flags_at(const struct linux_process *p, uint64_t sp)
{
    if (p->sig.altstack_flags & G_SS_DISABLE) return G_SS_DISABLE;
    return on_altstack(p, sp) ? G_SS_ONSTACK : 0;
}

/* Pushes the frame for `sig` and enters its handler; false if the frame
 * cannot be written (the kernel then kills the process with SIGSEGV). */
static bool enter_handler(struct linux_process *p, int sig, const uint8_t info[128])
{
    struct cpu *c = &p->cpu;
    struct guest_sigaction *act = &p->sig.action[sig];
    uint64_t sp = c->x[2];
    if ((act->flags & G_SA_ONSTACK) && altstack_flags_at(p, sp) == 0) sp = p->sig.altstack_sp + p->sig.altstack_size;
    uint64_t frame_addr = (sp - sizeof(struct rv_sigframe)) & ~15ull;

    struct rv_sigframe f;
    memset(&f, 0, sizeof f);
    memcpy(f.info, info, sizeof f.info);
    f.uc.ss_sp = p->sig.altstack_sp;
    f.uc.ss_flags = altstack_flags_at(p, c->x[2]);
    f.uc.ss_size = p->sig.altstack_size;
    f.uc.sigmask = p->sig.restore_saved ? p->sig.saved_blocked : p->sig.blocked;
    f.uc.gregs[0] = c->pc;
    for (int i = 1; i < 32; i++) f.uc.gregs[i] = c->x[i];
    memcpy(f.uc.fpregs, c->f, sizeof f.uc.fpregs);
    f.uc.fcsr = c->frm << 5 | c->fflags;
    if (mmu_write_bytes(p->mmu, frame_addr, &f, sizeof f, MMU_WRITE)) return false;

    p->sig.restore_saved = false;
    c->x[2] = frame_addr;
    c->x[1] = p->sig.trampoline;
    c->x[10] = (uint64_t)sig;
    c->x[11] = frame_addr + offsetof(struct rv_sigframe, info);
    c->x[12] = frame_addr + offsetof(struct rv_sigframe, uc);
    c->pc = cpu_entry_pc(act->handler);
    c->reservation_valid = false;
    uint64_t blocked = p->sig.blocked | act->mask | (act->flags & G_SA_NODEFER ? 0 : bit(sig));
    if (act->flags & G_SA_RESETHAND) {
        *act = (struct guest_sigaction){G_SIG_DFL, 0, 0};
        set_host_action(act, sig);
    }
    linux_set_blocked(p, blocked);
    return true;
}

static _Noreturn void frame_failed(struct linux_process *p, int sig)
{
    fprintf(stderr, "rvdbt: guest killed by SIGSEGV: cannot write the frame for SIG%s below sp 0x%llx\n",
            sigabbrev_np(sig), (unsigned long long)p->cpu.x[2]);
    linux_die_by_signal(SIGSEGV);
}

/* The default action of a signal nobody handles. */
static void default_action(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT: return; /* ignored */
    case SIGTSTP: case SIGTTIN: case SIGTTOU: kill(getpid(), SIGSTOP); return;
    default:
        if (before_death && current) before_death(current); /* --stats, --explain-hot */
        linux_die_by_signal(sig);
    }
}


/* The signal linux_signal_deliver would take first, 0 if none. */
static int next_ready(struct linux_process *p)
{
    uint64_t pending = __atomic_load_n(&p->sig.host_pending, __ATOMIC_SEQ_CST) |
                       __atomic_load_n(&p->sig.self_pending, __ATOMIC_SEQ_CST);
    uint64_t ready = pending & ~p->sig.blocked;
    return ready ? __builtin_ctzll(ready) + 1 : 0;
}

bool linux_signal_restarts_call(struct linux_process *p)
{
    int sig = next_ready(p);
    if (!sig) return true; /* no handler will run: Linux restarts transparently */
    uint64_t handler = p->sig.action[sig].handler;
    return handler <= G_SIG_IGN || (p->sig.action[sig].flags & G_SA_RESTART);
}

void linux_signal_deliver(struct linux_process *p)
{
    cpu_set_exit_request(&p->cpu, 0);
#if defined(__SANITIZE_THREAD__)
    /* ThreadSanitizer defers a signal handler that interrupts uninstrumented
     * code (translated code included) until the thread next passes through
     * one of its interceptors; a thread spinning in a translated loop would
     * never run host_handler.  So this is a delivery point TSan sees: a
     * system call through an interceptor.  The kernel delivers the signals
     * pending for this thread on its return, TSan runs the handlers it
     * deferred as the interceptor ends, and their bits are set below.  A
     * signal sent by another guest thread is queued in the kernel before
     * that thread sets our exit_request (linux_threads_kick), so none is
     * missed; one from outside the process waits for our next system call. */
    sigset_t tsan_flush;
    pthread_sigmask(SIG_BLOCK, NULL, &tsan_flush);
#endif
    /* (taken before the pending bits: a host signal that comes after this sets it again) */
    bool host_masked = __atomic_exchange_n(&p->sig.host_masked, false, __ATOMIC_SEQ_CST);
    for (;;) {
        uint64_t self = __atomic_load_n(&p->sig.self_pending, __ATOMIC_SEQ_CST);
        uint64_t pending = __atomic_load_n(&p->sig.host_pending, __ATOMIC_SEQ_CST) | self;
        uint64_t ready = pending & ~p->sig.blocked;
        if (!ready) break;
        int sig = __builtin_ctzll(ready) + 1;
        uint8_t info[128];
        if (self & bit(sig)) {
            __atomic_fetch_and(&p->sig.self_pending, ~bit(sig), __ATOMIC_SEQ_CST);
            siginfo_t si = {.si_signo = sig, .si_code = p->sig.self_code[sig]};
            si.si_pid = getpid();
            si.si_uid = getuid();
            memcpy(info, &si, sizeof info);
        } else {
            __atomic_fetch_and(&p->sig.host_pending, ~bit(sig), __ATOMIC_SEQ_CST);
            memcpy(info, p->sig.host_info[sig], sizeof info);
        }
        uint64_t handler = p->sig.action[sig].handler;
        if (handler == G_SIG_IGN) continue;
        if (handler == G_SIG_DFL) {
            default_action(sig);
            continue;
        }
        if (!enter_handler(p, sig, info)) frame_failed(p, sig);
    }
    if (p->sig.restore_saved) { /* sigsuspend woke without running a handler */
        p->sig.restore_saved = false;
        linux_set_blocked(p, p->sig.saved_blocked);
    } else if (host_masked) {
        linux_set_blocked(p, p->sig.blocked); /* unblocks what host_handler left blocked */
    }
}

bool linux_signal_fault(struct linux_process *p)
{
    const char *what;
    int code;
    int sig = linux_fault_signal(p->cpu.trap_cause, &code, &what);
    /* Linux forces a fault signal: blocked or ignored means the default action (death). */
    if (p->sig.action[sig].handler <= G_SIG_IGN || (p->sig.blocked & bit(sig))) return false;
    uint64_t addr = p->cpu.trap_tval;
    if (sig == SIGILL || sig == SIGTRAP) addr = p->cpu.pc;
    if (sig == SIGSEGV && mmu_is_mapped(p->mmu, addr)) code = 2; /* SEGV_ACCERR: mapped, no permission */
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    si.si_addr = (void *)(uintptr_t)addr;
    uint8_t info[128];
    memcpy(info, &si, sizeof info);
    if (!enter_handler(p, sig, info)) frame_failed(p, sig);
    return true;
}

int64_t linux_sigreturn(struct linux_process *p)
{
    struct cpu *c = &p->cpu;
    struct rv_sigframe f;
    if (mmu_read_bytes(p->mmu, c->x[2], &f, sizeof f, MMU_READ)) {
        fprintf(stderr, "rvdbt: guest killed by SIGSEGV: rt_sigreturn with no signal frame at sp 0x%llx\n",
                (unsigned long long)c->x[2]);
        linux_die_by_signal(SIGSEGV);
    }
    c->pc = cpu_entry_pc(f.uc.gregs[0]);
    for (int i = 1; i < 32; i++) c->x[i] = f.uc.gregs[i];
    memcpy(c->f, f.uc.fpregs, sizeof f.uc.fpregs);
    c->fflags = f.uc.fcsr & 0x1f;
    c->frm = (f.uc.fcsr >> 5) & 7;
    c->reservation_valid = false;
    linux_set_blocked(p, f.uc.sigmask);
    /* restore_altstack: the handler may have changed the saved alternate stack */
    if (!(f.uc.ss_flags & G_SS_DISABLE) && !on_altstack(p, c->x[2]) && f.uc.ss_size >= 2048) {
        p->sig.altstack_sp = f.uc.ss_sp;
        p->sig.altstack_size = f.uc.ss_size;
        p->sig.altstack_flags = 0;
    }
    return (int64_t)c->x[10]; /* a0 as it was: the syscall "result" must not clobber it */
}

int64_t linux_sigaction(struct linux_process *p, int sig, const struct guest_sigaction *act,
                        struct guest_sigaction *old)
{
    if (sig < 1 || sig > LINUX_NSIG) return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP)) return -EINVAL;
    if (old) *old = p->sig.action[sig];
    if (act) {
        p->sig.action[sig] = *act;
        p->sig.action[sig].mask &= ~(bit(SIGKILL) | bit(SIGSTOP));
        set_host_action(act, sig);
        /* A signal that becomes ignored is discarded even if pending (POSIX). */
        if (act->handler == G_SIG_IGN) {
            __atomic_fetch_and(&p->sig.self_pending, ~bit(sig), __ATOMIC_SEQ_CST);
            __atomic_fetch_and(&p->sig.host_pending, ~bit(sig), __ATOMIC_SEQ_CST);
        }
    }
    return 0;
}

int64_t linux_sigsuspend(struct linux_process *p, uint64_t mask)
{
    p->sig.saved_blocked = p->sig.blocked;
    p->sig.restore_saved = true;
    linux_set_blocked(p, mask);
    /* Everything is blocked between the look at the pending bits and the
     * sleep, which unblocks the guest's mask atomically: a signal that came in
     * between would otherwise be taken by host_handler before the sleep, which
     * would then wait for the next one (a lost wakeup).  Returns once a host
     * handler ran; the run loop then delivers (and restores the mask). */
    sigset_t all, set;
    sigfillset(&all);
    sigprocmask(SIG_SETMASK, &all, &set);
    if (!((__atomic_load_n(&p->sig.host_pending, __ATOMIC_SEQ_CST) | p->sig.self_pending) & ~p->sig.blocked))
        sigsuspend(&set);
    linux_set_blocked(p, p->sig.blocked);
    return -EINTR;
}

uint64_t linux_signals_pending(struct linux_process *p)
{
    sigset_t set;
    uint64_t bits = __atomic_load_n(&p->sig.host_pending, __ATOMIC_SEQ_CST) | p->sig.self_pending;
    if (sigpending(&set) == 0)
        for (int s = 1; s <= LINUX_NSIG; s++)
            if (sigismember(&set, s) == 1) bits |= bit(s);
    return bits & p->sig.blocked;
}

int64_t linux_signal_thread(struct linux_process *p, int tid, int sig)
{
    if (tid == p->tid) return linux_signal_self(p, sig, true);
    if (sig < 0 || sig > LINUX_NSIG) return -EINVAL;
    /* A synchronous signal for another of our threads' handlers: the host
     * must not deliver it (it would be rvdbt's own crash there). */
    if (sig && is_synchronous(sig) && p->sig.action[sig].handler > G_SIG_IGN)
        return linux_thread_queue_signal(p, tid, sig, SI_TKILL) ? 0 : -ESRCH;
    if (sig && is_synchronous(sig) && p->sig.action[sig].handler == G_SIG_IGN) return 0;
    if (tgkill(getpid(), tid, sig)) return -errno;
    if (sig) linux_threads_kick(p, tid); /* (after the send: see linux_signal_deliver) */
    return 0;
}

int64_t linux_signal_self(struct linux_process *p, int sig, bool thread)
{
    if (sig < 0 || sig > LINUX_NSIG) return -EINVAL;
    if (sig && is_synchronous(sig) && p->sig.action[sig].handler == G_SIG_IGN) return 0;
    if (sig && is_synchronous(sig) && p->sig.action[sig].handler > G_SIG_IGN) {
        p->sig.self_pending |= bit(sig); /* the host must not see it: it would be rvdbt's crash */
        p->sig.self_code[sig] = thread ? SI_TKILL : SI_USER;
        cpu_set_exit_request(&p->cpu, 1);
        return 0;
    }
    if (thread ? tgkill(getpid(), gettid(), sig) : kill(getpid(), sig)) return -errno;
    if (sig && !thread && linux_multithreaded(p)) linux_threads_kick(p, 0); /* any thread may take it */
    return 0;
}
