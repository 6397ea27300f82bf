/*
 * frontends/linux/linux_threads.c — guest threads: clone(CLONE_THREAD), thread and
 * process exit, futexes, robust lists, and keeping the threads' translators
 * in step with the shared address space.
 *
 * Model (linux_threads.h): one host thread per guest thread, each with a
 * private copy of struct linux_process and its own engine.  Guest tids are
 * the host threads' tids, so tgkill, sched_*affinity(tid) and the PI
 * futexes (whose words hold owner tids) work on the host unchanged.  Guest
 * memory is host memory at base + address, so a guest futex is the host
 * futex at that host address: waits and wakes of all threads meet there.
 */
#include "frontends/linux/linux_threads.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "frontends/gdb/gdbstub.h"
#include "frontends/tui/tui.h"
#include "frontends/linux/linux_user.h"
#include "frontends/linux/syscalls.h"

/* Linux clone flags (uapi/linux/sched.h). */
enum {
    G_CLONE_VM = 0x100, G_CLONE_FS = 0x200, G_CLONE_FILES = 0x400, G_CLONE_SIGHAND = 0x800,
    G_CLONE_PIDFD = 0x1000, G_CLONE_VFORK = 0x4000, G_CLONE_THREAD = 0x10000, G_CLONE_SYSVSEM = 0x40000,
    G_CLONE_SETTLS = 0x80000, G_CLONE_PARENT_SETTID = 0x100000, G_CLONE_CHILD_CLEARTID = 0x200000,
    G_CLONE_DETACHED = 0x400000, G_CLONE_CHILD_SETTID = 0x1000000,
};

bool linux_group_init(struct linux_process *p)
{
    struct linux_group *g = calloc(1, sizeof *g);
    if (!g) return false;
    pthread_mutex_init(&g->lock, NULL);
    pthread_mutex_init(&g->serial, NULL);
    pthread_cond_init(&g->serial_turn, NULL);
    pthread_cond_init(&g->all_gone, NULL);
    g->threads = p;
    g->first = p;
    g->live = 1;
    g->threads_started = 1;
    p->group = g;
    p->sig.action = g->action;
    p->tid = (int)gettid();
    return true;
}

bool linux_multithreaded(const struct linux_process *p)
{
    return __atomic_load_n(&p->group->live, __ATOMIC_RELAXED) > 1;
}

/* ---- creating a thread ------------------------------------------------------ */

struct start_info {
    struct linux_process *t;
    uint64_t flags, parent_tid, child_tid;
    struct linux_process *parent;
    int tid;                 /* out: the new thread's tid */
    pthread_mutex_t lock;    /* the parent waits until the child has its tid */
    pthread_cond_t ready;
    bool started;
};

static void unlink_thread(struct linux_group *g, struct linux_process *t)
{
    for (struct linux_process **q = &g->threads; *q; q = &(*q)->next_thread)
        if (*q == t) {
            *q = t->next_thread;
            return;
        }
}

static void finish_thread(struct linux_process *t);

static void *thread_main(void *arg)
{
    struct start_info *si = arg;
    struct linux_process *t = si->t;
    int host_tid = (int)gettid();
    pthread_mutex_lock(&t->group->lock); /* (t is on the thread list: others read its tid under the lock) */
    t->tid = host_tid;
    pthread_mutex_unlock(&t->group->lock);
    if (t->opt->gdb) linux_gdb_thread_start(t); /* (before clone returns: the debugger may list it at once) */
    uint32_t tid = (uint32_t)t->tid;
    /* As the kernel does before either side runs: the tid words. */
    if (si->flags & G_CLONE_PARENT_SETTID) (void)mmu_write_bytes(t->mmu, si->parent_tid, &tid, 4, MMU_WRITE);
    if (si->flags & G_CLONE_CHILD_SETTID) (void)mmu_write_bytes(t->mmu, si->child_tid, &tid, 4, MMU_WRITE);
    pthread_mutex_lock(&si->lock);
    si->tid = t->tid;
    si->started = true;
    pthread_cond_signal(&si->ready);
    pthread_mutex_unlock(&si->lock); /* (si is the parent's: not touched after this) */

    linux_signal_attach(t); /* this host thread's signals now go to t; its guest mask applies */
    int r = linux_run_loop(t);
    if (t->opt->gdb) gdb_stub_thread_end(t->opt->gdb, &t->cpu);
    if (r) { /* the check engine found a difference: the report is out */
        fflush(NULL);
        _exit(r);
    }
    struct linux_group *g = t->group;
    pthread_mutex_lock(&g->lock);
    bool ends_process = g->done && !g->first;
    int status = g->exit_status;
    pthread_mutex_unlock(&g->lock);
    const struct run_options *opt = t->opt;
    finish_thread(t);
    if (ends_process) { /* the last thread of a child forked by a thread */
        fflush(NULL);
        if (opt->gdb) gdb_stub_exited(opt->gdb, status);
        tui_end_now();
        _exit(status);
    }
    /* Nothing of the process is touched after this: the first thread may free it. */
    pthread_mutex_lock(&g->lock);
    if (--g->hosts == 0) pthread_cond_broadcast(&g->all_gone);
    pthread_mutex_unlock(&g->lock);
    return NULL;
}

int64_t linux_clone_thread(struct linux_process *p, uint64_t flags, uint64_t newsp, uint64_t parent_tid,
                           uint64_t tls, uint64_t child_tid)
{
    /* What glibc, musl, Go and Rust pass; a thread must share the address
     * space, the dispositions and the files (we cannot give it others). */
    const uint64_t need = G_CLONE_VM | G_CLONE_SIGHAND | G_CLONE_THREAD;
    const uint64_t allowed = need | G_CLONE_FS | G_CLONE_FILES | G_CLONE_SYSVSEM | G_CLONE_SETTLS |
                             G_CLONE_PARENT_SETTID | G_CLONE_CHILD_CLEARTID | G_CLONE_CHILD_SETTID | G_CLONE_DETACHED;
    if ((flags & need) != need || (flags & ~allowed) || !(flags & G_CLONE_FILES) || !(flags & G_CLONE_FS))
        return -EINVAL;

    if (p->opt->tui) tui_thread_created(p->opt->tui); /* (before the thread exists) */
    struct linux_process *t = malloc(sizeof *t);
    if (!t) return -ENOMEM;
    /* (under the group's lock: a thread ending now unlinks itself from the
     * list, which writes p->next_thread; the copy's link is set below anyway) */
    pthread_mutex_lock(&p->group->lock);
    memcpy(t, p, sizeof *t);
    pthread_mutex_unlock(&p->group->lock);
    t->cpu.x[10] = 0; /* clone returns 0 in the child */
    if (newsp) t->cpu.x[2] = newsp;
    if (flags & G_CLONE_SETTLS) t->cpu.x[4] = tls;
    t->cpu.exit_request = 0;
    t->cpu.code_changed = 0;
    t->cpu.reservation_valid = false;
    t->exited = false;
    t->exit_status = 0;
    t->syscalls = 0;
    t->clear_child_tid = flags & G_CLONE_CHILD_CLEARTID ? child_tid : 0;
    t->robust_list = 0;
    /* Signals: the mask is inherited; no alternate stack, nothing pending. */
    t->sig.altstack_sp = t->sig.altstack_size = 0;
    t->sig.altstack_flags = 2; /* SS_DISABLE */
    t->sig.self_pending = 0;
    t->sig.host_pending = 0;
    t->sig.host_masked = false;
    t->sig.restore_saved = false;
    if (!(t->engine = engine_create(&p->opt->engine))) {
        free(t);
        return -ENOMEM;
    }

    struct start_info si = {.t = t, .flags = flags, .parent_tid = parent_tid, .child_tid = child_tid, .parent = p};
    pthread_mutex_init(&si.lock, NULL);
    pthread_cond_init(&si.ready, NULL);

    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->lock);
    t->next_thread = g->threads;
    g->threads = t;
    __atomic_add_fetch(&g->live, 1, __ATOMIC_RELAXED); /* (read without the lock: linux_multithreaded) */
    g->threads_started++;
    g->hosts++;
    pthread_mutex_unlock(&g->lock);

    /* The new host thread starts with every signal blocked, until it has
     * taken over its guest thread's mask (linux_signal_attach). */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 8u << 20); /* (reserved, not committed: system calls use big buffers) */
    pthread_t th;
    int r = pthread_create(&th, &attr, thread_main, &si);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (r) {
        pthread_mutex_lock(&g->lock);
        unlink_thread(g, t);
        __atomic_sub_fetch(&g->live, 1, __ATOMIC_RELAXED);
        g->hosts--;
        pthread_mutex_unlock(&g->lock);
        engine_destroy(t->engine);
        free(t);
        return -EAGAIN;
    }
    pthread_mutex_lock(&si.lock);
    while (!si.started) pthread_cond_wait(&si.ready, &si.lock);
    pthread_mutex_unlock(&si.lock);
    pthread_mutex_destroy(&si.lock);
    pthread_cond_destroy(&si.ready);
    return si.tid;
}

/* ---- exit ------------------------------------------------------------------- */

/* The futex word of a robust mutex this thread held: mark its owner dead
 * and wake a waiter, as the kernel's exit_robust_list does. */
static void release_robust_futex(struct linux_process *t, uint64_t addr)
{
    enum { WAITERS = 0x80000000u, OWNER_DIED = 0x40000000u, TID_MASK = 0x3fffffffu };
    uint32_t *w = mmu_host_ptr(t->mmu, addr, 4, MMU_WRITE);
    if (!w || (addr & 3)) return;
    uint32_t v = __atomic_load_n(w, __ATOMIC_RELAXED);
    while ((v & TID_MASK) == (uint32_t)t->tid) {
        uint32_t nv = (v & WAITERS) | OWNER_DIED;
        if (__atomic_compare_exchange_n(w, &v, nv, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
            if (v & WAITERS) syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
            return;
        }
    }
}

/* struct robust_list_head: {next, futex_offset, list_op_pending}. */
static void walk_robust_list(struct linux_process *t)
{
    uint64_t head[3];
    if (!t->robust_list || mmu_read_bytes(t->mmu, t->robust_list, head, sizeof head, MMU_READ)) return;
    int64_t offset = (int64_t)head[1];
    uint64_t entry = head[0] & ~1ull;
    for (int n = 0; entry && entry != t->robust_list && n < 2048; n++) { /* ROBUST_LIST_LIMIT */
        uint64_t next;
        if (mmu_read_bytes(t->mmu, entry, &next, 8, MMU_READ)) return;
        if (entry != (head[2] & ~1ull)) release_robust_futex(t, entry + (uint64_t)offset);
        entry = next & ~1ull;
    }
    if (head[2] & ~1ull) release_robust_futex(t, (head[2] & ~1ull) + (uint64_t)offset);
}

/* What the kernel does for an exiting thread (mm_release): robust futexes,
 * then CLONE_CHILD_CLEARTID — zero the word and wake one waiter (that is
 * how pthread_join learns the thread is gone). */
static void release_thread(struct linux_process *t)
{
    walk_robust_list(t);
    if (t->clear_child_tid) {
        uint32_t *w = mmu_host_ptr(t->mmu, t->clear_child_tid, 4, MMU_WRITE);
        if (w && !(t->clear_child_tid & 3)) {
            __atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
            syscall(SYS_futex, w, FUTEX_WAKE, 1, NULL, NULL, 0);
        }
    }
}

void linux_print_stats(struct linux_process *p, double seconds)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->lock);
    int started = g->threads_started;
    /* the threads that have exited, then the live ones (at exit_group or a
     * deadly signal they may still be running: their counters are read as they are) */
    struct engine_counts c = g->counts;
    uint64_t syscalls = g->syscalls;
    for (struct linux_process *t = g->threads; t; t = t->next_thread)
        if (t->engine) {
            engine_add_counts(&c, t->engine, &t->cpu);
            syscalls += __atomic_load_n(&t->syscalls, __ATOMIC_RELAXED);
        }
    pthread_mutex_unlock(&g->lock);
    if (started <= 1) {
        engine_print_stats(p->engine, &p->cpu, seconds, stderr);
        syscalls = p->syscalls;
    } else {
        fprintf(stderr, "rvdbt: threads: %d (the counts below are summed over all of them)\n", started);
        engine_print_counts(p->engine, &p->cpu, &c, seconds, stderr);
    }
    fprintf(stderr, "rvdbt: system calls: %llu\n", (unsigned long long)syscalls);
}

/* ---- the GDB stub (gdbstub.h: every thread runs under it) ------------------------ */

/* --engine=check: a thread parked by the debugger gives up its turn, or the
 * thread the debugger steps would wait for it for ever. */
static void gdb_wait_hook(void *ctx, bool parking)
{
    if (parking) linux_serial_leave(ctx);
    else linux_serial_enter(ctx);
}

void linux_gdb_thread_start(struct linux_process *p)
{
    bool serial = p->opt->engine.kind == ENGINE_CHECK;
    gdb_stub_thread_start(p->opt->gdb, p->tid, &p->cpu, serial ? gdb_wait_hook : NULL, p);
}

/* Ends the whole process now (exit_group with other threads running):
 * they stop with it, as Linux stops them. */
static _Noreturn void exit_process_now(struct linux_process *p, int status)
{
    if (p->opt->stats) linux_print_stats(p, linux_run_seconds(p));
    engine_print_hot(p->engine, &p->cpu, stderr);
    fflush(NULL);
    if (p->opt->gdb) gdb_stub_exited(p->opt->gdb, status);
    tui_end_now(); /* (exit_group from any thread: the terminal back first) */
    _exit(status);
}

void linux_thread_exit(struct linux_process *p, int status, bool group)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->lock);
    if (group && g->live > 1) {
        pthread_mutex_unlock(&g->lock);
        exit_process_now(p, status);
    }
    unlink_thread(g, p);
    if (p->engine) engine_add_counts(&g->counts, p->engine, &p->cpu); /* (for --stats: its engine goes) */
    g->syscalls += p->syscalls;
    if (__atomic_sub_fetch(&g->live, 1, __ATOMIC_RELAXED) == 0) {
        g->exit_status = status;
        g->done = true;
        pthread_cond_broadcast(&g->all_gone);
    }
    pthread_mutex_unlock(&g->lock);
    p->exited = true;
    p->exit_status = status;
}

/* A thread other than the first: its run loop has ended. */
static void finish_thread(struct linux_process *t)
{
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL); /* no more guest signals here */
    linux_signal_detach(t);
    release_thread(t);
    engine_destroy(t->engine);
    free(t);
}

int linux_group_wait(struct linux_process *p)
{
    struct linux_group *g = p->group;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, NULL); /* the other threads take the signals now */
    linux_signal_detach(p);
    release_thread(p);
    pthread_mutex_lock(&g->lock);
    while (!g->done || g->hosts > 0) pthread_cond_wait(&g->all_gone, &g->lock);
    int status = g->exit_status;
    pthread_mutex_unlock(&g->lock);
    return status;
}

/* ---- fork from a threaded process ---------------------------------------------- */

/* Every lock of rvdbt's that another thread may hold is taken before fork
 * and released after it, in the parent and in the child.  In the child the
 * forker is the only thread left; a lock held at the moment of fork by a
 * thread that is not there would stay locked for ever (a hang: the child of
 * a process whose threads were starting or ending their translators hung on
 * the translator registry's lock, testsuite/usermode/threads_fork.c).  The
 * child unlocks rather than re-initialising them: initialising a locked
 * mutex is undefined (and ThreadSanitizer then reports double locks and
 * races on everything the mutexes protect).  Always in this order: the
 * group's lock, the address space's, the check engine's turn lock, then the
 * translator registry's (tx_lock_for_fork) — the order in which the threads
 * take them. */
void linux_group_before_fork(struct linux_process *p)
{
    pthread_mutex_lock(&p->group->lock);
    pthread_mutex_lock(&p->mmu->lock);
    pthread_mutex_lock(&p->group->serial);
    engine_lock_for_fork();
}

void linux_group_after_fork(struct linux_process *p, bool child)
{
    struct linux_group *g = p->group;
    engine_unlock_after_fork(child);
    if (child) { /* only the calling thread was copied: it is the whole process now */
        /* (condition variables can be made anew: their waiters were the other threads) */
        pthread_cond_init(&g->serial_turn, NULL);
        pthread_cond_init(&g->all_gone, NULL);
        g->serial_holder = NULL;
        g->serial_next = g->serial_serving = 0;
        g->threads = p;
        p->next_thread = NULL;
        if (g->first != p) g->first = NULL;
        g->hosts = g->first ? 0 : 1; /* (a forker other than the first thread is a host thread itself) */
        __atomic_store_n(&g->live, 1, __ATOMIC_RELAXED);
        g->threads_started = 1; /* (a new process: its --stats are its own thread's) */
        memset(&g->counts, 0, sizeof g->counts);
        g->syscalls = 0;
        g->done = false;
        p->tid = (int)gettid();
    }
    pthread_mutex_unlock(&g->serial);
    pthread_mutex_unlock(&p->mmu->lock);
    pthread_mutex_unlock(&g->lock);
}

/* ---- system calls and the other threads' translators ---------------------------- */

static bool changes_mappings(uint64_t nr)
{
    switch (nr) {
    case 214: case 215: case 216: case 222: case 226: case 233: return true; /* brk munmap mremap mmap mprotect madvise */
    default: return false;
    }
}

void linux_threads_syscall_begin(struct linux_process *p, uint64_t nr, uint64_t *token)
{
    *token = __atomic_load_n(&p->mmu->exec_generation, __ATOMIC_SEQ_CST);
    if (changes_mappings(nr)) pthread_mutex_lock(&p->mmu->lock);
}

/* Makes every other thread come back to its dispatcher, which then sees
 * the new exec_generation and drops its translations. */
static void kick_others(struct linux_process *p)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->lock);
    for (struct linux_process *t = g->threads; t; t = t->next_thread)
        if (t != p) __atomic_store_n(&t->cpu.exit_request, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&g->lock);
}

void linux_threads_kick(struct linux_process *p, int tid)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->lock);
    for (struct linux_process *t = g->threads; t; t = t->next_thread)
        if (!tid || t->tid == tid) __atomic_store_n(&t->cpu.exit_request, 1, __ATOMIC_SEQ_CST);
    pthread_mutex_unlock(&g->lock);
}

void linux_threads_syscall_end(struct linux_process *p, uint64_t nr, uint64_t token)
{
    if (changes_mappings(nr)) pthread_mutex_unlock(&p->mmu->lock);
    if (nr == 259) /* riscv_flush_icache: on Linux it reaches every hart running the process */
        __atomic_fetch_add(&p->mmu->exec_generation, 1, __ATOMIC_SEQ_CST);
    if (linux_multithreaded(p) && __atomic_load_n(&p->mmu->exec_generation, __ATOMIC_SEQ_CST) != token)
        kick_others(p);
}

void linux_serial_enter(struct linux_process *p)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->serial);
    uint64_t ticket = g->serial_next++;
    while (g->serial_serving != ticket) {
        /* Give the runner a time slice (about a millisecond), then ask it to
         * stop at its next block boundary: it may be spinning on a guest
         * lock that we would release. */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 1000000;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
        if (pthread_cond_timedwait(&g->serial_turn, &g->serial, &until) == ETIMEDOUT && g->serial_holder &&
            g->serial_serving != ticket)
            __atomic_store_n(&g->serial_holder->exit_request, 1, __ATOMIC_SEQ_CST);
    }
    g->serial_holder = &p->cpu;
    pthread_mutex_unlock(&g->serial);
}

void linux_serial_leave(struct linux_process *p)
{
    struct linux_group *g = p->group;
    pthread_mutex_lock(&g->serial);
    g->serial_holder = NULL;
    g->serial_serving++;
    pthread_cond_broadcast(&g->serial_turn);
    pthread_mutex_unlock(&g->serial);
}

bool linux_thread_queue_signal(struct linux_process *p, int tid, int sig, int code)
{
    struct linux_group *g = p->group;
    bool found = false;
    pthread_mutex_lock(&g->lock);
    for (struct linux_process *t = g->threads; t; t = t->next_thread)
        if (t->tid == tid) {
            t->sig.self_code[sig] = code;
            __atomic_fetch_or(&t->sig.self_pending, 1ull << (sig - 1), __ATOMIC_SEQ_CST);
            __atomic_store_n(&t->cpu.exit_request, 1, __ATOMIC_SEQ_CST);
            found = true;
        }
    pthread_mutex_unlock(&g->lock);
    return found;
}

/* ---- futex ---------------------------------------------------------------------- */

/* A guest futex word's host address: 4-byte aligned and mapped (the host
 * kernel then checks the access itself, as the page's host protection is
 * the guest's). */
static uint32_t *futex_word(struct linux_process *p, uint64_t addr, int64_t *err)
{
    if (addr & 3) {
        *err = -EINVAL;
        return NULL;
    }
    uint32_t *w = mmu_host_ptr(p->mmu, addr, 4, MMU_READ);
    if (!w) *err = -EFAULT;
    return w;
}

int64_t linux_sys_futex(struct linux_process *p, const uint64_t a[6])
{
    int op = (int)a[1];
    int cmd = op & FUTEX_CMD_MASK;
    int64_t err = 0;
    uint32_t *w = futex_word(p, a[0], &err);
    if (!w) return err;
    struct timespec ts, *tsp = NULL;
    uint32_t *w2 = NULL;
    switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: case FUTEX_LOCK_PI: case FUTEX_LOCK_PI2: case FUTEX_WAIT_REQUEUE_PI:
        /* (struct timespec has the same layout on riscv64 and x86-64) */
        if (a[3]) {
            if (mmu_read_bytes(p->mmu, a[3], &ts, sizeof ts, MMU_READ)) return -EFAULT;
            tsp = &ts;
        }
        if (cmd == FUTEX_WAIT_REQUEUE_PI && !(w2 = futex_word(p, a[4], &err))) return err;
        return sys_result(syscall(SYS_futex, w, op, (uint32_t)a[2], tsp, w2, (uint32_t)a[5]));
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET: case FUTEX_UNLOCK_PI: case FUTEX_TRYLOCK_PI:
        return sys_result(syscall(SYS_futex, w, op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: case FUTEX_WAKE_OP: case FUTEX_CMP_REQUEUE_PI:
        /* a[3] is a count (val2) here, not a pointer */
        if (!(w2 = futex_word(p, a[4], &err))) return err;
        return sys_result(syscall(SYS_futex, w, op, (uint32_t)a[2], (unsigned long)(uint32_t)a[3], w2, (uint32_t)a[5]));
    default: return -ENOSYS;
    }
}

int64_t linux_sys_set_robust_list(struct linux_process *p, const uint64_t a[6])
{
    if (a[1] != 24) return -EINVAL; /* sizeof(struct robust_list_head) */
    p->robust_list = a[0];
    return 0;
}

int64_t linux_sys_get_robust_list(struct linux_process *p, const uint64_t a[6])
{
    if (a[0] && (int)a[0] != p->tid) return -ESRCH; /* (only our own: enough for glibc) */
    uint64_t len = 24;
    if (mmu_write_bytes(p->mmu, a[1], &p->robust_list, 8, MMU_WRITE) || mmu_write_bytes(p->mmu, a[2], &len, 8, MMU_WRITE))
        return -EFAULT;
    return 0;
}

/* clone3(args, size): threads only.  For anything else ENOSYS makes glibc
 * fall back to clone, which handles fork and vfork. */
int64_t linux_sys_clone3(struct linux_process *p, const uint64_t a[6])
{
    struct { uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls; } args;
    if (a[1] < sizeof args || a[1] > 4096) return -EINVAL;
    if (mmu_read_bytes(p->mmu, a[0], &args, sizeof args, MMU_READ)) return -EFAULT;
    if (!(args.flags & G_CLONE_THREAD)) return -ENOSYS;
    if (args.exit_signal || (args.stack && !args.stack_size)) return -EINVAL;
    return linux_clone_thread(p, args.flags, args.stack ? args.stack + args.stack_size : 0, args.parent_tid, args.tls,
                              args.child_tid);
}
