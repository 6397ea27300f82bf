/*
 * frontends/linux/linux_user.c — user mode: build a Linux process image and run it.
 *
 * Steps, as the Linux kernel's execve does them: load the ELF (a PIE at
 * LINUX_PIE_BASE), load its dynamic loader (PT_INTERP, looked up in the
 * sysroot) into a free gap of the mmap area, place the program break after
 * the program, build the initial stack, and start at the loader's entry (or
 * the program's, for a static one).  Then the engine runs until something
 * needs the "kernel": `ecall` is a system call (handled, then execution
 * continues after it), a host signal for a guest handler makes the engine
 * stop between two instructions so the handler can be entered, and any
 * other trap is a fault: delivered to the guest's handler if it has one,
 * otherwise it kills the process with the signal Linux would send, after
 * one line on stderr saying what happened and where.
 */
#include "frontends/linux/linux_user.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cpu/disasm.h"
#include "cpu/interp.h"
#include "frontends/gdb/gdbstub.h"
#include "frontends/tui/tui.h"
#include "frontends/common/host_fds.h"

_Noreturn void linux_die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    gdb_stub_killed(sig); /* tell an attached debugger ("X" reply) */
    tui_end_now();        /* the terminal back as it was */
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* only if the signal could not kill us */
}

_Noreturn void linux_report_fault(struct linux_process *p)
{
    const char *what;
    int code;
    int sig = linux_fault_signal(p->cpu.trap_cause, &code, &what);
    char text[96] = "?";
    uint16_t lo, hi = 0;
    if (mmu_read_bytes(p->mmu, p->cpu.pc, &lo, 2, MMU_EXEC) == MMU_OK) {
        if (rv_insn_length(lo) == 4) (void)mmu_read_bytes(p->mmu, p->cpu.pc + 2, &hi, 2, MMU_EXEC);
        rv_disasm_bits((uint32_t)hi << 16 | lo, p->cpu.pc, text, sizeof text);
    }
    fprintf(stderr, "rvdbt: guest killed by SIG%s: %s at pc 0x%llx (%s), address/value 0x%llx\n", sigabbrev_np(sig), what,
            (unsigned long long)p->cpu.pc, text, (unsigned long long)p->cpu.trap_tval);
    linux_die_by_signal(sig);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double linux_run_seconds(const struct linux_process *p) { return now_seconds() - p->start_time; }

static void print_stats(struct linux_process *p, const struct engine *e, double seconds)
{
    (void)e; /* (p's own engine; linux_print_stats sums every thread's) */
    linux_print_stats(p, seconds);
}

/* `s` made safe to print: bytes outside printable ASCII (newlines, escape
 * sequences, C1 controls) and backslashes become \xNN.  A PT_INTERP path
 * comes from the guest's file: echoed raw it could forge an "rvdbt:" line
 * or drive the terminal. */
static const char *printable(const char *s, char *buf, size_t len)
{
    size_t n = 0;
    for (; *s && n + 5 < len; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c < 0x7f && c != '\\') buf[n++] = (char)c;
        else n += (size_t)snprintf(buf + n, len - n, "\\x%02x", c);
    }
    buf[n] = 0;
    return buf;
}

/* Loads the program and its dynamic loader; returns 0 or the exit status for
 * a program that cannot run (after one line on stderr). */
/* The run's reports (--stats, --explain-hot), also when the guest dies of a
 * signal such as Ctrl-C's (linux_signal_set_before_death). */
static void report_before_death(struct linux_process *p)
{
    if (!p->engine) return;
    if (p->opt->stats) print_stats(p, p->engine, now_seconds() - p->start_time);
    engine_print_hot(p->engine, &p->cpu, stderr);
}

static int load_program(struct linux_process *p, const char *path, struct elf_image *img, uint64_t *interp_base,
                        uint64_t *start_pc)
{
    struct elf_file f;
    char err[256];
    int open_errno;
    linux_catch_sigbus(p); /* (the loader maps the program's pages from its file) */
    if (!elf_open(path, &f, &open_errno, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s: %s\n", path, err);
        return open_errno == ENOENT || open_errno == ENOTDIR ? 127 : 126;
    }
    bool ok = elf_map(p->mmu, &f, f.is_dyn ? LINUX_PIE_BASE - f.lowest : 0, img, err, sizeof err);
    char interp[sizeof f.interp];
    memcpy(interp, f.interp, sizeof interp);
    elf_close(&f);
    if (!ok) {
        fprintf(stderr, "rvdbt: %s: %s\n", path, err);
        return 126;
    }
    *interp_base = 0;
    *start_pc = img->entry;
    if (!interp[0]) return 0;

    /* The dynamic loader: an ET_DYN placed like any mmap, in the highest free gap. */
    char buf[PATH_MAX];
    const char *host = linux_host_path(p, interp, buf, sizeof buf);
    struct elf_image iimg;
    char shown[4 * sizeof buf + 1];
    if (!elf_open(host, &f, &open_errno, err, sizeof err)) {
        if (open_errno == ENOENT && !p->opt->sysroot)
            fprintf(stderr, "rvdbt: %s: dynamic loader %s not found: give the riscv64 sysroot with -L DIR or RVDBT_SYSROOT\n",
                    path, printable(interp, shown, sizeof shown));
        else
            fprintf(stderr, "rvdbt: %s: dynamic loader %s: %s\n", path, printable(host, shown, sizeof shown), err);
        return open_errno == ENOENT || open_errno == ENOTDIR ? 127 : 126;
    }
    uint64_t at = mmu_find_free(p->mmu, f.highest - f.lowest, LINUX_MMAP_FLOOR, LINUX_MMAP_TOP);
    ok = at != UINT64_MAX && f.is_dyn && elf_map(p->mmu, &f, at - f.lowest, &iimg, err, sizeof err);
    if (!ok && (at == UINT64_MAX || !f.is_dyn)) snprintf(err, sizeof err, "not a position-independent loader");
    elf_close(&f);
    if (!ok) {
        fprintf(stderr, "rvdbt: %s: dynamic loader %s: %s\n", path, printable(host, shown, sizeof shown), err);
        return 126;
    }
    *interp_base = iimg.load_bias;
    *start_pc = iimg.entry;
    p->proc.interp_start = iimg.lowest, p->proc.interp_end = iimg.highest;
    /* the file it came from, as the host names it (the sysroot's, as under qemu-riscv64) */
    if (!realpath(host, p->proc.interp_path)) snprintf(p->proc.interp_path, sizeof p->proc.interp_path, "%s", host);
    return 0;
}

static void free_process(struct linux_process *p)
{
    linux_procfs_free(p);
    mmu_destroy(p->mmu);
    free(p->group);
    free(p);
}

int linux_run_loop(struct linux_process *p)
{
    const struct run_options *opt = p->opt;
    struct engine *engine = p->engine;
    /* --engine=check logs stores through the shared TLB: one thread at a time. */
    bool serial = opt->engine.kind == ENGINE_CHECK;
    while (!p->exited) {
        if (serial) linux_serial_enter(p);
        bool main_thread = p->group->first == p;
        enum engine_stop stop = opt->gdb                  ? gdb_stub_run(opt->gdb, engine, &p->cpu)
                                : opt->tui && main_thread ? tui_run(opt->tui, engine, &p->cpu)
                                                          : engine_run(engine, &p->cpu);
        if (serial) linux_serial_leave(p);
        if (stop == ENGINE_EXIT_REQUEST) {
            linux_signal_deliver(p); /* a host signal arrived for a guest handler (or another thread asked) */
            continue;
        }
        if (stop == ENGINE_DIVERGED) {
            fprintf(stderr, "rvdbt: stopped: the check engine found a difference (report above)\n");
            return 3;
        }
        if (p->cpu.trap_cause == RV_CAUSE_ECALL_U) {
            p->cpu.pc += 4; /* as the kernel does: a signal handler returns after the ecall */
            p->cpu.instret++;
            linux_syscall(p);
            if (!p->exited) linux_signal_deliver(p);
            continue;
        }
        if (linux_signal_fault(p)) continue;
        if (opt->gdb) { /* let the user look at the fault before the guest dies of it */
            int code;
            const char *what;
            gdb_stub_fatal_signal(opt->gdb, &p->cpu, linux_fault_signal(p->cpu.trap_cause, &code, &what));
        }
        if (opt->tui && p->group->first == p) {
            int code;
            const char *what;
            tui_fatal(opt->tui, &p->cpu, linux_fault_signal(p->cpu.trap_cause, &code, &what));
        }
        tui_end_now(); /* (another thread's fault: the report goes to the terminal) */
        if (opt->stats) print_stats(p, engine, now_seconds() - p->start_time);
        engine_print_hot(engine, &p->cpu, stderr);
        linux_report_fault(p);
    }
    return 0;
}

int linux_run_program(int argc, char **argv, char **envp, const struct run_options *opt)
{
    struct linux_process *p = calloc(1, sizeof *p);
    if (!p || !(p->mmu = mmu_create())) {
        fprintf(stderr, "rvdbt: cannot reserve the guest address space: %s\n", strerror(errno));
        free(p);
        return 1;
    }
    p->cpu.mmu = p->mmu;
    p->opt = opt;
    if (!linux_group_init(p)) {
        fprintf(stderr, "rvdbt: out of memory\n");
        free_process(p);
        return 1;
    }
    if (!realpath(argv[0], p->exe_path)) snprintf(p->exe_path, sizeof p->exe_path, "%s", argv[0]);

    struct elf_image img;
    uint64_t interp_base, start_pc;
    int status = load_program(p, argv[0], &img, &interp_base, &start_pc);
    if (status) {
        free_process(p);
        return status;
    }
    p->group->brk_start = p->group->brk = img.highest;
    p->proc.image_start = img.lowest, p->proc.image_end = img.highest;
    const char *execfn = argv[0];
    if (opt->argv0) argv[0] = (char *)opt->argv0;
    if (!linux_build_stack(p, &img, interp_base, argc, argv, envp, execfn)) {
        fprintf(stderr, "rvdbt: %s: arguments and environment do not fit on the guest stack\n", execfn);
        free_process(p);
        return 126;
    }
    if (opt->stats || opt->engine.tx.explain_hot) linux_signal_set_before_death(report_before_death);
    if (!linux_signal_init(p)) {
        fprintf(stderr, "rvdbt: %s: cannot set up signal handling\n", execfn);
        free_process(p);
        return 1;
    }
    p->cpu.pc = cpu_entry_pc(start_pc); /* (an odd e_entry runs from the even address, as on Linux) */
    p->proc.stack_start = p->cpu.x[2];

    struct engine *engine = engine_create(&opt->engine);
    if (!engine) {
        free_process(p);
        return 1;
    }
    p->engine = engine;
    host_fds_claim_opened(); /* from here on, the guest cannot use rvdbt's descriptors */
    p->start_time = now_seconds();
    if (opt->gdb) linux_gdb_thread_start(p);
    int loop_status = linux_run_loop(p);
    if (opt->gdb) gdb_stub_thread_end(opt->gdb, &p->cpu); /* (the other threads may go on) */
    if (loop_status) {
        engine_destroy(engine);
        free_process(p);
        return 3;
    }
    /* (A main thread may exit before the others: the process lives on.) */
    int group_status = linux_group_wait(p);
    if (opt->stats) print_stats(p, engine, now_seconds() - p->start_time);
    engine_print_hot(engine, &p->cpu, stderr);
    engine_destroy(engine);
    status = group_status;
    if (opt->gdb) gdb_stub_exited(opt->gdb, status);
    if (opt->tui) tui_exited(opt->tui, status); /* (before its memory goes: the last screen shows it) */
    free_process(p);
    return status;
}
