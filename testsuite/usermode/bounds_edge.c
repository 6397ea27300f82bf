/* testsuite/usermode/bounds_edge.c — loads just past the end of rvdbt's 32 GiB
 * guest space, from a base register a previous load of the same block checked.
 *
 * The translator bounds-checks a host-MMU access only once per base register
 * and 2 KiB window (translator/prepass.c); the next access relies on the guard
 * page after the guest space (mmu/mmu.c) to fault.  Here the page below the
 * 32 GiB line is mapped, a load 8 bytes below the line succeeds, and a load
 * 2040 bytes further (same base register, no check of its own) must end in
 * the guest's SIGSEGV at that load with that address — as under
 * qemu-riscv64, where nothing is mapped there either.  The loop makes the
 * block hot (translated) before the last iteration goes past the line. */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "off_stack.h"

#define LINE 0x800000000ul /* 32 GiB */

extern char edge_load[];
/* loads [p] and [p + 2040] for p = start, start + 8, ... up to end; returns the sum */
uint64_t edge_loop(uint64_t start, uint64_t end);
__asm__(".text\n"
        ".globl edge_loop\n"
        "edge_loop:\n"
        "  li a2, 0\n"
        "1:\n"
        "  ld t1, 0(a0)\n"
        ".globl edge_load\n"
        "edge_load:\n"
        "  ld t2, 2040(a0)\n"
        "  add a2, a2, t1\n"
        "  add a2, a2, t2\n"
        "  addi a0, a0, 8\n"
        "  bltu a0, a1, 1b\n"
        "  mv a0, a2\n"
        "  ret\n");

static void on_segv(int sig, siginfo_t *si, void *context)
{
    (void)sig;
    const unsigned long *g = ((ucontext_t *)context)->uc_mcontext.__gregs;
    printf("SIGSEGV at %s, address line + %ld, a0 = line - %lu, sum so far %lu\n",
           g[0] == (unsigned long)edge_load ? "the unchecked load" : "another pc", (long)((uintptr_t)si->si_addr - LINE),
           LINE - g[10], g[12]);
    fflush(stdout);
    _exit(0);
}

static void body(void)
{
    char *page = mmap((void *)(LINE - 4096), 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (page == MAP_FAILED) {
        printf("cannot map the page below 32 GiB\n");
        fflush(stdout);
        _exit(0);
    }
    for (int i = 0; i < 4096; i++) page[i] = (char)(i * 7 + 1);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    /* 40 iterations inside the page (both loads hit it), then the second load crosses the line */
    uint64_t start = LINE - 4096;
    printf("in the page: %lu\n", (unsigned long)edge_loop(start, start + 8 * 40));
    edge_loop(LINE - 2048 - 8 * 3, LINE);
    printf("no fault\n");
    fflush(stdout);
    _exit(1);
}

int main(void)
{
    run_off_stack(body); /* (off_stack.h says why) */
}
