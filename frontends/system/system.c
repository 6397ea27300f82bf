/*
 * frontends/system/system.c — `rvdbt system`: options, and the machine's run loop.
 *
 * The loop, one iteration per return from the engine:
 *   1. host input -> UART FIFO; device state -> mip (machine_update_interrupts);
 *   2. act on power-off, reboot, HTIF exit, Ctrl-A X;
 *   3. take the highest-priority enabled interrupt, or, if the hart is in
 *      wfi with nothing pending, sleep on the host until the next timer
 *      deadline or console input (a wfi that nothing could ever wake is
 *      reported as a wedged guest);
 *   4. run the engine until it stops: a trap (delivered with
 *      cpu_take_trap), or an exit request.  Exit requests come from a 1 ms
 *      host interval timer (so time-based interrupts are seen even inside
 *      a chained loop of translated code), from device writes, and from
 *      CSR writes, mret/sret and wfi, which may all change what is pending.
 * With -smp N the harts take turns: the running hart hands over to the next
 * awake one when a timer tick ends its slice (1 ms), when it sends an IPI
 * (so the target answers soon), or when it sleeps in wfi; the host sleeps
 * only when every hart is in wfi.
 */
#include "cpu/isa_ext.h"
#include "frontends/system/system.h"

#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "frontends/system/console.h"
#include "frontends/system/display.h"
#include "translator/engine.h"
#include "frontends/gdb/gdbstub.h"
#include "frontends/tui/tui.h"
#include "frontends/system/machine.h"
#include "frontends/common/options.h"
#include "frontends/system/mmu_log.h"
#include "mmu/mmu_system.h"
#include "frontends/system/trap_log.h"
#include "frontends/system/screenshot.h"
#include "frontends/system/virtio_options.h"

#define DEFAULT_BIOS "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
/* -accel's default thread=: multi, as QEMU's for riscv64 (every system test
 * group passes with it, under ASan too; thread=single stays for teaching and debugging) */
#define ACCEL_MULTI_DEFAULT true
#define TRAP_LOOP_LIMIT 3 /* consecutive exceptions raised by the trap vector's own first instruction */

void system_print_help(FILE *out)
{
    fputs("Options for system (a virt-compatible machine, like qemu-system-riscv64 -M virt):\n", out);
    options_print_help(out, FOR_SYSTEM);
    fputs("The console is the 16550 UART on stdin/stdout; on a terminal, Ctrl-A X quits\n"
          "and Ctrl-A C prints statistics.  Exit status: the guest's power-off status\n"
          "(SiFive test device or HTIF), 1 if the machine cannot start, 2 for a bad\n"
          "command line, 3 if --engine=check finds a difference, 4 if the guest wedges.\n",
          out);
}

static int usage_error(const char *fmt, const char *arg) { return options_usage_error("system", fmt, arg); }

/* "256M", "1G", "65536K", "9000001B"; a bare number means MiB, as in QEMU.
 * A size that overflows 64 bits is bad (it once wrapped round to a small
 * one); the result is rounded up to 8 KiB, as QEMU rounds it. */
static bool parse_ram_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-') return false;
    unsigned shift = 20;
    if (*end == 'B' || *end == 'b') shift = 0, end++;
    else if (*end == 'K' || *end == 'k') shift = 10, end++;
    else if (*end == 'M' || *end == 'm') shift = 20, end++;
    else if (*end == 'G' || *end == 'g') shift = 30, end++;
    if (*end || v > (UINT64_MAX >> shift) - 8191) return false;
    *out = ((v << shift) + 8191) & ~8191ull;
    return true;
}

/* QEMU's -smp syntax: "N" or "cpus=N", optionally with maxcpus=N (the same
 * number: rvdbt has no hot-plug) and a topology of sockets=1, one die and
 * cluster, threads=1 and cores=N. */
static bool parse_smp(const char *s, unsigned *out)
{
    char buf[128];
    if (strlen(s) >= sizeof buf) return false;
    strcpy(buf, s);
    unsigned long cpus = 0, maxcpus = 0, cores = 0;
    char *save = NULL;
    bool first = true;
    for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save), first = false) {
        char *eq = strchr(item, '='), *end;
        const char *key = eq ? item : "cpus", *val = eq ? eq + 1 : item;
        if (eq) *eq = 0;
        else if (!first) return false;
        if (!*val || *val == '-' || *val == '+') return false;
        errno = 0;
        unsigned long n = strtoul(val, &end, 10);
        if (*end || errno) return false;
        if (!strcmp(key, "cpus")) cpus = n;
        else if (!strcmp(key, "maxcpus")) maxcpus = n;
        else if (!strcmp(key, "cores")) cores = n;
        else if (!strcmp(key, "sockets") || !strcmp(key, "threads") || !strcmp(key, "dies") ||
                 !strcmp(key, "clusters")) {
            if (n != 1) return false;
        } else return false;
    }
    if (!cpus) cpus = cores ? cores : maxcpus;
    if (cpus < 1 || cpus > MACHINE_MAX_HARTS || (maxcpus && maxcpus != cpus) || (cores && cores != cpus)) return false;
    *out = (unsigned)cpus;
    return true;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the run loop --------------------------------------------------------- */

static volatile uint8_t *volatile tick_target;
static volatile unsigned ticks; /* (a word: written whole by the handler) */
/* counts the 1 ms ticks: a hart's slice ends at the next one */
static void on_tick(int sig)
{
    (void)sig;
    *tick_target = 1;
    ticks++;
}

static void start_ticks(struct cpu *cpu)
{
    tick_target = &cpu->exit_request;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_ticks(void)
{
    struct itimerval it = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &it, NULL);
}

struct run_state {
    struct machine *m;
    struct engine *engine;
    bool stats;
    double start;
    bool quit;
    struct gdb_stub *gdb; /* NULL without -g */
    struct display *display; /* NULL: no window */
    double run_for;          /* 0: no time limit */
    struct trap_log trap_log; /* -d int, and the sink of -d mmu */
    struct tui *tui;         /* --tui (NULL: not) */
    double idle;             /* seconds the host slept with every hart in wfi (--stats) */
    /* parallel harts (-accel tcg,thread=multi) */
    struct engine **engines; /* one per hart */
    bool check;              /* --engine=check: harts take turns (see turn_take) */
    bool stopping;           /* (under m->lock) the run ends with `status` */
    int status;
    /* Console input: the single-thread loop looks (a poll system call) at
     * most once per tick unless --no-input-throttle (input_every_return). */
    bool input_every_return;
    uint64_t input_checks;   /* (--stats) */
    /* Parallel harts: a hart that runs pause yields its host thread
     * (--no-pause-yield: pause does nothing). */
    bool pause_yield;
    uint64_t pause_yields;   /* (--stats; relaxed: every hart adds) */
    uint64_t pause_runs_on;  /* (--stats) of those, the hart went on without the machine loop */
    uint64_t loop_returns;   /* engine runs that came back to the machine loop (--stats; every hart adds) */
};

/* The guest's clock is the host's: time the guest spends waiting (timers, input) costs real time. */
static void print_idle(const struct run_state *s)
{
    const struct mmu_system *ms = s->m->mmu->sys;
    fprintf(stderr, "rvdbt: system: idle (every hart in wfi, the host asleep): %.3f s\n", s->idle);
    fprintf(stderr, "rvdbt: system: console input checks: %llu\n", (unsigned long long)s->input_checks);
    fprintf(stderr, "rvdbt: system: instructions the interpreter decoded (not in its cache): %llu\n",
            (unsigned long long)cpu_interp_decodes());
    fprintf(stderr, "rvdbt: system: returns to the machine loop: %llu\n",
            (unsigned long long)__atomic_load_n(&s->loop_returns, __ATOMIC_RELAXED));
    if (s->m->parallel)
        fprintf(stderr, "rvdbt: system: host cores given away at a pause: %llu\n",
                (unsigned long long)__atomic_load_n(&s->pause_yields, __ATOMIC_RELAXED));
    if (s->m->parallel)
        fprintf(stderr, "rvdbt: system: of those, back to the guest without the machine loop: %llu\n",
                (unsigned long long)__atomic_load_n(&s->pause_runs_on, __ATOMIC_RELAXED));
    /* (parallel harts: each has its own TLB; the counts are the sums) */
    unsigned long long switches = 0, refills = 0, sfences = 0, sfences_page = 0, scans = 0;
    for (unsigned h = 0; h < (s->m->parallel ? s->m->n_harts : 1); h++) {
        const struct mmu_system *hs = s->m->mmus[h]->sys;
        switches += hs->set_switches, refills += hs->set_refills, sfences += hs->sfences;
        sfences_page += hs->sfences_page, scans += hs->peer_scans;
    }
    fprintf(stderr, "rvdbt: system: TLB sets (--no-tlb-sets: 1): %u; context changes that found their set: %llu, "
            "that emptied one: %llu; sfence.vma: %llu (%llu of one page)\n", ms->n_sets, switches, refills, sfences,
            sfences_page);
    if (s->m->parallel)
        fprintf(stderr, "rvdbt: system: code pages marked while a hart's TLB could write them (its TLB scanned): %llu\n", scans);
}

static void print_stats(struct run_state *s)
{
    console_flush();
    struct machine *m = s->m;
    if (m->n_harts == 1) {
        engine_print_stats(s->engine, machine_cpu(m), now_seconds() - s->start, stderr);
        print_idle(s);
        return;
    }
    /* -smp: the instructions of all harts (the engine's counters are shared anyway) */
    static struct cpu all;
    all = *machine_cpu(m);
    all.instret = 0;
    for (unsigned h = 0; h < m->n_harts; h++) {
        all.instret += m->harts[h].instret;
        fprintf(stderr, "rvdbt: hart %u: %llu instructions\n", h, (unsigned long long)m->harts[h].instret);
    }
    if (m->parallel) { /* one engine per hart: add their counters up */
        struct engine_counts c;
        memset(&c, 0, sizeof c);
        for (unsigned h = 0; h < m->n_harts; h++) engine_add_counts(&c, s->engines[h], &m->harts[h]);
        engine_print_counts(s->engine, &all, &c, now_seconds() - s->start, stderr);
        print_idle(s);
        return;
    }
    engine_print_stats(s->engine, &all, now_seconds() - s->start, stderr);
    print_idle(s);
}

/* Moves console input into the UART's FIFO, as much as fits. */
static void pump_input(struct run_state *s)
{
    struct uart *u = &s->m->uart;
    if (!dev_uart_rx_room(u)) return;
    s->input_checks++;
    if (!console_wait(0)) return;
    uint8_t buf[UART_FIFO];
    enum console_event ev;
    unsigned n = console_read(buf, dev_uart_rx_room(u), &ev);
    for (unsigned i = 0; i < n; i++) dev_uart_receive(u, buf[i]);
    if (ev == CONSOLE_QUIT) s->quit = true;
    if (ev == CONSOLE_STATS) print_stats(s);
}

/* The hart sleeps in wfi: wait on the host for the next timer deadline or input. */
static void sleep_in_wfi(struct run_state *s)
{
    uint64_t deadline = machine_next_deadline(s->m), now = cpu_time_ticks();
    int ms = 10; /* re-check at least this often */
    if (deadline <= now) ms = 0;
    else if (deadline - now < 10 * 10000ull) ms = (int)((deadline - now + 9999) / 10000);
    if (machine_has_host_input(s->m)) /* network traffic wakes the guest too */
        (void)machine_wait(s->m, ms, dev_uart_rx_room(&s->m->uart) && console_input_open() ? STDIN_FILENO : -1);
    else if (dev_uart_rx_room(&s->m->uart)) console_wait(ms);
    else if (ms) poll(NULL, 0, ms);
}

static int wedged(const char *what, const struct cpu *cpu, unsigned n_harts);
static bool any_hart_can_wake(const struct machine *m, bool input_open);

/* ---- parallel harts (-accel tcg,thread=multi) -------------------------------
 * One host thread per hart runs hart_main: under the device lock (m->lock,
 * QEMU's BQL) it drops the blocks of code pages other harts wrote, serves
 * the virtio queues, turns the device lines into its own mip, takes an
 * interrupt or sleeps in wfi on its condition variable until its timer
 * deadline or a kick; then it runs its own engine (own translator, code
 * cache and TLB) without the lock.  RAM is shared without locks; device
 * accesses take the lock in the MMU's slow path.  The main thread is the
 * I/O thread: console input, the network, power-off/reboot, the wedge check,
 * and a 1 ms tick that stops every running hart's translated code so that
 * timer interrupts are seen (what SIGALRM does with one thread). */
struct hart_thread {
    struct run_state *s;
    unsigned h;
    pthread_t thread;
    double idle; /* seconds asleep in wfi */
};

/* --engine=check: a block and its replay must not see another hart's stores
 * in between, so the harts take FIFO turns (a ticket lock) around the engine,
 * as user-mode threads do; the 1 ms tick ends a turn. */
static pthread_mutex_t turn_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_cond = PTHREAD_COND_INITIALIZER;
static unsigned long turn_next, turn_now;
static struct cpu *turn_holder; /* the hart whose turn it is (NULL: the I/O thread's) */

/* A waiter asks the hart in its turn to stop after about a millisecond, so
 * that a hart spinning on a lock cannot starve the one that would release it. */
static void turn_take(struct cpu *cpu)
{
    pthread_mutex_lock(&turn_lock);
    unsigned long me = turn_next++;
    while (me != turn_now) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 1000000;
        if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
        if (pthread_cond_timedwait(&turn_cond, &turn_lock, &until) == ETIMEDOUT && turn_holder)
            cpu_set_exit_request(turn_holder, 1);
    }
    turn_holder = cpu;
    pthread_mutex_unlock(&turn_lock);
}

static void turn_give(void)
{
    pthread_mutex_lock(&turn_lock);
    turn_now++;
    pthread_cond_broadcast(&turn_cond);
    pthread_mutex_unlock(&turn_lock);
}

/* (m->lock held) Ends the run with `status` (the first reason wins) and stops every hart. */
static void stop_machine(struct run_state *s, int status)
{
    struct machine *m = s->m;
    if (!s->stopping) s->stopping = true, s->status = status;
    __atomic_store_n(&m->stop, 1, __ATOMIC_RELAXED);
    for (unsigned h = 0; h < m->n_harts; h++) machine_kick(m, h);
}

/* Enters the highest-priority pending interrupt, if any (and logs it for -d int). */
static bool take_interrupt(struct run_state *s, struct cpu *cpu)
{
    int irq = cpu_pending_interrupt(cpu);
    if (irq < 0) return false;
    uint64_t pc = cpu->pc;
    int mode = cpu->priv.mode;
    cpu_take_interrupt(cpu, irq);
    trap_log_record(&s->trap_log, RV_CAUSE_INTERRUPT | (uint64_t)irq, 0, pc, mode, cpu);
    return true;
}

/* The engine stopped on an exception: enter the trap (and log it for -d int).
 * True when the trap vector's own first instruction has now trapped
 * TRAP_LOOP_LIMIT times in a row: its state is lost, it can never make
 * progress (wedged_trap_loop says so). */
static bool take_trap(struct run_state *s, struct cpu *cpu, int *repeats, uint64_t *cause_out)
{
    uint64_t epc = cpu->pc, cause = cpu->trap_cause, tval = cpu->trap_tval;
    int mode = cpu->priv.mode;
    cpu_take_trap(cpu);
    trap_log_record(&s->trap_log, cause, tval, epc, mode, cpu);
    *cause_out = cause;
    if (cpu->pc != epc) {
        *repeats = 0;
        return false;
    }
    return ++*repeats >= TRAP_LOOP_LIMIT;
}

static int wedged_trap_loop(struct cpu *cpu, uint64_t cause, unsigned n_harts)
{
    char what[160];
    snprintf(what, sizeof what, "trap loop: the trap vector at 0x%llx itself raises exception %llu",
             (unsigned long long)cpu->pc, (unsigned long long)cause);
    return wedged(what, cpu, n_harts);
}

/* (m->lock held) Hart h sleeps in wfi until its next timer deadline or a kick. */
static void hart_sleep(struct hart_thread *t)
{
    struct machine *m = t->s->m;
    uint64_t now = cpu_time_ticks(), deadline = machine_hart_deadline(m, t->h);
    if (deadline <= now) return;
    if (deadline - now > 1000000) deadline = now + 1000000; /* re-check at least every 100 ms */
    struct timespec until = {(time_t)(deadline / 10000000), (long)(deadline % 10000000) * 100};
    double slept = now_seconds();
    m->sleeping[t->h] = true;
    pthread_cond_timedwait(&m->wake[t->h], &m->lock, &until);
    m->sleeping[t->h] = false;
    t->idle += now_seconds() - slept;
}

static void *hart_main(void *arg)
{
    struct hart_thread *t = arg;
    struct run_state *s = t->s;
    struct machine *m = s->m;
    unsigned h = t->h;
    struct cpu *cpu = &m->harts[h];
    int trap_repeats = 0;
    /* (check: a spinning hart hands its turn over, as with thread=single;
     *  else, unless --no-pause-yield, it gives its host core away, see below) */
    cpu->yield_on_pause = s->check || s->pause_yield;
    pthread_mutex_lock(&m->lock);
    uint64_t returns = 0;
    while (!__atomic_load_n(&m->stop, __ATOMIC_RELAXED)) {
        /* (cleared first: a kick from now on makes the engine return at once) */
        cpu_set_exit_request(cpu, 0);
        machine_drain_code_writes(m, h);
        machine_poll_devices(m); /* (the queues this hart notified) */
        machine_devices_changed(m);
        machine_hart_interrupts(m, h);
        if (!take_interrupt(s, cpu) && cpu->priv.wfi) {
            /* wfi ends when an interrupt is pending in mie, even if globally disabled */
            if (!(cpu_mip(cpu) & cpu->priv.mie)) {
                hart_sleep(t);
                continue;
            }
            cpu->priv.wfi = false;
        }
        pthread_mutex_unlock(&m->lock);
        enum engine_stop r;
        for (;;) {
            if (s->check) turn_take(cpu);
            r = engine_run(s->engines[h], cpu);
            if (s->check) {
                turn_give();
                break;
            }
            if (!cpu->yielded) break;
            /* pause: the guest spins, waiting for another hart (a lock Linux's
             * cpu_relax loops on).  On a busy host that hart's thread may be
             * waiting for a core this one is burning: give it away. */
            cpu->yielded = 0;
            sched_yield();
            __atomic_fetch_add(&s->pause_yields, 1, __ATOMIC_RELAXED);
            /* If the pause was the only reason to stop (no kick, tick or device
             * write since), go on without the machine loop: a spinning hart
             * that took m->lock at every pause kept it most of the time, and
             * the hart it waited for could not get it to take its interrupt. */
            if (r != ENGINE_EXIT_REQUEST || !cpu_clear_pause_exit(cpu)) break;
            __atomic_fetch_add(&s->pause_runs_on, 1, __ATOMIC_RELAXED);
        }
        pthread_mutex_lock(&m->lock);
        if (r == ENGINE_DIVERGED) stop_machine(s, EXIT_DIVERGED);
        returns++;
        if (r != ENGINE_TRAP) continue;
        uint64_t cause;
        if (take_trap(s, cpu, &trap_repeats, &cause)) stop_machine(s, wedged_trap_loop(cpu, cause, m->n_harts));
    }
    pthread_mutex_unlock(&m->lock);
    __atomic_fetch_add(&s->loop_returns, returns, __ATOMIC_RELAXED);
    return NULL;
}

static bool start_harts(struct run_state *s, struct hart_thread *t)
{
    for (unsigned h = 0; h < s->m->n_harts; h++) {
        t[h].s = s;
        t[h].h = h;
        int e = pthread_create(&t[h].thread, NULL, hart_main, &t[h]);
        if (e) {
            fprintf(stderr, "rvdbt: cannot start the thread of hart %u: %s\n", h, strerror(e));
            pthread_mutex_lock(&s->m->lock);
            stop_machine(s, EXIT_CANNOT_START);
            pthread_mutex_unlock(&s->m->lock);
            for (unsigned j = 0; j < h; j++) pthread_join(t[j].thread, NULL);
            return false;
        }
    }
    return true;
}

/* (m->lock held; released and taken again) Stops every hart's thread and waits for it. */
static void join_harts(struct run_state *s, struct hart_thread *t)
{
    struct machine *m = s->m;
    __atomic_store_n(&m->stop, 1, __ATOMIC_RELAXED);
    for (unsigned h = 0; h < m->n_harts; h++) machine_kick(m, h);
    pthread_mutex_unlock(&m->lock);
    for (unsigned h = 0; h < m->n_harts; h++) pthread_join(t[h].thread, NULL);
    pthread_mutex_lock(&m->lock);
    s->idle = 0;
    for (unsigned h = 0; h < m->n_harts; h++) s->idle += t[h].idle / m->n_harts;
}

static bool all_harts_asleep(const struct machine *m)
{
    for (unsigned h = 0; h < m->n_harts; h++)
        if (!m->sleeping[h]) return false;
    return true;
}

/* The I/O thread (the main thread) while the harts run on theirs. */
static int run_parallel(struct run_state *s)
{
    struct machine *m = s->m;
    static struct hart_thread t[MACHINE_MAX_HARTS];
    if (!start_harts(s, t)) return s->status;
    pthread_mutex_lock(&m->lock);
    for (;;) {
        pump_input(s);
        machine_poll_devices(m);
        machine_devices_changed(m);
        console_flush();
        if (s->quit) stop_machine(s, 0);
        if (s->run_for > 0 && now_seconds() - s->start >= s->run_for) stop_machine(s, 0);
        if (m->htif_exit) stop_machine(s, m->htif_status);
        if (m->test.event == SIFIVE_TEST_POWEROFF) stop_machine(s, m->test.exit_status);
        if (m->test.event == SIFIVE_TEST_REBOOT && !s->stopping) {
            join_harts(s, t);
            char err[300];
            if (!machine_reset(m, err, sizeof err)) {
                console_flush();
                fprintf(stderr, "rvdbt: reboot failed: %s\n", err);
                pthread_mutex_unlock(&m->lock);
                return EXIT_CANNOT_START;
            }
            pthread_mutex_unlock(&m->lock);
            if (!start_harts(s, t)) return s->status;
            pthread_mutex_lock(&m->lock);
            continue;
        }
        bool asleep = all_harts_asleep(m);
        /* every hart asleep (their state is theirs no more: they wait on the lock) */
        if (asleep && !s->stopping && !(s->run_for > 0) && !any_hart_can_wake(m, console_input_open()))
            stop_machine(s, wedged("every hart in wfi, with no enabled interrupt that could ever become pending",
                                   &m->harts[0], m->n_harts));
        if (s->stopping) break;
        /* the tick: translated code of every running hart comes back to its loop */
        for (unsigned h = 0; h < m->n_harts; h++)
            if (!m->sleeping[h]) cpu_set_exit_request(&m->harts[h], 1);
        int ms = asleep ? 20 : 1;
        bool input = dev_uart_rx_room(&m->uart) && console_input_open();
        if (s->check) { /* (network polled within the turn, so its DMA never lands inside a checked block) */
            pthread_mutex_unlock(&m->lock);
            turn_take(NULL);
            pthread_mutex_lock(&m->lock);
            if (machine_has_host_input(m)) (void)machine_wait(m, 0, -1);
            pthread_mutex_unlock(&m->lock);
            turn_give();
            if (input) console_wait(ms);
            else poll(NULL, 0, ms);
            pthread_mutex_lock(&m->lock);
        } else if (machine_has_host_input(m)) {
            (void)machine_wait(m, ms, input ? STDIN_FILENO : -1); /* (releases the lock while it waits) */
        } else {
            pthread_mutex_unlock(&m->lock);
            if (input) console_wait(ms);
            else poll(NULL, 0, ms);
            pthread_mutex_lock(&m->lock);
        }
    }
    join_harts(s, t);
    console_flush();
    pthread_mutex_unlock(&m->lock);
    return s->status;
}

static int wedged(const char *what, const struct cpu *cpu, unsigned n_harts)
{
    console_flush();
    char hart[32] = "";
    if (n_harts > 1) snprintf(hart, sizeof hart, "hart %llu, ", (unsigned long long)cpu->priv.mhartid);
    fprintf(stderr, "rvdbt: guest wedged: %s (%spc 0x%llx, mode %c, mstatus 0x%llx, mie 0x%llx, mip 0x%llx)\n", what, hart,
            (unsigned long long)cpu->pc, "USHM"[cpu->priv.mode], (unsigned long long)cpu->priv.mstatus,
            (unsigned long long)cpu->priv.mie, (unsigned long long)cpu_mip(cpu));
    return EXIT_WEDGED;
}

/* Hands the host thread to hart `next` (-smp). */
static void switch_hart(struct machine *m, unsigned next)
{
    machine_switch_hart(m, next);
    tick_target = &machine_cpu(m)->exit_request;
}

/* The next awake hart after the running one, round robin; the running one if none. */
static unsigned next_awake_hart(const struct machine *m)
{
    for (unsigned i = 1; i < m->n_harts; i++) {
        unsigned h = (m->cur + i) % m->n_harts;
        if (machine_hart_awake(m, h)) return h;
    }
    return m->cur;
}

static bool any_hart_can_wake(const struct machine *m, bool input_open)
{
    for (unsigned h = 0; h < m->n_harts; h++)
        if (machine_can_wake(m, h, input_open)) return true;
    return false;
}

static int run(struct run_state *s)
{
    struct machine *m = s->m;
    int trap_repeats = 0;
    unsigned slice_start = ticks; /* -smp: when the running hart's turn began */
    uint64_t slice_ipis = m->clint.ipis;
    unsigned input_tick = ticks - 1; /* (different: look at once) */
    bool flush_every_return = s->gdb || s->tui || s->trap_log.out || s->check;
    for (;;) {
        struct cpu *cpu = machine_cpu(m);
        /* The loop comes round at every trap, CSR write, mret/sret and tick
         * (~200,000 times a second while Linux boots): looking for console
         * input costs a poll system call, so it waits for the next tick (1 ms,
         * quicker than anyone types) unless wfi woke for input. */
        if (s->input_every_return || ticks != input_tick) {
            input_tick = ticks;
            pump_input(s);
            console_flush();
        }
        if (s->display && !display_poll(s->display, m)) return 0; /* the window was closed */
        machine_poll_devices(m);
        machine_update_interrupts(m);
        /* The console's output goes out a line at a time (console.c), and a
         * partial line once a tick: flushed at every return, each byte Linux
         * printed was its own write system call (15 thousand to /init, about
         * 3 % of the boot).  Where something else prints between the guest's
         * bytes -- a debugger, the stepper, the trap log, the check engine --
         * it still goes out at every return, so the order stays. */
        if (flush_every_return) console_flush();
        if (s->quit) return 0;
        if (s->run_for > 0 && now_seconds() - s->start >= s->run_for) return 0;
        if (m->htif_exit) return m->htif_status;
        if (m->test.event == SIFIVE_TEST_POWEROFF) return m->test.exit_status;
        if (m->test.event == SIFIVE_TEST_REBOOT) {
            char err[300];
            if (!machine_reset(m, err, sizeof err)) {
                console_flush();
                fprintf(stderr, "rvdbt: reboot failed: %s\n", err);
                return EXIT_CANNOT_START;
            }
            tick_target = &machine_cpu(m)->exit_request;
            continue;
        }
        if (m->n_harts > 1 && (ticks != slice_start || m->clint.ipis != slice_ipis || cpu->yielded)) {
            /* the turn is over: a tick, this hart sent an IPI, or it spins (pause) */
            cpu->yielded = 0;
            slice_start = ticks;
            slice_ipis = m->clint.ipis;
            unsigned next = next_awake_hart(m);
            if (next != m->cur) {
                switch_hart(m, next);
                trap_repeats = 0;
                continue;
            }
        }
        if (!take_interrupt(s, cpu) && cpu->priv.wfi) {
            /* wfi ends when an interrupt is pending in mie, even if globally disabled */
            if (cpu_mip(cpu) & cpu->priv.mie) {
                cpu->priv.wfi = false;
            } else {
                unsigned next = next_awake_hart(m);
                if (next != m->cur) { /* another hart runs while this one sleeps */
                    switch_hart(m, next);
                    slice_start = ticks;
                    slice_ipis = m->clint.ipis;
                    trap_repeats = 0;
                    continue;
                }
                /* (with --run-for the time limit ends the wait) */
                if (!any_hart_can_wake(m, console_input_open() || s->display) && !(s->run_for > 0))
                    return wedged(m->n_harts > 1 ? "every hart in wfi, with no enabled interrupt that could ever become pending"
                                                 : "wfi with no enabled interrupt that could ever become pending",
                                  cpu, m->n_harts);
                if (s->gdb) gdb_stub_idle(s->gdb, cpu); /* Ctrl-C while the hart sleeps */
                console_flush(); /* (before the host sleeps) */
                double slept = now_seconds();
                sleep_in_wfi(s);
                s->idle += now_seconds() - slept;
                input_tick = ticks - 1; /* (it may have woken for input: look next time round) */
                continue;
            }
        }
        cpu->exit_request = 0;
        enum engine_stop r = s->gdb   ? gdb_stub_run(s->gdb, s->engine, cpu)
                             : s->tui ? tui_run(s->tui, s->engine, cpu)
                                      : engine_run(s->engine, cpu);
        s->loop_returns++;
        if (r == ENGINE_DIVERGED) return EXIT_DIVERGED;
        if (r != ENGINE_TRAP) continue;
        uint64_t cause;
        if (take_trap(s, cpu, &trap_repeats, &cause)) return wedged_trap_loop(cpu, cause, m->n_harts);
    }
}

/* ---- options --------------------------------------------------------------- */

int system_main(int argc, char **argv)
{
    static const char default_bios[] = DEFAULT_BIOS;
    struct machine_options mo = {.bios = default_bios, .ram_size = 256ull << 20};
    const char *ram_text = "256M";
    struct engine_settings es;
    options_engine_defaults(&es);
    const char *screenshot = NULL, *fb_size = NULL, *log_file = NULL;
    double run_for = 0;
    bool log_int = false, log_mmu = false, tui = false, input_every_return = false, pause_yield = true,
         shared_heap = true;
    bool accel_multi = ACCEL_MULTI_DEFAULT;
    uint64_t log_limit = 100000;
    enum display_kind display = getenv("DISPLAY") && *getenv("DISPLAY") ? DISPLAY_SDL : DISPLAY_NONE;
    static struct virtio_options vo; /* -drive, -device, -netdev, -nic, -snapshot (static: large) */
    char verr[400];
    struct options_parser p;
    options_init(&p, FOR_SYSTEM, "system", argc, argv);
    int id, status;
    const char *v;
    while ((id = options_next(&p, &v)) != OPT_END) {
        if (id == OPT_ERROR) return EXIT_BAD_USAGE;
        if (options_apply_engine(&es, id, v, "system", &status)) {
            if (status) return status;
            continue;
        }
        switch (id) {
        case OPT_DRIVE: case OPT_DEVICE: case OPT_NETDEV: case OPT_NIC: case OPT_SNAPSHOT: {
            /* the virtio devices, QEMU's syntax (frontends/system/virtio_options.c) */
            const char *name = id == OPT_DRIVE ? "-drive" : id == OPT_DEVICE ? "-device" : id == OPT_NETDEV ? "-netdev"
                             : id == OPT_NIC ? "-nic" : "-snapshot";
            if (!virtio_option_parse(&vo, name, v, verr, sizeof verr)) return usage_error("%s", verr);
            break;
        }
        case OPT_BIOS: mo.bios = v; break;
        case OPT_KERNEL: mo.kernel = v; break;
        case OPT_INITRD: mo.initrd = v; break;
        case OPT_APPEND: mo.append = v; break;
        case OPT_RAM:
            if (!parse_ram_size(v, &mo.ram_size)) return usage_error("bad -m size '%s' (use e.g. 256M or 1G)", v);
            ram_text = v;
            break;
        case OPT_MACHINE:
            if (strcmp(v, "virt") != 0) return usage_error("unknown machine '%s' (only virt exists)", v);
            break;
        case OPT_SMP:
            if (!parse_smp(v, &mo.n_harts))
                return usage_error("bad -smp '%s' (a number of harts from 1 to 8, e.g. -smp 4 or -smp cpus=4)", v);
            break;
        case OPT_ACCEL:
            if (!strcmp(v, "tcg") || !strcmp(v, "tcg,thread=multi")) accel_multi = true;
            else if (!strcmp(v, "tcg,thread=single")) accel_multi = false;
            else return usage_error("unknown -accel '%s' (available: tcg, tcg,thread=multi, tcg,thread=single)", v);
            break;
        case OPT_NOGRAPHIC: display = DISPLAY_NONE; break;
        case OPT_DISPLAY:
            if (!strcmp(v, "sdl")) display = DISPLAY_SDL;
            else if (!strcmp(v, "none")) display = DISPLAY_NONE;
            else return usage_error("unknown display '%s' (available: sdl, none)", v);
            break;
        case OPT_FB: fb_size = v; break;
        case OPT_SCREENSHOT: screenshot = v; break;
        case OPT_TUI: tui = true; break;
        case OPT_NO_INPUT_THROTTLE: input_every_return = true; break;
        case OPT_NO_PAUSE_YIELD: pause_yield = false; break;
        case OPT_NO_SHARED_HEAP: shared_heap = false; break;
        case OPT_NO_IRQ_CSR_FILTER: mo.exit_on_every_irq_csr = true; break;
        case OPT_RUN_FOR: {
            char *end;
            run_for = strtod(v, &end);
            if (end == v || *end || !(run_for > 0 && run_for < 1e6))
                return usage_error("bad --run-for time '%s' (seconds, e.g. 2.5)", v);
            break;
        }
        case OPT_LOG_ITEMS: {
            /* a comma-separated list, as QEMU's: -d int,mmu */
            char items[64];
            snprintf(items, sizeof items, "%s", v);
            if (!*v || strlen(v) >= sizeof items) return usage_error("-d: '%s' is not a list of log items (available: int, mmu)", v);
            for (char *save = NULL, *it = strtok_r(items, ",", &save); it; it = strtok_r(NULL, ",", &save)) {
                if (!strcmp(it, "int")) log_int = true;
                else if (!strcmp(it, "mmu")) log_mmu = true;
                else return usage_error("-d: unknown log item '%s' (available: int, mmu)", it);
            }
            break;
        }
        case OPT_LOG_FILE: log_file = v; break;
        case OPT_LOG_LIMIT: {
            char *end;
            errno = 0;
            log_limit = strtoull(v, &end, 10);
            if (!*v || *end || errno || *v == '-' || !log_limit)
                return usage_error("--log-limit: '%s' is not a positive number", v);
            break;
        }
        case OPT_HELP: system_print_help(stdout); return 0;
        default: return usage_error("option '%s' is not for system", argv[p.first]);
        }
    }
    if (p.next < argc) return usage_error("unexpected argument '%s' (system takes options only)", argv[p.next]);
    if ((status = options_finish_engine(&es, "system"))) return status;
    if (!es.engine.tx.code_cache_size) es.engine.tx.code_cache_size = TX_SYSTEM_CODE_CACHE; /* (no --code-cache) */
    if (log_file && !log_int && !log_mmu) return usage_error("%s needs -d int or -d mmu", "-D");
    FILE *log_file_handle = NULL;
    if (log_file && !(log_file_handle = fopen(log_file, "we"))) {
        fprintf(stderr, "rvdbt: -D: cannot write '%s': %s\n", log_file, strerror(errno));
        return EXIT_BAD_USAGE;
    }
    if (tui && es.gdb_port) return usage_error("%s: one debugger at a time (no -g)", "--tui");
    if (tui && es.trace) return usage_error("%s: the TUI is the trace (no --trace)", "--tui");
    if (tui && mo.n_harts > 1) return usage_error("%s steps one hart: it cannot be combined with -smp above 1", "--tui");
    if (tui && es.engine.kind == ENGINE_CHECK)
        return usage_error("--engine=%s: the TUI toggles between interp and jit", "check");
    struct engine_options eo = es.engine;
    /* (as rvdbt tui: the machine's engine is the translator, the keys choose) */
    struct tui_options to = {.program = mo.kernel ? mo.kernel : mo.bios, .interp = eo.kind == ENGINE_INTERP, .history = 1};
    if (tui) eo.kind = ENGINE_JIT, eo.tx.explain_later = true;
    bool stats = es.stats;
    int gdb_port = es.gdb_port;
    bool stop_at_start = es.gdb_wait;
    /* The default firmware alone has nothing to start: OpenSBI prints its
     * banner, jumps to the empty kernel address and spins there for ever
     * (QEMU hangs the same way).  A firmware of the user's own (-bios FILE)
     * may well be the whole program, so only the default is refused. */
    if (!mo.kernel && mo.bios == default_bios) {
        fprintf(stderr, "rvdbt: nothing to run: no -kernel given (the default firmware, OpenSBI, only starts a "
                        "kernel; give -kernel FILE, or -bios FILE for a program of your own)\n");
        return EXIT_CANNOT_START;
    }
    if (mo.ram_size < MACHINE_MIN_RAM || mo.ram_size > MACHINE_MAX_RAM) {
        /* say what the number meant: "-m 8388609" is 8 TiB, not 8 MiB + 1 byte */
        bool bare = ram_text[strspn(ram_text, "0123456789")] == 0;
        bool whole_mib = (mo.ram_size & ((1ull << 20) - 1)) == 0;
        fprintf(stderr, "rvdbt: -m %s is %llu %s%s: RAM must be between %lluM and %lluG\n", ram_text,
                (unsigned long long)(mo.ram_size >> (whole_mib ? 20 : 10)), whole_mib ? "MiB" : "KiB",
                bare ? " (a number without a unit means MiB, as in QEMU)" : "", MACHINE_MIN_RAM >> 20,
                MACHINE_MAX_RAM >> 30);
        return EXIT_BAD_USAGE;
    }

    /* One host thread per hart, unless something needs the harts on one
     * thread: the window (its dirty-page collection walks one TLB), -d mmu
     * (one page-walk observer) and --trace (one trace). */
    mo.parallel = accel_multi && mo.n_harts > 1 && display == DISPLAY_NONE && !log_mmu && !es.trace;
    mo.no_huge_pages = !es.engine.tx.huge_pages; /* (--no-huge-pages: the RAM too) */
    char err[400];
    if (!virtio_options_finish(&vo, &mo, err, sizeof err)) return usage_error("%s", err);
    mo.fb_width = FB_DEFAULT_WIDTH;
    mo.fb_height = FB_DEFAULT_HEIGHT;
    if (fb_size && !dev_fb_parse_size(fb_size, &mo.fb_width, &mo.fb_height, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_BAD_USAGE;
    }
    if (screenshot && !screenshot_check_path(screenshot, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_CANNOT_START;
    }

    static struct machine m; /* large (the boot ROM, device state): not on the stack */
    m.output = console_output;
    if (!machine_create(&m, &mo, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_CANNOT_START;
    }
    /* Parallel harts: one malloc heap for every thread (--no-shared-heap).
     * The translator mallocs a block's records (~1 KiB) at each
     * translation.  glibc gives each new thread its own arena, and a
     * thread's arena grows by the page with an mprotect (it ignores
     * M_TOP_PAD): Linux's -smp 2 boot to /init made ~12,000 such calls, each
     * taking the host's mmap lock for writing (stalling the other harts'
     * page faults) and shooting down their host TLBs.  The main heap grows
     * with brk, here 16 MiB at a time, and is trimmed only past 64 MiB; the
     * harts' threads share its lock, which a few thousand translations a
     * second hardly contend for.  (Before any hart thread exists: a thread
     * picks its arena at its first malloc.) */
    if (m.parallel && m.n_harts > 1 && shared_heap) {
        mallopt(M_ARENA_MAX, 1);
        mallopt(M_TOP_PAD, 16 << 20);
        mallopt(M_TRIM_THRESHOLD, 64 << 20);
    }
    /* (parallel harts: each hart's TLB has its sets too; a hart marking a code
     * page drops the write tags in every set of the peers that may hold one,
     * see mmu_sys_mark_code) */
    for (unsigned h = 0; h < (m.parallel ? m.n_harts : 1); h++)
        if (!eo.tx.tlb_sets) mmu_sys_set_tlb_sets(m.mmus[h], 1);
    cpu_interp_set_decode_cache(!eo.small_decode_cache); /* (user mode keeps the small one: cpu/interp.c) */
    struct engine *engine = engine_create(&eo);
    static struct engine *engines[MACHINE_MAX_HARTS];
    engines[0] = engine;
    for (unsigned h = 1; engine && m.parallel && h < m.n_harts; h++)
        if (!(engines[h] = engine_create(&eo))) {
            for (unsigned j = 0; j < h; j++) engine_destroy(engines[j]);
            engine = NULL;
        }
    /* parallel harts share tiering's marks of translated pcs (tx_share_hot) */
    for (unsigned h = 0; engine && m.parallel && m.n_harts > 1 && eo.tx.peer_hot && h < m.n_harts; h++) {
        struct translator *tx = engine_translator(engines[h]), *first = engine_translator(engines[0]);
        if (tx && first && !tx_share_hot(tx, first)) {
            fprintf(stderr, "rvdbt: out of memory for the harts' shared block marks\n");
            for (unsigned j = 0; j < m.n_harts; j++) engine_destroy(engines[j]);
            engine = NULL;
        }
    }
    if (!engine) {
        machine_destroy(&m);
        return EXIT_CANNOT_START;
    }
    struct gdb_stub *gdb = NULL;
    if (gdb_port && m.n_harts > 1) {
        fprintf(stderr, "rvdbt: -g debugs one hart: it cannot be combined with -smp %u\n", m.n_harts);
        engine_destroy(engine);
        machine_destroy(&m);
        return EXIT_BAD_USAGE;
    }
    if (gdb_port && !(gdb = gdb_stub_listen(gdb_port))) {
        engine_destroy(engine);
        machine_destroy(&m);
        return EXIT_BAD_USAGE;
    }
    if (gdb && !stop_at_start) gdb_stub_attach_later(gdb);
    struct display *window = NULL;
    if (display == DISPLAY_SDL) {
        const char *title = mo.kernel ? mo.kernel : mo.bios;
        if (!(window = display_open(&m, strrchr(title, '/') ? strrchr(title, '/') + 1 : title, err, sizeof err))) {
            fprintf(stderr, "rvdbt: %s\n", err);
            engine_destroy(engine);
            machine_destroy(&m);
            return EXIT_CANNOT_START;
        }
    }
    struct tui *t = NULL;
    if (tui && !(t = tui_open(&to))) { /* (before console_init: the UART then writes to its pane) */
        display_close(window);
        engine_destroy(engine);
        machine_destroy(&m);
        return EXIT_CANNOT_START;
    }
    console_init();
    struct run_state s = {&m, engine, stats, now_seconds(), false, gdb, window, run_for, {NULL, log_limit, 0, log_int, m.n_harts > 1}, t, 0,
                          engines, eo.kind == ENGINE_CHECK, false, 0, input_every_return, 0, pause_yield, 0, 0, 0};
    if (log_int || log_mmu) s.trap_log.out = log_file ? log_file_handle : stderr;
    struct mmu_log mmu_log;
    if (log_mmu) mmu_log_start(&mmu_log, &s.trap_log);
    if (m.parallel) {
        status = run_parallel(&s);
    } else {
        start_ticks(machine_cpu(&m));
        status = run(&s);
        stop_ticks();
    }
    if (log_mmu) mmu_log_stop(&mmu_log);
    if (gdb) gdb_stub_exited(gdb, status);
    console_flush();
    if (t) tui_exited(t, status);
    tui_free(t);
    display_close(window);
    if (screenshot && !screenshot_write_png(screenshot, m.fb.pixels, m.fb.width, m.fb.height, m.fb.stride, err,
                                            sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        if (!status) status = EXIT_CANNOT_START;
    }
    if (stats) print_stats(&s);
    engine_print_hot(engine, machine_cpu(&m), stderr);
    if (log_file_handle) fclose(log_file_handle);
    for (unsigned h = 1; m.parallel && h < m.n_harts; h++) engine_destroy(engines[h]);
    engine_destroy(engine);
    machine_destroy(&m);
    virtio_options_free(&vo);
    return status;
}
