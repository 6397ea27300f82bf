/*
 * frontends/linux_user.c — user mode: build a Linux process image and run it.
 *
 * Steps, as the Linux kernel's execve does them: load the ELF, place the
 * program break after it, build the initial stack (argc, argv, envp, auxv —
 * the layout is fixed by the psABI and glibc's start-up code reads it), set
 * pc to the entry point.  Then the engine runs until an instruction traps:
 * `ecall` is a system call (handled, then execution continues after it),
 * anything else is a fault that kills the process with the signal Linux
 * would send, after one line on stderr saying what happened and where.
 */
#include "frontends/linux_user.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "cpu/disasm.h"
#include "cpu/interp.h"
#include "frontends/elf_loader.h"

#define STACK_TOP MMU_SPACE_SIZE          /* the stack ends at the top of the guest space */
#define STACK_SIZE (8ull << 20)          /* 8 MiB, Linux's default RLIMIT_STACK */
#define MMAP_TOP (STACK_TOP - STACK_SIZE - (1ull << 30)) /* mmaps grow down from below the stack */

/* auxv keys (linux/auxvec.h) */
enum { AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7, AT_FLAGS = 8,
       AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_HWCAP = 16, AT_CLKTCK = 17,
       AT_SECURE = 23, AT_RANDOM = 25, AT_EXECFN = 31 };

#define HWCAP_BIT(c) (1ull << ((c) - 'A'))
#define HWCAP_RV64GC (HWCAP_BIT('I') | HWCAP_BIT('M') | HWCAP_BIT('A') | HWCAP_BIT('F') | HWCAP_BIT('D') | HWCAP_BIT('C'))

/* Pushes bytes onto the guest stack being built; returns their guest address. */
static uint64_t push_bytes(struct linux_process *p, uint64_t *sp, const void *data, size_t len)
{
    *sp -= len;
    if (mmu_write_bytes(p->mmu, *sp, data, len, MMU_WRITE)) return 0;
    return *sp;
}

static bool build_stack(struct linux_process *p, const struct elf_image *img, int argc, char **argv, char **envp)
{
    if (!mmu_map(p->mmu, STACK_TOP - STACK_SIZE, STACK_SIZE, MMU_READ | MMU_WRITE)) return false;
    uint64_t sp = STACK_TOP;
    int envc = 0;
    while (envp[envc]) envc++;

    /* Strings first (highest addresses), then the pointer arrays below them. */
    uint64_t execfn = push_bytes(p, &sp, argv[0], strlen(argv[0]) + 1);
    uint64_t *env_addr = calloc((size_t)envc + 1, sizeof *env_addr);
    uint64_t *arg_addr = calloc((size_t)argc + 1, sizeof *arg_addr);
    if (!env_addr || !arg_addr) {
        free(env_addr);
        free(arg_addr);
        return false;
    }
    for (int i = envc - 1; i >= 0; i--) env_addr[i] = push_bytes(p, &sp, envp[i], strlen(envp[i]) + 1);
    for (int i = argc - 1; i >= 0; i--) arg_addr[i] = push_bytes(p, &sp, argv[i], strlen(argv[i]) + 1);
    uint8_t random_bytes[16];
    if (getrandom(random_bytes, sizeof random_bytes, 0) != sizeof random_bytes)
        memset(random_bytes, 0x5a, sizeof random_bytes);
    uint64_t at_random = push_bytes(p, &sp, random_bytes, sizeof random_bytes);

    uint64_t auxv[][2] = {
        {AT_PHDR, img->phdr_addr}, {AT_PHENT, img->phentsize}, {AT_PHNUM, img->phnum},
        {AT_PAGESZ, MMU_PAGE_SIZE}, {AT_BASE, 0}, {AT_FLAGS, 0}, {AT_ENTRY, img->entry},
        {AT_UID, getuid()}, {AT_EUID, geteuid()}, {AT_GID, getgid()}, {AT_EGID, getegid()},
        {AT_HWCAP, HWCAP_RV64GC}, {AT_CLKTCK, (uint64_t)sysconf(_SC_CLK_TCK)}, {AT_SECURE, 0},
        {AT_RANDOM, at_random}, {AT_EXECFN, execfn}, {AT_NULL, 0},
    };
    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + sizeof auxv / sizeof(uint64_t);
    sp = (sp - words * 8) & ~15ull; /* the psABI wants sp 16-byte aligned at entry */
    uint64_t w = sp;
    bool ok = true;
#define PUT(v) do { uint64_t v_ = (v); ok &= mmu_write_bytes(p->mmu, w, &v_, 8, MMU_WRITE) == MMU_OK; w += 8; } while (0)
    PUT((uint64_t)argc);
    for (int i = 0; i < argc; i++) PUT(arg_addr[i]);
    PUT(0);
    for (int i = 0; i < envc; i++) PUT(env_addr[i]);
    PUT(0);
    for (size_t i = 0; i < sizeof auxv / sizeof auxv[0]; i++) {
        PUT(auxv[i][0]);
        PUT(auxv[i][1]);
    }
#undef PUT
    free(env_addr);
    free(arg_addr);
    p->cpu.x[2] = sp;
    return ok && execfn && at_random;
}

/* The signal Linux sends for each kind of fault, and a word for the message. */
static int fault_signal(uint64_t cause, const char **what)
{
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

/* Ends rvdbt the way the guest would have ended natively: killed by `sig`. */
static _Noreturn void die_by_signal(int sig)
{
    fflush(stdout);
    fflush(stderr);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* only if the signal could not kill us */
}

static void report_fault(struct linux_process *p)
{
    const char *what;
    int sig = fault_signal(p->cpu.trap_cause, &what);
    char text[96] = "?";
    uint16_t lo, hi = 0;
    if (mmu_read_bytes(p->mmu, p->cpu.pc, &lo, 2, MMU_EXEC) == MMU_OK) {
        if (rv_insn_length(lo) == 4) (void)mmu_read_bytes(p->mmu, p->cpu.pc + 2, &hi, 2, MMU_EXEC);
        rv_disasm_bits((uint32_t)hi << 16 | lo, p->cpu.pc, text, sizeof text);
    }
    fprintf(stderr, "rvdbt: guest killed by SIG%s: %s at pc 0x%llx (%s), address/value 0x%llx\n", sigabbrev_np(sig), what,
            (unsigned long long)p->cpu.pc, text, (unsigned long long)p->cpu.trap_tval);
    die_by_signal(sig);
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void print_stats(const struct linux_process *p, const struct engine *e, double seconds)
{
    engine_print_stats(e, &p->cpu, seconds, stderr);
    fprintf(stderr, "rvdbt: system calls: %llu\n", (unsigned long long)p->syscalls);
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
    p->strace = opt->strace;

    struct elf_image img;
    char err[256];
    if (!elf_load(p->mmu, argv[0], &img, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s: %s\n", argv[0], err);
        int status = access(argv[0], F_OK) ? 127 : 126;
        mmu_destroy(p->mmu);
        free(p);
        return status;
    }
    if (img.interp[0]) {
        fprintf(stderr, "rvdbt: %s: dynamically linked programs (interpreter %s) are not supported yet\n", argv[0],
                img.interp);
        mmu_destroy(p->mmu);
        free(p);
        return 126;
    }
    p->brk_start = p->brk = img.highest;
    p->mmap_top = MMAP_TOP;
    if (!build_stack(p, &img, argc, argv, envp)) {
        fprintf(stderr, "rvdbt: %s: arguments and environment do not fit on the guest stack\n", argv[0]);
        mmu_destroy(p->mmu);
        free(p);
        return 126;
    }
    p->cpu.pc = img.entry;

    struct engine *engine = engine_create(&opt->engine);
    if (!engine) {
        mmu_destroy(p->mmu);
        free(p);
        return 1;
    }
    double start = now_seconds();
    while (!p->exited) {
        enum engine_stop stop = engine_run(engine, &p->cpu);
        if (stop == ENGINE_EXIT_REQUEST) continue;
        if (stop == ENGINE_DIVERGED) {
            fprintf(stderr, "rvdbt: stopped: the check engine found a difference (report above)\n");
            engine_destroy(engine);
            mmu_destroy(p->mmu);
            free(p);
            return 3;
        }
        if (p->cpu.trap_cause == RV_CAUSE_ECALL_U) {
            linux_syscall(p);
            p->cpu.pc += 4;
            p->cpu.instret++;
            continue;
        }
        if (opt->stats) print_stats(p, engine, now_seconds() - start);
        report_fault(p);
    }
    if (opt->stats) print_stats(p, engine, now_seconds() - start);
    engine_destroy(engine);
    int status = p->exit_status;
    mmu_destroy(p->mmu);
    free(p);
    return status;
}
